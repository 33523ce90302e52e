"""Backups: automatic and manual, checked, rotated; restore with a preview, round trip."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book
from app.core.errors import BookError
from app.core.trust.backups import KEEP_LAST, BackupFile, describe, listing, to_remove


@pytest.fixture(autouse=True)
def backups(tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(folder))
    return folder


@pytest.fixture
def path(demo_file, tmp_path):
    p = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, p)
    return p


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def members(path):
    conn = sqlite3.connect(path)
    n = conn.execute("SELECT count(*) FROM members").fetchone()[0]
    conn.close()
    return n


def test_opening_for_writing_backs_up_once_per_state(path):
    with Book.open(path) as b:
        first = b.backups.list()
        assert [f.reason for f in first] == ["open"]
    Book.open(path).close()
    Book.open(path, readonly=True).close()
    with Book.open(path) as b:
        assert len(b.backups.list()) == 1  # nothing changed since: no new copy
        b.members.add(code="N1", name="新成员")
    with Book.open(path) as b:
        assert [f.reason for f in b.backups.list()] == ["open", "open"]
        newest = b.backups.list()[0].path
    conn = sqlite3.connect(newest)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM members WHERE code = 'N1'").fetchone()[0] == 1
    conn.close()


def test_year_end_close_backs_up_first(path):
    with Book.open(path, user="会计") as b:
        b.periods.close_year(2025)
        assert "year-close" in [f.reason for f in b.backups.list()]


def test_backup_and_restore_round_trip(path, tmp_path):
    usb = tmp_path / "usb"
    r = run("backup", path, usb)
    assert r.exit_code == 0, r.output
    copy = next(usb.iterdir())
    before = members(path)
    with Book.open(path) as b:
        b.members.add(code="N1", name="备份后加入")
    assert members(path) == before + 1
    r = run("restore", copy, path)  # no terminal to confirm in: the preview, then one sentence
    assert r.exit_code == 1 and "--yes" in r.output and f"members           {before}" in r.output
    assert members(path) == before + 1
    r = run("restore", copy, path, "--yes")
    assert r.exit_code == 0, r.output
    assert members(path) == before
    assert run("check", path).exit_code == 0
    assert run("audit", path, "--verify").exit_code == 0
    with Book.open(path) as b:
        safety = [f for f in b.backups.list() if f.reason == "restore"][0].path
    assert members(safety) == before + 1  # the book as it was before the restore is kept


def test_restore_to_a_new_file_and_refusals(path, tmp_path):
    r = run("backup", path)
    assert r.exit_code == 0
    backup = Path(r.output.split("Backed up to ")[1].split(" (")[0])
    new = tmp_path / "new.jlbook"
    assert run("restore", backup, new, "--yes").exit_code == 0
    assert members(new) == members(path) and run("check", new).exit_code == 0
    junk = tmp_path / "junk.jlbak"
    junk.write_bytes(b"not a book" * 100)
    r = run("restore", junk, tmp_path / "other.jlbook", "--yes")
    assert r.exit_code == 1 and "不是联营账簿的备份" in r.output and "Traceback" not in r.output
    with pytest.raises(BookError):
        describe(tmp_path / "missing.jlbak")
    with Book.open(path, user="审核") as b:
        with pytest.raises(BookError, match="恢复备份"):
            b.backups.restore(backup)


def test_backup_folder_can_point_elsewhere(path, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    assert run("backup", path, "--set-folder", stick).exit_code == 0
    with Book.open(path) as b:
        b.members.add(code="N2", name="加入")
    Book.open(path).close()
    assert listing(next(stick.iterdir()))
    r = run("backup", path, "--list")
    assert r.exit_code == 0 and str(stick) in r.output and "open" in r.output
    assert run("backup", path, "--set-folder", tmp_path / "nowhere").exit_code == 1


def test_rotation_keeps_the_last_ten_then_one_a_month_for_a_year():
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    every_week = [BackupFile(Path(f"{i}.jlbak"), now - dt.timedelta(days=7 * i), "open") for i in range(120)]
    manual = BackupFile(Path("m.jlbak"), now - dt.timedelta(days=900), "manual")
    gone = set(to_remove([*every_week, manual], now))
    kept = [b for b in every_week if b not in gone]
    assert manual not in gone
    assert kept[:KEEP_LAST] == every_week[:KEEP_LAST]
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert len(months) == 12 and min(months) == (2025, 12)
    older = [(b.taken.year, b.taken.month) for b in kept[KEEP_LAST:]]
    assert len(older) == len(set(older))  # beyond the last ten, one a month
