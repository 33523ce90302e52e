"""The import pipeline shared by every kind: read → find the header → map columns → check every row → plan.

An ``Importer`` knows its fields, checks rows into a plan (new, changed, unchanged, rejected) and applies the plan.
Every problem is a ``Problem`` naming the sheet, the row as Excel shows it, the column header and the value; all
of them are found in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core.errors import Problem, ValidationError
from app.core.i18n import _
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sheets.headers import Field, is_example_row, is_total_row
from app.core.sheets.values import is_blank, shown, text

_NUMBER = re.compile(r"[+-]\s*[\d.,]+%?")
MAX_FORMULA_NOTES = 50

if TYPE_CHECKING:
    from app.core.book import Book

STATUSES = ("new", "changed", "unchanged", "rejected")


@dataclass
class RowPlan:
    row: int  # as Excel shows it
    cells: list[Any]
    status: str = "new"
    key: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field → (old, new)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Preview:
    """What an import would do, before anything is written (the dry run)."""

    kind: str
    file: str
    sheet: str
    fields: list[Field]
    header_row: int | None = None  # as Excel shows it
    headers: list[str] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)  # column index → field name
    rows: list[RowPlan] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # errors about the whole file, and skipped rows (warnings)
    new_parents: list[str] = field(default_factory=list)  # villages and groups the import creates
    options: dict[str, Any] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)  # the importer's own plan (e.g. new groups to create)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for r in self.rows:
            out[r.status] += 1
        return out

    @property
    def ignored(self) -> list[str]:
        """Headers of columns the import has no place for."""
        return [str(h) for i, h in enumerate(self.headers) if i not in self.mapping and not is_blank(h)]

    def file_errors(self) -> list[Problem]:
        return [p for p in self.notes if p.severity == "error"]

    def problems(self) -> list[Problem]:
        """Every error: about the file, then row by row."""
        return self.file_errors() + [p for r in self.rows for p in r.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.problems()

    def header_of(self, field_name: str) -> str | None:
        for i, f in self.mapping.items():
            if f == field_name:
                return str(self.headers[i])
        return None

    def problem(self, message: str, *, row: int | None = None, column: str | None = None, value: Any = None,
                severity: str = "error", code: str | None = None) -> Problem:
        return Problem(message, file=self.file, sheet=self.sheet or None, row=row, column=column,
                       value=None if value is None else shown(value), severity=severity, code=code)


class Cells:
    """One data row: its values by field, parsed; each failure becomes a problem at its cell."""

    def __init__(self, preview: Preview, plan: RowPlan, columns: dict[str, int]):
        self.preview = preview
        self.plan = plan
        self.columns = columns

    def has(self, name: str) -> bool:
        return name in self.columns

    def raw(self, name: str) -> Any:
        i = self.columns.get(name)
        if i is None or i >= len(self.plan.cells):
            return None
        value = self.plan.cells[i]
        return None if is_blank(value) else value

    def get(self, name: str, parse: Callable[[Any], Any], default: Any = None) -> Any:
        """The parsed value, ``default`` when the column is absent or the cell blank, None after a problem."""
        value = self.raw(name)
        if value is None:
            return default
        try:
            return parse(value)
        except ValidationError as e:
            self.error(name, str(e))
            return None

    def error(self, name: str | None, message: str, *, value: Any = None) -> None:
        column = self.preview.header_of(name) if name else None
        if value is None and name:
            value = self.raw(name)
        self.plan.problems.append(self.preview.problem(message, row=self.plan.row, column=column, value=value))
        self.plan.status = "rejected"


class Importer:
    """One kind of import. Subclasses give ``fields``, ``check`` and ``apply``."""


    def __init__(self, book: Book):
        self.book = book

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def share_classes(self) -> list[str]:
        """Share classes whose columns this import reads (their names are matched as headers)."""
        return []

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        """Parse and check every row, set each row's status, and fill ``preview.plan``."""
        raise NotImplementedError

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        """Write the rows (new and changed only), inside the caller's transaction."""
        raise NotImplementedError


def duplicates(rows: Sequence[Cells], name: str, value_of: Callable[[Cells], Any]) -> None:
    """Rows repeating a value of an earlier row are rejected, naming that row."""
    first: dict[Any, int] = {}
    for c in rows:
        v = value_of(c)
        if v in (None, ""):
            continue
        if v in first:
            c.error(name, _("与第{r}行重复", "Repeats row {r}", r=first[v]), value=v)
        else:
            first[v] = c.plan.row


def looks_like_formula(value: Any) -> bool:
    """Text a spreadsheet would run as a formula (``=1+1``, ``@SUM(A1)``, ``+cmd|…``), not a signed number."""
    if not isinstance(value, str):
        return False
    t = text(value)
    return len(t) > 1 and t[0] in "=+-@" and not _NUMBER.fullmatch(t)


def note_formulas(preview: Preview, cells: list[Cells]) -> None:
    """A note for each imported cell whose text looks like a formula: it is kept as text, never calculated."""
    found = [(c.plan.row, i, v) for c in cells for i, v in enumerate(c.plan.cells)
             if i in preview.mapping and looks_like_formula(v)]
    for row, i, value in found[:MAX_FORMULA_NOTES]:
        preview.notes.append(preview.problem(
            _("看起来像公式，按文字导入（不会计算）", "Looks like a formula; imported as text (never calculated)"),
            row=row, column=str(preview.headers[i]), value=text(value), severity="warning", code="sheet.formula_text"))
    if len(found) > MAX_FORMULA_NOTES:
        preview.notes.append(preview.problem(
            _("另有{n}个像公式的单元格，都按文字导入", "{n} more cells look like formulas; all are imported as text",
              n=len(found) - MAX_FORMULA_NOTES), severity="warning", code="sheet.formula_text"))


def check_rows(
    importer: Importer,
    preview: Preview,
    rows: list[list[Any]],
    header_index: int,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> None:
    """Split the data rows into rows to check and skipped ones (blank, totals), then let the importer check."""
    columns = {f: i for i, f in preview.mapping.items()}
    blank: list[int] = []
    cells: list[Cells] = []
    for offset, raw in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if all(is_blank(c) for c in raw):
            blank.append(offset)
            continue
        skipped = (_("合计行，已跳过", "A totals row, skipped") if is_total_row(raw)
                   else _("模板的示例行，已跳过", "The template's example row, skipped") if is_example_row(raw) else None)
        if skipped:
            first = next(c for c in raw if not is_blank(c))
            preview.notes.append(preview.problem(skipped, row=offset, value=first, severity="warning"))
            continue
        cells.append(Cells(preview, RowPlan(offset, list(raw)), columns))
    trailing = [r for r in blank if r > (cells[-1].plan.row if cells else 0)]
    inner = [r for r in blank if r not in set(trailing)]
    if inner:
        shown_rows = "、".join(map(str, inner[:20])) + ("…" if len(inner) > 20 else "")
        preview.notes.append(
            preview.problem(_("跳过了{n}个空行：第{r}行", "Skipped {n} blank rows: {r}", n=len(inner), r=shown_rows), severity="warning")
        )
    note_formulas(preview, cells)
    importer.check(preview, cells, progress, cancel)
    preview.rows = [c.plan for c in cells]
