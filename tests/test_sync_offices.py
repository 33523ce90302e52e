"""Sync the way village offices pass USB sticks: restored and copied books, retired PCs whose changes come back
through a relay, files read by replicas they were not written for, hostile files, conflicts that say what they
are about. Each test is one finding of issue 13."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book
from app.core.errors import BookError
from app.core.sync import Sync, envelope, replicas
from app.core.sync.identity import Identity

PASS = "seed-pass"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JOINTLEDGER_SEED_PASSPHRASE", PASS)


@pytest.fixture
def office(tmp_path):
    """The joint office A (posting) seeds 东岭村 B and 南岭村 C; A has heard from both, B and C only from A."""
    a = Book.create(tmp_path / "a.jlbook", name="测试联营公司", start="2026-01", user="会计")
    for i in range(1, 9):
        a.members.add(code=f"H{i:05d}", name=f"户{i}", kind="household", phone=f"1380000000{i}")
    a.sync.seed(tmp_path / "b.seed", PASS)
    b = Sync.join(tmp_path / "b.seed", tmp_path / "b.jlbook", "东岭村会计室", PASS)
    a.sync.seed(tmp_path / "c.seed", PASS)
    c = Sync.join(tmp_path / "c.seed", tmp_path / "c.jlbook", "南岭村会计室", PASS)
    books = {"a": a, "b": b, "c": c}
    yield books
    for book in books.values():
        if book.db is not None:
            book.close()


def send(src: Book, dst: Book, path: Path, **kw) -> dict:
    src.sync.export(path, **kw)
    return dst.sync.import_file(path, backup=False)


def phone(book: Book, code: str) -> str:
    return book.db.execute("SELECT phone FROM members WHERE code = ?", [code]).fetchone()[0]


def data(book: Book) -> list:
    return [tuple(r) for r in book.db.execute("SELECT code, name, phone, note FROM members ORDER BY code")]


def code_of(call) -> str:
    with pytest.raises(BookError) as e:
        call()
    assert "\n" not in str(e.value) and str(e.value).endswith("。")
    return e.value.code


# -- 1. a restored or copied book is recognised when it opens ------------------------------------------------
def test_a_restored_book_opens_stopped_then_renews_and_the_network_converges(office, tmp_path):
    a, b = office["a"], office["b"]
    send(b, a, tmp_path / "hello.jlsync")
    saved = b.backups.write(tmp_path)  # the backup that will be restored
    b.members.update("H00007", note="备份之后写的")
    send(b, a, tmp_path / "b1.jlsync")
    a.members.update("H00001", note="办公室")
    b.close()
    r = CliRunner().invoke(cli, ["restore", str(saved), str(tmp_path / "b.jlbook"), "--yes"])
    assert r.exit_code == 0, r.output
    b = office["b"] = Book.open(tmp_path / "b.jlbook")
    assert b.store.blocked == "restored" and len(b.warnings) == 1 and "renew" in b.warnings[0]
    assert code_of(lambda: b.members.update("H00002", note="不行")) == "replica.blocked"
    assert code_of(lambda: b.sync.export(tmp_path / "no.jlsync")) == "replica.blocked"
    old_id = b.replica_id
    b.sync.renew_identity("东岭村会计室（恢复）")
    b.members.update("H00002", note="恢复后写的")
    send(b, a, tmp_path / "b2.jlsync")  # the office accepts the renewed replica, invited by the old identity
    a.sync.export(tmp_path / "a1.jlsync")  # a file for everyone: the renewed replica reads it
    b.sync.import_file(tmp_path / "a1.jlsync", backup=False)
    send(a, b, tmp_path / "a2.jlsync", full=True)
    assert data(a) == data(b)
    notes = {r[0]: r[3] for r in data(b)}
    assert (notes["H00007"], notes["H00001"], notes["H00002"]) == ("备份之后写的", "办公室", "恢复后写的")
    assert b.replica_id != old_id
    b.close()
    again = office["b"] = Book.open(tmp_path / "b.jlbook")
    assert again.store.blocked is None and again.warnings == []


def test_a_copy_on_the_same_pc_opens_stopped_and_both_copies_converge_after_renew(office, tmp_path):
    a, b = office["a"], office["b"]
    send(b, a, tmp_path / "hello.jlsync")
    send(a, b, tmp_path / "a0.jlsync")
    b.close()
    shutil.copy(tmp_path / "b.jlbook", tmp_path / "d.jlbook")  # copied with its key on the same PC
    b = office["b"] = Book.open(tmp_path / "b.jlbook")
    assert b.store.blocked is None  # the original keeps its identity
    d = office["d"] = Book.open(tmp_path / "d.jlbook")
    assert d.store.blocked == "copied" and len(d.warnings) == 1
    assert code_of(lambda: d.members.update("H00008", phone="13800000999")) == "replica.blocked"
    d.sync.renew_identity("东岭村二号机")
    b.members.update("H00008", phone="13800000888")
    d.members.update("H00008", phone="13800000999")
    send(b, a, tmp_path / "b1.jlsync")
    send(d, a, tmp_path / "d1.jlsync")
    a.sync.export(tmp_path / "a1.jlsync", full=True)
    for book in (b, d):
        book.sync.import_file(tmp_path / "a1.jlsync", backup=False)
    assert data(a) == data(b) == data(d)
    [conflict] = a.sync.conflicts()
    assert {conflict["current"], conflict["value"]} == {"13800000888", "13800000999"}  # nothing typed is lost


def test_a_copy_without_its_key_opens_stopped(office, tmp_path, monkeypatch):
    b = office["b"]
    b.close()
    shutil.copy(tmp_path / "b.jlbook", tmp_path / "carried.jlbook")
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "other-pc"))
    e = office["e"] = Book.open(tmp_path / "carried.jlbook")
    assert e.store.blocked == "no_key" and "种子文件" in e.warnings[0]
    assert code_of(lambda: e.members.update("H00001", note="另一台电脑")) == "replica.blocked"


# -- 2. a retired PC's changes do not get in through a relay ---------------------------------------------------
def test_a_retired_replicas_later_changes_are_refused_whoever_relays_them(office, tmp_path):
    a, b, c = office["a"], office["b"], office["c"]
    send(b, a, tmp_path / "b0.jlsync")
    send(c, a, tmp_path / "c0.jlsync")
    send(a, b, tmp_path / "a0.jlsync")  # B now knows C
    c.members.update("H00005", note="停用前写的")
    send(c, a, tmp_path / "c1.jlsync")
    last = a.store.known[c.replica_id]
    a.sync.retire("南岭村会计室")
    c.members.update("H00006", phone="13999999999")  # written after A retired it
    c.sync.export(tmp_path / "c2.jlsync")
    assert code_of(lambda: a.sync.import_file(tmp_path / "c2.jlsync")) == "sync.unknown_signer"
    b.sync.import_file(tmp_path / "c2.jlsync", backup=False)  # B has not heard of the retirement yet
    assert phone(b, "H00006") == "13999999999"
    send(b, a, tmp_path / "relay.jlsync", full=True)  # B's next file carries C's change to A
    assert phone(a, "H00006") == "13800000006"
    send(
        a, b, tmp_path / "a1.jlsync", full=True
    )  # the retirement reaches B: C's later change is undone there
    assert phone(b, "H00006") == "13800000006"
    assert data(a) == data(b) and phone(a, "H00005") == "13800000005"
    assert a.db.execute("SELECT note FROM members WHERE code = 'H00005'").fetchone()[0] == "停用前写的"
    for book in (a, b):
        [listed] = [x for x in book.sync.conflicts() if x["kind"] == "retired"]
        assert listed["value"] == "13999999999" and listed["field"] == "phone"  # listed, not lost
    assert replicas.get(a, c.replica_id)["retired"] == replicas.retired_value(last)
    assert (
        a.store.known[c.replica_id] == b.store.known[c.replica_id] == last + 1
    )  # kept in the log, not applied


def test_a_retirement_by_a_replica_retired_since_counts_in_any_order(office, tmp_path):
    a, b, c = office["a"], office["b"], office["c"]
    a.sync.seed(tmp_path / "d.seed", PASS)
    d = office["d"] = Sync.join(tmp_path / "d.seed", tmp_path / "d.jlbook", "北岭村会计室", PASS)
    for k, x in enumerate((b, c, d)):
        send(x, a, tmp_path / f"hello{k}.jlsync")
    for k, x in enumerate((b, c, d)):
        send(a, x, tmp_path / f"all{k}.jlsync", full=True)
    b.sync.retire(c.replica_id)
    b.sync.export(tmp_path / "b-retires-c.jlsync")
    a.sync.retire(
        b.replica_id
    )  # the office has not heard of that: B's retirement of C is a later change of B
    a.sync.export(tmp_path / "a-retires-b.jlsync")
    c.members.update("H00003", phone="13911111111")
    c.sync.export(tmp_path / "c.jlsync")
    for name in ("c.jlsync", "b-retires-c.jlsync", "a-retires-b.jlsync"):
        d.sync.import_file(tmp_path / name, backup=False)
    a.sync.import_file(tmp_path / "c.jlsync", backup=False)
    assert phone(a, "H00003") == "13911111111"
    send(d, a, tmp_path / "relay.jlsync", full=True)  # B's retirement of C reaches the office through D
    assert phone(a, "H00003") == phone(d, "H00003") == "13800000003"
    assert data(a) == data(d)
    assert replicas.get(a, c.replica_id)["retired"] and replicas.get(d, c.replica_id)["retired"]


def test_a_new_content_key_after_retirement_reaches_only_active_replicas(office, tmp_path):
    a, b, c = office["a"], office["b"], office["c"]
    send(b, a, tmp_path / "b0.jlsync")
    send(c, a, tmp_path / "c0.jlsync")
    a.sync.retire(c.replica_id)
    a.members.update("H00001", note="退休之后")
    a.sync.export(tmp_path / "a1.jlsync", full=True)
    assert code_of(lambda: c.sync.import_file(tmp_path / "a1.jlsync")) == "sync.no_key"
    b.sync.import_file(tmp_path / "a1.jlsync", backup=False)
    epochs = [e for e, _k in b.sync.identity().book_keys.values()]
    assert max(epochs) == 2
    b.members.update("H00002", note="新密钥")
    b.sync.export(tmp_path / "b1.jlsync")
    assert code_of(lambda: c.sync.import_file(tmp_path / "b1.jlsync")) == "sync.no_key"
    assert a.sync.import_file(tmp_path / "b1.jlsync", backup=False)["applied"] == 1


# -- 3. any current replica reads any file of the book ---------------------------------------------------------
def test_strangers_relay_and_files_for_one_replica_are_read_by_another(office, tmp_path):
    a, b, c = office["a"], office["b"], office["c"]
    c.members.update("H00003", note="南岭村写的")
    c.sync.export(tmp_path / "c1.jlsync")  # C's first file, handed to B, who has never heard of C
    assert b.sync.import_file(tmp_path / "c1.jlsync", backup=False)["applied"] >= 1
    assert data(b) == data(c)
    b.members.update("H00004", note="东岭村写的")
    b.sync.export(tmp_path / "for-a.jlsync", for_replica=a.replica_id)  # written for A, carried to C
    assert c.sync.import_file(tmp_path / "for-a.jlsync", backup=False)["applied"] >= 1
    a.sync.import_file(tmp_path / "for-a.jlsync", backup=False)
    send(c, a, tmp_path / "c2.jlsync")
    assert data(a) == data(b) == data(c)


def test_an_applied_or_empty_file_is_a_no_op_and_another_books_file_is_refused(office, tmp_path):
    a, b = office["a"], office["b"]
    a.members.update("H00001", note="一")
    a.sync.export(tmp_path / "a.jlsync")
    for book in (a, b):
        book.close()
    run = CliRunner()
    r = run.invoke(cli, ["sync", "import", str(tmp_path / "b.jlbook"), str(tmp_path / "a.jlsync")])
    assert r.exit_code == 0
    again = run.invoke(
        cli, ["sync", "import", str(tmp_path / "b.jlbook"), str(tmp_path / "a.jlsync"), "--json"]
    )
    assert again.exit_code == 0 and json.loads(again.output)["applied"] == 0
    r = run.invoke(cli, ["sync", "import", str(tmp_path / "b.jlbook"), str(tmp_path / "a.jlsync")])
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 1 and "没有本账簿缺少的修改" in r.output
    with Book.open(tmp_path / "b.jlbook") as b2:
        b2.sync.export(tmp_path / "b.jlsync")
    with Book.open(tmp_path / "a.jlbook") as a2:
        assert a2.sync.import_file(tmp_path / "b.jlsync")["applied"] >= 0
        a2.sync.export(tmp_path / "nothing.jlsync", for_replica=office["b"].replica_id)
    r = run.invoke(cli, ["sync", "import", str(tmp_path / "b.jlbook"), str(tmp_path / "nothing.jlsync")])
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 1 and "没有本账簿缺少的修改" in r.output
    other = Book.create(tmp_path / "other.jlbook", name="别的账簿", start="2026-01")
    other.sync.export(tmp_path / "other.jlsync")
    other.close()
    r = run.invoke(cli, ["sync", "import", str(tmp_path / "b.jlbook"), str(tmp_path / "other.jlsync")])
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1 and "另一本账簿" in r.output


# -- 4. hostile files ------------------------------------------------------------------------------------------
def _frame(content: bytes, signer: Identity) -> bytes:
    """A file with the right magic, length and hash around ``content``, signed by ``signer``."""
    total = envelope._FIXED.size + len(content) + envelope.SIG_LEN
    head = envelope._FIXED.pack(envelope.MAGIC, envelope.FORMAT, total, hashlib.sha256(content).digest())
    return head + content + signer.sign.sign(head + content)


def test_a_strangers_file_is_refused_before_it_is_decrypted(office, tmp_path, monkeypatch):
    a = office["a"]
    stranger = Identity.generate("stranger")
    bomb = zlib.compress(b" " * 200_000_000, 9)  # would inflate to 200 MB
    data_ = envelope.seal(
        b"{}",
        {"kind": "changes", "book_id": replicas.book_id(a)},
        stranger,
        recipients=replicas.recipients(a),
    )
    sealed = envelope.open_envelope(data_, "x")
    content = struct.pack(">I", len(sealed.header_bytes)) + sealed.header_bytes + bomb
    (tmp_path / "bomb.jlsync").write_bytes(_frame(content, stranger))

    def never(*args, **kw):
        raise AssertionError("decrypted before the signer was checked")

    monkeypatch.setattr(envelope, "unseal_with_keys", never)
    assert code_of(lambda: a.sync.import_file(tmp_path / "bomb.jlsync")) == "sync.unknown_signer"


def test_an_invitation_seen_in_a_header_does_not_introduce_a_stranger(office, tmp_path, monkeypatch):
    a, c = office["a"], office["c"]
    send(c, a, tmp_path / "c0.jlsync")  # C joined with its invitation; its header shows it to anyone
    stranger = Identity.generate("stranger")
    stolen = {
        "id": stranger.replica_id,
        "sign_key": stranger.sign_key,
        "invite": replicas.get(a, c.replica_id)["invite"],
    }
    data_ = envelope.seal(
        b"{}", {"kind": "changes", "book_id": replicas.book_id(a), "intro": [stolen]}, stranger, recipients={}
    )
    (tmp_path / "stolen.jlsync").write_bytes(data_)
    monkeypatch.setattr(envelope, "unseal_with_keys", lambda *a, **kw: pytest.fail("decrypted"))
    assert code_of(lambda: a.sync.import_file(tmp_path / "stolen.jlsync")) == "sync.unknown_signer"


def test_inflation_stops_at_the_size_the_signed_header_states(office, tmp_path):
    a, b = office["a"], office["b"]
    ident = b.sync.identity()
    kid, epoch, key = ident.current_key()
    header = {
        "format": envelope.FORMAT, "kind": "changes", "book_id": replicas.book_id(a), "signer": ident.replica_id,
        "sign_key": ident.sign_key, "size": 1000, "book_key": {"id": kid, "epoch": epoch}, "eph": "00" * 32,
        "keys": {}, "nonce": "00" * 12, "intro": replicas.chain(b, ident.replica_id),
    }  # fmt: skip
    header_bytes = json.dumps(header, sort_keys=True).encode()
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = AESGCM(key).encrypt(b"\0" * 12, zlib.compress(b"[" * 50_000_000, 9), header_bytes)
    content = struct.pack(">I", len(header_bytes)) + header_bytes + body
    (tmp_path / "big.jlsync").write_bytes(_frame(content, ident))
    assert code_of(lambda: a.sync.import_file(tmp_path / "big.jlsync")) == "sync.damaged"


HEADERS = [
    b"",  # the 116-byte file of the issue: no body at all
    b"\0\0",
    struct.pack(">I", 10**9) + b"{}",
    struct.pack(">I", 2) + b"[]",
    struct.pack(">I", 4) + b"null",
    struct.pack(">I", 2) + b"{}",
    struct.pack(">I", 20) + b'{"sign_key": 5}'.ljust(20),
    struct.pack(">I", 8) + b"[[[[[[[[",
    struct.pack(">I", 3) + b"\xff\xfe\xfd",
]


@pytest.mark.parametrize("content", HEADERS)
def test_hand_made_headers_give_one_sentence(office, tmp_path, content):
    a, b = office["a"], office["b"]
    (tmp_path / "bad.jlsync").write_bytes(_frame(content, b.sync.identity()))
    assert code_of(lambda: a.sync.import_file(tmp_path / "bad.jlsync")) in {"sync.damaged", "sync.incomplete"}


def test_the_sync_folder_skips_a_bad_file_and_reads_the_rest(office, tmp_path):
    a, b, c = office["a"], office["b"], office["c"]
    share = tmp_path / "share"
    share.mkdir()
    (share / "0-bad.jlsync").write_bytes(_frame(b"", b.sync.identity()))
    b.members.update("H00001", note="东岭")
    c.members.update("H00002", note="南岭")
    b.sync.exchange_folder(share)
    c.sync.exchange_folder(share)
    got = a.sync.exchange_folder(share)
    assert [e.split(":")[0] for e in got["errors"]] == ["0-bad.jlsync"]
    assert sorted(r["from"] for r in got["read"]) == sorted([b.replica_id, c.replica_id])
    assert [r[3] for r in data(a)[:2]] == ["东岭", "南岭"]


# -- 5. conflicts say what they are about ---------------------------------------------------------------------
def test_conflicts_name_the_member_the_voucher_and_the_account(office, tmp_path):
    from app.core.vouchers import LineInput as L

    a, b = office["a"], office["b"]
    a.accounts.add_sub("102", "农商银行")
    vid = a.vouchers.create(
        "2026-03-05", [L("10201", "收租金", debit_fen=50_000), L("501", "", credit_fen=50_000)]
    )
    send(b, a, tmp_path / "hello.jlsync")
    send(a, b, tmp_path / "a0.jlsync")
    a.user = "审核"
    a.vouchers.review(vid)
    a.vouchers.post(vid)
    b.vouchers.update_draft(
        vid, "2026-03-05", [L("10201", "收租金三月", debit_fen=50_000), L("501", "", credit_fen=50_000)]
    )
    a.members.update("H00004", phone="13812345678")
    b.members.update("H00004", phone="13987654321")
    a.accounts.rename("10201", "农商银行城关支行")
    b.accounts.rename("10201", "农商银行营业部")
    send(b, a, tmp_path / "b1.jlsync")
    a.close()
    runner = CliRunner()
    listed = json.loads(
        runner.invoke(cli, ["sync", "conflicts", str(tmp_path / "a.jlbook"), "--json"]).output
    )
    labels = {(c["code"], c["label"]) for c in listed}
    assert ("H00004", "H00004 户4 · 联系电话") in labels
    assert ("10201", "10201 农商银行城关支行 · 名称") in labels or (
        "10201",
        "10201 农商银行营业部 · 名称",
    ) in labels
    assert ("2026-03 记-1", "2026-03 记-1 第1行 · 摘要") in labels
    text = runner.invoke(cli, ["sync", "conflicts", str(tmp_path / "a.jlbook")]).output
    assert "H00004 户4 · 联系电话 · " in text and "13987654321" in text and "2026-03 记-1" in text
