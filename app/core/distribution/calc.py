"""The distribution arithmetic, exact to the fen (a contract: the same inputs give these numbers everywhere).

Withholdings (a percent rounded half-up, or a fixed amount) come off the distributable amount in the plan's
order; fixed returns on one class are paid next (cut pro rata when the pool is too small); the rest is split over
the share classes by weight and inside each class by units held. A member's exact share is a ``Fraction``; the
amounts in fen come from the largest-remainder method over members (ties to the lower member code), so they add
up exactly to the pool and nobody is more than one fen from the exact share (pool mode).

Per-share mode: every unit of a class gets the same rate, the class's part per unit rounded down to the rate unit
(or the plan's own rate, taken before the weighted classes share the rest); each holder's amount per class is
rounded down, and what is left over (尾差) is kept, per class. The collective's own shares (集体股) are computed
like any holder's but kept. Either way members + 尾差 + collective = pool, to the fen. Never a float.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.money import QTY_SCALE, format_fen, round_fen

FIXED = "保底"  # the component name of fixed returns in a member's parts
UNASSIGNED = "未指定"  # per-share mode: the 尾差 of a pool part no class was given (only stated rates)


@dataclass(frozen=True)
class Withholding:
    name: str
    percent: Decimal | None = None  # of the distributable amount
    amount_fen: int | None = None
    line: int | None = None  # where the plan says it (for messages)


@dataclass(frozen=True)
class FixedReturn:
    share_class: str
    percent: Decimal  # per year, on the units of the class (units are yuan for a capital class)
    line: int | None = None


@dataclass(frozen=True)
class Holder:
    code: str
    units_q: Mapping[str, int]  # class name → units in ten-thousandths
    collective: bool = False  # the collective's own shares (集体股): its part is kept, not paid


@dataclass(frozen=True)
class PerShare:
    """Per-share mode: the rate of a class is its part of the pool per unit, rounded down to ``unit_fen``, or the
    plan's own rate (fen per unit) from ``rates``."""

    unit_fen: int = 1
    rates: Mapping[str, int] = field(default_factory=dict)


@dataclass
class MemberShare:
    code: str
    exact: Fraction  # fen
    amount_fen: int
    parts: dict[str, int]  # component (FIXED or a class name) → fen; adds up to amount_fen
    units_q: dict[str, int]


@dataclass
class Result:
    distributable_fen: int
    withholdings: list[tuple[str, int]]
    pool_fen: int  # what the members get in all (fixed returns included)
    fixed_fen: int  # the fixed returns inside the pool, as paid (after any cut), in whole fen
    fixed_cut: bool  # the pool was too small for the fixed returns: they were cut pro rata
    class_pools: dict[str, Fraction]  # class → exact amount split over its units
    members: list[MemberShare] = field(default_factory=list)
    collective: list[MemberShare] = field(default_factory=list)  # 集体股: kept by the collective
    rates: dict[str, int] | None = None  # per-share mode: class → fen per unit; None in pool mode
    remainders: dict[str, int] = field(default_factory=dict)  # 尾差 per component (class, 保底 or UNASSIGNED)

    @property
    def members_fen(self) -> int:
        return sum(m.amount_fen for m in self.members)

    @property
    def collective_fen(self) -> int:
        return sum(m.amount_fen for m in self.collective)

    @property
    def remainder_fen(self) -> int:
        return sum(self.remainders.values())

    def class_totals(self) -> dict[str, int]:
        """What the members (not the collective) get per component."""
        totals: dict[str, int] = {}
        for m in self.members:
            for k, v in m.parts.items():
                totals[k] = totals.get(k, 0) + v
        return totals


def withheld(
    distributable_fen: int, items: Sequence[Withholding], base_fen: int | None = None
) -> list[tuple[str, int]]:
    """Each withholding in fen (a percent of ``base_fen``, default the distributable amount); refuses when they
    come to more than the distributable amount."""
    out: list[tuple[str, int]] = []
    total = 0
    base = Decimal(distributable_fen if base_fen is None else max(base_fen, 0))
    for w in items:
        amount = w.amount_fen if w.percent is None else round_fen(base * w.percent / 100)
        total += amount
        if total > distributable_fen:
            where = _("计划第{n}行：", "Plan line {n}: ", n=w.line) if w.line else ""
            raise ValidationError(
                where
                + _(
                    "提取项目合计 {t} 超过可分配收益 {d}。",
                    "The withholdings come to {t}, more than the distributable amount {d}.",
                    t=format_fen(total),
                    d=format_fen(distributable_fen),
                ),
                field="withhold",
                code="distribution.withholdings_exceed",
            )
        out.append((w.name, amount))
    return out


