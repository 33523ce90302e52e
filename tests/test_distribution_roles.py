"""Only the head (负责人) approves a distribution's voucher; the reviewer then posts it."""

import shutil

import pytest
from test_distribution_support import adopt

from app.core.book import Book
from app.core.distribution.demo import JOINT_PLAN
from app.core.errors import BookError


def test_head_approves_the_distribution(demo_file, tmp_path):
    path = tmp_path / "demo.jlbook"
    shutil.copy(demo_file, path)
    with Book.open(path, user="会计") as book:
        plan = JOINT_PLAN.format(year=2025, next=2026)
        adopt(book, plan)
        book.distribution.post(plan)
        voucher = book.distribution.record(2025)["voucher_id"]
        book.user = "审核"
        with pytest.raises(BookError, match="权限"):
            book.vouchers.review(voucher)
        book.user = "主任"
        book.vouchers.review(voucher)
        with pytest.raises(BookError, match="权限"):
            book.vouchers.post(voucher)  # the head approves but does not post
        book.user = "审核"
        book.vouchers.post(voucher)
        assert book.vouchers.get(voucher).status == "posted"
        assert book.vouchers.get(voucher).reviewer == "主任"
