"""Choosing by keyboard: pinyin initials and F7 for accounts, the book's common summaries (摘要库), and 去审核凭证
opening the drafts."""

from __future__ import annotations

import test_vouchers_entry as entry
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.vouchers import LineInput
from app.gui.account_picker import AccountPicker
from app.gui.voucher_grid import ACCOUNT, SUMMARY, AccountEdit, SummaryEdit

ctx, editor, keys = entry.ctx, entry.editor, entry.keys  # the entry tests' book, editor and typing


def test_pinyin_initials_choose_an_account(editor):
    """yhck → 银行存款: the accounts of a book without a Chinese input method at hand."""
    keys("收款\nxj\n")
    assert editor.model.lines[0].account == "101"  # 现金 (xj) is the only match
    assert editor.grid.currentIndex().column() != ACCOUNT  # taken, and on to the amount
    hits = editor.ctx.book.accounts.search("yhck")
    assert [a["code"] for a in hits] == ["10201", "10202"]


def test_f7_opens_the_account_picker(editor):
    keys("收款\n")
    cell = QApplication.focusWidget()
    assert isinstance(cell, AccountEdit)

    def choose() -> None:
        picker = QApplication.activeModalWidget()
        assert (
            isinstance(picker, AccountPicker) and picker.list.count() > 20
        )  # the whole chart to choose from
        QTest.keyClicks(picker.filter, "nsyh")  # 农商银行
        QTest.keyClick(picker.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    QTest.keyClick(cell, Qt.Key.Key_F7)
    assert editor.model.lines[0].account == "10201"


def test_summaries_are_offered_from_the_book(editor, ctx):
    book = ctx.book
    for _ in range(2):
        book.vouchers.create(
            "2026-01-05", [LineInput("101", "收到冷库租金", 100, 0), LineInput("501", "", 0, 100)]
        )
    book.vouchers.create("2026-01-06", [LineInput("101", "支付电费", 100, 0), LineInput("501", "", 0, 100)])
    assert book.vouchers.common_summaries()[:2] == ["收到冷库租金", "支付电费"]
    editor.new()
    cell = QApplication.focusWidget()
    assert isinstance(cell, SummaryEdit) and editor.grid.currentIndex().column() == SUMMARY
    cell.textEdited.emit("租金")
    assert cell.choices.stringList() == ["收到冷库租金"]


def test_go_review_opens_the_list_of_drafts(demo_window):
    book = demo_window.ctx.book
    book.vouchers.create("2025-12-20", [LineInput("101", "待审", 100, 0), LineInput("501", "", 0, 100)])
    demo_window.show_page("home")
    home = demo_window.current_page()
    home.refresh()
    assert home.review_button.isEnabled()
    home.review_button.click()
    page = demo_window.current_page()
    assert page.stack.currentIndex() == 0 and page.status.currentData() == "draft"
    assert page.table.model.total == book.vouchers.count(status="draft") == 1
