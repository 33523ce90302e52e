"""Accounting periods: months 'YYYY-MM', fiscal years, month close and year-end close."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.store import utc_now

if TYPE_CHECKING:
    from app.core.book import Book


def parse_date(value: str | dt.date, what: str = "date") -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(_("“{v}”不是有效日期", "“{v}” is not a valid date", v=value), field=what) from None


def period_of(date: str | dt.date) -> str:
    d = parse_date(date)
    return f"{d.year:04d}-{d.month:02d}"


def month_end(period: str) -> dt.date:
    y, m = int(period[:4]), int(period[5:7])
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def add_months(period: str, n: int) -> str:
    y, m = int(period[:4]), int(period[5:7])
    k = y * 12 + (m - 1) + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def opening_period(year: int) -> str:
    """The pseudo-period holding the opening balances of a book that starts in ``year``."""
    return f"{year:04d}-00"


class Periods:
    def __init__(self, book: Book):
        self.book = book

    # -- fiscal calendar -----------------------------------------------------------------------------------
    def year_periods(self, year: int) -> list[str]:
        """The twelve months of fiscal year ``year`` (it starts in the month set as fiscal year start)."""
        start = f"{year:04d}-{self.book.settings.fiscal_year_start:02d}"
        return [add_months(start, i) for i in range(12)]

    def year_of(self, period: str) -> int:
        start = self.book.settings.fiscal_year_start
        y, m = int(period[:4]), int(period[5:7])
        return y if m >= start else y - 1

    # -- closing state -------------------------------------------------------------------------------------
    def closed(self) -> set[str]:
        return {r["period"] for r in self.book.db.query("SELECT period FROM periods")}

    def is_closed(self, period: str) -> bool:
        return bool(self.book.db.execute("SELECT 1 FROM periods WHERE period = ?", [period]).fetchone())

    def require_open(self, period: str) -> None:
        if self.is_closed(period):
            raise BookError(
                _("{p} 已结账，不能再录入或改动凭证。", "{p} is closed; vouchers can no longer be entered or changed.", p=period)
            )
        start = self.book.settings.start_period
        if period < start:
            raise BookError(
                _("{p} 早于账簿启用期间 {s}。", "{p} is before the book's first period {s}.", p=period, s=start)
            )

    def last_closed(self) -> str | None:
        row = self.book.db.execute("SELECT max(period) FROM periods").fetchone()
        return row[0]

    def first_open(self) -> str:
        """The month vouchers go to now: the one after the last closed month, else the book's first month."""
        last = self.last_closed()
        return add_months(last, 1) if last else self.book.settings.start_period

    def close_month(self, period: str) -> None:
        """结账: every voucher of the month must be posted, and the months before it closed."""
        book = self.book
        book.require_writable()
        self.book.require("close")
        if self.is_closed(period):
            raise BookError(_("{p} 已经结账。", "{p} is already closed.", p=period))
        start = book.settings.start_period
        previous = add_months(period, -1)
        if period > start and not self.is_closed(previous):
            raise BookError(_("请先结 {p} 的账。", "Close {p} first.", p=previous))
        pending = book.db.execute(
            "SELECT count(*) FROM vouchers WHERE period = ? AND status != 'posted'", [period]
        ).fetchone()[0]
        if pending:
            raise BookError(
                _("{p} 还有 {n} 张凭证未记账，不能结账。", "{p} still has {n} unposted vouchers; it cannot be closed.", p=period, n=pending)
            )
        with book.store.transaction():
            book.store.insert("periods", {"period": period, "closed_at": utc_now(), "closed_by": book.user})

    def reopen_month(self, period: str) -> None:
        """反结账: only the last closed month, and never a month of a closed year."""
        book = self.book
        book.require_writable()
        self.book.require("close")
        if self.last_closed() != period:
            raise BookError(_("只能反结账最后一个已结账的月份。", "Only the last closed month can be reopened."))
        if self.year_closed(self.year_of(period)):
            raise BookError(_("{y} 年已年结，不能反结账。", "The year {y} is closed; it cannot be reopened.", y=self.year_of(period)))
        row = book.db.execute("SELECT id FROM periods WHERE period = ?", [period]).fetchone()
        with book.store.transaction():
            book.store.delete("periods", row[0])

    def year_closed(self, year: int) -> bool:
        return bool(
            self.book.db.execute(
                "SELECT 1 FROM vouchers WHERE kind = 'closing' AND period = ? LIMIT 1", [self.year_periods(year)[-1]]
            ).fetchone()
        ) and self.is_closed(self.year_periods(year)[-1])

    def close_year(self, year: int) -> list[str]:
        """年结: income and expenses to 本年收益, 本年收益 and 各项分配 to 未分配收益, then close every month.

        Returns the ids of the closing vouchers.
        """
        book = self.book
        book.require_writable()
        self.book.require("close")
        periods = self.year_periods(year)
        if self.year_closed(year):
            raise BookError(_("{y} 年已经年结。", "The year {y} is already closed.", y=year))
        first_open = next((p for p in periods if not self.is_closed(p)), None)
        if first_open is None:
            raise BookError(_("{y} 年的月份都已结账，无法生成结转凭证。", "All months of {y} are closed already.", y=year))
        if first_open > book.settings.start_period and not self.is_closed(add_months(first_open, -1)):
            raise BookError(_("请先结 {p} 的账。", "Close {p} first.", p=add_months(first_open, -1)))
        pending = book.db.execute(
            f"SELECT count(*) FROM vouchers WHERE status != 'posted' AND period IN ({','.join('?' * 12)})", periods
        ).fetchone()[0]
        if pending:
            raise BookError(
                _("{y} 年还有 {n} 张凭证未记账，不能年结。", "{y} still has {n} unposted vouchers; it cannot be closed.", y=year, n=pending)
            )
        book.backups.before("year-close")
        last = periods[-1]
        date = month_end(last).isoformat()
        roles = book.chart.roles
        ids: list[str] = []
        with book.store.transaction():
            balances = book.reports.leaf_balances(periods[0], last, classes=("income", "expense"))
            lines = []
            net = 0
            for acc, bal in balances:
                if bal == 0:
                    continue
                # bal is debit-positive; post the opposite to bring it to zero
                lines.append(book.vouchers.line(acc, _("结转本年收益", "Close to current-year income"), -bal))
                net += bal
            if lines:
                lines.append(book.vouchers.line(roles["current_income"], _("结转本年收益", "Close to current-year income"), net))
                ids.append(book.vouchers.create_posted(date, lines, kind="closing"))
            # 本年收益 and 各项分配 → 未分配收益
            moves = []
            total = 0
            for acc, bal in book.reports.leaf_balances(
                None, last, codes=(roles["current_income"], roles["distribution"]), exclude=(roles["undistributed"],)
            ):
                if bal:
                    moves.append(book.vouchers.line(acc, _("结转未分配收益", "Close to undistributed income"), -bal))
                    total += bal
            if moves:
                moves.append(book.vouchers.line(roles["undistributed"], _("结转未分配收益", "Close to undistributed income"), total))
                ids.append(book.vouchers.create_posted(date, moves, kind="closing"))
            if not ids:  # an empty year still gets a (zero) closing mark
                raise BookError(_("{y} 年没有可结转的余额。", "{y} has no balances to close.", y=year))
            for p in periods:
                if not self.is_closed(p):
                    book.store.insert("periods", {"period": p, "closed_at": utc_now(), "closed_by": book.user})
        return ids
