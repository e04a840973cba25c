"""The evidence for one pair of articles: alignment, differences and features.

:func:`pair_evidence` is the whole pair engine short of the decision: it
aligns the two articles' sentences, extracts substitutions and changed facts
from the aligned pairs, and summarises both model families (n-gram and
embedding) as a flat feature dict that the relation model reads. Features are
symmetric in ``a`` and ``b``; the signed ``direction`` features say which side
looks like the original.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analyzer.pairs.align import ALIGNMENT_COLUMNS, IDENTICAL_LEXICAL, align_links, longest_ordered_share
from analyzer.pairs.direction_signs import direction_features
from analyzer.pairs.profile import ArticleProfile
from analyzer.pairs.substitutions import collect_differences
from analyzer.text.ngrams import (
    char_tfidf_similarity,
    containment,
    jaccard,
    sequence_containment,
    sequence_similarity,
)

#: Features the relation model reads, in a fixed order (the model file records it too).
RELATION_FEATURES = [
    "shingle5_containment_max",
    "shingle5_containment_min",
    "shingle5_jaccard",
    "shingle3_jaccard",
    "char_doc_cosine",
    "doc_cosine",
    "anchor_sequence",
    "anchor_containment",
    "coverage_min",
    "coverage_max",
    "soft_coverage",
    "link_similarity",
    "link_lexical",
    "verbatim_share",
    "identical_share",
    "quote_link_share",
    "run_share",
    "ordered_share",
    "semantic_lexical_gap",
    "length_ratio",
]



@dataclass(frozen=True)
class PairEvidence:
    """Everything the engine found between two articles, before deciding."""

    alignment: pd.DataFrame
    substitutions: pd.DataFrame
    fact_changes: pd.DataFrame
    features: dict[str, float]
    direction: dict[str, float]


def _coverage(indices: set[int], usable: np.ndarray, quotes: np.ndarray) -> float:
    """Share of an article's own (usable, non-quote) sentences that are linked."""
    own = np.flatnonzero(usable & ~quotes)
    if own.size == 0:
        own = np.flatnonzero(usable)
    if own.size == 0:
        return 0.0
    return float(np.isin(own, list(indices)).mean())


def _soft_coverage(sim: np.ndarray, usable_a: np.ndarray, usable_b: np.ndarray) -> float:
    """Mean best-match similarity of the shorter article's usable sentences."""
    if sim.size == 0 or not usable_a.any() or not usable_b.any():
        return 0.0
    sub = sim[np.ix_(usable_a, usable_b)]
    rows, cols = sub.max(axis=1), sub.max(axis=0)
    best = rows if rows.size <= cols.size else cols
    return float(best.mean())


def pair_evidence(a: ArticleProfile, b: ArticleProfile) -> PairEvidence:
    """Align two profiled articles and measure what links them."""
    sim = a.embeddings @ b.embeddings.T
    lexical, char_doc = char_tfidf_similarity(a.char_counts, b.char_counts)
    links = align_links(sim, lexical, a.usable, b.usable)
    qa, qb = a.quote_mask, b.quote_mask
    ai, bi, link_lexical = links["a_index"], links["b_index"], links["lexical"]
    a_text = [a.sentences[i].text for i in ai]
    b_text = [b.sentences[j].text for j in bi]
    quote = qa[ai] & qb[bi]
    alignment = pd.DataFrame({**links, "a_sentence": a_text, "b_sentence": b_text, "quote": quote},
                             columns=[*ALIGNMENT_COLUMNS, "a_sentence", "b_sentence", "quote"])
    # The links between the articles' own words (not shared quotations).
    own = ~quote
    own_sim, own_lex = links["similarity"][own], link_lexical[own]
    substitutions, facts = collect_differences(
        (int(i), int(j), ta, tb)
        for i, j, ta, tb, keep, lex in zip(ai, bi, a_text, b_text, own, link_lexical, strict=True)
        if keep and lex < 0.97
    )

    cont_ab = containment(a.shingles5, b.shingles5)
    cont_ba = containment(b.shingles5, a.shingles5)
    cov_a = _coverage(set(ai.tolist()), a.usable, qa)
    cov_b = _coverage(set(bi.tolist()), b.usable, qb)
    n_links = len(alignment)
    n_own = int(own.sum())
    link_sim = float(own_sim.mean()) if n_own else 0.0
    link_lex = float(own_lex.mean()) if n_own else 0.0
    features = {
        "shingle5_containment_max": max(cont_ab, cont_ba),
        "shingle5_containment_min": min(cont_ab, cont_ba),
        "shingle5_jaccard": jaccard(a.shingles5, b.shingles5),
        "shingle3_jaccard": jaccard(a.shingles3, b.shingles3),
        "char_doc_cosine": char_doc,
        "doc_cosine": float(a.doc_vector @ b.doc_vector),
        "anchor_sequence": sequence_similarity(a.anchors, b.anchors),
        "anchor_containment": sequence_containment(a.anchors, b.anchors),
        "coverage_min": min(cov_a, cov_b),
        "coverage_max": max(cov_a, cov_b),
        "soft_coverage": _soft_coverage(sim, a.usable, b.usable),
        "link_similarity": link_sim,
        "link_lexical": link_lex,
        "verbatim_share": float((own_lex >= 0.6).mean()) if n_own else 0.0,
        "identical_share": float((own_lex >= IDENTICAL_LEXICAL).mean()) if n_own else 0.0,
        "quote_link_share": float(quote.mean()) if n_links else 0.0,
        "run_share": float(links["in_run"].mean()) if n_links else 0.0,
        "ordered_share": longest_ordered_share(alignment[own]) if n_own else 0.0,
        "semantic_lexical_gap": link_sim - link_lex,
        "length_ratio": min(len(a.words), len(b.words)) / max(len(a.words), len(b.words), 1),
    }
    direction = direction_features(a, b, alignment, Counter(links["kind"]))
    return PairEvidence(
        alignment=alignment,
        substitutions=substitutions,
        fact_changes=facts,
        features={k: round(float(v), 6) for k, v in features.items()},
        direction={k: round(float(v), 6) for k, v in direction.items()},
    )
