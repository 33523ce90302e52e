"""Accounting periods: months 'YYYY-MM' of calendar years, month close and year-end close."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.ops import Op
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

    # -- calendar ------------------------------------------------------------------------------------------
    def year_periods(self, year: int) -> list[str]:
        """The twelve months of ``year``: the accounting year is the calendar year (制度 总则)."""
        return [f"{year:04d}-{m:02d}" for m in range(1, 13)]

    @staticmethod
    def year_of(period: str) -> int:
        return int(period[:4])

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
        self.book.check(Op.CLOSE_PERIOD)
        if self.is_closed(period):
            raise BookError(_("{p} 已经结账。", "{p} is already closed.", p=period))
        start = book.settings.start_period
        previous = add_months(period, -1)
        if period > start and not self.is_closed(previous):
            raise BookError(_("请先结 {p} 的账。", "Close {p} first.", p=previous))
        self.require_previous_year_closed(period)
        pending = book.db.execute(
            "SELECT count(*) FROM vouchers WHERE period = ? AND status != 'posted'", [period]
        ).fetchone()[0]
        if pending:
            raise BookError(
                _("{p} 还有 {n} 张凭证未记账，不能结账。", "{p} still has {n} unposted vouchers; it cannot be closed.", p=period, n=pending)
            )
        with book.transact(Op.CLOSE_PERIOD):
            book.store.insert("periods", {"period": period, "closed_at": utc_now(), "closed_by": book.user})

    def reopen_month(self, period: str) -> None:
        """反结账: only the last closed month, and never a month of a closed year."""
        book = self.book
        book.require_writable()
        self.book.check(Op.REOPEN_PERIOD)
        if self.last_closed() != period:
            raise BookError(_("只能反结账最后一个已结账的月份。", "Only the last closed month can be reopened."))
        if self.year_closed(self.year_of(period)):
            raise BookError(_("{y} 年已年结，不能反结账。", "The year {y} is closed; it cannot be reopened.", y=self.year_of(period)))
        row = book.db.execute("SELECT id FROM periods WHERE period = ?", [period]).fetchone()
        with book.transact(Op.REOPEN_PERIOD):
            book.store.delete("periods", row[0])

    def year_closed(self, year: int) -> bool:
        """年结 done: every month of the year closed and nothing left on income, expenses, 本年收益 or 各项分配."""
        periods = self.year_periods(year)
        if periods[-1] < self.book.settings.start_period:
            return True  # a year before the book
        if len(self.closed() & set(periods)) != 12:
            return False
        return not any(bal for _code, bal in self.unclosed_balances(year))

    def unclosed_balances(self, year: int) -> list[tuple[str, int]]:
        """(leaf code, balance) at the year's end of every account the year close brings to zero."""
        emptied = {a["code"] for a in self.book.accounts.emptied_by_year_close()}
        return [(code, bal) for code, bal in self.book.reports.leaf_balances(None, self.year_periods(year)[-1]) if code in emptied]

    def require_previous_year_closed(self, period: str) -> None:
        """No voucher is posted and no month closed in year N+1 until year N is closed (drafts may wait)."""
        year = self.year_of(period)
        if not self.year_closed(year - 1):
            raise BookError(
                _("{y} 年尚未年结，不能在 {p} 记账或结账。", "The year {y} is not closed; {p} cannot be posted or closed.", y=year - 1, p=period),
                code="period.previous_year_open",
            )

    def close_year(self, year: int) -> list[str]:
        """年结: income and expenses to 本年收益; 本年收益 to 未分配收益; 未分配收益 to 各项分配; then every month.

        Works whether or not December was closed as a month. Returns the ids of the closing vouchers.
        """
        book = self.book
        book.require_writable()
        self.book.check(Op.CLOSE_PERIOD)
        periods = self.year_periods(year)
        if self.year_closed(year):
            raise BookError(_("{y} 年已经年结。", "The year {y} is already closed.", y=year), code="period.year_closed")
        self.require_previous_year_closed(periods[0])
        first_open = next((p for p in periods if not self.is_closed(p)), None)
        if first_open and first_open > book.settings.start_period and not self.is_closed(add_months(first_open, -1)):
            raise BookError(_("请先结 {p} 的账。", "Close {p} first.", p=add_months(first_open, -1)), code="period.previous_open")
        pending = book.db.execute(
            f"SELECT count(*) FROM vouchers WHERE status != 'posted' AND period IN ({','.join('?' * 13)})",
            [opening_period(year), *periods],
        ).fetchone()[0]
        if pending:
            raise BookError(
                _("{y} 年还有 {n} 张凭证未记账，不能年结。", "{y} still has {n} unposted vouchers; it cannot be closed.", y=year, n=pending),
                code="period.unposted",
            )
        book.backups.before("year-close")
        last = periods[-1]
        date = month_end(last).isoformat()
        roles = book.chart.roles
        reports = book.reports
        ids: list[str] = []

        def transfer(balances: list[tuple[str, int]], to: str, summary: str) -> None:
            """One closing voucher: each balance to zero, the total to ``to`` (no netting of the two sides)."""
            lines = [book.vouchers.line(acc, summary, -bal) for acc, bal in balances if bal]
            total = sum(bal for _a, bal in balances)
            if total:
                lines.append(book.vouchers.line(to, summary, total))
            if lines:
                ids.append(book.vouchers.create_posted(date, lines, kind="closing"))

        with book.transact(Op.CLOSE_PERIOD):
            # the year's income and expenses, including the opening balances of a book that starts mid-year
            transfer(
                reports.leaf_balances(None, last, classes=("income", "expense")),
                roles["current_income"],
                _("结转本年收益", "Close to current-year income"),
            )
            # 借 本年收益 贷 收益分配—未分配收益
            transfer(
                reports.leaf_balances(None, last, codes=(roles["current_income"],)),
                roles["undistributed"],
                _("结转本年收益", "Close current-year income"),
            )
            # 借 收益分配—未分配收益 贷 收益分配—各项分配
            transfer(
                reports.leaf_balances(None, last, codes=(roles["distribution"],), exclude=(roles["undistributed"],)),
                roles["undistributed"],
                _("结转各项分配", "Close the distributions"),
            )
            for p in periods:
                if not self.is_closed(p):
                    book.store.insert("periods", {"period": p, "closed_at": utc_now(), "closed_by": book.user})
        return ids
