"""The distribution step of the headless demo: a plan for the demo book, posted and approved, statements and the
notice written and one statement verified."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.money import format_fen
from app.core.pdf import keys

if TYPE_CHECKING:
    from app.core.book import Book

DEMO_PASSPHRASE = "demo-passphrase"  # only when JOINTLEDGER_PASSPHRASE is not set: the demo book is not real

JOINT_PLAN = """\
year = {year}
distributable = "auto"
record_date = "{year}-12-31"
[[withhold]]
name = "提取公积公益金"
percent = "30"
[[fixed_return]]
class = "资金"
percent = "1"
[weights]
"土地" = 60
"劳力" = 40
[notice]
start = "{next}-01-05"
days = 7
objections = "联营公司监事会"
"""

COLLECTIVE_PLAN = """\
year = {year}
distributable = "auto"
record_date = "{year}-12-31"
[[withhold]]
name = "提取公积公益金"
percent = "30"
[weights]
"人口股" = 70
"农龄股" = 30
[notice]
start = "{next}-01-05"
days = 15
objections = "村务监督委员会"
"""


def demo_step(book: Book, outdir: Path) -> list[str]:
    """Distribute the demo year's income: prepare (as 会计), approve (as 主任) and post (as 审核) its voucher, write
    the signed statements and notice into ``outdir``. Returns lines to print."""
    from app.core.demo import HEAD, PREPARER, REVIEWER

    year = int(book.settings.start_period[:4])
    distributable = book.reports.distributable(year)
    if distributable <= 0:
        return [
            f"Distribution {year}: no distributable income ({format_fen(distributable)}), nothing to distribute"
        ]
    template = COLLECTIVE_PLAN if book.settings.kind == "collective" else JOINT_PLAN
    plan = template.format(year=year, next=year + 1)
    (outdir / "distribution-plan.toml").write_text(plan, encoding="utf-8")
    preview = book.distribution.preview(plan)
    members = len(preview.result.members)  # all of them at a 成员大会, which adopts the plan
    book.distribution.record_meeting(
        plan,
        held_on=(dt.date.today() - dt.timedelta(days=30)).isoformat(),
        body="成员大会",
        entitled=members,
        attended=members,
        votes_for=members,
        votes_against=0,
        abstained=0,
        resolution=f"{year + 1}-1",
    )
    start = (dt.date.today() - dt.timedelta(days=28)).isoformat()
    plan_notice = book.distribution.write_plan_notice(plan, outdir / "plan-notice.pdf", start=start)
    book.distribution.post(plan)
    voucher = book.distribution.record(year)["voucher_id"]
    book.user = HEAD  # the head approves the plan's voucher, the reviewer posts it
    book.vouchers.review(voucher)
    book.user = REVIEWER
    book.vouchers.post(voucher)
    book.user = PREPARER
    secret = keys.env_passphrase() or DEMO_PASSPHRASE
    statements = book.distribution.write_statements(year, outdir / "statements", passphrase=secret)
    notice = book.distribution.write_notice(year, outdir / "notice.pdf", passphrase=secret)
    check = book.distribution.verify_file(statements[0])
    r = preview.result
    return [
        f"Distribution {year}: distributable {format_fen(r.distributable_fen)}, withheld "
        f"{format_fen(r.distributable_fen - r.pool_fen)}, to {len(r.members)} members {format_fen(r.pool_fen)}",
        f"Signed statements: {len(statements)} in {outdir / 'statements'}",
        f"Signed notice: {notice}",
        f"Plan adopted by the members' meeting; plan notice: {plan_notice}",
        f"Verify {statements[0].name}: {'OK' if check['ok'] else 'FAILED'} (code {check['code']})",
    ]
