"""The sync step of the headless demo: write a sync file of the demo book."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.book import Book


def demo_step(book: Book, outdir: Path) -> list[str]:
    """Export every change of the book as a signed, encrypted sync file in ``outdir``; lines to print."""
    path = Path(outdir) / book.sync.default_file_name()
    result = book.sync.export(path, full=True)
    status = book.sync.status()
    me = next(r for r in status["replicas"] if r["this"])
    return [
        _("同步文件：{p}", "Sync file: {p}", p=path),
        _(
            "  {n} 条修改，{k} 字节，由副本“{r}”签名并加密，写入后已读回校验；凭证由记账副本统一编号。",
            "  {n} changes, {k} bytes, signed and encrypted by the replica “{r}”, read back after writing; vouchers "
            "are numbered by the posting replica.",
            n=result["changes"],
            k=result["bytes"],
            r=me["name"],
        ),
    ]
