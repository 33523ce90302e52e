"""Statements as filed: 资产负债表 (dated at the month end, 年初数 / 期末数), 收益及收益分配表 (本年数 / 上年数) and
科目余额表, with 行次, 编制单位, 单位：元 and the 单位负责人 / 会计主管 / 制表 line. Printed from what ``Reports``
returns; the 行次 and line names come from the book's chart (resources/charts/*.json): a line's ``row`` when the
chart gives one, else its position. Long line names get smaller type or a second line, never an ellipsis."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.core.i18n import _
from app.core.money import format_fen
from app.core.paper.page import Cell, Sheet, paper
from app.core.periods import month_end
from app.core.reports import split

if TYPE_CHECKING:
    from app.core.book import Book

KINDS = ("balance-sheet", "income", "trial-balance")
MARGIN = 12.0
ROW_H = 6.5


def line_numbers(lines: Sequence[dict], start: int = 1) -> list[int]:
    """行次 of the chart's lines: the chart's ``row`` where given, else counted from ``start``."""
    return [int(ln.get("row") or start + i) for i, ln in enumerate(lines)]


def _header(s: Sheet, title: str, org: str, dated: str, width: float) -> float:
    """Title, then 编制单位 / date / 单位：元; returns the y (mm) below them."""
    y = MARGIN
    s.text(MARGIN, y, width, 11, title, 18, "center")
    y += 12
    s.text(MARGIN, y, width * 0.45, 6, _("编制单位：{o}", "Entity: {o}", o=org), 9)
    s.text(MARGIN + width * 0.35, y, width * 0.3, 6, dated, 9.5, "center")
    s.text(MARGIN + width * 0.7, y, width * 0.3, 6, _("单位：元", "Unit: yuan"), 9, "right")
    return y + 7


def _footer(s: Sheet, y: float, width: float) -> None:
    labels = (_("单位负责人", "Head"), _("会计主管", "Supervisor"), _("制表", "Prepared by"))
    step = width / len(labels)
    for i, label in enumerate(labels):
        s.text(MARGIN + i * step, y + 2, step, 6, f"{label}：", 9.5)


def _money(fen: int) -> str:
    return format_fen(fen, blank_zero=True)


def _table_pages(
    s: Sheet,
    title: str,
    org: str,
    dated: str,
    widths: Sequence[float],
    heads: Sequence[str],
    aligns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sign: bool,
) -> None:
    """A statement's table over as many pages as it needs: the header on each, page numbers when more than one,
    the sign-off line under the last row."""
    width = sum(widths)
    capacity = int((s.paper.height_mm - 2 * MARGIN - 12 - 7 - ROW_H - 12) // ROW_H)
    chunks = [rows[i : i + capacity] for i in range(0, len(rows), capacity)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        s.page()
        y = _header(s, title, org, dated, width)
        s.grid(MARGIN, y, widths, [ROW_H] * (len(chunk) + 1))
        s.row(MARGIN, y, widths, ROW_H, heads, ["center"] * len(heads), 9)
        y += ROW_H
        for r in chunk:
            s.row(MARGIN, y, widths, ROW_H, r, aligns, 8.5)
            y += ROW_H
        if len(chunks) > 1:
            s.text(
                MARGIN,
                s.paper.height_mm - MARGIN - 5,
                width,
                5,
                _("第 {n} 页 / 共 {m} 页", "Page {n} of {m}", n=n, m=len(chunks)),
                8,
                "center",
            )
        if sign and n == len(chunks):
            _footer(s, y, width)


def _as_of(period: str) -> str:
    d = month_end(period)
    return _("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}", y=d.year, m=d.month, d=d.day)


def balance_sheet_rows(book: Book, data: dict) -> list[list[str]]:
    """The two sides next to each other: 资产, 行次, 年初数, 期末数 | 负债及所有者权益, 行次, 年初数, 期末数."""
    layout = book.chart.balance_sheet
    left, right = data["assets"], data["liabilities_equity"]
    left_no = line_numbers(layout["assets"])
    right_no = line_numbers(layout["liabilities_equity"], start=len(left) + 1)
    rows = []
    for i in range(max(len(left), len(right))):
        row: list[str] = []
        for side, numbers in ((left, left_no), (right, right_no)):
            if i < len(side):
                r = side[i]
                indent = "　" * (r.get("level", 1) - 1)
                row += [indent + r["name"], str(numbers[i]), _money(r["start_fen"]), _money(r["end_fen"])]
            else:
                row += ["", "", "", ""]
        rows.append(row)
    return rows


def income_rows(book: Book, data: dict) -> list[list[str]]:
    numbers = line_numbers(book.chart.income_statement)
    return [
        [
            "　" * (r.get("level", 1) - 1) + r["name"],
            str(n),
            _money(r["amount_fen"]),
            _money(r["previous_fen"]),
        ]
        for r, n in zip(data["lines"], numbers, strict=True)
    ]


def trial_balance_rows(data: dict) -> list[list[str]]:
    rows = []
    for r in data["rows"]:
        od, oc = split(r["opening_fen"])
        cd, cc = split(r["closing_fen"])
        name = "　" * (r["level"] - 1) + r["name"]
        rows.append([r["code"], name, *map(_money, (od, oc, r["debit_fen"], r["credit_fen"], cd, cc))])
    t = data["totals"]
    keys = (
        "opening_debit_fen",
        "opening_credit_fen",
        "debit_fen",
        "credit_fen",
        "closing_debit_fen",
        "closing_credit_fen",
    )
    rows.append(["", _("合计", "Total"), *(_money(t[k]) for k in keys)])
    return rows


def print_statement(
    book: Book,
    kind: str,
    year: int,
    out: BinaryIO | str | Path,
    *,
    month_from: int = 1,
    month_to: int = 12,
    cells: list[Cell] | None = None,
) -> int:
    """Print one statement; returns the page count."""
    org = book.settings.name
    periods = book.periods.year_periods(year)
    money_heads = (_("年初数", "Start of year"), _("期末数", "End of period"))
    if kind == "balance-sheet":
        s = Sheet(out, paper("a4"), _("资产负债表", "Balance sheet"), offsets=False, cells=cells)
        data = book.reports.balance_sheet(year, month_to)
        widths = [42, 8, 21, 21, 42, 8, 22, 22]
        heads = [
            _("资产", "Assets"),
            _("行次", "Line"),
            *money_heads,
            _("负债及所有者权益", "Liabilities and equity"),
            _("行次", "Line"),
            *money_heads,
        ]
        aligns = ["left", "center", "right", "right"] * 2
        _table_pages(
            s,
            _("资产负债表", "Balance sheet"),
            org,
            _as_of(data["period"]),
            widths,
            heads,
            aligns,
            balance_sheet_rows(book, data),
            sign=True,
        )
    elif kind == "income":
        s = Sheet(out, paper("a4"), _("收益及收益分配表", "Income statement"), offsets=False, cells=cells)
        data = book.reports.income_statement(year, month_to)
        last = periods[month_to - 1]
        dated = (
            _("{y}年度", "Year {y}", y=year)
            if month_to == 12
            else _("{a}至{b}", "{a} to {b}", a=periods[0], b=last)
        )
        widths = [96, 14, 38, 38]
        heads = [_("项目", "Item"), _("行次", "Line"), _("本年数", "This year"), _("上年数", "Last year")]
        _table_pages(
            s,
            _("收益及收益分配表", "Income statement"),
            org,
            dated,
            widths,
            heads,
            ["left", "center", "right", "right"],
            income_rows(book, data),
            sign=True,
        )
    else:
        s = Sheet(out, paper("a4-landscape"), _("科目余额表", "Trial balance"), offsets=False, cells=cells)
        data = book.reports.trial_balance(year, month_from, month_to)
        widths = [22, 62] + [31.5] * 6
        heads = [
            _("科目编码", "Code"),
            _("科目名称", "Account"),
            _("期初借方", "Opening Dr"),
            _("期初贷方", "Opening Cr"),
            _("本期借方", "Debit"),
            _("本期贷方", "Credit"),
            _("期末借方", "Closing Dr"),
            _("期末贷方", "Closing Cr"),
        ]
        dated = _("{a}至{b}", "{a} to {b}", a=data["from"], b=data["to"])
        _table_pages(
            s,
            _("科目余额表", "Trial balance"),
            org,
            dated,
            widths,
            heads,
            ["left", "left"] + ["right"] * 6,
            trial_balance_rows(data),
            sign=True,
        )
    return s.finish()
