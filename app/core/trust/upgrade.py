"""Safe upgrades and the check at every open.

An upgrade (a new version migrating an existing book) backs the book up first, migrates in one transaction,
checks the result — SQLite's integrity check, the trial balance, no table lost rows, the posted amounts are
unchanged — and on any failure rolls back, leaving the book exactly as it was, and says so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from app.core.errors import BookError
from app.core.i18n import _
from app.core.trust.backups import backup_name, copy_book, folder_for

if TYPE_CHECKING:
    from app.core.book import Book


def book_path(db: sqlite_utils.Database) -> Path | None:
    """The file behind a connection (None in memory)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def fingerprint(db: sqlite_utils.Database) -> dict[str, int]:
    """Row counts of every table, and the posted debit and credit totals."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    found = {f"rows:{t}": db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
    if "voucher_lines" in tables:
        d, c = db.execute(
            "SELECT coalesce(sum(l.debit_fen), 0), coalesce(sum(l.credit_fen), 0) FROM voucher_lines l"
            " JOIN vouchers v ON v.id = l.voucher_id WHERE v.status = 'posted'"
        ).fetchone()
        found |= {"posted_debit_fen": d, "posted_credit_fen": c}
    return found


def problems(db: sqlite_utils.Database, *, quick: bool, sqlite_check: bool = True) -> list[str]:
    """SQLite's integrity (or quick) check and the trial balance of the derived totals."""
    found = []
    if sqlite_check:
        result = [r[0] for r in db.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            found.append(_("SQLite 完整性检查失败：{r}", "SQLite integrity check failed: {r}", r="; ".join(result[:3])))
    tables = set(db.table_names())
    if "period_totals" in tables:
        d, c = db.execute("SELECT coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0) FROM period_totals").fetchone()
        if d != c:
            found.append(_("试算不平衡：借方合计与贷方合计不等。", "The trial balance does not balance: debits and credits differ."))
    return found


def _losses(before: dict[str, int], after: dict[str, int]) -> list[str]:
    lost = []
    for key, value in before.items():
        if key.startswith("rows:"):
            if key in after and after[key] < value:
                lost.append(_("表 {t} 少了 {n} 行", "table {t} lost {n} rows", t=key[5:], n=value - after[key]))
        elif after.get(key) != value:
            lost.append(_("已记账金额变了（{k}）", "the posted amounts changed ({k})", k=key))
    return lost


def safe_upgrade(db: sqlite_utils.Database, steps: list[tuple[int, Callable[[], None]]]) -> None:
    """Run the migration ``steps`` (version, apply) on an existing book: back up, migrate in one transaction,
    check, and roll everything back on any failure."""
    path = book_path(db)
    backup = None
    if path is not None:
        try:
            backup = copy_book(path, folder_for(db.conn, path) / backup_name(f"upgrade-v{steps[0][0] - 1}"))
        except (BookError, OSError) as e:
            raise BookError(
                _("升级前无法备份账簿（{e}），账簿没有升级，保持原样。", "The book could not be backed up before its upgrade ({e}); it was not upgraded and is unchanged.", e=e)
            ) from None
    before = fingerprint(db)
    try:
        with db.atomic():
            for _version, apply in steps:
                apply()
            found = problems(db, quick=False) + _losses(before, fingerprint(db))
            if found:
                raise BookError("; ".join(found))
    except (BookError, sqlite3.Error) as e:
        raise BookError(
            _(
                "账簿升级失败（{e}），已撤销，账簿保持原样。升级前的备份：{b}",
                "The book's upgrade failed ({e}); it was undone and the book is exactly as it was. Backup taken before: {b}",
                e=e,
                b=backup or "-",
            )
        ) from None


QUICK_CHECK_AT_OPEN_BYTES = 256 * 1024 * 1024


def open_warnings(book: Book) -> list[str]:
    """The quick check at every open; each problem is one loud sentence.

    SQLite's quick_check reads the whole file: on a book larger than QUICK_CHECK_AT_OPEN_BYTES it is left to
    ``deferred_check`` (the GUI runs it on a worker thread once the window shows), so a big book still opens at
    once; the trial-balance check always runs here.
    """
    big = book.path is not None and book.path.stat().st_size > QUICK_CHECK_AT_OPEN_BYTES
    book.check_deferred = big
    return _loud(problems(book.db, quick=True, sqlite_check=not big))


def deferred_check(path: Path) -> list[str]:
    """The quick check of a big book, on its own read-only connection (safe on a worker thread)."""
    from app.core.db import connect

    db = connect(path, readonly=True)
    try:
        return _loud(problems(db, quick=True))
    finally:
        db.conn.close()


def _loud(found: list[str]) -> list[str]:
    return [
        _("警告：账簿检查发现问题——{p}。请运行“检查”，必要时从备份恢复。", "WARNING: the book failed its check: {p}. Run check and restore a backup if needed.", p=p)
        for p in found
    ]
