"""The distribution page: live preview of the plan, a plan error shown with its line, posting, signed documents,
a printed code checked, a payment, and the PDF painted for printing."""

import sys
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_distribution_support import EXPECTED, PLAN, small_book  # noqa: E402

from app.gui.context import AppContext  # noqa: E402
from app.gui.distribution_print import paint_pdf  # noqa: E402
from app.gui.pages.distribution import DistributionPage, PayDialog  # noqa: E402


def test_distribution_page_end_to_end(qtbot, messages, tmp_path):
    ctx = AppContext()
    book = small_book(tmp_path / "v.jlbook")
    ctx.set_book(book)
    page = DistributionPage(ctx)
    qtbot.addWidget(page)
    page.book_changed()
    assert "提取公积公益金" in page.editor.toPlainText()  # a starting plan for the book

    page.editor.setPlainText(PLAN.replace('"农龄股" = 30', '"劳龄股" = 30'))
    page.update_preview()
    assert "计划第15行" in page.problem.text()
    page.editor.setPlainText(PLAN)
    page.update_preview()
    assert page.problem.text() == ""
    assert {r["code"]: r["amount_fen"] for r in page.source.rows} == EXPECTED
    assert "650.00" in page.summary.text() and page.table.model.rowCount() == 3

    page.post()
    assert any("草稿" in text for _kind, text in messages)
    assert book.distribution.record(2026)["pool_fen"] == 65000
    book.user = "审核"
    vid = book.distribution.record(2026)["voucher_id"]
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"

    paths = page.write_statements(str(tmp_path / "st"))
    assert len(paths) == 3 and all(p.exists() for p in paths)
    notice = page.write_notice(str(tmp_path / "notice.pdf"))
    assert notice.exists() and book.distribution.verify_file(notice)["ok"]

    page.code.setText(book.distribution.verify_file(paths[0])["code"])
    page.check_code()
    assert "与账簿一致" in messages[-1][1] and "王建国" in messages[-1][1]

    assert page.check_file(str(paths[1]))["ok"]
    assert "签名完好" in messages[-1][1] and "数字与账簿一致" in messages[-1][1]

    page.refresh()
    assert "650.00" in page.status.text() and "已记账" in page.status.text()
    assert page.days.value() == 7 and page.objections.text() == "村务监督委员会"  # from the plan's [notice]
    assert page.payouts.model.rowCount() == 3
    h1 = next(r for r in page.pay_source.rows if r["code"] == "H1")
    dialog = PayDialog(ctx, 2026, h1, page)
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "201.50"
    dialog.account.setText("10201")
    dialog.day.setDate(QDate(2026, 12, 31))
    dialog._accept()
    page.refresh()
    row = next(r for r in page.pay_source.rows if r["code"] == "H1")
    assert row["pending_fen"] == 20150 and row["unpaid_fen"] == 0

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pdf(printer, notice) == 1
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    ctx.set_book(None)


def test_the_plan_notice_is_printed_from_the_page_before_anything_is_booked(qtbot, tmp_path):
    """Issue 15: villages publish the plan before paying; the page prints the 方案公示 before the voucher exists."""
    import subprocess

    ctx = AppContext()
    book = small_book(tmp_path / "v.jlbook", adopted=False)
    ctx.set_book(book)
    page = DistributionPage(ctx)
    qtbot.addWidget(page)
    page.book_changed()
    page.editor.setPlainText(PLAN)
    page.update_preview()
    path = page.write_plan_notice(str(tmp_path / "plan.pdf"))
    assert path is not None and path.exists()
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "方案" in text and "王建国" in text
    assert book.vouchers.count() == 0
