"""Shared by the distribution tests (no tests here): a small village collective with three households."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.core.book import Book
from app.core.distribution import adoption, parse_plan
from app.core.ids import make_resident_id
from app.core.ops import Op

U = 10000

# 1,000.00 distributable: 30% 公积公益金 = 300.00, 其他 50.00, pool 650.00;
# 人口股 70% = 455.00 over 10 units, 农龄股 30% = 195.00 over 30 units
PLAN = """\
year = 2026
distributable = "1000.00"
record_date = "2026-12-31"

[[withhold]]
name = "提取公积公益金"
percent = "30"

[[withhold]]
name = "其他"
amount = "50.00"

[weights]
"人口股" = 70
"农龄股" = 30

[notice]
start = "2027-01-05"
days = 7
objections = "村务监督委员会"
"""
# H1: 455 × 3/10 + 195 × 10/30 = 136.50 + 65.00 = 201.50; H2: 91.00 + 130.00 = 221.00; H3: 227.50
EXPECTED = {"H1": 20150, "H2": 22100, "H3": 22750}
HOUSEHOLDS = [("H1", "王建国", 3, 10), ("H2", "李秀英", 2, 20), ("H3", "张桂兰", 5, 0)]


def adopt(book: Book, plan: str = PLAN) -> None:
    """The plan adopted by a meeting and its plan notice posted for 7 days from 2026-11-01 (long past)."""
    book.distribution.record_meeting(
        plan,
        held_on="2026-10-30",
        body="成员代表大会",
        entitled=30,
        attended=25,
        votes_for=22,
        votes_against=2,
        abstained=1,
        resolution="东岭股联〔2026〕3号",
    )
    adoption.record_plan_notice(book, parse_plan(plan), start="2026-11-01", days=7)


def small_book(
    path: str | Path = ":memory:", *, chart: str = "2023", extra: int = 0, adopted: bool = True
) -> Book:
    """Three households (and ``extra`` more with one 人口股 each), a bank account 10201, year 2026 open; PLAN is
    adopted and its notice period over (``adopted``)."""
    book = Book.create(
        path, name="东岭村股份经济合作社", kind="collective", chart=chart, start="2026-01", user="会计"
    )
    book.accounts.add_sub("102", "农商银行")
    rows = HOUSEHOLDS + [(f"X{i:03d}", f"赵{i}", 1, 0) for i in range(extra)]
    with book.transact(Op.IMPORT):
        for n, (code, name, people, years) in enumerate(rows, start=1):
            book.members.add(
                code=code,
                name=name,
                kind="household",
                phone=f"1380000{n:04d}",
                id_number=make_resident_id("330106", dt.date(1960, 1, 1) + dt.timedelta(days=n), n),
            )
            book.shares.set_holding(code, "人口股", people * U, "2026-01-01")
            if years:
                book.shares.set_holding(code, "农龄股", years * U, "2026-01-01")
    if adopted:
        adopt(book)
    return book


def post_and_approve(book: Book, plan: str = PLAN) -> str:
    """Post the plan as 会计 and have 审核 review and post the voucher. Returns the voucher id."""
    book.distribution.post(plan)
    vid = book.distribution.record(2026)["voucher_id"]
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"
    return vid
