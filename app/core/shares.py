"""Share classes and holdings. A change of holding is a new record, so holdings on any past date can be asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.ops import Op
from app.core.periods import parse_date

if TYPE_CHECKING:
    from app.core.book import Book

DEFAULT_CLASSES = {
    "joint": [("资金", "元"), ("土地", "亩"), ("劳力", "工日")],
    "collective": [("人口股", "股"), ("农龄股", "股"), ("集体股", "股")],
}

_LATEST = """
SELECT h.member_id, h.class_id, h.units_q, h.effective FROM holdings h
WHERE h.effective = (
    SELECT max(h2.effective) FROM holdings h2
    WHERE h2.member_id = h.member_id AND h2.class_id = h.class_id AND h2.effective <= :on)
"""


class Shares:
    def __init__(self, book: Book):
        self.book = book

    # -- classes -------------------------------------------------------------------------------------------
    def classes(self) -> list[dict]:
        return list(self.book.db.query("SELECT * FROM share_classes ORDER BY sort, name"))

    def get_class(self, name_or_id: str) -> dict:
        rows = list(self.book.db.query("SELECT * FROM share_classes WHERE id = ? OR name = ?", [name_or_id, name_or_id]))
        if not rows:
            raise ValidationError(_("没有股份类别“{c}”。", "There is no share class “{c}”.", c=name_or_id), field="class")
        return rows[0]

    def add_class(self, name: str, unit: str, sort: int | None = None) -> str:
        self.book.check(Op.EDIT_SHARES)
        book = self.book
        name = name.strip()
        if not name:
            raise ValidationError(_("请填写股份类别名称。", "The share class needs a name."), field="name")
        if any(c["name"] == name for c in self.classes()):
            raise ValidationError(_("股份类别“{c}”已存在。", "The share class “{c}” already exists.", c=name), field="name")
        if sort is None:
            sort = len(self.classes())
        with book.transact(Op.EDIT_SHARES):
            return book.store.insert("share_classes", {"name": name, "unit": unit.strip(), "sort": sort})

    # -- holdings ------------------------------------------------------------------------------------------
    def set_holding(self, member: str, share_class: str, units_q: int, effective: str, note: str = "") -> str:
        """The member holds ``units_q`` (ten-thousandths) of the class from ``effective`` on."""
        book = self.book
        book.require_writable()
        self.book.check(Op.EDIT_SHARES)
        member_id = book.members.resolve(member)
        class_id = self.get_class(share_class)["id"]
        if not isinstance(units_q, int) or units_q < 0:
            raise ValidationError(_("持股数量不能为负。", "A holding cannot be negative."), field="units")
        day = parse_date(effective, "effective").isoformat()
        with book.transact(Op.EDIT_SHARES):
            row = book.db.execute(
                "SELECT id FROM holdings WHERE member_id = ? AND class_id = ? AND effective = ?",
                [member_id, class_id, day],
            ).fetchone()
            if row:
                book.store.update("holdings", row[0], {"units_q": units_q, "note": note})
                return row[0]
            return book.store.insert(
                "holdings",
                {"member_id": member_id, "class_id": class_id, "effective": day, "units_q": units_q, "note": note},
            )

    def holdings_on(self, on: str) -> dict[str, dict[str, int]]:
        """member_id → {class_id: units_q} held on the date ``on`` (zero holdings left out)."""
        out: dict[str, dict[str, int]] = {}
        for r in self.book.db.query(_LATEST, {"on": parse_date(on).isoformat()}):
            if r["units_q"]:
                out.setdefault(r["member_id"], {})[r["class_id"]] = r["units_q"]
        return out

    def member_holdings(self, member: str, on: str | None = None) -> list[dict]:
        """The member's holding per class on ``on`` (default: the latest record)."""
        member_id = self.book.members.resolve(member)
        on = parse_date(on).isoformat() if on else "9999-12-31"
        return list(
            self.book.db.query(
                "SELECT x.class_id, c.name AS class_name, c.unit, x.units_q, x.effective FROM (" + _LATEST + ") x"
                " JOIN share_classes c ON c.id = x.class_id WHERE x.member_id = :member ORDER BY c.sort",
                {"on": on, "member": member_id},
            )
        )

    def history(self, member: str) -> list[dict]:
        member_id = self.book.members.resolve(member)
        return list(
            self.book.db.query(
                "SELECT h.*, c.name AS class_name, c.unit FROM holdings h JOIN share_classes c ON c.id = h.class_id"
                " WHERE h.member_id = ? ORDER BY h.effective, c.sort",
                [member_id],
            )
        )

    def totals_on(self, on: str) -> dict[str, int]:
        """class_id → total units held on ``on``."""
        totals: dict[str, int] = {}
        for classes in self.holdings_on(on).values():
            for cid, q in classes.items():
                totals[cid] = totals.get(cid, 0) + q
        return totals
