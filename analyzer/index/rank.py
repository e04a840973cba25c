"""Rank new articles by originality against a corpus index, naming the source of derived ones.

For each new article, :meth:`CorpusIndex.search <analyzer.index.corpus.CorpusIndex.search>`
proposes the ``top_k`` indexed articles most likely to share text with it
(MinHash LSH over anchors and word 5-grams, nearest static vectors). A cheap
screen keeps only candidates whose anchor Jaccard or 5-gram containment
reaches ``screen_min`` (an article on another subject shares neither), and
the full pair engine (:class:`~analyzer.pairs.engine.Engine`, the full
sentence model) decides on the best ``compare_k`` of those. Originality has
the meaning it has in :func:`~analyzer.analysis.analyze`: the share of the
article's own sentences not derived from an indexed article
(:mod:`analyzer.scores.originality`), so a new article's score depends on the
indexed articles it was compared with, not on the other new ones.

Cost: the candidate stage takes milliseconds; the engine stage splits and
encodes the new article and each compared candidate with the full model
(~2 ms per sentence with onnx-int8 on 2 cores, ~7 ms with torch; cached
per engine) and runs the pair engine (~5 ms a pair), so it dominates and
does not grow with the size of the index. An index built with sentence
vectors (:mod:`analyzer.index.sentence_store`) spares the candidates' share: their
sentences come split, and encoded when its sentence model is the engine's;
what is left is the new article's own splitting and encoding, which no
design that decides on the full model avoids.
"""

from __future__ import annotations

import math
import os
import time
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from analyzer.article import Article
from analyzer.config import RANK_COMPARE_K, RANK_SCREEN_MIN
from analyzer.index.corpus import CorpusIndex
from analyzer.ingest.read import read_inputs
from analyzer.pairs.engine import Engine
from analyzer.pairs.profile import ArticleProfile
from analyzer.pairs.result import PairResult
from analyzer.scores.originality import derived_sentences, originality_scores, own_sentences
from analyzer.verdicts import DERIVED

#: Columns of :func:`rank`. Timings stay out (they are in :func:`rank_article`'s rows, for the
#: benchmark), so the same input gives the same table, byte for byte.
RANK_COLUMNS = [
    "id", "title", "source", "status", "originality", "nearest_id", "nearest_source", "relation",
    "spin_probability", "original_id", "shared", "evidence", "reason", "candidates", "compared",
]

_VERB = {"spun": "spun from", "copy": "copied from"}


def _label(article_id: str, source: str | None) -> str:
    return f"{article_id} ({source})" if source else article_id


def _query_coverage(result: PairResult, own: set[int]) -> float:
    """Share of the new article's (side ``a``) own sentences aligned with the candidate."""
    if not own or not len(result.alignment):
        return 0.0
    return len(own & set(result.alignment["a_index"].astype(int))) / len(own)


def evidence_line(result: PairResult, source: str | None, own_sentences: set[int]) -> str:
    """One readable line of evidence for the verdict on (new article ``a``, indexed article ``b``)."""
    other = _label(result.b_id, source)
    f = result.features
    aligned = f"{_query_coverage(result, own_sentences):.0%} of sentences aligned"
    if result.relation in DERIVED:
        details = [aligned]
        if result.relation == "copy":
            details.insert(0, f"{f['shingle5_containment_max']:.0%} of word 5-grams shared")
        if len(result.substitutions):
            details.append(f"{len(result.substitutions):,} substitutions")
        for fact in result.fact_changes.drop_duplicates(["original", "changed"]).head(2).itertuples():
            details.append(f"{fact.changed} -> {fact.original}")
        if result.original == "a":
            head = f"{other} is {_VERB[result.relation].replace(' from', '')} from this article"
        elif result.original == "b":
            head = f"{_VERB[result.relation]} {other}"
        else:
            what = "a rewrite" if result.relation == "spun" else "a copy"
            head = f"one is {what} of the other with {other}; the text does not tell which came first"
        return f"{head}: {', '.join(details)}"
    if result.relation == "same_story":
        return (f"same story as {other}, written independently: {aligned}, "
                f"document similarity {f['doc_cosine']:.2f}")
    return (f"nothing derived found; nearest {other} is unrelated "
            f"(names and numbers overlap {f['anchor_sequence']:.0%})")


