"""Originality: how much of an article is not derived from another article in the corpus.

A sentence of article X is *derived* when the pair engine found X copied or
spun from another article Y and aligned that sentence with one of Y's. The
direction decides who loses the sentence: the derived side only. When the
engine cannot tell the direction, neither side loses anything: halving both
would take points from an original for being copied. Such pairs are listed
instead (:func:`undirected_partners`: shares text, direction unknown).
Quotations count neither way: the petition's wording appears in every report
of the story, and quoting a third party is not copying the
outlet that quoted it first. Originality is
``100 × (1 − derived weight / own sentences)`` over the article's alignable,
non-quotation sentences, and every point lost is listed in the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analyzer.pairs.profile import ArticleProfile
from analyzer.pairs.result import PairResult
from analyzer.verdicts import DERIVED

DERIVED_COLUMNS = [
    "article_id", "sentence_index", "sentence", "source_id", "source_sentence_index",
    "source_sentence", "relation", "weight", "similarity",
]
ORIGINALITY_COLUMNS = ["article_id", "originality", "own_sentences", "derived_weight", "derived_from"]


def own_sentences(profile: ArticleProfile) -> set[int]:
    """Indices of the sentences originality is counted over: usable ones, quotations set aside.

    Quotations are shared by honest reports, so they do not count against
    anyone; an article made only of quotations falls back to all of them.
    """
    own = {s.index for s, ok in zip(profile.sentences, profile.usable, strict=True)
           if ok and not s.is_quote}
    return own or {s.index for s, ok in zip(profile.sentences, profile.usable, strict=True) if ok}


def derived_sentences(
    results: Iterable[PairResult], profiles: Mapping[str, ArticleProfile]
) -> pd.DataFrame:
    """Every sentence that a derived pair takes from another article, with its weight."""
    rows = []
    for r in results:
        if r.relation not in DERIVED:
            continue
        sides = (("a", r.a_id, "a_index", r.b_id, "b_index"), ("b", r.b_id, "b_index", r.a_id, "a_index"))
        for side, article_id, own_col, source_id, source_col in sides:
            if r.original is None or r.original == side:
                continue  # the original loses nothing to its copy, and an unknown direction accuses nobody
            weight = 1.0
            own = own_sentences(profiles[article_id])
            source = profiles[source_id]
            for link in r.alignment.itertuples():
                k = int(getattr(link, own_col))
                if k not in own:
                    continue
                j = int(getattr(link, source_col))
                rows.append({
                    "article_id": article_id, "sentence_index": k,
                    "sentence": profiles[article_id].sentences[k].text,
                    "source_id": source_id, "source_sentence_index": j,
                    "source_sentence": source.sentences[j].text,
                    "relation": r.relation, "weight": weight,
                    "similarity": float(link.similarity),
                })
    df = pd.DataFrame(rows, columns=DERIVED_COLUMNS)
    return df.sort_values(["article_id", "sentence_index", "source_id", "source_sentence_index"],
                          ignore_index=True)


def undirected_partners(results: Iterable[PairResult]) -> dict[str, list[str]]:
    """For each article in a copied or spun pair whose direction is unknown, the other article's id."""
    partners: dict[str, set[str]] = {}
    for r in results:
        if r.relation in DERIVED and r.original is None:
            partners.setdefault(r.a_id, set()).add(r.b_id)
            partners.setdefault(r.b_id, set()).add(r.a_id)
    return {k: sorted(v) for k, v in partners.items()}


def originality_scores(profiles: Mapping[str, ArticleProfile], derived: pd.DataFrame) -> pd.DataFrame:
    """Originality (0–100) per article; a sentence derived twice counts once, at its top weight."""
    rows = []
    for article_id in sorted(profiles):
        own = own_sentences(profiles[article_id])
        mine = derived[derived["article_id"] == article_id]
        weight = float(mine.groupby("sentence_index")["weight"].max().sum()) if len(mine) else 0.0
        score = 100.0 * (1.0 - weight / len(own)) if own else 100.0
        rows.append({
            "article_id": article_id,
            "originality": round(min(100.0, max(0.0, score)), 2),
            "own_sentences": len(own),
            "derived_weight": weight,
            "derived_from": sorted(set(mine["source_id"])),
        })
    return pd.DataFrame(rows, columns=ORIGINALITY_COLUMNS)
