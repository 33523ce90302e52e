"""The book file: creation, the writer's lock, read-only opening, settings, the change log."""

import json
import sqlite3

import pytest

from app.core import db as dbmod
from app.core.book import Book
from app.core.errors import BookError, BookLocked, ValidationError
from app.core.ops import Op
from app.core.store import entry_hash


def test_create_and_reopen(tmp_path):
    path = tmp_path / "a.jlbook"
    b = Book.create(path, name="东岭村股份经济合作社", kind="collective", credit_code="N2330106MF00000023", start="2026-01")
    replica = b.replica_id
    b.close()
    with Book.open(path) as b:
        assert b.settings.name == "东岭村股份经济合作社"
        assert b.settings.kind == "collective"
        assert b.settings.chart == "2023"
        assert [c["name"] for c in b.shares.classes()] == ["人口股", "农龄股", "集体股"]
        assert b.replica_id == replica
        assert b.accounts.get("101")["name"] == "库存现金"
        assert b.accounts.get("3220101")["name"] == "提取公积公益金"


def test_pragmas_and_strict_tables(tmp_path):
    path = tmp_path / "a.jlbook"
    with Book.create(path, name="x", start="2026-01") as b:
        assert b.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert b.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert dbmod.schema_version(b.db) == dbmod.SCHEMA_VERSION
        for name, sql in b.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
            assert "STRICT" in sql, name
        # every synced row has a UUID id
        ids = [r[0] for r in b.db.execute("SELECT id FROM accounts")]
        assert all(len(i) == 36 for i in ids) and len(set(ids)) == len(ids)


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "a.jlbook"
    b = Book.create(path, name="x", start="2026-01")
    with pytest.raises(BookLocked, match="另一个程序"):
        Book.open(path)
    with Book.open(path, readonly=True) as reader:  # reading is fine
        assert reader.settings.name == "x"
        with pytest.raises(BookError):
            reader.members.add(code="M1", name="甲", kind="person")
    b.close()
    Book.open(path).close()  # the lock is released on close


def test_lock_held_by_another_process(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "a.jlbook"
    Book.create(path, name="x", start="2026-01").close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from app.core.book import Book; import sys, time; b = Book.open({str(path)!r}); print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(BookLocked):
            Book.open(path)
    finally:
        holder.stdin.close()
        holder.wait(10)
    Book.open(path).close()


def test_not_a_book(tmp_path):
    junk = tmp_path / "junk.jlbook"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(BookError):
        Book.open(junk)
    with pytest.raises(BookError, match="不存在|找不到"):
        Book.open(tmp_path / "missing.jlbook")


def test_create_refuses_to_overwrite(tmp_path):
    path = tmp_path / "a.jlbook"
    Book.create(path, name="x", start="2026-01").close()
    with pytest.raises(BookError, match="已存在"):
        Book.create(path, name="y")


def test_bad_settings_are_refused(tmp_path):
    with pytest.raises(ValidationError):
        Book.create(tmp_path / "a.jlbook", name="x", credit_code="91350100M000100Y44")
    with pytest.raises(ValidationError):
        Book.create(tmp_path / "b.jlbook", name="")
    assert not (tmp_path / "a.jlbook").exists()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "a.jlbook"
    Book.create(path, name="x", start="2026-01").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {dbmod.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(BookError, match="更新版本"):
        Book.open(path)


def test_every_write_is_recorded_with_old_and_new_values(book):
    mid = book.members.add(code="M001", name="王建国", kind="person", id_number="11010519491231002x")
    book.members.update(mid, name="王建国（户主）", phone="13800000000")
    rows = list(book.db.query("SELECT * FROM changes WHERE tbl = 'members' AND row_id = ? ORDER BY seq", [mid]))
    assert [r["op"] for r in rows] == ["insert", "update"]
    assert json.loads(rows[0]["data"])["id_number"] == "11010519491231002X"
    assert json.loads(rows[1]["data"]) == {"name": "王建国（户主）", "phone": "13800000000"}
    assert json.loads(rows[1]["old"]) == {"name": "王建国", "phone": None}
    assert rows[1]["user"] == "会计"
    assert rows[0]["counter"] < rows[1]["counter"] and rows[0]["hlc"] < rows[1]["hlc"]


def test_change_log_is_hash_chained(book):
    book.members.add(code="M001", name="甲", kind="person")
    from app.core.store import GENESIS, Change

    prev = GENESIS
    for r in book.db.query("SELECT * FROM changes ORDER BY seq"):
        c = Change(r["change_id"], r["replica"], r["counter"], r["hlc"], r["tbl"], r["row_id"], r["op"],
                   json.loads(r["data"]) if r["data"] else None, json.loads(r["old"]) if r["old"] else None, r["user"], r["at"])
        assert r["prev_hash"] == prev
        assert r["hash"] == entry_hash(prev, c)
        prev = r["hash"]


def test_failed_transaction_leaves_nothing_and_counters_recover(book):
    before = book.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    with pytest.raises(RuntimeError):
        with book.transact(Op.IMPORT):
            book.store.insert("members", {"code": "M9", "name": "乙", "kind": "person"})
            raise RuntimeError("power cut")
    assert book.db.execute("SELECT count(*) FROM changes").fetchone()[0] == before
    assert book.members.find("M9") is None
    book.members.add(code="M9", name="乙", kind="person")  # counters and hash chain continue cleanly
    counters = [r[0] for r in book.db.execute("SELECT counter FROM changes ORDER BY seq")]
    assert counters == list(range(1, len(counters) + 1))


def test_writes_outside_a_transaction_are_a_programming_error(book):
    with pytest.raises(RuntimeError):
        book.store.insert("members", {"code": "M9", "name": "乙", "kind": "person"})


def test_store_refuses_floats_and_decimals(book):
    from decimal import Decimal

    with pytest.raises(TypeError):
        with book.transact(Op.IMPORT):
            book.store.insert("members", {"code": "M9", "name": "乙", "kind": "person", "household_size": Decimal("1")})
    with pytest.raises(TypeError):
        with book.transact(Op.IMPORT):
            book.store.insert("members", {"code": "M9", "name": "乙", "kind": "person", "household_size": 1.0})


def test_info(book):
    info = book.info()
    assert info["name"] == "测试联营公司" and info["accounts"] > 40 and info["vouchers"] == 0


def test_entry_hash_is_the_hash_of_the_canonical_list():
    """The writer joins the list's text from its items' texts; it must equal the canonical list, which audit and
    older books use."""
    import hashlib

    from app.core.store import Change, canonical, entry_hash

    for data, old in (({"name": "张三", "n": 3, "x": None}, None), (None, {"a": "\u0000\n\"'"}), ({"z": 1, "a": [1, "二"]}, {"b": 2})):
        c = Change("r:1", "r", 1, "000000000000001-000000", "members", "id-1", "update", data, old, "会计", "2026-01-01T00:00:00.000000Z", None)
        body = canonical(["0" * 64, c.change_id, c.hlc, c.tbl, c.row_id, c.op, c.data, c.old, c.user, c.at])
        assert entry_hash("0" * 64, c) == hashlib.sha256(body.encode("utf-8")).hexdigest()
        assert entry_hash("0" * 64, c, canonical(data), canonical(old)) == entry_hash("0" * 64, c)
