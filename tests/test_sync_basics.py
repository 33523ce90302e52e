"""Sync by file exchange: replicas, files, conflicts, voucher numbering, relays, clones, privacy, the folder."""

from __future__ import annotations

import shutil
import zlib

import pytest

from app.core.book import Book
from app.core.errors import BookError
from app.core.sync import Sync
from app.core.sync.identity import key_path, mark_path
from app.core.vouchers import LineInput as L

PASS = "seed-pass"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))


@pytest.fixture
def pair(tmp_path):
    """The joint office's book (the posting replica) and a village's copy joined from its seed."""
    a = Book.create(tmp_path / "office.jlbook", name="测试联营公司", start="2026-01", user="会计")
    a.accounts.add_sub("102", "农商银行")
    a.members.add(code="M001", name="东岭村", kind="collective", phone="13800000001")
    a.sync.seed(tmp_path / "office.seed", PASS)
    b = Sync.join(tmp_path / "office.seed", tmp_path / "village.jlbook", "东岭村会计室", PASS)
    yield a, b
    a.close()
    b.close()


def send(src: Book, dst: Book, path, **kw) -> dict:
    src.sync.export(path, **kw)
    return dst.sync.import_file(path)


def members(book: Book) -> list[tuple]:
    return [
        tuple(r.values()) for r in book.db.query("SELECT code, name, phone, note FROM members ORDER BY code")
    ]


def test_join_makes_a_new_replica_with_keys_outside_the_book(pair, tmp_path):
    a, b = pair
    assert a.replica_id != b.replica_id
    assert key_path(a.settings.get("book_id"), b.replica_id).exists()
    assert not key_path(a.settings.get("book_id"), b.replica_id).is_relative_to(tmp_path / "village.jlbook")
    assert {r["name"] for r in b.sync.replicas()} >= {"东岭村会计室"}
    assert b.settings.get("posting_replica") == a.replica_id
    again = Sync.join(tmp_path / "office.seed", tmp_path / "v2.jlbook", "西岭村", PASS)
    assert again.replica_id not in (a.replica_id, b.replica_id)
    again.close()
    with pytest.raises(BookError, match="口令不对"):
        Sync.join(tmp_path / "office.seed", tmp_path / "v3.jlbook", "南岭村", "wrong")
    assert not (tmp_path / "v3.jlbook").exists()


def test_changes_travel_and_importing_twice_changes_nothing(pair, tmp_path):
    a, b = pair
    b.members.update("M001", note="村委会")
    b.members.add(code="M002", name="西岭村", kind="collective")
    preview = b.sync.export(tmp_path / "b.jlsync")
    dry = a.sync.import_file(tmp_path / "b.jlsync", dry_run=True)
    new = preview["changes"] - 1  # every file also carries the registrations that introduce its writer
    assert dry["applied"] == new and members(a)[0][3] == ""
    report = a.sync.import_file(tmp_path / "b.jlsync")
    assert report["applied"] == new and report["tables"]["members"] == 2
    assert members(a) == members(b)
    before = a.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    again = a.sync.import_file(tmp_path / "b.jlsync")
    assert again["applied"] == 0 and again["already_had"] == preview["changes"]
    assert a.db.execute("SELECT count(*) FROM changes").fetchone()[0] == before
    status = a.sync.status()
    village = next(r for r in status["replicas"] if r["id"] == b.replica_id)
    assert village["we_hold"] == b.store.counter and village["last_heard"]


def test_concurrent_edits_keep_one_winner_and_list_the_other(pair, tmp_path):
    a, b = pair
    a.members.update("M001", note="办公室写的")
    b.members.update("M001", note="村里写的")
    send(a, b, tmp_path / "a.jlsync")
    send(b, a, tmp_path / "b.jlsync")
    assert members(a) == members(b)
    [ca], [cb] = a.sync.conflicts(), b.sync.conflicts()
    assert ca["loser_change"] == cb["loser_change"] and ca["field"] == "note"
    assert {ca["current"], ca["value"]} == {"办公室写的", "村里写的"}
    a.sync.resolve(ca["loser_change"], apply=True)  # the accountant takes the other value
    assert members(a)[0][3] == ca["value"] and a.sync.conflicts() == []
    send(a, b, tmp_path / "a2.jlsync")
    assert b.sync.conflicts() == [] and members(b) == members(a)


