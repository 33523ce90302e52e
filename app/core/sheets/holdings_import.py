"""Importing holdings (持股): one row per member with a column per share class (人口股, 土地(亩) …), or a class
column and a units column; the member by code or ID number; a name, when given, must match the book's."""

from __future__ import annotations

from dataclasses import replace

from app.core.i18n import _
from app.core.money import format_qty
from app.core.progress import CancelToken, Progress
from app.core.sheets import values as v
from app.core.sheets.headers import SHARE_PREFIX, Field
from app.core.sheets.importing import Cells, Importer, Preview, RowPlan, duplicates
from app.core.sheets.members_import import FIELDS as MEMBER_FIELDS

_MEMBER = {f.name: f for f in MEMBER_FIELDS}
FIELDS = [
    _MEMBER["code"],
    _MEMBER["id_number"],
    replace(_MEMBER["name"], required=False),
    Field("class", "股份类别", "Share class", ("股份类型", "股种", "股别", "class")),
    Field("units", "持股数量", "Units", ("数量", "股数", "持股数", "份额", "units")),
    Field("date", "生效日期", "Effective", ("日期", "变更日期", "effective date", "date")),
    Field("note", "备注", "Note", ("说明", "note")),
]


class HoldingsImporter(Importer):
    """Holdings on a date (a column, or the date chosen for the import)."""

    def fields(self) -> list[Field]:
        return FIELDS

    def share_classes(self) -> list[str]:
        return [c["name"] for c in self.book.shares.classes()]

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        book = self.book
        mapped = set(preview.mapping.values())
        if not mapped & {"code", "id_number"}:
            preview.notes.append(preview.problem(_("需要“成员编号”或“证件号码”列来识别成员", "A member code or ID number column is needed to identify members")))
        wide = [f for f in mapped if f.startswith(SHARE_PREFIX)]
        if not wide and not {"class", "units"} <= mapped:
            preview.notes.append(preview.problem(_("需要股份类别列（如“人口股”），或“股份类别”和“持股数量”两列",
                                                   "Share-class columns (such as “人口股”) or a class and a units column are needed")))
        if preview.file_errors():
            return
        default_date = preview.options.setdefault("date", f"{book.settings.start_period}-01")
        members = list(book.db.query("SELECT id, code, name, id_number FROM members"))
        by_code = {m["code"]: m for m in members}
        by_idn = {m["id_number"]: m for m in members if m["id_number"]}
        classes = {c["name"]: c["id"] for c in book.shares.classes()}
        for n, c in enumerate(rows):
            if n % 2000 == 0:
                cancel.check()
                progress(n, len(rows), "")
            vals = c.plan.values
            code, idn = c.get("code", v.text), c.get("id_number", v.id_number)
            member = by_code.get(code) if code else by_idn.get(idn) if idn else None
            if member is None and c.plan.status != "rejected":
                c.error("code" if code else "id_number", _("账簿中没有这个成员", "The book has no such member"))
            name = c.get("name", v.name)
            if member and name and name != member["name"]:
                c.error("name", _("与账簿中该成员的名称“{n}”不符", "Does not match the member's name “{n}” in the book", n=member["name"]))
            vals["date"] = c.get("date", v.date, default_date)
            vals["note"] = c.get("note", v.text, "")
            units = {f[len(SHARE_PREFIX):]: q for f in wide if (q := c.get(f, v.qty)) is not None}
            cname = c.get("class", v.text)
            if cname:
                if cname not in classes:
                    c.error("class", _("没有股份类别“{c}”", "There is no share class “{c}”", c=cname))
                elif (q := c.get("units", v.qty)) is not None:
                    units[cname] = q
            vals["units"] = units
            c.plan.key = f"{member['code'] if member else code or idn}"
            vals["member_id"] = member["id"] if member else None
        duplicates(rows, "code", lambda c: (c.plan.key, c.plan.values.get("date"), tuple(sorted(c.plan.values.get("units", {})))))
        records: dict[tuple[str, str], dict[str, int]] = {}  # (member, class) → {date: units}: the book, then the file
        for m, cid, day, q in book.db.execute("SELECT member_id, class_id, effective, units_q FROM holdings"):
            records.setdefault((m, cid), {})[day] = q
        for c in sorted(rows, key=lambda c: c.plan.values.get("date") or ""):  # a later row sees the earlier ones
            vals = c.plan.values
            if c.plan.status == "rejected":
                continue
            for cn, q in vals["units"].items():
                history = records.setdefault((vals["member_id"], classes[cn]), {})
                old = history[max(d for d in history if d <= vals["date"])] if any(d <= vals["date"] for d in history) else 0
                if old != q:
                    c.plan.changes[SHARE_PREFIX + cn] = (format_qty(old), format_qty(q))
                    history[vals["date"]] = q
            fresh = all(old == "0" for old, _new in c.plan.changes.values())
            c.plan.status = "unchanged" if not c.plan.changes else "new" if fresh else "changed"

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        for n, r in enumerate(rows):
            if n % 1000 == 0:
                cancel.check()
                progress(n, len(rows), "")
            for cn, q in r.values["units"].items():
                if SHARE_PREFIX + cn in r.changes:
                    self.book.shares.set_holding(r.values["member_id"], cn, q, r.values["date"], note=r.values["note"])
