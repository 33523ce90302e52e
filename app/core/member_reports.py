"""往来 by member: each member's balance on the accounts kept per member (2023: 113 内部往来, 211 应付款, 212 应付工资),
a statement of account (对账单) per member and an ageing table of what members owe.

Amounts are integer fen, debit-positive (a member owes the organization when positive). Lines belong to a member
through ``voucher_lines.member_id`` (a member's sub-account sets it on every line)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from app.core.i18n import _
from app.core.periods import month_end, parse_date

if TYPE_CHECKING:
    from app.core.book import Book

AGE_BUCKETS = (365, 730, 1095)  # 1 年以内, 1–2 年, 2–3 年, 3 年以上


def age_labels() -> list[str]:
    return [
        _("1年以内", "Under 1 year"),
        _("1-2年", "1-2 years"),
        _("2-3年", "2-3 years"),
        _("3年以上", "Over 3 years"),
    ]


class MemberReports:
    def __init__(self, book: Book):
        self.book = book

    def accounts(self) -> list[dict]:
        """The first-level accounts kept per member in this book's chart."""
        return [a for c in self.book.chart.member_accounts if (a := self.book.accounts.get(c))]

    def _lines(self, through: str, member_id: str | None = None) -> list[tuple]:
        """Posted lines on the member accounts up to ``through`` (a date): (top code, member id, date, voucher,
        summary, debit, credit), in date order."""
        top_of = {}
        for top in self.accounts():
            for a in self.book.accounts.descendants_and_self(top["id"]):
                top_of[a["id"]] = top["code"]
        marks = ",".join("?" * len(top_of))
        sql = (
            "SELECT l.account_id, l.member_id, v.date, v.period, v.word, v.number, l.summary, l.debit_fen, l.credit_fen"
            " FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id"
            f" WHERE v.status = 'posted' AND v.date <= ? AND l.account_id IN ({marks})"
        )
        params: list = [through, *top_of]
        if member_id:
            sql += " AND l.member_id = ?"
            params.append(member_id)
        rows = self.book.db.execute(sql + " ORDER BY v.date, v.period, v.number, l.seq", params).fetchall()
        return [
            (top_of[a], m, date, f"{w}-{n}" if n else "", summary, d, c)
            for a, m, date, _p, w, n, summary, d, c in rows
        ]

    def balances(self, year: int, month: int = 12) -> dict:
        """Every member's balance on each member account at the end of ``month``, with the totals and what is
        on those accounts without a member (the totals meet the trial balance)."""
        through = month_end(f"{year:04d}-{month:02d}").isoformat()
        codes = [a["code"] for a in self.accounts()]
        per: dict[str | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(codes, 0))
        for top, member, _date, _v, _s, d, c in self._lines(through):
            per[member][top] += d - c
        members = {m["id"]: m for m in self.book.members.list()}
        rows = []
        for mid, m in sorted(members.items(), key=lambda kv: kv[1]["code"]):
            if mid in per and any(per[mid].values()):
                rows.append(
                    {
                        "member": m["code"],
                        "name": m["name"],
                        "balances_fen": per[mid],
                        "net_fen": sum(per[mid].values()),
                    }
                )
        unassigned = per.get(None, dict.fromkeys(codes, 0))
        totals = {c: sum(r["balances_fen"][c] for r in rows) + unassigned[c] for c in codes}
        return {
            "year": year,
            "date": through,
            "accounts": [{"code": a["code"], "name": a["name"]} for a in self.accounts()],
            "rows": rows,
            "unassigned_fen": unassigned,
            "totals_fen": totals,
        }

    def statement(self, member: str, year: int, month_from: int = 1, month_to: int = 12) -> dict:
        """对账单: the member's opening balance, every line in date order with the running balance, the closing."""
        m = self.book.members.get(member)
        first = dt.date(year, month_from, 1).isoformat()
        through = month_end(f"{year:04d}-{month_to:02d}").isoformat()
        balance = 0
        rows = []
        for top, _m, date, voucher, summary, d, c in self._lines(through, m["id"]):
            if date < first:
                balance += d - c
                continue
            if not rows:
                rows.append(
                    {"kind": "opening", "summary": _("期初余额", "Opening balance"), "balance_fen": balance}
                )
            balance += d - c
            rows.append(
                {"kind": "line", "date": date, "voucher": voucher, "account": top, "summary": summary,
                 "debit_fen": d, "credit_fen": c, "balance_fen": balance}
            )  # fmt: skip
        if not rows:
            rows.append(
                {"kind": "opening", "summary": _("期初余额", "Opening balance"), "balance_fen": balance}
            )
        rows.append({"kind": "closing", "summary": _("期末余额", "Closing balance"), "balance_fen": balance})
        return {"member": m["code"], "name": m["name"], "from": first, "to": through, "rows": rows}

    def ageing(self, as_of: str) -> dict:
        """What each member owes at ``as_of``, aged first-in first-out: credits settle the oldest debits."""
        day = parse_date(as_of)
        items: dict[str, list[list]] = defaultdict(list)  # member → [[date, open amount], ...] oldest first
        credit: dict[str, int] = defaultdict(
            int
        )  # member → credit not yet matched (an advance, or what is owed)
        for _top, member, date, _v, _s, d, c in self._lines(day.isoformat()):
            if member is None:
                continue
            amount = d - c
            if amount > 0:
                take = min(amount, credit[member])
                credit[member] -= take
                if amount > take:
                    items[member].append([date, amount - take])
            else:
                left = -amount
                for it in items[member]:
                    take = min(left, it[1])
                    it[1] -= take
                    left -= take
                items[member] = [it for it in items[member] if it[1]]
                credit[member] += left
        members = {m["id"]: m for m in self.book.members.list()}
        rows = []
        for mid in sorted(set(items) | set(credit), key=lambda k: members[k]["code"]):
            buckets = [0] * (len(AGE_BUCKETS) + 1)
            for date, amount in items[mid]:
                age = (day - parse_date(date)).days
                buckets[sum(age > limit for limit in AGE_BUCKETS)] += amount
            if any(buckets) or credit[mid]:
                rows.append(
                    {"member": members[mid]["code"], "name": members[mid]["name"], "buckets_fen": buckets,
                     "owed_fen": sum(buckets), "credit_fen": credit[mid]}
                )  # fmt: skip
        totals = [sum(r["buckets_fen"][i] for r in rows) for i in range(len(AGE_BUCKETS) + 1)]
        return {"as_of": day.isoformat(), "labels": age_labels(), "rows": rows, "totals_fen": totals}
