"""A reusable table over the core: rows fetched lazily page by page, filtered as you type, sorted by header click,
exported to .xlsx and printed.

A table is fed by two callables::

    count(text) -> int
    fetch(text, order, descending, offset, limit) -> list[dict]

and a list of ``ColumnSpec`` (key of the row dict, translated header, kind). ``RowsSource`` gives both callables
over a short list held in memory (assets, share classes, holdings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.gui.widgets.cells import NUMERIC, format_cell
from app.gui.widgets.flow import FlowLayout

Count = Callable[[str], int]
Fetch = Callable[[str, str, bool, int, int], list[dict]]
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str
    kind: str = "text"  # text | money (int fen) | qty (int ten-thousandths) | int | date
    width: int | None = None  # in Chinese characters, for the view (the spreadsheet sizes its own columns)
    label: Callable[[Any], str] | None = None  # shows a stored code as words (kind → 农户)
    sortable: bool = True

    def text(self, row: dict) -> str:
        value = row.get(self.key)
        if self.label is not None and value not in (None, ""):
            return self.label(value)
        return format_cell(self.kind, value)

    def value(self, row: dict) -> Any:
        """The value as exported: numbers stay numbers, labelled codes become words."""
        return self.text(row) if self.label is not None else row.get(self.key)


class RowsSource:
    """``count``/``fetch`` over rows held in memory, filtered on ``search`` keys, sorted by any key."""

    def __init__(self, search: Sequence[str], rows: Iterable[dict] = ()):
        self.search = tuple(search)
        self.rows = list(rows)

    def _matching(self, text: str) -> list[dict]:
        text = text.strip().lower()
        if not text:
            return self.rows
        return [r for r in self.rows if any(text in str(r.get(k) or "").lower() for k in self.search)]

    def count(self, text: str) -> int:
        return len(self._matching(text))

    def fetch(self, text: str, order: str, descending: bool, offset: int, limit: int) -> list[dict]:
        rows = self._matching(text)
        if order:
            rows = sorted(rows, key=lambda r: (r.get(order) is None, r.get(order) if r.get(order) is not None else 0), reverse=descending)
        return rows[offset : offset + limit]


class LazyTableModel(QAbstractTableModel):
    """Rows come in pages of ``batch`` as the view scrolls (canFetchMore/fetchMore)."""

    def __init__(self, columns: Sequence[ColumnSpec], count: Count, fetch: Fetch, *, batch: int = 200, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._count = count
        self._fetch = fetch
        self.batch = batch
        self.text = ""
        self.order = ""
        self.descending = False
        self.total = 0
        self.rows: list[dict] = []

    # -- loading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Count again and start from the first page (after a filter, a sort or a change to the book)."""
        self.beginResetModel()
        self.rows = []
        self.total = self._count(self.text)
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def set_filter(self, text: str) -> None:
        self.text = text.strip()
        self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._fetch(self.text, self.order, self.descending, len(self.rows), self.batch)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def all_rows(self) -> list[dict]:
        """Every row that matches the filter, in the shown order (for export and printing)."""
        if self.total <= len(self.rows):
            return list(self.rows)
        return self._fetch(self.text, self.order, self.descending, 0, self.total)

    def row(self, i: int) -> dict:
        return self.rows[i]

    # -- Qt model ------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(self.rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if col.kind in NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        spec = self.columns[column]
        self.order = spec.key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()


