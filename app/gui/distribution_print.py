"""Helpers of the distribution page: print preview of a finished (signed) PDF, and the signing passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app.core import Book
from app.gui.widgets.printing import open_preview


def paint_pdf(printer: QPrinter, path: Path) -> int:
    """Draw every page of the PDF on the printer, each scaled to the printable area. Returns the page count."""
    doc = QPdfDocument()
    doc.load(str(path))
    painter = QPainter(printer)
    try:
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            area = QRectF(painter.viewport())
            size = doc.pagePointSize(i)
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QSizeF(size.width() * scale, size.height() * scale)
            image = doc.render(i, target.toSize())
            painter.drawImage(QRectF(area.topLeft(), target), image)
    finally:
        painter.end()
    return doc.pageCount()


def print_preview(parent: QWidget, path: Path, landscape: bool = False) -> QPrintPreviewDialog:
    """Qt's print preview of the PDF (print from there); returns the dialog, already open."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if landscape:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return open_preview(parent, printer, path.name, lambda p: paint_pdf(p, path))


def ask_passphrase(parent: QWidget, book: Book) -> str | None:
    """The signing passphrase: JOINTLEDGER_PASSPHRASE, else asked (a new key is announced)."""
    from app.core import pdf_keys as keys  # cryptography loads when a document is first signed

    secret = keys.env_passphrase()
    if secret:
        return secret
    if keys.has_key(book):
        label = QCoreApplication.translate("DistributionPage", "签名口令：")
    else:
        label = QCoreApplication.translate("DistributionPage", "这个账簿在本机还没有签名密钥，将用此口令生成（至少8个字符）：")
    title = QCoreApplication.translate("DistributionPage", "签名")
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok and text else None
