"""Damaged, truncated, forged and too-new sync files are refused with one sentence; the book is untouched."""

from __future__ import annotations

import json
import struct

import pytest

from app.core.book import Book
from app.core.db import SCHEMA_VERSION
from app.core.errors import BookError
from app.core.sync import Sync, envelope, exchange, replicas
from app.core.sync.identity import Identity

PASS = "seed-pass"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))


@pytest.fixture
def setup(tmp_path):
    a = Book.create(tmp_path / "a.jlbook", name="测试联营公司", start="2026-01", user="会计")
    a.members.add(code="M001", name="东岭村", kind="collective")
    a.sync.seed(tmp_path / "seed", PASS)
    b = Sync.join(tmp_path / "seed", tmp_path / "b.jlbook", "东岭村会计室", PASS)
    b.sync.export(tmp_path / "hello.jlsync")
    a.sync.import_file(tmp_path / "hello.jlsync")
    b.members.update("M001", note="改")
    b.sync.export(tmp_path / "good.jlsync", for_replica=a.replica_id)
    yield a, b, (tmp_path / "good.jlsync").read_bytes()
    a.close()
    b.close()


def state(book: Book) -> tuple:
    """Everything of the book's data: every table's rows."""
    return tuple(
        (t, tuple(tuple(r) for r in book.db.execute(f"SELECT * FROM [{t}] ORDER BY 1").fetchall()))
        for t in book.db.table_names()
    )


def refused(book: Book, path, data: bytes, match: str | None = None) -> str:
    path.write_bytes(data)
    with pytest.raises(BookError) as e:
        book.sync.import_file(path)
    message = str(e.value)
    assert "\n" not in message and message.endswith("。")
    if match:
        assert match in message, message
    return message


def test_a_file_cut_at_every_length_is_refused(setup, tmp_path):
    a, _b, good = setup
    before = state(a)
    for n in range(len(good)):
        refused(a, tmp_path / "cut.jlsync", good[:n])
    assert state(a) == before
    assert a.sync.import_file(tmp_path / "good.jlsync")["applied"] == 1  # the whole file is fine


def test_flipped_bytes_are_refused(setup, tmp_path):
    a, _b, good = setup
    before = state(a)
    for i in range(0, len(good), 3):
        bad = bytearray(good)
        bad[i] ^= 0x40
        refused(a, tmp_path / "flip.jlsync", bytes(bad))
    assert state(a) == before


def test_a_file_signed_by_an_unknown_key_is_refused(setup, tmp_path):
    a, b, _good = setup
    stranger = Identity.generate(b.replica_id)  # claims to be B, with another key
    payload = json.dumps(
        {"book_id": replicas.book_id(a), "from": b.replica_id, "knows": {}, "full": True, "changes": []}
    )
    data = envelope.seal(
        payload.encode(),
        {"kind": "changes", "book_id": replicas.book_id(a)},
        stranger,
        recipients=replicas.recipients(a),
    )
    before = state(a)
    refused(a, tmp_path / "forged.jlsync", data, "不认识")
    assert state(a) == before


def test_a_change_not_signed_by_its_author_is_refused(setup, tmp_path):
    a, b, _good = setup
    path = tmp_path / "good.jlsync"
    inc, _me = exchange.read(a, path)
    [change] = [c for c in inc.payload["changes"] if c[4] == "members"]
    change[7] = change[7].replace("改", "假")  # B relays a change rewritten in transit
    data = envelope.seal(
        json.dumps(inc.payload).encode(),
        {"kind": "changes", "book_id": replicas.book_id(a)},
        b.sync.identity(),
        recipients=replicas.recipients(b),
    )
    before = state(a)
    refused(a, tmp_path / "tampered.jlsync", data, "签名")
    assert state(a) == before


def test_files_of_a_newer_version_ask_for_an_upgrade(setup, tmp_path):
    a, b, good = setup
    before = state(a)
    newer_format = good[:8] + struct.pack(">H", envelope.FORMAT + 1) + good[10:]
    refused(a, tmp_path / "v2.jlsync", newer_format, "请升级")
    data = envelope.seal(
        b"{}",
        {"kind": "changes", "book_id": replicas.book_id(a), "schema": SCHEMA_VERSION + 1},
        b.sync.identity(),
        recipients=replicas.recipients(b),
    )
    refused(a, tmp_path / "schema.jlsync", data, "请升级")
    assert state(a) == before


def test_other_files_are_named_clearly(setup, tmp_path):
    a, _b, _good = setup
    assert "不是联营账簿同步文件" in refused(a, tmp_path / "x.jlsync", b"hello world, not a sync file")
    other = Book.create(tmp_path / "other.jlbook", name="别的账簿", start="2026-01")
    other.sync.export(tmp_path / "other.jlsync")
    assert "另一本账簿" in refused(a, tmp_path / "o.jlsync", (tmp_path / "other.jlsync").read_bytes())
    other.close()


def test_files_of_an_older_version_are_read(setup, tmp_path):
    a, b, _good = setup
    inc, _me = exchange.read(a, tmp_path / "good.jlsync")
    data = envelope.seal(
        json.dumps(inc.payload).encode(),
        {"kind": "changes", "book_id": replicas.book_id(a), "schema": 1},
        b.sync.identity(),
        recipients=replicas.recipients(b),
    )
    (tmp_path / "old.jlsync").write_bytes(data)
    assert a.sync.import_file(tmp_path / "old.jlsync")["applied"] == 1
