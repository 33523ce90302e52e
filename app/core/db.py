"""Opening a book file: the SQLite connection, the writer's lock and the numbered migrations."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import socket
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from app.core.errors import BookError, BookLocked
from app.core.i18n import _

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{4})_\w+\.(sql|py)$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def apply(self, db: sqlite_utils.Database) -> None:
        if self.path.suffix == ".sql":
            for statement in _split_sql(self.path.read_text(encoding="utf-8")):
                db.execute(statement)
        else:
            module = importlib.import_module(f"app.core.migrations.{self.path.stem}")
            module.migrate(db)


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (executescript would commit the open transaction)."""
    statements, buf = [], []
    for line in script.splitlines():
        code = line.split("--", 1)[0]
        buf.append(code)
        if code.rstrip().endswith(";") and sqlite3.complete_statement("\n".join(buf)):
            statements.append("\n".join(buf).strip())
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        statements.append(rest)
    return statements


def migrations(directory: Path | None = None) -> list[Migration]:
    found = []
    for path in sorted((directory or MIGRATIONS_DIR).iterdir()):
        m = _MIGRATION_NAME.match(path.name)
        if m:
            found.append(Migration(int(m.group(1)), path))
    return found


SCHEMA_VERSION = migrations()[-1].version


class WriterLock:
    """An OS lock on ``BOOK.lock`` held while a program has the book open for writing.

    The OS drops it when the process dies, so a crash never leaves a stale lock behind.
    """

    def __init__(self, book_path: Path):
        self.path = book_path.with_name(book_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock_fd(fd)
        except OSError:
            holder = ""
            try:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip()
            finally:
                os.close(fd)
            raise BookLocked(
                _(
                    "账簿“{b}”正被另一个程序打开编辑（{h}），请先在那里关闭它。",
                    "The book “{b}” is open for editing in another program ({h}); close it there first.",
                    b=self.path.with_suffix("").name,
                    h=holder or "?",
                )
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def media_writable(path: Path) -> bool:
    """Whether the folder of ``path`` takes new files (the lock, the WAL): not on a write-protected stick or CD."""
    try:
        fd, name = tempfile.mkstemp(prefix=".jl-probe-", dir=Path(path).resolve().parent)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def read_only_uri(path: Path | str) -> str:
    """The URI that opens a book read-only, also on read-only media (as immutable: SQLite cannot make the WAL's
    shared-memory file there, and nothing else can change the book either)."""
    return Path(path).resolve().as_uri() + ("?mode=ro" if media_writable(Path(path)) else "?mode=ro&immutable=1")


def connect(path: Path | str, *, readonly: bool = False) -> sqlite_utils.Database:
    """A connection with the book's pragmas: WAL, synchronous=FULL, foreign keys on (read-only: ``read_only_uri``)."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    elif readonly:
        conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    try:
        if not readonly and str(path) != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA cache_size=-65536")
        db.execute("PRAGMA temp_store=MEMORY")
    except sqlite3.OperationalError as e:  # the file could not be read or written (a full disk, a pulled stick)
        conn.close()
        raise io_error(e, path) from None
    except sqlite3.DatabaseError as e:
        conn.close()
        raise BookError(
            _("“{p}”不是联营账簿文件，或已损坏（{e}）。", "“{p}” is not a Joint Ledger book or is damaged ({e}).", p=path, e=e)
        ) from None
    return db


def io_error(e: sqlite3.OperationalError, path: Path | str) -> BookError:
    """One sentence for a book SQLite could not read or write; on a full disk SQLite only says "disk I/O error"
    (it cannot make its -shm file), so a disk without room is named as full."""
    from app.core.outfile import file_error

    folder = Path(path).parent
    if str(e) == "disk I/O error" and folder.exists() and shutil.disk_usage(folder).free < 64 * 1024:
        e = sqlite3.OperationalError("database or disk is full")
    return file_error(e, path)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


BOOK_TABLES = ("meta", "settings", "changes")


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def newer_schema(db: sqlite_utils.Database, version: int) -> BookError:
    """The book was written by a newer program: which one, and what this one reads."""
    from app import version as app_version

    return BookError(
        _(
            "这个账簿由更新版本的联营账簿（{a}，结构版本{v}）保存，本程序（{m}）只能打开结构版本{n}及以前的账簿，请升级程序。",
            "This book was saved by a newer Joint Ledger ({a}, schema {v}); this program ({m}) opens schema {n} or older; "
            "please upgrade the app.",
            a=_meta(db, "written_by") or "?", v=version, m=app_version(), n=SCHEMA_VERSION,
        ),
        code="book.newer",
    )


def check_book(db: sqlite_utils.Database, path: Path, *, readonly: bool) -> None:
    """Refuse, in one sentence, a file that is not a book, a book of a newer program, and (read-only) a book that
    needs an upgrade this program cannot write."""
    try:
        tables = set(db.table_names())
        version = schema_version(db)
    except sqlite3.OperationalError as e:
        raise io_error(e, path) from None
    except sqlite3.DatabaseError as e:
        raise BookError(
            _("“{p}”不是联营账簿文件，或已损坏（{e}）。", "“{p}” is not a Joint Ledger book or is damaged ({e}).", p=path, e=e),
            code="book.not_a_book",
        ) from None
    if version < 1 or not tables.issuperset(BOOK_TABLES):
        raise BookError(_("“{p}”不是联营账簿文件。", "“{p}” is not a Joint Ledger book.", p=path), code="book.not_a_book")
    if version > SCHEMA_VERSION:
        raise newer_schema(db, version)
    if readonly and version < SCHEMA_VERSION:
        raise BookError(_("账簿需要升级，请以可写方式打开一次。", "The book needs an upgrade; open it once for writing."),
                        code="book.needs_upgrade")


def note_writer(db: sqlite_utils.Database) -> None:
    """Record which program last wrote the book (a newer program's book names it when this one refuses it)."""
    from app import version as app_version

    if _meta(db, "written_by") != app_version():
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', ?)", [app_version()])


def migrate(db: sqlite_utils.Database, target: int | None = None, available: list[Migration] | None = None) -> list[int]:
    """Apply the migrations the book lacks, all in one transaction. Returns the versions applied.

    A new book is simply built; an existing one is upgraded safely (backed up first, checked after, rolled back
    on any failure: app/core/trust/upgrade.py)."""
    current = schema_version(db)
    target = SCHEMA_VERSION if target is None else target
    if current > SCHEMA_VERSION:
        raise newer_schema(db, current)
    todo = [m for m in (available or migrations()) if current < m.version <= target]
    steps = [(m.version, lambda m=m: _apply(db, m)) for m in todo]
    if current == 0:
        with db.atomic():
            for _version, apply in steps:
                apply()
    elif steps:
        from app.core.trust.upgrade import safe_upgrade

        safe_upgrade(db, steps)
    if "meta" in db.table_names():
        note_writer(db)
    return [m.version for m in todo]


def _apply(db: sqlite_utils.Database, m: Migration) -> None:
    m.apply(db)
    db.execute(f"PRAGMA user_version = {m.version}")
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('migrations', ?)", [json.dumps(_applied(db) + [m.version])])


def _applied(db: sqlite_utils.Database) -> list[int]:
    row = db.execute("SELECT value FROM meta WHERE key = 'migrations'").fetchone() if "meta" in db.table_names() else None
    return json.loads(row[0]) if row else []
