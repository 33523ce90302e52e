"""报表: the trial balance (科目余额表), the balance sheet (资产负债表) and the income statement
(收益及收益分配表). Double-click an account of the trial balance for its detail ledger, and a line there for its
voucher."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.core import BookError, print_statement, split
from app.gui.context import AppContext, Page
from app.gui.ledger_view import LedgerDialog
from app.gui.report_table import MonthRange, ReportTable, blank_zeros
from app.gui.widgets.table import ColumnSpec

TRIAL, SHEET, INCOME = "trial", "sheet", "income"
MONEY_KEYS = ("opening_debit_fen", "opening_credit_fen", "debit_fen", "credit_fen", "closing_debit_fen", "closing_credit_fen")
INDENT = "　"  # an ideographic space per level below the first


class ReportsPage(Page):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self._book = None
        self.dialog: LedgerDialog | None = None  # the ledger opened last
        self.report = QComboBox()
        self.report.addItem(self.tr("科目余额表"), TRIAL)
        self.report.addItem(self.tr("资产负债表"), SHEET)
        self.report.addItem(self.tr("收益及收益分配表"), INCOME)
        self.months = MonthRange()
        self.leaves = QComboBox()
        self.leaves.addItem(self.tr("含明细科目"), True)
        self.leaves.addItem(self.tr("仅一级科目"), False)
        self.zeros = QCheckBox(self.tr("显示无余额无发生额的科目"))
        self.zeros.toggled.connect(self.refresh)
        show = QPushButton(self.tr("查询"))
        show.clicked.connect(self.refresh)
        for combo in (self.report, self.leaves):
            combo.currentIndexChanged.connect(self.refresh)
        self.state = QLabel()

        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("报表：")), self.report, self.months, show):
            bar.addWidget(widget)
        bar.addStretch(1)
        options = QHBoxLayout()  # the trial balance's own choices, and whether the report balances
        options.addWidget(self.leaves)
        options.addWidget(self.zeros)
        options.addWidget(self.state, 1)

        money = "money"
        self.columns = {
            TRIAL: [
                ColumnSpec("code", self.tr("科目代码"), width=6, sortable=False),
                ColumnSpec("name", self.tr("科目名称"), width=14, sortable=False),
                ColumnSpec("opening_debit_fen", self.tr("期初借方"), money, width=9, sortable=False),
                ColumnSpec("opening_credit_fen", self.tr("期初贷方"), money, width=9, sortable=False),
                ColumnSpec("debit_fen", self.tr("本期借方"), money, width=9, sortable=False),
                ColumnSpec("credit_fen", self.tr("本期贷方"), money, width=9, sortable=False),
                ColumnSpec("closing_debit_fen", self.tr("期末借方"), money, width=9, sortable=False),
                ColumnSpec("closing_credit_fen", self.tr("期末贷方"), money, width=9, sortable=False),
            ],
            SHEET: [
                ColumnSpec("a_name", self.tr("资产"), width=14, sortable=False),
                ColumnSpec("a_start_fen", self.tr("年初数"), money, width=9, sortable=False),
                ColumnSpec("a_end_fen", self.tr("期末数"), money, width=9, sortable=False),
                ColumnSpec("l_name", self.tr("负债及所有者权益"), width=14, sortable=False),
                ColumnSpec("l_start_fen", self.tr("年初数"), money, width=9, sortable=False),
                ColumnSpec("l_end_fen", self.tr("期末数"), money, width=9, sortable=False),
            ],
            INCOME: [
                ColumnSpec("name", self.tr("项目"), width=22, sortable=False),
                ColumnSpec("amount_fen", self.tr("本年累计数"), money, width=10, sortable=False),
                ColumnSpec("previous_fen", self.tr("上年数"), money, width=10, sortable=False),
            ],
        }
        self.table = ReportTable(self.tr("科目余额表"), self.columns[TRIAL], search=("code", "name", "a_name", "l_name"))
        self.table.activated.connect(self.drill)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return self.tr("报表")

    def book_changed(self) -> None:
        book = self.ctx.book
        if book is not self._book:  # another book: show its last year with entries
            self._book = book
            if book is not None:
                self.months.follow(book)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        book = self.ctx.book
        self.table.paper = None
        if book is None:  # the book was closed: nothing of it stays on screen
            self.table.show_rows(self.report.currentText(), "", [])
            self.state.clear()
            return
        kind = self.report.currentData()
        self.months.single(kind != TRIAL)
        for widget in (self.leaves, self.zeros):
            widget.setVisible(kind == TRIAL)
        year, first, last = self.months.value()
        try:
            rows, state = {TRIAL: self._trial, SHEET: self._sheet, INCOME: self._income}[kind](year, first, last)
        except BookError as e:
            rows, state = [], (str(e), False)
        text, good = state
        self.state.setText(text)
        self.state.setStyleSheet("color: #2e7d32;" if good else "color: #c00000;")
        if rows:
            paper = {TRIAL: "trial-balance", SHEET: "balance-sheet", INCOME: "income"}[kind]
            self.table.paper = lambda out: print_statement(
                book, paper, year, out, month_from=first, month_to=last
            )
        self.table.show_rows(self.report.currentText(), f"{book.settings.name}　{self.months.text()}", rows, self.columns[kind])

    def _trial(self, year: int, first: int, last: int) -> tuple[list[dict], tuple[str, bool]]:
        report = self.ctx.book.reports.trial_balance(year, first, last)
        all_levels, zeros = self.leaves.currentData(), self.zeros.isChecked()
        rows = []
        for r in report["rows"]:
            if (r["level"] > 1 and not all_levels) or not (zeros or r["opening_fen"] or r["debit_fen"] or r["credit_fen"]):
                continue
            od, oc = split(r["opening_fen"])
            cd, cc = split(r["closing_fen"])
            row = {
                "code": r["code"],
                "name": INDENT * (r["level"] - 1) + r["name"],
                "opening_debit_fen": od,
                "opening_credit_fen": oc,
                "debit_fen": r["debit_fen"],
                "credit_fen": r["credit_fen"],
                "closing_debit_fen": cd,
                "closing_credit_fen": cc,
            }
            rows.append(blank_zeros(row, MONEY_KEYS))
        totals = report["totals"]
        rows.append({"code": "", "name": self.tr("合计"), **{k: v for k, v in totals.items() if k.endswith("_fen")}})
        if totals["balanced"]:
            return rows, (self.tr("试算平衡"), True)
        return rows, (self.tr("试算不平衡，请检查账簿"), False)

    def _sheet(self, year: int, first: int, last: int) -> tuple[list[dict], tuple[str, bool]]:
        report = self.ctx.book.reports.balance_sheet(year, last)
        left, right = report["assets"], report["liabilities_equity"]
        rows = []
        for i in range(max(len(left), len(right))):
            row: dict = {}
            for prefix, side in (("a", left), ("l", right)):
                if i < len(side):
                    ln = side[i]
                    row[f"{prefix}_name"] = INDENT * (ln["level"] - 1) + ln["name"]
                    row[f"{prefix}_start_fen"] = ln["start_fen"]
                    row[f"{prefix}_end_fen"] = ln["end_fen"]
            rows.append(row)
        if report["balanced"]:
            return rows, (self.tr("资产合计等于负债及所有者权益合计"), True)
        return rows, (self.tr("资产合计不等于负债及所有者权益合计，请检查账簿"), False)

    def _income(self, year: int, first: int, last: int) -> tuple[list[dict], tuple[str, bool]]:
        report = self.ctx.book.reports.income_statement(year, last)
        rows = [
            {"name": INDENT * (ln["level"] - 1) + ln["name"], "amount_fen": ln["amount_fen"], "previous_fen": ln["previous_fen"]}
            for ln in report["lines"]
        ]
        return rows, ("", True)

    # -- drill down ----------------------------------------------------------------------------------------
    def drill(self, row: dict) -> None:
        """An account of the trial balance → its detail ledger for the same months."""
        if self.report.currentData() != TRIAL or not row.get("code"):
            return
        self.dialog = LedgerDialog(self.ctx, row["code"], *self.months.value(), self)
        self.dialog.show()
