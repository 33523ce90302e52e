"""记账凭证 on 凭证纸 (241×140, 241×93, 210×140), two to an A4 sheet or on A5, and the 凭证封面 of a bound volume.

A voucher with more lines than a form has rows continues on the next form: 第 1/2 张, the first form's 合计 row reads
过次页 with the totals so far, the next form opens with 承前页 carrying them; the last form's 合计 gives the totals
and the amount in 大写. The sign-off line carries the names the book recorded (制单, 审核, 记账)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.money import amount_in_words, format_fen
from app.core.paper.page import BINDING_MARGIN, Cell, Paper, Sheet, load_margin, paper
from app.core.vouchers import Line, Voucher

if TYPE_CHECKING:
    from app.core.book import Book

DIGITS = "亿千百十万千百十元角分"  # the 金额线: one cell per digit, 亿 to 分


@dataclass(frozen=True)
class Selection:
    """Which vouchers to print: a fiscal year, optionally one month or a date range, a number range (within a
    month), and drafts only when asked."""

    year: int
    month: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    numbers: tuple[int, int] | None = None
    drafts: bool = False


def select(book: Book, sel: Selection) -> list[Voucher]:
    """The selected vouchers with their lines, in period and number order (drafts last in their month)."""
    periods = book.periods.year_periods(sel.year)
    if sel.month is not None:
        periods = [periods[sel.month - 1]]
    if sel.numbers and len(periods) != 1:
        raise ValidationError(
            _("按凭证号选择时请指定月份。", "Choose a month to select by voucher number."),
            field="numbers",
            code="paper.numbers_need_month",
        )
    where = f"period IN ({','.join('?' * len(periods))}) AND kind != 'opening'"
    params: list = list(periods)
    if not sel.drafts:
        where += " AND status != 'draft'"
    if sel.date_from:
        where += " AND date >= ?"
        params.append(sel.date_from)
    if sel.date_to:
        where += " AND date <= ?"
        params.append(sel.date_to)
    if sel.numbers:
        where += " AND number BETWEEN ? AND ?"
        params.extend(sel.numbers)
    vouchers = [
        Voucher(**r)
        for r in book.db.query(
            f"SELECT * FROM vouchers WHERE {where} ORDER BY period, number IS NULL, number, date", params
        )
    ]
    by_id = {v.id: v for v in vouchers}
    for r in book.db.query(
        "SELECT l.voucher_id, l.id, l.seq, l.account_id, a.code AS account_code, a.name AS account_name, l.summary,"
        " l.debit_fen, l.credit_fen, l.member_id, l.asset_id FROM voucher_lines l JOIN accounts a ON a.id = l.account_id"
        f" WHERE l.voucher_id IN (SELECT id FROM vouchers WHERE {where}) ORDER BY l.voucher_id, l.seq",
        params,
    ):
        by_id[r.pop("voucher_id")].lines.append(Line(**r))
    return vouchers


@dataclass(frozen=True)
class Form:
    """The geometry of one voucher form (mm), laid out for the slot it is printed in."""

    width: float
    height: float
    rows: int
    left: float = BINDING_MARGIN  # the binding edge
    right: float = 7.0
    top: float = 6.0
    title_h: float = 11.0
    info_h: float = 6.5
    head_h: float = 7.0
    sign_h: float = 6.5

    @property
    def row_h(self) -> float:
        body = self.height - self.top - 4 - self.title_h - self.info_h - self.head_h - self.sign_h
        return min(13.0, body / (self.rows + 1))

    @property
    def columns(self) -> list[float]:
        """摘要, 总账科目, 明细科目, 借方金额, 贷方金额."""
        inner = self.width - self.left - self.right
        money = min(42.0, inner * 0.19)
        rest = inner - 2 * money
        return [rest * 0.38, rest * 0.28, rest * 0.34, money, money]


def form_for(p: Paper) -> Form:
    """The form for paper ``p`` with the binding margin saved for it on this computer."""
    h = p.height_mm / p.slots if p.slots > 1 else p.height_mm
    rows = 5 if h >= 120 else 4 if h >= 100 else 3
    return Form(p.width_mm, h, rows, left=load_margin(p.key))


@dataclass(frozen=True)
class People:
    """The sign-off line: 会计主管 and 出纳 are signed by hand unless given."""

    supervisor: str = ""
    cashier: str = ""


def _accounts(book: Book, line: Line) -> tuple[str, str]:
    """总账科目 (the first-level account, code and name) and 明细科目 (the levels below it)."""
    acc = book.accounts.by_id(line.account_id)
    names = book.accounts.full_name(acc).split("-")
    top = acc
    while top["parent_id"]:
        top = book.accounts.by_id(top["parent_id"])
    return f"{top['code']} {top['name']}", "-".join(names[1:])


def sheets_of(v: Voucher, rows: int) -> list[list[Line]]:
    """The voucher's lines form by form: ``rows`` on the first, one fewer on the next (the 承前页 row)."""
    chunks = [v.lines[:rows]]
    rest = v.lines[rows:]
    while rest:
        chunks.append(rest[: rows - 1])
        rest = rest[rows - 1 :]
    return chunks


