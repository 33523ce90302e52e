"""Issue 12: the six wrong numbers and the rules of the 制度, each on a real book file, and `check` failing on a
book left in each bad state (built with raw SQL where the fixed code can no longer produce it)."""

import json
import shutil
import subprocess
import sys

import pytest

from app.core.book import Book
from app.core.errors import BookError, ValidationError
from app.core.vouchers import LineInput as L


def post(book: Book, vid: str) -> None:
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"


def enter(book: Book, date: str, lines: list[L], **kw) -> str:
    vid = book.vouchers.create(date, lines, **kw)
    post(book, vid)
    return vid


def codes(book: Book) -> list[str]:
    return [p.code for p in book.reports.check()]


def problems(book: Book, code: str) -> list:
    return [p for p in book.reports.check() if p.code == code]


def new_book(tmp_path, name="b", **kw) -> Book:
    kw.setdefault("start", "2025-01")
    return Book.create(tmp_path / f"{name}.jlbook", name="测试村", user="会计", **kw)


def raw(book: Book, sql: str, params=()) -> None:
    """A write that bypasses every rule (a book damaged by an old version or by hand)."""
    book.db.execute(sql, list(params))
    book.accounts.invalidate()


def tb(book: Book, year: int) -> dict[str, dict]:
    return {r["code"]: r for r in book.reports.trial_balance(year)["rows"]}


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.jlbook"
    shutil.copyfile(demo_file, path)
    b = Book.open(path, user="admin", password="test-password")
    yield b
    b.close()


# -- 1. the detail ledger's 本年累计 ------------------------------------------------------------------------------
def test_detail_ledger_year_to_date_runs_from_january(demo):
    detail = demo.reports.detail_ledger("10201", 2025, 12, 12)
    general = demo.reports.general_ledger("10201", 2025)
    year = [r for r in detail["rows"] if r["kind"] == "year"][-1]
    december = [r for r in general["rows"] if r["kind"] == "year"][-1]
    assert (year["debit_fen"], year["credit_fen"]) == (december["debit_fen"], december["credit_fen"])
    month = [r for r in detail["rows"] if r["kind"] == "month"][-1]
    assert year["debit_fen"] > month["debit_fen"]


# -- 2. sub-account codes past 99 children -----------------------------------------------------------------------
def test_hundredth_child_widens_its_siblings_and_ledgers_match_the_trial_balance(tmp_path):
    b = new_book(tmp_path)
    b.accounts.add_sub("112", "客户")
    parent = "11201"
    made = [b.accounts.add_sub(parent, f"客户{i:03d}") for i in range(1, 101)]
    children = b.accounts.children(parent)
    assert {len(c["code"]) for c in children} == {len(parent) + 3}
    tenth, hundredth = b.accounts.by_id(made[9])["code"], b.accounts.by_id(made[99])["code"]
    assert (tenth, hundredth) == ("11201010", "11201100")
    recoded = b.db.execute(
        "SELECT count(*) FROM changes WHERE tbl = 'accounts' AND op = 'update'"
    ).fetchone()[0]
    assert recoded == 99  # the widening is logged, child by child
    enter(b, "2025-01-05", [L(tenth, "借款", debit_fen=100_00), L("101", "", credit_fen=100_00)])
    enter(b, "2025-01-06", [L(hundredth, "借款", debit_fen=5_000_00), L("101", "", credit_fen=5_000_00)])
    assert b.reports.detail_ledger(tenth, 2025)["rows"][-1]["balance_fen"] == 100_00
    assert tb(b, 2025)[tenth]["closing_fen"] == 100_00
    assert b.reports.check() == []
    b.close()


def test_check_names_prefix_collisions(tmp_path):
    b = new_book(tmp_path)
    b.accounts.add_sub("112", "客户")
    for i in range(1, 11):
        b.accounts.add_sub("11201", f"客户{i:02d}")
    # the state the old numbering left: 99 two-digit children, then 1120100 beside 11201 10
    raw(b, "UPDATE accounts SET code = '11201100' WHERE code = '1120110'")
    raw(b, "UPDATE accounts SET code = '112011' WHERE code = '1120101'")
    found = {p.code: p for p in b.reports.check()}
    assert "account.code_width" in found and found["account.code_width"].value == "11201"
    collide = [p for p in b.reports.check() if p.code == "account.code_collision"]
    assert [p.value for p in collide] == [
        "11201100"
    ]  # 112011 is a prefix of 11201100 without being its parent
    b.close()


