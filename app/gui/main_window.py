"""The main window: the start screen while no book is open; then a sidebar of pages (from PAGES) beside the page."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.gui import errors
from app.gui.context import AppContext, Page, preferences
from app.gui.pages import PAGES
from app.gui.start import StartScreen, open_book, recent_books, remember_book

log = logging.getLogger(__name__)


class MissingPage(Page):
    """Stands in for a page whose module cannot be imported (the ImportError is logged)."""

    def __init__(self, ctx: AppContext, key: str, label: str):
        super().__init__(ctx)
        self._title = label
        note = QLabel(self.tr("此功能暂不可用。"))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QHBoxLayout(self).addWidget(note)

    def title(self) -> str:
        return self._title


def load_page_classes() -> list[tuple[str, type[Page] | None]]:
    """Import every page module of PAGES; a module that fails to import is logged and left out as None."""
    out: list[tuple[str, type[Page] | None]] = []
    for key, module, cls in PAGES:
        try:
            out.append((key, getattr(importlib.import_module(module), cls)))
        except (ImportError, AttributeError):
            log.exception("page %s (%s.%s) is not available", key, module, cls)
            out.append((key, None))
    return out


class MainWindow(QMainWindow):
    current: MainWindow | None = None  # the app's window (a strong reference keeps a rebuilt window alive)

    def __init__(self, ctx: AppContext | None = None):
        super().__init__()
        MainWindow.current = self
        self.ctx = ctx or AppContext()
        self._handing_over = False
        self.ctx.window = self
        self.ctx.report_unexpected = lambda e: errors.report_unexpected(self, e)
        self.resize(1280, 800)
        self.setMinimumSize(760, 540)

        self.start = StartScreen(self.ctx)
        self.start.about_requested.connect(self.show_about)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        font = self.sidebar.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.sidebar.setFont(font)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding-left: 14px; }")
        self.pages = QStackedWidget()
        self.page_list: list[Page] = []
        self._stale: set[int] = set()
        for key, cls in load_page_classes():
            page = cls(self.ctx) if cls is not None else MissingPage(self.ctx, key, self._page_label(key))
            page.setObjectName(f"page_{key}")
            self.page_list.append(page)
            self.pages.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(item.sizeHint().expandedTo(self.sidebar.fontMetrics().size(0, "中") * 2.6))
            self.sidebar.addItem(item)
        self.sidebar.setFixedWidth(max(self.sidebar.sizeHintForColumn(0), self.sidebar.fontMetrics().horizontalAdvance("中") * 6) + 24)
        self.sidebar.currentRowChanged.connect(self._show_page)

        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sidebar)
        row.addWidget(self.pages, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.stack.addWidget(workspace)
        self.setCentralWidget(self.stack)
        self._build_menu()
        self.user_label = QLabel()
        self.user_label.setObjectName("current_user")
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)
        self.statusBar().addPermanentWidget(self.user_label)

        self.ctx.book_opened.connect(self._book_opened)
        self.ctx.data_changed.connect(self._data_changed)
        self.sidebar.setCurrentRow(0)
        self._restore_state()
        self._book_opened()

    def _page_label(self, key: str) -> str:
        """The sidebar label of a page whose module is missing."""
        return {
            "home": self.tr("首页"),
            "members": self.tr("成员"),
            "shares": self.tr("股份"),
            "assets": self.tr("资产"),
            "vouchers": self.tr("凭证"),
            "ledgers": self.tr("账簿"),
            "reports": self.tr("报表"),
            "setup": self.tr("期初与科目"),
            "closing": self.tr("结账"),
            "admin": self.tr("用户与备份"),
            "distribution": self.tr("收益分配"),
            "sync": self.tr("同步"),
            "settings": self.tr("设置"),
        }[key]

    # -- menus ---------------------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.new_action = self._action(file_menu, self.tr("新建账簿…"), self.start.new_book, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("打开账簿…"), self.start.choose_book, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.close_action = self._action(file_menu, self.tr("关闭账簿"), self.close_book)
        self.switch_action = self._action(file_menu, self.tr("切换用户…"), self.switch_user)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("关于联营账簿"), self.show_about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in recent_books():
            self.recent_menu.addAction(p, lambda p=p: open_book(self.ctx, p))

    # -- book and pages ------------------------------------------------------------------------------------
    def open(self, path: Path | str) -> bool:
        return open_book(self.ctx, path)

    def close_book(self) -> None:
        self.ctx.set_book(None)
        remember_book(None)

    def show_page(self, key: str) -> None:
        keys = [k for k, _m, _c in PAGES]
        self.sidebar.setCurrentRow(keys.index(key))

    def current_page(self) -> Page:
        return self.page_list[self.pages.currentIndex()]

    def _book_opened(self) -> None:
        book = self.ctx.book
        self.stack.setCurrentIndex(0 if book is None else 1)
        self.close_action.setEnabled(book is not None)
        # Ctrl+N is 新建账簿 on the start screen; with a book open it belongs to the pages (新增凭证)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New) if book is None else QKeySequence())
        self.show_who()
        if book is None:
            self.start.refresh()
            return
        self._stale = set(range(len(self.page_list)))
        current = self.pages.currentIndex()
        self._stale.discard(current)
        self._guard(self.page_list[current].book_changed)

    def show_who(self) -> None:
        """The title names the organisation (Qt adds the application's name); the status bar the user and file."""
        book = self.ctx.book
        self.setWindowTitle("" if book is None else book.settings.name)
        self.user_label.setText("" if book is None else self.tr("当前用户：%1").replace("%1", book.user))
        self.file_label.setText("" if book is None or book.path is None else book.path.name)
        self.file_label.setToolTip("" if book is None else str(book.path))
        self.switch_action.setEnabled(book is not None and book.users.enabled)

    def switch_user(self) -> None:
        """切换用户: log in again as another user of the same book; the book stays open if the login is cancelled."""
        book = self.ctx.book
        if book is None:
            return
        from app.gui.login import LoginDialog

        dialog = LoginDialog(book.path, parent=self, session=book)
        if dialog.exec() == LoginDialog.DialogCode.Accepted:
            self.ctx.data_changed.emit()
            self.show_who()

    def _data_changed(self) -> None:
        self.show_who()
        self._stale = set(range(len(self.page_list)))
        self._show_page(self.pages.currentIndex())

    def _show_page(self, index: int) -> None:
        if index < 0:
            return
        self.pages.setCurrentIndex(index)
        if self.ctx.book is not None and index in self._stale:
            self._stale.discard(index)
            self._guard(self.page_list[index].book_changed)

    def _guard(self, fn) -> None:
        try:
            fn()
        except Exception as e:
            self.ctx.show_error(e)

    def show_about(self) -> None:
        from app.gui.about import AboutDialog

        AboutDialog(self).exec()

    # -- window state --------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = preferences().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def rebuild(self) -> MainWindow:
        """A new window in the current language and font with the same book and page (after a settings change)."""
        preferences().setValue("window/geometry", self.saveGeometry())
        key = PAGES[self.pages.currentIndex()][0]
        self._handing_over = True
        self.close()
        self.deleteLater()
        window = MainWindow(self.ctx)
        window.show_page(key)
        window.show()
        return window

    def closeEvent(self, event: QCloseEvent) -> None:
        preferences().setValue("window/geometry", self.saveGeometry())
        if self.ctx.book is not None and not self._handing_over:
            self.ctx.book.close()
            self.ctx.book = None
        super().closeEvent(event)
