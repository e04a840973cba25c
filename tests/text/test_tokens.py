import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.text.tokens import anchors, number_text, parse_number, words


@pytest.mark.parametrize(
    ("token", "value"),
    [("1,000", 1000.0), ("2.5", 2.5), ("Thirty-five", 35.0), ("eighty four", 84.0),
     ("two thousand", 2000.0), ("16,400", 16400.0), ("Putin", None), ("", None)],
)
def test_parse_number(token, value):
    assert parse_number(token) == value


def test_anchors_keep_names_numbers_and_rare_words_in_order():
    text = "Thirty-five deputies signed. Ksenia Tortstrem said 1,000 miles were recaptured."
    assert anchors(text) == ["35", "ksenia", "tortstrem", "1000", "recaptured"]


def test_number_words_and_digits_share_an_anchor():
    assert anchors("Officials said thirty-five.")[-1] == anchors("Officials said 35.")[-1]


def test_words_keep_numbers_whole():
    assert words("more than 1,000 miles, U.S. forces") == ["more", "than", "1,000", "miles", "U.S",
                                                           "forces"]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_number_text_round_trips(value):
    value = round(value, 2)
    assert parse_number(number_text(value)) == pytest.approx(value)
