"""The chart of accounts: first-level accounts from the chart, sub-accounts added by the accountant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.ops import Op

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
        """The account and everything below it, found through the parents (never by code prefix)."""
        acc = self.require(code_or_id)
        out, todo = [], [acc]
        while todo:
            a = todo.pop()
            out.append(a)
            todo.extend(self.children(a["id"]))
        return sorted(out, key=lambda r: r["code"])

    def emptied_by_year_close(self) -> list[dict]:
        """The accounts the year close brings to zero: income, expenses, 本年收益 and 各项分配 (not 未分配收益)."""
        roles = self.book.chart.roles
        keep = {a["id"] for a in self.descendants_and_self(roles["undistributed"])}
        chosen = [a for a in self.list() if a["class"] in ("income", "expense")]
        chosen += self.descendants_and_self(roles["current_income"])
        chosen += [a for a in self.descendants_and_self(roles["distribution"]) if a["id"] not in keep]
        return chosen

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

    def add_optional(self, code: str) -> str:
        """A first-level account the chart's notes allow (2004: 161, 171, 241)."""
        book = self.book
        book.require_writable()
        book.check(Op.ADD_ACCOUNT)
        spec = next((a for a in book.chart.optional_accounts if a["code"] == code), None)
        if spec is None:
            raise ValidationError(
                _("会计制度没有可增设的科目 {c}。", "The chart does not allow adding account {c}.", c=code),
                field="code",
                code="account.not_optional",
            )
        if self.get(code):
            raise ValidationError(_("科目代码 {c} 已存在。", "Account code {c} already exists.", c=code), field="code")
        with book.transact(Op.ADD_ACCOUNT):
            aid = book.store.insert(
                "accounts",
                {"code": code, "name": spec["name"], "class": spec["class"], "normal_side": spec["normal_side"], "note": ""},
            )
        self.invalidate()
        return aid

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
        self.book.check(Op.ADD_ACCOUNT)
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
        with book.transact(Op.ADD_ACCOUNT):
            return self._insert_sub(p, name, code, member_id, asset_id)

    def _insert_sub(self, p: dict, name: str, code: str | None, member_id: str | None, asset_id: str | None) -> str:
        siblings = self.children(p["id"])
        width = child_width(p["code"], siblings)
        if code is None:
            nxt = max((int(c["code"][len(p["code"]) :]) for c in siblings), default=0) + 1
            if width is None:
                width = 2
            if nxt >= 10**width:  # the parent outgrows its code width: every child is recoded one digit wider
                width += 1
                self._widen(p, width)
            code = f"{p['code']}{nxt:0{width}d}"
        if not code.startswith(p["code"]) or len(code) <= len(p["code"]) or not code.isdigit():
            raise ValidationError(
                _("下级科目代码应以 {c} 开头再加数字。", "A sub-account code starts with {c} followed by digits.", c=p["code"]),
                field="code",
                code="account.code_prefix",
            )
        if width is not None and len(code) - len(p["code"]) != width:
            raise ValidationError(
                _(
                    "{c} 的下级科目代码都是 {c} 后加 {w} 位数字。",
                    "The sub-accounts of {c} are coded {c} followed by {w} digits.",
                    c=p["code"],
                    w=width,
                ),
                field="code",
                code="account.code_width",
            )
        clash = next((a for a in self.list() if a["code"].startswith(code) or code.startswith(a["code"])), None)
        if clash and clash["id"] != p["id"] and not self._is_ancestor(clash, p):
            raise ValidationError(
                _("科目代码 {c} 与 {o} 冲突。", "Account code {c} collides with {o}.", c=code, o=clash["code"]),
                field="code",
                code="account.code_collision",
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

    def _is_ancestor(self, candidate: dict, acc: dict) -> bool:
        while acc["parent_id"]:
            acc = self.by_id(acc["parent_id"])
            if acc["id"] == candidate["id"]:
                return True
        return False

    def _widen(self, parent: dict, width: int) -> None:
        """Recode every child of ``parent`` (and everything below it) to ``width`` digits, through logged updates."""
        plen = len(parent["code"])
        for child in self.children(parent["id"]):
            old = child["code"]
            new = f"{parent['code']}{int(old[plen:]):0{width}d}"
            for a in self.descendants_and_self(child["id"]):
                self.book.store.update("accounts", a["id"], {"code": new + a["code"][len(old) :]})
        self.invalidate()

    def rename(self, code: str, name: str) -> None:
        self.book.check(Op.EDIT_ACCOUNT)
        acc = self.require(code)
        if name.strip() == acc["name"]:
            return
        if acc["code"] in self.standard_names():
            raise BookError(
                _("科目 {c} 的名称由会计制度规定，不能修改。", "The name of account {c} is set by the chart.", c=acc["code"]),
                code="account.standard_name",
            )
        with self.book.transact(Op.EDIT_ACCOUNT):
            self.book.store.update("accounts", acc["id"], {"name": name.strip()})
        self.invalidate()

    def standard_names(self) -> dict[str, str]:
        """Code → name of the accounts the chart prescribes (first-level and standard second-level)."""
        chart = self.book.chart
        return {a["code"]: a["name"] for a in [*chart.accounts, *chart.sub_accounts, *chart.optional_accounts]}

    def set_active(self, code: str, active: bool) -> None:
        self.book.check(Op.EDIT_ACCOUNT)
        acc = self.require(code)
        if not active:
            ids = [a["id"] for a in self.descendants_and_self(acc["id"])]
            marks = ",".join("?" * len(ids))
            balance, drafts = self.book.db.execute(
                "SELECT coalesce(sum(CASE WHEN v.status = 'posted' THEN l.debit_fen - l.credit_fen END), 0),"
                " count(CASE WHEN v.status != 'posted' THEN 1 END)"
                f" FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE l.account_id IN ({marks})",
                ids,
            ).fetchone()
            if balance or drafts:
                raise BookError(
                    _(
                        "科目 {c} 还有余额或未记账的分录，不能停用。",
                        "Account {c} still has a balance or unposted lines; it cannot be deactivated.",
                        c=acc["code"],
                    ),
                    code="account.in_use",
                )
        with self.book.transact(Op.EDIT_ACCOUNT):
            self.book.store.update("accounts", acc["id"], {"active": int(active)})
        self.invalidate()

    def delete(self, code: str) -> None:
        """Only an unused sub-account without children can be deleted."""
        book = self.book
        book.require_writable()
        self.book.check(Op.EDIT_ACCOUNT)
        acc = self.require(code)
        if not acc["parent_id"]:
            raise BookError(_("一级科目不能删除。", "First-level accounts cannot be deleted."))
        if not acc["is_leaf"]:
            raise BookError(_("科目 {c} 有下级科目，不能删除。", "Account {c} has sub-accounts; it cannot be deleted.", c=code))
        if self.is_used(acc["id"]):
            raise BookError(
                _("科目 {c} 已被凭证使用，不能删除，可以停用。", "Account {c} is used by vouchers; deactivate it instead.", c=code)
            )
        with book.transact(Op.EDIT_ACCOUNT):
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
        with book.transact(Op.ADD_ACCOUNT):
            aid = self._insert_sub(p, f"{m['code']} {m['name']}", None, m["id"], None)
        return self.by_id(aid)["code"]


def _level(acc: dict, by_id: dict[str, dict]) -> int:
    level = 1
    while acc["parent_id"]:
        acc = by_id[acc["parent_id"]]
        level += 1
    return level


def child_width(parent_code: str, children: list[dict]) -> int | None:
    """The code width of a parent's children (None before its first child)."""
    widths = {len(c["code"]) - len(parent_code) for c in children}
    return max(widths) if widths else None
