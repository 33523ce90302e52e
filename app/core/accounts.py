"""The chart of accounts: first-level accounts from the chart, sub-accounts added by the accountant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import BookError, ValidationError
from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.book import Book


class Accounts:
    def __init__(self, book: Book):
        self.book = book
        self._cache: dict[str, dict] | None = None  # code → row; the chart is small and read constantly

    def _all(self) -> dict[str, dict]:
        if self._cache is None:
            rows = self.book.db.query("SELECT * FROM accounts ORDER BY code")
            self._cache = {r["code"]: r for r in rows}
            self._by_id = {r["id"]: r for r in self._cache.values()}
            parents = {r["parent_id"] for r in self._cache.values() if r["parent_id"]}
            for r in self._cache.values():
                r["is_leaf"] = r["id"] not in parents
                r["level"] = _level(r, self._by_id)
        return self._cache

    def invalidate(self) -> None:
        self._cache = None

    def list(self) -> list[dict]:
        return list(self._all().values())

    def get(self, code_or_id: str) -> dict | None:
        accounts = self._all()
        return accounts.get(code_or_id) or self._by_id.get(code_or_id)

    def require(self, code_or_id: str) -> dict:
        acc = self.get(code_or_id)
        if acc is None:
            raise ValidationError(_("没有科目“{a}”。", "There is no account “{a}”.", a=code_or_id), field="account")
        return acc

    def by_id(self, account_id: str) -> dict:
        self._all()
        return self._by_id[account_id]

    def is_postable(self, account_id: str) -> bool:
        acc = self.by_id(account_id)
        return bool(acc["is_leaf"] and acc["active"])

    def children(self, code_or_id: str) -> list[dict]:
        acc = self.require(code_or_id)
        return [r for r in self._all().values() if r["parent_id"] == acc["id"]]

    def descendants_and_self(self, code_or_id: str) -> list[dict]:
        acc = self.require(code_or_id)
        return [r for r in self._all().values() if r["code"].startswith(acc["code"])]

    def search(self, text: str, limit: int = 30) -> list[dict]:
        """Postable accounts whose code starts with, or whose name contains, ``text``, or whose name's pinyin
        initials contain it (``yhck`` → 银行存款) (the voucher completer)."""
        from app.core import pinyin

        text = text.strip()
        hits = [
            r
            for r in self._all().values()
            if r["is_leaf"]
            and r["active"]
            and (
                r["code"].startswith(text)
                or text in r["name"]
                or text in self.full_name(r)
                or pinyin.matches(text, self.full_name(r))
            )
        ]
        return hits[:limit]

    def full_name(self, acc: dict) -> str:
        names = [acc["name"]]
        while acc["parent_id"]:
            acc = self.by_id(acc["parent_id"])
            names.append(acc["name"])
        return "-".join(reversed(names))

    def is_used(self, account_id: str) -> bool:
        return bool(self.book.db.execute("SELECT 1 FROM voucher_lines WHERE account_id = ? LIMIT 1", [account_id]).fetchone())

    # -- writes --------------------------------------------------------------------------------------------
    def load_chart(self) -> None:
        """Insert the chart's first-level accounts and its standard sub-accounts (inside the caller's transaction)."""
        book = self.book
        for a in book.chart.accounts:
            book.store.insert(
                "accounts",
                {
                    "code": a["code"],
                    "name": a["name"],
                    "class": a["class"],
                    "normal_side": a["normal_side"],
                    "note": a.get("note", ""),
                },
            )
        self.invalidate()
        for s in book.chart.sub_accounts:
            self._insert_sub(self.require(s["parent"]), s["name"], s["code"], None, None)

    def add_sub(
        self,
        parent: str,
        name: str,
        code: str | None = None,
        *,
        member: str | None = None,
        asset: str | None = None,
    ) -> str:
        """A sub-account (明细科目) under ``parent``: per bank, per party, per member under 113, per investor under 301."""
        book = self.book
        book.require_writable()
        self.book.require("edit")
        p = self.require(parent)
        name = name.strip()
        if not name:
            raise ValidationError(_("请填写科目名称。", "The account needs a name."), field="name")
        if p["is_leaf"] and self.is_used(p["id"]):
            raise BookError(
                _(
                    "科目 {c} 已有发生额，不能再增加下级科目。",
                    "Account {c} already has entries; it cannot get sub-accounts.",
                    c=p["code"],
                )
            )
        if any(c["name"] == name for c in self.children(p["id"])):
            raise ValidationError(
                _("{c} 下已有名为“{n}”的科目。", "{c} already has a sub-account named “{n}”.", c=p["code"], n=name), field="name"
            )
        member_id = book.members.resolve(member) if member else None
        asset_id = book.assets.resolve(asset) if asset else None
        with book.store.transaction():
            return self._insert_sub(p, name, code, member_id, asset_id)

    def _insert_sub(self, p: dict, name: str, code: str | None, member_id: str | None, asset_id: str | None) -> str:
        if code is None:
            used = [int(c["code"][len(p["code"]) :]) for c in self.children(p["id"])]
            nxt = max(used, default=0) + 1
            width = 2 if nxt < 100 else 3
            code = f"{p['code']}{nxt:0{width}d}"
        if not code.startswith(p["code"]) or len(code) <= len(p["code"]) or not code.isdigit():
            raise ValidationError(
                _("下级科目代码应以 {c} 开头再加数字。", "A sub-account code starts with {c} followed by digits.", c=p["code"]),
                field="code",
            )
        if self.get(code):
            raise ValidationError(_("科目代码 {c} 已存在。", "Account code {c} already exists.", c=code), field="code")
        aid = self.book.store.insert(
            "accounts",
            {
                "code": code,
                "name": name,
                "parent_id": p["id"],
                "class": p["class"],
                "normal_side": p["normal_side"],
                "member_id": member_id,
                "asset_id": asset_id,
            },
        )
        self.invalidate()
        return aid

    def rename(self, code: str, name: str) -> None:
        self.book.require("edit")
        acc = self.require(code)
        if not acc["parent_id"]:
            raise BookError(_("一级科目名称由会计制度规定，不能修改。", "First-level account names are set by the chart."))
        with self.book.store.transaction():
            self.book.store.update("accounts", acc["id"], {"name": name.strip()})
        self.invalidate()

    def set_active(self, code: str, active: bool) -> None:
        self.book.require("edit")
        acc = self.require(code)
        with self.book.store.transaction():
            self.book.store.update("accounts", acc["id"], {"active": int(active)})
        self.invalidate()

    def delete(self, code: str) -> None:
        """Only an unused sub-account without children can be deleted."""
        book = self.book
        book.require_writable()
        self.book.require("edit")
        acc = self.require(code)
        if not acc["parent_id"]:
            raise BookError(_("一级科目不能删除。", "First-level accounts cannot be deleted."))
        if not acc["is_leaf"]:
            raise BookError(_("科目 {c} 有下级科目，不能删除。", "Account {c} has sub-accounts; it cannot be deleted.", c=code))
        if self.is_used(acc["id"]):
            raise BookError(
                _("科目 {c} 已被凭证使用，不能删除，可以停用。", "Account {c} is used by vouchers; deactivate it instead.", c=code)
            )
        with book.store.transaction():
            book.store.delete("accounts", acc["id"])
        self.invalidate()

    def member_account(self, member: str, parent_role: str = "internal") -> str:
        """The sub-account of a member under 113 内部往来 (or another role), created on first use. Returns its code.

        Runs inside the caller's transaction when there is one.
        """
        book = self.book
        m = book.members.get(member)
        p = self.require(book.chart.roles[parent_role])
        for c in self.children(p["id"]):
            if c["member_id"] == m["id"]:
                return c["code"]
        with book.store.transaction():
            aid = self._insert_sub(p, f"{m['code']} {m['name']}", None, m["id"], None)
        return self.by_id(aid)["code"]


def _level(acc: dict, by_id: dict[str, dict]) -> int:
    level = 1
    while acc["parent_id"]:
        acc = by_id[acc["parent_id"]]
        level += 1
    return level
