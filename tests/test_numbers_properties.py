"""Random multi-year histories against a small independent model (a dict of leaf balances and an asset list):
vouchers, red-ink reversals (also of a closed year's vouchers), month and year closes, assets bought, revalued,
depreciated and disposed, a distribution. After every step the trial balance, the balance sheet, the income
statement, the register and `check` agree with the model."""

from collections import defaultdict
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.book import Book
from app.core.periods import add_months, month_end

CLOSED_INTO_322 = ("501", "503", "504", "511", "513", "3220101")  # the accounts this history closes each year
LEAVES = ["101", "10201", "112", "121", "211", "311", *CLOSED_INTO_322[:-1]]
LIFE = 24


@dataclass
class Asset:
    code: str
    acquired: str  # period
    cost: int
    booked: int = 0
    disposed: bool = False


@dataclass
class Model:
    period: str = "2025-01"
    balances: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    posted: list[tuple[str, list[tuple[str, int]], str]] = field(
        default_factory=list
    )  # (period, lines, voucher id)
    reversed: set[int] = field(default_factory=set)
    depreciated: set[str] = field(default_factory=set)  # periods whose run is done
    assets: list[Asset] = field(default_factory=list)

    def apply(self, lines: list[tuple[str, int]]) -> None:
        for code, amount in lines:
            self.balances[code] += amount

    def close_year(self) -> None:
        """P&L → 321 → 32202 and 各项分配 → 32202: everything lands on 未分配收益."""
        self.balances["32202"] += sum(self.balances.pop(c, 0) for c in CLOSED_INTO_322)

    def due(self, a: Asset) -> int:
        """Straight line on schedule, else the rest over the months left (written independently of the app)."""
        y, m = int(a.acquired[:4]), int(a.acquired[5:])
        py, pm = int(self.period[:4]), int(self.period[5:])
        n = (py - y) * 12 + pm - m  # months since the month after acquisition, this one included
        if a.disposed or n <= 0 or n > LIFE:
            return 0
        if a.booked == a.cost * (n - 1) // LIFE:
            return a.cost * n // LIFE - a.booked
        return max(0, (a.cost - a.booked) // (LIFE - n + 1))


amounts = st.integers(1, 10**8)
steps = st.one_of(
    st.tuples(st.just("voucher"), st.sampled_from(LEAVES), st.sampled_from(LEAVES), amounts),
    st.tuples(st.just("reverse"), st.integers(0, 10**6)),
    st.tuples(st.just("buy"), st.integers(LIFE, 10**7)),
    st.tuples(st.just("revalue"), st.integers(0, 10**6), st.integers(1, 10**6)),
    st.tuples(st.just("depreciate")),
    st.tuples(st.just("dispose"), st.integers(0, 10**6)),
    st.tuples(st.just("distribute"), amounts),
)


def _post(b: Book, vid: str) -> None:
    b.user = "审核"
    b.vouchers.review(vid)
    b.vouchers.post(vid)
    b.user = "会计"


def _enter(b: Book, m: Model, lines: list[tuple[str, int]], kind: str = "normal") -> str:
    vid = b.vouchers.create(
        month_end(m.period).isoformat(), [b.vouchers.line(c, "摘要", a) for c, a in lines], kind=kind
    )
    _post(b, vid)
    m.apply(lines)
    return vid


def _step(b: Book, m: Model, step: tuple) -> None:
    kind = step[0]
    if kind == "voucher" and step[1] != step[2]:
        vid = _enter(b, m, [(step[1], step[3]), (step[2], -step[3])])
        m.posted.append((m.period, [(step[1], step[3]), (step[2], -step[3])], vid))
    elif kind == "reverse":
        open_ = [i for i in range(len(m.posted)) if i not in m.reversed]
        if not open_:
            return
        i = open_[step[1] % len(open_)]
        period, lines, vid = m.posted[i]
        rid = b.vouchers.reverse(vid, month_end(m.period).isoformat())
        _post(b, rid)
        later = m.period[:4] > period[:4]
        m.apply([("32202" if later and c in CLOSED_INTO_322 else c, -a) for c, a in lines])
        m.reversed.add(i)
    elif kind == "buy":
        code = f"GD{len(m.assets) + 1:03d}"
        b.assets.add(
            code=code,
            name="设备",
            category="fixed",
            acquired=f"{m.period}-01",
            cost_fen=step[1],
            life_months=LIFE,
        )
        _enter(b, m, [("151", step[1]), ("10201", -step[1])])
        m.assets.append(Asset(code, m.period, step[1]))
    elif kind == "revalue":
        live = [a for a in m.assets if not a.disposed]
        if not live:
            return
        a = live[step[1] % len(live)]
        b.assets.update(a.code, cost_fen=a.cost + step[2], date=month_end(m.period).isoformat())
        [draft] = [v["id"] for v in b.vouchers.list(status="draft")]
        _post(b, draft)
        a.cost += step[2]
        m.apply([("151", step[2]), ("153", -step[2])])
    elif kind == "depreciate":
        expected = {a.code: m.due(a) for a in m.assets}
        vid = b.assets.run_depreciation(m.period)
        assert b.assets.depreciation_preview(m.period) == []  # the month is done
        if m.period in m.depreciated:
            assert vid is None
            return
        m.depreciated.add(m.period)
        if vid is None:
            assert not any(expected.values())
            return
        _post(b, vid)
        booked = {
            r[0]: r[1]
            for r in b.db.execute(
                "SELECT a.code, d.amount_fen FROM depreciation d JOIN assets a ON a.id = d.asset_id WHERE d.voucher_id = ?",
                [vid],
            )
        }
        assert booked == {c: v for c, v in expected.items() if v}
        total = sum(booked.values())
        for a in m.assets:
            a.booked += expected[a.code]
        m.apply([("513", total), ("152", -total)])
    elif kind == "dispose":
        live = [a for a in m.assets if not a.disposed]
        if not live:
            return
        a = live[step[1] % len(live)]
        _step(b, m, ("depreciate",))  # the month's depreciation comes first (当月减少当月照提)
        b.assets.set_status(a.code, "disposed", month_end(m.period).isoformat())
        lines = [("152", a.booked), ("154", a.cost - a.booked), ("151", -a.cost)]
        _enter(b, m, [x for x in lines if x[1]])
        a.disposed = True
    elif kind == "distribute":
        _enter(b, m, [("3220101", step[1]), ("311", -step[1])])


def _close(b: Book, m: Model, december_first: bool) -> None:
    if m.period.endswith("-12"):
        if december_first:
            b.periods.close_month(m.period)  # December closed as a month first, then the year
        b.periods.close_year(int(m.period[:4]))
        m.close_year()
    else:
        b.periods.close_month(m.period)
    m.period = add_months(m.period, 1)


def _agree(b: Book, m: Model) -> bool:
    """Asserts that the book agrees with the model (trial balance, statements, register, check); True then."""
    year = int(m.period[:4])
    rows = {
        r["code"]: r["closing_fen"]
        for r in b.reports.trial_balance(year, 1, int(m.period[5:]))["rows"]
        if r["is_leaf"]
    }
    assert {c: v for c, v in rows.items() if v} == {c: v for c, v in m.balances.items() if v}
    assert b.reports.balance_sheet(year, int(m.period[5:]))["balanced"]
    inc = {ln["key"]: ln["amount_fen"] for ln in b.reports.income_statement(year, int(m.period[5:]))["lines"]}
    assert inc["R20"] == -(m.balances["32202"] + sum(m.balances[c] for c in CLOSED_INTO_322))
    register = sum(a["cost_fen"] for a in b.assets.list() if a["status"] != "disposed")
    assert register == m.balances["151"]
    assert b.reports.check() == []
    return True


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(st.tuples(st.lists(steps, max_size=4), st.booleans()), min_size=13, max_size=30))
def test_random_histories_agree_with_the_model(months):
    """Each item is a month: its steps, then its close (the year close in December, sometimes after a month close)."""
    b = Book.create(":memory:", name="性质测试", start="2025-01", user="会计")
    b.accounts.add_sub("102", "银行")
    m = Model()
    try:
        for month_steps, december_first in months:
            for step in month_steps:
                _step(b, m, step)
                assert _agree(b, m)
            _close(b, m, december_first)
            assert _agree(b, m)
    finally:
        b.close()