def largest_remainder(exact: Sequence[tuple[str, Fraction]], total: int) -> dict[str, int]:
    """Whole amounts adding up to ``total``: the floor of each exact value, then one more to the largest
    fractional remainders (ties to the lower key). The exact values must add up to ``total``."""
    floors = {k: v.numerator // v.denominator for k, v in exact}
    left = total - sum(floors.values())
    if left < 0 or left > len(exact):
        raise ValueError("the exact shares do not add up to the total")
    by_remainder = sorted(exact, key=lambda kv: (-(kv[1] - floors[kv[0]]), kv[0]))
    for k, _v in by_remainder[:left]:
        floors[k] += 1
    return floors


def compute(
    distributable_fen: int,
    withholdings: Sequence[Withholding],
    fixed_returns: Sequence[FixedReturn],
    weights: Mapping[str, Fraction | int],
    holders: Sequence[Holder],
    *,
    per_share: PerShare | None = None,
    base_fen: int | None = None,
) -> Result:
    """The whole distribution from its inputs (pure: no book).

    ``base_fen``: what the withholding percentages are taken on (default: the distributable amount).
    ``per_share``: per-share mode (a rate per unit of each class, rounded down); None: pool mode."""
    if distributable_fen < 0:
        raise ValidationError(
            _(
                "可分配收益为负（{d}），没有可分配的收益。",
                "The distributable amount is negative ({d}); there is nothing to distribute.",
                d=format_fen(distributable_fen),
            ),
            field="distributable",
            code="distribution.negative",
        )
    taken = withheld(distributable_fen, withholdings, distributable_fen if base_fen is None else base_fen)
    pool = distributable_fen - sum(a for _n, a in taken)
    holders = sorted(holders, key=lambda h: h.code)
    exact: dict[str, dict[str, Fraction]] = {h.code: {} for h in holders}
    # fixed returns: units (yuan) × rate, in fen
    fixed_total = Fraction(0)
    for fr in fixed_returns:
        rate = Fraction(fr.percent) / 100
        for h in holders:
            units = h.units_q.get(fr.share_class, 0)
            if units:
                due = Fraction(units, QTY_SCALE) * rate * 100
                exact[h.code][FIXED] = exact[h.code].get(FIXED, Fraction(0)) + due
                fixed_total += due
    cut = fixed_total > pool
    if cut:
        scale = Fraction(pool) / fixed_total
        for parts in exact.values():
            if FIXED in parts:
                parts[FIXED] *= scale
        fixed_total = Fraction(pool)
    rest = pool - fixed_total
    stated = per_share.rates if per_share else {}
    units_total = {cls: sum(h.units_q.get(cls, 0) for h in holders) for cls in set(weights) | set(stated)}
    by_rate = sum((Fraction(r * units_total[c], QTY_SCALE) for c, r in stated.items()), Fraction(0))
    if by_rate > rest:
        raise ValidationError(
            _(
                "按计划的每股金额需分配 {a}，超过可分配给成员的 {p}。",
                "The stated rates need {a}, more than the {p} there is to distribute.",
                a=format_fen(math.ceil(by_rate)),
                p=format_fen(math.floor(rest)),
            ),
            field="rates",
            code="distribution.rates_exceed",
        )
    weighted = {c: Fraction(w) for c, w in weights.items() if w and c not in stated}
    total_weight = sum(weighted.values(), Fraction(0))
    class_pools: dict[str, Fraction] = {}
    if rest - by_rate and weighted:
        for cls, w in weighted.items():
            class_pools[cls] = (rest - by_rate) * w / total_weight
            if not units_total[cls]:
                raise ValidationError(
                    _(
                        "股份类别“{c}”在登记日无人持有，不能按它分配。",
                        "Nobody holds “{c}” on the record date; it cannot take a share.",
                        c=cls,
                    ),
                    field="weights",
                    code="distribution.class_not_held",
                )
    elif rest and not stated:
        raise ValidationError(
            _("各类股份的权重都为零。", "All share class weights are zero."),
            field="weights",
            code="plan.weights_zero",
        )
    if per_share is None:
        return _pool_mode(distributable_fen, taken, pool, cut, class_pools, holders, exact, units_total)
    return _per_share_mode(
        distributable_fen, taken, pool, cut, class_pools, holders, exact, per_share, units_total
    )


def _split(
    result: Result, holders: Sequence[Holder], parts_of: dict[str, dict[str, int]], exact: dict[str, Fraction]
) -> None:
    """File each holder's parts as a member's share or, for the collective, as the collective's."""
    for h in holders:
        parts = parts_of.get(h.code)
        if not parts:
            continue
        share = MemberShare(h.code, exact[h.code], sum(parts.values()), parts, dict(h.units_q))
        (result.collective if h.collective else result.members).append(share)


def _pool_mode(
    distributable_fen: int,
    taken: list[tuple[str, int]],
    pool: int,
    cut: bool,
    class_pools: dict[str, Fraction],
    holders: Sequence[Holder],
    exact: dict[str, dict[str, Fraction]],
    units_total: dict[str, int],
) -> Result:
    """The pool split to the fen: largest remainder over holders, then over each holder's parts."""
    for h in holders:
        for cls, q in class_pools.items():
            units = h.units_q.get(cls, 0)
            if units:
                exact[h.code][cls] = q * units / units_total[cls]
    shares = [(code, sum(parts.values(), Fraction(0))) for code, parts in exact.items() if parts]
    if pool and not shares:
        raise ValidationError(
            _("登记日没有成员持有股份。", "No member holds shares on the record date."),
            field="record_date",
            code="distribution.no_holders",
        )
    amounts = largest_remainder(shares, pool) if shares else {}
    parts_of = {code: largest_remainder(list(exact[code].items()), amounts[code]) for code, _s in shares}
    result = Result(distributable_fen, taken, pool, 0, cut, class_pools)
    _split(result, holders, parts_of, dict(shares))
    result.fixed_fen = sum(m.parts.get(FIXED, 0) for m in result.members + result.collective)
    return result


def _per_share_mode(
    distributable_fen: int,
    taken: list[tuple[str, int]],
    pool: int,
    cut: bool,
    class_pools: dict[str, Fraction],
    holders: Sequence[Holder],
    exact: dict[str, dict[str, Fraction]],
    per_share: PerShare,
    units_total: dict[str, int],
) -> Result:
    """Every unit of a class gets the same rate (the plan's, or its part of the pool rounded down to the rate
    unit); each holder's amount per class is rounded down; what is left (尾差) is kept, per class."""
    rates: dict[str, int] = dict(per_share.rates)
    for cls, q in class_pools.items():
        per_unit = q * QTY_SCALE / units_total[cls]
        rates[cls] = math.floor(per_unit / per_share.unit_fen) * per_share.unit_fen
    parts_of: dict[str, dict[str, int]] = {}
    paid: dict[str, int] = {}
    for h in holders:
        parts = {FIXED: math.floor(exact[h.code][FIXED])} if FIXED in exact[h.code] else {}
        for cls, rate in rates.items():
            units = h.units_q.get(cls, 0)
            if units:
                parts[cls] = rate * units // QTY_SCALE
        for k, v in parts.items():
            paid[k] = paid.get(k, 0) + v
        if parts:
            parts_of[h.code] = parts
    leftover = {
        FIXED: sum((p[FIXED] for p in exact.values() if FIXED in p), Fraction(0)) - paid.get(FIXED, 0)
    }
    leftover |= {cls: q - paid.get(cls, 0) for cls, q in class_pools.items()}
    leftover |= {
        cls: Fraction(r * units_total[cls], QTY_SCALE) - paid.get(cls, 0)
        for cls, r in per_share.rates.items()
    }
    leftover[UNASSIGNED] = pool - sum(paid.values()) - sum(leftover.values(), Fraction(0))
    remainder = pool - sum(paid.values())
    result = Result(
        distributable_fen,
        taken,
        pool,
        0,
        cut,
        class_pools,
        rates=rates,
        remainders={k: v for k, v in largest_remainder(list(leftover.items()), remainder).items() if v},
    )
    _split(result, holders, parts_of, {code: Fraction(sum(p.values())) for code, p in parts_of.items()})
    result.fixed_fen = sum(m.parts.get(FIXED, 0) for m in result.members + result.collective)
    return result
