"""The distribution plan as a form: year, distributable amount, record date, withholdings (提取), fixed returns
(保底收益), class weights and the notice dates. What it saves is the plan's TOML text (``to_toml``); keys the form
does not show are kept as they were, so the plan format can grow without losing anything here."""

from __future__ import annotations

import tomllib
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui.widgets.fields import date_edit

FORM_KEYS = ("year", "distributable", "record_date", "withhold", "fixed_return", "weights", "notice")


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def toml_key(key: str) -> str:
    return (
        key
        if key.replace("_", "").replace("-", "").isascii() and key.replace("_", "").replace("-", "").isalnum()
        else toml_value(key)
    )


def dump_toml(data: dict[str, Any]) -> str:
    """TOML for a plan: scalars first, then tables, then arrays of tables (one level deep, as plans are)."""
    lines = [
        f"{toml_key(k)} = {toml_value(v)}"
        for k, v in data.items()
        if not isinstance(v, (dict, list))
        or (isinstance(v, list) and not any(isinstance(x, dict) for x in v))
    ]
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            for item in value:
                lines += [
                    "",
                    f"[[{toml_key(key)}]]",
                    *(f"{toml_key(k)} = {toml_value(v)}" for k, v in item.items()),
                ]
        elif isinstance(value, dict):
            lines += [
                "",
                f"[{toml_key(key)}]",
                *(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()),
            ]
    return "\n".join(lines) + "\n"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    table.setMinimumHeight(table.fontMetrics().height() * 6)
    return table


def _text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item else ""


