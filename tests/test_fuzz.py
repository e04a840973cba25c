"""Property-based fuzzing of the whole path: ingest, sentences, the pair engine, the scores.

Only the project's documented errors may escape; scores stay in range;
``compare`` is symmetric. Texts are built from news-like words, quotes,
numbers, odd Unicode and markup, so the engine meets both prose and junk.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.article import Article
from analyzer.exceptions import AnalyzerError
from analyzer.ingest.from_text import article_from_text
from analyzer.text.sentences import split_sentences

WORDS = ("the council said mayor Putin NATO 1,000 miles kilometers 35 deputies Kherson resign "
         "petition war officials Monday \u201cquoted\u201d \"said\" Mr. St. U.S. <b>bold</b> "
         "&amp; \u00e9t\u00e9 \u0434\u0435\u043f\u0443\u0442\u0430\u0442 \u6c34 \U0001f600 \u200b").split()
PUNCT = st.sampled_from([" ", " ", " ", ". ", ", ", "\n\n", "? ", "! ", " - ", "\u2026 "])
prose = st.lists(st.tuples(st.sampled_from(WORDS), PUNCT), min_size=0, max_size=120).map(
    lambda parts: "".join(w + p for w, p in parts))
junk = st.text(max_size=300)
texts = st.one_of(prose, prose, junk)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _article(text: str, art_id: str) -> Article:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return article_from_text(text, id=art_id)


@FAST
@given(texts)
def test_ingest_of_any_text_gives_an_article_with_a_status(text: str) -> None:
    article = _article(text, "x")
    assert article.status in ("ok", "skipped")
    assert article.ok or article.reason
    assert not article.ok or article.text.strip()


@FAST
@given(texts)
def test_sentences_cover_only_the_text(text: str) -> None:
    for sentence in split_sentences(text):
        assert sentence.text.strip()
        assert sentence.text in text or " ".join(sentence.text.split()) in " ".join(text.split())


@SLOW
@given(texts, texts)
def test_compare_never_raises_outside_the_documented_errors_and_is_symmetric(engine, a: str, b: str) -> None:
    first, second = _article(a, "a"), _article(b, "b")
    try:
        ab = engine.compare(first, second)
    except AnalyzerError:
        return
    ba = engine.compare(second, first)
    assert ab.relation == ba.relation
    assert 0.0 <= ab.spin_probability <= 1.0
    assert ab.spin_probability == pytest.approx(ba.spin_probability, abs=1e-9)
    assert ab.original_id == ba.original_id
    assert sum(ab.probabilities.values()) == pytest.approx(1.0, abs=1e-3)  # rounded to 4 places


@SLOW
@given(st.lists(texts, min_size=1, max_size=4))
def test_scores_stay_in_range_and_every_input_is_listed(engine, bodies: list[str]) -> None:
    from analyzer.analysis import analyze

    articles = [_article(body, f"n{i}") for i, body in enumerate(bodies)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = analyze(articles, engine=engine)
    except AnalyzerError:
        assert not any(a.ok for a in articles)
        return
    assert sorted(result.articles["id"]) == sorted(a.id for a in articles)
    scored = result.articles[result.articles["status"] == "ok"]
    for column in ("originality", "consistency", "text_quality"):
        assert scored[column].dropna().between(0, 100).all(), column
    for column in ("originality", "consistency", "attribution", "text_quality", "reliability"):
        assert result.sources[column].dropna().between(0, 100).all(), column
    assert result.pairs["spin_probability"].between(0, 1).all()
