"""Fact extraction on the seeds, from the real spaCy model (loaded once for the module)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.article import Article
from analyzer.exceptions import ModelError
from analyzer.facts.extract import FACT_COLUMNS, KINDS, FactExtractor, quote_key
from analyzer.text.sentences import split_sentences

NEWSWEEK, SPUN, NYPOST, EXPRESS, INDEPENDENT = (
    "003_26342a6f18a9b02e", "000_d33e6d2f6bc58844", "001_faf92bcd485ea369",
    "002_5b78fe328c9e5e41", "004_4ab8a011891d9a26",
)


@pytest.fixture(scope="module")
def extractor() -> FactExtractor:
    return FactExtractor()


@pytest.fixture(scope="module")
def seed_facts(extractor, seed_articles) -> pd.DataFrame:
    return extractor.extract_many(list(seed_articles.values()))


def _quantities(facts: pd.DataFrame, article_id: str) -> pd.DataFrame:
    return facts[(facts.article_id == article_id) & (facts.kind == "quantity")]


# (article, value, unit, dimension, counted key or None, words the text must contain)
SEED_QUANTITIES = [
    (NEWSWEEK, 35, None, "count", "municipal deputy", "Thirty-five"),
    (NEWSWEEK, 1000, "mile", "length", "territory", "more than 1,000 miles"),
    (SPUN, 1000, "kilometer", "length", "territory", "more than 1,000 kilometers"),
    (SPUN, 35, None, "count", "metropolitan representative", "35"),
    (NYPOST, 18, None, "count", "municipality", "18 Russian municipalities"),
    (NYPOST, 84, None, "count", "deputy", "another 84 deputies"),
    (NYPOST, 2400, "square mile", "area", "territory", "close to 2,400 square miles"),
    (NYPOST, 15, "year", "time", "year", "up to 15 years"),
    (EXPRESS, 18, None, "count", "municipal district", "18 municipal districts"),
    (INDEPENDENT, 47, None, "count", "local official", "47"),
    (INDEPENDENT, 50, None, "count", "local official", "nearly 50"),
    (INDEPENDENT, 16400, None, "count", "detention", "more than 16,400 detentions"),
    (INDEPENDENT, 25, "kilometer", "length", "kilometer", "around 25 kilometers"),
]


@pytest.mark.parametrize(("article", "value", "unit", "dimension", "key", "text"), SEED_QUANTITIES)
def test_seed_quantities_with_what_they_count(seed_facts, article, value, unit, dimension, key, text):
    rows = _quantities(seed_facts, article)
    match = rows[(rows.value == value) & (rows.key == key)]
    assert len(match) >= 1, rows[["text", "value", "unit", "key"]].to_string()
    row = match.iloc[0]
    assert (row.unit, row.dimension) == (unit, dimension)
    assert text in row.text


def test_counted_phrase_keeps_modifiers_but_not_nationality(seed_facts):
    row = _quantities(seed_facts, NEWSWEEK).query("value == 35").iloc[0]
    assert row.counts == "municipal deputies"
    assert row.text == "Thirty-five Russian municipal deputies"


def test_the_spun_unit_change_is_visible_as_a_different_unit(seed_facts):
    territory = seed_facts[(seed_facts.kind == "quantity") & (seed_facts.dimension.isin(["length", "area"]))]
    units = {a: set(territory[territory.article_id == a].unit) for a in (NEWSWEEK, SPUN, NYPOST)}
    assert units == {NEWSWEEK: {"mile"}, SPUN: {"kilometer"}, NYPOST: {"square mile"}}


def test_dates_and_years_are_not_quantities(seed_facts):
    quantities = seed_facts[seed_facts.kind == "quantity"]
    assert not quantities.value.isin([24, 9, 2000]).any()


@pytest.mark.parametrize(
    ("article", "date"),
    [(NEWSWEEK, "february 24"), (NEWSWEEK, "monday"), (NEWSWEEK, "march"), (NYPOST, "september 9"),
     (SPUN, "spring")],
)
def test_seed_dates(seed_facts, article, date):
    dates = seed_facts[(seed_facts.article_id == article) & (seed_facts.kind == "date")]
    assert date in set(dates.key)
    assert dates.value.isna().all()


def test_deputy_name_spellings_resolve_to_one_person_across_seeds(seed_facts):
    people = seed_facts[seed_facts.kind == "person"]
    spellings = people[people.text.str.contains(r"T(?:h)?or|Tort", regex=True)]
    assert set(spellings.text) >= {"Ksenia Tortstrem", "Tortstem", "Ksenia Torstrom", "Ksenia Thorstrom"}
    assert spellings.key.nunique() == 1
    assert set(spellings.article_id) == {NEWSWEEK, SPUN, NYPOST, INDEPENDENT}


def test_palyuga_and_peskov_stay_apart(seed_facts):
    people = seed_facts[seed_facts.kind == "person"]
    palyuga = set(people[people.text.str.contains("Palyuga")].key)
    peskov = set(people[people.text.str.contains("Peskov")].key)
    assert palyuga == {"Dmitry Palyuga"}
    assert peskov == {"Dmitry Peskov"}


def test_putin_variants_are_one_person(seed_facts):
    people = seed_facts[seed_facts.kind == "person"]
    assert set(people[people.text.str.contains("Putin")].key) == {"Vladimir Putin"}


@pytest.mark.parametrize("junk", ["Smolninskoye", "Kharkiv", "Kherson", "Duma", "Monday"])
def test_place_names_mislabelled_as_people_are_not_people(seed_facts, junk):
    people = seed_facts[seed_facts.kind == "person"]
    assert junk not in set(people.text)


def test_one_word_people_mislabels_become_places_when_the_batch_says_so(seed_facts):
    places = seed_facts[(seed_facts.kind == "place") & (seed_facts.article_id == SPUN)]
    assert "kherson" in set(places.key)


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (EXPRESS, "The decision was supported by the majority", "Dmitry Palyuga"),
        (EXPRESS, "Deputies from 18 municipal districts", "Ana Cabrera"),
        (INDEPENDENT, "My colleagues and I wanted", "Ksenia Tortstrem"),
        (INDEPENDENT, "That’s not insignificant", "John Kirby"),
        (NYPOST, "The text of the petition is laconic", "Ksenia Tortstrem"),
        (NEWSWEEK, "We demand the resignation", None),
    ],
)
def test_quote_speakers(seed_facts, article, fragment, speaker):
    quotes = seed_facts[(seed_facts.article_id == article) & (seed_facts.kind == "quote")]
    match = quotes[quotes.text.str.startswith(fragment)]
    assert len(match) == 1, quotes.text.tolist()
    assert match.iloc[0].speaker == speaker


def test_quote_text_drops_the_attribution_and_key_is_lower_case_words(seed_facts):
    quotes = seed_facts[(seed_facts.article_id == NEWSWEEK) & (seed_facts.kind == "quote")]
    row = quotes[quotes.text.str.startswith("We, the municipal deputies")].iloc[0]
    assert "the petition reads" not in row.text
    assert row.key.startswith("we the municipal deputies of russia believe")


def test_facts_inside_a_quote_carry_its_speaker(seed_facts):
    row = _quantities(seed_facts, EXPRESS).query("value == 18 and counts == 'municipal districts'").iloc[0]
    assert row.speaker == "Ana Cabrera"


def test_sentence_index_is_the_split_sentences_numbering(seed_facts, seed_articles):
    assert len(seed_facts) > 200
    for article_id, rows in seed_facts.groupby("article_id"):
        sentences = split_sentences(seed_articles[article_id].text)
        for row in rows.itertuples():
            assert row.sentence == sentences[row.sentence_index].text
            if row.kind != "quote":
                assert row.text in row.sentence


def test_table_shape_and_order(seed_facts, seed_articles):
    assert list(seed_facts.columns) == FACT_COLUMNS
    assert set(seed_facts.kind) == set(KINDS)
    assert seed_facts.value.dtype == "float64"
    assert list(dict.fromkeys(seed_facts.article_id)) == list(seed_articles)
    for _, rows in seed_facts.groupby("article_id"):
        assert rows.sentence_index.is_monotonic_increasing


def test_extraction_is_deterministic_and_per_article_matches_batch(extractor, seed_articles, seed_facts):
    again = extractor.extract_many(list(seed_articles.values()))
    pd.testing.assert_frame_equal(again, seed_facts)
    alone = extractor.extract(seed_articles[NEWSWEEK])
    in_batch = _quantities(seed_facts, NEWSWEEK).reset_index(drop=True)
    pd.testing.assert_frame_equal(alone[alone.kind == "quantity"].reset_index(drop=True), in_batch)


def test_skipped_and_empty_articles_give_an_empty_table(extractor):
    skipped = Article(id="s", text="Thirty-five deputies signed.", status="skipped", reason="test")
    frame = extractor.extract_many([skipped, Article(id="e", text="")])
    assert frame.empty
    assert list(frame.columns) == FACT_COLUMNS


def test_missing_model_names_the_install_command():
    with pytest.raises(ModelError, match=r"install it with: pip install en-core-web-nope-xyz$"):
        FactExtractor("en_core_web_nope_xyz")


def test_quote_key_ignores_case_and_punctuation():
    assert quote_key("“We demand,” — Putin’s RESIGNATION!") == quote_key("we demand putin's resignation")


_FRAGMENTS = st.sampled_from(
    ["Putin", " said", " 1,000 miles", " Ms ", " who ", "Thirty-five", "-year-old", "“", "”", '"',
     "(so far, it’s 47)", "\n\n", ". ", "$", "%", "é", "\u0301", "\x00", " Tortstem", "St. ", "1990s"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(_FRAGMENTS, max_size=40).map("".join)))
def test_extract_never_raises_on_arbitrary_text(extractor, text):
    frame = extractor.extract(Article(id="x", text=text))
    assert list(frame.columns) == FACT_COLUMNS
    assert set(frame.kind) <= set(KINDS)
    n_sentences = len(split_sentences(text)) if text.strip() else 0
    assert all(0 <= i < n_sentences for i in frame.sentence_index)
    assert all(math.isnan(v) for v in frame[frame.kind != "quantity"].value)
