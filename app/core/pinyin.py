"""Pinyin initials of Chinese names (银行存款 → yhck), to choose an account by keyboard without an input method.
pypinyin loads on first use."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def initials(text: str) -> str:
    """The lower-case first letter of each character's pinyin; other characters (digits, Latin) as they are."""
    from pypinyin import Style, lazy_pinyin

    return "".join(p[:1] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")).lower()


def matches(text: str, name: str) -> bool:
    """Whether ``text`` (ASCII letters, e.g. "yhck") is in the pinyin initials of ``name``."""
    return text.isascii() and text.isalpha() and text.lower() in initials(name)
