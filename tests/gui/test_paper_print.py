"""The print buttons of the voucher entry, ledger and reports screens preview the archive layouts (app/core/paper)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.book import Book
from app.gui.context import AppContext
from app.gui.fonts import apply_app_font
from app.gui.ledger_view import LedgerView
from app.gui.pages.reports import SHEET, ReportsPage
from app.gui.voucher_entry import VoucherEditor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from paper_pdf import read  # noqa: E402


@pytest.fixture
def previews(monkeypatch):
    """The PDFs the print buttons hand to the preview, read while they exist (removed when the preview closes)."""
    shown: list[tuple[list, bool]] = []

    class Dialog:
        class finished:  # noqa: N801 - stands in for the signal
            @staticmethod
            def connect(slot):
                slot(0)

    def fake(parent, path, landscape=False):
        shown.append((read(path), landscape))
        return Dialog()

    monkeypatch.setattr("app.gui.distribution_print.print_preview", fake)
    return shown


@pytest.fixture
def ctx(qtbot, tmp_path, demo_file):
    apply_app_font(QApplication.instance())
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    context = AppContext()
    context.set_book(Book.open(path, user="会计", password=os.environ["JOINTLEDGER_PASSWORD"]))
    yield context
    context.set_book(None)


def test_voucher_entry_prints_on_voucher_paper(qtbot, ctx, previews):
    book = ctx.book
    vid = book.vouchers.list(period="2025-04")[0]["id"]
    editor = VoucherEditor(ctx)
    qtbot.addWidget(editor)
    editor.load(vid)
    editor.actions_["print"].trigger()
    ((pages, _landscape),) = previews
    v = book.vouchers.get(vid)
    assert pages[0].size_mm == (241, 140) and pages[0].has("记账凭证") and pages[0].has(f"凭证号：{v.label}")


def test_ledger_and_reports_print_their_paper(qtbot, ctx, previews):
    view = LedgerView(ctx)
    qtbot.addWidget(view)
    view.fill_accounts()
    view.set_query("10201", 2025, 1, 12)
    view.table.print_button.click()
    pages, _landscape = previews[-1]
    assert pages[0].has("明细分类账") and "科目：10201" in pages[0].text and pages[0].size_mm == (210, 297)
    reports = ReportsPage(ctx)
    qtbot.addWidget(reports)
    reports.book_changed()
    reports.months.set_value(2025, 1, 12)
    reports.report.setCurrentIndex(reports.report.findData(SHEET))
    reports.table.print_button.click()
    pages, _landscape = previews[-1]
    assert pages[0].has("资产负债表") and pages[0].has("2025年12月31日") and pages[0].has("单位：元")
