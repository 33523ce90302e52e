from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.money import amount_in_words, format_fen, parse_decimal, to_fen, to_qty


@pytest.mark.parametrize(
    "fen, words",
    [
        (130950, "壹仟叁佰零玖元伍角整"),
        (10700053, "壹拾万柒仟元零伍角叁分"),
        (1630902, "壹万陆仟叁佰零玖元零贰分"),
        (1500, "壹拾伍元整"),
        (5, "伍分"),
        (0, "零元整"),
        (100000000, "壹佰万元整"),
        (1000010000, "壹仟万零壹佰元整"),
        (10000000000, "壹亿元整"),
        (10000100, "壹拾万零壹元整"),
        (1050, "壹拾元零伍角整"),
        (55, "伍角伍分"),
        (100001, "壹仟元零壹分"),
    ],
)
def test_amount_in_words(fen, words):
    assert amount_in_words(fen) == words


def test_amount_in_words_prefix():
    assert amount_in_words(1500, prefix=True) == "人民币壹拾伍元整"


@pytest.mark.parametrize(
    "text, fen",
    [("1,234.50", 123450), ("¥1234.5", 123450), ("１２３４．５０", 123450), (" 12 元", 1200), ("-3.01", -301), ("(5.00)", -500)],
)
def test_to_fen_accepts_what_people_type(text, fen):
    assert to_fen(text) == fen


@pytest.mark.parametrize("text", ["1.234", "abc", "", "1..2", "12e3"])
def test_to_fen_refuses(text):
    with pytest.raises(ValidationError):
        to_fen(text)


def test_decimal_and_quantities():
    assert parse_decimal(Decimal("1.5")) == Decimal("1.5")
    assert to_qty("2.35") == 23500
    assert format_fen(-123456789) == "-1,234,567.89"


@given(st.integers(min_value=0, max_value=10**14))
def test_format_parse_round_trip(fen):
    assert to_fen(format_fen(fen)) == fen


@given(st.integers(min_value=1, max_value=10**14))
def test_words_shape(fen):
    w = amount_in_words(fen)
    assert w.endswith("整") == (fen % 10 == 0)
    assert "零零" not in w
    assert not w.startswith("零")
