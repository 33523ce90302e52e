"""Backups: whole-book copies made with SQLite's online backup, checked when written, rotated.

Automatic backups go to ``<folder>/<book name>-<book id>/`` when a book opens for writing (unless nothing
changed since the last one), before an upgrade, an import, a sync, a distribution posting and a year-end close.
The folder is, first found: the book's local ``backup_dir`` (a USB stick, say; set on this PC, not synced),
``JOINTLEDGER_BACKUP_DIR``, the user's data folder. Rotation keeps the last 10 and then the newest of each month for a year.
A backup written outside this PC's folders (the user data folder, ``JOINTLEDGER_BACKUP_DIR``) is encrypted with the
passphrase (``sealed``); ``describe`` says what it holds without the passphrase, ``restore`` then needs it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app.core import outfile
from app.core.db import read_only_uri
from app.core.errors import BookError
from app.core.i18n import _
from app.core.ops import Permission
from app.core.trust import sealed

if TYPE_CHECKING:
    from app.core.book import Book

SUFFIX = ".jlbak"
KEEP_LAST = 10
KEEP_MONTHS = 12
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.jlbak$")
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: dt.datetime  # UTC
    reason: str


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True)


def default_root() -> Path:
    return Path(platformdirs.user_data_dir("JointLedger", appauthor=False)) / "backups"


def local_roots() -> list[Path]:
    """This PC's own folders: a backup inside them stays plain, anywhere else (a stick) it is encrypted."""
    roots = [Path(platformdirs.user_data_dir("JointLedger", appauthor=False))]
    if os.environ.get("JOINTLEDGER_BACKUP_DIR"):
        roots.append(Path(os.environ["JOINTLEDGER_BACKUP_DIR"]))
    return [r.expanduser().resolve() for r in roots]


def needs_sealing(folder: Path) -> bool:
    where = Path(folder).expanduser().resolve()
    return not any(where == r or r in where.parents for r in local_roots())


@contextlib.contextmanager
def plain_copy(backup: Path, passphrase: str | None = None) -> Iterator[Path]:
    """The backup as a SQLite file: itself, or an encrypted one decrypted into a temporary local file."""
    if not sealed.is_sealed(backup):
        yield backup
        return
    key = sealed.passphrase_or_refuse(passphrase)
    with tempfile.TemporaryDirectory(prefix="jointledger-") as tmp:
        plain = Path(tmp) / "restore.jlbook"
        sealed.unseal(backup, key, plain)
        yield plain


def folder_for(conn: sqlite3.Connection, book_path: Path) -> Path:
    """The automatic backup folder of the book behind ``conn`` (works on a book of any schema version)."""
    def value(sql: str) -> str | None:
        try:
            row = conn.execute(sql).fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

    root = value("SELECT value FROM meta WHERE key = 'backup_dir'") or os.environ.get("JOINTLEDGER_BACKUP_DIR")
    book_id = value("SELECT value FROM settings WHERE key = 'book_id'") or "book"
    stem = re.sub(r"[^\w\-]+", "_", book_path.stem)[:40]
    return (Path(root) if root else default_root()) / f"{stem}-{book_id[:8]}"


