"""A persistent corpus index: find, among everything seen before, where a new article came from.

An index is built from parts (:mod:`analyzer.index.parts`: one pure function
per batch of articles, and a merge). :class:`CorpusIndex` wraps one merged
part with the search structures, which are rebuilt from the stored arrays on
load rather than read from the file.

Candidates for a new article come from three families that fail in
different ways:

* MinHash LSH over its **anchors** (names, numbers, rare words:
  :func:`analyzer.text.tokens.anchors`), which a spinner leaves alone (a spin
  keeps 0.3–0.9 of its source's anchor set);
* MinHash LSH over its **word 5-grams**, which a copy keeps;
* the nearest **static document vectors** (:class:`~analyzer.embed.static.StaticEncoder`,
  ~100x faster than the sentence model), for rewrites that keep neither.

The union is scored from the signatures and vectors (no text is read), and
:mod:`analyzer.index.rank` sends the best few to the full pair engine.

By default the index stores article text, not full-model sentence vectors:
those cost ~2-6 ms per sentence to make (~60 ms an article with ``onnx-int8``
on 2 cores: 100 minutes for 100k articles, hours with torch) and 768 bytes
each, while the pair engine needs them only for the two or three candidates
a new article is compared with. Built with a ``sentence_encoder``, the index keeps
them too, with each article's sentence segmentation
(:mod:`analyzer.index.sentence_store`), and ranking then splits and encodes only
the new article.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analyzer.__version__ import __version__
from analyzer.article import Article
from analyzer.config import (
    INDEX_LSH_LIMIT,
    INDEX_VECTOR_NEIGHBOURS,
)
from analyzer.exceptions import IndexFormatError
from analyzer.index.file_format import read_index_file, write_index_file
from analyzer.index.lsh import BandedLSH, estimated_jaccard
from analyzer.index.parts import (
    ARRAYS,
    SENTENCE_ARRAYS,
    ArticleSketch,
    DocumentEncoder,
    IndexParams,
    IndexPart,
    default_encoder,
    describe_sentence_encoder,
    index_part,
    merge_parts,
    sketch_texts,
    stored_disguises,
)
from analyzer.index.vectors import Method, VectorSearch
from analyzer.ingest.read import read_inputs
from analyzer.text.sentences import Sentence

#: Columns of :meth:`CorpusIndex.search`.
CANDIDATE_COLUMNS = ["position", "id", "source", "score", "anchor_jaccard", "shingle_containment",
                     "cosine", "found_by"]

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def _timestamp() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (UTC), so an index can be rebuilt byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = time.gmtime(int(epoch)) if epoch.isdigit() else time.localtime()
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", moment)


Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


@dataclass
class CorpusIndex:
    """A searchable, saveable index of articles.

    Make one with :meth:`build` (or :meth:`load`), grow it with :meth:`add`,
    write it with :meth:`save`; :meth:`search` gives an article's
    candidates; :func:`analyzer.rank` ranks new articles by originality against it.
    ``encoder`` makes the document vectors and must be the model the index
    was built with (:meth:`load` checks name and version). ``method``
    chooses the vector search (see :mod:`analyzer.index.vectors`).
    ``sentence_model`` describes the sentence model of the stored sentence
    vectors, when the index keeps them (:mod:`analyzer.index.sentence_store`).
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

    def __contains__(self, article_id: object) -> bool:
        """Whether an article with this id is indexed."""
        return article_id in self._positions

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
        (the :class:`~analyzer.embed.sentence.SentenceEncoder` ranking will use)
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
        """Write the index to ``path`` atomically (see :mod:`analyzer.index.file_format`)."""
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
        write_index_file(path, manifest, self.part.to_arrays())

    @classmethod
    def load(cls, path: str | os.PathLike, *, encoder: DocumentEncoder | None = None,
             method: Method = "exact") -> CorpusIndex:
        """Read an index saved by :meth:`save`, refusing a corrupt, foreign or incompatible file.

        Raises :class:`~analyzer.exceptions.IndexFormatError` when the file
        is not a valid index or was built with another encoder (name,
        version or dimension) than ``encoder`` (default: the static encoder).
        """
        where = str(path)
        raw = read_index_file(path, ARRAYS, optional=SENTENCE_ARRAYS)
        encoder = encoder or default_encoder()
        built_with = raw.manifest.get("encoder")
        built_with = built_with if isinstance(built_with, dict) else {}
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
        part, sentence_model = IndexPart.from_arrays(raw.arrays, raw.manifest, dimension=ours["dimension"],
                                                     num_perm=params.num_perm, where=where)
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
        """The :class:`~analyzer.embed.sentence.SentenceEncoder` that made the stored sentence vectors.

        Raises ``ValueError`` when the index keeps none.
        """
        if self.sentence_model is None:
            raise ValueError("this index keeps no sentence vectors")
        from analyzer.embed.sentence import SentenceEncoder

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
                       published_from=c["published_from"][i] or None,
                       order=int(c["order"][i]) if c["order"][i] else None,
                       attribution=tuple(x for x in c["attribution"][i].split("\n") if x),
                       disguises=stored_disguises(c["disguises"][i]))


def _index_batches(articles: Sequence[Article], encoder: DocumentEncoder, params: IndexParams,
                   batch_size: int, progress: Progress | None,
                   sentence_encoder: Any = None) -> list[IndexPart]:
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    loop = progress(batches, len(batches), "indexing") if progress else batches
    return [index_part(batch, encoder, params, sentence_encoder) for batch in loop]
