"""修改记录: the audit history of a member, voucher or asset (and what belongs to it), newest first: when, who, on
which PC, what, and each field's old and new value. Personal data is masked for users who may not see it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import Book, Entry, show_value, table_label


def local_time(at: str) -> str:
    return dt.datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


class HistoryDialog(QDialog):
    """``tbl`` is ``members``, ``vouchers`` or ``assets``; ``row_id`` the row's id; ``title`` what the user calls it."""

    def __init__(self, book: Book, tbl: str, row_id: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改记录 — {0}").replace("{0}", title))
        self.entries = book.audit.history(tbl, row_id)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("时间"), self.tr("用户"), self.tr("电脑"), self.tr("操作"), self.tr("原值"), self.tr("新值")])
        for e in self.entries:
            self.tree.addTopLevelItem(self._item(e))
        self.tree.expandAll()
        for col in range(6):
            self.tree.resizeColumnToContents(col)
        count = QLabel(self.tr("共 {0} 条记录").replace("{0}", str(len(self.entries))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def _item(self, e: Entry) -> QTreeWidgetItem:
        action = {"insert": self.tr("新增{0}"), "update": self.tr("修改{0}"), "delete": self.tr("删除{0}")}[e.op]
        item = QTreeWidgetItem([local_time(e.at), e.user, e.replica[:8], action.replace("{0}", table_label(e.tbl)), "", ""])
        for field, old, new in e.fields():
            item.addChild(QTreeWidgetItem(["", "", "", field, show_value(field, old), show_value(field, new)]))
        return item


def show_history(book: Book, tbl: str, row_id: str, title: str, parent: QWidget | None = None) -> None:
    HistoryDialog(book, tbl, row_id, title, parent).exec()
