"""同步: the replicas of the book, writing and reading sync files (USB sticks first), the sync folder, conflicts."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import BookError
from app.gui.context import AppContext, Page
from app.gui.widgets.table import ColumnSpec, RowsSource, TableView

FOLDER_MINUTES = 5


def removable_drives() -> list[Path]:
    """Mounted USB sticks and other removable drives, the usual place for a sync file."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if sys.platform == "win32":
            import ctypes

            if ctypes.windll.kernel32.GetDriveTypeW(root) != 2:  # DRIVE_REMOVABLE
                continue
        elif not root.startswith(("/media/", "/run/media/", "/Volumes/", "/mnt/")):
            continue
        found.append(Path(root))
    return found


class SyncPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.replica_source = RowsSource(("name", "id"))
        self.replicas = TableView(
            self.tr("副本"),
            [
                ColumnSpec("name", self.tr("副本"), width=12),
                ColumnSpec("role", self.tr("角色"), width=6),
                ColumnSpec("we_hold", self.tr("我们已收到它的修改"), "int", width=8),
                ColumnSpec("it_holds_of_ours", self.tr("它已收到我们的修改"), "int", width=8),
                ColumnSpec("last_heard", self.tr("最近收到它的文件"), width=12),
                ColumnSpec("short_id", self.tr("编号"), width=8),
            ],
            self.replica_source.count,
            self.replica_source.fetch,
            placeholder=self.tr("输入副本名称筛选"),
        )
        self.write_button = self.replicas.add_button(self.tr("写出同步文件"), self.write_menu)
        self.replicas.add_button(self.tr("读入同步文件"), self.read_dialog)
        self.replicas.add_button(self.tr("生成种子文件"), self.seed_dialog)
        self.replicas.add_button(self.tr("给本机副本改名"), self.rename_dialog)
        self.replicas.add_button(self.tr("停用副本"), self.retire_current)

        self.conflict_source = RowsSource(("label", "value", "current", "by_replica"))
        self.conflicts = TableView(
            self.tr("同步冲突"),
            [
                ColumnSpec("label", self.tr("内容"), width=18),
                ColumnSpec("kind_label", self.tr("类型"), width=7),
                ColumnSpec("current", self.tr("现在的值"), width=12),
                ColumnSpec("value", self.tr("另一方的值"), width=12),
                ColumnSpec("by_replica", self.tr("另一方副本"), width=10),
                ColumnSpec("by_user", self.tr("修改人"), width=6),
                ColumnSpec("at", self.tr("修改时间"), width=12),
            ],
            self.conflict_source.count,
            self.conflict_source.fetch,
            placeholder=self.tr("输入内容筛选"),
        )
        self.conflicts.add_button(self.tr("保留现在的值"), lambda: self.resolve_current(apply=False))
        self.conflicts.add_button(self.tr("改用另一方的值"), lambda: self.resolve_current(apply=True))

        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText(self.tr("未设置（用U盘交换文件不需要设置）"))
        choose = QPushButton(self.tr("选择同步文件夹…"))
        choose.clicked.connect(self.choose_folder)
        clear = QPushButton(self.tr("不用同步文件夹"))
        clear.clicked.connect(lambda: self.set_folder(None))
        now = QPushButton(self.tr("立即同步"))
        now.clicked.connect(lambda: self.exchange_folder(quiet=False))
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("同步文件夹：")))
        folder_row.addWidget(self.folder_edit, 1)
        for b in (choose, clear, now):
            folder_row.addWidget(b)

        top = QGroupBox(self.tr("副本与同步文件"))
        QVBoxLayout(top).addWidget(self.replicas)
        bottom = QGroupBox(self.tr("同步冲突（两台电脑同时改了同一处，请逐条确认）"))
        QVBoxLayout(bottom).addWidget(self.conflicts)
        self.renew_button = QPushButton(self.tr("确认启用新的副本身份…"))
        self.renew_button.clicked.connect(self.renew_dialog)
        self.renew_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.renew_button)
        layout = QVBoxLayout(self)
        layout.addLayout(status_row)
        layout.addLayout(folder_row)
        layout.addWidget(top, 1)
        layout.addWidget(bottom, 1)

        self.timer = QTimer(self, interval=FOLDER_MINUTES * 60_000)
        self.timer.timeout.connect(lambda: self.exchange_folder(quiet=True))
        self.after_change = QTimer(self, singleShot=True, interval=10_000)
        self.after_change.timeout.connect(lambda: self.exchange_folder(quiet=True))
        ctx.data_changed.connect(self._data_changed)

    def title(self) -> str:
        return self.tr("同步")

    # -- showing ------------------------------------------------------------------------------------------
    def book_changed(self) -> None:
        book = self.ctx.book
        if book is not None and not book.readonly and book.sync.folder:
            self.timer.start()
            self.exchange_folder(quiet=True)  # on open
        else:
            self.timer.stop()
        self.refresh()

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            self.replica_source.rows, self.conflict_source.rows = [], []
            self.status.setText(self.tr("没有打开账簿。"))
            self.folder_edit.clear()
        else:
            data = book.sync.status()
            self.replica_source.rows = [self._replica_row(r, data) for r in data["replicas"]]
            self.conflict_source.rows = [] if book.readonly else book.sync.conflicts()
            self.folder_edit.setText(data["folder"] or "")
            self.status.setText(self._status_text(data))
            self.renew_button.setVisible(data["blocked"])
        self.replicas.reload()
        self.conflicts.reload()

    def _replica_row(self, r: dict, data: dict) -> dict:
        roles = []
        if r["this"]:
            roles.append(self.tr("本机"))
        if r["id"] == data["posting_replica"]:
            roles.append(self.tr("记账"))
        if r["retired"]:
            roles.append(self.tr("已停用"))
        return r | {"role": "、".join(roles), "short_id": r["id"][:8]}

    def _status_text(self, data: dict) -> str:
        text = self.tr("本机修改 %1 条；等待前序修改 %2 条；未处理冲突 %3 条。凭证由“记账”副本统一编号记账，其他副本制单、审核后同步过去。")
        text = text.replace("%1", str(data["our_changes"])).replace("%2", str(data["held"])).replace("%3", str(data["conflicts"]))
        if data["blocked"]:
            text = self.tr("这个账簿是拷贝或从旧备份恢复的，已停止写入：请确认启用新的副本身份。") + "\n" + text
        return text

    def _data_changed(self) -> None:
        book = self.ctx.book
        if book is not None and not book.readonly and book.sync.folder:
            self.after_change.start()  # after each batch of changes

    # -- files --------------------------------------------------------------------------------------------
    def write_menu(self) -> QMenu:
        """Removable drives first, then any other place."""
        book = self.ctx.book
        if book is None:
            return None
        menu = QMenu(self)
        for drive in removable_drives():
            menu.addAction(self.tr("写到U盘 %1").replace("%1", str(drive)), lambda d=drive: self.write_to(d / book.sync.default_file_name()))
        menu.addAction(self.tr("其他位置…"), self.write_elsewhere)
        menu.popup(self.write_button.mapToGlobal(self.write_button.rect().bottomLeft()))
        return menu

    def write_elsewhere(self) -> None:
        book = self.ctx.book
        start = next(iter(removable_drives()), Path.home())
        path, _f = QFileDialog.getSaveFileName(self, self.tr("写出同步文件"), str(start / book.sync.default_file_name()),
                                              self.tr("同步文件 (*.jlsync)"))
        if path:
            self.write_to(Path(path))

    def write_to(self, path: Path) -> dict | None:
        book = self.ctx.book
        row = self.replicas.current_row()
        target = row["id"] if row and not row["this"] and not row["retired"] else None
        result = self.ctx.run(self.tr("写出同步文件"), lambda progress, cancel: book.sync.export(path, for_replica=target, progress=progress))
        if result:
            QMessageBox.information(self, self.tr("写出同步文件"), self.tr("已写出 %1 条修改到 %2，并已读回校验，可以拔出U盘。")
                                    .replace("%1", str(result["changes"])).replace("%2", str(path)))
            self.refresh()
        return result

    def read_dialog(self) -> None:
        start = next(iter(removable_drives()), Path.home())
        path, _f = QFileDialog.getOpenFileName(self, self.tr("读入同步文件"), str(start), self.tr("同步文件 (*.jlsync)"))
        if path:
            self.read_from(Path(path))

    def preview(self, path: Path) -> dict | None:
        book = self.ctx.book
        return self.ctx.run(self.tr("检查同步文件"), lambda progress, cancel: book.sync.import_file(path, dry_run=True, progress=progress, cancel=cancel), writes=False)

    def preview_text(self, p: dict) -> str:
        text = self.tr("来自“%1”的同步文件：新修改 %2 条（已有 %3 条），等待前序修改 %4 条，将产生新冲突 %5 条。").replace(
            "%1", p["from_name"]).replace("%2", str(p["applied"])).replace("%3", str(p["already_had"])).replace(
            "%4", str(p["held"])).replace("%5", str(p["new_conflicts"]))
        tables = "、".join(f"{t} {n}" for t, n in p["tables"].items())
        return text + ("\n" + tables if tables else "") + "\n" + self.tr("读入前会先自动备份账簿。要读入吗？")

    def read_from(self, path: Path, *, confirm: bool = True) -> dict | None:
        preview = self.preview(path)
        if preview is None:
            return None
        if confirm and QMessageBox.question(self, self.tr("读入同步文件"), self.preview_text(preview)) != QMessageBox.StandardButton.Yes:
            return None
        book = self.ctx.book
        result = self.ctx.run(self.tr("读入同步文件"), lambda progress, cancel: book.sync.import_file(path, progress=progress, cancel=cancel))
        self.refresh()
        return result

    def seed_dialog(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        passphrase, ok = QInputDialog.getText(self, self.tr("生成种子文件"), self.tr("为种子文件设置口令（新电脑加入时输入）："), QLineEdit.EchoMode.Password)
        if not ok or not passphrase:
            return
        start = next(iter(removable_drives()), Path.home())
        path, _f = QFileDialog.getSaveFileName(self, self.tr("生成种子文件"), str(start / f"{book.settings.name}.jlseed"), self.tr("种子文件 (*.jlseed)"))
        if path:
            self.ctx.run(self.tr("生成种子文件"), lambda progress, cancel: book.sync.seed(path, passphrase))

    def rename_dialog(self) -> None:
        if self.ctx.book is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("给本机副本改名"), self.tr("大家认得的名称，例如“东岭村会计室”："))
        if ok and name.strip():
            self.ctx.call(lambda: self.ctx.book.sync.rename(name))
            self.refresh()

    def retire_current(self) -> None:
        row = self.replicas.current_row()
        if not row or row["this"]:
            return
        question = self.tr("停用副本“%1”？之后它写的同步文件会被拒绝。").replace("%1", row["name"])
        if QMessageBox.question(self, self.tr("停用副本"), question) == QMessageBox.StandardButton.Yes:
            self.ctx.call(lambda: self.ctx.book.sync.retire(row["id"]))
            self.refresh()

    def renew_dialog(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("启用新的副本身份"), self.tr("这个副本的新名称："))
        if ok and name.strip():
            self.ctx.call(lambda: self.ctx.book.sync.renew_identity(name))
            self.refresh()

    # -- conflicts ----------------------------------------------------------------------------------------
    def resolve_current(self, *, apply: bool) -> None:
        row = self.conflicts.current_row()
        if row:
            self.ctx.call(lambda: self.ctx.book.sync.resolve(row["loser_change"], apply=apply))
            self.refresh()

    # -- the sync folder ----------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择同步文件夹（局域网共享或网盘同步的文件夹）"))
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path | None) -> None:
        if self.ctx.book is not None:
            self.ctx.call(lambda: self.ctx.book.sync.set_folder(folder))
            self.book_changed()

    def exchange_folder(self, *, quiet: bool) -> dict | None:
        """One exchange with the sync folder; when run by itself, problems only show in the status line."""
        book = self.ctx.book
        if book is None or book.readonly or not book.sync.folder:
            return None
        try:
            report = book.sync.exchange_folder()
        except BookError as e:
            if not quiet:
                self.ctx.show_error(e)
            self.status.setText(str(e))
            return None
        if any(r["applied"] for r in report["read"]):
            self.ctx.data_changed.emit()
        self.refresh()
        if report["errors"]:
            self.status.setText("\n".join(report["errors"]))
            if not quiet:
                QMessageBox.warning(self, self.tr("同步文件夹"), "\n".join(report["errors"]))
        return report