def draw_voucher(
    s: Sheet, book: Book, v: Voucher, form: Form, top: float, *, grid: bool, people: People
) -> int:
    """Every form of ``v``, the first at ``top`` (mm) of the current page, the next ones on new pages of their
    own (in the same slot); returns the number of forms."""
    chunks = sheets_of(v, form.rows)
    d_sum = c_sum = 0
    for n, chunk in enumerate(chunks, start=1):
        if n > 1:
            s.page()
        carried = (d_sum, c_sum)
        d_sum += sum(ln.debit_fen for ln in chunk)
        c_sum += sum(ln.credit_fen for ln in chunk)
        body: list[tuple[str, str, str, int, int]] = []
        if n > 1:
            body.append((_("承前页", "Brought forward"), "", "", *carried))
        for ln in chunk:
            general, detail = _accounts(book, ln)
            body.append((ln.summary, general, detail, ln.debit_fen, ln.credit_fen))
        last = n == len(chunks)
        _form(s, book, v, form, top, body, last, (d_sum, c_sum), grid, people, (n, len(chunks)))
    return len(chunks)


def _form(
    s: Sheet,
    book: Book,
    v: Voucher,
    f: Form,
    top: float,
    body: Sequence[tuple[str, str, str, int, int]],
    last: bool,
    totals: tuple[int, int],
    grid: bool,
    people: People,
    sheet_no: tuple[int, int],
) -> None:
    x, width = f.left, f.width - f.left - f.right
    y = top + f.top
    s.text(
        x + width * 0.25, y, width * 0.5, f.title_h * 0.75, _("记账凭证", "Accounting voucher"), 16, "center"
    )
    s.line(x + width * 0.36, y + f.title_h * 0.8, x + width * 0.64, y + f.title_h * 0.8, 0.6)
    s.line(x + width * 0.36, y + f.title_h * 0.8 + 0.8, x + width * 0.64, y + f.title_h * 0.8 + 0.8, 0.6)
    number = v.label
    if sheet_no[1] > 1:
        number += f"  {sheet_no[0]}/{sheet_no[1]}"
    s.text(
        x + width * 0.7, y, width * 0.3, f.title_h * 0.75, _("凭证号：{n}", "No. {n}", n=number), 9.5, "right"
    )
    y += f.title_h
    yy, mm, dd = v.date.split("-")
    s.text(x, y, width * 0.45, f.info_h, _("核算单位：{o}", "Entity: {o}", o=book.settings.name), 8.5)
    s.text(
        x + width * 0.35,
        y,
        width * 0.3,
        f.info_h,
        _("{y}年{m}月{d}日", "{y}-{m}-{d}", y=yy, m=mm, d=dd),
        9,
        "center",
    )
    s.text(
        x + width * 0.7,
        y,
        width * 0.3,
        f.info_h,
        _("附单据 {n} 张", "{n} attachments", n=v.attachments),
        8.5,
        "right",
    )
    y += f.info_h
    cols = f.columns
    rh = f.row_h
    n_rows = f.rows + 1
    s.grid(x, y, cols, [f.head_h] + [rh] * f.rows)
    s.grid(
        x, y + f.head_h + rh * f.rows, [sum(cols[:3]), *cols[3:]], [rh]
    )  # the 合计 row spans the text columns
    heads = [
        _("摘要", "Summary"),
        _("总账科目", "Account"),
        _("明细科目", "Sub-account"),
        _("借方金额", "Debit"),
        _("贷方金额", "Credit"),
    ]
    if grid:
        half = f.head_h / 2
        s.row(x, y, cols[:3], f.head_h, heads[:3], ["center"] * 3, 9)
        mx = x + sum(cols[:3])
        for k in (3, 4):
            s.text(mx, y, cols[k], half, heads[k], 8, "center")
            s.line(mx, y + half, mx + cols[k], y + half, 0.3)
            _digit_rules(s, mx, y + half, cols[k], f.head_h - half + rh * n_rows)
            step = cols[k] / len(DIGITS)
            for i, label in enumerate(DIGITS):
                s.text(mx + i * step, y + half, step, half, label, 5.5, "center", 0.2)
            mx += cols[k]
    else:
        s.row(x, y, cols, f.head_h, heads, ["center"] * 5, 9)
    y += f.head_h
    for i in range(f.rows):
        if i < len(body):
            summary, general, detail, debit, credit = body[i]
            s.row(x, y, cols[:3], rh, [summary, general, detail], ["left"] * 3, 8.5)
            _amount(s, x + sum(cols[:3]), y, cols[3], rh, debit, grid)
            _amount(s, x + sum(cols[:4]), y, cols[4], rh, credit, grid)
        y += rh
    if last:
        label = _("合计：{w}", "Total: {w}", w=amount_in_words(totals[0], prefix=True))
    else:
        label = _("过次页", "Carried forward")
    s.text(x, y, sum(cols[:3]), rh, label, 8.5)
    _amount(s, x + sum(cols[:3]), y, cols[3], rh, totals[0], grid)
    _amount(s, x + sum(cols[:4]), y, cols[4], rh, totals[1], grid)
    y += rh
    names = (
        (_("会计主管", "Supervisor"), people.supervisor),
        (_("记账", "Posted"), v.poster or ""),
        (_("审核", "Reviewed"), v.reviewer or ""),
        (_("出纳", "Cashier"), people.cashier),
        (_("制单", "Prepared"), v.preparer or ""),
    )
    step = width / len(names)
    for i, (label, name) in enumerate(names):
        s.text(x + i * step, y + 0.5, step, f.sign_h, f"{label}：{name}", 8.5)


