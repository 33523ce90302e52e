"""期初与科目: the opening balances of every leaf account with the trial-balance check (借贷平衡) before they are
saved, and the sub-accounts (明细科目): add, rename, deactivate, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import BookError, format_fen, to_fen
from app.gui.context import AppContext, Page
from app.gui.widgets.flow import FlowLayout

CODE, NAME, DEBIT, CREDIT = range(4)
BAD = "color: #c00000;"
GOOD = "color: #2e7d32;"


class OpeningBalances(QWidget):
    """期初余额: one line per leaf account, its balance on the debit or the credit side; saved only when the
    debits equal the credits."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("科目编码"), self.tr("科目名称"), self.tr("借方余额"), self.tr("贷方余额")]
        )
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._changed)
        self.check = QLabel()
        self.save_button = QPushButton(self.tr("保存期初余额"))
        self.save_button.clicked.connect(self.save)
        bar = FlowLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("在启用月份之前的余额。借方合计等于贷方合计（试算平衡）才能保存。")))
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        balances = book.vouchers.opening_balances()
        accounts = book.accounts
        leaves = [a for a in accounts.list() if accounts.is_postable(a["id"])]
        self.table.blockSignals(True)
        self.table.setRowCount(len(leaves))
        for row, acc in enumerate(leaves):
            fen = balances.get(acc["code"], 0)
            cells = [
                acc["code"],
                accounts.full_name(acc),
                format_fen(max(fen, 0), blank_zero=True),
                format_fen(max(-fen, 0), blank_zero=True),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col < DEBIT:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(CODE)
        editable = not book.periods.last_closed()
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self._changed()

    def entered(self) -> dict[str, int]:
        """account code → debit-positive balance; raises BookError on an amount that is not a number."""
        out: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            debit, credit = (self.table.item(row, col).text().strip() for col in (DEBIT, CREDIT))
            fen = (to_fen(debit) if debit else 0) - (to_fen(credit) if credit else 0)
            if fen:
                out[self.table.item(row, CODE).text()] = fen
        return out

    def totals(self) -> tuple[int, int]:
        balances = self.entered()
        return sum(b for b in balances.values() if b > 0), -sum(b for b in balances.values() if b < 0)

    def _changed(self, item: QTableWidgetItem | None = None) -> None:
        try:
            debit, credit = self.totals()
        except BookError as e:
            self.check.setStyleSheet(BAD)
            self.check.setText(str(e))
            self.save_button.setEnabled(False)
            return
        balanced = debit == credit
        self.check.setStyleSheet(GOOD if balanced else BAD)
        verdict = (
            self.tr("试算平衡")
            if balanced
            else self.tr("不平衡，差额 %1").replace("%1", format_fen(debit - credit))
        )
        self.check.setText(
            self.tr("借方合计 %1，贷方合计 %2：%3")
            .replace("%1", format_fen(debit))
            .replace("%2", format_fen(credit))
            .replace("%3", verdict)
        )
        book = self.ctx.book
        self.save_button.setEnabled(balanced and book is not None and not book.periods.last_closed())

    def save(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        try:
            balances = self.entered()
        except BookError as e:
            self.ctx.show_error(e)
            return
        if self.ctx.call(lambda: book.vouchers.set_opening_balances(balances)) is not None:
            self.check.setText(f"{self.check.text()} {self.tr('已保存。')}")


class SubAccounts(QWidget):
    """明细科目: the chart as a tree; sub-accounts are added under the chosen account."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("科目编码"), self.tr("科目名称"), self.tr("状态")])
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        bar = FlowLayout()
        for text, slot in (
            (self.tr("增加明细科目…"), self.add),
            (self.tr("改名…"), self.rename),
            (self.tr("停用或启用"), self.toggle),
            (self.tr("删除"), self.delete),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        current = self.current()
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for acc in book.accounts.list():
            parent = items.get(acc["parent_id"] or "")
            state = "" if acc["active"] else self.tr("已停用")
            item = QTreeWidgetItem([acc["code"], acc["name"], state])
            item.setData(0, Qt.ItemDataRole.UserRole, acc["code"])
            if not acc["active"]:
                item.setForeground(1, QColor(150, 150, 150))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[acc["id"]] = item
            if acc["code"] == current:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(2)

    def current(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _chosen(self) -> str | None:
        code = self.current()
        if code is None:
            QMessageBox.information(self, self.tr("明细科目"), self.tr("请先选中一个科目。"))
        return code

    def _write(self, fn) -> None:
        if self.ctx.call(fn) is not None:
            self.refresh()

    def add(self) -> None:
        code = self._chosen()
        if code is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("增加明细科目"), self.tr("%1 下的明细科目名称：").replace("%1", code)
        )
        if ok and name.strip():
            self._write(lambda: self.ctx.book.accounts.add_sub(code, name))

    def rename(self) -> None:
        code = self._chosen()
        if code is None:
            return
        old = self.ctx.book.accounts.get(code)["name"]
        name, ok = QInputDialog.getText(
            self, self.tr("科目改名"), self.tr("%1 的新名称：").replace("%1", code), text=old
        )
        if ok and name.strip():
            self._write(lambda: self.ctx.book.accounts.rename(code, name) or True)

    def toggle(self) -> None:
        code = self._chosen()
        if code is not None:
            active = bool(self.ctx.book.accounts.get(code)["active"])
            self._write(lambda: self.ctx.book.accounts.set_active(code, not active) or True)

    def delete(self) -> None:
        code = self._chosen()
        if code is not None:
            self._write(lambda: self.ctx.book.accounts.delete(code) or True)


class SetupPage(Page):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self.opening = OpeningBalances(ctx)
        self.accounts = SubAccounts(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.opening, self.tr("期初余额"))
        self.tabs.addTab(self.accounts, self.tr("明细科目"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("期初与科目")

    def refresh(self) -> None:
        self.opening.refresh()
        self.accounts.refresh()