class PlanForm(QWidget):
    """``load(text)`` fills the form from a plan; ``edited`` is emitted with the new TOML text on every change."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._data: dict[str, Any] = {}
        self._loading = False
        self.year = QSpinBox(minimum=1990, maximum=2200)
        self.auto = QCheckBox(self.tr("按账面可分配收益"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("可分配收益（元）"))
        self.amount.setMinimumWidth(
            self.amount.fontMetrics().horizontalAdvance(self.amount.placeholderText()) + 24
        )
        self.auto.toggled.connect(lambda on: self.amount.setEnabled(not on))
        self.record_date = date_edit(QDate.currentDate())
        self.withhold = _table([self.tr("提取项目"), self.tr("方式"), self.tr("比例%或金额")])
        self.fixed = _table([self.tr("股份类别"), self.tr("保底比例%")])
        self.weights = _table([self.tr("股份类别"), self.tr("权重")])
        self.notice_start = date_edit(QDate.currentDate())
        self.notice_days = QSpinBox(minimum=1, maximum=90)
        self.objections = QLineEdit()
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.auto)
        amount_row.addWidget(self.amount, 1)
        form = QFormLayout()
        form.addRow(self.tr("分配年度"), self.year)
        form.addRow(self.tr("可分配收益"), amount_row)
        form.addRow(self.tr("股权登记日"), self.record_date)
        form.addRow(self.tr("提取"), self._with_buttons(self.withhold, self._add_withholding))
        form.addRow(
            self.tr("保底收益"), self._with_buttons(self.fixed, lambda: self._add_row(self.fixed, ["", "0"]))
        )
        form.addRow(self.tr("股份权重"), self.weights)
        form.addRow(self.tr("方案公示开始"), self.notice_start)
        form.addRow(self.tr("公示天数"), self.notice_days)
        form.addRow(self.tr("异议受理"), self.objections)
        QVBoxLayout(self).addLayout(form)
        for spin in (self.year, self.notice_days):
            spin.valueChanged.connect(self._changed)
        for edit in (self.amount, self.objections):
            edit.textEdited.connect(self._changed)
        for day in (self.record_date, self.notice_start):
            day.dateChanged.connect(self._changed)
        self.auto.toggled.connect(self._changed)
        for table in (self.withhold, self.fixed, self.weights):
            table.itemChanged.connect(self._changed)

    def _with_buttons(self, table: QTableWidget, add) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)
        row = QHBoxLayout()
        plus, minus = QPushButton(self.tr("增加一行")), QPushButton(self.tr("删除所选行"))
        plus.clicked.connect(add)
        minus.clicked.connect(lambda: (table.removeRow(table.currentRow()), self._changed()))
        row.addWidget(plus)
        row.addWidget(minus)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _add_row(self, table: QTableWidget, cells: list[str]) -> int:
        row = table.rowCount()
        table.insertRow(row)
        for col, text in enumerate(cells):
            table.setItem(row, col, QTableWidgetItem(text))
        return row

    def _add_withholding(self, name: str = "", how: str = "percent", value: str = "") -> None:
        self._loading, was = True, self._loading
        row = self._add_row(self.withhold, [name, "", value])
        kind = QComboBox()
        kind.addItem(self.tr("比例%"), "percent")
        kind.addItem(self.tr("金额（元）"), "amount")
        kind.setCurrentIndex(kind.findData(how))
        kind.currentIndexChanged.connect(self._changed)
        self.withhold.setCellWidget(row, 1, kind)
        self._loading = was
        self._changed()

    # -- plan text ↔ form ----------------------------------------------------------------------------------
    def load(self, text: str, classes: list[str]) -> bool:
        """Fill the form from the plan text (weights listed for every share class of the book); False when the
        text is not TOML (the form then stays as it was)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return False
        self._loading = True
        try:
            self._data = data
            self.year.setValue(int(data.get("year", QDate.currentDate().year())))
            distributable = str(data.get("distributable", "auto"))
            self.auto.setChecked(distributable == "auto")
            self.amount.setText("" if distributable == "auto" else distributable)
            self.amount.setEnabled(distributable != "auto")
            self.record_date.setDate(
                QDate.fromString(str(data.get("record_date", f"{self.year.value()}-12-31")), "yyyy-MM-dd")
            )
            self.withhold.setRowCount(0)
            for w in data.get("withhold", []):
                how = "percent" if "percent" in w else "amount"
                self._add_withholding(str(w.get("name", "")), how, str(w.get(how, "")))
            self.fixed.setRowCount(0)
            for f in data.get("fixed_return", []):
                self._add_row(self.fixed, [str(f.get("class", "")), str(f.get("percent", "0"))])
            weights = data.get("weights", {})
            self.weights.setRowCount(0)
            for name in dict.fromkeys([*classes, *weights]):
                row = self._add_row(self.weights, [name, str(weights.get(name, 0))])
                self.weights.item(row, 0).setFlags(
                    self.weights.item(row, 0).flags() & ~Qt.ItemFlag.ItemIsEditable
                )
            notice = data.get("notice", {})
            if notice.get("start"):
                self.notice_start.setDate(QDate.fromString(str(notice["start"]), "yyyy-MM-dd"))
            self.notice_days.setValue(int(notice.get("days", 7)))
            self.objections.setText(str(notice.get("objections", "")))
        finally:
            self._loading = False
        return True

    def plan(self) -> dict[str, Any]:
        """The plan as data: the form's keys in the plan's order, then whatever else the plan held."""
        withhold = []
        for row in range(self.withhold.rowCount()):
            kind = self.withhold.cellWidget(row, 1)
            how = kind.currentData() if isinstance(kind, QComboBox) else "percent"
            if _text(self.withhold, row, 0):
                withhold.append(
                    {"name": _text(self.withhold, row, 0), how: _text(self.withhold, row, 2) or "0"}
                )
        fixed = [
            {"class": _text(self.fixed, r, 0), "percent": _text(self.fixed, r, 1) or "0"}
            for r in range(self.fixed.rowCount())
            if _text(self.fixed, r, 0)
        ]
        weights: dict[str, Any] = {}
        for r in range(self.weights.rowCount()):
            value = _text(self.weights, r, 1) or "0"
            weights[_text(self.weights, r, 0)] = int(value) if value.isdigit() else value
        notice = {
            **self._data.get("notice", {}),
            "start": self.notice_start.date().toString("yyyy-MM-dd"),
            "days": self.notice_days.value(),
            "objections": self.objections.text().strip(),
        }
        data: dict[str, Any] = {
            "year": self.year.value(),
            "distributable": "auto" if self.auto.isChecked() else self.amount.text().strip() or "0",
            "record_date": self.record_date.date().toString("yyyy-MM-dd"),
            **{k: v for k, v in self._data.items() if k not in FORM_KEYS and not isinstance(v, (dict, list))},
        }
        if withhold:
            data["withhold"] = withhold
        if fixed:
            data["fixed_return"] = fixed
        data["weights"] = weights
        data["notice"] = notice
        data.update(
            {k: v for k, v in self._data.items() if k not in FORM_KEYS and isinstance(v, (dict, list))}
        )
        return data

    def to_toml(self) -> str:
        return dump_toml(self.plan())

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit(self.to_toml())
