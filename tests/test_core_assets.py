"""Assets and the monthly depreciation run."""

import pytest

from app.core.assets import depreciable_fen, target_accumulated
from app.core.errors import BookError, ValidationError


def _asset(book, **kw):
    values = dict(code="GD001", name="冷库", category="fixed", acquired="2026-01-15", cost_fen=1_200_000, life_months=60, residual_bp=500)
    values.update(kw)
    return book.assets.add(**values)


def test_straight_line_spreads_exactly():
    a = {"acquired": "2026-01-15", "cost_fen": 1_000_001, "residual_bp": 300, "life_months": 7}
    dep = depreciable_fen(a)
    assert dep == 1_000_001 - 30_000
    amounts = [target_accumulated(a, f"2026-{m:02d}") for m in range(1, 13)]
    assert amounts[0] == 0  # not in the month of acquisition
    assert amounts[7] == dep and amounts[11] == dep  # complete after 7 months, then no more
    monthly = [b - a for a, b in zip(amounts, amounts[1:], strict=False)]
    assert max(monthly) - min(x for x in monthly if x) <= 1


def test_run_books_one_voucher_and_never_twice(book):
    _asset(book)
    book.assets.add(code="SW001", name="茶园", category="biological", acquired="2025-06-01", cost_fen=600_000, life_months=120)
    book.assets.add(code="TD001", name="耕地", category="land", acquired="2025-01-01", cost_fen=0, quantity_q=3505000, unit="亩")
    items = book.assets.depreciation_preview("2026-02")
    assert [(i.code, i.amount_fen, i.debit_account, i.credit_account) for i in items] == [
        ("GD001", 19_000, "513", "152"),
        # acquired before the book without prior depreciation: the cost over the 113 months left, no catch-up
        ("SW001", 600_000 // 113, "513", "133"),
    ]
    vid = book.assets.run_depreciation("2026-02")
    v = book.vouchers.get(vid)
    assert (v.kind, v.date, v.debit_total) == ("depreciation", "2026-02-28", 19_000 + 600_000 // 113)
    assert book.assets.depreciation_preview("2026-02") == []
    assert book.assets.run_depreciation("2026-02") is None
    assert book.assets.accumulated(book.assets.resolve("GD001")) == 19_000
    book.vouchers.delete_draft(vid)  # deleting the draft frees the month again
    assert len(book.assets.depreciation_preview("2026-02")) == 2


def test_disposed_and_closed(book):
    _asset(book)
    book.assets.set_status("GD001", "disposed", "2026-03-10")
    assert book.assets.depreciation_preview("2026-03")  # still depreciated in the month it leaves
    assert book.assets.depreciation_preview("2026-04") == []
    book.periods.close_month("2026-01")
    with pytest.raises(BookError):
        book.assets.run_depreciation("2026-01")


def test_asset_validation(book):
    _asset(book)
    with pytest.raises(ValidationError, match="已存在"):
        _asset(book)
    with pytest.raises(ValidationError):
        _asset(book, code="GD002", life_months=0)
    with pytest.raises(ValidationError):
        _asset(book, code="GD003", cost_fen=-1)
    with pytest.raises(ValidationError):
        _asset(book, code="GD004", category="spaceship")
    book.members.add(code="V1", name="甲村", kind="collective")
    book.assets.add(code="TD1", name="入股土地", category="land", acquired="2026-01-01", cost_fen=0, contributor="V1")
    rows = {a["code"]: a for a in book.assets.list()}
    assert rows["TD1"]["contributor_name"] == "甲村" and rows["GD001"]["accumulated_fen"] == 0
