"""A tour of the main window with a book open: every page, the voucher entry screen, and every print preview a
page offers, each checked with ``screen_checks`` (cut-off text, glyph boxes, Qt's English on a Chinese screen)
and, given a folder, saved as a screenshot.

Run under a real X server (Xvfb) as a script, it prints one problem a line and exits 1 when there are any;
``--docs`` also copies the README's screenshots (``DOCS``) to docs/screenshots/:

    DISPLAY=:99 QT_QPA_PLATFORM=xcb python tests/gui/screen_tour.py OUT_DIR [--docs]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from screen_checks import elided_texts, glyph_boxes, qt_english

from app.gui.pages import PAGES

DOCS = {  # README screenshot ← the tour's screenshot
    "home.png": "zh_normal_home.png",
    "voucher.png": "zh_normal_voucher_posted.png",
    "opening-balances.png": "zh_normal_setup.png",
    "closing.png": "zh_normal_closing.png",
    "users-backups.png": "zh_normal_admin.png",
    "distribution-plan.png": "zh_normal_distribution.png",
    "trial-balance-large.png": "zh_large_reports.png",
    "shares-en.png": "en_normal_shares.png",
    "vouchers-en-large.png": "en_large_vouchers.png",
}


def check(widget: QWidget, tag: str, lang: str, out: Path | None) -> list[str]:
    QApplication.processEvents()
    if out is not None:
        widget.grab().save(str(out / f"{tag}.png"))
    problems = [f"{tag}: cut off {p}" for p in elided_texts(widget)]
    problems += [f"{tag}: no glyph for {c!r}" for c in glyph_boxes(widget)]
    if lang == "zh":
        problems += [f"{tag}: Qt's English {w!r}" for w in qt_english(widget)]
    return problems


def previews(window: QWidget, tag: str, lang: str, out: Path | None) -> list[str]:
    """Click each visible 打印 button of the current page and check the preview it opens."""
    problems: list[str] = []
    page = window.current_page()
    buttons = [
        b
        for b in page.findChildren(QPushButton)
        if b.isVisible() and b is getattr(b.parent(), "print_button", None)
    ]
    for i, button in enumerate(buttons):
        before = set(QApplication.topLevelWidgets())
        button.click()
        QApplication.processEvents()
        opened = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QPrintPreviewDialog) and w not in before
        ]
        if not opened:
            problems.append(f"{tag}: print button {i} opened no preview")
            continue
        problems += check(opened[0], f"{tag}_print{i}", lang, out)
        opened[0].close()
        QApplication.processEvents()
    return problems


def tour(window, lang: str, size: str, out: Path | None = None) -> list[str]:
    """Every page (with its print previews) and the voucher entry screen of ``window``'s open book."""
    problems: list[str] = []
    window.resize(1280, 800)
    for key, _module, _cls in PAGES:
        window.show_page(key)
        tag = f"{lang}_{size}_{key}"
        problems += check(window, tag, lang, out)
        problems += previews(window, tag, lang, out)
    window.show_page("vouchers")
    page = window.current_page()
    page.new_voucher()
    problems += check(window, f"{lang}_{size}_voucher_new", lang, out)
    first = page.ctx.book.vouchers.list(limit=1)[0]["id"]
    page.open_voucher(first)
    problems += check(window, f"{lang}_{size}_voucher_posted", lang, out)
    before = set(QApplication.topLevelWidgets())
    page.editor.print_voucher()
    opened = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintPreviewDialog) and w not in before
    ]
    problems += (
        check(opened[0], f"{lang}_{size}_voucher_print", lang, out) if opened else ["voucher: no preview"]
    )
    for dialog in opened:
        dialog.close()
    page.show_list()
    return problems


def main(out: Path) -> int:
    """Build the demo book, tour it in both languages and both font sizes, print the problems."""
    import os
    import tempfile

    from PySide6.QtCore import QSettings

    home = Path(tempfile.mkdtemp(prefix="jl-tour-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home))
    os.environ.setdefault("JOINTLEDGER_BACKUP_DIR", str(home / "backups"))
    app = QApplication([])
    from app.core.demo import build_demo
    from app.core.trust.users import DEMO_PASSWORD
    from app.gui.fonts import apply_app_font
    from app.gui.i18n import install_language
    from app.gui.login import LoginDialog
    from app.gui.main_window import MainWindow

    def typed(dialog: LoginDialog) -> int:
        dialog.user.setCurrentText("admin")
        dialog.password.setText(os.environ.get("JOINTLEDGER_PASSWORD") or DEMO_PASSWORD)
        dialog.log_in()
        return dialog.result()

    LoginDialog.exec = typed  # the tour types the password as a person would
    path = home / "demo.jlbook"
    build_demo(path, year=2025).close()
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for lang in ("zh", "en"):
        for size in ("normal", "large"):
            install_language(lang)
            apply_app_font(app, large=size == "large")
            window = MainWindow()
            window.show()
            window.open(path)
            problems += tour(window, lang, size, out)
            window.close_book()
            window.close()
            window.deleteLater()
            app.processEvents()
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    import shutil

    sys.path.insert(0, str(Path(__file__).parent))
    folder = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "test-output/tour"))
    status = main(folder)
    if "--docs" in sys.argv:
        docs = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
        for name, shot in DOCS.items():
            shutil.copyfile(folder / shot, docs / name)
    sys.exit(status)
