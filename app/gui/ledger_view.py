"""One account's ledger for a year and a range of months: the detail ledger (明细账, every posted line with the
running balance) or the general ledger (总账, month totals). Double-click goes down: a month of the general ledger
opens its detail ledger, a line of the detail ledger opens its voucher."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import BookError, direction, print_books
from app.gui.context import AppContext
from app.gui.report_table import MonthRange, ReportTable, blank_zeros
from app.gui.voucher_entry import VoucherDialog
from app.gui.widgets.table import ColumnSpec

DETAIL, GENERAL = "detail", "general"


def ledger_rows(rows: list[dict]) -> list[dict]:
    """Report rows with the balance shown as a side (借/贷/平) and a size, as ledgers print it."""
    out = []
    for r in rows:
        balance = r.get("balance_fen", 0)
        shown = {**r, "direction": direction(balance), "balance_abs_fen": abs(balance)}
        out.append(blank_zeros(shown, ("debit_fen", "credit_fen")))
    return out


class LedgerView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.account = QComboBox()
        self.account.setEditable(True)
        self.account.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account.setMinimumContentsLength(16)
        self.account.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.account.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("明细账"), DETAIL)
        self.kind.addItem(self.tr("总账"), GENERAL)
        self.months = MonthRange()
        self.show_button = QPushButton(self.tr("查询"))
        self.show_button.clicked.connect(self.load)
        self.account.activated.connect(self.load)
        self.account.lineEdit().returnPressed.connect(self.load)
        self.kind.currentIndexChanged.connect(self.load)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c00000;")

        bar = QHBoxLayout()
        for widget in (
            QLabel(self.tr("科目：")),
            self.account,
            self.kind,
            self.months,
            self.show_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.message.hide()

        money = "money"
        self.detail_columns = [
            ColumnSpec("date", self.tr("日期"), "date", width=7, sortable=False),
            ColumnSpec("voucher", self.tr("凭证号"), width=6, sortable=False),
            ColumnSpec("account", self.tr("科目"), width=6, sortable=False),
            ColumnSpec("summary", self.tr("摘要"), width=18, sortable=False),
            ColumnSpec("debit_fen", self.tr("借方"), money, width=9, sortable=False),
            ColumnSpec("credit_fen", self.tr("贷方"), money, width=9, sortable=False),
            ColumnSpec("direction", self.tr("方向"), width=3, sortable=False),
            ColumnSpec("balance_abs_fen", self.tr("余额"), money, width=9, sortable=False),
        ]
        self.general_columns = [
            ColumnSpec("period", self.tr("期间"), width=6, sortable=False),
            ColumnSpec("summary", self.tr("摘要"), width=12, sortable=False),
            ColumnSpec("debit_fen", self.tr("借方"), money, width=10, sortable=False),
            ColumnSpec("credit_fen", self.tr("贷方"), money, width=10, sortable=False),
            ColumnSpec("direction", self.tr("方向"), width=3, sortable=False),
            ColumnSpec("balance_abs_fen", self.tr("余额"), money, width=10, sortable=False),
        ]
        self.table = ReportTable(self.tr("明细账"), self.detail_columns, search=("summary", "voucher", "account"))
        self.table.activated.connect(self.drill)
        self.dialog: QDialog | None = None  # the voucher opened last
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    # -- choices -------------------------------------------------------------------------------------------
    def fill_accounts(self) -> None:
        book = self.ctx.book
        current = self.code()
        self.account.clear()
        if book is None:
            return
        for a in book.accounts.list():
            self.account.addItem(f"{a['code']} {book.accounts.full_name(a)}", a["code"])
        if current:
            self.set_account(current)

    def set_account(self, code: str) -> None:
        index = self.account.findData(code)
        if index >= 0:
            self.account.setCurrentIndex(index)

    def code(self) -> str:
        """The chosen account: the list's entry, or a code typed at the start of the text."""
        text = self.account.currentText().strip()
        if not text:
            return ""
        index = self.account.findText(text)
        if index >= 0:
            return self.account.itemData(index)
        return text.split()[0]

    def set_query(self, code: str, year: int, month_from: int, month_to: int, kind: str = DETAIL) -> None:
        """Choose what to show, then show it."""
        self.set_account(code)
        self.months.set_value(year, month_from, month_to)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.blockSignals(False)
        self.load()

    # -- showing -------------------------------------------------------------------------------------------
    def load(self) -> None:
        book = self.ctx.book
        self.table.paper = None
        if book is None:  # the book was closed: nothing of it stays on screen
            self.table.show_rows(self.table.title, "", [])
            return
        code = self.code()
        year, first, last = self.months.value()
        self.message.hide()
        try:
            if self.kind.currentData() == GENERAL:
                report = book.reports.general_ledger(code, year)
                rows = [r for r in report["rows"] if r["period"] is None or first <= self._month(r["period"]) <= last]
                title, columns = self.tr("总账"), self.general_columns
            else:
                report = book.reports.detail_ledger(code, year, first, last)
                rows = report["rows"]
                title, columns = self.tr("明细账"), self.detail_columns
        except BookError as e:
            self.message.setText(str(e))
            self.message.show()
            self.table.show_rows(self.table.title, "", [])
            return
        subtitle = f"{book.settings.name}　{report['code']} {report['name']}　{self.months.text()}"
        kind = "general-ledger" if self.kind.currentData() == GENERAL else "ledger"
        self.table.paper = lambda out: print_books(
            book, kind, [code], year, out, month_from=first, month_to=last
        )
        self.table.show_rows(title, subtitle, ledger_rows(rows), columns)

    def _month(self, period: str) -> int:
        """The fiscal month (1..12) of a period of the shown year."""
        return self.ctx.book.periods.year_periods(self.months.year.value()).index(period) + 1

    def drill(self, row: dict) -> None:
        if self.kind.currentData() == GENERAL and row.get("period"):
            month = self._month(row["period"])
            self.set_query(self.code(), self.months.year.value(), month, month, DETAIL)
        elif row.get("voucher_id"):
            self.dialog = VoucherDialog(self.ctx, row["voucher_id"], self)
            self.dialog.show()


class LedgerDialog(QDialog):
    """The detail ledger of one account, opened from a report."""

    def __init__(self, ctx: AppContext, code: str, year: int, month_from: int, month_to: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("明细账"))
        self.resize(1100, 650)
        self.view = LedgerView(ctx, self)
        self.view.fill_accounts()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.view.set_query(code, year, month_from, month_to)
