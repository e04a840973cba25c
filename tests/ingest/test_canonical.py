"""Specification of canonical text: what a reader sees is what every comparison sees.

Look-alike letters, invisible characters and styled letters are undone at
ingest, and each trick is recorded so the evidence can name it.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.canonical import canonical_text
from analyzer.ingest.from_text import article_from_text


@pytest.mark.parametrize(
    ("written", "canonical", "trick"),
    [
        ("The Un\u0456t\u0435d States", "The United States", "look-alike letters"),  # Cyrillic і, е
        ("\u0391thens and \u039cinsk", "Athens and Minsk", "look-alike letters"),  # Greek Α, Μ
        ("the \u0430 cat", "the a cat", "look-alike letters"),  # a lone Cyrillic а in Latin text
        ("of\u200bficials said", "officials said", "format characters"),
        ("soft\u00adhyphen", "softhyphen", "format characters"),
        ("evil\u202etxt.exe", "eviltxt.exe", "format characters"),
        ("\uff4f\uff46\uff46\uff49\uff43\uff49\uff41\uff4c\uff53 said", "officials said", "styled letters"),
        ("\U0001d401\U0001d428\U0001d425\U0001d41d text", "Bold text", "styled letters"),
    ],
)
def test_each_trick_is_undone_and_named(written: str, canonical: str, trick: str) -> None:
    text, disguises = canonical_text(written)
    assert text == canonical
    assert [d.trick for d in disguises] == [trick]
    assert disguises[0].examples, "the evidence quotes words as written"


@pytest.mark.parametrize(
    "text",
    [
        "Москва является столицей России.",  # Russian stays Russian
        "Η Αθήνα είναι η πρωτεύουσα.",  # Greek stays Greek
        "naïve café, São Paulo, Zürich, Łódź",  # Latin letters with accents are Latin
        "10 m² of land and ½ cup of rice",  # superscripts and fractions carry meaning
    ],
)
def test_genuine_text_is_left_as_written(text: str) -> None:
    assert canonical_text(text) == (unicodedata.normalize("NFC", text), ())


def test_typographic_forms_are_folded_without_being_called_a_disguise() -> None:
    text, disguises = canonical_text("the \ufb01rst of\ufb01cial\u00a0said\u2026")
    assert text == "the first official said..."
    assert disguises == ()


def test_the_description_shows_the_original_characters_as_escapes() -> None:
    _, (disguise,) = canonical_text("Un\u0456t\u0435d Nat\u0456ons and Pr\u0435sident")
    assert disguise.count == 3
    assert disguise.evasive
    assert "3 words use Cyrillic look-alike letters" in disguise.describe()
    assert "Un\\u0456t\\u0435d" in disguise.describe()


def test_a_single_stray_lookalike_is_recorded_but_not_evasion() -> None:
    _, (disguise,) = canonical_text("The Un\u0456ted States")
    assert not disguise.evasive


def test_ingest_compares_the_canonical_text_and_keeps_the_record() -> None:
    text = "Headline\n\n" + "The Un\u0456t\u0435d St\u0430tes and its \u0430llies met. " * 3
    with pytest.warns(UserWarning, match="look-alike letters"):
        article = article_from_text(text, id="x")
    assert "\u0456" not in article.text and "United States" in article.text
    assert article.evasive
    assert any("look-alike" in w for w in article.warnings)


@given(st.text(max_size=200))
def test_canonical_text_is_idempotent(text: str) -> None:
    once, _ = canonical_text(text)
    assert canonical_text(once)[0] == once


@given(st.text(max_size=200))
def test_canonical_text_holds_no_format_characters(text: str) -> None:
    once, _ = canonical_text(text)
    assert not any(unicodedata.category(ch) == "Cf" for ch in once)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_ascii_text_is_untouched(text: str) -> None:
    assert canonical_text(text) == (text, ())
