"""Members: collective organizations (villages, village groups), households and persons."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.ids import id_number_problem, normalize, resident_id_problem
from app.core.ops import Op
from app.core.periods import parse_date

if TYPE_CHECKING:
    from app.core.book import Book

KINDS = ("collective", "household", "person")
FIELDS = (
    "code",
    "name",
    "kind",
    "id_number",
    "parent_id",
    "phone",
    "bank",
    "bank_account",
    "household_size",
    "joined",
    "left_on",
    "note",
)


def kind_label(kind: str) -> str:
    return {
        "collective": _("集体组织", "collective"),
        "household": _("农户", "household"),
        "person": _("个人", "person"),
    }[kind]


def clean_text(value: Any) -> str:
    """Trim spaces, including the ideographic space people type inside names."""
    return re.sub(r"[\s\u3000]+", " ", str(value or "")).strip()


def field_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """Problems with a member's fields, as (field, message): used by the edit dialog as the user types, the
    importer for each row, and ``Members.add``/``update`` before writing."""
    problems: list[tuple[str, str]] = []
    if "code" in values and not clean_text(values["code"]):
        problems.append(("code", _("请填写成员编号。", "The member code is required.")))
    if "name" in values and not clean_text(values["name"]):
        problems.append(("name", _("请填写姓名或名称。", "The name is required.")))
    kind = values.get("kind")
    if "kind" in values and kind not in KINDS:
        problems.append(("kind", _("成员类别应为集体组织、农户或个人。", "The kind is collective, household or person.")))
    idn = values.get("id_number")
    if idn:
        idn = normalize(idn)
        msg = resident_id_problem(idn) if kind in ("household", "person") else id_number_problem(idn)
        if msg:
            problems.append(("id_number", msg))
    phone = values.get("phone")
    if phone and not re.fullmatch(r"[\d\-+() ]{5,20}", str(phone)):
        problems.append(("phone", _("电话号码只能包含数字和 - + ( )。", "A phone number holds digits and - + ( ) only.")))
    account = values.get("bank_account")
    if account and not re.fullmatch(r"[\d ]{6,32}", str(account)):
        problems.append(("bank_account", _("银行账号应为6到32位数字。", "A bank account number is 6 to 32 digits.")))
    size = values.get("household_size")
    if size not in (None, ""):
        if kind not in (None, "household"):
            problems.append(("household_size", _("只有农户有家庭人口数。", "Only households have a household size.")))
        elif not isinstance(size, int) or size < 0:
            problems.append(("household_size", _("家庭人口数应为非负整数。", "The household size is a whole number ≥ 0.")))
    dates = {}
    for f in ("joined", "left_on"):
        if values.get(f):
            try:
                dates[f] = parse_date(values[f], f)
            except ValidationError as e:
                problems.append((f, str(e)))
    if "joined" in dates and "left_on" in dates and dates["left_on"] < dates["joined"]:
        problems.append(("left_on", _("退出日期早于加入日期。", "The leaving date is before the joining date.")))
    return problems


class Members:
    def __init__(self, book: Book):
        self.book = book

    # -- reads ---------------------------------------------------------------------------------------------
    # Reads hand out ID numbers, phones and bank accounts masked to a user who may not see them, so that every
    # export, CLI command and dialog shows what that user may see without each caller remembering.
    def get(self, code_or_id: str) -> dict:
        rows = list(self.book.db.query("SELECT * FROM members WHERE id = ? OR code = ?", [code_or_id, code_or_id]))
        if not rows:
            raise ValidationError(_("没有成员“{m}”。", "There is no member “{m}”.", m=code_or_id), field="member")
        return self.book.users.mask(rows[0])

    def resolve(self, code_or_id: str) -> str:
        return self.get(code_or_id)["id"]

    def find(self, code: str) -> dict | None:
        rows = list(self.book.db.query("SELECT * FROM members WHERE code = ?", [code]))
        return self.book.users.mask(rows[0]) if rows else None

    def _where(self, text: str | None, kind: str | None, include_left: bool) -> tuple[str, list]:
        clauses, params = [], []
        if text:
            like = f"%{text.strip()}%"
            clauses.append(
                "(m.name LIKE ? OR m.code LIKE ? OR m.id_number LIKE ? OR p.name LIKE ? OR p.code LIKE ?)"
            )
            params += [like] * 5
        if kind:
            clauses.append("m.kind = ?")
            params.append(kind)
        if not include_left:
            clauses.append("m.left_on IS NULL")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, text: str | None = None, kind: str | None = None, include_left: bool = True) -> int:
        where, params = self._where(text, kind, include_left)
        return self.book.db.execute(
            f"SELECT count(*) FROM members m LEFT JOIN members p ON p.id = m.parent_id{where}", params
        ).fetchone()[0]

    def list(
        self,
        text: str | None = None,
        kind: str | None = None,
        include_left: bool = True,
        order: str = "code",
        descending: bool = False,
        offset: int = 0,
        limit: int = 1_000_000,
    ) -> list[dict]:
        """Members with their parent's code and name, filtered by text in name, code, ID number or group."""
        if order not in FIELDS and order != "parent_name":
            order = "code"
        where, params = self._where(text, kind, include_left)
        col = "p.name" if order == "parent_name" else f"m.{order}"
        rows = self.book.db.query(
            "SELECT m.*, p.code AS parent_code, p.name AS parent_name"
            f" FROM members m LEFT JOIN members p ON p.id = m.parent_id{where}"
            f" ORDER BY {col} {'DESC' if descending else 'ASC'}, m.code LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if self.book.can_see_personal_data:
            return list(rows)
        return [self.book.users.mask(r) for r in rows]

    def history(self, member: str) -> list[dict]:
        """Every recorded change of the member and of its holdings, oldest first."""
        mid = self.resolve(member)
        return list(
            self.book.db.query(
                "SELECT seq, tbl, row_id, op, data, old, user, at FROM changes WHERE (tbl = 'members' AND row_id = ?)"
                " OR (tbl = 'holdings' AND row_id IN (SELECT id FROM holdings WHERE member_id = ?)) ORDER BY seq",
                [mid, mid],
            )
        )

    # -- writes --------------------------------------------------------------------------------------------
    def _prepare(self, values: dict[str, Any], current: dict | None) -> dict[str, Any]:
        """Normalize and validate; raise the first problem (the importer collects them all instead)."""
        row = dict(values)
        for f in ("code", "name", "phone", "bank", "note"):
            if f in row and row[f] is not None:
                row[f] = clean_text(row[f])
        if row.get("bank_account"):
            row["bank_account"] = re.sub(r"\s", "", str(row["bank_account"]))
        if row.get("id_number"):
            row["id_number"] = normalize(row["id_number"])
        for f in ("id_number", "phone", "bank", "bank_account", "joined", "left_on", "parent_id"):
            if f in row and row[f] == "":
                row[f] = None
        for f in ("joined", "left_on"):
            if row.get(f):
                row[f] = parse_date(row[f], f).isoformat()
        if "parent" in row:
            parent = row.pop("parent")
            row["parent_id"] = self.resolve(parent) if parent else None
        merged = {**(current or {}), **row}
        problems = field_problems(merged)
        if problems:
            field, message = problems[0]
            raise ValidationError(message, field=field)
        unknown = set(row) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown member fields: {sorted(unknown)}")
        code = merged["code"]
        clash = self.find(code)
        if clash and (current is None or clash["id"] != current["id"]):
            raise ValidationError(_("成员编号 {c} 已被“{n}”使用。", "Member code {c} is already used by “{n}”.", c=code, n=clash["name"]), field="code")
        if merged.get("id_number"):
            dup = self.book.db.execute(
                "SELECT code, name FROM members WHERE id_number = ? AND id != ?",
                [merged["id_number"], (current or {}).get("id", "")],
            ).fetchone()
            if dup:
                raise ValidationError(
                    _("证件号码已登记在成员 {c} {n} 名下。", "This ID number is already registered for member {c} {n}.", c=dup[0], n=dup[1]),
                    field="id_number",
                )
        parent_id = merged.get("parent_id")
        if parent_id:
            parent = self.get(parent_id)
            if parent["kind"] == "person" or (merged["kind"] != "person" and parent["kind"] != "collective"):
                raise ValidationError(
                    _("“{p}”不能作为上级：农户和集体组织的上级应是村或村民小组。",
                      "“{p}” cannot be the parent: households and collectives belong to a village or village group.",
                      p=parent["name"]),
                    field="parent",
                )
            ancestor: str | None = parent_id
            while ancestor:
                if current and ancestor == current["id"]:
                    raise ValidationError(_("上级关系不能形成循环。", "The parent chain cannot loop."), field="parent")
                ancestor = self.get(ancestor)["parent_id"]
        return row

    def add(self, **values: Any) -> str:
        """Add a member: code, name, kind and optionally id_number, parent (code), phone, bank, bank_account,
        household_size, joined, note. Returns the new id."""
        book = self.book
        book.require_writable()
        self.book.check(Op.EDIT_MEMBER)
        values.setdefault("kind", "person")
        row = self._prepare(values, None)
        with book.transact(Op.EDIT_MEMBER):
            return book.store.insert("members", row)

    def update(self, member: str, **values: Any) -> dict:
        """Change fields; returns the previous values of those that changed."""
        book = self.book
        book.require_writable()
        self.book.check(Op.EDIT_MEMBER)
        current = self.get(member)
        row = self._prepare(values, current)
        with book.transact(Op.EDIT_MEMBER):
            return book.store.update("members", current["id"], row)

    def mark_left(self, member: str, date: str) -> None:
        """退出: the member stays in the book with its history; holdings from that date are zero."""
        book = self.book
        current = self.get(member)
        if current["left_on"]:
            raise BookError(_("成员 {c} 已于 {d} 退出。", "Member {c} already left on {d}.", c=current["code"], d=current["left_on"]))
        d = parse_date(date).isoformat()
        with book.transact(Op.EDIT_MEMBER):
            self.update(current["id"], left_on=d)
            for h in book.shares.member_holdings(current["id"], d):
                if h["units_q"]:
                    book.shares.set_holding(current["id"], h["class_id"], 0, d, note=_("退出", "left"))
