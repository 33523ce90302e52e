"""Properties of the books under random balanced vouchers."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.book import Book
from app.core.errors import BookError
from app.core.vouchers import LineInput

LEAVES = ["101", "10201", "112", "11301", "121", "151", "211", "301", "311", "501", "502", "503", "511", "513", "515"]


def _book() -> Book:
    b = Book.create(":memory:", name="性质测试", start="2026-01", user="会计")
    b.accounts.add_sub("102", "银行")
    b.accounts.add_sub("113", "甲村")
    return b


@st.composite
def vouchers(draw):
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    n = draw(st.integers(1, 4))
    debits = draw(st.lists(st.integers(1, 10**9), min_size=n, max_size=n))
    total = sum(debits)
    splits = draw(st.integers(1, min(3, total)))
    cuts = sorted(draw(st.lists(st.integers(1, max(total - 1, 1)), min_size=splits - 1, max_size=splits - 1, unique=True)))
    credits = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True) if b > a]
    lines = [LineInput(draw(st.sampled_from(LEAVES)), "摘要", debit_fen=d) for d in debits]
    lines += [LineInput(draw(st.sampled_from(LEAVES)), "摘要", credit_fen=c) for c in credits]
    red = draw(st.booleans())
    if red:  # a red-ink correction: the same lines negated
        lines = [LineInput(x.account, x.summary, debit_fen=-x.debit_fen, credit_fen=-x.credit_fen) for x in lines]
    return f"2026-{month:02d}-{day:02d}", lines, "reversal" if red else "normal"


def _post_all(b: Book, items) -> None:
    for date, lines, kind in items:
        vid = b.vouchers.create(date, lines, kind=kind)
        b.user = "审核"
        b.vouchers.review(vid)
        b.vouchers.post(vid)
        b.user = "会计"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(vouchers(), min_size=1, max_size=12), st.integers(1, 12), st.integers(1, 12))
def test_reports_balance_for_random_vouchers(items, m1, m2):
    b = _book()
    _post_all(b, items)
    first, last = min(m1, m2), max(m1, m2)
    tb = b.reports.trial_balance(2026, first, last)
    t = tb["totals"]
    assert t["balanced"]
    assert t["debit_fen"] == t["credit_fen"]
    assert t["opening_debit_fen"] == t["opening_credit_fen"]
    assert t["closing_debit_fen"] == t["closing_credit_fen"]
    for r in tb["rows"]:
        assert r["closing_fen"] == r["opening_fen"] + r["debit_fen"] - r["credit_fen"]
    # a parent's figures are the sum of its children's
    rows = {r["code"]: r for r in tb["rows"]}
    assert rows["102"]["closing_fen"] == rows.get("10201", {"closing_fen": 0})["closing_fen"]
    # the detail ledger ends on the trial balance's closing balance
    for code in ("102", "501", "113"):
        ledger = b.reports.detail_ledger(code, 2026, first, last)
        assert ledger["rows"][-1]["balance_fen"] == rows[code]["closing_fen"]
    assert b.reports.balance_sheet(2026, last)["balanced"]
    assert b.reports.check() == []
    b.close()


@settings(max_examples=15, deadline=None)
@given(st.lists(vouchers(), min_size=1, max_size=6))
def test_a_closed_period_cannot_change(items):
    b = _book()
    _post_all(b, [(f"2026-01-{i % 28 + 1:02d}", lines, kind) for i, (_, lines, kind) in enumerate(items)])
    b.periods.close_month("2026-01")
    before = b.reports.trial_balance(2026, 1, 1)
    posted = [v["id"] for v in b.vouchers.list()]
    for _date, lines, kind in items:
        try:
            b.vouchers.create("2026-01-15", lines, kind=kind)
        except BookError:
            pass
        else:
            raise AssertionError("a voucher was accepted in a closed month")
    for vid in posted[:2]:
        try:
            b.vouchers.reverse(vid, "2026-01-31")
        except BookError:
            pass
        else:
            raise AssertionError("a reversal was accepted in a closed month")
    assert b.reports.trial_balance(2026, 1, 1) == before
    b.close()
