"""Checking a statement or notice: the PDF's signature, and against the book whether its figures are those of the
posted distribution; a printed copy is checked by the verification code printed on it."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.distribution import documents, posting
from app.core.errors import BookError
from app.core.i18n import _
from app.core.pdf import keys
from app.core.pdf.verify import check

if TYPE_CHECKING:
    from app.core.book import Book


def figures_match(book: Book, doc: dict) -> bool:
    """Whether what the document said is what the book's distribution says now."""
    content = doc["content"]
    record = posting.existing(book, content["year"])
    if record is None or record["id"] != doc["distribution_id"]:
        return False
    lines = {ln["code"]: ln for ln in posting.lines(book, record["id"])}
    if content["kind"] == "statement":
        ln = lines.get(content["code"])
        return (
            ln is not None
            and ln["amount_fen"] == content["amount_fen"]
            and ln["net_fen"] == content.get("net_fen", ln["amount_fen"])
            and sum(r["amount_fen"] for r in content["rows"]) == ln["amount_fen"]
        )
    shown = {m["code"]: (m["amount_fen"], m["parts"]) for m in content["members"]}
    return content["pool_fen"] == record["pool_fen"] and shown == {
        c: (ln["amount_fen"], ln["parts"]) for c, ln in lines.items()
    }


def verify_file(path: str | Path, book: Book | None = None) -> dict:
    """The signature of a statement or notice, and with a book whether its figures match the distribution."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise BookError(
            _("无法读取“{p}”（{e}）。", "Cannot read “{p}” ({e}).", p=path, e=e.strerror)
        ) from None
    result = check(data, keys.certificates(book) if book is not None else None)
    out = asdict(result) | {"ok": result.ok}
    parts = result.keywords.split(":")
    out["code"] = parts[2] if len(parts) == 3 and parts[0] == "jointledger" else ""
    if book is not None:
        doc = documents.find(book, out["code"]) if out["code"] else None
        out["known"] = doc is not None
        out["figures_match"] = bool(doc) and figures_match(book, doc)
        out["ok"] = out["ok"] and result.trusted and out["figures_match"]
        if doc:
            out["document"] = doc["content"]
    return out


def verify_code(book: Book, code: str) -> dict:
    """What the statement (or notice) with this printed code said, and whether the book still agrees."""
    doc = documents.find(book, code)
    if doc is None:
        raise BookError(
            _(
                "账簿中没有校验码为 {c} 的明细单或公示。",
                "The book has no statement or notice with the code {c}.",
                c=documents.normalize_code(code),
            )
        )
    return {
        "code": doc["code"],
        "kind": doc["kind"],
        "signed_at": doc["signed_at"],
        "figures_match": figures_match(book, doc),
        "document": doc["content"],
    }