def copy_book(source: Path, dest: Path) -> Path:
    """Copy the committed state of the book file ``source`` to ``dest`` (never half-written: written through
    ``outfile.output_path`` after SQLite's integrity check passed on the temporary copy)."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise outfile.write_error(dest, e) from None
    with outfile.output_path(dest) as tmp:
        src = read_only(source)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                result = [r[0] for r in out.execute("PRAGMA integrity_check").fetchall()]
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        except sqlite3.OperationalError as e:
            raise outfile.file_error(e, dest) from None
        except sqlite3.Error as e:
            raise BookError(_("备份失败：{e}", "The backup failed: {e}", e=e), code="backup.failed") from None
        finally:
            src.close()
        if result != ["ok"]:
            raise BookError(_("备份未通过完整性检查：{r}", "The backup failed its integrity check: {r}", r="; ".join(result[:3])),
                            code="backup.damaged")
    return dest


def backup_name(reason: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now.strftime(_STAMP)}-{reason}{SUFFIX}"


def listing(folder: Path) -> list[BackupFile]:
    """The backups in a folder, newest first."""
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _NAME.match(p.name)
            if m:
                taken = dt.datetime.strptime(m.group(1), _STAMP).replace(tzinfo=dt.UTC)
                found.append(BackupFile(p, taken, m.group(2)))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def to_remove(backups: list[BackupFile], now: dt.datetime) -> list[BackupFile]:
    """Rotation: keep the newest ``KEEP_LAST``, then the newest of each of the last ``KEEP_MONTHS`` months.
    Manual backups are never removed."""
    auto = [b for b in backups if b.reason != "manual"]
    keep = set(auto[:KEEP_LAST])
    months: set[tuple[int, int]] = set()
    oldest = (now.year * 12 + now.month - 1) - KEEP_MONTHS
    for b in auto:
        month = (b.taken.year, b.taken.month)
        if b.taken.year * 12 + b.taken.month - 1 > oldest and month not in months:
            months.add(month)
            keep.add(b)
    return [b for b in auto if b not in keep]


def head_hash(path: Path) -> str | None:
    """The hash of the last change-log entry of a book or backup file (what its data has come to)."""
    if sealed.is_sealed(path):
        return sealed.holds(path).get("head")
    conn = read_only(path)
    try:
        row = conn.execute("SELECT hash FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def describe(path: Path) -> dict:
    """What a backup (or book) file holds, for the preview before a restore."""
    path = Path(path)
    if not path.is_file():
        raise BookError(_("找不到备份文件“{p}”。", "The backup file “{p}” does not exist.", p=path))
    if sealed.is_sealed(path):
        return sealed.holds(path) | {"file": str(path), "encrypted": True}
    try:
        conn = read_only(path)
        try:
            q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
            check = q("PRAGMA quick_check")
            settings = dict(conn.execute("SELECT key, value FROM settings").fetchall())
            last = conn.execute("SELECT at, user FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
            info = {
                "file": str(path),
                "name": settings.get("name", ""),
                "book_id": settings.get("book_id", ""),
                "schema_version": q("PRAGMA user_version"),
                "members": q("SELECT count(*) FROM members"),
                "assets": q("SELECT count(*) FROM assets"),
                "vouchers": q("SELECT count(*) FROM vouchers"),
                "posted_vouchers": q("SELECT count(*) FROM vouchers WHERE status = 'posted'"),
                "last_period": q("SELECT max(period) FROM vouchers WHERE status = 'posted'"),
                "changes": q("SELECT count(*) FROM changes"),
                "last_change_at": last[0] if last else None,
                "last_change_by": last[1] if last else None,
                "check": check,
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise BookError(_("“{p}”不是联营账簿的备份，或已损坏（{e}）。", "“{p}” is not a Joint Ledger backup or is damaged ({e}).", p=path, e=e)) from None
    if check != "ok":
        raise BookError(_("备份“{p}”已损坏：{r}", "The backup “{p}” is damaged: {r}", p=path, r=check))
    return info


class Backups:
    def __init__(self, book: Book):
        self.book = book

    @property
    def folder(self) -> Path | None:
        """Where this book's automatic backups go (None for an in-memory book)."""
        book = self.book
        return None if book.path is None else folder_for(book.db.conn, book.path)

    def set_root(self, root: str | None) -> None:
        """Point the automatic backups at another folder (a USB stick, say); None goes back to the default.
        Local to this PC's copy of the book, not synced."""
        book = self.book
        book.require(Permission.BACKUP)
        book.require_writable()
        if root:
            target = Path(root).expanduser()
            if not target.is_dir():
                raise BookError(_("文件夹“{p}”不存在。", "The folder “{p}” does not exist.", p=target))
            book.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('backup_dir', ?)", [str(target.resolve())])
        else:
            book.db.execute("DELETE FROM meta WHERE key = 'backup_dir'")

    def list(self) -> list[BackupFile]:
        folder = self.folder
        return listing(folder) if folder else []

    def _copy(self, dest: Path, passphrase: str | None = None) -> Path:
        """A checked copy of the book at ``dest``: plain in this PC's folders, encrypted anywhere else."""
        if not needs_sealing(dest.parent):
            return copy_book(self.book.path, dest)
        key = sealed.passphrase_or_refuse(passphrase)
        with tempfile.TemporaryDirectory(prefix="jointledger-") as tmp:  # the plain copy never touches the stick
            plain = copy_book(self.book.path, Path(tmp) / dest.name)
            info = describe(plain) | {"file": str(dest), "encrypted": True, "head": head_hash(plain)}
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise outfile.write_error(dest, e) from None
            sealed.seal(plain, dest, key, info)
        return dest

    def before(self, reason: str) -> Path | None:
        """An automatic backup before risky work (``import``, ``sync``, ``distribution``, ``year-close`` …).
        Call it outside a write transaction; it copies what is committed. No-op for an in-memory book."""
        folder = self.folder
        if folder is None:
            return None
        path = self._copy(folder / backup_name(reason))
        now = dt.datetime.now(dt.UTC)
        for old in to_remove(listing(folder), now):
            old.path.unlink(missing_ok=True)
        outfile.remove_partials(folder)  # left by a backup that a power cut interrupted
        return path

    def on_open(self) -> Path | None:
        """The backup when a book opens for writing, unless the newest backup already holds the same data."""
        if self.book.path is None or self.book.readonly:
            return None
        newest = self.list()[:1]
        if newest and head_hash(newest[0].path) == self.book.store.last_hash:
            return None
        return self.before("open")

    def write(self, folder: Path | None = None, passphrase: str | None = None) -> Path:
        """A backup the user asks for, into ``folder`` or the backup folder (never rotated away); outside this PC's
        folders it is encrypted with ``passphrase`` (else JOINTLEDGER_PASSPHRASE)."""
        book = self.book
        book.require(Permission.BACKUP)
        if book.path is None:
            raise BookError(_("内存中的账簿不能备份。", "An in-memory book cannot be backed up."))
        if folder is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            return self._copy(Path(folder) / f"{book.path.stem}-{stamp}{SUFFIX}", passphrase)
        return self._copy(self.folder / backup_name("manual"), passphrase)

    def restore(self, backup: Path | str, passphrase: str | None = None) -> Path:
        """Put a backup in this book's place; the book as it was is backed up first (that path is returned).

        Close the book afterwards: it has been replaced. (A restored book is an old copy as far as sync is
        concerned; the sync layer notices and asks for a new replica identity before it is changed.)
        """
        book = self.book
        book.require(Permission.RESTORE)
        book.require_writable()
        _check_restorable(Path(backup))
        with plain_copy(Path(backup), passphrase) as plain:
            safety = self.before("restore")
            src = read_only(plain)
            try:
                src.backup(book.db.conn)
            finally:
                src.close()
        result = book.db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BookError(
                _("恢复后的账簿未通过完整性检查（{r}），恢复前的账簿在 {p}。", "The restored book failed its integrity check ({r}); the book as it was is in {p}.", r=result, p=safety)
            )
        return safety



def _check_restorable(backup: Path) -> dict:
    from app.core.db import SCHEMA_VERSION

    info = describe(backup)
    if info["schema_version"] > SCHEMA_VERSION:
        raise BookError(
            _("这个备份由更新版本的联营账簿保存，请升级程序。", "This backup was saved by a newer version of Joint Ledger; please upgrade the app.")
        )
    return info


def restore_as_new(backup: Path | str, target: Path | str, passphrase: str | None = None) -> None:
    """Make a new book file ``target`` from a backup (an encrypted one with its passphrase)."""
    backup, target = Path(backup), Path(target)
    _check_restorable(backup)
    if target.exists():
        raise BookError(_("文件“{p}”已存在，不会覆盖。", "The file “{p}” exists already; it will not be overwritten.", p=target))
    with plain_copy(backup, passphrase) as plain:
        copy_book(plain, target)
