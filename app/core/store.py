"""The one layer every write to a synced table goes through.

Each insert, update and delete is recorded in ``changes`` with this replica's id and counter, a hybrid logical
clock, the user, the old and new values (field by field) and a hash chaining it to the previous entry. Sync reads
this log to know what to send; the audit trail is this log.
"""

from __future__ import annotations

import datetime as dt
import functools
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
from app.core.ops import MAY_REPLACE_POSTED, Op, OpChanges

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
    "distribution_meetings", "distribution_plan_notices", "distribution_objections", "distribution_returns", "share_certificates",
    "replicas",
    "conflict_resolutions",
    "users",
)

GENESIS = "0" * 64
REVIEWED_MAY_CHANGE = frozenset({"status", "reviewer", "number", "poster", "posted_at"})  # post, or send back


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


def entry_hash(prev_hash: str, c: Change, data_json: str | None = None, old_json: str | None = None) -> str:
    """SHA-256 of the canonical JSON list [prev_hash, change_id, hlc, tbl, row_id, op, data, old, user, at].

    The list's text is joined from its items' texts (what ``canonical`` of the list gives), so a writer that has
    the canonical text of ``data`` and ``old`` already passes it instead of encoding them twice."""
    items = (
        _text(prev_hash), _text(c.change_id), _text(c.hlc), _text(c.tbl), _text(c.row_id), _text(c.op),
        canonical(c.data) if data_json is None else data_json,
        canonical(c.old) if old_json is None else old_json,
        _text(c.user), _text(c.at),
    )  # fmt: skip
    return hashlib.sha256(f"[{','.join(items)}]".encode()).hexdigest()


