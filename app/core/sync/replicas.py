"""Replicas: this copy's identity, the seed a new PC joins from, retiring a copy."""

from __future__ import annotations

import json
import socket
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core import outfile
from app.core.errors import BookError
from app.core.i18n import _
from app.core.ops import Op
from app.core.store import canonical, new_id, utc_now
from app.core.sync import envelope
from app.core.sync.identity import Identity, new_book_key, verify, write_mark
from app.core.sync.merge import WIRE_COLUMNS, retired_cutoffs, wire_message

if TYPE_CHECKING:
    from app.core.book import Book

LOCAL_TABLES = ("sync_peers", "sync_pending")


def book_id(book: Book) -> str:
    return book.settings.get("book_id") or ""


def _with_retirements(book: Book, found: list[dict]) -> list[dict]:
    """A replica counts as retired once any retirement of it is in the log (see merge.retired_cutoffs), even
    while its row shows the retirement as a change not applied."""
    cutoffs = retired_cutoffs(book.db)
    for r in found:
        if r["id"] in cutoffs and not r["retired"]:
            r["retired"] = retired_value(cutoffs[r["id"]])
    return found


def rows(book: Book) -> list[dict]:
    return _with_retirements(book, list(book.db.query("SELECT * FROM replicas ORDER BY name, id")))


def get(book: Book, replica_id: str) -> dict | None:
    found = _with_retirements(book, list(book.db.query("SELECT * FROM replicas WHERE id = ?", [replica_id])))
    return found[0] if found else None


def origin(book: Book) -> str:
    """The replica that created the book (author of the first change in every copy's log)."""
    row = book.db.execute("SELECT replica FROM changes ORDER BY seq LIMIT 1").fetchone()
    return row[0] if row else book.replica_id


def identity(book: Book) -> Identity:
    """This replica's keys; the first use registers the replica in the book."""
    bid, rid = book_id(book), book.replica_id
    ident = Identity.load(bid, rid)
    row = get(book, rid)
    if row is None:
        book.require_writable()
        if ident is None:
            ident = Identity.generate(rid)
            ident.save(bid)
        _register(book, ident, socket.gethostname() or _("本机", "this PC"), None)
        if book.path is not None:
            write_mark(bid, rid, 0, book.path.resolve())
    elif ident is None or ident.sign_key != row["sign_key"]:
        raise BookError(
            _(
                "这个账簿文件是副本“{n}”的拷贝，本机没有它的密钥；请用种子文件加入为新副本。",
                "This book file is a copy of the replica “{n}” and this PC does not hold its key; join as a new replica "
                "from a seed file.",
                n=row["name"],
            )
        )
    if not ident.book_keys:  # the book's first replica, or one made before files had a content key
        ident.learn_keys(bid, new_book_key(1))
    return ident


def given_out(book: Book, ident: Identity) -> None:
    """Note, outside the book, the highest counter this replica has now given out in a file."""
    if book.path is not None:
        write_mark(book_id(book), ident.replica_id, book.store.counter, book.path.resolve())


def chain(book: Book, replica_id: str) -> list[dict]:
    """The writer's registration and those of the replicas that invited it, as a file's header carries them: a
    reader that trusts the first of them can trust the writer before it decrypts anything."""
    out: list[dict] = []
    rid: str | None = replica_id
    while rid and len(out) < 64:
        row = get(book, rid)
        if row is None:
            break
        out.append({"id": row["id"], "sign_key": row["sign_key"], "invite": row["invite"]})
        rid = row["added_by"]
    return out


def _register(book: Book, ident: Identity, name: str, invite: dict | None) -> None:
    with book.transact(Op.EDIT_REPLICAS):
        book.store.insert(
            "replicas",
            {
                "id": ident.replica_id,
                "name": name,
                "sign_key": ident.sign_key,
                "box_key": ident.box_key,
                "added_by": invite["by"] if invite else None,
                "invite": canonical(invite) if invite else None,
                "retired": 0,
            },
        )


