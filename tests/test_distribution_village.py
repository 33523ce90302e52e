"""Distribution as villages do it: a rate per share with the 尾差 kept, the 集体股 kept by the collective, deductions
per member, the base of the withholdings, strict plan keys, and the plan adopted before the money."""

import pytest
from pypdf import PdfReader
from test_distribution_support import PLAN, U, adopt, small_book

from app.core.distribution import parse_plan
from app.core.errors import BookError, ValidationError
from app.core.ops import Op

# 1,001.00 distributable, 30 % 公积公益金 = 300.30, pool 700.70. Per share, rates rounded down to whole yuan:
# 人口股 60 % = 420.42 over 12 units → 35.00 (尾差 0.42); 农龄股 20 % = 140.14 over 30 → 4.00 (尾差 20.14);
# 集体股 20 % = 140.14 over 2 (held by C00, the collective) → 70.00 (尾差 0.14). Members 540.00, collective 140.00,
# 尾差 20.70: 700.70 in all.
VILLAGE = """\
year = 2026
distributable = "1001.00"
record_date = "2026-12-31"
mode = "per_share"
rate_unit = "1"
collective = ["C00"]
collective_to = "公积公益金"

[[withhold]]
name = "提取公积公益金"
percent = "30"

[[deduction]]
member = "H1"
reason = "城乡居民医保"
amount = "38.00"
account = "{insurer}"

[[deduction]]
member = "H2"
reason = "承包费"
amount = "50.00"
account = "member"

[weights]
"人口股" = 60
"农龄股" = 20
"集体股" = 20

[notice]
start = "2027-01-05"
days = 7
"""
GROSS = {"H1": 14500, "H2": 15000, "H3": 17500, "X000": 3500, "X001": 3500}


@pytest.fixture
def village(tmp_path):
    b = small_book(tmp_path / "v.jlbook", extra=2, adopted=False)
    insurer = b.accounts.by_id(b.accounts.add_sub("211", "代扣城乡居民医保"))["code"]
    with b.transact(Op.IMPORT):
        b.members.add(code="C00", name="东岭村集体", kind="collective")
        b.shares.set_holding("C00", "集体股", 2 * U, "2026-01-01")
    yield b, VILLAGE.format(insurer=insurer), insurer
    b.close()


def approve_and_post(book, voucher_id):
    book.user = "审核"
    book.vouchers.review(voucher_id)
    book.vouchers.post(voucher_id)
    book.user = "会计"


def test_per_share_rates_remainder_collective_and_deductions(village):
    book, plan, insurer = village
    p = book.distribution.preview(plan).as_json()
    assert {m["code"]: m["amount_fen"] for m in p["members"]} == GROSS
    assert p["classes"] == {
        "人口股": {"rate_fen_per_unit": 3500, "remainder_fen": 42},
        "农龄股": {"rate_fen_per_unit": 400, "remainder_fen": 2014},
        "集体股": {"rate_fen_per_unit": 7000, "remainder_fen": 14},
    }
    assert (p["pool_fen"], p["collective_fen"], p["remainder_fen"], p["deductions_fen"]) == (
        70070,
        14000,
        2070,
        8800,
    )
    assert sum(GROSS.values()) + p["collective_fen"] + p["remainder_fen"] == p["pool_fen"]
    assert "C00" not in {m["code"] for m in p["members"]}  # the collective is not paid
    h1 = next(m for m in p["members"] if m["code"] == "H1")
    assert (h1["net_fen"], h1["deductions"][0]["amount_fen"]) == (10700, 3800)
    # identical holdings, identical amounts
    assert GROSS["X000"] == GROSS["X001"]

    adopt(book, plan)
    book.distribution.post(plan)
    record = book.distribution.record(2026)
    v = book.vouchers.get(record["voucher_id"])
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in v.lines] == [
        ("3220101", 30030, 0),
        ("311", 0, 30030),
        ("3220101", 14000, 0),
        ("311", 0, 14000),  # the 集体股's part to 公积公益金
        ("3220102", 54000, 0),
        ("11301", 0, 10700),
        (insurer, 0, 3800),  # H1 net, and 医保 to the insurer's payable
        ("11302", 0, 10000),
        ("11302", 0, 5000),  # H2 net, and 承包费 offset on its own 113 account
        ("11303", 0, 17500),
        ("11304", 0, 3500),
        ("11305", 0, 3500),
    ]
    assert "尾差 20.70" in v.note and "未分配收益" in v.note
    approve_and_post(book, v.id)
    rows = {r["code"]: r for r in book.distribution.payouts(2026)}
    assert rows["H1"]["unpaid_fen"] == 10700 and "C00" not in rows


