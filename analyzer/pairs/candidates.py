"""Which pairs of a large corpus the full pair engine looks at.

All pairs grow with the square of the corpus; the engine's alignment is only
needed where a pair could be a copy or a spin. A pair is a candidate when
either test flags it:

* the two are among each other's ``neighbours`` nearest document vectors
  (embedding family: catches spins, whose wording differs but meaning not);
* MinHash LSH finds their anchor trigrams (names, numbers and rare words in
  order, which spinners keep) or word 5-grams (which copies keep) similar
  above ``lsh_threshold`` (n-gram family, datasketch);
* LSH Ensemble finds one article's word 5-grams contained in the other's
  above ``containment_threshold`` (a short copy of a long article).

Pairs neither test flags are not examined; :class:`analyzer.analysis.Analysis`
says how many.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble
from sklearn.neighbors import NearestNeighbors

from analyzer.config import CANDIDATE_NEIGHBOURS
from analyzer.pairs.profile import ArticleProfile
from analyzer.text.ngrams import shingles

NUM_PERM = 128

#: MinHash LSH Jaccard threshold of both n-gram families.
LSH_THRESHOLD = 0.1

#: LSH Ensemble containment threshold (a short copy inside a long article).
CONTAINMENT_THRESHOLD = 0.5


def _minhash(tokens: set[tuple[str, ...]], seed: int) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=seed)
    mh.update_batch([" ".join(t).encode("utf-8") for t in tokens])
    return mh


def minhash_values(tokens: set[tuple[str, ...]], seed: int = 1) -> np.ndarray:
    """The MinHash values of a token set exactly as :func:`lsh_pairs` hashes it."""
    return _minhash(tokens, seed).hashvalues


def neighbour_pairs(vectors: np.ndarray, k: int, rows: Sequence[int] | None = None) -> set[tuple[int, int]]:
    """Pairs (i < j) where one is among the other's ``k`` nearest by cosine.

    ``rows`` limits the queries to those row indices (all rows by default): the
    union over a partition of the rows equals the pairs of all rows, which is
    how :mod:`analyzer.distributed` splits the search into tasks.
    """
    n = vectors.shape[0]
    if n < 2:
        return set()
    queries = list(range(n)) if rows is None else [int(r) for r in rows]
    if not queries:
        return set()
    nn = NearestNeighbors(n_neighbors=min(k + 1, n), metric="cosine", algorithm="brute")
    _, idx = nn.fit(vectors).kneighbors(vectors[queries])
    return {(min(i, int(j)), max(i, int(j))) for i, row in zip(queries, idx, strict=True)
            for j in row if i != j}


def lsh_pairs(token_sets: Sequence[set[tuple[str, ...]]], threshold: float,
              seed: int = 1) -> set[tuple[int, int]]:
    """Pairs (i < j) whose MinHash-estimated Jaccard is likely above ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = []
    for i, tokens in enumerate(token_sets):
        mh = _minhash(tokens, seed)
        hashes.append(mh)
        if tokens:
            lsh.insert(str(i), mh)
    found: set[tuple[int, int]] = set()
    for i, (tokens, mh) in enumerate(zip(token_sets, hashes, strict=True)):
        if not tokens:
            continue
        for key in lsh.query(mh):
            j = int(key)
            if j != i:
                found.add((min(i, j), max(i, j)))
    return found


def lsh_bands(threshold: float) -> list[tuple[int, int]]:
    """The (start, end) slices of a MinHash that :func:`lsh_pairs` buckets by at ``threshold``.

    Two sets are an LSH pair exactly when some band's slice of their hash values
    is equal; :mod:`analyzer.distributed` groups by these slices across partitions.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return [(i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b)]


def containment_entries(token_sets: Sequence[set[tuple[str, ...]]], seed: int = 1,
                        offset: int = 0) -> list[tuple[str, MinHash, int]]:
    """``(index, MinHash, size)`` of the non-empty sets, indices counted from ``offset``."""
    return [(str(offset + i), _minhash(t, seed), len(t)) for i, t in enumerate(token_sets) if t]


def containment_pairs(token_sets: Sequence[set[tuple[str, ...]]], threshold: float,
                      seed: int = 1) -> set[tuple[int, int]]:
    """Pairs (i < j) where one set is likely contained in the other above ``threshold``.

    Jaccard misses a short copy of a long article (few shared shingles relative
    to the union); LSH Ensemble (datasketch) indexes by containment instead.
    """
    return containment_pairs_of(containment_entries(token_sets, seed), threshold)


def containment_pairs_of(entries: Sequence[tuple[str, MinHash, int]],
                         threshold: float) -> set[tuple[int, int]]:
    """:func:`containment_pairs` from ready ``(index, MinHash, size)`` entries."""
    if len(entries) < 2:
        return set()
    ensemble = MinHashLSHEnsemble(threshold=threshold, num_perm=NUM_PERM, num_part=16)
    ensemble.index(entries)
    found: set[tuple[int, int]] = set()
    for key, mh, size in entries:
        i = int(key)
        for other in ensemble.query(mh, size):
            j = int(other)
            if j != i:
                found.add((min(i, j), max(i, j)))
    return found


def lsh_families(profile: ArticleProfile) -> dict[str, set[tuple[str, ...]]]:
    """The token sets MinHash LSH compares, by family: anchor trigrams and word 5-grams."""
    return {"anchor3": shingles(list(profile.anchors), 3), "shingle5": set(profile.shingles5)}


def candidate_pairs(
    profiles: Sequence[ArticleProfile],
    neighbours: int = CANDIDATE_NEIGHBOURS,
    lsh_threshold: float = LSH_THRESHOLD,
    containment_threshold: float = CONTAINMENT_THRESHOLD,
) -> list[tuple[int, int]]:
    """Index pairs (i < j) into ``profiles`` worth a full comparison, sorted."""
    vectors = np.vstack([p.doc_vector for p in profiles]) if profiles else np.zeros((0, 1))
    families = [lsh_families(p) for p in profiles]
    pairs = neighbour_pairs(vectors, neighbours)
    pairs |= lsh_pairs([f["anchor3"] for f in families], lsh_threshold)
    pairs |= lsh_pairs([f["shingle5"] for f in families], lsh_threshold)
    pairs |= containment_pairs([f["shingle5"] for f in families], containment_threshold)
    return sorted(pairs)


def capped_pairs(pairs: Sequence[tuple[int, int]], profiles: Sequence[ArticleProfile],
                 cap: int) -> tuple[list[tuple[int, int]], int]:
    """``pairs`` with each article in at most ``cap`` of its most similar ones, and how many were dropped.

    A pair stays when it is among the ``cap`` nearest (document cosine) of
    either article, so an article's closest candidates are never lost.
    """
    partners: dict[int, list[int]] = {}
    for i, j in pairs:
        partners.setdefault(i, []).append(j)
        partners.setdefault(j, []).append(i)
    if all(len(p) <= cap for p in partners.values()):
        return list(pairs), 0
    keep: set[tuple[int, int]] = set()
    for i, others in partners.items():
        if len(others) > cap:
            sims = np.array([float(profiles[i].doc_vector @ profiles[j].doc_vector) for j in others])
            others = [others[k] for k in np.argsort(-sims, kind="stable")[:cap]]
        keep.update((min(i, j), max(i, j)) for j in others)
    kept = sorted(p for p in pairs if p in keep)
    return kept, len(pairs) - len(kept)
