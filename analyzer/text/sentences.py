"""Sentence segmentation and quotation marking.

Segmentation is delegated to pysbd (rule-based, handles "St. Petersburg",
"Mr.", "U.S.", "p.m." and quotes that close after the full stop). What pysbd
does not know is where quotations run across sentence boundaries, so quotation
spans are found per paragraph first and each sentence gets the share of its
letters that lie inside quotation marks. Quoted sentences matter downstream:
independent reports of one story share the quotes of third parties (a petition,
a spokesman), so quote overlap is not evidence of copying.

Two process-wide caches, both pure (same text in, same sentences out): the
pysbd segmenter (built once, ~50 ms) and the last 256 splits.
:func:`clear_caches` empties them (benchmarks time cold queries that way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from analyzer.config import MAX_SENTENCE_CHARS, MIN_SENTENCE_WORDS

_OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"'}
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
_LINE_RE = re.compile(r"[^\r\n]+")
#: Where a long line may be cut before segmentation: after a sentence end and its space.
_BREAK_RE = re.compile(r"[.!?…][\"'”’)\]]*\s+")

_NAME = r"((?:[A-Z][\w’'\-]+)(?:\s+(?:[A-Z][\w’'\-]+|de|van|von|bin)){0,3})"
_VERB = r"(?:said|says|wrote|writes|tweeted|stated|states|added|adds|told|explained|noted|declared|asked)"
# Group 1 holds the words between the verb and the name ("said *this week on* ABC").
_SPEAKER_AFTER_VERB = re.compile(_VERB + r"\s+((?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,4}?)" + _NAME)
_SPEAKER_BEFORE_VERB = re.compile(_NAME + r"(?:,[^,]{1,60},)?\s+" + _VERB + r"\b")
_PRONOUNS = {"He", "She", "They", "It", "We", "I", "The", "This", "That", "But", "And"}

#: Calendar words, lower-case: capitalised like names but never a speaker or a person.
WEEKDAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body.

    ``start``/``end`` are character offsets into the article text, ``paragraph``
    is the 0-based paragraph number, ``quoted`` the share of its letters inside
    quotation marks, and ``speaker`` who said it when the text states it.
    """

    index: int
    text: str
    paragraph: int
    start: int
    end: int
    quoted: float = 0.0
    speaker: str | None = None

    @property
    def is_quote(self) -> bool:
        """Whether the sentence is mostly a quotation of someone."""
        return self.quoted >= 0.5

    @property
    def n_words(self) -> int:
        """Number of whitespace-separated words."""
        return len(self.text.split())


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def quotation_mask(text: str) -> list[bool]:
    """Per character of ``text``: whether it lies inside a quotation.

    Curly quotes open and close explicitly; straight double quotes toggle.
    An opener never closed within the paragraph is treated as a stray mark
    (scrapes lose closing quotes), so it quotes nothing.
    """
    mask = [False] * len(text)
    i = 0
    while i < len(text):
        closer = _OPENERS.get(text[i])
        if closer is None:
            i += 1
            continue
        end = text.find(closer, i + 1)
        if end == -1:
            i += 1
            continue
        for k in range(i, end + 1):
            mask[k] = True
        i = end + 1
    return mask


def find_speaker(sentence: str, mask: list[bool] | None = None) -> str | None:
    """The person a quotation is attributed to in its own sentence, if stated.

    Candidates are capitalised names right before a verb of saying ("Kirby
    said", "Kirby, a spokesman, said") or after it ("said John Kirby", "said
    the spokesman John Kirby"), outside the quotation when ``mask`` is given.
    Weekdays and months are never speakers ("said on Monday" gives None), so a
    lone "May" is not one either. A name directly next to the verb wins over
    one reached across other words, which is usually a place, an outlet or a
    date ("Kirby said this week on ABC" gives "Kirby"); among equals the
    earlier-listed form (after the verb) wins, as before. Regex-based: a
    sentence-initial "But Kirby said" is missed, "officials in Kyiv said" gives
    "Kyiv"; callers check the name against the article's people.
    """
    if mask is not None and len(mask) == len(sentence):
        outside = "".join(" " if q else c for c, q in zip(sentence, mask, strict=True))
    else:
        outside = sentence
    candidates: list[tuple[bool, int, str]] = []  # (reached across words, order found, name)
    for match in _SPEAKER_AFTER_VERB.finditer(outside):
        name, dated = _drop_calendar_words(match.group(2))
        candidates.append((bool(match.group(1).strip()) or dated, len(candidates), name))
    for match in _SPEAKER_BEFORE_VERB.finditer(outside):
        name, _ = _drop_calendar_words(match.group(1))
        candidates.append((False, len(candidates), name))
    for _, _, name in sorted(candidates):
        if name and name.split()[0] not in _PRONOUNS:
            return name
    return None


