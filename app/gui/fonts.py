"""The bundled Chinese font (WenQuanYi Micro Hei), so Chinese shows on a PC that has no Chinese font installed."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import RESOURCES

FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
NORMAL_POINTS = 10
LARGE_POINTS = 13

log = logging.getLogger(__name__)
_family: str | None = None


def bundled_family() -> str:
    """Load the bundled font once; returns its family name ("WenQuanYi Micro Hei")."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.error("could not load %s", FONT_FILE)
            return QApplication.font().family()
        _family = next((f for f in families if "Mono" not in f), families[0])
    return _family


def apply_app_font(app: QApplication, large: bool = False) -> QFont:
    """Make the bundled font the application font, at the normal or the larger size."""
    font = QFont(bundled_family(), LARGE_POINTS if large else NORMAL_POINTS)
    app.setFont(font)
    return font
