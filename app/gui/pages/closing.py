"""结账: the months of a fiscal year with their state and unposted vouchers; 结账 closes the first open month,
反结账 reopens the last closed one, and 年结 (the year-end close) shows its checks before it runs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core import add_months
from app.gui.context import AppContext, Page
from app.gui.widgets.flow import FlowLayout

BAD = "color: #c00000;"
GOOD = "color: #2e7d32;"


class ClosingPage(Page):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self._book = None  # the book the year was chosen for
        self.year = QSpinBox(minimum=2000, maximum=2100)
        self.year.valueChanged.connect(self.refresh)
        self.close_button = QPushButton(self.tr("结账"))
        self.close_button.clicked.connect(self.close_month)
        self.reopen_button = QPushButton(self.tr("反结账"))
        self.reopen_button.clicked.connect(self.reopen_month)
        self.year_button = QPushButton(self.tr("年结…"))
        self.year_button.clicked.connect(self.close_year)
        bar = FlowLayout()
        for w in (
            QLabel(self.tr("会计年度：")),
            self.year,
            self.close_button,
            self.reopen_button,
            self.year_button,
        ):
            bar.addWidget(w)
        self.months = QTableWidget(0, 4)
        self.months.setHorizontalHeaderLabels(
            [self.tr("期间"), self.tr("状态"), self.tr("凭证"), self.tr("未记账")]
        )
        self.months.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.months.horizontalHeader().setStretchLastSection(True)
        self.months.verticalHeader().hide()
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.months, 1)
        layout.addWidget(QLabel(self.tr("年结前的检查：")))
        layout.addWidget(self.checks)

    def title(self) -> str:
        return self.tr("结账")

    def book_changed(self) -> None:
        book = self.ctx.book
        if book is not None and book is not self._book:  # another book: start at its open year
            self._book = book
            periods = book.periods
            self.year.blockSignals(True)
            self.year.setValue(periods.year_of(periods.first_open()))
            self.year.blockSignals(False)
        self.refresh()

    def year_checks(self) -> list[tuple[bool, str]]:
        """What 年结 needs, each with whether it holds: every voucher posted, the trial balance balanced, the
        months before the year closed."""
        book = self.ctx.book
        year = self.year.value()
        periods = book.periods.year_periods(year)
        unposted = sum(
            book.vouchers.count(period=p, status=s) for p in periods for s in ("draft", "reviewed")
        )
        balanced = book.reports.trial_balance(year)["totals"]["balanced"]
        before = add_months(periods[0], -1)
        earlier_closed = before < book.settings.start_period or book.periods.is_closed(before)
        return [
            (unposted == 0, self.tr("全年凭证都已记账（未记账 %1 张）").replace("%1", str(unposted))),
            (balanced, self.tr("科目余额表试算平衡")),
            (earlier_closed, self.tr("上一年度已结账")),
            (not book.periods.year_closed(year), self.tr("本年度尚未年结")),
            (
                not book.periods.is_closed(periods[-1]),
                self.tr("最后一个月尚未结账（年结时在该月结转并结账）"),
            ),
        ]

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        year = self.year.value()
        periods = book.periods
        months = periods.year_periods(year)
        self.months.setRowCount(len(months))
        for row, p in enumerate(months):
            closed = periods.is_closed(p)
            cells = [
                p,
                self.tr("已结账") if closed else self.tr("未结账"),
                str(book.vouchers.count(period=p)),
                str(sum(book.vouchers.count(period=p, status=s) for s in ("draft", "reviewed"))),
            ]
            for col, text in enumerate(cells):
                self.months.setItem(row, col, QTableWidgetItem(text))
        lines = []
        for ok, text in self.year_checks():
            lines.append(f"<span style='{GOOD if ok else BAD}'>{'✓' if ok else '✗'} {text}</span>")
        self.checks.setText("<br>".join(lines))
        first_open = periods.first_open()
        self.close_button.setText(self.tr("结账 %1").replace("%1", first_open))
        last = periods.last_closed()
        self.reopen_button.setText(self.tr("反结账 %1").replace("%1", last) if last else self.tr("反结账"))
        self.reopen_button.setEnabled(last is not None)

    def _write(self, fn) -> None:
        if self.ctx.call(fn) is not None:
            self.refresh()

    def close_month(self) -> None:
        book = self.ctx.book
        period = book.periods.first_open()
        if period > f"{dt.date.today():%Y-%m}":
            QMessageBox.information(
                self, self.tr("结账"), self.tr("%1 还没有结束，不能结账。").replace("%1", period)
            )
            return
        self._write(lambda: book.periods.close_month(period) or True)

    def reopen_month(self) -> None:
        book = self.ctx.book
        period = book.periods.last_closed()
        if period is not None:
            self._write(lambda: book.periods.reopen_month(period) or True)

    def close_year(self) -> None:
        book = self.ctx.book
        year = self.year.value()
        failed = [text for ok, text in self.year_checks() if not ok]
        if failed:
            QMessageBox.warning(
                self, self.tr("年结"), self.tr("还不能年结：%1。").replace("%1", "；".join(failed))
            )
            return
        answer = QMessageBox.question(
            self,
            self.tr("年结"),
            self.tr("结转 %1 年的收入、费用和收益分配，并结账全年各月？年结后不能再反结账。").replace(
                "%1", str(year)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: book.periods.close_year(year) or True)
