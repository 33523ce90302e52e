"""Benchmark of sync by file exchange. Run: python tests/bench_sync.py [--changes N] [--sizes L1,L2,...]

1. A sync file carrying N changes (default 100,000): export time, import time, file size.
2. A 10-change sync between two replicas of a book with L voucher lines (default 40,000 and 1,000,000, built
   with tests/bench_core.build_big_book): export + import time, which must not grow with the book.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import build_big_book  # noqa: E402

from app.core.book import Book  # noqa: E402
from app.core.ops import Op
from app.core.sync import replicas  # noqa: E402
from app.core.vouchers import LineInput as L  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def pair_from_copy(origin: Path, copy: Path) -> tuple[Book, Book]:
    """Two replicas of one book: the copy joins as the seed would make it (without packing the book in a file)."""
    a = Book.open(origin)
    invited = replicas.invitation(a)
    a.close()
    shutil.copyfile(origin, copy)
    a = Book.open(origin)
    b = replicas.adopt(copy, invited, "副本", replicas.identity(a).sign_key)
    return a, b


def many_changes(tmp: Path, n: int) -> None:
    origin = tmp / "a.jlbook"
    Book.create(origin, name="基准测试联营公司", start="2025-01", user="会计").close()
    a, b = pair_from_copy(origin, tmp / "b.jlbook")
    with a.transact(Op.IMPORT):
        for i in range(n):
            a.store.insert("members", {"code": f"M{i:06d}", "name": f"成员{i}", "kind": "person", "phone": "13800000000", "note": ""})
    t_export, out = timed(lambda: a.sync.export(tmp / "many.jlsync", full=True))
    t_import, rep = timed(lambda: b.sync.import_file(tmp / "many.jlsync", backup=False))
    assert rep["applied"] >= n
    print(f"{out['changes']:,} changes: export {t_export:.1f} s, import {t_import:.1f} s, file {out['bytes'] / 1e6:.1f} MB")
    a.close()
    b.close()


def small_sync_on_big_book(tmp: Path, lines: int) -> None:
    origin = build_big_book(tmp / f"big-{lines}.jlbook", lines)
    a, b = pair_from_copy(origin, tmp / f"copy-{lines}.jlbook")
    b.sync.export(tmp / "hello.jlsync")
    a.sync.import_file(tmp / "hello.jlsync", backup=False)
    member = a.members.add(code="M1", name="东岭村", kind="collective")
    for i in range(4):
        a.members.update(member, note=f"第{i}次")
    vid = a.vouchers.create("2025-12-20", [L("10201", "收租金", debit_fen=100), L("50101", "", credit_fen=100)])
    a.user = "审核"
    a.vouchers.review(vid)
    a.vouchers.post(vid)  # ten changes: a member, four edits, a voucher of two lines, its review and posting
    t_export, out = timed(lambda: a.sync.export(tmp / "ten.jlsync", for_replica=b.replica_id))
    t_import, rep = timed(lambda: b.sync.import_file(tmp / "ten.jlsync", backup=False))
    t_backup, _ = timed(lambda: b.backups.before("sync"))
    assert out["changes"] == 11 and rep["applied"] == 10  # + the writer's registration, which every file carries and b.reports.trial_balance(2025)["totals"]["balanced"]
    print(f"{lines:>9,} lines: 10-change export {t_export * 1000:6.1f} ms, import {t_import * 1000:6.1f} ms"
          f"  (the backup taken before an import: {t_backup:.1f} s)")
    a.close()
    b.close()
    for p in tmp.glob(f"*-{lines}.jlbook*"):
        p.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--sizes", default="40000,1000000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOINTLEDGER_HOME"] = str(Path(tmp) / "home")
        many_changes(Path(tmp), args.changes)
        for lines in (int(s) for s in args.sizes.split(",")):
            small_sync_on_big_book(Path(tmp), lines)


if __name__ == "__main__":
    main()
