"""The distribution arithmetic: worked examples written out by hand, and properties."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.distribution.calc import FIXED, FixedReturn, Holder, Withholding, compute, largest_remainder
from app.core.errors import ValidationError

U = 10000  # one unit in ten-thousandths


def amounts(result):
    return {m.code: m.amount_fen for m in result.members}


def test_weights_and_withholdings_worked_example():
    # 100,000.00 distributable; 30% 公积公益金 = 30,000.00; 其他 5,000.00 → pool 65,000.00
    # 人口股 70% = 45,500.00 over 10 units; 农龄股 30% = 19,500.00 over 30 units
    r = compute(
        10_000_000,
        [Withholding("提取公积公益金", percent=Decimal("30")), Withholding("其他", amount_fen=500_000)],
        [],
        {"人口股": 70, "农龄股": 30},
        [
            Holder("H1", {"人口股": 3 * U, "农龄股": 10 * U}),
            Holder("H2", {"人口股": 2 * U, "农龄股": 20 * U}),
            Holder("H3", {"人口股": 5 * U}),
        ],
    )
    assert r.withholdings == [("提取公积公益金", 3_000_000), ("其他", 500_000)]
    assert r.pool_fen == 6_500_000
    # H1: 45,500 × 3/10 = 13,650 + 19,500 × 10/30 = 6,500 → 20,150.00
    assert amounts(r) == {"H1": 2_015_000, "H2": 2_210_000, "H3": 2_275_000}
    h1 = r.members[0]
    assert h1.parts == {"人口股": 1_365_000, "农龄股": 650_000}


def test_percent_rounds_half_up():
    # 15% of 123.45 = 18.5175 → 18.52; pool 104.93
    r = compute(
        12_345,
        [Withholding("提取公积公益金", percent=Decimal("15"))],
        [],
        {"人口股": 1},
        [Holder("A", {"人口股": U})],
    )
    assert r.withholdings == [("提取公积公益金", 1_852)]
    assert amounts(r) == {"A": 10_493}
    # 2.5% of 0.10 = 0.0025 fen-wise 0.25 fen → 0; 50% of 0.01 = 0.5 fen → 1 fen (half-up)
    assert compute(
        1, [Withholding("x", percent=Decimal("50"))], [], {"人口股": 1}, [Holder("A", {"人口股": U})]
    ).withholdings == [("x", 1)]


def test_tie_in_remainders_goes_to_lower_code():
    # 1.00 over three equal holders: 33⅓ fen each → 33, 33, 33 and the last fen to the lowest code
    r = compute(
        100,
        [],
        [],
        {"人口股": 1},
        [Holder("C", {"人口股": U}), Holder("A", {"人口股": U}), Holder("B", {"人口股": U})],
    )
    assert amounts(r) == {"A": 34, "B": 33, "C": 33}


def test_fixed_return_then_weights_worked_example():
    # 1,000,000.00; 10% 公积公益金 → pool 900,000.00
    # fixed 10% on capital: V01 3,000,000 yuan → 300,000.00; V02 5,000,000 yuan → 500,000.00 (800,000.00 in all)
    # the rest, 100,000.00, by land: V01 100 mu → 25,000.00; V02 300 mu → 75,000.00
    r = compute(
        100_000_000,
        [Withholding("提取公积公益金", percent=Decimal("10"))],
        [FixedReturn("资金", Decimal("10"))],
        {"土地": 1},
        [
            Holder("V01", {"资金": 3_000_000 * U, "土地": 100 * U}),
            Holder("V02", {"资金": 5_000_000 * U, "土地": 300 * U}),
        ],
    )
    assert r.pool_fen == 90_000_000 and r.fixed_fen == 80_000_000 and not r.fixed_cut
    assert amounts(r) == {"V01": 32_500_000, "V02": 57_500_000}
    assert r.members[0].parts == {FIXED: 30_000_000, "土地": 2_500_000}


def test_pool_too_small_for_fixed_returns_cuts_pro_rata():
    # due: V01 100 yuan × 10% = 10.00, V02 200 yuan × 10% = 20.00; the pool is 10.00 → one third each:
    # V01 3.333… → 3.33, V02 6.666… → 6.66, and the fen left goes to V02 (remainder ⅔ > ⅓) → 6.67
    r = compute(
        1_000,
        [],
        [FixedReturn("资金", Decimal("10"))],
        {"土地": 1},
        [Holder("V01", {"资金": 100 * U, "土地": U}), Holder("V02", {"资金": 200 * U})],
    )
    assert r.fixed_cut and r.fixed_fen == 1_000
    assert amounts(r) == {"V01": 333, "V02": 667}
    assert r.members[0].parts == {FIXED: 333}


def test_refusals():
    with pytest.raises(ValidationError, match="超过可分配收益"):
        compute(
            1_000,
            [Withholding("a", percent=Decimal("60")), Withholding("b", amount_fen=500, line=7)],
            [],
            {"x": 1},
            [Holder("A", {"x": U})],
        )
    with pytest.raises(ValidationError, match="计划第7行"):
        compute(
            1_000,
            [Withholding("a", percent=Decimal("60")), Withholding("b", amount_fen=500, line=7)],
            [],
            {"x": 1},
            [Holder("A", {"x": U})],
        )
    with pytest.raises(ValidationError, match="权重都为零"):
        compute(1_000, [], [], {"x": 0}, [Holder("A", {"x": U})])
    with pytest.raises(ValidationError, match="无人持有"):
        compute(1_000, [], [], {"x": 1, "y": 1}, [Holder("A", {"x": U})])
    with pytest.raises(ValidationError, match="为负"):
        compute(-5, [], [], {"x": 1}, [Holder("A", {"x": U})])


def test_largest_remainder_refuses_inconsistent_input():
    assert largest_remainder([("a", Fraction(1, 2)), ("b", Fraction(1, 2))], 1) == {"a": 1, "b": 0}
    with pytest.raises(ValueError):
        largest_remainder([("a", Fraction(1, 2))], 5)


holders_st = st.lists(
    st.tuples(st.integers(0, 500 * U), st.integers(0, 80 * U), st.integers(0, 3_000_000 * U)),
    min_size=1,
    max_size=40,
).filter(lambda hs: any(a for a, _b, _c in hs) and any(b for _a, b, _c in hs))


@settings(max_examples=150, deadline=None)
@given(
    holders=holders_st,
    distributable=st.integers(0, 10**11),
    pct=st.integers(0, 50),
    weights=st.tuples(st.integers(1, 100), st.integers(0, 100)),
    fixed_pct=st.sampled_from([None, "3.5", "10"]),
    seed=st.integers(0, 1000),
)
def test_properties(holders, distributable, pct, weights, fixed_pct, seed):
    hs = [Holder(f"M{i:03d}", {"人口股": a, "农龄股": b, "资金": c}) for i, (a, b, c) in enumerate(holders)]
    fixed = [FixedReturn("资金", Decimal(fixed_pct))] if fixed_pct else []
    args = (
        distributable,
        [Withholding("提取公积公益金", percent=Decimal(pct))],
        fixed,
        {"人口股": weights[0], "农龄股": weights[1]},
    )
    r = compute(*args, hs)
    # the sum is exact
    assert sum(m.amount_fen for m in r.members) == r.pool_fen == distributable - r.withholdings[0][1]
    # nobody is a fen or more away from the exact share; parts add up to the member's amount
    for m in r.members:
        assert abs(m.amount_fen - m.exact) < 1
        assert sum(m.parts.values()) == m.amount_fen
    # the order the members were entered in does not matter
    shuffled = hs[:]
    random.Random(seed).shuffle(shuffled)
    assert amounts(compute(*args, shuffled)) == amounts(r)
