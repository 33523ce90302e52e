"""Benchmark: importing a 50,000-row roster and a 200,000-line voucher sheet, against the floor of merely reading
the same file with openpyxl in read-only mode.

    python tests/bench_sheets.py [--members 50000] [--lines 200000] [--dir /tmp/bench-sheets]

Prints, for each file: the import's time (read, check and write into a new book, in one transaction), the time
openpyxl takes only to read every cell, and the ratio (the goal: at most 1.5x the floor); then the three phases,
and the number and cost of the writes, which go one by one through the book's change log (Store.insert).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.book import Book  # noqa: E402
from app.core.ids import make_resident_id  # noqa: E402
from app.core.ops import Op
from app.core.sheets.reader import read_sheet  # noqa: E402


def make_roster(path: Path, n: int) -> None:
    rng = random.Random(1)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["东岭村成员花名册"])
    ws.append(["户主编号", "户主姓名", "身份证号码", "村民小组", "家庭人口", "联系电话", "开户银行", "银行账号", "人口股", "农龄股", "备注"])
    for i in range(1, n + 1):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=i % 25000)  # unique with the sequence number below
        ws.append([f"H{i:06d}", "张　三" if i % 7 == 0 else f"李{i % 97}", make_resident_id("330106", born, i // 25000 + 1),
                   f"第{i % 12 + 1}村民小组", rng.randrange(1, 7), f"13{rng.randrange(10**9):09d}", "农商银行",
                   f"62104{i:013d}", rng.randrange(1, 7), rng.randrange(5, 60), ""])
    ws.append(["合计"])
    wb.save(path)


def make_vouchers(path: Path, lines: int, accounts: list[str]) -> None:
    rng = random.Random(2)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("凭证")
    ws.append(["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"])
    n, number = 0, 0
    while n < lines:
        number += 1
        month = 1 + (number * 12) // (lines // 2 + 1)
        date = dt.date(2026, min(month, 12), 1 + number % 28)
        amount = rng.randrange(100, 10**7) / 100
        debit, credit = rng.sample(accounts, 2)
        ws.append([date, number, f"业务{number}", debit, amount, None])
        ws.append([date, number, "", credit, None, amount])
        n += 2
    wb.save(path)


def floor(path: Path) -> float:
    start = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True)
    for ws in wb.worksheets:
        for _row in ws.iter_rows(values_only=True):
            pass
    wb.close()
    return time.perf_counter() - start


def timed_import(book: Book, kind: str, path: Path) -> tuple[list[float], dict, int]:
    """Seconds to read (calamine), check (the dry run) and write (one transaction); the counts; the writes made."""
    before = book.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    t0 = time.perf_counter()
    raw = read_sheet(path)
    t1 = time.perf_counter()
    preview = book.sheets.preview(kind, path, raw=raw)
    if not preview.ok:
        raise SystemExit(f"{kind}: {len(preview.problems())} problems, first: {preview.problems()[:3]}")
    t2 = time.perf_counter()
    counts = book.sheets.apply(preview)
    t3 = time.perf_counter()
    writes = book.db.execute("SELECT count(*) FROM changes").fetchone()[0] - before
    return [t1 - t0, t2 - t1, t3 - t2], counts, writes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=50_000)
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--dir", default="/tmp/bench-sheets")
    args = ap.parse_args()
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    for f in out.glob("bench.jlbook*"):
        f.unlink()
    book = Book.create(out / "bench.jlbook", name="基准测试村股份经济合作社", kind="collective", start="2026-01", user="bench")
    try:
        with book.transact(Op.IMPORT):
            book.members.add(code="V01", name="东岭村", kind="collective")
            for g in range(1, 13):
                book.members.add(code=f"G{g:02d}", name=f"第{g}村民小组", kind="collective", parent="V01")
        accounts = [a["code"] for a in book.accounts.list() if a["is_leaf"] and a["active"]][:30]
        roster, vouchers = out / "roster.xlsx", out / "vouchers.xlsx"
        make_roster(roster, args.members)
        make_vouchers(vouchers, args.lines, accounts)
        for label, kind, path in (("roster", "members", roster), ("vouchers", "vouchers", vouchers)):
            base = floor(path)
            (read, check, write), counts, writes = timed_import(book, kind, path)
            took = read + check + write
            print(f"{label:9} {path.name}: import {took:6.2f} s  openpyxl read-only floor {base:6.2f} s  ratio {took / base:4.2f}x"
                  f"  {counts}")
            print(f"{'':9} read {read:.2f} s (calamine, {read / base:.2f}x the floor) + check {check:.2f} s + write {write:.2f} s"
                  f" ({writes} change-log writes, {write / writes * 1e6:.0f} µs each)")
    finally:
        book.close()


if __name__ == "__main__":
    main()
