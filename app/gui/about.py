"""关于: the version and the licences of what the app bundles."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import RESOURCES, version

# (component, licence, where its text is)
BUNDLED = [
    ("Qt / PySide6 " + pyside_version, "LGPLv3", "https://www.qt.io/licensing/open-source-lgpl-obligations"),
    ("reportlab", "BSD", "https://www.reportlab.com/"),
    ("pyHanko", "MIT", "https://github.com/MatthiasValvekens/pyHanko"),
    ("openpyxl", "MIT", "https://foss.heptapod.net/openpyxl/openpyxl"),
    ("sqlite-utils", "Apache-2.0", "https://github.com/simonw/sqlite-utils"),
    ("WenQuanYi Micro Hei", "Apache-2.0", str(RESOURCES / "fonts" / "LICENSE-Apache-2.0.txt")),
]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于联营账簿"))
        title = QLabel(self.tr("联营账簿 Joint Ledger"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        self.version_label = QLabel(self.tr("版本 %1").replace("%1", version()))
        intro = QLabel(self.tr("本软件使用并随附以下组件，各组件按其许可证发布："))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(BUNDLED), 3)
        self.table.setHorizontalHeaderLabels([self.tr("组件"), self.tr("许可证"), self.tr("许可证文本")])
        for r, row in enumerate(BUNDLED):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 380)
