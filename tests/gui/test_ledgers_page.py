"""The ledgers page: detail and general ledgers of an account, drilling down to the voucher, printing to PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.book import Book
from app.gui.context import AppContext
from app.gui.fonts import apply_app_font
from app.gui.ledger_view import DETAIL, GENERAL
from app.gui.pages.ledgers import LedgersPage
from app.gui.report_table import ReportTable

OUT = Path("test-output")


@pytest.fixture
def page(qtbot, tmp_path, demo_file):
    apply_app_font(QApplication.instance())
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    ctx = AppContext()
    widget = LedgersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    ctx.set_book(Book.open(path, user="会计"))
    widget.book_changed()
    yield widget
    ctx.set_book(None)
    widget.book_changed()  # the book was closed: its figures leave the screen
    assert widget.findChild(ReportTable).model.rowCount() == 0


def test_detail_ledger_drills_down_to_the_voucher(page, qtbot, tmp_path):
    view = page.view
    assert view.months.year.value() == 2025
    view.set_query("10201", 2025, 1, 12, DETAIL)
    rows = view.table.model.rows
    lines = [r for r in rows if r["kind"] == "line"]
    assert rows[0]["kind"] == "opening" and lines
    assert rows[-1]["summary"] == "本年累计" and rows[-1]["balance_fen"] == lines[-1]["balance_fen"]
    assert {r["direction"] for r in lines} <= {"借", "贷", "平"}
    assert "10201" in view.table.subtitle and "2025年1—12月" in view.table.subtitle
    OUT.mkdir(exist_ok=True)
    qtbot.wait(20)
    page.grab().save(str(OUT / "ledger_detail.png"))

    view.table.view.setCurrentIndex(view.table.model.index(rows.index(lines[0]), 0))
    view.table.activated.emit(lines[0])
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.editor.voucher.id == lines[0]["voucher_id"] and dialog.editor.model.read_only
    assert dialog.editor.actions_["reverse"].isVisible()
    dialog.close()

    pdf = tmp_path / "ledger.pdf"
    assert view.table.write_pdf(str(pdf)) >= 1
    assert pdf.read_bytes().startswith(b"%PDF")


def test_general_ledger_month_opens_its_detail(page, qtbot):
    view = page.view
    view.set_query("102", 2025, 1, 12, GENERAL)
    rows = view.table.model.rows
    months = [r for r in rows if r["kind"] == "month"]
    assert len(months) == 12 and rows[0]["summary"] == "上年结转"
    qtbot.wait(20)
    page.grab().save(str(OUT / "ledger_general.png"))
    march = next(r for r in months if r["period"] == "2025-03")
    view.drill(march)
    assert view.kind.currentData() == DETAIL and view.months.value() == (2025, 3, 3)
    lines = [r for r in view.table.model.rows if r["kind"] == "line"]
    assert lines and {r["period"] for r in lines} == {"2025-03"}
    assert sum(r["debit_fen"] or 0 for r in lines) == march["debit_fen"]


def test_unknown_account_is_said_beside_the_choice(page):
    page.view.account.setEditText("999")
    page.view.load()
    assert "没有科目“999”" in page.view.message.text()
    assert page.view.table.model.rowCount() == 0