def _choose(engine: Engine, results: Sequence[PairResult], profiles: Sequence[ArticleProfile],
            own: set[int]) -> PairResult:
    """The most telling verdict: derived from an indexed article, then derived, same story, unrelated.

    Among the candidates the new article derives from (its *sources*), one
    that is itself derived from another source is a middleman: a spin of a
    spin finds both the source and the first spin in the index, and when the
    new article rewords the middleman, the wording it carries is the other's,
    so the other wins. A verbatim copy of a middleman still names the
    middleman: that is the text it took. Sources are checked best first and
    only as far as needed (each check runs the engine on two candidates).
    """
    def rank_key(r: PairResult) -> tuple:
        return (r.relation in DERIVED, r.relation == "same_story", _query_coverage(r, own),
                r.probabilities.get(r.relation, 0.0))

    sources = [r for r in results if r.relation in DERIVED and r.original != "a"]
    if not sources:
        return max(results, key=rank_key)
    profile_of = {p.id: p for p in profiles}
    position = {r.b_id: k for k, r in enumerate(results)}
    verdicts: dict[tuple[str, str], PairResult] = {}

    def middleman(r: PairResult) -> bool:
        for other in sources:
            if other is r:
                continue
            first, second = sorted((r.b_id, other.b_id), key=position.__getitem__)
            if (first, second) not in verdicts:
                verdicts[first, second] = engine.decide(profile_of[first], profile_of[second])
            verdict = verdicts[first, second]
            if verdict.relation in DERIVED and verdict.derived_id == r.b_id:
                return True
        return False

    ranked = sorted(sources, key=rank_key, reverse=True)  # stable: ties keep the candidates' order
    return next((r for r in ranked if r.relation != "spun" or not middleman(r)), ranked[0])


def _skipped_row(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "source": article.source, "status": article.status,
            "originality": math.nan, "nearest_id": None, "nearest_source": None, "relation": None,
            "spin_probability": math.nan, "original_id": None, "shared": math.nan, "evidence": "",
            "reason": article.reason or "not readable", "candidates": 0, "compared": 0,
            "candidate_ms": math.nan, "engine_ms": math.nan}


def rank_article(article: Article, index: CorpusIndex, engine: Engine, *, top_k: int = 10,
                 compare_k: int = RANK_COMPARE_K, screen_min: float = RANK_SCREEN_MIN) -> dict[str, Any]:
    """The :func:`rank` row of one readable article (timings in ``candidate_ms`` and ``engine_ms``)."""
    started = time.perf_counter()
    # An indexed article with the same id is this article only if its text is the same too:
    # ids are names (a spin saved under its source's file name is not its source).
    same = article.id in index and index.article(article.id).text == article.text
    candidates = index.search(article, top_k=top_k, exclude=article.id if same else None)
    screen = candidates[candidates[["anchor_jaccard", "shingle_containment"]].max(axis=1) >= screen_min]
    screened = screen.head(compare_k)
    candidate_ms = (time.perf_counter() - started) * 1000
    row = {"id": article.id, "title": article.title, "source": article.source, "status": "ok",
           "reason": None, "candidates": len(candidates), "compared": len(screened),
           "candidate_ms": round(candidate_ms, 2)}
    if screened.empty:
        best = (f" (best candidate {_label(candidates.iloc[0]['id'], candidates.iloc[0]['source'])}: "
                f"names and numbers {candidates.iloc[0]['anchor_jaccard']:.0%} alike, "
                f"word 5-grams {candidates.iloc[0]['shingle_containment']:.0%} shared)"
                if len(candidates) else "")
        return {**row, "originality": 100.0, "nearest_id": None, "nearest_source": None,
                "relation": "unrelated", "spin_probability": math.nan, "original_id": None,
                "shared": 0.0, "engine_ms": 0.0,
                "evidence": "no indexed article shares enough names, numbers or wording" + best}
    started = time.perf_counter()
    others = [index.article(i) for i in screened["id"]]
    # Stored sentences and their vectors, when the index keeps them: only the new article is
    # split and encoded.
    index.prime(engine.encoder, [o.id for o in others])
    stored = [index.stored_sentences(o.id) for o in others]
    profiles = engine.profile([article, *others], sentences=[None, *stored])
    query = profiles[0]
    results = [engine.decide(query, p) for p in profiles[1:]]
    by_id = {p.id: p for p in profiles}
    scores = originality_scores({query.id: query}, derived_sentences(results, by_id)).iloc[0]
    own = own_sentences(query)
    best = _choose(engine, results, profiles[1:], own)
    source = index.article(best.b_id).source
    engine_ms = (time.perf_counter() - started) * 1000
    return {**row, "originality": float(scores["originality"]), "nearest_id": best.b_id,
            "nearest_source": source, "relation": best.relation,
            "spin_probability": best.spin_probability, "original_id": best.original_id,
            "shared": round(100.0 * _query_coverage(best, own), 2) if best.relation in DERIVED
            else 0.0,
            "evidence": evidence_line(best, source, own), "engine_ms": round(engine_ms, 2)}


