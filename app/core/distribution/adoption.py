"""The plan before the money: the 成员（代表）大会 that adopts a year's plan, the 方案公示 (the plan and each
household's amount, marked as a plan) and the objection register.

The distribution voucher is posted only when the plan it carries was adopted by a meeting (a quorum of two
thirds of those entitled to vote attended, and more than half of those present voted for it), its plan notice has
been posted for its whole period, and no objection to the year's plan is unresolved. The head's (负责人) approval
of the voucher stays as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.distribution import documents
from app.core.distribution.notice_pdf import PAPERS, render_notice
from app.core.distribution.plan import Plan
from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.ops import Op
from app.core.periods import parse_date
from app.core.store import canonical, utc_now

if TYPE_CHECKING:
    from app.core.book import Book
    from app.core.distribution.preview import Preview

BODIES = ("成员大会", "成员代表大会")


def same_plan(a: str, b: str) -> bool:
    """Whether two plan texts say the same (trailing spaces and blank lines aside)."""

    def norm(text: str) -> list[str]:
        return [ln.rstrip() for ln in text.strip().splitlines() if ln.strip()]

    return norm(a) == norm(b)


def _count(value: int, what: str) -> int:
    if not isinstance(value, int) or value < 0:
        raise ValidationError(
            _("{w} 应为不小于零的整数。", "{w} is a whole number, zero or more.", w=what),
            field=what,
            code="meeting.count",
        )
    return value


def record_meeting(
    book: Book,
    plan: Plan,
    *,
    held_on: str,
    body: str,
    entitled: int,
    attended: int,
    votes_for: int,
    votes_against: int,
    abstained: int,
    resolution: str,
) -> dict:
    """Record the meeting that voted on ``plan``; returns the record (``adopted`` says whether the plan passed)."""
    book.check(Op.DISTRIBUTE)
    book.require_writable()
    if body not in BODIES:
        raise ValidationError(
            _("会议应为成员大会或成员代表大会。", "The meeting is a 成员大会 or a 成员代表大会."),
            code="meeting.body",
        )
    counts = [
        _count(v, w)
        for v, w in (
            (entitled, "entitled"),
            (attended, "attended"),
            (votes_for, "for"),
            (votes_against, "against"),
            (abstained, "abstained"),
        )
    ]
    if not entitled or attended > entitled or votes_for + votes_against + abstained > attended:
        raise ValidationError(
            _(
                "票数不对：赞成、反对、弃权之和不能超过到会人数，到会人数不能超过应到人数。",
                "The counts do not add up: for, against and abstaining are at most those present, who are at most those entitled.",
            ),
            code="meeting.counts",
        )
    if not resolution.strip():
        raise ValidationError(
            _("请写明决议编号。", "Give the resolution's number."), code="meeting.resolution"
        )
    adopted = attended * 3 >= entitled * 2 and votes_for * 2 > attended
    row = {
        "year": plan.year,
        "plan": plan.text,
        "held_on": parse_date(held_on, "date").isoformat(),
        "body": body,
        "entitled": counts[0],
        "attended": counts[1],
        "votes_for": counts[2],
        "votes_against": counts[3],
        "abstained": counts[4],
        "resolution": resolution.strip(),
        "adopted": int(adopted),
        "recorded_by": book.user,
        "recorded_at": utc_now(),
    }
    with book.transact(Op.DISTRIBUTE):
        row["id"] = book.store.insert("distribution_meetings", row)
    return row


def meetings(book: Book, year: int) -> list[dict]:
    return list(
        book.db.query(
            "SELECT * FROM distribution_meetings WHERE year = ? ORDER BY held_on, recorded_at", [year]
        )
    )


def notice_content(book: Book, preview: Preview, *, start: str, days: int, objections: str) -> dict:
    """What the plan notice says: the notice's content built from the preview, marked as a plan, unsigned."""
    plan = preview.plan
    first = parse_date(start, "start")
    record = {
        "year": plan.year,
        "record_date": plan.record_date,
        "date": plan.date,
        "plan": plan.text,
        "distributable_fen": preview.result.distributable_fen,
        "pool_fen": preview.result.pool_fen,
        "withholdings": canonical([{"name": n, "amount_fen": a} for n, a in preview.result.withholdings]),
        "details": canonical(preview.details()),
    }
    content = documents.notice_content(
        book,
        record,
        preview.lines(),
        start=first.isoformat(),
        days=days,
        end=(first + dt.timedelta(days=days - 1)).isoformat(),
        objections=objections,
        signed=False,
    )
    return content | {"kind": "plan_notice"}


def write_plan_notice(
    book: Book,
    preview: Preview,
    path: str | Path,
    *,
    start: str | None = None,
    days: int | None = None,
    objections: str | None = None,
    paper: str = "A4",
) -> Path:
    """Print the 方案公示 (an unsigned PDF marked as a plan) and record its posting period."""
    book.check(Op.DISTRIBUTE)
    book.require_writable()
    if paper not in PAPERS:
        raise ValidationError(
            _("纸张应为 A4 或 A3。", "The paper is A4 or A3."), field="paper", code="notice.paper"
        )
    plan = preview.plan
    days = days or plan.notice_days
    if not 1 <= days <= 90:
        raise ValidationError(
            _("公示天数应为1到90。", "The posting period is 1 to 90 days."), field="days", code="notice.days"
        )
    first = parse_date(start or dt.date.today().isoformat(), "start").isoformat()
    content = notice_content(
        book,
        preview,
        start=first,
        days=days,
        objections=objections if objections is not None else plan.objections,
    )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_notice(content, paper))
    record_plan_notice(book, plan, start=first, days=days)
    return target


