"""Paying: the bank's batch file (.xlsx and .csv) and the cash signature sheet, both from the payouts recorded and
checked against them; a payment the bank sends back reopens the payout. And the new commands with --help."""

import json
import subprocess

import click
import openpyxl
import pytest
from click.testing import CliRunner
from test_distribution_support import PLAN, post_and_approve, small_book

from app.cli.distribution_cmds import register
from app.core.distribution import paying
from app.core.errors import BookError, ValidationError


def pay_posted(book, member, account):
    vid = book.distribution.pay(2026, member, date="2027-01-15", from_account=account, paid_by="出纳")
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"


@pytest.fixture
def paid(tmp_path):
    book = small_book(tmp_path / "v.jlbook")
    book.members.update("H1", bank="东岭信用社", bank_account="6228480012345678")
    book.members.update("H2", bank="东岭信用社", bank_account="6228480087654321")
    post_and_approve(book)
    book.periods.close_year(2026)  # payouts are booked in 2027: the year before is closed first
    pay_posted(book, "H1", "10201")
    pay_posted(book, "H2", "10201")
    pay_posted(book, "H3", "101")  # cash
    yield book
    book.close()


def test_bank_file_xlsx_and_csv_match_the_payouts(paid, tmp_path):
    r = paid.distribution.write_payfile(2026, "农商银行", tmp_path / "代发.xlsx")
    assert (r["rows"], r["total_fen"]) == (2, 20150 + 22100)
    ws = openpyxl.load_workbook(tmp_path / "代发.xlsx").active
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    assert rows[0] == ["收款人户名", "收款人账号", "金额", "收款人开户行", "用途"]
    assert rows[1] == ["王建国", "6228480012345678", 201.5, "东岭信用社", "2026年度收益分配"]
    paid.distribution.write_payfile(2026, "通用", tmp_path / "代发.csv")
    text = (tmp_path / "代发.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "户名,账号,金额,开户行,用途" and "李秀英,6228480087654321,221.00," in text
    # a file changed by hand no longer matches the payouts
    ws.cell(2, 3).value = 210.5
    ws.parent.save(tmp_path / "changed.xlsx")
    with pytest.raises(BookError) as e:
        paying.check_payfile(paid, paid.distribution.record(2026)["id"], tmp_path / "changed.xlsx")
    assert e.value.code == "payfile.mismatch"


def test_bank_file_refuses_a_household_without_an_account(paid, tmp_path):
    paid.members.update("H2", bank_account=None)
    with pytest.raises(BookError) as e:
        paid.distribution.write_payfile(2026, "通用", tmp_path / "x.csv")
    assert e.value.code == "payfile.no_account" and "H2" in str(e.value)


def test_returned_payment_reopens_the_payout_and_leaves_the_bank_file(paid, tmp_path):
    vid = paid.distribution.return_payment(2026, "H2", date="2027-01-20", reason="账号有误")
    v = paid.vouchers.get(vid)
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in v.lines] == [
        ("10201", 22100, 0),
        ("11302", 0, 22100),
    ]
    h2 = paid.distribution.payouts(2026, "H2")[0]
    assert (h2["paid_fen"], h2["returned_fen"], h2["unpaid_fen"]) == (0, 22100, 22100)
    assert paid.distribution.write_payfile(2026, "通用", tmp_path / "again.csv")["rows"] == 1
    paid.members.update("H2", bank_account="6228480011112222")
    pay_posted(paid, "H2", "10201")  # paid again to the right account
    assert paid.distribution.payouts(2026, "H2")[0]["unpaid_fen"] == 0
    assert paid.distribution.write_payfile(2026, "通用", tmp_path / "again.csv")["rows"] == 2


def test_signature_sheet_lists_the_cash_payouts_with_words_and_a_box(paid, tmp_path):
    r = paid.distribution.write_signsheet(2026, tmp_path / "签领表.pdf")
    assert (r["rows"], r["total_fen"]) == (1, 22750)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "签领表.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "签领表" in text and "H3 张桂兰" in text and "227.50" in text and "贰佰贰拾柒元伍角整" in text
    assert "签名/手印" in text and "王建国" not in text  # paid by the bank, not in cash


@pytest.fixture
def cli():
    group = click.Group()
    register(group)
    return group


def run(cli, *args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_new_commands_have_help_with_an_example(cli):
    for name in (
        ["meeting"],
        ["plan-notice"],
        ["objection"],
        ["payfile"],
        ["signsheet"],
        ["payback"],
        ["certificates"],
    ):
        r = run(cli, *name, "--help")
        assert r.exit_code == 0 and "Example" in r.output and "jointledger" in r.output, name


def test_the_year_as_a_village_does_it_from_the_command_line(cli, tmp_path):
    book = tmp_path / "v.jlbook"
    small_book(book, adopted=False).close()
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    r = run(cli, "distribute", book, "--plan", plan, "--dry-run", "--json")
    data = json.loads(r.output)
    assert data["classes"]["人口股"] == {"rate_fen_per_unit": None, "remainder_fen": 0}
    assert (data["collective_fen"], data["deductions_fen"]) == (0, 0)
    r = run(
        cli,
        "meeting",
        book,
        "--plan",
        plan,
        "--date",
        "2026-11-01",
        "--entitled",
        30,
        "--attended",
        20,
        "--for",
        15,
        "--resolution",
        "2026-5",
        "--json",
    )
    assert r.exit_code == 0 and json.loads(r.output)["adopted"] == 1
    r = run(cli, "plan-notice", book, "--plan", plan, "--out", tmp_path / "plan.pdf", "--start", "2026-11-02")
    assert r.exit_code == 0 and (tmp_path / "plan.pdf").exists()
    r = run(
        cli,
        "objection",
        "add",
        book,
        "--year",
        2026,
        "--by",
        "李秀英",
        "--member",
        "H2",
        "--date",
        "2026-11-03",
        "--about",
        "农龄少算",
    )
    assert r.exit_code == 0
    rows = json.loads(run(cli, "objection", "list", book, "--year", 2026, "--json").output)
    assert rows[0]["resolved"] == 0 and rows[0]["member_code"] == "H2"
    r = run(
        cli,
        "objection",
        "answer",
        book,
        rows[0]["id"][:8],
        "--date",
        "2026-11-05",
        "--answer",
        "无误",
        "--resolved",
    )
    assert r.exit_code == 0
    r = run(
        cli,
        "meeting",
        book,
        "--plan",
        plan,
        "--date",
        "2026-11-01",
        "--entitled",
        30,
        "--attended",
        40,
        "--for",
        15,
        "--resolution",
        "x",
    )
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1
    r = run(cli, "payfile", book, "--year", 2026, "--out", tmp_path / "x.csv")
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1  # nothing posted yet: one sentence


def test_a_bank_template_can_be_mapped(paid, tmp_path, cli):
    mapping = {"账号": "卡号", "户名": "收款人", "金额": "交易金额"}
    r = paid.distribution.write_payfile(2026, "通用", tmp_path / "m.csv", mapping)
    assert r["rows"] == 2
    lines = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "卡号,收款人,交易金额" and lines[1] == "6228480012345678,王建国,201.50"
    with pytest.raises(ValidationError) as e:
        paid.distribution.write_payfile(2026, "通用", tmp_path / "m.csv", {"户名": "收款人", "金额": "金额"})
    assert e.value.code == "payfile.columns"
