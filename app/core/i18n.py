"""User-facing text of the core, in Chinese (default) and English.

Every message is written once with both languages side by side: ``_("会计期间已结账", "The period is closed")``.
The language comes from ``set_language`` or the ``JOINTLEDGER_LANG`` environment variable.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
_language = os.environ.get("JOINTLEDGER_LANG", "zh").lower()[:2]
if _language not in LANGUAGES:
    _language = "zh"


def set_language(lang: str) -> None:
    global _language
    lang = lang.lower()[:2]
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    return _language


def _(zh: str, en: str, /, **fields: object) -> str:
    text = zh if _language == "zh" else en
    return text.format(**fields) if fields else text