def test_statement_and_notice_show_rates_deductions_collective_and_remainder(village, tmp_path):
    book, plan, _insurer = village
    adopt(book, plan)
    book.distribution.post(plan)
    approve_and_post(book, book.distribution.record(2026)["voucher_id"])
    statements = book.distribution.write_statements(2026, tmp_path / "st", passphrase="pw-12345678")
    assert len(statements) == 5  # no statement for the collective
    text = PdfReader(statements[0]).pages[0].extract_text()
    assert "每股 35.00 元" in text and "扣：城乡居民医保" in text and "-38.00" in text
    assert (
        "应分合计" in text
        and "145.00" in text
        and "实发金额" in text
        and "107.00" in text
        and "壹佰零柒元整" in text
    )
    notice = book.distribution.write_notice(2026, tmp_path / "notice.pdf", passphrase="pw-12345678")
    text = PdfReader(notice).pages[0].extract_text()
    assert "人口股每股 35.00 元" in text and "农龄股每股 4.00 元" in text
    assert "集体股（东岭村集体）" in text and "140.00" in text and "尾差" in text and "20.70" in text
    assert "扣款" in text and "实发" in text
    assert book.distribution.verify_file(statements[0])["ok"]


def test_pool_mode_splits_identical_holdings_unevenly_per_share_does_not(village):
    book, _plan, _insurer = village
    pool_plan = PLAN.replace('"1000.00"', '"1000.17"')  # pool 650.12 over 12 人口股 and 30 农龄股, to the fen
    pool = {m["code"]: m["amount_fen"] for m in book.distribution.preview(pool_plan).as_json()["members"]}
    assert (pool["X000"], pool["X001"]) == (
        3793,
        3792,
    )  # the largest remainder gives the odd fen to the lower code
    per_share = pool_plan.replace(
        'record_date = "2026-12-31"\n', 'record_date = "2026-12-31"\nmode = "per_share"\n'
    )
    data = book.distribution.preview(per_share).as_json()
    amounts = {m["code"]: m["amount_fen"] for m in data["members"]}
    assert amounts["X000"] == amounts["X001"]
    assert sum(amounts.values()) + data["collective_fen"] + data["remainder_fen"] == data["pool_fen"]


def test_stated_rate_checked_against_what_is_distributable(village):
    book, plan, _insurer = village
    stated = plan.replace('"人口股" = 60\n', "").replace(
        "[notice]", '[rates]\n"人口股" = "45.60"\n\n[notice]'
    )
    data = book.distribution.preview(stated).as_json()
    assert data["classes"]["人口股"] == {"rate_fen_per_unit": 4560, "remainder_fen": 0}
    assert next(m for m in data["members"] if m["code"] == "H3")["classes"]["人口股"] == 5 * 4560
    with pytest.raises(ValidationError) as e:
        book.distribution.preview(stated.replace('"45.60"', '"70.00"'))  # 12 units × 70.00 = 840.00 > 700.70
    assert e.value.code == "distribution.rates_exceed"


def test_a_deduction_above_the_gross_is_refused_for_that_member(village):
    book, plan, _insurer = village
    with pytest.raises(ValidationError) as e:
        book.distribution.preview(plan.replace('amount = "50.00"', 'amount = "150.01"'))
    assert (
        e.value.code == "distribution.deduction_exceeds"
        and "H2" in str(e.value)
        and "计划第19行" in str(e.value)
    )


def test_withholdings_taken_on_the_year_income_when_the_plan_says_so(village):
    book, plan, _insurer = village
    on_income = plan.replace(
        'mode = "per_share"', 'mode = "per_share"\nwithhold_base = "本年收益"\nincome = "800.00"'
    )
    data = book.distribution.preview(on_income).as_json()
    assert data["withholdings"] == [
        {"name": "提取公积公益金", "amount_fen": 24000}
    ]  # 30 % of 800.00, not of 1,001.00
    assert data["pool_fen"] == 100100 - 24000 and data["withhold_base"] == "本年收益"


def test_plan_keys_are_strict_and_name_their_line(village):
    book, plan, _insurer = village
    with pytest.raises(ValidationError) as e:
        parse_plan(plan.replace('rate_unit = "1"', 'rate_unt = "1"'))
    assert e.value.code == "plan.unknown_key" and "计划第5行" in str(e.value) and "rate_unt" in str(e.value)
    with pytest.raises(ValidationError) as e:
        parse_plan(plan.replace('reason = "承包费"', 'reason = "承包费"\nnote = "x"'))
    assert e.value.code == "plan.unknown_key" and "计划第22行" in str(e.value)
    with pytest.raises(ValidationError) as e:
        book.distribution.preview(plan.replace("[notice]", '[rates]\n"股金股" = "1.00"\n\n[notice]'))
    assert e.value.code == "plan.unknown_class" and "计划第31行" in str(e.value)
    with pytest.raises(ValidationError) as e:
        parse_plan(PLAN.replace("[weights]", '[rates]\n"人口股" = "1.00"\n\n[weights]'))
    assert e.value.code == "plan.rates_need_per_share"
    with pytest.raises(ValidationError) as e:
        book.distribution.preview(plan.replace('["C00"]', '["C99"]'))
    assert e.value.code == "plan.unknown_member" and "计划第6行" in str(e.value)
    assert parse_plan(PLAN).mode == "pool"  # an existing plan reads as before


