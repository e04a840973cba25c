"""The corpus index: building from parts, saving and loading safely, searching."""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import os
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.article import Article
from analyzer.exceptions import IndexFormatError
from analyzer.index.corpus import CorpusIndex
from analyzer.index.file_format import FORMAT_VERSION, pack_strings, unpack_strings
from analyzer.index.lsh import BandedLSH, estimated_jaccard, minhash_signatures
from analyzer.index.parts import IndexPart, index_part, merge_parts
from tests.conftest import NEWSWEEK, SPUN


@pytest.fixture(scope="module")
def encoder():
    from analyzer.embed.static import StaticEncoder

    return StaticEncoder()


@pytest.fixture(scope="module")
def originals(seed_articles):
    """The seed articles without the spun one (000 is a spin of 003)."""
    return [a for i, a in sorted(seed_articles.items()) if i != SPUN]


@pytest.fixture(scope="module")
def saved(tmp_path_factory, originals, encoder) -> Path:
    path = tmp_path_factory.mktemp("index") / "seeds.idx"
    CorpusIndex.build(originals, encoder=encoder).save(path)
    return path


def assert_same_index(a: CorpusIndex, b: CorpusIndex) -> None:
    assert a.part.columns == b.part.columns
    for name in ("vectors", "anchor_minhash", "anchor_count", "shingle_minhash", "shingle_count"):
        np.testing.assert_array_equal(getattr(a.part, name), getattr(b.part, name))
    assert a.params == b.params


def test_round_trip_keeps_everything(saved, originals, encoder):
    built = CorpusIndex.build(originals, encoder=encoder)
    loaded = CorpusIndex.load(saved, encoder=encoder)
    assert_same_index(built, loaded)
    assert loaded.article(NEWSWEEK) == built.article(NEWSWEEK)
    assert loaded.info()["n_articles"] == len(originals)


def test_spun_seed_finds_its_source_first(saved, seed_articles, encoder):
    found = CorpusIndex.load(saved, encoder=encoder).search(seed_articles[SPUN], top_k=3)
    assert found["id"].iloc[0] == NEWSWEEK
    assert "anchors" in found["found_by"].iloc[0]


def test_add_then_search_finds_the_added_source(originals, seed_articles, encoder):
    index = CorpusIndex.build([a for a in originals if a.id != NEWSWEEK], encoder=encoder)
    assert NEWSWEEK not in index.search(seed_articles[SPUN])["id"].tolist()
    index.add([seed_articles[NEWSWEEK], seed_articles[NEWSWEEK]])
    assert index.search(seed_articles[SPUN], top_k=1)["id"].tolist() == [NEWSWEEK]
    assert index.skipped == ((NEWSWEEK, "duplicate id in the input; the first one is indexed"),)
    index.add([seed_articles[NEWSWEEK]])
    assert len(index) == len(originals)
    assert index.skipped == ((NEWSWEEK, "already indexed under this id; the first one is kept"),)


def test_skipped_inputs_are_recorded_not_indexed(encoder):
    bad = Article(id="empty", text="", status="skipped", reason="empty file")
    good = Article(id="good", text="Vladimir Putin met Donald Trump in Helsinki on Monday, July 16.")
    index = CorpusIndex.build([bad, good], encoder=encoder)
    assert index.ids == ["good"]
    assert index.skipped == (("empty", "empty file"),)


@pytest.mark.parametrize("split", [[5], [1, 4], [2, 2, 1], [1, 1, 1, 1, 1]])
def test_parts_merged_in_order_equal_one_part(seed_articles, encoder, split):
    """What a distributed build relies on: any partition, merged in order, gives the same index."""
    articles = [a for _, a in sorted(seed_articles.items())]
    whole = index_part(articles, encoder)
    bounds = np.cumsum([0, *split])
    parts = [index_part(articles[s:e], encoder) for s, e in itertools.pairwise(bounds)]
    merged = merge_parts(parts)
    assert merged.columns == whole.columns
    np.testing.assert_allclose(merged.vectors, whole.vectors, atol=1e-6)
    np.testing.assert_array_equal(merged.anchor_minhash, whole.anchor_minhash)
    np.testing.assert_array_equal(merged.shingle_count, whole.shingle_count)


# --------------------------------------------------------------------------- bad files


def _rewrite_manifest(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            zout.writestr(item, data)


def _compress(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item))


