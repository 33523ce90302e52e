"""The reports page: trial balance, balance sheet, income statement; drill-down from a balance to the ledger."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.book import Book
from app.gui.context import AppContext
from app.gui.fonts import apply_app_font
from app.gui.pages.reports import INCOME, SHEET, TRIAL, ReportsPage
from app.gui.report_table import ReportTable

OUT = Path("test-output")


@pytest.fixture
def page(qtbot, tmp_path, demo_file):
    apply_app_font(QApplication.instance())
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    ctx = AppContext()
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 750)
    widget.show()
    ctx.set_book(Book.open(path, user="会计"))
    widget.book_changed()
    yield widget
    ctx.set_book(None)
    widget.book_changed()  # the book was closed: its figures leave the screen
    assert widget.findChild(ReportTable).model.rowCount() == 0


def choose(page: ReportsPage, kind: str) -> list[dict]:
    page.report.setCurrentIndex(page.report.findData(kind))
    return page.table.model.rows


def test_trial_balance_drills_down_to_ledger_and_voucher(page, qtbot, tmp_path):
    rows = choose(page, TRIAL)
    assert page.state.text() == "试算平衡"
    total = rows[-1]
    assert total["name"] == "合计" and total["debit_fen"] == total["credit_fen"] > 0
    assert "111" not in {r["code"] for r in rows}  # 短期投资: no balance, no entries
    bank = next(r for r in rows if r["code"] == "10201")
    assert bank["name"].startswith("　") and bank["closing_debit_fen"] > 0
    OUT.mkdir(exist_ok=True)
    qtbot.wait(20)
    page.grab().save(str(OUT / "report_trial_balance.png"))

    page.drill(bank)
    ledger = page.dialog.view
    lines = [r for r in ledger.table.model.rows if r["kind"] == "line"]
    assert ledger.code() == "10201" and lines
    assert lines[-1]["balance_fen"] == bank["closing_debit_fen"]
    ledger.drill(lines[0])
    assert ledger.dialog.editor.voucher.id == lines[0]["voucher_id"]
    ledger.dialog.close()
    page.dialog.close()

    page.leaves.setCurrentIndex(1)
    page.zeros.setChecked(True)
    codes = [r["code"] for r in page.table.model.rows[:-1]]
    assert "111" in codes and all(len(c) == 3 for c in codes)
    pdf = tmp_path / "tb.pdf"
    assert page.table.write_pdf(str(pdf)) >= 1


def test_balance_sheet_and_income_statement(page, qtbot):
    rows = choose(page, SHEET)
    assert "资产合计等于" in page.state.text()
    assert not page.months.month_from.isVisible() and page.months.value() == (2025, 1, 12)
    assert rows and rows[0]["a_name"] and rows[0]["l_name"]
    qtbot.wait(20)
    page.grab().save(str(OUT / "report_balance_sheet.png"))
    rows = choose(page, INCOME)
    assert [r["name"] for r in rows][:1] and any(r["amount_fen"] for r in rows)
    qtbot.wait(20)
    page.grab().save(str(OUT / "report_income.png"))
