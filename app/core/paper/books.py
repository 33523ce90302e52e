"""Account books on A4: 总分类账, 三栏式明细账, 现金日记账 and 银行存款日记账, with carry-forward lines.

Every page but the first opens with 承前页 and every page but the last closes with 过次页; both carry the debit
and credit totals from the start of the year (本年累计 so far) and the balance after the page's last row, so the
承前页 of page N+1 repeats the 过次页 of page N. The header names the account, the year and page N of M (per account)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.journal import journal
from app.core.money import format_fen
from app.core.paper.page import Cell, Sheet, paper

if TYPE_CHECKING:
    from app.core.book import Book

KINDS = ("ledger", "general-ledger", "journal", "multi-column")
ANALYSIS_COLUMNS = 6  # 多栏式: second-level accounts beyond these share a 其他 column
LEFT, RIGHT, TOP, BOTTOM = 20.0, 10.0, 12.0, 10.0  # mm; the binding edge is on the left
ROW_H = 7.0
TOTAL_KINDS = ("month", "year", "day")


@dataclass(frozen=True)
class AccountBook:
    """One account's book ready to print: its title, the account and the report rows."""

    title: str
    code: str
    name: str
    year: int
    rows: list[dict]
    counterpart: bool  # a journal: with the 对方科目 column
    analysis: tuple[
        tuple[str, str], ...
    ] = ()  # 多栏式: the (codes prefix, header) of the debit analysis columns


def _title(book: Book, kind: str, code: str) -> str:
    if kind == "general-ledger":
        return _("总分类账", "General ledger")
    if kind == "ledger":
        return _("明细分类账", "Subsidiary ledger")
    if kind == "multi-column":
        return _("多栏式明细账", "Multi-column ledger")
    cash = book.chart.roles.get("cash", "101")
    return _("现金日记账", "Cash journal") if code.startswith(cash) else _("银行存款日记账", "Bank journal")


def account_book(
    book: Book, kind: str, code: str, year: int, month_from: int = 1, month_to: int = 12
) -> AccountBook:
    """The rows of one account's book of ``kind`` (ledger, general-ledger or journal)."""
    reports = book.reports
    if kind == "general-ledger":
        data = reports.general_ledger(code, year)
        first, last = (
            book.periods.year_periods(year)[month_from - 1],
            book.periods.year_periods(year)[month_to - 1],
        )
        data["rows"] = [r for r in data["rows"] if r["period"] is None or first <= r["period"] <= last]
    elif kind in ("ledger", "multi-column"):
        data = reports.detail_ledger(code, year, month_from, month_to)
    else:
        cash, bank = book.chart.roles.get("cash", "101"), book.chart.roles.get("bank", "102")
        if not code.startswith((cash, bank)):
            raise ValidationError(
                _("日记账只有现金和银行存款科目。", "Journals are kept for cash and bank accounts only."),
                field="account",
                code="paper.journal_account",
            )
        data = journal(book, code, year, month_from, month_to)
    analysis = _analysis(book, code, data["rows"]) if kind == "multi-column" else ()
    return AccountBook(
        _title(book, kind, code), data["code"], data["name"], year, data["rows"], kind == "journal", analysis
    )


def _analysis(book: Book, code: str, rows: list[dict]) -> tuple[tuple[str, str], ...]:
    """多栏式: a debit column per second-level account (a 其他 column for the rest); each line row gets its
    ``split`` (column → debit) and each month and year row the sums of its lines' splits."""
    children = sorted(book.accounts.children(code), key=lambda a: a["code"]) or [book.accounts.require(code)]
    columns = [(a["code"], a["name"]) for a in children]
    if len(columns) > ANALYSIS_COLUMNS:
        columns = columns[: ANALYSIS_COLUMNS - 1] + [("", _("其他", "Other"))]
    prefixes = [c for c, _n in columns if c]
    month: dict[str, int] = {}
    year: dict[str, int] = {}
    for r in rows:
        if r["kind"] == "line":
            key = next((p for p in prefixes if r["account"].startswith(p)), "")
            r["split"] = {key: r["debit_fen"]} if r["debit_fen"] else {}
            for totals in (month, year):
                totals[key] = totals.get(key, 0) + r["debit_fen"]
        elif r["kind"] == "month":
            r["split"], month = month, {}
        elif r["kind"] == "year":
            r["split"] = dict(year)
    return tuple(columns)


