"""The static candidate encoder: shape, unit rows, determinism, meaning kept."""

from __future__ import annotations

import numpy as np
import pytest

from analyzer.embed.static import StaticEncoder, static_model_folder
from analyzer.exceptions import ModelError

ORIGINAL = "The minister resigned on Tuesday after weeks of pressure over the budget."
SPUN = "The secretary quit on Tuesday following weeks of strain over the spending plan."
UNRELATED = "Heavy rain flooded the valley and farmers lost much of the wheat harvest."

TEXTS = [ORIGINAL, SPUN, UNRELATED, "A dog barked.", "Prices rose 4.5% in June."]


def test_one_unit_float32_row_per_text(static_encoder):
    vectors = static_encoder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), static_encoder.dimension)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("empty", ["", "   ", "\n"])
def test_empty_text_gives_a_zero_row(static_encoder, empty):
    vectors = static_encoder.encode([ORIGINAL, empty])
    assert np.all(vectors[1] == 0.0)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(static_encoder):
    assert static_encoder.encode([]).shape == (0, static_encoder.dimension)


def test_encoding_is_deterministic_and_independent_of_batch(static_encoder):
    together = static_encoder.encode(TEXTS)
    alone = np.vstack([static_encoder.encode([t]) for t in TEXTS])
    assert np.array_equal(together, static_encoder.encode(TEXTS))
    assert np.allclose(together, alone, atol=1e-6)


def test_a_spun_sentence_is_nearer_its_original_than_an_unrelated_one(static_encoder):
    original, spun, unrelated = static_encoder.encode([ORIGINAL, SPUN, UNRELATED])
    assert float(original @ spun) > float(original @ unrelated) + 0.2


def test_long_texts_are_not_truncated(static_encoder):
    head = "The council met on Monday to discuss the budget. " * 60
    tail = "Fishermen in Norway reported record catches of cod this winter. " * 60
    whole, head_only = static_encoder.encode([head + tail, head])
    assert float(whole @ head_only) < 0.95


def test_version_names_the_vectors(static_encoder):
    again = StaticEncoder()
    assert again.version == static_encoder.version
    assert static_encoder.version.startswith("static:bundled:all-MiniLM-L6-v2 ")
    assert "weights " in static_encoder.version


def test_other_dimensions_are_another_cached_model():
    assert static_model_folder(dims=128) != static_model_folder(dims=256)


def test_a_folder_without_vectors_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match=r"no static model in .*model\.safetensors is missing"):
        StaticEncoder(folder=tmp_path).encode(["text"])


def test_pickling_ships_no_vectors(static_encoder):
    import pickle

    static_encoder.encode(["warm up"])
    shipped = pickle.dumps(static_encoder)
    assert len(shipped) < 10_000
    assert np.allclose(pickle.loads(shipped).encode([ORIGINAL]), static_encoder.encode([ORIGINAL]))


def test_models_prepare_reports_the_cached_static_model(static_encoder, capsys):
    from analyzer.cli import main

    assert main(["-q", "models", "prepare", "--which", "static"]) == 0
    out = capsys.readouterr().out
    assert str(static_encoder.model_folder) in out
    assert static_encoder.version in out
