"""Dask analysis equals the single-process analysis on the same input."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from analyzer.analysis import analyze
from analyzer.article import Article
from analyzer.exceptions import InputError, NoArticlesError
from analyzer.pairs.candidates import candidate_pairs

distributed = pytest.importorskip("distributed")

from analyzer.distributed import analyze_distributed, band_rows, dask_client  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def inputs(seeds_dir, seed_articles):
    """The seeds plus a spin of one and an excerpt copy of another, given as Article objects."""
    from analyzer.training.spin.spinner import Spinner

    ordered = sorted(seed_articles.values(), key=lambda a: a.id)
    spun = Spinner(rate=0.4, random_state=1).spin(ordered[1].text).text
    excerpt = " ".join(ordered[2].text.split()[:250])
    return [seeds_dir, Article(id="spun-001", text=spun, source="spinfarm.example"),
            Article(id="excerpt-002", text=excerpt, source="copier.example")]


@pytest.fixture(scope="module")
def single(engine, inputs):
    """The single-process analysis (all pairs: 7 articles are under the limit)."""
    return analyze(inputs, engine=engine)


def test_dask_analysis_equals_single_process(client, engine, inputs, single):
    dist = analyze_distributed(inputs, client, engine=engine, partition_size=3, pair_batch=4)
    assert (dist.pairs_examined, dist.pairs_total) == (single.pairs_examined, single.pairs_total) == (21, 21)
    assert list(dist.results) == list(single.results)
    pd.testing.assert_frame_equal(dist.pairs, single.pairs, check_exact=False, atol=1e-4)
    pd.testing.assert_frame_equal(dist.articles, single.articles, check_exact=False, atol=1e-4)
    for table in ("sources", "stories", "facts", "discrepancies", "derived", "attribution"):
        pd.testing.assert_frame_equal(getattr(dist, table), getattr(single, table),
                                      check_exact=False, atol=1e-4, obj=table)
    assert dist.model == single.model
    assert set(dist.pairs["relation"]) >= {"spun", "same_story"}


def test_dask_candidate_path_equals_the_single_process_search(client, engine, inputs, single):
    """With one neighbour the candidates are a strict subset of all pairs: the shuffle decides."""
    from analyzer.ingest.read import read_inputs

    profiles = engine.profile([a for a in read_inputs(inputs) if a.ok])
    expected = candidate_pairs(profiles, neighbours=1)
    dist = analyze_distributed(inputs, client, engine=engine, all_pairs_limit=0, neighbours=1,
                               partition_size=2, pair_batch=3, scores=False)
    ids = [p.id for p in profiles]
    assert list(dist.results) == [(ids[i], ids[j]) for i, j in expected]
    assert 0 < dist.pairs_examined == len(expected) < dist.pairs_total == 21
    # A pair's verdict does not depend on the path that proposed it.
    same = single.pairs.set_index(["a", "b"]).loc[list(dist.results)].reset_index()
    pd.testing.assert_frame_equal(dist.pairs, same, check_exact=False, atol=1e-4)


def test_band_rows_bucket_like_datasketch(seed_articles, engine):
    """Two articles share a band key exactly when datasketch's MinHashLSH pairs them."""
    from analyzer.pairs.candidates import lsh_bands, lsh_families, lsh_pairs

    profiles = engine.profile(sorted(seed_articles.values(), key=lambda a: a.id))
    rows = band_rows(profiles, 0, lsh_bands(0.1))
    shared = rows.merge(rows, on=["family", "band", "key"])
    for family in ("anchor3", "shingle5"):
        mine = {(a, b) for a, b in zip(shared.loc[shared["family"] == family, "doc_x"],
                                       shared.loc[shared["family"] == family, "doc_y"], strict=True) if a < b}
        assert mine == lsh_pairs([lsh_families(p)[family] for p in profiles], 0.1)
    assert np.issubdtype(rows["doc"].dtype, np.integer)


