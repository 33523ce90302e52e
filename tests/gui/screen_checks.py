"""What a person sees wrong on a screen, measured on the widgets: text cut off on a button or tool button (its
``QFontMetrics`` width against the room the widget has), characters the font cannot draw (glyph boxes), and, on a
Chinese screen, Qt's own English words (OK, Cancel, < Back, Look in)."""

from __future__ import annotations

import re

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QToolButton,
    QWidget,
)

# words Qt itself puts on dialogs, wizards and message boxes when its translation is not loaded
QT_ENGLISH = re.compile(
    r"^(&?OK|&?Cancel|&?Yes|&?No|&?Save|&?Open|&?Close|&?Apply|&?Discard|&?Help|&?Print|"
    r"< &?Back|&?Next >|&?Finish|Look in:|File &?name:|Files of type:|&?Retry|&?Ignore|Abort|Restore Defaults)$"
)


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def _plain(text: str) -> str:
    """The text as drawn: without the mnemonic ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button_room(button: QAbstractButton) -> int:
    """The width the style leaves a button for its text."""
    fm = button.fontMetrics()
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        option.initFrom(button)
        margin = button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)
        frame = 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, button)
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        menu = fm.horizontalAdvance(" ") * 3 if button.menu() is not None else 0
        return button.width() - margin - frame - icon - menu
    if isinstance(button, (QCheckBox, QRadioButton)):
        indicator = button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, button)
        return button.width() - indicator - 8
    return button.width() - 6  # a tool button: a few pixels of frame


def elided_texts(root: QWidget) -> list[str]:
    """Visible buttons, tool buttons, tabs and labels whose text does not fit the width they were given."""
    out: list[str] = []
    for button in root.findChildren(QAbstractButton):
        if not _visible(button) or not button.text():
            continue
        if isinstance(button, QToolButton) and button.toolButtonStyle().name == "ToolButtonIconOnly":
            continue
        need = QFontMetrics(button.font()).horizontalAdvance(_plain(button.text()))
        if need > button_room(button):
            out.append(
                f"{type(button).__name__} {_plain(button.text())!r}: needs {need}px, has {button_room(button)}px"
            )
    for label in root.findChildren(QLabel):
        if _visible(label) and label.text() and not label.wordWrap() and "<" not in label.text():
            need = QFontMetrics(label.font()).horizontalAdvance(_plain(label.text()).split("\n")[0])
            if need > label.contentsRect().width() + 1:
                out.append(f"QLabel {label.text()!r}: needs {need}px, has {label.contentsRect().width()}px")
    for edit in root.findChildren(QLineEdit):
        if _visible(edit) and edit.placeholderText() and not edit.text():
            need = QFontMetrics(edit.font()).horizontalAdvance(edit.placeholderText())
            if need > edit.width() - 12:
                out.append(
                    f"placeholder {edit.placeholderText()!r}: needs {need}px, has {edit.width() - 12}px"
                )
    for combo in root.findChildren(QComboBox):
        if _visible(combo) and not combo.isEditable() and combo.currentText():
            need = QFontMetrics(combo.font()).horizontalAdvance(combo.currentText())
            room = combo.width() - combo.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) - 12
            if need > room:
                out.append(f"QComboBox {combo.currentText()!r}: needs {need}px, has {room}px")
    for tabs in root.findChildren(QTabBar):
        if _visible(tabs):
            for i in range(tabs.count()):
                need = QFontMetrics(tabs.font()).horizontalAdvance(_plain(tabs.tabText(i)))
                if need > tabs.tabRect(i).width() - 8:
                    out.append(
                        f"tab {tabs.tabText(i)!r}: needs {need}px, has {tabs.tabRect(i).width() - 8}px"
                    )
    return out


def shown_chrome(root: QWidget) -> list[str]:
    """The interface's own words on screen: buttons, labels, group titles, tabs, dialog buttons."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, (QAbstractButton, QLabel)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QDialogButtonBox):
            texts += [b.text() for b in w.buttons()]
    return [t for t in texts if t]


def qt_english(root: QWidget) -> list[str]:
    """Qt's own English words on a screen that should be Chinese."""
    return sorted({t for t in shown_chrome(root) if QT_ENGLISH.match(t)})


def glyph_boxes(root: QWidget) -> list[str]:
    """Characters on the screen that the widget's font cannot draw."""
    missing = set()
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        fm = QFontMetrics(w.font())
        texts = (
            shown_chrome(w) if w is root else [w.text()] if isinstance(w, (QAbstractButton, QLabel)) else []
        )
        for text in texts:
            missing |= {c for c in text if not c.isspace() and not fm.inFontUcs4(ord(c))}
    return sorted(missing)
