"""What broke in a year of use: the print preview's printer, Ctrl+N, the signs of ``=``, and voucher dates."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import test_vouchers_entry as entry
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import ValidationError
from app.core.vouchers import LineInput
from app.gui.voucher_grid import CREDIT, DEBIT, SUMMARY, EntryLine

ctx, editor, keys = entry.ctx, entry.editor, entry.keys  # the entry tests' book, editor and typing

PREVIEW_SCRIPT = textwrap.dedent(
    """
    import gc, sys
    from pathlib import Path
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    from app.gui import distribution_print
    from app.gui.widgets import printing
    from app.gui.widgets.table import ColumnSpec
    pdf = Path(sys.argv[1])
    columns = [ColumnSpec("a", "A", "text")]
    printing.write_pdf(str(pdf), "T", columns, [["x"]] * 3)
    parent = QWidget()
    parent.show()
    distribution_print.print_preview(parent, pdf)
    printing.print_preview(parent, "T", columns, [["y"]] * 3)
    gc.collect()
    for _ in range(2):
        for preview in parent.findChildren(QPrintPreviewWidget):
            preview.setLandscapeOrientation()
            preview.updatePreview()
        app.processEvents()
    print(len(parent.findChildren(QPrintPreviewWidget)))
    """
)


def test_print_previews_keep_their_printer_while_open(tmp_path):
    """Finding 1: the preview painted on a printer that Python had already collected (segfault in libQt6Core)."""
    script = tmp_path / "preview.py"
    script.write_text(PREVIEW_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "t.pdf")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == "2"  # both previews are still open


def test_ctrl_n_is_new_voucher_with_a_book_open(demo_window, qtbot):
    """Finding 2: Ctrl+N was ambiguous between 新建账簿 and 新增凭证 and did nothing."""
    demo_window.show_page("vouchers")
    page = demo_window.current_page()
    page.table.view.setFocus()
    QTest.keyClick(page.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.stack.currentIndex() == 1 and page.editor.voucher is None

    first = page.ctx.book.vouchers.list(limit=1)[0]["id"]
    page.open_voucher(first)
    assert page.editor.voucher is not None
    QTest.keyClick(page.editor.grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.voucher is None  # a new voucher in its place

    demo_window.close_book()
    assert demo_window.new_action.shortcut().matches(Qt.Key.Key_N | Qt.KeyboardModifier.ControlModifier)


def test_equals_puts_the_balance_on_the_side_where_it_is_positive(editor):
    """Finding 3: ``=`` in 借方 after a debit filled −5,000.00 instead of 贷方 5,000.00."""
    keys("收款\n101\n5000\n\n101\n=")
    lines = editor.model.lines
    assert (lines[0].debit_fen, lines[0].credit_fen) == (500000, 0)
    assert (lines[1].debit_fen, lines[1].credit_fen) == (0, 500000)
    assert editor.grid.currentIndex().column() == CREDIT
    # "=" where the balance is positive fills it there
    editor.model.set_lines([EntryLine("收款", "101", 0, 30000), EntryLine()], read_only=False)
    editor.grid.start_at(1, DEBIT)
    keys("=\n")
    assert (editor.model.lines[1].debit_fen, editor.model.lines[1].credit_fen) == (30000, 0)


def test_space_moves_the_amount_it_was_given(editor):
    keys("收款\n101\n12.5 ")
    assert (editor.model.lines[0].debit_fen, editor.model.lines[0].credit_fen) == (0, 1250)


def test_a_voucher_whose_totals_are_zero_is_not_saved(editor, ctx):
    """Finding 3: 贷 5,000 and 贷 −5,000 (totals 0.00 / 0.00) were saved as "已保存。"."""
    editor.model.set_lines(
        [EntryLine("冲", "101", 0, 500000), EntryLine("冲", "501", 0, -500000)], read_only=False
    )
    assert editor.save() is False
    assert editor.voucher is None and ctx.book.vouchers.count() == 0
    with pytest.raises(ValidationError) as e:
        ctx.book.vouchers.create(
            "2026-01-05", [LineInput("101", "冲", 0, 500000), LineInput("501", "冲", 0, -500000)]
        )
    assert e.value.code in ("voucher.zero_total", "voucher.negative_line")  # both hold; the core names one


def test_a_new_voucher_is_dated_in_the_open_month(demo_window):
    """Finding 4: a new voucher defaulted to today (2026) while the demo book's open month is 2025-12."""
    demo_window.show_page("vouchers")
    page = demo_window.current_page()
    page.new_voucher()
    book = page.ctx.book
    assert book.periods.first_open() == "2025-12"
    date = page.editor.date.date()
    assert period_of_qdate(date) == "2025-12"


def period_of_qdate(date: QDate) -> str:
    return date.toString("yyyy-MM")


def test_a_voucher_in_a_later_year_is_saved_only_when_confirmed(demo_window, messages, monkeypatch):
    """Finding 4: a voucher dated 2026 went into the book whose open year is 2025 without a question."""
    demo_window.show_page("vouchers")
    page = demo_window.current_page()
    page.new_voucher()
    voucher = page.editor
    book = page.ctx.book
    before = book.vouchers.count()
    voucher.date.setDate(QDate(2026, 11, 29))
    voucher.model.set_lines(
        [EntryLine("收款", "101", 10000, 0), EntryLine("收款", "501", 0, 10000)], read_only=False
    )
    assert voucher.save() is False  # the recorder answers neither Yes nor No: not confirmed
    assert [kind for kind, _text in messages] == ["question"] and "2026" in messages[0][1]
    assert book.vouchers.count() == before

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert voucher.save() is True
    assert voucher.voucher is not None and voucher.voucher.period == "2026-11"

    voucher.new()  # a voucher in the open year asks nothing
    voucher.date.setDate(QDate(2025, 12, 20))
    voucher.model.set_lines(
        [EntryLine("收款", "101", 10000, 0), EntryLine("收款", "501", 0, 10000)], read_only=False
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))
    assert voucher.save() is True


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_tab_and_enter_from_the_date_go_into_the_grid(editor, key):
    """Finding 4: Tab stayed in the date's parts and typed text ended up in 附单据 ("102 张")."""
    editor.date.setFocus()
    QTest.keyClick(editor.date, key)
    keys("102")
    assert editor.attachments.value() == 0
    assert editor.grid.currentIndex().column() == SUMMARY
    editor_widget = QApplication.focusWidget()
    assert editor_widget is not None and editor_widget.text() == "102"