def test_posting_waits_for_adoption_notice_period_and_objections(village, tmp_path):
    book, plan, _insurer = village
    book.distribution.post(plan)
    vid = book.distribution.record(2026)["voucher_id"]
    book.user = "审核"
    book.vouchers.review(vid)

    def refused() -> str:
        with pytest.raises(BookError) as e:
            book.vouchers.post(vid)
        return e.value.code

    assert refused() == "distribution.not_adopted"
    book.user = "会计"
    rejected = book.distribution.record_meeting(
        plan,
        held_on="2026-10-30",
        body="成员代表大会",
        entitled=30,
        attended=25,
        votes_for=12,
        votes_against=10,
        abstained=3,
        resolution="2026-3",
    )
    assert rejected["adopted"] == 0  # 12 of 25 present is not more than half
    with pytest.raises(ValidationError) as e:
        book.distribution.record_meeting(
            plan,
            held_on="2026-10-30",
            body="成员代表大会",
            entitled=30,
            attended=25,
            votes_for=20,
            votes_against=10,
            abstained=0,
            resolution="2026-3",
        )
    assert e.value.code == "meeting.counts"
    book.distribution.record_meeting(
        plan,
        held_on="2026-11-02",
        body="成员代表大会",
        entitled=30,
        attended=21,
        votes_for=15,
        votes_against=4,
        abstained=2,
        resolution="2026-4",
    )
    book.user = "审核"
    assert refused() == "distribution.notice_pending"  # adopted, but no plan notice yet
    book.user = "会计"
    path = book.distribution.write_plan_notice(plan, tmp_path / "plan-notice.pdf", start="2026-11-03", days=7)
    text = PdfReader(path).pages[0].extract_text()
    assert "收益分配方案公示（方案）" in text and "145.00" in text and "人口股每股 35.00 元" in text
    oid = book.distribution.raise_objection(
        2026, raised_by="李秀英", raised_on="2026-11-05", about="农龄股年限少算一年", member="H2"
    )
    book.user = "审核"
    assert refused() == "distribution.objections_open"
    book.user = "会计"
    book.distribution.answer_objection(
        oid, answer="核对档案，年限无误，已当面解释", answered_on="2026-11-08", resolved=True
    )
    assert [o["resolved"] for o in book.distribution.objections(2026)] == [1]
    book.user = "审核"
    book.vouchers.post(vid)
    assert book.vouchers.get(vid).status == "posted"


def test_a_plan_changed_after_the_meeting_is_not_adopted(village):
    book, plan, _insurer = village
    adopt(book, plan)
    changed = plan.replace('"38.00"', '"39.00"')
    book.distribution.post(changed)
    vid = book.distribution.record(2026)["voucher_id"]
    book.user = "审核"
    book.vouchers.review(vid)
    with pytest.raises(BookError) as e:
        book.vouchers.post(vid)
    assert e.value.code == "distribution.not_adopted"


def test_deductions_from_a_sheet_read_with_the_plan(village, tmp_path):
    import openpyxl

    from app.core.distribution import read_plan

    book, plan, insurer = village
    wb = openpyxl.Workbook()
    wb.active.append(["成员编号", "事由", "金额", "科目"])
    wb.active.append(["H3", "城乡居民养老保险", 100, insurer])
    wb.active.append(["X000", "承包费", "12.50", None])
    wb.save(tmp_path / "扣款.xlsx")
    text = plan.replace(
        'collective_to = "公积公益金"', 'collective_to = "公积公益金"\ndeductions_sheet = "扣款.xlsx"'
    )
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")
    read = read_plan(tmp_path / "plan.toml")
    assert [(d.member, d.amount_fen, d.account) for d in read.deductions][2:] == [
        ("H3", 10000, insurer),
        ("X000", 1250, "member"),
    ]
    assert "扣款.xlsx 第3行" in read.text  # the plan kept with the distribution says every deduction itself
    members = {m["code"]: m for m in book.distribution.preview(read).as_json()["members"]}
    assert (members["H3"]["net_fen"], members["X000"]["net_fen"]) == (17500 - 10000, 3500 - 1250)
    wb.active.append(["X001", "承包费", "abc", None])
    wb.save(tmp_path / "扣款.xlsx")
    with pytest.raises(ValidationError) as e:
        read_plan(tmp_path / "plan.toml")
    assert e.value.code == "plan.deductions_sheet" and "第4行" in str(e.value)
    with pytest.raises(ValidationError) as e:
        parse_plan(text)  # the text alone cannot read a file
    assert e.value.code == "plan.deductions_sheet"


def test_every_example_plan_reads():
    from pathlib import Path

    from app.core.distribution import read_plan

    plans = {
        p.name: read_plan(p) for p in sorted((Path(__file__).parent.parent / "examples").glob("plan-*.toml"))
    }
    assert {p.mode for p in plans.values()} == {"pool", "per_share"}
    per_share = plans["plan-per-share.toml"]
    assert (per_share.rate_unit_fen, per_share.collective, per_share.withhold_base) == (
        10,
        ["C00"],
        "本年收益",
    )
    assert [d.account for d in per_share.deductions] == ["21101", "member"]
