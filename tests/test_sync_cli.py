"""The sync and replica commands, in process."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JOINTLEDGER_SEED_PASSPHRASE", "seed-pass")
    runner = CliRunner()

    def invoke(*args: object):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_seed_join_export_import_status_conflicts(run, tmp_path):
    office, village = tmp_path / "office.jlbook", tmp_path / "village.jlbook"
    b = Book.create(office, name="测试联营公司", start="2026-01")
    b.members.add(code="M001", name="东岭村", kind="collective")
    b.close()
    assert run("replica", "name", office, "联营公司办公室").exit_code == 0
    assert run("replica", "seed", office, tmp_path / "s.seed").exit_code == 0
    r = run("replica", "join", tmp_path / "s.seed", village, "--name", "东岭村会计室")
    assert r.exit_code == 0 and "东岭村会计室" in r.output
    for path, note in ((office, "甲"), (village, "乙")):
        with Book.open(path) as bk:
            bk.members.update("M001", note=note)
    assert run("sync", "export", village, tmp_path / "v.jlsync").exit_code == 0
    dry = json.loads(run("sync", "import", office, tmp_path / "v.jlsync", "--dry-run", "--json").output)
    assert dry["dry_run"] and dry["applied"] == 2
    r = run("sync", "import", office, tmp_path / "v.jlsync")
    assert r.exit_code == 0 and "新修改 2 条" in r.output
    r = run("sync", "export", office, tmp_path / "o.jlsync", "--for", "东岭村会计室")
    assert r.exit_code == 0
    assert run("sync", "import", village, tmp_path / "o.jlsync").exit_code == 0
    conflicts = [json.loads(run("sync", "conflicts", p, "--json").output) for p in (office, village)]
    assert len(conflicts[0]) == 1 and conflicts[0][0]["loser_change"] == conflicts[1][0]["loser_change"]
    status = json.loads(run("sync", "status", office, "--json").output)
    assert {r["name"] for r in status["replicas"]} >= {"东岭村会计室"} and status["conflicts"] == 1
    assert run("sync", "resolve", office, conflicts[0][0]["loser_change"], "--apply").exit_code == 0
    assert "没有同步冲突" in run("sync", "conflicts", office).output
    listing = run("replica", "list", office).output
    assert "东岭村会计室" in listing and "联营公司办公室" in listing


def test_errors_are_one_sentence_and_exit_1(run, tmp_path):
    office = tmp_path / "office.jlbook"
    Book.create(office, name="测试联营公司", start="2026-01").close()
    (tmp_path / "junk.jlsync").write_bytes(b"JLSYNC" + b"\0" * 100)
    r = run("sync", "import", office, tmp_path / "junk.jlsync")
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1
    r = run("sync", "export", office, tmp_path / "x.jlsync", "--for", "nobody")
    assert r.exit_code == 1 and "没有副本" in r.output
    r = run("sync", "folder", office)
    assert r.exit_code == 1 and "同步文件夹" in r.output
    share = tmp_path / "share"
    share.mkdir()
    r = run("sync", "folder", office, share, "--json")
    assert r.exit_code == 0 and json.loads(r.output)["wrote"]["changes"] > 0


def test_demo_step_writes_a_sync_file(run, tmp_path):
    from app.core.sync.demo import demo_step

    book = Book.create(tmp_path / "d.jlbook", name="演示联营公司", start="2026-01")
    lines = demo_step(book, tmp_path)
    book.close()
    assert len(lines) == 2 and "同步文件" in lines[0]
    assert list(tmp_path.glob("*.jlsync"))
