"""Corpus-wide analysis on a Dask cluster, equal to :func:`analyzer.analyze` on the same input.

:func:`analyze_distributed` runs the single-process pipeline's stages as Dask
work, reusing its pure functions so the two cannot drift apart:

1. ingest: input files are read in partitions on the workers, then ids are
   made unique over the whole corpus on the client (as ``read_articles`` does);
2. profiles: each partition of usable articles is profiled on a worker by the
   one :class:`~analyzer.pairs.engine.Engine` that worker process holds (loaded
   once per process by :class:`EnginePlugin`); profiles stay on the workers;
3. candidates (above ``all_pairs_limit`` articles): MinHash LSH banding as a
   shuffle (each article's band keys are rows of a Dask DataFrame, joined on
   ``(family, band, key)`` across partitions: two articles are a pair exactly
   when datasketch's ``MinHashLSH`` would bucket them together), the nearest
   neighbours by document vector as one task per partition against the
   broadcast vectors, and LSH Ensemble containment on the client from the
   workers' MinHashes (1 KB per article);
4. pair checks: batches of pairs, grouped by the two partitions they read, as
   tasks on the workers;
5. scores: the same :func:`analyzer.analysis.assemble_analysis` as the single
   process, on the client (facts, consistency, sources need the whole corpus).

Results equal the single-process ones: same pairs, relations and scores;
probabilities agree to float tolerance (a sentence batch encoded in another
company can differ in the last bits of its vectors).

:func:`build_index_distributed` does the same for a corpus index: files read
and :func:`~analyzer.index.parts.index_part` run per batch on the workers,
parts merged in order on the client.

Run it on a real cluster with ``analyzer analyze --scheduler tcp://host:8786
...``; every worker needs the analyzer installed and the derived models
prepared (``analyzer models prepare``) in its cache.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import warnings
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from distributed import WorkerPlugin

from analyzer.analysis import Analysis, assemble_analysis, kept
from analyzer.article import Article
from analyzer.config import ALL_PAIRS_LIMIT, CANDIDATE_NEIGHBOURS, default_model
from analyzer.embed.sentence import SentenceEncoder
from analyzer.exceptions import InputError, InputNotFoundError, ModelError, NoArticlesError
from analyzer.ingest.from_text import IngestWarning
from analyzer.ingest.read import EXTENSIONS, article_files, deduplicate, read_file
from analyzer.pairs.candidates import (
    CONTAINMENT_THRESHOLD,
    LSH_THRESHOLD,
    containment_entries,
    containment_pairs_of,
    lsh_bands,
    lsh_families,
    minhash_values,
    neighbour_pairs,
)
from analyzer.pairs.engine import Engine
from analyzer.pairs.profile import ArticleProfile
from analyzer.pairs.result import PairResult

log = logging.getLogger(__name__)

#: Articles profiled per task (and per partition of the candidate search).
PARTITION_SIZE = 64

#: Pairs decided per task.
PAIR_BATCH = 128

#: Files read per ingest task.
FILES_PER_TASK = 32


class EnginePlugin(WorkerPlugin):
    """Holds one :class:`Engine` per worker process, built on first use and reused by every task.

    Registered on the cluster by :func:`analyze_distributed`; ``name`` names the
    model and backend, so runs with another model get another engine.
    """

    def __init__(self, model: str | None = None, backend: str = "torch",
                 threads: int | None = None) -> None:
        self.model = model or default_model()
        self.backend = backend
        self.threads = threads
        self._engine: Engine | None = None

    @property
    def name(self) -> str:
        """The plugin's name on the workers."""
        return f"analyzer-engine:{self.model}:{self.backend}"

    def setup(self, worker: Any) -> None:
        """Called by Dask when the plugin is installed on a worker: nothing is loaded yet.

        An ONNX session gets as many threads as the worker runs tasks (one by
        default): more would oversubscribe the cores the other workers use.
        """
        self._engine = None
        if self.threads is None:
            self.threads = int(getattr(getattr(worker, "state", None), "nthreads", 0) or 1)

    def teardown(self, worker: Any) -> None:
        """Called by Dask when the worker closes."""
        self._engine = None

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "backend": self.backend, "threads": self.threads, "_engine": None}

    @property
    def engine(self) -> Engine:
        """The engine of the worker process (models load on the first task that needs them)."""
        if self._engine is None:
            self._engine = Engine(encoder=SentenceEncoder(self.model, backend=self.backend,
                                                          threads=self.threads))
        return self._engine