# -- 3. 2004 book: depreciation of 林木资产 ---------------------------------------------------------------------------
def test_2004_forest_depreciation_is_booked_on_the_forest_account(tmp_path):
    b = new_book(tmp_path, chart="2004")
    b.assets.add(
        code="LM1",
        name="经济林",
        category="biological",
        acquired="2024-12-10",
        cost_fen=100_000_00,
        life_months=120,
    )
    b.assets.add(
        code="GD1", name="仓库", category="fixed", acquired="2024-12-10", cost_fen=120_000_00, life_months=120
    )
    b.vouchers.set_opening_balances(
        {"13201": 100_000_00, "151": 120_000_00, "102": -220_000_00 + 300_000_00, "301": -300_000_00}
    )
    items = b.assets.depreciation_preview("2025-01")
    assert [(i.code, i.credit_account, i.amount_fen) for i in items] == [
        ("GD1", "152", 1_000_00),
        ("LM1", "13201", 833_33),
    ]
    post(b, b.assets.run_depreciation("2025-01"))
    bs = {r["key"]: r["end_fen"] for r in b.reports.balance_sheet(2025, 1)["assets"]}
    assert (bs["A12"], bs["A07"]) == (119_000_00, 99_166_67)  # 固定资产净值, 林木资产
    assert b.reports.check() == []
    # the old booking (贷 152) leaves the register and 152/132 apart, and check says where
    raw(
        b,
        "UPDATE voucher_lines SET account_id = (SELECT id FROM accounts WHERE code = '152')"
        " WHERE account_id = (SELECT id FROM accounts WHERE code = '13201')"
        " AND voucher_id IN (SELECT id FROM vouchers WHERE kind = 'depreciation')",
    )
    b.reports.rebuild_totals()
    bad = {p.value: p for p in problems(b, "asset.register_mismatch")}
    assert set(bad) == {"132", "152"}
    assert "99,166.67" in bad["132"].message and "100,000.00" in bad["132"].message
    b.close()


# -- 4. a book that starts mid-year ---------------------------------------------------------------------------------
def _mid_year(tmp_path) -> Book:
    b = new_book(tmp_path, start="2025-07")
    b.accounts.add_sub("102", "农商银行")
    b.vouchers.set_opening_balances(
        {"10201": 560_000_00, "501": -100_000_00, "513": 40_000_00, "301": -500_000_00}
    )
    enter(b, "2025-08-03", [L("10201", "租金", debit_fen=10_000_00), L("501", "", credit_fen=10_000_00)])
    return b


def test_mid_year_opening_income_enters_the_statement_and_the_year_close(tmp_path):
    b = _mid_year(tmp_path)
    inc = {ln["key"]: ln["amount_fen"] for ln in b.reports.income_statement(2025)["lines"]}
    assert (inc["R01"], inc["R05"], inc["R13"]) == (110_000_00, 40_000_00, 70_000_00)
    b.periods.close_year(2025)
    rows = tb(b, 2025)
    for code in ("501", "513", "321", "322"):
        assert rows[code]["closing_fen"] == (-70_000_00 if code == "322" else 0), code
    nxt = tb(b, 2026)
    assert nxt["501"]["opening_fen"] == 0 and nxt["513"]["opening_fen"] == 0
    assert b.reports.check() == []
    b.close()


def test_check_fails_when_a_closed_year_keeps_income(tmp_path):
    b = _mid_year(tmp_path)
    for m in range(7, 13):  # the months closed by hand, as the old close left them
        raw(
            b,
            "INSERT INTO periods (id, period, closed_at, closed_by) VALUES (?, ?, '', 'x')",
            [f"p{m}", f"2025-{m:02d}"],
        )
    found = {p.value: p for p in problems(b, "period.year_not_closed")}
    assert set(found) == {"501@2025-12", "513@2025-12"}
    assert "-110,000.00" in found["501@2025-12"].message and "40,000.00" in found["513@2025-12"].message
    b.close()


