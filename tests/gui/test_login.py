"""The login dialog when a book with users opens, roles in the GUI, warnings at open, and the history dialog."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.core.book import Book
from app.gui.history import HistoryDialog
from app.gui.login import LoginDialog


@pytest.fixture(autouse=True)
def _backups(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(tmp_path / "backups"))


@pytest.fixture
def path(demo_file, tmp_path):
    """A copy of the demo book: users admin, 会计, 审核 and 主任 with the password test-password; and 小王 (read only)."""
    p = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, p)
    with Book.open(p, user="admin", password="test-password") as b:
        b.users.add("小王", "xiaowang-1", ["查看"])
    return p


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_wrong_password_stays_in_the_dialog_and_the_right_one_logs_in(qtbot, path):
    dialog = LoginDialog(path)
    qtbot.addWidget(dialog)
    assert [dialog.user.itemText(i) for i in range(dialog.user.count())] == sorted(["admin", "会计", "审核", "主任", "小王"])
    dialog.user.setCurrentText("会计")
    qtbot.keyClicks(dialog.password, "wrong-one")
    click_ok(qtbot, dialog)
    assert dialog.book is None and dialog.note.text() == "用户名或密码不对。" and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "test-password")
    click_ok(qtbot, dialog)
    assert dialog.result() == LoginDialog.DialogCode.Accepted and dialog.book.user == "会计"
    dialog.book.close()


def log_in_from_the_window(window, qtbot, path, user, password) -> None:
    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.user.setCurrentText(user)
        qtbot.keyClicks(dialog.password, password)
        click_ok(qtbot, dialog)

    QTimer.singleShot(0, fill_in)
    assert window.open(path)


def test_the_main_window_asks_for_a_login_and_the_role_decides(window, qtbot, messages, path, monkeypatch):
    monkeypatch.delenv("JOINTLEDGER_PASSWORD")
    log_in_from_the_window(window, qtbot, path, "小王", "xiaowang-1")
    book = window.ctx.book
    assert book.user == "小王"
    assert window.ctx.call(lambda: book.members.add(code="N1", name="新成员")) is None
    assert messages == [("warning", "用户“小王”没有“修改资料”的权限，请由有权限的人操作。")]
    member = book.members.get("V01")
    assert "*" in book.users.mask(member)["bank_account"]
    window.close_book()
    log_in_from_the_window(window, qtbot, path, "会计", "test-password")
    assert window.ctx.call(lambda: window.ctx.book.members.add(code="N1", name="新成员"))
    assert window.ctx.book.members.get("N1")["name"] == "新成员"


def test_cancelling_the_login_opens_nothing(window, qtbot, path, monkeypatch):
    monkeypatch.delenv("JOINTLEDGER_PASSWORD")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert not window.open(path)
    assert window.ctx.book is None


def test_a_failed_check_at_open_is_shown_loudly(window, messages, path):
    conn = sqlite3.connect(path)
    conn.execute("UPDATE period_totals SET credit_fen = credit_fen + 1 WHERE account_id = (SELECT min(account_id) FROM period_totals)")
    conn.commit()
    conn.close()
    assert window.open(path)
    assert messages and messages[0][0] == "critical" and "试算不平衡" in messages[0][1]


def test_history_of_a_voucher(qtbot, path):
    with Book.open(path, readonly=True) as b:
        vid = b.db.execute("SELECT id FROM vouchers WHERE status = 'posted' AND kind = 'normal' LIMIT 1").fetchone()[0]
        dialog = HistoryDialog(b, "vouchers", vid, "记-1")
        qtbot.addWidget(dialog)
        tree = dialog.tree
        top = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        assert len(top) == len(dialog.entries) >= 4
        assert top[0].text(1) == "审核" and top[0].text(3) == "修改凭证"  # newest first: the posting
        assert top[-1].text(3) in ("新增凭证", "新增分录")
        lines = [it for it in top if it.text(3) == "新增分录"]
        amounts = [lines[0].child(i).text(5) for i in range(lines[0].childCount()) if lines[0].child(i).text(3).endswith("_fen")]
        assert any("." in a for a in amounts)  # money in yuan, not fen
