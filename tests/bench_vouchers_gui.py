"""Benchmark: open a book with 1,000,000 voucher lines and show the vouchers page with its first rows.
Run: python tests/bench_vouchers_gui.py [LINES]

Goal: the page shows rows in under 1 s. Also times scrolling a page further, the month and text filters,
opening the newest voucher in the entry screen, and the ledgers and reports pages on the same book.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import build_big_book, timed  # noqa: E402
from PySide6.QtCore import QModelIndex  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.book import Book  # noqa: E402
from app.gui.context import AppContext  # noqa: E402
from app.gui.pages.ledgers import LedgersPage  # noqa: E402
from app.gui.pages.reports import ReportsPage  # noqa: E402
from app.gui.pages.vouchers import VouchersPage  # noqa: E402

BANK = "10201"  # the first bank account of the big book


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        t_build, path = timed(lambda: build_big_book(Path(tmp) / "big.jlbook", lines))
        print(f"book with {lines:,} lines ready in {t_build:.1f} s")
        t_upgrade, _ = timed(lambda: Book.open(path).close())  # a cached book may need the newest schema once
        ctx = AppContext()
        page = VouchersPage(ctx)
        page.resize(1200, 800)
        page.show()
        app.processEvents()

        t0 = time.perf_counter()
        book = Book.open(path)
        t_open = time.perf_counter() - t0
        ctx.set_book(book)
        page.book_changed()
        app.processEvents()
        t_shown = time.perf_counter() - t0
        model = page.table.model
        assert model.rowCount() > 0
        n = book.info()["voucher_lines"]

        t_scroll, _ = timed(lambda: [model.fetchMore(QModelIndex()) for _ in range(5)])
        t_month, _ = timed(lambda: page.period.setCurrentIndex(page.period.findData("2025-06")))
        month_rows = model.total
        page.period.setCurrentIndex(0)
        page.table.filter.setText("往来")
        t_text, _ = timed(page.table.apply_filter)
        page.table.filter.setText("没有这个摘要")
        t_none, _ = timed(page.table.apply_filter)
        page.table.filter.clear()
        page.table.apply_filter()
        newest = model.row(0)["id"]
        t_voucher, _ = timed(lambda: (page.open_voucher(newest), app.processEvents()))

        reports = ReportsPage(ctx)
        t_trial, _ = timed(lambda: (reports.book_changed(), app.processEvents()))
        ledgers = LedgersPage(ctx)
        ledgers.book_changed()
        t_ledger, _ = timed(lambda: (ledgers.view.set_query(BANK, 2025, 1, 12), app.processEvents()))
        ledger_rows = ledgers.view.table.model.total
        ctx.set_book(None)

    print(f"lines in book:                          {n:,}")
    print(f"first open (schema upgrade, once):      {t_upgrade * 1000:8.1f} ms")
    print(f"open book:                              {t_open * 1000:8.1f} ms")
    print(f"open book + vouchers page with rows:    {t_shown * 1000:8.1f} ms  (page alone {(t_shown - t_open) * 1000:.1f} ms; goal < 1000)")
    print(f"scroll 5 more pages of {model.batch} rows:         {t_scroll * 1000:8.1f} ms")
    print(f"filter one month ({month_rows:,} vouchers):     {t_month * 1000:8.1f} ms")
    print(f"filter by summary text (many hits):     {t_text * 1000:8.1f} ms")
    print(f"filter by summary text (no hit):        {t_none * 1000:8.1f} ms")
    print(f"open the newest voucher:                {t_voucher * 1000:8.1f} ms")
    print(f"reports page, full-year trial balance:  {t_trial * 1000:8.1f} ms")
    print(f"ledgers page, a year of {BANK} ({ledger_rows:,} rows): {t_ledger * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
