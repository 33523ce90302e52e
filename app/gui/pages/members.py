"""成员: the member register over ``book.members``, loaded page by page, with the edit dialog."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import KINDS, ValidationError, field_problems, format_qty
from app.core import member_kind_label as kind_label
from app.gui.context import AppContext, Page
from app.gui.sheet_buttons import SheetButtons
from app.gui.widgets.fields import FieldNote
from app.gui.widgets.table import ColumnSpec, TableView


class MemberDialog(QDialog):
    """Add or edit a member. Each field is checked as it is typed and a problem is shown under it."""

    TEXT_FIELDS = ("code", "name", "id_number", "phone", "bank", "bank_account", "household_size", "joined", "note")

    def __init__(self, ctx: AppContext, member: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.member = member
        self.setWindowTitle(self.tr("编辑成员") if member else self.tr("新增成员"))
        labels = {
            "code": self.tr("成员编号"),
            "name": self.tr("姓名或名称"),
            "kind": self.tr("类别"),
            "id_number": self.tr("证件号码"),
            "parent": self.tr("所属组织"),
            "phone": self.tr("电话"),
            "bank": self.tr("开户银行"),
            "bank_account": self.tr("银行账号"),
            "household_size": self.tr("家庭人口"),
            "joined": self.tr("加入日期"),
            "note": self.tr("备注"),
        }
        self.edits: dict[str, QLineEdit] = {f: QLineEdit() for f in self.TEXT_FIELDS}
        self.edits["joined"].setPlaceholderText(self.tr("年-月-日，例如 2025-01-01"))
        self.edits["id_number"].setPlaceholderText(self.tr("18位身份证号或统一社会信用代码"))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.parent_box = QComboBox()
        self.parent_box.addItem(self.tr("（无）"), "")
        for c in ctx.book.members.list(kind="collective"):
            if not member or c["id"] != member["id"]:
                self.parent_box.addItem(f"{c['code']} {c['name']}", c["code"])
        self.notes = {f: FieldNote() for f in labels}
        form = QFormLayout()
        for f, label in labels.items():
            widget = {"kind": self.kind, "parent": self.parent_box}.get(f) or self.edits[f]
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.notes[f])
            form.addRow(label, box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.buttons)
        body = QHBoxLayout(self)
        body.addLayout(left, 3)
        if member:
            self._fill(member)
            self.tabs = self._history(member)
            body.addWidget(self.tabs, 4)
        else:
            self.kind.setCurrentIndex(KINDS.index("household" if ctx.book.settings.kind == "collective" else "collective"))
        for edit in self.edits.values():
            edit.textChanged.connect(self.check)
        self.kind.currentIndexChanged.connect(self.check)
        self.check()
        char = self.fontMetrics().horizontalAdvance("中")
        self.resize(char * (70 if member else 34), char * 36)

    def _fill(self, m: dict) -> None:
        for f, edit in self.edits.items():
            edit.setText("" if m.get(f) is None else str(m[f]))
        self.kind.setCurrentIndex(KINDS.index(m["kind"]))
        i = self.parent_box.findData(m.get("parent_code") or "")
        self.parent_box.setCurrentIndex(max(i, 0))

    def _history(self, m: dict) -> QTabWidget:
        """The member's holdings and the record of changes to the member and its holdings."""
        book = self.ctx.book
        tabs = QTabWidget()
        holdings = book.shares.member_holdings(m["id"])
        tabs.addTab(
            _table(
                [self.tr("股份类别"), self.tr("数量"), self.tr("单位"), self.tr("起始日期")],
                [[h["class_name"], format_qty(h["units_q"]), h["unit"], h["effective"]] for h in holdings],
            ),
            self.tr("持股"),
        )
        share_rows = [[h["effective"], h["class_name"], format_qty(h["units_q"]), h["note"] or ""] for h in book.shares.history(m["id"])]
        tabs.addTab(
            _table([self.tr("起始日期"), self.tr("股份类别"), self.tr("数量"), self.tr("备注")], share_rows),
            self.tr("持股变动"),
        )
        change_rows = [[c["at"][:19].replace("T", " "), c["user"] or "", _describe(c)] for c in book.members.history(m["id"])]
        tabs.addTab(_table([self.tr("时间"), self.tr("操作人"), self.tr("变动内容")], change_rows), self.tr("修改记录"))
        return tabs

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {f: e.text().strip() for f, e in self.edits.items()}
        size = values["household_size"]
        values["household_size"] = int(size) if size.isdigit() else (size or None)
        values["kind"] = self.kind.currentData()
        values["parent"] = self.parent_box.currentData()
        return values

    def check(self) -> bool:
        """Show each field's problem under it; the save button works only when there is none."""
        values = self.values()
        if values["kind"] != "household" and values["household_size"] is None:
            values.pop("household_size")
        problems = dict(reversed(field_problems(values)))
        for f, note in self.notes.items():
            note.show_problem(problems.get(f, ""))
        self.save_button.setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        values = self.values()
        if values["kind"] != "household":
            values["household_size"] = None
        members = self.ctx.book.members
        try:
            if self.member:
                members.update(self.member["id"], **values)
            else:
                members.add(**values)
        except ValidationError as e:
            note = self.notes.get(e.field or "")
            if note is None:
                self.ctx.show_error(e)
            else:
                note.show_problem(str(e))
            return
        except Exception as e:
            self.ctx.show_error(e)
            return
        self.ctx.data_changed.emit()
        self.accept()


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _describe(change: dict) -> str:
    """A change-log entry as text: the table and the fields with their new values."""
    data = json.loads(change["data"]) if change.get("data") else {}
    shown = {k: v for k, v in data.items() if k not in ("id", "member_id", "class_id", "updated_at", "created_at")}
    return f"{change['op']} {change['tbl']}: " + ", ".join(f"{k}={v}" for k, v in shown.items())


class MembersPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类别"), None)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.table = TableView(
            self.tr("成员名册"),
            self.columns(),
            lambda text: self.ctx.book.members.count(text, self.kind.currentData()) if self.ctx.book else 0,
            lambda text, order, desc, offset, limit: [
                self.ctx.book.users.mask(m)  # ID numbers and phones masked for a role that may not see them
                for m in self.ctx.book.members.list(
                    text, self.kind.currentData(), order=order or "code", descending=desc, offset=offset, limit=limit
                )
            ],
            placeholder=self.tr("输入姓名、编号、证件号码或所属组织筛选"),
        )
        # households, persons and the villages and groups they belong to are counted apart
        self.table.buttons.insertWidget(0, QLabel(self.tr("类别：")))
        self.table.buttons.insertWidget(1, self.kind)
        self.kind.currentIndexChanged.connect(self.table.reload)
        self.table.add_button(self.tr("新增成员"), self.add_member)
        self.table.add_button(self.tr("编辑"), self.edit_current)
        self.table.add_button(self.tr("标记退出"), self.mark_left)
        self.table.add_widget(SheetButtons(ctx, "members"))
        self.table.activated.connect(self.edit)
        QVBoxLayout(self).addWidget(self.table)

    def title(self) -> str:
        return self.tr("成员")

    def columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec("code", self.tr("编号"), width=8),
            ColumnSpec("name", self.tr("姓名或名称"), width=16),
            ColumnSpec("kind", self.tr("类别"), width=6, label=kind_label),
            ColumnSpec("id_number", self.tr("证件号码"), width=12),
            ColumnSpec("parent_name", self.tr("所属组织"), width=12),
            ColumnSpec("phone", self.tr("电话"), width=8),
            ColumnSpec("household_size", self.tr("家庭人口"), "int", width=5),
            ColumnSpec("joined", self.tr("加入日期"), "date", width=7),
            ColumnSpec("left_on", self.tr("退出日期"), "date", width=7),
        ]

    def refresh(self) -> None:
        self.table.reload()

    def add_member(self) -> MemberDialog:
        dialog = MemberDialog(self.ctx, None, self)
        dialog.open()
        return dialog

    def edit(self, row: dict) -> MemberDialog:
        dialog = MemberDialog(self.ctx, self.ctx.book.members.get(row["id"]) | {"parent_code": row.get("parent_code")}, self)
        dialog.open()
        return dialog

    def edit_current(self) -> None:
        row = self.table.current_row()
        if row:
            self.edit(row)

    def mark_left(self) -> None:
        row = self.table.current_row()
        if not row:
            return
        date, ok = QInputDialog.getText(
            self, self.tr("标记退出"), self.tr("%1 %2 的退出日期：").replace("%1", row["code"]).replace("%2", row["name"]),
            text=dt.date.today().isoformat(),
        )
        if ok:
            self.ctx.call(lambda: self.ctx.book.members.mark_left(row["id"], date))
