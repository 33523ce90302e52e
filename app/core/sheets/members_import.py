"""Importing a roster (成员名册): members, their village or group, and their holdings from share-class columns."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.members import field_problems
from app.core.money import format_qty
from app.core.progress import CancelToken, Progress
from app.core.sheets import values as v
from app.core.sheets.headers import SHARE_PREFIX, Field
from app.core.sheets.importing import Cells, Importer, Preview, RowPlan, duplicates

FIELDS = [
    Field("code", "成员编号", "Member code", ("编号", "户号", "户编号", "户主编号", "成员编码", "户代码", "成员代码", "代码", "member code", "member no", "no")),
    Field("name", "姓名或名称", "Name", ("姓名", "名称", "户主姓名", "户主", "成员姓名", "成员名称", "单位名称", "household head"), required=True),
    Field("kind", "成员类别", "Kind", ("类别", "成员类型", "类型", "type")),
    Field("id_number", "证件号码", "ID number", ("身份证号", "身份证号码", "户主身份证号", "户主身份证号码", "身份证", "证件号",
                                              "统一社会信用代码", "信用代码", "id", "id no", "resident id")),
    Field("parent_code", "上级编号", "Parent code", ("上级代码", "所属组织编号", "parent")),
    Field("village", "所属村", "Village", ("村", "村名", "村集体", "行政村", "所属村集体")),
    Field("group", "所属组织", "Group", ("村民小组", "小组", "组别", "组", "所属小组", "所属村民小组", "上级组织", "上级名称")),
    Field("phone", "联系电话", "Phone", ("电话", "手机", "手机号", "手机号码", "联系方式", "电话号码")),
    Field("bank", "开户银行", "Bank", ("开户行", "银行", "开户银行名称")),
    Field("bank_account", "银行账号", "Bank account", ("账号", "银行卡号", "卡号", "存折号", "账户", "银行账户")),
    Field("household_size", "家庭人口", "Household size", ("家庭人口数", "人口数", "户内人口", "家庭人数", "人数", "户人口")),
    Field("joined", "加入日期", "Joined", ("入社日期", "入股日期", "登记日期", "joined on")),
    Field("left_on", "退出日期", "Left", ("left on",)),
    Field("note", "备注", "Note", ("说明", "remarks", "notes")),
]
KIND_WORDS = {
    "collective": ("集体", "集体组织", "村", "村集体", "村民小组", "小组", "组", "经济合作社", "股份经济合作社", "collective"),
    "household": ("农户", "户", "家庭", "household"),
    "person": ("个人", "成员", "自然人", "person"),
}
COMPARED = ("name", "kind", "id_number", "parent_id", "phone", "bank", "bank_account", "household_size", "joined",
            "left_on", "note")  # fmt: skip
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_GROUP = re.compile(r"第?([0-9零一二三四五六七八九十]+)(?:村民)?小?组")
CODE_PREFIX = {"collective": "G", "household": "H", "person": "P"}


def parse_kind(value: Any) -> str:
    word = v.text(value).lower()
    for kind, words in KIND_WORDS.items():
        if word in words or word == kind:
            return kind
    raise ValidationError(_("成员类别应为集体、农户或个人", "The kind is collective, household or person"))


def group_number(name: str) -> int | None:
    """第3村民小组, 3组, 三组 → 3."""
    m = _GROUP.fullmatch(name)
    if not m:
        return None
    s = m.group(1)
    if s.isdigit():
        return int(s)
    tens, _sep, ones = s.rpartition("十")
    if "十" not in s:
        return _CN_DIGITS.get(s) if len(s) == 1 else None
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def next_code(prefix: str, used: set[str]) -> str:
    width = 4 if prefix in ("H", "P") else 2
    top = max((int(c[len(prefix):]) for c in used if c.startswith(prefix) and c[len(prefix):].isdigit()), default=0)
    code = f"{prefix}{top + 1:0{width}d}"
    used.add(code)
    return code


class Parents:
    """The book's collectives (villages and groups) and the ones a roster names that the book lacks."""

    def __init__(self, collectives: list[dict]):
        self.rows = collectives
        self.new: dict[tuple[str, str], str] = {}  # (village name, group name) → label, in order

    def _match(self, name: str, parent_id: str | None | bool) -> list[dict]:
        pool = [r for r in self.rows if parent_id is False or r["parent_id"] == parent_id]
        hits = [r for r in pool if name in (r["code"], r["name"])]
        number = group_number(name)
        if not hits and number is not None:
            hits = [r for r in pool if group_number(r["name"]) == number]
        return hits

    def resolve(self, village: str, group: str) -> tuple[str | None, tuple[str, str] | None, str | None]:
        """(existing parent id, new parent key, problem) for a row's village and group names."""
        village_id: str | None | bool = False
        if village:
            hits = self._match(village, None) or self._match(village, False)
            if len(hits) > 1:
                return None, None, _("有多个名为“{n}”的组织", "More than one unit is named “{n}”", n=village)
            if not hits:
                return None, self._new(village, group), None
            village_id = hits[0]["id"]
            if not group:
                return village_id, None, None
        hits = self._match(group, village_id)
        if len(hits) > 1:
            return None, None, _("有多个名为“{n}”的组织，请在“所属村”列写明所属村", "More than one unit is named “{n}”; name its village", n=group)
        if hits:
            return hits[0]["id"], None, None
        return None, self._new(village, group), None

    def _new(self, village: str, group: str) -> tuple[str, str]:
        key = (village, group)
        if village and (village, "") not in self.new and not (self._match(village, None) or self._match(village, False)):
            self.new[village, ""] = village
        if group:
            self.new[key] = f"{village} / {group}" if village else group
        return key

    def add_from_file(self, rows: list[dict], by_code: dict[str, dict]) -> None:
        """Villages and groups that are themselves rows of the roster (ids "file:CODE" until they are created)."""
        for vals in rows:
            code = vals.get("code")
            if vals["kind"] != "collective" or not code or code in by_code:
                continue
            above = vals["parent_code"]
            parent_id = by_code[above]["id"] if above in by_code else f"file:{above}" if above else None
            self.rows.append({"id": f"file:{code}", "code": code, "name": vals["name"], "parent_id": parent_id})

    def default_village(self) -> str | None:
        """Where a new group goes when the roster names no village: the book's one village, if it has one."""
        tops = [r for r in self.rows if r["parent_id"] is None]
        return tops[0]["id"] if len(tops) == 1 else None


