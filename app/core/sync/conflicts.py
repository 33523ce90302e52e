"""The conflict list: values that lost to a concurrent edit, for the accountant to review."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from app.core.errors import BookError
from app.core.i18n import _
from app.core.ops import Op
from app.core.sync.labels import describe
from app.core.sync.merge import Merger

if TYPE_CHECKING:
    from app.core.book import Book

KIND_LABELS = {
    "field": ("同时修改", "edited on two PCs"),
    "unique": ("编号重复", "same unique value"),
    "deleted": ("已被删除", "row was deleted"),
    "posted": ("凭证已记账", "voucher was posted"),
    "clock": ("时钟超前", "clock far ahead"),
    "in_use": ("仍被引用", "still in use"),
    "retired": ("停用后写的", "written after its replica was retired"),
    "orphan": ("上级已删除", "parent was deleted"),
}


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return _(zh, en)


def refresh(book: Book) -> None:
    """Re-decide the rows listed, so that edits made here since are taken into account."""
    if book.readonly:
        return
    rows = book.db.execute("SELECT DISTINCT tbl, row_id FROM sync_conflicts WHERE kind != 'clock'").fetchall()
    if not rows:
        return
    with book.transact(Op.SYNC_REFRESH):
        merger = Merger(book)
        for tbl, row_id in rows:
            merger.reproject(tbl, row_id)
        merger.finish()


def listing(book: Book) -> list[dict]:
    refresh(book)
    from app.core.trust.users import PERSONAL_FIELDS

    masked = not book.can_see_personal_data
    out = []
    for tbl, row_id, field, kind, winner, loser, value in book.db.execute(
        "SELECT tbl, row_id, field, kind, winner_change, loser_change, value FROM sync_conflicts ORDER BY tbl, row_id, field"
    ).fetchall():
        info = book.db.execute(
            "SELECT c.replica, c.hlc, c.user, c.at, r.name FROM changes c LEFT JOIN replicas r ON r.id = c.replica"
            " WHERE c.change_id = ?",
            [loser],
        ).fetchone()
        current = None
        if field not in ("*", "_exists"):
            row = book.db.execute(f"SELECT [{field}] FROM [{tbl}] WHERE id = ?", [row_id]).fetchone()
            current = row[0] if row else None
        value = json.loads(value) if value is not None else None
        if masked and tbl == "members" and field in PERSONAL_FIELDS:
            current, value = (PERSONAL_FIELDS[field](v) if v else v for v in (current, value))
        out.append(
            {
                "table": tbl,
                "row_id": row_id,
                "field": field,
                **describe(book, tbl, row_id, field),
                "kind": kind,
                "kind_label": kind_label(kind),
                "current": current,
                "value": value,
                "winner_change": winner,
                "loser_change": loser,
                "by_replica": info[4] or info[0] if info else None,
                "by_user": info[2] if info else None,
                "at": info[3] if info else None,
            }
        )
    return out


def resolve(book: Book, loser_change: str, *, apply: bool, note: str = "") -> None:
    """Close a conflict on every PC: keep the current value, or apply the losing one instead."""
    book.require_writable()
    found = book.db.execute(
        "SELECT tbl, row_id, field, kind, value FROM sync_conflicts WHERE loser_change = ?", [loser_change]
    ).fetchall()
    if not found:
        raise BookError(
            _(
                "没有这条同步冲突（可能已处理）。",
                "There is no such sync conflict (it may be resolved already).",
            )
        )
    if apply and any(kind != "field" for _t, _r, _f, kind, _v in found):
        raise BookError(
            _(
                "这类冲突不能直接采用另一方的值：重复的编号请改名，已记账或已删除的记录只能保留现状。",
                "This kind of conflict cannot take the other value: rename one of two rows with the same value; posted "
                "or deleted records stay as they are.",
            )
        )
    with book.transact(Op.RESOLVE_CONFLICT):
        for tbl, row_id, field, _kind, value in found:
            if apply:
                book.store.update(tbl, row_id, {field: json.loads(value)})
            book.store.insert(
                "conflict_resolutions",
                {
                    "loser_change": loser_change,
                    "tbl": tbl,
                    "row_id": row_id,
                    "field": field,
                    "choice": "applied" if apply else "kept",
                    "note": note,
                },
            )
        book.db.execute("DELETE FROM sync_conflicts WHERE loser_change = ?", [loser_change])