# -- 5. December closed as a month, then the year ----------------------------------------------------------------
def test_year_close_after_every_month_and_no_posting_into_the_next_year_before(tmp_path):
    b = _mid_year(tmp_path)
    draft = b.vouchers.create(
        "2026-01-05", [L("10201", "租金", debit_fen=5_00), L("501", "", credit_fen=5_00)]
    )
    for m in range(7, 13):
        b.periods.close_month(f"2025-{m:02d}")
    b.user = "审核"
    b.vouchers.review(draft)
    with pytest.raises(BookError) as e:
        b.vouchers.post(draft)
    assert e.value.code == "period.previous_year_open"
    b.user = "会计"
    with pytest.raises(BookError) as e:
        b.periods.close_month("2026-01")
    assert e.value.code == "period.previous_year_open"
    ids = b.periods.close_year(2025)
    assert len(ids) == 2 and b.periods.year_closed(2025)  # no distribution: P&L → 321, 321 → 32202
    b.user = "审核"
    b.vouchers.post(draft)
    b.user = "会计"
    inc = {ln["key"]: ln["amount_fen"] for ln in b.reports.income_statement(2026)["lines"]}
    bs = {r["key"]: r for r in b.reports.balance_sheet(2026, 1)["liabilities_equity"]}
    undistributed = next(k for k, r in bs.items() if r["name"] == "未分配收益")
    assert inc["R14"] == bs[undistributed]["start_fen"] == 70_000_00
    assert b.reports.check() == []
    b.close()


def test_check_fails_on_a_year_posted_while_the_last_is_open(tmp_path):
    b = _mid_year(tmp_path)
    for m in range(7, 13):
        b.periods.close_month(f"2025-{m:02d}")
    raw(
        b,
        "INSERT INTO vouchers (id, period, number, date, kind, status, preparer) VALUES"
        " ('v26', '2026-01', 1, '2026-01-05', 'normal', 'posted', 'x')",
    )
    for seq, code, d, c in ((1, "10201", 5_00, 0), (2, "501", 0, 5_00)):
        raw(
            b,
            "INSERT INTO voucher_lines (id, voucher_id, seq, account_id, summary, debit_fen, credit_fen)"
            " VALUES (?, 'v26', ?, (SELECT id FROM accounts WHERE code = ?), 'x', ?, ?)",
            [f"l{seq}", seq, code, d, c],
        )
    b.reports.rebuild_totals()
    found = codes(b)
    assert "period.year_not_closed" in found and "period.previous_year_open" in found
    b.close()


# -- 6. editing an asset after depreciation -------------------------------------------------------------------------
def test_change_of_cost_is_prospective_and_makes_its_voucher(demo):
    b = demo
    b.user = "会计"
    b.periods.close_year(2025)
    b.assets.update("GD001", cost_fen=3_700_000_00)
    drafts = [v for v in b.vouchers.list(status="draft")]
    assert len(drafts) == 1
    v = b.vouchers.get(drafts[0]["id"])
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in v.lines] == [
        ("151", 100_000_00, 0),
        ("153", 0, 100_000_00),
    ]
    items = {i.code: i.amount_fen for i in b.assets.depreciation_preview("2026-01")}
    # (3,515,000.00 − 30 months × 14,250.00) over the 210 months left, not thirty months of catch-up at once
    assert items["GD001"] == (3_515_000_00 - 30 * 14_250_00) // 210 == 14_702_38
    b.user = "会计1"
    post(b, v.id)
    assert b.reports.check() == []
    register = sum(a["cost_fen"] for a in b.assets.list() if a["category"] == "fixed")
    assert register == tb(b, 2026)["151"]["closing_fen"] == 4_946_000_00


def test_check_reconciles_the_register_with_151(demo):
    raw(demo, "UPDATE assets SET cost_fen = cost_fen + 10000000 WHERE code = 'GD001'")
    [p] = problems(demo, "asset.register_mismatch")
    assert p.value == "151" and "4,946,000.00" in p.message and "4,846,000.00" in p.message


def test_asset_before_the_book_without_prior_depreciation_is_not_caught_up(tmp_path):
    b = new_book(tmp_path)
    b.assets.add(
        code="GD1", name="仓库", category="fixed", acquired="2024-06-10", cost_fen=120_000_00, life_months=120
    )
    [item] = b.assets.depreciation_preview("2025-01")
    # 2024-07..2024-12 were never booked: the cost is spread over the 114 months left, not caught up
    assert item.amount_fen == 120_000_00 // 114
    b.close()


