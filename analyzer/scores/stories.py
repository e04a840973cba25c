"""Grouping articles into stories, so facts are compared only within a story.

The pair engine already says, for every examined pair, how likely the two
are the same story (copied, spun, or reported independently). Stories are
clusters of that judgement: average-linkage agglomerative clustering
(scikit-learn) on the distance ``1 - P(copy or spun or same_story)``, with
unexamined pairs at distance 1. Average linkage keeps one stray link from
chaining two stories together. Story ids are named after their smallest
article id, so they do not depend on input order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering

from analyzer.config import STORY_DISTANCE

STORY_COLUMNS = ["story", "n_articles", "articles", "title"]


def story_distances(ids: Sequence[str], same_story: Mapping[tuple[str, str], float]) -> np.ndarray:
    """Distance matrix ``1 - P(same story)``; pairs absent from ``same_story`` are at 1."""
    index = {article_id: k for k, article_id in enumerate(ids)}
    dist = np.ones((len(ids), len(ids)))
    np.fill_diagonal(dist, 0.0)
    for (a, b), p in same_story.items():
        if a in index and b in index:
            dist[index[a], index[b]] = dist[index[b], index[a]] = 1.0 - float(p)
    return dist


def group_stories(
    ids: Sequence[str],
    same_story: Mapping[tuple[str, str], float],
    distance_threshold: float = STORY_DISTANCE,
) -> dict[str, str]:
    """Story id for each article id (``story:<smallest member id>``).

    Clustering runs on the ids in sorted order, so ties between equal distances
    break the same way whatever order the articles came in.
    """
    ids = sorted(ids)
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: f"story:{ids[0]}"}
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average",
        distance_threshold=distance_threshold,
    ).fit_predict(story_distances(ids, same_story))
    members: dict[int, list[str]] = {}
    for article_id, label in zip(ids, labels, strict=True):
        members.setdefault(int(label), []).append(article_id)
    return {a: f"story:{min(group)}" for group in members.values() for a in group}


def story_table(stories: Mapping[str, str], titles: Mapping[str, str]) -> pd.DataFrame:
    """One row per story: its members and a title (the first member's that has one)."""
    groups: dict[str, list[str]] = {}
    for article_id, story in stories.items():
        groups.setdefault(story, []).append(article_id)
    rows = []
    for story in sorted(groups):
        members = sorted(groups[story])
        title = next((titles[m] for m in members if titles.get(m)), "")
        rows.append({"story": story, "n_articles": len(members), "articles": members, "title": title})
    return pd.DataFrame(rows, columns=STORY_COLUMNS)
