"""Identical texts, compared once: n copies of one text cost one comparison, not n(n-1)/2.

Wire copies, mirrors and re-crawls arrive as many inputs with one body. The
pair engine would compare every two of them, and every one of them with every
other article, for verdicts that are the same by construction. So inputs are
grouped by their canonical text (after ingest, look-alike letters undone);
each group's first member is profiled and compared as its representative,
and every other member gets:

- its verdict against the representative (an identical copy), the evidence
  computed once per group;
- the representative's verdict against every article the representative is
  related to (not ``unrelated``), on the same evidence.

Only the verdict's direction is decided again per member, since dates,
stated order and credits belong to each input. Pairs of two non-representative
members of one group are not listed: each is tied to the representative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analyzer.article import Article
from analyzer.pairs.profile import ArticleProfile


@dataclass(frozen=True)
class IdenticalGroups:
    """Inputs grouped by text: ``representatives[k]`` indexes the articles; ``members[k]`` the rest."""

    representatives: tuple[int, ...]
    members: tuple[tuple[int, ...], ...]

    @property
    def n_duplicates(self) -> int:
        """Inputs that repeat another input's text."""
        return sum(len(m) for m in self.members)

    def describe(self, articles: Sequence[Article]) -> list[str]:
        """A sentence per group of copies, for the run's notes."""
        notes = []
        for rep, members in zip(self.representatives, self.members, strict=True):
            if members:
                n = len(members)
                notes.append(f"{n} input{'s' if n != 1 else ''} repeat{'s' if n == 1 else ''} the text of "
                             f"{articles[rep].id} exactly: compared once, each tied to {articles[rep].id}")
        return notes


def group_identical(articles: Sequence[Article]) -> IdenticalGroups:
    """Group articles whose bodies are equal, in input order (the first of each is its representative)."""
    first: dict[str, int] = {}
    members: dict[int, list[int]] = {}
    for i, article in enumerate(articles):
        rep = first.setdefault(article.text, i)
        members.setdefault(rep, [])
        if rep != i:
            members[rep].append(i)
    reps = tuple(members)
    return IdenticalGroups(reps, tuple(tuple(members[r]) for r in reps))


def member_profiles(articles: Sequence[Article], groups: IdenticalGroups,
                    representative_profiles: Sequence[ArticleProfile]) -> list[ArticleProfile]:
    """A profile for every article, in input order; members share their representative's arrays."""
    out: list[ArticleProfile | None] = [None] * len(articles)
    for rep, members, profile in zip(groups.representatives, groups.members, representative_profiles,
                                     strict=True):
        out[rep] = profile
        for m in members:
            out[m] = replace(profile, article=articles[m])
    return [p for p in out if p is not None]
