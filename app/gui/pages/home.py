"""首页: cash and bank balances, this year's income and expenses by month, vouchers waiting for review, the last
backup and the last sync."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core import Book, format_fen
from app.gui.context import AppContext, Page

INCOME_COLOR = QColor("#2e7d32")
EXPENSE_COLOR = QColor("#c62828")


def dashboard_year(book: Book) -> int:
    """The fiscal year of the newest voucher (the open year in a book without vouchers)."""
    newest = book.vouchers.list(limit=1)
    periods = book.periods
    return periods.year_of(newest[0]["period"] if newest else periods.first_open())


class MonthChart(QWidget):
    """Income and expense bars per month, drawn with QPainter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: list[tuple[int, int]] = []
        self.setMinimumHeight(260)

    def set_values(self, values: list[tuple[int, int]]) -> None:
        self.values = values
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        area = QRectF(self.rect()).adjusted(fm.horizontalAdvance("000,000") + 12, line * 2, -12, -line * 2)
        top = max([max(v) for v in self.values] or [0]) or 100
        painter.setPen(self.palette().text().color())
        # legend
        x = area.left()
        for color, text in ((INCOME_COLOR, self.tr("收入")), (EXPENSE_COLOR, self.tr("支出"))):
            painter.fillRect(QRectF(x, line * 0.4, line, line * 0.8), color)
            painter.drawText(QPointF(x + line * 1.3, line * 1.1), text)
            x += line * 1.6 + fm.horizontalAdvance(text) + line
        # axis with the top value in yuan
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(QRectF(0, area.top() - line / 2, area.left() - 6, line), int(Qt.AlignmentFlag.AlignRight), format_fen(top // 100 * 100)[:-3])
        painter.drawText(QRectF(0, area.bottom() - line / 2, area.left() - 6, line), int(Qt.AlignmentFlag.AlignRight), "0")
        slot = area.width() / 12
        bar = slot * 0.32
        for i, (income, expense) in enumerate(self.values):
            left = area.left() + i * slot + slot * 0.15
            for j, (value, color) in enumerate(((income, INCOME_COLOR), (expense, EXPENSE_COLOR))):
                h = area.height() * max(value, 0) / top
                painter.fillRect(QRectF(left + j * bar, area.bottom() - h, bar, h), color)
            label = self.tr("%1月").replace("%1", str(i + 1))
            painter.drawText(QRectF(area.left() + i * slot, area.bottom() + 4, slot, line), int(Qt.AlignmentFlag.AlignCenter), label)
        painter.end()


class Card(QFrame):
    """A figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)


class HomePage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.heading.setFont(font)
        self.cash = Card(self.tr("库存现金"))
        self.bank = Card(self.tr("银行存款"))
        self.income = Card(self.tr("本年收入"))
        self.expense = Card(self.tr("本年支出"))
        self.waiting = Card(self.tr("待审核凭证"))
        self.backup = Card(self.tr("最近备份"))
        self.sync = Card(self.tr("最近同步"))
        self.review_button = QPushButton(self.tr("去审核凭证"))
        self.review_button.clicked.connect(self.show_drafts)
        self.waiting.layout().addWidget(self.review_button)
        self.chart_title = QLabel()
        self.chart = MonthChart()
        grid = QGridLayout()
        for i, card in enumerate((self.cash, self.bank, self.income, self.expense)):
            grid.addWidget(card, 0, i)
        for i, card in enumerate((self.waiting, self.backup, self.sync)):
            grid.addWidget(card, 1, i)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart, 1)

    def title(self) -> str:
        return self.tr("首页")

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        roles = book.chart.roles
        year = dashboard_year(book)
        last = book.periods.year_periods(year)[-1]
        balances = book.reports.leaf_balances(None, last, codes=(roles["cash"], roles["bank"]))
        self.heading.setText(book.settings.name)
        self.cash.value.setText(format_fen(sum(v for c, v in balances if c.startswith(roles["cash"]))))
        self.bank.value.setText(format_fen(sum(v for c, v in balances if c.startswith(roles["bank"]))))
        months = book.reports.monthly_income_expense(year)
        self.income.caption.setText(self.tr("%1年收入").replace("%1", str(year)))
        self.expense.caption.setText(self.tr("%1年支出").replace("%1", str(year)))
        self.income.value.setText(format_fen(sum(i for i, _e in months)))
        self.expense.value.setText(format_fen(sum(e for _i, e in months)))
        self.chart_title.setText(self.tr("%1年各月收入与支出（元）").replace("%1", str(year)))
        self.chart.set_values(months)
        drafts = book.vouchers.count(status="draft")
        self.waiting.value.setText(self.tr("%1 张").replace("%1", str(drafts)))
        self.review_button.setEnabled(drafts > 0)
        self.backup.value.setText(self._last_backup(book))
        self.sync.value.setText(self._last_sync(book))

    def show_drafts(self) -> None:
        """去审核凭证: the vouchers page listing the drafts."""
        window = self.window()
        window.show_page("vouchers")
        window.current_page().show_drafts()

    def _last_backup(self, book: Book) -> str:
        backups = book.backups.list()
        if not backups:
            return self.tr("尚未备份")
        return backups[0].taken.astimezone().strftime("%Y-%m-%d %H:%M")

    def _last_sync(self, book: Book) -> str:
        """When this PC last received changes from another copy of the book."""
        heard = [r["last_heard"] for r in book.sync.status()["replicas"] if r["last_heard"] and not r["this"]]
        if not heard:
            return self.tr("尚未同步")
        return dt.datetime.fromisoformat(max(heard)).astimezone().strftime("%Y-%m-%d %H:%M")