def pending_invites(book: Book) -> dict[str, str]:
    """Seeds this replica gave out whose replica has not reported yet: invitation id → X25519 public key."""
    row = book.db.execute("SELECT value FROM meta WHERE key = 'sync_invites'").fetchone()
    pending = json.loads(row[0]) if row else {}
    claimed = {
        json.loads(r[0])["id"]
        for r in book.db.execute("SELECT invite FROM replicas WHERE invite IS NOT NULL")
    }
    return {k: v for k, v in pending.items() if k not in claimed}


def recipients(book: Book) -> dict[str, str]:
    """Who a file from this replica is encrypted for: the active replicas and the seeds not yet heard from."""
    out = pending_invites(book)
    out.update({r["id"]: r["box_key"] for r in rows(book) if not r["retired"]})
    return out


def _invite_message(bid: str, invite_id: str) -> bytes:
    return canonical(["invite", bid, invite_id]).encode("utf-8")


def claimed_invites(book: Book) -> dict[str, str]:
    """Invitation id → the replica that joined with it (an invitation introduces one replica only)."""
    out = {}
    for rid, invite in book.db.execute("SELECT id, invite FROM replicas WHERE invite IS NOT NULL").fetchall():
        try:
            out[json.loads(invite)["id"]] = rid
        except (ValueError, TypeError, KeyError):
            continue
    return out


def intro_valid(
    data: dict, author: str, trusted: dict[str, str], first: str, claimed: dict[str, str] | None = None
) -> bool:
    """A replica's self-registration is trusted when a trusted replica invited it (with an invitation no other
    replica joined with), or it created the book."""
    if data.get("id") != author:
        return False
    if not data.get("invite"):
        return author == first
    try:
        invite = json.loads(data["invite"])
        by = invite.get("by")
        return (
            by in trusted
            and (claimed or {}).get(invite["id"], author) == author
            and verify(
                trusted[by], bytes.fromhex(invite["sig"]), _invite_message(invite["book_id"], invite["id"])
            )
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return False


def sign_own(book: Book, ident: Identity) -> None:
    """Sign this replica's changes not signed yet (relays pass the signature on with the change)."""
    key = f"sync_signed:{ident.replica_id}"
    row = book.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    upto = int(row[0]) if row else 0
    wires = book.db.execute(
        f"SELECT {WIRE_COLUMNS} FROM changes WHERE replica = ? AND counter > ? ORDER BY counter",
        [ident.replica_id, upto],
    ).fetchall()
    if not wires:
        return
    with book.db.atomic():
        book.db.conn.executemany(
            "INSERT OR REPLACE INTO sync_sigs (change_id, sig) VALUES (?, ?)",
            [(w[0], ident.sign.sign(wire_message(list(w)))) for w in wires],
        )
        book.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, str(wires[-1][2])])


def invitation(book: Book) -> dict:
    """What a new replica needs besides the book's data: an invitation signed by this replica, the private key
    files are encrypted for until it reports, and what this replica holds now."""
    ident = identity(book)
    if not book.settings.get("posting_replica"):
        book.settings.set("posting_replica", ident.replica_id)
    sign_own(book, ident)
    bid = book_id(book)
    invite_id = new_id()
    invite = {
        "book_id": bid,
        "by": ident.replica_id,
        "id": invite_id,
        "sig": ident.sign.sign(_invite_message(bid, invite_id)).hex(),
    }
    invite_box = X25519PrivateKey.generate()
    pending = pending_invites(book)
    pending[invite_id] = invite_box.public_key().public_bytes_raw().hex()
    book.db.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_invites', ?)", [canonical(pending)]
    )
    raw = serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    return {
        "invite": invite,
        "invite_box": invite_box.private_bytes(*raw).hex(),
        "knows": book.store.known,
        "book_keys": {kid: [epoch, key.hex()] for kid, (epoch, key) in ident.book_keys.items()},
    }


