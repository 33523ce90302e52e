"""Paying the members (发放): each payment is a draft voucher (Dr the member's sub-account, Cr cash or bank)
that another user reviews and posts. A payment counts as paid once its voucher is posted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.money import format_fen
from app.core.ops import Op
from app.core.periods import parse_date
from app.core.vouchers import LineInput

if TYPE_CHECKING:
    from app.core.book import Book

_STATUS = """
SELECT l.id AS line_id, m.code, m.name, coalesce(l.net_fen, l.amount_fen) AS amount_fen, a.code AS account_code,
  coalesce(sum(CASE WHEN v.status = 'posted' THEN p.amount_fen END), 0) AS paid_fen,
  coalesce(sum(CASE WHEN v.status IN ('draft', 'reviewed') THEN p.amount_fen END), 0) AS pending_fen,
  max(CASE WHEN v.id IS NOT NULL THEN p.paid_on END) AS last_paid_on,
  group_concat(CASE WHEN v.id IS NOT NULL THEN p.paid_by END, '、') AS paid_by,
  coalesce((SELECT sum(r.amount_fen) FROM distribution_returns r JOIN distribution_payouts rp ON rp.id = r.payout_id
            JOIN vouchers rv ON rv.id = r.voucher_id WHERE rp.line_id = l.id), 0) AS returned_fen
FROM distribution_lines l JOIN members m ON m.id = l.member_id JOIN accounts a ON a.id = l.account_id
LEFT JOIN distribution_payouts p ON p.line_id = l.id LEFT JOIN vouchers v ON v.id = p.voucher_id
WHERE l.distribution_id = ? {where} GROUP BY l.id ORDER BY m.code
"""


def status(book: Book, distribution_id: str, member: str | None = None) -> list[dict]:
    """Per member: amount (net of deductions), paid (posted payments), pending (draft payments), returned by the
    bank, unpaid, last date, paid by whom."""
    params: list = [distribution_id]
    where = ""
    if member:
        where = "AND l.member_id = ?"
        params.append(book.members.resolve(member))
    rows = list(book.db.query(_STATUS.format(where=where), params))
    for r in rows:  # a payment the bank sent back is open again (taken off what was paid first)
        back = min(r["returned_fen"], r["paid_fen"])
        r["paid_fen"] -= back
        r["pending_fen"] -= r["returned_fen"] - back
        r["unpaid_fen"] = r["amount_fen"] - r["paid_fen"] - r["pending_fen"]
    return rows


def pay(
    book: Book,
    distribution_id: str,
    member: str,
    *,
    date: str,
    from_account: str,
    amount_fen: int | None = None,
    paid_by: str | None = None,
    note: str = "",
) -> str:
    """Record a payment to a member (default: all that is unpaid) as a draft voucher. Returns the voucher id."""
    book.require_writable()
    rows = status(book, distribution_id, member)
    if not rows:
        raise BookError(_("成员“{m}”不在这次分配中。", "Member “{m}” is not in this distribution.", m=member))
    row = rows[0]
    amount = row["unpaid_fen"] if amount_fen is None else amount_fen
    if amount <= 0:
        raise ValidationError(
            _(
                "{c} {n} 已没有未发放的金额。",
                "{c} {n} has nothing left to pay.",
                c=row["code"],
                n=row["name"],
            ),
            field="amount",
        )
    if amount > row["unpaid_fen"]:
        raise ValidationError(
            _(
                "发放金额 {a} 超过未发放金额 {u}。",
                "The payment {a} is more than the unpaid {u}.",
                a=format_fen(amount),
                u=format_fen(row["unpaid_fen"]),
            ),
            field="amount",
        )
    day = parse_date(date).isoformat()
    summary = _("发放收益分配款：{c} {n}", "Distribution paid: {c} {n}", c=row["code"], n=row["name"])
    with book.transact(Op.PAY):
        vid = book.vouchers.create(
            day,
            [
                LineInput(row["account_code"], summary, debit_fen=amount),
                LineInput(from_account, summary, credit_fen=amount),
            ],
            kind="payout",
            note=note,
        )
        book.store.insert(
            "distribution_payouts",
            {
                "line_id": row["line_id"],
                "amount_fen": amount,
                "paid_on": day,
                "paid_by": paid_by or book.user,
                "voucher_id": vid,
                "note": note,
            },
        )
    return vid