# -- 7. zero totals and red lines ---------------------------------------------------------------------------------
def test_zero_totals_and_negative_lines_outside_a_reversal_are_refused(tmp_path):
    b = new_book(tmp_path)
    b.accounts.add_sub("102", "农商银行")
    with pytest.raises(ValidationError) as e:
        b.vouchers.create("2025-01-05", [L("101", "x", debit_fen=100_00), L("10201", "", debit_fen=-100_00)])
    assert e.value.code == "voucher.negative_line"
    with pytest.raises(ValidationError) as e:
        b.vouchers.create(
            "2025-01-05",
            [L("101", "x", debit_fen=-100_00), L("10201", "", debit_fen=100_00)],
            kind="reversal",
        )
    assert e.value.code == "voucher.zero_total"
    vid = enter(b, "2025-01-05", [L("101", "x", debit_fen=100_00), L("10201", "", credit_fen=100_00)])
    post(b, b.vouchers.reverse(vid, "2025-01-06"))
    assert b.reports.check() == []
    raw(b, "UPDATE vouchers SET kind = 'normal' WHERE kind = 'reversal'")
    raw(b, "UPDATE voucher_lines SET debit_fen = 0, credit_fen = 0 WHERE voucher_id = ?", [vid])
    found = codes(b)
    assert "voucher.negative_line" in found and "voucher.zero_total" in found
    b.close()


# -- 8. the year close's transfers ----------------------------------------------------------------------------------
def test_year_close_posts_the_two_prescribed_transfers_of_322(tmp_path):
    b = new_book(tmp_path)
    enter(b, "2025-03-01", [L("101", "租金", debit_fen=100_000_00), L("501", "", credit_fen=100_000_00)])
    enter(
        b,
        "2025-12-20",
        [L("3220101", "提取公积公益金", debit_fen=50_000_00), L("311", "", credit_fen=50_000_00)],
    )
    _, second, third = b.periods.close_year(2025)
    lines = lambda vid: [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in b.vouchers.get(vid).lines]  # noqa: E731
    assert lines(second) == [("321", 100_000_00, 0), ("32202", 0, 100_000_00)]
    assert lines(third) == [("3220101", 0, 50_000_00), ("32202", 50_000_00, 0)]
    b.close()


# -- 9. three kinds of biological assets ----------------------------------------------------------------------------
def test_only_productive_biological_assets_are_depreciated(tmp_path):
    b = new_book(tmp_path)
    kw = dict(category="biological", acquired="2024-12-01", cost_fen=105_000_00, life_months=120)
    b.assets.add(code="SW1", name="水源涵养林", account="134", **kw)
    b.assets.add(code="SW2", name="育肥猪", account="131", **kw)
    b.assets.add(code="SW3", name="茶园", account="132", **kw)
    b.assets.add(
        code="SW4", name="防护林", category="biological", account="134", acquired="2024-12-01", cost_fen=1_00
    )
    with pytest.raises(ValidationError) as e:
        b.assets.add(code="SW5", name="错科目", account="151", **kw)
    assert e.value.code == "asset.account_category"
    assert [(i.code, i.credit_account, i.amount_fen) for i in b.assets.depreciation_preview("2025-01")] == [
        ("SW3", "133", 875_00)
    ]
    b.vouchers.set_opening_balances(
        {"131": 105_000_00, "132": 105_000_00, "134": 105_001_00, "301": -315_001_00}
    )
    assert b.reports.check() == []
    # the old run: 875.00 into 133 for the 公益性 forest
    vid = b.vouchers.create(
        "2025-01-31",
        [L("513", "折旧", debit_fen=875_00), L("133", "", credit_fen=875_00)],
        kind="depreciation",
    )
    raw(
        b,
        "INSERT INTO depreciation (id, asset_id, period, amount_fen, voucher_id) VALUES"
        " ('d1', (SELECT id FROM assets WHERE code = 'SW1'), '2025-01', 87500, ?)",
        [vid],
    )
    post(b, vid)
    assert [p.value for p in problems(b, "asset.register_mismatch")] == ["133", "134"]
    b.close()


# -- 10. the 2004 chart's second-level and optional accounts -------------------------------------------------------
def test_2004_chart_has_its_second_level_accounts_and_optional_ones(tmp_path):
    b = new_book(tmp_path, chart="2004")
    names = {c: b.accounts.get(c)["name"] for c in ("13101", "13102", "13201", "13202", "51101", "51102")}
    assert names == {
        "13101": "幼畜及育肥畜",
        "13102": "产役畜",
        "13201": "经济林木",
        "13202": "非经济林木",
        "51101": "承包金",
        "51102": "企业上交利润",
    }
    for code in ("161", "171", "241"):
        b.accounts.add_optional(code)
    with pytest.raises(ValidationError) as e:
        b.accounts.add_optional("162")
    assert e.value.code == "account.not_optional"
    enter(b, "2025-02-01", [L("161", "购入软件", debit_fen=3_000_00), L("241", "", credit_fen=3_000_00)])
    assert b.reports.balance_sheet(2025, 2)["balanced"]
    b.assets.add(
        code="WX1",
        name="软件",
        category="intangible",
        acquired="2025-02-01",
        cost_fen=3_000_00,
        life_months=60,
    )
    assert [(i.credit_account, i.amount_fen) for i in b.assets.depreciation_preview("2025-03")] == [
        ("161", 50_00)
    ]
    assert b.reports.check() == []
    b.close()


