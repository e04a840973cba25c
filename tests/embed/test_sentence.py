import numpy as np
import pytest

from analyzer.embed.models import resolve_model_path
from analyzer.embed.sentence import SentenceEncoder
from analyzer.exceptions import ModelError


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="not a local folder; models cannot be fetched"):
        resolve_model_path("sentence-transformers/all-mpnet-base-v2")


def test_each_distinct_sentence_is_encoded_once(engine):
    encoder = SentenceEncoder(engine.encoder.st_model)
    first = encoder.encode(["A cat sat on the mat.", "A dog barked.", "A cat sat on the mat."])
    again = encoder.encode(["A dog barked."])
    assert encoder.n_encoded == 2
    assert np.allclose(first[1], again[0])
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)


def test_long_text_is_windowed_not_cut(engine):
    encoder = SentenceEncoder(engine.encoder.st_model)
    head = "The council met on Monday to discuss the budget. " * 10
    tail = "Fishermen in Norway reported record catches of cod this winter. " * 30
    whole, head_only = encoder.encode([head + tail, head])
    assert encoder.n_windowed == 1
    # The tail, past the model's 256-piece window, still moves the vector.
    assert float(whole @ head_only) < 0.95


def test_loading_the_model_draws_no_progress_bar(capfd):
    from transformers.utils import logging as transformers_logging

    from analyzer.embed.models import load_sentence_transformer

    transformers_logging.enable_progress_bar()
    load_sentence_transformer()
    assert "Loading weights" not in capfd.readouterr().err
    assert transformers_logging.is_progress_bar_enabled()  # the caller's setting is restored
