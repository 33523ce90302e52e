"""Bad input: the spreadsheet importers, the distribution plan reader and the sync file reader, fuzzed with
hypothesis. Every input must end in a clear error (BookError) or a correct result — never another exception,
a hang, or a changed book after an error.

``FUZZ_EXAMPLES`` sets the inputs per target (default 60 with a fixed seed; when set, a random seed; the report's
numbers come from ``FUZZ_EXAMPLES=1000 python -m pytest -q -s -rxX tests/test_fuzz_readers.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.core.book import Book
from app.core.errors import BookError
from app.core.ids import make_resident_id

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=dt.timedelta(seconds=10),  # an input that takes this long counts as a hang
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,  # a fixed seed in CI; a longer run explores new inputs
)
TRIED: Counter[str] = Counter()


@pytest.fixture(autouse=True, scope="module")
def _report():
    yield
    print("\nfuzz inputs tried: " + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items())))


def snapshot(book: Book) -> tuple:
    """What must not move when an input is refused: the change log's head and the row counts."""
    tables = [
        r[0]
        for r in book.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return book.store.last_hash, tuple(
        book.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables
    )


def small_book() -> Book:
    b = Book.create(":memory:", name="模糊测试", start="2026-01", user="会计")
    b.accounts.add_sub("102", "农商银行")
    b.members.add(code="V01", name="东岭村", kind="collective")
    b.members.add(
        code="H0001",
        name="王五",
        kind="household",
        parent="V01",
        household_size=3,
        id_number=make_resident_id("330106", dt.date(1970, 1, 1), 11),
    )
    return b


# -- spreadsheets ------------------------------------------------------------------------------------------
cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "　",
            "=1+1",
            '=HYPERLINK("x")',
            "3.30825195001011E+17",
            "11010519491231002x",
            "2026-02-30",
            "2019年3月1日",
            "2019/3/1",
            "１２３",
            "-0",
            "1e400",
            "NaN",
            "合计",
            "农户",
            "集体组织",
            "东岭村",
            "V01",
            "H0001",
            "101",
            "10201",
            "501",
            "资金",
            "借",
            "贷",
            "\x00",
            "\u202e",
            "a" * 300,
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2200, 1, 1)),
)


def header_names(book: Book, kind: str) -> list[str]:
    imp = book.sheets.importer(kind)
    return [n for f in imp.fields() for n in (f.zh, f.en, *f.synonyms)] + imp.share_classes()


@st.composite
def sheets(draw, kind: str):
    book = small_book()
    names = header_names(book, kind)
    book.close()
    headers = draw(st.lists(st.one_of(st.sampled_from(names), st.text(max_size=8)), min_size=1, max_size=12))
    width = len(headers)
    body = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=8))
    above = draw(st.lists(st.lists(cells, max_size=4), max_size=2))  # titles above the header
    return [*above, headers, *body]


def import_one(kind: str, rows: list) -> None:
    from app.core.sheets.reader import RawSheet

    book = small_book()
    try:
        before = snapshot(book)
        try:
            preview = book.sheets.preview(kind, "fuzz.xlsx", raw=RawSheet("fuzz.xlsx", "Sheet1", rows))
        except BookError:
            assert snapshot(book) == before
            return
        assert snapshot(book) == before  # a preview writes nothing
        try:
            book.sheets.apply(preview, valid_only=True)
        except BookError:
            assert snapshot(book) == before
            return
        assert book.reports.check() == []
        assert book.audit.verify() == []
    finally:
        book.close()


@pytest.mark.parametrize("kind", ["members", "holdings", "assets", "accounts", "opening", "vouchers"])
def test_fuzz_spreadsheet_importers(kind):
    @FUZZ
    @given(rows=sheets(kind))
    def run(rows):
        TRIED[f"sheets:{kind}"] += 1
        import_one(kind, rows)  # asserts: a clear error and an unchanged book, or a correct import

    run()
    assert TRIED[f"sheets:{kind}"] > 0


def valid_workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["成员编号", "姓名", "类别", "身份证号码"])
    ws.append(["H0002", "李四", "农户", make_resident_id("330106", dt.date(1980, 2, 2), 12)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@st.composite
def mutated(draw, seed: bytes):
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[i : i + draw(st.integers(1, 200))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=40))
        else:
            data[i : i + 16] = bytes(16)
    return bytes(data)


def test_fuzz_spreadsheet_files(tmp_path):
    seed = valid_workbook()

    @FUZZ
    @given(
        data=st.one_of(mutated(seed), st.binary(max_size=2000)),
        suffix=st.sampled_from([".xlsx", ".xls", ".csv"]),
    )
    def run(data, suffix):
        TRIED["sheets:file"] += 1
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        book = small_book()
        try:
            before = snapshot(book)
            try:
                book.sheets.preview("members", path)
            except BookError:
                pass
            assert snapshot(book) == before
        finally:
            book.close()

    run()


# -- distribution plans ------------------------------------------------------------------------------------
def test_fuzz_plan_reader():
    from app.core.distribution.demo import JOINT_PLAN
    from app.core.distribution.plan import check_classes, parse_plan

    seed = JOINT_PLAN.format(year=2025, next=2026)
    seed_lines = seed.splitlines()
    values = st.one_of(
        st.integers(-(10**12), 10**12).map(str),
        st.floats().map(str),
        st.text(max_size=12).map(json.dumps),
        st.sampled_from(
            [
                '"30"',
                '"-5"',
                '"101"',
                '"1e9"',
                '"abc"',
                "[]",
                "{}",
                '"2025-02-30"',
                "true",
                '"资金"',
                '"土地"',
                '"auto"',
                "1979-05-27",
                '"0"',
                '"100.0001"',
            ]
        ),
    )

    @st.composite
    def plans(draw):
        lines = list(seed_lines)
        for _ in range(draw(st.integers(0, 6))):
            i = draw(st.integers(0, len(lines) - 1))
            op = draw(st.sampled_from(["value", "drop", "dup", "junk"]))
            if op == "value" and "=" in lines[i]:
                lines[i] = lines[i].split("=", 1)[0] + "= " + draw(values)
            elif op == "drop":
                del lines[i]
            elif op == "dup":
                lines.insert(i, lines[i])
            else:
                lines.insert(i, draw(st.text(max_size=20)))
        return "\n".join(lines)

    @FUZZ
    @given(text=st.one_of(plans(), st.text(max_size=300)))
    def run(text):
        TRIED["plan"] += 1
        try:
            plan = parse_plan(text)
        except BookError as e:
            assert str(e)
            return
        try:
            check_classes(plan, {"资金", "土地", "劳力"})
        except BookError:
            pass

    run()


# -- sync files --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """A book and its replica, and a valid sync file from the first to the second."""
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("JOINTLEDGER_HOME", str(home))
    mp.setenv("JOINTLEDGER_BACKUP_DIR", str(home / "backups"))
    from app.core.sync import Sync
    from app.core.vouchers import LineInput

    folder = tmp_path_factory.mktemp("sync")
    a = Book.create(folder / "a.jlbook", name="同步测试", start="2026-01", user="会计")
    a.accounts.add_sub("102", "农商银行")
    a.sync.seed(folder / "a.seed", "seed-pass")
    b = Sync.join(folder / "a.seed", folder / "b.jlbook", "村里", "seed-pass")
    a.members.add(code="M1", name="东岭村", kind="collective")
    a.vouchers.create(
        "2026-01-05", [LineInput("10201", "收款", debit_fen=100), LineInput("501", "", credit_fen=100)]
    )
    a.sync.export(folder / "a-to-b.jlsync")
    yield a, b, (folder / "a-to-b.jlsync").read_bytes(), folder
    a.close()
    b.close()
    mp.undo()


def try_sync(b: Book, path: Path) -> dict | None:
    before = snapshot(b)
    try:
        return b.sync.import_file(path, backup=False)
    except BookError as e:
        assert str(e)
        assert snapshot(b) == before
        return None
    except Exception:
        assert snapshot(b) == before  # even where the reader fails badly, the book is untouched
        raise


def test_fuzz_sync_file_bytes(pair):
    a, b, seed, folder = pair

    @FUZZ
    @given(data=st.one_of(mutated(seed), st.binary(max_size=3000)))
    def run(data):
        TRIED["sync:bytes"] += 1
        path = folder / "fuzz.jlsync"
        path.write_bytes(data)
        if data != seed:  # anything but the file as written is refused: it is signed
            assert try_sync(b, path) is None

    run()


def test_fuzz_sync_payload_signed_by_a_replica(pair):
    """Payloads a known replica signed (a bug or a tampered copy of the program): the reader must not trust their
    structure."""
    from app.core.store import canonical
    from app.core.sync import envelope, replicas

    a, b, _seed, folder = pair
    ident = a.sync.identity()
    good = json.loads(envelope.unseal(envelope.open_envelope(_seed, "x"), "x", me=b.sync.identity()))
    junk = st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)
        ),
        max_leaves=12,
    )

    @st.composite
    def payloads(draw):
        p = json.loads(json.dumps(good))
        for _ in range(draw(st.integers(1, 4))):
            where = draw(st.sampled_from(["top", "change", "field"]))
            if where == "top":
                p[draw(st.sampled_from(["book_id", "from", "knows", "full", "changes"]))] = draw(junk)
            elif where == "change" and isinstance(p.get("changes"), list) and p["changes"]:
                i = draw(st.integers(0, len(p["changes"]) - 1))
                p["changes"][i] = draw(junk)
            elif (
                isinstance(p.get("changes"), list)
                and p["changes"]
                and isinstance(p["changes"][0], list)
                and p["changes"][0]
            ):
                change = p["changes"][draw(st.integers(0, len(p["changes"]) - 1))]
                if isinstance(change, list) and change:
                    change[draw(st.integers(0, len(change) - 1))] = draw(junk)
        return p

    @FUZZ
    @given(payload=payloads())
    def run(payload):
        TRIED["sync:signed-payload"] += 1
        header = {
            "kind": "changes",
            "book_id": replicas.book_id(a),
            "created": "2026-01-01T00:00:00.000000Z",
            "count": 1,
        }
        data = envelope.seal(canonical(payload).encode(), header, ident, recipients=replicas.recipients(a))
        path = folder / "signed.jlsync"
        path.write_bytes(data)
        result = try_sync(b, path)
        if result is not None:  # accepted: then the book must still be sound
            assert b.reports.check() == []

    run()


# -- hostile workbooks: dimension, zip and XML bombs, formula text (issue 14) ---------------------------------
@st.composite
def far_cells(draw):
    """Sheet XML with cells near (within the caps) or far (beyond them), with or without references."""
    from app.core.sheets.guard import column_letters

    near = draw(st.booleans())
    cells = []
    for _ in range(draw(st.integers(1, 6))):
        col = draw(st.integers(1, 300 if near else 16384))
        row = draw(st.integers(1, 2000 if near else 1_048_576))
        ref = draw(st.sampled_from([f' r="{column_letters(col)}{row}"', ""]))
        value = draw(st.sampled_from(["<v>1</v>", '<v>0</v>" t="s', "", "<is><t>=1+1</t></is>"]))
        cells.append(
            (row, f"<c{ref}{' t=' + chr(34) + 'inlineStr' + chr(34) if '<is>' in value else ''}>{value}</c>")
        )
    rows = "".join(f'<row r="{r}">{c}</row>' for r, c in sorted(cells, key=lambda x: x[0]))
    if draw(st.booleans()):
        rows = rows.replace(' r="', ' x="', draw(st.integers(0, 3)))  # rows without their number
    return rows.encode()


def test_fuzz_dimension_bombs(tmp_path):
    from hostile import sheet_xml, write_xlsx

    from app.core.sheets.guard import MAX_CELLS, MAX_COLUMNS, MAX_ROWS
    from app.core.sheets.reader import read_sheet

    @FUZZ
    @given(rows=far_cells())
    def run(rows):
        TRIED["sheets:dimension"] += 1
        path = write_xlsx(tmp_path / "far.xlsx", sheet_xml(rows))
        try:
            sheet = read_sheet(path)
        except BookError as e:
            assert e.code.startswith("sheet.")
            return
        width = max((len(r) for r in sheet.rows), default=0)
        assert width <= MAX_COLUMNS and len(sheet.rows) <= MAX_ROWS and width * len(sheet.rows) <= MAX_CELLS

    run()


def test_fuzz_xml_and_zip_bombs(tmp_path):
    """Entity declarations in any part, and packed parts that grow past the caps or past what they declare."""
    from hostile import (
        CONTENT_TYPES,
        SHEET,
        STRINGS,
        bomb_xlsx,
        lying_zip_xlsx,
        sheet_xml,
        strings_xml,
        write_xlsx,
    )

    from app.core.sheets.reader import read_sheet

    dtds = st.sampled_from(
        [
            b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">',
            b'<!doctype x [<!entity a "b">]>',
        ]
    )

    @FUZZ
    @given(dtd=dtds, part=st.sampled_from([SHEET, STRINGS, "[Content_Types].xml"]))
    def run(dtd, part):
        TRIED["sheets:xml-bomb"] += 1
        sheet = sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', dtd if part == SHEET else b"")
        strings = strings_xml([b"&a;" if part == STRINGS else b"x"], dtd if part == STRINGS else b"")
        path = write_xlsx(tmp_path / "dtd.xlsx", sheet, strings)
        if part == "[Content_Types].xml":
            with zipfile.ZipFile(path, "a") as z:
                z.writestr("extra.xml", CONTENT_TYPES.replace(b"?>", b"?>" + dtd, 1))
        with pytest.raises(BookError) as e:
            read_sheet(path)
        assert e.value.code == "sheet.xml_entities"

    run()
    for make, size in ((bomb_xlsx, 1024), (lying_zip_xlsx, 64), (lying_zip_xlsx, 400)):
        TRIED["sheets:zip-bomb"] += 1
        with pytest.raises(BookError) as e:
            read_sheet(make(tmp_path / "zip.xlsx", size))
        assert e.value.code == "sheet.zip_bomb"


formula_text = st.builds(
    lambda lead, rest: lead + rest,
    st.sampled_from(["=", "+", "-", "@", "\t=", "\r=", " =", "'="]),
    st.text(min_size=1, max_size=20),
)


def test_fuzz_formula_text_never_leaves_as_a_formula(tmp_path):
    """Whatever formula-looking text is imported, the .csv export never starts a cell with = + - @ tab or CR."""
    import csv

    from app.core.sheets.reader import RawSheet

    @FUZZ
    @given(names=st.lists(formula_text, min_size=1, max_size=5), note=formula_text)
    def run(names, note):
        TRIED["sheets:formula-text"] += 1
        book = small_book()
        try:
            rows = [["成员编号", "姓名或名称", "成员类别", "所属组织", "备注"]]
            rows += [[f"H9{i:03d}", n, "农户", "东岭村", note] for i, n in enumerate(names)]
            preview = book.sheets.preview("members", "f.csv", raw=RawSheet("f.csv", "", rows))
            book.sheets.apply(preview, valid_only=True)
            out = tmp_path / "out.csv"
            book.sheets.export("members", out)
            with open(out, encoding="utf-8-sig", newline="") as f:
                cells = [c for row in csv.reader(f) for c in row]
            assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        finally:
            book.close()

    run()


# -- crafted sync headers and bodies -------------------------------------------------------------------------
def framed(header: bytes, body: bytes, ident) -> bytes:
    """A sync file with a valid frame, hash and signature around any header and body (what a tampered program
    holding a replica's key could write)."""
    import hashlib
    import struct

    from app.core.sync import envelope

    content = struct.pack(">I", len(header)) + header + body
    total = envelope._FIXED.size + len(content) + envelope.SIG_LEN
    head = envelope._FIXED.pack(envelope.MAGIC, envelope.FORMAT, total, hashlib.sha256(content).digest())
    return head + content + ident.sign.sign(head + content)


def test_fuzz_sync_crafted_headers_and_bodies(pair):
    a, b, seed, folder = pair
    from app.core.sync import envelope

    ident = a.sync.identity()
    good = envelope.open_envelope(seed, "x")
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.text(max_size=12),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=3),
        st.floats(),
    )

    @FUZZ
    @given(
        changes=st.dictionaries(st.sampled_from(sorted(good.header) + ["extra"]), junk, max_size=4),
        same_body=st.booleans(),
        other=st.binary(max_size=200),
        raw=st.one_of(st.none(), st.binary(max_size=80)),
    )
    def run(changes, same_body, other, raw):
        TRIED["sync:crafted-header"] += 1
        body = good.body if same_body else other
        header = raw if raw is not None else json.dumps({**good.header, **changes}, default=str).encode()
        path = folder / "crafted.jlsync"
        path.write_bytes(framed(header, body, ident))
        if header != good.header_bytes or body != good.body:
            assert try_sync(b, path) is None

    run()


# -- PDFs with incremental updates -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def statement(tmp_path_factory):
    from test_distribution_support import post_and_approve
    from test_distribution_support import small_book as village

    d = tmp_path_factory.mktemp("pdf")
    book = village(d / "v.jlbook")
    post_and_approve(book)
    paths = book.distribution.write_statements(2026, d / "st")
    codes = [book.distribution.verify_file(p)["code"] for p in paths]
    yield book, paths[0], codes, d
    book.close()


def test_fuzz_pdf_incremental_updates(statement):
    """Anything added after the signature (metadata pointing elsewhere, pages, annotations, bytes) is refused."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    book, path, codes, d = statement
    before = snapshot(book)
    original = path.read_bytes()

    @settings(FUZZ, max_examples=max(10, EXAMPLES // 4))  # each check validates the signature (about 2 s)
    @given(
        ops=st.lists(
            st.sampled_from(["keywords", "page", "annotation", "title", "bytes"]), min_size=1, max_size=3
        ),
        code=st.sampled_from(codes),
        text=st.text(max_size=20),
        tail=st.binary(min_size=1, max_size=64),
    )
    def run(ops, code, text, tail):
        TRIED["pdf:incremental"] += 1
        writer = PdfWriter(path, incremental=True)
        for op in ops:
            if op == "keywords":
                writer.add_metadata({"/Keywords": f"jointledger:statement:{code}"})
            elif op == "title":
                writer.add_metadata({"/Title": text or "x"})
            elif op == "page":
                writer.add_blank_page()
            elif op == "annotation":
                writer.add_annotation(
                    0,
                    DictionaryObject(
                        {
                            NameObject("/Type"): NameObject("/Annot"),
                            NameObject("/Subtype"): NameObject("/FreeText"),
                            NameObject("/Contents"): TextStringObject("999,999.00 " + text),
                        }
                    ),
                )
        out = d / "updated.pdf"
        with open(out, "wb") as f:
            writer.write(f)
            if "bytes" in ops:
                f.write(tail)
        assume(out.read_bytes() != original)  # pypdf writes nothing for a change that changes nothing
        r = book.distribution.verify_file(out)
        assert not r["ok"] and not r["figures_match"]
        assert snapshot(book) == before

    run()


# -- the worst inputs' peak memory ---------------------------------------------------------------------------
_PEAK = """
import resource, sys
from app.core.errors import BookError
from app.core.sheets.reader import read_sheet
try:
    read_sheet(sys.argv[1])
    outcome = "read"
except BookError as e:
    outcome = e.code
try:  # this process's own high-water mark (ru_maxrss would include the forking test process's pages)
    peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(outcome, peak)
"""


def test_peak_memory_of_the_worst_inputs(tmp_path):
    """Each hostile workbook read in its own process; its peak memory printed beside the floor (a tiny valid
    workbook). With FUZZ_EXAMPLES above 60 the largest sheet within the caps is measured too."""
    import subprocess
    import sys

    from hostile import bomb_xlsx, entity_xlsx, lying_zip_xlsx, sheet_xml, write_xlsx

    inputs = {
        "floor (valid, 1 cell)": write_xlsx(
            tmp_path / "floor.xlsx", sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>')
        ),
        "XFD1048576": write_xlsx(
            tmp_path / "xfd.xlsx", sheet_xml(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
        ),
        "ZZ200000": write_xlsx(
            tmp_path / "zz.xlsx", sheet_xml(b'<row r="200000"><c r="ZZ200000"><v>1</v></c></row>')
        ),
        "zip bomb 1 GiB": bomb_xlsx(tmp_path / "zip.xlsx", 1024),
        "lying zip 400 MiB": lying_zip_xlsx(tmp_path / "lying.xlsx", 400),
        "billion laughs": entity_xlsx(tmp_path / "lol.xlsx"),
    }
    if EXAMPLES > 60:
        inputs["at the cap (KN33333, 10M cells)"] = write_xlsx(
            tmp_path / "cap.xlsx",
            sheet_xml(
                b'<row r="1"><c r="A1"><v>1</v></c></row><row r="33333"><c r="KN33333"><v>1</v></c></row>'
            ),
        )
    peaks = {}
    for label, path in inputs.items():
        r = subprocess.run(
            [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, timeout=600
        )
        assert r.returncode == 0, r.stderr  # no crash, no abort
        outcome, kb = r.stdout.split()
        peaks[label] = int(kb) // 1024
        print(f"\npeak memory {label}: {peaks[label]} MB ({outcome})", end="")
        TRIED["sheets:peak-memory"] += 1
    worst = max(peaks, key=peaks.get)
    print(
        f"\npeak memory of the worst input: {peaks[worst]} MB ({worst}); floor {peaks['floor (valid, 1 cell)']} MB"
    )
    assert peaks[worst] < 1024
