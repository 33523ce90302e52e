"""How a value of a column kind is shown: money in fen, quantities in ten-thousandths, whole numbers, dates, text."""

from __future__ import annotations

from typing import Any

from app.core import format_fen, format_qty

KINDS = ("text", "money", "qty", "int", "date")
NUMERIC = frozenset(("money", "qty", "int"))


def format_cell(kind: str, value: Any) -> str:
    """The text shown for ``value``; a value that is already text is shown as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == "money":
        return format_fen(int(value))
    if kind == "qty":
        return format_qty(int(value))
    return str(value)
