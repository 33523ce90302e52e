"""Spreadsheet building blocks: cell values as people type them, headers, the reader and the writer."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from app.core.errors import ValidationError
from app.core.ids import make_resident_id
from app.core.sheets import values as v
from app.core.sheets.headers import field_lookup, find_header, guess_mapping, is_total_row, norm
from app.core.sheets.members_import import FIELDS, group_number
from app.core.sheets.reader import read_sheet, sheet_names
from app.core.sheets.writer import Column, write_table

ID = make_resident_id("330106", dt.date(1968, 5, 12), 21)


@pytest.mark.parametrize(
    "typed",
    ["2019-03-01", "2019/3/1", "2019.3.1", "2019年3月1日", "２０１９年３月１日", "20190301", " 2019-03-01 ", 43525, 43525.0,
     "43525", dt.date(2019, 3, 1), dt.datetime(2019, 3, 1, 0, 0)],
)
def test_dates_as_people_type_them(typed):
    assert v.date(typed) == "2019-03-01"


@pytest.mark.parametrize("typed", ["2019-02-30", "2019年13月1日", "2019", 2019, "明天", 43525.5])
def test_impossible_dates_are_errors(typed):
    with pytest.raises(ValidationError):
        v.date(typed)


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("1,234.50", 123450), ("¥1,234.50", 123450), ("￥1234.5元", 123450), ("１，２３４．５０", 123450), (1234.5, 123450),
     (1234.5600000000002, 123456), (0.1 + 0.2, 30), (" 12 ", 1200), ("(5.00)", -500), (42, 4200)],
)
def test_money_as_people_type_it(typed, fen):
    assert v.money(typed) == fen


def test_money_with_three_decimals_is_an_error_not_a_rounding():
    with pytest.raises(ValidationError):
        v.money("1.005")


def test_quantities_are_never_negative_and_whole_numbers_accept_units():
    assert v.qty("2.5") == 25000
    assert v.qty("１２") == 120000
    with pytest.raises(ValidationError):
        v.qty("-1")
    assert v.integer("３") == 3
    assert v.integer("4人") == 4
    with pytest.raises(ValidationError):
        v.integer("2.5")


def test_an_id_number_excel_turned_into_a_number_is_an_error_never_digits():
    with pytest.raises(ValidationError, match="Excel"):
        v.id_number(float(ID[:17] + "0"))
    with pytest.raises(ValidationError):
        v.id_number(330106196805120211)
    assert v.id_number(f" {ID[:6]}　{ID[6:].lower()} ") == ID.upper()


def test_text_and_names_lose_padding_and_full_width():
    assert v.text("  Ａ１　２ ") == "A1 2"
    assert v.text("村道维修（公益支出）") == "村道维修（公益支出）"  # the user's punctuation stays
    assert v.name("张　三") == "张三"
    assert v.name(" 王 小 明 ") == "王小明"
    assert v.name("John Smith") == "John Smith"
    assert v.text(13800000000.0) == "13800000000"
    assert v.shown(3.30825195001011e17) == "3.30825195001011E+17"


def test_headers_are_found_by_synonyms_with_units_ignored():
    assert norm(" 土地（亩） ") == "土地"
    assert norm("资金(元)") == "资金"
    assert norm("身份证号码*") == "身份证号码"
    lookup = field_lookup(FIELDS, ["人口股", "土地"])
    rows = [["东岭村花名册"], [None, "制表：会计"], ["序号", "户主姓名", "身份证号码", "村民小组", "土地(亩)", "人口股数", "微信"]]
    assert find_header(rows, lookup) == 2
    mapping = guess_mapping(rows[2], lookup)
    assert mapping == {1: "name", 2: "id_number", 3: "group", 4: "share:土地", 5: "share:人口股"}
    assert is_total_row([None, "合 计", 5]) and is_total_row(["小计"]) and not is_total_row(["张合计"])
    assert group_number("第3村民小组") == group_number("3组") == group_number("三组") == 3
    assert group_number("第十二组") == 12 and group_number("东岭村") is None


def test_writer_prints_and_keeps_user_text_as_text(tmp_path):
    path = tmp_path / "t.xlsx"
    cols = [Column("成员编号"), Column("姓名"), Column("证件号码"), Column("金额", "money"), Column("土地(亩)", "qty"),
            Column("人口", "int"), Column("日期", "date")]
    rows = [("001", "=SUM(A1:A9)", ID, 123456, 25000, 3, "2026-01-05"), ("002", "王\x07五", "", -5, 0, None, None)]
    write_table(path, "成员名册", cols, rows, totals=("合计", None, None, 123451, 25000, 3, None))
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "成员名册" and "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["B3"].value == "=SUM(A1:A9)" and ws["B3"].data_type == "s"
    assert ws["B4"].value == "王五"
    assert ws["A3"].value == "001" and ws["C3"].value == ID and ws["C3"].data_type == "s"
    assert ws["D3"].value == 1234.56 and ws["D3"].number_format == "#,##0.00"
    assert ws["E3"].value == 2.5 and ws["G3"].value == dt.datetime(2026, 1, 5)
    assert ws["A5"].value == "合计" and ws["D5"].font.b and ws["D5"].value == 1234.51
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["C"].width >= 18


def test_reader_numbers_rows_as_excel_and_fills_merged_cells(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名册"
    ws["B3"] = "姓名"
    ws["A4"] = "一组"
    ws.merge_cells("A4:A6")
    ws["B4"], ws["B5"], ws["B6"] = "甲", "乙", "丙"
    wb.create_sheet("隐藏").sheet_state = "hidden"
    wb.save(path)
    raw = read_sheet(path)
    assert raw.name == "名册" and raw.rows[2][1] == "姓名"
    assert [r[0] for r in raw.rows[3:6]] == ["一组"] * 3
    assert sheet_names(path) == ["名册"]


def test_csv_in_gbk_and_utf8(tmp_path):
    for encoding in ("gb18030", "utf-8-sig", "utf-8"):
        path = tmp_path / f"{encoding}.csv"
        with path.open("w", encoding=encoding, newline="") as f:
            csv.writer(f).writerows([["户主姓名", "身份证号码"], ["张三", ID]])
        assert read_sheet(path).rows == [["户主姓名", "身份证号码"], ["张三", ID]]


def test_xls_files_are_read(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    path = tmp_path / "old.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    for c, h in enumerate(["户主姓名", "身份证号码", "人口股"]):
        ws.write(1, c, h)
    ws.write(2, 0, "张三")
    ws.write(2, 1, ID)
    ws.write(2, 2, 3)
    wb.save(str(path))
    raw = read_sheet(path)
    assert raw.name == "花名册" and raw.rows[2][:3] == ["张三", ID, 3.0]
    assert CalamineWorkbook.from_path(str(path)).sheet_names == ["花名册"]
