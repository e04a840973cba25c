"""Scores on the seeds, from the real pipeline (truth.json's facts_that_differ)."""

import pytest

from tests.conftest import NEWSWEEK, SPUN

POST_COPY, EXPRESS, INDEPENDENT = ("001_faf92bcd485ea369", "002_5b78fe328c9e5e41",
                                   "004_4ab8a011891d9a26")


def scores(analysis):
    return analysis.articles.set_index("id")


def test_spun_copy_is_least_original_and_newsweek_among_most(seed_analysis):
    originality = scores(seed_analysis)["originality"]
    assert originality.idxmin() == SPUN
    assert originality[SPUN] < 20
    assert originality[NEWSWEEK] == originality.max()


def test_originality_rests_on_listed_sentences(seed_analysis):
    derived = seed_analysis.derived
    spun_rows = derived[derived["article_id"] == SPUN]
    assert set(spun_rows["source_id"]) == {NEWSWEEK}
    assert len(spun_rows) >= 15
    assert NEWSWEEK not in set(derived["article_id"])


def test_unit_drift_of_the_spun_copy_is_listed(seed_analysis):
    disc = seed_analysis.discrepancies
    drift = disc[disc["kind"] == "unit drift"]
    assert len(drift) == 1
    values = drift.iloc[0]["values"]
    assert any("1,000 kilometers" in v for v in values[SPUN])
    assert any("1,000 miles" in v for v in values[NEWSWEEK])


def test_signatory_counts_are_listed_with_what_each_counts(seed_analysis):
    disc = seed_analysis.discrepancies
    counts = disc[(disc["kind"] == "disagreement")]
    row = next(r for r in counts.itertuples() if NEWSWEEK in r.values and INDEPENDENT in r.values)
    flat = {a: " | ".join(v) for a, v in row.values.items()}
    assert "Thirty-five Russian municipal deputies" in flat[NEWSWEEK]
    assert "18" in flat[EXPRESS] and "districts" in flat[EXPRESS]
    assert "84 deputies" in flat[POST_COPY] and "18 Russian municipalities" in flat[POST_COPY]
    assert "47" in flat[INDEPENDENT]
    assert "counts of different things" in row.note


def test_name_spellings_resolve_to_one_person(seed_analysis):
    disc = seed_analysis.discrepancies
    spelling = disc[disc["kind"] == "spelling"]
    assert len(spelling) == 1
    forms = {f.split()[-1] for forms in spelling.iloc[0]["values"].values() for f in forms}
    assert {"Tortstrem", "Torstrom", "Thorstrom"} <= forms


def test_spun_copy_credits_another_outlet_than_its_origin(seed_analysis):
    row = seed_analysis.attribution.set_index("article_id").loc[SPUN]
    assert row["verdict"] == "credits another outlet"
    assert row["origin_outlet"] == "Newsweek"
    assert "Opera News" in row["credits"]
    assert scores(seed_analysis).loc[NEWSWEEK, "attribution"] == "original"
    assert scores(seed_analysis).loc[POST_COPY, "attribution"] == "declares an origin"


def test_spun_copys_source_is_least_reliable_and_each_component_is_shown(seed_analysis):
    sources = seed_analysis.sources.set_index("source")
    assert sources["reliability"].idxmin() == "Opera News"
    assert sources.loc["Opera News", "attribution"] == 0
    assert sources.loc["Newsweek", "reliability"] > sources.loc["Opera News", "reliability"] + 50
    assert sources["uncertainty"].str.contains("one article").all()


def test_the_five_seeds_are_one_story(seed_analysis):
    assert seed_analysis.stories["n_articles"].tolist() == [5]


@pytest.mark.parametrize("column", ["originality", "consistency", "text_quality"])
def test_article_scores_stay_in_range(seed_analysis, column):
    values = scores(seed_analysis)[column].dropna()
    assert values.between(0, 100).all()
