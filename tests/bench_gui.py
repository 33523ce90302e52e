"""GUI benchmark (a script, not a test): cold start to the first window shown (goal < 1.5 s), with and without
reopening a book, and the members table over 100,000 members (first page, a page deep down, a filter).

    QT_QPA_PLATFORM=offscreen python tests/bench_gui.py [--members 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("JOINTLEDGER_PASSWORD", "bench-password")  # the demo's users log in without the dialog

CHILD = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from app.core.ops import Op
from app.gui.app import create_app, MainWindow
app = create_app([])
window = MainWindow()
window.show()
if len(sys.argv) > 2:
    window.open(sys.argv[2])
def shown():
    print(f"{time.time() - t0:.3f}")
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def cold_start(book: str | None, runs: int) -> list[float]:
    """Seconds from launching a new Python process to the main window's first event-loop turn."""
    times = []
    for _ in range(runs):
        args = [sys.executable, "-c", CHILD, repr(time.time())] + ([book] if book else [])
        out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120, env={**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp()})
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def big_book(path: Path, members: int) -> Path:
    from app.core.book import Book
    from app.core.ops import Op

    if path.exists():
        return path
    book = Book.create(path, name="大村", kind="collective", start="2025-01")
    with book.transact(Op.IMPORT):
        for i in range(members):
            book.members.add(code=f"H{i:06d}", name=f"农户{i}", kind="household", household_size=1 + i % 6)
    book.close()
    return path


def table_numbers(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.core.book import Book
    from app.gui.context import AppContext
    from app.gui.pages.members import MembersPage

    QApplication.instance() or QApplication([])
    ctx = AppContext()
    page = MembersPage(ctx)
    page.resize(1200, 700)
    page.show()
    t = time.perf_counter()
    ctx.set_book(Book.open(path, readonly=True))
    page.book_changed()
    print(f"members table, first page of {page.table.model.total:,}: {(time.perf_counter() - t) * 1000:.0f} ms")
    model = page.table.model
    steps = []
    while model.canFetchMore() and len(steps) < 50:
        t = time.perf_counter()
        model.fetchMore()
        steps.append(time.perf_counter() - t)
    print(f"fetchMore (scrolling, {model.batch} rows): median {statistics.median(steps) * 1000:.1f} ms, max {max(steps) * 1000:.1f} ms")
    t = time.perf_counter()
    model.text, model.rows = "", []
    deep = model._fetch("", "code", False, model.total - model.batch, model.batch)
    print(f"one page at the end of the list: {(time.perf_counter() - t) * 1000:.1f} ms ({deep[-1]['code']})")
    t = time.perf_counter()
    page.table.filter.setText("农户9999")
    page.table.apply_filter()
    print(f"filter '农户9999' ({model.total} matches): {(time.perf_counter() - t) * 1000:.0f} ms")
    ctx.set_book(None)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--members", type=int, default=100_000)
    args = parser.parse_args()
    from app.core.demo import build_demo

    folder = Path(tempfile.mkdtemp())
    demo = folder / "demo.jlbook"
    build_demo(demo, year=2025).close()
    for label, book in (("cold start, start screen", None), ("cold start, reopening the demo book", str(demo))):
        times = cold_start(book, args.runs)
        print(f"{label}: median {statistics.median(times):.2f} s, best {min(times):.2f} s (goal < 1.5 s)")
    t = time.perf_counter()
    path = big_book(Path(tempfile.gettempdir()) / f"bench-members-{args.members}.jlbook", args.members)
    print(f"book with {args.members:,} members ready in {time.perf_counter() - t:.1f} s")
    table_numbers(path)


if __name__ == "__main__":
    main()
