"""The lines grid of the voucher entry screen: summary, account, debit, credit, driven from the keyboard.

Enter (or Tab) commits the cell and moves on: summary → account → debit → credit (skipped when the debit is
filled) → the next line's summary; past the last line a new line is added with the summary of the line above.
In an amount cell ``=`` fills the amount that balances the voucher and the space bar moves the amount to the
other side (as in 金蝶). The account cell completes codes and names from ``book.accounts.search``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.core import Book, BookError, LineInput, format_fen, to_fen

SUMMARY, ACCOUNT, DEBIT, CREDIT = range(4)
AMOUNTS = (DEBIT, CREDIT)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
Index = QModelIndex | QPersistentModelIndex


@dataclass
class EntryLine:
    summary: str = ""
    account: str = ""  # account code
    debit_fen: int = 0
    credit_fen: int = 0
    member: str | None = None  # kept from a saved line so that saving a draft again keeps its links
    asset: str | None = None

    def is_blank(self) -> bool:
        return not self.account and not self.debit_fen and not self.credit_fen

    def to_input(self) -> LineInput:
        return LineInput(self.account, self.summary, self.debit_fen, self.credit_fen, self.member, self.asset)


class LinesModel(QAbstractTableModel):
    """The voucher's lines as the user edits them; amounts are int fen."""

    edited = Signal()  # any line changed (totals need redrawing)

    def __init__(self, describe: Callable[[str], str], parent: QObject | None = None):
        super().__init__(parent)
        self.describe = describe  # account code → "code full name"
        self.lines: list[EntryLine] = []
        self.read_only = False
        self.headers = [self.tr("摘要"), self.tr("会计科目"), self.tr("借方金额"), self.tr("贷方金额")]

    def set_lines(self, lines: list[EntryLine], *, read_only: bool) -> None:
        self.beginResetModel()
        self.lines = lines
        self.read_only = read_only
        self.endResetModel()
        self.edited.emit()

    def entered(self) -> list[EntryLine]:
        return [ln for ln in self.lines if not ln.is_blank()]

    def compact(self, rows: int) -> None:
        """Filled lines first, blank ones after (at least ``rows`` in all): "line 3" in a message is the third shown."""
        filled = self.entered()
        self.set_lines(filled + [EntryLine() for _ in range(max(1, rows - len(filled)))], read_only=self.read_only)

    def totals(self, skip: int | None = None) -> tuple[int, int]:
        lines = [ln for i, ln in enumerate(self.lines) if i != skip]
        return sum(ln.debit_fen for ln in lines), sum(ln.credit_fen for ln in lines)

    def balancing(self, row: int, column: int) -> int:
        """The amount for (row, column) that makes debits equal credits."""
        debit, credit = self.totals(skip=row)
        return credit - debit if column == DEBIT else debit - credit

    def append(self) -> int:
        """A new line at the end with the summary of the line above; returns its row."""
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(EntryLine(summary=self.lines[-1].summary if self.lines else ""))
        self.endInsertRows()
        return row

    def insert(self, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.insert(row, EntryLine())
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self.endRemoveRows()
        if not self.lines:
            self.append()
        self.edited.emit()

    # -- Qt model ------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ln, col = self.lines[index.row()], index.column()
        if col in AMOUNTS:
            fen = ln.debit_fen if col == DEBIT else ln.credit_fen
            if role == Qt.ItemDataRole.DisplayRole:
                return format_fen(fen, blank_zero=True)
            if role == Qt.ItemDataRole.EditRole:
                return format_fen(fen, thousands=False, blank_zero=True)
            if role == Qt.ItemDataRole.UserRole:
                return fen
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ForegroundRole and fen < 0:  # red ink
                return QBrush(QColor(200, 0, 0))
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ln.summary if col == SUMMARY else (self.describe(ln.account) if ln.account else "")
        if role == Qt.ItemDataRole.EditRole:
            return ln.summary if col == SUMMARY else ln.account
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ln, col = self.lines[index.row()], index.column()
        if value == index.data(Qt.ItemDataRole.EditRole if col < DEBIT else Qt.ItemDataRole.UserRole):
            return True  # unchanged: the voucher stays as saved
        if col == SUMMARY:
            ln.summary = str(value)
        elif col == ACCOUNT:
            ln.account = str(value)
        elif col == DEBIT:
            ln.debit_fen = int(value)
            ln.credit_fen = 0 if value else ln.credit_fen  # one side per line
        else:
            ln.credit_fen = int(value)
            ln.debit_fen = 0 if value else ln.debit_fen
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
        self.edited.emit()
        return True


class CompletingEdit(QLineEdit):
    """A cell editor whose suggestions (``suggestions(text)``) drop down as one types; Enter on the open list takes
    the highlighted entry and moves on (``submitted``)."""

    submitted = Signal()  # Enter picked an entry of the open completion list

    def __init__(self, book: Callable[[], Book], parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.choices = QStringListModel(self)
        self.completer_ = QCompleter(self.choices, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self.setText)
        self.textEdited.connect(self._suggest)

    def suggestions(self, text: str) -> list[str]:
        raise NotImplementedError

    def _suggest(self, text: str) -> None:
        hits = self.suggestions(text) if text.strip() else []
        self.choices.setStringList(hits)
        if hits:
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def take_completion(self) -> None:
        """The highlighted entry of an open completion list becomes the text."""
        popup = self.completer_.popup()
        current = popup.currentIndex()
        if popup.isVisible() and current.isValid():
            self.setText(current.data())
            popup.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # with the completion list open the keys arrive here through the completer, not the delegate's filter
        if event.key() in ENTER_KEYS and self.completer_.popup().isVisible():
            self.take_completion()
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SummaryEdit(CompletingEdit):
    """The summary cell's editor: the book's common summaries (摘要库) that contain what was typed."""

    library: list[str] | None = None  # read from the book when the editor first suggests

    def suggestions(self, text: str) -> list[str]:
        if self.library is None:
            self.library = self.book().vouchers.common_summaries()
        return [s for s in self.library if text in s and s != text][:12]


class AccountEdit(CompletingEdit):
    """The account cell's editor: a code, part of a name or its pinyin initials, completed from the book's leaf
    accounts; F7 opens the account picker (科目参照)."""

    def suggestions(self, text: str) -> list[str]:
        accounts = self.book().accounts
        return [f"{a['code']} {accounts.full_name(a)}" for a in accounts.search(text)]

    def pick(self) -> None:
        """F7: choose the account from the whole chart; the choice is taken as if Enter picked it."""
        from app.gui.account_picker import AccountPicker

        picker = AccountPicker(self.book(), self.text(), self)
        if picker.exec() == AccountPicker.DialogCode.Accepted and picker.chosen:
            self.setText(picker.chosen)
            self.submitted.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F7:
            self.pick()
            event.accept()
            return
        super().keyPressEvent(event)

    def code(self) -> str:
        """The leaf account the text names; raises BookError when it names none or several."""
        text = self.text().strip()
        if not text:
            return ""
        accounts = self.book().accounts
        token = text.split()[0]
        acc = accounts.get(token)
        if acc and accounts.is_postable(acc["id"]):
            return acc["code"]
        hits = accounts.search(text) or accounts.search(token)
        if len(hits) == 1:
            return hits[0]["code"]
        if not hits:
            raise BookError(self.tr("没有与“%1”相符的末级科目。").replace("%1", text))
        raise BookError(self.tr("有 %1 个科目与“%2”相符，请从列表中选一个。").replace("%1", str(len(hits))).replace("%2", text))


class LinesDelegate(QStyledItemDelegate):
    """Editors for the four columns; commits on Enter and hands the move to the view (``EditNextItem``)."""

    problem = Signal(str)  # what was typed cannot be taken ("" when the last commit went through)
    switched = Signal(QModelIndex)  # the amount went to the other side: edit on there

    def __init__(self, book: Callable[[], Book], parent: QObject | None = None):
        super().__init__(parent)
        self.book = book  # the open book, when an editor is made
        self._rows: dict[QWidget, QPersistentModelIndex] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() in (SUMMARY, ACCOUNT):
            editor: QLineEdit = (AccountEdit if index.column() == ACCOUNT else SummaryEdit)(self.book, parent)
            editor.submitted.connect(lambda: self.submit(editor))
        else:
            editor = QLineEdit(parent)
            if index.column() in AMOUNTS:
                editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setFrame(False)
        self._rows[editor] = QPersistentModelIndex(index)
        editor.destroyed.connect(lambda: self._rows.pop(editor, None))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = index.data(Qt.ItemDataRole.DisplayRole if index.column() == ACCOUNT else Qt.ItemDataRole.EditRole) or ""
        if index.column() == SUMMARY and not text and index.row() > 0:  # summary as on the line above
            text = index.siblingAtRow(index.row() - 1).data(Qt.ItemDataRole.EditRole) or ""
        editor.setText(text)
        editor.selectAll()

    def value(self, editor: QLineEdit, column: int) -> str | int:
        """The cell's value from the editor's text; raises BookError when it cannot be taken."""
        if column == ACCOUNT:
            assert isinstance(editor, AccountEdit)
            return editor.code()
        if column in AMOUNTS:
            text = editor.text().strip()
            return to_fen(text) if text else 0
        return editor.text().strip()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        try:
            value = self.value(editor, index.column())
        except BookError as e:  # focus left a cell holding something wrong: keep the old value, say why
            self.problem.emit(str(e))
            return
        model.setData(index, value)

    def submit(self, editor: QLineEdit) -> None:
        """Enter: take the cell if it is valid and move on; otherwise keep the editor open and say why."""
        index = self._rows.get(editor)
        if index is None:
            return
        if isinstance(editor, CompletingEdit):
            editor.take_completion()
        try:
            self.value(editor, index.column())
        except BookError as e:
            self.problem.emit(str(e))
            return
        self.problem.emit("")
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)

    def fill_balance(self, editor: QLineEdit) -> None:
        """``=``: the amount that balances the voucher, on the side where it is positive."""
        index = self._rows[editor]
        model = index.model()
        assert isinstance(model, LinesModel)
        fen = model.balancing(index.row(), index.column())
        if fen < 0:  # the other side needs it: never a negative amount from "="
            self._move(editor, -fen)
        else:
            editor.setText(format_fen(fen, thousands=False))

    def switch_side(self, editor: QLineEdit) -> None:
        """Space: the amount typed moves to the other side of the line."""
        index = self._rows[editor]
        try:
            fen = self.value(editor, index.column())
        except BookError as e:
            self.problem.emit(str(e))
            return
        assert isinstance(fen, int)
        self._move(editor, fen)

    def _move(self, editor: QLineEdit, fen: int) -> None:
        """Close the amount editor, put ``fen`` on the other side of its line and edit on there."""
        index = QModelIndex(self._rows[editor])
        other = index.siblingAtColumn(CREDIT if index.column() == DEBIT else DEBIT)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        index.model().setData(index, 0)
        index.model().setData(other, fen)
        self.switched.emit(other)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit) and editor in self._rows:
            assert isinstance(event, QKeyEvent)
            if event.key() in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.submit(editor)
                return True
            if event.text() in ("=", "＝") and self._rows[editor].column() in AMOUNTS:
                self.fill_balance(editor)
                return True
            if event.key() == Qt.Key.Key_Space and self._rows[editor].column() in AMOUNTS:
                self.switch_side(editor)
                return True
        return super().eventFilter(editor, event)


