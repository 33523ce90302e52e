"""The distribution on a book: plan file checks with line numbers, preview, posting, segregation of duties,
payouts."""

import pytest
from test_distribution_support import EXPECTED, PLAN, post_and_approve, small_book

from app.core.distribution import parse_plan
from app.core.errors import BookError, ValidationError


@pytest.fixture
def vbook():
    b = small_book()
    yield b
    b.close()


def test_preview_gives_the_worked_example(vbook):
    p = vbook.distribution.preview(PLAN).as_json()
    assert p["distributable_fen"] == 100000
    assert p["withholdings"] == [
        {"name": "提取公积公益金", "amount_fen": 30000},
        {"name": "其他", "amount_fen": 5000},
    ]
    assert p["pool_fen"] == 65000
    assert {m["code"]: m["amount_fen"] for m in p["members"]} == EXPECTED
    h1 = p["members"][0]
    assert h1["name"] == "王建国" and h1["classes"] == {"人口股": 13650, "农龄股": 6500}
    assert vbook.db.execute("SELECT count(*) FROM distributions").fetchone()[0] == 0  # nothing written


def test_plan_errors_name_the_line(vbook):
    bad_class = PLAN.replace('"农龄股" = 30', '"劳龄股" = 30')
    with pytest.raises(ValidationError, match="计划第15行：没有股份类别“劳龄股”"):
        vbook.distribution.preview(bad_class)
    with pytest.raises(ValidationError, match="计划第13行：各类股份的权重都为零"):
        parse_plan(PLAN.replace("= 70", "= 0").replace("= 30\n\n[notice]", "= 0\n\n[notice]"))
    too_much = PLAN.replace('amount = "50.00"', 'amount = "800.00"')
    with pytest.raises(ValidationError, match="计划第11行：提取项目合计 1,100.00 超过可分配收益 1,000.00"):
        vbook.distribution.preview(too_much)
    with pytest.raises(ValidationError, match="计划第2行"):
        parse_plan(PLAN.replace('"1000.00"', '"1000.001"'))
    with pytest.raises(ValidationError, match="计划第7行"):
        parse_plan(PLAN.replace('percent = "30"', "percent = 30.5"))
    with pytest.raises(ValidationError, match="计划第5行"):
        parse_plan(PLAN.replace("[[withhold]]", "[[withhold]", 1))


def test_auto_takes_the_distributable_amount_from_the_books(vbook):
    from app.core.vouchers import LineInput

    vid = vbook.vouchers.create(
        "2026-03-01", [LineInput("10201", "租金", debit_fen=250000), LineInput("501", "", credit_fen=250000)]
    )
    vbook.user = "审核"
    vbook.vouchers.review(vid)
    vbook.vouchers.post(vid)
    p = vbook.distribution.preview(PLAN.replace('"1000.00"', '"auto"'))
    assert p.result.distributable_fen == vbook.reports.distributable(2026) == 250000


def test_posting_makes_a_draft_voucher_that_another_user_posts(vbook):
    vbook.distribution.post(PLAN)
    record = vbook.distribution.record(2026)
    v = vbook.vouchers.get(record["voucher_id"])
    assert v.status == "draft" and v.kind == "distribution" and v.preparer == "会计"
    lines = [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in v.lines]
    assert lines == [
        ("3220101", 30000, 0),
        ("311", 0, 30000),
        ("3220104", 5000, 0),
        ("21101", 0, 5000),
        ("3220102", 65000, 0),
        ("11301", 0, 20150),
        ("11302", 0, 22100),
        ("11303", 0, 22750),
    ]
    assert vbook.accounts.require("11301")["name"] == "H1 王建国"
    with pytest.raises(BookError, match="制单人不能审核"):
        vbook.vouchers.review(v.id)
    vbook.user = "审核"
    vbook.vouchers.review(v.id)
    vbook.vouchers.post(v.id)
    assert vbook.vouchers.get(v.id).status == "posted"
    with pytest.raises(BookError, match="已经过账，不能重复过账"):
        vbook.distribution.post(PLAN)


def test_discarding_a_draft_lets_the_year_be_posted_again(vbook):
    vbook.distribution.post(PLAN)
    vbook.distribution.discard(2026)
    with pytest.raises(BookError, match="还没有过账"):
        vbook.distribution.record(2026)
    vbook.distribution.post(PLAN)  # a draft voucher deleted elsewhere lets the record lapse the same way
    vbook.vouchers.delete_draft(vbook.distribution.record(2026)["voucher_id"])
    vbook.distribution.post(PLAN)
    assert [ln["amount_fen"] for ln in vbook.distribution.lines(2026)] == list(EXPECTED.values())


def test_payouts_are_vouchers_tracked_per_member(vbook):
    post_and_approve(vbook)
    vid = vbook.distribution.pay(2026, "H1", date="2026-12-31", from_account="10201", paid_by="出纳张三")
    h1 = vbook.distribution.payouts(2026, "H1")[0]
    assert (h1["paid_fen"], h1["pending_fen"], h1["unpaid_fen"]) == (0, 20150, 0)
    with pytest.raises(ValidationError, match="已没有未发放的金额"):
        vbook.distribution.pay(2026, "H1", date="2026-12-31", from_account="10201")
    v = vbook.vouchers.get(vid)
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in v.lines] == [
        ("11301", 20150, 0),
        ("10201", 0, 20150),
    ]
    vbook.user = "审核"
    vbook.vouchers.review(vid)
    vbook.vouchers.post(vid)
    vbook.user = "会计"
    vbook.distribution.pay(2026, "H2", date="2026-12-31", from_account="10201", amount_fen=10000)
    with pytest.raises(ValidationError, match="超过未发放金额"):
        vbook.distribution.pay(2026, "H2", date="2026-12-31", from_account="10201", amount_fen=12101)
    rows = {r["code"]: r for r in vbook.distribution.payouts(2026)}
    assert (
        rows["H1"]["paid_fen"],
        rows["H1"]["unpaid_fen"],
        rows["H1"]["paid_by"],
        rows["H1"]["last_paid_on"],
    ) == (20150, 0, "出纳张三", "2026-12-31")
    assert (rows["H2"]["paid_fen"], rows["H2"]["pending_fen"], rows["H2"]["unpaid_fen"]) == (0, 10000, 12100)
    assert (rows["H3"]["paid_fen"], rows["H3"]["unpaid_fen"]) == (0, 22750)
    with pytest.raises(BookError, match="已审核或记账"):
        vbook.distribution.discard(2026)


def test_2004_chart_uses_its_own_distribution_accounts():
    b = small_book(chart="2004")
    try:
        plan = PLAN.replace('name = "其他"', 'name = "提取应付福利费"')
        b.distribution.post(plan)
        v = b.vouchers.get(b.distribution.record(2026)["voucher_id"])
        codes = [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in v.lines]
        assert codes[:5] == [
            ("3220101", 30000, 0),
            ("311", 0, 30000),
            ("3220102", 5000, 0),
            ("212", 0, 5000),
            ("3220104", 65000, 0),
        ]
    finally:
        b.close()
