"""Nearest document vectors by cosine, with faiss.

The index file stores the vectors themselves; the faiss structure is built
from them on load, never deserialised from the file (faiss's own reader is
C++ parsing untrusted bytes). ``exact`` uses ``IndexFlatIP``: every vector
is scanned, so recall is 1 and a single query over 100k × 256 floats takes
a few milliseconds; building costs only a copy. ``hnsw`` is the
approximate graph (``IndexHNSWFlat``, inner product): ~0.2 ms a query, but
its build takes about a minute per 100k vectors on 2 cores, paid again on
every load, so it only pays off for a long-lived process over a large corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Method = Literal["exact", "hnsw"]

#: Graph degree and search breadth of the HNSW variant (faiss defaults are 32 / 16).
HNSW_M = 32
HNSW_EF_SEARCH = 128


@dataclass
class VectorSearch:
    """Top-k inner-product search over unit vectors (inner product = cosine)."""

    vectors: np.ndarray
    method: Method = "exact"
    _index: Any = None

    def __post_init__(self) -> None:
        import faiss

        vectors = np.ascontiguousarray(self.vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if self.method == "exact":
            index = faiss.IndexFlatIP(dim)
        elif self.method == "hnsw":
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            raise ValueError(f"unknown search method {self.method!r}; use 'exact' or 'hnsw'")
        if len(vectors):
            index.add(vectors)
        self._index = index

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Positions and cosines of the ``k`` nearest vectors, best first (fewer if the index is small)."""
        k = min(k, len(self))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        import faiss

        row = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        # One query is too small to share out: with OpenMP's threads a 100k scan takes 9 ms,
        # on one thread 3.7 ms (measured on 2 cores).
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, positions = self._index.search(row, k)
        finally:
            faiss.omp_set_num_threads(threads)
        keep = positions[0] >= 0
        return positions[0][keep].astype(np.int64), scores[0][keep]