class MembersImporter(Importer):
    """A roster: members by code (or by ID number when the sheet has no codes), their village and group, holdings."""

    def fields(self) -> list[Field]:
        return FIELDS

    def share_classes(self) -> list[str]:
        return [c["name"] for c in self.book.shares.classes()]

    def default_kind(self, preview: Preview) -> str:
        """Without a kind column: households in a village's book or when the sheet gives household sizes, else
        collectives (the villages of a joint operation)."""
        households = self.book.settings.kind == "collective" or "household_size" in preview.mapping.values()
        return "household" if households else "collective"

    def default_date(self) -> str:
        """Holdings take effect on the book's first day while it has none, and today afterwards."""
        has = self.book.db.execute("SELECT 1 FROM holdings LIMIT 1").fetchone()
        return dt.date.today().isoformat() if has else f"{self.book.settings.start_period}-01"

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        book = self.book
        if not any(f in preview.mapping.values() for f in ("code", "id_number")):
            preview.notes.append(preview.problem(_("需要“成员编号”或“证件号码”列来识别成员", "A member code or ID number column is needed to identify members")))
        effective = preview.options.setdefault("date", self.default_date())
        members = list(book.db.query("SELECT * FROM members"))
        by_code = {m["code"]: m for m in members}
        by_idn = {m["id_number"]: m for m in members if m["id_number"]}
        parents = Parents([m for m in members if m["kind"] == "collective"])
        classes = {c["name"]: c["id"] for c in book.shares.classes()}
        held = book.shares.holdings_on(effective)
        share_fields = [f for f in preview.mapping.values() if f.startswith(SHARE_PREFIX)]
        default_kind = self.default_kind(preview)
        for n, c in enumerate(rows):
            if n % 2000 == 0:
                cancel.check()
                progress(n, len(rows), "")
            self._parse(c, default_kind, share_fields)
        duplicates(rows, "code", lambda c: c.plan.values.get("code"))
        duplicates(rows, "id_number", lambda c: c.plan.values.get("id_number"))
        parents.add_from_file([c.plan.values for c in rows if c.plan.status != "rejected"], by_code)
        for c in rows:
            vals = c.plan.values
            current = by_code.get(vals["code"]) if vals.get("code") else by_idn.get(vals.get("id_number"))
            c.plan.key = vals.get("code") or vals.get("id_number") or ""
            idn = vals.get("id_number")
            other = by_idn.get(idn) if idn else None
            if other and (current is None or other["id"] != current["id"]):
                c.error("id_number", _("证件号码已登记在成员 {c} {n} 名下", "This ID number is already registered for member {c} {n}",
                                       c=other["code"], n=other["name"]))
            self._place(c, parents)
            if c.plan.status != "rejected":
                self._compare(c, current, held, classes)
        preview.plan["parents"] = parents
        preview.new_parents = list(parents.new.values())

    def _parse(self, c: Cells, default_kind: str, share_fields: list[str]) -> None:
        vals = c.plan.values
        vals["kind"] = c.get("kind", parse_kind, default_kind)
        for f in ("code", "phone", "bank", "note"):
            vals[f] = c.get(f, v.text)
        vals["name"] = c.get("name", v.name)
        vals["id_number"] = c.get("id_number", v.id_number)
        vals["bank_account"] = c.get("bank_account", v.long_digits)
        vals["household_size"] = c.get("household_size", v.integer)
        for f in ("joined", "left_on"):
            vals[f] = c.get(f, v.date)
        vals["village"] = c.get("village", v.name, "")
        vals["group"] = c.get("group", v.name, "")
        vals["parent_code"] = c.get("parent_code", v.text, "")
        vals["holdings"] = {f[len(SHARE_PREFIX):]: q for f in share_fields if (q := c.get(f, v.qty)) is not None}
        if not c.has("code") and c.has("id_number") and not vals["id_number"] and c.plan.status != "rejected":
            c.error("id_number", _("没有成员编号时须填写证件号码", "Without a member code the ID number is required"))
        if c.has("code") and not vals["code"] and c.plan.status != "rejected":
            c.error("code", _("请填写成员编号", "The member code is required"))
        if c.plan.status == "rejected":
            return
        checked = {k: vals[k] for k in ("name", "kind", "id_number", "phone", "bank_account", "household_size", "joined", "left_on")}
        for f, message in field_problems(checked):
            c.error(f if c.has(f) else None, message)

    def _place(self, c: Cells, parents: Parents) -> None:
        vals = c.plan.values
        vals["parent_id"], vals["new_parent"] = None, None
        if vals["parent_code"]:
            hit = [r for r in parents.rows if r["code"] == vals["parent_code"]]
            if not hit:
                c.error("parent_code", _("没有编号为“{p}”的村或村民小组", "There is no village or group with code “{p}”", p=vals["parent_code"]))
            else:
                vals["parent_id"] = hit[0]["id"]
        elif vals["village"] or vals["group"]:
            if vals["kind"] == "collective" and vals["name"] in (vals["group"], vals["village"]):
                return  # a village or group listed as a member names itself
            parent_id, new_key, problem = parents.resolve(vals["village"], vals["group"])
            if problem:
                c.error("group" if vals["group"] else "village", problem)
            vals["parent_id"], vals["new_parent"] = parent_id, new_key

    def _compare(self, c: Cells, current: dict | None, held: dict, classes: dict[str, str]) -> None:
        vals = c.plan.values
        if current is None:
            c.plan.status = "new"
            return
        vals["member_id"] = current["id"]
        for f in COMPARED:
            new = vals.get(f)
            if new is None or f == "kind" and not c.has("kind"):
                continue
            if f == "parent_id" and vals["new_parent"]:
                c.plan.changes[f] = (current[f], "+")
            elif new != current[f]:
                c.plan.changes[f] = (current[f], new)
        mine = held.get(current["id"], {})
        for cname, q in vals["holdings"].items():
            old = mine.get(classes[cname], 0)
            if old != q:
                c.plan.changes[SHARE_PREFIX + cname] = (format_qty(old), format_qty(q))
        c.plan.status = "changed" if c.plan.changes else "unchanged"

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        book = self.book
        parents: Parents = preview.plan["parents"]
        used = {r[0] for r in book.db.execute("SELECT code FROM members")}
        created: dict[tuple[str, str], str] = {}
        wanted = {r.values["new_parent"] for r in rows if r.values.get("new_parent")}
        for key in list(parents.new):
            if key[1] and key not in wanted:
                continue
            village, group = key
            if group:
                above = created.get((village, "")) if village else parents.default_village()
                if village and above is None:
                    above = parents.resolve(village, "")[0]
                created[key] = book.members.add(code=next_code("G", used), name=group, kind="collective", parent=above)
            elif any(k[0] == village for k in wanted):
                created[key] = book.members.add(code=next_code("V", used), name=village, kind="collective")
        effective = preview.options["date"]
        store = book.store
        classes = {c["name"]: c["id"] for c in book.shares.classes()}
        ids: dict[str, str] = {}  # "file:CODE" → the id of the member created from that row
        for n, r in enumerate(sorted(rows, key=_depth)):
            if n % 1000 == 0:
                cancel.check()
                progress(n, len(rows), "")
            vals = r.values
            parent = created.get(vals["new_parent"]) if vals.get("new_parent") else vals.get("parent_id")
            parent = ids.get(parent, parent) if parent else None
            fields = {f: vals[f] for f in COMPARED if f != "parent_id" and vals.get(f) is not None}
            fields.setdefault("note", "")
            if r.status == "new":
                # checked in full above (field_problems, codes, ID numbers, parents): written in bulk, as Members.add would
                code = vals.get("code") or next_code(CODE_PREFIX[vals["kind"]], used)
                member_id = ids[f"file:{code}"] = store.insert("members", {"code": code, "parent_id": parent, **fields})
                for cname, q in vals["holdings"].items():
                    if q:
                        store.insert("holdings", {"member_id": member_id, "class_id": classes[cname], "effective": effective,
                                                  "units_q": q, "note": ""})
                continue
            member_id = vals["member_id"]
            update = {f: vals[f] for f in r.changes if f in fields}
            if "parent_id" in r.changes:
                update["parent_id"] = parent
            if update:
                book.members.update(member_id, **update)
            for cname, q in vals["holdings"].items():
                if SHARE_PREFIX + cname in r.changes:
                    book.shares.set_holding(member_id, cname, q, effective)


def _depth(r: RowPlan) -> tuple[int, int]:
    """Collectives before the members they hold, a village before its groups; otherwise the sheet's order."""
    if r.values["kind"] != "collective":
        return 1, 0
    return 0, 0 if not r.values["parent_code"] else 1
