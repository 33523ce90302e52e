"""Account books on paper: carry-forward lines, page N of M, totals as booked; the cash and bank journal data."""

import json
import os
import shutil

import pytest
from click.testing import CliRunner
from paper_pdf import MM, check_cells, fen, read

from app.cli.main import cli
from app.core.book import Book
from app.core.journal import journal
from app.core.paper import books as pb
from app.core.vouchers import LineInput as L


@pytest.fixture(scope="module")
def demo(demo_file):
    b = Book.open(demo_file, readonly=True, user="会计", password=os.environ["JOINTLEDGER_PASSWORD"])
    yield b
    b.close()


def _carry(page, label, journal=False):
    """(debit, credit, balance) of the row labelled ``label``, read column by column (a zero prints blank)."""
    widths, _heads, _aligns = pb._columns(journal)
    edges = [pb.LEFT * MM]
    for w in widths:
        edges.append(edges[-1] + w * MM)
    hit = [w for w in page.words if w.text == label][-1]
    mid = (hit.y0 + hit.y1) / 2
    cols: dict[int, str] = {}
    for w in page.words:
        if w.y0 <= mid <= w.y1:
            cols[next(i for i in range(len(widths)) if edges[i] <= (w.x0 + w.x1) / 2 < edges[i + 1])] = w.text
    first = len(widths) - 4  # 借方, 贷方, 借或贷, 余额
    debit, credit = (fen(cols[i]) if i in cols else 0 for i in (first, first + 1))
    return debit, credit, fen(cols[first + 3]) * (-1 if cols[first + 2] == "贷" else 1)


@pytest.mark.parametrize(("kind", "code"), [("journal", "10201"), ("ledger", "10201"), ("ledger", "513")])
def test_carry_forward_lines_join_the_pages(demo, tmp_path, kind, code):
    cells = []
    path = tmp_path / f"{kind}.pdf"
    count = pb.print_books(demo, kind, [code], 2025, path, cells=cells)
    pages = read(path)
    assert len(pages) == count >= 2
    check_cells(pages, cells)
    data = pb.account_book(demo, kind, code, 2025)
    lines = [r for r in data.rows if r["kind"] == "line"]
    for n, page in enumerate(pages, start=1):
        assert page.size_mm == (210, 297)
        assert f"第 {n} 页 / 共 {count} 页" in page.text
        assert f"科目：{code}" in page.text and "2025年" in page.text
        if n < count:
            carried = _carry(page, "过次页", kind == "journal")
            assert carried == _carry(pages[n], "承前页", kind == "journal")
            # the totals since the start of the year and the balance after the page's last row
            printed = sum(1 for w in page.words if w.text.startswith("记-"))
            upto = lines[: sum(1 for p in pages[:n] for w in p.words if w.text.startswith("记-"))]
            assert printed and carried == (
                sum(r["debit_fen"] for r in upto),
                sum(r["credit_fen"] for r in upto),
                carried[2],
            )
    year = [r for r in data.rows if r["kind"] == "year"][-1]
    assert _carry(pages[-1], "本年累计", kind == "journal") == (
        year["debit_fen"],
        year["credit_fen"],
        year["balance_fen"],
    )
    tb = {r["code"]: r for r in demo.reports.trial_balance(2025)["rows"]}[code]
    assert (year["debit_fen"], year["credit_fen"], year["balance_fen"]) == (
        tb["debit_fen"],
        tb["credit_fen"],
        tb["closing_fen"],
    )


def test_paginate_carries_totals_and_balance():
    rows = [{"kind": "opening", "summary": "期初", "balance_fen": 100}]
    rows += [
        {
            "kind": "line",
            "summary": str(i),
            "debit_fen": i,
            "credit_fen": 0,
            "balance_fen": 100 + i * (i + 1) // 2,
        }
        for i in range(1, 12)
    ]
    pages = pb.paginate(rows, 5)
    assert all(len(p) <= 5 for p in pages)
    assert [r["summary"] for p in pages for r in p if r["kind"] not in ("brought", "carried")] == [
        r["summary"] for r in rows
    ]
    for page, nxt in zip(pages, pages[1:], strict=False):
        out, into = page[-1], nxt[0]
        assert (out["kind"], into["kind"]) == ("carried", "brought")
        assert (out["debit_fen"], out["balance_fen"]) == (into["debit_fen"], into["balance_fen"])
        shown = [r for p in pages[: pages.index(page) + 1] for r in p if r["kind"] == "line"]
        assert (
            out["debit_fen"] == sum(r["debit_fen"] for r in shown)
            and out["balance_fen"] == shown[-1]["balance_fen"]
        )
    assert pages[-1][-1]["kind"] == "line"


def test_general_ledger_months_match_the_trial_balance(demo, tmp_path):
    path = tmp_path / "gl.pdf"
    cells = []
    assert pb.print_books(demo, "general-ledger", ["102"], 2025, path, cells=cells) == 1
    pages = read(path)
    check_cells(pages, cells)
    assert pages[0].has("总分类账")
    tb = {r["code"]: r for r in demo.reports.trial_balance(2025, 3, 3)["rows"]}["102"]
    march = [
        r
        for r in demo.reports.general_ledger("102", 2025)["rows"]
        if r["period"] == "2025-03" and r["kind"] == "month"
    ][0]
    assert (march["debit_fen"], march["credit_fen"]) == (tb["debit_fen"], tb["credit_fen"])
    printed = [w for w in pages[0].words if w.text == "本月合计"]
    assert len(printed) == 12