def _drop_calendar_words(name: str) -> tuple[str, bool]:
    """``name`` without leading weekdays and months, and whether it had any.

    "Tuesday Ukraine" → ("Ukraine", True); "Monday" → ("", True).
    """
    words = name.split()
    n = 0
    while n < len(words) and words[n].casefold() in WEEKDAYS_MONTHS:
        n += 1
    return (name.strip(), False) if n == 0 else (" ".join(words[n:]), True)


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs of ``text`` with their start offsets (blank lines separate them)."""
    paragraphs = []
    pos = 0
    for match in _PARAGRAPH_RE.finditer(text):
        paragraphs.append((pos, text[pos : match.start()]))
        pos = match.end()
    paragraphs.append((pos, text[pos:]))
    return [(start, p) for start, p in paragraphs if p.strip()]


def split_sentences(text: str) -> list[Sentence]:
    """Split an article body into sentences, marking quotations and speakers.

    Single line breaks inside a paragraph also end a sentence when the line has
    no final punctuation (headline-like lines of a scrape stay separate).
    The last few hundred texts are remembered: ranking splits a candidate to
    match its stored vectors and again to profile it, and pysbd costs ~15 ms
    per article.
    """
    return list(_split_remembered(text))


@lru_cache(maxsize=256)
def _split_remembered(text: str) -> tuple[Sentence, ...]:
    return tuple(_split(text))


def clear_caches() -> None:
    """Forget the remembered splits and the segmenter (benchmarks time cold queries this way)."""
    _split_remembered.cache_clear()
    _segmenter.cache_clear()


def _split(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph_no, (p_start, paragraph) in enumerate(split_paragraphs(text)):
        mask = quotation_mask(paragraph)
        for line_match in _LINE_RE.finditer(paragraph):
            line, search_from = line_match.group(0), line_match.start()
            for piece in _bounded_segments(line):
                stripped = piece.strip()
                if not stripped:
                    continue
                offset = paragraph.find(stripped, search_from, line_match.end())
                if offset == -1:
                    # pysbd normalised something inside the piece: keep the rest of the line whole.
                    rest = paragraph[search_from : line_match.end()]
                    stripped = rest.strip()
                    if not stripped:
                        break
                    offset = search_from + rest.index(stripped)
                search_from = offset + len(stripped)
                sub_mask = mask[offset : offset + len(stripped)]
                letters = [q for c, q in zip(stripped, sub_mask, strict=False) if c.isalnum()]
                quoted = sum(letters) / len(letters) if letters else 0.0
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        text=stripped,
                        paragraph=paragraph_no,
                        start=p_start + offset,
                        end=p_start + offset + len(stripped),
                        quoted=round(quoted, 3),
                        speaker=find_speaker(stripped, sub_mask) if quoted > 0 else None,
                    )
                )
                if search_from >= line_match.end():
                    break
    return _attach_fragments(sentences, text)


def _bounded_segments(line: str) -> list[str]:
    """The sentences pysbd finds in ``line``, fed in pieces short enough to keep its cost linear.

    A line is fed to pysbd in chunks of at most ~``MAX_SENTENCE_CHARS``, cut
    after a sentence end when there is one; a sentence still longer than that
    is cut at the last space before the bound.
    """
    if len(line) <= MAX_SENTENCE_CHARS:
        return list(_segmenter().segment(line))
    pieces: list[str] = []
    pos = 0
    while pos < len(line):
        end = min(pos + MAX_SENTENCE_CHARS, len(line))
        if end < len(line):
            breaks = [m.end() for m in _BREAK_RE.finditer(line, pos, end)]
            space = line.rfind(" ", pos + 1, end)
            end = breaks[-1] if breaks else (space + 1 if space > pos else end)
        pieces.extend(_segmenter().segment(line[pos:end]))
        pos = end
    return pieces


def _attach_fragments(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Merge fragments too short to align ("Ms.", "Jr.") into the previous sentence."""
    merged: list[Sentence] = []
    for s in sentences:
        if (
            merged
            and s.n_words < 2
            and merged[-1].paragraph == s.paragraph
            and not s.text[:1].isupper()
        ):
            prev = merged[-1]
            merged[-1] = Sentence(
                prev.index, text[prev.start : s.end], prev.paragraph, prev.start, s.end,
                prev.quoted, prev.speaker,
            )
        else:
            merged.append(s)
    return [
        Sentence(i, s.text, s.paragraph, s.start, s.end, s.quoted, s.speaker)
        for i, s in enumerate(merged)
    ]


def alignable(sentence: Sentence) -> bool:
    """Whether a sentence carries enough words to be aligned on its own."""
    return sentence.n_words >= MIN_SENTENCE_WORDS
