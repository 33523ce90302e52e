"""Issue 11: every change goes through one door (Book.transact), whatever the path: permissions, posted and
reviewed vouchers, closed months, users in the audit trail, and an audit that a legitimate sync never breaks."""

import json
import sqlite3

import pytest

from app.core.book import Book
from app.core.errors import BookError, PermissionDenied
from app.core.ops import Op
from app.core.store import VoucherLocked
from app.core.sync import Sync
from app.core.vouchers import LineInput

PASS = "seed-pass"
PW = "admin-pw-1"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("JOINTLEDGER_PASSWORD", raising=False)


def lines(amount: int, bank: str = "102") -> list[LineInput]:
    return [LineInput("101", "备用金", debit_fen=amount), LineInput(bank, "取现", credit_fen=amount)]


def amounts(book: Book, vid: str) -> list[tuple[int, int]]:
    return [(ln.debit_fen, ln.credit_fen) for ln in book.vouchers.get(vid).lines]


def two_pcs(tmp_path):
    """Office A (posting replica) and village PC B, each with the users 会计, 审核 and a 查看 user 小王."""
    a = Book.create(tmp_path / "a.jlbook", name="测试联营公司", start="2026-01", user="admin")
    a.users.add("admin", PW, ["admin"])
    a.users.add("会计", "kuaiji-pw", ["会计"])
    a.users.add("审核", "shenhe-pw", ["审核"])
    a.users.add("小王", "xiaowang-pw", ["查看"])
    a.sync.seed(tmp_path / "a.seed", PASS)
    b = Sync.join(tmp_path / "a.seed", tmp_path / "b.jlbook", "东岭村会计室", PASS, user="admin", password=PW)
    return a, b


def exchange(src: Book, dst: Book, path) -> None:
    src.sync.export(path)
    dst.sync.import_file(path)


def test_conflict_on_a_posted_voucher_is_never_applied(tmp_path):
    """Finding 1: a 查看 user applied a draft-edit conflict to posted 记-3 (3.00 → 5.00)."""
    a, b = two_pcs(tmp_path)
    a.user = "会计"
    vid = a.vouchers.create("2026-01-05", lines(100))
    exchange(a, b, tmp_path / "1.jlsync")
    a.vouchers.update_draft(vid, "2026-01-05", lines(500))
    b.user = "会计"
    b.vouchers.update_draft(vid, "2026-01-05", lines(300))
    exchange(b, a, tmp_path / "2.jlsync")
    posted_amounts = amounts(a, vid)
    a.user = "审核"
    a.vouchers.review(vid)
    a.vouchers.post(vid)
    conflicts = [c for c in a.sync.conflicts() if c["table"] == "voucher_lines"]
    assert conflicts
    a.user = "小王"  # read only
    for c in conflicts:
        with pytest.raises(PermissionDenied):
            a.sync.resolve(c["loser_change"], apply=True)
    a.user = "admin"  # even the administrator cannot rewrite a posted voucher through a conflict
    for c in conflicts:
        with pytest.raises(VoucherLocked) as e:
            a.sync.resolve(c["loser_change"], apply=True)
        assert e.value.code == "voucher.posted"
    assert amounts(a, vid) == posted_amounts
    assert a.vouchers.get(vid).status == "posted"
    assert a.audit.verify() == []
    a.close()
    b.close()


def test_reviewed_voucher_lines_cannot_change(book):
    vid = book.vouchers.create("2026-01-05", lines(700, "10201"))
    book.user = "审核人"
    book.vouchers.review(vid)
    line = book.vouchers.get(vid).lines[0]
    with pytest.raises(VoucherLocked) as e, book.transact(Op.RESOLVE_CONFLICT):
        book.store.update("voucher_lines", line.id, {"debit_fen": 88800})
    assert e.value.code == "voucher.reviewed"
    assert amounts(book, vid) == [(700, 0), (0, 700)]


def test_posted_voucher_cannot_change_through_any_operation(book):
    vid = book.vouchers.create("2026-01-05", lines(700, "10201"))
    book.user = "审核人"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    line = book.vouchers.get(vid).lines[0]
    for op in (Op.IMPORT, Op.SYNC_IMPORT, Op.RESOLVE_CONFLICT, Op.EDIT_MEMBER):
        for write in (
            lambda: book.store.update("voucher_lines", line.id, {"debit_fen": 1}),
            lambda: book.store.delete("voucher_lines", line.id),
            lambda: book.store.update("vouchers", vid, {"summary": "x", "status": "draft"}),
            lambda: book.store.insert("voucher_lines", {"voucher_id": vid, "seq": 9, "account_id": line.account_id,
                                                        "summary": "", "debit_fen": 5, "credit_fen": 0}),
        ):
            with pytest.raises(VoucherLocked), book.transact(op):
                write()
    assert amounts(book, vid) == [(700, 0), (0, 700)]


def test_no_write_outside_an_operation(book):
    with pytest.raises(RuntimeError), book.db.atomic():
        book.store.insert("members", {"code": "M9", "name": "乙", "kind": "person"})


def test_closed_month_refuses_vouchers_on_every_path(book):
    vid = book.vouchers.create("2026-01-05", lines(700, "10201"))
    book.user = "审核人"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.periods.close_month("2026-01")
    with pytest.raises(BookError) as e, book.transact(Op.IMPORT):
        book.store.insert("vouchers", {"date": "2026-01-09", "period": "2026-01", "word": "记", "kind": "normal",
                                       "status": "draft", "preparer": "x", "summary": ""})
    assert e.value.code == "period.closed"