def seed(book: Book, path: Path, passphrase: str) -> dict:
    """A full copy of the book and its trusted replicas, with an invitation, sealed with a passphrase."""
    book.require_writable()
    if not passphrase:
        raise BookError(_("请为种子文件设置口令。", "Set a passphrase for the seed file."))
    ident = identity(book)
    head = canonical(invitation(book)).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "seed.jlbook"
        dest = sqlite3.connect(copy)
        book.db.conn.backup(dest)
        dest.close()
        body = copy.read_bytes()
    data = envelope.seal(
        head + b"\n" + body,
        {"kind": "seed", "book_id": book_id(book), "created": utc_now()},
        ident,
        passphrase=passphrase,
    )
    envelope.write_verified(Path(path), data)
    given_out(book, ident)
    return {"path": str(path), "bytes": len(data), "replicas": len(rows(book))}


def join(
    seed_path: Path,
    new_book: Path,
    name: str,
    passphrase: str,
    *,
    user: str | None = None,
    password: str | None = None,
) -> Book:
    """Make a new replica from a seed: the book's data and trusted replicas, with a new id and new keys."""
    name = name.strip()
    if not name:
        raise BookError(
            _(
                "请给这个副本起一个名字，例如“东岭村会计室”。",
                "Give this replica a name, e.g. “东岭村会计室”.",
            )
        )
    new_book = Path(new_book)
    if new_book.exists():
        raise BookError(
            _(
                "文件“{p}”已存在，不会覆盖。",
                "The file “{p}” exists already; it will not be overwritten.",
                p=new_book,
            )
        )
    sealed = envelope.open_envelope(envelope.read_file(seed_path), Path(seed_path).name)
    if sealed.header.get("kind") != "seed":
        raise BookError(_("“{f}”不是种子文件。", "“{f}” is not a seed file.", f=Path(seed_path).name))
    head, body = envelope.unseal(sealed, Path(seed_path).name, passphrase=passphrase).split(b"\n", 1)
    outfile.write_bytes(new_book, body)
    return adopt(new_book, json.loads(head), name, sealed.header["sign_key"], user=user, password=password)


def adopt(
    new_book: Path,
    invited: dict,
    name: str,
    sign_key: str,
    *,
    user: str | None = None,
    password: str | None = None,
) -> Book:
    """Turn a copy of a book (from a seed) into a new replica: a new id, new keys, registered by invitation."""
    from app.core.book import Book

    invite = invited["invite"]
    try:
        book = Book.open(new_book, user=user, password=password)
        signer = get(book, invite["by"])
        if signer is None or signer["sign_key"] != sign_key:
            raise BookError(
                _(
                    "种子文件与其中的账簿不符，已拒绝。",
                    "The seed file does not match the book inside it; it was refused.",
                )
            )
        replica_id = new_id()
        with book.db.atomic():
            book.db.execute("UPDATE meta SET value = ? WHERE key = 'replica_id'", [replica_id])
            book.db.execute(
                "DELETE FROM meta WHERE key IN ('replica_blocked', 'sync_folder', 'sync_folder_last', 'sync_invites')"
            )
            for table in LOCAL_TABLES:
                book.db.execute(f"DELETE FROM [{table}]")
            book.db.execute(
                "INSERT INTO sync_peers (replica, knows, received_at) VALUES (?, ?, ?)",
                [signer["id"], canonical(invited["knows"]), utc_now()],
            )
        book.close()
        book = Book.open(new_book, user=user, password=password)
        box = X25519PrivateKey.from_private_bytes(bytes.fromhex(invited["invite_box"]))
        fresh = Identity.generate(replica_id)
        keys = {
            kid: (epoch, bytes.fromhex(key)) for kid, (epoch, key) in invited.get("book_keys", {}).items()
        }
        ident = Identity(replica_id, fresh.sign, fresh.box, invite["id"], box, keys)
        ident.save(book_id(book))
        write_mark(book_id(book), replica_id, 0, new_book.resolve())
        _register(book, ident, name, invite)
        return book
    except BaseException:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(new_book) + suffix).unlink(missing_ok=True)
        raise


