"""GUI test fixtures: this PC's preferences and the log go to a temporary folder; message boxes are recorded
instead of waiting for a click; the bundled font is the application font."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from app.gui.fonts import apply_app_font
from app.gui.i18n import install_language


@pytest.fixture(autouse=True)
def _gui_environment(qapp: QApplication, tmp_path_factory, monkeypatch):
    """Fresh preferences for every test, the log under a temporary folder, Chinese and the bundled font."""
    prefs = tmp_path_factory.mktemp("prefs")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(prefs))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(prefs))
    monkeypatch.setenv("XDG_STATE_HOME", str(prefs / "state"))
    apply_app_font(qapp)
    yield
    install_language("zh")
    apply_app_font(qapp)


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes shown during the test as (kind, text); none of them blocks."""
    shown: list[tuple[str, str]] = []

    def recorder(kind: str):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return shown


@pytest.fixture(autouse=True)
def _typed_login(monkeypatch):
    """The login dialog fills itself in from JOINTLEDGER_USER (else admin) and JOINTLEDGER_PASSWORD, as if typed,
    while the test has a password in the environment (the window itself never reads it)."""
    from app.gui.login import LoginDialog

    real_exec = LoginDialog.exec

    def exec_(dialog: LoginDialog) -> int:
        password = os.environ.get("JOINTLEDGER_PASSWORD")
        if password is None:
            return real_exec(dialog)
        dialog.user.setCurrentText(os.environ.get("JOINTLEDGER_USER", "admin"))
        dialog.password.setText(password)
        dialog.log_in()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", exec_)


@pytest.fixture
def window(qtbot, messages):
    """The main window with no book open."""
    from app.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    if win.ctx.book is not None:
        win.ctx.set_book(None)


@pytest.fixture
def demo_window(window, tmp_path, demo_file):
    """The main window with a copy of the demo book open."""
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    assert window.open(path)
    return window
