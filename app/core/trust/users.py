"""Who may open a book and what each one may do: local users with roles, passwords and a login.

A book without users (an in-memory test book, a book from before users existed) grants everything, as before.
Once a book has users, opening it needs a name and a password, and every write service asks
``book.require(permission)`` first. Roles are looked up by ``book.user`` (the logged-in name).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import BookError, PermissionDenied, ValidationError
from app.core.i18n import _
from app.core.ids import mask_id, mask_tail
from app.core.ops import Op, Permission
from app.core.store import utc_now

if TYPE_CHECKING:
    from app.core.book import Book

ADMIN = "admin"
DEFAULT_USER = ADMIN
PERMISSIONS = tuple(Permission)
ROLES: dict[str, frozenset[str]] = {
    ADMIN: frozenset(PERMISSIONS),
    "accountant": frozenset(
        {"prepare", "post", "edit", "close", "settings", "import", "sync", "distribute", "export", "personal_data", "backup"}
    ),
    "reviewer": frozenset({"review", "post", "personal_data", "backup"}),
    "cashier": frozenset({"pay", "prepare", "personal_data"}),  # a payment is a voucher the cashier prepares
    "head": frozenset({"approve", "personal_data"}),
    "viewer": frozenset(),
}
ROLE_ALIASES = {"管理员": ADMIN, "会计": "accountant", "审核": "reviewer", "出纳": "cashier", "负责人": "head", "查看": "viewer"}
PERSONAL_FIELDS = {"id_number": mask_id, "phone": mask_tail, "bank_account": mask_tail}

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
FREE_TRIES = 3  # wrong passwords before the waiting starts
MAX_WAIT_S = 15 * 60
MIN_PASSWORD = 6
DEMO_PASSWORD = "demo1234"  # the demo's users' password when JOINTLEDGER_PASSWORD is not set


def role_label(role: str) -> str:
    return {
        ADMIN: _("管理员", "administrator"),
        "accountant": _("会计", "accountant"),
        "reviewer": _("审核", "reviewer"),
        "cashier": _("出纳", "cashier"),
        "head": _("负责人", "head"),
        "viewer": _("查看", "read only"),
    }[role]


def parse_roles(roles: str | list[str]) -> list[str]:
    """Role keys from keys or Chinese names, comma-separated or a list."""
    items = roles.replace("，", ",").split(",") if isinstance(roles, str) else roles
    keys = []
    for item in (r.strip() for r in items):
        key = ROLE_ALIASES.get(item, item.lower())
        if key not in ROLES:
            raise ValidationError(
                _(
                    "没有角色“{r}”；角色为 管理员、会计、审核、出纳、负责人、查看。",
                    "There is no role “{r}”; the roles are admin, accountant, reviewer, cashier, head, viewer.",
                    r=item,
                ),
                field="roles",
            )
        if key not in keys:
            keys.append(key)
    if not keys:
        raise ValidationError(_("请至少选择一个角色。", "Choose at least one role."), field="roles")
    return keys


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    _scheme, n, r, p, salt, digest = stored.split("$")
    got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(got.hex(), digest)


def wait_seconds(failures: int) -> int:
    """How long a name must wait after ``failures`` wrong passwords in a row: 0, then 1, 2, 4 … 900 seconds."""
    return 0 if failures < FREE_TRIES else min(2 ** min(failures - FREE_TRIES, 10), MAX_WAIT_S)


@functools.cache
def _unknown() -> str:
    """A hash to check a wrong name against, so a wrong name takes as long as a wrong password."""
    return hash_password(secrets.token_hex(16))


class LoginRequired(BookError):
    """The book has users and no password was given (the CLI then asks for one, the GUI shows its dialog)."""


class Users:
    def __init__(self, book: Book):
        self.book = book
        self._roles: dict[str, frozenset[str]] | None = None

    # -- reads ---------------------------------------------------------------------------------------------
    def _all_roles(self) -> dict[str, frozenset[str]]:
        if self._roles is None:
            self._roles = {
                name: frozenset().union(*(ROLES[r] for r in roles.split(",") if r in ROLES))
                for name, roles in self.book.db.execute("SELECT name, roles FROM users WHERE active = 1")
            }
        return self._roles

    @property
    def enabled(self) -> bool:
        """True once the book has users: from then on opening it needs a login."""
        return bool(self.book.db.execute("SELECT 1 FROM users LIMIT 1").fetchone())

    def list(self) -> list[dict]:
        return [
            {**r, "roles": r["roles"].split(","), "wait_s": self._wait_left(r)}
            for r in self.book.db.query(
                "SELECT u.name, u.roles, u.active, coalesce(f.failures, 0) AS failures, f.failed_at, u.created_at"
                " FROM users u LEFT JOIN login_failures f ON f.name = u.name ORDER BY u.name"
            )
        ]

    def may(self, permission: str) -> bool:
        """Whether the logged-in user may do this; a book without users allows everything."""
        if permission not in PERMISSIONS:
            raise ValueError(f"unknown permission {permission!r}")
        roles = self._all_roles()
        return not roles and not self.enabled or permission in roles.get(self.book.user, frozenset())

    def require(self, permission: str) -> None:
        if not self.may(permission):
            raise PermissionDenied(
                _(
                    "用户“{u}”没有“{p}”的权限，请由有权限的人操作。",
                    "The user “{u}” may not {p}; ask someone who may.",
                    u=self.book.user,
                    p=permission_label(permission),
                )
            )

    def mask(self, row: dict, *, public: bool = False) -> dict:
        """The row with ID numbers, phones and bank accounts masked, unless the user may see them in full.

        ``public=True`` always masks (notices, anything posted or handed out)."""
        if not public and self.may("personal_data"):
            return row
        return {k: (PERSONAL_FIELDS[k](v) if k in PERSONAL_FIELDS and v else v) for k, v in row.items()}

    # -- login ---------------------------------------------------------------------------------------------
    def login(self, name: str, password: str) -> None:
        """Check the password; on success ``book.user`` becomes ``name``. Wrong passwords make the next try wait."""
        user = next(
            iter(
                self.book.db.query(
                    "SELECT u.*, coalesce(f.failures, 0) AS failures, f.failed_at FROM users u"
                    " LEFT JOIN login_failures f ON f.name = u.name WHERE u.name = ?",
                    [name],
                )
            ),
            None,
        )
        if user is not None and user["active"]:
            left = self._wait_left(user)
            if left:
                raise BookError(
                    _(
                        "密码错误次数太多，请 {s} 秒后再试。",
                        "Too many wrong passwords; try again in {s} seconds.",
                        s=left,
                    )
                )
        stored = user["password"] if user is not None else _unknown()  # the same work either way: names do not leak
        if not password_matches(password, stored) or user is None or not user["active"]:
            if user is not None:
                self._note_failure(name)
            raise BookError(_("用户名或密码不对。", "The user name or password is wrong."))
        if user["failures"]:
            self._write("DELETE FROM login_failures WHERE name = ?", [name])
        self.book.user = name

    def open_session(self, name: str | None, password: str | None) -> None:
        """At open: a book with users needs a login. Without arguments the name comes from JOINTLEDGER_USER
        (else ``admin``) and the password from JOINTLEDGER_PASSWORD, for scripts."""
        if not self.enabled:
            return
        name = name or os.environ.get("JOINTLEDGER_USER") or DEFAULT_USER
        password = password if password is not None else os.environ.get("JOINTLEDGER_PASSWORD")
        if password is None:
            raise LoginRequired(_("请输入用户“{u}”的密码。", "Enter the password of user “{u}”.", u=name))
        self.login(name, password)

    @staticmethod
    def _wait_left(user: dict) -> int:
        wait = wait_seconds(user["failures"])
        if not wait or not user["failed_at"]:
            return 0
        since = dt.datetime.now(dt.UTC) - dt.datetime.strptime(user["failed_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
        return max(0, wait - int(since.total_seconds()))

    def _note_failure(self, name: str) -> None:
        self._write(
            "INSERT INTO login_failures (name, failures, failed_at) VALUES (?, 1, ?)"
            " ON CONFLICT (name) DO UPDATE SET failures = failures + 1, failed_at = excluded.failed_at",
            [name, utc_now()],
        )

    def _write(self, sql: str, params: list) -> None:
        """Login bookkeeping, also when the book is open read-only (a short second connection)."""
        book = self.book
        if not book.readonly:
            book.db.execute(sql, params)
            return
        from app.core.db import connect

        try:
            db = connect(book.path)
        except BookError:
            return  # a book on read-only media: nothing to record
        try:
            db.execute(sql, params)
        except Exception:  # noqa: BLE001 - the book is busy or read-only; the count is best effort there
            pass
        finally:
            db.conn.close()

    # -- administration ------------------------------------------------------------------------------------
    def add(self, name: str, password: str, roles: str | list[str]) -> None:
        """A new user. The first user of a book must be an administrator; after that only one may add users."""
        book = self.book
        book.require_writable()
        name = name.strip()
        keys = parse_roles(roles)
        first = not self.enabled
        if first and ADMIN not in keys:
            raise ValidationError(_("第一个用户必须是管理员。", "The first user must be an administrator."), field="roles")
        if not name or len(name) > 40 or any(c in name for c in ",\n\r\t"):
            raise ValidationError(_("用户名应为1到40个字符，不含逗号。", "A user name is 1 to 40 characters without commas."), field="name")
        if book.db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise ValidationError(_("用户“{u}”已存在。", "The user “{u}” exists already.", u=name), field="name")
        check_password(password)
        with book.transact(Op.EDIT_USERS):
            book.store.insert(
                "users",
                {"name": name, "roles": ",".join(keys), "password": hash_password(password), "active": 1, "created_at": utc_now()},
            )

    def set_password(self, name: str, password: str) -> None:
        """A user changes their own password; an administrator resets anyone's (and clears the waiting)."""
        book = self.book
        user_id = self._get(name)
        check_password(password)
        with book.transact(Op.EDIT_USERS, permission=None if name == book.user else Permission.USERS):
            book.store.update("users", user_id, {"password": hash_password(password)})
            book.db.execute("DELETE FROM login_failures WHERE name = ?", [name])

    def set_roles(self, name: str, roles: str | list[str]) -> None:
        user_id = self._get(name)
        keys = parse_roles(roles)
        if ADMIN not in keys:
            self._keep_an_admin(name)
        with self.book.transact(Op.EDIT_USERS):
            self.book.store.update("users", user_id, {"roles": ",".join(keys)})

    def set_active(self, name: str, active: bool) -> None:
        """Disable a user who left (their name stays in the history); they can no longer log in."""
        user_id = self._get(name)
        if not active:
            self._keep_an_admin(name)
        with self.book.transact(Op.EDIT_USERS):
            self.book.store.update("users", user_id, {"active": int(active)})

    def invalidate(self) -> None:
        self._roles = None

    def _get(self, name: str) -> str:
        row = self.book.db.execute("SELECT id FROM users WHERE name = ?", [name]).fetchone()
        if not row:
            raise ValidationError(_("没有用户“{u}”。", "There is no user “{u}”.", u=name), field="name", code="user.unknown")
        return row[0]

    def _keep_an_admin(self, name: str) -> None:
        others = [n for n, perms in self._all_roles().items() if n != name and "users" in perms]
        if not others:
            raise BookError(_("账簿至少要保留一位管理员。", "The book must keep at least one administrator."))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            _("密码至少要 {n} 个字符。", "A password has at least {n} characters.", n=MIN_PASSWORD), field="password"
        )


