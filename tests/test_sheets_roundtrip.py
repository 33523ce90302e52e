"""Export everything from the demo book, import it into a new book, compare; the CLI; templates; the demo step."""

from __future__ import annotations

import json
from collections import Counter

import openpyxl
import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book
from app.core.sheets.demo import demo_step

ORDER = ("members", "accounts", "assets", "holdings", "opening", "vouchers")


def members_of(book):
    return {(m["code"], m["name"], m["kind"], m["id_number"], m["parent_code"], m["phone"], m["bank"], m["bank_account"],
             m["household_size"], m["joined"], m["left_on"], m["note"]) for m in book.members.list()}


def holdings_of(book):
    return set(book.db.execute("SELECT m.code, c.name, h.effective, h.units_q FROM holdings h JOIN members m ON m.id = h.member_id"
                               " JOIN share_classes c ON c.id = h.class_id").fetchall())


def accounts_of(book):
    return set(book.db.execute("SELECT a.code, a.name, p.code, m.code FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id"
                               " LEFT JOIN members m ON m.id = a.member_id").fetchall())


def assets_of(book):
    return [{k: a[k] for k in ("code", "name", "category", "location", "quantity_q", "unit", "acquired", "cost_fen",
                               "contributor_code", "life_months", "residual_bp", "prior_depreciation_fen", "status", "note")}
            for a in book.assets.list()]


def vouchers_of(book, kind):
    lines: dict[str, list] = {}
    dates = {}
    for vid, date, code, d, c, s in book.db.execute(
        "SELECT v.id, v.date, a.code, l.debit_fen, l.credit_fen, l.summary FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id"
        f" JOIN accounts a ON a.id = l.account_id WHERE v.kind {'=' if kind == 'opening' else '!='} 'opening' ORDER BY v.id, l.seq"
    ):
        dates[vid] = date
        lines.setdefault(vid, []).append((code, d, c, s))
    if kind == "opening":  # one line per account: their order carries no meaning
        lines = {v: sorted(ls) for v, ls in lines.items()}
    return Counter((dates[v], tuple(ls)) for v, ls in lines.items())


def test_export_import_round_trip(demo_file, tmp_path):
    src = Book.open(demo_file, readonly=True)
    dst = Book.create(tmp_path / "copy.jlbook", name=src.settings.name, kind=src.settings.kind, start=src.settings.start_period)
    try:
        files = {}
        for kind in ORDER:
            files[kind] = tmp_path / f"{kind}.xlsx"
            assert src.sheets.export(kind, files[kind]) > 0
        for kind in ORDER:
            p = dst.sheets.preview(kind, files[kind])
            assert p.ok, (kind, p.problems()[:5])
            dst.sheets.apply(p)
        assert members_of(dst) == members_of(src)
        assert holdings_of(dst) == holdings_of(src)
        assert accounts_of(dst) == accounts_of(src)
        assert assets_of(dst) == assets_of(src)
        assert vouchers_of(dst, "opening") == vouchers_of(src, "opening")
        assert vouchers_of(dst, "normal") == vouchers_of(src, "normal")
        for kind in ORDER:  # and every file imports back unchanged
            counts = dst.sheets.preview(kind, files[kind]).counts()
            assert counts["new"] == counts["changed"] == counts["rejected"] == 0, (kind, counts)
    finally:
        src.close()
        dst.close()


