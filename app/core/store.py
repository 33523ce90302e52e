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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

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
        self._load_state()

    def _load_state(self) -> None:
        row = self.db.execute(
            "SELECT max(counter) FROM changes WHERE replica = ?", [self.replica]
        ).fetchone()
        self.counter = row[0] or 0
        last = self.db.execute("SELECT hash, hlc FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
        self.last_hash = last[0] if last else GENESIS
        top = self.db.execute("SELECT max(hlc) FROM changes").fetchone()[0]
        self.clock = HybridClock(top)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; on failure the in-memory counters are reloaded from the book."""
        try:
            with self.db.atomic():
                yield
        except BaseException:
            self._load_state()
            raise

    # -- writes --------------------------------------------------------------------------------------------
    def _require_tx(self) -> None:
        if not self.db.conn.in_transaction:
            raise RuntimeError("writes must run inside Store.transaction()")

    def _record(self, tbl: str, row_id: str, op: str, data: dict | None, old: dict | None) -> Change:
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
        )
        self.append(change)
        return change

    def append(self, change: Change) -> None:
        """Add a change (ours, or one received by sync) to the chained log."""
        digest = entry_hash(self.last_hash, change)
        self.db.execute(
            "INSERT INTO changes (change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at,"
            " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            ],
        )
        self.last_hash = digest
        for listener in self.listeners:
            listener(change)

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

    def insert_many(self, table: str, rows: Iterable[dict[str, Any]]) -> list[str]:
        return [self.insert(table, r) for r in rows]

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