_text = json.JSONEncoder(ensure_ascii=False).encode  # one string as canonical JSON


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
        self.op: Op | None = None  # the operation being written (app/core/ops.py); None outside one
        self._changes: OpChanges | None = None
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
        self._deps: tuple[str | None] | None = None  # deps() as text, until another replica's change arrives
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
        if self._deps is None:
            others = {r: n for r, n in self.known.items() if r != self.replica}
            self._deps = (canonical(others) if others else None,)
        return self._deps[0]

    @contextmanager
    def transaction(self, op: Op | None = None) -> Iterator[OpChanges]:
        """One transaction for one operation (nested ones are savepoints of the outer operation); on failure
        the in-memory state is reloaded from the book. Use ``Book.transact``, which checks permissions first."""
        if self.op is None:
            if op is None:
                raise RuntimeError("writes go through Book.transact(op)")
            self.op, self._changes = op, OpChanges(op)
        changes = self._changes
        try:
            with self.db.atomic():
                self._depth += 1
                try:
                    yield changes
                finally:
                    self._depth -= 1
                if self._depth == 0:
                    self._save_clock()
        except BaseException:
            self._load_state()
            raise
        finally:
            if self._depth == 0:
                self.op, self._changes = None, None

    def _save_clock(self) -> None:
        hlc = self.clock.format(self.clock.ms, self.clock.logical)
        if hlc != self._saved_hlc:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc', ?)", [hlc])
            self._saved_hlc = hlc

    # -- writes --------------------------------------------------------------------------------------------
    def _require_tx(self) -> None:
        if self.op is None or not self.db.conn.in_transaction:
            raise RuntimeError("writes go through Book.transact(op)")

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

    def _guard_vouchers(self, tbl: str, row_id: str, op: str, data: dict | None) -> None:
        """Before a write: a posted voucher never changes (a correction is a reversal), a reviewed one changes
        only by being posted or sent back to draft, lines change only on a draft, nothing changes in a closed
        month (except the year-end close's own closing vouchers, booked into its closed December)."""
        if tbl == "vouchers":
            row = self.db.execute("SELECT status, period, kind FROM vouchers WHERE id = ?", [row_id]).fetchone()
            status = row[0] if row else None
            if status == "posted" and self.op not in MAY_REPLACE_POSTED:
                raise VoucherLocked("posted", row_id)
            if status == "reviewed" and (op == "delete" or not set(data or {}) <= REVIEWED_MAY_CHANGE):
                raise VoucherLocked("reviewed", row_id)
            kind = (data or {}).get("kind") or (row[2] if row else None)
            self._require_open({p for p in (row[1] if row else None, (data or {}).get("period")) if p}, kind)
        elif tbl == "voucher_lines":
            voucher = (data or {}).get("voucher_id")
            if voucher is None:
                row = self.db.execute("SELECT voucher_id FROM voucher_lines WHERE id = ?", [row_id]).fetchone()
                voucher = row[0] if row else None
            parent = self.db.execute("SELECT status, period, kind FROM vouchers WHERE id = ?", [voucher]).fetchone()
            if parent is None:
                return  # a line whose voucher is gone: only its deletion can come here
            if parent[0] != "draft" and not (parent[0] == "posted" and self.op in MAY_REPLACE_POSTED):
                raise VoucherLocked(parent[0], voucher)
            self._require_open({parent[1]}, parent[2])

    def _require_open(self, periods: set[str], kind: str | None) -> None:
        if kind == "closing" and self.op == Op.CLOSE_PERIOD:
            return
        closed = [p for p in periods if self.db.execute("SELECT 1 FROM periods WHERE period = ?", [p]).fetchone()]
        if closed:
            raise BookError(
                _("{p} 已结账，不能再录入或改动凭证。", "{p} is closed; vouchers can no longer be entered or changed.", p=closed[0]),
                code="period.closed",
            )

    def append(self, change: Change) -> None:
        """Add a change (ours, or one received by sync) to the chained log."""
        data_json, old_json = canonical(change.data), canonical(change.old)
        digest = entry_hash(self.last_hash, change, data_json, old_json)
        self.db.conn.execute(
            "INSERT INTO changes (change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at,"
            " prev_hash, hash, deps) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                change.change_id,
                change.replica,
                change.counter,
                change.hlc,
                change.tbl,
                change.row_id,
                change.op,
                None if change.data is None else data_json,
                None if change.old is None else old_json,
                change.user,
                change.at,
                self.last_hash,
                digest,
                change.deps,
            ),
        )
        self.last_hash = digest
        if self._changes is not None:
            self._changes.add(change.tbl, change.row_id)
        if change.counter > self.known.get(change.replica, 0):
            if change.replica != self.replica:
                self._deps = None
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
        self._guard_vouchers(table, row["id"], "insert", row)
        cols = tuple(row)
        self.db.conn.execute(_insert_sql(table, cols), [row[c] for c in cols])
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
        self._guard_vouchers(table, row_id, "update", changed)
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
        self._guard_vouchers(table, row_id, "delete", None)
        self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        self._record(table, row_id, "delete", None, current)

    # -- reads ---------------------------------------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        cur = self.db.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        row = cur.fetchone()
        return dict(zip((d[0] for d in cur.description), row, strict=True)) if row else None


@functools.lru_cache(maxsize=256)
def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})"


class VoucherLocked(BookError):
    """A change to a voucher that its status no longer allows."""

    def __init__(self, status: str, voucher_id: str):
        messages = {
            "posted": ("已记账的凭证不能修改，请用红字冲销更正。", "A posted voucher cannot change; correct it with a reversal."),
            "reviewed": ("已审核的凭证只能记账或取消审核后再修改。", "A reviewed voucher can only be posted, or sent back to draft first."),
        }
        zh, en = messages.get(status, messages["posted"])
        super().__init__(_(zh, en), code=f"voucher.{status}")
        self.voucher_id = voucher_id


def _check_values(values: dict[str, Any]) -> None:
    for key, value in values.items():
        if not (value is None or isinstance(value, str | int)) or isinstance(value, bool):
            raise TypeError(f"{key}: only text, integers and NULL are stored, got {type(value).__name__}")
