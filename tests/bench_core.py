"""Benchmark: a book with 1,000,000 voucher lines. Run: python tests/bench_core.py [LINES]

Reports book open time, a full-year trial balance, one account's detail ledger, and the floor: a bare
``SELECT sum(...)`` over the same lines. Goal: each under 1 s on a 2-core machine.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from app.core.book import Book
from app.core.numbers_check import check_numbers
from app.core.ops import Op
from app.core.vouchers import LineInput

# a benchmark's automatic backups (gigabytes for a million lines) go to a folder removed at exit, not the user's
_BACKUPS = tempfile.mkdtemp(prefix="jointledger-bench-backups-")
atexit.register(shutil.rmtree, _BACKUPS, True)
os.environ.setdefault("JOINTLEDGER_BACKUP_DIR", _BACKUPS)

YEAR = 2025
CACHE = Path(tempfile.gettempdir()) / "jointledger-bench"


def build_big_book(path: Path | str, lines: int = 1_000_000, *, seed: int = 1) -> Path:
    """A book with ``lines`` posted voucher lines (4 per voucher) over 12 months and 60 leaf accounts, written
    through the real write layer (change log included). Built once per size and copied from a cache after."""
    path = Path(path)
    cached = CACHE / f"big-{lines}.jlbook"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".building")
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        _build(tmp, lines, seed)
        tmp.rename(cached)
    shutil.copyfile(cached, path)
    Book.open(path).close()  # brings a cached book up to the current schema
    return path


def _build(path: Path, lines: int, seed: int) -> None:
    rng = random.Random(seed)
    book = Book.create(path, name="基准测试联营公司", start=f"{YEAR}-01", user="会计")
    with book.transact(Op.IMPORT):
        banks = [book.accounts.add_sub("102", f"银行{i}") for i in range(10)]
        parties = [book.accounts.add_sub("112", f"往来单位{i}") for i in range(20)]
        costs = [book.accounts.add_sub("513", f"费用{i}") for i in range(15)]
        incomes = [book.accounts.add_sub("501", f"收入{i}") for i in range(15)]
    code = lambda aid: book.accounts.by_id(aid)["code"]  # noqa: E731
    banks, parties, costs, incomes = ([code(a) for a in group] for group in (banks, parties, costs, incomes))
    vouchers = lines // 4
    per_month = vouchers // 12
    book.db.execute("PRAGMA synchronous=OFF")  # building only; the book itself keeps FULL
    for month in range(1, 13):
        with book.transact(Op.IMPORT):
            for _ in range(per_month):
                a, b = rng.randrange(1, 10**6), rng.randrange(1, 10**6)
                day = f"{YEAR}-{month:02d}-{rng.randrange(1, 29):02d}"
                vid = book.vouchers.create(
                    day,
                    [
                        LineInput(rng.choice(banks), "收款", debit_fen=a),
                        LineInput(rng.choice(incomes), "收入", credit_fen=a),
                        LineInput(rng.choice(costs), "付款", debit_fen=b),
                        LineInput(rng.choice(parties), "往来", credit_fen=b),
                    ],
                )
                book.store.update("vouchers", vid, {"status": "reviewed", "reviewer": "审核"})
                book.vouchers._post(book.vouchers.get(vid))
    book.close()


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        t_build, path = timed(lambda: build_big_book(Path(tmp) / "big.jlbook", lines))
        print(f"book with {lines:,} lines ready in {t_build:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        t_open, book = timed(lambda: Book.open(path, readonly=True))
        n = book.db.execute("SELECT count(*) FROM voucher_lines").fetchone()[0]
        t_floor, _ = timed(
            lambda: book.db.execute("SELECT account_id, sum(debit_fen), sum(credit_fen) FROM voucher_lines GROUP BY account_id").fetchall()
        )
        t_tb, tb = timed(lambda: book.reports.trial_balance(YEAR))
        busiest = book.db.execute("SELECT account_id FROM voucher_lines GROUP BY account_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        acode = book.accounts.by_id(busiest)["code"]
        t_ledger, ledger = timed(lambda: book.reports.detail_ledger(acode, YEAR))
        t_check, problems = timed(lambda: book.reports.check())
        t_numbers, _ = timed(lambda: check_numbers(book))
        book.close()
    assert tb["totals"]["balanced"] and not problems
    print(f"lines in book:                 {n:,}")
    print(f"open book:                     {t_open * 1000:8.1f} ms")
    print(f"floor (bare SELECT sum GROUP): {t_floor * 1000:8.1f} ms")
    print(f"full-year trial balance:       {t_tb * 1000:8.1f} ms  ({t_tb / t_floor:.3f}× floor)")
    print(f"detail ledger {acode} ({len(ledger['rows']):,} rows): {t_ledger * 1000:8.1f} ms  ({t_ledger / t_floor:.3f}× floor)")
    print(f"check (integrity + totals):    {t_check * 1000:8.1f} ms")
    print(f"  of which recomputed numbers: {t_numbers * 1000:8.1f} ms  ({t_numbers / t_floor:.3f}× floor)")


if __name__ == "__main__":
    main()
