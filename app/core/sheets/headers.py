"""Finding the header row of a real sheet and mapping its columns to fields by synonyms.

Headers are compared after normalization: full-width made half-width, units in brackets removed (土地(亩),
资金（元）), spaces, stars and colons removed, lower case. Share-class columns are matched by the class name.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.i18n import _
from app.core.sheets.values import is_blank, text

SHARE_PREFIX = "share:"
SCAN_ROWS = 30
_BRACKETS = re.compile(r"[(\[【<《].*?[)\]】>》]")
_NOISE = re.compile(r"[\s*:：_\-/、.]")
_EXAMPLE = re.compile(r"^(示例|例[:：]|e\.g\.)", re.IGNORECASE)
_TOTAL = re.compile(r"^(合计|总计|小计|共计|累计|总合计|total|sum|subtotal)", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    name: str
    zh: str  # the header an export writes, Chinese
    en: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    def label(self) -> str:
        return _(self.zh, self.en)

    def names(self) -> set[str]:
        return {norm(s) for s in (self.zh, self.en, self.name, *self.synonyms)}


def norm(header: Any) -> str:
    s = unicodedata.normalize("NFKC", text(header))
    s = _BRACKETS.sub("", s)
    return _NOISE.sub("", s).lower()


def is_total_row(cells: Sequence[Any]) -> bool:
    """A totals row: its first non-blank text says 合计/总计/小计."""
    for c in cells:
        if not is_blank(c):
            return isinstance(c, str) and bool(_TOTAL.match(norm(c)))
    return False


def is_example_row(cells: Sequence[Any]) -> bool:
    """A template's example row: its first non-blank cell starts with 示例 (例：, e.g.)."""
    for c in cells:
        if not is_blank(c):
            return isinstance(c, str) and bool(_EXAMPLE.match(c.strip()))
    return False


def share_field(class_name: str) -> str:
    return SHARE_PREFIX + class_name


def class_names_of(names: Sequence[str]) -> dict[str, str]:
    """Normalized header forms → share field, for the book's share classes (人口股, 人口股数, 土地(亩) …)."""
    out: dict[str, str] = {}
    for name in names:
        base = norm(name)
        for form in (base, base + "数", base + "股", base + "股数", base + "数量", base + "面积"):
            out.setdefault(form, share_field(name))
    return out


def field_lookup(fields: Sequence[Field], classes: Sequence[str] = ()) -> dict[str, str]:
    lookup = class_names_of(classes)
    for f in fields:
        for n in f.names():
            lookup[n] = f.name
    return lookup


def find_header(rows: Sequence[Sequence[Any]], lookup: dict[str, str]) -> int | None:
    """The index of the row with the most recognized headers among the first rows (ties: the first)."""
    best, best_score = None, 0
    for i, row in enumerate(rows[:SCAN_ROWS]):
        score = len({lookup[n] for n in (norm(c) for c in row if isinstance(c, str)) if n in lookup})
        if score > best_score:
            best, best_score = i, score
    return best


def guess_mapping(headers: Sequence[Any], lookup: dict[str, str]) -> dict[int, str]:
    """Column index → field; a field goes to its first column (a second one is left to the user)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for i, h in enumerate(headers):
        field = lookup.get(norm(h))
        if field and field not in taken:
            mapping[i] = field
            taken.add(field)
    return mapping


def header_key(kind: str, headers: Sequence[Any]) -> str:
    """The key a saved mapping is stored under: the kind and the normalized header row."""
    body = json.dumps([kind, [norm(h) for h in headers]], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]
