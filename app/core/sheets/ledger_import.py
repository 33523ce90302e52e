"""Importing the ledger: sub-accounts (明细科目), opening balances (期初余额) and vouchers (journal lines).

Account rules, voucher rules and the opening voucher are the core's: the importer looks accounts up through
``book.accounts``, checks each voucher with the same line resolution ``Vouchers.create`` uses, and writes through
``add_sub``, ``Vouchers.create`` and ``set_opening_balances``.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.money import format_fen
from app.core.periods import period_of
from app.core.progress import CancelToken, Progress
from app.core.sheets import values as v
from app.core.sheets.headers import Field
from app.core.sheets.importing import Cells, Importer, Preview, RowPlan, duplicates
from app.core.vouchers import LineInput

ACCOUNT = Field("account", "科目编码", "Account code", ("科目代码", "科目编号", "科目号", "会计科目编码", "account", "account code"), required=True)
ACCOUNT_NAME = Field("account_name", "科目名称", "Account name", ("会计科目", "科目", "account name"))
MEMBER = Field("member", "成员编号", "Member code", ("往来单位编号", "成员代码", "户号", "member"))


@lru_cache(maxsize=4096)
def _account_code(value: Any) -> str:
    code = v.text(value).split(" ")[0]
    if not code.isdigit():
        raise ValidationError(_("科目编码应为数字", "An account code is digits"))
    return code


class AccountsImporter(Importer):
    """Sub-accounts by code; the parent is the longest code that is a prefix, in the book or in the file."""

    def fields(self) -> list[Field]:
        return [ACCOUNT, Field("name", "科目名称", "Account name", ("名称", "明细科目名称", "name"), required=True),
                Field("parent", "上级科目编码", "Parent code", ("上级科目", "上级编码", "parent")), MEMBER]

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        accounts = self.book.accounts
        members = {r[0]: r[1] for r in self.book.db.execute("SELECT code, id FROM members")}
        for c in rows:
            vals = c.plan.values
            vals["code"], vals["name"] = c.get("account", _account_code), c.get("name", v.text)
            c.plan.key = vals["code"] or ""
            vals["member"] = c.get("member", v.text)
            if vals["member"] and vals["member"] not in members:
                c.error("member", _("账簿中没有这个成员", "The book has no such member"))
        duplicates(rows, "account", lambda c: c.plan.values.get("code"))
        in_file = {c.plan.values["code"]: c for c in rows if c.plan.values.get("code")}
        for c in sorted(rows, key=lambda c: c.plan.values.get("code") or ""):
            vals = c.plan.values
            code = vals["code"]
            if c.plan.status == "rejected":
                continue
            if not code:
                c.error("account", _("请填写科目编码", "The account code is required"))
                continue
            if not vals["name"]:
                c.error("name", _("请填写科目名称", "The account name is required"))
                continue
            current = accounts.get(code)
            if current is not None:
                if current["name"] == vals["name"]:
                    c.plan.status = "unchanged"
                elif not current["parent_id"]:
                    c.error("name", _("一级科目名称由会计制度规定：{n}", "First-level account names are set by the chart: {n}", n=current["name"]))
                else:
                    c.plan.status, c.plan.changes = "changed", {"name": (current["name"], vals["name"])}
                continue
            parent = c.get("parent", _account_code) or next(
                (code[:i] for i in range(len(code) - 1, 2, -1) if accounts.get(code[:i]) or code[:i] in in_file), None)
            vals["parent"] = parent
            if parent is None or not (accounts.get(parent) or parent in in_file):
                c.error("account", _("找不到上级科目（一级科目由会计制度规定）", "No parent account found (first-level accounts come from the chart)"))
            elif parent in in_file and in_file[parent].plan.status == "rejected":
                c.error("account", _("上级科目 {p} 有问题", "The parent account {p} has problems", p=parent))
            elif accounts.get(parent) and accounts.get(parent)["is_leaf"] and accounts.is_used(accounts.get(parent)["id"]):
                c.error("account", _("科目 {c} 已有发生额，不能再增加下级科目", "Account {c} already has entries; it cannot get sub-accounts", c=parent))
            elif not code.startswith(parent) or len(code) <= len(parent):
                c.error("account", _("下级科目代码应以 {c} 开头再加数字", "A sub-account code starts with {c} followed by digits", c=parent))

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        accounts = self.book.accounts
        for r in sorted(rows, key=lambda r: r.values["code"]):
            if r.status == "new":
                accounts.add_sub(r.values["parent"], r.values["name"], r.values["code"], member=r.values["member"])
            else:
                accounts.rename(r.values["code"], r.values["name"])


class OpeningImporter(Importer):
    """A trial balance of opening balances; rows of accounts that have sub-accounts must equal their sub-accounts."""

    def fields(self) -> list[Field]:
        return [ACCOUNT, ACCOUNT_NAME,
                Field("debit", "期初借方余额", "Opening debit", ("借方余额", "年初借方余额", "期初借方", "借方", "debit")),
                Field("credit", "期初贷方余额", "Opening credit", ("贷方余额", "年初贷方余额", "期初贷方", "贷方", "credit")),
                Field("balance", "期初余额", "Opening balance", ("年初余额", "余额", "年初数", "期初数", "balance")),
                Field("side", "方向", "Side", ("余额方向", "借贷方向", "借或贷", "side"))]

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        book = self.book
        mapped = set(preview.mapping.values())
        if not ({"debit", "credit"} & mapped or "balance" in mapped):
            preview.notes.append(preview.problem(_("需要“期初借方余额”“期初贷方余额”列或“期初余额”列", "Opening debit and credit columns, or a balance column, are needed")))
            return
        if book.periods.last_closed():
            preview.notes.append(preview.problem(_("已有月份结账，不能再改期初余额", "A month is closed; opening balances can no longer change")))
            return
        current: dict[str, int] = defaultdict(int)
        for code, amount in book.db.execute(
            "SELECT a.code, l.debit_fen - l.credit_fen FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id"
            " JOIN accounts a ON a.id = l.account_id WHERE v.kind = 'opening'"
        ):
            current[code] += amount
        leaves: dict[str, int] = {}
        parents: list[Cells] = []
        for c in rows:
            vals = c.plan.values
            code = c.get("account", _account_code)
            c.plan.key = code or ""
            acc = book.accounts.get(code) if code else None
            if code and acc is None:
                c.error("account", _("没有这个科目", "There is no such account"))
            balance = (c.get("debit", v.money, 0) or 0) - (c.get("credit", v.money, 0) or 0) + (c.get("balance", v.money, 0) or 0)
            side = c.get("side", v.text)
            if side and side[0] in "贷Cc":
                balance = -balance
            vals["balance"] = balance
            if c.plan.status == "rejected" or acc is None:
                continue
            if not acc["is_leaf"]:
                parents.append(c)
            elif not book.accounts.is_postable(acc["id"]):
                c.error("account", _("科目已停用", "The account is inactive"))
            else:
                leaves[code] = balance
                old = current.get(code, 0)
                c.plan.status = "unchanged" if old == balance else "changed" if old else "new"
                if old != balance:
                    c.plan.changes = {"balance": (format_fen(old), format_fen(balance))}
        duplicates(rows, "account", lambda c: c.plan.key)
        for c in parents:  # a first-level row of a trial balance: a check, not a value
            code = c.plan.key
            total = sum(b for k, b in leaves.items() if k.startswith(code))
            if total != c.plan.values["balance"]:
                c.error("account", _("与其下级科目合计 {t} 不符", "Differs from the total {t} of its sub-accounts", t=format_fen(total)))
            else:
                c.plan.status = "unchanged"
        gone = [k for k, b in current.items() if b and k not in leaves]
        if gone:
            preview.notes.append(preview.problem(_("这些科目的期初余额将清零：{a}", "These accounts' opening balances become zero: {a}", a="、".join(gone)), severity="warning"))
        preview.plan["balances"] = leaves
        preview.plan["changes"] = bool(gone) or any(c.plan.status in ("new", "changed") for c in rows)
        total = sum(leaves.values())
        if total and not any(c.plan.status == "rejected" for c in rows):
            preview.notes.append(preview.problem(_("期初余额借贷不平：差额 {x}", "Opening debits and credits differ by {x}", x=format_fen(total))))

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        if any(r.status == "rejected" for r in preview.rows):
            raise BookError(_("期初余额须全部有效才能导入。", "Opening balances are imported only when every row is valid."))
        if preview.plan["changes"]:
            self.book.vouchers.set_opening_balances(preview.plan["balances"])


class VouchersImporter(Importer):
    """Journal lines grouped into vouchers by date and voucher number; each voucher must balance. Vouchers are
    saved as drafts, to be reviewed and posted as usual. A voucher the book already has (same date, same lines)
    is unchanged."""

    def fields(self) -> list[Field]:
        return [Field("date", "日期", "Date", ("凭证日期", "制单日期", "记账日期", "业务日期", "date"), required=True),
                Field("number", "凭证号", "Voucher no", ("凭证编号", "凭证字号", "凭证号码", "编号", "number", "voucher"), required=True),
                Field("summary", "摘要", "Summary", ("摘要说明", "summary", "description")),
                ACCOUNT, ACCOUNT_NAME,
                Field("debit", "借方金额", "Debit", ("借方", "借方发生额", "debit")),
                Field("credit", "贷方金额", "Credit", ("贷方", "贷方发生额", "credit")),
                MEMBER,
                Field("attachments", "附件数", "Attachments", ("附单据数", "附件", "单据张数", "attachments"))]

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        book = self.book
        accounts = book.accounts
        members = {r[0] for r in book.db.execute("SELECT code FROM members")}
        closed = book.periods.closed()
        groups: dict[tuple[str, str], list[Cells]] = defaultdict(list)
        for n, c in enumerate(rows):
            if n % 5000 == 0:
                cancel.check()
                progress(n, len(rows) * 2, "")
            vals = c.plan.values
            date, number = c.get("date", v.date), c.get("number", v.text)
            code = c.get("account", _account_code)
            acc = accounts.get(code) if code else None
            if code and acc is None:
                c.error("account", _("没有这个科目", "There is no such account"))
            elif acc and not accounts.is_postable(acc["id"]):
                c.error("account", _("科目 {c} {n} 有下级科目或已停用，请用末级科目", "Account {c} {n} has sub-accounts or is inactive; use a leaf account",
                                     c=acc["code"], n=acc["name"]))
            name = c.get("account_name", v.text)
            if acc and name and name != acc["name"] and name != accounts.full_name(acc):
                c.error("account_name", _("与科目 {c} 的名称“{n}”不符", "Does not match the name “{n}” of account {c}", c=acc["code"], n=acc["name"]))
            member = c.get("member", v.text)
            if member and member not in members:
                c.error("member", _("账簿中没有这个成员", "The book has no such member"))
            debit, credit = c.get("debit", v.money, 0), c.get("credit", v.money, 0)
            if date and period_of(date) in closed:
                c.error("date", _("{p} 已结账", "{p} is closed", p=period_of(date)))
            vals.update(date=date, number=number, attachments=c.get("attachments", v.integer, 0))
            vals["line"] = LineInput(code or "", c.get("summary", v.text, ""), debit_fen=debit or 0, credit_fen=credit or 0, member=member)
            if date and number:
                groups[date, number].append(c)
        existing = self._existing()
        plan = []
        for n, ((date, number), cells) in enumerate(groups.items()):
            if n % 2000 == 0:
                cancel.check()
                progress(len(rows) + n, len(rows) + len(groups), "")
            for c in cells:
                c.plan.key = f"{date} {number}"
            if any(c.plan.status == "rejected" for c in cells):
                for c in cells:
                    if c.plan.status != "rejected":
                        c.error(None, _("同一凭证的其他行有问题", "Another line of this voucher has problems"))
                continue
            lines = [c.plan.values["line"] for c in cells]
            try:
                resolved = book.vouchers._resolve_lines(lines)  # the rules Vouchers.create applies: one side, balance, summary
            except ValidationError as e:
                for c in cells:
                    c.error(None, _("凭证 {d} {n}：{e}", "Voucher {d} {n}: {e}", d=date, n=number, e=e), value="")
                continue
            key = (date, tuple((ln.account, r["debit_fen"], r["credit_fen"], r["summary"]) for ln, r in zip(lines, resolved, strict=True)))
            status = "unchanged" if key in existing else "new"
            for c in cells:
                c.plan.status = status
            if status == "new":
                plan.append((date, cells, resolved))
        preview.plan["vouchers"] = plan

    def _existing(self) -> set[tuple]:
        """(date, lines) of every voucher in the book, lines as stored (a blank summary repeats the one above)."""
        by_voucher: dict[str, list] = defaultdict(list)
        dates: dict[str, str] = {}
        for vid, date, code, d, c, s in self.book.db.execute(
            "SELECT v.id, v.date, a.code, l.debit_fen, l.credit_fen, l.summary FROM vouchers v"
            " JOIN voucher_lines l ON l.voucher_id = v.id JOIN accounts a ON a.id = l.account_id ORDER BY v.id, l.seq"
        ):
            dates[vid] = date
            by_voucher[vid].append((code, d, c, s))
        return {(dates[vid], tuple(lines)) for vid, lines in by_voucher.items()}

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        """Drafts written in bulk, as ``Vouchers.create`` writes them, from the lines it resolved above."""
        book = self.book
        wanted = {id(r) for r in rows}
        todo = [x for x in preview.plan["vouchers"] if id(x[1][0].plan) in wanted]
        for n, (date, cells, resolved) in enumerate(todo):
            if n % 1000 == 0:
                cancel.check()
                progress(n, len(todo), "")
            vid = book.store.insert("vouchers", {
                "period": period_of(date), "date": date, "kind": "normal", "status": "draft", "preparer": book.user,
                "attachments": max(c.plan.values["attachments"] or 0 for c in cells), "note": "",
            })
            for line in resolved:
                book.store.insert("voucher_lines", {"voucher_id": vid, **line})
