"""Spec of the WordNet reader: synonyms, base forms, inflections, clear errors.

Needs Debian's ``wordnet-base`` (CI installs it). Without it these tests fail
with the reader's own message naming the package, on purpose: no skips.
"""

from __future__ import annotations

import pytest

from analyzer.exceptions import AnalyzerError, ModelError
from analyzer.training.spin.wordnet import WORDNET_DIR_ENV, WordNet


@pytest.fixture(scope="module")
def wordnet() -> WordNet:
    return WordNet()


@pytest.mark.parametrize(
    ("lemma", "pos", "expected"),
    [
        ("victory", "n", {"triumph", "win"}),
        ("dissent", "v", {"disagree", "differ"}),
        ("take back", "v", {"return", "recapture", "retract", "repossess"}),
        ("take_back", "v", {"return", "recapture", "retract", "repossess"}),
        ("large", "a", {"big"}),
        ("quickly", "r", {"rapidly", "speedily"}),
        ("say", "v", {"state", "tell"}),
    ],
)
def test_synonyms_include_known_ones(wordnet, lemma, pos, expected):
    synonyms = wordnet.synonyms(lemma, pos)
    assert expected & set(synonyms)
    assert lemma.replace("_", " ") not in synonyms


def test_synonyms_come_first_sense_first(wordnet):
    by_sense = wordnet.synonyms_by_sense("victory", "n")
    assert by_sense[0] == ("triumph",)
    assert wordnet.synonyms("victory", "n", max_senses=1) == ("triumph",)


def test_unknown_lemma_has_no_synonyms(wordnet):
    assert wordnet.synonyms("qwzxvbnm", "n") == ()
    assert wordnet.sense_count("qwzxvbnm", "n") == 0
    assert not wordnet.has_lemma("qwzxvbnm", "n")


@pytest.mark.parametrize(
    ("word", "pos", "base"),
    [
        ("losses", "n", "loss"),
        ("cities", "n", "city"),
        ("men", "n", "man"),
        ("took", "v", "take"),
        ("planned", "v", "plan"),
        ("taking", "v", "take"),
        ("signed", "v", "sign"),
        ("stronger", "a", "strong"),
    ],
)
def test_base_forms(wordnet, word, pos, base):
    assert base in wordnet.base_forms(word, pos)


def test_irregular_forms_come_from_the_exception_lists(wordnet):
    assert {"took", "taken"} <= set(wordnet.irregular_forms("take", "v"))
    assert wordnet.irregular_forms("walk", "v") == ()


def test_hypernyms_are_a_fallback_for_lonely_synsets(wordnet):
    assert "person" in wordnet.hypernyms("leader", "n")
    assert wordnet.hypernyms("large", "a") == ()


@pytest.mark.parametrize(("lemma", "common"), [("moscow", False), ("leader", True)])
def test_is_common_tells_names_from_words(wordnet, lemma, common):
    assert wordnet.is_common(lemma) is common


def test_unknown_part_of_speech_is_rejected(wordnet):
    with pytest.raises(ValueError, match="unknown part of speech 'x': expected one of"):
        wordnet.synonyms("victory", "x")


def test_missing_folder_names_the_package_to_install(tmp_path):
    with pytest.raises(ModelError, match=r"apt-get install wordnet-base") as info:
        WordNet(tmp_path / "nowhere")
    assert "missing index.noun, data.noun" in str(info.value)
    assert isinstance(info.value, AnalyzerError)


def test_environment_names_the_folder_when_no_path_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv(WORDNET_DIR_ENV, str(tmp_path))
    with pytest.raises(ModelError, match=f"not found in '{tmp_path}'"):
        WordNet()