def accounts_with_activity(book: Book, kind: str, year: int) -> list[str]:
    """The accounts a year's run prints: with an opening balance or movements in the year. Ledgers: every leaf;
    the general ledger: every first-level account; journals: cash and each bank account."""
    rows = book.reports.trial_balance(year)["rows"]
    active = [r for r in rows if r["opening_fen"] or r["debit_fen"] or r["credit_fen"]]
    if kind == "general-ledger":
        return [r["code"] for r in active if r["level"] == 1]
    if kind == "ledger":
        return [r["code"] for r in active if r["is_leaf"]]
    if kind == "multi-column":
        expenses = {
            book.chart.roles.get("operating_expense", "511"),
            book.chart.roles.get("admin_expense", "513"),
        }
        return [r["code"] for r in active if r["code"] in expenses]
    cash, bank = book.chart.roles.get("cash", "101"), book.chart.roles.get("bank", "102")
    return [r["code"] for r in active if r["is_leaf"] and r["code"].startswith((cash, bank))]


def default_paper(kind: str) -> str:
    return "a4-landscape" if kind == "multi-column" else "a4"


def _columns(
    counterpart: bool, analysis: Sequence[tuple[str, str]] = ()
) -> tuple[list[float], list[str], list[str]]:
    """Widths (mm), headers and alignments: 月, 日, 凭证字号, 摘要, [对方科目], 借方, 贷方, 借或贷, 余额, [分析栏]."""
    if counterpart:
        widths = [8, 8, 15, 42, 25, 24, 24, 8, 26]
        heads = ["月", "日", "凭证字号", "摘要", "对方科目", "借方", "贷方", "借或贷", "余额"]
    else:
        widths = [8, 8, 15, 55, 28, 28, 8, 30]
        heads = ["月", "日", "凭证字号", "摘要", "借方", "贷方", "借或贷", "余额"]
    heads = [_(h, h) for h in heads]
    aligns = (
        ["center", "center", "center", "left"]
        + (["left"] if counterpart else [])
        + ["right", "right", "center", "right"]
    )
    if analysis:  # landscape: the analysis columns share what is left of 267 mm
        widths = [8, 8, 14, 40, 24, 24, 8, 26]
        room = (267 - sum(widths)) / len(analysis)
        widths += [room] * len(analysis)
        heads += [name for _code, name in analysis]
        aligns += ["right"] * len(analysis)
    return [float(w) for w in widths], heads, aligns  # ok-float: column widths in millimetres


