"""Merging other replicas' changes into this book.

Changes are applied in causal order (a change waits until every change its author had seen is here), then each
row is decided field by field from its history in the log: the values that no later edit has seen are the
field's heads; one head wins everywhere (later clock, ties by replica id) and the others stay in the conflict
list until someone resolves them. A posted voucher wins over edits concurrent with its posting (vouchers are
append-only); two rows wanting the same unique value keep it for the older row and show the other with a marked
value until someone renames it. The result depends only on the set of changes, never on the order of files.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError
from app.core.i18n import _
from app.core.store import Change, HybridClock, canonical
from app.core.vouchers import add_to_totals

if TYPE_CHECKING:
    from app.core.book import Book

WIRE_COLUMNS = "change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at, deps"
VOUCHER_TABLES = ("vouchers", "voucher_lines")
FUTURE_MS = 24 * 3600 * 1000  # a clock more than a day ahead of ours is flagged, not followed
EXISTS = "_exists"


def wire_message(wire: list) -> bytes:
    """What an author signs: the change exactly as stored (JSON fields as their canonical text)."""
    return canonical(wire).encode("utf-8")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def retired_cutoffs(db) -> dict[str, int]:
    """Replica id → the last of its changes accepted, for every replica retired (``replicas.retired`` holds 1 +
    that counter; see app/core/sync/replicas.retired_value)."""
    return {
        row_id: top - 1
        for row_id, top in db.execute(
            "SELECT row_id, min(json_extract(data, '$.retired')) FROM changes WHERE tbl = 'replicas' AND op = 'update'"
            " AND json_extract(data, '$.retired') >= 2 GROUP BY row_id"
        ).fetchall()
    }


@dataclass
class Rec:
    change_id: str
    replica: str
    counter: int
    hlc: str
    op: str
    data: dict
    deps: dict

    def writes(self) -> Iterable[str]:
        if self.op == "delete":
            return (EXISTS,)
        keys = [k for k in self.data if k != "id"]
        return [*keys, EXISTS] if self.op == "insert" else keys

    def value(self, f: str) -> Any:
        return self.op == "insert" if f == EXISTS else self.data.get(f)

    @property
    def order(self) -> tuple[str, str]:
        return self.hlc, self.replica


def dominates(later: Rec, earlier: Rec) -> bool:
    """``later`` was written by a replica that already held ``earlier``."""
    if later.replica == earlier.replica:
        return later.counter > earlier.counter
    return later.deps.get(earlier.replica, 0) >= earlier.counter


def _rec(row: tuple) -> Rec:
    change_id, replica, counter, hlc, op, data, deps = row
    return Rec(
        change_id,
        replica,
        counter,
        hlc,
        op,
        json.loads(data) if data else {},
        json.loads(deps) if deps else {},
    )


@dataclass
class Conflict:
    tbl: str
    row_id: str
    field: str
    kind: str
    winner: str | None
    loser: str
    value: Any


@dataclass
class Merger:
    """Applies verified changes inside the caller's transaction; ``finish()`` brings derived data up to date."""

    book: Book
    applied: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    _before: dict[str, tuple | None] = field(default_factory=dict)
    _posting: dict[str, Rec | None] = field(default_factory=dict)
    _columns: dict[str, dict[str, str]] = field(default_factory=dict)
    _cutoffs: dict[str, int] | None = None

    @property
    def db(self):
        return self.book.db

    # -- reading the log ----------------------------------------------------------------------------------
    def history(self, tbl: str, row_id: str) -> list[Rec]:
        return [
            _rec(r)
            for r in self.db.execute(
                "SELECT change_id, replica, counter, hlc, op, data, deps FROM changes WHERE tbl = ? AND row_id = ?"
                " ORDER BY seq",
                [tbl, row_id],
            ).fetchall()
        ]

    def posting(self, voucher_id: str) -> Rec | None:
        """The change that posted the voucher (the earliest by clock if several)."""
        if voucher_id not in self._posting:
            posts = [
                r
                for r in self.history("vouchers", voucher_id)
                if r.op == "update" and r.data.get("status") == "posted"
            ]
            self._posting[voucher_id] = min(posts, key=lambda r: r.order) if posts else None
        return self._posting[voucher_id]

    def voucher_of(self, tbl: str, row_id: str, data: dict | None = None) -> str | None:
        if tbl == "vouchers":
            return row_id
        if data and data.get("voucher_id"):
            return data["voucher_id"]
        row = self.db.execute("SELECT voucher_id FROM voucher_lines WHERE id = ?", [row_id]).fetchone()
        if row:
            return row[0]
        first = next((r for r in self.history(tbl, row_id) if r.op == "insert"), None)
        return first.data.get("voucher_id") if first else None

    def line_ids(self, voucher_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT row_id FROM changes INDEXED BY changes_line_voucher WHERE tbl = 'voucher_lines'"
                " AND op = 'insert'"
                " AND json_extract(data, '$.voucher_id') = ?",
                [voucher_id],
            ).fetchall()
        ]

    # -- retired replicas ---------------------------------------------------------------------------------
    @property
    def cutoffs(self) -> dict[str, int]:
        """Retired replicas: the last of each one's changes that is applied (the lowest any retirement recorded,
        so the bound does not depend on which retirement arrives first)."""
        if self._cutoffs is None:
            self._cutoffs = retired_cutoffs(self.db)
        return self._cutoffs

    def late(self, rec: Rec) -> bool:
        """Written by a retired replica after its retirement: kept in the log and listed, never applied."""
        cut = self.cutoffs.get(rec.replica)
        return cut is not None and rec.counter > cut

    def _retirement_arrived(self, retired: str) -> None:
        """A retirement reached this book: undo what the retired replica wrote after it, wherever it came from."""
        self._cutoffs = None
        cut = self.cutoffs.get(retired)
        if cut is None:
            return
        for tbl, row_id in self.db.execute(
            "SELECT DISTINCT tbl, row_id FROM changes WHERE replica = ? AND counter > ?", [retired, cut]
        ).fetchall():
            voucher = self.voucher_of(tbl, row_id) if tbl in VOUCHER_TABLES else None
            if voucher:
                self.capture(voucher)
                self._posting.pop(voucher, None)
            self.project(tbl, row_id)

    # -- applying -----------------------------------------------------------------------------------------
    def apply(self, wire: list, sig: bytes) -> None:
        change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at, deps = wire
        data_obj = json.loads(data) if data else None
        cut = self.cutoffs.get(replica)
        late = cut is not None and counter > cut
        if not late and (
            (tbl == "vouchers" and data_obj and data_obj.get("status") == "posted")
            or (tbl == "settings" and op == "update" and self._is_posting_setting(row_id))
        ):
            self._check_poster(replica, change_id)
        voucher = self.voucher_of(tbl, row_id, data_obj) if tbl in VOUCHER_TABLES and not late else None
        if voucher:
            self.capture(voucher)
        before = self.history(tbl, row_id)
        future = HybridClock.parse(hlc)[0] > time.time() * 1000 + FUTURE_MS
        change = Change(
            change_id,
            replica,
            counter,
            hlc,
            tbl,
            row_id,
            op,
            data_obj,
            json.loads(old) if old else None,
            user,
            at,
            deps,
        )
        self.book.store.receive(change, observe=not future)
        self.db.execute("INSERT OR REPLACE INTO sync_sigs (change_id, sig) VALUES (?, ?)", [change_id, sig])
        self.applied += 1
        self.tables[tbl] = self.tables.get(tbl, 0) + 1
        rec = Rec(change_id, replica, counter, hlc, op, data_obj or {}, json.loads(deps) if deps else {})
        if (
            tbl == "replicas"
            and op == "update"
            and _is_int(rec.data.get("retired"))
            and rec.data["retired"] >= 2
        ):
            # every retirement in the log counts, even one written by a replica retired since: the bound then
            # depends only on the log, which every copy ends up holding in full
            self._retirement_arrived(row_id)
        if late:
            self._save(
                [Conflict(tbl, row_id, f, "retired", None, change_id, rec.value(f)) for f in rec.writes()]
            )
            return
        if future:
            self._save([Conflict(tbl, row_id, "*", "clock", None, change_id, hlc)])
        if tbl == "conflict_resolutions" and op == "insert":
            self.db.execute("DELETE FROM sync_conflicts WHERE loser_change = ?", [rec.data["loser_change"]])
        if tbl == "vouchers" and rec.data.get("status") == "posted":
            self._posting.pop(row_id, None)
            first = self.posting(row_id)
            if first is None or first.change_id != rec.change_id or not self._clean_posting(rec, row_id):
                self.reproject_voucher(row_id)
                return
        clean = all(dominates(rec, x) for x in before)
        if voucher and clean:
            p = self.posting(voucher)
            clean = p is None or p is rec or dominates(rec, p)
        if clean and not self._has_conflicts(tbl, row_id) and self._direct(tbl, rec, row_id):
            return
        self.project(tbl, row_id)

    def _is_posting_setting(self, row_id: str) -> bool:
        row = self.db.execute("SELECT key FROM settings WHERE id = ?", [row_id]).fetchone()
        return bool(row and row[0] == "posting_replica")

    def _check_poster(self, author: str, change_id: str) -> None:
        """The right to post is checked against the change's author, whoever carried the file."""
        row = self.db.execute("SELECT value FROM settings WHERE key = 'posting_replica'").fetchone()
        if row and row[0] and row[0] != author:
            raise BookError(
                _(
                    "同步文件中的修改 {c} 由不负责记账的副本记账或改动记账副本，已拒绝读入。",
                    "The change {c} in the sync file posts a voucher or moves posting, written by a replica that does not "
                    "post; the file was refused.",
                    c=change_id,
                )
            )

    def _clean_posting(self, post: Rec, voucher_id: str) -> bool:
        """The posting replica held every edit of the voucher and its lines when it posted (the usual case)."""
        rows = [("vouchers", voucher_id)] + [("voucher_lines", line) for line in self.line_ids(voucher_id)]
        return all(
            x.change_id == post.change_id or dominates(post, x)
            for tbl, row_id in rows
            for x in self.history(tbl, row_id)
        )

    def _has_conflicts(self, tbl: str, row_id: str) -> bool:
        return bool(
            self.db.execute(
                "SELECT 1 FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND kind != 'clock' LIMIT 1",
                [tbl, row_id],
            ).fetchone()
        )

    def _direct(self, tbl: str, rec: Rec, row_id: str) -> bool:
        """The common case, no concurrency: write the change as it is. False when the slow path must decide."""
        try:
            if rec.op == "insert":
                cols = list(rec.data)
                self.db.execute(
                    f"INSERT INTO [{tbl}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [rec.data[c] for c in cols],
                )
            elif rec.op == "update":
                cols = [c for c in rec.data if c != "id"]
                cur = self.db.execute(
                    f"UPDATE [{tbl}] SET {', '.join(f'[{c}] = ?' for c in cols)} WHERE id = ?",
                    [*(rec.data[c] for c in cols), row_id],
                )
                if cur.rowcount != 1:
                    return False
            else:
                self.db.execute(f"DELETE FROM [{tbl}] WHERE id = ?", [row_id])
        except sqlite3.IntegrityError:
            return False
        return True

    def reproject_voucher(self, voucher_id: str) -> None:
        self.project("vouchers", voucher_id)
        for line in self.line_ids(voucher_id):
            self.project("voucher_lines", line)

    # -- deciding a row from its history ------------------------------------------------------------------
    def project(self, tbl: str, row_id: str) -> None:
        history = self.history(tbl, row_id)
        excluded: list[Rec] = []
        post = None
        if tbl in VOUCHER_TABLES:
            voucher = self.voucher_of(tbl, row_id)
            post = self.posting(voucher) if voucher else None
            if post is not None:
                excluded = [
                    x
                    for x in history
                    if x.change_id != post.change_id and not dominates(x, post) and not dominates(post, x)
                ]
        gone = {x.change_id for x in excluded}
        late = [x for x in history if x.change_id not in gone and self.late(x)]
        gone |= {x.change_id for x in late}
        live = [x for x in history if x.change_id not in gone]
        conflicts: list[Conflict] = []
        values: dict[str, Any] = {}
        winners: dict[str, Rec] = {}
        fields = list(dict.fromkeys(f for x in live for f in x.writes()))
        for f in fields:
            writers = [x for x in live if f in x.writes()]
            heads = [x for x in writers if not any(y is not x and dominates(y, x) for y in writers)]
            win = max(heads, key=lambda r: r.order)
            winners[f], values[f] = win, win.value(f)
            for loser in heads:
                if loser is not win and loser.value(f) != values[f]:
                    conflicts.append(
                        Conflict(tbl, row_id, f, "field", win.change_id, loser.change_id, loser.value(f))
                    )
        exists = bool(values.pop(EXISTS, False))
        if not exists and EXISTS in winners:
            killer = winners[EXISTS]
            for x in live:
                if x.op == "update" and not dominates(killer, x):
                    conflicts += [
                        Conflict(tbl, row_id, f, "deleted", killer.change_id, x.change_id, v)
                        for f, v in x.data.items()
                    ]
        for x in late:
            conflicts += [
                Conflict(tbl, row_id, f, "retired", None, x.change_id, x.value(f)) for f in x.writes()
            ]
        for x in excluded:
            conflicts += [
                Conflict(tbl, row_id, f, "posted", post.change_id, x.change_id, x.value(f))
                for f in x.writes()
            ]
        if exists:
            self._upsert(tbl, row_id, values, winners, conflicts)
        else:
            try:
                self.db.execute(f"DELETE FROM [{tbl}] WHERE id = ?", [row_id])
            except sqlite3.IntegrityError:  # still referenced by a row written concurrently: keep it
                killer = winners[EXISTS]
                conflicts.append(Conflict(tbl, row_id, EXISTS, "in_use", None, killer.change_id, False))
        self.db.execute(
            "DELETE FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND kind != 'clock'", [tbl, row_id]
        )
        self._save(conflicts)

    def _save(self, conflicts: list[Conflict]) -> None:
        """List the conflicts no one has resolved yet (wherever the resolution was made)."""
        losers = sorted({c.loser for c in conflicts})
        resolved = {
            r[0]
            for r in self.db.execute(
                f"SELECT loser_change FROM conflict_resolutions WHERE loser_change IN ({', '.join('?' * len(losers))})",
                losers,
            ).fetchall()
        }
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO sync_conflicts (tbl, row_id, field, kind, winner_change, loser_change, value)"
            " VALUES (?,?,?,?,?,?,?)",
            [
                (c.tbl, c.row_id, c.field, c.kind, c.winner, c.loser, canonical(c.value))
                for c in conflicts
                if c.loser not in resolved
            ],
        )

    def columns(self, tbl: str) -> dict[str, str]:
        if tbl not in self._columns:
            self._columns[tbl] = {
                r[1]: r[2].upper() for r in self.db.execute(f"PRAGMA table_info([{tbl}])").fetchall()
            }
        return self._columns[tbl]

    def _rank(self, tbl: str, row_id: str) -> tuple[str, str, str]:
        row = self.db.execute(
            "SELECT hlc, replica FROM changes WHERE tbl = ? AND row_id = ? AND op = 'insert' ORDER BY seq LIMIT 1",
            [tbl, row_id],
        ).fetchone()
        return (row[0], row[1], row_id) if row else ("", "", row_id)

    def _mangled(self, tbl: str, row_id: str, col: str, value: Any) -> Any:
        return f"{value}~{row_id[:8]}" if self.columns(tbl).get(col) == "TEXT" and value is not None else None

    def _upsert(
        self, tbl: str, row_id: str, values: dict, winners: dict[str, Rec], conflicts: list[Conflict]
    ) -> None:
        known = self.columns(tbl)
        values = {k: v for k, v in values.items() if k in known and k != "id"}
        cols = list(values)
        sql = (
            f"INSERT INTO [{tbl}] (id, {', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * (len(cols) + 1))})"
            f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'[{c}] = excluded.[{c}]' for c in cols)}"
        )
        for _attempt in range(8):
            try:
                self.db.execute(sql, [row_id, *(values[c] for c in cols)])
                return
            except sqlite3.IntegrityError as e:
                message = str(e)
                if not message.startswith("UNIQUE constraint failed"):
                    conflicts.append(
                        Conflict(tbl, row_id, EXISTS, "orphan", None, winners[EXISTS].change_id, True)
                    )
                    self.db.execute(f"DELETE FROM [{tbl}] WHERE id = ?", [row_id])
                    return
                clash = [c.strip().split(".", 1)[1] for c in message.split(":", 1)[1].split(",")]
                where = " AND ".join(f"[{c}] IS ?" for c in clash)
                holder = self.db.execute(
                    f"SELECT id FROM [{tbl}] WHERE {where} AND id != ?", [*(values[c] for c in clash), row_id]
                ).fetchone()
                if holder is None:
                    raise
                holder_id = holder[0]
                if self._rank(tbl, row_id) < self._rank(tbl, holder_id):
                    self.db.execute(
                        f"UPDATE [{tbl}] SET {', '.join(f'[{c}] = ?' for c in clash)} WHERE id = ?",
                        [*(self._mangled(tbl, holder_id, c, values[c]) for c in clash), holder_id],
                    )
                    loser = self._first_change(tbl, holder_id) or holder_id
                    self._save(
                        [
                            Conflict(
                                tbl, holder_id, c, "unique", self._first_change(tbl, row_id), loser, values[c]
                            )
                            for c in clash
                        ]
                    )
                else:
                    mine = self._first_change(tbl, row_id) or winners[EXISTS].change_id
                    for c in clash:
                        conflicts.append(
                            Conflict(
                                tbl, row_id, c, "unique", self._first_change(tbl, holder_id), mine, values[c]
                            )
                        )
                        values[c] = self._mangled(tbl, row_id, c, values[c])
        raise RuntimeError(f"{tbl} {row_id}: unique values could not be settled")

    def _first_change(self, tbl: str, row_id: str) -> str | None:
        row = self.db.execute(
            "SELECT change_id FROM changes WHERE tbl = ? AND row_id = ? AND op = 'insert' ORDER BY seq LIMIT 1",
            [tbl, row_id],
        ).fetchone()
        return row[0] if row else None

    # -- derived data -------------------------------------------------------------------------------------
    def _contribution(self, voucher_id: str) -> tuple | None:
        row = self.db.execute(
            "SELECT period, kind, status FROM vouchers WHERE id = ?", [voucher_id]
        ).fetchone()
        if not row or row[2] != "posted":
            return None
        lines = self.db.execute(
            "SELECT account_id, sum(debit_fen), sum(credit_fen) FROM voucher_lines WHERE voucher_id = ?"
            " GROUP BY account_id ORDER BY account_id",
            [voucher_id],
        ).fetchall()
        return row[0], row[1] == "closing", tuple(lines)

    def capture(self, voucher_id: str) -> None:
        """Note a voucher's posted amounts before it changes, so that ``finish`` can correct the totals."""
        if voucher_id not in self._before:
            self._before[voucher_id] = self._contribution(voucher_id)

    def reproject(self, tbl: str, row_id: str) -> None:
        """Decide a row again from its history (noting its voucher's posted amounts first)."""
        if tbl in VOUCHER_TABLES:
            voucher = self.voucher_of(tbl, row_id)
            if voucher:
                self.capture(voucher)
        self.project(tbl, row_id)

    def refresh_marked(self) -> None:
        """Re-decide rows shown with a marked unique value: a rename or a retirement elsewhere may have freed
        their value. A row whose unique conflict was resolved ("kept") is re-decided too (the loser of such a
        conflict is the row's insert), so that whether a value is marked depends on the log only, never on
        which copy resolved the conflict before the value was freed."""
        for tbl, row_id in self.db.execute(
            "SELECT tbl, row_id FROM sync_conflicts WHERE kind = 'unique' UNION SELECT r.tbl, r.row_id"
            " FROM conflict_resolutions r JOIN changes c ON c.change_id = r.loser_change"
            " WHERE c.op = 'insert' AND c.tbl = r.tbl AND c.row_id = r.row_id"
        ).fetchall():
            self.reproject(tbl, row_id)

    def finish(self) -> None:
        """Keep the derived per-period totals right for every voucher the changes touched."""
        self.refresh_marked()
        touched: set[tuple[str, str, int]] = set()
        for voucher_id, before in self._before.items():
            after = self._contribution(voucher_id)
            if before == after:
                continue
            for sign, part in ((-1, before), (1, after)):
                if part:
                    period, closing, lines = part
                    add_to_totals(self.book, period, closing, [(a, sign * d, sign * c) for a, d, c in lines])
                    touched.update((a, period, int(closing)) for a, _d, _c in lines)
        for account_id, period, closing in touched:
            self.db.execute(
                "DELETE FROM period_totals WHERE account_id = ? AND period = ? AND closing = ? AND debit_fen = 0"
                " AND credit_fen = 0 AND NOT EXISTS (SELECT 1 FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id"
                " WHERE l.account_id = ? AND v.period = ? AND v.status = 'posted' AND (v.kind = 'closing') = ?)",
                [account_id, period, closing, account_id, period, closing],
            )
        self._before.clear()
        self.book.accounts.invalidate()
        self.book.settings.invalidate()
