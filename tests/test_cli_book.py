"""The book commands through the real entry point (``python -m app``)."""

import json
import subprocess
import sys

import pytest


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_init_info_and_reports(tmp_path):
    book = tmp_path / "b.jlbook"
    r = run("init", book, "--name", "东岭联营", "--kind", "joint", "--chart", "2023", "--credit-code", "91330106MA2H00001E")
    assert r.returncode == 0, r.stderr
    r = run("info", book, "--json")
    info = json.loads(r.stdout)
    assert info["name"] == "东岭联营" and info["chart"] == "2023" and info["vouchers"] == 0


def test_demo_report_and_check(demo_file, tmp_path):
    book = demo_file
    tb = json.loads(run("report", book, "trial-balance", "--year", "2025", "--json").stdout)
    assert tb["totals"]["balanced"] and tb["totals"]["debit_fen"] > 0
    text = run("report", book, "trial-balance", "--year", "2025").stdout
    assert "科目余额表" in text and "试算平衡" in text
    ledger = json.loads(run("report", book, "ledger", "--year", "2025", "--account", "10201", "--month", "3", "--json").stdout)
    assert ledger["rows"][0]["kind"] == "opening" and any(r["kind"] == "line" for r in ledger["rows"])
    bs = json.loads(run("report", book, "balance-sheet", "--year", "2025", "--json").stdout)
    assert bs["balanced"]
    inc = json.loads(run("report", book, "income", "--year", "2025", "--json").stdout)
    assert inc["lines"][0]["name"] == "经营收入" and inc["lines"][0]["amount_fen"] > 0
    r = run("check", book, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("init", "{d}/x.jlbook", "--name", "x", "--credit-code", "91350100M000100Y44"), "校验位"),
        (("init", "{d}/nofolder/x.jlbook", "--name", "x"), "不存在"),
        (("init", "{d}/x.jlbook", "--name", "x", "--start", "2026-13"), "--start"),
        (("report", "{book}", "ledger", "--year", "2025"), "--account"),
        (("report", "{book}", "ledger", "--year", "2025", "--account", "999"), "没有科目"),
        (("report", "{book}", "trial-balance", "--year", "2025", "--from-month", "5", "--month", "2"), "--from-month"),
        (("info", "{d}/junk.jlbook"), "不是联营账簿"),
        (("close", "{book}"), "--month"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(demo_file, tmp_path, args, message):
    (tmp_path / "junk.jlbook").write_bytes(b"junk" * 1000)
    r = run(*(a.format(d=tmp_path, book=demo_file) for a in args))
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_close_and_depreciate(demo_file, tmp_path):
    import shutil

    book = tmp_path / "d.jlbook"
    shutil.copyfile(demo_file, book)
    r = run("depreciate", book, "--month", "2025-12", "--dry-run")
    assert r.returncode == 0 and r.stdout.strip() == ""  # the demo already ran December
    r = run("close", book, "--month", "2025-11")
    assert r.returncode == 1 and "已经结账" in r.stderr
    r = run("close", book, "--year", "2025")
    assert r.returncode == 0, r.stderr
    assert run("check", book).returncode == 0


def test_headless_run_without_display(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    r = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "headless demo" in r.stdout
    assert (tmp_path / "demo-output" / "demo.jlbook").exists()
