"""“从表格导入…” and “导入模板…” for a page's toolbar. The import wizard and the spreadsheet code load on the first
click, not when the window starts."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from app.gui.context import AppContext


class SheetButtons(QWidget):
    """“从表格导入…” and “导入模板…” for a page's toolbar, next to the table's own export button."""

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.import_button = QPushButton(self.tr("从表格导入…"))
        self.template_button = QPushButton(self.tr("导入模板…"))
        self.import_button.clicked.connect(self.run_wizard)
        self.template_button.clicked.connect(self.save_template)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.import_button)
        row.addWidget(self.template_button)

    def run_wizard(self) -> None:
        from app.gui.import_wizard import run_import_wizard

        run_import_wizard(self.ctx, self.kind, self)

    def save_template(self) -> None:
        from app.core import sheet_kind_label as kind_label

        name = self.tr("%1导入模板").replace("%1", kind_label(self.kind)) + ".xlsx"
        path, _f = QFileDialog.getSaveFileName(self, self.tr("保存导入模板"), name, "Excel (*.xlsx)")
        if path and self.ctx.book is not None:
            self.ctx.call(lambda: self.ctx.book.sheets.template(self.kind, path))
