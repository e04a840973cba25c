"""Full-model sentence vectors kept in the index: stored, checked, and used by ranking instead of encoding."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import analyzer.cli as cli
from analyzer.exceptions import IndexFormatError
from analyzer.index.corpus import CorpusIndex
from analyzer.index.parts import IndexPart, index_part, merge_parts
from analyzer.index.rank import rank
from analyzer.index.sentence_store import SentenceVectors
from analyzer.text.sentences import split_sentences
from tests.conftest import NEWSWEEK, SEEDS, SPUN

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def encoder():
    from analyzer.embed.static import StaticEncoder

    return StaticEncoder()


@pytest.fixture(scope="module")
def originals(seed_articles):
    return [a for i, a in sorted(seed_articles.items()) if i != SPUN]


@pytest.fixture(scope="module")
def index(originals, encoder, engine) -> CorpusIndex:
    return CorpusIndex.build(originals, encoder=encoder, sentence_encoder=engine.encoder)


@pytest.fixture(scope="module")
def saved(index, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sv") / "seeds.idx"
    index.save(path)
    return path


# --------------------------------------------------------------------------- the store


def _store(counts: list[int]) -> SentenceVectors:
    n = sum(counts)
    return SentenceVectors(np.array(counts, dtype=np.int32),
                           np.arange(n * 2, dtype=np.float16).reshape(-1, 2),
                           np.array([(k, k + 1, 0) for k in range(n)], dtype=np.int32).reshape(-1, 3),
                           np.full(n, 0.5, dtype=np.float16), tuple(f"speaker {k}" for k in range(n)))


def _rows(store: SentenceVectors, i: int, text: str = "x" * 64) -> tuple:
    return store.rows(i).tolist(), [(s.start, s.speaker) for s in store.sentences(i, text)]


@given(st.lists(st.integers(0, 4), max_size=8), st.data())
def test_select_and_concat_keep_each_articles_rows(counts, data):
    store = _store(counts)
    flags = data.draw(st.lists(st.booleans(), min_size=len(counts), max_size=len(counts)))
    chosen = store.select(np.array(flags, dtype=bool))
    kept = [i for i, keep in enumerate(flags) if keep]
    assert [_rows(chosen, j) for j in range(len(kept))] == [_rows(store, i) for i in kept]
    both = SentenceVectors.concat([store, chosen])
    assert [_rows(both, i) for i in range(len(both))] == (
        [_rows(store, i) for i in range(len(store))] + [_rows(store, i) for i in kept])


def test_counts_that_do_not_add_up_are_refused():
    good = _store([2, 1])
    with pytest.raises(ValueError, match="do not match"):
        SentenceVectors(np.array([2, 2], dtype=np.int32), good.vectors, good.spans, good.quoted,
                        good.speakers)
    with pytest.raises(ValueError, match=r"spans .* do not match 3 sentence vectors"):
        SentenceVectors(good.counts, good.vectors, good.spans[:2], good.quoted, good.speakers)


def test_spans_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="outside their article's text"):
        _store([2, 1]).check_spans([2, 2])  # the second article's sentence ends at 3
    _store([2, 1]).check_spans([2, 3])


def test_every_indexed_sentence_has_its_full_model_vector(index, originals, engine):
    stored = index.part.sentences
    assert stored is not None
    assert stored.counts.tolist() == [len(split_sentences(a.text)) for a in originals]
    first = originals[0]
    expected = engine.encoder.encode([s.text for s in split_sentences(first.text)])
    np.testing.assert_allclose(stored.rows(0), expected, atol=2e-3)  # float16 on disk


def test_the_stored_sentences_are_the_splitters(index, originals):
    for article in originals:
        assert list(index.stored_sentences(article.id)) == split_sentences(article.text)


def test_saved_vectors_load_back_with_their_model(index, saved, encoder, engine):
    loaded = CorpusIndex.load(saved, encoder=encoder)
    assert loaded.sentence_model == index.sentence_model
    assert loaded.sentence_model["version"] == engine.encoder.version
    np.testing.assert_array_equal(loaded.part.sentences.vectors, index.part.sentences.vectors)
    np.testing.assert_array_equal(loaded.part.sentences.counts, index.part.sentences.counts)
    assert all(loaded.stored_sentences(i) == index.stored_sentences(i) for i in index.ids)
    assert loaded.info()["sentence_vectors"]["n_sentences"] == len(index.part.sentences.vectors)


def test_an_index_without_them_says_so(originals, encoder):
    plain = CorpusIndex.build(originals, encoder=encoder)
    assert plain.part.sentences is None and plain.info()["sentence_vectors"] is None
    with pytest.raises(ValueError, match="keeps no sentence vectors"):
        plain.sentence_encoder()


# --------------------------------------------------------------------------- ranking with them


def test_rank_splits_and_encodes_only_the_new_article_and_reaches_the_same_verdict(
        index, seed_articles, engine, monkeypatch):
    new = seed_articles[SPUN]
    plain = CorpusIndex(index.part.__class__(**{**index.part.__dict__, "sentences": None}),
                        encoder=index.encoder)
    engine.encoder.clear_cache()
    before = engine.encoder.n_encoded
    cold = rank([new], index=plain, engine=engine)
    encoded_cold = engine.encoder.n_encoded - before

    split = []
    monkeypatch.setattr("analyzer.pairs.profile.split_sentences",
                        lambda text: split.append(text) or split_sentences(text))
    engine.encoder.clear_cache()
    before = engine.encoder.n_encoded
    warm = rank([new], index=index, engine=engine)
    encoded_warm = engine.encoder.n_encoded - before
    assert split == [new.text]

    own = len({s.text for s in split_sentences(new.text)})
    assert encoded_warm == own < encoded_cold
    columns = ["nearest_id", "relation", "original_id", "originality"]
    assert warm[columns].to_dict("records") == cold[columns].to_dict("records")
    assert warm.iloc[0]["nearest_id"] == NEWSWEEK and warm.iloc[0]["relation"] == "spun"
    assert warm.iloc[0]["spin_probability"] == pytest.approx(cold.iloc[0]["spin_probability"], abs=0.01)


def test_vectors_of_another_model_are_not_used_and_rank_says_so(index, seed_articles, engine):
    other = CorpusIndex(index.part, encoder=index.encoder,
                        sentence_model={**index.sentence_model, "version": "another model v2"})
    assert not other.sentence_vectors_match(engine.encoder)
    assert other.prime(engine.encoder, [NEWSWEEK]) == 0
    with pytest.warns(UserWarning, match="encoded again on every query"):
        ranking = rank([seed_articles[SPUN]], index=other, engine=engine)
    assert ranking.iloc[0]["relation"] == "spun"


# --------------------------------------------------------------------------- adding and merging


def test_add_needs_the_model_that_made_them_and_keeps_rows_aligned(originals, encoder, engine, seed_articles):
    grown = CorpusIndex.build(originals[:2], encoder=encoder, sentence_encoder=engine.encoder)
    with pytest.raises(ValueError, match="add needs the sentence encoder"):
        grown.add(originals[2:])
    grown.add(originals[2:], sentence_encoder=engine.encoder)
    whole = CorpusIndex.build(originals, encoder=encoder, sentence_encoder=engine.encoder)
    np.testing.assert_array_equal(grown.part.sentences.counts, whole.part.sentences.counts)
    # torch pads per batch, so a sentence's vector moves in the fourth decimal with its batch-mates
    np.testing.assert_allclose(grown.part.sentences.vectors, whole.part.sentences.vectors, atol=2e-3)


def test_duplicates_dropped_by_a_merge_take_their_vectors_with_them(originals, encoder, engine):
    a = index_part(originals[:2], encoder, sentence_encoder=engine.encoder)
    b = index_part(originals[1:3], encoder, sentence_encoder=engine.encoder)
    merged = merge_parts([a, b])
    assert merged.columns["id"] == [x.id for x in originals[:3]]
    alone = index_part(originals[:3], encoder, sentence_encoder=engine.encoder)
    np.testing.assert_allclose(merged.sentences.vectors, alone.sentences.vectors, atol=2e-3)


def test_parts_with_and_without_vectors_do_not_merge(originals, encoder, engine):
    with pytest.raises(ValueError, match="with sentence vectors and parts without"):
        merge_parts([index_part(originals[:1], encoder, sentence_encoder=engine.encoder),
                     index_part(originals[1:2], encoder)])


def test_an_empty_part_with_vectors_merges_to_nothing(encoder):
    from analyzer.index.parts import IndexParams

    empty = IndexPart.empty(encoder.dimension, IndexParams(), sentence_dimension=384)
    assert len(merge_parts([empty]).sentences) == 0


# --------------------------------------------------------------------------- damaged files


def _rewrite(src: Path, dst: Path, manifest_change=None, drop: str | None = None) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if drop and item.filename == f"{drop}.npy":
                continue
            data = zin.read(item.filename)
            if item.filename == "manifest.json" and manifest_change:
                manifest = json.loads(data)
                manifest_change(manifest)
                data = json.dumps(manifest).encode()
            zout.writestr(item, data)


def _drop_array(name):
    def change(manifest):
        del manifest["arrays"][name]
    return lambda s, d: _rewrite(s, d, change, drop=name)


def _set_model(key, value):
    def change(manifest):
        manifest["sentence_model"][key] = value
    return lambda s, d: _rewrite(s, d, change)


def _forget_model(manifest):
    del manifest["sentence_model"]


def _shift_spans(src: Path, dst: Path) -> None:
    """Every sentence span moved a million characters on: past the end of its text."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "sentence_spans.npy":
                spans = np.load(io.BytesIO(data)) + 1_000_000
                buf = io.BytesIO()
                np.save(buf, spans.astype("<i4"))
                data = buf.getvalue()
            zout.writestr(item, data)


