"""The import wizard: file → sheet → column mapping (the guesses shown, correctable) → preview with every problem at
its cell → apply in one transaction. ``run_import_wizard(ctx, kind, parent)`` is what the pages call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core import (
    IMPORT_KINDS,
    SHARE_PREFIX,
    SUFFIXES,
    BookError,
    Preview,
    RawSheet,
    RowPlan,
    read_sheet,
    sheet_names,
    shown,
)
from app.core import sheet_kind_label as kind_label
from app.gui.context import AppContext

SHOWN_ROWS = 500  # rows listed in the preview: problems first
BAD = QColor("#f8d0d0")
STATUS = {"new": "新增", "changed": "修改", "unchanged": "不变", "rejected": "拒绝"}


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("选择文件"))
        self.setSubTitle(self.tr("可导入 .xlsx、.xls 或 .csv 文件；标题行、合计行会自动识别。"))
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("工作表"), self.sheet)
        if wizard.kind in ("members", "holdings"):
            form.addRow(self.tr("持股生效日期"), self.date)
        self.registerField("path*", self.path)

    def browse(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        path, _f = QFileDialog.getOpenFileName(self, self.tr("选择要导入的文件"), "", self.tr("表格文件") + f" ({patterns})")
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        try:
            names = sheet_names(path)
        except BookError as e:
            QMessageBox.warning(self, self.tr("导入"), str(e))
            return
        self.path.setText(path)
        self.sheet.clear()
        self.sheet.addItems([n or Path(path).name for n in names])
        self.sheet.setEnabled(len(names) > 1)
        self._csv = names == [""]

    def validatePage(self) -> bool:
        sheet = None if getattr(self, "_csv", False) else self.sheet.currentText()
        try:
            self.w.raw = read_sheet(self.path.text(), sheet)
        except BookError as e:
            QMessageBox.warning(self, self.tr("导入"), str(e))
            return False
        self.w.options = {"date": self.date.date().toString("yyyy-MM-dd")} if self.w.kind in ("members", "holdings") else {}
        self.w.preview = None
        self.w.mapping = None
        return True


class MappingPage(QWizardPage):
    """One row per column of the sheet: its header, sample values and the field it goes to (the guess preselected)."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("核对列的对应关系"))
        self.setSubTitle(self.tr("程序按表头猜出了每一列的含义；不对的请改正。“不导入”的列会被忽略。这个对应关系会保存，明年同样格式的表格可一步导入。"))
        self.info = QLabel()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("表格中的列"), self.tr("示例"), self.tr("导入为")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        w = self.w
        p = w.book.sheets.preview(w.kind, "", raw=_header_only(w.raw), options=w.options)
        w.header_index = (p.header_row or 1) - 1
        self.info.setText(
            self.tr("表头在第 %1 行。").replace("%1", str(p.header_row)) if p.header_row
            else self.tr("没有找到表头行，请确认选对了工作表。")
        )
        self.table.setRowCount(len(p.headers))
        choices = [("", self.tr("（不导入）"))] + [(f.name, f.label()) for f in p.fields]
        choices += [(SHARE_PREFIX + c, c) for c in w.book.sheets.importer(w.kind).share_classes()]
        samples = w.raw.rows[w.header_index + 1 : w.header_index + 4]
        for i, header in enumerate(p.headers):
            self.table.setItem(i, 0, QTableWidgetItem(header))
            self.table.setItem(i, 1, QTableWidgetItem(" | ".join(shown(r[i]) for r in samples if i < len(r) and r[i] not in (None, ""))))
            combo = QComboBox()
            for key, label in choices:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(p.mapping.get(i, "")), 0))
            self.table.setCellWidget(i, 2, combo)
        self.table.resizeColumnToContents(0)

    def mapping(self) -> dict[int, str]:
        out = {}
        for i in range(self.table.rowCount()):
            key = self.table.cellWidget(i, 2).currentData()
            if key:
                out[i] = key
        return out

    def validatePage(self) -> bool:
        self.w.mapping = self.mapping()
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("预览"))
        self.setSubTitle(self.tr("还没有写入账簿。有问题的单元格标为红色，鼠标停在上面可看原因。"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.valid_only = QCheckBox(self.tr("只导入有效的行（被拒绝的行另存为表格，改正后可再导入）"))
        self.valid_only.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.valid_only)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("导入"))

    def initializePage(self) -> None:
        w = self.w
        p = w.ctx.run(self.tr("检查表格"), lambda progress, cancel: w.book.sheets.preview(
            w.kind, "", raw=w.raw, mapping=w.mapping, options=w.options, progress=progress, cancel=cancel), writes=False)
        w.preview = p
        if p is None:
            self.summary.setText(self.tr("检查未完成。"))
            return
        c = p.counts()
        lines = [self.tr("新增 %1 行，修改 %2 行，不变 %3 行，拒绝 %4 行。")
                 .replace("%1", str(c["new"])).replace("%2", str(c["changed"])).replace("%3", str(c["unchanged"]))
                 .replace("%4", str(c["rejected"]))]
        if p.new_parents:
            lines.append(self.tr("将新建：") + "、".join(p.new_parents))
        if p.ignored:
            lines.append(self.tr("不导入的列：") + "、".join(p.ignored))
        lines += [str(x) for x in p.notes]
        self.summary.setText("\n".join(lines))
        self.fill(p)
        self.valid_only.setEnabled(bool(c["rejected"]) and not p.file_errors())
        self.completeChanged.emit()

    def fill(self, p: Preview) -> None:
        rows = sorted(p.rows, key=lambda r: (r.status != "rejected", r.row))[:SHOWN_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(p.headers) + 2)
        self.table.setHorizontalHeaderLabels([self.tr("行号"), self.tr("结果"), *p.headers])
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(str(r.row)))
            status = QTableWidgetItem(self.tr(STATUS[r.status]))
            self.table.setItem(i, 1, status)
            for j in range(len(p.headers)):
                self.table.setItem(i, j + 2, QTableWidgetItem(cell_text(p, r, j)))
            for problem in r.problems:
                col = p.headers.index(problem.column) + 2 if problem.column in p.headers else 1
                item = self.table.item(i, col)
                item.setBackground(QBrush(BAD))
                item.setToolTip("\n".join(filter(None, [item.toolTip(), problem.message])))
            if r.status == "rejected":
                status.setBackground(QBrush(BAD))
                status.setToolTip("\n".join(x.message for x in r.problems))
        self.table.resizeColumnsToContents()

    def isComplete(self) -> bool:
        p = self.w.preview
        if p is None or p.file_errors():
            return False
        return p.ok or self.valid_only.isChecked()


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        if kind not in IMPORT_KINDS:
            raise ValueError(kind)
        self.ctx, self.kind, self.book = ctx, kind, ctx.book
        self.raw: RawSheet | None = None
        self.mapping: dict[int, str] | None = None
        self.preview: Preview | None = None
        self.options: dict = {}
        self.header_index = 0
        self.result_counts: dict | None = None
        self.setWindowTitle(self.tr("导入%1").replace("%1", kind_label(kind)))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(960, 640)
        self.file_page, self.mapping_page, self.preview_page = FilePage(self), MappingPage(self), PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)

    def accept(self) -> None:
        p = self.preview
        valid_only = self.preview_page.valid_only.isChecked()
        counts = self.ctx.run(self.tr("导入"), lambda progress, cancel: self.book.sheets.apply(
            p, valid_only=valid_only, progress=progress, cancel=cancel))
        if counts is None:
            return
        self.result_counts = counts
        if counts["rejected"]:
            self.save_rejected(p)
        super().accept()

    def save_rejected(self, p: Preview) -> Path | None:
        default = str(Path(p.file).with_suffix("")) + "-被拒绝的行.xlsx"
        path, _f = QFileDialog.getSaveFileName(self, self.tr("保存被拒绝的行"), default, "Excel (*.xlsx)")
        if not path:
            return None
        self.ctx.call(lambda: self.book.sheets.write_rejected(p, path))
        return Path(path)


def cell_text(p: Preview, r: RowPlan, column: int) -> str:
    """The cell as the sheet has it, and what it becomes when it reads differently (43525 → 2019-03-01,
    full-width digits → half-width)."""
    raw = shown(r.cells[column]) if column < len(r.cells) else ""
    value = r.values.get(p.mapping.get(column, ""))
    if isinstance(value, (str, dt.date)) and value != "" and shown(value) != raw:
        return f"{raw} → {shown(value)}"
    return raw


def _header_only(raw: RawSheet) -> RawSheet:
    """The rows the header search looks at, so the mapping page opens at once even for a large sheet."""
    return RawSheet(raw.file, raw.name, raw.rows[:40])


def run_import_wizard(ctx: AppContext, kind: str, parent: QWidget | None = None) -> dict | None:
    """Show the wizard for ``kind`` (members, holdings, assets, accounts, opening, vouchers); the counts when it
    imported, None when cancelled."""
    if ctx.book is None:
        return None
    wizard = ImportWizard(ctx, kind, parent)
    wizard.setWindowModality(Qt.WindowModality.ApplicationModal)
    if wizard.exec() != QWizard.DialogCode.Accepted:
        return None
    return wizard.result_counts
