"""The learned estimators: scikit-learn contract, JSON round trip, antisymmetry."""

import json

import numpy as np
import pandas as pd
import pytest

from analyzer.exceptions import ModelError
from analyzer.pairs.direction_signs import DIRECTION_FEATURES
from analyzer.pairs.evidence import RELATION_FEATURES
from analyzer.pairs.model import DirectionClassifier, PairClassifier, RelationModel
from analyzer.verdicts import RELATIONS


def toy_relation_data(n=200, random_state=0):
    rng = np.random.default_rng(random_state)
    y = np.array(RELATIONS)[rng.integers(0, 4, n)]
    X = rng.normal(size=(n, len(RELATION_FEATURES)))
    X[:, 0] += (y == "copy") * 3  # shingle containment marks copies
    X[:, 8] += (y == "spun") * 3  # coverage marks spins
    X[:, 5] -= (y == "unrelated") * 3  # document cosine low for unrelated
    return pd.DataFrame(X, columns=RELATION_FEATURES), y


def toy_direction_data(n=200, random_state=0):
    rng = np.random.default_rng(random_state)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, len(DIRECTION_FEATURES)))
    X[:, 0] += np.where(y == 1, 2.0, -2.0)
    return pd.DataFrame(X, columns=DIRECTION_FEATURES), y


@pytest.fixture(scope="module")
def fitted():
    X, y = toy_relation_data()
    Xd, yd = toy_direction_data()
    return RelationModel(PairClassifier().fit(X, y), DirectionClassifier().fit(Xd, yd),
                         {"note": "toy"})


def test_pair_classifier_learns_and_predicts_known_relations():
    X, y = toy_relation_data()
    model = PairClassifier(random_state=0).fit(X, y)
    assert set(model.classes_) == set(RELATIONS)
    assert (model.predict(X) == y).mean() > 0.8
    assert np.allclose(model.predict_proba(X).sum(axis=1), 1.0)


def test_fit_is_deterministic():
    X, y = toy_relation_data()
    a = PairClassifier(random_state=3).fit(X, y).predict_proba(X)
    b = PairClassifier(random_state=3).fit(X, y).predict_proba(X)
    assert np.array_equal(a, b)


def test_unknown_labels_are_refused():
    X, _ = toy_relation_data(10)
    with pytest.raises(ValueError, match="unknown relation labels \\['plagiarism'\\]"):
        PairClassifier().fit(X, ["plagiarism"] * 10)


def test_missing_feature_columns_are_named():
    X, y = toy_relation_data(20)
    with pytest.raises(ValueError, match="feature columns missing: \\['doc_cosine'\\]"):
        PairClassifier().fit(X.drop(columns=["doc_cosine"]), y)


def test_direction_is_exactly_antisymmetric():
    X, y = toy_direction_data()
    model = DirectionClassifier().fit(X, y)
    p = model.predict_proba(X)[:, 1]
    p_swapped = model.predict_proba(-X)[:, 1]
    assert np.allclose(p, 1 - p_swapped)
    assert (model.predict(X) == y).mean() > 0.8


def test_json_round_trip_gives_identical_probabilities(fitted, tmp_path):
    path = tmp_path / "model.json"
    fitted.save(path)
    loaded = RelationModel.load(path)
    X, _ = toy_relation_data(30, random_state=1)
    Xd, _ = toy_direction_data(30, random_state=1)
    assert np.allclose(loaded.relation.predict_proba(X), fitted.relation.predict_proba(X))
    assert np.allclose(loaded.direction.predict_proba(Xd), fitted.direction.predict_proba(Xd))
    assert loaded.metadata == {"note": "toy"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "cannot be read"),
        ('{"format": "something-else"}', "not an analyzer pair model file"),
        ('{"format": "analyzer-pair-model", "format_version": 99}', "format version 99"),
        ('{"format": "analyzer-pair-model", "format_version": 1, "relation": {}}', "damaged|other features"),
    ],
)
def test_bad_model_files_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "model.json"
    path.write_text(content)
    with pytest.raises(ModelError, match=message):
        RelationModel.load(path)


def test_model_file_holds_only_plain_data(fitted, tmp_path):
    path = tmp_path / "model.json"
    fitted.save(path)
    data = json.loads(path.read_text())
    assert data["format"] == "analyzer-pair-model"
    assert data["relation"]["features"] == RELATION_FEATURES


def test_shipped_model_loads_and_matches_the_features():
    model = RelationModel.load()
    assert list(model.relation.classes_) == sorted(RELATIONS)
    assert model.metadata["trained_on"]["command"] == "python scripts/train_pair_model.py"
