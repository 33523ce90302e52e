"""Statements as filed: titles and long line names whole, dated, 行次, 单位：元, totals as the reports give them."""

import os
import shutil

import pytest
from click.testing import CliRunner
from paper_pdf import check_cells, fen, read, row_after

from app.cli.main import cli
from app.core.book import Book
from app.core.paper import statements as ps


@pytest.fixture(scope="module")
def demo(demo_file):
    b = Book.open(demo_file, readonly=True, user="会计", password=os.environ["JOINTLEDGER_PASSWORD"])
    yield b
    b.close()


def _print(book, kind, tmp_path, **kw):
    cells = []
    path = tmp_path / f"{kind}.pdf"
    count = ps.print_statement(book, kind, 2025, path, cells=cells, **kw)
    pages = read(path)
    assert len(pages) == count
    check_cells(pages, cells)  # every word in its cell, every cell read back whole: nothing clipped or elided
    assert "…" not in " ".join(p.text for p in pages)
    return pages


def test_balance_sheet_is_dated_numbered_and_whole(demo, tmp_path):
    pages = _print(demo, "balance-sheet", tmp_path, month_to=6)
    assert len(pages) == 1
    page = pages[0]
    assert page.size_mm == (210, 297)
    assert page.has("资产负债表") and page.has("2025年6月30日") and page.has("单位：元")
    assert page.has(f"编制单位：{demo.settings.name}")
    assert "减：生产性生物资产累计折旧" in "".join(page.text.split())
    for label in ("单位负责人：", "会计主管：", "制表："):
        assert page.has(label)
    data = demo.reports.balance_sheet(2025, 6)
    n = len(data["assets"])
    for row, number in (
        (data["assets"][-1], n),
        (data["liabilities_equity"][-1], n + len(data["liabilities_equity"])),
    ):
        words = row_after(page, row["name"])
        assert words[0] == str(number) and [fen(w) for w in words[1:3]] == [row["start_fen"], row["end_fen"]]


def test_income_statement_has_this_year_and_last_year(demo, tmp_path):
    page = _print(demo, "income", tmp_path)[0]
    assert page.has("收益及收益分配表") and page.has("2025年度") and page.has("单位：元")
    data = demo.reports.income_statement(2025)
    for i, line in enumerate(data["lines"], start=1):
        amounts = [w for w in row_after(page, line["name"].replace(" ", "")) if w != str(i)]
        expected = [v for v in (line["amount_fen"], line["previous_fen"]) if v]
        assert [fen(a) for a in amounts] == expected, line["name"]


def test_trial_balance_pages_and_totals(demo, tmp_path):
    pages = _print(demo, "trial-balance", tmp_path)
    assert all(p.size_mm == (297, 210) for p in pages)
    if len(pages) > 1:
        assert all(f"第 {n} 页 / 共 {len(pages)} 页" in p.text for n, p in enumerate(pages, start=1))
    t = demo.reports.trial_balance(2025)["totals"]
    printed = [fen(x) for x in row_after(pages[-1], "合计")]
    keys = (
        "opening_debit_fen",
        "opening_credit_fen",
        "debit_fen",
        "credit_fen",
        "closing_debit_fen",
        "closing_credit_fen",
    )
    assert printed == [t[k] for k in keys if t[k]]
    assert t["debit_fen"] == t["credit_fen"] and sum(p.text.count("科目编码") for p in pages) == len(pages)


def test_line_numbers_come_from_the_chart():
    assert ps.line_numbers([{"key": "A"}, {"key": "B", "row": 7}, {"key": "C"}], start=3) == [3, 7, 5]


@pytest.mark.parametrize("kind", ["balance-sheet", "income", "trial-balance"])
def test_cli_prints_statements(demo_file, tmp_path, kind):
    copy = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, copy)
    out = tmp_path / "s.pdf"
    result = CliRunner().invoke(
        cli, ["print", str(copy), kind, "--year", "2025", "--month", "12", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert read(out)[0].words
