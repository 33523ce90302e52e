"""Reports from the posted books: trial balance, general and detail ledgers, balance sheet, income statement,
and the integrity check. Balances are debit-positive integers of fen unless a row says otherwise."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.core.errors import BookError, Problem, ValidationError
from app.core.i18n import _
from app.core.money import format_fen
from app.core.numbers_check import check_numbers
from app.core.periods import add_months, month_end, opening_period

if TYPE_CHECKING:
    from app.core.book import Book


def split(balance: int) -> tuple[int, int]:
    """A debit-positive balance as (debit, credit) columns."""
    return (balance, 0) if balance >= 0 else (0, -balance)


def direction(balance: int) -> str:
    return _("借", "Dr") if balance > 0 else _("贷", "Cr") if balance < 0 else _("平", "—")


class Reports:
    def __init__(self, book: Book):
        self.book = book

    # -- building blocks -----------------------------------------------------------------------------------
    def _range(self, year: int, month_from: int = 1, month_to: int = 12) -> tuple[str, str]:
        periods = self.book.periods.year_periods(year)
        if not 1 <= month_from <= month_to <= 12:
            raise ValueError("months are 1..12 and from ≤ to")
        return periods[month_from - 1], periods[month_to - 1]

    def _balances_before(self, first: str) -> dict[str, int]:
        return dict(
            self.book.db.execute(
                "SELECT account_id, sum(debit_fen - credit_fen) FROM period_totals WHERE period < ? GROUP BY account_id",
                [first],
            ).fetchall()
        )

    def _movements(self, first: str, last: str, closing: bool | None = None) -> dict[str, tuple[int, int]]:
        sql = "SELECT account_id, sum(debit_fen), sum(credit_fen) FROM period_totals WHERE period BETWEEN ? AND ?"
        params: list = [first, last]
        if closing is not None:
            sql += " AND closing = ?"
            params.append(int(closing))
        return {a: (d, c) for a, d, c in self.book.db.execute(sql + " GROUP BY account_id", params).fetchall()}

    def _roll_up(self, per_leaf: dict[str, int]) -> dict[str, int]:
        """Leaf amounts added into every ancestor."""
        acc = self.book.accounts
        out: dict[str, int] = defaultdict(int)
        for account_id, value in per_leaf.items():
            a = acc.by_id(account_id)
            while True:
                out[a["id"]] += value
                if not a["parent_id"]:
                    break
                a = acc.by_id(a["parent_id"])
        return out

    def leaf_balances(
        self,
        first: str | None,
        last: str,
        *,
        classes: Iterable[str] | None = None,
        codes: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
    ) -> list[tuple[str, int]]:
        """(leaf code, debit-positive balance) over [first, last] (from the beginning when first is None)."""
        params: list = [last]
        sql = "SELECT account_id, sum(debit_fen - credit_fen) FROM period_totals WHERE period <= ?"
        if first:
            sql += " AND period >= ?"
            params.append(first)
        sums = dict(self.book.db.execute(sql + " GROUP BY account_id", params).fetchall())
        classes = set(classes) if classes else None
        wanted = self._subtree_ids(codes) if codes else None
        excluded = self._subtree_ids(exclude)
        out = []
        for a in self.book.accounts.list():
            if not a["is_leaf"] or a["id"] not in sums:
                continue
            if classes and a["class"] not in classes:
                continue
            if wanted is not None and a["id"] not in wanted:
                continue
            if a["id"] in excluded:
                continue
            out.append((a["code"], sums[a["id"]]))
        return out

    def _subtree_ids(self, codes: Iterable[str]) -> set[str]:
        """Ids of the accounts under (and including) each code, found through the parents."""
        accounts = self.book.accounts
        return {a["id"] for code in codes if accounts.get(code) for a in accounts.descendants_and_self(code)}

    # -- trial balance -------------------------------------------------------------------------------------
    def trial_balance(self, year: int, month_from: int = 1, month_to: int = 12) -> dict:
        """科目余额表 for the months [month_from, month_to] of fiscal year ``year``."""
        first, last = self._range(year, month_from, month_to)
        opening = self._roll_up(self._balances_before(first))
        moves = self._movements(first, last)
        debit = self._roll_up({a: d for a, (d, _c) in moves.items()})
        credit = self._roll_up({a: c for a, (_d, c) in moves.items()})
        # 本年累计发生额: from the first month of the year to the last month shown
        year_moves = self._movements(self._range(year)[0], last)
        year_debit = self._roll_up({a: d for a, (d, _c) in year_moves.items()})
        year_credit = self._roll_up({a: c for a, (_d, c) in year_moves.items()})
        rows = []
        for a in self.book.accounts.list():
            o, d, c = opening.get(a["id"], 0), debit.get(a["id"], 0), credit.get(a["id"], 0)
            yd, yc = year_debit.get(a["id"], 0), year_credit.get(a["id"], 0)
            if not (o or d or c or yd or yc) and a["level"] > 1:
                continue
            rows.append(
                {
                    "code": a["code"],
                    "name": a["name"],
                    "level": a["level"],
                    "class": a["class"],
                    "is_leaf": a["is_leaf"],
                    "opening_fen": o,
                    "debit_fen": d,
                    "credit_fen": c,
                    "year_debit_fen": yd,
                    "year_credit_fen": yc,
                    "closing_fen": o + d - c,
                }
            )
        top = [r for r in rows if r["level"] == 1]
        totals = {
            "opening_debit_fen": sum(split(r["opening_fen"])[0] for r in top),
            "opening_credit_fen": sum(split(r["opening_fen"])[1] for r in top),
            "debit_fen": sum(r["debit_fen"] for r in top),
            "credit_fen": sum(r["credit_fen"] for r in top),
            "year_debit_fen": sum(r["year_debit_fen"] for r in top),
            "year_credit_fen": sum(r["year_credit_fen"] for r in top),
            "closing_debit_fen": sum(split(r["closing_fen"])[0] for r in top),
            "closing_credit_fen": sum(split(r["closing_fen"])[1] for r in top),
        }
        totals["balanced"] = (
            sum(r["opening_fen"] for r in top) == 0
            and totals["debit_fen"] == totals["credit_fen"]
            and sum(r["closing_fen"] for r in top) == 0
        )
        return {"year": year, "from": first, "to": last, "rows": rows, "totals": totals}

    def income_expense_detail(self, year: int) -> dict:
        """收支明细表: each income and expense account's amount month by month (closing vouchers left out).

        Income is shown credit-positive, expenses debit-positive; ``brought_in_fen`` is what the opening balances
        of a book that starts mid-year bring in, and ``total_fen`` the year's total including it."""
        periods = self.book.periods.year_periods(year)
        rows_sql = (
            "SELECT account_id, period, sum(debit_fen - credit_fen) FROM period_totals"
            " WHERE period BETWEEN ? AND ? AND closing = 0 GROUP BY account_id, period"
        )
        per: dict[str, dict[str, int]] = defaultdict(dict)
        for account_id, period, amount in self.book.db.execute(rows_sql, [opening_period(year), periods[-1]]):
            per[period][account_id] = amount
        rolled = {p: self._roll_up(v) for p, v in per.items()}
        rows = []
        for a in self.book.accounts.list():
            if a["class"] not in ("income", "expense"):
                continue
            sign = -1 if a["class"] == "income" else 1
            months = [sign * rolled.get(p, {}).get(a["id"], 0) for p in periods]
            brought = sign * rolled.get(opening_period(year), {}).get(a["id"], 0)
            if a["level"] > 1 and not (any(months) or brought):
                continue
            rows.append(
                {"code": a["code"], "name": a["name"], "level": a["level"], "class": a["class"],
                 "brought_in_fen": brought, "months_fen": months, "total_fen": brought + sum(months)}
            )  # fmt: skip
        return {"year": year, "periods": periods, "rows": rows}

    def monthly_income_expense(self, year: int) -> list[tuple[int, int]]:
        """(income, expenses) in fen for each month of the year, for the dashboard: credits to income accounts
        and debits to expense accounts, closing vouchers left out (one query over the period totals)."""
        periods = self.book.periods.year_periods(year)
        found = {
            (period, cls): amount
            for period, cls, amount in self.book.db.execute(
                "SELECT t.period, a.class, sum(CASE a.class WHEN 'income' THEN t.credit_fen ELSE t.debit_fen END)"
                " FROM period_totals t JOIN accounts a ON a.id = t.account_id"
                " WHERE t.period BETWEEN ? AND ? AND t.closing = 0 AND a.class IN ('income', 'expense')"
                " GROUP BY t.period, a.class",
                [periods[0], periods[-1]],
            )
        }
        return [(found.get((p, "income"), 0), found.get((p, "expense"), 0)) for p in periods]

    # -- ledgers -------------------------------------------------------------------------------------------
    def general_ledger(self, code: str, year: int) -> dict:
        """总账: opening, each month's totals and balance, and the running year totals."""
        acc = self.book.accounts.require(code)
        ids = [a["id"] for a in self.book.accounts.descendants_and_self(code)]
        periods = self.book.periods.year_periods(year)
        marks = ",".join("?" * len(ids))
        balance = self.book.db.execute(
            f"SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM period_totals WHERE period < ? AND account_id IN ({marks})",
            [periods[0], *ids],
        ).fetchone()[0]
        per_period = {
            p: (d, c)
            for p, d, c in self.book.db.execute(
                f"SELECT period, sum(debit_fen), sum(credit_fen) FROM period_totals WHERE period BETWEEN ? AND ?"
                f" AND account_id IN ({marks}) GROUP BY period",
                [periods[0], periods[-1], *ids],
            ).fetchall()
        }
        rows = [{"period": None, "kind": "opening", "summary": _("上年结转", "Brought forward"), "balance_fen": balance}]
        year_d = year_c = 0
        for p in periods:
            d, c = per_period.get(p, (0, 0))
            year_d += d
            year_c += c
            balance += d - c
            rows.append({"period": p, "kind": "month", "summary": _("本月合计", "Month total"), "debit_fen": d, "credit_fen": c, "balance_fen": balance})
            rows.append({"period": p, "kind": "year", "summary": _("本年累计", "Year to date"), "debit_fen": year_d, "credit_fen": year_c, "balance_fen": balance})
        return {"code": acc["code"], "name": self.book.accounts.full_name(acc), "year": year, "rows": rows}

    def detail_ledger(self, code: str, year: int, month_from: int = 1, month_to: int = 12) -> dict:
        """明细账: every posted line of the account (and its sub-accounts) with the running balance."""
        acc = self.book.accounts.require(code)
        first, last = self._range(year, month_from, month_to)
        ids = [a["id"] for a in self.book.accounts.descendants_and_self(code)]
        marks = ",".join("?" * len(ids))
        balance = self.book.db.execute(
            f"SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM period_totals WHERE period < ? AND account_id IN ({marks})",
            [first, *ids],
        ).fetchone()[0]
        rows: list[dict] = [{"kind": "opening", "summary": _("期初余额", "Opening balance"), "balance_fen": balance}]
        lines = self.book.db.execute(
            "SELECT v.id, v.period, v.date, v.word, v.number, l.summary, l.debit_fen, l.credit_fen, a.code"
            # CROSS JOIN keeps SQLite from walking every voucher of the year: start from the account's lines
            " FROM voucher_lines l CROSS JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id"
            f" WHERE l.account_id IN ({marks}) AND v.status = 'posted' AND v.period BETWEEN ? AND ?"
            " ORDER BY v.period, v.number, l.seq",
            [*ids, first, last],
        )
        # 本年累计 runs from the first month of the year, whatever month the ledger starts at
        year_first = self.book.periods.year_periods(year)[0]
        year_d, year_c = self.book.db.execute(
            "SELECT coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0) FROM period_totals"
            f" WHERE period >= ? AND period < ? AND account_id IN ({marks})",
            [year_first, first, *ids],
        ).fetchone()
        month_d = month_c = 0
        current = None

        def close_month(period: str) -> None:
            rows.append({"kind": "month", "period": period, "summary": _("本月合计", "Month total"), "debit_fen": month_d, "credit_fen": month_c, "balance_fen": balance})
            rows.append({"kind": "year", "period": period, "summary": _("本年累计", "Year to date"), "debit_fen": year_d, "credit_fen": year_c, "balance_fen": balance})

        for vid, period, date, word, number, summary, d, c, acode in lines:
            if period != current:
                if current is not None:
                    close_month(current)
                current, month_d, month_c = period, 0, 0
            balance += d - c
            month_d += d
            month_c += c
            year_d += d
            year_c += c
            rows.append(
                {
                    "kind": "line",
                    "voucher_id": vid,
                    "period": period,
                    "date": date,
                    "voucher": f"{word}-{number}",
                    "account": acode,
                    "summary": summary,
                    "debit_fen": d,
                    "credit_fen": c,
                    "balance_fen": balance,
                }
            )
        if current is not None:
            close_month(current)
        return {"code": acc["code"], "name": self.book.accounts.full_name(acc), "year": year, "from": first, "to": last, "rows": rows}

    # -- statements ----------------------------------------------------------------------------------------
    def _term_value(self, selector: str, balances: dict[str, int], leaf_balance: dict[str, int]) -> int:
        accounts = self.book.accounts
        if selector.startswith("class:"):
            cls = selector[6:]
            return sum(v for a, v in leaf_balance.items() if accounts.by_id(a)["class"] == cls)
        if selector.startswith(("dr:", "cr:")):
            under = self._subtree_ids([selector[3:]])
            vals = [v for a, v in leaf_balance.items() if a in under]
            return sum(v for v in vals if v > 0) if selector.startswith("dr:") else sum(v for v in vals if v < 0)
        acc = accounts.get(selector)
        return balances.get(acc["id"], 0) if acc else 0

    def _evaluate(self, lines: list[dict], term: callable) -> dict[str, int]:
        values: dict[str, int] = {}
        for ln in lines:
            if "terms" in ln:
                values[ln["key"]] = sum((1 if s == "+" else -1) * term(sel) for s, sel in ln["terms"])
            else:
                values[ln["key"]] = sum((1 if s == "+" else -1) * values[k] for s, k in ln["sum"])
        return values

    def _sheet_values(self, before: str) -> dict[str, dict[str, int]]:
        leaf = self._balances_before(before)
        rolled = self._roll_up(leaf)
        layout = self.book.chart.balance_sheet
        assets = self._evaluate(layout["assets"], lambda s: self._term_value(s, rolled, leaf))
        other = self._evaluate(layout["liabilities_equity"], lambda s: -self._term_value(s, rolled, leaf))
        return {"assets": assets, "liabilities_equity": other}

    def _heading(self) -> dict:
        """编制单位 and 单位 of the statements (财会〔2023〕14号 layouts)."""
        return {"organization": self.book.settings.name, "unit": _("元", "yuan")}

    def balance_sheet(self, year: int, month: int = 12) -> dict:
        """资产负债表 dated at the end of ``month``: 年初数 (start_fen) and 期末数 (end_fen), lines with 行次."""
        periods = self.book.periods.year_periods(year)
        start = self._sheet_values(periods[0])
        end = self._sheet_values(add_months(periods[month - 1], 1))
        out: dict = {"year": year, "period": periods[month - 1], "date": month_end(periods[month - 1]).isoformat()}
        out.update(self._heading())
        row = 0
        for side in ("assets", "liabilities_equity"):
            out[side] = []
            for ln in self.book.chart.balance_sheet[side]:
                row += 1
                out[side].append(
                    {"row": row, "key": ln["key"], "name": ln["name"], "level": ln.get("level", 1),
                     "start_fen": start[side][ln["key"]], "end_fen": end[side][ln["key"]]}
                )  # fmt: skip
        out["balanced"] = out["assets"][-1]["end_fen"] == out["liabilities_equity"][-1]["end_fen"] and (
            out["assets"][-1]["start_fen"] == out["liabilities_equity"][-1]["start_fen"]
        )
        return out

    def _income_values(self, first: str, last: str) -> dict[str, int]:
        """The income statement's lines over the year's months [first, last]."""
        moves = self._movements(first, last, closing=False)
        per_leaf = {a: d - c for a, (d, c) in moves.items()}
        # a book that starts mid-year brings the year's income and expenses so far in its opening balances
        for a, (d, c) in self._movements(opening_period(int(first[:4])), opening_period(int(first[:4]))).items():
            if self.book.accounts.by_id(a)["class"] in ("income", "expense"):
                per_leaf[a] = per_leaf.get(a, 0) + d - c
        dc = self._roll_up(per_leaf)
        opening = self._roll_up(self._balances_before(first))
        accounts = self.book.accounts

        def term(selector: str) -> int:
            kind, code = selector.split(":", 1)
            acc = accounts.get(code)
            if acc is None:
                return 0
            if kind == "dc":
                return dc.get(acc["id"], 0)
            if kind == "cd":
                return -dc.get(acc["id"], 0)
            if kind == "open":
                return -opening.get(acc["id"], 0)
            raise ValueError(selector)

        return self._evaluate(self.book.chart.income_statement, term)

    def income_statement(self, year: int, month: int = 12) -> dict:
        """收益及收益分配表: 本年数 to the end of ``month`` and 上年数 for the same months of last year (entered by
        hand for the first year of a book: ``set_previous_income``), lines with 行次."""
        periods = self.book.periods.year_periods(year)
        this = self._income_values(periods[0], periods[month - 1])
        prev_periods = self.book.periods.year_periods(year - 1)
        entered = self.book.settings.get(_previous_key(year, month))
        prev = json.loads(entered) if entered else self._income_values(prev_periods[0], prev_periods[month - 1])
        out = {"year": year, "period": periods[month - 1], **self._heading(), "previous_entered": bool(entered)}
        out["lines"] = [
            {"row": i, "key": ln["key"], "name": ln["name"], "level": ln.get("level", 1),
             "amount_fen": this[ln["key"]], "previous_fen": prev.get(ln["key"], 0)}
            for i, ln in enumerate(self.book.chart.income_statement, start=1)
        ]  # fmt: skip
        return out

    def set_previous_income(self, year: int, month: int, values: dict[str, int]) -> None:
        """Enter the 上年数 of the first year's income statement (line key → fen); years with books compute it."""
        book = self.book
        if f"{year - 1:04d}-12" >= book.settings.start_period:
            raise BookError(
                _("{y} 年的上年数来自账簿，不能手工录入。", "The previous year of {y} is in the books; it cannot be entered.", y=year),
                code="report.previous_in_books",
            )
        keys = {ln["key"] for ln in book.chart.income_statement}
        if set(values) - keys or not all(isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
            raise ValidationError(
                _("上年数应按报表行填写整数金额（分）。", "Previous-year figures are integer fen per statement line."),
                field="previous",
                code="report.previous_invalid",
            )
        book.settings.set(_previous_key(year, month), json.dumps(values, sort_keys=True))

    def distributable(self, year: int) -> int:
        """可分配收益 of the year, from the income statement (the distribution's default pool)."""
        key = self.book.chart.roles["distributable_line"]
        periods = self.book.periods.year_periods(year)
        return self._income_values(periods[0], periods[-1])[key]

    # -- integrity -----------------------------------------------------------------------------------------
    def rebuild_totals(self) -> None:
        """Recompute the derived per-period totals from the posted lines (after sync or repair)."""
        db = self.book.db
        with db.atomic():
            db.execute("DELETE FROM period_totals")
            db.execute(
                "INSERT INTO period_totals (account_id, period, closing, debit_fen, credit_fen)"
                " SELECT l.account_id, v.period, v.kind = 'closing', sum(l.debit_fen), sum(l.credit_fen)"
                " FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.status = 'posted'"
                " GROUP BY l.account_id, v.period, v.kind = 'closing'"
            )

    def check(self) -> list[Problem]:
        """Integrity: SQLite's check, every posted voucher balances, numbers are gap-free, totals match lines,
        the trial balance balances. An empty list means all is well."""
        db = self.book.db
        problems: list[Problem] = []
        result = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            problems.append(Problem(_("SQLite 完整性检查失败：{r}", "SQLite integrity check failed: {r}", r="; ".join(result[:5])), code="sqlite.integrity"))
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(Problem(_("有 {n} 处引用指向不存在的记录。", "{n} references point to missing rows.", n=len(fk)), code="sqlite.foreign_key"))
        for period, number, d, c in db.execute(
            "SELECT v.period, v.number, sum(l.debit_fen), sum(l.credit_fen) FROM vouchers v"
            " JOIN voucher_lines l ON l.voucher_id = v.id WHERE v.status = 'posted'"
            " GROUP BY v.id HAVING sum(l.debit_fen) != sum(l.credit_fen)"
        ).fetchall():
            problems.append(
                Problem(_("{p} 月 {n} 号凭证借贷不平（借 {d}，贷 {c}）。", "Voucher {n} of {p} does not balance (Dr {d}, Cr {c}).",
                          p=period, n=number, d=format_fen(d), c=format_fen(c)), code="voucher.unbalanced")
            )
        for period, count, top in db.execute(
            "SELECT period, count(*), max(number) FROM vouchers WHERE status = 'posted' GROUP BY period"
        ).fetchall():
            if count != top:
                problems.append(Problem(_("{p} 的凭证号不连续。", "Voucher numbers of {p} have gaps.", p=period), code="voucher.number_gap"))
        mismatch = db.execute(
            "SELECT count(*) FROM (SELECT l.account_id, v.period, v.kind = 'closing' AS closing,"
            " sum(l.debit_fen) AS d, sum(l.credit_fen) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id"
            " WHERE v.status = 'posted' GROUP BY 1, 2, 3) x"
            " FULL OUTER JOIN period_totals t ON t.account_id = x.account_id AND t.period = x.period AND t.closing = x.closing"
            " WHERE coalesce(x.d, 0) != coalesce(t.debit_fen, 0) OR coalesce(x.c, 0) != coalesce(t.credit_fen, 0)"
        ).fetchone()[0]
        if mismatch:
            problems.append(
                Problem(_("科目汇总与凭证明细不一致（{n} 处），请运行修复。", "Account totals differ from voucher lines in {n} places; run repair.", n=mismatch), code="totals.mismatch")
            )
        d, c = db.execute("SELECT coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0) FROM period_totals").fetchone()
        if d != c:
            problems.append(Problem(_("试算不平衡：借方 {d}，贷方 {c}。", "The trial balance does not balance: Dr {d}, Cr {c}.", d=format_fen(d), c=format_fen(c)), code="totals.unbalanced"))
        return problems + check_numbers(self.book)


def _previous_key(year: int, month: int) -> str:
    return f"income_previous:{year:04d}-{month:02d}"
