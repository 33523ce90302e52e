"""The audit trail: the change log read back (who, when, on which replica, what, old and new values), and its
verification.

``verify`` recomputes the hash chain (an edited entry no longer matches its hash; a deleted one breaks the link
of the next), checks that this replica's counters have no holes, and replays the log to compare it with the
tables (a value changed, a row added or deleted with a SQLite tool behind the app's back has no history).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.i18n import _
from app.core.money import format_fen
from app.core.store import GENESIS, SYNCED_TABLES, Change, entry_hash
from app.core.trust.users import PERSONAL_FIELDS

if TYPE_CHECKING:
    from app.core.book import Book

MAX_FINDINGS = 50
_CHANGE_FIELDS = [f.name for f in dataclasses.fields(Change)]
# what belongs to a member, voucher or asset in the history dialog: (table, column pointing at the owner)
OWNED = {
    "members": (("holdings", "member_id"),),
    "vouchers": (("voucher_lines", "voucher_id"), ("depreciation", "voucher_id")),
    "assets": (("depreciation", "asset_id"),),
}


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    user: str
    replica: str
    tbl: str
    row_id: str
    op: str
    data: dict | None
    old: dict | None

    def fields(self) -> list[tuple[str, object, object]]:
        """(field, old, new) for each field the change touched (all fields of an insert or delete)."""
        names = list((self.data or {}) | (self.old or {}))
        return [
            (k, (self.old or {}).get(k), (self.data or {}).get(k))
            for k in names
            if k != "id"
        ]


@dataclass(frozen=True)
class Finding:
    message: str
    seq: int | None = None
    code: str = "audit.data"  # audit.chain | audit.counters | audit.signature | audit.conflict | audit.data

    def __str__(self) -> str:
        return f"#{self.seq}: {self.message}" if self.seq is not None else self.message


def canonical_value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _concurrent_with_posting(db) -> set[str]:
    """Changes to a voucher or its lines written on another PC without knowledge of its posting (the merge keeps
    the posted voucher and lists them as conflicts: app/core/sync/merge.py)."""
    from app.core.sync.merge import _rec, dominates

    rows = db.execute(
        "SELECT change_id, replica, counter, hlc, op, data, deps, tbl, row_id FROM changes"
        " WHERE tbl IN ('vouchers', 'voucher_lines') ORDER BY seq"
    ).fetchall()
    voucher_of: dict[str, str] = {}
    posts: dict[str, object] = {}
    recs = []
    for *wire, tbl, row_id in rows:
        rec = _rec(tuple(wire))
        if tbl == "voucher_lines" and rec.op == "insert":
            voucher_of[row_id] = rec.data.get("voucher_id")
        voucher = row_id if tbl == "vouchers" else voucher_of.get(row_id)
        if tbl == "vouchers" and rec.op == "update" and rec.data.get("status") == "posted":
            if voucher not in posts or rec.order < posts[voucher].order:
                posts[voucher] = rec
        recs.append((voucher, rec))
    out = set()
    for voucher, rec in recs:
        post = posts.get(voucher)
        if post is not None and rec is not post and not dominates(rec, post) and not dominates(post, rec):
            out.add(rec.change_id)
    return out


def show_value(field: str, value: object) -> str:
    """A logged value as people read it: money in yuan, quantities in units, ids shortened."""
    if value is None:
        return ""
    if isinstance(value, int) and field.endswith("_fen"):
        return format_fen(value)
    if isinstance(value, int) and field.endswith("_q"):
        return f"{value / 10000:g}"
    if isinstance(value, str) and (field == "id" or field.endswith("_id")):
        return value[:8]
    return str(value)


def table_label(tbl: str) -> str:
    labels = {
        "settings": _("设置", "setting"),
        "members": _("成员", "member"),
        "share_classes": _("股份类别", "share class"),
        "holdings": _("持股", "holding"),
        "accounts": _("科目", "account"),
        "assets": _("资产", "asset"),
        "vouchers": _("凭证", "voucher"),
        "voucher_lines": _("分录", "voucher line"),
        "periods": _("结账", "closed period"),
        "depreciation": _("折旧", "depreciation"),
    }
    return labels.get(tbl, tbl)


class Audit:
    def __init__(self, book: Book):
        self.book = book

    # -- reading -------------------------------------------------------------------------------------------
    def entries(
        self, tbl: str | None = None, row_ids: list[str] | None = None, limit: int = 1000, offset: int = 0
    ) -> list[Entry]:
        """Log entries, newest first, optionally of one table and some rows. Personal data is masked for a
        user who may not see it."""
        clauses, params = [], []
        if tbl:
            clauses.append("tbl = ?")
            params.append(tbl)
        if row_ids is not None:
            clauses.append(f"row_id IN ({','.join('?' * len(row_ids))})")
            params += row_ids
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.book.db.execute(
            f"SELECT seq, at, user, replica, tbl, row_id, op, data, old FROM changes{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        show_all = self.book.users.may("personal_data")
        return [self._entry(r, show_all) for r in rows]

    @staticmethod
    def _entry(r: tuple, show_all: bool) -> Entry:
        seq, at, user, replica, tbl, row_id, op, data, old = r
        data, old = (json.loads(x) if x else None for x in (data, old))
        if not show_all and tbl == "members":
            data, old = ({k: PERSONAL_FIELDS[k](v) if k in PERSONAL_FIELDS and v else v for k, v in d.items()} if d else d for d in (data, old))
        return Entry(seq, at, user, replica, tbl, row_id, op, data, old)

    def history(self, tbl: str, row_id: str) -> list[Entry]:
        """Everything that happened to a member, voucher or asset and what belongs to it (holdings, lines,
        depreciation), newest first — also rows deleted since."""
        ids = [row_id]
        for child, column in OWNED.get(tbl, ()):
            ids += [
                r[0]
                for r in self.book.db.execute(
                    "SELECT DISTINCT row_id FROM changes WHERE tbl = ? AND op = 'insert' AND json_extract(data, ?) = ?",
                    [child, f"$.{column}", row_id],
                )
            ]
        return self.entries(row_ids=ids, limit=100_000)

    def count(self) -> int:
        return self.book.db.execute("SELECT count(*) FROM changes").fetchone()[0]

    # -- verification --------------------------------------------------------------------------------------
    def verify(self) -> list[Finding]:
        """Where the log or the data were changed behind the app's back; an empty list means intact."""
        findings = self._chain()
        findings += self._counters()
        findings += self._signatures()
        conflicts, settled = self._conflicts()
        findings += conflicts
        findings += self._replay(settled)
        return findings[:MAX_FINDINGS]

    def _signatures(self) -> list[Finding]:
        """Every author's signature kept from sync still matches the change as the log holds it: a log rewritten
        and re-hashed with the triggers dropped passes the chain, not its authors' Ed25519 signatures."""
        from app.core.sync.identity import verify
        from app.core.sync.merge import WIRE_COLUMNS, wire_message

        tables = set(self.book.db.table_names())
        if not {"sync_sigs", "replicas"} <= tables:
            return []
        keys = dict(self.book.db.execute("SELECT id, sign_key FROM replicas").fetchall())
        found: list[Finding] = []
        cols = ", ".join("c." + c.strip() for c in WIRE_COLUMNS.split(","))
        for *wire, sig, seq in self.book.db.execute(
            f"SELECT {cols}, s.sig, c.seq FROM changes c JOIN sync_sigs s ON s.change_id = c.change_id ORDER BY c.seq"
        ):
            key = keys.get(wire[1])
            if key and not verify(key, sig, wire_message(wire)):
                found.append(
                    Finding(
                        _(
                            "这条记录与其作者 {r} 的签名不符：记录在收到后被改写过。",
                            "This entry no longer matches the signature of its author {r}: it was rewritten after it arrived.",
                            r=wire[1][:8],
                        ),
                        seq,
                        "audit.signature",
                    )
                )
        return found

    def _conflicts(self) -> tuple[list[Finding], dict[tuple[str, str, str], set[str]]]:
        """The conflict list is derived from the log: each entry names two logged changes of its row, and the
        value the row shows is one that a logged change wrote (or sync's marked copy of it). Returns the findings
        and, per listed field, the values the row may show."""
        db = self.book.db
        if "sync_conflicts" not in db.table_names():
            return [], {}
        found: list[Finding] = []
        settled: dict[tuple[str, str, str], set[str]] = {}
        rows = db.execute("SELECT tbl, row_id, field, kind, winner_change, loser_change FROM sync_conflicts").fetchall()
        for tbl, row_id, field, kind, winner, loser in rows:
            named = [c for c in (winner, loser) if c]
            logged = db.execute(
                f"SELECT count(*) FROM changes WHERE change_id IN ({','.join('?' * len(named))})", named
            ).fetchone()[0]
            own = kind == "unique" or db.execute(
                "SELECT 1 FROM changes WHERE change_id = ? AND tbl = ? AND row_id = ?", [loser, tbl, row_id]
            ).fetchone()
            by_row = db.execute("SELECT data FROM changes WHERE tbl = ? AND row_id = ?", [tbl, row_id]).fetchall()
            if logged != len(named) or not own:
                found.append(
                    Finding(
                        _("同步冲突清单中有一条不对应任何变更记录：它是绕过程序加入的。", "A sync conflict names changes the log does not have: it was added behind the app's back."),
                        code="audit.conflict",
                    )
                )
                continue
            values = {canonical_value(json.loads(d).get(field)) for (d,) in by_row if d and field in json.loads(d)}
            values |= {canonical_value(f"{json.loads(v)}~{row_id[:8]}") for v in values if v.startswith('"')}
            settled[(tbl, row_id, field)] = values | {canonical_value(None)}
        return found, settled

    def _rows(self):
        cols = ", ".join(["seq", "prev_hash", "hash", *_CHANGE_FIELDS])
        cur = self.book.db.conn.execute(f"SELECT {cols} FROM changes ORDER BY seq")
        for row in cur:
            seq, prev_hash, digest, *values = row
            change = dict(zip(_CHANGE_FIELDS, values, strict=True))
            for k in ("data", "old"):
                change[k] = json.loads(change[k]) if change[k] is not None else None
            yield seq, prev_hash, digest, Change(**change)

    def _chain(self) -> list[Finding]:
        found: list[Finding] = []
        expected, last_seq = GENESIS, 0
        for seq, prev_hash, digest, change in self._rows():
            if seq != last_seq + 1:
                found.append(
                    Finding(_("第 {a} 到 {b} 条记录被删除了。", "Entries {a} to {b} were deleted.", a=last_seq + 1, b=seq - 1), seq)
                )
            elif prev_hash != expected:
                found.append(
                    Finding(_("这条记录与前一条接不上：前一条被修改或删除了。", "This entry does not follow the one before: that one was changed or deleted."), seq)
                )
            if entry_hash(prev_hash, change) != digest:
                found.append(
                    Finding(
                        _(
                            "这条记录（{t} {r}，{u} 于 {at}）被修改过，与它的哈希不符。",
                            "This entry ({t} {r}, by {u} at {at}) was edited: it no longer matches its hash.",
                            t=table_label(change.tbl),
                            r=change.row_id[:8],
                            u=change.user,
                            at=change.at,
                        ),
                        seq,
                    )
                )
            expected, last_seq = digest, seq
        return found

    def _counters(self) -> list[Finding]:
        count, top = self.book.db.execute(
            "SELECT count(*), coalesce(max(counter), 0) FROM changes WHERE replica = ?", [self.book.replica_id]
        ).fetchone()
        if count != top:
            return [
                Finding(
                    _(
                        "本机的变更记录少了 {n} 条（编号 1 到 {m} 中有缺失）。",
                        "{n} of this PC's log entries are missing (numbers 1 to {m} have holes).",
                        n=top - count,
                        m=top,
                    )
                )
            ]
        return []

    def _replay(self, settled: dict[tuple[str, str, str], set[str]]) -> list[Finding]:
        """Replay the log (in clock order, as sync merges) and compare with the synced tables. As in the merge,
        an edit made on another PC concurrently with a voucher's posting never applies to it."""
        state: dict[tuple[str, str], dict] = {}
        excluded = _concurrent_with_posting(self.book.db)
        for change_id, tbl, row_id, op, data in self.book.db.execute(
            "SELECT change_id, tbl, row_id, op, data FROM changes ORDER BY hlc, seq"
        ).fetchall():
            if change_id in excluded:
                continue
            key = (tbl, row_id)
            if op == "delete":
                state.pop(key, None)
            elif op == "insert":
                state[key] = json.loads(data)
            elif key in state:
                state[key].update(json.loads(data))
        found: list[Finding] = []
        tables = set(self.book.db.table_names())
        for tbl in (t for t in SYNCED_TABLES if t in tables):
            cur = self.book.db.conn.execute(f"SELECT * FROM [{tbl}]")
            cols = [d[0] for d in cur.description]
            present = set()
            for values in cur:
                row = dict(zip(cols, values, strict=True))
                present.add(row["id"])
                logged = state.get((tbl, row["id"]))
                if logged is None:
                    found.append(
                        Finding(
                            _("{t} {r} 没有任何变更记录：它是绕过程序加入的。", "{t} {r} has no history: it was added behind the app's back.", t=table_label(tbl), r=row["id"][:8])
                        )
                    )
                    continue
                for k, v in logged.items():
                    # a field sync settled differently from a plain replay (a concurrent edit, a marked duplicate)
                    # shows a value some logged change wrote, until someone resolves it (a logged change too)
                    allowed = settled.get((tbl, row["id"], k))
                    if allowed is not None and canonical_value(row[k]) in allowed:
                        continue
                    if k in row and row[k] != v:
                        found.append(
                            Finding(
                                _(
                                    "{t} {r} 的“{f}”是 {v}，但记录显示应为 {w}：它是绕过程序修改的。",
                                    "{t} {r}: {f} is {v} but its history says {w}: it was changed behind the app's back.",
                                    t=table_label(tbl), r=row["id"][:8], f=k, v=row[k], w=v,
                                )
                            )
                        )
            for t, row_id in state:
                if t == tbl and row_id not in present:
                    found.append(
                        Finding(
                            _("{t} {r} 被绕过程序删除了（记录中它仍存在）。", "{t} {r} was deleted behind the app's back (its history says it exists).", t=table_label(tbl), r=row_id[:8])
                        )
                    )
        return found
