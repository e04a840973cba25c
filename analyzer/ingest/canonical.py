"""Canonical text: the characters a reader sees, not the code points a copy detector sees.

Content farms hide copies from detectors with characters that look the same
on screen: Cyrillic or Greek look-alike letters inside English words
(``Unіtеd`` with a Cyrillic ``і`` and ``е``), zero-width and other format
characters inside words, full-width or mathematical "styled" letters
(``ｏｆｆｉｃｉａｌｓ``). Every comparison downstream works on words, n-grams and
the embedding model's tokens, so each of these turns a verbatim copy into
"new" text. They are undone here, once, before anything compares:

- **compatibility forms** are folded as Unicode NFKC folds them (full-width,
  styled, ligatures, no-break spaces), except superscripts, subscripts and
  vulgar fractions, which carry meaning in news (``m²``, ``½``);
- **format characters** (Unicode category Cf: zero-width, soft hyphen, bidi
  controls, tags) are removed;
- **look-alike letters** are folded to the Latin letter they imitate, using
  Unicode's confusables table (package ``confusable-homoglyphs``), but only
  in words that mix them with Latin letters, or that consist of them alone
  in a text that is otherwise Latin, so Russian or Greek text stays as it is.

What was undone is kept as :class:`Disguise` records, because hiding text
from detectors is itself a finding: the evidence names the trick, and the
original characters are quoted as visible escapes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from analyzer.article import Disguise

#: Compatibility decompositions that are *not* folded: they change a fact's meaning.
KEPT_COMPATIBILITY = ("<super>", "<sub>", "<fraction>")

#: Share of a text's letters that must be Latin before a word made only of look-alikes is folded.
LATIN_MAJORITY = 0.8

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_EXAMPLES = 3


@lru_cache(maxsize=1)
def _confusables() -> tuple[dict[str, str], dict[str, str]]:
    """Look-alike letter -> the Latin letter it imitates, and its script, from Unicode's table."""
    from confusable_homoglyphs import categories, confusables

    folding: dict[str, str] = {}
    script: dict[str, str] = {}
    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1 or not char.isalpha():
            continue
        alias = categories.alias(char)
        if alias in ("LATIN", "COMMON"):
            continue
        targets = [h["c"] for h in homoglyphs
                   if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalpha()]
        if targets:
            folding[char] = targets[0]
            script[char] = alias
    return folding, script


@lru_cache(maxsize=4096)
def _compatible(char: str) -> str | None:
    """The NFKC form of ``char`` when it is a foldable compatibility character, else None."""
    decomposition = unicodedata.decomposition(char)
    if not decomposition.startswith("<") or decomposition.startswith(KEPT_COMPATIBILITY):
        return None
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded != char else None


def canonical_text(text: str) -> tuple[str, tuple[Disguise, ...]]:
    """The canonical form of ``text`` and the disguises undone to reach it."""
    if text.isascii():
        return text, ()
    text, invisible = _drop_format_characters(text)
    text, styled = _fold_compatibility(text)
    text, lookalike, scripts = _fold_lookalikes(text)
    found = []
    if lookalike:
        found.append(Disguise("look-alike letters", len(lookalike), tuple(lookalike[:_EXAMPLES]),
                              tuple(s for s, _ in scripts.most_common())))
    if styled:
        found.append(Disguise("styled letters", len(styled), tuple(styled[:_EXAMPLES])))
    if invisible:
        found.append(Disguise("format characters", len(invisible), tuple(invisible[:_EXAMPLES])))
    return text, tuple(found)


def _drop_format_characters(text: str) -> tuple[str, list[str]]:
    """Remove category-Cf characters; the words that held one, as written."""
    if not any(unicodedata.category(ch) == "Cf" for ch in set(text)):
        return text, []
    affected: list[str] = []
    out: list[str] = []
    for token in re.split(r"(\s+)", text):
        kept = "".join(ch for ch in token if unicodedata.category(ch) != "Cf")
        if kept != token and kept.strip():
            affected.append(token)
        out.append(kept)
    return "".join(out), affected


def _fold_compatibility(text: str) -> tuple[str, list[str]]:
    """Fold compatibility characters; the words that used full-width or styled *letters*."""
    table = {ch: folded for ch in set(text) if not ch.isascii() and (folded := _compatible(ch))}
    if not table:
        return text, []
    styled_chars = {ch for ch in table
                    if unicodedata.decomposition(ch).startswith(("<wide>", "<narrow>", "<font>"))
                    and ch.isalpha()}
    styled = [m.group(0) for m in _WORD.finditer(text) if styled_chars & set(m.group(0))]
    return text.translate(str.maketrans(table)), styled


def _fold_lookalikes(text: str) -> tuple[str, list[str], Counter[str]]:
    """Fold look-alike letters in words that pass for Latin ones; the words as written, and their scripts."""
    folding, script = _confusables()
    present = {ch for ch in set(text) if ch in folding}
    if not present:
        return text, [], Counter()
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    latin_text = latin >= LATIN_MAJORITY * max(len(letters), 1)
    affected: list[str] = []
    scripts: Counter[str] = Counter()

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        lookalikes = [ch for ch in word if ch in present]
        if not lookalikes:
            return word
        has_latin = any(ch.isascii() for ch in word)
        if not has_latin and not (latin_text and len(lookalikes) == len(word)):
            return word
        affected.append(word)
        scripts.update(script[ch] for ch in lookalikes)
        return "".join(folding.get(ch, ch) if ch in present else ch for ch in word)

    return _WORD.sub(fold, text), affected, scripts


def merge_disguises(disguises: tuple[Disguise, ...]) -> tuple[Disguise, ...]:
    """One record per trick (a title and a body found separately), counts added."""
    merged: dict[str, Disguise] = {}
    for d in disguises:
        if d.trick in merged:
            m = merged[d.trick]
            d = Disguise(d.trick, m.count + d.count, (*m.examples, *d.examples)[:_EXAMPLES],
                         tuple(dict.fromkeys((*m.scripts, *d.scripts))))
        merged[d.trick] = d
    return tuple(merged.values())
