"""A persistent corpus index: find, among everything seen before, where a new article came from.

Building is a pure function per batch of articles, :func:`index_part`
(articles → :class:`IndexPart`: ids, metadata, text, one static document
vector and two MinHash signatures per article), and a merge,
:func:`merge_parts`, so a batch can run anywhere (a Dask partition, another
process) and the parts join in order. :class:`CorpusIndex` wraps one merged
part with the search structures, which are rebuilt from the stored arrays on
load rather than read from the file.

Candidates for a new article come from three families that fail in
different ways:

* MinHash LSH over its **anchors** (names, numbers, rare words:
  :func:`analyzer.tokens.anchors`), which a spinner leaves alone (a spin
  keeps 0.3–0.9 of its source's anchor set);
* MinHash LSH over its **word 5-grams**, which a copy keeps;
* the nearest **static document vectors** (:class:`~analyzer.static_embedding.StaticEncoder`,
  ~100x faster than the sentence model), for rewrites that keep neither.

The union is scored from the signatures and vectors (no text is read), and
:mod:`analyzer.ranking` sends the best few to the full pair engine.

By default the index stores article text, not full-model sentence vectors:
those cost ~2-6 ms per sentence to make (~60 ms an article with ``onnx-int8``
on 2 cores: 100 minutes for 100k articles, hours with torch) and 768 bytes
each, while the pair engine needs them only for the two or three candidates
a new article is compared with. Built with a ``sentence_encoder``, the index keeps
them too, with each article's sentence segmentation
(:mod:`analyzer.sentence_store`), and ranking then splits and encodes only
the new article.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

import numpy as np
import pandas as pd

from analyzer.ann import Method, VectorSearch
from analyzer.article import Article
from analyzer.config import (
    INDEX_ANCHOR_BANDS,
    INDEX_LSH_LIMIT,
    INDEX_NUM_PERM,
    INDEX_SHINGLE_BANDS,
    INDEX_VECTOR_NEIGHBOURS,
    SHINGLE_SIZE,
)
from analyzer.exceptions import IndexFormatError
from analyzer.index_format import pack_strings, read_index_file, unpack_strings, write_index_file
from analyzer.ingest import read_inputs
from analyzer.lsh import BandedLSH, estimated_jaccard, minhash_signatures
from analyzer.ngrams import shingles
from analyzer.sentence_store import SentenceVectors, sentence_vectors
from analyzer.sentences import Sentence
from analyzer.tokens import anchors, lower_words

#: Text columns stored per article (``attribution`` lines joined by newlines).
TEXT_COLUMNS = ("id", "title", "source", "url", "published", "attribution", "text")

#: Columns of :meth:`CorpusIndex.search`.
CANDIDATE_COLUMNS = ["position", "id", "source", "score", "anchor_jaccard", "shingle_containment",
                     "cosine", "found_by"]


class DocumentEncoder(Protocol):
    """What the index needs from a document-vector model (e.g. the static encoder)."""

    @property
    def name(self) -> str: ...  # noqa: D102

    @property
    def version(self) -> str: ...  # noqa: D102

    @property
    def dimension(self) -> int: ...  # noqa: D102

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...  # noqa: D102


def default_encoder() -> DocumentEncoder:
    """The static encoder distilled from the bundled model (built once, then cached)."""
    from analyzer.static_embedding import StaticEncoder

    return StaticEncoder()


@dataclass(frozen=True)
class IndexParams:
    """How signatures are made; an index is only searchable with the parameters it was built with."""

    num_perm: int = INDEX_NUM_PERM
    seed: int = 1
    scheme: str = "affine32"
    shingle_size: int = SHINGLE_SIZE
    anchor_bands: tuple[int, int] = INDEX_ANCHOR_BANDS
    shingle_bands: tuple[int, int] = INDEX_SHINGLE_BANDS

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the manifest."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v
                for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Any, where: str) -> IndexParams:
        """Parameters read back from a manifest, validated."""
        try:
            params = cls(num_perm=int(data["num_perm"]), seed=int(data["seed"]), scheme=str(data["scheme"]),
                         shingle_size=int(data["shingle_size"]),
                         anchor_bands=tuple(int(x) for x in data["anchor_bands"]),  # type: ignore[arg-type]
                         shingle_bands=tuple(int(x) for x in data["shingle_bands"]))  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as err:
            raise IndexFormatError(f"{where}: manifest 'params' are incomplete ({err!r})") from err
        for bands, rows in (params.anchor_bands, params.shingle_bands):
            if bands < 1 or rows < 1 or bands * rows > params.num_perm:
                raise IndexFormatError(f"{where}: LSH bands {bands}x{rows} do not fit "
                                       f"{params.num_perm} permutations")
        return params


@dataclass(frozen=True)
class ArticleSketch:
    """What the index keeps to find an article: vector, signatures and set sizes (no text)."""

    vector: np.ndarray
    anchor_minhash: np.ndarray
    anchor_count: int
    shingle_minhash: np.ndarray
    shingle_count: int


def _sets(texts: Sequence[str], params: IndexParams) -> tuple[list[set[str]], list[set[str]]]:
    anchor_sets = [set(anchors(t)) for t in texts]
    shingle_sets = [{" ".join(s) for s in shingles(lower_words(t), params.shingle_size)} for t in texts]
    return anchor_sets, shingle_sets


def sketch_texts(texts: Sequence[str], encoder: DocumentEncoder,
                 params: IndexParams) -> list[ArticleSketch]:
    """Sketches of article bodies, made exactly as :func:`index_part` makes them."""
    anchor_sets, shingle_sets = _sets(texts, params)
    vectors = encoder.encode(list(texts))
    a_sig = minhash_signatures(anchor_sets, params.num_perm, params.seed, params.scheme)
    s_sig = minhash_signatures(shingle_sets, params.num_perm, params.seed, params.scheme)
    return [ArticleSketch(vectors[i], a_sig[i], len(anchor_sets[i]), s_sig[i], len(shingle_sets[i]))
            for i in range(len(texts))]


@dataclass(frozen=True)
class IndexPart:
    """The index rows of a batch of articles: the unit of building, merging and storing.

    Row ``i`` of every array belongs to article ``columns["id"][i]``.
    ``vectors`` are the encoder's unit document vectors (``float32``,
    ``(n, dimension)``); ``anchor_minhash`` / ``shingle_minhash`` the MinHash
    signatures (``uint32``, ``(n, num_perm)``) of the article's anchor set
    and word 5-gram set, whose sizes are in ``anchor_count`` /
    ``shingle_count``. ``skipped`` lists inputs that were not indexed, as
    ``(id, reason)``. ``sentences`` holds the full-model sentence vectors
    when the part was built with a sentence encoder.
    """

    columns: dict[str, list[str]]
    vectors: np.ndarray
    anchor_minhash: np.ndarray
    anchor_count: np.ndarray
    shingle_minhash: np.ndarray
    shingle_count: np.ndarray
    skipped: tuple[tuple[str, str], ...] = ()
    sentences: SentenceVectors | None = None

    def __len__(self) -> int:
        return len(self.columns["id"])

    @classmethod
    def empty(cls, dimension: int, params: IndexParams, sentence_dimension: int | None = None) -> IndexPart:
        """A part with no articles (the start of a merge); with sentence vectors if given their dimension."""
        return cls(columns={c: [] for c in TEXT_COLUMNS},
                   vectors=np.zeros((0, dimension), dtype=np.float32),
                   anchor_minhash=np.zeros((0, params.num_perm), dtype=np.uint32),
                   anchor_count=np.zeros(0, dtype=np.int32),
                   shingle_minhash=np.zeros((0, params.num_perm), dtype=np.uint32),
                   shingle_count=np.zeros(0, dtype=np.int32),
                   sentences=(None if sentence_dimension is None
                              else SentenceVectors.empty(sentence_dimension)))


def _article_columns(article: Article) -> dict[str, str]:
    return {"id": article.id, "title": article.title or "", "source": article.source or "",
            "url": article.url or "", "published": article.published or "",
            "attribution": "\n".join(article.attribution), "text": article.text}


def index_part(articles: Sequence[Article], encoder: DocumentEncoder,
               params: IndexParams | None = None, sentence_encoder: Any = None) -> IndexPart:
    """Index rows for ``articles``: pure, so a batch can be built in any process.

    Skipped articles (``status != "ok"``) and repeated ids within the batch
    are recorded in ``skipped`` and not indexed. Costs ~1 ms of static
    encoding plus ~4 ms of tokenising and hashing per 600-word article on one
    core; with a ``sentence_encoder`` (the pair engine's), the full-model
    sentence vectors are made and kept too, at ~60 ms (onnx-int8) per article.
    """
    params = params or IndexParams()
    skipped: list[tuple[str, str]] = []
    kept: list[Article] = []
    seen: set[str] = set()
    for a in articles:
        if not a.ok:
            skipped.append((a.id, a.reason or "not readable"))
        elif a.id in seen:
            skipped.append((a.id, "duplicate id in the input; the first one is indexed"))
        else:
            seen.add(a.id)
            kept.append(a)
    texts = [a.text for a in kept]
    anchor_sets, shingle_sets = _sets(texts, params)
    vectors = encoder.encode(texts) if kept else np.zeros((0, encoder.dimension), dtype=np.float32)
    rows = [_article_columns(a) for a in kept]
    return IndexPart(
        columns={c: [r[c] for r in rows] for c in TEXT_COLUMNS},
        vectors=np.asarray(vectors, dtype=np.float32).reshape(len(kept), -1),
        anchor_minhash=minhash_signatures(anchor_sets, params.num_perm, params.seed, params.scheme),
        anchor_count=np.array([len(s) for s in anchor_sets], dtype=np.int32),
        shingle_minhash=minhash_signatures(shingle_sets, params.num_perm, params.seed, params.scheme),
        shingle_count=np.array([len(s) for s in shingle_sets], dtype=np.int32),
        skipped=tuple(skipped),
        sentences=None if sentence_encoder is None else sentence_vectors(kept, sentence_encoder),
    )


def merge_parts(parts: Sequence[IndexPart]) -> IndexPart:
    """Concatenate parts in order; an id already present is skipped (the first one wins).

    Associative, so parts can be merged pairwise or all at once. Needs at least one part.
    """
    if not parts:
        raise ValueError("merge_parts needs at least one part (use IndexPart.empty)")
    seen: set[str] = set()
    keep_rows: list[np.ndarray] = []
    skipped: list[tuple[str, str]] = []
    for part in parts:
        mask = np.ones(len(part), dtype=bool)
        for i, article_id in enumerate(part.columns["id"]):
            if article_id in seen:
                mask[i] = False
                skipped.append((article_id, "already indexed under this id; the first one is kept"))
            seen.add(article_id)
        keep_rows.append(mask)
        skipped.extend(part.skipped)
    columns = {c: [v for part, mask in zip(parts, keep_rows, strict=True)
                   for v, keep in zip(part.columns[c], mask, strict=True) if keep]
               for c in TEXT_COLUMNS}

    def stack(name: str) -> np.ndarray:
        return np.concatenate([getattr(p, name)[m] for p, m in zip(parts, keep_rows, strict=True)])

    with_sentences = {p.sentences is not None for p in parts}
    if len(with_sentences) > 1:
        raise ValueError("cannot merge parts with sentence vectors and parts without them")
    sentences = (SentenceVectors.concat([p.sentences.select(m)  # type: ignore[union-attr]
                                         for p, m in zip(parts, keep_rows, strict=True)])
                 if with_sentences == {True} else None)
    return IndexPart(columns=columns, vectors=stack("vectors"), anchor_minhash=stack("anchor_minhash"),
                     anchor_count=stack("anchor_count"), shingle_minhash=stack("shingle_minhash"),
                     shingle_count=stack("shingle_count"), skipped=tuple(skipped), sentences=sentences)


def _timestamp() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (UTC), so an index can be rebuilt byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = time.gmtime(int(epoch)) if epoch.isdigit() else time.localtime()
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", moment)


Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]

#: Arrays of the index file: dtype and rows ("n" = one per article).
_ARRAYS = {
    "vectors": ("<f4", "n"),
    "anchor_minhash": ("<u4", "n"),
    "anchor_count": ("<i4", "n"),
    "shingle_minhash": ("<u4", "n"),
    "shingle_count": ("<i4", "n"),
    **{name: spec for c in TEXT_COLUMNS
       for name, spec in ((f"{c}.data", ("|u1", "any")), (f"{c}.offsets", ("<i8", "n+1")))},
}

#: Arrays present when the index keeps full-model sentence vectors.
_SENTENCE_ARRAYS = {"sentence_counts": ("<i4", "n"), "sentence_vectors": ("<f2", "any"),
                    "sentence_spans": ("<i4", "any"), "sentence_quoted": ("<f2", "any"),
                    "sentence_speakers.data": ("|u1", "any"), "sentence_speakers.offsets": ("<i8", "any")}


def describe_sentence_encoder(encoder: Any) -> dict[str, Any]:
    """What the manifest records of the model that made the stored sentence vectors."""
    return {"name": encoder.name, "backend": encoder.backend, "version": encoder.version,
            "dimension": int(encoder.dimension)}


@dataclass
class CorpusIndex:
    """A searchable, saveable index of articles.

    Make one with :meth:`build` (or :meth:`load`), grow it with :meth:`add`,
    write it with :meth:`save`; :meth:`search` gives an article's
    candidates, :meth:`rank` ranks new articles by originality against it.
    ``encoder`` makes the document vectors and must be the model the index
    was built with (:meth:`load` checks name and version). ``method``
    chooses the vector search (see :mod:`analyzer.ann`).
    ``sentence_model`` describes the sentence model of the stored sentence
    vectors, when the index keeps them (:mod:`analyzer.sentence_store`).
    Not thread-safe while :meth:`add` runs.
    """

    part: IndexPart
    encoder: DocumentEncoder = field(default_factory=default_encoder)
    params: IndexParams = field(default_factory=IndexParams)
    method: Method = "exact"
    created: str = ""
    sentence_model: dict[str, Any] | None = None
    _search: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    _positions: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._search = {}
        self._positions = {article_id: i for i, article_id in enumerate(self.part.columns["id"])}

    def __len__(self) -> int:
        return len(self.part)

    @property
    def ids(self) -> list[str]:
        """Ids of the indexed articles, in index order."""
        return self.part.columns["id"]

    @property
    def skipped(self) -> tuple[tuple[str, str], ...]:
        """Inputs of the last build or add that were not indexed, as ``(id, reason)``."""
        return self.part.skipped

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, inputs: Iterable[str | os.PathLike | Article] | str | os.PathLike, *,
              encoder: DocumentEncoder | None = None, params: IndexParams | None = None,
              method: Method = "exact", batch_size: int = 2000,
              progress: Progress | None = None, sentence_encoder: Any = None) -> CorpusIndex:
        """Index articles given as paths (files, folders) or :class:`Article` objects.

        Works batch by batch with :func:`index_part` and :func:`merge_parts`
        (the same functions a distributed build uses), so memory holds the
        texts plus ~1.3 KB of arrays per article. With a ``sentence_encoder``
        (the :class:`~analyzer.embedding.SentenceEncoder` ranking will use)
        the index also keeps every sentence's full-model vector, so ranking
        encodes only the new article; that makes building ~20x slower.
        """
        encoder = encoder or default_encoder()
        params = params or IndexParams()
        dim = None if sentence_encoder is None else int(sentence_encoder.dimension)
        parts = [IndexPart.empty(encoder.dimension, params, dim)]
        parts += _index_batches(read_inputs(inputs), encoder, params, batch_size, progress, sentence_encoder)
        return cls(merge_parts(parts), encoder=encoder, params=params, method=method,
                   created=_timestamp(),
                   sentence_model=(None if sentence_encoder is None
                                   else describe_sentence_encoder(sentence_encoder)))

    @classmethod
    def from_parts(cls, parts: Sequence[IndexPart], *, encoder: DocumentEncoder,
                   params: IndexParams | None = None, method: Method = "exact",
                   sentence_model: dict[str, Any] | None = None) -> CorpusIndex:
        """An index from parts made elsewhere with :func:`index_part` (e.g. by Dask workers).

        Parts that keep sentence vectors need the ``sentence_model`` that made
        them (:func:`describe_sentence_encoder`), recorded in the manifest.
        """
        params = params or IndexParams()
        dim = None if sentence_model is None else int(sentence_model["dimension"])
        return cls(merge_parts([IndexPart.empty(encoder.dimension, params, dim), *parts]),
                   encoder=encoder, params=params, method=method,
                   created=_timestamp(), sentence_model=sentence_model)

    def add(self, inputs: Iterable[str | os.PathLike | Article] | str | os.PathLike, *,
            batch_size: int = 2000, progress: Progress | None = None,
            sentence_encoder: Any = None) -> CorpusIndex:
        """Add articles in place and return the index; ids already indexed are skipped.

        :attr:`skipped` then lists the inputs of this call that were not added.
        An index that keeps sentence vectors needs the ``sentence_encoder``
        that made them (see :meth:`sentence_encoder`).
        """
        if self.sentence_model is not None:
            if sentence_encoder is None:
                raise ValueError("this index keeps sentence vectors: add needs the sentence encoder "
                                 "that made them (CorpusIndex.sentence_encoder())")
            self._check_sentence_encoder(sentence_encoder, "add to")
        elif sentence_encoder is not None:
            raise ValueError("this index keeps no sentence vectors; rebuild it with a sentence encoder "
                             "to keep them")
        new = _index_batches(read_inputs(inputs), self.encoder, self.params, batch_size, progress,
                             sentence_encoder)
        merged = merge_parts([self.part, *new])
        previous = set(self.part.skipped)
        self.part = IndexPart(**{**merged.__dict__,
                                 "skipped": tuple(s for s in merged.skipped if s not in previous)})
        self._reset()
        return self

    # ------------------------------------------------------------------ storing
    def save(self, path: str | os.PathLike) -> None:
        """Write the index to ``path`` atomically (see :mod:`analyzer.index_format`)."""
        arrays: dict[str, np.ndarray] = {
            "vectors": self.part.vectors.astype("<f4", copy=False),
            "anchor_minhash": self.part.anchor_minhash.astype("<u4", copy=False),
            "anchor_count": self.part.anchor_count.astype("<i4", copy=False),
            "shingle_minhash": self.part.shingle_minhash.astype("<u4", copy=False),
            "shingle_count": self.part.shingle_count.astype("<i4", copy=False),
        }
        for c in TEXT_COLUMNS:
            data, offsets = pack_strings(self.part.columns[c])
            arrays[f"{c}.data"], arrays[f"{c}.offsets"] = data, offsets.astype("<i8", copy=False)
        if self.part.sentences is not None:
            arrays["sentence_counts"] = self.part.sentences.counts.astype("<i4", copy=False)
            arrays["sentence_vectors"] = self.part.sentences.vectors.astype("<f2", copy=False)
            arrays["sentence_spans"] = self.part.sentences.spans.astype("<i4", copy=False)
            arrays["sentence_quoted"] = self.part.sentences.quoted.astype("<f2", copy=False)
            data, offsets = pack_strings(self.part.sentences.speakers)
            arrays["sentence_speakers.data"] = data
            arrays["sentence_speakers.offsets"] = offsets.astype("<i8", copy=False)
        from analyzer import __version__

        manifest = {
            "created_by": f"analyzer {__version__}",
            "created": self.created or _timestamp(),
            "saved": _timestamp(),
            "n_articles": len(self),
            "encoder": {"name": self.encoder.name, "version": self.encoder.version,
                        "dimension": int(self.encoder.dimension)},
            "params": self.params.to_dict(),
        }
        if self.sentence_model is not None:
            manifest["sentence_model"] = self.sentence_model
        write_index_file(path, manifest, arrays)

    @classmethod
    def load(cls, path: str | os.PathLike, *, encoder: DocumentEncoder | None = None,
             method: Method = "exact") -> CorpusIndex:
        """Read an index saved by :meth:`save`, refusing a corrupt, foreign or incompatible file.

        Raises :class:`~analyzer.exceptions.IndexFormatError` when the file
        is not a valid index or was built with another encoder (name,
        version or dimension) than ``encoder`` (default: the static encoder).
        """
        where = str(path)
        raw = read_index_file(path, _ARRAYS, optional=_SENTENCE_ARRAYS)
        encoder = encoder or default_encoder()
        built_with = raw.manifest.get("encoder") or {}
        ours = {"name": encoder.name, "version": encoder.version, "dimension": int(encoder.dimension)}
        for key in ("name", "version", "dimension"):
            if built_with.get(key) != ours[key]:
                raise IndexFormatError(
                    f"{where}: index built with encoder {built_with.get('name')!r} "
                    f"version {built_with.get('version')!r} (dimension {built_with.get('dimension')}), "
                    f"but this analyzer uses {ours['name']!r} version {ours['version']!r} "
                    f"(dimension {ours['dimension']}); its vectors cannot be compared. "
                    f"Rebuild the index with 'analyzer index build'"
                )
        params = IndexParams.from_dict(raw.manifest.get("params"), where)
        a = raw.arrays
        if a["vectors"].ndim != 2 or a["vectors"].shape[1] != ours["dimension"]:
            raise IndexFormatError(f"{where}: vectors have shape {a['vectors'].shape}, expected "
                                   f"(n, {ours['dimension']}); the file is corrupt")
        for name in ("anchor_minhash", "shingle_minhash"):
            if a[name].ndim != 2 or a[name].shape[1] != params.num_perm:
                raise IndexFormatError(f"{where}: {name} has shape {a[name].shape}, expected "
                                       f"(n, {params.num_perm}); the file is corrupt")
        if not np.isfinite(a["vectors"]).all():
            raise IndexFormatError(f"{where}: vectors contain NaN or infinity; the file is corrupt")
        columns = {c: unpack_strings(a[f"{c}.data"], a[f"{c}.offsets"], where=f"{where} [{c}]")
                   for c in TEXT_COLUMNS}
        if len(set(columns["id"])) != len(columns["id"]):
            raise IndexFormatError(f"{where}: article ids repeat; the file is corrupt")
        sentence_model, sentences = _stored_sentences(raw.manifest, a, where,
                                                      [len(t) for t in columns["text"]])
        part = IndexPart(columns=columns, vectors=a["vectors"].astype(np.float32),
                         anchor_minhash=a["anchor_minhash"].astype(np.uint32),
                         anchor_count=a["anchor_count"].astype(np.int32),
                         shingle_minhash=a["shingle_minhash"].astype(np.uint32),
                         shingle_count=a["shingle_count"].astype(np.int32), sentences=sentences)
        return cls(part, encoder=encoder, params=params, method=method,
                   created=str(raw.manifest.get("created", "")), sentence_model=sentence_model)

    def info(self) -> dict[str, Any]:
        """What the index holds and how it was made (for ``analyzer index info``)."""
        sources = pd.Series(self.part.columns["source"], dtype=str)
        return {
            "n_articles": len(self),
            "n_sources": int(sources[sources != ""].nunique()),
            "encoder": {"name": self.encoder.name, "version": self.encoder.version,
                        "dimension": int(self.encoder.dimension)},
            "params": self.params.to_dict(),
            "created": self.created,
            "text_megabytes": round(sum(len(t) for t in self.part.columns["text"]) / 1e6, 2),
            "sentence_vectors": None if self.part.sentences is None else {
                **(self.sentence_model or {}), "n_sentences": len(self.part.sentences.vectors)},
        }

    # ------------------------------------------------------------------ sentence vectors
    def sentence_encoder(self) -> Any:
        """The :class:`~analyzer.embedding.SentenceEncoder` that made the stored sentence vectors.

        Raises ``ValueError`` when the index keeps none.
        """
        if self.sentence_model is None:
            raise ValueError("this index keeps no sentence vectors")
        from analyzer.embedding import SentenceEncoder

        encoder = SentenceEncoder(self.sentence_model["name"], backend=self.sentence_model["backend"])
        self._check_sentence_encoder(encoder, "use")
        return encoder

    def _check_sentence_encoder(self, encoder: Any, verb: str) -> None:
        ours = describe_sentence_encoder(encoder)
        if self.sentence_model != ours:
            raise IndexFormatError(
                f"cannot {verb} this index with sentence model {ours['name']!r} ({ours['version']}): its "
                f"sentence vectors were made by {self.sentence_model!r}. Rebuild the index, or use that model"
            )

    def sentence_vectors_match(self, encoder: Any) -> bool:
        """Whether the stored sentence vectors were made by ``encoder``'s model and backend."""
        return self.sentence_model is not None and self.sentence_model == describe_sentence_encoder(encoder)

    def stored_sentences(self, article_id: str) -> tuple[Sentence, ...] | None:
        """The sentences of an indexed article as split at build time (None when the index keeps none)."""
        if self.part.sentences is None:
            return None
        i = self._positions[article_id]
        return self.part.sentences.sentences(i, self.part.columns["text"][i])

    def prime(self, encoder: Any, article_ids: Iterable[str]) -> int:
        """Put the stored sentence vectors of ``article_ids`` into ``encoder``'s cache.

        Only when they were made by the same model and backend (otherwise
        nothing happens, and the engine encodes as usual). Returns how many
        articles were primed.
        """
        store = self.part.sentences
        if store is None or not self.sentence_vectors_match(encoder):
            return 0
        n = 0
        for article_id in article_ids:
            i = self._positions[article_id]
            sentences = store.sentences(i, self.part.columns["text"][i])
            encoder.remember([s.text for s in sentences], store.rows(i))
            n += 1
        return n

    # ------------------------------------------------------------------ searching
    def _structures(self) -> dict[str, Any]:
        if not self._search:
            p = self.part
            self._search = {
                "vectors": VectorSearch(p.vectors, method=self.method),
                "anchors": BandedLSH.build(p.anchor_minhash, *self.params.anchor_bands,
                                           valid=p.anchor_count > 0),
                "shingles": BandedLSH.build(p.shingle_minhash, *self.params.shingle_bands,
                                            valid=p.shingle_count > 0),
            }
        return self._search

    def prepare(self) -> CorpusIndex:
        """Build the search structures now (otherwise the first search does); returns the index."""
        self._structures()
        return self

    def sketch(self, texts: Sequence[str]) -> list[ArticleSketch]:
        """Sketches of new article bodies, comparable with the indexed ones."""
        return sketch_texts(texts, self.encoder, self.params)

    def search(self, article: Article | str | ArticleSketch, top_k: int = 10, *,
               neighbours: int = INDEX_VECTOR_NEIGHBOURS, limit: int = INDEX_LSH_LIMIT,
               exclude: str | None = None) -> pd.DataFrame:
        """The ``top_k`` indexed articles most likely to share text with ``article``, best first.

        Columns: ``position``, ``id``, ``source``, ``score``, ``anchor_jaccard``
        and ``shingle_containment`` (the share of the new article's 5-grams
        found in the candidate; both estimated from the signatures),
        ``cosine`` (static vectors), ``found_by`` (which families proposed it).
        ``score`` is the larger of anchor Jaccard and 5-gram containment, plus a
        tenth of the cosine to order articles that share no text.
        Each LSH family proposes at most ``limit`` articles (those sharing
        the most bands), the vectors ``neighbours``.
        ``exclude`` drops one id (an article searching for others than itself).
        """
        if isinstance(article, ArticleSketch):
            sk = article
        else:
            sk = self.sketch([article.text if isinstance(article, Article) else article])[0]
        s = self._structures()
        none = np.zeros(0, dtype=np.int64)
        families = {
            "anchors": s["anchors"].query(sk.anchor_minhash, limit) if sk.anchor_count else none,
            "shingles": s["shingles"].query(sk.shingle_minhash, limit) if sk.shingle_count else none,
            "vector": np.sort(s["vectors"].search(sk.vector, neighbours)[0]),
        }
        cand = np.unique(np.concatenate(list(families.values())))
        if exclude is not None and exclude in self._positions:
            cand = cand[cand != self._positions[exclude]]
        if not len(cand):
            return pd.DataFrame(columns=CANDIDATE_COLUMNS)
        scores = self.score_candidates(sk, cand)
        order = np.lexsort((cand, -scores["score"]))[:top_k]
        cand = cand[order]
        found_by = [",".join(name for name, hits in families.items()
                             if np.searchsorted(hits, i) < len(hits) and hits[np.searchsorted(hits, i)] == i)
                    for i in cand]
        return pd.DataFrame({
            "position": cand,
            "id": [self.part.columns["id"][i] for i in cand],
            "source": [self.part.columns["source"][i] or None for i in cand],
            **{k: v[order] for k, v in scores.items()},
            "found_by": found_by,
        }, columns=CANDIDATE_COLUMNS)

    def score_candidates(self, sk: ArticleSketch, positions: np.ndarray) -> dict[str, np.ndarray]:
        """Candidate scores of indexed ``positions`` for a sketch (see :meth:`search`)."""
        p = self.part
        aj = estimated_jaccard(sk.anchor_minhash, p.anchor_minhash[positions])
        aj = np.where((p.anchor_count[positions] > 0) & (sk.anchor_count > 0), aj, 0.0)
        sj = estimated_jaccard(sk.shingle_minhash, p.shingle_minhash[positions])
        sizes = p.shingle_count[positions].astype(np.float32)
        # |A ∩ B| = J (|A| + |B|) / (1 + J). Containment is over the new article's 5-grams:
        # "how much of it is in the candidate" (a short candidate sharing a few 5-grams
        # with a long article is not its source).
        inter = sj * (sizes + sk.shingle_count) / (1.0 + sj)
        sc = np.where((sizes > 0) & (sk.shingle_count > 0),
                      np.minimum(1.0, inter / max(sk.shingle_count, 1)), 0.0)
        cos = p.vectors[positions] @ sk.vector
        score = np.maximum(aj, sc) + 0.1 * cos
        return {"score": score.astype(np.float32), "anchor_jaccard": aj.astype(np.float32),
                "shingle_containment": sc.astype(np.float32), "cosine": cos.astype(np.float32)}

    def article(self, article_id: str) -> Article:
        """The indexed article with id ``article_id``, as an :class:`Article`."""
        i = self._positions[article_id]
        c = self.part.columns
        return Article(id=c["id"][i], text=c["text"][i], title=c["title"][i],
                       source=c["source"][i] or None, url=c["url"][i] or None,
                       published=c["published"][i] or None,
                       attribution=tuple(x for x in c["attribution"][i].split("\n") if x))

    def rank(self, new: Iterable[str | os.PathLike | Article] | str | os.PathLike, *,
             engine: Any = None, top_k: int = 10) -> pd.DataFrame:
        """New articles ranked by originality against this index (see :func:`analyzer.ranking.rank`)."""
        from analyzer.ranking import rank

        return rank(new, index=self, engine=engine, top_k=top_k)


def _index_batches(articles: Sequence[Article], encoder: DocumentEncoder, params: IndexParams,
                   batch_size: int, progress: Progress | None,
                   sentence_encoder: Any = None) -> list[IndexPart]:
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    loop = progress(batches, len(batches), "indexing") if progress else batches
    return [index_part(batch, encoder, params, sentence_encoder) for batch in loop]


def _stored_sentences(manifest: dict[str, Any], arrays: dict[str, np.ndarray], where: str,
                      text_lengths: Sequence[int]) -> tuple[dict[str, Any] | None, SentenceVectors | None]:
    """The sentence model, vectors and segmentation of a loaded index, validated (None when it keeps none)."""
    model = manifest.get("sentence_model")
    present = [name in arrays for name in _SENTENCE_ARRAYS]
    if model is None and not any(present):
        return None, None
    if model is None or not all(present):
        raise IndexFormatError(f"{where}: sentence vectors are only partly recorded; the file is corrupt")
    if not isinstance(model, dict) or set(model) != {"name", "backend", "version", "dimension"}:
        raise IndexFormatError(f"{where}: manifest 'sentence_model' is malformed; the file is corrupt")
    counts, vectors = arrays["sentence_counts"], arrays["sentence_vectors"]
    if vectors.ndim != 2 or vectors.shape[1] != model["dimension"] or not np.isfinite(vectors).all():
        raise IndexFormatError(f"{where}: sentence vectors have shape {vectors.shape} or values that do not "
                               f"fit dimension {model['dimension']}; the file is corrupt")
    speakers = unpack_strings(arrays["sentence_speakers.data"], arrays["sentence_speakers.offsets"],
                              where=f"{where} [sentence speakers]")
    try:
        stored = SentenceVectors(counts.astype(np.int32), vectors.astype(np.float16),
                                 arrays["sentence_spans"].astype(np.int32),
                                 arrays["sentence_quoted"].astype(np.float16), tuple(speakers))
        stored.check_spans(text_lengths)
    except ValueError as err:
        raise IndexFormatError(f"{where}: {err}; the file is corrupt") from err
    return model, stored
