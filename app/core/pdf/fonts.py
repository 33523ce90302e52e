"""The Chinese font for PDFs: WenQuanYi Micro Hei from resources/fonts, embedded as a subset by reportlab."""

from __future__ import annotations

from functools import cache

from app import RESOURCES

FONT = "WenQuanYiMicroHei"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"


@cache
def register() -> str:
    """Register the font with reportlab once per process; returns its name for ``setFont``."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    rl_config.useA85 = 0  # binary streams: smaller files, and ASCII85 in pure Python costs ~1 ms a page
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT
