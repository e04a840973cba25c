"""Name resolution: spellings of one person merge, different people stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.facts.names import clean_name, entity_key, given_compatible, resolve_names, surname_similar

# Every person mention the seeds make, as spaCy and the sentence splitter write them.
SEED_NAMES = [
    "Ksenia Tortstrem", "Ksenia Tortstrem", "Tortstem", "Tortstem", "Ksenia Torstrom", "Torstrom",
    "Ksenia Thorstrom", "Thorstrom", "Vladimir Putin", "Vladimir Putin", "Vladimir Putin", "Putin",
    "Putin", "Vladimir Vladimirovich Putin", "Vladimir Putin’s", "Dmitry Palyuga", "Mr Palyuga",
    "Palyuga", "Dmitry Peskov", "Nikita Yurefev", "Yurefev", "Ana Cabrera", "Ms Cabrera",
    "Frederik Pleitgen", "John Kirby", "Kirby", "Volodymyr Zelensky",
]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Moscow Deputy Ksenia Torstrom", "Ksenia Torstrom"),
        ("Vladimir Putin’s", "Vladimir Putin"),
        ("Ms Cabrera", "Cabrera"),
        ("Prime Minister John Major", "John Major"),
        ("John Major", "John Major"),
        ("  Dmitry   Peskov ", "Dmitry Peskov"),
        ("Mr", "Mr"),
    ],
)
def test_clean_name_drops_titles_and_possessives(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize(
    ("a", "b"),
    [("tortstrem", "tortstem"), ("tortstrem", "torstrom"), ("torstrom", "thorstrom"),
     ("tortstrem", "thorstrom"), ("zelensky", "zelenskyy"), ("johnson", "jonson")],
)
def test_spelling_variants_are_similar_surnames(a, b):
    assert surname_similar(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("palyuga", "peskov"), ("putin", "pushkin"), ("peskov", "pestov"), ("kirby", "kirov"),
     ("cabrera", "cabral"), ("biden", "bidel"), ("lee", "li")],
)
def test_different_surnames_are_not_similar(a, b):
    assert not surname_similar(a, b)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [("dmitry", "dmitri", True), ("ksenia", "kseniya", True), ("j", "john", True),
     ("vladimir", "volodymyr", False), ("hunter", "joe", False)],
)
def test_given_name_compatibility(a, b, compatible):
    assert given_compatible(a, b) is compatible


def test_seed_spellings_of_the_st_petersburg_deputy_resolve_to_one_person():
    mapping = resolve_names(SEED_NAMES)
    variants = [
        "Ksenia Tortstrem", "Tortstem", "Ksenia Torstrom", "Torstrom", "Ksenia Thorstrom", "Thorstrom",
    ]
    assert {mapping[v] for v in variants} == {"Ksenia Tortstrem"}


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [("Putin", "Vladimir Putin"), ("Vladimir Vladimirovich Putin", "Vladimir Putin"),
     ("Vladimir Putin’s", "Vladimir Putin"), ("Mr Palyuga", "Dmitry Palyuga"),
     ("Ms Cabrera", "Ana Cabrera"), ("Kirby", "John Kirby"), ("Yurefev", "Nikita Yurefev")],
)
def test_seed_variants_resolve_to_the_most_frequent_full_form(variant, canonical):
    assert resolve_names(SEED_NAMES)[variant] == canonical


def test_people_sharing_a_first_name_stay_apart():
    mapping = resolve_names(SEED_NAMES)
    assert mapping["Dmitry Palyuga"] != mapping["Dmitry Peskov"]
    assert len(set(mapping.values())) == 9


def test_bare_surname_joins_the_more_frequent_of_two_people():
    mapping = resolve_names(["Joe Biden", "Joe Biden", "Hunter Biden", "Biden"])
    assert mapping == {"Joe Biden": "Joe Biden", "Hunter Biden": "Hunter Biden", "Biden": "Joe Biden"}


def test_canonical_is_the_most_frequent_full_form_not_the_first_seen():
    mapping = resolve_names(["Ksenia Thorstrom", "Ksenia Tortstrem", "Ksenia Tortstrem"])
    assert mapping["Ksenia Thorstrom"] == "Ksenia Tortstrem"


def test_names_without_letters_map_to_themselves():
    assert resolve_names(["", "  ", "123"]) == {"": "", "  ": "  ", "123": "123"}


@pytest.mark.parametrize(
    ("text", "key"),
    [("St. Petersburg's", "st petersburg"), ("the Russian Federation", "russian federation"),
     ("Kyiv’s", "kyiv"), ("February  24", "february 24")],
)
def test_entity_key_normalises_spelling(text, key):
    assert entity_key(text) == key


_NAME_WORD = st.sampled_from(
    ["Ksenia", "Tortstrem", "Torstrom", "Thorstrom", "Tortstem", "Vladimir", "Putin", "Dmitry",
     "Peskov", "Palyuga", "Mr", "Deputy", "Joe", "Biden", "Hunter", "J.", "Putin’s", "é", "", "1"]
)
_NAMES = st.lists(
    st.one_of(st.lists(_NAME_WORD, min_size=1, max_size=3).map(" ".join), st.text(max_size=12)),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(_NAMES)
def test_resolve_names_is_idempotent(names):
    mapping = resolve_names(names)
    assert set(mapping) == set(names)
    again = resolve_names(list(mapping.values()))
    assert all(again[canonical] == canonical for canonical in mapping.values())


@settings(max_examples=200, deadline=None)
@given(_NAMES, st.randoms(use_true_random=False))
def test_resolve_names_does_not_depend_on_order(names, rng):
    shuffled = list(names)
    rng.shuffle(shuffled)
    assert resolve_names(shuffled) == resolve_names(names)
