"""Vouchers (记账凭证): draft → reviewed → posted; posted vouchers never change, corrections reverse them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.money import format_fen
from app.core.ops import Op, Permission
from app.core.periods import opening_period, parse_date, period_of
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.store import utc_now

if TYPE_CHECKING:
    from app.core.book import Book

@dataclass(frozen=True)
class BatchResult:
    done: int
    refused: tuple[tuple[str, str, str], ...]  # (voucher id, problem code, sentence)


@dataclass
class LineInput:
    """A line as the user or a feature gives it: the account by code, amounts in fen (one side)."""

    account: str
    summary: str = ""
    debit_fen: int = 0
    credit_fen: int = 0
    member: str | None = None  # member code or id
    asset: str | None = None  # asset code or id


@dataclass
class Line:
    id: str
    seq: int
    account_id: str
    account_code: str
    account_name: str
    summary: str
    debit_fen: int
    credit_fen: int
    member_id: str | None
    asset_id: str | None


@dataclass
class Voucher:
    id: str
    period: str
    number: int | None
    date: str
    word: str
    attachments: int
    kind: str
    status: str
    preparer: str
    reviewer: str | None
    poster: str | None
    posted_at: str | None
    reverses_id: str | None
    note: str
    lines: list[Line] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.word}-{self.number}" if self.number else f"{self.word}-{_('草稿', 'draft')}"

    @property
    def debit_total(self) -> int:
        return sum(ln.debit_fen for ln in self.lines)

    @property
    def credit_total(self) -> int:
        return sum(ln.credit_fen for ln in self.lines)


class Vouchers:
    def __init__(self, book: Book):
        self.book = book

    @staticmethod
    def line(account: str, summary: str, amount_fen: int, member: str | None = None) -> LineInput:
        """A line from a debit-positive amount: positive debits the account, negative credits it."""
        if amount_fen >= 0:
            return LineInput(account, summary, debit_fen=amount_fen, member=member)
        return LineInput(account, summary, credit_fen=-amount_fen, member=member)

    # -- validation ----------------------------------------------------------------------------------------
    def _resolve_lines(self, lines: Sequence[LineInput], kind: str = "normal") -> list[dict]:
        book = self.book
        if len(lines) < 2:
            raise ValidationError(_("一张凭证至少要有两行分录。", "A voucher needs at least two lines."), field="lines")
        rows = []
        for i, ln in enumerate(lines, start=1):
            acc = book.accounts.get(ln.account)
            if acc is None:
                raise ValidationError(
                    _("第{i}行：没有科目“{a}”。", "Line {i}: there is no account “{a}”.", i=i, a=ln.account), field="account"
                )
            if not book.accounts.is_postable(acc["id"]):
                raise ValidationError(
                    _(
                        "第{i}行：科目 {c} {n} 有下级科目或已停用，请选末级科目。",
                        "Line {i}: account {c} {n} has sub-accounts or is inactive; choose a leaf account.",
                        i=i,
                        c=acc["code"],
                        n=acc["name"],
                    ),
                    field="account",
                )
            if not isinstance(ln.debit_fen, int) or not isinstance(ln.credit_fen, int):
                raise TypeError("amounts are integer fen")
            if ln.debit_fen and ln.credit_fen:
                raise ValidationError(
                    _("第{i}行：借方和贷方只能填一边。", "Line {i}: fill in either debit or credit, not both.", i=i), field="amount"
                )
            if not ln.debit_fen and not ln.credit_fen:
                raise ValidationError(_("第{i}行：金额为零。", "Line {i}: the amount is zero.", i=i), field="amount")
            if (ln.debit_fen < 0 or ln.credit_fen < 0) and kind != "reversal":
                raise ValidationError(
                    _(
                        "第{i}行：红字（负数）金额只能用于冲销或更正凭证。",
                        "Line {i}: red (negative) amounts belong only in a reversal or correction.",
                        i=i,
                    ),
                    field="amount",
                    code="voucher.negative_line",
                )
            member_id = book.members.resolve(ln.member) if ln.member else acc["member_id"]
            asset_id = book.assets.resolve(ln.asset) if ln.asset else acc["asset_id"]
            rows.append(
                {
                    "seq": i,
                    "account_id": acc["id"],
                    "summary": ln.summary.strip(),
                    "debit_fen": ln.debit_fen,
                    "credit_fen": ln.credit_fen,
                    "member_id": member_id,
                    "asset_id": asset_id,
                }
            )
        debit = sum(r["debit_fen"] for r in rows)
        credit = sum(r["credit_fen"] for r in rows)
        if debit != credit:
            raise ValidationError(
                _(
                    "借贷不平：借方 {d}，贷方 {c}，差额 {x}。",
                    "Debits and credits differ: debit {d}, credit {c}, difference {x}.",
                    d=format_fen(debit),
                    c=format_fen(credit),
                    x=format_fen(debit - credit),
                ),
                field="balance",
                code="voucher.unbalanced",
            )
        if debit == 0:
            raise ValidationError(
                _("凭证借贷合计为零。", "The voucher's totals are zero."), field="balance", code="voucher.zero_total"
            )
        if not debit:
            raise ValidationError(
                _("凭证合计金额为零。", "The voucher's totals are zero."), field="balance", code="voucher.zero_total"
            )
        if not rows[0]["summary"]:
            raise ValidationError(_("第1行请填写摘要。", "Line 1 needs a summary."), field="summary")
        # a line without its own summary repeats the one above, as on a paper voucher
        for prev, row in zip(rows, rows[1:], strict=False):
            row["summary"] = row["summary"] or prev["summary"]
        return rows

    def _check_date(self, date: str, kind: str) -> tuple[str, str]:
        d = parse_date(date)
        period = opening_period(d.year) if kind == "opening" else period_of(d)
        if kind not in ("opening", "closing"):  # the year close posts into its December, closed or not
            self.book.periods.require_open(period)
        return d.isoformat(), period

    # -- writes --------------------------------------------------------------------------------------------
    def create(
        self,
        date: str,
        lines: Sequence[LineInput],
        *,
        attachments: int = 0,
        kind: str = "normal",
        note: str = "",
        reverses_id: str | None = None,
    ) -> str:
        """Save a new voucher as a draft. Returns its id."""
        book = self.book
        book.require_writable()
        self.book.check(Op.PREPARE_VOUCHER)
        date, period = self._check_date(date, kind)
        rows = self._resolve_lines(lines, kind)
        with book.transact(Op.PREPARE_VOUCHER):
            vid = book.store.insert(
                "vouchers",
                {
                    "period": period,
                    "date": date,
                    "attachments": int(attachments),
                    "kind": kind,
                    "status": "draft",
                    "preparer": book.user,
                    "reverses_id": reverses_id,
                    "note": note,
                },
            )
            for r in rows:
                book.store.insert("voucher_lines", {"voucher_id": vid, **r})
        return vid

    def update_draft(
        self, voucher_id: str, date: str, lines: Sequence[LineInput], *, attachments: int = 0, note: str = ""
    ) -> None:
        book = self.book
        book.require_writable()
        self.book.check(Op.PREPARE_VOUCHER)
        v = self.get(voucher_id)
        if v.status != "draft":
            raise BookError(_("只有草稿凭证可以修改。", "Only draft vouchers can be changed."))
        self.book.periods.require_open(v.period)
        date, period = self._check_date(date, v.kind)
        rows = self._resolve_lines(lines, v.kind)
        with book.transact(Op.PREPARE_VOUCHER):
            book.store.update(
                "vouchers", voucher_id, {"date": date, "period": period, "attachments": int(attachments), "note": note}
            )
            old = {ln.seq: ln for ln in v.lines}
            for r in rows:
                prev = old.pop(r["seq"], None)
                if prev is None:
                    book.store.insert("voucher_lines", {"voucher_id": voucher_id, **r})
                else:
                    book.store.update("voucher_lines", prev.id, r)
            for gone in old.values():
                book.store.delete("voucher_lines", gone.id)

    def delete_draft(self, voucher_id: str) -> None:
        book = self.book
        book.require_writable()
        self.book.check(Op.PREPARE_VOUCHER)
        v = self.get(voucher_id)
        if v.status != "draft":
            raise BookError(_("只有草稿凭证可以删除。", "Only draft vouchers can be deleted."))
        with book.transact(Op.PREPARE_VOUCHER):
            for (dep_id,) in book.db.execute("SELECT id FROM depreciation WHERE voucher_id = ?", [voucher_id]).fetchall():
                book.store.delete("depreciation", dep_id)  # the month's depreciation can then be run again
            for ln in v.lines:
                book.store.delete("voucher_lines", ln.id)
            book.store.delete("vouchers", voucher_id)

    def review(self, voucher_id: str) -> None:
        """审核: by someone other than the preparer; a distribution's voucher is approved by the head (负责人)."""
        book = self.book
        v = self.get(voucher_id)
        with book.transact(Op.APPROVE_VOUCHER if v.kind == "distribution" else Op.REVIEW_VOUCHER):
            if v.status != "draft":
                raise BookError(_("凭证 {l} 不是待审核状态。", "Voucher {l} is not waiting for review.", l=v.label))
            if v.preparer == book.user:
                raise BookError(
                    _("制单人不能审核自己的凭证，请由另一位审核人审核。", "The preparer cannot review their own voucher; another person must."),
                    code="voucher.own_review",
                )
            book.periods.require_open(v.period)
            book.store.update("vouchers", voucher_id, {"status": "reviewed", "reviewer": book.user})

    def unreview(self, voucher_id: str) -> None:
        book = self.book
        book.require_writable()
        self.book.check(Op.UNREVIEW_VOUCHER)
        v = self.get(voucher_id)
        if v.status != "reviewed":
            raise BookError(_("凭证 {l} 未审核。", "Voucher {l} is not reviewed.", l=v.label))
        with book.transact(Op.UNREVIEW_VOUCHER):
            book.store.update("vouchers", voucher_id, {"status": "draft", "reviewer": None})

    def post(self, voucher_id: str) -> int:
        """记账: the voucher gets the next number of its month and its amounts enter the ledgers."""
        book = self.book
        book.require_writable()
        self.book.check(Op.POST_VOUCHER)
        v = self.get(voucher_id)
        if v.status != "reviewed":
            raise BookError(
                _("凭证 {l} 须先审核才能记账。", "Voucher {l} must be reviewed before it is posted.", l=v.label)
            )
        if v.kind != "opening":
            book.periods.require_open(v.period)
            book.periods.require_previous_year_closed(v.period)
        if v.kind == "distribution":
            book.distribution.require_ready(v.id)  # the plan adopted, its notice period over, no open objection
        with book.transact(Op.POST_VOUCHER):
            return self._post(v)

    def _post(self, v: Voucher) -> int:
        book = self.book
        number = book.db.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM vouchers WHERE period = ?", [v.period]
        ).fetchone()[0]
        book.store.update(
            "vouchers", v.id, {"status": "posted", "number": number, "poster": book.user, "posted_at": utc_now()}
        )
        add_to_totals(book, v.period, v.kind == "closing", [(ln.account_id, ln.debit_fen, ln.credit_fen) for ln in v.lines])
        return number

    def create_posted(self, date: str, lines: Sequence[LineInput], *, kind: str, note: str = "") -> str:
        """A voucher the system generates and posts at once (year-end closing, opening balances).

        Must run inside the caller's transaction.
        """
        vid = self.create(date, lines, kind=kind, note=note)
        book = self.book
        book.store.update("vouchers", vid, {"status": "reviewed", "reviewer": book.user})
        self._post(self.get(vid))
        return vid

    def reverse(self, voucher_id: str, date: str, *, note: str = "") -> str:
        """红字冲销: a new draft with the same lines in negative amounts, pointing back to the original."""
        v = self.get(voucher_id)
        if v.status != "posted":
            raise BookError(_("只有已记账的凭证需要冲销；草稿可直接修改。", "Only posted vouchers are reversed; drafts can be edited."))
        if self.book.db.execute("SELECT 1 FROM vouchers WHERE reverses_id = ?", [voucher_id]).fetchone():
            raise BookError(_("凭证 {l} 已经冲销过。", "Voucher {l} has already been reversed.", l=v.label))
        summary = _("冲销{p}月{l}号凭证", "Reverses voucher {l} of {p}", p=v.period, l=v.label)
        periods = self.book.periods
        # a correction in a later year reaches the closed year's income through 收益分配—未分配收益
        to_undistributed = (
            {a["id"] for a in self.book.accounts.emptied_by_year_close()}
            if periods.year_of(period_of(date)) > periods.year_of(v.period)
            else set()
        )
        lines = [
            LineInput(
                self.book.chart.roles["undistributed"] if ln.account_id in to_undistributed else ln.account_code,
                f"{summary}：{ln.summary}" if ln.seq == 1 else ln.summary,
                debit_fen=-ln.debit_fen,
                credit_fen=-ln.credit_fen,
                member=ln.member_id,
                asset=ln.asset_id,
            )
            for ln in v.lines
        ]
        return self.create(date, lines, kind="reversal", note=note or summary, reverses_id=voucher_id)

    def set_opening_balances(self, balances: dict[str, int]) -> str:
        """期初余额: account code → debit-positive balance, posted as the book's opening voucher."""
        book = self.book
        start = book.settings.start_period
        if book.periods.last_closed():
            raise BookError(_("已有月份结账，不能再改期初余额。", "A month is closed; opening balances can no longer change."))
        lines = [self.line(code, _("期初余额", "Opening balance"), bal) for code, bal in balances.items() if bal]
        date = f"{start}-01"
        with book.transact(Op.SET_OPENING):
            old = book.db.execute("SELECT id FROM vouchers WHERE kind = 'opening'").fetchone()
            if old:
                prev = self.get(old[0])
                add_to_totals(
                    book, prev.period, False, [(ln.account_id, -ln.debit_fen, -ln.credit_fen) for ln in prev.lines]
                )
                for ln in prev.lines:
                    book.store.delete("voucher_lines", ln.id)
                book.store.delete("vouchers", prev.id)
            return self.create_posted(date, lines, kind="opening")

    def common_summaries(self, limit: int = 500) -> list[str]:
        """摘要库: the summaries the book's vouchers use, the most used first."""
        rows = self.book.db.execute(
            "SELECT summary FROM voucher_lines WHERE summary != '' GROUP BY summary ORDER BY count(*) DESC, summary LIMIT ?",
            [limit],
        )
        return [r[0] for r in rows]

    def opening_balances(self) -> dict[str, int]:
        """期初余额 as entered: account code → debit-positive balance (empty before any was entered)."""
        row = self.book.db.execute("SELECT id FROM vouchers WHERE kind = 'opening'").fetchone()
        return {ln.account_code: ln.debit_fen - ln.credit_fen for ln in self.get(row[0]).lines} if row else {}

    # -- reads ---------------------------------------------------------------------------------------------
    def get(self, voucher_id: str) -> Voucher:
        rows = list(self.book.db.query("SELECT * FROM vouchers WHERE id = ?", [voucher_id]))
        if not rows:
            raise BookError(_("没有这张凭证。", "There is no such voucher."), code="voucher.unknown")
        v = Voucher(**rows[0])
        v.lines = [
            Line(**r)
            for r in self.book.db.query(
                "SELECT l.id, l.seq, l.account_id, a.code AS account_code, a.name AS account_name, l.summary,"
                " l.debit_fen, l.credit_fen, l.member_id, l.asset_id"
                " FROM voucher_lines l JOIN accounts a ON a.id = l.account_id WHERE l.voucher_id = ? ORDER BY l.seq",
                [voucher_id],
            )
        ]
        return v

    def find(self, ref: str) -> Voucher:
        """A voucher by its id or as people name it: ``2025-12/记-3`` (period, word, number)."""
        m = re.fullmatch(r"\s*(\d{4}-\d{2})\s*/\s*(\S+?)\s*-\s*(\d+)\s*", ref)
        if m:
            row = self.book.db.execute(
                "SELECT id FROM vouchers WHERE period = ? AND word = ? AND number = ?", [m[1], m[2], int(m[3])]
            ).fetchone()
            if row is None:
                raise BookError(_("没有凭证 {r}。", "There is no voucher {r}.", r=ref), code="voucher.unknown")
            return self.get(row[0])
        return self.get(ref)

    def batch(
        self,
        action: str,
        period: str | None = None,
        text: str | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> BatchResult:
        """批量审核 (``action="review"``: every draft) or 批量记账 (``"post"``: every reviewed voucher) of a month
        or the whole book, oldest first so that numbers follow the dates; each voucher by its own rules (a
        preparer's own drafts are refused, not skipped silently)."""
        status, run = {"review": ("draft", self.review), "post": ("reviewed", self.post)}[action]
        if not (action == "review" and self.book.users.may(Permission.APPROVE)):  # the head approves in batches too
            self.book.check(Op.POST_VOUCHER if action == "post" else Op.REVIEW_VOUCHER)
        where, params = self._where(period, status, text)
        ids = [
            r[0]
            for r in self.book.db.execute(
                f"SELECT v.id FROM vouchers v{where} ORDER BY v.period, v.date,"
                " (SELECT min(seq) FROM changes WHERE tbl = 'vouchers' AND row_id = v.id)",
                params,
            )
        ]
        done, refused = 0, []
        for i, vid in enumerate(ids):
            if cancel.cancelled:
                break
            try:
                run(vid)
                done += 1
            except BookError as e:
                refused.append((vid, e.code, str(e)))
            progress(i + 1, len(ids), "")
        return BatchResult(done, tuple(refused))

    def _where(self, period: str | None, status: str | None, text: str | None) -> tuple[str, list]:
        clauses, params = [], []
        if period:
            clauses.append("v.period = ?")
            params.append(period)
        if status:
            clauses.append("v.status = ?")
            params.append(status)
        if text:
            clauses.append(
                "EXISTS (SELECT 1 FROM voucher_lines l WHERE l.voucher_id = v.id AND l.summary LIKE ?)"
            )
            params.append(f"%{text}%")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, period: str | None = None, status: str | None = None, text: str | None = None) -> int:
        where, params = self._where(period, status, text)
        return self.book.db.execute(f"SELECT count(*) FROM vouchers v{where}", params).fetchone()[0]

    def list(
        self,
        period: str | None = None,
        status: str | None = None,
        text: str | None = None,
        offset: int = 0,
        limit: int = 1000,
    ) -> list[dict]:
        """Vouchers with their totals and first summary, newest period first, for tables."""
        where, params = self._where(period, status, text)
        order = "v.period DESC, v.number IS NULL DESC, v.number DESC, v.date DESC"
        # the page is chosen first, so the per-voucher subqueries run for its rows only (a book can hold a
        # million lines; the sorter would otherwise compute them for every voucher)
        return list(
            self.book.db.query(
                "SELECT v.id, v.period, v.number, v.date, v.word, v.kind, v.status, v.preparer, v.reviewer,"
                " v.attachments,"
                " (SELECT summary FROM voucher_lines WHERE voucher_id = v.id ORDER BY seq LIMIT 1) AS summary,"
                " (SELECT sum(debit_fen) FROM voucher_lines WHERE voucher_id = v.id) AS total_fen"
                f" FROM (SELECT v.* FROM vouchers v{where} ORDER BY {order} LIMIT ? OFFSET ?) v ORDER BY {order}",
                [*params, limit, offset],
            )
        )


def add_to_totals(book: Book, period: str, closing: bool, amounts: list[tuple[str, int, int]]) -> None:
    """Add posted amounts to the derived per-period totals (not synced; rebuilt by ``Reports.rebuild_totals``)."""
    summed: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for account_id, debit, credit in amounts:
        summed[account_id][0] += debit
        summed[account_id][1] += credit
    book.db.conn.executemany(
        "INSERT INTO period_totals (account_id, period, closing, debit_fen, credit_fen) VALUES (?,?,?,?,?)"
        " ON CONFLICT (account_id, period, closing) DO UPDATE SET"
        " debit_fen = debit_fen + excluded.debit_fen, credit_fen = credit_fen + excluded.credit_fen",
        [(a, period, int(closing), d, c) for a, (d, c) in summed.items()],
    )
