"""The import wizard: file → mapping with the guesses → preview with problems at their cells → apply."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from app.core.book import Book
from app.core.ids import make_resident_id
from app.gui.context import AppContext
from app.gui.i18n import install_language
from app.gui.import_wizard import BAD, ImportWizard
from app.gui.sheet_buttons import SheetButtons


@pytest.fixture
def ctx(tmp_path):
    book = Book.create(tmp_path / "v.jlbook", name="东岭村股份经济合作社", kind="collective", start="2026-01", user="会计")
    book.members.add(code="V01", name="东岭村", kind="collective")
    book.members.add(code="G01", name="第1村民小组", kind="collective", parent="V01")
    c = AppContext()
    c.set_book(book)
    yield c
    c.set_book(None)


def roster(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["2026年东岭村成员花名册"])
    ws.append(["户主编号", "户主姓名", "身份证号码", "村民小组", "人口股", "识别码"])
    ws.append(["H0001", "张　三", make_resident_id("330106", dt.date(1960, 1, 2), 1), "1组", 3, "a"])
    ws.append(["H0002", "李四", float(make_resident_id("330106", dt.date(1961, 1, 2), 2)[:17] + "0"), "第2村民小组", 2, "b"])
    ws.append(["H0003", "王五", make_resident_id("330106", dt.date(1962, 1, 2), 3), "第2村民小组", "-1", "c"])
    ws.append(["合计", None, None, None, 4])
    wb.save(path)
    return path


def test_wizard_maps_previews_and_imports_valid_rows(ctx, qtbot, tmp_path, monkeypatch):
    path = roster(tmp_path / "roster.xlsx")
    wizard = ImportWizard(ctx, "members")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_file(str(path))
    assert wizard.file_page.sheet.currentText() == "花名册"
    wizard.next()
    table = wizard.mapping_page.table
    assert [table.item(i, 0).text() for i in range(table.rowCount())][:3] == ["户主编号", "户主姓名", "身份证号码"]
    assert table.cellWidget(1, 2).currentData() == "name"
    assert table.cellWidget(4, 2).currentData() == "share:人口股"
    assert table.cellWidget(5, 2).currentData() == ""  # 识别码: no guess, not imported
    wizard.next()
    page = wizard.preview_page
    p = wizard.preview
    assert p.counts() == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 2}
    assert "新增 1 行" in page.summary.text() and "第2村民小组" in page.summary.text() and "识别码" in page.summary.text()
    assert not page.isComplete()
    bad = [(page.table.item(i, 0).text(), page.table.horizontalHeaderItem(j).text())
           for i in range(page.table.rowCount()) for j in range(page.table.columnCount())
           if page.table.item(i, j).background().color() == BAD and j > 1]
    assert bad == [("4", "身份证号码"), ("5", "人口股")]
    assert "Excel" in page.table.item(0, 4).toolTip()
    page.valid_only.setChecked(True)
    assert page.isComplete()
    rejected = tmp_path / "rejected.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rejected), ""))
    wizard.accept()
    assert wizard.result_counts["new"] == 1
    assert ctx.book.members.get("H0001")["name"] == "张三" and ctx.book.members.find("H0002") is None
    assert openpyxl.load_workbook(rejected).active.max_row == 4


def test_wizard_in_english_with_a_corrected_mapping(ctx, qtbot, tmp_path):
    install_language("en")
    path = roster(tmp_path / "roster.xlsx")
    wizard = ImportWizard(ctx, "members")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.windowTitle() == "Import members"
    assert wizard.file_page.title() == "Choose the file"
    wizard.file_page.set_file(str(path))
    wizard.next()
    combo = wizard.mapping_page.table.cellWidget(2, 2)
    combo.setCurrentIndex(0)  # do not import the ID numbers
    wizard.next()
    assert wizard.preview.counts()["rejected"] == 1 and "New: 2" in wizard.preview_page.summary.text()


def test_template_button_saves_a_template(ctx, qtbot, tmp_path, monkeypatch):
    buttons = SheetButtons(ctx, "members")
    qtbot.addWidget(buttons)
    path = tmp_path / "t.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    buttons.template_button.click()
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value == "成员编号" and ws.data_validations.dataValidation


def test_preview_shows_converted_values_beside_the_raw_ones(ctx, qtbot, tmp_path):
    """The preview showed 43525, not 2019-03-01, and full-width phone digits as typed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["户主编号", "户主姓名", "身份证号码", "联系电话", "加入日期"])
    ws.append(["H0001", "张三", make_resident_id("330106", dt.date(1960, 1, 2), 1), "１３９０５７１００００", 43525])
    wb.save(tmp_path / "r.xlsx")
    wizard = ImportWizard(ctx, "members")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_file(str(tmp_path / "r.xlsx"))
    wizard.next()
    wizard.next()
    table = wizard.preview_page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = {h: table.item(0, c).text() for c, h in enumerate(headers)}
    assert row["加入日期"] == "43525 → 2019-03-01"
    assert row["联系电话"] == "１３９０５７１００００ → 13905710000"
    assert row["户主编号"] == "H0001"