def test_same_member_code_on_two_pcs_is_a_conflict_not_a_lost_row(pair, tmp_path):
    a, b = pair
    a.members.add(code="M002", name="西岭村", kind="collective")
    b.members.add(code="M002", name="南岭村", kind="collective")
    send(a, b, tmp_path / "a.jlsync")
    send(b, a, tmp_path / "b.jlsync")
    assert members(a) == members(b) and len(members(a)) == 3
    [c] = a.sync.conflicts()
    assert c["kind"] == "unique" and c["value"] == "M002" and c["current"].startswith("M002~")
    with pytest.raises(BookError, match="改名"):
        a.sync.resolve(c["loser_change"], apply=True)
    a.members.update(c["row_id"], code="M003")
    assert a.sync.conflicts() == []
    send(a, b, tmp_path / "a2.jlsync")
    assert [m[0] for m in members(b)] == ["M001", "M002", "M003"] and b.sync.conflicts() == []


def test_only_the_posting_replica_numbers_vouchers(pair, tmp_path):
    a, b = pair
    vid = b.vouchers.create(
        "2026-03-05", [L("10201", "收租金", debit_fen=50_000), L("501", "", credit_fen=50_000)]
    )
    b.user = "审核"
    b.vouchers.review(vid)
    with pytest.raises(BookError, match="负责记账"):
        b.vouchers.post(vid)
    a.vouchers.create("2026-03-01", [L("513", "水电费", debit_fen=700), L("10201", "", credit_fen=700)])
    send(b, a, tmp_path / "b.jlsync")
    for v in a.vouchers.list():
        a.user = "审核" if v["status"] == "draft" else a.user
        if v["status"] == "draft":
            a.vouchers.review(v["id"])
        a.vouchers.post(v["id"])
    send(a, b, tmp_path / "a.jlsync")
    for book in (a, b):
        assert sorted(v["number"] for v in book.vouchers.list()) == [1, 2]
        assert book.reports.check() == []
        assert book.reports.trial_balance(2026)["totals"]["debit_fen"] == 50_700


def test_posting_is_handed_over_only_by_the_posting_replica(pair, tmp_path):
    a, b = pair
    send(b, a, tmp_path / "b.jlsync")
    with pytest.raises(BookError, match="只有负责记账"):
        b.sync.hand_over_posting("东岭村会计室")
    a.sync.hand_over_posting("东岭村会计室")
    send(a, b, tmp_path / "a.jlsync")
    vid = b.vouchers.create("2026-03-05", [L("10201", "收租金", debit_fen=100), L("501", "", credit_fen=100)])
    b.user = "审核"
    b.vouchers.review(vid)
    assert b.vouchers.post(vid) == 1


def test_files_out_of_order_are_held_then_applied(pair, tmp_path):
    a, b = pair
    send(b, a, tmp_path / "b0.jlsync")  # the office learns the village's replica
    code = a.accounts.by_id(a.accounts.add_sub("501", "租金收入"))["code"]
    a.sync.export(tmp_path / "1.jlsync", for_replica=b.replica_id)  # file 1: the account
    backup = b.sync.import_file(tmp_path / "1.jlsync")["backup"]  # B backs itself up first
    send(b, a, tmp_path / "b.jlsync")  # B reports holding file 1
    a.vouchers.create("2026-03-05", [L("10201", "收租金", debit_fen=100), L(code, "", credit_fen=100)])
    a.sync.export(tmp_path / "2.jlsync", for_replica=b.replica_id)  # file 2: only the voucher
    b.close()  # B as it was before file 1 (put back from its backup: it wrote nothing since) reads file 2 first
    shutil.copy(backup, tmp_path / "village.jlbook")
    c = Book.open(tmp_path / "village.jlbook")
    held = c.sync.import_file(tmp_path / "2.jlsync")
    assert held["applied"] == 0 and held["held"] == 3 and c.vouchers.count() == 0
    done = c.sync.import_file(tmp_path / "1.jlsync")
    assert done["held"] == 0 and c.vouchers.count() == 1 and c.accounts.get(code)
    c.close()