def record_plan_notice(book: Book, plan: Plan, *, start: str, days: int) -> str:
    with book.transact(Op.DISTRIBUTE):
        return book.store.insert(
            "distribution_plan_notices",
            {
                "year": plan.year,
                "plan": plan.text,
                "start": parse_date(start, "start").isoformat(),
                "days": days,
                "printed_at": utc_now(),
            },
        )


# -- objections ------------------------------------------------------------------------------------------------
def raise_objection(
    book: Book, year: int, *, raised_by: str, raised_on: str, about: str, member: str | None = None
) -> str:
    book.require_writable()
    if not raised_by.strip() or not about.strip():
        raise ValidationError(
            _("请写明提出人和异议内容。", "Give who objects and what about."), code="objection.incomplete"
        )
    with book.transact(Op.DISTRIBUTE):
        return book.store.insert(
            "distribution_objections",
            {
                "year": year,
                "member_id": book.members.resolve(member) if member else None,
                "raised_by": raised_by.strip(),
                "raised_on": parse_date(raised_on, "date").isoformat(),
                "about": about.strip(),
                "answer": "",
                "answered_on": None,
                "resolved": 0,
            },
        )


def answer_objection(book: Book, objection_id: str, *, answer: str, answered_on: str, resolved: bool) -> None:
    book.require_writable()
    row = _objection(book, objection_id)
    if not answer.strip():
        raise ValidationError(_("请写明答复。", "Give the answer."), code="objection.answer")
    with book.transact(Op.DISTRIBUTE):
        book.store.update(
            "distribution_objections",
            row["id"],
            {
                "answer": answer.strip(),
                "answered_on": parse_date(answered_on, "date").isoformat(),
                "resolved": int(resolved),
            },
        )


def _objection(book: Book, objection_id: str) -> dict:
    rows = list(book.db.query("SELECT * FROM distribution_objections WHERE id LIKE ?", [objection_id + "%"]))
    if len(rows) != 1:
        raise BookError(
            _("没有编号为 {i} 的异议。", "There is no objection {i}.", i=objection_id),
            code="objection.unknown",
        )
    return rows[0]


def objections(book: Book, year: int) -> list[dict]:
    return list(
        book.db.query(
            "SELECT o.*, m.code AS member_code FROM distribution_objections o LEFT JOIN members m ON m.id = o.member_id"
            " WHERE o.year = ? ORDER BY o.raised_on, o.id",
            [year],
        )
    )


# -- the gate --------------------------------------------------------------------------------------------------
def status(book: Book, year: int, plan_text: str, today: dt.date | None = None) -> dict:
    """Where the plan stands: adopted (by which meeting), its notice period, the unresolved objections."""
    today = today or dt.date.today()
    meeting = next((m for m in reversed(meetings(book, year)) if same_plan(m["plan"], plan_text)), None)
    notices = [
        n
        for n in book.db.query("SELECT * FROM distribution_plan_notices WHERE year = ?", [year])
        if same_plan(n["plan"], plan_text)
    ]
    ends = [parse_date(n["start"]) + dt.timedelta(days=n["days"] - 1) for n in notices]
    open_objections = [o for o in objections(book, year) if not o["resolved"]]
    return {
        "adopted": bool(meeting and meeting["adopted"]),
        "meeting": meeting,
        "notice_end": min(ends).isoformat() if ends else None,
        "notice_passed": any(end < today for end in ends),
        "open_objections": len(open_objections),
    }


def require_ready(book: Book, voucher_id: str) -> None:
    """Refuse posting the distribution voucher until its plan was adopted, its plan notice period has passed, and
    no objection is unresolved."""
    row = next(
        iter(book.db.query("SELECT year, plan FROM distributions WHERE voucher_id = ?", [voucher_id])), None
    )
    if row is None:
        return
    s = status(book, row["year"], row["plan"])
    if not s["adopted"]:
        raise BookError(
            _(
                "{y} 年的分配方案还没有经成员（代表）大会通过，不能记账。",
                "The {y} plan has not been adopted by the members' meeting; the voucher cannot be posted.",
                y=row["year"],
            ),
            code="distribution.not_adopted",
        )
    if not s["notice_passed"]:
        raise BookError(
            _(
                "{y} 年的分配方案公示期未满（{e}），不能记账。",
                "The {y} plan's notice period has not passed ({e}); the voucher cannot be posted.",
                y=row["year"],
                e=s["notice_end"] or _("未公示", "not posted"),
            ),
            code="distribution.notice_pending",
        )
    if s["open_objections"]:
        raise BookError(
            _(
                "{y} 年的分配方案还有 {n} 条异议未解决，不能记账。",
                "The {y} plan has {n} unresolved objections; the voucher cannot be posted.",
                y=row["year"],
                n=s["open_objections"],
            ),
            code="distribution.objections_open",
        )