def _digit_rules(s: Sheet, x: float, y: float, w: float, h: float) -> None:
    step = w / len(DIGITS)
    for i in range(1, len(DIGITS)):
        # the 元 | 角 rule and the thousands rules stand out, as on the printed forms
        s.line(x + i * step, y, x + i * step, y + h, 0.5 if i in (2, 5, 9) else 0.15)


def _amount(s: Sheet, x: float, y: float, w: float, h: float, fen: int, grid: bool) -> None:
    if not fen:
        return
    if not grid:
        s.text(x, y, w, h, format_fen(fen), 9, "right")
        return
    digits = str(fen)
    step = w / len(DIGITS)
    start = len(DIGITS) - len(digits)
    for i, d in enumerate(digits):
        s.text(x + (start + i) * step, y, step, h, d, 8.5, "center", 0.2)


def print_vouchers(
    book: Book,
    vouchers: Sequence[Voucher],
    out: BinaryIO | str | Path,
    paper_key: str = "voucher-241x140",
    *,
    grid: bool = False,
    people: People = People(),
    cover: bool = False,
    cells: list[Cell] | None = None,
) -> int:
    """Print the vouchers (with a cover before each month's volume when ``cover``); returns the page count."""
    p = paper(paper_key)
    s = Sheet(out, p, _("记账凭证", "Accounting vouchers"), cells=cells)
    form = form_for(p)
    slot = 0
    for _period, group in groupby(vouchers, key=lambda v: v.period):
        group = list(group)
        if cover:
            s.page()
            draw_cover(s, book, group, form, 0.0, people)
            slot = p.slots  # the cover has its own sheet
        for v in group:
            if slot % p.slots == 0 or len(sheets_of(v, form.rows)) > 1:
                s.page()
                slot = 0
            top = slot * form.height
            if p.slots > 1 and slot == 0:
                s.line(4, form.height, p.width_mm - 4, form.height, 0.3, dash=(4, 3))  # the cut line
            forms = draw_voucher(s, book, v, form, top, grid=grid, people=people)
            slot = p.slots if forms > 1 else slot + 1
    return s.finish()


