"""用户与备份: the book's users (add, roles, disable, reset a password) and its backups (back up now, restore one
from the list: the book as it was is backed up first, then the restored book is opened again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import ROLES, role_label
from app.gui.context import AppContext, Page
from app.gui.start import open_book
from app.gui.widgets.fields import FormDialog
from app.gui.widgets.flow import FlowLayout


def local_time(taken) -> str:
    return taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class UserDialog(FormDialog):
    """新增用户 (name, password, roles) or 设置角色 / 重设密码 of an existing user."""

    def __init__(
        self, ctx: AppContext, user: dict | None = None, *, password_only: bool = False, parent=None
    ):
        super().__init__(ctx, parent)
        self.user = user
        self.password_only = password_only
        self.setWindowTitle(
            self.tr("重设密码") if password_only else self.tr("设置角色") if user else self.tr("新增用户")
        )
        self.name = QLineEdit(user["name"] if user else "")
        self.name.setEnabled(user is None)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.roles: dict[str, QCheckBox] = {}
        self.form.addRow(self.tr("用户名"), self.name)
        if user is None or password_only:
            self.form.addRow(self.tr("密码（至少6个字符）"), self.password)
        if not password_only:
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for role in ROLES:
                check = QCheckBox(role_label(role))
                check.setChecked(bool(user) and role in user["roles"])
                self.roles[role] = check
                row.addWidget(check)
            self.form.addRow(self.tr("角色"), box)

    def apply(self) -> None:
        users = self.ctx.book.users
        roles = [r for r, check in self.roles.items() if check.isChecked()]
        if self.password_only:
            users.set_password(self.user["name"], self.password.text())
        elif self.user is None:
            first = not users.enabled
            users.add(self.name.text().strip(), self.password.text(), roles)
            if first:  # the book now needs a login: the one who added the administrator is that administrator
                users.login(self.name.text().strip(), self.password.text())
        else:
            users.set_roles(self.user["name"], roles)


class AdminPage(Page):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self.users = QTableWidget(0, 3)
        self.users.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("角色"), self.tr("状态")])
        self.users.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.users.horizontalHeader().setStretchLastSection(True)
        self.users.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.users.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.users.verticalHeader().hide()
        user_bar = FlowLayout()
        for text, slot in (
            (self.tr("新增用户…"), self.add_user),
            (self.tr("设置角色…"), self.set_roles),
            (self.tr("停用或启用"), self.toggle_user),
            (self.tr("重设密码…"), self.reset_password),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            user_bar.addWidget(button)
        users_box = QGroupBox(self.tr("用户与角色"))
        ul = QVBoxLayout(users_box)
        ul.addLayout(user_bar)
        ul.addWidget(self.users)

        self.backups = QTableWidget(0, 3)
        self.backups.setHorizontalHeaderLabels([self.tr("备份时间"), self.tr("原因"), self.tr("文件")])
        self.backups.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.backups.horizontalHeader().setStretchLastSection(True)
        self.backups.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.backups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.backups.verticalHeader().hide()
        backup_bar = FlowLayout()
        for text, slot in ((self.tr("立即备份"), self.back_up), (self.tr("恢复所选备份…"), self.restore)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            backup_bar.addWidget(button)
        backups_box = QGroupBox(self.tr("备份与恢复"))
        bl = QVBoxLayout(backups_box)
        bl.addLayout(backup_bar)
        bl.addWidget(self.backups)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(users_box)
        split.addWidget(backups_box)
        QVBoxLayout(self).addWidget(split)

    def title(self) -> str:
        return self.tr("用户与备份")

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        self._users = book.users.list()
        self.users.setRowCount(len(self._users))
        for row, u in enumerate(self._users):
            cells = [
                u["name"],
                "、".join(role_label(r) for r in u["roles"]),
                self.tr("正常") if u["active"] else self.tr("已停用"),
            ]
            for col, text in enumerate(cells):
                self.users.setItem(row, col, QTableWidgetItem(text))
        self._backups = book.backups.list()
        self.backups.setRowCount(len(self._backups))
        reasons = {"manual": self.tr("手动"), "open": self.tr("打开时"), "restore": self.tr("恢复前")}
        for row, b in enumerate(self._backups):
            cells = [local_time(b.taken), reasons.get(b.reason, b.reason), b.path.name]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                self.backups.setItem(row, col, item)

    def _user(self) -> dict | None:
        row = self.users.currentRow()
        if row < 0:
            QMessageBox.information(self, self.tr("用户"), self.tr("请先选中一位用户。"))
            return None
        return self._users[row]

    def _dialog(self, dialog: FormDialog) -> None:
        if dialog.exec():
            self.refresh()

    def add_user(self) -> None:
        self._dialog(UserDialog(self.ctx, parent=self))

    def set_roles(self) -> None:
        user = self._user()
        if user:
            self._dialog(UserDialog(self.ctx, user, parent=self))

    def reset_password(self) -> None:
        user = self._user()
        if user:
            self._dialog(UserDialog(self.ctx, user, password_only=True, parent=self))

    def toggle_user(self) -> None:
        user = self._user()
        if user and self.ctx.call(
            lambda: self.ctx.book.users.set_active(user["name"], not user["active"]) or True
        ):
            self.refresh()

    def back_up(self) -> None:
        path = self.ctx.call(lambda: self.ctx.book.backups.write())
        if path is not None:
            self.refresh()
            QMessageBox.information(self, self.tr("备份"), self.tr("已备份到 %1").replace("%1", str(path)))

    def restore(self) -> None:
        row = self.backups.currentRow()
        if row < 0:
            QMessageBox.information(self, self.tr("恢复"), self.tr("请先选中一个备份。"))
            return
        backup = self._backups[row]
        answer = QMessageBox.question(
            self,
            self.tr("恢复"),
            self.tr("用 %1 的备份替换现在的账簿？现在的账簿会先备份。").replace(
                "%1", local_time(backup.taken)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        book = self.ctx.book
        if self.ctx.call(lambda: book.backups.restore(backup.path)) is None:
            return
        path = book.path
        self.ctx.set_book(None)  # the file was replaced: open it again (with a login when it has users)
        open_book(self.ctx, path)