def test_exports_print_with_totals_and_other_formats(demo_file, tmp_path):
    with Book.open(demo_file, readonly=True) as b:
        b.sheets.export("trial-balance", tmp_path / "tb.xlsx", year=2025)
        b.sheets.export("ledger", tmp_path / "ledger.xlsx", year=2025, account="102")
        b.sheets.export("members", tmp_path / "m.json")
        b.sheets.export("vouchers", tmp_path / "v.csv")
        b.sheets.export("members", tmp_path / "m.csv")
        counts = b.sheets.preview("members", tmp_path / "m.csv").counts()
        assert counts["unchanged"] == b.members.count() and counts["new"] == counts["changed"] == counts["rejected"] == 0
    ws = openpyxl.load_workbook(tmp_path / "tb.xlsx").active
    last = [c.value for c in ws[ws.max_row]]
    assert last[0] == "合计" and last[2] == last[3] and last[4] == last[5] and last[6] == last[7]
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "landscape"
    members = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    v02 = next(m for m in members if m["code"] == "V02")
    assert {"code", "name", "kind", "id_number", "parent", "holdings"} <= set(v02) and v02["kind"] == "collective"
    assert set(v02["holdings"]) == {"资金", "土地", "劳力"} and all(isinstance(x, int | float) for x in v02["holdings"].values())
    assert (tmp_path / "v.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "借方金额" in (tmp_path / "v.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert openpyxl.load_workbook(tmp_path / "ledger.xlsx").active.max_row > 10


def test_cli_refuses_a_bad_file_listing_every_problem(tmp_path):
    runner = CliRunner()
    book = tmp_path / "b.jlbook"
    Book.create(book, name="东岭村股份经济合作社", kind="collective", start="2026-01").close()
    roster = tmp_path / "r.csv"
    roster.write_text("户主编号,户主姓名,身份证号码\nH1,张三,330106195001010011\nH2,,3.30106E+17\n", encoding="utf-8")
    r = runner.invoke(cli, ["import", str(book), "members", str(roster)])
    assert r.exit_code == 1
    assert all(f"第{row}行 / {column}" in r.output for row, column in ((2, "身份证号码"), (3, "户主姓名"), (3, "身份证号码")))
    r = runner.invoke(cli, ["import", str(book), "members", str(roster), "--dry-run", "--json"])
    assert r.exit_code == 1 and json.loads(r.stdout[: r.stdout.rindex("}") + 1])["counts"]["rejected"] == 2
    roster.write_text("户主编号,户主姓名,身份证号码\nH1,张三,33010619500101001X\nH2,,x\n", encoding="utf-8")
    r = runner.invoke(cli, ["import", str(book), "members", str(roster), "--valid-only"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "r-rejected.xlsx").exists()
    r = runner.invoke(cli, ["export", str(book), "members", str(tmp_path / "m.json")])
    assert r.exit_code == 0 and json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))[0]["code"] == "H1"


@pytest.mark.parametrize("kind", ORDER)
def test_templates_have_headers_an_example_and_drop_downs(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    r = CliRunner().invoke(cli, ["template", kind, str(path)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(path).active
    assert ws.max_row == 3 and all(c.value for c in ws[2])
    if kind in ("members", "assets", "holdings"):
        assert ws.data_validations.dataValidation


def test_a_filled_template_imports_and_its_example_row_is_skipped(tmp_path):
    book = Book.create(":memory:", name="东岭村股份经济合作社", kind="collective", start="2026-01")
    path = tmp_path / "t.xlsx"
    book.sheets.template("members", path)
    p = book.sheets.preview("members", path)
    assert p.ok and p.counts()["new"] == 0 and "示例" in p.notes[0].message
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.append(["H0009", "张三", "农户", ws["D3"].value, "第1村民小组", None, None, None, 4, "2024-01-01", None, 4])
    wb.save(path)
    p = book.sheets.preview("members", path)
    assert p.ok and p.counts()["new"] == 1 and p.new_parents == ["第1村民小组"]
    book.close()


def test_demo_step(demo_file, tmp_path):
    copy = tmp_path / "demo.jlbook"
    copy.write_bytes(demo_file.read_bytes())
    with Book.open(copy) as b:
        lines = demo_step(b, tmp_path)
        assert "rejected 1" in lines[0] and any("Excel" in ln for ln in lines)
        assert any("unchanged 11" in ln for ln in lines)
    assert (tmp_path / "office-roster-rejected.xlsx").exists()


def test_distribution_export(tmp_path):
    from test_distribution_support import EXPECTED, PLAN, small_book

    book = small_book()
    book.distribution.post(PLAN)
    assert book.sheets.export("distribution", tmp_path / "d.xlsx", year=2026) == 3
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    header = [c.value for c in ws[2]]
    amounts = {ws.cell(r, 1).value: ws.cell(r, header.index("分配金额") + 1).value for r in range(3, 6)}
    assert amounts == {k: v / 100 for k, v in EXPECTED.items()}
    assert ws.cell(6, 1).value == "合计" and ws.cell(6, header.index("分配金额") + 1).value == sum(EXPECTED.values()) / 100
    book.close()
