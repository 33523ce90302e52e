"""The shape of a decrypted sync payload, checked in full before any of it is used.

A payload signed by a known replica can still be malformed (a bug, or a tampered copy of the program): nothing
in it is trusted until every change has the expected fields, types, table and columns.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError
from app.core.i18n import _
from app.core.store import SYNCED_TABLES

if TYPE_CHECKING:
    from app.core.book import Book

_HLC = re.compile(r"\d{15}-\d{6}")
_SIG = re.compile(r"[0-9a-f]{128}")
OPS = ("insert", "update", "delete")


def _bad(name: str) -> BookError:
    return BookError(
        _(
            "同步文件“{f}”的内容不合格式（签名虽然有效），已拒绝读入。",
            "The content of the sync file “{f}” is malformed (although validly signed); it was refused.",
            f=name,
        )
    )


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _counters(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and _is_int(n) and n >= 0 for k, n in v.items())


def _json_object(text: Any) -> dict | None:
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def check(book: Book, payload: Any, name: str) -> None:
    """Raise one sentence unless ``payload`` is a well-formed set of changes for this book."""
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("changes"), list)
        or not _counters(payload.get("knows"))
    ):
        raise _bad(name)
    if not isinstance(payload.get("from"), str):
        raise _bad(name)
    columns: dict[str, set[str]] = {}
    tables = set(book.db.table_names())
    for w in payload["changes"]:
        if not isinstance(w, list) or len(w) != 13:
            raise _bad(name)
        change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at, deps, sig = w
        if not (
            all(isinstance(x, str) for x in (change_id, replica, hlc, tbl, row_id, op, user, at, sig))
            and _is_int(counter)
            and counter > 0
            and change_id == f"{replica}:{counter}"
            and _HLC.fullmatch(hlc)
            and _SIG.fullmatch(sig)
            and op in OPS
            and tbl in SYNCED_TABLES
            and tbl in tables
            and (deps is None or _counters(_json_object(deps)))
            and (old is None or _json_object(old) is not None)
        ):
            raise _bad(name)
        if tbl not in columns:
            columns[tbl] = {r[1] for r in book.db.execute(f"PRAGMA table_info([{tbl}])").fetchall()}
        if op == "delete":
            if data is not None:
                raise _bad(name)
            continue
        values = _json_object(data)
        if (
            values is None
            or not set(values) <= columns[tbl]
            or (op == "insert" and values.get("id") != row_id)
            or (op == "update" and (not values or "id" in values))
            or not all(v is None or isinstance(v, str) or _is_int(v) for v in values.values())
        ):
            raise _bad(name)