# -- 11. reversing a closed year's voucher ----------------------------------------------------------------------
def test_reversal_in_a_later_year_goes_through_undistributed_income(tmp_path):
    b = new_book(tmp_path)
    vid = enter(b, "2025-05-01", [L("511", "农资", debit_fen=8_690_00), L("101", "", credit_fen=8_690_00)])
    b.periods.close_year(2025)
    rid = b.vouchers.reverse(vid, "2026-01-10")
    assert [(ln.account_code, ln.debit_fen, ln.credit_fen) for ln in b.vouchers.get(rid).lines] == [
        ("32202", -8_690_00, 0),
        ("101", 0, -8_690_00),
    ]
    post(b, rid)
    inc = {ln["key"]: ln["amount_fen"] for ln in b.reports.income_statement(2026)["lines"]}
    # 2026's income is untouched; the correction shows as 其他转入 and 年末未分配收益 meets the balance sheet
    assert (inc["R03"], inc["R14"], inc["R15"], inc["R20"]) == (0, -8_690_00, 8_690_00, 0)
    assert tb(b, 2026)["32202"]["closing_fen"] == 0
    assert b.reports.check() == []
    b.close()


# -- 12. the accounting year is the calendar year ---------------------------------------------------------------
def test_init_has_no_fiscal_start(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "init",
            str(tmp_path / "f.jlbook"),
            "--name",
            "x",
            "--fiscal-start",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and not (tmp_path / "f.jlbook").exists()
    with pytest.raises(TypeError):
        Book.create(":memory:", name="x", fiscal_year_start=4)
    b = new_book(tmp_path)
    assert b.periods.year_periods(2025)[0] == "2025-01" and b.periods.year_of("2025-12") == 2025
    b.close()


# -- 13. chart names and deactivation -------------------------------------------------------------------------------
def test_standard_accounts_keep_their_names_and_used_accounts_stay_active(tmp_path):
    b = new_book(tmp_path)
    with pytest.raises(BookError) as e:
        b.accounts.rename("32202", "未分配利润")
    assert e.value.code == "account.standard_name"
    b.accounts.rename("32202", "未分配收益")  # unchanged: nothing to refuse
    enter(b, "2025-01-05", [L("101", "备用金", debit_fen=100_00), L("301", "", credit_fen=100_00)])
    with pytest.raises(BookError) as e:
        b.accounts.set_active("101", False)
    assert e.value.code == "account.in_use"
    b.accounts.add_sub("102", "旧账户")
    b.accounts.set_active("10201", False)
    raw(b, "UPDATE accounts SET name = '未分配利润' WHERE code = '32202'")
    [p] = problems(b, "account.renamed")
    assert p.value == "32202"
    b.close()


def test_check_passes_on_the_demo_books(demo_file, tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "app", "check", str(demo_file), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and json.loads(r.stdout)["ok"], r.stdout + r.stderr


def test_change_of_life_is_prospective(tmp_path):
    b = new_book(tmp_path)
    b.accounts.add_sub("102", "农商银行")
    b.assets.add(
        code="GD1", name="仓库", category="fixed", acquired="2024-12-10", cost_fen=120_000_00, life_months=120
    )
    b.vouchers.set_opening_balances({"151": 120_000_00, "10201": -120_000_00})
    for m in (1, 2, 3):
        post(b, b.assets.run_depreciation(f"2025-{m:02d}"))
    b.assets.update("GD1", life_months=60)
    assert b.vouchers.list(status="draft") == []  # no change of cost, no voucher
    [item] = b.assets.depreciation_preview("2025-04")
    assert item.amount_fen == (120_000_00 - 3 * 1_000_00) // (60 - 3)  # the rest over the 57 months left
    assert b.reports.check() == []
    b.close()