class LinesView(QTableView):
    """The grid; ``moveCursor(MoveNext)`` is where Enter goes next (adding a line past the end)."""

    def __init__(self, model: LinesModel, delegate: LinesDelegate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)
        delegate.switched.connect(lambda index: self.start_at(index.row(), index.column()))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ACCOUNT, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().horizontalAdvance("0")
        for col in AMOUNTS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(col, 18 * char)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)

    def lines_model(self) -> LinesModel:
        model = self.model()
        assert isinstance(model, LinesModel)
        return model

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if action != QAbstractItemView.CursorAction.MoveNext or not current.isValid():
            return super().moveCursor(action, modifiers)
        model = self.lines_model()
        row, col = current.row(), current.column()
        line = model.lines[row]
        if col < DEBIT or (col == DEBIT and not line.debit_fen):
            return model.index(row, col + 1)
        if row + 1 < model.rowCount():
            return model.index(row + 1, SUMMARY)
        if line.is_blank():
            return current
        return model.index(model.append(), SUMMARY)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a cell that is not being edited opens it (the editor's own Enter moves on)
        current = self.currentIndex()
        if event.key() in ENTER_KEYS[:2] and current.isValid() and self.state() != QAbstractItemView.State.EditingState:
            self.edit(current)
            return
        super().keyPressEvent(event)

    def start_at(self, row: int, column: int) -> None:
        """Put the cursor on a cell and open its editor."""
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.setFocus()
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit(index)