def print_covers(
    book: Book,
    vouchers: Sequence[Voucher],
    out: BinaryIO | str | Path,
    paper_key: str = "voucher-241x140",
    *,
    people: People = People(),
    cells: list[Cell] | None = None,
) -> int:
    """One 凭证封面 per month of the selection (a month's vouchers are bound as one volume)."""
    p = paper(paper_key)
    s = Sheet(out, p, _("凭证封面", "Voucher cover"), cells=cells)
    form = form_for(p)
    for _period, group in groupby(vouchers, key=lambda v: v.period):
        s.page()
        draw_cover(s, book, list(group), form, 0.0, people)
    return s.finish()


def cover_facts(vouchers: Sequence[Voucher]) -> dict:
    """What a cover states: the period, the number range, the voucher count and the attachment total."""
    numbers = [v.number for v in vouchers if v.number]
    words = defaultdict(int)
    for v in vouchers:
        words[v.word] += 1
    return {
        "period": vouchers[0].period if vouchers else "",
        "word": max(words, key=words.get) if words else _("记", "J"),
        "first": min(numbers) if numbers else None,
        "last": max(numbers) if numbers else None,
        "count": len(vouchers),
        "attachments": sum(v.attachments for v in vouchers),
    }


def draw_cover(
    s: Sheet, book: Book, vouchers: Sequence[Voucher], form: Form, top: float, people: People
) -> None:
    facts = cover_facts(vouchers)
    x, width = form.left, form.width - form.left - form.right
    y = top + form.top
    s.text(x, y, width, 12, _("记账凭证封面", "Voucher cover"), 18, "center")
    y += 14
    year, month = facts["period"][:4], facts["period"][5:7]
    rows = [
        (_("单位名称", "Entity"), book.settings.name),
        (_("所属期间", "Period"), _("{y}年{m}月", "{y}-{m}", y=year, m=month)),
        (
            _("凭证号数", "Numbers"),
            _(
                "{w}字第 {a} 号至第 {b} 号",
                "{w} {a} to {b}",
                w=facts["word"],
                a=facts["first"] or "",
                b=facts["last"] or "",
            ),
        ),
        (_("凭证张数", "Vouchers"), _("共 {n} 张", "{n} vouchers", n=facts["count"])),
        (_("附件张数", "Attachments"), _("共 {n} 张", "{n} attachments", n=facts["attachments"])),
        (_("本册", "Volume"), _("第 ___ 册　共 ___ 册", "volume ___ of ___")),
    ]
    label_w = width * 0.25
    rh = min(9.0, (form.height - y - 14) / len(rows))
    s.grid(x, y, [label_w, width - label_w], [rh] * len(rows))
    for label, value in rows:
        s.row(x, y, [label_w, width - label_w], rh, [label, value], ["center", "left"], 10)
        y += rh
    y += 2
    step = width / 3
    for i, (label, name) in enumerate(
        (
            (_("会计主管", "Supervisor"), people.supervisor),
            (_("装订人", "Bound by"), ""),
            (_("装订日期", "Bound on"), ""),
        )
    ):
        s.text(x + i * step, y, step, 7, f"{label}：{name}", 9.5)
