"""The vouchers page: the list with its filters, and opening a voucher from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.book import Book
from app.core.vouchers import LineInput
from app.gui.context import AppContext
from app.gui.fonts import apply_app_font
from app.gui.pages.vouchers import VouchersPage

OUT = Path("test-output")


@pytest.fixture
def page(qtbot, tmp_path, demo_file):
    apply_app_font(QApplication.instance())
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    ctx = AppContext()
    widget = VouchersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    ctx.set_book(Book.open(path, user="会计"))
    widget.book_changed()
    yield widget
    ctx.set_book(None)


def test_list_filters_and_opens_a_voucher(page, qtbot):
    book = page.ctx.book
    model = page.table.model
    total = book.vouchers.count()
    assert model.total == total and model.rowCount() == min(total, model.batch)
    first = model.row(0)
    assert first["period"] == "2025-12" and first["voucher"].startswith("记-")
    OUT.mkdir(exist_ok=True)
    page.grab().save(str(OUT / "vouchers_list.png"))

    page.period.setCurrentIndex(page.period.findData("2025-03"))
    assert model.total == book.vouchers.count(period="2025-03") > 0
    assert {r["period"] for r in model.rows} == {"2025-03"}
    page.status.setCurrentIndex(page.status.findData("draft"))
    assert model.total == 0
    page.status.setCurrentIndex(0)
    page.period.setCurrentIndex(0)
    summary = first["summary"]
    page.table.filter.setText(summary)
    page.table.apply_filter()
    assert 0 < model.total <= total and all(r["summary"] for r in model.rows)

    page.table.view.setCurrentIndex(model.index(0, 0))
    page.open_current()
    assert page.stack.currentIndex() == 1
    assert page.editor.voucher.id == model.row(0)["id"] and page.editor.model.read_only
    qtbot.wait(20)
    page.grab().save(str(OUT / "vouchers_open.png"))
    page.show_list()
    assert page.stack.currentIndex() == 0


def test_new_voucher_from_the_list(page):
    book = page.ctx.book
    before = book.vouchers.count(status="draft")
    page.new_voucher()
    editor = page.editor
    assert page.stack.currentIndex() == 1 and editor.voucher is None
    editor.date.setDate(editor.date.date().fromString("2025-12-10", "yyyy-MM-dd"))
    lines = editor.model.lines
    lines[0].summary, lines[0].account, lines[0].debit_fen = "购办公用品", "513", 12000
    lines[1].account, lines[1].credit_fen = "101", 12000
    editor.model.set_lines(lines, read_only=False)
    assert editor.save(), editor.message.text()
    page.book_changed()  # what the main window does after a write: the open voucher stays
    assert page.stack.currentIndex() == 1 and editor.voucher is not None
    page.show_list()
    page.status.setCurrentIndex(page.status.findData("draft"))
    assert page.table.model.total == before + 1
    assert page.table.model.row(0)["summary"] == "购办公用品"


def test_leaving_an_unsaved_voucher_asks_first(page, monkeypatch):
    answers = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers.pop(0))
    page.new_voucher()
    editor = page.editor
    editor.model.setData(editor.model.index(0, 0), "预付电费")
    editor.model.setData(editor.model.index(0, 1), "101")
    answers.append(QMessageBox.StandardButton.Cancel)
    page.show_list()
    assert page.stack.currentIndex() == 1 and editor.model.lines[0].summary == "预付电费"
    answers.append(QMessageBox.StandardButton.Discard)
    page.show_list()
    assert page.stack.currentIndex() == 0 and not answers
    assert page.ctx.book.vouchers.count(status="draft") == 0
    page.open_voucher(page.table.model.row(0)["id"])  # a posted voucher: nothing to lose
    page.show_list()
    assert page.stack.currentIndex() == 0


def test_batch_review_and_post(page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    book = page.ctx.book
    lines = [LineInput("513", "办公用品", 5000), LineInput("101", "", credit_fen=5000)]
    ours = [book.vouchers.create(f"2025-12-{d}", lines) for d in (20, 21)]
    book.user = "admin"
    theirs = book.vouchers.create("2025-12-22", lines)  # the administrator's own: not theirs to review
    page.period.setCurrentIndex(page.period.findData("2025-12"))
    page.review_all()
    assert page.note.text().startswith("已审核 2 张凭证。1 张未能审核：制单人不能审核自己的凭证")
    page.post_all()
    assert page.note.text() == "已记账 2 张凭证。"
    numbers = [book.vouchers.get(v).number for v in ours]
    assert numbers == sorted(numbers) and book.vouchers.get(theirs).status == "draft"
    page.status.setCurrentIndex(page.status.findData("reviewed"))
    page.post_all()
    assert page.note.text() == "筛选出的凭证中没有待记账的。"
