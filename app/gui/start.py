"""The start screen (create a book, open one, reopen a recent one) and ``open_book``, the one place the GUI opens a
book file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import BOOK_SUFFIX, ORG_KINDS, Book, BookError, Settings, deferred_check, org_kind_label
from app.gui.context import AppContext, preferences
from app.gui.login import open_with_login
from app.gui.widgets.fields import FieldNote

MAX_RECENT = 10


def recent_books() -> list[str]:
    """Recently opened books that still exist, newest first."""
    paths = preferences().value("recent_books", []) or []
    if isinstance(paths, str):  # QSettings gives a lone value back as a string
        paths = [paths]
    return [p for p in paths if Path(p).exists()]


def remember_book(path: Path | None) -> None:
    """Put the book first in the recent list and make it the one reopened on start (None: reopen none)."""
    prefs = preferences()
    if path is None:
        prefs.setValue("last_book", "")
        return
    p = str(Path(path).resolve())
    prefs.setValue("recent_books", [p, *[r for r in recent_books() if r != p]][:MAX_RECENT])
    prefs.setValue("last_book", p)


def last_book() -> str | None:
    p = preferences().value("last_book", "")
    return p if p and Path(p).exists() else None


def open_book(ctx: AppContext, path: Path | str) -> bool:
    """Open the book file for writing and make it the app's book; a problem is shown as one sentence."""
    try:
        book = open_with_login(path, ctx.window)  # a book with users asks for a login (app/gui/login.py)
    except Exception as e:
        ctx.show_error(e)
        return False
    if book is None:
        return False
    adopt_book(ctx, book)
    return True


def adopt_book(ctx: AppContext, book: Book) -> None:
    ctx.set_book(book)
    remember_book(book.path)
    show_check_warnings(ctx, book.warnings)
    if book.check_deferred:  # a big book: SQLite's quick check runs behind the open window
        checker = _DeferredCheck(book.path, ctx)
        checker.found.connect(lambda warnings: show_check_warnings(ctx, warnings))
        checker.finished.connect(checker.deleteLater)
        checker.start()


def show_check_warnings(ctx: AppContext, warnings: list[str]) -> None:
    """Problems the check at open found, shown loudly."""
    if warnings:
        QMessageBox.critical(ctx.window, QCoreApplication.translate("start", "账簿检查"), "\n".join(warnings))


class _DeferredCheck(QThread):
    found = Signal(list)

    def __init__(self, path: Path, parent: AppContext):
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        self.found.emit(deferred_check(self.path))


