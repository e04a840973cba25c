"""The embedding model family: sentence vectors from sentence-transformers.

:class:`SentenceEncoder` only encodes; everything that reasons about vectors
takes arrays (see :mod:`analyzer.pairs.align`). It loads its model once, and keeps a
cache keyed by sentence text so that in one run every distinct sentence is
encoded once, however many pairs it takes part in. The model reads at most
``max_seq_length`` word pieces (256 for MiniLM) and would silently cut longer
input; such sentences are split into windows whose vectors are averaged, and
the caller is told through ``n_windowed``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analyzer.config import default_model
from analyzer.embed.models import BACKENDS, load_sentence_transformer, model_version
from analyzer.exceptions import ModelError

log = logging.getLogger(__name__)



@dataclass
class SentenceEncoder:
    """Encodes sentences to unit vectors, each distinct text once.

    ``model`` is a model name (``"bundled:all-MiniLM-L6-v2"`` or a local
    sentence-transformers folder) or an already loaded model object.
    ``backend="onnx-int8"`` runs the same model exported to ONNX Runtime with
    int8 weights (:mod:`analyzer.embed.onnx_int8`): ~2.5x faster on a CPU, vectors
    within cosine 0.98 of torch's; ``threads`` caps its intra-op threads.
    """

    model: Any = field(default_factory=default_model)
    batch_size: int = 64
    backend: str = "torch"
    threads: int | None = None
    _model: Any = field(default=None, init=False, repr=False)
    _cache: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)
    n_encoded: int = field(default=0, init=False)
    n_windowed: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ModelError(f"unknown embedding backend {self.backend!r}; expected one of {BACKENDS}")
        if self.backend != "torch" and not isinstance(self.model, str):
            raise ModelError(f"backend {self.backend!r} needs a model name or folder, not a loaded "
                             f"{type(self.model).__name__}")

    @property
    def name(self) -> str:
        """The model's name as given."""
        return self.model if isinstance(self.model, str) else type(self.model).__name__

    @property
    def version(self) -> str:
        """Names model and backend (and, for ONNX, the exact weights): recorded by indexes."""
        version = model_version(self.name, self.backend)
        if self.backend == "onnx-int8":
            version = f"{version} weights {self.st_model.version.rsplit(' ', 1)[-1]}"
        return version

    @property
    def st_model(self) -> Any:
        """The loaded model (on first use): sentence-transformers, or its ONNX stand-in."""
        if self._model is None:
            if self.backend == "onnx-int8":
                from analyzer.embed.onnx_int8 import OnnxSentenceModel, prepare_onnx_model

                self._model = OnnxSentenceModel.load(prepare_onnx_model(self.model), self.threads)
            elif isinstance(self.model, str):
                self._model = load_sentence_transformer(self.model)
            else:
                self._model = self.model
        return self._model

    @property
    def dimension(self) -> int:
        """Length of the vectors."""
        model = self.st_model
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, sentences: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """Unit vectors for ``sentences`` (one row each), from cache where possible."""
        missing = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        if missing:
            self._encode_missing(missing, show_progress)
        if not sentences:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack([self._cache[s] for s in sentences])

    def clear_cache(self) -> None:
        """Forget every vector made so far (benchmarks time cold queries this way)."""
        self._cache.clear()

    def remember(self, sentences: Sequence[str], vectors: np.ndarray) -> None:
        """Take vectors made earlier by this same model (e.g. stored in an index) into the cache."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(sentences), self.dimension):
            raise ValueError(f"expected {len(sentences)} vectors of dimension {self.dimension}, "
                             f"got shape {vectors.shape}")
        for text, vec in zip(sentences, vectors, strict=True):
            self._cache.setdefault(text, vec)

    def encode_uncached(self, sentences: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """Unit vectors for ``sentences``, computed without reading or filling the cache.

        For bulk work (an index of millions of sentences) whose vectors are
        stored elsewhere: the cache would only hold them twice.
        """
        if not sentences:
            return np.zeros((0, self.dimension), dtype=np.float32)
        distinct = list(dict.fromkeys(sentences))
        rows = {text: i for i, text in enumerate(distinct)}
        vectors = self._compute(distinct, show_progress)
        return vectors[[rows[s] for s in sentences]]

    def _encode_missing(self, texts: list[str], show_progress: bool) -> None:
        for text, vec in zip(texts, self._compute(texts, show_progress), strict=True):
            self._cache[text] = vec
        self.n_encoded += len(texts)

    def _compute(self, texts: list[str], show_progress: bool) -> np.ndarray:
        windows, owners = self._windows(texts)
        vectors = self.st_model.encode(
            windows,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        sums: dict[int, np.ndarray] = {}
        for vec, owner in zip(vectors, owners, strict=True):
            sums[owner] = sums[owner] + vec if owner in sums else vec.astype(np.float32).copy()
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i in range(len(texts)):
            out[i] = sums[i] / (np.linalg.norm(sums[i]) or 1.0)
        return out

    def _windows(self, texts: list[str]) -> tuple[list[str], list[int]]:
        """Cut texts longer than the model's window into word windows that fit."""
        model = self.st_model
        limit = int(getattr(model, "max_seq_length", 256) or 256) - 2
        tokenizer = getattr(model, "tokenizer", None)
        windows: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            words = text.split()
            # Cheap test first: a word rarely becomes more than 3 word pieces.
            if tokenizer is None or len(words) * 3 < limit:
                windows.append(text)
                owners.append(i)
                continue
            # verbose=False: counting pieces of an over-long text is the point, not an error.
            n_pieces = len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])
            if n_pieces <= limit:
                windows.append(text)
                owners.append(i)
                continue
            self.n_windowed += 1
            per_window = max(1, int(len(words) * limit / n_pieces * 0.9))
            log.info("sentence of %d word pieces split into windows of %d words", n_pieces, per_window)
            for start in range(0, len(words), per_window):
                windows.append(" ".join(words[start : start + per_window]))
                owners.append(i)
        return windows, owners
