"""Importing sub-accounts, opening balances, vouchers and assets from sheets."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.core.errors import BookError


def sheet(path, header, rows, title="导入"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_sub_accounts(book, tmp_path):
    path = sheet(tmp_path / "a.xlsx", ["科目编码", "科目名称", "上级科目"], [
        ["10202", "邮储银行", None],
        ["1120101", "东岭村委会", "11201"],  # its parent comes later in the same file
        ["11201", "村委会往来", "112"],
        ["10201", "农商银行", None],  # unchanged
        ["999", "不存在", None],  # a first-level account the chart lacks
        ["10203", "", None],
    ])
    p = book.sheets.preview("accounts", path)
    assert [(r.row, r.status) for r in p.rows] == [(3, "new"), (4, "new"), (5, "new"), (6, "unchanged"), (7, "rejected"), (8, "rejected")]
    book.sheets.apply(p, valid_only=True)
    assert book.accounts.get("1120101")["parent_id"] == book.accounts.get("11201")["id"]
    assert book.sheets.preview("accounts", path).counts() == {"new": 0, "changed": 0, "unchanged": 4, "rejected": 2}


def test_opening_balances_from_a_trial_balance(book, tmp_path):
    rows = [["101", "库存现金", "20,000.00", None], ["102", "银行存款", 980000, None], ["10201", "农商银行", "980,000.00", None],
            ["301", "资本", None, "1,000,000.00"], ["合计", None, 1000000, 1000000]]
    path = sheet(tmp_path / "o.xlsx", ["科目编码", "科目名称", "年初借方余额", "年初贷方余额"], rows, title="科目余额表")
    p = book.sheets.preview("opening", path)
    assert p.ok and p.counts() == {"new": 3, "changed": 0, "unchanged": 1, "rejected": 0}
    book.sheets.apply(p)
    tb = book.reports.trial_balance(2026)
    assert {r["code"]: r["opening_fen"] for r in tb["rows"] if r["opening_fen"]}["10201"] == 98_000_000
    assert book.sheets.preview("opening", path).counts()["unchanged"] == 4
    rows[1][2] = 970000  # the first-level row no longer equals its sub-accounts
    rows[3][3] = "999,999.995"
    p = book.sheets.preview("opening", sheet(tmp_path / "o2.xlsx", ["科目编码", "科目名称", "期初借方", "期初贷方"], rows))
    assert {(x.row, x.column) for x in p.problems()} == {(4, "科目编码"), (6, "期初贷方")}
    with pytest.raises(BookError):
        book.sheets.apply(p, valid_only=True)


def test_vouchers_grouped_by_date_and_number(book, tmp_path):
    header = ["凭证日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "附件数"]
    rows = [
        [dt.date(2026, 1, 5), 1, "提取备用金", "101", "库存现金", "500.00", None, 1],
        [dt.date(2026, 1, 5), 1, None, "10201", "农商银行", None, 500],
        ["2026/1/8", "2", "收到租金", "10201", None, "12,000", None, 2],
        ["2026年1月8日", "2", "收到租金", "501", None, None, "12,000.00", None],
        ["2026-01-09", 3, "不平的凭证", "101", None, 100, None, None],
        ["2026-01-09", 3, "不平的凭证", "10201", None, None, 90, None],
        ["2026-01-10", 4, "未知科目", "9999", None, 5, None, None],
        ["2026-01-10", 4, "未知科目", "101", "银行存款", None, 5, None],
        ["2026-01-11", 5, "非末级科目", "322", None, 5, None, None],
        ["2026-01-11", 5, "非末级科目", "101", None, None, 5, None],
    ]
    path = sheet(tmp_path / "v.xlsx", header, rows, title="2026年1月凭证")
    p = book.sheets.preview("vouchers", path)
    status = {r.row: r.status for r in p.rows}
    assert status[3] == status[4] == status[5] == status[6] == "new"
    assert all(status[r] == "rejected" for r in range(7, 13))
    cells = {(x.row, x.column) for x in p.problems()}
    assert {(9, "科目编码"), (10, "科目名称"), (11, "科目编码")} <= cells
    assert any("借贷不平" in x.message for x in p.problems() if x.row == 7)
    book.sheets.apply(p, valid_only=True)
    v = book.vouchers.get(book.vouchers.list()[-1]["id"])
    assert v.date == "2026-01-05" and v.status == "draft" and v.attachments == 1
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen, ln.summary) for ln in v.lines] == [
        ("101", 50000, 0, "提取备用金"), ("10201", 0, 50000, "提取备用金")]
    count = book.vouchers.count()
    again = book.sheets.preview("vouchers", path)
    assert again.counts()["new"] == 0 and again.counts()["unchanged"] >= 2
    book.sheets.apply(again, valid_only=True)
    assert book.vouchers.count() == count


def test_vouchers_in_a_closed_month_are_rejected(book, tmp_path):
    book.periods.close_month("2026-01")
    path = sheet(tmp_path / "v.xlsx", ["日期", "凭证号", "摘要", "科目编码", "借方", "贷方"],
                 [["2026-01-31", 1, "x", "101", 1, None], ["2026-01-31", 1, "x", "10201", None, 1]])
    p = book.sheets.preview("vouchers", path)
    assert {x.column for x in p.problems()} >= {"日期"} and p.counts()["rejected"] == 2


def test_assets(book, tmp_path):
    header = ["资产编号", "资产名称", "资产类别", "坐落", "数量", "单位", "购置日期", "原值(元)", "使用年限(年)", "残值率", "状态"]
    rows = [["GD001", "村办公楼", "固定资产", "村委会", 1, "幢", "2015-06-30", "1,200,000.00", 30, "5%", "在用"],
            ["TD001", "山林", "土地", "北山", "650.5", "亩", "2010/1/1", 0, None, None, "出租"],
            ["GD002", "拖拉机", "机器", "", 1, "台", "2020-02-30", -5, 8, 0.05, "在用"]]
    p = book.sheets.preview("assets", sheet(tmp_path / "a.xlsx", header, rows))
    assert [r.status for r in p.rows] == ["new", "new", "rejected"]
    assert {x.column for x in p.problems()} == {"资产类别", "购置日期"}  # all of the row's cell problems at once
    book.sheets.apply(p, valid_only=True)
    a = book.assets.get("GD001")
    assert (a["cost_fen"], a["life_months"], a["residual_bp"], a["category"]) == (120_000_000, 360, 500, "fixed")
    assert book.assets.get("TD001")["quantity_q"] == 6_505_000 and book.assets.get("TD001")["status"] == "leased"


def test_opening_with_a_side_column_and_vouchers_from_a_gbk_csv(book, tmp_path):
    import csv

    path = sheet(tmp_path / "o.xlsx", ["科目代码", "科目名称", "方向", "期初余额"],
                 [["101", "库存现金", "借", "1,000.00"], ["10201", "农商银行", "借", 9000], ["301", "资本", "贷", "10000"]])
    p = book.sheets.preview("opening", path)
    assert p.ok
    book.sheets.apply(p)
    assert {r["code"]: r["opening_fen"] for r in book.reports.trial_balance(2026)["rows"]}["301"] == -1_000_000
    csv_path = tmp_path / "v.csv"
    with csv_path.open("w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows([["记账凭证导出"], ["日期", "凭证字号", "摘要", "科目编码", "借方金额", "贷方金额"],
                                 ["2026.2.3", "记-1", "购买办公用品", "101", "", "￥120.50"],
                                 ["2026.2.3", "记-1", "购买办公用品", "10201", "120.5", ""]])
    p = book.sheets.preview("vouchers", csv_path)
    assert p.ok and p.counts()["new"] == 2
    book.sheets.apply(p)
    assert book.vouchers.count() == 2  # the opening voucher and this one
