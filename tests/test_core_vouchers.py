"""Vouchers, posting, reversal, month and year-end close."""

import pytest

from app.core.errors import BookError, ValidationError
from app.core.vouchers import LineInput as L


def _post(book, vid, reviewer="审核"):
    preparer = book.user
    book.user = reviewer
    book.vouchers.review(vid)
    number = book.vouchers.post(vid)
    book.user = preparer
    return number


def test_voucher_life_cycle(book):
    vid = book.vouchers.create(
        "2026-03-05",
        [L("10201", "收厂房租金", debit_fen=1_000_000), L("501", "", credit_fen=1_000_000)],
        attachments=2,
    )
    v = book.vouchers.get(vid)
    assert (v.status, v.number, v.period, v.attachments, v.preparer) == ("draft", None, "2026-03", 2, "会计")
    assert v.lines[1].summary == "收厂房租金"  # copied from the line above
    with pytest.raises(BookError, match="须先审核"):
        book.vouchers.post(vid)
    with pytest.raises(BookError, match="制单人不能审核"):
        book.vouchers.review(vid)
    assert _post(book, vid) == 1
    v = book.vouchers.get(vid)
    assert (v.status, v.reviewer, v.poster, v.label) == ("posted", "审核", "审核", "记-1")
    vid2 = book.vouchers.create("2026-03-01", [L("513", "水电费", debit_fen=5000), L("10201", "", credit_fen=5000)])
    assert _post(book, vid2) == 2  # numbers follow posting order, gap-free per month
    vid3 = book.vouchers.create("2026-04-01", [L("513", "水电费", debit_fen=5000), L("10201", "", credit_fen=5000)])
    assert _post(book, vid3) == 1


def test_unbalanced_and_malformed_vouchers_are_refused(book):
    with pytest.raises(ValidationError, match="借贷不平") as e:
        book.vouchers.create("2026-03-05", [L("10201", "x", debit_fen=100), L("501", "", credit_fen=99)])
    assert e.value.field == "balance"
    with pytest.raises(ValidationError, match="没有科目"):
        book.vouchers.create("2026-03-05", [L("999", "x", debit_fen=100), L("501", "", credit_fen=100)])
    with pytest.raises(ValidationError, match="末级科目"):
        book.vouchers.create("2026-03-05", [L("102", "x", debit_fen=100), L("501", "", credit_fen=100)])
    with pytest.raises(ValidationError, match="只能填一边"):
        book.vouchers.create("2026-03-05", [L("10201", "x", debit_fen=100, credit_fen=100), L("501", "", credit_fen=0)])
    with pytest.raises(ValidationError, match="至少"):
        book.vouchers.create("2026-03-05", [L("10201", "x", debit_fen=100)])
    with pytest.raises(ValidationError, match="摘要"):
        book.vouchers.create("2026-03-05", [L("10201", "", debit_fen=100), L("501", "", credit_fen=100)])
    with pytest.raises(BookError, match="早于"):
        book.vouchers.create("2025-12-31", [L("10201", "x", debit_fen=100), L("501", "", credit_fen=100)])
    assert book.vouchers.count() == 0


def test_drafts_can_change_posted_vouchers_cannot(book):
    vid = book.vouchers.create("2026-03-05", [L("10201", "租金", debit_fen=100), L("501", "", credit_fen=100)])
    book.vouchers.update_draft(
        vid, "2026-03-06", [L("10201", "租金", debit_fen=300), L("501", "", credit_fen=200), L("504", "", credit_fen=100)]
    )
    v = book.vouchers.get(vid)
    assert (v.date, v.debit_total, len(v.lines)) == ("2026-03-06", 300, 3)
    _post(book, vid)
    with pytest.raises(BookError):
        book.vouchers.update_draft(vid, "2026-03-06", [L("10201", "租金", debit_fen=1), L("501", "", credit_fen=1)])
    with pytest.raises(BookError):
        book.vouchers.delete_draft(vid)
    other = book.vouchers.create("2026-03-07", [L("10201", "x", debit_fen=1), L("501", "", credit_fen=1)])
    book.vouchers.delete_draft(other)
    assert book.vouchers.count() == 1


def test_reversal_is_red_ink_and_nets_to_zero(book):
    vid = book.vouchers.create("2026-03-05", [L("10201", "租金", debit_fen=1000), L("501", "", credit_fen=1000)])
    _post(book, vid)
    rid = book.vouchers.reverse(vid, "2026-03-20")
    r = book.vouchers.get(rid)
    assert (r.kind, r.reverses_id, r.status) == ("reversal", vid, "draft")
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in r.lines] == [("10201", -1000, 0), ("501", 0, -1000)]
    assert "冲销" in r.lines[0].summary
    _post(book, rid)
    tb = book.reports.trial_balance(2026, 3, 3)
    bank = next(x for x in tb["rows"] if x["code"] == "102")
    assert bank["closing_fen"] == 0 and bank["debit_fen"] == 0  # red ink nets within the debit column
    with pytest.raises(BookError, match="已经冲销"):
        book.vouchers.reverse(vid, "2026-03-21")


