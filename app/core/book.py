"""The facade over one open book (like Anki's ``Collection``): the GUI and the CLI call it and nothing else."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import db as dbmod
from app.core.accounts import Accounts
from app.core.assets import Assets
from app.core.chart import CHART_VERSIONS, ChartDefinition, load_chart
from app.core.errors import BookError
from app.core.i18n import _
from app.core.members import Members
from app.core.ops import Op, OpChanges, Permission
from app.core.periods import Periods
from app.core.reports import Reports
from app.core.settings import Settings
from app.core.shares import DEFAULT_CLASSES, Shares
from app.core.store import Change, Store, new_id, utc_now
from app.core.trust import on_open
from app.core.vouchers import Vouchers

if TYPE_CHECKING:
    from app.core.distribution import Distribution
    from app.core.sheets import Sheets
    from app.core.sync import Sync
    from app.core.trust.audit import Audit
    from app.core.trust.backups import Backups
    from app.core.trust.users import Users

BOOK_SUFFIX = ".jlbook"


def default_user() -> str:
    name = os.environ.get("JOINTLEDGER_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "会计"


class Book:
    """One organization's books in one SQLite file.

    ``Book.create`` makes a new book; ``Book.open`` opens one. Services hang off the facade: ``members``,
    ``shares``, ``assets``, ``accounts``, ``vouchers``, ``periods``, ``reports``, ``settings``.
    """

    def __init__(self, path: Path | str, database, *, readonly: bool, lock: dbmod.WriterLock | None, user: str):
        self.path = Path(path) if str(path) != ":memory:" else None
        self.db = database
        self.readonly = readonly
        self._lock = lock
        self.user = user
        self.warnings: list[str] = []  # loud problems found when the book was opened (app/core/trust)
        self.check_deferred = False  # a big book's quick check is left to trust.upgrade.deferred_check
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        self.replica_id = meta["replica_id"]
        self.store = Store(self.db, self.replica_id, lambda: self.user)
        self.store.listeners.append(self._on_change)
        self.op_listeners: list[Callable[[OpChanges], None]] = []  # views: what each finished operation changed
        self.settings = Settings(self)
        self.accounts = Accounts(self)
        self.members = Members(self)
        self.shares = Shares(self)
        self.assets = Assets(self)
        self.vouchers = Vouchers(self)
        self.periods = Periods(self)
        self.reports = Reports(self)

    # services of the larger features, loaded on first use
    @cached_property
    def distribution(self) -> Distribution:
        from app.core.distribution import Distribution

        return Distribution(self)

    @cached_property
    def sync(self) -> Sync:
        from app.core.sync import Sync

        return Sync(self)

    @cached_property
    def sheets(self) -> Sheets:
        from app.core.sheets import Sheets

        return Sheets(self)

    @cached_property
    def users(self) -> Users:
        from app.core.trust.users import Users

        return Users(self)

    @cached_property
    def audit(self) -> Audit:
        from app.core.trust.audit import Audit

        return Audit(self)

    @cached_property
    def backups(self) -> Backups:
        from app.core.trust.backups import Backups

        return Backups(self)

    def _on_change(self, change: Change) -> None:
        if change.tbl == "accounts":
            self.accounts.invalidate()
        elif change.tbl == "settings":
            self.settings.invalidate()
        elif change.tbl == "users" and "users" in self.__dict__:
            self.users.invalidate()

    # -- life cycle ----------------------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        name: str,
        kind: str = "joint",
        chart: str = "2023",
        credit_code: str = "",
        start: str | None = None,
        user: str | None = None,
    ) -> Book:
        """A new book file with the chart loaded and the default share classes of its kind.

        The accounting year is the calendar year (制度 总则); ``start`` is the book's first month."""
        memory = str(path) == ":memory:"
        if not memory:
            path = Path(path)
            if path.exists():
                raise BookError(_("文件“{p}”已存在，不会覆盖。", "The file “{p}” exists already; it will not be overwritten.", p=path))
            if not path.parent.exists():
                raise BookError(_("文件夹“{p}”不存在。", "The folder “{p}” does not exist.", p=path.parent))
        if chart not in CHART_VERSIONS:
            raise BookError(_("会计制度版本应为 2023 或 2004。", "The chart version is 2023 or 2004."))
        for key, value in (("name", name), ("kind", kind), ("credit_code", credit_code)):
            Settings.validate(key, value)
        start = start or f"{dt.date.today().year}-01"
        lock = None
        if not memory:
            lock = dbmod.WriterLock(path)
            lock.acquire()
        database = None
        try:
            database = dbmod.connect(path)
            dbmod.migrate(database)
            with database.atomic():
                database.execute("INSERT INTO meta (key, value) VALUES ('replica_id', ?)", [new_id()])
                database.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", [utc_now()])
            book = cls(path, database, readonly=False, lock=lock, user=user or default_user())
            with book.transact(Op.CREATE_BOOK):
                for key, value in (
                    ("book_id", new_id()),
                    ("name", name),
                    ("kind", kind),
                    ("credit_code", credit_code),
                    ("chart", chart),
                    ("fiscal_year_start", "1"),
                    ("start_period", start),
                ):
                    book.settings.set(key, value)
                book.accounts.load_chart()
                for i, (cname, unit) in enumerate(DEFAULT_CLASSES[kind]):
                    book.store.insert("share_classes", {"name": cname, "unit": unit, "sort": i})
            return book
        except BaseException:
            if database is not None:
                database.close()  # Windows deletes no file that is still open (a sharing violation)
            if lock:
                lock.release()
            if not memory and path.exists():
                for suffix in ("", "-wal", "-shm", ".lock"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
            raise

    @classmethod
    def open(
        cls, path: Path | str, *, readonly: bool = False, user: str | None = None, password: str | None = None
    ) -> Book:
        """Open a book; for writing it takes the writer's lock and brings the schema up to date.

        A book with users needs a login: ``user`` and ``password`` (else JOINTLEDGER_USER or ``admin`` and
        JOINTLEDGER_PASSWORD); ``warnings`` then holds what the quick check at open found."""
        path = Path(path)
        if not path.exists():
            raise BookError(_("找不到账簿文件“{p}”。", "The book file “{p}” does not exist.", p=path))
        lock = None
        media_readonly = not readonly and not dbmod.media_writable(path)  # a write-protected stick: read-only
        readonly = readonly or media_readonly
        if not readonly:
            lock = dbmod.WriterLock(path)
            lock.acquire()
        try:
            database = dbmod.connect(path, readonly=readonly)
            try:
                dbmod.check_book(database, path, readonly=readonly)
            except BookError:
                database.conn.close()
                raise
            if not readonly:
                dbmod.migrate(database)
            book = cls(path, database, readonly=readonly, lock=lock, user=user or default_user())
            try:
                book.warnings = on_open(book, user, password)
                if media_readonly:
                    book.warnings.insert(0, _("账簿所在的位置不能写入（只读介质），已以只读方式打开。",
                                              "The book's location cannot be written to (read-only media); it is open read-only."))
                # a replica of a synced book: is it a restored or copied file?
                if not readonly and book.db.execute("SELECT 1 FROM replicas WHERE id = ?", [book.replica_id]).fetchone():
                    from app.core.sync.guard import check_at_open

                    book.warnings += check_at_open(book)
            except BaseException:
                book.close()
                raise
            return book
        except BaseException:
            if lock:
                lock.release()
            raise

    def close(self) -> None:
        if self.db is not None:
            if not self.readonly and self.path is not None:
                try:
                    self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except Exception:  # a reader may hold the WAL; it is checkpointed next time
                    pass
            self.db.conn.close()
            self.db = None
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def require(self, permission: str) -> None:
        """Refuse (one sentence) when the logged-in user's roles lack ``permission`` (app/core/trust/users.py)."""
        self.users.require(permission)

    @property
    def can_see_personal_data(self) -> bool:
        """Whether ID numbers, phones and bank accounts may be shown and exported in full (else ``users.mask``)."""
        return self.users.may("personal_data")

    def check(self, op: Op, permission: Permission | None | str = "") -> None:
        """The door's own check, for an operation that prepares slow work (a backup, reading a file) before it
        writes: writable book, and the user's permission for ``op``. ``transact`` checks the same again."""
        if self.store.op is not None:
            return  # part of an operation already checked
        self.require_writable()
        needed = op.permission if permission == "" else permission
        if needed:
            self.require(needed)

    @contextmanager
    def transact(self, op: Op, *, permission: Permission | None | str = "") -> Iterator[OpChanges]:
        """The one door for every change (app/core/ops.py): writable book, the user's permission for ``op``
        (``permission`` overrides the operation's own), one transaction, the change log, and what changed.

        Operations nested in another run as part of it and are not checked again."""
        outer = self.store.op is None
        self.check(op, permission)
        with self.store.transaction(op) as changes:
            yield changes
        if outer and changes.rows:
            for listener in self.op_listeners:
                listener(changes)

    def require_writable(self) -> None:
        if self.readonly:
            raise BookError(_("账簿以只读方式打开，不能修改。", "The book is open read-only; it cannot be changed."))

    # -- facts ---------------------------------------------------------------------------------------------
    @property
    def chart(self) -> ChartDefinition:
        return load_chart(self.settings.chart)

    def info(self) -> dict:
        db = self.db
        count = lambda t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]  # noqa: E731
        return {
            "path": str(self.path) if self.path else ":memory:",
            "name": self.settings.name,
            "kind": self.settings.kind,
            "credit_code": self.settings.credit_code,
            "chart": self.settings.chart,
            "fiscal_year_start": self.settings.fiscal_year_start,
            "start_period": self.settings.start_period,
            "schema_version": dbmod.schema_version(db),
            "replica_id": self.replica_id,
            "members": count("members"),
            "share_classes": count("share_classes"),
            "assets": count("assets"),
            "accounts": count("accounts"),
            "vouchers": count("vouchers"),
            "voucher_lines": count("voucher_lines"),
            "posted_vouchers": db.execute("SELECT count(*) FROM vouchers WHERE status = 'posted'").fetchone()[0],
            "last_closed_period": self.periods.last_closed(),
        }