def permission_label(permission: str) -> str:
    return {
        "prepare": _("制单", "prepare vouchers"),
        "review": _("审核", "review vouchers"),
        "post": _("记账", "post vouchers"),
        "edit": _("修改资料", "change members, shares, assets or accounts"),
        "close": _("结账", "close periods"),
        "settings": _("修改设置", "change settings"),
        "import": _("导入", "import"),
        "sync": _("同步导入", "import sync files"),
        "pay": _("付款", "pay out"),
        "approve": _("批准方案", "approve plans"),
        "distribute": _("收益分配", "distribute income"),
        "export": _("导出整本账簿", "copy the whole book out"),
        "personal_data": _("查看完整个人信息", "see personal data in full"),
        "backup": _("备份", "back up"),
        "restore": _("恢复备份", "restore backups"),
        "users": _("管理用户", "manage users"),
    }[permission]


def add_demo_users(book: Book) -> None:
    """The demo's users: admin, 会计 (accountant), 审核 (reviewer) and 主任 (head, approves the distribution), all
    with the password from JOINTLEDGER_PASSWORD, else ``DEMO_PASSWORD``."""
    password = os.environ.get("JOINTLEDGER_PASSWORD") or DEMO_PASSWORD
    acting, book.user = book.user, ADMIN  # the administrator adds the others
    try:
        for name, role in ((ADMIN, ADMIN), ("会计", "accountant"), ("审核", "reviewer"), ("主任", "head")):
            book.users.add(name, password, [role])
    finally:
        book.user = acting


def user_names(path: Path | str) -> list[str]:
    """The active users of a book file, read without opening it (for the login dialog's list)."""
    import sqlite3

    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("SELECT name FROM users WHERE active = 1 ORDER BY name")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []
