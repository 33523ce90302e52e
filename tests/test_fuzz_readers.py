"""Bad input: the spreadsheet importers, the distribution plan reader and the sync file reader, fuzzed with
hypothesis. Every input must end in a clear error (BookError) or a correct result — never another exception,
a hang, or a changed book after an error.

``FUZZ_EXAMPLES`` sets the inputs per target (default 60; the report's numbers come from
``FUZZ_EXAMPLES=1000 python -m pytest -q -s -rxX tests/test_fuzz_readers.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.book import Book
from app.core.errors import BookError
from app.core.ids import make_resident_id

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=dt.timedelta(seconds=10),  # an input that takes this long counts as a hang
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
TRIED: Counter[str] = Counter()


@pytest.fixture(autouse=True, scope="module")
def _report():
    yield
    print("\nfuzz inputs tried: " + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items())))


def snapshot(book: Book) -> tuple:
    """What must not move when an input is refused: the change log's head and the row counts."""
    tables = [r[0] for r in book.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return book.store.last_hash, tuple(book.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables)


def small_book() -> Book:
    b = Book.create(":memory:", name="模糊测试", start="2026-01", user="会计")
    b.accounts.add_sub("102", "农商银行")
    b.members.add(code="V01", name="东岭村", kind="collective")
    b.members.add(code="H0001", name="王五", kind="household", parent="V01", household_size=3,
                  id_number=make_resident_id("330106", dt.date(1970, 1, 1), 11))
    return b


# -- spreadsheets ------------------------------------------------------------------------------------------
cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["", " ", "　", "=1+1", "=HYPERLINK(\"x\")", "3.30825195001011E+17", "11010519491231002x", "2026-02-30",
                     "2019年3月1日", "2019/3/1", "１２３", "-0", "1e400", "NaN", "合计", "农户", "集体组织", "东岭村", "V01", "H0001",
                     "101", "10201", "501", "资金", "借", "贷", "\x00", "\u202e", "a" * 300]),
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
    @given(data=st.one_of(mutated(seed), st.binary(max_size=2000)), suffix=st.sampled_from([".xlsx", ".xls", ".csv"]))
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
    values = st.one_of(st.integers(-(10**12), 10**12).map(str), st.floats().map(str), st.text(max_size=12).map(json.dumps),
                       st.sampled_from(['"30"', '"-5"', '"101"', '"1e9"', '"abc"', "[]", "{}", '"2025-02-30"', "true",
                                        '"资金"', '"土地"', '"auto"', "1979-05-27", '"0"', '"100.0001"']))

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
    a.vouchers.create("2026-01-05", [LineInput("10201", "收款", debit_fen=100), LineInput("501", "", credit_fen=100)])
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
    junk = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
                        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
                        max_leaves=12)

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
            elif isinstance(p.get("changes"), list) and p["changes"] and isinstance(p["changes"][0], list) and p["changes"][0]:
                change = p["changes"][draw(st.integers(0, len(p["changes"]) - 1))]
                if isinstance(change, list) and change:
                    change[draw(st.integers(0, len(change) - 1))] = draw(junk)
        return p

    @FUZZ
    @given(payload=payloads())
    def run(payload):
        TRIED["sync:signed-payload"] += 1
        header = {"kind": "changes", "book_id": replicas.book_id(a), "created": "2026-01-01T00:00:00.000000Z", "count": 1}
        data = envelope.seal(canonical(payload).encode(), header, ident, recipients=replicas.recipients(a))
        path = folder / "signed.jlsync"
        path.write_bytes(data)
        result = try_sync(b, path)
        if result is not None:  # accepted: then the book must still be sound
            assert b.reports.check() == []

    run()
