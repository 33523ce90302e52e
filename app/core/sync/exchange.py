"""Writing and reading sync files: what the receiver may lack, checked in full before the book is touched."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import BookError
from app.core.i18n import _
from app.core.ops import Op
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.store import canonical, utc_now
from app.core.sync import envelope, replicas
from app.core.sync.identity import Identity, verify
from app.core.sync.merge import WIRE_COLUMNS, Merger, wire_message
from app.core.sync.payload import check as check_payload

if TYPE_CHECKING:
    from app.core.book import Book

SUFFIX = ".jlsync"


class _DryRun(Exception):
    """Raised to roll back a preview."""


def peer_knows(book: Book, replica_id: str) -> dict[str, int] | None:
    row = book.db.execute("SELECT knows FROM sync_peers WHERE replica = ?", [replica_id]).fetchone()
    return json.loads(row[0]) if row else None


def _base(book: Book, for_replica: str | None, full: bool) -> dict[str, int]:
    """What the receiver already holds, by its own last report; a file for everyone assumes the least of all."""
    if full:
        return {}
    if for_replica:
        return peer_knows(book, for_replica) or {}
    others = [r["id"] for r in replicas.rows(book) if not r["retired"] and r["id"] != book.replica_id]
    reports = [peer_knows(book, r) for r in others]
    if not reports or any(k is None for k in reports):
        return {}
    return {a: min(k.get(a, 0) for k in reports) for a in book.store.known}


_SELECT = (
    f"SELECT {', '.join('c.' + c.strip() for c in WIRE_COLUMNS.split(','))}, s.sig FROM changes c"
    " LEFT JOIN sync_sigs s ON s.change_id = c.change_id"
)


def _introductions(book: Book, replica_id: str, sent: set[str]) -> list[list]:
    """The registrations of the writer and of those who invited it: a file may reach any replica through any
    hands, and one that trusts the first of them can then trust the writer."""
    out: list[list] = []
    rid: str | None = replica_id
    while rid:
        row = book.db.execute(
            f"{_SELECT} WHERE c.tbl = 'replicas' AND c.row_id = ? AND c.op = 'insert' ORDER BY c.seq LIMIT 1",
            [rid],
        ).fetchone()
        if row is None or row[-1] is None:
            break
        if row[0] not in sent:
            out.append([*row[:-1], row[-1].hex()])
        rid = (replicas.get(book, rid) or {}).get("added_by")
    return out


def export(
    book: Book,
    path: Path,
    *,
    for_replica: str | None = None,
    full: bool = False,
    progress: Progress = no_progress,
) -> dict:
    book.require_writable()
    if book.store.blocked:
        raise _blocked()
    ident = replicas.identity(book)
    target = None
    if for_replica:
        target = replicas.get(book, for_replica) or next(
            (r for r in replicas.rows(book) if r["name"] == for_replica), None
        )
        if target is None:
            raise BookError(_("没有副本“{r}”。", "There is no replica “{r}”.", r=for_replica))
    replicas.sign_own(book, ident)
    replicas.given_out(book, ident)
    base = _base(book, target["id"] if target else None, full)
    changes = []
    total = sum(max(top - base.get(a, 0), 0) for a, top in book.store.known.items())
    for author, top in sorted(book.store.known.items()):
        for row in book.db.execute(
            f"{_SELECT} WHERE c.replica = ? AND c.counter > ? AND c.counter <= ? ORDER BY c.counter",
            [author, base.get(author, 0), top],
        ):
            if row[-1] is None:
                break  # unsigned changes of a copy made before sync began: the receiver holds them already
            changes.append([*row[:-1], row[-1].hex()])
            if len(changes) % 5000 == 0:
                progress(len(changes), total, "")
    changes += _introductions(book, ident.replica_id, {c[0] for c in changes})
    recipients = replicas.recipients(book)
    payload = canonical(
        {
            "book_id": replicas.book_id(book),
            "from": ident.replica_id,
            "knows": book.store.known,
            "full": full,
            "changes": changes,
        }
    ).encode("utf-8")
    header = {
        "kind": "changes",
        "book_id": replicas.book_id(book),
        "created": utc_now(),
        "count": len(changes),
        "intro": replicas.chain(book, ident.replica_id),
    }
    data = envelope.seal(payload, header, ident, recipients=recipients)
    envelope.write_verified(Path(path), data)
    return {
        "path": str(path),
        "changes": len(changes),
        "bytes": len(data),
        "for": target["name"] if target else None,
        "full": full,
    }


@dataclass
class Incoming:
    name: str
    header: dict
    payload: dict
    file_hash: str


def read(book: Book, path: Path) -> tuple[Incoming, Identity]:
    """Verify a sync file, check that its signer is a replica this book trusts, then decrypt it; nothing of the
    book is touched."""
    name = Path(path).name
    sealed = envelope.open_envelope(envelope.read_file(path), name)
    h = sealed.header
    if h.get("kind") != "changes":
        raise BookError(
            _(
                "“{f}”不是同步文件（可能是种子文件）。",
                "“{f}” is not a sync file (perhaps a seed file).",
                f=name,
            ),
            code="sync.not_changes",
        )
    if h.get("book_id") != replicas.book_id(book):
        raise _other_book(name)
    _check_signer(book, h, name)
    ident = replicas.identity(book)
    plain, learned = envelope.unseal_with_keys(sealed, name, me=ident)
    try:
        payload = json.loads(plain)
    except (ValueError, RecursionError):
        payload = None
    check_payload(book, payload, name)
    if payload.get("book_id") != replicas.book_id(book) or payload["from"] != h["signer"]:
        raise _other_book(name)
    ident.learn_keys(replicas.book_id(book), learned)
    return Incoming(name, h, payload, sealed.file_hash), ident


def _other_book(name: str) -> BookError:
    return BookError(
        _("同步文件“{f}”属于另一本账簿。", "The sync file “{f}” belongs to another book.", f=name),
        code="sync.other_book",
    )


def _unknown_signer(name: str) -> BookError:
    return BookError(
        _(
            "同步文件“{f}”来自本账簿不认识或已停用的副本，已拒绝读入。",
            "The sync file “{f}” comes from a replica this book does not know or has retired; it was refused.",
            f=name,
        ),
        code="sync.unknown_signer",
    )


def _blocked() -> BookError:
    return BookError(
        _(
            "这个账簿是拷贝或从旧备份恢复的，请先确认启用新的副本身份，再同步。",
            "This book is a copy or was restored from an old backup; confirm a new replica identity before syncing.",
        ),
        code="replica.blocked",
    )


def _check_signer(book: Book, header: dict, name: str) -> None:
    """Before anything is decrypted: the signer is a replica of this book, or one that a trusted replica invited
    (by the registrations the signed header carries), and it is not retired."""
    rows = {r["id"]: r for r in replicas.rows(book)}
    trusted = {rid: r["sign_key"] for rid, r in rows.items()}
    first = replicas.origin(book)
    claimed = replicas.claimed_invites(book)
    signer = header["signer"]
    entries = [e for e in header.get("intro", []) if isinstance(e, dict) and isinstance(e.get("id"), str)]
    grew = True
    while signer not in trusted and grew:
        grew = False
        for e in entries:
            if (
                e["id"] not in trusted
                and isinstance(e.get("sign_key"), str)
                and replicas.intro_valid(e, e["id"], trusted, first, claimed)
            ):
                trusted[e["id"]] = e["sign_key"]
                grew = True
    if trusted.get(signer) != header["sign_key"] or (signer in rows and rows[signer]["retired"]):
        raise _unknown_signer(name)


def _trusted(book: Book, inc: Incoming) -> dict[str, str]:
    """Sign keys of the replicas whose changes are accepted: the book's, and those a trusted one invited."""
    trusted = {r["id"]: r["sign_key"] for r in replicas.rows(book)}
    intros = [w for w in inc.payload["changes"] if w[4] == "replicas" and w[6] == "insert"]
    first = replicas.origin(book)
    claimed = replicas.claimed_invites(book)
    grew = True
    while grew:
        grew = False
        for w in intros:
            data = json.loads(w[7])
            if w[1] in trusted or not replicas.intro_valid(data, w[1], trusted, first, claimed):
                continue
            if verify(data["sign_key"], bytes.fromhex(w[12]), wire_message(w[:12])):
                trusted[w[1]] = data["sign_key"]
                grew = True
    signer = inc.header["signer"]
    row = replicas.get(book, signer)
    if trusted.get(signer) != inc.header["sign_key"] or (row and row["retired"]):
        raise _unknown_signer(inc.name)
    return trusted


