"""Spec of the spinner: deterministic, heavy where asked, and careful with names, numbers, quotes."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.exceptions import ModelError
from analyzer.training.spin.run import SpinResult
from analyzer.training.spin.spinner import Spinner
from analyzer.training.spin.synonyms import inflect_word
from analyzer.training.spin.wordnet import WORDNET_DIR_ENV, WordNet
from tests.texts import NEWS, PLAIN

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def wordnet() -> WordNet:
    return WordNet()


def names_in(text: str) -> set[str]:
    """Capitalised words inside sentences (not first in a sentence or line)."""
    names = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        for word in WORD.findall(sentence)[1:]:
            if word[0].isupper():
                names.add(re.sub(r"['’]s\Z", "", word))
    return names


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_same_seed_gives_the_same_spin(wordnet):
    first = Spinner(0.6, double_spin=True, wordnet=wordnet, random_state=3).spin(NEWS)
    second = Spinner(0.6, double_spin=True, wordnet=wordnet, random_state=3).spin(NEWS)
    assert first == second
    assert Spinner(0.6, wordnet=wordnet).spin(NEWS) == Spinner(0.6, wordnet=wordnet).spin(NEWS)


def test_different_seeds_give_different_spins(wordnet):
    texts = {Spinner(0.5, wordnet=wordnet, random_state=seed).spin(NEWS).text for seed in range(4)}
    assert len(texts) == 4


def test_spin_changes_the_text_heavily_at_high_rates(wordnet):
    result = Spinner(0.9, wordnet=wordnet).spin(PLAIN)
    before, after = PLAIN.lower().split(), result.text.lower().split()
    fivegrams = {tuple(before[i : i + 5]) for i in range(len(before) - 4)}
    kept = fivegrams & {tuple(after[i : i + 5]) for i in range(len(after) - 4)}
    assert len(kept) / len(fivegrams) < 0.25
    assert any(op.startswith("synonym_swap:") for op in result.operations)


@pytest.mark.parametrize("text", [NEWS, PLAIN, "One line only", "  padded  \n\n\n  text  "])
def test_rate_zero_changes_nothing_but_whitespace(wordnet, text):
    result = Spinner(0, reorder=0, fact_drift=0, wordnet=wordnet).spin(text)
    assert result.text.split() == text.split()
    assert result.substitutions == result.facts_changed == result.operations == ()


@pytest.mark.parametrize("seed", range(6))
def test_names_and_numbers_survive_except_recorded_facts(wordnet, seed):
    result = Spinner(0.7, reorder=0.5, fact_drift=1.0, wordnet=wordnet, random_state=seed).spin(PLAIN)
    changed = " ".join(original for original, _ in result.facts_changed)
    for name in names_in(PLAIN):
        assert name in result.text or name in changed, name
    for number in NUMBER.findall(PLAIN):
        assert number in result.text or number in changed, number
    assert result.facts_changed, "fact_drift=1.0 always finds a fact in PLAIN"


def test_fact_drift_swaps_units_and_records_it(wordnet):
    facts = set()
    for seed in range(12):
        result = Spinner(0.3, fact_drift=1.0, wordnet=wordnet, random_state=seed).spin(PLAIN)
        for original, drifted in result.facts_changed:
            assert original in PLAIN
            assert drifted in result.text
        facts.update(result.facts_changed)
    assert ("1,000 miles", "1,000 kilometers") in facts


def test_acronyms_are_sometimes_expanded_wrongly(wordnet):
    errors = [
        fact
        for seed in range(20)
        for fact in Spinner(1.0, fact_drift=0, wordnet=wordnet, random_state=seed).spin(NEWS).facts_changed
    ]
    assert ("North Atlantic Treaty Organization", "North Atlantic Treaty Organization") not in errors
    assert any(original in ("NATO", "North Atlantic Treaty Organization") for original, _ in errors)


@pytest.mark.parametrize("seed", range(5))
def test_recorded_substitutions_occur_in_the_output(wordnet, seed):
    result = Spinner(0.8, reorder=0.5, double_spin=True, wordnet=wordnet, random_state=seed).spin(NEWS)
    assert result.substitutions
    text = result.text.lower()
    for original, replacement in result.substitutions:
        assert replacement.lower() in text, (original, replacement)
        assert original.lower() != replacement.lower()


def test_quotations_are_kept_when_no_leak_is_allowed(wordnet):
    for seed in range(5):
        result = Spinner(1.0, quote_leak=0, wordnet=wordnet, random_state=seed).spin(NEWS)
        assert '"discredit"' in result.text


def test_double_spin_repeats_the_opening_paragraphs(wordnet):
    unspun = Spinner(0, reorder=0, fact_drift=0, double_spin=True, wordnet=wordnet).spin(PLAIN)
    original = paragraphs(PLAIN)
    out = paragraphs(unspun.text)
    repeated = len(out) - len(original)
    assert 1 <= repeated <= 3
    assert out[:repeated] == out[repeated : 2 * repeated] == original[:repeated]
    assert f"double_spin:{repeated}" in unspun.operations


@pytest.mark.parametrize("seed", range(3))
def test_double_spin_spins_the_repeats_two_different_ways(wordnet, seed):
    result = Spinner(0.6, double_spin=True, wordnet=wordnet, random_state=seed).spin(PLAIN)
    (op,) = [op for op in result.operations if op.startswith("double_spin:")]
    repeated = int(op.split(":")[1])
    out = paragraphs(result.text)
    assert len(out) == len(paragraphs(PLAIN)) + repeated
    assert out[:repeated] != out[repeated : 2 * repeated]


def test_paragraph_breaks_are_kept(wordnet):
    result = Spinner(0.5, reorder=0.5, wordnet=wordnet).spin(PLAIN.replace("\n\n", "\n \n"))
    assert len(paragraphs(result.text)) == len(paragraphs(PLAIN))
    assert "\n\n\n" not in result.text


def test_constructor_only_stores_its_arguments():
    spinner = Spinner(0.4, double_spin=True, reorder=0.2, fact_drift=0.1, random_state=7)
    assert (spinner.rate, spinner.double_spin, spinner.reorder, spinner.fact_drift) == (
        0.4,
        True,
        0.2,
        0.1,
    )
    assert spinner.wordnet is None
    assert spinner.random_state == 7


@pytest.mark.parametrize(("name", "value"), [("rate", 1.5), ("reorder", -0.1), ("fact_drift", 2)])
def test_probabilities_outside_zero_one_are_rejected(wordnet, name, value):
    spinner = Spinner(wordnet=wordnet)
    setattr(spinner, name, value)
    with pytest.raises(ValueError, match=rf"Spinner {name}={value}: expected a probability in"):
        spinner.spin(NEWS)


def test_spin_without_wordnet_files_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv(WORDNET_DIR_ENV, str(tmp_path))
    with pytest.raises(ModelError, match="Install Debian's 'wordnet-base' package"):
        Spinner().spin(NEWS)


@pytest.mark.parametrize(
    ("word", "pos", "form", "expected"),
    [
        ("city", "n", "s", "cities"),
        ("workman", "n", "s", "workmen"),
        ("win", "v", "ed", "won"),
        ("take", "v", "ed", "took"),
        ("take", "v", "pp", "taken"),
        ("set", "v", "ed", "set"),
        ("stop", "v", "ing", "stopping"),
        ("retake", "v", "ing", "retaking"),
        ("go", "v", "s", "goes"),
        ("recapture", "v", "ed", "recaptured"),
    ],
)
def test_replacements_are_inflected_like_the_word_they_replace(wordnet, word, pos, form, expected):
    assert inflect_word(word, pos, form, wordnet) == expected


def test_empty_text_spins_to_empty(wordnet):
    assert Spinner(wordnet=wordnet).spin("") == SpinResult(text="")
    assert Spinner(wordnet=wordnet).spin(" \n\n ").text == ""


VOCABULARY = [
    "the", "a", "officials", "said", "Putin", "resign", "1,000", "miles", "35", "NATO",
    "Kremlin", "victory", "taking", "back", "according", "to", "has", "passed", "by", "law",
    ",", ".", "!", "?", '"', "“", "”", "'", "’s", "-", "(", ")", "\n", "\n\n", "U.S.", "In",
    "recent", "weeks", "North", "Atlantic", "Treaty", "Organization", "Getty", "Images", "By",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_spin_never_raises_on_arbitrary_text(wordnet, text):
    result = Spinner(0.9, double_spin=True, reorder=0.9, fact_drift=1.0, wordnet=wordnet).spin(text)
    assert isinstance(result.text, str)
    if text.strip():
        assert result.text.strip()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(VOCABULARY), max_size=80), st.integers(0, 2**16))
def test_spin_never_raises_on_word_salad(wordnet, words, seed):
    text = " ".join(words)
    result = Spinner(
        1.0, double_spin=True, reorder=1.0, fact_drift=1.0, wordnet=wordnet, random_state=seed
    ).spin(text)
    if text.strip():
        assert result.text.strip()
    for _, replacement in result.substitutions:
        assert replacement.lower() in result.text.lower()
