"""Login when a book opens: a book with users asks for a name and a password; problems found by the check at
open are shown loudly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.core.book import Book
from app.core.errors import BookError
from app.core.trust.users import DEFAULT_USER, LoginRequired, user_names
from app.gui.widgets.fields import FieldNote


class LoginDialog(QDialog):
    """登录: the user's name (the book's users to choose from) and password; a refusal is shown under the form
    and the dialog stays. ``book`` holds the open book once accepted."""

    def __init__(self, path: Path | str, *, readonly: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.readonly = readonly
        self.book: Book | None = None
        self.setWindowTitle(self.tr("登录"))
        self.user = QComboBox()
        self.user.setEditable(True)
        names = user_names(self.path)
        self.user.addItems(names)
        if DEFAULT_USER in names and len(names) > 1:
            self.user.setCurrentIndex(names.index(next(n for n in names if n != DEFAULT_USER)))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = FieldNote()
        form = QFormLayout()
        form.addRow(QLabel(self.tr("账簿“{0}”设有用户，请登录。").replace("{0}", self.path.stem)))
        form.addRow(self.tr("用户"), self.user)
        form.addRow(self.tr("密码"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.password.setFocus()
        self.setMinimumWidth(380)

    def log_in(self) -> None:
        try:
            self.book = Book.open(self.path, readonly=self.readonly, user=self.user.currentText().strip(), password=self.password.text())
        except BookError as e:  # wrong password, a wait after too many, the book open elsewhere
            self.note.show_problem(str(e))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def open_with_login(path: Path | str, parent: QWidget | None = None, *, readonly: bool = False) -> Book | None:
    """Open a book, asking for a login when it has users; None when the user cancels. Other problems raise
    BookError. Warnings of the check at open are shown before the book is handed back."""
    try:
        book = Book.open(path, readonly=readonly)  # a book without users (or JOINTLEDGER_PASSWORD for scripts)
    except LoginRequired:
        dialog = LoginDialog(path, readonly=readonly, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        book = dialog.book
    if book.warnings:
        QMessageBox.critical(parent, QCoreApplication.translate("LoginDialog", "账簿检查发现问题"), "\n\n".join(book.warnings))
    return book
