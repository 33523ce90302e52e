"""Scale of sync bookkeeping. Run: python tests/bench_sync_scale.py [--replicas R] [--changes N] [--behind K]

A book with R replicas (default 20) and N changes in its log (default 100,000, spread over the replicas); every
other replica last reported lacking the newest K changes (default 50) of each author. Printed:
- the knowledge every file carries ({replica: counter}) and the writer's registrations in its header, in bytes,
  beside the size of a whole file that carries no change (the floor);
- the time to decide what to send (from the peers' reports) and to write that file, beside the time to write a
  file when every peer holds everything (the floor: signing, encrypting, writing, reading back).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.book import Book  # noqa: E402
from app.core.ops import Op  # noqa: E402
from app.core.store import Change, canonical, new_id, utc_now  # noqa: E402
from app.core.sync import exchange, replicas  # noqa: E402
from app.core.sync.identity import Identity  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def build(path: Path, n_replicas: int, n_changes: int) -> tuple[Book, list[str]]:
    book = Book.create(path, name="基准测试联营公司", start="2025-01", user="会计")
    me = replicas.identity(book)
    others = [Identity.generate(new_id()) for _ in range(n_replicas - 1)]
    member = book.members.add(code="M1", name="东岭村", kind="collective")
    with book.transact(Op.IMPORT):
        for ident in others:
            book.store.insert(
                "replicas",
                {"id": ident.replica_id, "name": ident.replica_id[:8], "sign_key": ident.sign_key,
                 "box_key": ident.box_key, "added_by": me.replica_id, "invite": None, "retired": 0},
            )  # fmt: skip
    authors = [me.replica_id] + [i.replica_id for i in others]
    counters = dict(book.store.known)
    with book.transact(Op.IMPORT):
        for k in range(n_changes):
            rid = authors[k % len(authors)]
            if rid == me.replica_id:
                book.store.update("members", member, {"note": f"第{k}次"})
                continue
            counters[rid] = counters.get(rid, 0) + 1
            change_id = f"{rid}:{counters[rid]}"
            hlc = book.store.clock.now()
            book.store.receive(
                Change(change_id, rid, counters[rid], hlc, "members", member, "update", {"note": f"第{k}次"}, None,
                       "会计", utc_now(), None)
            )  # fmt: skip
            book.db.execute(
                "INSERT INTO sync_sigs (change_id, sig) VALUES (?, ?)", [change_id, os.urandom(64)]
            )
    return book, [i.replica_id for i in others]


def report_lacking(book: Book, peers: list[str], behind: int) -> None:
    known = book.store.known
    with book.db.atomic():
        for rid in peers:
            knows = {a: max(top - behind, 0) for a, top in known.items()}
            book.db.execute(
                "INSERT OR REPLACE INTO sync_peers (replica, knows, received_at) VALUES (?, ?, ?)",
                [rid, canonical(knows), utc_now()],
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicas", type=int, default=20)
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--behind", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOINTLEDGER_HOME"] = str(Path(tmp) / "home")
        os.environ["JOINTLEDGER_BACKUP_DIR"] = str(Path(tmp) / "backups")
        t_build, (book, peers) = timed(lambda: build(Path(tmp) / "a.jlbook", args.replicas, args.changes))
        log = book.db.execute("SELECT count(*) FROM changes").fetchone()[0]
        print(f"{args.replicas} replicas, {log:,} changes in the log (built in {t_build:.1f} s)")

        report_lacking(book, peers, 0)
        t_sign, _ = timed(
            lambda: book.sync.export(Path(tmp) / "first.jlsync")
        )  # signs this replica's changes once
        t_floor, empty = timed(lambda: book.sync.export(Path(tmp) / "empty.jlsync"))
        report_lacking(book, peers, args.behind)
        t_base, base = timed(lambda: exchange._base(book, None, False))
        t_export, out = timed(lambda: book.sync.export(Path(tmp) / "delta.jlsync"))

        knowledge = len(canonical(book.store.known).encode())
        intro = len(json.dumps(replicas.chain(book, book.replica_id)).encode())
        print(f"knowledge carried by every file: {knowledge:,} bytes; writer's registrations in the header: "
              f"{intro:,} bytes  (floor: a whole file with no change, {empty['bytes']:,} bytes)")  # fmt: skip
        print(f"first file (signs this replica's {book.store.counter:,} changes once): {t_sign:.1f} s")
        print(f"deciding what to send (from {len(peers)} peers' reports): {t_base * 1000:.1f} ms; writing the "
              f"{out['changes']:,}-change file: {t_export * 1000:.0f} ms, {out['bytes']:,} bytes  "
              f"(floor: writing a file with nothing to send, {t_floor * 1000:.0f} ms)")  # fmt: skip
        assert sum(top - base.get(a, 0) for a, top in book.store.known.items()) == out["changes"] - 1
        book.close()


if __name__ == "__main__":
    main()
