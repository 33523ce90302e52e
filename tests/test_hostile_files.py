"""Hostile files and honest errors (issue 14): formulas in exported .csv files, workbooks that would exhaust memory,
unwritable paths, full disks, read-only media, files that are not books, books of a newer program, templates.

Read-only media and full disks are real: the commands run in a private mount namespace (``unshare -rm``) where a
folder is bind-mounted read-only or a tiny tmpfs fills up.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hostile import bomb_xlsx, entity_xlsx, lying_zip_xlsx, sheet_xml, write_xlsx

from app.cli.main import cli
from app.core.book import Book
from app.core.db import SCHEMA_VERSION
from app.core.errors import BookError
from app.core.sheets.guard import MAX_CELLS, MAX_COLUMNS
from app.core.sheets.reader import read_sheet

FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1)", "@SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_sentence(output: str) -> str:
    lines = [ln for ln in output.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


@pytest.fixture
def book_file(tmp_path) -> Path:
    path = tmp_path / "b.jlbook"
    Book.create(path, name="东岭联营", start="2026-01").close()
    return path


# -- 1. formulas ---------------------------------------------------------------------------------------------
def roster_with_formulas(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["成员编号", "姓名或名称", "成员类别", "所属组织"])
    for i, name in enumerate(FORMULAS):
        ws.append([f"H{i + 1:04d}", name, "农户", "\t=1+1" if i == 0 else "第1组"])
    ws.append(['=HYPERLINK("http://e","c")', "李四", "农户", "第1组"])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, as an office's roster typed them
    wb.save(path)
    return path


def test_csv_export_writes_formula_text_as_text_and_xlsx_keeps_strings(book_file, tmp_path):
    roster = roster_with_formulas(tmp_path / "roster.xlsx")
    with Book.open(book_file) as b:
        preview = b.sheets.preview("members", roster)
        noted = {(n.row, n.value) for n in preview.notes if n.code == "sheet.formula_text"}
        assert (2, "=1+1") in noted and (8, '=HYPERLINK("http://e","c")') in noted and (3, "+SUM(1)") in noted
        b.sheets.apply(preview, valid_only=True)
        names = {r[0] for r in b.db.execute("SELECT name FROM members")}
    assert "=1+1" in names  # kept as text (the group of the first row), never calculated
    r = invoke("export", book_file, "members", tmp_path / "out.csv")
    assert r.exit_code == 0, r.output
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    leads = tuple("=+-@\t\r")
    assert [c for c in cells if c.startswith(leads)] == []
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(A1:A2)" in cells and "'-2+3+cmd|' /C calc'!A0" in cells
    assert '\'=HYPERLINK("http://e","c")' in cells and "'=1+1" in cells
    r = invoke("export", book_file, "members", tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    values = [
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert values and all(c.data_type == "s" for c in values)


def test_csv_round_trip_takes_the_apostrophe_off(book_file, tmp_path):
    roster = roster_with_formulas(tmp_path / "roster.xlsx")
    with Book.open(book_file) as b:
        b.sheets.apply(b.sheets.preview("members", roster), valid_only=True)
        b.sheets.export("members", tmp_path / "out.csv")
        again = b.sheets.preview("members", tmp_path / "out.csv")
    assert again.counts()["new"] == 0 and again.counts()["changed"] == 0


# -- 2. workbooks that would exhaust memory ------------------------------------------------------------------
@pytest.mark.parametrize(
    "rows, code",
    [
        (
            b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
            "sheet.too_wide",
        ),
        (
            b'<row r="1"><c r="A1"><v>1</v></c></row><row r="200000"><c r="ZZ200000"><v>1</v></c></row>',
            "sheet.too_wide",
        ),
        (b'<row r="1"><c r="A1"><v>1</v></c><c r="KN1048576"><v>1</v></c></row>', "sheet.too_large"),
        (
            b"<row>" + b"<c><v>1</v></c>" * (MAX_COLUMNS + 1) + b"</row>",
            "sheet.too_wide",
        ),  # cells without references
        (
            b"<row r='1'><c r = 'xfd1'><v>1</v></c></row>",
            "sheet.too_wide",
        ),  # other quotes, spaces, lower case
        (
            b'<row r="1"><c r="KM1"><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>',
            "sheet.too_wide",
        ),  # KM, KN, KO
    ],
)
def test_dimension_bombs_are_refused_before_reading(tmp_path, rows, code):
    path = write_xlsx(tmp_path / "bomb.xlsx", sheet_xml(rows))
    assert path.stat().st_size < 5000
    with pytest.raises(BookError) as e:
        read_sheet(path)
    assert e.value.code == code
    assert str(MAX_COLUMNS if code == "sheet.too_wide" else MAX_CELLS) in str(e.value)


def test_zip_and_xml_bombs_are_refused(tmp_path):
    for path, code in [
        (bomb_xlsx(tmp_path / "zip.xlsx"), "sheet.zip_bomb"),
        (lying_zip_xlsx(tmp_path / "lying.xlsx"), "sheet.zip_bomb"),
        (entity_xlsx(tmp_path / "lol.xlsx"), "sheet.xml_entities"),
    ]:
        with pytest.raises(BookError) as e:
            read_sheet(path)
        assert e.value.code == code, path


def test_a_sheet_within_the_caps_still_reads(tmp_path):
    path = write_xlsx(
        tmp_path / "ok.xlsx",
        sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row><c><v>5</v></c></row>'),
    )
    assert read_sheet(path).rows == [["x"], [5.0]]


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


# -- 4. one sentence, exit 1, nothing half-written ------------------------------------------------------------
def test_unwritable_paths_give_one_sentence(book_file, tmp_path):
    missing = tmp_path / "no-such-folder"
    for args in [
        ("export", book_file, "members", missing / "m.xlsx"),
        ("export", book_file, "members", missing / "m.csv"),
        ("template", "members", missing / "t.xlsx"),
        ("sync", "export", book_file, missing / "s.jlsync"),
        ("replica", "seed", book_file, missing / "s.jlseed"),
        ("init", missing / "x.jlbook", "--name", "x"),
    ]:
        r = invoke(*args)
        assert r.exit_code == 1, (args, r.output)
        one_sentence(r.output)
    assert not missing.exists()


def test_a_sqlite_file_that_is_not_a_book(tmp_path):
    path = tmp_path / "meta.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.commit()
    conn.close()
    for args in [("info", path), ("export", path, "members", tmp_path / "m.csv")]:
        r = invoke(*args)
        assert r.exit_code == 1 and str(path) in one_sentence(r.output)
    with pytest.raises(BookError) as e:
        Book.open(path)
    assert e.value.code == "book.not_a_book"


def test_a_book_of_a_newer_program_says_which(book_file):
    conn = sqlite3.connect(book_file)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', '9.1.0')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    for readonly in (True, False):
        with pytest.raises(BookError) as e:
            Book.open(book_file, readonly=readonly)
        assert (
            e.value.code == "book.newer"
            and "9.1.0" in str(e.value)
            and str(SCHEMA_VERSION + 1) in str(e.value)
        )


def namespace(script: str) -> subprocess.CompletedProcess:
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode
    ):
        pytest.skip("no user namespaces here to mount a read-only folder or a tiny disk")
    return subprocess.run(
        ["unshare", "-rm", "sh", "-ec", script], capture_output=True, text=True, timeout=300
    )


def app(*args: object) -> str:
    return " ".join([sys.executable, "-m", "app", *(f"'{a}'" for a in args)])


def test_read_only_media(book_file, tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    book_file = book_file.rename(folder / book_file.name)
    out = folder / "m.csv"
    assert invoke("template", "members", tmp_path / "t.csv").exit_code == 0
    r = namespace(f"""
        mount --bind {folder} {folder}; mount -o remount,bind,ro {folder}
        {app("info", book_file, "--json")} > {tmp_path}/info.out 2> {tmp_path}/info.err || echo info $?
        {app("export", book_file, "members", out)} 2> {tmp_path}/export.err || echo export $?
        {app("template", "members", folder / "t.xlsx")} 2> {tmp_path}/template.err || echo template $?
        {app("init", folder / "c.jlbook", "--name", "x")} 2> {tmp_path}/init.err || echo init $?
        {app("backup", book_file, folder)} 2> {tmp_path}/backup.err || echo backup $?
        {app("import", book_file, "members", tmp_path / "t.csv")} 2> {tmp_path}/import.err || echo import $?
    """)
    assert r.stdout.split() == ["export", "1", "template", "1", "init", "1", "backup", "1", "import", "1"], (
        r.stderr
    )
    assert '"name": "东岭联营"' in (tmp_path / "info.out").read_text()
    opened, refused = (tmp_path / "import.err").read_text().splitlines()  # opened read-only, and it says so
    assert "只读" in opened and "只读" in refused
    for name in ("export", "template", "init", "backup"):
        assert str(folder) in one_sentence((tmp_path / f"{name}.err").read_text().splitlines()[-1])
    assert sorted(p.name for p in folder.iterdir()) == [
        "b.jlbook",
        "b.jlbook-shm",
        "b.jlbook-wal",
        "b.jlbook.lock",
    ] or sorted(p.name for p in folder.iterdir()) == ["b.jlbook"]


def test_full_disk(book_file, tmp_path):
    roster = tmp_path / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["成员编号", "姓名或名称", "成员类别", "所属组织"])
        w.writerows([f"H{i:05d}", "张" * 20 + str(i), "农户", "第1组"] for i in range(3000))
    disk = tmp_path / "disk"
    disk.mkdir()
    r = namespace(f"""
        mount -t tmpfs -o size=700k none {disk}; cp {book_file} {disk}/b.jlbook
        {app("import", disk / "b.jlbook", "members", roster)} 2> {tmp_path}/import.err || echo import $?
        {app("template", "members", disk / "filler.xlsx")} > /dev/null
        head -c 300000 /dev/zero > {disk}/filler || true
        {app("export", disk / "b.jlbook", "accounts", disk / "a.xlsx")} 2> {tmp_path}/export.err || echo export $?
        rm {disk}/filler  # space freed again: the book is as it was (SQLite needs room for its -shm file to read)
        {app("check", disk / "b.jlbook", "--json")} > {tmp_path}/check.out || echo check $?
        ls -a {disk} > {tmp_path}/ls.out
    """)
    assert r.stdout.split() == ["import", "1", "export", "1"], r.stdout + r.stderr
    assert "磁盘已满" in one_sentence((tmp_path / "import.err").read_text())
    assert "磁盘已满" in one_sentence((tmp_path / "export.err").read_text())
    assert '"ok": true' in (tmp_path / "check.out").read_text()
    left = (tmp_path / "ls.out").read_text().split()
    assert "a.xlsx" not in left and not [n for n in left if ".partial-" in n]


# -- 6. template format by extension -------------------------------------------------------------------------
def test_template_format_follows_the_extension(tmp_path):
    assert invoke("template", "vouchers", tmp_path / "t.csv").exit_code == 0
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("日期,凭证号,摘要") and not zipfile.is_zipfile(tmp_path / "t.csv")
    assert invoke("template", "vouchers", tmp_path / "t.xlsx").exit_code == 0
    assert zipfile.is_zipfile(tmp_path / "t.xlsx")
    r = invoke("template", "vouchers", tmp_path / "t.pdf")
    assert r.exit_code == 1 and not (tmp_path / "t.pdf").exists()
    one_sentence(r.output)


# -- 5. backups on a stick are encrypted -----------------------------------------------------------------------
def test_a_backup_on_a_stick_is_encrypted_and_restore_says_what_it_holds(tmp_path, monkeypatch):
    from app.core.ids import make_resident_id
    from app.core.trust import sealed

    monkeypatch.setenv("JOINTLEDGER_PASSPHRASE", "stick-passphrase")
    book_file = tmp_path / "b.jlbook"
    id_number = make_resident_id("330106", dt.date(1970, 1, 1), 11)
    with Book.create(book_file, name="东岭联营", start="2026-01") as b:
        b.members.add(code="V01", name="东岭村", kind="collective")
        b.members.add(
            code="H0001",
            name="王五",
            kind="household",
            parent="V01",
            id_number=id_number,
            phone="13912345678",
            bank_account="6210400011112222",
        )
    stick = tmp_path / "stick"
    r = invoke("backup", book_file, stick)
    assert r.exit_code == 0, r.output
    (backup,) = stick.glob("*.jlbak")
    data = backup.read_bytes()
    assert data.startswith(sealed.MAGIC)
    for secret in (id_number, "13912345678", "6210400011112222", "王五"):
        assert secret.encode() not in data and secret.encode("utf-16-le") not in data
    r = invoke("restore", backup, tmp_path / "again.jlbook", "--yes")
    assert r.exit_code == 0, r.output
    holds = r.output.index("members")
    assert holds < r.output.index("加密") < r.output.index("Restored")  # what it holds, then the passphrase
    with Book.open(tmp_path / "again.jlbook", readonly=True) as b:
        assert b.members.get("H0001")["phone"] == "13912345678"
    monkeypatch.setenv("JOINTLEDGER_PASSPHRASE", "wrong")
    r = invoke("restore", backup, tmp_path / "third.jlbook", "--yes")
    assert r.exit_code == 1 and not (tmp_path / "third.jlbook").exists()
    assert "口令不对" in r.output.splitlines()[-1]
    monkeypatch.delenv("JOINTLEDGER_PASSPHRASE")
    with Book.open(book_file) as b, pytest.raises(BookError) as e:
        b.backups.write(stick)
    assert e.value.code == "backup.passphrase"
    local = invoke("backup", book_file)  # the backup folder of this PC stays plain
    assert local.exit_code == 0 and "jlbak" in local.output


def test_the_gui_shows_the_same_sentence(monkeypatch, qapp):
    from PySide6.QtWidgets import QMessageBox

    from app.gui.errors import show_error

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    show_error(None, OSError(28, "No space left on device", "/media/stick/members.xlsx"))
    show_error(None, sqlite3.OperationalError("database or disk is full"))
    from app.core.outfile import file_error

    assert "/media/stick/members.xlsx" in shown[0] and shown[0] == str(
        file_error(OSError(28, "x", "/media/stick/members.xlsx"))
    )
    assert (
        file_error(sqlite3.OperationalError("database or disk is full")).code == "file.io" and len(shown) == 2
    )
