"""What the signed documents say: their contents (plain data, so any process can render them), the verification
codes printed on them, and the record of each document kept in the book for ``verify --code``."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import TYPE_CHECKING

from app.core.distribution.calc import FIXED
from app.core.distribution.plan import parse_plan
from app.core.ids import mask_id
from app.core.money import amount_in_words, format_fen, format_qty
from app.core.ops import Op
from app.core.store import canonical, utc_now

if TYPE_CHECKING:
    from app.core.book import Book


def verification_code(book_id: str, year: int, key: str, amount_fen: int) -> str:
    """12 base32 characters from the book id, year, member code (or "notice") and amount: XXXX-XXXX-XXXX."""
    digest = hashlib.sha256(f"jointledger|{book_id}|{year}|{key}|{amount_fen}".encode()).digest()
    code = base64.b32encode(digest).decode("ascii")[:12]
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalize_code(text: str) -> str:
    raw = re.sub(r"[^A-Z2-7]", "", text.upper())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:12]}"


def safe_filename(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "member"


def participating(record: dict, classes: list[dict], lines: list[dict] | None = None) -> list[dict]:
    """The share classes that take part in the distribution (a weight, a rate or a fixed return), in the book's
    order; with ``lines``, only those some member holds (a class only the collective holds has its own line)."""
    plan = parse_plan(record["plan"])
    by_class = {c for c, w in plan.weights.items() if w} | set(plan.rates)
    used = by_class | {f.share_class for f in plan.fixed_returns}
    fixed = {f.share_class: str(f.percent) for f in plan.fixed_returns}
    rates = details(record).get("rates") or {}
    return [
        {
            "name": c["name"],
            "unit": c["unit"],
            "weighted": c["name"] in by_class,
            "fixed_percent": fixed.get(c["name"]),
            "rate_fen": rates.get(c["name"]),
        }
        for c in classes
        if c["name"] in used and (lines is None or any(ln["units"].get(c["name"]) for ln in lines))
    ]


def details(record: dict) -> dict:
    """The per-share figures, the collective's part and the deductions recorded with a distribution."""
    return json.loads(record.get("details") or "{}")


def _base(book: Book, record: dict) -> dict:
    extra = details(record)
    return {
        "mode": extra.get("mode", "pool"),
        "remainder_fen": sum(extra.get("remainders", {}).values()),
        "remainder_to": extra.get("remainder_to", "未分配收益"),
        "collective": extra.get("collective", []),
        "collective_to": extra.get("collective_to", "未分配收益"),
        "org": book.settings.name,
        "credit_code": book.settings.credit_code,
        "year": record["year"],
        "record_date": record["record_date"],
        "date": record["date"],
        "distributable_fen": record["distributable_fen"],
        "pool_fen": record["pool_fen"],
        "withholdings": [
            {"name": w["name"], "amount_fen": w["amount_fen"]} for w in json.loads(record["withholdings"])
        ],
    }


def statement_contents(book: Book, record: dict, lines: list[dict]) -> list[dict]:
    """One statement per member line (no row for a class the collective holds and the member does not)."""
    classes = participating(record, book.shares.classes())
    kept = {name for c in details(record).get("collective", []) for name in c["units"]}
    book_id = book.settings.get("book_id")
    base = _base(book, record)
    out = []
    for ln in lines:
        rows = []
        for c in classes:
            units = ln["units"].get(c["name"], 0)
            if not units and c["name"] in kept:
                continue
            held = f"{format_qty(units)} {c['unit']}"
            if c["fixed_percent"] is not None and ln["parts"].get(FIXED):
                rows.append(
                    {
                        "label": f"保底收益（{c['name']} {c['fixed_percent']}%）",
                        "units": held,
                        "amount_fen": ln["parts"][FIXED],
                    }
                )
            if c["weighted"]:
                label = (
                    c["name"]
                    if c["rate_fen"] is None
                    else f"{c['name']}（每{c['unit']} {format_fen(c['rate_fen'])} 元）"
                )
                rows.append({"label": label, "units": held, "amount_fen": ln["parts"].get(c["name"], 0)})
        out.append(
            {
                **base,
                "kind": "statement",
                "member_id": ln["member_id"],
                "code": ln["code"],
                "name": ln["name"],
                "id_masked": mask_id(ln["id_number"]),
                "rows": rows,
                "amount_fen": ln["amount_fen"],
                "deductions": [
                    {"reason": d["reason"], "amount_fen": d["amount_fen"]} for d in ln["deductions"]
                ],
                "net_fen": ln["net_fen"],
                "words": amount_in_words(ln["net_fen"], prefix=True),
                "verification": verification_code(book_id, record["year"], ln["code"], ln["amount_fen"]),
            }
        )
    return out


def notice_content(
    book: Book,
    record: dict,
    lines: list[dict],
    *,
    start: str,
    days: int,
    end: str,
    objections: str,
    signed: bool = True,
) -> dict:
    """What the public notice says (``signed=False``: the plan notice, which has no verification code)."""
    classes = participating(record, book.shares.classes(), lines)
    return {
        **_base(book, record),
        "kind": "notice",
        "classes": classes,
        "has_fixed": any(c["fixed_percent"] is not None for c in classes),
        "members": [
            {
                "code": ln["code"],
                "name": ln["name"],
                "id_masked": mask_id(ln["id_number"]),
                "units": ln["units"],
                "parts": ln["parts"],
                "amount_fen": ln["amount_fen"],
                "deductions_fen": ln["amount_fen"] - ln["net_fen"],
                "net_fen": ln["net_fen"],
            }
            for ln in lines
        ],
        "has_deductions": any(ln["net_fen"] != ln["amount_fen"] for ln in lines),
        "start": start,
        "days": days,
        "end": end,
        "objections": objections,
        "verification": verification_code(
            book.settings.get("book_id"), record["year"], "notice", record["pool_fen"]
        )
        if signed
        else "",
    }


def kept(content: dict) -> list[tuple[str, int, str]]:
    """What a document says stays in the collective: (label, fen, where) for each 集体股 holder and the 尾差."""
    out = [
        (f"集体股（{x['name']}）", x["amount_fen"], content["collective_to"])
        for x in content.get("collective", [])
    ]
    if content.get("remainder_fen"):
        out.append(("尾差", content["remainder_fen"], content["remainder_to"]))
    return out


def save(book: Book, distribution_id: str, contents: list[dict]) -> None:
    """Keep what each document said, under its verification code (a second printing updates the record)."""
    known = {
        code: (rid, content)
        for rid, code, content in book.db.execute(
            "SELECT id, code, content FROM distribution_documents WHERE distribution_id = ?",
            [distribution_id],
        ).fetchall()
    }
    now = utc_now()
    with book.transact(Op.SIGN_DOCUMENTS):
        for c in contents:
            text = canonical(c)
            old = known.get(c["verification"])
            if old is None:
                book.store.insert(
                    "distribution_documents",
                    {
                        "distribution_id": distribution_id,
                        "member_id": c.get("member_id"),
                        "kind": c["kind"],
                        "code": c["verification"],
                        "content": text,
                        "signed_at": now,
                    },
                )
            elif old[1] != text:
                book.store.update("distribution_documents", old[0], {"content": text, "signed_at": now})


def find(book: Book, code: str) -> dict | None:
    row = next(
        iter(book.db.query("SELECT * FROM distribution_documents WHERE code = ?", [normalize_code(code)])),
        None,
    )
    if row:
        row["content"] = json.loads(row["content"])
    return row
