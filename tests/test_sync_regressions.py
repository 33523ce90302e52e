"""Histories the randomized convergence test (test_sync_convergence.py) found diverging, replayed step by step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.book import Book
from app.core.sync import Sync

PASS = "seed-pass"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))


@pytest.fixture
def chain(tmp_path):
    """A seeds B, B seeds C, C seeds D: each knows only the one it joined from, nobody has written a file yet."""
    a = Book.create(tmp_path / "a.jlbook", name="测试联营公司", start="2026-01", user="会计")
    a.members.add(code="M001", name="东岭村", kind="collective")
    books = [a]
    for i, name in enumerate("bcd", 1):
        books[-1].sync.seed(tmp_path / f"{name}.seed", PASS)
        books.append(Sync.join(tmp_path / f"{name}.seed", tmp_path / f"{name}.jlbook", f"副本{i}", PASS))
    yield books
    for book in books:
        if book.db is not None:
            book.close()


def send(src: Book, dst: Book, path: Path) -> dict:
    src.sync.export(path)
    return dst.sync.import_file(path, backup=False)


def codes(book: Book) -> list[tuple[str, str]]:
    return [tuple(r) for r in book.db.execute("SELECT name, code FROM members ORDER BY name")]


def test_a_renewed_copy_of_a_replica_that_never_wrote_a_file_reaches_replicas_that_never_heard_of_it(
    chain, tmp_path
):
    a, d = chain[0], chain[3]
    d.members.update("M001", phone="13800000001")  # typed on D, which has never written a file
    backup = d.backups.write()  # in this PC's backup folder: a plain SQLite copy (one on a stick is encrypted)
    shutil.copyfile(backup, tmp_path / "d2.jlbook")
    copy = chain[3] = Book.open(tmp_path / "d2.jlbook", user="会计")
    d.close()
    assert copy.store.blocked == "copied"
    copy.sync.renew_identity("副本3-二号机")
    # A knows neither D nor the copy: D's registration (D invited the copy) and D's edit travel signed by D
    report = send(copy, a, tmp_path / "copy-a.jlsync")
    assert report["held"] == 0
    assert a.db.execute("SELECT phone FROM members WHERE code = 'M001'").fetchone()[0] == "13800000001"
    send(a, copy, tmp_path / "a-copy.jlsync")
    assert codes(a) == codes(copy)


def test_a_unique_value_freed_by_a_retirement_returns_where_its_conflict_was_kept(chain, tmp_path):
    a, b, c, d = chain
    for i, src in enumerate(chain):  # everyone knows everyone
        for j, dst in enumerate(chain):
            if i != j:
                send(src, dst, tmp_path / f"hello-{i}-{j}.jlsync")
    b.sync.retire(d.replica_id)
    d.members.add(code="M010", name="丁加的", kind="collective")  # after its retirement: never applied
    c.members.add(code="M010", name="丙加的", kind="collective")
    send(d, a, tmp_path / "d-a.jlsync")  # A has not heard of the retirement yet: D's row takes M010
    send(c, a, tmp_path / "c-a.jlsync")
    assert dict(codes(a))["丙加的"].startswith("M010~")
    [unique] = [x for x in a.sync.conflicts() if x["kind"] == "unique"]
    a.sync.resolve(unique["loser_change"], apply=False)  # keep it as it is for now
    send(b, a, tmp_path / "b-a.jlsync")  # the retirement frees M010
    live = (a, b, c)
    for _round in range(2):
        for src in live:
            for dst in live:
                if src is not dst:
                    send(src, dst, tmp_path / "settle.jlsync")
    assert codes(a) == codes(b) == codes(c)
    assert dict(codes(a))["丙加的"] == "M010" and "丁加的" not in dict(codes(a))
    assert [x["loser_change"] for x in a.sync.conflicts() if x["kind"] == "unique"] == []
