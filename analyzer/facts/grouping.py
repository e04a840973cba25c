"""Grouping items that are linked directly or through others (connected components).

Name variants that resolve to one person and quantities that report on one
topic are both groups of this kind; scipy's ``connected_components`` does the
graph work, so the result does not depend on the order links are given in.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def connected_groups(n: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Groups of the indices ``0..n-1`` joined by ``links``, each sorted, ordered by first member."""
    pairs = np.array([(i, j) for i, j in links], dtype=int).reshape(-1, 2)
    graph = sp.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values())