def test_a_years_books_print_every_account_with_activity(demo_file, demo, tmp_path):
    copy = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, copy)
    out = tmp_path / "ledgers.pdf"
    result = CliRunner().invoke(cli, ["print", str(copy), "ledger", "--year", "2025", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = read(out)
    codes = pb.accounts_with_activity(demo, "ledger", 2025)
    assert len(codes) > 10
    headed = {w.text for p in pages for w in p.words if w.text.startswith("科目：")}
    assert headed == {f"科目：{c}" for c in codes}
    journals = tmp_path / "journals.pdf"
    result = CliRunner().invoke(
        cli, ["print", str(copy), "journal", "--year", "2025", "--out", str(journals)]
    )
    assert result.exit_code == 0, result.output
    titles = {w.text for p in read(journals) for w in p.words if w.text.endswith("日记账")}
    assert titles == {"现金日记账", "银行存款日记账"}
    wrong = CliRunner().invoke(
        cli, ["print", str(copy), "journal", "--year", "2025", "--account", "501", "--out", str(journals)]
    )
    assert wrong.exit_code == 1 and len(wrong.output.strip().splitlines()) == 1


def _post(book, date, lines):
    vid = book.vouchers.create(date, lines)
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"


def test_journal_in_date_order_with_counterparts_and_day_totals(book):
    _post(book, "2026-01-05", [L("101", "提现", debit_fen=50_000), L("10201", "", credit_fen=50_000)])
    _post(book, "2026-01-03", [L("513", "买纸", debit_fen=1_200), L("101", "", credit_fen=1_200)])
    _post(
        book,
        "2026-01-05",
        [L("513", "邮费", debit_fen=800), L("511", "运费", debit_fen=700), L("101", "", credit_fen=1_500)],
    )
    _post(book, "2026-02-01", [L("101", "收款", debit_fen=3_000), L("501", "", credit_fen=3_000)])
    rows = journal(book, "101", 2026)["rows"]
    shape = [
        (
            r["kind"],
            r.get("date"),
            r.get("counterpart"),
            r.get("debit_fen"),
            r.get("credit_fen"),
            r["balance_fen"],
        )
        for r in rows
    ]
    assert shape == [
        ("opening", None, None, None, None, 0),
        ("line", "2026-01-03", "管理费用", 0, 1_200, -1_200),
        ("day", "2026-01-03", None, 0, 1_200, -1_200),
        ("line", "2026-01-05", "银行存款-农商银行", 50_000, 0, 48_800),
        ("line", "2026-01-05", "管理费用、经营支出", 0, 1_500, 47_300),
        ("day", "2026-01-05", None, 50_000, 1_500, 47_300),
        ("month", "2026-01-05", None, 50_000, 2_700, 47_300),
        ("year", "2026-01-05", None, 50_000, 2_700, 47_300),
        ("line", "2026-02-01", "经营收入", 3_000, 0, 50_300),
        ("day", "2026-02-01", None, 3_000, 0, 50_300),
        ("month", "2026-02-01", None, 3_000, 0, 50_300),
        ("year", "2026-02-01", None, 53_000, 2_700, 50_300),
    ]
    # a later start: the opening balance and the year's totals so far carry in
    feb = journal(book, "101", 2026, 2, 2)["rows"]
    assert (
        feb[0]["balance_fen"] == 47_300 and feb[-1]["debit_fen"] == 53_000 and feb[-2]["debit_fen"] == 3_000
    )


def test_report_journal_cli(demo_file, tmp_path):
    copy = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, copy)
    runner = CliRunner()
    result = runner.invoke(
        cli, ["report", str(copy), "journal", "--year", "2025", "--account", "101", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["code"] == "101" and data["rows"][0]["kind"] == "opening"
    assert {r["kind"] for r in data["rows"]} == {"opening", "line", "day", "month", "year"}
    text = runner.invoke(cli, ["report", str(copy), "journal", "--year", "2025", "--account", "101"])
    assert text.exit_code == 0 and "本日合计" in text.output
    missing = runner.invoke(cli, ["report", str(copy), "journal", "--year", "2025"])
    assert missing.exit_code == 1 and len(missing.output.strip().splitlines()) == 1


def test_multi_column_ledger_analyses_debits_by_second_level_account(book, tmp_path):
    office = book.accounts.by_id(book.accounts.add_sub("513", "办公费"))["code"]
    travel = book.accounts.by_id(book.accounts.add_sub("513", "差旅费"))["code"]
    spent = {office: 0, travel: 0}
    for i in range(30):
        code = office if i % 3 else travel
        amount = 10_000 + i * 137
        spent[code] += amount
        _post(
            book,
            f"2026-0{1 + i // 15}-{1 + i % 15:02d}",
            [L(code, f"费用{i}", debit_fen=amount), L("101", "", credit_fen=amount)],
        )
    path = tmp_path / "multi.pdf"
    cells = []
    count = pb.print_books(book, "multi-column", ["513"], 2026, path, cells=cells)
    pages = read(path)
    assert count == len(pages) >= 2 and all(p.size_mm == (297, 210) for p in pages)
    check_cells(pages, cells)
    assert (
        pages[0].has("多栏式明细账")
        and pages[0].has("借方分析")
        and pages[0].has("办公费")
        and pages[0].has("差旅费")
    )
    data = pb.account_book(book, "multi-column", "513", 2026)
    assert data.analysis == ((office, "办公费"), (travel, "差旅费"))
    year = [r for r in data.rows if r["kind"] == "year"][-1]
    assert year["split"] == spent and year["debit_fen"] == sum(spent.values())
    for page in pb.paginate(data.rows, pb.rows_per_page(210))[:-1]:
        assert sum(page[-1]["split"].values()) == page[-1]["debit_fen"]  # 过次页 carries the analysis too
    assert pb.accounts_with_activity(book, "multi-column", 2026) == ["513"]
