"""Source reliability: a transparent composite of four visible components.

Per source (outlet), each component is 0–100 and shown on its own:

* ``originality``: mean originality of its articles (:mod:`analyzer.scores.originality`);
* ``consistency``: mean consistency of its articles' facts with the other outlets
  on the same story (:mod:`analyzer.scores.consistency`);
* ``attribution``: share of its articles whose attribution is honest
  (:mod:`analyzer.scores.attribution`: original, or crediting the true origin);
* ``text_quality``: 100 minus the share of odd word choices in its rewrites: where
  the engine aligned one of its articles with the original, the substitutions
  whose replacement is much rarer in general English than the word it replaced
  ("victory" → "triumph", "leader" → "drawing card"), the mark of a synonym
  spinner. Sources with no aligned rewrite score 100 here (no signal).

``reliability`` is the weighted mean with :data:`analyzer.config.RELIABILITY_WEIGHTS`
over the components that have evidence (consistency is undefined for a source
no other outlet can be checked against); ``uncertainty`` says which were left
out, and when a source is scored on one article.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analyzer.config import RELIABILITY_WEIGHTS
from analyzer.pairs.result import PairResult
from analyzer.text.tokens import content_words, zipf

SOURCE_COLUMNS = ["source", "n_articles", "articles", "originality", "consistency", "attribution",
                  "text_quality", "reliability", "uncertainty"]

#: A replacement this many Zipf points rarer than the word it replaced is an odd choice.
ODD_WORD_GAP = 1.0


def odd_substitution_share(substitutions: pd.DataFrame, derived_is_b: bool) -> float | None:
    """Share of substitutions whose new wording is much rarer than the original's (None if none)."""
    if substitutions.empty:
        return None
    odd = 0
    counted = 0
    for old, new in zip(substitutions["original"], substitutions["replacement"], strict=True):
        before, after = (old, new) if derived_is_b else (new, old)
        old_w, new_w = content_words(before), content_words(after)
        if not old_w or not new_w:
            continue
        counted += 1
        if min(zipf(w) for w in new_w) <= min(zipf(w) for w in old_w) - ODD_WORD_GAP:
            odd += 1
    return odd / counted if counted else None


def text_quality_scores(results: Iterable[PairResult], article_ids: Iterable[str]) -> dict[str, float]:
    """Text quality (0–100) per article, from the rewrites in which it is the derived side."""
    worst: dict[str, float] = {}
    for r in results:
        if r.relation != "spun" or r.original is None:
            continue
        share = odd_substitution_share(r.substitutions, derived_is_b=r.original == "a")
        if share is not None:
            worst[r.derived_id] = max(worst.get(r.derived_id, 0.0), share)
    return {a: round(100.0 * (1.0 - worst.get(a, 0.0)), 2) for a in article_ids}


def source_table(article_scores: pd.DataFrame,
                 weights: Mapping[str, float] = RELIABILITY_WEIGHTS) -> pd.DataFrame:
    """Reliability per source from per-article components.

    ``article_scores`` has columns ``article_id``, ``source``, ``originality``,
    ``consistency``, ``attribution`` (0 or 100) and ``text_quality``.
    """
    rows = []
    for source, group in article_scores.groupby("source", sort=True):
        comps = {c: round(float(np.nanmean(group[c])), 2) if group[c].notna().any() else np.nan
                 for c in weights}
        known = {c: v for c, v in comps.items() if not np.isnan(v)}
        used = sum(weights[c] for c in known)
        reliability = sum(weights[c] * v for c, v in known.items()) / used if used else np.nan
        n = len(group)
        notes = ["based on one article: treat as indicative" if n == 1 else f"based on {n} articles"]
        notes += [f"no {c} evidence (left out of the composite)" for c in comps if c not in known]
        rows.append({
            "source": source, "n_articles": n, "articles": sorted(group["article_id"]),
            **comps, "reliability": round(reliability, 2), "uncertainty": "; ".join(notes),
        })
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS).sort_values(
        ["reliability", "source"], ascending=[False, True], ignore_index=True)
