"""What a plain-text file says about itself: header lines or YAML front matter before the title.

A ``.txt`` file has no metadata of its own, so a user who knows when and where
an article was published writes it at the top, in either form::

    Published: 2022-09-26T19:14:00-04:00        ---
    Outlet: Associated Press                    published: 2022-09-26
    URL: https://apnews.com/...                 outlet: Associated Press
                                                ---
    Headline of the article                     Headline of the article

The header is the block before the first blank line when *every* line of it
is ``Key: value`` with a known key, so an article whose first line happens to
contain a colon keeps it. Known keys (any case): ``published`` or ``date``;
``outlet``, ``source`` or ``publisher``; ``url`` or ``link``; ``title`` or
``headline``. Nothing else is read, and no value is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Header keys and the article field each one fills.
HEADER_KEYS = {
    "published": "published", "date": "published",
    "outlet": "source", "source": "source", "publisher": "source",
    "url": "url", "link": "url",
    "title": "title", "headline": "title",
}

_LINE = re.compile(r"^\s*(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*?)\s*$")
_FENCE = "---"


@dataclass(frozen=True)
class Header:
    """The fields a header gave (``published``, ``source``, ``url``, ``title``) and the text after it."""

    fields: dict[str, str]
    body: str


def split_header(text: str) -> Header:
    """The header of a plain-text article, if it has one, and the rest of the text."""
    stripped = text.lstrip("\ufeff")
    lines = stripped.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Header({}, text)
    if lines[first].strip() == _FENCE:
        end = next((k for k in range(first + 1, len(lines)) if lines[k].strip() == _FENCE), None)
        if end is None:
            return Header({}, text)
        block, rest = lines[first + 1 : end], lines[end + 1 :]
        fields = _fields(block, allow_blank=True)
    else:
        end = next((k for k in range(first, len(lines)) if not lines[k].strip()), len(lines))
        block, rest = lines[first:end], lines[end:]
        fields = _fields(block, allow_blank=False)
    if fields is None or not rest or not "\n".join(rest).strip():
        return Header({}, text)
    return Header(fields, "\n".join(rest))


def _fields(block: list[str], *, allow_blank: bool) -> dict[str, str] | None:
    """The fields of a header block, or None when any line is not a known ``Key: value``."""
    fields: dict[str, str] = {}
    for line in block:
        if not line.strip() and allow_blank:
            continue
        match = _LINE.match(line)
        if match is None or match["key"].lower() not in HEADER_KEYS:
            return None
        value = match["value"].strip().strip("\"'")
        if value:
            fields.setdefault(HEADER_KEYS[match["key"].lower()], value)
    return fields or None
