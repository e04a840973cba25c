"""Direction of a derived pair: dates first, then credits, then text evidence."""

import numpy as np
import pandas as pd
import pytest

from analyzer.article import Article
from analyzer.pairs.direction import attribution_direction, decide_direction
from analyzer.pairs.direction_signs import DIRECTION_FEATURES
from analyzer.pairs.model import DirectionClassifier

NEUTRAL = dict.fromkeys(DIRECTION_FEATURES, 0.0)


@pytest.fixture(scope="module")
def model():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(100, len(DIRECTION_FEATURES))), columns=DIRECTION_FEATURES)
    y = (X["repeat_balance"] > 0).astype(int)
    return DirectionClassifier().fit(X, y)


def test_publication_dates_decide_first(model):
    a = Article(id="late", text="x", published="2022-09-16T10:00:00")
    b = Article(id="early", text="x", published="2022-09-13")
    d = decide_direction(a, b, NEUTRAL, model)
    assert d.original == "b"
    assert "published first: early" in d.reasons[0]


def test_times_are_compared_with_their_offsets(model):
    # 10:00 in New York is 14:00 UTC; 15:00 in Paris (summer) is 13:00 UTC: Paris came first.
    new_york = Article(id="ny", text="x", published="2022-09-26T10:00:00-04:00")
    paris = Article(id="paris", text="x", published="2022-09-26T15:00:00+02:00")
    assert decide_direction(new_york, paris, NEUTRAL, model).original == "b"
    assert decide_direction(paris, new_york, NEUTRAL, model).original == "a"


@pytest.mark.parametrize(("first", "second"), [
    ("2022-09-26T10:00:00", "2022-09-26T15:00:00"),  # no offsets: the zones could reverse them
    ("2022-09-26", "2022-09-26T23:00:00+00:00"),      # a day against a time within it
    ("2022-09-26", "2022-09-27"),                    # consecutive days in unknown zones overlap
])
def test_times_that_a_time_zone_could_reverse_do_not_decide(model, first, second):
    a, b = Article(id="a", text="x", published=first), Article(id="b", text="x", published=second)
    d = decide_direction(a, b, NEUTRAL, model)
    assert d.original is None
    assert any("do not order" in r for r in d.reasons)


def test_dates_against_sure_text_evidence_name_no_original(model):
    # A back-dated (or misread) date must not silently win over text evidence sure of the other side.
    a = Article(id="a", text="x", published="2022-09-20")
    b = Article(id="b", text="x", published="2022-09-10")
    d = decide_direction(a, b, {**NEUTRAL, "repeat_balance": 5.0}, model)
    assert d.original is None
    assert "dates and text disagree" in d.reasons[0]


def test_a_stated_order_decides(model):
    a, b = Article(id="a", text="x", order=1), Article(id="b", text="x", order=0)
    d = decide_direction(a, b, NEUTRAL, model)
    assert d.original == "b"
    assert "stated order" in d.reasons[0]


def test_reasons_describe_the_text_they_name(model):
    # repeat_balance > 0 says b repeats passages; the model reads that as b derived, a original.
    a, b = Article(id="a", text="x"), Article(id="b", text="x")
    d = decide_direction(a, b, {**NEUTRAL, "repeat_balance": 3.0}, model)
    assert d.original == "a"
    assert any(r.startswith("b links more than one") for r in d.reasons[1:])
    d = decide_direction(a, b, {**NEUTRAL, "repeat_balance": -3.0}, model)
    assert any(r.startswith("a links more than one") for r in d.reasons[1:])


def test_crediting_the_other_outlet_marks_the_copy():
    post = Article(id="post", text="x", attribution=("self: New York Post",))
    aggregator = Article(id="agg", text="x", attribution=("origin: New York Post",))
    assert attribution_direction(aggregator, post).original == "b"
    assert attribution_direction(post, aggregator).original == "a"
    assert "credits 'new york post'" in attribution_direction(post, aggregator).reasons[0]


def test_text_evidence_decides_without_dates_or_credits(model):
    a, b = Article(id="a", text="x"), Article(id="b", text="x")
    assert decide_direction(a, b, {**NEUTRAL, "repeat_balance": 3.0}, model).original == "a"
    assert decide_direction(a, b, {**NEUTRAL, "repeat_balance": -3.0}, model).original == "b"


def test_inconclusive_evidence_gives_no_original(model):
    a, b = Article(id="a", text="x"), Article(id="b", text="x")
    d = decide_direction(a, b, NEUTRAL, model)
    assert d.original is None
    assert "inconclusive" in d.reasons[0]


def test_a_credit_to_an_outside_outlet_alone_does_not_decide(model):
    # A wire's credit line is kept by the wire text itself as often as by its copies.
    a = Article(id="a", text="x", attribution=("origin: Reuters",))
    b = Article(id="b", text="x")
    assert decide_direction(a, b, NEUTRAL, model).original is None


def test_a_stated_order_wins_over_sure_text_evidence_and_notes_it(model):
    a, b = Article(id="a", text="x", order=1), Article(id="b", text="x", order=0)
    d = decide_direction(a, b, {**NEUTRAL, "repeat_balance": 5.0}, model)
    assert d.original == "b"
    assert d.reasons[1].startswith("note: text evidence")
