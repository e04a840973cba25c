"""Quantities of single sentences, from the real spaCy model (loaded once for the module)."""

from __future__ import annotations

import pytest

from analyzer.facts.extract import load_pipeline
from analyzer.facts.quantities import find_quantities, value_interval


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "dimension", "text"),
    [
        ("He paid $5 million for it.", 5e6, "USD", "money", "$5 million"),
        ("Prices rose 12% this year.", 12, "percent", "percentage", "12%"),
        ("A 45-year-old man was detained.", 45, "year", "age", "45-year-old"),
        ("About 3.5 million people watched.", 3.5e6, None, "count", "About 3.5 million people"),
        ("They walked 30 km to the border.", 30, "kilometer", "length", "30 km"),
        ("Russia holds close to 2,400 square miles of territory.", 2400, "square mile", "area",
         "close to 2,400 square miles"),
        # A unit missing from the table is read as a counted noun (the documented limit).
        ("The horse ran 5 furlongs.", 5, None, "count", "5 furlongs"),
    ],
)
def test_quantity_units(nlp, sentence, value, unit, dimension, text):
    found, _ = find_quantities(nlp(sentence))
    assert [(q.value, q.unit, q.dimension, q.text) for q in found] == [(value, unit, dimension, text)]


@pytest.mark.parametrize(
    "sentence",
    ["The war began six months ago.", "He has led Russia since 2000.", "It happened on February 24.",
     "She is one of the officials.", "The Apollo 11 crew landed."],
)
def test_not_quantities(nlp, sentence):
    assert find_quantities(nlp(sentence))[0] == []


def test_a_duration_consumes_its_date_entity(nlp):
    doc = nlp("He faces up to 15 years in prison.")
    found, consumed = find_quantities(doc)
    assert [(q.text, q.unit, q.dimension) for q in found] == [("up to 15 years", "year", "time")]
    assert consumed == {ent.start for ent in doc.ents if ent.label_ == "DATE"} != set()


def test_a_restated_count_takes_the_counted_noun_it_restates(nlp):
    found, _ = find_quantities(nlp("Nearly 50 local officials in Russia (so far, it's 47) signed."))
    assert [(q.text, q.value, q.key) for q in found] == [
        ("Nearly 50 local officials", 50, "local official"),
        ("47", 47, "local official"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "interval"),
    [
        ("$3.5 million", 3.5e6, (3.5e6, 3.5e6)),
        ("exceed $3 million", 3e6, (3e6, float("inf"))),
        ("More than 170 loaves", 170, (170, float("inf"))),
        ("up to 40 people", 40, (float("-inf"), 40)),
        ("nearly 50 local officials", 50, (42.5, 50)),
        ("about 100 protesters", 100, (90, 110)),
        ("another 84 deputies", 84, (84, 84)),  # an increment states its number
    ],
)
def test_value_interval_reads_bounds_and_approximations(text, value, interval):
    low, high = value_interval(text, value)
    assert (low, high) == pytest.approx(interval)


def test_a_verb_of_excess_stays_with_its_number(nlp):
    found, _ = find_quantities(nlp("The damage might exceed $3 million, officials said."))
    assert [q.text for q in found] == ["exceed $3 million"]