def rank(
    new: Iterable[str | os.PathLike | Article] | str | os.PathLike,
    *,
    index: CorpusIndex | None = None,
    corpus: Iterable[str | os.PathLike | Article] | str | os.PathLike | None = None,
    engine: Engine | None = None,
    top_k: int = 10,
    compare_k: int = RANK_COMPARE_K,
    screen_min: float = RANK_SCREEN_MIN,
) -> pd.DataFrame:
    """New articles sorted by originality against an index (or a one-off corpus), least original first.

    ``new`` are paths (files, folders) or :class:`Article` objects; give
    exactly one of ``index`` (a :class:`CorpusIndex`) or ``corpus`` (paths
    or articles, indexed for this call). One row per new article, skipped
    ones included (``status``, ``reason``; they sort last). Columns
    :data:`RANK_COLUMNS`: ``originality`` (0–100, as in :func:`analyze`),
    the ``nearest_id`` / ``nearest_source`` indexed article with the
    ``relation``, ``spin_probability`` and ``original_id`` the pair engine
    found (``original_id`` is empty when the text does not tell which came
    first: then originality loses nothing, and ``shared``, the share of the
    new article's own sentences found in a copy or rewrite of it, still
    ranks it), ``evidence`` in one line, and the candidate and engine time. An
    indexed article with the same id and the same text as a new one is taken
    to be that article and is not its candidate (the same id with another
    text is a candidate like any other: ids are names, not proof). Without an ``engine``, an index that
    keeps sentence vectors is ranked with the model and backend that made
    them, any other with the default engine.
    """
    if (index is None) == (corpus is None):
        raise ValueError("rank needs exactly one of index= (a CorpusIndex) or corpus= (paths or articles)")
    if top_k < 1 or compare_k < 0:
        raise ValueError(f"top_k must be at least 1 and compare_k at least 0, got {top_k} and {compare_k}")
    if index is None:
        index = CorpusIndex.build(corpus)  # type: ignore[arg-type]
    if engine is None:  # the model of the stored sentence vectors, when the index keeps them
        engine = Engine(encoder=index.sentence_encoder()) if index.sentence_model else Engine()
    index.prepare()
    if index.sentence_model is not None and not index.sentence_vectors_match(engine.encoder):
        warnings.warn(
            f"the index keeps sentence vectors made by {index.sentence_model['name']} "
            f"({index.sentence_model['backend']}), but the engine uses {engine.encoder.name} "
            f"({engine.encoder.backend}); candidates are encoded again on every query (slower). "
            f"Rank with --backend {index.sentence_model['backend']} to use them",
            stacklevel=2,
        )
    rows = [rank_article(a, index, engine, top_k=top_k, compare_k=compare_k, screen_min=screen_min)
            if a.ok else _skipped_row(a) for a in read_inputs(new)]
    df = pd.DataFrame(rows, columns=RANK_COLUMNS)
    df["_skipped"] = df["status"] != "ok"
    df["_spin"] = df["spin_probability"].fillna(-1.0)
    df = df.sort_values(["_skipped", "originality", "shared", "_spin", "id"],
                        ascending=[True, True, False, False, True])
    return df.drop(columns=["_skipped", "_spin"]).reset_index(drop=True)
