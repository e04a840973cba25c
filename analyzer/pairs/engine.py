"""The pair engine: the relation between two articles and its evidence.

:class:`Engine` holds the loaded embedding model and the relation model, so a
caller comparing many pairs loads each once; :func:`compare` is the one-call
form that makes a fresh engine (about a second of model loading).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analyzer.article import Article
from analyzer.config import SPUN_MIN_COVERAGE, SPUN_MIN_SENTENCES
from analyzer.embed.sentence import SentenceEncoder
from analyzer.ingest.from_text import article_from_text
from analyzer.ingest.read import read_one_article
from analyzer.pairs.direction import decide_direction
from analyzer.pairs.evidence import RELATION_FEATURES, PairEvidence, pair_evidence
from analyzer.pairs.model import RelationModel
from analyzer.pairs.profile import ArticleProfile, build_profiles
from analyzer.pairs.result import PairResult
from analyzer.pairs.short_texts import (
    SHORT_TEXT_FEATURES,
    SHORT_TEXT_SENTENCES,
    ShortTextClassifier,
    is_short_pair,
)
from analyzer.verdicts import DERIVED, RELATIONS


def explain(relation: str, f: dict[str, float], n_subs: int, n_facts: int) -> tuple[str, ...]:
    """Plain-language reasons for a relation, from the features that drive it."""
    cov = f"{f['coverage_max']:.0%} of one article's own sentences and {f['coverage_min']:.0%} of the other's"
    shared5 = f"{f['shingle5_containment_max']:.0%} of word 5-grams shared"
    if relation == "copy":
        return (
            f"near-verbatim: {shared5}; aligned sentences are {f['link_lexical']:.0%} alike in wording",
            f"{cov} align",
        )
    if relation == "spun":
        out = [
            f"reworded, not copied: {cov} align with similar meaning "
            f"({f['link_similarity']:.2f} mean cosine) but only {shared5}",
            f"the order of the text is kept: {f['ordered_share']:.0%} of links on one ordered chain, "
            f"{f['run_share']:.0%} in runs",
            f"names, numbers and rare words recur in order ({f['anchor_sequence']:.0%} sequence similarity)",
        ]
        if n_subs:
            out.append(f"{n_subs} word or phrase substitutions found in aligned sentences")
        if n_facts:
            out.append(f"{n_facts} facts changed between aligned sentences")
        return tuple(out)
    if relation == "same_story":
        quote = (f"; {f['quote_link_share']:.0%} of the links are shared quotations"
                 if f["quote_link_share"] > 0 else "")
        return (
            f"same subject (document similarity {f['doc_cosine']:.2f}) but written independently: "
            f"only {cov} align{quote}",
            f"{shared5}; names and numbers overlap {f['anchor_sequence']:.0%}",
        )
    return (
        f"different subjects: document similarity {f['doc_cosine']:.2f}, "
        f"names and numbers overlap {f['anchor_sequence']:.0%}",
    )


@dataclass
class Engine:
    """The pair engine with its models loaded once.

    ``encoder`` embeds sentences (and caches them for the engine's lifetime);
    ``model`` is the relation model (the shipped one by default); ``facts``
    extracts checkable facts for the scores.
    """

    encoder: SentenceEncoder = field(default_factory=SentenceEncoder)
    model: RelationModel = field(default_factory=RelationModel.load)
    _facts: Any = field(default=None, init=False, repr=False)

    @property
    def facts(self) -> Any:
        """The fact extractor (spaCy pipeline), loaded on first use."""
        if self._facts is None:
            from analyzer.facts.extract import FactExtractor

            self._facts = FactExtractor()
        return self._facts

    def profile(self, articles: Sequence[Article], show_progress: bool = False,
                sentences: Sequence[Sequence[Any] | None] | None = None) -> list[ArticleProfile]:
        """Profiles of ``articles``, encoding each distinct sentence once.

        ``sentences`` may give articles' sentences split before (see :func:`build_profiles`).
        """
        return build_profiles(articles, self.encoder, show_progress=show_progress, sentences=sentences)

    def decide(self, a: ArticleProfile, b: ArticleProfile,
               evidence: PairEvidence | None = None) -> PairResult:
        """The verdict on two profiled articles."""
        ev = evidence or pair_evidence(a, b)
        # A plain array row: a one-row DataFrame costs more than the model itself.
        row = np.array([[ev.features[name] for name in RELATION_FEATURES]], dtype=float)
        proba = self.model.relation.predict_proba(row)[0]
        probabilities = {str(c): round(float(p), 4) for c, p in zip(self.model.relation.classes_,
                                                                     proba, strict=True)}
        probabilities = {r: probabilities.get(r, 0.0) for r in RELATIONS}
        relation = max(probabilities, key=lambda r: probabilities[r])
        guard: tuple[str, ...] = ()
        n_aligned = int(ev.alignment["a_index"].nunique()) if len(ev.alignment) else 0
        short = self.model.short_text
        if short is not None and is_short_pair(len(a.sentences), len(b.sentences)):
            relation, probabilities, guard = short_verdict(short, ev.features, probabilities,
                                                           min(len(a.words), len(b.words)))
        elif relation == "spun" and ev.features["coverage_max"] < SPUN_MIN_COVERAGE:
            relation = max((r for r in RELATIONS if r != "spun"), key=lambda r: probabilities[r])
            guard = (f"not called spun although the model leans that way: only "
                     f"{ev.features['coverage_max']:.0%} of either article's own sentences align "
                     f"with the other (a spin rewrites most of a text; needs {SPUN_MIN_COVERAGE:.0%})",)
        elif relation == "spun" and n_aligned < SPUN_MIN_SENTENCES:
            relation = max((r for r in RELATIONS if r != "spun"), key=lambda r: probabilities[r])
            guard = (f"not called spun although the model leans that way: only {n_aligned} sentence "
                     f"aligns, too little text to tell a spin from a shared line (needs "
                     f"{SPUN_MIN_SENTENCES})",)
        if relation in DERIVED:
            d = decide_direction(a.article, b.article, ev.direction, self.model.direction)
            original, p_dir, dir_reasons = d.original, round(d.probability_a, 4), d.reasons
        else:
            original, p_dir, dir_reasons = None, None, ()
        return PairResult(
            a_id=a.id,
            b_id=b.id,
            relation=relation,
            spin_probability=probabilities["spun"],
            probabilities=probabilities,
            original=original,
            direction_probability=p_dir,
            reasons=(explain(relation, ev.features, len(ev.substitutions), len(ev.fact_changes)) + guard
                     + disguise_reasons(a.article, b.article)),
            direction_reasons=tuple(dir_reasons),
            alignment=ev.alignment,
            substitutions=ev.substitutions,
            fact_changes=ev.fact_changes,
            features={**ev.features, **ev.direction},
        )

    def compare(self, a: Article | str | os.PathLike, b: Article | str | os.PathLike) -> PairResult:
        """Compare two articles, given as articles, bare texts or paths of one-article files."""
        pa, pb = self.profile([as_article(a, "a"), as_article(b, "b")])
        return self.decide(pa, pb)


#: Below this many words in the shorter text, short texts sharing no name, number or rare word
#: are not called rewrites.
BARE_SHORT_WORDS = 10

#: Character n-gram cosine from which two short snippets count as the same text.
SAME_SNIPPET_COSINE = 0.98


def short_verdict(short: ShortTextClassifier, features: dict[str, float],
                  probabilities: dict[str, float],
                  min_words: int = BARE_SHORT_WORDS) -> tuple[str, dict[str, float], tuple[str, ...]]:
    """Relation of a pair of short texts, its probabilities, and the reason.

    The short-text model says how likely the two say the same thing; the
    relation model still splits that between copy and spun, and the rest
    between same story and unrelated.
    """
    row = np.array([[features[name] for name in SHORT_TEXT_FEATURES]], dtype=float)
    p = float(short.predict_proba(row)[0, 1])
    # Two snippets of common words share them by chance ("Council vote budget." and "Budget
    # council vote."): under BARE_SHORT_WORDS words, a rewrite must keep something specific,
    # a name, a number or a rare word. (Applied to longer texts too, it cost MRPC 0.08 of F1.)
    # The same snippet twice (or nearly) is a copy, not a rewrite.
    same = min_words < BARE_SHORT_WORDS and features["char_doc_cosine"] >= SAME_SNIPPET_COSINE
    bare = min_words < BARE_SHORT_WORDS and features["anchor_containment"] <= 0.0 and not same
    if bare:
        p = min(p, 0.5 * short.threshold)
    # Rescaled so that the verdict flips at the model's threshold, not at 0.5.
    t = short.threshold
    derived_mass = 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1 - t)
    derived = ({"copy": 1.0, "spun": 0.0} if same else {r: probabilities[r] for r in DERIVED})
    other = {r: probabilities[r] for r in RELATIONS if r not in DERIVED}
    out = {**_spread(derived, derived_mass), **_spread(other, 1.0 - derived_mass)}
    verdict = "a paraphrase" if p >= t else "not a paraphrase"
    reason = (f"short texts (at most {SHORT_TEXT_SENTENCES} sentences each) are judged on what two sentences "
              f"carry: {verdict}, {p:.0%} likely (the short-text model decides at {t:.0%})"
              + ("; they share no name, number or rare word, too little to tell a rewrite" if bare else ""))
    pool = derived if p >= t else other
    return max(pool, key=lambda r: pool[r]), {r: out[r] for r in RELATIONS}, (reason,)


def _spread(shares: dict[str, float], mass: float) -> dict[str, float]:
    """``mass`` split over ``shares`` in proportion (evenly when they are all zero), to 4 places."""
    total = sum(shares.values())
    if total <= 0:
        return {r: round(mass / len(shares), 4) for r in shares}
    return {r: round(mass * v / total, 4) for r, v in shares.items()}


def disguise_reasons(a: Article, b: Article) -> tuple[str, ...]:
    """What each text hid from copy detectors (undone before comparing), since hiding is itself a finding."""
    return tuple(f"{article.id} hid its text from copy detectors (undone before comparing): {d.describe()}"
                 for article in (a, b) for d in article.disguises if d.evasive)


def as_article(value: Article | str | os.PathLike, default_id: str) -> Article:
    """An article from an :class:`Article`, a path (``Path``, or a one-line string naming a file), or text.

    A string is a path only when it is one line and names an existing file,
    so article text is never mistaken for a path. A file must hold exactly
    one usable article.
    """
    if isinstance(value, Article):
        return value
    if isinstance(value, os.PathLike) or (
            isinstance(value, str) and "\n" not in value and len(value) < 4096 and Path(value).is_file()):
        return read_one_article(value)
    return article_from_text(value, id=default_id)


def compare(a: Article | str | os.PathLike, b: Article | str | os.PathLike, *,
            engine: Engine | None = None) -> PairResult:
    """Compare two articles: relation, spin probability, original, and the evidence.

    ``a`` and ``b`` are articles, bare texts, or paths of one-article files.

    Without ``engine``, loads the models for this call; pass an :class:`Engine`
    to compare many pairs.
    """
    return (engine or Engine()).compare(a, b)
