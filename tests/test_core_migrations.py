"""Schema migrations: every earlier schema version, empty or with data, opens and migrates to the latest."""

import shutil
import sqlite3

import pytest

from app.core import db as dbmod
from app.core.book import Book
from app.core.errors import BookError

DATA = __import__("pathlib").Path(__file__).parent / "data"


def _schema(path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    rows = {(name, " ".join(sql.split())) for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    conn.close()
    return rows


def test_migrations_are_numbered_without_duplicates():
    versions = [m.version for m in dbmod.migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1


@pytest.mark.parametrize("version", [m.version for m in dbmod.migrations()][:-1] or [None])
def test_empty_book_of_every_earlier_version_migrates(tmp_path, version):
    if version is None:
        pytest.skip("only one schema version so far")
    fresh = tmp_path / "fresh.jlbook"
    Book.create(fresh, name="新", start="2026-01").close()
    old = tmp_path / "old.jlbook"
    database = dbmod.connect(old)
    dbmod.migrate(database, target=version)
    database.execute("INSERT INTO meta (key, value) VALUES ('replica_id', 'r-old')")
    database.conn.close()
    with Book.open(old) as b:
        assert dbmod.schema_version(b.db) == dbmod.SCHEMA_VERSION
    assert _schema(old) == _schema(fresh)


def test_book_saved_by_version_1_opens_migrates_and_balances(tmp_path):
    path = tmp_path / "v1.jlbook"
    shutil.copyfile(DATA / "book-v1.jlbook", path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("members", "vouchers", "voucher_lines", "changes")}
    conn.close()
    with Book.open(path) as b:
        assert dbmod.schema_version(b.db) == dbmod.SCHEMA_VERSION
        for table, n in counts.items():
            assert b.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
        # the version-1 demo booked its assets' prior depreciation twice: in the opening balances of 152/133 and
        # again as a catch-up in 2025-01 (the cards carry no prior depreciation); check names both accounts
        assert [(p.code, p.value) for p in b.reports.check()] == [
            ("asset.register_mismatch", "133"),
            ("asset.register_mismatch", "152"),
        ]
        assert b.reports.trial_balance(2025)["totals"]["balanced"]
        b.members.add(code="NEW1", name="新成员", kind="person")  # and it takes new writes
    fresh = tmp_path / "fresh.jlbook"
    Book.create(fresh, name="新", start="2026-01").close()
    assert _schema(path) == _schema(fresh)


def test_migration_failure_leaves_the_book_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "v1.jlbook"
    shutil.copyfile(DATA / "book-v1.jlbook", path)
    broken = tmp_path / "migrations"
    broken.mkdir()
    for m in dbmod.migrations():
        shutil.copy(m.path, broken / m.path.name)
    (broken / "9999_broken.sql").write_text("CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT;\nTHIS IS NOT SQL;\n")
    monkeypatch.setattr(dbmod, "MIGRATIONS_DIR", broken)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", 9999)
    before = _schema(path)
    with pytest.raises((sqlite3.DatabaseError, BookError)):
        Book.open(path)
    assert _schema(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
