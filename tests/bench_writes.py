"""Cost of one logged change against the floor of writing the same rows with a bare ``executemany``.

    python tests/bench_writes.py [ROWS]

Both write the same member rows into a book file (WAL, synchronous=FULL) in one transaction; the logged path goes
through the one door (``Book.transact``) and records each row in the hash-chained change log. Prints µs per row
for each and the ratio. A script, not a test: the machines are shared and noisy.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.book import Book  # noqa: E402
from app.core.ops import Op  # noqa: E402


def rows(n: int, prefix: str) -> list[dict]:
    return [{"id": str(uuid.uuid4()), "code": f"{prefix}{i:07d}", "name": f"农户{i}", "kind": "household", "household_size": 1 + i % 6} for i in range(n)]


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = Book.create(Path(tmp) / "bench.jlbook", name="基准测试村", kind="collective", start="2026-01", user="bench")
        floor_rows, logged_rows = rows(n, "F"), rows(n, "L")
        cols = list(floor_rows[0])
        t = time.perf_counter()
        with book.db.atomic():  # one transaction (the connection is in autocommit mode)
            book.db.conn.executemany(
                f"INSERT INTO members ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [[r[c] for c in cols] for r in floor_rows],
            )
        floor = time.perf_counter() - t
        t = time.perf_counter()
        with book.transact(Op.IMPORT):
            for r in logged_rows:
                book.store.insert("members", r)
        logged = time.perf_counter() - t
        size = (Path(tmp) / "bench.jlbook").stat().st_size
        book.close()
    print(f"rows: {n:,}")
    print(f"floor  bare executemany        {floor / n * 1e6:8.1f} µs/row")
    print(f"logged store.insert + change   {logged / n * 1e6:8.1f} µs/row   ({logged / floor:.2f}× floor)")
    print(f"book file after both           {size / 2 / n:8.0f} bytes/row (both halves together / 2)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
