"""The books the 制度 requires beside the statements: 科目余额表 with 本年累计, the monthly 收支明细表, and 往来 by member
(balances, 对账单, ageing), in the core and through `jointledger report`."""

import json
import subprocess
import sys

import pytest

from app.core.book import Book
from app.core.errors import BookError
from app.core.member_reports import MemberReports
from app.core.vouchers import LineInput as L


def enter(book: Book, date: str, lines: list[L]) -> str:
    vid = book.vouchers.create(date, lines)
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"
    return vid


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def village(tmp_path):
    """Members H1 and H2 with 往来 over four years, in a book file that starts in 2022."""
    path = tmp_path / "v.jlbook"
    b = Book.create(path, name="东岭村股份经济合作社", kind="collective", start="2022-01", user="会计")
    b.accounts.add_sub("102", "农商银行")
    b.members.add(code="H1", name="张三", kind="household")
    b.members.add(code="H2", name="李四", kind="household")
    h1 = b.accounts.member_account("H1")
    h2 = b.accounts.member_account("H2")
    enter(b, "2022-03-01", [L(h1, "借款", debit_fen=1_000_00), L("10201", "", credit_fen=1_000_00)])
    for year in (2022, 2023):
        b.periods.close_year(year)
    enter(b, "2024-06-01", [L(h1, "借款", debit_fen=500_00), L("10201", "", credit_fen=500_00)])
    b.periods.close_year(2024)
    # entered out of date order: 记-1 is dated after 记-2
    enter(b, "2025-01-20", [L("10201", "还款", debit_fen=300_00), L(h1, "", credit_fen=300_00)])
    enter(
        b,
        "2025-01-05",
        [L("513", "误工补贴", debit_fen=200_00), L("211", "", credit_fen=200_00, member="H2")],
    )
    enter(b, "2025-03-10", [L(h2, "暂借", debit_fen=50_00), L("10201", "", credit_fen=50_00)])
    enter(b, "2025-03-12", [L("10201", "租金", debit_fen=2_000_00), L("501", "", credit_fen=2_000_00)])
    yield b, path
    b.close()


def test_trial_balance_has_year_to_date_columns(village):
    b, _path = village
    rows = {r["code"]: r for r in b.reports.trial_balance(2025, 3, 3)["rows"]}
    bank = rows["102"]
    assert (bank["opening_fen"], bank["debit_fen"], bank["credit_fen"]) == (
        -1_500_00 + 300_00,
        2_000_00,
        50_00,
    )
    assert (bank["year_debit_fen"], bank["year_credit_fen"]) == (2_300_00, 50_00)
    assert bank["closing_fen"] == bank["opening_fen"] + bank["debit_fen"] - bank["credit_fen"] == 750_00


def test_monthly_income_and_expense_detail(village):
    b, _path = village
    detail = {r["code"]: r for r in b.reports.income_expense_detail(2025)["rows"]}
    assert detail["501"]["months_fen"][2] == 2_000_00 and detail["501"]["total_fen"] == 2_000_00
    assert detail["513"]["months_fen"][0] == 200_00 and sum(detail["513"]["months_fen"]) == 200_00
    inc = {ln["key"]: ln["amount_fen"] for ln in b.reports.income_statement(2025)["lines"]}
    assert inc["R01"] == detail["501"]["total_fen"] and inc["R05"] == detail["513"]["total_fen"]


def test_member_balances_meet_the_trial_balance(village):
    b, _path = village
    data = MemberReports(b).balances(2025, 3)
    rows = {r["member"]: r["balances_fen"] for r in data["rows"]}
    assert rows == {
        "H1": {"113": 1_200_00, "211": 0, "212": 0},
        "H2": {"113": 50_00, "211": -200_00, "212": 0},
    }
    tb = {r["code"]: r["closing_fen"] for r in b.reports.trial_balance(2025, 1, 3)["rows"]}
    assert data["totals_fen"] == {"113": tb["113"], "211": tb["211"], "212": 0}


def test_statement_of_account_is_in_date_order(village):
    b, _path = village
    st = MemberReports(b).statement("H1", 2025, 1, 12)
    assert [r["kind"] for r in st["rows"]] == ["opening", "line", "closing"]
    assert st["rows"][0]["balance_fen"] == 1_500_00 and st["rows"][-1]["balance_fen"] == 1_200_00
    both = MemberReports(b).statement("H2", 2025)
    assert [r.get("date") for r in both["rows"] if r["kind"] == "line"] == ["2025-01-05", "2025-03-10"]
    assert [r["balance_fen"] for r in both["rows"] if r["kind"] == "line"] == [-200_00, -150_00]


