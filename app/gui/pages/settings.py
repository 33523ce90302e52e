"""设置: the organization's settings (stored in the book) and this PC's preferences (language, larger font)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import BookError, Settings, org_kind_label
from app.gui.context import AppContext, Page, preferences
from app.gui.fonts import apply_app_font
from app.gui.i18n import LANGUAGES, install_language
from app.gui.widgets.fields import FieldNote


class SettingsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.name = QLineEdit()
        self.credit_code = QLineEdit()
        self.credit_note = FieldNote()
        self.credit_code.textChanged.connect(self._check_code)
        self.kind = QLabel()
        self.chart = QLabel()
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.org_note = FieldNote()
        self.save_button = QPushButton(self.tr("保存组织信息"))
        self.save_button.clicked.connect(self.save_org)
        org = QGroupBox(self.tr("组织信息（保存在账簿中）"))
        form = QFormLayout(org)
        form.addRow(self.tr("组织名称"), self.name)
        form.addRow(self.tr("统一社会信用代码"), self.credit_code)
        form.addRow("", self.credit_note)
        form.addRow(self.tr("组织类型"), self.kind)
        form.addRow(self.tr("会计制度"), self.chart)
        form.addRow(self.tr("账簿文件"), self.path)
        form.addRow("", self.org_note)
        form.addRow("", self.save_button)

        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.large_font = QCheckBox(self.tr("使用大字体"))
        self.apply_button = QPushButton(self.tr("应用"))
        self.apply_button.clicked.connect(self.apply_preferences)
        about = QPushButton(self.tr("关于联营账簿…"))
        about.clicked.connect(lambda: self.window().show_about())
        prefs = QGroupBox(self.tr("本机设置"))
        pform = QFormLayout(prefs)
        pform.addRow(self.tr("界面语言 / Language"), self.language)
        pform.addRow(self.tr("字体"), self.large_font)
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(about)
        row.addStretch(1)
        pform.addRow("", row)
        layout = QVBoxLayout(self)
        layout.addWidget(org)
        layout.addWidget(prefs)
        layout.addStretch(1)
        self._load_preferences()

    def title(self) -> str:
        return self.tr("设置")

    def _load_preferences(self) -> None:
        prefs = preferences()
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.value("language", "zh"))))
        self.large_font.setChecked(prefs.value("large_font", False, type=bool))

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        s = book.settings
        self.name.setText(s.name)
        self.credit_code.setText(s.credit_code)
        self.kind.setText(org_kind_label(s.kind))
        self.chart.setText(self.tr("%1年制度").replace("%1", s.chart))
        self.path.setText(str(book.path))
        self.org_note.show_problem("")

    def _check_code(self, text: str) -> None:
        try:
            Settings.validate("credit_code", text)
        except BookError as e:
            self.credit_note.show_problem(str(e))
        else:
            self.credit_note.show_problem("")

    def save_org(self) -> None:
        book = self.ctx.book
        values = {"name": self.name.text(), "credit_code": self.credit_code.text()}
        try:
            for key, value in values.items():  # check both before writing either
                Settings.validate(key, value)
            for key, value in values.items():
                book.settings.set(key, value)
        except BookError as e:
            self.org_note.show_problem(str(e))
            return
        except Exception as e:
            self.ctx.show_error(e)
            return
        self.ctx.data_changed.emit()
        self.window().show_who()

    def apply_preferences(self) -> None:
        """Store the language and font size, switch to them and rebuild the window in them."""
        prefs = preferences()
        prefs.setValue("language", self.language.currentData())
        prefs.setValue("large_font", self.large_font.isChecked())
        install_language(self.language.currentData())
        apply_app_font(QApplication.instance(), large=self.large_font.isChecked())
        self.window().rebuild()
