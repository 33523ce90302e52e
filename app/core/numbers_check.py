"""The numbers an auditor signs, recomputed from the posted voucher lines alone (never from ``period_totals``).

Each finding is a ``Problem`` with a stable ``code`` and a sentence naming the account, the period and the two
figures that disagree. ``Reports.check`` runs these after SQLite's own checks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from app.core.errors import Problem
from app.core.i18n import _
from app.core.money import format_fen

if TYPE_CHECKING:
    from app.core.book import Book


class LineBalances:
    """Posted amounts per leaf account and period, and each voucher's debit total and red lines, in one pass over
    voucher_lines (the derived period_totals are not read)."""

    def __init__(self, book: Book):
        self.book = book
        self.moves: dict[str, dict[str, int]] = defaultdict(dict)  # account_id → period → debit − credit
        # voucher id → [period, number, kind, debit total, red lines]; two flat scans beat a join by half
        self.vouchers: dict[str, list] = {
            vid: [period, number, kind, 0, 0]
            for vid, period, number, kind in book.db.execute(
                "SELECT id, period, number, kind FROM vouchers WHERE status = 'posted'"
            )
        }
        for vid, account_id, d, c in book.db.execute(
            "SELECT voucher_id, account_id, debit_fen, credit_fen FROM voucher_lines"
        ):
            v = self.vouchers.get(vid)
            if v is None:  # a draft's line
                continue
            per = self.moves[account_id]
            per[v[0]] = per.get(v[0], 0) + d - c
            v[3] += d
            v[4] += d < 0 or c < 0
        self.periods = sorted({p for per in self.moves.values() for p in per})

    def balance(self, account_ids: set[str], through: str | None = None) -> int:
        """Debit-positive balance of the accounts at the end of ``through`` (all periods when None)."""
        return sum(
            v
            for a in account_ids
            for p, v in self.moves.get(a, {}).items()
            if through is None or p <= through
        )

    def total(self) -> int:
        return sum(v for per in self.moves.values() for v in per.values())


def check_numbers(book: Book) -> list[Problem]:
    lines = LineBalances(book)
    return [
        *_vouchers(lines),
        *_trial_balance(lines),
        *_account_codes(book),
        *_standard_names(book),
        *_year_closes(book, lines),
        *_asset_register(book, lines),
    ]


def _problem(message: str, code: str, value: str | None = None) -> Problem:
    return Problem(message, value=value, code=code)


def _vouchers(lines: LineBalances) -> list[Problem]:
    """有借必有贷: no posted voucher with zero totals; red (negative) lines only in a reversal."""
    out = []
    for period, number, kind, total, neg in sorted(lines.vouchers.values(), key=lambda v: (v[0], v[1])):
        if total == 0:
            out.append(
                _problem(
                    _(
                        "{p} 月 {n} 号凭证借贷合计为零。",
                        "Voucher {n} of {p} has zero totals.",
                        p=period,
                        n=number,
                    ),
                    "voucher.zero_total",
                    f"{period}/{number}",
                )
            )
        if neg and kind != "reversal":
            out.append(
                _problem(
                    _(
                        "{p} 月 {n} 号凭证有红字（负数）分录，但不是冲销凭证。",
                        "Voucher {n} of {p} has negative lines but is not a reversal.",
                        p=period,
                        n=number,
                    ),
                    "voucher.negative_line",
                    f"{period}/{number}",
                )
            )
    return out


def _trial_balance(lines: LineBalances) -> list[Problem]:
    total = lines.total()
    if total:
        return [
            _problem(
                _(
                    "按凭证明细重算，试算不平衡：差额 {d}。",
                    "Recomputed from the voucher lines, the trial balance is off by {d}.",
                    d=format_fen(total),
                ),
                "ledger.unbalanced",
                format_fen(total),
            )
        ]
    return []


def _account_codes(book: Book) -> list[Problem]:
    """A sub-account's code is its parent's plus digits, one width per parent, and no code is another's prefix
    unless it is that account's ancestor (ledgers must never mix unrelated accounts)."""
    accounts = book.accounts.list()
    by_id = {a["id"]: a for a in accounts}
    out = []
    widths: dict[str, set[int]] = defaultdict(set)
    for a in accounts:
        if not a["parent_id"]:
            continue
        parent = by_id[a["parent_id"]]
        if not a["code"].startswith(parent["code"]) or len(a["code"]) <= len(parent["code"]):
            out.append(
                _problem(
                    _(
                        "科目 {c} 的代码不以上级科目 {p} 开头。",
                        "Account {c} is not coded under its parent {p}.",
                        c=a["code"],
                        p=parent["code"],
                    ),
                    "account.code_prefix",
                    a["code"],
                )
            )
        widths[parent["code"]].add(len(a["code"]) - len(parent["code"]))
    for parent, ws in sorted(widths.items()):
        if len(ws) > 1:
            out.append(
                _problem(
                    _(
                        "{p} 的下级科目代码位数不一（{w} 位）。",
                        "The sub-accounts of {p} have codes of different widths ({w} digits).",
                        p=parent,
                        w="/".join(map(str, sorted(ws))),
                    ),
                    "account.code_width",
                    parent,
                )
            )
    ancestors = {a["id"]: _ancestor_ids(a, by_id) for a in accounts}
    codes = sorted(accounts, key=lambda a: a["code"])
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            if not b["code"].startswith(a["code"]):
                break
            if a["id"] not in ancestors[b["id"]]:
                out.append(
                    _problem(
                        _(
                            "科目代码 {b} 以 {a} 开头却不是它的下级，按代码汇总会把两者混在一起。",
                            "Account code {b} starts with {a} without being under it; totals by code would mix them.",
                            a=a["code"],
                            b=b["code"],
                        ),
                        "account.code_collision",
                        b["code"],
                    )
                )
    return out


