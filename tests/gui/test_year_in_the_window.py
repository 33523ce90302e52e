"""A year run in the window alone: a new book, sub-accounts and opening balances with their check, users, a voucher
entered by one user and reviewed and posted by another, the months and the year closed, a backup and a restore."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.gui.pages.admin import AdminPage, UserDialog
from app.gui.pages.closing import ClosingPage
from app.gui.pages.setup import CODE, CREDIT, DEBIT, SetupPage
from app.gui.start import NewBookDialog, adopt_book
from app.gui.voucher_grid import EntryLine

PASSWORD = "test-password"  # what the tests' login dialog types (conftest)


def choose(page: SetupPage, code: str) -> None:
    tree = page.accounts.tree
    tree.setCurrentItem(
        next(
            tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())
            if tree.topLevelItem(i).text(0) == code
        )
    )


def set_amount(page: SetupPage, code: str, column: int, text: str) -> None:
    table = page.opening.table
    row = next(r for r in range(table.rowCount()) if table.item(r, CODE).text() == code)
    table.item(row, column).setText(text)


def add_user(window, name: str, role: str) -> None:
    page = window.current_page()
    assert isinstance(page, AdminPage)
    dialog = UserDialog(page.ctx, parent=page)
    dialog.name.setText(name)
    dialog.password.setText(PASSWORD)
    dialog.roles[role].setChecked(True)
    dialog._accept()
    assert dialog.result() == UserDialog.DialogCode.Accepted, dialog.note.text()
    page.refresh()


def log_in_as(window, monkeypatch, name: str) -> None:
    monkeypatch.setenv("JOINTLEDGER_USER", name)
    window.switch_user()
    assert window.ctx.book.user == name


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_a_year_in_the_window(window, tmp_path, monkeypatch, messages, yes):
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(tmp_path / "backups"))
    # 新建账簿
    dialog = NewBookDialog(window)
    dialog.name.setText("东岭村股份经济合作社")
    dialog.year.setValue(2025)
    dialog.path.setText(str(tmp_path / "东岭村.jlbook"))
    dialog.create()
    adopt_book(window.ctx, dialog.book)
    book = window.ctx.book

    # 明细科目: 102 银行存款 gets a bank
    window.show_page("setup")
    setup = window.current_page()
    assert isinstance(setup, SetupPage)
    choose(setup, "102")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("农商银行", True))
    setup.accounts.add()
    assert book.accounts.get("10201")["name"] == "农商银行"

    # 期初余额: refused while unbalanced, saved once debits equal credits
    setup.refresh()
    set_amount(setup, "10201", DEBIT, "150000")
    set_amount(setup, "101", DEBIT, "2000")
    set_amount(setup, "301", CREDIT, "150000")
    assert not setup.opening.save_button.isEnabled() and "差额 2,000.00" in setup.opening.check.text()
    set_amount(setup, "311", CREDIT, "2000")
    assert setup.opening.save_button.isEnabled() and setup.opening.totals() == (15200000, 15200000)
    setup.opening.save()
    assert book.vouchers.opening_balances() == {
        "10201": 15000000,
        "101": 200000,
        "301": -15000000,
        "311": -200000,
    }

    # users: the first is the administrator (the session becomes theirs), then an accountant and a reviewer
    window.show_page("admin")
    add_user(window, "管理员", "admin")
    assert book.user == "管理员" and window.user_label.text() == "当前用户：管理员"
    add_user(window, "会计", "accountant")
    add_user(window, "审核", "reviewer")
    assert [u["name"] for u in book.users.list()] == sorted(["管理员", "会计", "审核"])

    # a voucher entered by 会计, reviewed and posted by 审核
    log_in_as(window, monkeypatch, "会计")
    window.show_page("vouchers")
    vouchers = window.current_page()
    vouchers.new_voucher()
    editor = vouchers.editor
    assert editor.date.date().toString("yyyy-MM") == "2025-01"  # the open month, not today
    editor.model.set_lines(
        [EntryLine("收到租金", "10201", 500000, 0), EntryLine("收到租金", "501", 0, 500000)], read_only=False
    )
    assert editor.save(), editor.message.text()
    vid = editor.voucher.id
    log_in_as(window, monkeypatch, "审核")
    window.show_page("vouchers")
    vouchers.open_voucher(vid)
    editor.review()
    editor.post()
    assert book.vouchers.get(vid).status == "posted" and book.vouchers.get(vid).reviewer == "审核"

    # 结账 every month but the last, then 年结 with its checks
    log_in_as(window, monkeypatch, "会计")
    window.show_page("closing")
    closing = window.current_page()
    assert isinstance(closing, ClosingPage) and closing.year.value() == 2025
    for _ in range(11):
        closing.close_button.click()
    assert book.periods.last_closed() == "2025-11"
    closing.close_year()
    assert book.periods.year_closed(2025), messages
    assert closing.months.item(11, 1).text() == "已结账"

    # 备份, a change, 恢复: the change is gone and the book is open again
    log_in_as(window, monkeypatch, "管理员")
    window.show_page("admin")
    admin = window.current_page()
    admin.back_up()
    manual = next(i for i, b in enumerate(admin._backups) if b.reason == "manual")
    window.show_page("setup")
    choose(setup, "112")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("张三", True))
    setup.accounts.add()
    assert window.ctx.book.accounts.get("11201") is not None
    window.show_page("admin")
    admin.refresh()
    admin.backups.selectRow(manual)
    monkeypatch.setenv("JOINTLEDGER_USER", "管理员")
    admin.restore()
    restored = window.ctx.book
    assert restored is not None and restored is not book
    assert restored.accounts.get("11201") is None and restored.periods.year_closed(2025)
    assert any(b.reason == "restore" for b in restored.backups.list())
