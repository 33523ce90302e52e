"""Printing a table: the title on the first page, the header row repeated on every page, page numbers in the footer.

``print_preview`` opens Qt's print preview; ``write_pdf`` writes the same layout to a PDF file. ``columns`` are
anything with ``header`` and ``kind`` (``ColumnSpec`` or the spreadsheet writer's ``Column``); ``rows`` hold raw
values (fen, ten-thousandths) or text, shown as ``format_cell`` shows them.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from app.gui.widgets.cells import NUMERIC, format_cell


class PrintColumn(Protocol):
    header: str
    kind: str


@dataclass(frozen=True)
class _Table:
    title: str
    subtitle: str
    headers: list[str]
    numeric: list[bool]
    cells: list[list[str]]


def _table(title: str, columns: Sequence[PrintColumn], rows: Sequence[Sequence[Any]], subtitle: str) -> _Table:
    kinds = [c.kind for c in columns]
    return _Table(
        title,
        subtitle,
        [c.header for c in columns],
        [k in NUMERIC for k in kinds],
        [[format_cell(k, v) for k, v in zip(kinds, row, strict=False)] for row in rows],
    )


def _page_label(page: int, pages: int) -> str:
    return QCoreApplication.translate("printing", "第 %1 页，共 %2 页").replace("%1", str(page)).replace("%2", str(pages))


def _paint(device: QPagedPaintDevice, table: _Table) -> int:
    """Lay the table out on ``device``'s pages; returns the number of pages."""
    family = QApplication.font().family()
    body = QFont(family, 9)
    heading = QFont(family, 15)  # the bundled font has no bold face: Qt's synthetic bold doubles the text in PDFs
    painter = QPainter(device)
    try:
        page = QRectF(painter.viewport())
        painter.setFont(body)
        fm = QFontMetricsF(painter.font())
        pad = fm.horizontalAdvance("中") * 0.4
        row_h = fm.height() * 1.6
        # column widths from the header and the longest cells, scaled down to the page when too wide
        widths = []
        for i, h in enumerate(table.headers):
            longest = heapq.nlargest(20, (r[i] for r in table.cells if i < len(r)), key=len)
            widths.append(max(fm.horizontalAdvance(t) for t in [h, *longest]) + 2 * pad)
        scale = min(1.0, page.width() / max(sum(widths), 1.0))
        widths = [w * scale for w in widths]

        title_h = QFontMetricsF(heading).height() * 1.6 + (row_h if table.subtitle else 0)
        footer_h = row_h
        first_rows = max(1, int((page.height() - title_h - footer_h) // row_h) - 1)
        other_rows = max(1, int((page.height() - footer_h) // row_h) - 1)
        rest = max(0, len(table.cells) - first_rows)
        pages = 1 + -(-rest // other_rows)

        def draw_row(y: float, cells: Sequence[str], header: bool) -> None:
            x = page.left()
            for i, w in enumerate(widths):
                rect = QRectF(x, y, w, row_h)
                if header:
                    painter.fillRect(rect, QColor(225, 225, 225))
                painter.drawRect(rect)
                text = cells[i] if i < len(cells) else ""
                align = Qt.AlignmentFlag.AlignCenter if header else (
                    Qt.AlignmentFlag.AlignRight if table.numeric[i] else Qt.AlignmentFlag.AlignLeft
                )
                inner = rect.adjusted(pad, 0, -pad, 0)
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
                painter.drawText(inner, int(align | Qt.AlignmentFlag.AlignVCenter), text)
                x += w

        start = 0
        for p in range(1, pages + 1):
            if p > 1:
                device.newPage()
            y = page.top()
            if p == 1:
                painter.setFont(heading)
                h = QFontMetricsF(heading).height() * 1.6
                painter.drawText(QRectF(page.left(), y, page.width(), h), int(Qt.AlignmentFlag.AlignCenter), table.title)
                y += h
                painter.setFont(body)
                if table.subtitle:
                    painter.drawText(QRectF(page.left(), y, page.width(), row_h), int(Qt.AlignmentFlag.AlignCenter), table.subtitle)
                    y += row_h
            draw_row(y, table.headers, True)
            y += row_h
            count = first_rows if p == 1 else other_rows
            for cells in table.cells[start : start + count]:
                draw_row(y, cells, False)
                y += row_h
            start += count
            footer = QRectF(page.left(), page.bottom() - footer_h, page.width(), footer_h)
            painter.drawText(footer, int(Qt.AlignmentFlag.AlignCenter), _page_label(p, pages))
        return pages
    finally:
        painter.end()


def _layout(landscape: bool) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def write_pdf(
    path: str,
    title: str,
    columns: Sequence[PrintColumn],
    rows: Sequence[Sequence[Any]],
    *,
    subtitle: str = "",
    landscape: bool = False,
) -> int:
    """Write the printed layout to a PDF file; returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("联营账簿 Joint Ledger")
    writer.setPageLayout(_layout(landscape))
    return _paint(writer, _table(title, columns, rows, subtitle))


_open_previews: dict[QPrintPreviewDialog, QPrinter] = {}  # open previews and their printers, until they close


def open_preview(
    parent: QWidget | None, printer: QPrinter, title: str, paint: Callable[[QPrinter], object]
) -> QPrintPreviewDialog:
    """Qt's print preview of ``paint`` on ``printer``, open and not modal; returns the dialog.

    The dialog only borrows the printer: both are kept here until the dialog closes, so that neither is
    collected while the preview still paints on it.
    """
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(QCoreApplication.translate("printing", "打印预览 - %1").replace("%1", title))
    dialog.paintRequested.connect(paint)
    _open_previews[dialog] = printer
    dialog.finished.connect(lambda _result: _open_previews.pop(dialog, None))
    dialog.open()
    return dialog


def print_preview(
    parent: QWidget | None,
    title: str,
    columns: Sequence[PrintColumn],
    rows: Sequence[Sequence[Any]],
    *,
    subtitle: str = "",
    landscape: bool = False,
) -> QPrintPreviewDialog:
    """Open the print preview of the table (from which the user prints); returns the dialog."""
    table = _table(title, columns, rows, subtitle)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageLayout(_layout(landscape))
    return open_preview(parent, printer, title, lambda p: _paint(p, table))
