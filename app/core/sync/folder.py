"""The sync folder: a LAN share or a cloud-drive folder where each replica drops its file and picks up the others'.

Every file read from it gets exactly the checks a stick gets. USB sticks need no setting; this is optional.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import BookError
from app.core.i18n import _
from app.core.store import canonical
from app.core.sync import exchange

if TYPE_CHECKING:
    from app.core.book import Book

META_KEY = "sync_folder"  # local to this PC: the same share has different paths on different PCs


def get(book: Book) -> Path | None:
    row = book.db.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    return Path(row[0]) if row and row[0] else None


def set_folder(book: Book, folder: Path | None) -> None:
    book.require_writable()
    with book.db.atomic():
        if folder is None:
            book.db.execute("DELETE FROM meta WHERE key IN (?, 'sync_folder_last')", [META_KEY])
        else:
            book.db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [META_KEY, str(Path(folder).resolve())],
            )


def run(book: Book, folder: Path | None = None) -> dict:
    """One exchange: write our file if we have news, then read every other replica's file not read before."""
    folder = Path(folder) if folder else get(book)
    if folder is None:
        raise BookError(_("还没有设置同步文件夹。", "No sync folder is set."))
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise BookError(
            _("同步文件夹“{d}”现在无法访问。", "The sync folder “{d}” cannot be reached now.", d=folder)
        )
    ours = folder / f"{book.replica_id}{exchange.SUFFIX}"
    report: dict = {"folder": str(folder), "wrote": None, "read": [], "errors": []}
    state = canonical(book.store.known)
    last = book.db.execute("SELECT value FROM meta WHERE key = 'sync_folder_last'").fetchone()
    if not ours.exists() or not last or last[0] != state:
        report["wrote"] = exchange.export(book, ours)
        book.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_folder_last', ?)", [state])
    seen = {r[0] for r in book.db.execute("SELECT file_hash FROM sync_peers WHERE file_hash IS NOT NULL")}
    for path in sorted(folder.glob(f"*{exchange.SUFFIX}")):
        if path == ours:
            continue
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() in seen:
                continue
            report["read"].append(exchange.import_file(book, path))
        except (BookError, OSError) as e:
            report["errors"].append(f"{path.name}: {e}")
    return report
