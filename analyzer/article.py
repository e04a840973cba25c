"""The article record every stage of the pipeline passes along."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Literal

Status = Literal["ok", "skipped"]


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

    def with_warning(self, message: str) -> Article:
        """A copy of the article with one more warning attached."""
        return replace(self, warnings=(*self.warnings, message))


def text_id(text: str) -> str:
    """A stable id for an article given as bare text (content hash)."""
    return "text-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
