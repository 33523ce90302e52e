"""Issue 11: the CLI over the one door: a 查看 (read-only) user is refused every change and every full copy, and
sees personal data masked; vouchers, members, sub-accounts and assets have commands of their own."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book
from app.core.demo import build_demo
from app.core.sync import Sync

DEMO_PASSWORD = os.environ["JOINTLEDGER_PASSWORD"]  # the demo users' password (tests/conftest.py)
VIEWER, VIEWER_PW = "小王", "xiaowang-pw"
VILLAGE = "南岭村会计室"


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A demo book with a 查看 user; the CLI logs in with the demo password."""
    monkeypatch.setenv("JOINTLEDGER_SEED_PASSPHRASE", "seed-pass")
    path = tmp_path / "demo.jlbook"
    build_demo(path, year=2025).close()
    with Book.open(path, user="admin", password=DEMO_PASSWORD) as b:
        b.users.add(VIEWER, VIEWER_PW, ["查看"])
        b.members.update(b.members.list()[0]["code"], phone="13812345678")
        b.sync.seed(tmp_path / "a.jlseed", "seed-pass")
    village = Sync.join(tmp_path / "a.jlseed", tmp_path / "village.jlbook", VILLAGE, "seed-pass", user="admin", password=DEMO_PASSWORD)
    village.sync.export(tmp_path / "v.jlsync")
    village.close()
    with Book.open(path, user="admin", password=DEMO_PASSWORD) as b:
        b.sync.import_file(tmp_path / "v.jlsync")
    return path


def invoke(*args: object, user: str = "admin", password: str = DEMO_PASSWORD):
    env = {"JOINTLEDGER_USER": user, "JOINTLEDGER_PASSWORD": password}
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def changes(path) -> int:
    with Book.open(path, readonly=True, user="admin", password=DEMO_PASSWORD) as b:
        return b.audit.count()


def test_viewer_is_refused_every_change_and_every_copy(book, tmp_path):
    """Finding 5: retire, name, seed, sync export, sync folder, resolve, statements, notice all succeeded."""
    before = changes(book)
    replica = VILLAGE
    attempts = [
        ("replica", "retire", book, replica),
        ("replica", "name", book, "别名"),
        ("replica", "seed", book, tmp_path / "x.jlseed"),
        ("sync", "export", book, tmp_path / "x.jlsync"),
        ("sync", "folder", book, tmp_path),
        ("sync", "resolve", book, "nochange:1", "--apply"),
        ("statements", book, "--year", "2025", "--out", tmp_path / "st"),
        ("notice", book, "--year", "2025", "--out", tmp_path / "n.pdf"),
        ("voucher", "review", book, "--all-drafts"),
        ("member", "add", book, "--code", "X1", "--name", "某", "--kind", "person"),
        ("account", "add", book, "--parent", "102", "--name", "某银行"),
        ("asset", "dispose", book, "ZC001", "--date", "2025-12-31"),
        ("close", book, "--month", "2025-01"),
    ]
    for args in attempts:
        r = invoke(*args, user=VIEWER, password=VIEWER_PW)
        assert r.exit_code == 1, (args, r.output)
        assert "Traceback" not in r.output
    assert not (tmp_path / "x.jlseed").exists() and not (tmp_path / "x.jlsync").exists()
    assert changes(book) == before


def test_viewer_sees_personal_data_masked_in_exports(book, tmp_path):
    for ext in ("json", "csv"):
        out = tmp_path / f"m.{ext}"
        assert invoke("export", book, "members", out, user=VIEWER, password=VIEWER_PW).exit_code == 0
        text = out.read_text(encoding="utf-8-sig")
        assert "13812345678" not in text
        assert "5678" in text  # the tail stays, to tell members apart
    out = tmp_path / "full.json"
    assert invoke("export", book, "members", out).exit_code == 0
    assert "13812345678" in out.read_text(encoding="utf-8")


def test_voucher_commands(book):
    r = invoke("voucher", "list", book, "--month", "2025-12", "--status", "posted", "--json")
    rows = json.loads(r.output)
    assert rows and all(row["status"] == "posted" for row in rows)
    ref = f"2025-12/{rows[-1]['word']}-{rows[-1]['number']}"
    shown = json.loads(invoke("voucher", "show", book, ref, "--json").output)
    assert shown["id"] == rows[-1]["id"] and sum(ln["debit_fen"] for ln in shown["lines"]) == rows[-1]["total_fen"]
    assert invoke("voucher", "show", book, "2025-12/记-9999").exit_code == 1
    r = invoke("voucher", "reverse", book, ref, "--date", "2025-12-31", user="会计")
    assert r.exit_code == 0, r.output
    result = json.loads(invoke("voucher", "review", book, "--all-drafts", "--month", "2025-12", "--json", user="审核").output)
    assert result["done"] >= 1
    result = json.loads(invoke("voucher", "post", book, "--all-reviewed", "--month", "2025-12", "--json", user="审核").output)
    assert result["done"] >= 1 and result["refused"] == []
    with Book.open(book, readonly=True, user="admin", password=DEMO_PASSWORD) as b:
        assert b.vouchers.count(period="2025-12", status="draft") == 0


def test_preparer_cannot_review_own_drafts_in_a_batch(book):
    r = invoke("voucher", "reverse", book, "2025-12/记-1", "--date", "2025-12-31")
    assert r.exit_code == 0
    r = invoke("voucher", "review", book, "--all-drafts", "--json")
    assert r.exit_code == 1
    assert {p["code"] for p in json.loads(r.stdout)["refused"]} == {"voucher.own_review"}
    assert invoke("voucher", "review", book, "--all-drafts", user="会计").exit_code == 1  # 会计 may not review


def test_member_account_asset_commands(book):
    assert invoke("member", "add", book, "--code", "P9001", "--name", "新成员", "--kind", "person").exit_code == 0
    assert invoke("member", "edit", book, "P9001", "--phone", "13900000000").exit_code == 0
    assert invoke("member", "leave", book, "P9001", "--date", "2025-12-31").exit_code == 0
    r = invoke("account", "add", book, "--parent", "102", "--name", "信用社")
    assert r.exit_code == 0, r.output
    r = invoke("asset", "add", book, "--code", "ZC900", "--name", "冷库", "--category", "fixed",
               "--acquired", "2025-03-01", "--cost", "120000.00", "--life-months", "240")
    assert r.exit_code == 0, r.output
    assert invoke("asset", "dispose", book, "ZC900", "--date", "2025-12-31").exit_code == 0
    with Book.open(book, readonly=True, user="admin", password=DEMO_PASSWORD) as b:
        assert b.members.get("P9001")["left_on"] == "2025-12-31"
        assert b.assets.get("ZC900")["cost_fen"] == 12_000_000 and b.assets.get("ZC900")["status"] == "disposed"
        assert any(a["name"] == "信用社" for a in b.accounts.children("102"))
        assert b.audit.verify() == []
