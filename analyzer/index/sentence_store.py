"""Full-model sentence vectors kept with a corpus index, so ranking need not re-encode candidates.

At query time :mod:`analyzer.index.rank` runs the pair engine on the new
article and its best few candidates, and the engine needs every sentence of
each, split and encoded by the full sentence model. Without stored vectors
the candidates' sentences are split (pysbd, ~10 ms per article) and encoded
on every query: most of a query's cost. With them, a query splits and
encodes only its own sentences.

The price is paid once, at build: splitting and encoding every indexed
sentence (~50 ms per news article with ``onnx-int8`` on 2 cores, about 4x
that with torch) and, per sentence, 2 bytes per dimension (float16: 768
bytes for the bundled model) plus 14 bytes of segmentation. Sentences are
kept per article as the character spans
:func:`~analyzer.text.sentences.split_sentences` found (with paragraph, quoted
share and speaker), not as text: no sentence text is stored twice, and the
vectors always belong to the sentences they were made from, whatever
segmenter a later analyzer runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from analyzer.article import Article
from analyzer.text.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class SentenceVectors:
    """Sentences and their vectors for a run of articles: ``counts[i]`` rows belong to article ``i``.

    Row ``k`` of ``vectors`` is the sentence whose span in its article's text
    is ``spans[k]`` (start, end, paragraph), with quoted share ``quoted[k]``
    and ``speakers[k]`` ("" when none is stated). Quoted shares are kept as
    float16, which holds the splitter's three decimals exactly.
    """

    counts: np.ndarray
    vectors: np.ndarray
    spans: np.ndarray
    quoted: np.ndarray
    speakers: tuple[str, ...]

    def __post_init__(self) -> None:
        n = len(self.vectors)
        if self.vectors.ndim != 2 or int(self.counts.sum()) != n or (self.counts < 0).any():
            raise ValueError(f"{n} sentence vectors do not match the per-article "
                             f"counts (total {int(self.counts.sum())})")
        if self.spans.shape != (n, 3) or self.quoted.shape != (n,) or len(self.speakers) != n:
            raise ValueError(f"sentence spans {self.spans.shape}, quoted shares {self.quoted.shape} and "
                             f"{len(self.speakers)} speakers do not match {n} sentence vectors")

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def dimension(self) -> int:
        """Length of the vectors."""
        return int(self.vectors.shape[1])

    @property
    def offsets(self) -> np.ndarray:
        """Row where each article's sentences start, plus the end (``n + 1`` values)."""
        return np.concatenate([[0], np.cumsum(self.counts, dtype=np.int64)])

    def _range(self, i: int) -> slice:
        start = int(self.counts[:i].sum())
        return slice(start, start + int(self.counts[i]))

    def rows(self, i: int) -> np.ndarray:
        """The vectors of article ``i`` as float32, one row per sentence."""
        return self.vectors[self._range(i)].astype(np.float32)

    def sentences(self, i: int, text: str) -> tuple[Sentence, ...]:
        """The sentences of article ``i``, whose body is ``text``, as the splitter found them."""
        rows = self._range(i)
        return tuple(
            Sentence(index=k, text=text[start:end], paragraph=int(paragraph), start=int(start), end=int(end),
                     quoted=round(float(quoted), 3), speaker=speaker or None)
            for k, ((start, end, paragraph), quoted, speaker) in enumerate(
                zip(self.spans[rows].tolist(), self.quoted[rows].tolist(), self.speakers[rows], strict=True))
        )

    def check_spans(self, lengths: Sequence[int]) -> None:
        """Raise ``ValueError`` unless every span lies inside its article (``lengths``: text lengths)."""
        if len(lengths) != len(self.counts):
            raise ValueError(f"{len(self.counts)} articles of sentences for {len(lengths)} texts")
        limit = np.repeat(np.asarray(lengths, dtype=np.int64), self.counts)
        start, end, paragraph = self.spans.T.astype(np.int64)
        if ((start < 0) | (end <= start) | (end > limit) | (paragraph < 0)).any():
            raise ValueError("sentence spans fall outside their article's text")
        if not (np.isfinite(self.quoted) & (self.quoted >= 0) & (self.quoted <= 1)).all():
            raise ValueError("quoted shares are not in [0, 1]")

    @classmethod
    def empty(cls, dimension: int) -> SentenceVectors:
        """No articles."""
        return cls(np.zeros(0, dtype=np.int32), np.zeros((0, dimension), dtype=np.float16),
                   np.zeros((0, 3), dtype=np.int32), np.zeros(0, dtype=np.float16), ())

    def select(self, keep: np.ndarray) -> SentenceVectors:
        """The articles where ``keep`` is true, in order."""
        per_row = np.repeat(np.asarray(keep, dtype=bool), self.counts)
        return SentenceVectors(self.counts[keep], self.vectors[per_row], self.spans[per_row],
                               self.quoted[per_row],
                               tuple(s for s, k in zip(self.speakers, per_row, strict=True) if k))

    @staticmethod
    def concat(parts: Sequence[SentenceVectors]) -> SentenceVectors:
        """The parts one after the other (at least one)."""
        return SentenceVectors(np.concatenate([p.counts for p in parts]).astype(np.int32),
                               np.concatenate([p.vectors for p in parts]).astype(np.float16),
                               np.concatenate([p.spans for p in parts]).astype(np.int32),
                               np.concatenate([p.quoted for p in parts]).astype(np.float16),
                               tuple(s for p in parts for s in p.speakers))


def sentence_vectors(articles: Sequence[Article], encoder: Any) -> SentenceVectors:
    """Split and encode ``articles`` with ``encoder`` (a :class:`~analyzer.embed.sentence.SentenceEncoder`).

    Encodes without filling the encoder's cache, which would otherwise hold
    every sentence of the corpus a second time.
    """
    split = [split_sentences(a.text) for a in articles]
    flat = [s for sents in split for s in sents]
    texts = [s.text for s in flat]
    vectors = encoder.encode_uncached(texts) if texts else np.zeros((0, encoder.dimension), np.float32)
    return SentenceVectors(
        counts=np.array([len(s) for s in split], dtype=np.int32),
        vectors=vectors.astype(np.float16),
        spans=np.array([(s.start, s.end, s.paragraph) for s in flat], dtype=np.int32).reshape(-1, 3),
        quoted=np.array([s.quoted for s in flat], dtype=np.float16),
        speakers=tuple(s.speaker or "" for s in flat),
    )
