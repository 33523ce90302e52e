"""Hostile workbooks built by hand, byte by byte: a minimal .xlsx (what Excel needs to open it) and the classic
bombs — a dimension bomb is just ``sheet_xml`` with a far cell, a zip bomb, a zip whose sizes lie, an XML entity
expansion. Shared by tests/test_hostile_files.py and tests/test_fuzz_readers.py."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships ' + _PKG + b'><Relationship Id="rId1" Type="' + _REL
             + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook ' + _NS + b' xmlns:r="' + _REL + b'"><sheets>'
            b'<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships ' + _PKG + b'><Relationship Id="rId1" Type="' + _REL
                 + b'/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="' + _REL
                 + b'/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


def sheet_xml(rows: bytes, head: bytes = b"") -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>' + head + b"<worksheet " + _NS + b"><sheetData>" + rows + b"</sheetData></worksheet>"


def strings_xml(items: list[bytes], head: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>' + head + b"<sst " + _NS + b">"
            + b"".join(b"<si><t>" + s + b"</t></si>" for s in items) + b"</sst>")


def write_xlsx(path: Path, sheet: bytes, strings: bytes | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), (SHEET, sheet),
                           (STRINGS, strings if strings is not None else strings_xml([b"x"]))):
            z.writestr(name, data)
    return path


def bomb_xlsx(path: Path, megabytes: int = 1024) -> Path:
    """A zip bomb: about 1 MB on disk, a sheet of ``megabytes`` MB of blanks inside."""
    write_xlsx(path, b"")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as f:
        f.write(sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>')[:-24])
        blank = b" " * (1 << 20)
        for _ in range(megabytes):
            f.write(blank)
        f.write(b"</sheetData></worksheet>")
    return path


def lying_zip_xlsx(path: Path, megabytes: int = 400) -> Path:
    """A zip whose directory declares a 100-byte sheet that inflates to ``megabytes`` MB."""
    bomb_xlsx(path, megabytes)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
    at = data.rfind(info.filename.encode()) - 46  # its entry in the central directory (the name's last occurrence)
    assert data[at : at + 4] == b"PK\x01\x02"
    size_at = at + 24
    if struct.unpack("<I", data[size_at : size_at + 4])[0] != 0xFFFFFFFF:
        data[size_at : size_at + 4] = struct.pack("<I", 100)
    else:  # zip64: the real size sits in the extra field
        name_len, extra_len = struct.unpack("<HH", data[at + 28 : at + 32])
        extra = at + 46 + name_len
        data[extra + 4 : extra + 12] = struct.pack("<Q", 100)
    path.write_bytes(bytes(data))
    return path


def entity_xlsx(path: Path) -> Path:
    """The "billion laughs": shared strings declaring entities that expand to a gigabyte."""
    dtd = b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    for level in "bcdefghi":
        prev = chr(ord(level) - 1).encode()
        dtd += b"<!ENTITY " + level.encode() + b' "' + (b"&" + prev + b";") * 10 + b'">'
    dtd += b"]>"
    return write_xlsx(path, sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), strings_xml([b"&i;"], dtd))