def _flip_bytes_in_vectors(src: Path, dst: Path) -> None:
    raw = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("vectors.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 200
    raw[start : start + 8] = bytes(8)
    dst.write_bytes(bytes(raw))


def _set(path: list[str], value):
    def change(manifest):
        node = manifest
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _replace_member(src: Path, dst: Path, name: str, data: bytes, *, keep_old: bool = False,
                    compress_manifest: bool = False) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we write on purpose
        for item in zin.infolist():
            if item.filename == name:
                if keep_old:
                    zout.writestr(item, zin.read(item))
                zout.writestr(name, data)
            elif item.filename == "manifest.json" and compress_manifest:
                zout.writestr(item.filename, zin.read(item), compress_type=zipfile.ZIP_DEFLATED)
            else:
                zout.writestr(item, zin.read(item))


def _huge_header() -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": "<f4", "fortran_order": False,
                                               "shape": (10**9, 256)})
    return buf.getvalue() + bytes(64)


BAD_FILES = {
    "deflated manifest": (lambda s, d: _replace_member(s, d, "none", b"", compress_manifest=True),
                          r"manifest\.json is compressed"),
    "duplicate members": (lambda s, d: _replace_member(s, d, "vectors.npy", b"x", keep_old=True),
                          r"appear twice; the file was tampered with"),
    "huge declared shape": (lambda s, d: _replace_member(s, d, "vectors.npy", _huge_header()),
                            r"declares shape \(1000000000, 256\)"),
    "deeply nested manifest": (lambda s, d: _replace_member(s, d, "manifest.json",
                                                            b"[" * 200_000 + b"]" * 200_000),
                               r"nested too deeply|unreadable"),
    "n_articles of the wrong type": (lambda s, d: _rewrite_manifest(s, d, _set(["n_articles"], "4")),
                                     r"lacks 'arrays' or 'n_articles'"),
    "shape of the wrong type": (
        lambda s, d: _rewrite_manifest(s, d, _set(["arrays", "vectors", "shape"], "x")),
        r"lacks a dtype string or a shape"),
    "encoder of the wrong type": (lambda s, d: _rewrite_manifest(s, d, _set(["encoder"], ["x"])),
                                  r"built with encoder None"),
    "params of the wrong type": (lambda s, d: _rewrite_manifest(s, d, _set(["params", "anchor_bands"], [1])),
                                 r"'params' are malformed"),
    "corrupted bytes": (_flip_bytes_in_vectors, r"vectors\.npy is damaged .*corrupt"),
    "truncated": (lambda s, d: d.write_bytes(s.read_bytes()[: s.stat().st_size // 2]),
                  r"not a ZIP archive.*truncated"),
    "format version": (lambda s, d: _rewrite_manifest(s, d, _set(["format_version"], FORMAT_VERSION + 1)),
                       rf"format version {FORMAT_VERSION + 1}, this analyzer reads version {FORMAT_VERSION}"),
    "foreign model name": (lambda s, d: _rewrite_manifest(s, d, _set(["encoder", "name"], "other-model")),
                           r"built with encoder 'other-model'.*Rebuild the index"),
    "foreign model version": (lambda s, d: _rewrite_manifest(s, d, _set(["encoder", "version"], "v0")),
                              r"version 'v0'.*cannot be compared"),
    "wrong shape in manifest": (lambda s, d: _rewrite_manifest(s, d, _set(["n_articles"], 99)),
                                r"array 'vectors' is <f4 with 4 rows, expected <f4 with 99 rows"),
    "other format": (lambda s, d: _rewrite_manifest(s, d, _set(["format"], "something-else")),
                     r"not an analyzer corpus index \(format is 'something-else'\)"),
    "compressed members": (_compress, r"is compressed; .* not written by the analyzer"),
    "text file": (lambda s, d: d.write_text("Helsinki summit\n\nTrump met Putin.\n"),
                  r"not an analyzer index \(not a ZIP archive"),
    "zip without manifest": (lambda s, d: zipfile.ZipFile(d, "w").writestr("a.txt", "x"),
                             r"no manifest\.json inside; not an analyzer index"),
}


@pytest.mark.parametrize("damage, message", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_bad_index_files_are_refused_with_the_cause(saved, tmp_path, encoder, damage, message):
    bad = tmp_path / "bad.idx"
    damage(saved, bad)
    with pytest.raises(IndexFormatError, match=message) as err:
        CorpusIndex.load(bad, encoder=encoder)
    assert str(bad) in str(err.value)


def test_a_pipe_is_refused_not_read_forever(tmp_path, encoder):
    fifo = tmp_path / "pipe.idx"
    os.mkfifo(fifo)
    with pytest.raises(IndexFormatError, match="not a regular file"):
        CorpusIndex.load(fifo, encoder=encoder)


def test_object_arrays_inside_are_refused(saved, tmp_path, encoder):
    bad = tmp_path / "pickled.idx"
    buf = io.BytesIO()
    np.save(buf, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, buf.getvalue() if item.filename == "anchor_count.npy" else zin.read(item))
    with pytest.raises(IndexFormatError, match=r"anchor_count\.npy is not a plain NumPy array"):
        CorpusIndex.load(bad, encoder=encoder)


def test_missing_file_and_folder_are_refused(tmp_path, encoder):
    with pytest.raises(IndexFormatError, match="no such index file"):
        CorpusIndex.load(tmp_path / "absent.idx", encoder=encoder)
    with pytest.raises(IndexFormatError, match="is a folder"):
        CorpusIndex.load(tmp_path, encoder=encoder)


@dataclass
class OtherEncoder:
    """A document encoder of another model (same dimension, other version)."""

    inner: object

    name = "static:bundled:all-MiniLM-L6-v2"
    version = "an older distillation"

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts):
        return self.inner.encode(texts)


def test_an_index_is_refused_by_another_model(saved, encoder):
    with pytest.raises(IndexFormatError, match=r"but this analyzer uses .* version 'an older distillation'"):
        CorpusIndex.load(saved, encoder=OtherEncoder(encoder))


def test_interrupted_save_leaves_the_old_index(saved, tmp_path, encoder, originals, monkeypatch):
    path = tmp_path / "live.idx"
    path.write_bytes(saved.read_bytes())
    index = CorpusIndex.load(path, encoder=encoder)
    index.add([Article(id="extra", text="Jens Stoltenberg spoke in Brussels about NATO spending.")])

    calls = {"n": 0}
    import analyzer.index.file_format as fmt

    real = fmt._array_bytes

    def failing(array):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (simulated)")
        return real(array)

    monkeypatch.setattr(fmt, "_array_bytes", failing)
    with pytest.raises(OSError, match="simulated"):
        index.save(path)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.idx"]  # no temporary file left
    assert len(CorpusIndex.load(path, encoder=encoder)) == len(originals)
    index.save(path)
    assert CorpusIndex.load(path, encoder=encoder).ids[-1] == "extra"


# --------------------------------------------------------------------------- building blocks


@given(st.lists(st.text(), max_size=20))
def test_packed_strings_round_trip(values):
    data, offsets = pack_strings(values)
    assert unpack_strings(data, offsets) == values


def test_bad_offsets_are_refused():
    data, offsets = pack_strings(["abc", "de"])
    with pytest.raises(IndexFormatError, match="do not end at the data length"):
        unpack_strings(data[:-1], offsets)
    with pytest.raises(IndexFormatError, match="not valid UTF-8"):
        unpack_strings(np.frombuffer(b"\xff\xfe", dtype=np.uint8), np.array([0, 2]))


def test_banded_lsh_finds_shared_bands_only():
    sets = [{f"w{i}" for i in range(100)}, {f"w{i}" for i in range(10, 110)}, {f"x{i}" for i in range(100)}]
    sigs = minhash_signatures(sets, 128, 1)
    lsh = BandedLSH.build(sigs, bands=64, rows=2)
    assert lsh.query(sigs[0]).tolist() == [0, 1]  # Jaccard 0.82 shares a band; 0 does not
    assert estimated_jaccard(sigs[0], sigs)[2] == 0
    assert abs(float(estimated_jaccard(sigs[0], sigs)[1]) - 90 / 110) < 0.1


def test_empty_sets_never_match():
    sigs = minhash_signatures([set(), set(), {"a"}], 128, 1)
    lsh = BandedLSH.build(sigs, bands=32, rows=4, valid=np.array([False, False, True]))
    assert lsh.query(sigs[0]).tolist() == []


def test_empty_part_merges_to_nothing(encoder):
    from analyzer.index.parts import IndexParams

    assert len(merge_parts([IndexPart.empty(encoder.dimension, IndexParams())])) == 0


def test_stated_order_and_disguises_survive_the_index(tmp_path, seed_articles, encoder):
    from analyzer.ingest.from_text import article_from_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        disguised = article_from_text(seed_articles[NEWSWEEK].text.replace("Putin", "Put\u0456n"), id="farm")
    ordered = dataclasses.replace(seed_articles[NEWSWEEK], order=2)
    CorpusIndex.build([ordered, disguised], encoder=encoder).save(tmp_path / "x.idx")
    loaded = CorpusIndex.load(tmp_path / "x.idx", encoder=encoder)
    assert loaded.article(NEWSWEEK).order == 2
    assert loaded.article("farm").disguises == disguised.disguises
    assert loaded.article("farm").evasive