def test_ageing_settles_the_oldest_debt_first(village):
    b, _path = village
    ageing = MemberReports(b).ageing("2025-12-31")
    rows = {r["member"]: r for r in ageing["rows"]}
    # the 300.00 repaid settles the 2022 loan first: 700.00 over three years, 500.00 of 2024-06-01 is 1-2 years
    assert rows["H1"]["buckets_fen"] == [0, 500_00, 0, 700_00] and rows["H1"]["credit_fen"] == 0
    # H2: the 200.00 owed to H2 on 211 comes first; the 50.00 lent later is set against it
    assert rows["H2"]["buckets_fen"] == [0, 0, 0, 0] and rows["H2"]["credit_fen"] == 150_00
    assert ageing["totals_fen"] == [0, 500_00, 0, 700_00]


def test_cli_reports_with_json(village):
    b, path = village
    b.close()
    sub = json.loads(run("report", path, "subsidiary", "--year", "2025", "--month", "3", "--json").stdout)
    assert sub["totals_fen"]["113"] == 1_250_00
    st = json.loads(
        run("report", path, "statement-of-account", "--member", "H1", "--year", "2025", "--json").stdout
    )
    assert st["rows"][-1]["balance_fen"] == 1_200_00
    age = json.loads(
        run("report", path, "receivables", "--year", "2025", "--date", "2025-12-31", "--json").stdout
    )
    assert age["totals_fen"][3] == 700_00
    text = run("report", path, "income-detail", "--year", "2025").stdout
    assert "收支明细表" in text and "2,000.00" in text
    tb = run("report", path, "trial-balance", "--year", "2025", "--from-month", "3", "--month", "3").stdout
    assert "本年累计借方" in tb and "2,300.00" in tb
    r = run("report", path, "statement-of-account", "--year", "2025")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert run("check", path).returncode == 0


def test_statements_in_the_2023_layout(tmp_path):
    b = Book.create(tmp_path / "s.jlbook", name="西坡村股份经济合作社", start="2024-01", user="会计")
    enter(b, "2024-03-05", [L("101", "租金", debit_fen=1_000_00), L("501", "", credit_fen=1_000_00)])
    enter(b, "2024-09-05", [L("101", "租金", debit_fen=500_00), L("501", "", credit_fen=500_00)])
    b.periods.close_year(2024)
    enter(b, "2025-02-05", [L("101", "租金", debit_fen=700_00), L("501", "", credit_fen=700_00)])
    bs = b.reports.balance_sheet(2025, 6)
    assert (bs["date"], bs["organization"], bs["unit"]) == ("2025-06-30", "西坡村股份经济合作社", "元")
    rows = [r["row"] for side in ("assets", "liabilities_equity") for r in bs[side]]
    assert rows == list(range(1, len(rows) + 1))
    cash = bs["assets"][0]
    assert (cash["start_fen"], cash["end_fen"]) == (1_500_00, 2_200_00)  # 年初数, 期末数
    half = {ln["key"]: ln for ln in b.reports.income_statement(2025, 6)["lines"]}
    assert (half["R01"]["row"], half["R01"]["amount_fen"], half["R01"]["previous_fen"]) == (
        1,
        700_00,
        1_000_00,
    )
    assert {ln["key"]: ln["previous_fen"] for ln in b.reports.income_statement(2025)["lines"]}[
        "R01"
    ] == 1_500_00
    # the first year's 上年数 comes from the old books, entered by hand
    b.reports.set_previous_income(2024, 12, {"R01": 9_000_00, "R13": 6_000_00})
    first = b.reports.income_statement(2024)
    assert (
        first["previous_entered"]
        and {ln["key"]: ln["previous_fen"] for ln in first["lines"]}["R13"] == 6_000_00
    )
    with pytest.raises(BookError) as e:
        b.reports.set_previous_income(2025, 12, {"R01": 1})
    assert e.value.code == "report.previous_in_books"
    with pytest.raises(BookError) as e:
        b.reports.set_previous_income(2024, 12, {"X99": 1})
    assert e.value.code == "report.previous_invalid"
    b.close()
