"""Full-model sentence vectors kept with a corpus index, so ranking need not re-encode candidates.

At query time :mod:`analyzer.ranking` runs the pair engine on the new
article and its best few candidates, and the engine needs every sentence of
each encoded by the full sentence model. Without stored vectors the
candidates' sentences are encoded on every query: about three quarters of
a query's encoding. With them, a query encodes only its own sentences.

The price is paid once, at build: splitting and encoding every indexed
sentence (~50 ms per news article with ``onnx-int8`` on 2 cores, about 4x
that with torch) and 2 bytes per dimension per sentence on disk (float16:
768 bytes for the bundled model). Vectors are kept per article, in the
order :func:`~analyzer.sentences.split_sentences` yields the sentences, so
no sentence text is stored twice; an article whose text splits into another
number of sentences at query time (another segmenter version) is simply
encoded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from analyzer.article import Article
from analyzer.sentences import split_sentences


@dataclass(frozen=True)
class SentenceVectors:
    """Sentence vectors of a run of articles: ``counts[i]`` rows of ``vectors`` belong to article ``i``."""

    counts: np.ndarray
    vectors: np.ndarray

    def __post_init__(self) -> None:
        if self.vectors.ndim != 2 or int(self.counts.sum()) != len(self.vectors) or (self.counts < 0).any():
            raise ValueError(f"{len(self.vectors)} sentence vectors do not match the per-article "
                             f"counts (total {int(self.counts.sum())})")

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def dimension(self) -> int:
        """Length of the vectors."""
        return int(self.vectors.shape[1])

    @property
    def offsets(self) -> np.ndarray:
        """Row where each article's vectors start, plus the end (``n + 1`` values)."""
        return np.concatenate([[0], np.cumsum(self.counts, dtype=np.int64)])

    def rows(self, i: int) -> np.ndarray:
        """The vectors of article ``i`` as float32, one row per sentence."""
        start = int(self.counts[:i].sum())
        return self.vectors[start : start + int(self.counts[i])].astype(np.float32)

    @classmethod
    def empty(cls, dimension: int) -> SentenceVectors:
        """No articles."""
        return cls(np.zeros(0, dtype=np.int32), np.zeros((0, dimension), dtype=np.float16))

    def select(self, keep: np.ndarray) -> SentenceVectors:
        """The articles where ``keep`` is true, in order."""
        per_row = np.repeat(np.asarray(keep, dtype=bool), self.counts)
        return SentenceVectors(self.counts[keep], self.vectors[per_row])

    @staticmethod
    def concat(parts: Sequence[SentenceVectors]) -> SentenceVectors:
        """The parts one after the other (at least one)."""
        return SentenceVectors(np.concatenate([p.counts for p in parts]).astype(np.int32),
                               np.concatenate([p.vectors for p in parts]).astype(np.float16))


def sentence_vectors(articles: Sequence[Article], encoder: Any) -> SentenceVectors:
    """Split and encode ``articles`` with ``encoder`` (a :class:`~analyzer.embedding.SentenceEncoder`).

    Encodes without filling the encoder's cache, which would otherwise hold
    every sentence of the corpus a second time.
    """
    split = [[s.text for s in split_sentences(a.text)] for a in articles]
    texts = [t for sents in split for t in sents]
    vectors = encoder.encode_uncached(texts) if texts else np.zeros((0, encoder.dimension), np.float32)
    return SentenceVectors(np.array([len(s) for s in split], dtype=np.int32), vectors.astype(np.float16))


def prime_encoder(encoder: Any, article: Article, vectors: np.ndarray) -> bool:
    """Give ``encoder`` the stored ``vectors`` of ``article``'s sentences; False when they no longer match.

    They match when the text still splits into as many sentences as were
    encoded; otherwise the engine encodes the article as usual.
    """
    texts = [s.text for s in split_sentences(article.text)]
    if len(texts) != len(vectors):
        return False
    encoder.remember(texts, vectors)
    return True