def _sort_new(book: Book, inc: Incoming, ident: Identity, trusted: dict[str, str]) -> tuple[list, int]:
    """The verified changes this book lacks, and how many it holds already (each compared in full)."""
    known = book.store.known
    fresh, duplicates = [], 0
    for w in inc.payload["changes"]:
        wire, sig_hex = w[:12], w[12]
        change_id, author, counter = wire[0], wire[1], wire[2]
        if author == ident.replica_id and counter > book.store.counter:
            book.db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('replica_blocked', ?)", [utc_now()]
            )
            book.store.blocked = "yes"
            raise BookError(
                _(
                    "同步文件“{f}”里有本副本从未写过的更新编号的修改：这个账簿是拷贝或从旧备份恢复的，已停止写入，请确认启用新的副本身份。",
                    "The sync file “{f}” holds changes of this replica newer than any it wrote: this book is a copy or was "
                    "restored from an old backup; writing is stopped until you confirm a new replica identity.",
                    f=inc.name,
                )
            )
        if counter <= known.get(author, 0):
            mine = book.db.execute(
                f"SELECT {WIRE_COLUMNS} FROM changes WHERE change_id = ?", [change_id]
            ).fetchone()
            if mine is None or list(mine) != wire:
                raise BookError(
                    _(
                        "同步文件“{f}”中的修改 {c} 与本账簿里的同一修改内容不同（有账簿被拷贝后未换身份），已拒绝读入。",
                        "The change {c} in the sync file “{f}” differs from this book's copy of it (a book was copied "
                        "without a new identity); the file was refused.",
                        f=inc.name,
                        c=change_id,
                    )
                )
            duplicates += 1
            continue
        key = trusted.get(author)
        if key is None or not verify(key, bytes.fromhex(sig_hex), wire_message(wire)):
            raise BookError(
                _(
                    "同步文件“{f}”中的修改 {c} 没有其作者的有效签名，已拒绝读入。",
                    "The change {c} in the sync file “{f}” is not validly signed by its author; the file was refused.",
                    f=inc.name,
                    c=change_id,
                )
            )
        fresh.append((wire, bytes.fromhex(sig_hex)))
    return fresh, duplicates


