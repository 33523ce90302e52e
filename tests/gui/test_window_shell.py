"""The window around the pages: Qt's own dialogs in Chinese, the title, who is logged in, 切换用户, the login
dialog, the new-book dialog's defaults."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMessageBox, QWizard

from app.core.book import Book
from app.gui.i18n import install_language
from app.gui.login import LoginDialog
from app.gui.pages.settings import SettingsPage
from app.gui.start import NewBookDialog


def test_qt_dialogs_speak_chinese_on_a_chinese_screen(qtbot):
    """Message boxes, wizard buttons and the file dialog showed Qt's English (OK / < Back / File name)."""
    install_language("zh")
    box = QMessageBox(
        QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"是(&Y)", "否(&N)"}
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< 上一步(&B)"
    files = QFileDialog()
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    labels = {label.text() for label in files.findChildren(QLabel)}
    assert "文件名称(&N)：" in labels and not {"File &name:", "Look in:"} & labels
    install_language("en")
    assert QApplication.applicationDisplayName() == "Joint Ledger"
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Yes)
    qtbot.addWidget(box)
    assert box.buttons()[0].text() == "&Yes"


def test_the_title_names_the_organisation_once_and_the_status_bar_the_user(demo_window, tmp_path):
    """The title read "联营账簿 - 东岭… — 联营账簿"; the status bar showed the file's full (temporary) path."""
    book = demo_window.ctx.book
    assert demo_window.windowTitle() == book.settings.name
    assert QApplication.applicationDisplayName() == "联营账簿"  # Qt appends it once
    assert demo_window.user_label.text() == "当前用户：admin"
    bar = demo_window.statusBar()
    shown = [w.text() for w in bar.findChildren(QLabel)] + [bar.currentMessage()]
    assert not any(str(tmp_path) in text for text in shown)
    demo_window.close_book()
    assert demo_window.windowTitle() == "" and demo_window.user_label.text() == ""


def test_switch_user_keeps_the_book_open(demo_window, monkeypatch):
    book = demo_window.ctx.book
    monkeypatch.setenv("JOINTLEDGER_USER", "审核")
    demo_window.switch_user()
    assert demo_window.ctx.book is book and book.user == "审核"
    assert demo_window.user_label.text() == "当前用户：审核"


def test_login_asks_even_with_a_password_in_the_environment(window, monkeypatch, demo_file, tmp_path):
    """JOINTLEDGER_PASSWORD (for scripts) logged the window in silently as admin."""
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    shown: list[str] = []

    def cancel(dialog: LoginDialog) -> int:
        shown.append(dialog.user.currentText())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", cancel)
    monkeypatch.setenv("JOINTLEDGER_PASSWORD", "test-password")
    assert not window.open(path)
    assert len(shown) == 1 and window.ctx.book is None


def test_login_names_the_organisation_and_preselects_the_last_user(qtbot, demo_file, tmp_path):
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    with Book.open(path, user="admin", password="test-password") as b:
        name = b.settings.name
    dialog = LoginDialog(path)
    qtbot.addWidget(dialog)
    assert any(name in label.text() for label in dialog.findChildren(QLabel))
    dialog.user.setCurrentText("审核")
    dialog.password.setText("test-password")
    dialog.log_in()
    dialog.book.close()
    again = LoginDialog(path)
    qtbot.addWidget(again)
    assert again.user.currentText() == "审核"


def test_new_book_dialog_defaults_to_the_documents_folder(qtbot):
    """No default location, and "请选择账簿的保存位置。" stayed after a location was chosen."""
    dialog = NewBookDialog()
    qtbot.addWidget(dialog)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    dialog.name.setText("东岭村股份经济合作社")
    assert dialog.path.text().startswith(documents) and dialog.path.text().endswith(
        "东岭村股份经济合作社.jlbook"
    )
    dialog.path.clear()
    dialog.create()
    assert dialog.error.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.path, "/tmp/x.jlbook")
    assert not dialog.error.isVisibleTo(dialog)
    dialog.name.setText("别的名字")  # a location the user typed stays
    assert dialog.path.text() == "/tmp/x.jlbook"


def test_settings_show_no_fiscal_start_month(qtbot, tmp_path):
    """The accounting year is the calendar year (制度 总则): settings no longer show a start month ("M1" in English)."""
    from app.gui.context import AppContext

    install_language("en")
    ctx = AppContext()
    ctx.set_book(Book.create(tmp_path / "b.jlbook", name="Test", start="2026-01", user="clerk"))
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert not hasattr(page, "fiscal")
    ctx.set_book(None)


def test_households_are_counted_apart_from_villages_and_groups(demo_window):
    """A roster of 5 households showed as "共 9 条" with its villages and groups."""
    book = demo_window.ctx.book
    for i in range(5):
        book.members.add(code=f"H{i}", name=f"农户{i}", kind="household", household_size=3)
    demo_window.show_page("members")
    page = demo_window.current_page()
    page.kind.setCurrentIndex(page.kind.findData("household"))
    assert page.table.model.total == 5 < book.members.count()
    assert page.table.count_label.text() == "共 5 条"
    assert {row["kind"] for row in page.table.model.rows} == {"household"}
