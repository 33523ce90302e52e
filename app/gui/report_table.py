"""A ledger or statement shown in the shared table: rows in the report's own order (no sorting), a title and a
subtitle (unit, account, months) on the printout, and a PDF export beside the print button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QHeaderView, QLabel, QSpinBox, QWidget

from app.core import Book, Render, paper_preview
from app.gui.widgets.printing import print_preview, write_pdf
from app.gui.widgets.table import ColumnSpec, RowsSource, TableView


class MonthRange(QWidget):
    """年度 and 月份 from … to …; ``single()`` leaves only the last month (statements at a month's end)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(dt.date.today().year)
        self.month_from = QSpinBox()
        self.month_to = QSpinBox()
        for spin, value in ((self.month_from, 1), (self.month_to, 12)):
            spin.setRange(1, 12)
            spin.setValue(value)
        self.to_label = QLabel(self.tr("至"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("年度：")), self.year, QLabel(self.tr("月份：")), self.month_from, self.to_label, self.month_to):
            layout.addWidget(widget)
            widget.setMinimumSize(widget.sizeHint())  # a crowded bar must not cut the year to "202"

    def follow(self, book: Book) -> None:
        """The year of the book's last closed month (or its first month): the year the accountant works on."""
        self.year.setValue(book.periods.year_of(book.periods.last_closed() or book.settings.start_period))

    def single(self, single: bool) -> None:
        self.month_from.setVisible(not single)
        self.to_label.setVisible(not single)

    def value(self) -> tuple[int, int, int]:
        """(year, first month, last month)."""
        first, last = self.month_from.value(), self.month_to.value()
        if self.month_from.isHidden():
            first = 1
        return self.year.value(), min(first, last), max(first, last)

    def set_value(self, year: int, first: int, last: int) -> None:
        self.year.setValue(year)
        self.month_from.setValue(first)
        self.month_to.setValue(last)

    def text(self) -> str:
        """The months for a subtitle: 2025年1—12月."""
        year, first, last = self.value()
        return self.tr("%1年%2—%3月").replace("%1", str(year)).replace("%2", str(first)).replace("%3", str(last))


def fit_columns(table: TableView) -> None:
    """Columns at their content's width (the table widens them when rows arrive); the last one takes what is left."""
    header = table.view.horizontalHeader()
    header.setStretchLastSection(True)
    for i in range(len(table.model.columns)):
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
    table._size_columns()


def blank_zeros(row: dict, keys: Sequence[str]) -> dict:
    """The row with a zero amount under ``keys`` left blank, as ledgers and the trial balance print it."""
    return {**row, **{k: None for k in keys if not row.get(k)}}


class ReportTable(TableView):
    def __init__(self, title: str, columns: Sequence[ColumnSpec], *, search: Sequence[str], parent: QWidget | None = None):
        source = RowsSource(search)
        super().__init__(title, columns, source.count, source.fetch, parent=parent)
        self.source = source
        self.filter.setPlaceholderText(self.tr("按摘要或名称筛选"))
        self.subtitle = ""
        self.paper: Render | None = None  # prints the shown report on paper; None: the table as shown
        self.view.setSortingEnabled(False)
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.pdf_button = self.add_button(self.tr("导出PDF"), self._pdf_clicked)
        fit_columns(self)

    def show_rows(self, title: str, subtitle: str, rows: list[dict], columns: Sequence[ColumnSpec] | None = None) -> None:
        """Show a report: its rows (all in memory; a year's ledger of one account is small) and, when the layout
        changes, its columns."""
        self.title = title
        self.subtitle = subtitle
        self.source.rows = rows
        if columns is not None:
            self.model.beginResetModel()
            self.model.columns = list(columns)
            self.model.endResetModel()
            fit_columns(self)
        self.reload()

    def _landscape(self) -> bool:
        return len(self.model.columns) > 6

    def _print_clicked(self) -> None:
        if self.paper is not None:  # the page set the archive layout of what it shows (app/core/paper)
            paper_preview(self, self.paper, self.title, self._landscape())
            return
        columns, rows = self.shown()
        print_preview(self, self.title, columns, rows, subtitle=self.subtitle, landscape=self._landscape())

    def write_pdf(self, path: str) -> int:
        columns, rows = self.shown()
        return write_pdf(path, self.title, columns, rows, subtitle=self.subtitle, landscape=self._landscape())

    def _pdf_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("导出PDF"), f"{self.title}.pdf", "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._guarded(lambda: self.write_pdf(path))