def retire(book: Book, replica: str) -> None:
    """Retire a replica: a signed fact that syncs, with the last of its changes this replica holds. Every
    replica keeps what it wrote up to there and refuses what it writes later, whoever relays it (the later
    changes are listed as conflicts, so nothing typed is lost). The book's content key is renewed, and the new
    key is handed only to the replicas still active."""
    book.check(Op.EDIT_REPLICAS)
    row = get(book, replica) or next((r for r in rows(book) if r["name"] == replica), None)
    if row is None:
        raise BookError(_("没有副本“{r}”。", "There is no replica “{r}”.", r=replica), code="replica.unknown")
    if row["id"] == book.replica_id:
        raise BookError(
            _("不能停用本机副本。", "This replica cannot retire itself."), code="replica.retire_self"
        )
    ident = identity(book)
    with book.transact(Op.EDIT_REPLICAS):
        book.store.update(
            "replicas", row["id"], {"retired": retired_value(book.store.known.get(row["id"], 0))}
        )
    epoch = max((e for e, _k in ident.book_keys.values()), default=0)
    ident.learn_keys(book_id(book), new_book_key(epoch + 1))


def retired_value(last_counter: int) -> int:
    """``replicas.retired``: 0 while active; once retired, 1 + the last counter accepted from it (1 alone, from
    books made before retirements carried it, bounds nothing)."""
    return max(last_counter, 1) + 1


def rename(book: Book, name: str) -> None:
    """The name people recognise this copy by (东岭村会计室)."""
    book.check(Op.EDIT_REPLICAS)
    name = name.strip()
    if not name:
        raise BookError(
            _(
                "请给这个副本起一个名字，例如“东岭村会计室”。",
                "Give this replica a name, e.g. “东岭村会计室”.",
            )
        )
    identity(book)
    with book.transact(Op.EDIT_REPLICAS):
        book.store.update("replicas", book.replica_id, {"name": name})


def hand_over_posting(book: Book, replica: str) -> None:
    """Make another replica the one that posts (and numbers) vouchers; only the posting replica can hand over,
    so two replicas never number the same month."""
    book.require_writable()
    row = get(book, replica) or next((r for r in rows(book) if r["name"] == replica), None)
    if row is None or row["retired"]:
        raise BookError(_("没有可用的副本“{r}”。", "There is no active replica “{r}”.", r=replica))
    book.settings.set("posting_replica", row["id"])


def renew(book: Book, name: str) -> str:
    """After a restore or copy was detected: continue as a new replica, invited by the old identity."""
    book.require_writable()
    bid = book_id(book)
    old = Identity.load(bid, book.replica_id)
    if old is None:
        raise BookError(
            _(
                "本机没有原副本的密钥，无法换用新身份；请用种子文件加入为新副本。",
                "This PC does not hold the old replica's key, so it cannot take a new identity; join from a seed file.",
            )
        )
    # the old identity's changes leave with this file from now on (a copy of a replica that never wrote a file
    # holds changes no one else has): sign them while its key is at hand, so that any replica can accept them
    sign_own(book, old)
    replica_id = new_id()
    invite_id = new_id()
    invite = {
        "book_id": bid,
        "by": old.replica_id,
        "id": invite_id,
        "sig": old.sign.sign(_invite_message(bid, invite_id)).hex(),
    }
    with book.db.atomic():
        book.db.execute("UPDATE meta SET value = ? WHERE key = 'replica_id'", [replica_id])
        book.db.execute("DELETE FROM meta WHERE key = 'replica_blocked'")
    book.replica_id = book.store.replica = replica_id
    book.store._load_state()
    fresh = Identity.generate(replica_id)
    ident = Identity(replica_id, fresh.sign, fresh.box, book_keys=dict(old.book_keys))
    ident.save(bid)
    if book.path is not None:
        write_mark(bid, replica_id, 0, book.path.resolve())
    _register(book, ident, name.strip() or socket.gethostname(), invite)
    return replica_id