def test_month_close(book):
    vid = book.vouchers.create("2026-01-05", [L("10201", "租金", debit_fen=100), L("501", "", credit_fen=100)])
    with pytest.raises(BookError, match="未记账"):
        book.periods.close_month("2026-01")
    _post(book, vid)
    with pytest.raises(BookError, match="请先结"):
        book.periods.close_month("2026-02")
    book.periods.close_month("2026-01")
    with pytest.raises(BookError, match="已结账"):
        book.vouchers.create("2026-01-31", [L("10201", "x", debit_fen=1), L("501", "", credit_fen=1)])
    with pytest.raises(BookError, match="已结账"):
        book.vouchers.reverse(vid, "2026-01-31")
    book.vouchers.create("2026-02-01", [L("10201", "x", debit_fen=1), L("501", "", credit_fen=1)])
    book.periods.reopen_month("2026-01")
    assert not book.periods.is_closed("2026-01")


def test_year_end_close_moves_income_to_undistributed(book):
    lines = [
        ("2026-02-01", [L("10201", "租金", debit_fen=900_000), L("501", "", credit_fen=900_000)]),
        ("2026-03-01", [L("513", "工资", debit_fen=300_000), L("10201", "", credit_fen=300_000)]),
        ("2026-06-01", [L("10201", "补助", debit_fen=100_000), L("503", "", credit_fen=100_000)]),
        ("2026-12-20", [L("3220101", "提取公积公益金", debit_fen=210_000), L("311", "", credit_fen=210_000)]),
    ]
    for date, ls in lines:
        _post(book, book.vouchers.create(date, ls))
    for m in range(1, 12):
        book.periods.close_month(f"2026-{m:02d}")
    income = {ln["key"]: ln["amount_fen"] for ln in book.reports.income_statement(2026)["lines"]}
    ids = book.periods.close_year(2026)
    assert len(ids) == 3  # P&L → 本年收益; 本年收益 → 未分配收益; 未分配收益 → 各项分配 (制度, 科目 322)
    assert book.periods.year_closed(2026)
    tb = {r["code"]: r for r in book.reports.trial_balance(2026)["rows"]}
    for code in ("501", "503", "513", "321", "3220101"):
        assert tb[code]["closing_fen"] == 0, code
    assert tb["32202"]["closing_fen"] == -(900_000 - 300_000 + 100_000 - 210_000)
    assert tb["311"]["closing_fen"] == -210_000
    # the income statement ignores the closing vouchers: the same figures after the close
    after = {ln["key"]: ln["amount_fen"] for ln in book.reports.income_statement(2026)["lines"]}
    assert after == income
    assert after["R13"] == 700_000 and after["R17"] == 210_000 and after["R20"] == 490_000
    # next year opens with last year's undistributed income
    nxt = {ln["key"]: ln["amount_fen"] for ln in book.reports.income_statement(2027)["lines"]}
    assert nxt["R14"] == 490_000 and nxt["R13"] == 0
    assert book.reports.distributable(2027) == 490_000
    with pytest.raises(BookError):
        book.periods.close_year(2026)
    with pytest.raises(BookError, match="年结"):
        book.periods.reopen_month("2026-12")
    assert book.reports.check() == []


def test_year_close_refuses_unposted(book):
    book.vouchers.create("2026-05-01", [L("10201", "x", debit_fen=1), L("501", "", credit_fen=1)])
    with pytest.raises(BookError, match="未记账"):
        book.periods.close_year(2026)


def test_opening_balances(book):
    book.vouchers.set_opening_balances({"10201": 500_000, "301": -400_000, "311": -100_000})
    tb = {r["code"]: r for r in book.reports.trial_balance(2026)["rows"]}
    assert tb["102"]["opening_fen"] == 500_000 and tb["102"]["debit_fen"] == 0
    book.vouchers.set_opening_balances({"10201": 600_000, "301": -600_000})  # replaced until the first close
    tb = {r["code"]: r for r in book.reports.trial_balance(2026)["rows"]}
    assert tb["102"]["opening_fen"] == 600_000 and tb["311"]["opening_fen"] == 0
    with pytest.raises(ValidationError, match="借贷不平"):
        book.vouchers.set_opening_balances({"10201": 1, "301": -2})
    assert book.reports.check() == []


def test_sub_accounts(book):
    code = book.accounts.member_account(book.members.add(code="V1", name="甲村", kind="collective"))
    assert code == "11301" and book.accounts.get(code)["member_id"] == book.members.resolve("V1")
    assert book.accounts.member_account("V1") == code  # found again, not duplicated
    _post(book, book.vouchers.create("2026-01-05", [L("10201", "x", debit_fen=1), L("501", "", credit_fen=1)]))
    with pytest.raises(BookError, match="已有发生额"):
        book.accounts.add_sub("501", "租金收入")
    with pytest.raises(BookError, match="已被凭证使用"):
        book.accounts.delete("10201")
    with pytest.raises(BookError, match="一级科目"):
        book.accounts.delete("101")
    extra = book.accounts.add_sub("112", "县农业公司")
    book.accounts.delete(book.accounts.by_id(extra)["code"])
    assert [a["code"] for a in book.accounts.search("农商")] == ["10201"]
    assert "10201" in [a["code"] for a in book.accounts.search("102")]
