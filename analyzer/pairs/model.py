"""The learned part of the pair engine, and its safe on-disk form.

Two scikit-learn estimators:

* :class:`PairClassifier` — multinomial logistic regression over the pair
  features of :mod:`analyzer.pairs.evidence`, giving probabilities of ``copy``,
  ``spun``, ``same_story`` and ``unrelated``. A linear model keeps the
  decision inspectable: the report prints its weights.
* :class:`DirectionClassifier` — logistic regression without intercept over
  the signed direction features, trained on both orders of every pair so that
  swapping ``a`` and ``b`` exactly flips its answer.

:class:`RelationModel` bundles both with the training metadata and is stored
as JSON (numbers and names only: loading never runs code from the file).
``analyzer/data/pair_model.json`` is the shipped model; ``scripts/train_pair_model.py``
regenerates it (see docs/method.md, "How the shipped model was trained").
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from analyzer.config import RANDOM_STATE
from analyzer.exceptions import ModelError
from analyzer.pairs.direction_signs import DIRECTION_FEATURES
from analyzer.pairs.evidence import RELATION_FEATURES
from analyzer.pairs.short_texts import ShortTextClassifier
from analyzer.verdicts import RELATIONS

MODEL_FORMAT = "analyzer-pair-model"
MODEL_FORMAT_VERSION = 1


def _frame(X: pd.DataFrame | np.ndarray, names: list[str]) -> np.ndarray:
    if isinstance(X, pd.DataFrame):
        missing = [n for n in names if n not in X.columns]
        if missing:
            raise ValueError(f"feature columns missing: {missing}; expected {names}")
        return X[names].to_numpy(dtype=float)
    arr = np.asarray(X, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != len(names):
        raise ValueError(f"expected a 2-D array with {len(names)} columns ({names}), got {arr.shape}")
    return arr


def _scaler_to_dict(scaler: StandardScaler) -> dict[str, Any]:
    return {
        "mean": None if scaler.mean_ is None else scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "with_mean": scaler.with_mean,
    }


def _scaler_from_dict(d: dict[str, Any]) -> StandardScaler:
    scaler = StandardScaler(with_mean=bool(d["with_mean"]))
    scale = np.asarray(d["scale"], dtype=float)
    scaler.scale_ = scale
    scaler.var_ = scale**2
    scaler.mean_ = None if d["mean"] is None else np.asarray(d["mean"], dtype=float)
    scaler.n_features_in_ = scale.size
    scaler.n_samples_seen_ = 1
    return scaler


def _logistic_from_dict(d: dict[str, Any], classes: list[Any]) -> LogisticRegression:
    lr = LogisticRegression(fit_intercept=bool(d["fit_intercept"]))
    lr.coef_ = np.asarray(d["coef"], dtype=float)
    lr.intercept_ = np.asarray(d["intercept"], dtype=float)
    lr.classes_ = np.asarray(classes)
    lr.n_features_in_ = lr.coef_.shape[1]
    return lr


class PairClassifier(ClassifierMixin, BaseEstimator):
    """Relation of a pair from its features (standardised, then logistic regression)."""

    def __init__(self, C: float = 1.0, class_weight: str | None = "balanced",
                 random_state: int | None = RANDOM_STATE) -> None:
        self.C = C
        self.class_weight = class_weight
        self.random_state = random_state

    def fit(self, X: pd.DataFrame | np.ndarray, y: Any) -> PairClassifier:
        """Learn from feature rows ``X`` and relation labels ``y``."""
        values = _frame(X, RELATION_FEATURES)
        labels = np.asarray(y)
        unknown = set(labels) - set(RELATIONS)
        if unknown:
            raise ValueError(
                f"unknown relation labels {sorted(str(u) for u in unknown)}; expected {RELATIONS}"
            )
        self.scaler_ = StandardScaler().fit(values)
        self.logistic_ = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=5000, random_state=self.random_state
        ).fit(self.scaler_.transform(values), labels)
        self.classes_ = self.logistic_.classes_
        self.feature_names_in_ = np.asarray(RELATION_FEATURES)
        return self

    def predict_proba(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Probability of each class in :attr:`classes_`, one row per pair."""
        check_is_fitted(self, "logistic_")
        return self.logistic_.predict_proba(self.scaler_.transform(_frame(X, RELATION_FEATURES)))

    def predict(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Most probable relation per pair."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def weights(self) -> pd.DataFrame:
        """Weight of each (standardised) feature per relation, for the method section."""
        check_is_fitted(self, "logistic_")
        return pd.DataFrame(self.logistic_.coef_, index=self.classes_, columns=RELATION_FEATURES).T

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form of the fitted model."""
        check_is_fitted(self, "logistic_")
        return {
            "params": self.get_params(),
            "classes": self.classes_.tolist(),
            "features": RELATION_FEATURES,
            "scaler": _scaler_to_dict(self.scaler_),
            "logistic": {"coef": self.logistic_.coef_.tolist(),
                         "intercept": self.logistic_.intercept_.tolist(), "fit_intercept": True},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PairClassifier:
        """Rebuild a fitted model from :meth:`to_dict` output."""
        if d.get("features") != RELATION_FEATURES:
            raise ModelError("pair model was trained on other features than this analyzer "
                             "computes; retrain it with scripts/train_pair_model.py")
        model = cls(**d["params"])
        model.scaler_ = _scaler_from_dict(d["scaler"])
        model.logistic_ = _logistic_from_dict(d["logistic"], d["classes"])
        model.classes_ = model.logistic_.classes_
        model.feature_names_in_ = np.asarray(RELATION_FEATURES)
        return model


class DirectionClassifier(ClassifierMixin, BaseEstimator):
    """Probability that ``a`` is the original, from signed features; antisymmetric by design.

    ``y`` is 1 where ``a`` is the original and 0 where ``b`` is. Every row is
    also learned negated with the opposite label, and there is no intercept
    and no centring, so ``p(a, b) = 1 - p(b, a)`` exactly.
    """

    def __init__(self, C: float = 1.0, random_state: int | None = RANDOM_STATE) -> None:
        self.C = C
        self.random_state = random_state

    def fit(self, X: pd.DataFrame | np.ndarray, y: Any, sample_weight: Any = None) -> DirectionClassifier:
        """Learn from signed feature rows ``X`` and labels ``y`` (1: a is original).

        ``sample_weight`` weighs rows, e.g. so that each data set counts alike
        however many pairs it has.
        """
        values = _frame(X, DIRECTION_FEATURES)
        labels = np.asarray(y, dtype=int)
        if not set(labels) <= {0, 1}:
            raise ValueError("direction labels must be 1 (a is the original) or 0 (b is)")
        both = np.vstack([values, -values])
        both_y = np.concatenate([labels, 1 - labels])
        weights = None if sample_weight is None else np.concatenate([sample_weight, sample_weight])
        self.scaler_ = StandardScaler(with_mean=False).fit(both)
        self.logistic_ = LogisticRegression(
            C=self.C, fit_intercept=False, max_iter=5000, random_state=self.random_state
        ).fit(self.scaler_.transform(both), both_y, sample_weight=weights)
        self.classes_ = self.logistic_.classes_
        return self

    def predict_proba(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Columns: probability that ``b`` is the original, that ``a`` is."""
        check_is_fitted(self, "logistic_")
        return self.logistic_.predict_proba(self.scaler_.transform(_frame(X, DIRECTION_FEATURES)))

    def predict(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """1 where ``a`` is more likely the original, else 0."""
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form of the fitted model."""
        check_is_fitted(self, "logistic_")
        return {
            "params": self.get_params(),
            "features": DIRECTION_FEATURES,
            "scaler": _scaler_to_dict(self.scaler_),
            "logistic": {"coef": self.logistic_.coef_.tolist(),
                         "intercept": self.logistic_.intercept_.tolist(), "fit_intercept": False},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DirectionClassifier:
        """Rebuild a fitted model from :meth:`to_dict` output."""
        if d.get("features") != DIRECTION_FEATURES:
            raise ModelError("direction model was trained on other features than this analyzer "
                             "computes; retrain it with scripts/train_pair_model.py")
        model = cls(**d["params"])
        model.scaler_ = _scaler_from_dict(d["scaler"])
        model.logistic_ = _logistic_from_dict(d["logistic"], [0, 1])
        model.classes_ = model.logistic_.classes_
        return model


@dataclass
class RelationModel:
    """The fitted relation and direction models, with how they were trained.

    ``short_text`` decides pairs of one- and two-sentence texts (see
    :mod:`analyzer.pairs.short_texts`); a file without it leaves them to the
    relation model.
    """

    relation: PairClassifier
    direction: DirectionClassifier
    metadata: dict[str, Any] = field(default_factory=dict)
    short_text: ShortTextClassifier | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form, as written to disk."""
        out = {
            "format": MODEL_FORMAT,
            "format_version": MODEL_FORMAT_VERSION,
            "metadata": self.metadata,
            "relation": self.relation.to_dict(),
            "direction": self.direction.to_dict(),
        }
        if self.short_text is not None:
            out["short_text"] = self.short_text.to_dict()
        return out

    def save(self, path: str | os.PathLike) -> None:
        """Write the model as JSON, atomically (a crash leaves any old file intact)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.to_dict(), fh, indent=1, sort_keys=True)
                fh.write("\n")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RelationModel:
        """Validate and rebuild a model from its plain-data form."""
        if not isinstance(d, dict) or d.get("format") != MODEL_FORMAT:
            raise ModelError("not an analyzer pair model file")
        if d.get("format_version") != MODEL_FORMAT_VERSION:
            raise ModelError(
                f"pair model format version {d.get('format_version')} is not supported "
                f"(this analyzer reads version {MODEL_FORMAT_VERSION})"
            )
        try:
            return cls(
                relation=PairClassifier.from_dict(d["relation"]),
                direction=DirectionClassifier.from_dict(d["direction"]),
                metadata=dict(d.get("metadata", {})),
                short_text=ShortTextClassifier.from_dict(d["short_text"]) if "short_text" in d else None,
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ModelError(f"pair model file is damaged: {err}") from err

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> RelationModel:
        """Load a model file; without ``path``, the model shipped with the package."""
        try:
            if path is None:
                text = resources.files("analyzer").joinpath("data/pair_model.json").read_text("utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
            data = json.loads(text)
        except FileNotFoundError as err:
            raise ModelError(f"pair model file not found: {path or 'analyzer/data/pair_model.json'}"
                             ) from err
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ModelError(f"pair model file cannot be read: {err}") from err
        return cls.from_dict(data)
