"""股份: share classes with their totals, and every member's holdings on a chosen date; add a class, set a holding."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core import to_qty
from app.gui.context import AppContext, Page
from app.gui.sheet_buttons import SheetButtons
from app.gui.widgets.fields import FormDialog, date_edit
from app.gui.widgets.table import ColumnSpec, RowsSource, TableView


class ClassDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("新增股份类别"))
        self.name = QLineEdit()
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("例如：股、元、亩"))
        self.form.addRow(self.tr("类别名称"), self.name)
        self.form.addRow(self.tr("计量单位"), self.unit)

    def apply(self) -> None:
        self.ctx.book.shares.add_class(self.name.text(), self.unit.text())


class HoldingDialog(FormDialog):
    """设置持股: the member holds this many units of the class from the date on."""

    def __init__(self, ctx: AppContext, day: QDate, member_code: str = "", parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("设置持股"))
        self.member = QLineEdit(member_code)
        self.share_class = QComboBox()
        for c in ctx.book.shares.classes():
            self.share_class.addItem(f"{c['name']}（{c['unit']}）", c["id"])
        self.units = QLineEdit()
        self.effective = date_edit(day)
        self.remark = QLineEdit()
        self.form.addRow(self.tr("成员编号"), self.member)
        self.form.addRow(self.tr("股份类别"), self.share_class)
        self.form.addRow(self.tr("持有数量"), self.units)
        self.form.addRow(self.tr("起始日期"), self.effective)
        self.form.addRow(self.tr("备注"), self.remark)

    def apply(self) -> None:
        self.ctx.book.shares.set_holding(
            self.member.text().strip(),
            self.share_class.currentData(),
            to_qty(self.units.text() or "0", "units"),
            self.effective.date().toString("yyyy-MM-dd"),
            note=self.remark.text().strip(),
        )


class SharesPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.day = date_edit(QDate.currentDate())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.class_source = RowsSource(("name", "unit"))
        self.classes = TableView(
            self.tr("股份类别"),
            [
                ColumnSpec("name", self.tr("股份类别")),
                ColumnSpec("unit", self.tr("单位"), width=4),
                ColumnSpec("total_q", self.tr("合计持有"), "qty"),
                ColumnSpec("holders", self.tr("持有人数"), "int"),
            ],
            self.class_source.count,
            self.class_source.fetch,
            placeholder=self.tr("输入类别名称筛选"),
        )
        self.classes.add_button(self.tr("新增类别"), self.add_class)
        self.holding_source = RowsSource(("code", "name", "id_number", "parent_name"))
        self.holdings = TableView(self.tr("持股明细"), [], self.holding_source.count, self.holding_source.fetch)
        self.holdings.add_button(self.tr("设置持股"), self.set_holding)
        self.holdings.add_widget(SheetButtons(ctx, "holdings"))
        self.holdings.activated.connect(lambda row: self.set_holding(row["code"]))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("持股日期：")))
        top.addWidget(self.day)
        top.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.classes)
        split.addWidget(self.holdings)
        split.setSizes([200, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def title(self) -> str:
        return self.tr("股份")

    def on(self) -> str:
        return self.day.date().toString("yyyy-MM-dd")

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        on = self.on()
        classes = book.shares.classes()
        held = book.shares.holdings_on(on)
        totals = book.shares.totals_on(on)
        self.class_source.rows = [
            c | {"total_q": totals.get(c["id"], 0), "holders": sum(1 for h in held.values() if c["id"] in h)} for c in classes
        ]
        members = {m["id"]: book.users.mask(m) for m in book.members.list()}
        self.holding_source.rows = [
            {
                "code": members[mid]["code"],
                "name": members[mid]["name"],
                "id_number": members[mid]["id_number"],
                "parent_name": members[mid]["parent_name"],
                **{c["id"]: h.get(c["id"], 0) for c in classes},
            }
            for mid, h in sorted(held.items(), key=lambda kv: members[kv[0]]["code"])
        ]
        self.holdings.title = self.tr("%1 持股明细").replace("%1", on)
        self.holdings.set_columns([
            ColumnSpec("code", self.tr("成员编号"), width=8),
            ColumnSpec("name", self.tr("姓名或名称"), width=16),
            *[ColumnSpec(c["id"], f"{c['name']}（{c['unit']}）", "qty") for c in classes],
        ])
        self.classes.reload()

    def add_class(self) -> None:
        ClassDialog(self.ctx, self).open()

    def set_holding(self, member_code: str = "") -> None:
        HoldingDialog(self.ctx, self.day.date(), member_code, self).open()