class FilterEdit(QLineEdit):
    """The filter box: wide enough for its placeholder."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        text = self.fontMetrics().horizontalAdvance(self.placeholderText() or "0" * 16)
        return QSize(max(hint.width(), text + 4 * self.fontMetrics().horizontalAdvance("0") + 24), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class TableView(QWidget):
    """A filter box, the table, and buttons to export to Excel and to print. Pages add their own buttons with
    ``add_button``; ``activated`` is emitted with the row dict on double-click or Enter."""

    activated = Signal(dict)

    def __init__(
        self,
        title: str,
        columns: Sequence[ColumnSpec],
        count: Count,
        fetch: Fetch,
        *,
        placeholder: str = "",
        batch: int = 200,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.title = title
        self.model = LazyTableModel(columns, count, fetch, batch=batch, parent=self)
        self.filter = FilterEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(placeholder or self.tr("输入名称、编号、证件号码或分组筛选"))
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(lambda: self.model.set_filter(self.filter.text()))
        self.filter.textChanged.connect(self._debounce.start)
        self.filter.returnPressed.connect(self.apply_filter)
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("导出Excel"))
        self.export_button.clicked.connect(self._export_clicked)
        self.print_button = QPushButton(self.tr("打印"))
        self.print_button.clicked.connect(self._print_clicked)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.activated.connect(lambda index: self.activated.emit(self.model.row(index.row())))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._fit_to_content)
        self._fitted = False  # the columns were widened to their content once (later the user's widths stay)
        self.model.rowsInserted.connect(self._update_count)

        self.buttons = FlowLayout()  # wraps onto a second line rather than cutting a button's text
        self.buttons.addWidget(QLabel(self.tr("筛选：")))
        self.buttons.addWidget(self.filter)
        self.buttons.addWidget(self.count_label)
        self.buttons.addWidget(self.export_button)
        self.buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)
        self._size_columns()

    def set_columns(self, columns: Sequence[ColumnSpec]) -> None:
        """Show other columns (a page whose columns depend on the book); call ``reload`` afterwards."""
        self.model.columns = list(columns)
        self._fitted = False
        self.model.reload()
        self._size_columns()

    def _fit_to_content(self, *_inserted: object, rows: int = 100, most_chars: int = 40) -> None:
        """Widen each column to the longest of its first ``rows`` values (at most ``most_chars`` wide), once."""
        if self._fitted or not self.model.rowCount():
            return
        self._fitted = True
        fm = self.view.fontMetrics()
        pad, most = fm.horizontalAdvance("中"), fm.horizontalAdvance("中") * most_chars
        for col in range(self.model.columnCount()):
            texts = (str(self.model.index(r, col).data() or "") for r in range(min(rows, self.model.rowCount())))
            content = max((fm.horizontalAdvance(t) for t in texts), default=0) + pad
            self.view.setColumnWidth(col, max(self.view.columnWidth(col), min(content, most)))

    def _size_columns(self) -> None:
        fm = self.view.horizontalHeader().fontMetrics()
        char = fm.horizontalAdvance("中")
        for i, col in enumerate(self.model.columns):
            chars = col.width or (9 if col.kind in NUMERIC else 8)
            self.view.setColumnWidth(i, max(chars * char, fm.horizontalAdvance(col.header) + char * 2))

    def add_button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        """A page's own button, placed before the export button."""
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        self.buttons.insertWidget(self.buttons.indexOf(self.export_button), button)
        return button

    def add_widget(self, widget: QWidget) -> None:
        """A page's own widget (e.g. the import buttons), placed before the export button."""
        self.buttons.insertWidget(self.buttons.indexOf(self.export_button), widget)

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.filter.text())

    def reload(self) -> None:
        self.model.reload()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 %n 条", "", self.model.total))

    def current_row(self) -> dict | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    # -- export and print ----------------------------------------------------------------------------------
    def shown(self) -> tuple[list[ColumnSpec], list[list[Any]]]:
        """The columns and every matching row's values, as exported and printed."""
        columns = self.model.columns
        return columns, [[c.value(r) for c in columns] for r in self.model.all_rows()]

    def export_xlsx(self, path: str) -> None:
        from app.core import Column, write_table

        columns, rows = self.shown()
        write_table(path, self.title, [Column(c.header, c.kind) for c in columns], rows)

    def _export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("导出Excel"), f"{self.title}.xlsx", "Excel (*.xlsx)")
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self._guarded(lambda: self.export_xlsx(path))

    def _print_clicked(self) -> None:
        from app.gui.widgets.printing import print_preview

        columns, rows = self.shown()
        print_preview(self, self.title, columns, rows, landscape=len(columns) > 6)

    def _guarded(self, fn: Callable[[], Any]) -> None:
        """Show a failure the way the app does (its context when the table sits in a page)."""
        from app.gui.errors import show_error

        try:
            fn()
        except Exception as e:
            show_error(self, e)