def test_a_relay_keeps_the_author_and_a_forged_author_is_refused(pair, tmp_path):
    a, b = pair
    a.sync.seed(tmp_path / "s2", PASS)
    c = Sync.join(tmp_path / "s2", tmp_path / "c.jlbook", "西岭村会计室", PASS)
    b.members.update("M001", note="B 写的")
    send(b, a, tmp_path / "b.jlsync")
    send(a, c, tmp_path / "relay.jlsync", full=True)
    assert members(c) == members(b)
    author = c.db.execute(
        "SELECT replica FROM changes WHERE tbl = 'members' ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]
    assert author == b.replica_id
    c.close()


def test_a_restored_copy_stops_writing_until_it_takes_a_new_identity(pair, tmp_path):
    a, b = pair
    b.close()
    shutil.copy(tmp_path / "village.jlbook", tmp_path / "saved.jlbook")
    b = Book.open(tmp_path / "village.jlbook")
    b.members.update("M001", note="备份之后写的")
    send(b, a, tmp_path / "b.jlsync")
    a.sync.export(tmp_path / "a.jlsync", full=True)
    b.close()
    restored = Book.open(tmp_path / "saved.jlbook")
    with pytest.raises(BookError, match="拷贝或从旧备份恢复"):
        restored.sync.import_file(tmp_path / "a.jlsync")
    with pytest.raises(BookError, match="新的副本身份"):
        restored.members.update("M001", note="不行")
    new_id = restored.sync.renew_identity("东岭村会计室（恢复）")
    assert new_id != b.replica_id
    send(restored, a, tmp_path / "hello.jlsync")  # the office learns the new identity, invited by the old one
    a.sync.export(tmp_path / "a.jlsync", for_replica=new_id)
    restored.sync.import_file(tmp_path / "a.jlsync")
    assert members(restored)[0][3] == "备份之后写的"
    restored.members.update("M001", note="可以了")
    send(restored, a, tmp_path / "r.jlsync")
    assert members(a)[0][3] == "可以了"
    restored.close()


def test_same_change_id_with_different_content_is_refused(pair, tmp_path, monkeypatch):
    a, b = pair
    b.close()
    shutil.copy(tmp_path / "village.jlbook", tmp_path / "twin.jlbook")
    b = Book.open(tmp_path / "village.jlbook")
    b.members.update("M001", note="一")
    send(b, a, tmp_path / "b.jlsync")
    # the twin's PC has the key (its key store was copied along) but not the mark that tells copies apart, so
    # only the receiver can notice
    shutil.copytree(tmp_path / "home", tmp_path / "pc2")
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "pc2"))
    mark_path(b.settings.get("book_id"), b.replica_id).unlink()
    twin = Book.open(tmp_path / "twin.jlbook")
    twin.members.update("M001", note="二")  # the same change id with other content
    twin.sync.export(tmp_path / "twin.jlsync")
    with pytest.raises(BookError, match="内容不同"):
        a.sync.import_file(tmp_path / "twin.jlsync")
    assert members(a)[0][3] == "一"
    twin.close()


def test_personal_data_never_appears_in_a_sync_file(pair, tmp_path):
    a, b = pair
    a.members.update("M001", phone="13912345678", bank_account="6222020200112233")
    data = a.sync.export(tmp_path / "a.jlsync")
    raw = (tmp_path / "a.jlsync").read_bytes()
    assert data["changes"] > 0
    for secret in ("13912345678", "6222020200112233", "东岭村"):
        assert secret.encode() not in raw
        assert secret.encode() not in _inflate_any(raw)


def _inflate_any(raw: bytes) -> bytes:
    for start in range(len(raw)):
        try:
            return zlib.decompressobj().decompress(raw[start:])
        except zlib.error:
            continue
    return b""


def test_retired_replica_files_are_refused(pair, tmp_path):
    a, b = pair
    send(b, a, tmp_path / "b0.jlsync")
    b.sync.export(tmp_path / "b.jlsync")
    a.sync.retire("东岭村会计室")
    with pytest.raises(BookError, match="已停用"):
        a.sync.import_file(tmp_path / "b.jlsync")


def test_a_clock_far_ahead_is_flagged(pair, tmp_path):
    a, b = pair
    b.store.clock.ms += 400 * 24 * 3600 * 1000  # a PC whose date is a year ahead
    b.members.update("M001", note="未来")
    send(b, a, tmp_path / "b.jlsync")
    kinds = {c["kind"] for c in a.sync.conflicts()}
    assert "clock" in kinds
    assert a.store.clock.ms < b.store.clock.ms  # not followed


def test_sync_folder_exchanges_both_ways(pair, tmp_path):
    a, b = pair
    share = tmp_path / "share"
    share.mkdir()
    a.sync.set_folder(share)
    b.sync.set_folder(share)
    a.members.update("M001", note="办公室")
    first = a.sync.exchange_folder()
    assert first["wrote"] and first["errors"] == []
    got = b.sync.exchange_folder()
    assert [r["applied"] for r in got["read"]] == [1] and members(b)[0][3] == "办公室"
    b.sync.exchange_folder()  # writes again: it now holds more
    again = b.sync.exchange_folder()
    assert again["read"] == [] and again["wrote"] is None
    assert a.sync.exchange_folder()["read"][0]["from"] == b.replica_id
    with pytest.raises(BookError, match="无法访问"):
        a.sync.exchange_folder(tmp_path / "missing")
