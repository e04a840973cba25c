"""How the spinner cuts an article into paragraphs, sentences and tokens, and joins it back.

Every piece keeps what is needed to restore the text: ``split_sentences``
returns the whitespace after each sentence and ``TOKEN`` keeps whitespace as
tokens, so rewriting a token list and joining it changes only what was
rewritten. Rule-based (no sentence model): this is the spinner's own crude
segmentation, shared with :mod:`analyzer.training.copyedit`, not :mod:`analyzer.text.sentences`.
"""

from __future__ import annotations

import itertools
import re

#: Tokens that join back to the text: numbers, words (with apostrophes), whitespace runs, any other character.
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\s+|.", re.S)
#: A token that is a word.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*\Z")
#: Double quotation marks, straight and curly.
QUOTES = '"“”'
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co|Ltd|Ft|Mt)\.)\Z"
)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, stripped, empty ones dropped."""
    return [p.strip() for p in re.split(r"\n[ \t\r\f\v]*\n", text) if p.strip()]


def split_sentences(paragraph: str) -> tuple[list[str], list[str]]:
    """Sentences of a paragraph and the whitespace after each, so that joining restores it.

    A boundary is end punctuation followed by space, unless it ends an
    abbreviation ("U.S.", "Mr."), or a line break.
    """
    sentences: list[str] = []
    separators: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.start() if match.group() == "\n" else match.end()
        if match.group() != "\n" and _ABBREVIATION.search(paragraph[start:end].rstrip('"”’)]')):
            continue
        if end < start:
            continue
        gap = re.match(r"\s*", paragraph[end:])
        stop = end + (gap.end() if gap else 0)
        if paragraph[start:end].strip():
            sentences.append(paragraph[start:end].strip())
            separators.append(paragraph[end:stop] if "\n" in paragraph[end:stop] else " ")
        start = stop
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
        separators.append("")
    if separators:
        separators[-1] = ""
    return sentences, separators


def capitalise(text: str) -> str:
    """Upper-case the first character, leaving the rest as it is (unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


def word_span(tokens: list[str], words: list[int], k: int, n: int) -> int | None:
    """Index of the last token of words k..k+n-1 if they are separated by single spaces."""
    if k + n > len(words):
        return None
    for a, b in zip(words[k : k + n - 1], words[k + 1 : k + n], strict=True):
        if b != a + 2 or tokens[a + 1] != " ":
            return None
    return words[k + n - 1]


def case_like(original: str, replacement: str) -> str:
    """``replacement`` capitalised if ``original`` starts with a capital."""
    return capitalise(replacement) if original[:1].isupper() else replacement


def sentence_starts(tokens: list[str]) -> list[bool]:
    """Whether each token is the first word of a sentence (capital there says nothing)."""
    starts = [False] * len(tokens)
    start = True
    for i, token in enumerate(tokens):
        if token.isspace():
            if "\n" in token:
                start = True
            continue
        if token in ".!?:;" or token == "\n":
            start = token not in ";"
            continue
        if token in QUOTES or token in "([‘'—–-":
            continue
        starts[i] = start
        start = False
    return starts


def mark_headlines(tokens: list[str], at_start: list[bool]) -> None:
    """Treat every word of a title-case sentence as sentence-initial: capitals say nothing there."""
    starts = [i for i, s in enumerate(at_start) if s] + [len(tokens)]
    for a, b in itertools.pairwise(starts):
        span = [i for i in range(a, b) if WORD.match(tokens[i])]
        lower = sum(tokens[i][0].islower() for i in span)
        if len(span) >= 3 and lower * 3 < len(span):
            for i in span:
                at_start[i] = True
