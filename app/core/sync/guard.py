"""Recognising a restored or copied book when it opens, before its first write.

Every copy of a book numbers its changes with its own replica id and a counter; two files writing under the
same id with the same counters split the network for good. Beside the replica's key (outside the book, see
identity.py) a small mark keeps the highest counter this replica has given out in a file and the book file that
holds the identity. A book that is behind its mark (restored from an old backup), a second file claiming the
identity (a copy), or a replica whose key is not on this PC (a copy carried to another PC) opens with writing
stopped and one sentence saying why and what to do: ``replica renew`` (or join from a seed without the key).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.i18n import _
from app.core.sync import replicas
from app.core.sync.identity import Identity, read_mark, write_mark

if TYPE_CHECKING:
    from app.core.book import Book

RESTORED, COPIED, NO_KEY = "restored", "copied", "no_key"


def _claims(path: Path, book_id: str, replica_id: str) -> bool:
    """Whether the book file at ``path`` holds the same book under the same replica id."""
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rid = conn.execute("SELECT value FROM meta WHERE key = 'replica_id'").fetchone()
            bid = conn.execute("SELECT value FROM settings WHERE key = 'book_id'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(rid and bid and rid[0] == replica_id and bid[0] == book_id)


def diagnose(book: Book) -> str | None:
    """Why this book file must not write under its replica id, or None when it may."""
    if book.path is None:
        return None
    bid, rid = replicas.book_id(book), book.replica_id
    row = replicas.get(book, rid)
    if row is None:  # sync was never used with this book here: nothing to tell apart yet
        return None
    ident = Identity.load(bid, rid)
    if ident is None or ident.sign_key != row["sign_key"]:
        return NO_KEY
    here = book.path.resolve()
    mark = read_mark(bid, rid)
    if mark is None:
        return None
    if book.store.counter < int(mark.get("counter", 0)):
        return RESTORED
    owner = Path(str(mark.get("path", "")))
    if owner != here and _claims(owner, bid, rid):
        return COPIED
    return None


def check_at_open(book: Book) -> list[str]:
    """Stop writing (and syncing) in a restored or copied book; returns the sentence to show, if any. A book
    found in its place takes the mark over (it was moved)."""
    if book.readonly or book.path is None:
        return []
    if book.store.blocked:  # found before, at an earlier open or in a sync file: until ``replica renew``
        return [message(book.store.blocked)]
    reason = diagnose(book)
    if reason is None:
        if replicas.get(book, book.replica_id) is not None:
            write_mark(replicas.book_id(book), book.replica_id, 0, book.path.resolve())
        return []
    book.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('replica_blocked', ?)", [reason])
    book.store.blocked = reason
    return [message(reason)]


def message(reason: str) -> str:
    if reason == NO_KEY:
        return _(
            "这个账簿文件是别的电脑上副本的拷贝（本机没有它的密钥），已停止写入；请在原电脑写出种子文件，用它加入为新副本。",
            "This book file is a copy of a replica kept on another PC (this PC does not hold its key); writing is "
            "stopped; write a seed file on that PC and join from it as a new replica.",
        )
    if reason == COPIED:
        return _(
            "这个账簿文件是本机另一个账簿文件的拷贝，已停止写入；如要两份都继续用，请在同步页“启用新的副本身份”（replica renew）。",
            "This book file is a copy of another book file on this PC; writing is stopped; to keep using both, take "
            "a new replica identity on the sync page (replica renew).",
        )
    return _(
        "这个账簿比它已经同步出去的内容旧（从旧备份恢复或旧拷贝），已停止写入；请在同步页“启用新的副本身份”（replica renew），再与其他电脑同步取回较新的修改。",
        "This book is older than what it has already synced out (restored from an old backup, or an old copy); "
        "writing is stopped; take a new replica identity on the sync page (replica renew), then sync to get the "
        "newer changes back.",
    )
