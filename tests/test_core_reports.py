"""Reports on the demo book and on hand-made books."""

import shutil

from app.core.book import Book
from app.core.vouchers import LineInput as L


def test_demo_book_reports_balance(demo_file, tmp_path):
    path = tmp_path / "d.jlbook"
    shutil.copyfile(demo_file, path)
    with Book.open(path, readonly=True) as b:
        assert b.reports.check() == []
        tb = b.reports.trial_balance(2025)
        assert tb["totals"]["balanced"]
        for r in tb["rows"]:
            assert r["closing_fen"] == r["opening_fen"] + r["debit_fen"] - r["credit_fen"]
        bs = b.reports.balance_sheet(2025, 12)
        assert bs["balanced"] and bs["assets"][-1]["end_fen"] > 0
        for month in range(1, 13):
            assert b.reports.balance_sheet(2025, month)["balanced"]
        inc = {ln["key"]: ln["amount_fen"] for ln in b.reports.income_statement(2025)["lines"]}
        assert inc["R16"] == inc["R13"] + inc["R14"] + inc["R15"] == b.reports.distributable(2025)
        assert inc["R14"] == 350_000_00  # the demo's undistributed income at the start


def test_ledgers(book):
    book.vouchers.set_opening_balances({"10201": 100_000, "301": -100_000})
    for d, amount in (("2026-01-10", 5_000), ("2026-01-20", 7_000), ("2026-03-05", 2_000)):
        vid = book.vouchers.create(d, [L("10201", "租金", debit_fen=amount), L("501", "", credit_fen=amount)])
        book.user = "审核"
        book.vouchers.review(vid)
        book.vouchers.post(vid)
        book.user = "会计"
    detail = book.reports.detail_ledger("102", 2026)
    kinds = [r["kind"] for r in detail["rows"]]
    assert kinds == ["opening", "line", "line", "month", "year", "line", "month", "year"]
    assert [r["balance_fen"] for r in detail["rows"] if r["kind"] == "line"] == [105_000, 112_000, 114_000]
    assert detail["rows"][-1]["debit_fen"] == 14_000
    general = book.reports.general_ledger("102", 2026)
    months = [r for r in general["rows"] if r["kind"] == "month"]
    assert len(months) == 12 and months[0]["debit_fen"] == 12_000 and months[11]["balance_fen"] == 114_000
    assert book.reports.detail_ledger("102", 2026, 2, 2)["rows"][0]["balance_fen"] == 112_000
    tb = book.reports.trial_balance(2026, 2, 3)
    row = next(r for r in tb["rows"] if r["code"] == "501")
    assert (row["opening_fen"], row["credit_fen"], row["closing_fen"]) == (-12_000, 2_000, -14_000)


def test_internal_account_splits_on_the_balance_sheet(book):
    a = book.accounts.member_account(book.members.add(code="V1", name="甲村", kind="collective"))
    b = book.accounts.member_account(book.members.add(code="V2", name="乙村", kind="collective"))
    vid = book.vouchers.create(
        "2026-02-01", [L(a, "借款给甲村", debit_fen=30_000), L(b, "乙村暂存款", credit_fen=50_000), L("10201", "", debit_fen=20_000)]
    )
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    bs = book.reports.balance_sheet(2026, 2)
    assets = {r["key"]: r["end_fen"] for r in bs["assets"]}
    other = {r["key"]: r["end_fen"] for r in bs["liabilities_equity"]}
    assert assets["A03"] == 30_000 and other["L02"] == 50_000 and bs["balanced"]


def test_2004_chart(tmp_path):
    with Book.create(tmp_path / "old.jlbook", name="老账", chart="2004", start="2026-01", user="会计") as b:
        assert b.accounts.get("502")["name"] == "经营支出"
        vid = b.vouchers.create("2026-01-05", [L("101", "发包收入", debit_fen=8_000), L("51101", "", credit_fen=8_000)])
        b.user = "审核"
        b.vouchers.review(vid)
        b.vouchers.post(vid)
        inc = {ln["name"]: ln["amount_fen"] for ln in b.reports.income_statement(2026)["lines"]}
        assert inc["加：发包及上交收入"] == 8_000 and inc["本年收益"] == 8_000
        assert b.reports.balance_sheet(2026, 1)["balanced"]


def test_dashboard_months_agree_with_monthly_trial_balances(demo_file):
    """The dashboard's figures come from one query; each month equals what that month's trial balance says."""
    with Book.open(demo_file, readonly=True) as b:
        months = b.reports.monthly_income_expense(2025)
        for month, (income, expense) in enumerate(months, start=1):
            rows = [r for r in b.reports.trial_balance(2025, month, month)["rows"] if r["level"] == 1]
            closing = b.db.execute(
                "SELECT coalesce(sum(l.credit_fen), 0), coalesce(sum(l.debit_fen), 0) FROM voucher_lines l"
                " JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id"
                " WHERE v.kind = 'closing' AND v.period = ? AND a.class = ? ",
                [f"2025-{month:02d}", "income"],
            ).fetchone()
            assert income == sum(r["credit_fen"] for r in rows if r["class"] == "income") - closing[0]
            assert expense >= 0
        assert sum(i for i, _e in months) > 0
