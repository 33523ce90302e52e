"""Vouchers on 凭证纸: paper sizes, every word in its cell, totals as booked, continuation forms, batches, covers."""

import os
import shutil

import pytest
from click.testing import CliRunner
from paper_pdf import MM, check_cells, fen, read, row_after

from app.cli.main import cli
from app.core.book import Book
from app.core.money import amount_in_words, format_fen
from app.core.paper import vouchers as pv
from app.core.paper.page import PAPERS, load_margin, load_offsets
from app.core.vouchers import LineInput as L


@pytest.fixture(scope="module")
def demo(demo_file):
    b = Book.open(demo_file, readonly=True, user="会计", password=os.environ["JOINTLEDGER_PASSWORD"])
    yield b
    b.close()


def _print(book, vouchers, tmp_path, paper="voucher-241x140", **kw):
    cells = []
    path = tmp_path / f"{paper}.pdf"
    pages = pv.print_vouchers(book, vouchers, path, paper, cells=cells, **kw)
    read_pages = read(path)
    assert len(read_pages) == pages
    return read_pages, cells


@pytest.mark.parametrize("paper", ["voucher-241x140", "voucher-241x93", "voucher-210x140", "a4-2up", "a5"])
def test_each_paper_has_its_size_and_every_word_in_its_cell(demo, tmp_path, paper):
    vouchers = pv.select(demo, pv.Selection(2025, month=4))
    pages, cells = _print(demo, vouchers, tmp_path, paper, grid=paper == "voucher-241x140")
    p = PAPERS[paper]
    for page in pages:
        assert page.size_mm == (p.width_mm, p.height_mm)
    check_cells(pages, cells)  # also: the title 记账凭证 is read whole, inside the page
    titles = sum(1 for page in pages for w in page.words if w.text == "记账凭证")
    assert titles == len(vouchers)
    if paper == "a4-2up":
        assert len(pages) == -(-len(vouchers) // 2)
        first = [w for w in pages[0].words if w.text == "记账凭证"]
        assert len(first) == 2 and first[0].y1 < p.height_mm * MM / 2 < first[1].y0


def test_printed_totals_and_sign_off_are_the_books(demo, tmp_path):
    vouchers = pv.select(demo, pv.Selection(2025, month=4))
    pages, _cells = _print(demo, vouchers, tmp_path)
    for page, v in zip(pages, vouchers, strict=True):
        total = next(w.text for w in page.words if w.text.startswith("合计："))
        assert total == "合计：" + amount_in_words(v.debit_total, prefix=True)
        assert [fen(t) for t in row_after(page, total)] == [v.debit_total, v.credit_total]
        assert page.has(f"凭证号：{v.word}-{v.number}") and page.has(str(v.attachments))
        assert (
            page.has(f"制单：{v.preparer}")
            and page.has(f"审核：{v.reviewer}")
            and page.has(f"记账：{v.poster}")
        )
        assert page.has("会计主管：") and page.has("出纳：")
        amounts = [fen(w.text) for w in page.words if "." in w.text and w.text[0].isdigit()]
        assert sum(amounts) == 2 * (v.debit_total + v.credit_total)  # the lines and the 合计 row


def _posted(book, lines, attachments=1):
    vid = book.vouchers.create("2026-03-10", lines, attachments=attachments)
    book.user = "审核"
    book.vouchers.review(vid)
    book.vouchers.post(vid)
    book.user = "会计"
    return book.vouchers.get(vid)


def _long_voucher(book, n):
    lines = [L("513", f"办公用品第{i}项", debit_fen=1000 * i + 1) for i in range(1, n + 1)]
    lines.append(L("10201", "付款", credit_fen=sum(ln.debit_fen for ln in lines)))
    return _posted(book, lines, attachments=n)


@pytest.mark.parametrize("count", [6, 12])
def test_a_long_voucher_continues_on_the_next_forms_with_its_totals(book, tmp_path, count):
    v = _long_voucher(book, count)  # count + 1 lines: 5 on the first form, 4 on each next one (承前页 row)
    pages, cells = _print(book, [v], tmp_path)
    check_cells(pages, cells)
    forms = pv.sheets_of(v, 5)
    assert len(pages) == len(forms) == (2 if count == 6 else 3)
    carried = (0, 0)
    for n, (page, chunk) in enumerate(zip(pages, forms, strict=True), start=1):
        assert page.has("凭证号：记-1") and page.has(f"{n}/{len(forms)}")
        if n > 1:
            assert [fen(t) for t in row_after(page, "承前页")] == [
                x for x in carried if x
            ]  # zero prints blank
        carried = (
            carried[0] + sum(ln.debit_fen for ln in chunk),
            carried[1] + sum(ln.credit_fen for ln in chunk),
        )
        if n < len(forms):
            assert [fen(t) for t in row_after(page, "过次页")] == [x for x in carried if x]
        else:
            total = "合计：" + amount_in_words(v.debit_total, prefix=True)
            assert [fen(t) for t in row_after(page, total)] == [v.debit_total, v.credit_total]
    assert carried == (v.debit_total, v.credit_total)


def test_grid_prints_one_digit_per_cell(book, tmp_path):
    v = _long_voucher(book, 2)
    pages, cells = _print(book, [v], tmp_path, grid=True)
    check_cells(pages, cells)
    label = next(w for w in pages[0].words if w.text.startswith("合计："))
    digits = row_after(pages[0], label.text)
    assert all(len(d) == 1 for d in digits)
    half = len(digits) // 2
    assert "".join(digits[:half]) == "".join(digits[half:]) == str(v.debit_total)


def test_batches_by_month_dates_numbers_and_drafts(book):
    first = _long_voucher(book, 1)
    second = _long_voucher(book, 2)
    draft = book.vouchers.create(
        "2026-03-20", [L("513", "草稿", debit_fen=100), L("101", "", credit_fen=100)]
    )
    april = book.vouchers.create(
        "2026-04-02", [L("513", "四月", debit_fen=100), L("101", "", credit_fen=100)]
    )
    book.user = "审核"
    book.vouchers.review(april)
    book.vouchers.post(april)

    def ids(**kw):
        return [v.id for v in pv.select(book, pv.Selection(2026, **kw))]

    assert ids(month=3) == [first.id, second.id]
    assert ids(month=3, drafts=True) == [first.id, second.id, draft]
    assert ids(month=3, numbers=(2, 2)) == [second.id]
    assert ids() == [first.id, second.id, april]
    assert ids(date_from="2026-03-15", date_to="2026-04-30", drafts=True) == [draft, april]
    with pytest.raises(Exception) as err:
        ids(numbers=(1, 2))
    assert err.value.code == "paper.numbers_need_month"


def test_cover_states_period_numbers_count_and_attachments(demo, tmp_path):
    vouchers = pv.select(demo, pv.Selection(2025, month=4))
    cells = []
    path = tmp_path / "cover.pdf"
    assert pv.print_covers(demo, vouchers, path, cells=cells) == 1
    pages = read(path)
    check_cells(pages, cells)
    page = pages[0]
    facts = pv.cover_facts(vouchers)
    assert facts["count"] == len(vouchers) and facts["first"] == 1 and facts["last"] == len(vouchers)
    assert page.has("记账凭证封面") and page.has(demo.settings.name) and page.has("2025年04月")
    assert f"记字第 1 号至第 {len(vouchers)} 号" in page.text
    assert (
        f"共 {len(vouchers)} 张" in page.text and f"共 {sum(v.attachments for v in vouchers)} 张" in page.text
    )
    assert page.has("装订人：") and page.has("会计主管：")


def test_cli_prints_a_month_with_covers_and_refuses_bad_input(demo_file, tmp_path):
    book = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, book)
    runner = CliRunner()
    out = tmp_path / "v.pdf"
    args = [
        "print",
        str(book),
        "vouchers",
        "--year",
        "2025",
        "--month",
        "4",
        "--cover",
        "--paper",
        "a4-2up",
        "--out",
        str(out),
    ]
    result = runner.invoke(cli, [*args, "--user", "会计"])
    assert result.exit_code == 0, result.output
    pages = read(out)
    assert pages[0].has("记账凭证封面") and pages[0].size_mm == (210, 297)
    bad = runner.invoke(
        cli, ["print", str(book), "vouchers", "--year", "2025", "--numbers", "x", "--out", str(out)]
    )
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1
    none = runner.invoke(cli, ["print", str(book), "vouchers", "--year", "2030", "--out", str(out)])
    assert none.exit_code == 1 and len(none.output.strip().splitlines()) == 1


