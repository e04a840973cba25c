"""The article record every stage of the pipeline passes along."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Literal

Status = Literal["ok", "skipped"]

#: Tricks whose presence says a text was disguised on purpose (not typography or a CMS).
EVASIONS = frozenset({"look-alike letters", "styled letters"})

#: Disguised words from which a text counts as disguised on purpose (a stray one may be a typo).
EVASION_MIN_WORDS = 3


@dataclass(frozen=True)
class Disguise:
    """One way a text hid its words from copy detectors, undone at ingest.

    ``count`` words were affected; ``examples`` are some of them as written
    (shown escaped, since on screen they read as the plain word); ``scripts``
    the writing systems the look-alike letters came from.
    """

    trick: str
    count: int
    examples: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()

    @property
    def evasive(self) -> bool:
        """Whether the trick only serves to fool a detector (as opposed to typography)."""
        return self.trick in EVASIONS and self.count >= EVASION_MIN_WORDS

    def describe(self) -> str:
        """One sentence for a reader, the original characters shown as escapes."""
        one = self.count == 1
        words = f"{self.count} word{'' if one else 's'} {'uses' if one else 'use'}"
        shown = ", ".join(f"'{escape_unusual(w)}'" for w in self.examples)
        if self.trick == "look-alike letters":
            scripts = " and ".join(s.title() for s in self.scripts) or "other-script"
            what = f"{words} {scripts} look-alike letters"
        elif self.trick == "styled letters":
            what = f"{words} full-width or styled letters"
        else:
            what = (f"{self.count} word{'' if one else 's'} {'holds' if one else 'hold'} invisible "
                    "format characters (zero-width, soft hyphen, bidi)")
        return f"{what}, e.g. {shown}" if shown else what

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"trick": self.trick, "count": self.count, "examples": list(self.examples),
                "scripts": list(self.scripts)}


def escape_unusual(word: str) -> str:
    """``word`` with every character outside printable ASCII as a ``\\uXXXX`` escape."""
    return "".join(ch if " " <= ch <= "~" else (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF
                                                 else f"\\U{ord(ch):08x}") for ch in word)


@dataclass(frozen=True)
class Article:
    """One news article, as read and cleaned by ingest.

    ``text`` is the article body only: boilerplate (menus, sign-up blurbs,
    related-link lists, "Comment Here"), photo credits and attribution lines
    are removed from it and kept in their own fields so that nothing read is
    lost. ``source`` is the publisher as declared by the input's metadata, or
    else by an attribution line in the text ("Source: Opera News").
    ``published`` is the publication time as the input gave it (never
    guessed), and ``published_from`` says where it was read: ``"file header"``,
    ``"HTML meta article:published_time"``, ``"CSV field 'published'"``,
    ``"given by the caller"``... ``order`` is the article's place in an
    order of publication the user stated (``analyzer --order``; smaller came
    first), for inputs that carry no dates. ``status`` is ``"skipped"`` (with ``reason``)
    for inputs that could not be analysed; they still travel through every
    output so none disappears.
    """

    id: str
    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    published_from: str | None = None
    order: int | None = None
    attribution: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    disguises: tuple[Disguise, ...] = ()
    encoding: str | None = None
    language: str | None = None
    status: Status = "ok"
    reason: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def ok(self) -> bool:
        """Whether the article can be analysed."""
        return self.status == "ok"

    @property
    def n_words(self) -> int:
        """Number of whitespace-separated words in the body."""
        return len(self.text.split())

    def declared(self, kind: str) -> list[str]:
        """Values of one kind of attribution entry ("origin", "publisher", "self", "byline")."""
        return [e.split(":", 1)[1].strip() for e in self.attribution
                if ":" in e and e.split(":", 1)[0].strip() == kind]

    @property
    def outlet(self) -> str | None:
        """The outlet the article belongs to: metadata source, declared publisher, or self-naming."""
        for candidate in (self.source, *self.declared("publisher"), *self.declared("self")):
            if candidate and candidate.strip():
                return candidate.strip()
        return None

    @property
    def evasive(self) -> bool:
        """Whether the text was disguised to fool copy detectors (look-alike or styled letters)."""
        return any(d.evasive for d in self.disguises)

    def with_warning(self, message: str) -> Article:
        """A copy of the article with one more warning attached."""
        return replace(self, warnings=(*self.warnings, message))


def text_id(text: str) -> str:
    """A stable id for an article given as bare text (content hash)."""
    return "text-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
