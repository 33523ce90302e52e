"""The distribution arithmetic, exact to the fen (a contract: the same inputs give these numbers everywhere).

Withholdings (a percent rounded half-up, or a fixed amount) come off the distributable amount in the plan's
order; fixed returns on one class are paid next (cut pro rata when the pool is too small); the rest is split over
the share classes by weight and inside each class by units held. A member's exact share is a ``Fraction``; the
amounts in fen come from the largest-remainder method over members (ties to the lower member code), so they add
up exactly to the pool and nobody is more than one fen from the exact share. Never a float.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.money import QTY_SCALE, format_fen, round_fen

FIXED = "保底"  # the component name of fixed returns in a member's parts


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

    def class_totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for m in self.members:
            for k, v in m.parts.items():
                totals[k] = totals.get(k, 0) + v
        return totals


def withheld(distributable_fen: int, items: Sequence[Withholding]) -> list[tuple[str, int]]:
    """Each withholding in fen; refuses when they come to more than the distributable amount."""
    out: list[tuple[str, int]] = []
    total = 0
    for w in items:
        amount = w.amount_fen if w.percent is None else round_fen(Decimal(distributable_fen) * w.percent / 100)
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
) -> Result:
    """The whole distribution from its inputs (pure: no book)."""
    if distributable_fen < 0:
        raise ValidationError(
            _("可分配收益为负（{d}），没有可分配的收益。", "The distributable amount is negative ({d}); there is nothing to distribute.",
              d=format_fen(distributable_fen)),
            field="distributable",
        )
    taken = withheld(distributable_fen, withholdings)
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
    total_weight = sum(Fraction(w) for w in weights.values())
    class_pools: dict[str, Fraction] = {}
    if rest:
        if total_weight <= 0:
            raise ValidationError(_("各类股份的权重都为零。", "All share class weights are zero."), field="weights")
        for cls, w in weights.items():
            if not w:
                continue
            class_pools[cls] = rest * Fraction(w) / total_weight
            units_total = sum(h.units_q.get(cls, 0) for h in holders)
            if not units_total:
                raise ValidationError(
                    _("股份类别“{c}”在登记日无人持有，不能按它分配。", "Nobody holds “{c}” on the record date; it cannot take a share.", c=cls),
                    field="weights",
                )
            for h in holders:
                units = h.units_q.get(cls, 0)
                if units:
                    exact[h.code][cls] = class_pools[cls] * units / units_total
    shares = [(code, sum(parts.values(), Fraction(0))) for code, parts in exact.items() if parts]
    amounts = largest_remainder(shares, pool) if shares else {}
    if pool and not shares:
        raise ValidationError(_("登记日没有成员持有股份。", "No member holds shares on the record date."), field="record_date")
    members = []
    units_by_code = {h.code: dict(h.units_q) for h in holders}
    for code, share in shares:
        parts = largest_remainder(list(exact[code].items()), amounts[code])
        members.append(MemberShare(code, share, amounts[code], parts, units_by_code[code]))
    fixed_fen = sum(m.parts.get(FIXED, 0) for m in members)
    return Result(distributable_fen, taken, pool, fixed_fen, cut, class_pools, members)
