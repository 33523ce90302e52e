"""Exports: members, holdings, assets, accounts, opening balances, vouchers, trial balance, ledger, distribution.

Each kind builds a ``Table``; the file's suffix picks the format: .xlsx (prints, imports back: the headers are the
importers' own), .csv (UTF-8 with BOM, which Excel opens) or .json. Headers are Chinese, as the offices use them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError
from app.core.i18n import _
from app.core.members import kind_label
from app.core.money import fen_to_decimal, qty_to_decimal
from app.core.outfile import write_text
from app.core.reports import split
from app.core.sheets.writer import Column, write_csv, write_table

if TYPE_CHECKING:
    from app.core.book import Book


@dataclass
class Table:
    title: str
    columns: list[Column]
    keys: list[str]  # JSON keys, one per column
    rows: list[list[Any]]
    totals: list[Any] | None = None
    records: list[dict] | None = field(default=None)  # JSON records when they are not just the rows


def _cols(spec: list[tuple[str, str, str]]) -> tuple[list[Column], list[str]]:
    return [Column(h, k) for h, k, _key in spec], [key for _h, _k, key in spec]


def _sum(rows: list[list[Any]], i: int) -> int:
    return sum(r[i] or 0 for r in rows)


def _year(book: Book, year: int | None) -> int:
    if year:
        return year
    last = book.db.execute("SELECT max(period) FROM vouchers WHERE kind != 'opening'").fetchone()[0]
    return int(last[:4]) if last else int(book.settings.start_period[:4])


# -- members and holdings ----------------------------------------------------------------------------------
def members_table(book: Book, on: str | None = None, **_opts: Any) -> Table:
    classes = book.shares.classes()
    held = book.shares.holdings_on(on or "9999-12-31")
    spec = [("成员编号", "text", "code"), ("姓名或名称", "text", "name"), ("成员类别", "text", "kind"),
            ("证件号码", "text", "id_number"), ("上级编号", "text", "parent"), ("所属组织", "text", "parent_name"),
            ("联系电话", "text", "phone"), ("开户银行", "text", "bank"), ("银行账号", "text", "bank_account"),
            ("家庭人口", "int", "household_size"), ("加入日期", "date", "joined"), ("退出日期", "date", "left_on"),
            ("备注", "text", "note")]
    spec += [(f"{c['name']}({c['unit']})", "qty", c["name"]) for c in classes]
    columns, keys = _cols(spec)
    rows, records = [], []
    for m in book.members.list():
        mine = held.get(m["id"], {})
        units = [mine.get(c["id"], 0) for c in classes]
        rows.append([m["code"], m["name"], kind_label(m["kind"]), m["id_number"], m["parent_code"], m["parent_name"],
                     m["phone"], m["bank"], m["bank_account"], m["household_size"], m["joined"], m["left_on"], m["note"],
                     *units])
        records.append({"code": m["code"], "name": m["name"], "kind": m["kind"], "id_number": m["id_number"],
                        "parent": m["parent_code"], "phone": m["phone"], "bank": m["bank"], "bank_account": m["bank_account"],
                        "household_size": m["household_size"], "joined": m["joined"], "left_on": m["left_on"], "note": m["note"],
                        "holdings": {c["name"]: _number(qty_to_decimal(q)) for c, q in zip(classes, units, strict=True) if q}})
    totals = ["合计", *[None] * 12, *(_sum(rows, 13 + i) for i in range(len(classes)))]
    return Table(_("成员名册", "Members") + f" — {book.settings.name}", columns, keys, rows, totals, records)


def holdings_table(book: Book, **_opts: Any) -> Table:
    columns, keys = _cols([("成员编号", "text", "code"), ("姓名或名称", "text", "name"), ("股份类别", "text", "class"),
                           ("持股数量", "qty", "units"), ("生效日期", "date", "effective"), ("备注", "text", "note")])
    rows = [list(r) for r in book.db.execute(
        "SELECT m.code, m.name, c.name, h.units_q, h.effective, h.note FROM holdings h JOIN members m ON m.id = h.member_id"
        " JOIN share_classes c ON c.id = h.class_id ORDER BY m.code, c.sort, h.effective")]
    return Table(_("持股明细", "Holdings") + f" — {book.settings.name}", columns, keys, rows)


# -- assets and accounts -------------------------------------------------------------------------------------
def assets_table(book: Book, **_opts: Any) -> Table:
    from app.core.assets import category_label, status_label

    columns, keys = _cols([("资产编号", "text", "code"), ("资产名称", "text", "name"), ("资产类别", "text", "category"),
                           ("坐落位置", "text", "location"), ("数量", "qty", "quantity"), ("计量单位", "text", "unit"),
                           ("取得日期", "date", "acquired"), ("原值", "money", "cost"), ("出资成员编号", "text", "contributor"),
                           ("使用年限(月)", "int", "life_months"), ("残值率", "text", "residual"),
                           ("已提折旧", "money", "prior_depreciation"), ("账面累计折旧", "money", "accumulated"),
                           ("状态", "text", "status"), ("备注", "text", "note")])
    rows = [[a["code"], a["name"], category_label(a["category"]), a["location"], a["quantity_q"], a["unit"], a["acquired"],
             a["cost_fen"], a["contributor_code"], a["life_months"], f"{Decimal(a['residual_bp']) / 100}%",
             a["prior_depreciation_fen"], a["accumulated_fen"], status_label(a["status"]), a["note"]]
            for a in book.assets.list()]
    totals = ["合计", None, None, None, None, None, None, _sum(rows, 7), None, None, None, _sum(rows, 11), _sum(rows, 12)]
    return Table(_("资产台账", "Assets") + f" — {book.settings.name}", columns, keys, rows, totals)


def accounts_table(book: Book, **_opts: Any) -> Table:
    columns, keys = _cols([("科目编码", "text", "code"), ("科目名称", "text", "name"), ("上级科目编码", "text", "parent"),
                           ("成员编号", "text", "member")])
    members = {r[0]: r[1] for r in book.db.execute("SELECT id, code FROM members")}
    acc = book.accounts
    rows = [[a["code"], a["name"], acc.by_id(a["parent_id"])["code"] if a["parent_id"] else None, members.get(a["member_id"])]
            for a in acc.list()]
    return Table(_("会计科目", "Chart of accounts") + f" — {book.settings.name}", columns, keys, rows)


def opening_table(book: Book, **_opts: Any) -> Table:
    columns, keys = _cols([("科目编码", "text", "account"), ("科目名称", "text", "account_name"),
                           ("期初借方余额", "money", "debit"), ("期初贷方余额", "money", "credit")])
    rows = []
    for code, name, balance in book.db.execute(
        "SELECT a.code, a.name, sum(l.debit_fen - l.credit_fen) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id"
        " JOIN accounts a ON a.id = l.account_id WHERE v.kind = 'opening' GROUP BY a.code ORDER BY a.code"
    ):
        d, c = split(balance)
        rows.append([code, name, d or None, c or None])
    return Table(_("期初余额", "Opening balances") + f" — {book.settings.name}", columns, keys, rows,
                 ["合计", None, _sum(rows, 2), _sum(rows, 3)])


# -- vouchers and reports ----------------------------------------------------------------------------------
def vouchers_table(book: Book, year: int | None = None, **_opts: Any) -> Table:
    columns, keys = _cols([("日期", "date", "date"), ("凭证号", "text", "number"), ("摘要", "text", "summary"),
                           ("科目编码", "text", "account"), ("科目名称", "text", "account_name"), ("借方金额", "money", "debit"),
                           ("贷方金额", "money", "credit"), ("成员编号", "text", "member"), ("附件数", "int", "attachments"),
                           ("状态", "text", "status")])
    where, params = "WHERE v.kind != 'opening'", []
    if year:
        where += " AND v.period BETWEEN ? AND ?"
        periods = book.periods.year_periods(year)
        params = [periods[0], periods[-1]]
    status = {"draft": _("草稿", "draft"), "reviewed": _("已审核", "reviewed"), "posted": _("已记账", "posted")}
    rows, drafts = [], {}
    for vid, date, period, number, st, att, summary, code, name, d, c, member in book.db.execute(
        "SELECT v.id, v.date, v.period, v.number, v.status, v.attachments, l.summary, a.code, a.name, l.debit_fen,"
        " l.credit_fen, m.code FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id JOIN accounts a"
        f" ON a.id = l.account_id LEFT JOIN members m ON m.id = l.member_id {where}"
        " ORDER BY v.period, v.number IS NULL, v.number, v.date, v.id, l.seq", params
    ):
        label = f"{period}-{number:03d}" if number else drafts.setdefault(vid, f"{period}-D{len(drafts) + 1:03d}")
        rows.append([date, label, summary, code, name, d or None, c or None, member, att, status[st]])
    totals = ["合计", None, None, None, None, _sum(rows, 5), _sum(rows, 6)]
    return Table(_("凭证分录", "Journal lines") + f" — {book.settings.name}", columns, keys, rows, totals)


def trial_balance_table(book: Book, year: int | None = None, **_opts: Any) -> Table:
    year = _year(book, year)
    tb = book.reports.trial_balance(year)
    columns, keys = _cols([("科目编码", "text", "code"), ("科目名称", "text", "name"), ("期初借方", "money", "opening_debit"),
                           ("期初贷方", "money", "opening_credit"), ("本期借方", "money", "debit"), ("本期贷方", "money", "credit"),
                           ("期末借方", "money", "closing_debit"), ("期末贷方", "money", "closing_credit")])
    rows = [[r["code"], "　" * (r["level"] - 1) + r["name"], *split(r["opening_fen"]), r["debit_fen"], r["credit_fen"],
             *split(r["closing_fen"])] for r in tb["rows"]]
    t = tb["totals"]
    totals = ["合计", None, t["opening_debit_fen"], t["opening_credit_fen"], t["debit_fen"], t["credit_fen"],
              t["closing_debit_fen"], t["closing_credit_fen"]]
    return Table(_("科目余额表 {y}年", "Trial balance {y}", y=year) + f" — {book.settings.name}", columns, keys, rows, totals)


def ledger_table(book: Book, year: int | None = None, account: str | None = None, **_opts: Any) -> Table:
    if not account:
        raise BookError(_("请指定科目（--account）。", "Name the account (--account)."))
    year = _year(book, year)
    led = book.reports.detail_ledger(account, year)
    columns, keys = _cols([("日期", "date", "date"), ("凭证号", "text", "voucher"), ("科目编码", "text", "account"),
                           ("摘要", "text", "summary"), ("借方", "money", "debit"), ("贷方", "money", "credit"),
                           ("方向", "text", "side"), ("余额", "money", "balance")])
    from app.core.reports import direction

    rows = [[r.get("date"), r.get("voucher"), r.get("account"), r["summary"], r.get("debit_fen"), r.get("credit_fen"),
             direction(r["balance_fen"]), abs(r["balance_fen"])] for r in led["rows"]]
    return Table(_("明细账 {c} {n} {y}年", "Ledger {c} {n} {y}", c=led["code"], n=led["name"], y=year), columns, keys, rows)


def distribution_table(book: Book, year: int | None = None, **_opts: Any) -> Table:
    years = book.distribution.years()
    if not years:
        raise BookError(_("账簿中还没有收益分配。", "The book has no distribution yet."))
    year = year or years[0]
    lines = book.distribution.lines(year)
    classes = [c["name"] for c in book.shares.classes() if any(c["name"] in ln["units"] for ln in lines)]
    parts = sorted({p for ln in lines for p in ln["parts"]}, key=lambda p: (p not in classes, classes.index(p) if p in classes else 0, p))
    spec = [("成员编号", "text", "code"), ("姓名或名称", "text", "name")]
    spec += [(f"{c}(股)", "qty", f"units:{c}") for c in classes]
    spec += [(f"{p}分配", "money", f"part:{p}") for p in parts] + [("分配金额", "money", "amount")]
    columns, keys = _cols(spec)
    rows = [[ln["code"], ln["name"], *(ln["units"].get(c, 0) for c in classes), *(ln["parts"].get(p, 0) for p in parts),
             ln["amount_fen"]] for ln in lines]
    totals = ["合计", None, *(_sum(rows, 2 + i) for i in range(len(classes) + len(parts) + 1))]
    return Table(_("{y}年收益分配", "Distribution {y}", y=year) + f" — {book.settings.name}", columns, keys, rows, totals)


EXPORTERS: dict[str, Callable[..., Table]] = {
    "members": members_table,
    "holdings": holdings_table,
    "assets": assets_table,
    "accounts": accounts_table,
    "opening": opening_table,
    "vouchers": vouchers_table,
    "trial-balance": trial_balance_table,
    "ledger": ledger_table,
    "distribution": distribution_table,
}
EXPORT_KINDS = tuple(EXPORTERS)


# -- formats -----------------------------------------------------------------------------------------------
def _number(d: Decimal) -> int | float:
    """A Decimal for JSON: an int when whole, else the float whose shortest repr is the same digits."""
    return int(d) if d == d.to_integral_value() else float(d)  # ok-float: a JSON number, shortest repr = same digits


def _json_value(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == "money":
        return _number(fen_to_decimal(value))
    if column.kind == "qty":
        return _number(qty_to_decimal(value))
    return value


def write(table: Table, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_table(path, table.title, table.columns, table.rows, totals=table.totals)
    elif suffix == ".csv":
        write_csv(path, table.columns, table.rows)
    elif suffix == ".json":
        records = table.records or [
            {k: _json_value(c, v) for k, c, v in zip(table.keys, table.columns, row, strict=False)} for row in table.rows
        ]
        write_text(path, json.dumps(records, ensure_ascii=False, indent=1))
    else:
        raise BookError(_("导出文件应为 .xlsx、.csv 或 .json。", "Export to a .xlsx, .csv or .json file."))


def export(book: Book, kind: str, path: Path, **options: Any) -> int:
    if kind not in EXPORTERS:
        raise BookError(_("不能导出“{k}”。", "“{k}” cannot be exported.", k=kind))
    if not path.parent.exists():
        raise BookError(_("文件夹“{p}”不存在。", "The folder “{p}” does not exist.", p=path.parent))
    if path.suffix.lower() not in (".xlsx", ".csv", ".json"):
        raise BookError(_("导出文件应为 .xlsx、.csv 或 .json。", "Export to a .xlsx, .csv or .json file."))
    table = EXPORTERS[kind](book, **{k: v for k, v in options.items() if v is not None})
    write(table, path)
    return len(table.rows)
