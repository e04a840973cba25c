"""Specification of the short-text decision: one- and two-sentence texts can be paraphrases.

The rule that a spin needs two aligned sentences made a reworded headline or
lede impossible to call; such pairs now get a calibrated decision of their own,
which must not call word salads of common words paraphrases.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from analyzer.ingest.from_text import article_from_text
from analyzer.pairs.model import RelationModel
from analyzer.pairs.short_texts import SHORT_TEXT_FEATURES, ShortTextClassifier
from analyzer.training.pairgen import common_word_lines
from analyzer.verdicts import DERIVED
from tests.conftest import NEWSWEEK, SPUN


def _compare(engine, a: str, b: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return engine.compare(article_from_text(a, id="a"), article_from_text(b, id="b"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The central bank raised interest rates by half a point on Tuesday to fight rising inflation.",
         "On Tuesday the central bank lifted interest rates by 0.5 percentage points to combat climbing "
         "inflation."),
        ("Firefighters battled the blaze at the cathedral for more than twelve hours before it was "
         "brought under control.",
         "It took firefighters over twelve hours to bring the cathedral fire under control."),
    ],
    ids=["rate rise", "cathedral fire"],
)
def test_a_one_sentence_paraphrase_is_called_derived(engine, a, b):
    result = _compare(engine, a, b)
    assert result.relation in DERIVED
    assert any("short texts" in r for r in result.reasons)


def test_two_unrelated_sentences_are_not_paraphrases(engine):
    result = _compare(engine, "The central bank raised interest rates by half a point on Tuesday.",
                      "The football club signed a new goalkeeper from Lisbon for the coming season.")
    assert result.relation not in DERIVED


def test_common_word_salads_are_not_paraphrases(engine):
    lines = common_word_lines(40, random_state=7)
    called = [_compare(engine, x, y).relation in DERIVED
              for x, y in zip(lines[::2], lines[1::2], strict=True)]
    assert not any(called)


def test_long_texts_are_left_to_the_relation_model(engine, seed_articles):
    result = engine.compare(seed_articles[NEWSWEEK], seed_articles[SPUN])
    assert not any("short texts" in r for r in result.reasons)


def test_the_short_text_model_survives_its_file_form():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, len(SHORT_TEXT_FEATURES)))
    y = (x[:, 0] > 0).astype(int)
    model = ShortTextClassifier(threshold=0.4).fit(x, y)
    again = ShortTextClassifier.from_dict(model.to_dict())
    np.testing.assert_allclose(again.predict_proba(x), model.predict_proba(x))
    assert again.threshold == 0.4


def test_a_model_file_without_it_still_loads():
    shipped = RelationModel.load()
    assert shipped.short_text is not None
    data = shipped.to_dict()
    del data["short_text"]
    assert RelationModel.from_dict(data).short_text is None


@pytest.mark.parametrize("probabilities", [
    {"copy": 0.0, "spun": 0.0, "same_story": 0.7, "unrelated": 0.3},
    {"copy": 0.2, "spun": 0.5, "same_story": 0.0, "unrelated": 0.0},
    {"copy": 0.25, "spun": 0.25, "same_story": 0.25, "unrelated": 0.25},
])
def test_short_verdict_probabilities_sum_to_one_even_when_a_side_had_none(probabilities):
    from analyzer.pairs.engine import short_verdict

    short = RelationModel.load().short_text
    for doc in (0.1, 0.95):
        features = dict.fromkeys(SHORT_TEXT_FEATURES, doc)
        relation, out, _ = short_verdict(short, features, probabilities)
        assert sum(out.values()) == pytest.approx(1.0, abs=1e-3)
        assert relation in out and out[relation] == max(out.values())


@pytest.mark.parametrize(("min_words", "anchors", "derived"), [
    (6, 0.0, False),   # a snippet of common words shares them by chance
    (6, 0.5, True),    # one that keeps a name or a number is judged by the model
    (20, 0.0, True),   # a full sentence is judged by the model whatever it shares
])
def test_short_snippets_must_share_something_specific(min_words, anchors, derived):
    from analyzer.pairs.engine import short_verdict

    short = RelationModel.load().short_text
    features = {**dict.fromkeys(SHORT_TEXT_FEATURES, 0.95), "anchor_containment": anchors}
    probabilities = {"copy": 0.1, "spun": 0.6, "same_story": 0.2, "unrelated": 0.1}
    relation, _, reasons = short_verdict(short, features, probabilities, min_words)
    assert (relation in DERIVED) is derived
    assert ("share no name, number or rare word" in reasons[0]) is (not derived)


def test_the_same_snippet_twice_is_a_copy(engine):
    from analyzer.analysis import analyze

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = [article_from_text("N\n\nCouncil vote budget school.", id=i) for i in ("x", "y")]
        analysis = analyze(articles, engine=engine, scores=False)
    assert analysis.pair("x", "y").relation == "copy"
