"""Benchmark: the distribution of a village collective with 5,000 households, end to end.

    python tests/bench_distribution.py [--households 5000] [--keep DIR]

Unix only (CPU times from ``resource``). Times the plan preview (pool and per-share mode), the meeting and the
plan notice (方案公示), the posting (draft voucher, reviewed and posted by a second user), 5,000 signed
statements (worker processes) and the signed notice; goal: under 60 s in all on a 2-core machine. It also times,
in one process, a statement rendered and signed against the floor: a bare unsigned reportlab page with the same
text (same font, no boxes, no QR code), and reports the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("JOINTLEDGER_PASSPHRASE", "bench-passphrase")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.core.book import Book  # noqa: E402
from app.core.demo import GIVEN, SURNAMES  # noqa: E402
from app.core.distribution import documents, posting  # noqa: E402
from app.core.distribution.statement_pdf import render_statement  # noqa: E402
from app.core.ids import make_resident_id  # noqa: E402
from app.core.money import format_fen  # noqa: E402
from app.core.ops import Op
from app.core.pdf import keys  # noqa: E402
from app.core.pdf.fonts import register  # noqa: E402

PLAN = Path(__file__).resolve().parent.parent / "examples" / "plan-collective.toml"
SAMPLE = 300


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the statement workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bare_page(s: dict) -> bytes:
    """The floor: the statement's text on a page, nothing else."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setFont(register(), 12)
    texts = [s["org"], f"{s['year']}年度收益分配明细单", s["code"], s["name"], s["id_masked"], s["verification"], s["words"],
             format_fen(s["amount_fen"])] + [f"{r['label']} {r['units']} {format_fen(r['amount_fen'])}" for r in s["rows"]]
    for i, t in enumerate(texts):
        c.drawString(56, 780 - 20 * i, t)
    c.showPage()
    c.save()
    return buf.getvalue()


def build_book(path: Path, households: int) -> Book:
    """A village collective with ``households`` households holding 人口股 and 农龄股 (unique ID numbers)."""
    rng = random.Random(5)
    book = Book.create(path, name="东岭村股份经济合作社", kind="collective", start="2025-01", user="会计")
    with book.transact(Op.IMPORT):
        for h in range(1, households + 1):
            code = f"H{h:05d}"
            born = dt.date(1940, 1, 1) + dt.timedelta(days=h * 3)
            book.members.add(code=code, name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), kind="household",
                             id_number=make_resident_id("330106", born, h % 997 + 1), household_size=rng.randrange(1, 7))
            book.shares.set_holding(code, "人口股", rng.randrange(1, 7) * 10000, "2025-01-01")
            book.shares.set_holding(code, "农龄股", rng.randrange(5, 120) * 10000, "2025-01-01")
    return book


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=5000)
    ap.add_argument("--keep", default=None, help="Write into this folder and keep it.")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="jl-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    book_path = work / "bench.jlbook"
    for suffix in ("", "-wal", "-shm"):
        Path(str(book_path) + suffix).unlink(missing_ok=True)
    t = time.perf_counter()
    book = build_book(book_path, args.households)
    keys.load_signer(book)  # the key is made when the book is set up (not timed below)
    print(f"book with {args.households} households: {time.perf_counter() - t:.1f} s (not counted)")
    times: dict[str, float] = {}

    cpu: dict[str, float] = {}

    def step(name: str, fn):
        t0, c0 = time.perf_counter(), cpu_seconds()
        result = fn()
        times[name] = time.perf_counter() - t0
        cpu[name] = cpu_seconds() - c0
        print(f"{name:<28}{times[name]:8.2f} s  (CPU {cpu[name]:6.2f} s, worker processes included)")
        return result

    plan = PLAN.read_text(encoding="utf-8").replace('distributable = "auto"', 'distributable = "2345678.91"')
    preview = step("plan preview", lambda: book.distribution.preview(plan))
    assert sum(m.amount_fen for m in preview.result.members) == preview.result.pool_fen
    per_share = plan.replace('record_date = "2025-12-31"', 'record_date = "2025-12-31"\nmode = "per_share"\nrate_unit = "0.1"')
    shares = step("per-share preview", lambda: book.distribution.preview(per_share)).result
    assert shares.members_fen + shares.remainder_fen == shares.pool_fen
    n = len(preview.result.members)
    step("meeting recorded", lambda: book.distribution.record_meeting(
        plan, held_on="2025-12-20", body="成员代表大会", entitled=n, attended=n, votes_for=n, votes_against=0, abstained=0,
        resolution="2025-1"))
    step("plan notice (方案公示)", lambda: book.distribution.write_plan_notice(plan, work / "plan-notice.pdf", start="2025-12-21"))
    step("posting (draft voucher)", lambda: book.distribution.post(plan))

    def review_and_post():
        vid = book.distribution.record(2025)["voucher_id"]
        book.user = "审核"
        book.vouchers.review(vid)
        book.vouchers.post(vid)
        book.user = "会计"

    step("review and post voucher", review_and_post)
    paths = step("signed statements", lambda: book.distribution.write_statements(2025, work / "statements"))
    step("signed notice", lambda: book.distribution.write_notice(2025, work / "notice.pdf"))
    total = sum(times.values())
    print(f"{'total':<28}{total:8.2f} s  (goal < 60 s) for {len(paths)} statements; CPU {sum(cpu.values()):.1f} s")
    print(f"load average while running: {os.getloadavg()[0]:.1f} (other programs share the {os.cpu_count()} CPUs)")
    print(f"statements: {1000 * times['signed statements'] / len(paths):.2f} ms each, wall clock, {os.cpu_count()} CPUs")
    # one process: statement vs floor
    record = posting.require(book, 2025)
    contents = documents.statement_contents(book, record, posting.lines(book, record["id"])[:SAMPLE])
    signer = keys.load_signer(book)
    t0 = time.process_time()
    for c in contents:
        bare_page(c)
    floor = (time.process_time() - t0) / len(contents)
    t0 = time.process_time()
    pdfs = [render_statement(c) for c in contents]
    render = (time.process_time() - t0) / len(contents)
    t0 = time.process_time()
    for p in pdfs:
        signer.sign(p)
    sign = (time.process_time() - t0) / len(contents)
    print(f"one process, CPU time per statement: floor (bare unsigned page) {1000 * floor:.2f} ms; "
          f"statement {1000 * render:.2f} ms + signature {1000 * sign:.2f} ms = {1000 * (render + sign):.2f} ms "
          f"= {(render + sign) / floor:.2f} × the floor")
    book.close()
    print(f"files in {work}")


if __name__ == "__main__":
    main()