BAD = {
    "vectors missing": (_drop_array("sentence_vectors"), r"only partly recorded"),
    "spans missing": (_drop_array("sentence_spans"), r"only partly recorded"),
    "spans past the text": (_shift_spans, r"sentence spans fall outside their article's text"),
    "model forgotten": (lambda s, d: _rewrite(s, d, _forget_model), r"only partly recorded"),
    "dimension lies": (_set_model("dimension", 12), r"do not fit dimension 12"),
    "model malformed": (_set_model("extra", 1), r"'sentence_model' is malformed"),
}


@pytest.mark.parametrize("damage, message", list(BAD.values()), ids=list(BAD))
def test_damaged_sentence_vectors_are_refused_with_the_cause(saved, tmp_path, encoder, damage, message):
    bad = tmp_path / "bad.idx"
    damage(saved, bad)
    with pytest.raises(IndexFormatError, match=message):
        CorpusIndex.load(bad, encoder=encoder)


# --------------------------------------------------------------------------- command line


@pytest.mark.slow
def test_cli_builds_with_vectors_adds_with_them_and_ranks_with_them(tmp_path, capsys):
    originals = [p for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith(SPUN[:3])]
    path = tmp_path / "seeds.idx"
    assert cli.main(["-q", "index", "build", str(originals[0]), "-o", str(path), "--sentence-vectors"]) == 0
    assert cli.main(["-q", "index", "add", str(path), *map(str, originals[1:])]) == 0
    capsys.readouterr()
    assert cli.main(["index", "info", str(path)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["n_articles"] == len(originals)
    assert info["sentence_vectors"]["backend"] == "torch" and info["sentence_vectors"]["n_sentences"] > 50
    spun = next(SEEDS.glob(f"{SPUN[:3]}*.txt"))
    assert cli.main(["-q", "rank", str(spun), "--index", str(path), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["nearest_id"], row["relation"]) == (NEWSWEEK, "spun")
