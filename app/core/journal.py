"""现金日记账 and 银行存款日记账: the posted lines of a cash or bank account in date order, each with its 对方科目,
a 本日合计 after every day, 本月合计 and 本年累计 after every month. Amounts are integer fen, balances debit-positive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.book import Book


def journal(book: Book, code: str, year: int, month_from: int = 1, month_to: int = 12) -> dict:
    """The journal of account ``code`` (with its sub-accounts) over the months [month_from, month_to] of ``year``.

    Rows: ``opening``, then per day its ``line`` rows and a ``day`` total, per month ``month`` and ``year`` totals.
    A line's ``counterpart`` names (in full) the voucher's accounts on the other side (all its other accounts if none)."""
    acc = book.accounts.require(code)
    first, last = book.reports._range(year, month_from, month_to)
    ids = [a["id"] for a in book.accounts.descendants_and_self(code)]
    marks = ",".join("?" * len(ids))
    db = book.db
    balance = db.execute(
        f"SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM period_totals WHERE period < ? AND account_id IN ({marks})",
        [first, *ids],
    ).fetchone()[0]
    lines = db.execute(
        "SELECT v.id, v.period, v.date, v.word, v.number, l.summary, l.debit_fen, l.credit_fen"
        " FROM voucher_lines l CROSS JOIN vouchers v ON v.id = l.voucher_id"
        f" WHERE l.account_id IN ({marks}) AND v.status = 'posted' AND v.period BETWEEN ? AND ?"
        " ORDER BY v.date, v.period, v.number, l.seq",
        [*ids, first, last],
    ).fetchall()
    others: dict[str, list[tuple[str, bool]]] = {}
    for vid, account_id, debit in db.execute(
        "SELECT l.voucher_id, l.account_id, l.debit_fen > 0 FROM voucher_lines l"
        # CROSS JOIN: from the account's lines, not from every voucher of the year (as Reports.detail_ledger)
        f" WHERE l.voucher_id IN (SELECT l2.voucher_id FROM voucher_lines l2 CROSS JOIN vouchers v ON v.id = l2.voucher_id"
        f"  WHERE l2.account_id IN ({marks}) AND v.status = 'posted' AND v.period BETWEEN ? AND ?)"
        f" AND l.account_id NOT IN ({marks}) ORDER BY l.voucher_id, l.seq",
        [*ids, first, last, *ids],
    ):
        others.setdefault(vid, []).append(
            (book.accounts.full_name(book.accounts.by_id(account_id)), bool(debit))
        )

    def counterpart(vid: str, debit: bool) -> str:
        names = others.get(vid, [])
        opposite = [n for n, d in names if d != debit] or [n for n, _d in names]
        return "、".join(dict.fromkeys(opposite))

    rows: list[dict] = [
        {"kind": "opening", "summary": _("期初余额", "Opening balance"), "balance_fen": balance}
    ]
    year_first = book.periods.year_periods(year)[0]
    earlier = db.execute(  # 本年累计 counts the months of the year before month_from too
        "SELECT coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0) FROM period_totals"
        f" WHERE period >= ? AND period < ? AND account_id IN ({marks})",
        [year_first, first, *ids],
    ).fetchone()
    totals = {"day": [0, 0], "month": [0, 0], "year": list(earlier)}
    labels = {
        "day": _("本日合计", "Day total"),
        "month": _("本月合计", "Month total"),
        "year": _("本年累计", "Year to date"),
    }

    def close(kind: str, date: str, period: str) -> None:
        d, c = totals[kind]
        rows.append(
            {
                "kind": kind,
                "date": date,
                "period": period,
                "summary": labels[kind],
                "debit_fen": d,
                "credit_fen": c,
                "balance_fen": balance,
            }
        )

    day = period = None
    last_date = ""
    for vid, p, date, word, number, summary, d, c in lines:
        if date != day and day is not None:
            close("day", last_date, period)
        if p != period and period is not None:
            close("month", last_date, period)
            close("year", last_date, period)
            totals["month"] = [0, 0]
        if date != day:
            totals["day"] = [0, 0]
        day, period, last_date = date, p, date
        balance += d - c
        for t in totals.values():
            t[0] += d
            t[1] += c
        rows.append(
            {
                "kind": "line",
                "voucher_id": vid,
                "period": p,
                "date": date,
                "voucher": f"{word}-{number}",
                "summary": summary,
                "counterpart": counterpart(vid, d > 0),
                "debit_fen": d,
                "credit_fen": c,
                "balance_fen": balance,
            }
        )
    if day is not None:
        close("day", last_date, period)
        close("month", last_date, period)
        close("year", last_date, period)
    return {
        "code": acc["code"],
        "name": book.accounts.full_name(acc),
        "year": year,
        "from": first,
        "to": last,
        "rows": rows,
    }
