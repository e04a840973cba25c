"""MinHash signatures and a banded LSH table over them, both plain arrays.

Signatures are datasketch's (:class:`datasketch.MinHash`, the same hashing
as :mod:`analyzer.pairs.candidates`), kept as a ``(n, num_perm)`` ``uint32`` array
so they can be stored in an index file and compared in bulk with NumPy.

The LSH table is rebuilt from the signatures rather than stored:
datasketch's :class:`~datasketch.MinHashLSH` keeps Python dicts that can
only be persisted by pickling (unsafe to load from an untrusted file) and
that take ~25 s to rebuild for 100k articles. Here each band of ``rows``
signature values is hashed to one ``uint64`` key per article, and each band
keeps its keys sorted: building is ``bands`` sorts (a fraction of a second
for 100k articles), a query is ``bands`` binary searches. Two articles with
Jaccard similarity ``J`` share at least one band with probability
``1 - (1 - J**rows)**bands``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

#: Odd 64-bit multipliers that mix the values of one band into its key.
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                dtype=np.uint64)


def minhash_signatures(token_sets: Sequence[Iterable[str]], num_perm: int, seed: int,
                       scheme: str = "affine32") -> np.ndarray:
    """MinHash signature of each set of strings, as a ``(n, num_perm)`` ``uint32`` array.

    ``scheme`` is datasketch's hashing scheme, named explicitly so a library
    upgrade that changes its default cannot silently change stored signatures.
    An empty set gets the all-``0xFFFFFFFF`` signature, which matches no
    non-empty set's; callers should not treat two empty sets as similar.
    """
    out = np.full((len(token_sets), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    template = MinHash(num_perm=num_perm, seed=seed, scheme=scheme)
    for i, tokens in enumerate(token_sets):
        encoded = [t.encode("utf-8", "surrogatepass") for t in tokens]
        if not encoded:
            continue
        mh = MinHash(num_perm=num_perm, seed=seed, permutations=template.permutations, scheme=scheme)
        mh.update_batch(encoded)
        out[i] = mh.hashvalues.astype(np.uint32)
    return out


def estimated_jaccard(signature: np.ndarray, signatures: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of one signature with each row of ``signatures``."""
    if signatures.shape[0] == 0:
        return np.zeros(0, dtype=np.float32)
    return (signatures == signature[None, :]).mean(axis=1, dtype=np.float32)


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(bands, n)`` keys: each band's ``rows`` values mixed into one ``uint64``."""
    n = signatures.shape[0]
    blocks = signatures[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    with np.errstate(over="ignore"):
        keys = (blocks * _MIX[:rows]).sum(axis=2, dtype=np.uint64)
        keys ^= keys >> np.uint64(29)
    return np.ascontiguousarray(keys.T)


@dataclass(frozen=True)
class BandedLSH:
    """Buckets of articles whose signatures agree on a whole band.

    ``keys[b]`` are band ``b``'s keys sorted, ``order[b]`` the article
    positions in that order. Build with :meth:`build`; :meth:`query` returns
    the positions sharing at least one band with a signature.
    """

    bands: int
    rows: int
    keys: np.ndarray
    order: np.ndarray

    @classmethod
    def build(cls, signatures: np.ndarray, bands: int, rows: int,
              valid: np.ndarray | None = None) -> BandedLSH:
        """Index ``signatures`` (rows where ``valid`` is False, e.g. empty sets, are left out)."""
        if bands * rows > signatures.shape[1]:
            raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} permutations, "
                             f"the signatures have {signatures.shape[1]}")
        if not 1 <= rows <= len(_MIX):
            raise ValueError(f"rows must be 1-{len(_MIX)}, got {rows}")
        positions = np.arange(signatures.shape[0], dtype=np.int64)
        if valid is not None:
            positions = positions[valid]
        keys = _band_keys(signatures[positions], bands, rows)
        order = np.argsort(keys, axis=1, kind="stable")
        return cls(bands=bands, rows=rows, keys=np.take_along_axis(keys, order, axis=1),
                   order=positions[order])

    def query(self, signature: np.ndarray, limit: int | None = None) -> np.ndarray:
        """Sorted positions of the indexed articles sharing at least one band with ``signature``.

        With ``limit``, only the ``limit`` articles sharing the most bands
        (the count of shared bands grows with Jaccard similarity): on a corpus
        where many articles share a few common names, this keeps the cost of
        scoring the candidates bounded.
        """
        if self.keys.shape[1] == 0:
            return np.zeros(0, dtype=np.int64)
        qkeys = _band_keys(signature[None, :], self.bands, self.rows)[:, 0]
        hits = []
        for b in range(self.bands):
            lo = np.searchsorted(self.keys[b], qkeys[b], side="left")
            hi = np.searchsorted(self.keys[b], qkeys[b], side="right")
            if hi > lo:
                hits.append(self.order[b, lo:hi])
        if not hits:
            return np.zeros(0, dtype=np.int64)
        positions, counts = np.unique(np.concatenate(hits), return_counts=True)
        if limit is not None and len(positions) > limit:
            keep = np.argsort(-counts, kind="stable")[:limit]
            positions = np.sort(positions[keep])
        return positions
