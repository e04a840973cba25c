"""The building blocks of a corpus index: parameters, one batch's rows, merging, and the file's arrays.

Building is a pure function per batch of articles, :func:`index_part`
(articles → :class:`IndexPart`: ids, metadata, text, one static document
vector and two MinHash signatures per article), and a merge,
:func:`merge_parts`, so a batch can run anywhere (a Dask partition, another
process) and the parts join in order. :meth:`IndexPart.to_arrays` and
:meth:`IndexPart.from_arrays` map a part to the named arrays of the index
file and back, validating what they read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

import numpy as np

from analyzer.article import Article, Disguise
from analyzer.config import (
    INDEX_ANCHOR_BANDS,
    INDEX_NUM_PERM,
    INDEX_SHINGLE_BANDS,
    SHINGLE_SIZE,
)
from analyzer.exceptions import IndexFormatError
from analyzer.index.file_format import pack_strings, unpack_strings
from analyzer.index.lsh import minhash_signatures
from analyzer.index.sentence_store import SentenceVectors, sentence_vectors
from analyzer.text.ngrams import shingles
from analyzer.text.tokens import anchors, lower_words

#: Text columns stored per article (``attribution`` lines joined by newlines).
#: ``order`` is the stated order of publication as decimal text; ``disguises`` a JSON list.
TEXT_COLUMNS = ("id", "title", "source", "url", "published", "published_from", "order", "attribution",
                "disguises", "text")


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
    from analyzer.embed.static import StaticEncoder

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
        except (KeyError, TypeError, ValueError, OverflowError) as err:
            raise IndexFormatError(f"{where}: manifest 'params' are incomplete ({err!r})") from err
        two = len(params.anchor_bands) == 2 and len(params.shingle_bands) == 2
        if not two or not 1 <= params.num_perm <= 4096:
            raise IndexFormatError(f"{where}: manifest 'params' are malformed (bands must be two numbers, "
                                   f"num_perm 1-4096); the file is corrupt")
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

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The part as the index file's named arrays (see :data:`ARRAYS`, :data:`SENTENCE_ARRAYS`)."""
        arrays: dict[str, np.ndarray] = {
            "vectors": self.vectors.astype("<f4", copy=False),
            "anchor_minhash": self.anchor_minhash.astype("<u4", copy=False),
            "anchor_count": self.anchor_count.astype("<i4", copy=False),
            "shingle_minhash": self.shingle_minhash.astype("<u4", copy=False),
            "shingle_count": self.shingle_count.astype("<i4", copy=False),
        }
        for c in TEXT_COLUMNS:
            data, offsets = pack_strings(self.columns[c])
            arrays[f"{c}.data"], arrays[f"{c}.offsets"] = data, offsets.astype("<i8", copy=False)
        if self.sentences is not None:
            arrays["sentence_counts"] = self.sentences.counts.astype("<i4", copy=False)
            arrays["sentence_vectors"] = self.sentences.vectors.astype("<f2", copy=False)
            arrays["sentence_spans"] = self.sentences.spans.astype("<i4", copy=False)
            arrays["sentence_quoted"] = self.sentences.quoted.astype("<f2", copy=False)
            data, offsets = pack_strings(self.sentences.speakers)
            arrays["sentence_speakers.data"] = data
            arrays["sentence_speakers.offsets"] = offsets.astype("<i8", copy=False)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], manifest: dict[str, Any], *, dimension: int,
                    num_perm: int, where: str) -> tuple[IndexPart, dict[str, Any] | None]:
        """The part stored in an index file, and its sentence model, refusing arrays that do not fit.

        Raises :class:`~analyzer.exceptions.IndexFormatError` naming ``where``
        and the array that is wrong.
        """
        a = arrays
        if a["vectors"].ndim != 2 or a["vectors"].shape[1] != dimension:
            raise IndexFormatError(f"{where}: vectors have shape {a['vectors'].shape}, expected "
                                   f"(n, {dimension}); the file is corrupt")
        for name in ("anchor_minhash", "shingle_minhash"):
            if a[name].ndim != 2 or a[name].shape[1] != num_perm:
                raise IndexFormatError(f"{where}: {name} has shape {a[name].shape}, expected "
                                       f"(n, {num_perm}); the file is corrupt")
        if not np.isfinite(a["vectors"]).all():
            raise IndexFormatError(f"{where}: vectors contain NaN or infinity; the file is corrupt")
        columns = {c: unpack_strings(a[f"{c}.data"], a[f"{c}.offsets"], where=f"{where} [{c}]")
                   for c in TEXT_COLUMNS}
        if len(set(columns["id"])) != len(columns["id"]):
            raise IndexFormatError(f"{where}: article ids repeat; the file is corrupt")
        if not all(_ORDER.fullmatch(v) for v in columns["order"]):
            raise IndexFormatError(f"{where}: an article's stated order is not an integer; "
                                   "the file is corrupt")
        for value in columns["disguises"]:
            stored_disguises(value, where)
        sentence_model, sentences = _stored_sentences(manifest, a, where, [len(t) for t in columns["text"]])
        part = cls(columns=columns, vectors=a["vectors"].astype(np.float32),
                   anchor_minhash=a["anchor_minhash"].astype(np.uint32),
                   anchor_count=a["anchor_count"].astype(np.int32),
                   shingle_minhash=a["shingle_minhash"].astype(np.uint32),
                   shingle_count=a["shingle_count"].astype(np.int32), sentences=sentences)
        return part, sentence_model


