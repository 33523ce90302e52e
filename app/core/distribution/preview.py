"""A plan applied to a book: the distributable amount, the holders on the record date, and the result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.distribution.calc import Holder, Result, compute
from app.core.distribution.plan import Plan, check_classes

if TYPE_CHECKING:
    from app.core.book import Book


@dataclass
class Preview:
    plan: Plan
    result: Result
    members: dict[str, dict]  # code → member row
    classes: list[dict]  # share classes (name, unit), in the book's order

    def rows(self) -> list[dict]:
        """Who gets what, per class, for tables and documents."""
        out = []
        for m in self.result.members:
            row = self.members[m.code]
            out.append(
                {
                    "code": m.code,
                    "name": row["name"],
                    "member_id": row["id"],
                    "id_number": row["id_number"],
                    "amount_fen": m.amount_fen,
                    "classes": m.parts,
                    "units": m.units_q,
                }
            )
        return out

    def as_json(self) -> dict:
        r = self.result
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
                {"code": x["code"], "name": x["name"], "amount_fen": x["amount_fen"], "classes": x["classes"], "units": x["units"]}
                for x in self.rows()
            ],
        }


def preview(book: Book, plan: Plan) -> Preview:
    classes = book.shares.classes()
    check_classes(plan, {c["name"] for c in classes})
    class_name = {c["id"]: c["name"] for c in classes}
    members = {m["id"]: m for m in book.db.query("SELECT id, code, name, kind, id_number FROM members")}
    holders = [
        Holder(members[mid]["code"], {class_name[cid]: q for cid, q in held.items()})
        for mid, held in book.shares.holdings_on(plan.record_date).items()
    ]
    distributable = plan.distributable_fen
    if distributable is None:
        distributable = book.reports.distributable(plan.year)
    result = compute(distributable, plan.withholdings, plan.fixed_returns, plan.weights, holders)
    return Preview(plan, result, {m["code"]: m for m in members.values()}, classes)
