"""The n-gram model family: word shingles and character n-gram TF-IDF.

Word shingles (contiguous word n-grams) catch copies: a verbatim or lightly
edited copy shares most 5-grams, a spun one almost none. Containment is
measured both ways because a copy may be a cut-down of its original.
Character n-grams survive inflection and small edits; they are hashed
(scikit-learn's ``HashingVectorizer``) so each sentence is vectorised once per
run with no vocabulary to fit, and IDF is fitted on the sentences of the two
articles being compared, which keeps a pair's result independent of whatever
else is in the corpus.

The hasher is built once per process (:func:`char_counts`): it holds no fitted
state, so sharing it cannot couple two runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from rapidfuzz.distance import Indel
from sklearn.feature_extraction.text import HashingVectorizer

from analyzer.config import CHAR_NGRAM_RANGE, SHINGLE_SIZE


def shingles(tokens: Sequence[str], n: int = SHINGLE_SIZE) -> set[tuple[str, ...]]:
    """The set of contiguous word n-grams; a shorter text yields itself as one shingle."""
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def containment(a: set, b: set) -> float:
    """Share of ``a`` found in ``b`` (0 when ``a`` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def sequence_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """LCS-based similarity of two token sequences in [0, 1] (order matters)."""
    if not a and not b:
        return 0.0
    return float(Indel.normalized_similarity(list(a), list(b)))


def sequence_containment(a: Sequence[str], b: Sequence[str]) -> float:
    """Longest common subsequence length over the shorter sequence's length."""
    if not a or not b:
        return 0.0
    lcs = (len(a) + len(b) - Indel.distance(list(a), list(b))) / 2
    return float(lcs / min(len(a), len(b)))


@lru_cache(maxsize=1)
def _char_hasher() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_NGRAM_RANGE,
        lowercase=True,
        alternate_sign=False,
        norm=None,
        n_features=2**20,
    )


def char_counts(texts: Sequence[str]) -> sp.csr_matrix:
    """Hashed character n-gram counts, one row per text (stateless, so reusable)."""
    hasher = _char_hasher()
    if not texts:
        return sp.csr_matrix((0, hasher.n_features))
    return hasher.transform(list(texts)).tocsr()


def char_tfidf_similarity(
    counts_a: sp.csr_matrix, counts_b: sp.csr_matrix
) -> tuple[np.ndarray, float]:
    """Sentence-by-sentence and whole-text TF-IDF cosine of two articles.

    IDF is fitted on the sentences of both articles, so n-grams every sentence
    shares ("the", "ing ") weigh little and the rare shared ones decide.
    Weights are scikit-learn's ``TfidfTransformer(sublinear_tf=True)``:
    ``(1 + log tf) * (1 + log((1 + n) / (1 + df)))``, computed here on the
    n-grams the two articles use only, which gives the same numbers without
    the transformer's overhead on matrices this small. Returns the
    ``len(a) × len(b)`` sentence matrix and the document cosine.
    """
    n_a, n_b = counts_a.shape[0], counts_b.shape[0]
    if n_a == 0 or n_b == 0:
        return np.zeros((n_a, n_b)), 0.0
    stacked = sp.vstack([counts_a, counts_b], format="csr")
    stacked.sum_duplicates()
    used, column = np.unique(stacked.indices, return_inverse=True)
    n = n_a + n_b
    idf = np.log((1.0 + n) / (1.0 + np.bincount(column, minlength=len(used)))) + 1.0
    data = (1.0 + np.log(stacked.data.astype(np.float64))) * idf[column]
    weights = sp.csr_matrix((data, column, stacked.indptr), shape=(n, len(used)))
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    unit = sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ weights
    sentence_sim = (unit[:n_a] @ unit[n_a:].T).toarray()
    doc_a = np.asarray(weights[:n_a].sum(axis=0)).ravel()
    doc_b = np.asarray(weights[n_a:].sum(axis=0)).ravel()
    doc_norms = float(np.linalg.norm(doc_a) * np.linalg.norm(doc_b))
    return sentence_sim, float(doc_a @ doc_b / doc_norms) if doc_norms else 0.0
