import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.pairs.substitutions import collect_differences, diff_sentences

MILES = ("In recent weeks, Ukraine has gone on the offensive near Kherson, taking back more than "
         "1,000 miles of formerly occupied territory.")
KILOMETERS = ("Near Kherson, Ukraine has just begun an offensive to recapture more than "
              "1,000 kilometers of previously held territory.")


def test_unit_drift_is_a_changed_fact_not_a_synonym():
    subs, facts = diff_sentences(MILES, KILOMETERS)
    assert [(f.original, f.changed, f.what) for f in facts] == [
        ("1,000 miles", "1,000 kilometers", "unit")]
    assert ("formerly occupied", "previously held") in [(s.original, s.replacement) for s in subs]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("The municipal deputies signed it.", "The metropolitan representatives signed it.",
         ("municipal deputies", "metropolitan representatives", "phrase")),
        ("A strong defense effort.", "A tenacious defense effort.", ("strong", "tenacious", "word")),
    ],
)
def test_synonym_swaps_are_substitutions(a, b, expected):
    subs, facts = diff_sentences(a, b)
    assert [(s.original, s.replacement, s.kind) for s in subs] == [expected]
    assert facts == []


def test_changed_number_is_a_fact():
    _, facts = diff_sentences("It was signed by 35 deputies.", "It was signed by 47 deputies.")
    assert [(f.original, f.changed, f.what) for f in facts] == [("35", "47", "number")]


def test_number_written_out_is_not_a_change():
    _, facts = diff_sentences("Thirty-five deputies signed.", "35 deputies signed.")
    assert facts == []


def test_identical_sentences_have_no_differences():
    subs, facts = collect_differences([(0, 0, MILES, MILES)])
    assert subs.empty and facts.empty
    assert list(subs.columns) == ["a_index", "b_index", "original", "replacement", "kind"]


@given(st.text(alphabet="ab c1,.", max_size=40), st.text(alphabet="ab c1,.", max_size=40))
def test_swapping_sentences_swaps_the_differences(a, b):
    subs_ab, facts_ab = diff_sentences(a, b)
    subs_ba, facts_ba = diff_sentences(b, a)
    assert [(s.original, s.replacement) for s in subs_ab] == [(s.replacement, s.original) for s in subs_ba]
    assert [(f.original, f.changed) for f in facts_ab] == [(f.changed, f.original) for f in facts_ba]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Officials in the United States agreed on Monday.", "Officials in the US agreed on Monday."),
        ("Officials in the United States agreed on Monday.", "Officials in the U.S. agreed on Monday."),
        ("It would cost $3 million according to the agency.", "It would cost $3 million as per the agency."),
        ("About 35 people said the agency was late.", "About 35 people stated the agency was late."),
    ],
    ids=["initials", "dotted initials", "rewording around a number", "verb after a number"],
)
def test_rewordings_and_abbreviations_are_not_changed_facts(a, b):
    _, facts = diff_sentences(a, b)
    assert facts == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Up to 14 inches of snow fell on Ohio.", "Up to 14 centimeters of snow fell on Ohio.",
         ("14 inches", "14 centimeters", "unit")),
        ("About 35 people died in the fire.", "About 53 people died in the fire.", ("35", "53", "number")),
        ("Officials met Emmanuel Macron in Paris.", "Officials met Olaf Scholz in Paris.",
         ("Emmanuel Macron", "Olaf Scholz", "name")),
    ],
    ids=["unit swap", "number", "another person"],
)
def test_real_changes_of_fact_are_kept(a, b, expected):
    _, facts = diff_sentences(a, b)
    assert [(f.original, f.changed, f.what) for f in facts] == [expected]
