"""Money: an integer number of fen (分) in the core; ``Decimal`` only when parsing and formatting."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.core.errors import ValidationError
from app.core.i18n import _

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
_STRIP = re.compile(r"[\s¥￥,元]|RMB|CNY", re.IGNORECASE)


def parse_decimal(text: str | int | Decimal, what: str = "") -> Decimal:
    """Parse a number as people type it: full-width digits, thousands separators, ¥, trailing 元."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):  # a spreadsheet cell: go through its shortest repr, never binary
        return Decimal(repr(text))
    raw = str(text).translate(_FULLWIDTH).strip()
    cleaned = _STRIP.sub("", raw)
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    try:
        if not cleaned or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", cleaned):
            raise InvalidOperation
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            _("“{v}”不是有效的数字", "“{v}” is not a valid number", v=text), field=what or None
        ) from None
    return -value if negative else value


def to_fen(value: str | int | Decimal, what: str = "") -> int:
    """Yuan as text or Decimal → integer fen. More than two decimals is an error, never a silent rounding."""
    amount = parse_decimal(value, what)
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise ValidationError(
            _("金额“{v}”超过两位小数", "The amount “{v}” has more than two decimals", v=value), field=what or None
        )
    return int(fen)


def round_fen(value: Decimal) -> int:
    """An exact amount in fen (a Decimal) rounded half-up to a whole fen."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fen_to_decimal(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def format_fen(fen: int, *, thousands: bool = True, blank_zero: bool = False) -> str:
    """12345678 → '123,456.78'."""
    if blank_zero and fen == 0:
        return ""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    body = f"{yuan:,}" if thousands else str(yuan)
    return f"{sign}{body}.{cents:02d}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def _four(n: int) -> str:
    """0 < n < 10000 as capitals, with inner zero runs written as one 零 (no leading or trailing 零)."""
    out = []
    zero = False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + _SMALL_UNITS[pos])
    return "".join(out)


def amount_in_words(fen: int, *, prefix: bool = False) -> str:
    """The amount in Chinese capitals (大写金额): 130950 → 壹仟叁佰零玖元伍角整."""
    if fen < 0:
        return ("人民币" if prefix else "") + "负" + amount_in_words(-fen)
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    parts: list[str] = []
    if yuan:
        groups = []
        n = yuan
        while n:
            groups.append(n % 10000)
            n //= 10000
        text = ""
        need_zero = False
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or g < 1000):
                text += "零"
            text += _four(g) + _BIG_UNITS[i]
            need_zero = False
        parts.append(text + "元")
    if jiao:
        if yuan % 10 == 0 and yuan:  # 107000.53 → …柒仟元零伍角叁分
            parts.append("零")
        parts.append(_DIGITS[jiao] + "角")
    elif yuan and fen_digit:
        parts.append("零")
    if fen_digit:
        parts.append(_DIGITS[fen_digit] + "分")
    if not parts:
        parts.append("零元")
    text = "".join(parts)
    if not fen_digit:
        text += "整"
    return ("人民币" if prefix else "") + text


QTY_SCALE = 10000  # quantities (mu, work days, units) are integers in ten-thousandths


def to_qty(value: str | int | Decimal, what: str = "") -> int:
    q = parse_decimal(value, what) * QTY_SCALE
    if q != q.to_integral_value():
        raise ValidationError(
            _("数量“{v}”超过四位小数", "The quantity “{v}” has more than four decimals", v=value), field=what or None
        )
    return int(q)


def qty_to_decimal(q: int) -> Decimal:
    return (Decimal(q) / QTY_SCALE).normalize()


def format_qty(q: int) -> str:
    d = qty_to_decimal(q)
    text = f"{d:,f}"
    return text
