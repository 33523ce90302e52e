"""Every page of the main window opened offscreen with the demo book: a screenshot of each under
test-output/screenshots/, and a failure when a page is blank, shows text the bundled font cannot draw (the
empty boxes of a missing glyph), or, in English, shows Chinese on its buttons and headers."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from app.gui.i18n import install_language
from app.gui.main_window import MainWindow
from app.gui.pages import PAGES

SHOTS = Path("test-output/screenshots")
CJK = re.compile(r"[\u3400-\u9fff]")


def glyph_image(text: str, font: QFont) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.end()
    return image


def test_the_app_font_draws_chinese_glyphs_not_boxes():
    font = QApplication.font()
    font.setPointSize(24)
    box = glyph_image("\U000f0000", font)  # a private-use character no font has: drawn as the missing-glyph box
    for ch in "联营账簿成员股份资产凭证报表收益分配同步设置":
        assert glyph_image(ch, font) != box, f"{ch} is drawn as an empty box"


def shown_texts(page: QWidget) -> list[str]:
    """The interface text a page shows: labels, buttons, group titles, tabs, placeholders, table headers and the
    visible cells."""
    texts: list[str] = []
    for w in page.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
            for r in range(min(model.rowCount(), 30)):
                texts += [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
    return [t for t in texts if t]


def chrome_texts(page: QWidget) -> list[str]:
    """Text that is the interface's own (buttons, group titles, tabs, table headers), never the book's data."""
    texts: list[str] = []
    for w in page.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
    return [t for t in texts if t]


def not_blank(image: QImage) -> float:
    """The share of pixels that differ from the most common colour (sampled on a grid)."""
    colors = Counter(image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))
    total = sum(colors.values())
    return 1 - colors.most_common(1)[0][1] / total


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders(lang, demo_window, qtbot):
    install_language(lang)
    window = demo_window if lang == "zh" else demo_window.rebuild()
    if window is not demo_window:
        qtbot.addWidget(window)
    window.resize(1280, 800)
    SHOTS.mkdir(parents=True, exist_ok=True)
    font = QFontMetrics(QApplication.font())
    problems: list[str] = []
    for key, _module, _cls in PAGES:
        window.show_page(key)
        QApplication.processEvents()
        page = window.current_page()
        assert type(page).__name__ != "MissingPage", f"page {key} is not available"
        shot = window.grab()
        shot.save(str(SHOTS / f"{lang}_{key}.png"))
        share = not_blank(page.grab().toImage())
        if share < 0.01:
            problems.append(f"{key}: blank ({share:.1%} of pixels drawn)")
        texts = shown_texts(page)
        missing = sorted({c for t in texts for c in t if not c.isspace() and not font.inFontUcs4(ord(c))})
        if missing:
            problems.append(f"{key}: no glyph for {''.join(missing)!r}")
        if lang == "en":
            chinese = [t for t in chrome_texts(page) if CJK.search(t)]
            if chinese:
                problems.append(f"{key}: untranslated {chinese}")
    window.close_book()
    assert not problems, "\n".join(problems)
    assert MainWindow.current is window
