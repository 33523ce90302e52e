"""GUI benchmark (a script, not a test): cold start to the first window shown (goal < 1.5 s) and the memory it takes,
on the start screen and with the demo book open, beside a bare PySide6 window (the floor), and the members table over 100,000 members (first page, a page deep down, a filter).

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
os.environ.setdefault("JOINTLEDGER_PASSWORD", "bench-password")  # the demo users' password, typed into the login

CHILD = """
import os, resource, sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
if sys.argv[2] == "floor":  # a bare Qt window: what any PySide6 app costs on this machine
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
else:
    from app.gui.app import create_app, MainWindow
    from app.gui.login import LoginDialog
    def typed(dialog):  # the demo's users log in through the dialog, the password typed as a person would
        dialog.user.setCurrentText("admin")
        dialog.password.setText(os.environ["JOINTLEDGER_PASSWORD"])
        dialog.log_in()
        return dialog.result()
    LoginDialog.exec = typed
    app = create_app([])
    window = MainWindow()
window.show()
if sys.argv[2] not in ("floor", "start"):
    window.open(sys.argv[2])
def shown():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.time() - t0:.3f} {rss:.0f}")
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def cold_start(mode: str, runs: int) -> list[tuple[float, float]]:
    """(seconds, peak resident MB) from launching a new Python process to the window's first event-loop turn;
    ``mode`` is "floor" (a bare Qt window), "start" (the start screen) or a book to open."""
    out_ = []
    for _ in range(runs):
        args = [sys.executable, "-c", CHILD, repr(time.time()), mode]
        out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120, env={**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp()})
        seconds, mb = out.stdout.strip().splitlines()[-1].split()
        out_.append((float(seconds), float(mb)))
    return out_


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
    floor = cold_start("floor", args.runs)
    floor_s, floor_mb = statistics.median(t for t, _m in floor), statistics.median(m for _t, m in floor)
    print(f"floor, a bare PySide6 window: median {floor_s:.2f} s, {floor_mb:.0f} MB resident")
    for label, mode in (("cold start, start screen", "start"), ("cold start, the demo book open", str(demo))):
        runs = cold_start(mode, args.runs)
        times, mbs = [t for t, _m in runs], [m for _t, m in runs]
        print(
            f"{label}: median {statistics.median(times):.2f} s, best {min(times):.2f} s (goal < 1.5 s; floor {floor_s:.2f} s); "
            f"{statistics.median(mbs):.0f} MB resident (floor {floor_mb:.0f} MB)"
        )
    t = time.perf_counter()
    path = big_book(Path(tempfile.gettempdir()) / f"bench-members-{args.members}.jlbook", args.members)
    print(f"book with {args.members:,} members ready in {time.perf_counter() - t:.1f} s")
    table_numbers(path)


if __name__ == "__main__":
    main()