_ORDER = re.compile(r"(-?[0-9]{1,18})?")


def stored_disguises(value: str, where: str = "index") -> tuple[Disguise, ...]:
    """The disguises of an article as its ``disguises`` column holds them (JSON); refused if malformed."""
    if not value:
        return ()
    try:
        records = json.loads(value)
        return tuple(Disguise(trick=str(r["trick"]), count=int(r["count"]),
                              examples=tuple(str(x) for x in r["examples"]),
                              scripts=tuple(str(x) for x in r["scripts"])) for r in records)
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise IndexFormatError(f"{where}: an article's disguises column is malformed "
                               f"({exc.__class__.__name__}); the file is corrupt") from None


def _article_columns(article: Article) -> dict[str, str]:
    return {"id": article.id, "title": article.title or "", "source": article.source or "",
            "url": article.url or "", "published": article.published or "",
            "published_from": article.published_from or "",
            "order": "" if article.order is None else str(article.order),
            "attribution": "\n".join(article.attribution),
            "disguises": json.dumps([d.to_dict() for d in article.disguises]) if article.disguises else "",
            "text": article.text}


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


#: Arrays of the index file: dtype and rows ("n" = one per article).
ARRAYS = {
    "vectors": ("<f4", "n"),
    "anchor_minhash": ("<u4", "n"),
    "anchor_count": ("<i4", "n"),
    "shingle_minhash": ("<u4", "n"),
    "shingle_count": ("<i4", "n"),
    **{name: spec for c in TEXT_COLUMNS
       for name, spec in ((f"{c}.data", ("|u1", "any")), (f"{c}.offsets", ("<i8", "n+1")))},
}

#: Arrays present when the index keeps full-model sentence vectors.
SENTENCE_ARRAYS = {"sentence_counts": ("<i4", "n"), "sentence_vectors": ("<f2", "any"),
                    "sentence_spans": ("<i4", "any"), "sentence_quoted": ("<f2", "any"),
                    "sentence_speakers.data": ("|u1", "any"), "sentence_speakers.offsets": ("<i8", "any")}


def describe_sentence_encoder(encoder: Any) -> dict[str, Any]:
    """What the manifest records of the model that made the stored sentence vectors."""
    return {"name": encoder.name, "backend": encoder.backend, "version": encoder.version,
            "dimension": int(encoder.dimension)}


def _stored_sentences(manifest: dict[str, Any], arrays: dict[str, np.ndarray], where: str,
                      text_lengths: Sequence[int]) -> tuple[dict[str, Any] | None, SentenceVectors | None]:
    """The sentence model, vectors and segmentation of a loaded index, validated (None when it keeps none)."""
    model = manifest.get("sentence_model")
    present = [name in arrays for name in SENTENCE_ARRAYS]
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
