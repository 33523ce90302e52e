"""Writing an .xlsx table that prints well and imports back: the one writer of every export and template; and the
.csv writer beside it.

User text is always written as text (never a formula, never a number), IDs and account numbers included; money is
integer fen shown as a number with thousands separators; control characters that Excel refuses are removed. In a
.csv, where a spreadsheet would take text beginning with ``= + - @``, a tab or a CR for a formula, the text gets a
leading apostrophe (the usual rule: a spreadsheet shows it as text); the CSV reader takes that apostrophe off.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app.core.money import QTY_SCALE
from app.core.outfile import open_output, output_path

KINDS = ("text", "money", "qty", "int", "date")
FORMATS = {"text": "@", "money": "#,##0.00", "qty": "#,##0.00##", "int": "0", "date": "yyyy-mm-dd"}
DEFAULT_WIDTHS = {"text": 14, "money": 16, "qty": 12, "int": 8, "date": 12}
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
_SHEET_NAME_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet opening a .csv takes such text for a formula


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | money (int fen) | qty (int ten-thousandths) | int | date (ISO text)
    width: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


def clean_cell_text(value: Any) -> str:
    """Text as it may go into a cell: control characters removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def display_width(text: str) -> int:
    """Width in Excel's character units: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell_value(kind: str, value: Any) -> Any:
    """The value a cell of ``kind`` holds: Decimal for money and quantities (exact, never float), a date, text."""
    if value is None or value == "":
        return None
    if kind == "money":
        return Decimal(int(value)).scaleb(-2)
    if kind == "qty":
        return (Decimal(int(value)) / QTY_SCALE).normalize() if value else Decimal(0)
    if kind == "int":
        return int(value)
    if kind == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return clean_cell_text(value)


def sheet_name(title: str) -> str:
    return (clean_cell_text(title).translate(_SHEET_NAME_BAD).strip() or "Sheet")[:31]


class _Styles:
    """Prototype cells per kind: each written cell shares its prototype's style (building styles per cell is slow)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.protos: dict[tuple[str, bool], Any] = {}
        for kind in KINDS:
            for bold in (False, True):
                proto = WriteOnlyCell(ws)
                proto.border = _BORDER
                proto.number_format = FORMATS[kind]
                if bold:
                    proto.font = Font(bold=True)
                self.protos[kind, bold] = proto._style
        header = WriteOnlyCell(ws)
        header.border = _BORDER
        header.font = Font(bold=True)
        header.fill = _HEADER_FILL
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.protos["header", True] = header._style

    def cell(self, kind: str, value: Any, *, bold: bool = False, header: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=clean_cell_text(value) if header else cell_value(kind, value))
        if (header or kind == "text") and cell.value is not None:
            cell.data_type = "s"  # "=SUM(...)" typed as a name stays text
        cell._style = self.protos["header", True] if header else self.protos[kind, bold]
        return cell


def _widths(columns: Sequence[Column], sample: Sequence[Sequence]) -> list[int]:
    out = []
    for i, col in enumerate(columns):
        if col.width:
            out.append(col.width)
            continue
        width = max(display_width(col.header) + 2, DEFAULT_WIDTHS[col.kind])
        if col.kind == "text":
            for row in sample:
                if i < len(row) and row[i] is not None:
                    width = max(width, display_width(str(row[i])) + 2)
        out.append(min(width, 50))
    return out


def _list_formula(values: Sequence[str]) -> str:
    """An in-cell list for a drop-down; Excel takes at most 255 characters, so a long list is cut."""
    text = ""
    for v in values:
        item = clean_cell_text(v).replace(",", "，").replace('"', "")
        if len(text) + len(item) + 1 > 250:
            break
        text = f"{text},{item}" if text else item
    return f'"{text}"'


def write_table(
    path: Path | str,
    title: str,
    columns: list[Column],
    rows: Iterable[Sequence],
    *,
    totals: Sequence | None = None,
    choices: dict[int, Sequence[str]] | None = None,
) -> None:
    """One sheet: a title row, a header row, the rows, an optional totals row (bold).

    Prints on A4 landscape fitted to the page width with the title and header repeated on every page; the header
    is frozen. ``choices`` (column index → allowed values) adds drop-down lists (templates).
    """
    with output_path(path) as tmp:  # first: a path that cannot be written fails before the workbook is built
        _write_table(tmp, title, columns, rows, totals=totals, choices=choices)


def _write_table(
    path: Path,
    title: str,
    columns: list[Column],
    rows: Iterable[Sequence],
    *,
    totals: Sequence | None,
    choices: dict[int, Sequence[str]] | None,
) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name(title))
    styles = _Styles(ws)
    rows = iter(rows)
    sample = list(itertools.islice(rows, 200))
    for i, width in enumerate(_widths(columns, sample), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ncols = max(len(columns), 1)
    last_col = get_column_letter(ncols)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "&P / &N"
    title_cell = WriteOnlyCell(ws, value=clean_cell_text(title))
    title_cell.data_type = "s"
    title_cell.font = Font(bold=True, size=14)
    title_cell.alignment = Alignment(horizontal="center")
    ws.append([title_cell])
    if ncols > 1:
        ws.merged_cells.add(f"A1:{last_col}1")
    ws.append([styles.cell("text", c.header, header=True) for c in columns])
    kinds = [c.kind for c in columns]
    count = 0
    for row in itertools.chain(sample, rows):
        ws.append([styles.cell(k, v) for k, v in zip(kinds, row, strict=False)])
        count += 1
    if totals is not None:
        ws.append([styles.cell("text" if isinstance(v, str) else k, v, bold=True) for k, v in zip(kinds, totals, strict=False)])
    for index, values in (choices or {}).items():
        letter = get_column_letter(index + 1)
        dv = DataValidation(type="list", formula1=_list_formula(values), allow_blank=True)
        dv.add(f"{letter}3:{letter}{max(count + 2, 1000)}")
        ws.data_validations.append(dv)
    ws.print_area = f"A1:{last_col}{count + 2 + (totals is not None)}"
    buf = io.BytesIO()  # in memory first: openpyxl leaves its zip open after a failed write (a full disk)
    wb.save(buf)
    path.write_bytes(buf.getbuffer())


def csv_text(kind: str, value: Any) -> str:
    """A cell of a .csv: numbers plain (1234.50), dates ISO, text that would be a formula behind an apostrophe."""
    v = cell_value(kind, value)
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return f"{v:f}"
    v = clean_cell_text(v)
    return "'" + v if v.startswith(FORMULA_LEADS) else v


def write_csv(path: Path | str, columns: list[Column], rows: Iterable[Sequence]) -> None:
    """A header row and the rows, UTF-8 with a byte order mark (which Excel needs to see UTF-8)."""
    with open_output(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([csv_text("text", c.header) for c in columns])
        for row in rows:
            w.writerow([csv_text(c.kind, v) for c, v in zip(columns, row, strict=False)])
