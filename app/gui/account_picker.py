"""科目参照 (F7 in the account cell): every postable account of the chart, filtered by code, name or pinyin
initials as one types; Enter or a double click takes the highlighted one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core import Book


class AccountPicker(QDialog):
    """``chosen`` is "code full name" of the account picked ("" until one is)."""

    def __init__(self, book: Book, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.chosen = ""
        self.setWindowTitle(self.tr("科目参照"))
        self.filter = QLineEdit(text)
        self.filter.setPlaceholderText(self.tr("科目编码、名称或拼音首字母"))
        self.filter.textChanged.connect(self.fill)
        self.filter.installEventFilter(self)
        self.list = QListWidget()
        self.list.itemActivated.connect(self.take)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self.resize(self.fontMetrics().horizontalAdvance("中") * 30, self.fontMetrics().height() * 24)
        self.fill(text)

    def fill(self, text: str) -> None:
        accounts = self.book.accounts
        if text.strip():
            shown = accounts.search(text, limit=500)
        else:
            shown = [a for a in accounts.list() if a["is_leaf"] and a["active"]]
        self.list.clear()
        for acc in shown:
            self.list.addItem(f"{acc['code']} {accounts.full_name(acc)}")
        self.list.setCurrentRow(0)

    def take(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.list.currentItem()
        if item is not None:
            self.chosen = item.text()
            self.accept()

    def eventFilter(self, watched, event) -> bool:
        # arrows in the filter box move through the list; Enter takes the highlighted account
        if (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.take()
                return True
        return super().eventFilter(watched, event)
