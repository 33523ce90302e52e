"""Sync by file exchange: every copy of a book is a replica; copies converge by carrying signed, encrypted files
of changes (USB sticks by default, or a sync folder).

Voucher numbers: only the *posting replica* (the setting ``posting_replica``, set to the replica that exports the
first seed) posts vouchers and so numbers them; other replicas prepare and review drafts, which reach it by sync.
Numbers therefore stay unique and gap-free per month on every copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.ops import Permission
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sync import conflicts, exchange, folder, replicas
from app.core.sync.identity import Identity

if TYPE_CHECKING:
    from app.core.book import Book

__all__ = ["Sync"]


class Sync:
    """The sync service of one open book (``book.sync``)."""

    def __init__(self, book: Book):
        self.book = book

    # -- replicas -----------------------------------------------------------------------------------------
    def identity(self) -> Identity:
        return replicas.identity(self.book)

    def replicas(self) -> list[dict]:
        return replicas.rows(self.book)

    def seed(self, path: Path | str, passphrase: str) -> dict:
        self.book.require(Permission.EXPORT)  # a full copy of the book, under a passphrase of the user's choosing
        return replicas.seed(self.book, Path(path), passphrase)

    @staticmethod
    def join(
        seed_path: Path | str,
        new_book: Path | str,
        name: str,
        passphrase: str,
        *,
        user: str | None = None,
        password: str | None = None,
    ) -> Book:
        """A new replica from a seed file (``user``/``password`` log in when the book has users)."""
        return replicas.join(Path(seed_path), Path(new_book), name, passphrase, user=user, password=password)

    def retire(self, replica: str) -> None:
        replicas.retire(self.book, replica)

    def rename(self, name: str) -> None:
        replicas.rename(self.book, name)

    def hand_over_posting(self, replica: str) -> None:
        replicas.hand_over_posting(self.book, replica)

    def renew_identity(self, name: str) -> str:
        return replicas.renew(self.book, name)

    # -- files --------------------------------------------------------------------------------------------
    def export(
        self,
        path: Path | str,
        *,
        for_replica: str | None = None,
        full: bool = False,
        progress: Progress = no_progress,
    ) -> dict:
        self.book.require(Permission.SYNC)
        return exchange.export(self.book, Path(path), for_replica=for_replica, full=full, progress=progress)

    def import_file(
        self,
        path: Path | str,
        *,
        dry_run: bool = False,
        backup: bool = True,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> dict:
        return exchange.import_file(
            self.book, Path(path), dry_run=dry_run, backup=backup, progress=progress, cancel=cancel
        )

    def default_file_name(self) -> str:
        me = replicas.get(self.book, self.book.replica_id)
        name = me["name"] if me else self.book.replica_id[:8]
        return f"{self.book.settings.name}-{name}{exchange.SUFFIX}"

    # -- the sync folder ----------------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return folder.get(self.book)

    def set_folder(self, path: Path | str | None) -> None:
        self.book.require(Permission.SETTINGS)
        folder.set_folder(self.book, Path(path) if path else None)

    def exchange_folder(self, path: Path | str | None = None) -> dict:
        self.book.require(Permission.SYNC)
        return folder.run(self.book, Path(path) if path else None)

    # -- conflicts and status -----------------------------------------------------------------------------
    def conflicts(self) -> list[dict]:
        return conflicts.listing(self.book)

    def resolve(self, loser_change: str, *, apply: bool, note: str = "") -> None:
        conflicts.resolve(self.book, loser_change, apply=apply, note=note)

    def status(self) -> dict:
        book = self.book
        me = book.replica_id
        known = book.store.known
        out = []
        for r in replicas.rows(book):
            knows = exchange.peer_knows(book, r["id"]) or {}
            peer = book.db.execute(
                "SELECT received_at FROM sync_peers WHERE replica = ?", [r["id"]]
            ).fetchone()
            out.append(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "retired": bool(r["retired"]),
                    "this": r["id"] == me,
                    "we_hold": known.get(r["id"], 0),
                    "it_holds_of_ours": knows.get(me, 0) if r["id"] != me else known.get(me, 0),
                    "it_wrote": knows.get(r["id"], 0),
                    "last_heard": peer[0] if peer else None,
                }
            )
        return {
            "replica": me,
            "posting_replica": book.settings.get("posting_replica"),
            "our_changes": known.get(me, 0),
            "held": book.db.execute("SELECT count(*) FROM sync_pending").fetchone()[0],
            "conflicts": book.db.execute(
                "SELECT count(DISTINCT loser_change) FROM sync_conflicts"
            ).fetchone()[0],
            "blocked": bool(book.store.blocked),
            "folder": str(self.folder) if self.folder else None,
            "replicas": out,
        }