def test_no_usable_article_is_the_same_error(client, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(NoArticlesError, match="no article could be analysed"):
        analyze_distributed([tmp_path], client)


@pytest.mark.parametrize("spec", ["local:two", "local:-1"])
def test_bad_local_scheduler_spec_is_a_clear_error(spec):
    with pytest.raises(InputError, match="expected 'local', 'local:N' or an address"), dask_client(spec):
        pass


def test_dask_index_equals_the_single_process_build(client, inputs, static_encoder):
    from analyzer.distributed import build_index_distributed
    from analyzer.index.corpus import CorpusIndex

    single = CorpusIndex.build(inputs, encoder=static_encoder, batch_size=3)
    dist = build_index_distributed(inputs, client, encoder=static_encoder, batch_size=3)
    assert dist.ids == single.ids and len(dist) == 7
    assert dist.part.columns == single.part.columns
    assert dist.skipped == single.skipped
    np.testing.assert_allclose(dist.part.vectors, single.part.vectors, atol=1e-6)
    for name in ("anchor_minhash", "anchor_count", "shingle_minhash", "shingle_count"):
        np.testing.assert_array_equal(getattr(dist.part, name), getattr(single.part, name))


def test_dask_index_with_sentence_vectors_equals_the_single_process_build(client, inputs, static_encoder,
                                                                          engine, tmp_path):
    from analyzer.distributed import build_index_distributed
    from analyzer.index.corpus import CorpusIndex

    single = CorpusIndex.build(inputs, encoder=static_encoder, batch_size=3, sentence_encoder=engine.encoder)
    dist = build_index_distributed(inputs, client, encoder=static_encoder, batch_size=3,
                                   sentence_vectors=True)
    assert dist.ids == single.ids and dist.sentence_model == single.sentence_model
    mine, theirs = dist.part.sentences, single.part.sentences
    np.testing.assert_array_equal(mine.counts, theirs.counts)
    np.testing.assert_array_equal(mine.spans, theirs.spans)
    np.testing.assert_array_equal(mine.quoted, theirs.quoted)
    assert mine.speakers == theirs.speakers
    # Another batch on another process: equal up to float16 rounding of last bits.
    np.testing.assert_allclose(mine.vectors.astype(np.float32), theirs.vectors.astype(np.float32), atol=2e-3)
    dist.save(tmp_path / "dask.idx")
    loaded = CorpusIndex.load(tmp_path / "dask.idx", encoder=static_encoder)
    assert loaded.sentence_vectors_match(engine.encoder)


def test_workers_with_different_sentence_models_are_refused():
    from analyzer.distributed import one_sentence_model
    from analyzer.exceptions import ModelError

    model = {"name": "all-MiniLM-L6-v2", "backend": "onnx-int8", "version": "weights a", "dimension": 384}
    assert one_sentence_model([model, dict(model)]) == model
    with pytest.raises(ModelError, match=r"differ \(weights a, weights b\)"):
        one_sentence_model([model, {**model, "version": "weights b"}])


def test_cli_scheduler_runs_on_dask_with_the_same_table(client, engine, seeds_dir, monkeypatch, capsys):
    import contextlib

    from analyzer.cli import main

    monkeypatch.setattr("analyzer.cli._engine", lambda model, backend="torch": engine)
    used: list[str] = []

    @contextlib.contextmanager
    def shared_client(spec):
        used.append(spec)
        yield client

    monkeypatch.setattr("analyzer.distributed.dask_client", shared_client)
    assert main(["-q", "analyze", str(seeds_dir), "--csv"]) == 0
    alone = capsys.readouterr().out
    assert main(["-q", "analyze", str(seeds_dir), "--csv", "--scheduler", "local:2"]) == 0
    on_dask = capsys.readouterr().out
    assert used == ["local:2"]
    columns = ["a", "b", "relation", "original_id"]
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(on_dask))[columns],
                                  pd.read_csv(io.StringIO(alone))[columns])


def test_cli_builds_an_index_with_sentence_vectors_on_dask(client, engine, seeds_dir, tmp_path, monkeypatch,
                                                           capsys):
    import contextlib
    import json

    from analyzer.cli import main

    @contextlib.contextmanager
    def shared_client(spec):
        yield client

    monkeypatch.setattr("analyzer.distributed.dask_client", shared_client)
    path = tmp_path / "seeds.idx"
    assert main(["-q", "index", "build", str(seeds_dir), "-o", str(path), "--sentence-vectors",
                 "--scheduler", "local:2"]) == 0
    capsys.readouterr()
    assert main(["index", "info", str(path)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["n_articles"] == 5
    assert info["sentence_vectors"]["backend"] == "torch"
    assert info["sentence_vectors"]["version"] == engine.encoder.version
