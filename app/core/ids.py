"""Identity numbers: resident ID (GB 11643) and unified social credit code (GB 32100)."""

from __future__ import annotations

import datetime as dt
import re

from app.core.i18n import _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹｘ"}


def normalize(text: str) -> str:
    """Full-width to half-width, spaces (also the ideographic space) removed, upper case."""
    return re.sub(r"[\s\u3000]", "", str(text).translate(_FULLWIDTH)).upper()


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_problem(value: str) -> str | None:
    """None when ``value`` (already normalized) is a valid 18-character resident ID, else the reason."""
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", value):
        return _(
            "身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新填写",
            "Excel stored the ID number as a number and lost its last digits; set the column to text and enter it again",
        )
    if len(value) != 18:
        return _("身份证号应为18位，这里是{n}位", "A resident ID has 18 characters, this one has {n}", n=len(value))
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return _("身份证号只能由数字和末位X组成", "A resident ID is digits with an optional final X")
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return _("身份证号中的出生日期{d}不存在", "The birth date {d} in the ID number does not exist", d=value[6:14])
    if born.year < 1870 or born > dt.date.today():
        return _("身份证号中的出生日期{d}不可能", "The birth date {d} in the ID number is impossible", d=value[6:14])
    if resident_id_check_char(value[:17]) != value[17]:
        return _("身份证号校验位不对，请核对每一位数字", "The ID number's check digit is wrong; check every digit")
    return None


def credit_code_check_char(first17: str) -> str:
    total = sum(_CC_ALPHABET.index(c) * w for c, w in zip(first17, _CC_WEIGHTS, strict=True))
    return _CC_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    """None when ``value`` (already normalized) is a valid unified social credit code, else the reason."""
    if len(value) != 18:
        return _("统一社会信用代码应为18位，这里是{n}位", "A credit code has 18 characters, this one has {n}", n=len(value))
    bad = sorted({c for c in value if c not in _CC_ALPHABET})
    if bad:
        return _(
            "统一社会信用代码含有不允许的字符：{c}（不用 I、O、S、V、Z）",
            "The credit code contains characters that are not allowed: {c} (I, O, S, V, Z are never used)",
            c="".join(bad),
        )
    if credit_code_check_char(value[:17]) != value[17]:
        return _("统一社会信用代码校验位不对", "The credit code's check character is wrong")
    return None


def id_number_problem(value: str) -> str | None:
    """A member's ID number may be a resident ID or a credit code (for collectives)."""
    if re.fullmatch(r"\d{17}[\dX]", value) or re.fullmatch(r"\d(\.\d+)?E\+?\d+", value) or value.isdigit():
        return resident_id_problem(value)
    return credit_code_problem(value)


def mask_id(value: str | None) -> str:
    """First 4 and last 4 shown: 3301**********1234."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_tail(value: str | None, keep: int = 4) -> str:
    """Phones and bank accounts: only the last digits shown."""
    if not value:
        return ""
    return "*" * max(len(value) - keep, 0) + value[-keep:]


def make_resident_id(region: str, born: dt.date, seq: int) -> str:
    """A valid resident ID (for demos and tests)."""
    first = f"{region}{born:%Y%m%d}{seq:03d}"
    return first + resident_id_check_char(first)


def make_credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)
