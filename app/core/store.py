"""The one layer every write to a synced table goes through.

Each insert, update and delete is recorded in ``changes`` with this replica's id and counter, a hybrid logical
clock, the user, the old and new values (field by field) and a hash chaining it to the previous entry. Sync reads
this log to know what to send; the audit trail is this log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.core.errors import BookError
from app.core.i18n import _

SYNCED_TABLES = (
    "settings",
    "members",
    "share_classes",
    "holdings",
    "accounts",
    "assets",
    "vouchers",
    "voucher_lines",
    "periods",
    "depreciation",
    "distributions", "distribution_lines", "distribution_payouts", "distribution_documents", "signing_certificates",
    "replicas",
    "conflict_resolutions",
)

GENESIS = "0" * 64


def new_id() -> str:
    return str(uuid.uuid4())


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Change:
    change_id: str
    replica: str
    counter: int
    hlc: str
    tbl: str
    row_id: str
    op: str
    data: dict | None
    old: dict | None
    user: str
    at: str
    deps: str | None = None  # JSON {replica: counter} of what the author held of the other replicas


def entry_hash(prev_hash: str, c: Change) -> str:
    body = canonical([prev_hash, c.change_id, c.hlc, c.tbl, c.row_id, c.op, c.data, c.old, c.user, c.at])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class HybridClock:
    """Hybrid logical clock: wall-clock milliseconds plus a logical counter, as sortable text."""

    def __init__(self, last: str | None = None):
        self.ms, self.logical = self.parse(last) if last else (0, 0)

    @staticmethod
    def parse(hlc: str) -> tuple[int, int]:
        ms, logical = hlc.split("-")[:2]
        return int(ms), int(logical)

    @staticmethod
    def format(ms: int, logical: int) -> str:
        return f"{ms:015d}-{logical:06d}"

    def now(self) -> str:
        wall = time.time_ns() // 1_000_000
        if wall > self.ms:
            self.ms, self.logical = wall, 0
        else:
            self.logical += 1
        return self.format(self.ms, self.logical)

    def observe(self, hlc: str) -> None:
        ms, logical = self.parse(hlc)
        if (ms, logical) > (self.ms, self.logical):
            self.ms, self.logical = ms, logical


ChangeListener = Callable[[Change], None]


class Store:
    def __init__(self, db: sqlite_utils.Database, replica: str, user: Callable[[], str]):
        self.db = db
        self.replica = replica
        self._user = user
        self.listeners: list[ChangeListener] = []
        self._depth = 0  # nesting of transaction()
        self._load_state()

    def _load_state(self) -> None:
        row = self.db.execute(
            "SELECT max(counter) FROM changes WHERE replica = ?", [self.replica]
        ).fetchone()
        self.counter = row[0] or 0
        last = self.db.execute("SELECT hash, hlc FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
        self.last_hash = last[0] if last else GENESIS
        # the clock's high-water mark is kept in meta at each commit (a max() over the log would scan it)
        mark = self.db.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
        self.clock = HybridClock(max(filter(None, (mark[0] if mark else None, last[1] if last else None)), default=None))
        self._saved_hlc = self.clock.format(self.clock.ms, self.clock.logical)
        self.known = self._knowledge()
        blocked = self.db.execute("SELECT value FROM meta WHERE key = 'replica_blocked'").fetchone()
        self.blocked = blocked[0] if blocked else None

    def _knowledge(self) -> dict[str, int]:
        """The highest counter held of each replica (sync applies a replica's changes without gaps)."""
        ids = {self.replica}
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'replicas'").fetchone():
            ids.update(r[0] for r in self.db.execute("SELECT id FROM replicas"))
        known = {}
        for rid in ids:
            top = self.db.execute("SELECT max(counter) FROM changes WHERE replica = ?", [rid]).fetchone()[0]
            if top:
                known[rid] = top
        return known

    def deps(self) -> str | None:
        """What this replica holds of the others, recorded with each of its changes (sync orders by it)."""
        others = {r: n for r, n in self.known.items() if r != self.replica}
        return canonical(others) if others else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (nested ones are savepoints); on failure the in-memory state is reloaded from the book."""
        try:
            with self.db.atomic():
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                if self._depth == 0:
                    self._save_clock()
        except BaseException:
            self._load_state()
            raise

    def _save_clock(self) -> None:
        hlc = self.clock.format(self.clock.ms, self.clock.logical)
        if hlc != self._saved_hlc:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc', ?)", [hlc])
            self._saved_hlc = hlc

    # -- writes --------------------------------------------------------------------------------------------
    def _require_tx(self) -> None:
        if not self.db.conn.in_transaction:
            raise RuntimeError("writes must run inside Store.transaction()")

    def _record(self, tbl: str, row_id: str, op: str, data: dict | None, old: dict | None) -> Change:
        self._guard(tbl, row_id, data, old)
        self.counter += 1
        change = Change(
            change_id=f"{self.replica}:{self.counter}",
            replica=self.replica,
            counter=self.counter,
            hlc=self.clock.now(),
            tbl=tbl,
            row_id=row_id,
            op=op,
            data=data,
            old=old,
            user=self._user(),
            at=utc_now(),
            deps=self.deps(),
        )
        self.append(change)
        return change

    def _guard(self, tbl: str, row_id: str, data: dict | None, old: dict | None) -> None:
        """Rules that keep copies of the book mergeable (see app/core/sync)."""
        if self.blocked:
            raise BookError(_(
                "这个账簿文件是另一台电脑上账簿的副本或旧备份，请先在同步页确认启用新的副本身份，再修改。",
                "This book file is a copy or an old backup of a book kept elsewhere; confirm a new replica identity "
                "on the sync page before changing it.",
            ), code="replica.blocked")
        if tbl == "settings" and old and old.get("value") and old["value"] != self.replica:
            if self.db.execute("SELECT key FROM settings WHERE id = ?", [row_id]).fetchone()[0] == "posting_replica":
                raise BookError(_(
                    "只有负责记账的副本才能把记账交给别的副本。",
                    "Only the posting replica can hand posting over to another replica.",
                ))
        if tbl == "vouchers" and data and data.get("status") == "posted":
            row = self.db.execute("SELECT value FROM settings WHERE key = 'posting_replica'").fetchone()
            if row and row[0] and row[0] != self.replica:
                raise BookError(_(
                    "凭证只能在负责记账的电脑上记账（凭证号由它统一编号），请把凭证同步过去后在那里记账。",
                    "Vouchers are posted on the posting replica only (it numbers them); sync the voucher there and post it.",
                ))
            d, c = self.db.execute(
                "SELECT coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0) FROM voucher_lines WHERE voucher_id = ?",
                [row_id],
            ).fetchone()
            if d != c:
                raise BookError(_(
                    "这张凭证的分录合并自两台电脑的修改，借贷不平，请先处理同步冲突。",
                    "This voucher's lines were merged from edits on two PCs and do not balance; resolve the sync conflicts first.",
                ))

    def append(self, change: Change) -> None:
        """Add a change (ours, or one received by sync) to the chained log."""
        digest = entry_hash(self.last_hash, change)
        self.db.execute(
            "INSERT INTO changes (change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at,"
            " prev_hash, hash, deps) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                change.change_id,
                change.replica,
                change.counter,
                change.hlc,
                change.tbl,
                change.row_id,
                change.op,
                None if change.data is None else canonical(change.data),
                None if change.old is None else canonical(change.old),
                change.user,
                change.at,
                self.last_hash,
                digest,
                change.deps,
            ],
        )
        self.last_hash = digest
        if change.counter > self.known.get(change.replica, 0):
            self.known[change.replica] = change.counter
        for listener in self.listeners:
            listener(change)

    def receive(self, change: Change, *, observe: bool = True) -> None:
        """Add another replica's change (from a sync file) to the log under its author's id and clock; the
        caller writes the row. ``observe=False`` for a clock flagged as far in the future."""
        self._require_tx()
        if observe:
            self.clock.observe(change.hlc)
        self.append(change)

    def insert(self, table: str, values: dict[str, Any]) -> str:
        self._require_tx()
        row = dict(values)
        row.setdefault("id", new_id())
        _check_values(row)
        cols = list(row)
        self.db.execute(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        self._record(table, row["id"], "insert", row, None)
        return row["id"]

    def update(self, table: str, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """Set fields; only those that really change are written and recorded. Returns the old values."""
        self._require_tx()
        _check_values(values)
        current = self.get(table, row_id)
        if current is None:
            raise KeyError(f"{table} {row_id}")
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        if not changed:
            return {}
        self.db.execute(
            f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in changed)} WHERE id = ?",
            [*changed.values(), row_id],
        )
        old = {k: current.get(k) for k in changed}
        self._record(table, row_id, "update", changed, old)
        return old

    def delete(self, table: str, row_id: str) -> None:
        """Delete a row; the change log keeps it (a tombstone for sync, the old values for audit)."""
        self._require_tx()
        current = self.get(table, row_id)
        if current is None:
            return
        self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        self._record(table, row_id, "delete", None, current)

    # -- reads ---------------------------------------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
        return rows[0] if rows else None


def _check_values(values: dict[str, Any]) -> None:
    for key, value in values.items():
        if not (value is None or isinstance(value, str | int)) or isinstance(value, bool):
            raise TypeError(f"{key}: only text, integers and NULL are stored, got {type(value).__name__}")
