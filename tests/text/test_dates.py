"""Specification of publication times: parsed as given, never guessed, ordered only when certain."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.text.dates import parse_published


@pytest.mark.parametrize(("text", "precision", "earliest"), [
    ("2022-09-26T19:14:00-04:00", "instant", datetime(2022, 9, 26, 23, 14, tzinfo=UTC)),
    ("2022-09-26T23:14:00Z", "instant", datetime(2022, 9, 26, 23, 14, tzinfo=UTC)),
    ("Mon, 26 Sep 2022 19:14:00 -0400", "instant", datetime(2022, 9, 26, 23, 14, tzinfo=UTC)),
    ("2022-09-26T19:14:00", "local time", datetime(2022, 9, 26, 5, 14, tzinfo=UTC)),
    ("2022-09-26", "day", datetime(2022, 9, 25, 10, 0, tzinfo=UTC)),
])
def test_parses_what_inputs_write(text, precision, earliest):
    parsed = parse_published(text)
    assert parsed.precision == precision
    assert parsed.earliest == earliest
    assert parsed.text == text


@pytest.mark.parametrize("text", [None, "", "   ", "yesterday", "26/09/2022", "2022-13-45", "soon, maybe"])
def test_no_date_is_guessed(text):
    assert parse_published(text) is None


@given(st.text(max_size=40))
def test_any_text_parses_or_gives_none(text):
    parsed = parse_published(text)
    assert parsed is None or parsed.earliest <= parsed.latest


moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1),
                       timezones=st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))))


@given(moments, moments)
def test_instants_order_as_their_utc_times(x, y):
    px, py = parse_published(x.isoformat()), parse_published(y.isoformat())
    assert px.before(py) == (x < y)
    assert not (px.before(py) and py.before(px))


@given(moments, st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=25)))
def test_a_naive_local_time_within_a_day_never_orders(x, gap):
    local = x.replace(tzinfo=None)
    a, b = parse_published(local.isoformat()), parse_published((local + gap).isoformat())
    assert not a.before(b) and not b.before(a)
