"""A row of widgets that wraps onto the next line when the window is too narrow for it (a toolbar of buttons
that never cuts a button's text: each widget keeps at least its size hint)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Lays its widgets out left to right at their size hints, wrapping to a new line as needed."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- what QLayout needs --------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put ``widget`` before the item at ``index`` (at the end when ``index`` is -1 or past the end)."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.insert(index if 0 <= index <= len(self._items) else len(self._items), item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        width = sum(self._width(i) for i in self._visible()) + self._gap() * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest single widget."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(QSize(self._width(item), item.minimumSize().height()))
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- layout --------------------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    @staticmethod
    def _width(item: QLayoutItem) -> int:
        return max(item.sizeHint().width(), item.minimumSize().width())

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return max(parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent), 6)

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the items in ``rect`` (when ``apply``); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        line: list[tuple[QLayoutItem, int]] = []

        def place(line: list[tuple[QLayoutItem, int]], y: int, height: int) -> None:
            left = area.x()
            for item, width in line:
                # a widget that may grow (the filter box) takes what is left on a line of its own
                grows = item.widget() is not None and item.widget().sizePolicy().horizontalPolicy() in (
                    QSizePolicy.Policy.Expanding,
                    QSizePolicy.Policy.MinimumExpanding,
                )
                if grows and len(line) == 1:
                    width = max(width, area.width())
                item.setGeometry(
                    QRect(
                        QPoint(left, y + (height - item.sizeHint().height()) // 2),
                        QSize(width, item.sizeHint().height()),
                    )
                )
                left += width + self._gap()

        for item in self._visible():
            width = min(self._width(item), area.width()) if area.width() > 0 else self._width(item)
            if line and x + width > area.right() + 1:
                if apply:
                    place(line, y, line_height)
                y += line_height + self._gap()
                x, line_height, line = area.x(), 0, []
            line.append((item, width))
            x += width + self._gap()
            line_height = max(line_height, item.sizeHint().height())
        if line and apply:
            place(line, y, line_height)
        return y + line_height - rect.y() + m.bottom()
