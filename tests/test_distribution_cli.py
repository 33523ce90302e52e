"""The distribution commands: exit code 0 with the figures, 1 with one sentence on bad input."""

import json

import click
import pytest
from click.testing import CliRunner
from test_distribution_support import EXPECTED, PLAN, small_book

from app.cli.distribution_cmds import register


@pytest.fixture
def cli():
    group = click.Group()
    register(group)
    return group


@pytest.fixture
def files(tmp_path):
    small_book(tmp_path / "v.jlbook").close()
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def run(cli, *args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_distribute_json_then_documents_and_verify(cli, files):
    book, plan = files / "v.jlbook", files / "plan.toml"
    r = run(cli, "distribute", book, "--plan", plan, "--dry-run", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["distributable_fen"] == 100000 and data["pool_fen"] == 65000
    assert data["withholdings"] == [
        {"name": "提取公积公益金", "amount_fen": 30000},
        {"name": "其他", "amount_fen": 5000},
    ]
    assert {m["code"]: m["amount_fen"] for m in data["members"]} == EXPECTED
    assert data["members"][0]["classes"] == {"人口股": 13650, "农龄股": 6500}
    r = run(cli, "distribute", book, "--plan", plan)
    assert r.exit_code == 0 and "草稿" in r.output
    r = run(cli, "distribute", book, "--plan", plan)
    assert r.exit_code == 1 and "不能重复过账" in r.output
    r = run(cli, "statements", book, "--year", 2026, "--out", files / "st")
    assert r.exit_code == 0, r.output
    pdfs = sorted((files / "st").glob("*.pdf"))
    assert len(pdfs) == 3
    r = run(cli, "notice", book, "--year", 2026, "--out", files / "notice.pdf", "--days", 10, "--paper", "A3")
    assert r.exit_code == 0, r.output
    r = run(cli, "verify", pdfs[0])  # without the book: unchanged, but who signed it is unchecked
    assert r.exit_code == 3 and "签名人未核实" in r.output and "东岭村股份经济合作社" in r.output
    r = run(cli, "verify", files / "notice.pdf", "--book", book)
    assert r.exit_code == 0 and "数字与账簿一致" in r.output
    code = json.loads(run(cli, "verify", pdfs[0], "--json").output)["code"]
    r = run(cli, "verify", book, "--code", code)
    assert r.exit_code == 0 and "王建国" in r.output and "人民币贰佰零壹元伍角整" in r.output
    data = bytearray(pdfs[0].read_bytes())
    data[data.index(b"stream") + 40] ^= 1
    (files / "bad.pdf").write_bytes(bytes(data))
    r = run(cli, "verify", files / "bad.pdf", "--book", book)
    assert r.exit_code == 1 and "签名无效" in r.output


def test_payout_commands(cli, files):
    book, plan = files / "v.jlbook", files / "plan.toml"
    assert run(cli, "distribute", book, "--plan", plan).exit_code == 0
    r = run(
        cli,
        "payout",
        book,
        "--year",
        2026,
        "--member",
        "H2",
        "--date",
        "2026-12-31",
        "--from",
        "10201",
        "--amount",
        "100.00",
    )
    assert r.exit_code == 0, r.output
    rows = json.loads(run(cli, "payouts", book, "--year", 2026, "--json").output)
    h2 = next(x for x in rows if x["code"] == "H2")
    assert (h2["pending_fen"], h2["unpaid_fen"]) == (10000, 12100)
    r = run(
        cli,
        "payout",
        book,
        "--year",
        2026,
        "--member",
        "H2",
        "--date",
        "2026-12-31",
        "--from",
        "10201",
        "--amount",
        "500",
    )
    assert r.exit_code == 1 and "超过未发放金额" in r.output


@pytest.mark.parametrize(
    ("plan_text", "message"),
    [
        (PLAN.replace('"农龄股" = 30', '"劳龄股" = 30'), "计划第15行：没有股份类别“劳龄股”"),
        (
            PLAN.replace("= 70", "= 0").replace("= 30\n\n[notice]", "= 0\n\n[notice]"),
            "计划第13行：各类股份的权重都为零",
        ),
        (PLAN.replace('amount = "50.00"', 'amount = "999.00"'), "计划第11行：提取项目合计"),
        ("year = \n", "计划第1行"),
    ],
)
def test_bad_plans_exit_1_with_one_sentence(cli, files, plan_text, message):
    (files / "bad.toml").write_text(plan_text, encoding="utf-8")
    r = run(cli, "distribute", files / "v.jlbook", "--plan", files / "bad.toml", "--dry-run")
    assert r.exit_code == 1
    assert message in r.output and "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1


def test_other_bad_input(cli, files):
    r = run(cli, "statements", files / "v.jlbook", "--year", 2030, "--out", files / "x")
    assert r.exit_code == 1 and "2030 年还没有过账的收益分配" in r.output
    r = run(cli, "verify", files / "v.jlbook")
    assert r.exit_code == 1 and "PDF" in r.output
    r = run(cli, "verify", files / "v.jlbook", "--code", "ABCD-EFGH-IJKL")
    assert r.exit_code == 1 and "没有校验码" in r.output
