"""Copies with light edits, as syndication makes them: the other kind of generated pair.

A republished article keeps nearly every sentence; an editor changes house
style ("said" -> "says", "U.S." -> "US"), a typo slips in, a sentence or the
last paragraph is cut, a byline or boilerplate line is added. ``light_edit``
makes such copies from real articles; spinning (:mod:`analyzer.training.spin.spinner`) is
the opposite case, where nearly every sentence is reworded.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from analyzer.config import RANDOM_STATE
from analyzer.training.spin.segment import split_paragraphs, split_sentences

_EDITOR_CHANGES: dict[str, str] = {
    "said": "says", "says": "said", "percent": "per cent", "per cent": "percent",
    "toward": "towards", "towards": "toward", "U.S.": "US", "US": "U.S.", "Mr.": "Mr",
    "criticised": "criticized", "criticized": "criticised", "organisation": "organization",
    "organization": "organisation", "apologised": "apologized", "apologized": "apologised",
    "defense": "defence", "defence": "defense", "while": "whilst", "amid": "amidst",
    "told": "said to", "also": "additionally",
}  # fmt: skip

_BOILERPLATE = (
    "By {agency} Staff",
    "({agency}) —",
    "Copyright 2018 {agency}. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Click here to sign up for our daily newsletter.",
    "This article originally appeared on {agency}.",
    "Related: More coverage from {agency}",
)
_AGENCIES = ("The Associated Press", "Reuters", "AFP", "CNN Wire", "Newsweek", "Bloomberg")


def light_edit(text: str, *, n_edits: int = 3, random_state: int | None = RANDOM_STATE) -> str:
    """Copy ``text`` with ``n_edits`` small edits, as syndication does.

    Edits are drawn from: a word changed by house style ("said" -> "says",
    "U.S." -> "US"), a typo (two letters transposed; read the pair the other
    way round and it is a fix), a
    sentence dropped from a long paragraph, the last paragraph dropped, and a
    byline, dateline or boilerplate line added. Paragraph breaks come out as
    ``\\n\\n``. Deterministic for an int ``random_state``.
    """
    if n_edits < 0:
        raise ValueError(f"light_edit n_edits={n_edits!r}: expected a count >= 0")
    rng = random.Random(random_state)
    paragraphs = split_paragraphs(text)
    edits: list[Callable[[list[str], random.Random], bool]] = [
        _edit_word, _edit_word, _edit_word, _edit_typo, _edit_typo, _edit_typo,
        _add_boilerplate, _add_boilerplate, _drop_sentence, _drop_last_paragraph,
    ]  # fmt: skip
    for _ in range(n_edits):
        for _attempt in range(5):
            edit = rng.choice(edits)
            if edit(paragraphs, rng):
                if edit is _drop_last_paragraph:  # Once is syndication; more is an excerpt.
                    edits = [e for e in edits if e is not _drop_last_paragraph]
                break
    return "\n\n".join(paragraphs)


def _edit_word(paragraphs: list[str], rng: random.Random) -> bool:
    spots = [
        (i, m)
        for i, p in enumerate(paragraphs)
        for key in _EDITOR_CHANGES
        for m in re.finditer(rf"(?<![\w.]){re.escape(key)}(?![\w])", p)
    ]
    if not spots:
        return False
    i, m = rng.choice(spots)
    p = paragraphs[i]
    paragraphs[i] = p[: m.start()] + _EDITOR_CHANGES[m.group()] + p[m.end() :]
    return True


def _edit_typo(paragraphs: list[str], rng: random.Random) -> bool:
    spots = [(i, m) for i, p in enumerate(paragraphs) for m in re.finditer(r"\b[a-z]{6,}\b", p)]
    if not spots:
        return False
    i, m = rng.choice(spots)
    word = m.group()
    spots_in_word = [j for j in range(1, len(word) - 2) if word[j] != word[j + 1]]
    if not spots_in_word:
        return False
    j = rng.choice(spots_in_word)
    typo = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    p = paragraphs[i]
    paragraphs[i] = p[: m.start()] + typo + p[m.end() :]
    return True


def _drop_sentence(paragraphs: list[str], rng: random.Random) -> bool:
    long = [i for i, p in enumerate(paragraphs) if len(split_sentences(p)[0]) >= 3]
    if not long:
        return False
    i = rng.choice(long)
    sentences, separators = split_sentences(paragraphs[i])
    drop = rng.randrange(1, len(sentences))
    del sentences[drop], separators[drop]
    separators[-1] = ""
    paragraphs[i] = "".join(s + sep for s, sep in zip(sentences, separators, strict=True))
    return True


def _add_boilerplate(paragraphs: list[str], rng: random.Random) -> bool:
    line = rng.choice(_BOILERPLATE).format(agency=rng.choice(_AGENCIES))
    if line.endswith("—") and paragraphs:
        paragraphs[0] = f"{line} {paragraphs[0]}"
    elif line.startswith("By ") or not paragraphs:
        paragraphs.insert(0, line)
    else:
        paragraphs.append(line)
    return True


def _drop_last_paragraph(paragraphs: list[str], rng: random.Random) -> bool:
    if len(paragraphs) < 4:
        return False
    del paragraphs[-1]
    return True
