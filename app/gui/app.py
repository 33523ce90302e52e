"""Starting the app: ``run_gui(argv)`` (called by ``jointledger`` with a display), ``create_app`` for a bundle's
self-test (``create_app([])`` then ``MainWindow()`` offscreen)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app import version
from app.gui import errors
from app.gui.context import preferences
from app.gui.fonts import apply_app_font
from app.gui.i18n import install_language
from app.gui.main_window import MainWindow
from app.gui.start import last_book

__all__ = ["MainWindow", "create_app", "run_gui"]


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the bundled font, the chosen language and the error log in place."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "jointledger", *(argv or [])])
    app.setOrganizationName("JointLedger")
    app.setApplicationName("JointLedger")
    app.setApplicationVersion(version())
    prefs = preferences()
    apply_app_font(app, large=prefs.value("large_font", False, type=bool))
    install_language(str(prefs.value("language", "zh")))
    errors.setup_logging()
    return app


def run_gui(argv: list[str]) -> int:
    """Open the app; ``argv`` may hold one .jlbook to open (a double-clicked file), else the last book reopens."""
    app = create_app(argv)
    window = MainWindow()
    errors.install_excepthook()
    window.show()
    books = [a for a in argv if a.endswith(".jlbook")]
    path = books[0] if books else last_book()
    if path:
        window.open(path)
    return app.exec()
