"""The audit trail: edits to the SQLite file behind the app's back are found, and --verify says where."""

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book


@pytest.fixture(autouse=True)
def _backups(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(tmp_path / "backups"))


@pytest.fixture
def path(demo_file, tmp_path):
    p = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, p)
    return p


def tamper(path, *statements):
    """Change the file with plain SQLite, as someone with a database tool would (dropping the guards first)."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS changes_append_only_update")
    conn.execute("DROP TRIGGER IF EXISTS changes_append_only_delete")
    for sql, *params in statements:
        conn.execute(sql, *params)
    conn.commit()
    conn.close()


def verify(path):
    r = CliRunner().invoke(cli, ["audit", str(path), "--verify", "--json"])
    return r.exit_code, json.loads(r.output)


def test_an_untouched_book_verifies_and_the_log_is_append_only(path):
    code, out = verify(path)
    assert code == 0 and out["ok"] and out["entries"] > 500
    with Book.open(path) as b:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            b.db.execute("UPDATE changes SET user = 'x' WHERE seq = 5")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            b.db.execute("DELETE FROM changes WHERE seq = 5")


def test_an_edited_entry_is_found_by_its_sequence_number(path):
    tamper(path, ("UPDATE changes SET user = '别人' WHERE seq = 200",))
    code, out = verify(path)
    assert code == 1
    assert [f["seq"] for f in out["findings"]] == [200]
    assert "被修改过" in out["findings"][0]["message"]


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(path):
    conn = sqlite3.connect(path)
    seq, data = conn.execute("SELECT seq, data FROM changes WHERE tbl = 'voucher_lines' AND op = 'insert' LIMIT 1 OFFSET 50").fetchone()
    conn.close()
    # the forger edits the amount both in the log and in the table and recomputes this entry's hash
    from app.core.store import Change, entry_hash

    row = json.loads(data)
    field = "debit_fen" if row["debit_fen"] else "credit_fen"
    row[field] += 100_000_00
    conn = sqlite3.connect(path)
    r = conn.execute("SELECT change_id, replica, counter, hlc, tbl, row_id, op, user, at, prev_hash FROM changes WHERE seq = ?", [seq]).fetchone()
    conn.close()
    change = Change(r[0], r[1], r[2], r[3], r[4], r[5], r[6], row, None, r[7], r[8])
    forged = entry_hash(r[9], change)
    tamper(
        path,
        ("UPDATE changes SET data = ?, hash = ? WHERE seq = ?", [json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")), forged, seq]),
        (f"UPDATE voucher_lines SET {field} = ? WHERE id = ?", [row[field], row["id"]]),
    )
    code, out = verify(path)
    assert code == 1
    assert out["findings"][0]["seq"] == seq + 1 and "接不上" in out["findings"][0]["message"]


def test_deleted_entries_are_found(path):
    tamper(path, ("DELETE FROM changes WHERE seq BETWEEN 300 AND 302",))
    code, out = verify(path)
    assert code == 1
    assert out["findings"][0]["seq"] == 303 and "300" in out["findings"][0]["message"] and "302" in out["findings"][0]["message"]
    assert any("缺失" in f["message"] for f in out["findings"])  # this PC's counters have a hole


def test_a_deleted_last_entry_is_found_by_replaying_the_log(path):
    conn = sqlite3.connect(path)
    top = conn.execute("SELECT max(seq) FROM changes").fetchone()[0]
    tbl, row_id = conn.execute("SELECT tbl, row_id FROM changes WHERE seq = ?", [top]).fetchone()
    conn.close()
    tamper(path, ("DELETE FROM changes WHERE seq = ?", [top]))
    code, out = verify(path)
    assert code == 1 and row_id[:8] in " ".join(f["message"] for f in out["findings"]), (tbl, out)


def test_data_changed_behind_the_apps_back_is_found(path):
    conn = sqlite3.connect(path)
    line_id = conn.execute(
        "SELECT l.id FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.status = 'posted' AND l.debit_fen > 0 LIMIT 1"
    ).fetchone()[0]
    conn.close()
    tamper(path, ("UPDATE voucher_lines SET debit_fen = debit_fen + 1 WHERE id = ?", [line_id]),
           ("INSERT INTO members (id, code, name, kind) VALUES ('ghost-member', 'X9', '幽灵', 'person')",))
    code, out = verify(path)
    text = " ".join(f["message"] for f in out["findings"])
    assert code == 1 and line_id[:8] in text and "debit_fen" in text and "ghost-me" in text
    r = CliRunner().invoke(cli, ["audit", str(path), "--verify"])
    assert r.exit_code == 1 and "绕过程序" in r.output


def test_audit_lists_who_did_what_and_the_history_of_a_voucher(path):
    r = CliRunner().invoke(cli, ["audit", str(path), "--table", "vouchers", "--limit", "5"])
    assert r.exit_code == 0 and "status: reviewed → posted" in r.output and "审核" in r.output
    with Book.open(path) as b:
        vid = b.db.execute("SELECT id FROM vouchers WHERE status = 'posted' AND kind = 'normal' LIMIT 1").fetchone()[0]
        history = b.audit.history("vouchers", vid)
        assert {e.tbl for e in history} == {"vouchers", "voucher_lines"}
        assert [e.op for e in history if e.tbl == "vouchers"] == ["update", "update", "insert"]  # newest first
        assert {e.user for e in history} == {"会计", "审核"}
