"""Cell values as people type them, turned into the core's values or a ValidationError with the reason.

A reader gives str, int, float, bool, date or datetime. Numbers never pass through binary floating point: a float
cell goes through the 15 significant digits Excel shows into Decimal. An identity number that arrives as a number
has lost digits and is an error, never formatted back into digits.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.ids import normalize, resident_id_problem
from app.core.money import parse_decimal, to_fen, to_qty

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_RANGE = (18264, 73415)  # 1950-01-01 .. 2100-12-31: a number outside is a typo, not a date
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number_text(value: float | int) -> str:
    """A number as Excel shows it (15 significant digits): 3.30825195001011E+17, 1234.56, 42."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15G")


def shown(value: Any) -> str:
    """A cell's value as text for a problem report or the rejected-rows workbook."""
    if value is None:
        return ""
    if is_number(value):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# full-width digits, letters and the ideographic space; full-width punctuation in text （like this） is the user's
_HALF_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)} | {0x3000: 0x20}
_DATE_PUNCT = str.maketrans("－／．", "-/.")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def text(value: Any) -> str:
    """Text with full-width digits, letters and spaces made half-width, runs of spaces made one, trimmed.
    A whole number typed into a text column (a code, a phone number) keeps its digits."""
    if value is None:
        return ""
    if is_number(value):
        return number_text(value)
    s = value if isinstance(value, str) else shown(value)
    return " ".join((s if s.isascii() else s.translate(_HALF_WIDTH)).split())  # split() knows every Unicode space


def name(value: Any) -> str:
    """A person's or a unit's name: also without the spaces that pad 张　三 to the width of three characters."""
    return _CJK_GAP.sub("", text(value))


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal_of(value: Any) -> Decimal | str:
    if isinstance(value, float):
        return Decimal(format(value, ".15G"))
    return value if is_number(value) else text(value)


def money(value: Any) -> int:
    """Yuan → fen: 1,234.50  ¥1234.5  １２３４．５０  1234.5 (a number cell); more than two decimals is an error."""
    return to_fen(_decimal_of(value))


def qty(value: Any, *, negative: bool = False) -> int:
    """A quantity in ten-thousandths; negative is an error unless allowed."""
    q = to_qty(_decimal_of(value))
    if q < 0 and not negative:
        raise ValidationError(_("数量不能为负数", "A quantity cannot be negative"))
    return q


def integer(value: Any) -> int:
    """A whole number: 3, 3.0, "３", "3人"."""
    raw = value if is_number(value) else re.sub(r"[人口户个]$", "", text(value))
    d = parse_decimal(_decimal_of(raw))
    if d != d.to_integral_value():
        raise ValidationError(_("“{v}”不是整数", "“{v}” is not a whole number", v=shown(value)))
    return int(d)


@lru_cache(maxsize=4096)  # a journal repeats its dates thousands of times
def date(value: Any) -> str:
    """An ISO date from a date cell, an Excel serial number, 2019/3/1, 2019-03-01, 2019.3.1, 2019年3月1日, 20190301."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_number(value) or re.fullmatch(r"\d{5}(\.0+)?", text(value)):
        serial = float(value)  # ok-float: an Excel date serial, a day count
        if not (_SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]) or not serial.is_integer():
            raise ValidationError(_("“{v}”不是日期", "“{v}” is not a date", v=shown(value)))
        return (_EXCEL_EPOCH + dt.timedelta(days=int(serial))).isoformat()
    s = text(value).translate(_DATE_PUNCT)
    m = _DATE_TEXT.fullmatch(s) or _DATE_COMPACT.fullmatch(s)
    if not m:
        raise ValidationError(_("“{v}”不是日期（例如 2019-03-01）", "“{v}” is not a date (for example 2019-03-01)", v=s))
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise ValidationError(_("日期“{v}”不存在", "The date “{v}” does not exist", v=s)) from None


def digits_lost() -> str:
    return _(
        "Excel 把这个号码存成了数字，末几位已丢失，请把该列设为文本后重新填写",
        "Excel stored this number as a number and lost its last digits; set the column to text and enter it again",
    )


def id_number(value: Any) -> str:
    """An identity number, normalized (upper-case X, no spaces). A number cell is an error: its digits are lost."""
    if is_number(value):
        # the ID's own "Excel turned it into a number" reason, for the number as Excel shows it
        raise ValidationError(resident_id_problem(format(float(value), ".14E")) or digits_lost())  # ok-float: shown as Excel shows it
    return normalize(text(value))


def long_digits(value: Any) -> str:
    """A bank account or similar long number: a number cell keeps its digits only below 15 of them."""
    if is_number(value) and (not float(value).is_integer() or abs(value) >= 1e15):  # ok-float: detects lost digits
        raise ValidationError(digits_lost())
    return re.sub(r"\s", "", text(value))
