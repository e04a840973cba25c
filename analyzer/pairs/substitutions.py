"""Word and phrase substitutions, and changed facts, between aligned sentences.

A spinner's work shows in the differences between a sentence and its
rewrite: short replaced spans ("municipal deputies" → "metropolitan
representatives") are substitutions; a replaced span that touches a number,
its unit, or a name is a changed fact ("1,000 miles" → "1,000 kilometers"),
the kind of drift a fact-checker needs to see. The diff is difflib's, over
lower-cased word tokens; spans are reported as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

import pandas as pd

from analyzer.facts.quantities import UNITS
from analyzer.text.tokens import STOPWORDS, normalize_word, parse_number, words

#: Longest span (in words, each side) still read as a substitution rather than a rewrite.
MAX_SPAN = 4

SUBSTITUTION_COLUMNS = ["a_index", "b_index", "original", "replacement", "kind"]
FACT_COLUMNS = ["a_index", "b_index", "original", "changed", "what"]


@dataclass(frozen=True)
class Substitution:
    """A replaced span: ``original`` in ``a``'s sentence became ``replacement`` in ``b``'s."""

    a_index: int
    b_index: int
    original: str
    replacement: str
    kind: str  # "word" or "phrase"


@dataclass(frozen=True)
class FactChange:
    """A fact that differs between aligned sentences (number, unit or name)."""

    a_index: int
    b_index: int
    original: str
    changed: str
    what: str  # "unit", "number", "name"


def _is_number(token: str) -> bool:
    return parse_number(token) is not None and (token[:1].isdigit() or "-" in token or
                                                 parse_number(token) >= 10)


def _is_name(token: str, position: int) -> bool:
    return position > 0 and token[:1].isupper() and normalize_word(token) not in STOPWORDS


def diff_sentences(
    a_text: str, b_text: str, a_index: int = 0, b_index: int = 0
) -> tuple[list[Substitution], list[FactChange]]:
    """Substitutions and fact changes that turn sentence ``a_text`` into ``b_text``.

    difflib's alignment of a→b can differ from b→a; the diff is always taken in
    one canonical order and turned around, so swapping the articles only swaps
    the sides of each difference.
    """
    a_tok, b_tok = words(a_text), words(b_text)
    a_low = [normalize_word(t) for t in a_tok]
    b_low = [normalize_word(t) for t in b_tok]
    if b_low < a_low:
        subs, facts = _diff(b_tok, a_tok, b_low, a_low, b_index, a_index)
        return (
            [Substitution(a_index, b_index, s.replacement, s.original, s.kind) for s in subs],
            [FactChange(a_index, b_index, f.changed, f.original, f.what) for f in facts],
        )
    return _diff(a_tok, b_tok, a_low, b_low, a_index, b_index)


def _diff(
    a_tok: list[str], b_tok: list[str], a_low: list[str], b_low: list[str], a_index: int, b_index: int
) -> tuple[list[Substitution], list[FactChange]]:
    """The differences of tokens ``a_tok`` → ``b_tok`` (``*_low``: their normalised forms)."""
    subs: list[Substitution] = []
    facts: list[FactChange] = []
    matcher = SequenceMatcher(a=a_low, b=b_low, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 > MAX_SPAN or j2 - j1 > MAX_SPAN:
            continue
        old, new = a_tok[i1:i2], b_tok[j1:j2]
        old_text, new_text = " ".join(old), " ".join(new)
        old_values = [parse_number(t) for t in old]
        if None not in old_values and old_values == [parse_number(t) for t in new]:
            continue  # "Thirty-five" and "35" state the same fact
        if all(normalize_word(t) in STOPWORDS for t in old + new):
            continue
        fact = _fact_change(a_tok, b_tok, i1, i2, j1, j2)
        if fact is not None:
            facts.append(FactChange(a_index, b_index, fact[0], fact[1], fact[2]))
            continue
        kind = "word" if i2 - i1 == 1 and j2 - j1 == 1 else "phrase"
        subs.append(Substitution(a_index, b_index, old_text, new_text, kind))
    facts.extend(_number_changes(a_tok, b_tok, a_index, b_index, facts))
    return subs, facts


def _fact_change(
    a_tok: list[str], b_tok: list[str], i1: int, i2: int, j1: int, j2: int
) -> tuple[str, str, str] | None:
    """Classify a replaced span as a changed fact, with the number it qualifies.

    Only numbers, units, and names are facts: the same number reworded around
    ("million according to" -> "million as per") is not a change, a unit is a
    change only between two units ("miles" -> "kilometers", not "said" ->
    "stated" after a number), and a name is not changed by its abbreviation
    ("United States" -> "US"; "NATO" -> "North Atlantic Settlement Association"
    still is).
    """
    old, new = a_tok[i1:i2], b_tok[j1:j2]
    if any(_is_number(t) for t in old + new) and _values(old) != _values(new):
        return " ".join(old), " ".join(new), "number"
    # A unit changed right after an unchanged number: "1,000 miles" -> "1,000 kilometers".
    if (i1 > 0 and j1 > 0 and _is_number(a_tok[i1 - 1]) and a_tok[i1 - 1] == b_tok[j1 - 1]
            and _unit(old[0]) and _unit(new[0]) and _unit(old[0]) != _unit(new[0])):
        return f"{a_tok[i1 - 1]} {' '.join(old)}", f"{b_tok[j1 - 1]} {' '.join(new)}", "unit"
    old_names = [t for k, t in enumerate(old, start=i1) if _is_name(t, k)]
    new_names = [t for k, t in enumerate(new, start=j1) if _is_name(t, k)]
    if old_names and new_names and not is_abbreviation(old_names, new_names):
        return " ".join(old), " ".join(new), "name"
    return None


def _values(tokens: list[str]) -> list[float]:
    """The numbers a span states, in order."""
    return sorted(v for t in tokens if _is_number(t) and (v := parse_number(t)) is not None)


def _unit(token: str) -> str | None:
    """The canonical unit a word names ("km", "kilometers" -> "kilometer"), or None."""
    word = normalize_word(token)
    for form in (word, word.removesuffix("s"), word.removesuffix("es")):
        if form in UNITS:
            return UNITS[form][0]
    return None


def is_abbreviation(old: list[str], new: list[str]) -> bool:
    """Whether one side's names are the initials of the other's ("United States" / "US", "U.S.")."""
    def initials(names: list[str]) -> str:
        return "".join(n[0] for n in names if n[:1].isupper()).casefold()

    def letters(names: list[str]) -> str:
        return "".join(ch for n in names for ch in n if ch.isalpha()).casefold()

    return ((len(new) == 1 and letters(new) == initials(old))
            or (len(old) == 1 and letters(old) == initials(new)))


def _number_changes(
    a_tok: list[str], b_tok: list[str], a_index: int, b_index: int, found: list[FactChange]
) -> list[FactChange]:
    """Numbers present on one side only, when the diff did not pair them already."""
    seen = {t for f in found for t in words(f.original + " " + f.changed)}
    a_nums = {parse_number(t): t for t in a_tok if _is_number(t) and t not in seen}
    b_nums = {parse_number(t): t for t in b_tok if _is_number(t) and t not in seen}
    only_a = [t for v, t in a_nums.items() if v not in b_nums]
    only_b = [t for v, t in b_nums.items() if v not in a_nums]
    if len(only_a) == 1 and len(only_b) == 1:
        return [FactChange(a_index, b_index, only_a[0], only_b[0], "number")]
    return []


def collect_differences(
    pairs: Iterable[tuple[int, int, str, str]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Substitutions and fact changes over aligned pairs ``(a_index, b_index, a_text, b_text)``.

    Returns two DataFrames (columns :data:`SUBSTITUTION_COLUMNS` and
    :data:`FACT_COLUMNS`), in alignment order, without duplicates.
    """
    subs: dict[Substitution, None] = {}  # insertion-ordered set: first occurrence kept
    facts: dict[FactChange, None] = {}
    for a_index, b_index, a_text, b_text in pairs:
        s, f = diff_sentences(a_text, b_text, a_index, b_index)
        subs.update(dict.fromkeys(s))
        facts.update(dict.fromkeys(f))
    return (pd.DataFrame([vars(s) for s in subs], columns=SUBSTITUTION_COLUMNS),
            pd.DataFrame([vars(f) for f in facts], columns=FACT_COLUMNS))