def _worker_engine(plugin_name: str) -> Engine:
    from distributed import get_worker

    return get_worker().plugins[plugin_name].engine


# --- tasks (pure functions of their arguments, run on the workers) -------------------------------

def _read_files(files: Sequence[str]) -> list[Article]:
    """Articles of ``files``, in order (ids are made unique later, over the corpus)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [article for f in files for article in read_file(Path(f))]


def _profile_partition(articles: Sequence[Article], plugin_name: str) -> list[ArticleProfile]:
    return _worker_engine(plugin_name).profile(articles)


def _doc_vectors(profiles: Sequence[ArticleProfile]) -> np.ndarray:
    return np.vstack([p.doc_vector for p in profiles]).astype(np.float32)


def band_rows(profiles: Sequence[ArticleProfile], offset: int,
              bands: Sequence[tuple[int, int]]) -> pd.DataFrame:
    """One row per (family, band) of each article with a non-empty set: its bucket key.

    ``doc`` counts from ``offset`` (the partition's first article); the key is
    the band's slice of MinHash values, as datasketch's ``MinHashLSH`` buckets it.
    """
    rows: dict[str, list[Any]] = {"family": [], "band": [], "key": [], "doc": []}
    for i, profile in enumerate(profiles):
        for family, tokens in lsh_families(profile).items():
            if not tokens:
                continue
            values = minhash_values(tokens)
            for band, (start, end) in enumerate(bands):
                rows["family"].append(family)
                rows["band"].append(band)
                rows["key"].append(values[start:end].tobytes().hex())
                rows["doc"].append(offset + i)
    return pd.DataFrame({"family": pd.Series(rows["family"], dtype=object),
                         "band": pd.Series(rows["band"], dtype="int64"),
                         "key": pd.Series(rows["key"], dtype=object),
                         "doc": pd.Series(rows["doc"], dtype="int64")})


def _containment_entries(profiles: Sequence[ArticleProfile], offset: int) -> list[tuple[str, Any, int]]:
    return containment_entries([lsh_families(p)["shingle5"] for p in profiles], offset=offset)


def _neighbours(vectors: np.ndarray, rows: range, k: int) -> set[tuple[int, int]]:
    return neighbour_pairs(vectors, k, rows=rows)


def _decide_batch(first: Sequence[ArticleProfile], second: Sequence[ArticleProfile],
                  pairs: Sequence[tuple[int, int]], plugin_name: str,
                  keep_evidence: bool = False) -> list[PairResult]:
    """Verdicts on ``pairs`` of (index into ``first``, index into ``second``), as an analysis keeps them."""
    engine = _worker_engine(plugin_name)
    return [kept(engine.decide(first[i], second[j]), keep_evidence) for i, j in pairs]


# --- the driver ------------------------------------------------------------------------------------

def input_files(paths: Sequence[str | os.PathLike]) -> list[Path]:
    """The files ``read_articles`` would read for ``paths``, in its order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise InputNotFoundError(
                f"input path does not exist: '{path}' (check the spelling, or the working "
                f"directory '{Path.cwd()}')")
        if path.is_dir():
            found = list(article_files(path, recursive=True))
            if not found:
                warnings.warn(f"folder '{path}' holds no article files (looked for "
                              f"{', '.join(EXTENSIONS)} in sub-folders too)", IngestWarning, stacklevel=3)
            files.extend(found)
        else:
            files.append(path)
    return files


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lsh_pairs_shuffled(profile_parts: Sequence[Any], offsets: Sequence[int], threshold: float,
                        client: Any) -> set[tuple[int, int]]:
    """LSH pairs of both families: band keys as a Dask DataFrame, joined across partitions."""
    import dask
    import dask.dataframe as dd

    bands = lsh_bands(threshold)
    meta = band_rows([], 0, bands)
    parts = [dask.delayed(band_rows)(part, offset, bands)
             for part, offset in zip(profile_parts, offsets, strict=True)]
    keys = dd.from_delayed(parts, meta=meta, verify_meta=False)
    joined = keys.merge(keys, on=["family", "band", "key"], suffixes=("_a", "_b"))
    joined = joined[joined["doc_a"] < joined["doc_b"]][["doc_a", "doc_b"]].drop_duplicates()
    found = client.compute(joined).result()
    return {(int(a), int(b)) for a, b in zip(found["doc_a"], found["doc_b"], strict=True)}


def _candidates(client: Any, profile_parts: Sequence[Any], offsets: Sequence[int], n: int,
                neighbours: int) -> list[tuple[int, int]]:
    vectors = np.vstack(client.gather([client.submit(_doc_vectors, p) for p in profile_parts]))
    shared = client.scatter(vectors, broadcast=True)
    ends = [*offsets[1:], n]
    near = [client.submit(_neighbours, shared, range(start, end), neighbours)
            for start, end in zip(offsets, ends, strict=True)]
    entries = [client.submit(_containment_entries, p, o) for p, o in zip(profile_parts, offsets, strict=True)]
    pairs = _lsh_pairs_shuffled(profile_parts, offsets, LSH_THRESHOLD, client)
    for found in client.gather(near):
        pairs |= found
    pairs |= containment_pairs_of([e for part in client.gather(entries) for e in part],
                                  CONTAINMENT_THRESHOLD)
    return sorted(pairs)


def _decide_all(client: Any, profile_parts: Sequence[Any], offsets: Sequence[int],
                index_pairs: Sequence[tuple[int, int]], plugin_name: str,
                batch: int, keep_evidence: bool = False) -> dict[tuple[int, int], PairResult]:
    """Every pair's verdict: one task per batch of pairs reading the same two partitions."""
    by_block: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for i, j in index_pairs:
        by_block[(bisect_right(offsets, i) - 1, bisect_right(offsets, j) - 1)].append((i, j))
    futures, owners = [], []
    for (pa, pb), pairs in by_block.items():
        for chunk in _chunks(pairs, batch):
            local = [(i - offsets[pa], j - offsets[pb]) for i, j in chunk]
            futures.append(client.submit(_decide_batch, profile_parts[pa], profile_parts[pb], local,
                                         plugin_name, keep_evidence, pure=False))
            owners.append(chunk)
    decided: dict[tuple[int, int], PairResult] = {}
    for chunk, results in zip(owners, client.gather(futures), strict=True):
        decided.update(zip(chunk, results, strict=True))
    return decided


def analyze_distributed(
    inputs: Sequence[str | os.PathLike | Article] | str | os.PathLike,
    client: Any,
    *,
    model: str | None = None,
    backend: str = "torch",
    engine: Engine | None = None,
    all_pairs_limit: int = ALL_PAIRS_LIMIT,
    neighbours: int = CANDIDATE_NEIGHBOURS,
    partition_size: int = PARTITION_SIZE,
    pair_batch: int = PAIR_BATCH,
    scores: bool = True,
    keep_evidence: bool = False,
) -> Analysis:
    """:func:`analyzer.analyze` on the Dask cluster behind ``client``; same :class:`Analysis`.

    ``model`` and ``backend`` choose the sentence model each worker loads;
    ``engine`` is the client's own engine for the scores (facts need spaCy
    there; built from ``model`` when not given). Raises
    :class:`~analyzer.exceptions.NoArticlesError` as ``analyze`` does.
    """
    if partition_size < 1 or pair_batch < 1:
        raise InputError(f"partition_size ({partition_size}) and pair_batch ({pair_batch}) must be >= 1")
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    articles = _read_distributed(list(inputs), client)
    usable = [a for a in articles if a.ok]
    if not usable:
        described = ", ".join(f"{a.id}: {a.reason}" for a in articles[:5]) or "no input files"
        raise NoArticlesError(f"no article could be analysed ({described})")

    plugin = EnginePlugin(model=model, backend=backend)
    client.register_plugin(plugin, name=plugin.name)
    offsets = list(range(0, len(usable), partition_size))
    profile_parts = [client.submit(_profile_partition, list(chunk), plugin.name, pure=False)
                     for chunk in _chunks(usable, partition_size)]
    n = len(usable)
    if n <= all_pairs_limit:
        index_pairs = list(itertools.combinations(range(n), 2))
    else:
        index_pairs = _candidates(client, profile_parts, offsets, n, neighbours)
    decided = _decide_all(client, profile_parts, offsets, index_pairs, plugin.name, pair_batch,
                          keep_evidence)
    profiles = [p for part in client.gather(profile_parts) for p in part]
    results = {(r.a_id, r.b_id): r for r in (decided[pair] for pair in index_pairs)}
    engine = engine or Engine(encoder=SentenceEncoder(model or default_model(), backend=backend))
    return assemble_analysis(articles, profiles, results, engine, scores=scores,
                             pairs_examined=len(index_pairs))


def _read_distributed(inputs: Sequence[str | os.PathLike | Article], client: Any) -> list[Article]:
    """What ``analyze``/``CorpusIndex.build`` read: given articles, then the files, read on workers.

    Ids are made unique over the whole corpus on the client, as ``read_articles`` does.
    """
    given = [i for i in inputs if isinstance(i, Article)]
    files = [str(f) for f in input_files([i for i in inputs if not isinstance(i, Article)])]
    if not files:
        return given
    read = client.gather([client.submit(_read_files, chunk) for chunk in _chunks(files, FILES_PER_TASK)])
    return given + deduplicate([a for part in read for a in part])


def _index_part_with_sentences(articles: Sequence[Article], encoder: Any, params: Any,
                               plugin_name: str) -> tuple[Any, dict[str, Any]]:
    """An index part keeping sentence vectors made by this worker's engine, and what made them."""
    from analyzer.index.parts import describe_sentence_encoder, index_part

    made_by = _worker_engine(plugin_name).encoder
    return index_part(articles, encoder, params, made_by), describe_sentence_encoder(made_by)


def build_index_distributed(
    inputs: Sequence[str | os.PathLike | Article] | str | os.PathLike,
    client: Any,
    *,
    encoder: Any = None,
    params: Any = None,
    method: str = "exact",
    batch_size: int = 2000,
    sentence_vectors: bool = False,
    model: str | None = None,
    backend: str = "torch",
) -> Any:
    """:meth:`CorpusIndex.build <analyzer.index.corpus.CorpusIndex.build>` on a Dask cluster.

    Files are read on the workers; each batch of ``batch_size`` articles
    becomes an :class:`~analyzer.index.parts.IndexPart` on a worker
    (:func:`~analyzer.index.parts.index_part`: static encoding and MinHash),
    and the parts are merged in order on the client. The index equals the
    single-process build on the same input. The encoder travels without its
    vectors: each worker loads the static model from its own cache.

    With ``sentence_vectors`` every sentence's full-model vector is kept too,
    made by the sentence model ``model``/``backend`` that each worker loads
    once (as :func:`analyze_distributed` does): this is the costly part of a
    build (~60 ms an article with onnx-int8 on 2 cores), so it is the part
    worth spreading. Workers whose models differ (another export, another
    version) are refused rather than mixed in one index.
    """
    from analyzer.index.corpus import CorpusIndex
    from analyzer.index.parts import IndexParams, default_encoder, index_part

    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    encoder = encoder or default_encoder()
    params = params or IndexParams()
    articles = _read_distributed(list(inputs), client)
    if not sentence_vectors:
        parts = client.gather([client.submit(index_part, list(batch), encoder, params, pure=False)
                               for batch in _chunks(articles, batch_size)])
        return CorpusIndex.from_parts(parts, encoder=encoder, params=params, method=method)
    plugin = EnginePlugin(model=model, backend=backend)
    client.register_plugin(plugin, name=plugin.name)
    batches = list(_chunks(articles, batch_size)) or [[]]  # one task even when empty: the model is recorded
    made = client.gather([client.submit(_index_part_with_sentences, list(batch), encoder, params,
                                        plugin.name, pure=False) for batch in batches])
    return CorpusIndex.from_parts([part for part, _ in made], encoder=encoder, params=params,
                                  method=method, sentence_model=one_sentence_model([d for _, d in made]))


def one_sentence_model(described: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The sentence model every worker reported, or a :class:`ModelError` when they differ."""
    models = {tuple(sorted(d.items())) for d in described}
    if len(models) != 1:
        versions = ", ".join(sorted(str(dict(m).get("version")) for m in models)) or "none reported"
        raise ModelError(f"the workers' sentence models differ ({versions}); run 'analyzer models "
                         "prepare' from the same analyzer version on every worker")
    return dict(next(iter(models)))


@contextlib.contextmanager
def dask_client(scheduler: str) -> Iterator[Any]:
    """A Dask client for ``scheduler``, closed on exit.

    ``local`` or ``local:N`` starts a LocalCluster of N single-threaded worker
    processes (default: one per core); anything else is a scheduler address
    (``tcp://host:8786``).
    """
    from distributed import Client, LocalCluster

    if scheduler == "local" or scheduler.startswith("local:"):
        count = scheduler.partition(":")[2]
        if count and not count.isdigit():
            raise InputError(f"--scheduler {scheduler!r}: expected 'local', 'local:N' or an address")
        workers = int(count) if count else max(1, len(os.sched_getaffinity(0)))
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as err:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler!r}: {err}") from err
        with client:
            yield client