def test_role_changes_are_in_the_audit_trail_and_sql_edits_are_caught(tmp_path):
    """Finding 2: user add / roles / disable left no trace; UPDATE users SET roles='admin' passed the audit."""
    path = tmp_path / "b.jlbook"
    with Book.create(path, name="测试", start="2026-01", user="admin") as b:
        b.users.add("admin", PW, ["admin"])
        before = b.audit.count()
        b.users.add("小王", "xiaowang-pw", ["查看"])
        b.users.set_roles("小王", ["审核"])
        b.users.set_active("小王", False)
        entries = b.audit.entries(tbl="users")
        assert b.audit.count() == before + 3
        assert {e.user for e in entries} == {"admin"}
        assert b.audit.verify() == []
    conn = sqlite3.connect(path)
    conn.execute("UPDATE users SET roles = 'admin', active = 1 WHERE name = '小王'")
    conn.commit()
    conn.close()
    with Book.open(path, user="admin", password=PW) as b:
        found = b.audit.verify()
        assert [f.code for f in found] == ["audit.data", "audit.data"]


def test_audit_catches_edits_hidden_behind_the_conflict_list(tmp_path):
    """Finding 3 (a, b): lines of a conflicted voucher ×100 by SQL; an invented conflict row hiding a phone edit."""
    a, b = two_pcs(tmp_path)
    a.user = b.user = "会计"
    a.members.add(code="H001", name="王建国", kind="household", phone="13800000001")
    vid = a.vouchers.create("2026-01-05", lines(100))
    exchange(a, b, tmp_path / "1.jlsync")
    a.vouchers.update_draft(vid, "2026-01-05", lines(500))
    b.vouchers.update_draft(vid, "2026-01-05", lines(300))
    exchange(b, a, tmp_path / "2.jlsync")
    assert a.audit.verify() == []
    a.db.execute("UPDATE voucher_lines SET debit_fen = debit_fen * 100, credit_fen = credit_fen * 100 WHERE voucher_id = ?", [vid])
    assert {f.code for f in a.audit.verify()} == {"audit.data"}
    member = a.members.get("H001")
    insert = a.db.execute("SELECT change_id FROM changes WHERE tbl = 'members' AND row_id = ?", [member["id"]]).fetchone()[0]
    a.db.execute("UPDATE members SET phone = '13999999999' WHERE id = ?", [member["id"]])
    a.db.execute(
        "INSERT INTO sync_conflicts VALUES ('members', ?, 'phone', 'field', ?, ?, '\"13999999999\"')",
        [member["id"], insert, insert],
    )
    phone = [f for f in a.audit.verify() if "phone" in f.message]
    assert phone and phone[0].code == "audit.data"
    a.close()
    b.close()


def test_audit_checks_the_authors_signatures(tmp_path):
    """Finding 3 (c): the log rewritten and re-hashed with the triggers dropped; the author's signature no longer fits."""
    from app.core.store import GENESIS, Change, entry_hash

    a, b = two_pcs(tmp_path)
    b.user = "会计"
    b.members.add(code="H002", name="李四", kind="household")
    exchange(b, a, tmp_path / "1.jlsync")
    assert a.audit.verify() == []
    db = a.db
    for trigger in ("changes_append_only_update", "changes_append_only_delete"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute(
        "UPDATE changes SET data = json_set(data, '$.name', '李四改') WHERE tbl = 'members' AND replica = ?", [b.replica_id]
    )
    db.execute("UPDATE members SET name = '李四改' WHERE code = 'H002'")
    prev = GENESIS
    fields = "change_id, replica, counter, hlc, tbl, row_id, op, data, old, user, at, deps"
    for seq, *values in db.execute(f"SELECT seq, {fields} FROM changes ORDER BY seq").fetchall():
        c = dict(zip(fields.split(", "), values, strict=True))
        c["data"], c["old"] = (json.loads(c[k]) if c[k] else None for k in ("data", "old"))
        digest = entry_hash(prev, Change(**c))
        db.execute("UPDATE changes SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, digest, seq])
        prev = digest
    found = a.audit.verify()
    assert [f.code for f in found] == ["audit.signature"]
    a.close()
    b.close()


def test_posting_against_a_concurrent_delete_keeps_the_audit_clean(tmp_path):
    """Finding 4: A posts Y while B deletes its draft; after the exchange every book's audit failed for good."""
    a, b = two_pcs(tmp_path)
    a.user = b.user = "会计"
    vid = a.vouchers.create("2026-01-05", lines(100))
    exchange(a, b, tmp_path / "1.jlsync")
    a.user = "审核"
    a.vouchers.review(vid)
    a.vouchers.post(vid)
    b.vouchers.delete_draft(vid)
    a.user = "会计"
    exchange(a, b, tmp_path / "2.jlsync")
    exchange(b, a, tmp_path / "3.jlsync")
    for book in (a, b):
        assert book.vouchers.get(vid).status == "posted"
        assert book.audit.verify() == []
        book.user = "admin"
        for c in book.sync.conflicts():
            book.sync.resolve(c["loser_change"], apply=False)
        assert book.audit.verify() == []
    a.close()
    b.close()


def test_users_sync_and_a_disabled_user_is_disabled_everywhere(tmp_path):
    """Finding 5 (last part): users are synced; a user disabled on one PC can no longer log in on another."""
    a, b = two_pcs(tmp_path)
    a.user = "admin"
    a.users.set_active("会计", False)
    exchange(a, b, tmp_path / "1.jlsync")
    assert [u["active"] for u in b.users.list() if u["name"] == "会计"] == [0]
    path = b.path
    b.close()
    with pytest.raises(BookError):
        Book.open(path, user="会计", password="kuaiji-pw")
    a.close()
