"""资产: the asset register (add, edit, change status) and the monthly depreciation run with a preview of its voucher."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import (
    CATEGORIES,
    STATUSES,
    BookError,
    ValidationError,
    category_label,
    format_fen,
    format_qty,
    status_label,
    to_fen,
    to_qty,
)
from app.gui.context import AppContext, Page
from app.gui.sheet_buttons import SheetButtons
from app.gui.widgets.fields import FieldNote, FormDialog, date_edit
from app.gui.widgets.table import ColumnSpec, RowsSource, TableView


class AssetDialog(QDialog):
    """Register or edit an asset; a refused value is shown under its field."""

    def __init__(self, ctx: AppContext, asset: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.asset = asset
        self.setWindowTitle(self.tr("编辑资产") if asset else self.tr("登记资产"))
        self.edits: dict[str, QWidget] = {
            "code": QLineEdit(),
            "name": QLineEdit(),
            "category": QComboBox(),
            "location": QLineEdit(),
            "quantity_q": QLineEdit("1"),
            "unit": QLineEdit(),
            "acquired": QLineEdit(QDate.currentDate().toString("yyyy-MM-dd")),
            "cost_fen": QLineEdit(),
            "life_months": QSpinBox(maximum=1200),
            "residual_bp": QLineEdit("5"),
            "prior_depreciation_fen": QLineEdit("0"),
            "contributor": QLineEdit(),
            "note": QLineEdit(),
        }
        for c in CATEGORIES:
            self.edits["category"].addItem(category_label(c), c)
        labels = {
            "code": self.tr("资产编号"),
            "name": self.tr("资产名称"),
            "category": self.tr("类别"),
            "location": self.tr("坐落位置"),
            "quantity_q": self.tr("数量"),
            "unit": self.tr("计量单位"),
            "acquired": self.tr("取得日期"),
            "cost_fen": self.tr("原值（元）"),
            "life_months": self.tr("使用年限（月）"),
            "residual_bp": self.tr("残值率（%）"),
            "prior_depreciation_fen": self.tr("已提折旧（元）"),
            "contributor": self.tr("出资成员编号"),
            "note": self.tr("备注"),
        }
        self.notes = {f: FieldNote() for f in labels}
        form = QFormLayout()
        for f, label in labels.items():
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(self.edits[f])
            box.addWidget(self.notes[f])
            form.addRow(label, box)
        if asset:
            self._fill(asset)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _fill(self, a: dict) -> None:
        texts = {
            "code": a["code"],
            "name": a["name"],
            "location": a["location"] or "",
            "quantity_q": format_qty(a["quantity_q"]).replace(",", ""),
            "unit": a["unit"] or "",
            "acquired": a["acquired"],
            "cost_fen": format_fen(a["cost_fen"], thousands=False),
            "residual_bp": str(a["residual_bp"] / 100).removesuffix(".0"),
            "prior_depreciation_fen": format_fen(a["prior_depreciation_fen"], thousands=False),
            "contributor": a.get("contributor_code") or "",
            "note": a["note"] or "",
        }
        for f, text in texts.items():
            self.edits[f].setText(text)
        self.edits["category"].setCurrentIndex(CATEGORIES.index(a["category"]))
        self.edits["life_months"].setValue(a["life_months"])

    def values(self) -> dict[str, Any]:
        """The typed values as the core takes them; a number that does not parse raises ValidationError."""
        e = self.edits
        return {
            "code": e["code"].text(),
            "name": e["name"].text(),
            "category": e["category"].currentData(),
            "location": e["location"].text(),
            "quantity_q": to_qty(e["quantity_q"].text() or "0", "quantity_q"),
            "unit": e["unit"].text(),
            "acquired": e["acquired"].text(),
            "cost_fen": to_fen(e["cost_fen"].text() or "0", "cost_fen"),
            "life_months": e["life_months"].value(),
            "residual_bp": int(to_qty(e["residual_bp"].text() or "0", "residual_bp") // 100),
            "prior_depreciation_fen": to_fen(e["prior_depreciation_fen"].text() or "0", "prior_depreciation_fen"),
            "contributor": e["contributor"].text().strip(),
            "note": e["note"].text(),
        }

    def save(self) -> None:
        for note in self.notes.values():
            note.show_problem("")
        assets = self.ctx.book.assets
        try:
            values = self.values()
            if self.asset:
                assets.update(self.asset["id"], **values)
            else:
                assets.add(**values)
        except ValidationError as e:
            field = {"contributor_id": "contributor", "member": "contributor"}.get(e.field or "", e.field or "")
            self.notes.get(field, self.notes["note"]).show_problem(str(e))
            return
        except Exception as e:
            self.ctx.show_error(e)
            return
        self.ctx.data_changed.emit()
        self.accept()


class StatusDialog(FormDialog):
    """更改状态: in use, leased out, or disposed of on a date."""

    def __init__(self, ctx: AppContext, asset: dict, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.asset = asset
        self.setWindowTitle(self.tr("更改资产状态"))
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        self.status.setCurrentIndex(STATUSES.index(asset["status"]))
        self.day = date_edit(QDate.currentDate())
        self.form.addRow(self.tr("资产"), QLabel(f"{asset['code']} {asset['name']}"))
        self.form.addRow(self.tr("状态"), self.status)
        self.form.addRow(self.tr("处置日期"), self.day)

    def apply(self) -> None:
        self.ctx.book.assets.set_status(self.asset["id"], self.status.currentData(), self.day.date().toString("yyyy-MM-dd"))


class DepreciationDialog(QDialog):
    """计提折旧: choose the month, see each asset's amount and the voucher it will post, then create the voucher."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("计提折旧"))
        self.voucher_id: str | None = None
        today = QDate.currentDate()
        self.year = QSpinBox(minimum=2000, maximum=2100, value=today.year())
        self.month = QSpinBox(minimum=1, maximum=12, value=today.month(), suffix=self.tr(" 月"))
        self.year.valueChanged.connect(self.preview)
        self.month.valueChanged.connect(self.preview)
        self.items_source = RowsSource(("code", "name"))
        self.items = TableView(
            self.tr("折旧明细"),
            [
                ColumnSpec("code", self.tr("资产编号")),
                ColumnSpec("name", self.tr("资产名称"), width=14),
                ColumnSpec("amount_fen", self.tr("本月折旧"), "money"),
                ColumnSpec("debit_account", self.tr("借方科目")),
                ColumnSpec("credit_account", self.tr("贷方科目")),
            ],
            self.items_source.count,
            self.items_source.fetch,
            placeholder=self.tr("输入资产编号或名称筛选"),
        )
        self.lines_source = RowsSource(("account", "summary"))
        self.lines = TableView(
            self.tr("将生成的凭证"),
            [
                ColumnSpec("account", self.tr("科目"), width=14),
                ColumnSpec("summary", self.tr("摘要"), width=14),
                ColumnSpec("debit_fen", self.tr("借方金额"), "money"),
                ColumnSpec("credit_fen", self.tr("贷方金额"), "money"),
            ],
            self.lines_source.count,
            self.lines_source.fetch,
            placeholder=self.tr("输入科目或摘要筛选"),
        )
        self.summary = QLabel()
        self.run_button = QPushButton(self.tr("生成折旧凭证"))
        self.run_button.clicked.connect(self.run)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("计提期间：")))
        top.addWidget(self.year)
        top.addWidget(self.month)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.run_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.items, 3)
        layout.addWidget(QLabel(self.tr("将生成的凭证（草稿，需审核后记账）：")))
        layout.addWidget(self.lines, 2)
        layout.addLayout(bottom)
        self.resize(900, 640)
        self.preview()

    def period(self) -> str:
        return f"{self.year.value()}-{self.month.value():02d}"

    def preview(self) -> None:
        book = self.ctx.book
        period = self.period()
        try:
            items = book.assets.depreciation_preview(period)
            lines = book.assets.depreciation_lines(period, items)
        except BookError as e:
            items, lines = [], []
            self.summary.setText(str(e))
        else:
            total = sum(i.amount_fen for i in items)
            self.summary.setText(
                self.tr("%1 共 %2 项资产，折旧合计 %3 元").replace("%1", period).replace("%2", str(len(items))).replace("%3", format_fen(total))
            )
        self.items_source.rows = [vars(i) for i in items]
        self.lines_source.rows = [
            {
                "account": f"{ln.account} {book.accounts.full_name(book.accounts.require(ln.account))}",
                "summary": ln.summary,
                "debit_fen": ln.debit_fen,
                "credit_fen": ln.credit_fen,
            }
            for ln in lines
        ]
        self.run_button.setEnabled(bool(items))
        self.items.reload()
        self.lines.reload()

    def run(self) -> None:
        period = self.period()
        self.voucher_id = self.ctx.call(lambda: self.ctx.book.assets.run_depreciation(period))
        if self.voucher_id:
            QMessageBox.information(self, self.tr("计提折旧"), self.tr("已生成 %1 的折旧凭证（草稿），请在“凭证”中审核记账。").replace("%1", period))
            self.accept()


class AssetsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.source = RowsSource(("code", "name", "location", "contributor_name"))
        self.table = TableView(
            self.tr("资产登记簿"),
            [
                ColumnSpec("code", self.tr("资产编号"), width=7),
                ColumnSpec("name", self.tr("资产名称"), width=12),
                ColumnSpec("category", self.tr("类别"), width=7, label=category_label),
                ColumnSpec("location", self.tr("坐落位置"), width=10),
                ColumnSpec("quantity_q", self.tr("数量"), "qty", width=6),
                ColumnSpec("unit", self.tr("单位"), width=4),
                ColumnSpec("acquired", self.tr("取得日期"), "date", width=7),
                ColumnSpec("cost_fen", self.tr("原值"), "money", width=10),
                ColumnSpec("accumulated_fen", self.tr("累计折旧"), "money", width=10),
                ColumnSpec("net_fen", self.tr("净值"), "money", width=10),
                ColumnSpec("status", self.tr("状态"), width=5, label=status_label),
            ],
            self.source.count,
            self.source.fetch,
            placeholder=self.tr("输入资产编号、名称、位置或出资成员筛选"),
        )
        self.table.add_button(self.tr("登记资产"), self.add_asset)
        self.table.add_button(self.tr("编辑"), self.edit_current)
        self.table.add_button(self.tr("更改状态"), self.change_status)
        self.table.add_button(self.tr("计提折旧"), self.depreciate)
        self.table.add_widget(SheetButtons(ctx, "assets"))
        self.table.activated.connect(self.edit)
        QVBoxLayout(self).addWidget(self.table)

    def title(self) -> str:
        return self.tr("资产")

    def refresh(self) -> None:
        if self.ctx.book is None:
            return
        self.source.rows = [a | {"net_fen": a["cost_fen"] - a["accumulated_fen"]} for a in self.ctx.book.assets.list()]
        self.table.reload()

    def add_asset(self) -> AssetDialog:
        dialog = AssetDialog(self.ctx, None, self)
        dialog.open()
        return dialog

    def edit(self, row: dict) -> AssetDialog:
        dialog = AssetDialog(self.ctx, row, self)
        dialog.open()
        return dialog

    def edit_current(self) -> None:
        row = self.table.current_row()
        if row:
            self.edit(row)

    def change_status(self) -> None:
        row = self.table.current_row()
        if row:
            StatusDialog(self.ctx, row, self).open()

    def depreciate(self) -> DepreciationDialog:
        dialog = DepreciationDialog(self.ctx, self)
        dialog.open()
        return dialog
