"""Word tokens and the anchors spinners leave alone.

A synonym spinner rewrites common words but must keep names, numbers and
words it has no synonym for, in their order: those *anchors* survive heavy
spinning when word n-grams do not. Rarity is general-English word frequency
(wordfreq's Zipf scale, bundled with the package), so an article's anchors do
not depend on which other articles are in the corpus.

:func:`parse_number` and :func:`zipf` remember their answers process-wide
(pure look-ups asked for every token of every article); :func:`clear_caches`
empties them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from wordfreq import zipf_frequency

from analyzer.config import RARE_ZIPF

_WORD_RE = re.compile(r"[^\W_]+(?:[’'\-.,][^\W_]+)*", re.UNICODE)
_NUMBER_RE = re.compile(r"^\d[\d,.]*$")

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves also said says""".split()
)


def words(text: str) -> list[str]:
    """Word tokens as written (case kept); numbers keep their separators."""
    return [m.group(0).strip(".,") for m in _WORD_RE.finditer(text)]


def normalize_word(word: str) -> str:
    """Lower-case, apostrophe-normalised form used for matching."""
    return word.lower().replace("’", "'")


def lower_words(text: str) -> list[str]:
    """Normalised word tokens, the unit of shingles and containment."""
    return [normalize_word(w) for w in words(text)]


@lru_cache(maxsize=100_000)
def parse_number(token: str) -> float | None:
    """The value of a numeric token ("1,000", "2.5", "thirty-five"), or None.

    Remembered: every token of every article and aligned sentence is asked, and
    most are common words asked again and again.
    """
    t = token.lower()
    if _NUMBER_RE.match(t):
        cleaned = t.replace(",", "")
        try:
            return float(cleaned)
        except ValueError:
            return None
    parts = t.replace("-", " ").split()
    if not parts or not all(p in _SMALL or p in _SCALES for p in parts):
        return None
    total, current = 0, 0
    for p in parts:
        if p in _SMALL:
            current += _SMALL[p]
        else:
            current = max(current, 1) * _SCALES[p]
            if _SCALES[p] >= 1000:
                total, current = total + current, 0
    return float(total + current)


def number_text(value: float) -> str:
    """Canonical text of a number, so "1,000" and "1000" compare equal."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """General-English Zipf frequency of a word (0 for unknown words)."""
    return zipf_frequency(word, "en")


def is_rare(word: str) -> bool:
    """Whether a lower-cased word is rare in general English."""
    return word not in STOPWORDS and len(word) > 3 and zipf(word) < RARE_ZIPF


def anchors(text: str) -> list[str]:
    """The tokens of ``text`` a spinner is unlikely to rewrite, in order.

    Numbers (canonicalised: "Thirty-five" → "35"), capitalised words that do not
    open a sentence (names, places, organisations), and rare words.
    """
    out: list[str] = []
    tokens = words(text)
    for i, tok in enumerate(tokens):
        value = parse_number(tok)
        if value is not None and (tok[0].isdigit() or value >= 10):
            out.append(number_text(value))
            continue
        low = normalize_word(tok)
        if low in STOPWORDS:
            continue
        if (i > 0 and tok[:1].isupper()) or is_rare(low):
            out.append(low)
    return out


def content_words(text: str) -> list[str]:
    """Lower-cased words without stopwords: what a synonym swap can change."""
    return [w for w in lower_words(text) if w not in STOPWORDS]


def sentence_names(tokens: Sequence[str]) -> frozenset[str]:
    """Capitalised words that are not the first of the sentence nor a stopword: names, mostly."""
    return frozenset(w for k, w in enumerate(tokens) if k and w[:1].isupper() and w.lower() not in STOPWORDS)


def sentence_numbers(tokens: Sequence[str]) -> frozenset[str]:
    """Tokens written with digits that read as numbers ("1,000", "2.5"; not "one", not "G7s")."""
    # parse_number first: it is remembered, and most tokens are not numbers at all.
    return frozenset(w for w in tokens if parse_number(w) is not None and any(c.isdigit() for c in w))


def clear_caches() -> None:
    """Forget remembered numbers and word frequencies (to time cold runs, or free their memory)."""
    parse_number.cache_clear()
    zipf.cache_clear()
