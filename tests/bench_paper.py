"""Benchmark: a year's vouchers (1,500) and a year's books printed for the archive, against the floor.

    python tests/bench_paper.py [--vouchers 1500] [--keep DIR]

Builds a book with a year of posted vouchers (2 to 7 lines each, some longer than a form), then times:
the vouchers on 凭证纸 241×140 with a cover per month; every 明细账 with activity; the 总账; the cash and bank
journals; the three statements. Each figure is printed beside its floor measured in the same run: the same pages
drawn with bare reportlab (the same texts at the same places in the same font, one ``drawString`` each, no rules,
no fitting, no queries), replayed from what the layout recorded. Times are CPU seconds of this process (the
machines are shared: wall time mostly measures the neighbours).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.core.book import Book  # noqa: E402
from app.core.ops import Op  # noqa: E402
from app.core.paper import books, statements  # noqa: E402
from app.core.paper import vouchers as pv  # noqa: E402
from app.core.paper.page import MM, PAPERS  # noqa: E402
from app.core.pdf.fonts import register  # noqa: E402
from app.core.vouchers import LineInput  # noqa: E402

YEAR = 2025


def build(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    book = Book.create(path, name="基准测试村股份经济合作社", start=f"{YEAR}-01", user="会计")
    with book.transact(Op.IMPORT):
        banks = [book.accounts.add_sub("102", f"银行{i}") for i in range(3)]
        costs = [book.accounts.add_sub("513", f"办公及差旅费用明细{i}") for i in range(12)]
        incomes = [book.accounts.add_sub("501", f"经营收入明细{i}") for i in range(8)]
    code = lambda aid: book.accounts.by_id(aid)["code"]  # noqa: E731
    banks, costs, incomes = ([code(a) for a in group] for group in (banks, costs, incomes))
    book.db.execute("PRAGMA synchronous=OFF")  # building only
    per_month = count // 12
    for month in range(1, 13):
        with book.transact(Op.IMPORT):
            for _ in range(per_month):
                day = f"{YEAR}-{month:02d}-{rng.randrange(1, 29):02d}"
                n = rng.choice((1, 1, 1, 2, 3, 6))  # a few vouchers run over one form
                amounts = [rng.randrange(100, 10**7) for _ in range(n)]
                cash = rng.choice(["101", *banks])
                if rng.random() < 0.5:
                    lines = [LineInput(rng.choice(costs), "支付费用", debit_fen=a) for a in amounts]
                    lines.append(LineInput(cash, "付款", credit_fen=sum(amounts)))
                else:
                    lines = [LineInput(cash, "收到款项", debit_fen=sum(amounts))]
                    lines += [LineInput(rng.choice(incomes), "经营收入", credit_fen=a) for a in amounts]
                vid = book.vouchers.create(day, lines, attachments=rng.randrange(0, 5))
                book.store.update("vouchers", vid, {"status": "reviewed", "reviewer": "审核"})
                book.vouchers._post(book.vouchers.get(vid))
    book.close()


def floor(cells: list[tuple], size: tuple[float, float]) -> float:
    """Seconds to draw the recorded texts at their places with bare reportlab (9 pt, one drawString each)."""
    t = time.process_time()
    c = Canvas(io.BytesIO(), pagesize=size)
    font = register()
    page = 1
    c.setFont(font, 9)
    for n, x0, _y0, _x1, y1, text in cells:
        while n > page:
            c.showPage()
            c.setFont(font, 9)
            page += 1
        c.drawString(x0, size[1] - y1, text)
    c.showPage()
    c.save()
    return time.process_time() - t


def timed(label: str, paper: str, run) -> None:
    cells: list[tuple] = []
    t = time.process_time()
    pages = run(cells)
    took = time.process_time() - t
    p = PAPERS[paper]
    bare = floor(cells, (p.width_mm * MM, p.height_mm * MM))
    print(
        f"{label:<34} {pages:>5} pages {took:>7.2f} s   floor {bare:>6.2f} s   ratio {took / bare:>5.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vouchers", type=int, default=1500)
    parser.add_argument("--keep", type=Path, default=None, help="Write the PDFs into this folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = Path(tmp) / "bench.jlbook"
        t = time.process_time()
        build(path, args.vouchers)
        print(f"built a book of {args.vouchers} vouchers in {time.process_time() - t:.1f} s CPU", flush=True)
        book = Book.open(path, readonly=True, user="会计")
        try:
            chosen = pv.select(book, pv.Selection(YEAR))
            timed(
                f"{len(chosen)} vouchers + 12 covers",
                "voucher-241x140",
                lambda cells: pv.print_vouchers(
                    book, chosen, folder / "vouchers.pdf", cover=True, cells=cells
                ),
            )
            for kind in books.KINDS:
                codes = books.accounts_with_activity(book, kind, YEAR)
                timed(
                    f"{kind} ({len(codes)} accounts)",
                    "a4",
                    lambda cells, kind=kind, codes=codes: books.print_books(
                        book, kind, codes, YEAR, folder / f"{kind}.pdf", cells=cells
                    ),
                )
            for kind in statements.KINDS:
                paper = "a4-landscape" if kind == "trial-balance" else "a4"
                timed(
                    kind,
                    paper,
                    lambda cells, kind=kind: statements.print_statement(
                        book, kind, YEAR, folder / f"{kind}.pdf", cells=cells
                    ),
                )
        finally:
            book.close()


if __name__ == "__main__":
    main()