def _ready(wire: list, known: dict[str, int]) -> bool:
    if wire[2] != known.get(wire[1], 0) + 1:
        return False
    deps = json.loads(wire[11]) if wire[11] else {}
    return all(known.get(r, 0) >= n for r, n in deps.items())


def integrate(book: Book, fresh: list, progress: Progress, cancel: CancelToken) -> Merger:
    """Apply in causal order; what still waits for a missing change is held for a later file."""
    waiting: dict[str, tuple[list, bytes]] = {w[0]: (w, s) for w, s in fresh}
    for change_id, body, sig in book.db.execute("SELECT change_id, body, sig FROM sync_pending").fetchall():
        waiting.setdefault(change_id, (json.loads(body), sig))
    queues: dict[str, list] = {}
    for w, s in sorted(waiting.values(), key=lambda x: x[0][2]):
        if w[2] > book.store.known.get(w[1], 0):
            queues.setdefault(w[1], []).append((w, s))
    merger = Merger(book)
    total = sum(len(q) for q in queues.values())
    moved = True
    while moved:
        moved = False
        for queue in queues.values():
            while queue and _ready(queue[0][0], book.store.known):
                merger.apply(*queue.pop(0))
                moved = True
                if merger.applied % 1000 == 0:
                    cancel.check()
                    progress(merger.applied, total, "")
    book.db.execute("DELETE FROM sync_pending")
    book.db.conn.executemany(
        "INSERT INTO sync_pending (change_id, body, sig) VALUES (?, ?, ?)",
        [(w[0], canonical(w), s) for q in queues.values() for w, s in q],
    )
    merger.finish()
    return merger


def import_file(
    book: Book,
    path: Path,
    *,
    dry_run: bool = False,
    backup: bool = True,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> dict:
    """Read a sync file into the book in one transaction (a backup first), or preview it with ``dry_run``."""
    book.require_writable()
    book.check(Op.SYNC_IMPORT)
    if book.store.blocked:
        raise _blocked()
    inc, ident = read(book, path)
    trusted = _trusted(book, inc)
    try:
        fresh, duplicates = _sort_new(book, inc, ident, trusted)
    except BookError:
        book.store._load_state()
        raise
    before = book.db.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0]
    report = {
        "file": inc.name,
        "from": inc.header["signer"],
        "in_file": len(inc.payload["changes"]),
        "already_had": duplicates,
        "dry_run": dry_run,
        "backup": None,
    }
    if fresh and backup and not dry_run:
        saved = book.backups.before("sync")
        report["backup"] = str(saved) if saved else None
    try:
        with book.transact(Op.SYNC_IMPORT):
            merger = integrate(book, fresh, progress, cancel)
            signer = inc.header["signer"]
            if signer != ident.replica_id:
                book.db.execute(
                    "INSERT INTO sync_peers (replica, knows, received_at, file_hash) VALUES (?,?,?,?)"
                    " ON CONFLICT (replica) DO UPDATE SET knows = excluded.knows, received_at = excluded.received_at,"
                    " file_hash = excluded.file_hash",
                    [signer, canonical(inc.payload["knows"]), utc_now(), inc.file_hash],
                )
            report.update(
                applied=merger.applied,
                tables=dict(sorted(merger.tables.items())),
                held=book.db.execute("SELECT count(*) FROM sync_pending").fetchone()[0],
                new_conflicts=book.db.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0] - before,
                from_name=(replicas.get(book, inc.header["signer"]) or {}).get("name", inc.header["signer"]),
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        book.accounts.invalidate()
        book.settings.invalidate()
    except (
        sqlite3.Error,
        KeyError,
        TypeError,
        ValueError,
    ) as e:  # a signed file whose content makes no sense
        book.accounts.invalidate()
        book.settings.invalidate()
        raise BookError(
            _(
                "同步文件“{f}”的修改无法应用（{e}），账簿未作改动。",
                "The changes in the sync file “{f}” cannot be applied ({e}); the book was not changed.",
                f=inc.name,
                e=e,
            )
        ) from None
    return report
