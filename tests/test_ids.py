import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.ids import (
    credit_code_problem,
    id_number_problem,
    make_credit_code,
    make_resident_id,
    mask_id,
    normalize,
    resident_id_problem,
)

VALID_IDS = ["11010519491231002X", "110101199003077731", "440524188001010014"]
INVALID_IDS = [
    "110105194912310021",  # wrong check digit
    "110105194902300028",  # 30 February
    "11010519491231002",  # 17 characters
    "3.30825195001011E+17",  # what Excel makes of an ID
    "1101051949123100XX",
]
VALID_CODES = ["91350100M000100Y43", "91110000600037341L", "N2330106MF00000023"]
INVALID_CODES = ["91350100M000100Y44", "91350100M000100Y4", "9135010OM000100Y43"]


@pytest.mark.parametrize("value", VALID_IDS)
def test_valid_resident_ids(value):
    assert resident_id_problem(value) is None


@pytest.mark.parametrize("value", INVALID_IDS)
def test_invalid_resident_ids(value):
    assert resident_id_problem(normalize(value)) is not None


def test_excel_number_is_named():
    assert "Excel" in resident_id_problem("3.30825195001011E+17")


def test_lower_case_x_and_full_width_are_normalized():
    assert normalize(" 11010519491231002x ") == "11010519491231002X"
    assert normalize("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"


@pytest.mark.parametrize("value", VALID_CODES)
def test_valid_credit_codes(value):
    assert credit_code_problem(value) is None


@pytest.mark.parametrize("value", INVALID_CODES)
def test_invalid_credit_codes(value):
    assert credit_code_problem(value) is not None


def test_id_number_picks_the_kind():
    assert id_number_problem("91350100M000100Y43") is None
    assert id_number_problem("11010519491231002X") is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)), st.integers(1, 999))
def test_made_ids_are_valid_and_one_wrong_digit_is_caught(born, seq):
    good = make_resident_id("330106", born, seq)
    assert resident_id_problem(good) is None
    wrong = good[:16] + str((int(good[16]) + 1) % 10) + good[17]
    assert resident_id_problem(wrong) is not None


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_made_credit_codes_are_valid(first):
    assert credit_code_problem(make_credit_code(first)) is None


def test_mask():
    assert mask_id("11010519491231002X") == "1101**********002X"
