"""Voucher entry driven from the keyboard, as an accountant types a voucher."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.book import Book
from app.core.vouchers import LineInput
from app.gui.context import AppContext
from app.gui.fonts import apply_app_font
from app.gui.pages.reports import ReportsPage
from app.gui.voucher_entry import VoucherEditor
from app.gui.widgets.printing import write_pdf

OUT = Path("test-output")


SPECIAL = {"\n": Qt.Key.Key_Return, "↓": Qt.Key.Key_Down}


@pytest.fixture
def ctx(qtbot, tmp_path):
    apply_app_font(QApplication.instance())
    book = Book.create(tmp_path / "t.jlbook", name="测试联营公司", start="2026-01", user="会计")
    book.accounts.add_sub("102", "农商银行")
    book.accounts.add_sub("102", "邮储银行")
    context = AppContext()
    context.set_book(book)
    yield context
    context.set_book(None)


@pytest.fixture
def editor(qtbot, ctx):
    widget = VoucherEditor(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def keys(text: str) -> None:
    """Type as the keyboard does: into the open completion list if there is one, else into the focus widget;
    ASCII and Enter/↓ as key presses, Chinese as an input method commits it."""
    for ch in text:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        if ch in SPECIAL:
            QTest.keyClick(widget, SPECIAL[ch])
        elif ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def test_three_line_voucher_by_keyboard(qtbot, ctx, editor):
    # 10201 by code, 101 by the only name that matches, 501 by name, its amount by "="
    keys("收到租金\n10201\n1500\n\n现金\n500\n\n经营收入\n\n=\n")
    lines = editor.model.entered()
    assert [ln.account for ln in lines] == ["10201", "101", "501"]
    assert [ln.summary for ln in lines] == ["收到租金"] * 3  # copied from the line above
    assert [(ln.debit_fen, ln.credit_fen) for ln in lines] == [(150000, 0), (50000, 0), (0, 200000)]
    assert editor.words.text() == "人民币贰仟元整" and editor.debit_total.text() == "2,000.00"
    assert editor.grid.currentIndex().row() == 3  # Enter went on to the next line
    OUT.mkdir(exist_ok=True)
    editor.grab().save(str(OUT / "voucher_entry.png"))

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.voucher is not None and editor.voucher.status == "draft", editor.message.text()
    book = ctx.book
    vid = editor.voucher.id
    assert book.vouchers.get(vid).lines[2].credit_fen == 200000
    editor.actions_["review"].trigger()
    assert "制单人不能审核" in editor.message.text()  # the preparer cannot review
    book.user = "审核员"
    editor.actions_["review"].trigger()
    assert editor.voucher.status == "reviewed"
    assert editor.model.read_only
    editor.actions_["post"].trigger()
    assert editor.voucher.status == "posted" and editor.voucher.number == 1
    assert editor.actions_["reverse"].isVisible() and not editor.actions_["save"].isVisible()
    qtbot.wait(20)
    editor.grab().save(str(OUT / "voucher_posted.png"))
    month = int(editor.voucher.period[5:])

    reports = ReportsPage(ctx)  # the trial balance shows it
    qtbot.addWidget(reports)
    reports.book_changed()
    reports.months.set_value(int(editor.voucher.period[:4]), month, month)
    reports.refresh()
    tb = {r["code"]: r for r in reports.table.model.rows}
    assert tb["10201"]["debit_fen"] == 150000 and tb["101"]["debit_fen"] == 50000
    assert tb["501"]["credit_fen"] == 200000 and reports.state.text() == "试算平衡"
    reports.drill(tb["10201"])  # and its detail ledger, and the voucher behind the line
    ledger = reports.dialog.view
    lines = [r for r in ledger.table.model.rows if r["kind"] == "line"]
    assert [(r["voucher_id"], r["voucher"], r["debit_fen"]) for r in lines] == [(vid, "记-1", 150000)]
    ledger.drill(lines[0])
    assert ledger.dialog.editor.voucher.id == vid


def test_unbalanced_voucher_is_refused_beside_the_totals(editor):
    keys("提现\n101\n300\n\n10201\n\n250\n")
    assert editor.message.text() == "借贷不平：差额 50.00。"
    assert editor.words.text() == ""
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.voucher is None
    assert "借贷不平" in editor.message.text()
    assert editor.ctx.book.vouchers.count() == 0


def test_closed_period_voucher_is_refused_with_the_reason(editor, qtbot):
    book = editor.ctx.book
    book.periods.close_month("2026-01")
    editor.date.setDate(QDate(2026, 1, 20))
    editor.grid.start_at(0, 0)
    keys("提现\n101\n300\n\n10201\n\n=\n")
    assert "2026-01 已结账" in editor.message.text()
    editor.actions_["save"].trigger()
    assert editor.voucher is None and book.vouchers.count() == 0
    assert "2026-01 已结账" in editor.message.text()
    assert editor.message.isVisible()
    editor.grab().save(str(OUT / "voucher_closed_period.png"))


def test_unknown_account_keeps_the_cell_open(editor):
    keys("提现\n农业银行\n")
    assert "没有与“农业银行”相符的末级科目" in editor.message.text()
    assert editor.grid.currentIndex().column() == 1  # still on the account
    assert editor.model.lines[0].account == ""


def test_posted_voucher_is_reversed(editor, tmp_path):
    book = editor.ctx.book
    vid = book.vouchers.create("2026-03-05", [LineInput("101", "提现", 30000), LineInput("10201", "", credit_fen=30000)])
    book.user = "审核员"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    editor.load(vid)
    assert editor.model.read_only and editor.actions_["reverse"].isVisible()
    title, subtitle, columns, rows = editor.printout()
    assert rows[-2][0] == "合计：人民币叁佰元整" and "附单据 0 张" in subtitle
    pdf = tmp_path / "voucher.pdf"
    write_pdf(str(pdf), title, columns, rows, subtitle=subtitle)
    text = PdfReader(pdf).pages[0].extract_text()
    assert "记账凭证" in text and "人民币叁佰元整" in text
    editor.actions_["reverse"].trigger()
    reversal = editor.voucher
    assert reversal is not None and reversal.reverses_id == vid and reversal.status == "draft"
    assert [ln.debit_fen for ln in reversal.lines] == [-30000, 0]
    assert "冲销凭证" in editor.status.text()
    book.user = "会计"  # reviewed by someone other than the one who made the reversal
    editor.actions_["review"].trigger()
    editor.actions_["post"].trigger()
    assert editor.voucher.status == "posted"
    year = int(reversal.period[:4])
    tb = {r["code"]: r for r in book.reports.trial_balance(year)["rows"]}
    assert tb["101"]["closing_fen"] == 0 and tb["101"]["debit_fen"] == 0  # red ink: the debit is taken back
    assert "10201" not in tb  # nothing left on it
    editor.load(vid)
    editor.actions_["reverse"].trigger()
    assert "已经冲销过" in editor.message.text()


def test_pick_from_the_completion_list_then_save_and_new(editor, qtbot):
    keys("存入现金\n银行")
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.model().rowCount() == 2  # 农商银行 and 邮储银行
    keys("↓\n")  # the first of the list
    assert editor.model.lines[0].account == "10201"
    keys("800\n\n101\n\n=\n")
    assert editor.model.lines[1].credit_fen == 80000
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F12)
    assert editor.voucher is None and editor.message.text() == "上一张凭证已保存。"
    assert editor.ctx.book.vouchers.count(status="draft") == 1
    assert editor.grid.currentIndex().row() == 0 and editor.grid.currentIndex().column() == 0
    keys("下一张\n")  # the cursor waits in the new voucher's first summary
    assert editor.model.lines[0].summary == "下一张"


def test_space_moves_the_amount_to_the_other_side(editor):
    keys("冲账\n101\n45.5 ")
    line = editor.model.lines[0]
    assert (line.debit_fen, line.credit_fen) == (0, 4550)
    assert editor.grid.currentIndex().column() == 3  # the cursor followed it
    keys(" ")
    assert (line.debit_fen, line.credit_fen) == (4550, 0)
