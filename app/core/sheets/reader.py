"""Reading a sheet into rows of cell values: .xlsx/.xlsm/.xls/.ods with calamine, .csv with the csv module.

Rows start at row 1 and column A, as Excel numbers them; a merged cell's value fills the whole merged range (a
village group written once beside its households); a .csv is read as UTF-8 and otherwise as GB18030 (Chinese Excel
saves "CSV" in GBK). A workbook passes ``guard.check_workbook`` before it is read (zip and XML bombs, cells beyond
the caps); a .csv is read row by row and stops at the caps. A .csv cell written as text by the usual rule (an
apostrophe before ``=1+1``) is read without the apostrophe.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from app.core.errors import BookError
from app.core.i18n import _
from app.core.sheets.guard import MAX_COLUMNS, MAX_ROWS, check_extent, check_size, check_workbook
from app.core.sheets.writer import FORMULA_LEADS

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv", ".txt")
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class RawSheet:
    file: str  # the file's name, for problem reports
    name: str  # the sheet's name ("" for a csv)
    rows: list[list[Any]]


def _check(path: Path) -> None:
    if not path.exists():
        raise BookError(_("找不到文件“{p}”。", "The file “{p}” does not exist.", p=path))
    if path.suffix.lower() not in SUFFIXES:
        raise BookError(
            _("只能导入 .xlsx、.xls、.csv 文件，“{p}”不是。", "Only .xlsx, .xls and .csv files can be imported; “{p}” is not one.", p=path.name)
        )


def _open(path: Path) -> CalamineWorkbook:
    if path.suffix.lower() in ZIP_SUFFIXES:
        check_workbook(path)
    else:
        check_size(path)
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as e:
        raise BookError(_("无法读取“{p}”：{e}", "Cannot read “{p}”: {e}", p=path.name, e=e)) from None


def sheet_names(path: Path | str) -> list[str]:
    path = Path(path)
    _check(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return [""]
    wb = _open(path)
    try:
        visible = [m.name for m in wb.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
        return visible or list(wb.sheet_names)
    finally:
        wb.close()


def decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BookError(_("无法识别文件的文字编码（应为 UTF-8 或 GBK）。", "The file's text encoding is neither UTF-8 nor GBK."))


def _csv_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_LEADS) else value


def _read_csv(path: Path) -> RawSheet:
    check_size(path)
    content = decode(path.read_bytes())
    try:
        dialect: Any = csv.Sniffer().sniff(content[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    try:
        for r in csv.reader(io.StringIO(content), dialect):
            if len(r) > MAX_COLUMNS or len(rows) >= MAX_ROWS:
                check_extent(path.name, len(rows) + 1, len(r))
            rows.append([_csv_cell(c) for c in r])
    except csv.Error as e:
        raise BookError(_("无法读取“{p}”第{n}行：{e}", "Cannot read row {n} of “{p}”: {e}", p=path.name, n=len(rows) + 1, e=e),
                        code="sheet.damaged") from None
    return RawSheet(path.name, "", rows)


def read_sheet(path: Path | str, sheet: str | None = None) -> RawSheet:
    """The named sheet (default: the first visible one) with every row from row 1."""
    path = Path(path)
    _check(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return _read_csv(path)
    wb = _open(path)
    try:
        name = sheet or sheet_names(path)[0]
        if name not in wb.sheet_names:
            raise BookError(_("文件中没有名为“{s}”的工作表。", "The file has no sheet named “{s}”.", s=name))
        ws = wb.get_sheet_by_name(name)
        if ws.height:
            check_extent(path.name, ws.end[0] + 1, ws.end[1] + 1)
        rows = ws.to_python(skip_empty_area=False)
        for (r0, c0), (r1, c1) in ws.merged_cell_ranges or ():
            if r0 >= len(rows) or c0 >= len(rows[r0]):
                continue
            top = rows[r0][c0]
            for r in range(r0, min(r1 + 1, len(rows))):
                for c in range(c0, min(c1 + 1, len(rows[r]))):
                    rows[r][c] = top
        return RawSheet(path.name, name, rows)
    except CalamineError as e:
        raise BookError(_("无法读取“{p}”：{e}", "Cannot read “{p}”: {e}", p=path.name, e=e)) from None
    finally:
        wb.close()
