"""The headless demo's spreadsheet step: a roster written the way a village office writes one, then imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl

from app.core.ids import make_resident_id

if TYPE_CHECKING:
    from app.core.book import Book


def write_office_roster(book: Book, path: Path, households: int = 12) -> None:
    """A title and a merged cell above the header, units in brackets, full-width digits, an ideographic space in a
    name, a lower-case x, a date typed three ways, an ID Excel turned into a number, a blank row and a totals row."""
    villages = [r[0] for r in book.db.execute("SELECT name FROM members WHERE kind = 'collective' AND parent_id IS NULL ORDER BY code")]
    village = villages[0] if villages else "东岭村"
    classes = [(c["name"], c["unit"]) for c in book.shares.classes()][:2]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append([f"{village}新增农户花名册"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8 + len(classes))
    ws.append(["填报单位（盖章）：", None, None, None, "填报日期：2026年1月5日"])
    ws.append(["户主编号", "户主姓名", "类别", "身份证号码", "所属村", "村民小组", "家庭人口", "入社日期",
               *(f"{n}（{u}）" for n, u in classes), "联系人微信"])
    dates = ["2019/3/1", "2019年3月1日", "2019.3.1", 43525]
    for i in range(1, households + 1):
        idn = make_resident_id("330106", dt.date(1960 + i, 1 + i % 12, 1 + i % 28), 100 + i)
        if i == 3:
            idn = idn[:-1] + "x" if idn.endswith("X") else idn.lower()
        row = [f"DX{i:03d}", "王　芳" if i == 2 else f"陈{'一二三四五六七八九十'[i % 10]}{'明华强'[i % 3]}", "农户",
               float(idn) if i == 5 and idn[-1].isdigit() else idn,  # ok-float: an ID as Excel mangles it
               village, f"第{7 + i % 2}村民小组",
               "３" if i == 4 else 2 + i % 4, dates[i % 4], *((1 + i % 3) * (k + 1) for k in range(len(classes))), "wx"]
        ws.append(row)
        if i == households // 2:
            ws.append([])
    ws.append(["合计", None, None, None, None, None, None, None])
    wb.save(path)


def demo_step(book: Book, outdir: Path) -> list[str]:
    """Write an office roster into ``outdir``, preview it, import the valid rows and write the rejected ones."""
    roster = outdir / "office-roster.xlsx"
    write_office_roster(book, roster)
    sheets = book.sheets
    preview = sheets.preview("members", roster)
    c = preview.counts()
    lines = [f"Roster {roster.name}: header on row {preview.header_row}; new {c['new']}, changed {c['changed']},"
             f" unchanged {c['unchanged']}, rejected {c['rejected']}"]
    if preview.new_parents:
        lines.append("  new village groups: " + ", ".join(preview.new_parents))
    if preview.ignored:
        lines.append("  ignored columns: " + ", ".join(preview.ignored))
    lines += [f"  {p}" for p in preview.problems()]
    lines += [f"  note: {p}" for p in preview.notes if p.severity != "error"]
    sheets.apply(preview, valid_only=True)
    rejected = outdir / "office-roster-rejected.xlsx"
    if sheets.write_rejected(preview, rejected):
        lines.append(f"  imported the valid rows; rejected rows with reasons in {rejected.name}")
    again = sheets.preview("members", roster).counts()
    lines.append(f"  importing the same file again: new {again['new']}, changed {again['changed']}, unchanged {again['unchanged']}")
    for kind in ("members", "trial-balance"):
        out = outdir / f"{kind}.xlsx"
        sheets.export(kind, out)
        lines.append(f"  exported {out.name}")
    return lines
