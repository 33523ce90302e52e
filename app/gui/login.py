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

from app.core import DEFAULT_USER, Book, BookError, read_name, user_names
from app.gui.context import preferences
from app.gui.widgets.fields import FieldNote

LAST_USER = "login/last_user"  # this PC's preference: who logged in last


class LoginDialog(QDialog):
    """登录: the user's name (the book's users to choose from, the last one of this PC first) and password; a
    refusal is shown under the form and the dialog stays. ``book`` holds the open book once accepted; with
    ``session`` (切换用户) the open book's user changes instead."""

    def __init__(
        self,
        path: Path | str,
        *,
        readonly: bool = False,
        parent: QWidget | None = None,
        session: Book | None = None,
    ):
        super().__init__(parent)
        self.path = Path(path)
        self.readonly = readonly
        self.session = session
        self.book: Book | None = None
        self.setWindowTitle(self.tr("切换用户") if session else self.tr("登录"))
        self.user = QComboBox()
        self.user.setEditable(True)
        names = user_names(self.path)
        self.user.addItems(names)
        last = str(preferences().value(LAST_USER, ""))
        if last in names:
            self.user.setCurrentIndex(names.index(last))
        elif DEFAULT_USER in names and len(names) > 1:
            self.user.setCurrentIndex(names.index(next(n for n in names if n != DEFAULT_USER)))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = FieldNote()
        form = QFormLayout()
        title = read_name(self.path) or self.path.stem
        form.addRow(QLabel(self.tr("账簿“{0}”设有用户，请登录。").replace("{0}", title)))
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
        name, password = self.user.currentText().strip(), self.password.text()
        try:
            if self.session is not None:
                self.session.users.login(name, password)
            else:
                self.book = Book.open(self.path, readonly=self.readonly, user=name, password=password)
        except BookError as e:  # wrong password, a wait after too many, the book open elsewhere
            self.note.show_problem(str(e))
            self.password.clear()
            self.password.setFocus()
            return
        preferences().setValue(LAST_USER, name)
        self.accept()


def open_with_login(path: Path | str, parent: QWidget | None = None, *, readonly: bool = False) -> Book | None:
    """Open a book, asking for a login when it has users (the window never logs in from JOINTLEDGER_PASSWORD:
    that is for scripts); None when the user cancels. Other problems raise BookError. Warnings of the check at
    open are shown before the book is handed back."""
    if user_names(path):
        dialog = LoginDialog(path, readonly=readonly, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        book = dialog.book
        assert book is not None
    else:
        book = Book.open(path, readonly=readonly)
    if book.warnings:
        QMessageBox.critical(parent, QCoreApplication.translate("LoginDialog", "账簿检查发现问题"), "\n\n".join(book.warnings))
    return book
