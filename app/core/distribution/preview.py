"""A plan applied to a book: the distributable amount, the holders on the record date, and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.distribution.calc import FIXED, Holder, Result, compute
from app.core.distribution.plan import MEMBER_ACCOUNT, Deduction, Plan, check_classes, check_members
from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.money import format_fen

if TYPE_CHECKING:
    from app.core.book import Book


@dataclass
class Preview:
    plan: Plan
    result: Result
    members: dict[str, dict]  # code → member row
    classes: list[dict]  # share classes (name, unit), in the book's order
    deductions: dict[str, list[Deduction]] = field(default_factory=dict)  # member code → its deductions

    @property
    def deductions_fen(self) -> int:
        return sum(d.amount_fen for ds in self.deductions.values() for d in ds)

    def rows(self) -> list[dict]:
        """Who gets what, per class, for tables and documents: gross, each deduction, net."""
        out = []
        for m in self.result.members:
            row = self.members[m.code]
            taken = [
                {"reason": d.reason, "amount_fen": d.amount_fen, "account": d.account}
                for d in self.deductions.get(m.code, [])
            ]
            out.append(
                {
                    "code": m.code,
                    "name": row["name"],
                    "member_id": row["id"],
                    "id_number": row["id_number"],
                    "amount_fen": m.amount_fen,
                    "classes": m.parts,
                    "units": m.units_q,
                    "deductions": taken,
                    "net_fen": m.amount_fen - sum(d["amount_fen"] for d in taken),
                }
            )
        return out

    def lines(self) -> list[dict]:
        """The rows in the shape of the posted distribution's lines (for the plan notice)."""
        return [x | {"parts": x["classes"]} for x in self.rows()]

    def details(self) -> dict:
        """The per-share figures, the collective's part and the deductions, as recorded with the distribution."""
        plan, r = self.plan, self.result
        return {
            "mode": plan.mode,
            "rates": r.rates,
            "remainders": r.remainders,
            "remainder_to": plan.remainder_to,
            "collective": [
                {
                    "code": c.code,
                    "name": self.members[c.code]["name"],
                    "amount_fen": c.amount_fen,
                    "parts": c.parts,
                    "units": c.units_q,
                }
                for c in r.collective
            ],
            "collective_to": plan.collective_to,
            "deductions_fen": self.deductions_fen,
        }

    def class_figures(self) -> dict[str, dict]:
        """Per component: the rate per unit (None in pool mode or for fixed returns) and the 尾差 kept."""
        r = self.result
        names = [
            n for n in r.class_totals() | dict.fromkeys(r.rates or {}) | dict.fromkeys(r.remainders) if n
        ]
        return {
            n: {
                "rate_fen_per_unit": None if r.rates is None or n == FIXED else r.rates.get(n),
                "remainder_fen": r.remainders.get(n, 0),
            }
            for n in names
        }

    def as_json(self) -> dict:
        r = self.result
        figures = self.class_figures()
        return {
            "year": self.plan.year,
            "record_date": self.plan.record_date,
            "distributable_fen": r.distributable_fen,
            "withholdings": [{"name": n, "amount_fen": a} for n, a in r.withholdings],
            "pool_fen": r.pool_fen,
            "fixed_fen": r.fixed_fen,
            "fixed_cut": r.fixed_cut,
            "class_totals": r.class_totals(),
            "members": [
                {
                    "code": x["code"],
                    "name": x["name"],
                    "amount_fen": x["amount_fen"],
                    "classes": x["classes"],
                    "units": x["units"],
                    "deductions": x["deductions"],
                    "net_fen": x["net_fen"],
                }
                for x in self.rows()
            ],
            "mode": self.plan.mode,
            "classes": figures,
            "remainder_fen": r.remainder_fen,
            "remainder_to": self.plan.remainder_to,
            "collective_fen": r.collective_fen,
            "collective_to": self.plan.collective_to,
            "collective": [
                {
                    "code": c.code,
                    "name": self.members[c.code]["name"],
                    "amount_fen": c.amount_fen,
                    "classes": c.parts,
                    "units": c.units_q,
                }
                for c in r.collective
            ],
            "deductions_fen": self.deductions_fen,
            "withhold_base": self.plan.withhold_base,
        }


def _year_income(book: Book, year: int) -> int:
    """本年收益 (净收益 in the 2023 chart) from the books."""
    key = book.chart.roles["net_income_line"]
    return next(ln["amount_fen"] for ln in book.reports.income_statement(year)["lines"] if ln["key"] == key)


def _deductions(
    book: Book, plan: Plan, result: Result, members: dict[str, dict]
) -> dict[str, list[Deduction]]:
    """The plan's deductions per member, checked: a member in the distribution, an account that takes entries,
    and no more than the member's gross amount."""
    gross = {m.code: m.amount_fen for m in result.members}
    out: dict[str, list[Deduction]] = {}
    for d in plan.deductions:
        if d.member not in gross:
            raise ValidationError(
                (_("计划第{n}行：", "Plan line {n}: ", n=d.line) if d.line else "")
                + _(
                    "成员“{m}”不在这次分配中，不能扣款。",
                    "member “{m}” is not in this distribution; nothing can be deducted.",
                    m=d.member,
                ),
                field="plan",
                code="distribution.deduction_member",
            )
        if d.account != MEMBER_ACCOUNT:
            account = book.accounts.require(d.account)
            if not account["is_leaf"]:
                raise ValidationError(
                    (_("计划第{n}行：", "Plan line {n}: ", n=d.line) if d.line else "")
                    + _(
                        "科目 {a} 有下级科目，请写明细科目。",
                        "account {a} has sub-accounts; give the sub-account.",
                        a=d.account,
                    ),
                    field="plan",
                    code="distribution.deduction_account",
                )
        out.setdefault(d.member, []).append(d)
    for code, items in out.items():
        total = sum(d.amount_fen for d in items)
        if total > gross[code]:
            raise ValidationError(
                _("计划第{n}行：", "Plan line {n}: ", n=items[-1].line)
                + _(
                    "{c} {m} 的扣款 {d} 超过应分金额 {g}，不能扣。",
                    "the deductions of {c} {m}, {d}, are more than the {g} due; refused.",
                    c=code,
                    m=members[code]["name"],
                    d=format_fen(total),
                    g=format_fen(gross[code]),
                ),
                field="plan",
                code="distribution.deduction_exceeds",
            )
    return out


def preview(book: Book, plan: Plan) -> Preview:
    classes = book.shares.classes()
    members = {m["id"]: m for m in book.db.query("SELECT id, code, name, kind, id_number FROM members")}
    check_classes(plan, {c["name"] for c in classes})
    check_members(plan, {m["code"] for m in members.values()})
    class_name = {c["id"]: c["name"] for c in classes}
    holders = [
        Holder(
            members[mid]["code"],
            {class_name[cid]: q for cid, q in held.items()},
            members[mid]["code"] in plan.collective,
        )
        for mid, held in book.shares.holdings_on(plan.record_date).items()
    ]
    distributable = plan.distributable_fen
    if distributable is None:
        distributable = book.reports.distributable(plan.year)
    base = None
    if plan.withhold_base == "本年收益":
        base = plan.income_fen if plan.income_fen is not None else _year_income(book, plan.year)
    result = compute(
        distributable,
        plan.withholdings,
        plan.fixed_returns,
        plan.weights,
        holders,
        per_share=plan.per_share,
        base_fen=base,
    )
    by_code = {m["code"]: m for m in members.values()}
    return Preview(plan, result, by_code, classes, _deductions(book, plan, result, by_code))
