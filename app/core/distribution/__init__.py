"""The yearly income distribution (收益分配): plan → preview → posting → payouts → signed statements and notice.

``book.distribution`` is the service; the arithmetic is in ``calc`` (pure), the plan format in ``plan``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.distribution import adoption, paying, payouts, posting, statements
from app.core.distribution.plan import Plan, expand_sheets, parse_plan
from app.core.distribution.preview import Preview, preview
from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.ops import Op, Permission

if TYPE_CHECKING:
    from app.core.book import Book

__all__ = ["Distribution", "Plan", "Preview", "parse_plan"]


def read_plan(path: str | Path) -> Plan:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise BookError(
            _("无法读取分配计划“{p}”（{e}）。", "Cannot read the plan “{p}” ({e}).", p=p, e=e.strerror)
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(
            _("分配计划“{p}”不是 UTF-8 文本。", "The plan “{p}” is not UTF-8 text.", p=p)
        ) from None
    return parse_plan(expand_sheets(text, p.parent))


class Distribution:
    def __init__(self, book: Book):
        self.book = book

    # -- plan and preview ----------------------------------------------------------------------------------
    def preview(self, plan: Plan | str) -> Preview:
        """Who gets what, per class, before anything is posted (a plan or its TOML text)."""
        return preview(self.book, parse_plan(plan) if isinstance(plan, str) else plan)

    # -- the plan before the money (adoption) ---------------------------------------------------------------
    def _plan(self, plan: Plan | str) -> Plan:
        return parse_plan(plan) if isinstance(plan, str) else plan

    def record_meeting(self, plan: Plan | str, **kw) -> dict:
        """The 成员（代表）大会 that voted on the plan (``held_on``, ``body``, ``entitled``, ``attended``, ``votes_for``,
        ``votes_against``, ``abstained``, ``resolution``)."""
        return adoption.record_meeting(self.book, self._plan(plan), **kw)

    def write_plan_notice(self, plan: Plan | str, path: str | Path, **kw) -> Path:
        """The 方案公示 (``start``, ``days``, ``objections``, ``paper``); its period is recorded."""
        return adoption.write_plan_notice(self.book, self.preview(plan), path, **kw)

    def raise_objection(self, year: int, **kw) -> str:
        return adoption.raise_objection(self.book, year, **kw)

    def answer_objection(self, objection_id: str, **kw) -> None:
        adoption.answer_objection(self.book, objection_id, **kw)

    def objections(self, year: int) -> list[dict]:
        return adoption.objections(self.book, year)

    def adoption(self, plan: Plan | str) -> dict:
        """Whether the plan was adopted, its notice period passed, and how many objections are unresolved."""
        plan = self._plan(plan)
        return adoption.status(self.book, plan.year, plan.text)

    def require_ready(self, voucher_id: str) -> None:
        """Refuse posting a distribution voucher whose plan is not adopted, still on notice, or objected to."""
        adoption.require_ready(self.book, voucher_id)

    # -- posting -------------------------------------------------------------------------------------------
    def post(self, plan: Plan | str) -> str:
        """Record the distribution and create its draft voucher (reviewed and posted by another user)."""
        self.book.check(Op.DISTRIBUTE)
        preview = self.preview(plan)
        self.book.backups.before("distribution")
        return posting.post(self.book, preview)

    def discard(self, year: int) -> None:
        posting.discard(self.book, year)

    def record(self, year: int) -> dict:
        return posting.require(self.book, year)

    def years(self) -> list[int]:
        """The years with a distribution (newest first)."""
        years = [
            r[0] for r in self.book.db.execute("SELECT year FROM distributions ORDER BY year DESC").fetchall()
        ]
        return [y for y in years if posting.existing(self.book, y)]

    def lines(self, year: int) -> list[dict]:
        return posting.lines(self.book, self.record(year)["id"])

    # -- documents -----------------------------------------------------------------------------------------
    def write_statements(self, year: int, out_dir: str | Path, **kw) -> list[Path]:
        """Signed statements, one PDF per member (``passphrase``, ``members``, ``progress``, ``cancel``)."""
        self.book.require(Permission.DISTRIBUTE)
        return statements.write_statements(self.book, year, out_dir, **kw)

    def write_notice(self, year: int, path: str | Path, **kw) -> Path:
        """The signed public notice (``passphrase``, ``start``, ``days``, ``objections``, ``paper``)."""
        self.book.require(Permission.DISTRIBUTE)
        return statements.write_notice(self.book, year, path, **kw)

    # verification loads pyHanko (a third of a second): only when asked, never at start-up
    def verify_file(self, path: str | Path) -> dict:
        from app.core.distribution import verify

        return verify.verify_file(path, self.book)

    def verify_code(self, code: str) -> dict:
        from app.core.distribution import verify

        return verify.verify_code(self.book, code)

    # -- payouts -------------------------------------------------------------------------------------------
    def payouts(self, year: int, member: str | None = None) -> list[dict]:
        return payouts.status(self.book, self.record(year)["id"], member)

    def pay(
        self,
        year: int,
        member: str,
        *,
        date: str,
        from_account: str,
        amount_fen: int | None = None,
        paid_by: str | None = None,
        note: str = "",
    ) -> str:
        self.book.check(Op.PAY)
        return payouts.pay(
            self.book,
            self.record(year)["id"],
            member,
            date=date,
            from_account=from_account,
            amount_fen=amount_fen,
            paid_by=paid_by,
            note=note,
        )

    def write_payfile(
        self, year: int, bank: str, path: str | Path, columns: dict[str, str] | None = None
    ) -> dict:
        """The bank's batch-payment file (代发) of the bank payouts recorded, in the bank's template (or ``columns``:
        field → the bank's title), checked against the payouts after writing."""
        self.book.require(Permission.PAY)
        self.book.require(Permission.PERSONAL_DATA)  # it carries the bank account numbers in full
        return paying.write_payfile(self.book, self.record(year)["id"], year, bank, path, columns)

    def write_signsheet(self, year: int, path: str | Path) -> dict:
        """The cash 签领表 of the cash payouts recorded."""
        return paying.write_signsheet(self.book, self.record(year)["id"], year, path)

    def return_payment(self, year: int, member: str, *, date: str, reason: str) -> str:
        """A bank payment sent back (a wrong account): a draft voucher, and the member's payout is open again."""
        self.book.check(Op.PAY)
        return paying.return_payment(self.book, self.record(year)["id"], member, date=date, reason=reason)

    # -- share certificates --------------------------------------------------------------------------------
    def issue_certificates(
        self, out_dir: str | Path, *, issued_on: str, members: list[str] | None = None
    ) -> list[Path]:
        """股权证 for the households whose holdings changed since their certificate (a new one replaces the old)."""
        from app.core.distribution import certificates

        return certificates.issue(self.book, out_dir, issued_on=issued_on, members=members)

    def certificate_register(self) -> list[dict]:
        from app.core.distribution import certificates

        return certificates.register(self.book)
