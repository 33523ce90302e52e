"""The one door for every change of a book: operations, the permission each needs, and what each changed.

Every write runs as ``with book.transact(Op.X) as changes:`` (app/core/book.py), like Anki's
``Collection.transact(op)``: the door checks that the book is writable and that the logged-in user holds the
operation's permission, opens one transaction, lets the write layer (app/core/store.py) refuse any change to a
posted voucher or a closed period and log every change, and hands back ``OpChanges`` so that each view refreshes
only what changed. Nothing writes outside an operation: the write layer refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Permission(StrEnum):
    PREPARE = "prepare"  # 制单: create, change, delete draft vouchers; run depreciation
    REVIEW = "review"  # 审核
    POST = "post"  # 记账
    EDIT = "edit"  # members, shares, assets, accounts
    CLOSE = "close"  # 结账 / 年结
    SETTINGS = "settings"  # organization settings, replicas, the sync folder
    IMPORT = "import"  # spreadsheet import
    SYNC = "sync"  # import or export a sync file, resolve sync conflicts
    PAY = "pay"  # 出纳: pay out a distribution
    APPROVE = "approve"  # 负责人: approve a distribution plan
    DISTRIBUTE = "distribute"  # 收益分配: make a distribution's voucher, statements and notices
    PERSONAL_DATA = "personal_data"  # see and export ID numbers, phones and bank accounts in full
    EXPORT = "export"  # write the book's data out of the program (exports, seeds, full copies)
    BACKUP = "backup"  # write a backup copy (the automatic ones need no permission)
    RESTORE = "restore"  # put a backup in the book's place
    USERS = "users"  # add users, set roles, reset passwords


class Op(StrEnum):
    """What a user (or the program itself) does to a book; the value is what the change log and views see."""

    CREATE_BOOK = "create_book"
    SET_SETTING = "set_setting"
    ADD_ACCOUNT = "add_account"
    EDIT_ACCOUNT = "edit_account"
    EDIT_MEMBER = "edit_member"
    EDIT_SHARES = "edit_shares"
    EDIT_ASSET = "edit_asset"
    DEPRECIATE = "depreciate"
    PREPARE_VOUCHER = "prepare_voucher"
    REVIEW_VOUCHER = "review_voucher"
    APPROVE_VOUCHER = "approve_voucher"
    UNREVIEW_VOUCHER = "unreview_voucher"
    POST_VOUCHER = "post_voucher"
    SET_OPENING = "set_opening"
    CLOSE_PERIOD = "close_period"
    REOPEN_PERIOD = "reopen_period"
    IMPORT = "import"
    DISTRIBUTE = "distribute"
    PAY = "pay"
    SIGN_DOCUMENTS = "sign_documents"
    SYNC_IMPORT = "sync_import"
    SYNC_REFRESH = "sync_refresh"
    RESOLVE_CONFLICT = "resolve_conflict"
    EDIT_REPLICAS = "edit_replicas"
    EDIT_USERS = "edit_users"
    DEMO = "demo"

    @property
    def permission(self) -> Permission | None:
        return OP_PERMISSION[self]


OP_PERMISSION: dict[Op, Permission | None] = {
    Op.CREATE_BOOK: None,  # the one who makes a book owns it
    Op.SET_SETTING: Permission.SETTINGS,
    Op.ADD_ACCOUNT: Permission.EDIT,
    Op.EDIT_ACCOUNT: Permission.EDIT,
    Op.EDIT_MEMBER: Permission.EDIT,
    Op.EDIT_SHARES: Permission.EDIT,
    Op.EDIT_ASSET: Permission.EDIT,
    Op.DEPRECIATE: Permission.PREPARE,
    Op.PREPARE_VOUCHER: Permission.PREPARE,
    Op.REVIEW_VOUCHER: Permission.REVIEW,
    Op.APPROVE_VOUCHER: Permission.APPROVE,
    Op.UNREVIEW_VOUCHER: Permission.REVIEW,
    Op.POST_VOUCHER: Permission.POST,
    Op.SET_OPENING: Permission.EDIT,
    Op.CLOSE_PERIOD: Permission.CLOSE,
    Op.REOPEN_PERIOD: Permission.CLOSE,
    Op.IMPORT: Permission.IMPORT,
    Op.DISTRIBUTE: Permission.DISTRIBUTE,
    Op.PAY: Permission.PAY,
    Op.SIGN_DOCUMENTS: Permission.DISTRIBUTE,
    Op.SYNC_IMPORT: Permission.SYNC,
    Op.SYNC_REFRESH: None,  # re-deciding listed conflicts after local edits: derived, never new content
    Op.RESOLVE_CONFLICT: Permission.SYNC,
    Op.EDIT_REPLICAS: Permission.SETTINGS,
    Op.EDIT_USERS: Permission.USERS,
    Op.DEMO: None,
}

# Operations that may change a posted voucher's rows: replacing the opening balances (period YYYY-00, before
# any month is closed) and the merge of another PC's changes (which keeps the posted version; see sync/merge.py).
MAY_REPLACE_POSTED = frozenset({Op.SET_OPENING})


@dataclass
class OpChanges:
    """What one operation changed: the tables and rows, for views to refresh only what they show."""

    op: Op
    rows: dict[str, set[str]] = field(default_factory=dict)

    def add(self, tbl: str, row_id: str) -> None:
        self.rows.setdefault(tbl, set()).add(row_id)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.rows)

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.rows.values())

    def touches(self, *tables: str) -> bool:
        return any(t in self.rows for t in tables)