class NewBookDialog(QDialog):
    """新建账簿: organization name, kind, chart, credit code, first month, and where the file goes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建账簿"))
        self.book: Book | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：东岭片区强村联营有限公司"))
        self.kind = QComboBox()
        for kind in ORG_KINDS:
            self.kind.addItem(org_kind_label(kind), kind)
        self.chart = QComboBox()
        self.chart.addItem(self.tr("2023年《农村集体经济组织会计制度》"), "2023")
        self.chart.addItem(self.tr("2004年《村集体经济组织会计制度》"), "2004")
        self.credit_code = QLineEdit()
        self.credit_code.setPlaceholderText(self.tr("18位统一社会信用代码，可不填"))
        self.credit_note = FieldNote()
        self.year = QSpinBox(minimum=2000, maximum=2100, value=dt.date.today().year)
        self.month = QSpinBox(minimum=1, maximum=12, value=1, suffix=self.tr(" 月"))
        start = QHBoxLayout()
        start.addWidget(self.year)
        start.addWidget(self.month)
        start.addStretch(1)
        self.path = QLineEdit()
        self.path.textEdited.connect(self._path_chosen)
        self._path_follows_name = True  # until the user picks a location, the file is named after the organisation
        self.name.textChanged.connect(self._default_path)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.error = FieldNote()

        form = QFormLayout()
        form.addRow(self.tr("组织名称"), self.name)
        form.addRow(self.tr("组织类型"), self.kind)
        form.addRow(self.tr("会计制度"), self.chart)
        form.addRow(self.tr("统一社会信用代码"), self.credit_code)
        form.addRow("", self.credit_note)
        form.addRow(self.tr("启用年月"), start)
        form.addRow(self.tr("保存位置"), where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.credit_code.textChanged.connect(self._check_code)
        self.setMinimumWidth(560)
        self._default_path()

    def _default_path(self) -> None:
        """The documents folder, the file named after the organisation."""
        if self._path_follows_name:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
            name = self.name.text().strip() or self.tr("新账簿")
            self.path.setText(str(Path(folder) / f"{name}{BOOK_SUFFIX}"))

    def _path_chosen(self) -> None:
        self._path_follows_name = False
        self.error.show_problem("")

    def _browse(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("账簿保存位置"), self.path.text(), f"*{BOOK_SUFFIX}")
        if path:
            self.path.setText(path if path.endswith(BOOK_SUFFIX) else path + BOOK_SUFFIX)
            self._path_chosen()

    def _check_code(self, text: str) -> None:
        try:
            Settings.validate("credit_code", text)
            self.credit_note.show_problem("")
        except BookError as e:
            self.credit_note.show_problem(str(e))

    def create(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.error.show_problem(self.tr("请选择账簿的保存位置。"))
            return
        if not path.endswith(BOOK_SUFFIX):
            path += BOOK_SUFFIX
        try:
            self.book = Book.create(
                path,
                name=self.name.text(),
                kind=self.kind.currentData(),
                chart=self.chart.currentData(),
                credit_code=self.credit_code.text(),
                start=f"{self.year.value()}-{self.month.value():02d}",
            )
        except BookError as e:
            self.error.show_problem(str(e))
            return
        self.accept()


class StartScreen(QWidget):
    """Shown while no book is open."""

    about_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(self.tr("联营账簿"))
        title.setObjectName("startTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        title.setFont(font)
        subtitle = QLabel(self.tr("联营组织与村集体经济组织的账簿、股份与收益分配"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = QPushButton(self.tr("新建账簿…"))
        self.open_button = QPushButton(self.tr("打开账簿…"))
        self.about_button = QPushButton(self.tr("关于"))
        for b in (self.new_button, self.open_button, self.about_button):
            b.setMinimumHeight(b.fontMetrics().height() * 2 + 8)
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance("中") * 9)
        self.new_button.clicked.connect(self.new_book)
        self.open_button.clicked.connect(self.choose_book)
        self.about_button.clicked.connect(self.about_requested)
        self.recent = QListWidget()
        self.recent.setSpacing(4)
        self.recent.setAlternatingRowColors(True)
        self.recent.itemActivated.connect(lambda item: open_book(self.ctx, item.data(Qt.ItemDataRole.UserRole)))

        buttons = QVBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.about_button)
        recent = QVBoxLayout()
        self.recent_label = QLabel()
        recent.addWidget(self.recent_label)
        recent.addWidget(self.recent, 1)
        body = QHBoxLayout()
        body.addLayout(buttons)
        body.addLayout(recent, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(24)
        layout.addLayout(body, 1)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for p in recent_books():
            item = QListWidgetItem(f"{Path(p).stem}\n{p}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.recent.addItem(item)
        self.recent_label.setText(
            self.tr("最近打开的账簿（双击打开）") if self.recent.count() else self.tr("还没有打开过账簿：请新建一个账簿，或打开已有的账簿文件。")
        )

    def new_book(self) -> None:
        dialog = NewBookDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.book is not None:
            adopt_book(self.ctx, dialog.book)

    def choose_book(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("打开账簿"), "", self.tr("联营账簿 (*%1)").replace("%1", BOOK_SUFFIX))
        if path:
            open_book(self.ctx, path)
