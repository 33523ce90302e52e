"""The headless demo's distribution step on the joint demo book."""

import shutil

from app.core.book import Book
from app.core.distribution.demo import demo_step


def test_demo_step_posts_and_writes_signed_documents(demo_file, tmp_path):
    path = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, path)
    book = Book.open(path, user="会计")
    try:
        lines = demo_step(book, tmp_path)
        assert lines[0].startswith("Distribution 2025: distributable 1,108,062.31")
        assert "Signed statements: 6" in lines[1] and lines[-1].split(": ")[1].startswith("OK")
        assert (tmp_path / "notice.pdf").exists() and len(list((tmp_path / "statements").glob("*.pdf"))) == 6
        assert book.vouchers.get(book.distribution.record(2025)["voucher_id"]).status == "posted"
        assert (
            sum(r["amount_fen"] for r in book.distribution.payouts(2025))
            == book.distribution.record(2025)["pool_fen"]
        )
    finally:
        book.close()
