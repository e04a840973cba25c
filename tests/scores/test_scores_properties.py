"""Properties of the scores: ranges, input order, independence from other stories."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.analysis import analyze
from analyzer.article import Article
from analyzer.scores.reliability import source_table
from analyzer.scores.stories import group_stories

UNRELATED = Article(
    id="zz-bakery",
    text=(
        "A family bakery in Lyon has won the national prize for the best baguette.\n\n"
        "The jury tasted more than 170 loaves before choosing the winner on Tuesday. "
        "The baker, who opened the shop in 1998, said the secret was a long, cold fermentation.\n\n"
        "The prize comes with a contract to supply the presidential palace for a year. "
        "Customers queued around the block on Wednesday morning to buy the winning bread."
    ),
)
SCORE_COLUMNS = ["originality", "consistency", "text_quality", "attribution", "story"]


def comparable(analysis, ids=None):
    table = analysis.articles.set_index("id")[SCORE_COLUMNS]
    return table.loc[sorted(ids or table.index)]


@pytest.fixture(scope="module")
def seed_list(seed_articles):
    return [seed_articles[k] for k in sorted(seed_articles)]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(5)))
def test_scores_do_not_depend_on_input_order(engine, seed_list, seed_analysis, order):
    shuffled = analyze([seed_list[i] for i in order], engine=engine)
    pd.testing.assert_frame_equal(comparable(shuffled), comparable(seed_analysis))
    pd.testing.assert_frame_equal(
        shuffled.sources.set_index("source").sort_index().drop(columns="articles"),
        seed_analysis.sources.set_index("source").sort_index().drop(columns="articles"))


def test_an_unrelated_article_changes_no_other_storys_scores(engine, seed_list, seed_analysis):
    with_other = analyze([*seed_list, UNRELATED], engine=engine)
    ids = [a.id for a in seed_list]
    pd.testing.assert_frame_equal(comparable(with_other, ids), comparable(seed_analysis, ids))
    assert with_other.articles.set_index("id").loc[UNRELATED.id, "story"] != \
        with_other.articles.set_index("id").loc[ids[0], "story"]
    assert with_other.pair(UNRELATED.id, ids[0]).relation == "unrelated"


@given(st.lists(st.floats(0, 1), min_size=6, max_size=6))
def test_story_grouping_is_order_independent(probabilities):
    ids = ["a", "b", "c", "d"]
    pairs = [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]
    same = dict(zip(pairs, probabilities, strict=True))
    forward = group_stories(ids, same)
    backward = group_stories(ids[::-1], {(b, a): p for (a, b), p in same.items()})
    assert forward == backward


component = st.one_of(st.floats(0, 100), st.just(np.nan))


@given(st.lists(st.tuples(st.sampled_from(["x", "y", "z"]), component, component,
                          st.sampled_from([0.0, 100.0]), component), min_size=1, max_size=12))
def test_reliability_stays_in_range_and_names_missing_evidence(rows):
    frame = pd.DataFrame(
        [{"article_id": f"a{k}", "source": s, "originality": o, "consistency": c,
          "attribution": at, "text_quality": q} for k, (s, o, c, at, q) in enumerate(rows)])
    table = source_table(frame)
    assert table["reliability"].dropna().between(0, 100).all()
    for row in table.itertuples():
        if np.isnan(row.consistency):
            assert "no consistency evidence" in row.uncertainty
        assert row.n_articles == (frame["source"] == row.source).sum()
