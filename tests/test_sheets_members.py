"""Importing rosters and holdings from sheets made the way village offices make them."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from app.core.book import Book
from app.core.errors import BookError
from app.core.ids import make_resident_id
from app.core.sheets.reader import read_sheet


def rid(n: int) -> str:
    return make_resident_id("330106", dt.date(1950, 1, 1) + dt.timedelta(days=n * 97), n % 900 + 1)


@pytest.fixture
def village():
    """A village collective's book: 东岭村 (V01) with 第1村民小组 (G01) and one household already registered."""
    b = Book.create(":memory:", name="东岭村股份经济合作社", kind="collective", start="2026-01", user="会计")
    b.members.add(code="V01", name="东岭村", kind="collective")
    b.members.add(code="G01", name="第1村民小组", kind="collective", parent="V01")
    b.members.add(code="H0100", name="老住户", kind="household", id_number=rid(100), parent="G01", household_size=2)
    yield b
    b.close()


HEADER = ["序号", "户主编号", "户主姓名", "身份证号码", "村民小组", "家庭人口", "人口股", "农龄股（股）", "入社日期", "联系电话", "微信号"]


def office_roster(path, rows, *, title=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    if title:
        ws.append(["东岭村股份经济合作社成员花名册"])
        ws.merge_cells("A1:K1")
        ws.append(["填报单位：东岭村", None, None, None, None, None, None, None, "单位：股"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def good_rows():
    return [
        [1, "H0001", "张　三", rid(1).lower(), "1组", "３", 3, "12", "2019/3/1", "13800000001", "wx1"],
        [2, "H0002", " 李四 ", rid(2), "第2村民小组", 4, "4", 20, "2019年3月1日", 13800000002, ""],
        [3, "H0003", "王五", rid(3), "第2村民小组", 2, 2, "1,5", 43525, "", ""],
        [4, "ＨＯＯＯ４", "赵六", rid(4), "第1村民小组", 1, 1, 10.5, "2019.3.1", "", ""],
    ]


def test_office_roster_imports_with_new_groups_and_holdings(village, tmp_path):
    rows = good_rows()
    rows[2][7] = 15  # "1,5" is not a number
    path = office_roster(tmp_path / "roster.xlsx", [*rows[:2], [], *rows[2:], ["合计", None, None, None, None, 10, 10, 47.5]])
    p = village.sheets.preview("members", path, options={"date": "2026-01-01"})
    assert p.header_row == 3 and p.ok, p.problems()
    assert p.counts() == {"new": 4, "changed": 0, "unchanged": 0, "rejected": 0}
    assert p.new_parents == ["第2村民小组"]
    assert p.ignored == ["序号", "微信号"]
    assert {x.row for x in p.notes} == {None, 9}  # the blank row 6 and the totals row 9, reported as warnings
    assert all(x.severity == "warning" for x in p.notes)
    village.sheets.apply(p)
    m = village.members.get("H0001")
    assert (m["name"], m["id_number"], m["household_size"], m["joined"], m["phone"]) == ("张三", rid(1).upper(), 3, "2019-03-01", "13800000001")
    assert village.members.get(m["parent_id"])["code"] == "G01"
    g2 = village.members.get(village.members.get("H0002")["parent_id"])
    assert g2["name"] == "第2村民小组" and village.members.get(g2["parent_id"])["code"] == "V01"
    assert village.members.get("HOOO4")["joined"] == "2019-03-01"  # full-width letters made half-width
    units = {h["class_name"]: h["units_q"] for h in village.shares.member_holdings("HOOO4")}
    assert units["人口股"] == 10000 and units["农龄股"] == 105000
    # the same file again changes nothing
    changes = village.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    again = village.sheets.preview("members", path, options={"date": "2026-01-01"})
    assert again.counts() == {"new": 0, "changed": 0, "unchanged": 4, "rejected": 0}
    village.sheets.apply(again)
    assert village.db.execute("SELECT count(*) FROM changes").fetchone()[0] == changes


def test_every_problem_in_one_pass_and_nothing_written(village, tmp_path):
    bad_check = rid(5)[:17] + ("0" if rid(5)[17] != "0" else "1")
    rows = good_rows() + [
        [5, "H0005", "钱七", float(rid(7)[:17] + "0"), "1组", 2, 2, 2, "2019-02-30", "", ""],  # ID as a number, impossible date
        [6, "H0006", "孙八", rid(2), "1组", 2, -1, 2, "", "", ""],  # duplicate ID in the file, negative holding
        [7, "H0007", "周九", bad_check, "1组", 2, 2, 2, "", "", ""],  # bad check digit
        [8, "H0008", "吴十", rid(100), "1组", 2, 2, 2, "", "", ""],  # ID of a member already in the book
        [9, "H0001", "", rid(9), "1组", 2, 2, 2, "", "", ""],  # repeated code, no name
    ]
    path = office_roster(tmp_path / "bad.xlsx", rows)
    p = village.sheets.preview("members", path)
    found = {(x.row, x.column) for x in p.problems()}
    assert found == {
        (8, "身份证号码"), (8, "入社日期"),
        (9, "身份证号码"), (9, "人口股"),
        (10, "身份证号码"),
        (11, "身份证号码"),
        (12, "户主编号"), (12, "户主姓名"),
    }
    by_cell = {(x.row, x.column): x for x in p.problems()}
    assert "Excel" in by_cell[8, "身份证号码"].message and by_cell[8, "身份证号码"].value.endswith("E+17")
    assert by_cell[9, "身份证号码"].message == "与第5行重复" and by_cell[9, "身份证号码"].sheet == "花名册"
    assert "校验位" in by_cell[10, "身份证号码"].message
    assert "H0100" in by_cell[11, "身份证号码"].message
    assert p.counts()["rejected"] == 5 and p.counts()["new"] == 4
    before = village.members.count()
    with pytest.raises(BookError, match="8"):
        village.sheets.apply(p)
    assert village.members.count() == before


def test_valid_rows_only_then_fix_the_rejected_workbook(village, tmp_path):
    rows = good_rows() + [[5, "H0005", "钱七", float(rid(5)[:17] + "0"), "1组", 2, 2, 2, "2019-02-30", "", ""]]
    path = office_roster(tmp_path / "roster.xlsx", rows)
    p = village.sheets.preview("members", path)
    village.sheets.apply(p, valid_only=True)
    assert village.members.find("H0001") and not village.members.find("H0005")
    rejected = tmp_path / "rejected.xlsx"
    assert village.sheets.write_rejected(p, rejected) == 1
    wb = openpyxl.load_workbook(rejected)
    ws = wb.active
    assert [c.value for c in ws[2]][-2:] == ["原行号", "问题"]
    assert ws["L3"].value == 8 and "身份证号码" in ws["M3"].value and "入社日期" in ws["M3"].value
    ws["D3"], ws["I3"] = rid(5), "2019-02-28"  # the office fixes the two cells
    wb.save(rejected)
    fixed = village.sheets.preview("members", rejected)
    assert fixed.ok and fixed.counts()["new"] == 1 and set(fixed.ignored) == {"序号", "微信号", "原行号", "问题"}
    village.sheets.apply(fixed)
    assert village.members.get("H0005")["id_number"] == rid(5)


def test_changed_members_and_holdings(village, tmp_path):
    path = office_roster(tmp_path / "r.xlsx", good_rows())
    village.sheets.apply(village.sheets.preview("members", path, options={"date": "2026-01-01"}))
    rows = good_rows()
    rows[0][2], rows[0][6] = "张三丰", 5
    p = village.sheets.preview("members", office_roster(tmp_path / "r2.xlsx", rows), options={"date": "2026-07-01"})
    assert p.counts() == {"new": 0, "changed": 1, "unchanged": 3, "rejected": 0}
    assert p.rows[0].changes == {"name": ("张三", "张三丰"), "share:人口股": ("3", "5")}
    village.sheets.apply(p)
    assert village.members.get("H0001")["name"] == "张三丰"
    assert village.shares.holdings_on("2026-03-01")[village.members.resolve("H0001")]
    assert [h["units_q"] for h in village.shares.member_holdings("H0001", "2026-03-01") if h["class_name"] == "人口股"] == [30000]
    assert [h["units_q"] for h in village.shares.member_holdings("H0001") if h["class_name"] == "人口股"] == [50000]


def test_gbk_csv_without_codes_matches_by_id_number(village, tmp_path):
    path = tmp_path / "roster.csv"
    with path.open("w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "证件号码", "所属小组", "人口股"])
        w.writerow(["老住户", rid(100), "第1村民小组", "2"])
        w.writerow(["新户甲", rid(11), "第1村民小组", "3"])
        w.writerow(["新户乙", rid(12).lower(), "1组", "１"])
    p = village.sheets.preview("members", path, options={"date": "2026-01-01"})
    assert p.ok and p.counts() == {"new": 2, "changed": 1, "unchanged": 0, "rejected": 0}
    village.sheets.apply(p)
    codes = sorted(m["code"] for m in village.members.list(kind="household"))
    assert codes == ["H0100", "H0101", "H0102"]
    assert village.sheets.preview("members", path, options={"date": "2026-01-01"}).counts()["unchanged"] == 3


def test_a_corrected_mapping_is_saved_for_next_year(village, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编码", "户主姓名", "识别号"])  # 识别号 is no synonym: the user maps it to the ID number once
    ws.append(["H0001", "张三", rid(1)])
    path = tmp_path / "2025.xlsx"
    wb.save(path)
    guess = village.sheets.preview("members", path)
    assert guess.mapping == {1: "name"} and not guess.ok  # no code or ID column
    p = village.sheets.preview("members", path, mapping={0: "code", 1: "name", 2: "id_number"})
    assert p.ok
    village.sheets.apply(p)
    ws["A2"], ws["C2"] = "H0002", rid(2)
    nxt = tmp_path / "2026.xlsx"
    wb.save(nxt)
    again = village.sheets.preview("members", nxt)
    assert again.mapping == {0: "code", 1: "name", 2: "id_number"} and again.counts()["new"] == 1


def test_holdings_wide_and_long(village, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["持股变动表"])
    ws.append(["户号", "姓名", "人口股", "集体股(股)"])
    ws.append(["H0100", "老住户", 2, None])
    ws.append(["V01", "东岭村", None, "100"])
    ws.append(["H0100", "别人", 2, None])  # the name does not match the book
    ws.append(["H9999", "", 1, None])  # no such member
    wide = tmp_path / "wide.xlsx"
    wb.save(wide)
    p = village.sheets.preview("holdings", wide, options={"date": "2026-01-01"})
    assert {(x.row, x.column) for x in p.problems()} == {(5, "姓名"), (5, "户号"), (6, "户号")}  # row 5 also repeats row 3
    village.sheets.apply(p, valid_only=True)
    assert village.shares.holdings_on("2026-01-01")[village.members.resolve("V01")]
    with (tmp_path / "long.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["成员编号", "股份类别", "持股数量", "生效日期"], ["H0100", "人口股", "2", "2026-01-01"],
                                 ["H0100", "农龄股", "7.5", "2026/6/1"], ["H0100", "金股", "1", "2026-01-01"]])
    p = village.sheets.preview("holdings", tmp_path / "long.csv")
    assert [r.status for r in p.rows] == ["unchanged", "new", "rejected"]
    village.sheets.apply(p, valid_only=True)
    assert [h["units_q"] for h in village.shares.member_holdings("H0100") if h["class_name"] == "农龄股"] == [75000]


def test_a_sheet_without_a_header_is_refused_with_the_reason(village, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    p = village.sheets.preview("members", path)
    assert p.header_row is None and "表头" in p.problems()[0].message
    with pytest.raises(BookError):
        village.sheets.apply(p)
    assert read_sheet(path).rows == [["a", "b"], ["1", "2"]]


def test_an_xls_roster_from_an_old_excel(village, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    ws.write_merge(0, 0, 0, 3, "东岭村花名册")
    for c, h in enumerate(["户号", "户主姓名", "身份证号", "人口股"]):
        ws.write(1, c, h)
    ws.write(2, 0, "H0007")
    ws.write(2, 1, "钱七")
    ws.write(2, 2, rid(7))
    ws.write(2, 3, 2)
    ws.write(3, 0, "H0008")
    ws.write(3, 1, "孙八")
    ws.write(3, 2, float(rid(8)[:17] + "0"))  # the ID typed into a number cell
    ws.write(3, 3, 1.5)
    path = tmp_path / "old.xls"
    wb.save(str(path))
    p = village.sheets.preview("members", path, options={"date": "2026-01-01"})
    assert p.header_row == 2 and [r.status for r in p.rows] == ["new", "rejected"]
    assert [(x.row, x.column) for x in p.problems()] == [(4, "身份证号")]


def test_problems_in_english(village, tmp_path):
    from app.core.i18n import set_language

    set_language("en")
    rows = [[1, "H0005", "钱七", float(rid(5)[:17] + "0"), "1组", 2, -2, 2, "2019-02-30", "", ""]]
    p = village.sheets.preview("members", office_roster(tmp_path / "r.xlsx", rows))
    messages = {x.column: x.message for x in p.problems()}
    assert "Excel stored the ID number as a number" in messages["身份证号码"]
    assert messages["人口股"] == "A quantity cannot be negative"
    assert messages["入社日期"] == "The date “2019-02-30” does not exist"


def test_cancel_leaves_the_book_unchanged(village, tmp_path):
    from app.core.errors import Cancelled
    from app.core.progress import CancelToken

    path = office_roster(tmp_path / "r.xlsx", good_rows())
    p = village.sheets.preview("members", path)
    token = CancelToken()
    token.cancel()
    changes = village.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    with pytest.raises(Cancelled):
        village.sheets.apply(p, cancel=token)
    with pytest.raises(Cancelled):
        village.sheets.preview("members", path, cancel=token)
    assert village.db.execute("SELECT count(*) FROM changes").fetchone()[0] == changes
    assert village.members.find("H0001") is None
    seen = []
    village.sheets.apply(p, progress=lambda done, total, text: seen.append((done, total)))
    assert seen and village.members.find("H0001")


def test_a_group_written_once_in_a_merged_cell(village, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["村民小组", "户主编号", "户主姓名", "身份证号码"])
    for i in range(1, 5):
        ws.append(["第3村民小组" if i == 1 else None, f"H00{i}", f"户{i}", rid(20 + i)])
    ws.merge_cells("A2:A5")
    wb.save(tmp_path / "m.xlsx")
    p = village.sheets.preview("members", tmp_path / "m.xlsx")
    assert p.ok and p.new_parents == ["第3村民小组"]
    village.sheets.apply(p)
    groups = {village.members.get(village.members.get(f"H00{i}")["parent_id"])["name"] for i in range(1, 5)}
    assert groups == {"第3村民小组"}


def test_a_two_row_header_with_merged_cells(village, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["东岭村股权登记表"])
    ws.append(["户主编号", "户主姓名", "身份证号码", "持股情况", None])
    ws.append([None, None, None, "人口股", "农龄股"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:C3")
    ws.merge_cells("D2:E2")
    ws.append(["H0031", "郑一", rid(31), 2, 12])
    wb.save(tmp_path / "h.xlsx")
    p = village.sheets.preview("members", tmp_path / "h.xlsx", options={"date": "2026-01-01"})
    assert p.header_row == 3 and p.ok and p.counts()["new"] == 1
    village.sheets.apply(p)
    assert {h["class_name"]: h["units_q"] for h in village.shares.member_holdings("H0031")}["农龄股"] == 120000
