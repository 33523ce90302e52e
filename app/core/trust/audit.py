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

    def __str__(self) -> str:
        return f"#{self.seq}: {self.message}" if self.seq is not None else self.message


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
        findings += self._replay()
        return findings[:MAX_FINDINGS]

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

    def _replay(self) -> list[Finding]:
        """Replay the log (in clock order, as sync merges) and compare with the synced tables."""
        state: dict[tuple[str, str], dict] = {}
        for tbl, row_id, op, data in self.book.db.execute(
            "SELECT tbl, row_id, op, data FROM changes ORDER BY hlc, seq"
        ).fetchall():
            key = (tbl, row_id)
            if op == "delete":
                state.pop(key, None)
            elif op == "insert":
                state[key] = json.loads(data)
            elif key in state:
                state[key].update(json.loads(data))
        found: list[Finding] = []
        tables = set(self.book.db.table_names())
        # fields that sync settled differently from a plain replay (a renamed duplicate code, a concurrent edit)
        # stay as sync left them until someone resolves the conflict, which is itself a logged change
        unsettled = set(self.book.db.execute("SELECT tbl, row_id, field FROM sync_conflicts").fetchall()) if "sync_conflicts" in tables else set()
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
                    if k in row and row[k] != v and (tbl, row["id"], k) not in unsettled:
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