def test_offsets_are_saved_and_shift_the_print(demo_file, demo, tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))
    vouchers = pv.select(demo, pv.Selection(2025, month=4))[:1]
    before, _cells = _print(demo, vouchers, tmp_path)
    out = tmp_path / "test-page.pdf"
    copy = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, copy)
    result = CliRunner().invoke(
        cli,
        [
            "print",
            str(copy),
            "test-page",
            "--year",
            "2025",
            "--paper",
            "voucher-241x140",
            "--offset",
            "3",
            "-2",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert load_offsets("voucher-241x140") == (3.0, -2.0)
    assert "向右 3.0 毫米，向下 -2.0 毫米" in read(out)[0].text
    after, _cells = _print(demo, vouchers, tmp_path)
    t0 = next(w for w in before[0].words if w.text == "记账凭证")
    t1 = next(w for w in after[0].words if w.text == "记账凭证")
    assert (round((t1.x0 - t0.x0) / MM, 1), round((t1.y0 - t0.y0) / MM, 1)) == (3.0, -2.0)
    assert format_fen(vouchers[0].debit_total) in after[0].text
    margin = CliRunner().invoke(
        cli,
        [
            "print",
            str(copy),
            "test-page",
            "--year",
            "2025",
            "--paper",
            "voucher-241x140",
            "--margin",
            "20",
            "--out",
            str(out),
        ],
    )
    assert margin.exit_code == 0, margin.output
    assert load_margin("voucher-241x140") == 20.0 and load_offsets("voucher-241x140") == (3.0, -2.0)
    wider, _cells = _print(demo, vouchers, tmp_path)
    left = lambda pages: min(w.x0 for w in pages[0].words)  # noqa: E731
    assert round((left(wider) - left(after)) / MM, 1) == 20.0 - pv.BINDING_MARGIN
    bad = CliRunner().invoke(
        cli,
        [
            "print",
            str(copy),
            "test-page",
            "--year",
            "2025",
            "--paper",
            "voucher-241x140",
            "--margin",
            "90",
            "--out",
            str(out),
        ],
    )
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1
