"""The vouchers, ledgers and reports pages in English: every fixed text comes from resources/i18n/en/vouchers.ts."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTableView, QWidget

from app import RESOURCES
from app.core.book import Book
from app.gui.context import AppContext
from app.gui.i18n import install_language
from app.gui.pages.ledgers import LedgersPage
from app.gui.pages.reports import ReportsPage
from app.gui.pages.vouchers import VouchersPage

CJK = re.compile(r"[\u4e00-\u9fff]")
SOURCES = [
    "app/gui/voucher_grid.py",
    "app/gui/voucher_entry.py",
    "app/gui/report_table.py",
    "app/gui/ledger_view.py",
    "app/gui/pages/vouchers.py",
    "app/gui/pages/ledgers.py",
    "app/gui/pages/reports.py",
]


@pytest.fixture
def english(qtbot, tmp_path):
    install_language("en")
    book = Book.create(tmp_path / "en.jlbook", name="Test", start="2026-01", user="clerk")
    ctx = AppContext()
    ctx.set_book(book)
    yield ctx
    ctx.set_book(None)
    install_language("zh")


def fixed_texts(widget: QWidget) -> list[str]:
    """Texts the program itself puts on the screen: buttons, actions, fixed labels and choices, headers."""
    texts = [a.text() for a in widget.findChildren(QAbstractButton)] + [a.text() for w in [widget, *widget.findChildren(QWidget)] for a in w.actions()]
    texts += [label.text() for label in widget.findChildren(QLabel)]
    texts += [e.placeholderText() for e in widget.findChildren(QLineEdit)]
    for combo in widget.findChildren(QComboBox):
        if not combo.isEditable():  # the account chooser lists the book's accounts
            texts += [combo.itemText(i) for i in range(combo.count())]
    for view in widget.findChildren(QTableView):
        model = view.model()
        texts += [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())]
    return [t for t in texts if t]


def sources(ts: Path) -> set[str]:
    return {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}


def test_ts_file_is_complete(tmp_path):
    ts = RESOURCES / "i18n" / "en" / "vouchers.ts"
    messages = list(ET.parse(ts).getroot().iter("message"))
    assert not [m.findtext("source") for m in messages if m.find("translation").get("type") or not m.findtext("translation")]
    if shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *(str(RESOURCES.parent / f) for f in SOURCES), "-ts", str(fresh)], check=True, capture_output=True)
    assert len(sources(fresh)) > 100 and sources(fresh) - sources(ts) == set()  # every tr() here has its English


@pytest.mark.parametrize("page_class", [VouchersPage, LedgersPage, ReportsPage])
def test_pages_speak_english(english, qtbot, page_class):
    page = page_class(english)
    qtbot.addWidget(page)
    page.book_changed()
    assert not CJK.search(page.title())
    texts = fixed_texts(page)
    assert texts and not [t for t in texts if CJK.search(t)]
    page.resize(1100, 600)
    page.show()
    if isinstance(page, VouchersPage):
        page.new_voucher()
    qtbot.wait(20)
    page.grab().save(f"test-output/en_{page_class.__name__}.png")
