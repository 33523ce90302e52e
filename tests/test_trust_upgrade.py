"""Safe upgrades: back up, migrate in one transaction, check, and on any failure leave the book as it was.
And the quick check at every open."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core import db as dbmod
from app.core.book import Book
from app.core.errors import BookError
from app.core.trust.backups import listing

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def backups(tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(folder))
    return folder


@pytest.fixture
def v1(tmp_path):
    path = tmp_path / "v1.jlbook"
    shutil.copyfile(DATA / "book-v1.jlbook", path)
    return path


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    lines = list(conn.iterdump())
    conn.close()
    return lines


def test_an_upgrade_backs_up_the_old_book_first(v1, backups):
    old = dump(v1)
    with Book.open(v1) as b:
        assert dbmod.schema_version(b.db) == dbmod.SCHEMA_VERSION and b.warnings == []
    saved = [f for folder in backups.iterdir() for f in listing(folder) if f.reason == "upgrade-v1"]
    assert len(saved) == 1
    assert dump(saved[0].path) == old  # the backup is the book exactly as the old version left it


def write_migrations(folder: Path, extra: str) -> list[dbmod.Migration]:
    folder.mkdir()
    for m in dbmod.migrations():
        shutil.copy(m.path, folder / m.path.name)
    (folder / "9000_next.sql").write_text(extra, encoding="utf-8")
    return dbmod.migrations(folder)


@pytest.mark.parametrize(
    "extra, reason",
    [
        ("CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT;\nTHIS IS NOT SQL;\n", "syntax error"),
        ("DELETE FROM period_totals;\n", "period_totals"),
        ("UPDATE period_totals SET debit_fen = debit_fen + 1;\n", "试算不平衡"),
        ("UPDATE voucher_lines SET debit_fen = 0, credit_fen = 0;\n", "已记账金额"),
    ],
)
def test_a_failed_upgrade_leaves_the_book_exactly_as_it_was(v1, tmp_path, extra, reason):
    available = write_migrations(tmp_path / "migrations", extra)
    Book.open(v1).close()  # up to the current version first
    before = dump(v1)
    database = dbmod.connect(v1)
    with pytest.raises(BookError, match="账簿保持原样") as e:
        dbmod.migrate(database, target=9000, available=available)
    assert reason in str(e.value)
    assert dbmod.schema_version(database) == dbmod.SCHEMA_VERSION
    database.conn.close()
    assert dump(v1) == before
    with Book.open(v1) as b:
        # only the version-1 demo's own wrong numbers (prior depreciation booked twice: test_core_migrations)
        assert {p.code for p in b.reports.check()} == {"asset.register_mismatch"}


def test_every_open_runs_a_quick_check_and_warns_loudly(demo_file, tmp_path):
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE period_totals SET debit_fen = debit_fen + 100 WHERE account_id = (SELECT min(account_id) FROM period_totals)")
    conn.commit()
    conn.close()
    with Book.open(path, readonly=True) as b:
        assert len(b.warnings) == 1 and "试算不平衡" in b.warnings[0]
    r = CliRunner().invoke(cli, ["info", str(path)])
    assert r.exit_code == 0 and "警告" in r.output and "试算不平衡" in r.output
    assert CliRunner().invoke(cli, ["check", str(path), "--repair"]).exit_code == 0
    with Book.open(path) as b:
        assert b.warnings == []
