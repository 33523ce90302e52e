"""Share certificates (股权证), one per household from its holdings on a date: number, holder, ID masked, classes
and units, issue date and the organisation's seal area; a register of the certificates issued and replaced. A
household whose holdings changed since its last certificate gets a new one that replaces it; one whose holdings
did not is not issued again."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A5, landscape
from reportlab.pdfgen.canvas import Canvas

from app.core.distribution.documents import safe_filename
from app.core.ids import mask_id
from app.core.money import format_qty
from app.core.ops import Op
from app.core.pdf import layout
from app.core.periods import parse_date
from app.core.store import canonical

if TYPE_CHECKING:
    from app.core.book import Book


def register(book: Book) -> list[dict]:
    """Every certificate issued, with its holder and what replaced it."""
    rows = list(
        book.db.query(
            "SELECT s.*, m.code, m.name, r.number AS replaced_by FROM share_certificates s JOIN members m ON m.id = s.member_id"
            " LEFT JOIN share_certificates r ON r.replaces = s.id ORDER BY s.number"
        )
    )
    for r in rows:
        r["holdings"] = json.loads(r["holdings"])
    return rows


def _current(book: Book) -> dict[str, dict]:
    """member id → its certificate in force (not replaced)."""
    return {
        r["member_id"]: r for r in book.db.query("SELECT * FROM share_certificates WHERE replaced_on IS NULL")
    }


def render(cert: dict, org: str, credit_code: str, classes: list[dict]) -> bytes:
    w, h = landscape(A5)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w, h), pageCompression=1)
    c.setTitle(f"{org} 股权证 {cert['number']}")
    c.setCreator("联营账簿 Joint Ledger")
    c.setLineWidth(2)
    c.rect(18, 18, w - 36, h - 36)
    c.setLineWidth(0.6)
    c.rect(24, 24, w - 48, h - 48)
    left, width = 48, w - 96
    layout.text(c, left, h - 70, org, 15, width=width, align="center")
    layout.text(c, left, h - 104, "股 权 证", 26, width=width, align="center")
    layout.text(c, left, h - 128, f"证号：{cert['number']}", 11, width=width, align="right")
    cols = [width * 0.25, width * 0.25, width * 0.25, width * 0.25]
    y = h - 160
    layout.cell_row(
        c,
        left,
        y,
        cols,
        ["持有人", f"{cert['code']} {cert['name']}", "证件号码", cert["id_masked"] or "—"],
        24,
        11,
        ["center", "left", "center", "left"],
    )
    y -= 24
    units = {cl["name"]: cl["unit"] for cl in classes}
    for name, q in cert["holdings"].items():
        layout.cell_row(
            c,
            left,
            y,
            [width * 0.5, width * 0.5],
            [name, f"{format_qty(q)} {units.get(name, '')}"],
            24,
            11,
            ["center", "right"],
        )
        y -= 24
    layout.text(c, left, 72, f"发证日期：{cert['issued_on']}", 11)
    if cert.get("replaces_number"):
        layout.text(c, left, 54, f"本证换发第 {cert['replaces_number']} 号股权证，原证作废。", 9)
    layout.text(c, left, 36, f"统一社会信用代码：{credit_code or '—'}", 9)
    c.setDash(3, 3)
    c.circle(w - 110, 84, 42)  # the organisation's seal goes here
    c.setDash()
    layout.text(c, w - 160, 80, "（盖章）", 10, width=100, align="center")
    c.showPage()
    c.save()
    return buf.getvalue()


def issue(book: Book, out_dir: str | Path, *, issued_on: str, members: list[str] | None = None) -> list[Path]:
    """Certificates for the households (all, or those with the given codes) whose holdings on ``issued_on`` differ
    from their certificate in force; each new one replaces the old. Returns the PDFs written."""
    book.check(Op.EDIT_SHARES)
    book.require_writable()
    day = parse_date(issued_on, "date").isoformat()
    classes = book.shares.classes()
    class_name = {c["id"]: c["name"] for c in classes}
    people = {m["id"]: m for m in book.db.query("SELECT id, code, name, id_number FROM members")}
    wanted = set(members or [])
    current = _current(book)
    serial = book.db.execute("SELECT count(*) FROM share_certificates").fetchone()[0]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with book.transact(Op.EDIT_SHARES):
        for mid, held in sorted(book.shares.holdings_on(day).items(), key=lambda kv: people[kv[0]]["code"]):
            m = people[mid]
            if wanted and m["code"] not in wanted:
                continue
            holdings = {
                class_name[cid]: q for cid, q in sorted(held.items(), key=lambda kv: class_name[kv[0]])
            }
            old = current.get(mid)
            if old is not None and json.loads(old["holdings"]) == holdings:
                continue
            serial += 1
            number = f"{day[:4]}-{serial:05d}"
            book.store.insert(
                "share_certificates",
                {
                    "number": number,
                    "member_id": mid,
                    "issued_on": day,
                    "holdings": canonical(holdings),
                    "replaces": old["id"] if old else None,
                    "replaced_on": None,
                    "issued_by": book.user,
                },
            )
            if old is not None:
                book.store.update("share_certificates", old["id"], {"replaced_on": day})
            cert = {
                "number": number,
                "code": m["code"],
                "name": m["name"],
                "id_masked": mask_id(m["id_number"]),
                "holdings": holdings,
                "issued_on": day,
                "replaces_number": old["number"] if old else None,
            }
            path = out / f"股权证_{number}_{safe_filename(m['code'])}_{safe_filename(m['name'])}.pdf"
            path.write_bytes(render(cert, book.settings.name, book.settings.credit_code, classes))
            written.append(path)
    return written