def rows_per_page(height_mm: float) -> int:
    """Table rows below the header on one page (including the 承前页 and 过次页 rows)."""
    return int((height_mm - TOP - BOTTOM - 24 - 2 * ROW_H) // ROW_H)


def paginate(rows: Sequence[dict], capacity: int) -> list[list[dict]]:
    """The rows page by page with the carry lines added: 过次页 closes a page that has a next, 承前页 opens it.
    Both carry the totals since the start of the year (line rows only; totals rows add nothing) and the balance."""
    pages: list[list[dict]] = []
    debit = credit = 0
    split: dict[str, int] = {}
    balance = rows[0].get("balance_fen", 0) if rows else 0
    counted = (
        "line" if any(r["kind"] == "line" for r in rows) else "month"
    )  # the general ledger has months only
    i = 0
    while True:
        page: list[dict] = []
        if pages:
            page.append(
                {
                    "kind": "brought",
                    "summary": _("承前页", "Brought forward"),
                    "debit_fen": debit,
                    "credit_fen": credit,
                    "balance_fen": balance,
                    "split": dict(split),
                }
            )
        room = capacity - len(page) - (1 if len(rows) - i > capacity - len(page) else 0)
        for r in rows[i : i + room]:
            if r["kind"] == counted:
                debit += r.get("debit_fen", 0)
                credit += r.get("credit_fen", 0)
                for key, value in r.get("split", {}).items():
                    split[key] = split.get(key, 0) + value
            balance = r.get("balance_fen", balance)
            page.append(r)
        i += room
        if i < len(rows):
            page.append(
                {
                    "kind": "carried",
                    "summary": _("过次页", "Carried forward"),
                    "debit_fen": debit,
                    "credit_fen": credit,
                    "balance_fen": balance,
                    "split": dict(split),
                }
            )
        pages.append(page)
        if i >= len(rows):
            return pages


def _cells(r: dict, counterpart: bool, analysis: Sequence[tuple[str, str]] = ()) -> list[str]:
    date = r.get("date") or ""
    period = r.get("period") or ""
    month = str(int(date[5:7])) if date else str(int(period[5:7])) if period else ""
    day = str(int(date[8:10])) if date and r["kind"] in ("line", "day") else ""
    balance = r.get("balance_fen", 0)
    side = _("借", "Dr") if balance > 0 else _("贷", "Cr") if balance < 0 else _("平", "—")
    money = [
        format_fen(r.get("debit_fen", 0), blank_zero=True),
        format_fen(r.get("credit_fen", 0), blank_zero=True),
    ]
    values = [month, day, r.get("voucher", ""), r["summary"]]
    if counterpart:
        values.append(r.get("counterpart", ""))
    split = r.get("split", {})
    columns = [format_fen(split.get(code, 0), blank_zero=True) for code, _name in analysis]
    return values + money + [side, format_fen(abs(balance))] + columns


def draw_book(s: Sheet, b: AccountBook, org: str) -> int:
    """Print one account's book on new pages; returns its page count."""
    widths, heads, aligns = _columns(b.counterpart, b.analysis)
    total_w = sum(widths)
    capacity = rows_per_page(s.paper.height_mm)
    pages = paginate(b.rows, capacity)
    for n, page in enumerate(pages, start=1):
        s.page()
        y = TOP
        s.text(LEFT, y, total_w, 10, b.title, 16, "center")
        y += 11
        s.text(LEFT, y, total_w * 0.5, 6, _("科目：{c} {n}", "Account: {c} {n}", c=b.code, n=b.name), 9.5)
        s.text(LEFT + total_w * 0.5, y, total_w * 0.2, 6, _("{y}年", "{y}", y=b.year), 9.5, "center")
        s.text(
            LEFT + total_w * 0.7,
            y,
            total_w * 0.3,
            6,
            _("第 {n} 页 / 共 {m} 页", "Page {n} of {m}", n=n, m=len(pages)),
            9,
            "right",
        )
        y += 7
        s.text(LEFT, y + (2 + capacity) * ROW_H + 1, total_w, 5, org, 8, "left")
        split_at = len(widths) - len(b.analysis)  # 借方分析 spans the analysis columns, as 年 spans 月 and 日
        spans = [(0, 2, _("{y}年", "{y}", y=b.year))] + (
            [(split_at, len(widths), _("借方分析", "Debit analysis"))] if b.analysis else []
        )
        _header_rules(s, y, widths, [(a, z) for a, z, _t in spans])
        for a, z, label in spans:
            s.text(LEFT + sum(widths[:a]), y, sum(widths[a:z]), ROW_H, label, 8.5, "center", 0.3)
        s.grid(LEFT, y + 2 * ROW_H, widths, [ROW_H] * capacity)
        x = LEFT
        for i, (w, h) in enumerate(zip(widths, heads, strict=True)):
            if any(a <= i < z for a, z, _t in spans):
                s.text(x, y + ROW_H, w, ROW_H, h, 8.5, "center", 0.3)
            else:
                s.text(x, y, w, 2 * ROW_H, h, 9, "center", 0.5)
            x += w
        y += 2 * ROW_H
        for r in page:
            s.row(LEFT, y, widths, ROW_H, _cells(r, b.counterpart, b.analysis), aligns, 8.5)
            if r["kind"] in (*TOTAL_KINDS, "brought", "carried"):
                s.line(
                    LEFT, y + ROW_H - 0.6, LEFT + total_w, y + ROW_H - 0.6, 0.3
                )  # a totals row is underlined twice
            y += ROW_H
    return len(pages)


def _header_rules(s: Sheet, y: float, widths: Sequence[float], spans: Sequence[tuple[int, int]]) -> None:
    """The two-row header's rules: a column rule inside a span (年 over 月 and 日) starts below the span's label."""
    total_w = sum(widths)
    s.rect(LEFT, y, total_w, 2 * ROW_H, 0.8)
    for a, z in spans:
        s.line(LEFT + sum(widths[:a]), y + ROW_H, LEFT + sum(widths[:z]), y + ROW_H, 0.5)
    for i in range(1, len(widths)):
        inside = any(a < i < z for a, z in spans)
        s.line(
            LEFT + sum(widths[:i]), y + (ROW_H if inside else 0), LEFT + sum(widths[:i]), y + 2 * ROW_H, 0.5
        )


def print_books(
    book: Book,
    kind: str,
    codes: Sequence[str],
    year: int,
    out: BinaryIO | str | Path,
    *,
    month_from: int = 1,
    month_to: int = 12,
    paper_key: str | None = None,
    cells: list[Cell] | None = None,
) -> int:
    """Print the books of ``kind`` for each account in ``codes`` into one PDF; returns the page count."""
    s = Sheet(
        out,
        paper(paper_key or default_paper(kind)),
        _title(book, kind, codes[0] if codes else ""),
        offsets=False,
        cells=cells,
    )
    org = book.settings.name
    for code in codes:
        draw_book(s, account_book(book, kind, code, year, month_from, month_to), org)
    return s.finish()