def _ancestor_ids(acc: dict, by_id: dict[str, dict]) -> set[str]:
    out = set()
    while acc["parent_id"]:
        out.add(acc["parent_id"])
        acc = by_id[acc["parent_id"]]
    return out


def _standard_names(book: Book) -> list[Problem]:
    out = []
    for code, name in book.accounts.standard_names().items():
        acc = book.accounts.get(code)
        if acc and acc["name"] != name:
            out.append(
                _problem(
                    _(
                        "科目 {c} 的名称应为“{n}”，账中是“{m}”。",
                        "Account {c} should be named “{n}”, not “{m}”.",
                        c=code,
                        n=name,
                        m=acc["name"],
                    ),
                    "account.renamed",
                    code,
                )
            )
    return out


def _year_closes(book: Book, lines: LineBalances) -> list[Problem]:
    """A year whose December is closed has nothing left on income, expenses, 本年收益 and 各项分配; nothing is
    posted in a year while the year before it still holds such balances."""
    out = []
    start = book.settings.start_period
    empties = {a["code"]: {a["id"]} for a in book.accounts.emptied_by_year_close() if a["is_leaf"]}
    closed = book.periods.closed()
    years = sorted({int(p[:4]) for p in lines.periods} | {int(p[:4]) for p in closed})
    open_years: set[int] = set()
    for year in years:
        december = f"{year:04d}-12"
        if december < start:
            continue
        left = [(code, lines.balance(ids, december)) for code, ids in sorted(empties.items())]
        left = [(c, v) for c, v in left if v]
        if left or len(closed & set(book.periods.year_periods(year))) < 12:
            open_years.add(year)
        if december in closed:
            for code, value in left:
                out.append(
                    _problem(
                        _(
                            "{p} 已结账，但科目 {c} 年末余额为 {v}，应为 0（未年结）。",
                            "{p} is closed but account {c} ends the year at {v} instead of 0 (no year close).",
                            p=december,
                            c=code,
                            v=format_fen(value),
                        ),
                        "period.year_not_closed",
                        f"{code}@{december}",
                    )
                )
    for year in sorted(open_years):
        later = [p for p in lines.periods if p[:4] == f"{year + 1:04d}"]
        if later:
            out.append(
                _problem(
                    _(
                        "{y} 年尚未年结，{p} 已有记账凭证。",
                        "The year {y} is not closed, yet {p} has posted vouchers.",
                        y=year,
                        p=later[0],
                    ),
                    "period.previous_year_open",
                    f"{year}",
                )
            )
    return out


def register_expectation(book: Book) -> tuple[dict[str, int], set[str]]:
    """(first-level code → debit-positive balance the asset register implies, the codes compared).

    Cost sits on the control account's first-level account; accumulated depreciation (prior plus posted runs) on
    the account the chart credits (the asset's own account for 2004's 131/132)."""
    accounts = book.accounts
    chart = book.chart

    def top(acc: dict) -> str:
        while acc["parent_id"]:
            acc = accounts.by_id(acc["parent_id"])
        return acc["code"]

    compared = {
        top(a)
        for c in [*sum(chart.asset_accounts.values(), []), *chart.depreciation_credit]
        if (a := accounts.get(c))
    }
    compared |= {
        top(a) for c in chart.depreciation_credit.values() if c and c != "self" and (a := accounts.get(c))
    }
    expected: dict[str, int] = defaultdict(int)
    posted = dict(
        book.db.execute(
            "SELECT d.asset_id, sum(d.amount_fen) FROM depreciation d JOIN vouchers v ON v.id = d.voucher_id"
            " WHERE v.status = 'posted' GROUP BY d.asset_id"
        ).fetchall()
    )
    for a in book.db.query("SELECT * FROM assets WHERE status != 'disposed'"):
        control = book.assets.control_account(a)
        if control is None:
            continue
        expected[top(control)] += a["cost_fen"]
        credit = book.assets.credit_account(a)
        expected[top(credit or control)] -= a["prior_depreciation_fen"] + posted.get(a["id"], 0)
    return expected, compared


def _asset_register(book: Book, lines: LineBalances) -> list[Problem]:
    """The asset register agrees with its control accounts (151/152, 131–134, 161/162) to the fen."""
    if not book.db.execute("SELECT 1 FROM assets WHERE status != 'disposed' LIMIT 1").fetchone():
        return []
    expected, compared = register_expectation(book)
    last = lines.periods[-1] if lines.periods else book.settings.start_period
    out = []
    for code in sorted(compared):
        ids = {a["id"] for a in book.accounts.descendants_and_self(code)}
        ledger = lines.balance(ids)
        if ledger != expected.get(code, 0):
            out.append(
                _problem(
                    _(
                        "资产台账与总账不符：{c} 台账 {r}，总账 {g}（至 {p}）。",
                        "The asset register disagrees with the ledger: {c} register {r}, ledger {g} (to {p}).",
                        c=code,
                        r=format_fen(expected.get(code, 0)),
                        g=format_fen(ledger),
                        p=last,
                    ),
                    "asset.register_mismatch",
                    code,
                )
            )
    return out
