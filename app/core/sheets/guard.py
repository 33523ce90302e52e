"""Checks of a workbook before it is read: a small hostile file must not take the program down.

An .xlsx is a zip of XML parts. Before the reader touches it, every part is inflated here once, in bounded
chunks, without trusting the sizes the zip declares: a part that grows past its cap (a zip bomb) stops the
check at the cap; a part with a DTD (entity expansion, the "billion laughs") is refused, as spreadsheets never
carry one; and the cells the sheets really use (not their declared dimension) are found, so that a single cell
at ``XFD1048576``, which would make the reader fill a range of 17 billion cells, is refused with one sentence
naming the cap instead. The reader then only ever sees a workbook within the caps.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.core.errors import BookError
from app.core.i18n import _

MAX_FILE_BYTES = 200 * 1024 * 1024  # any file to import
MAX_PART_BYTES = 300 * 1024 * 1024  # one XML part, inflated
MAX_TOTAL_BYTES = 500 * 1024 * 1024  # all parts, inflated
MAX_PARTS = 10_000
MAX_COLUMNS = 300
MAX_ROWS = 1_048_576
MAX_CELLS = 10_000_000  # rows × columns the reader fills in (about 40 bytes each)

_CHUNK = 1 << 20
_CARRY = 4096  # bytes of an unfinished tag kept for the next chunk
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_REF = rb"""\br\s*=\s*["']([A-Za-z]*)(\d+)["']"""  # either quote, spaces around "=" (all valid XML)
_REF_LETTERS = re.compile(rb"""r\s*=\s*["']([A-Za-z]+)\d""")
_REF_NUMBERS = re.compile(rb"""r\s*=\s*["'][A-Za-z]*(\d+)""")
_ODD_CELL_TAGS = (b"<c\t", b"<c\n", b"<c\r", b":c ", b":c>", b":c/", b":c\t", b":c\n", b":c\r")
_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])(?:[^>]*?" + _REF + rb")?")


@dataclass
class Extent:
    """What a part holds: the last row and column (1-based) its cells reach, and its inflated size."""

    rows: int = 0
    columns: int = 0
    size: int = 0
    positional: bool = False  # some cells carry no reference (they sit after the previous cell of their row)


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch & ~0x20) - 64  # upper case
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _refuse(file: str, en: str, zh: str, code: str, **kw) -> BookError:
    return BookError(_("“{f}”" + zh, "“{f}” " + en, f=file, **kw), code=code)


def check_size(path: Path) -> None:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _refuse(
            path.name,
            "is larger than {m} MB; split it into smaller files.",
            "大于 {m} MB，请拆分成较小的文件。",
            "sheet.too_large",
            m=MAX_FILE_BYTES >> 20,
        )


def check_extent(file: str, rows: int, columns: int) -> None:
    """Refuse a sheet beyond the caps, naming the cap and the farthest cell."""
    cell = f"{column_letters(max(columns, 1))}{max(rows, 1)}"
    if columns > MAX_COLUMNS:
        raise _refuse(
            file,
            "uses column {c} (cell {x}); at most {m} columns can be imported.",
            "用到了第{c}列（单元格 {x}），最多只能导入{m}列。",
            "sheet.too_wide",
            c=columns,
            x=cell,
            m=MAX_COLUMNS,
        )
    if rows > MAX_ROWS:
        raise _refuse(
            file,
            "uses row {r}; at most {m} rows can be imported.",
            "用到了第{r}行，最多只能导入{m}行。",
            "sheet.too_long",
            r=rows,
            m=MAX_ROWS,
        )
    if rows * columns > MAX_CELLS:
        raise _refuse(
            file,
            "spans {n} cells up to cell {x}; at most {m} can be imported (delete the far cells).",
            "的数据区域到单元格 {x}，共{n}个单元格，最多只能导入{m}个（请删除远处的单元格）。",
            "sheet.too_large",
            n=rows * columns,
            x=cell,
            m=MAX_CELLS,
        )


def _raw(fp: BinaryIO, info: zipfile.ZipInfo, file: str) -> Iterator[bytes]:
    """The compressed bytes of a part, found from its local header (as the reader will find them)."""
    fp.seek(info.header_offset)
    head = fp.read(30)
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise _refuse(file, "is damaged (a bad zip entry).", "已损坏（压缩包条目有误）。", "sheet.damaged")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    while left > 0:
        chunk = fp.read(min(_CHUNK, left))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk


def _inflated(fp: BinaryIO, info: zipfile.ZipInfo, file: str, budget: int) -> Iterator[bytes]:
    """The part's content in chunks; stops with a refusal as soon as it passes ``budget`` bytes."""
    if info.flag_bits & 0x1:
        raise _refuse(
            file,
            "is encrypted; save it without a password first.",
            "已加密，请先去掉密码另存。",
            "sheet.encrypted",
        )
    if info.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-15)
    else:
        raise _refuse(
            file,
            "uses an unusual zip compression; save it again with Excel or WPS.",
            "使用了不常见的压缩方式，请用 Excel 或 WPS 重新保存。",
            "sheet.damaged",
        )
    total = 0
    for chunk in _raw(fp, info, file):
        pending = chunk
        while pending:
            if inflate is None:
                out, pending = pending, b""
            else:
                try:
                    out = inflate.decompress(pending, _CHUNK)
                except zlib.error:
                    raise _refuse(
                        file, "is damaged (bad compressed data).", "已损坏（压缩数据有误）。", "sheet.damaged"
                    ) from None
                pending = inflate.unconsumed_tail
            total += len(out)
            if total > info.file_size:
                raise _refuse(
                    file,
                    "holds more than its zip directory declares; it was refused.",
                    "的实际内容比压缩目录声明的大，已拒绝。",
                    "sheet.zip_bomb",
                )
            if total > budget:
                raise _refuse(
                    file,
                    "unpacks to more than {m} MB; it cannot be imported.",
                    "解压后超过 {m} MB，无法导入。",
                    "sheet.zip_bomb",
                    m=min(budget, MAX_PART_BYTES) >> 20,
                )
            if out:
                yield out
            if inflate is not None and inflate.eof:
                return


def _tags(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks cut after their last ``>``, so that no tag is split between two of them."""
    carry = b""
    for out in chunks:
        text = carry + out
        cut = text.rfind(b">") + 1
        yield text[:cut]
        carry = text[cut:][-_CARRY:]


def _scan(file: str, chunks: Iterator[bytes]) -> Extent:
    """The extent of the cells in a part, by their references; a refusal for a DTD.

    Every step runs in C over the whole chunk (a Python step per cell would cost more than reading the sheet):
    the letters and the numbers of every ``r="…"`` attribute (cells and rows; any other attribute named like it
    only makes the extent larger, never smaller) are collected and deduplicated. A part where some cell tag does
    not begin with its reference (as Excel, WPS and openpyxl write them) is counted again by position."""
    extent = Extent()
    cells = False
    for body in _tags(chunks):
        extent.size += len(body)
        if b"<!" in body and _DTD.search(body):
            raise _refuse(
                file,
                "declares XML entities, which a spreadsheet never does; it was refused.",
                "含有 XML 实体声明（正常的表格没有），已拒绝。",
                "sheet.xml_entities",
            )
        cells = cells or b"sheetData" in body  # a worksheet (other parts, such as the theme, have r="…" too)
        if not cells:
            continue
        letters = _REF_LETTERS.findall(body)
        numbers = set(_REF_NUMBERS.findall(body))
        if letters:
            extent.columns = max(extent.columns, *map(column_number, set(letters)))
        if numbers:
            extent.rows = max(extent.rows, *map(int, numbers))
        tags = body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/")
        if tags != body.count(b'<c r="') or any(t in body for t in _ODD_CELL_TAGS):
            extent.positional = True  # not every cell starts with its reference: count them by position
    return extent


def _positional(chunks: Iterator[bytes], extent: Extent) -> None:
    """Extend ``extent`` by the cells without a reference, counted by position in their row (slower)."""
    row = col = 0
    for body in _tags(chunks):
        for m in _TOKEN.finditer(body):
            if m.group(1) == b"row":
                row, col = (int(m.group(3)) if m.group(3) else row + 1), 0
                continue
            col = column_number(m.group(2)) if m.group(2) else col + 1
            extent.columns = max(extent.columns, col)
            extent.rows = max(extent.rows, int(m.group(3)) if m.group(3) else row)


def check_workbook(path: Path) -> None:
    """Refuse an .xlsx/.xlsm that is a zip or XML bomb or whose cells reach beyond the caps."""
    file = path.name
    check_size(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error):
        return  # not a zip (or not one Python can list): the reader says what it is
    with zf, open(path, "rb") as fp:
        infos = [i for i in zf.infolist() if not i.filename.endswith("/")]
        if len(infos) > MAX_PARTS:
            raise _refuse(
                file,
                "has {n} parts inside; it is not a normal workbook.",
                "内部有{n}个部件，不是正常的工作簿。",
                "sheet.zip_bomb",
                n=len(infos),
            )
        left = MAX_TOTAL_BYTES
        for info in infos:
            budget = min(MAX_PART_BYTES, left)
            try:
                extent = _scan(file, _inflated(fp, info, file, budget))
                if extent.positional:
                    _positional(_inflated(fp, info, file, budget), extent)
            except (
                OSError,
                ValueError,
                OverflowError,
                struct.error,
            ):  # an entry pointing outside the file, say
                raise _refuse(
                    file, "is damaged (a bad zip entry).", "已损坏（压缩包条目有误）。", "sheet.damaged"
                ) from None
            check_extent(file, extent.rows, extent.columns)
            left -= extent.size
