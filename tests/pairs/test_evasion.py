"""Specification: the tricks content farms use against copy detectors do not work.

Newsweek's article (seed 003) and a verbatim copy of it, disguised as
content farms do. A disguised copy is still a copy, the disguised text is
named as the derived one with the trick as the reason, and the evidence lists
no "substitution" that reads the same on screen. Cosmetic changes (case,
padding with an unrelated article) never make the copy look like the original.
"""

from __future__ import annotations

import random

import pytest

from analyzer.ingest.from_text import article_from_text
from tests.conftest import NEWSWEEK, SPUN
from tests.texts import HARBOUR_ORIGINAL

_CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "y": "у"}


def _lookalikes(text: str, share: float = 0.3) -> str:
    rng = random.Random(0)
    return " ".join("".join(_CYRILLIC.get(ch, ch) for ch in w) if rng.random() < share else w
                    for w in text.split(" "))


def _zero_width(text: str) -> str:
    rng = random.Random(1)
    return " ".join(w[:2] + "\u200b" + w[2:] if len(w) > 3 and rng.random() < 0.5 else w
                    for w in text.split(" "))


def _full_width(text: str) -> str:
    rng = random.Random(2)
    text = text.replace("fi", "\ufb01").replace("fl", "\ufb02")
    return "".join(chr(ord(c) + 0xFEE0) if "a" <= c <= "z" and rng.random() < 0.2 else c for c in text)


@pytest.fixture(scope="module")
def texts(seeds_dir):
    read = {p.stem: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    return read[NEWSWEEK], read[SPUN]


@pytest.mark.parametrize("disguise", [_lookalikes, _full_width], ids=["look-alike letters", "styled letters"])
def test_a_disguised_copy_is_a_copy_and_the_disguised_side_is_derived(engine, texts, disguise) -> None:
    original, _ = texts
    result = engine.compare(article_from_text(original, id="original"),
                            _quietly(disguise(original)))
    assert result.relation == "copy"
    assert result.original_id == "original"
    assert "disguises its text against copy detectors" in result.direction_reasons[0]
    assert any("hid its text from copy detectors" in r for r in result.reasons)
    assert result.substitutions.empty and result.fact_changes.empty


def test_invisible_characters_change_nothing(engine, texts) -> None:
    original, _ = texts
    result = engine.compare(article_from_text(original, id="original"), _quietly(_zero_width(original)))
    assert result.relation == "copy"
    assert result.substitutions.empty
    assert result.original_id in ("original", None)


@pytest.mark.parametrize("disguise", [_lookalikes, _full_width], ids=["look-alike letters", "styled letters"])
def test_a_disguised_spin_is_still_a_spin_of_the_original(engine, texts, disguise) -> None:
    original, spin = texts
    result = engine.compare(article_from_text(original, id="original"), _quietly(disguise(spin)))
    assert result.relation == "spun"
    assert result.original_id == "original"


@pytest.mark.parametrize(
    "cosmetic",
    [str.lower, lambda t: t + "\n\n" + HARBOUR_ORIGINAL, lambda t: HARBOUR_ORIGINAL + "\n\n" + t,
     lambda t: t.replace(" ", "  ").replace("\n\n", "\n\n\n")],
    ids=["lower-cased", "padded after", "padded before", "whitespace"],
)
def test_cosmetic_changes_never_make_the_copy_the_original(engine, texts, cosmetic) -> None:
    original, _ = texts
    result = engine.compare(article_from_text(original, id="original"), _quietly(cosmetic(original)))
    assert result.relation == "copy"
    assert result.original_id in ("original", None)


def _quietly(text: str):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return article_from_text(text, id="disguised")
