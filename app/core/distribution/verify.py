"""Checking a statement or notice: the PDF's signature, and against the book whether its figures are those of the
posted distribution; a printed copy is checked by the verification code printed on it.

Without the book, an intact signature proves only that nobody changed the file since someone signed it: anyone
can make a certificate in any name, so the signer is unchecked (its fingerprint is shown, to compare with the one
printed on the document). With the book, the certificate must be one of the book's, and what is printed on the
pages (member, amounts, year: the pages' text) must be what the book's document for that code prints.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.distribution import documents, posting
from app.core.errors import BookError
from app.core.i18n import _
from app.core.pdf import keys
from app.core.pdf.verify import check, page_texts

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


def printed_matches(doc: dict, data: bytes) -> bool:
    """Whether the pages print what the book's document prints: rendered again from the book, text for text."""
    from app.core.distribution.notice_pdf import render_notice
    from app.core.distribution.statement_pdf import render_statement

    content = doc["content"]
    shown = page_texts(data)
    if content["kind"] == "statement":
        return shown == page_texts(render_statement(content))
    return any(shown == page_texts(render_notice(content, paper)) for paper in ("A4", "A3"))


def verify_file(path: str | Path, book: Book | None = None) -> dict:
    """The signature of a statement or notice, and with a book whether its figures match the distribution."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise BookError(
            _("无法读取“{p}”（{e}）。", "Cannot read “{p}” ({e}).", p=path, e=e.strerror)
        ) from None
    result = check(data, keys.certificates(book) if book is not None else None)
    out = asdict(result) | {"ok": result.ok and book is not None, "ok_without_book": result.ok,
                            "signer_checked": book is not None and result.trusted}
    parts = result.keywords.split(":")
    out["code"] = parts[2] if len(parts) == 3 and parts[0] == "jointledger" else ""
    if book is not None:
        doc = documents.find(book, out["code"]) if out["code"] else None
        out["known"] = doc is not None
        out["printed_matches"] = bool(doc) and result.whole_file and printed_matches(doc, data)
        out["figures_match"] = bool(doc) and out["printed_matches"] and figures_match(book, doc)
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
