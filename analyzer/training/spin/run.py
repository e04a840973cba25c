"""The state of one spin: its random stream, lexicon and records, shared by every spinning step.

It lives apart from :class:`~analyzer.training.spin.spinner.Spinner`, so the steps take it
without importing the orchestrator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from analyzer.training.spin.segment import (
    case_like,
)
from analyzer.training.spin.vocabulary import STOPWORDS
from analyzer.training.spin.wordnet import WordNet

#: The operations a spin counts, in the order ``SpinResult.operations`` lists them.
OPERATIONS = (
    "synonym_swap", "phrase_swap", "collocation_swap", "clause_reorder", "attribution_move",
    "passive_flip", "sentence_split", "sentence_merge", "fact_drift", "acronym_error",
    "pronoun_slip", "possessive_flip", "tense_shift", "filler_insert", "boilerplate_drop",
    "quote_drop", "double_spin",
)  # fmt: skip


@dataclass(frozen=True)
class SpinResult:
    """A spun article and a record of what the spinner did to it.

    ``substitutions`` pairs each replaced word or phrase with its replacement,
    in output order; each replacement occurs in ``text`` (capitalisation may
    differ). ``facts_changed`` lists factual distortions (units, numbers,
    acronym expansions) as (original, distorted) strings. ``operations`` counts
    the operations applied, as ``"name:count"``, for documenting a benchmark.
    """

    text: str
    substitutions: tuple[tuple[str, str], ...] = ()
    facts_changed: tuple[tuple[str, str], ...] = ()
    operations: tuple[str, ...] = ()


@dataclass
class SpinRun:
    """State of one ``spin`` call: the random stream, the lexicon and the records.

    Passed to every step in the ``spin_*`` modules; internal to the spinner,
    not part of the package's public surface.
    """

    rng: random.Random
    wordnet: WordNet
    rate: float
    quote_leak: float
    names: set[str]
    substitutions: list[tuple[str, str]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OPERATIONS, 0))
    zipf: dict[str, float] = field(default_factory=dict)

    def is_name(self, word: str) -> bool:
        """Whether a capitalised ``word`` is a proper name rather than a capitalised common word."""
        lower = word.lower()
        if lower in STOPWORDS:
            return False
        if lower in self.names or (len(word) > 1 and word.isupper()):
            return True
        return word[:1].isupper() and not self.wordnet.is_common(word.lower())

    def frequency(self, phrase: str) -> float:
        """Zipf frequency of ``phrase`` in English, cached for the run."""
        if phrase not in self.zipf:
            self.zipf[phrase] = zipf_frequency(phrase, "en")
        return self.zipf[phrase]

    def replace(
        self, tokens: list[str], first: int, last: int, new: str, operation: str, *, match_case: bool = True
    ) -> None:
        """Put ``new`` in place of tokens first..last and record the substitution as ``operation``."""
        old = "".join(tokens[first : last + 1])
        if match_case:
            new = case_like(old, new)
        tokens[first] = new
        for j in range(first + 1, last + 1):
            tokens[j] = ""
        if first >= 2 and tokens[first - 1] == " " and tokens[first - 2].lower() in ("a", "an"):
            article = "an" if new[:1].lower() in "aeiou" else "a"
            tokens[first - 2] = case_like(tokens[first - 2], article)
        self.substitutions.append((old, new))
        self.counts[operation] += 1
