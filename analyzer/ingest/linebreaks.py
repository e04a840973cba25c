"""Rejoin lines of hard-wrapped plain text that were broken in mid-sentence.

Plain-text articles (wire feeds, e-mail, answers typed in an editor) are
often wrapped at a fixed width, so one sentence runs over several lines.
Ingest keeps single line breaks because in scrapes they separate things that
are not prose (caption lines, link lists, menus), and the sentence splitter
ends a sentence at such a break. Left as they are, wrapped lines become
sentence fragments ("... called Bayes law after Rev" / "Thomas Bayes)
relates ..."), which align with nothing and make a copy look reworded.

A break is rejoined when the line before it is prose-like (at least
:data:`MIN_WORDS` words and :data:`MIN_CHARS` characters) and does not end a
sentence, and either the next
line starts in lower case (it continues the sentence), or the paragraph is
hard-wrapped: at least half of its such breaks continue in lower case; then
every break after a prose-like line is a wrap. Short lines (menus, lists,
captions) are never joined.
"""

from __future__ import annotations

import re

#: A line needs this many words and characters before its break can be a wrap (menu and list
#: items are shorter; a line wrapped at 40 columns may hold three long words).
MIN_WORDS = 3
MIN_CHARS = 20

# Sentence-final punctuation (or a colon introducing what follows), closing quotes/brackets allowed.
_ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’»)\]]*$")


def _breaks(lines: list[str]) -> list[bool]:
    """Per break between ``lines[k]`` and ``lines[k + 1]``: whether it is a wrap to rejoin."""
    prose = [len(line.split()) >= MIN_WORDS and len(line) >= MIN_CHARS for line in lines[:-1]]
    open_ = [p and not _ENDS_SENTENCE.search(line) for p, line in zip(prose, lines, strict=False)]
    lower = [o and nxt[:1].islower() for o, nxt in zip(open_, lines[1:], strict=True)]
    # In a hard-wrapped paragraph a line also ends where a sentence happens to end.
    wrapped = any(lower) and 2 * sum(lower) >= sum(open_)
    return [lo or (p and wrapped) for p, lo in zip(prose, lower, strict=True)]


def unwrap_lines(text: str) -> str:
    r"""``text`` with mid-sentence line breaks inside paragraphs replaced by spaces.

    Paragraphs (separated by blank lines) and every other line break are
    kept; ``text`` is expected with ``\n`` line ends and stripped lines, as
    :func:`~analyzer.ingest.boilerplate.normalize_whitespace` leaves it.
    """
    paragraphs = text.split("\n\n")
    out = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        if len(lines) < 2:
            out.append(paragraph)
            continue
        joined = [lines[0]]
        for line, wrap in zip(lines[1:], _breaks(lines), strict=True):
            if wrap:
                joined[-1] = f"{joined[-1]} {line}"
            else:
                joined.append(line)
        out.append("\n".join(joined))
    return "\n\n".join(out)
