"""Direction of a derived pair: dates first, then credits, then text evidence."""

import numpy as np
import pandas as pd
import pytest

from analyzer.article import Article
from analyzer.pairs.direction import attribution_direction, decide_direction
from analyzer.pairs.evidence import DIRECTION_FEATURES
from analyzer.pairs.model import DirectionClassifier

NEUTRAL = dict.fromkeys(DIRECTION_FEATURES, 0.0)


@pytest.fixture(scope="module")
def model():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(100, len(DIRECTION_FEATURES))), columns=DIRECTION_FEATURES)
    y = (X["repeat_balance"] > 0).astype(int)
    return DirectionClassifier().fit(X, y)


def test_publication_dates_decide_first(model):
    a = Article(id="late", text="x", published="2022-09-14T10:00:00")
    b = Article(id="early", text="x", published="2022-09-13")
    d = decide_direction(a, b, {**NEUTRAL, "repeat_balance": 5.0}, model)
    assert d.original == "b"
    assert "published first: early" in d.reasons[0]


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


def test_one_sided_credit_breaks_a_tie(model):
    a = Article(id="a", text="x", attribution=("origin: Reuters",))
    b = Article(id="b", text="x")
    assert decide_direction(a, b, NEUTRAL, model).original == "b"
