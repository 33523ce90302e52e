"""Assets and resources, and the monthly straight-line depreciation run that produces its voucher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.members import clean_text
from app.core.ops import Op
from app.core.periods import add_months, month_end, parse_date, period_of
from app.core.vouchers import LineInput

if TYPE_CHECKING:
    from app.core.book import Book

CATEGORIES = ("fixed", "biological", "land", "intangible", "other")
STATUSES = ("in_use", "leased", "disposed")
DEPRECIABLE = ("fixed", "biological", "intangible")  # which of them is depreciated: Assets.credit_account
FIELDS = (
    "code", "name", "category", "location", "quantity_q", "unit", "acquired", "cost_fen", "contributor_id",
    "life_months", "residual_bp", "prior_depreciation_fen", "expense_account_id", "status", "disposed_on", "note",
    "account_id",
)  # fmt: skip


def category_label(category: str) -> str:
    return {
        "fixed": _("固定资产", "fixed asset"),
        "biological": _("生物资产", "biological asset"),
        "land": _("土地及资源", "land and resources"),
        "intangible": _("无形资产", "intangible asset"),
        "other": _("其他", "other"),
    }[category]


def status_label(status: str) -> str:
    return {"in_use": _("在用", "in use"), "leased": _("出租", "leased out"), "disposed": _("已处置", "disposed")}[status]


@dataclass(frozen=True)
class DepreciationItem:
    asset_id: str
    code: str
    name: str
    amount_fen: int
    debit_account: str
    credit_account: str


def depreciable_fen(asset: dict) -> int:
    """Cost less residual value (residual rounded half-up to the fen)."""
    residual = (asset["cost_fen"] * asset["residual_bp"] + 5000) // 10000
    return asset["cost_fen"] - residual


def target_accumulated(asset: dict, period: str) -> int:
    """Accumulated depreciation that straight-line demands at the end of ``period``.

    Depreciation starts the month after acquisition (当月增加当月不提) and is spread exactly: after n of
    life months it is floor(depreciable × n / life), reaching the depreciable amount in the last month.
    """
    first = add_months(period_of(asset["acquired"]), 1)
    if period < first or asset["life_months"] <= 0:
        return 0
    months = (int(period[:4]) - int(first[:4])) * 12 + int(period[5:7]) - int(first[5:7]) + 1
    months = min(months, asset["life_months"])
    return depreciable_fen(asset) * months // asset["life_months"]


def months_since(first: str, period: str) -> int:
    """Months from ``first`` to ``period`` counting both (0 when ``period`` is before ``first``)."""
    return max(0, (int(period[:4]) - int(first[:4])) * 12 + int(period[5:7]) - int(first[5:7]) + 1)


def due_fen(asset: dict, period: str, accumulated: int) -> int:
    """Depreciation due in ``period`` when ``accumulated`` has been booked before it (prior depreciation included).

    An asset on its straight-line schedule stays on it (``target_accumulated``). One that is not (its cost or
    life changed, or it came into the book without its prior depreciation) is depreciated prospectively: the
    remaining depreciable value over the remaining months of its life, never a catch-up of past months.
    """
    life = asset["life_months"]
    n = months_since(add_months(period_of(asset["acquired"]), 1), period)
    if n == 0 or life <= 0 or n > life:
        return 0
    total = depreciable_fen(asset)
    if accumulated == total * (n - 1) // life:
        return total * n // life - accumulated
    return max(0, (total - accumulated) // (life - n + 1))


class Assets:
    def __init__(self, book: Book):
        self.book = book

    def get(self, code_or_id: str) -> dict:
        rows = list(self.book.db.query("SELECT * FROM assets WHERE id = ? OR code = ?", [code_or_id, code_or_id]))
        if not rows:
            raise ValidationError(_("没有资产“{a}”。", "There is no asset “{a}”.", a=code_or_id), field="asset")
        return rows[0]

    def resolve(self, code_or_id: str) -> str:
        return self.get(code_or_id)["id"]

    def list(self, text: str | None = None, include_disposed: bool = True) -> list[dict]:
        clauses, params = [], []
        if text:
            clauses.append("(a.code LIKE ? OR a.name LIKE ? OR a.location LIKE ?)")
            params += [f"%{text}%"] * 3
        if not include_disposed:
            clauses.append("a.status != 'disposed'")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return list(
            self.book.db.query(
                "SELECT a.*, m.code AS contributor_code, m.name AS contributor_name,"
                " a.prior_depreciation_fen + coalesce((SELECT sum(amount_fen) FROM depreciation d WHERE d.asset_id = a.id), 0)"
                " AS accumulated_fen"
                f" FROM assets a LEFT JOIN members m ON m.id = a.contributor_id{where} ORDER BY a.code",
                params,
            )
        )

    def accumulated(self, asset_id: str) -> int:
        a = self.get(asset_id)
        done = self.book.db.execute(
            "SELECT coalesce(sum(amount_fen), 0) FROM depreciation WHERE asset_id = ?", [asset_id]
        ).fetchone()[0]
        return a["prior_depreciation_fen"] + done

    def _prepare(self, values: dict[str, Any], current: dict | None) -> dict[str, Any]:
        row = dict(values)
        for f in ("code", "name", "location", "unit", "note"):
            if f in row and row[f] is not None:
                row[f] = clean_text(row[f])
        if "contributor" in row:
            c = row.pop("contributor")
            row["contributor_id"] = self.book.members.resolve(c) if c else None
        if "expense_account" in row:
            e = row.pop("expense_account")
            row["expense_account_id"] = self.book.accounts.require(e)["id"] if e else None
        if "account" in row:
            c = row.pop("account")
            row["account_id"] = self.book.accounts.require(c)["id"] if c else None
        for f in ("acquired", "disposed_on"):
            if row.get(f):
                row[f] = parse_date(row[f], f).isoformat()
        unknown = set(row) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown asset fields: {sorted(unknown)}")
        merged = {**(current or {}), **row}
        if not merged.get("code"):
            raise ValidationError(_("请填写资产编号。", "The asset code is required."), field="code")
        if not merged.get("name"):
            raise ValidationError(_("请填写资产名称。", "The asset name is required."), field="name")
        if merged.get("category") not in CATEGORIES:
            raise ValidationError(_("资产类别不对。", "Unknown asset category."), field="category")
        if merged.get("status", "in_use") not in STATUSES:
            raise ValidationError(_("资产状态不对。", "Unknown asset status."), field="status")
        if not merged.get("acquired"):
            raise ValidationError(_("请填写取得日期。", "The acquisition date is required."), field="acquired")
        for f in ("cost_fen", "quantity_q", "life_months", "prior_depreciation_fen"):
            v = merged.get(f, 0)
            if not isinstance(v, int) or v < 0:
                raise ValidationError(_("金额、数量和年限不能为负数。", "Amounts, quantities and lives cannot be negative."), field=f)
        if not 0 <= merged.get("residual_bp", 0) <= 10000:
            raise ValidationError(_("残值率应在0到100%之间。", "The residual rate is between 0 and 100%."), field="residual_bp")
        depreciated = merged.get("category") in DEPRECIABLE and self.credit_account(merged) is not None
        if depreciated and merged.get("cost_fen") and not merged.get("life_months"):
            raise ValidationError(_("请填写使用年限（月）。", "The useful life (months) is required."), field="life_months")
        if merged.get("account_id") and not self._allowed_control(merged["category"], merged["account_id"]):
            raise ValidationError(
                _("资产科目与资产类别不符。", "The asset's account does not fit its category."),
                field="account",
                code="asset.account_category",
            )
        clash = self.book.db.execute("SELECT id FROM assets WHERE code = ?", [merged["code"]]).fetchone()
        if clash and (current is None or clash[0] != current["id"]):
            raise ValidationError(_("资产编号 {c} 已存在。", "Asset code {c} already exists.", c=merged["code"]), field="code")
        return row

    def add(self, **values: Any) -> str:
        """Register an asset: code, name, category, acquired, cost_fen and optionally location, quantity_q, unit,
        contributor (member code), life_months, residual_bp, prior_depreciation_fen, expense_account, account (the
        control account: 151, 131/132/134, 161 or one of their sub-accounts), note."""
        book = self.book
        book.require_writable()
        self.book.check(Op.EDIT_ASSET)
        row = self._prepare(values, None)
        with book.transact(Op.EDIT_ASSET):
            return book.store.insert("assets", row)

    def update(self, asset: str, *, counter_account: str | None = None, date: str | None = None, **values: Any) -> dict:
        """Change an asset card. A change of cost makes its draft voucher (the control account against
        ``counter_account``, by default 在建工程, dated ``date`` or the end of the first open month); a change of
        cost or life is prospective (``due_fen``)."""
        book = self.book
        book.require_writable()
        self.book.check(Op.EDIT_ASSET)
        current = self.get(asset)
        row = self._prepare(values, current)
        diff = row.get("cost_fen", current["cost_fen"]) - current["cost_fen"]
        with book.transact(Op.EDIT_ASSET):
            old = book.store.update("assets", current["id"], row)
            control = self.control_account(self.get(current["id"]))
            if diff and control is not None:
                when = date or month_end(self._first_open_period()).isoformat()
                summary = _("调整{c}{n}原值", "Change of cost of {c} {n}", c=current["code"], n=current["name"])
                counter = counter_account or book.chart.roles["asset_counter"]
                book.vouchers.create(
                    when,
                    [
                        book.vouchers.line(control["code"], summary, diff),
                        book.vouchers.line(counter, summary, -diff),
                    ],
                    note=summary,
                )
            return old

    def _first_open_period(self) -> str:
        period = self.book.settings.start_period
        closed = self.book.periods.closed()
        while period in closed:
            period = add_months(period, 1)
        return period

    # -- control accounts ----------------------------------------------------------------------------------
    def _allowed_control(self, category: str, account_id: str) -> bool:
        accounts = self.book.accounts
        roots = [accounts.get(c) for c in self.book.chart.asset_accounts.get(category, [])]
        return any(account_id in {a["id"] for a in accounts.descendants_and_self(r["id"])} for r in roots if r)

    def control_account(self, asset: dict) -> dict | None:
        """The account holding the asset's cost: its own choice, else the chart's first for its category."""
        accounts = self.book.accounts
        if asset.get("account_id"):
            return accounts.by_id(asset["account_id"])
        return next(filter(None, (accounts.get(c) for c in self.book.chart.asset_accounts.get(asset["category"], []))), None)

    def credit_account(self, asset: dict) -> dict | None:
        """The account credited by the asset's depreciation (None: not depreciated), from the chart's rule for
        the nearest of its control account and that account's parents."""
        accounts = self.book.accounts
        control = self.control_account(asset)
        rules = self.book.chart.depreciation_credit
        acc = control
        while acc is not None:
            if acc["code"] in rules:
                rule = rules[acc["code"]]
                if rule is None:
                    return None
                return control if rule == "self" else accounts.get(rule)
            acc = accounts.by_id(acc["parent_id"]) if acc["parent_id"] else None
        return None

    def set_status(self, asset: str, status: str, date: str | None = None) -> None:
        values: dict[str, Any] = {"status": status}
        if status == "disposed":
            values["disposed_on"] = parse_date(date or "", "disposed_on").isoformat()
        self.update(asset, **values)

    # -- depreciation --------------------------------------------------------------------------------------
    def depreciation_preview(self, period: str) -> list[DepreciationItem]:
        """What the run for ``period`` would book, asset by asset (assets already run for the month are skipped)."""
        book = self.book
        roles = book.chart.roles
        items = []
        done = {r[0] for r in book.db.execute("SELECT asset_id FROM depreciation WHERE period = ?", [period])}
        accumulated = dict(
            book.db.execute("SELECT asset_id, sum(amount_fen) FROM depreciation GROUP BY asset_id").fetchall()
        )
        for a in book.db.query("SELECT * FROM assets ORDER BY code"):
            if a["category"] not in DEPRECIABLE or a["id"] in done or a["life_months"] <= 0:
                continue
            if a["status"] == "disposed" and a["disposed_on"] and period_of(a["disposed_on"]) < period:
                continue
            credit = self.credit_account(a)
            if credit is None:
                continue
            amount = due_fen(a, period, a["prior_depreciation_fen"] + accumulated.get(a["id"], 0))
            if amount <= 0:
                continue
            debit = book.accounts.by_id(a["expense_account_id"])["code"] if a["expense_account_id"] else roles["admin_expense"]
            items.append(DepreciationItem(a["id"], a["code"], a["name"], amount, debit, credit["code"]))
        return items

    def depreciation_lines(self, period: str, items: list[DepreciationItem]) -> list[LineInput]:
        summary = _("计提{p}折旧", "Depreciation for {p}", p=period)
        debits: dict[str, int] = {}
        credits: dict[str, int] = {}
        for it in items:
            debits[it.debit_account] = debits.get(it.debit_account, 0) + it.amount_fen
            credits[it.credit_account] = credits.get(it.credit_account, 0) + it.amount_fen
        return [LineInput(code, summary, debit_fen=v) for code, v in debits.items()] + [
            LineInput(code, summary, credit_fen=v) for code, v in credits.items()
        ]

    def run_depreciation(self, period: str) -> str | None:
        """Book the month's depreciation as one draft voucher dated the month's last day; None if nothing is due."""
        book = self.book
        book.require_writable()
        book.periods.require_open(period)
        items = self.depreciation_preview(period)
        if not items:
            return None
        for it in items:
            if not book.accounts.get(it.credit_account) or not book.accounts.is_postable(book.accounts.get(it.credit_account)["id"]):
                raise BookError(_("科目 {c} 不能直接记账。", "Account {c} cannot take entries directly.", c=it.credit_account))
        lines = self.depreciation_lines(period, items)
        with book.transact(Op.DEPRECIATE):
            vid = book.vouchers.create(month_end(period).isoformat(), lines, kind="depreciation")
            for it in items:
                book.store.insert(
                    "depreciation",
                    {"asset_id": it.asset_id, "period": period, "amount_fen": it.amount_fen, "voucher_id": vid},
                )
        return vid
