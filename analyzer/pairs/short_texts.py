"""Paraphrase or not, for texts of one or two sentences: headlines, ledes, blurbs.

The relation model reads alignment evidence (how many sentences align, in
order, with what wording), and a one-sentence text has almost none: a spin
needs two aligned sentences, so a reworded headline could never be called
one. Short pairs get their own calibrated decision instead: a logistic
regression over what two sentences do carry (meaning, character and word
overlap, names and numbers kept, length), fitted on the first half of MRPC's
training pairs plus pairs of short unrelated texts of common words, so that
word salads sharing frequent words are not taken for paraphrases.
``scripts/train_short_text_model.py`` fits it; ``benchmarks/relations.py``
measures it on the other half of MRPC, and ``benchmarks/short_texts.py`` on
5,000 one-line texts of common words.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from analyzer.config import RANDOM_STATE

#: Features of a short pair, all computed by :func:`analyzer.pairs.evidence.pair_evidence`.
SHORT_TEXT_FEATURES = [
    "doc_cosine",
    "char_doc_cosine",
    "shingle3_jaccard",
    "shingle5_jaccard",
    "anchor_sequence",
    "anchor_containment",
    "length_ratio",
]

#: A pair is judged as short when neither text has more sentences than this.
SHORT_TEXT_SENTENCES = 2


class ShortTextClassifier(ClassifierMixin, BaseEstimator):
    """Probability that two short texts say the same thing; ``threshold`` turns it into a verdict."""

    def __init__(self, C: float = 1.0, threshold: float = 0.5,
                 random_state: int | None = RANDOM_STATE) -> None:
        self.C = C
        self.threshold = threshold
        self.random_state = random_state

    def fit(self, X: pd.DataFrame | np.ndarray, y: Any) -> ShortTextClassifier:
        """Learn from feature rows ``X`` and labels ``y`` (1: paraphrase, 0: not)."""
        values = _values(X)
        labels = np.asarray(y, dtype=int)
        self.scaler_ = StandardScaler().fit(values)
        self.logistic_ = LogisticRegression(C=self.C, max_iter=5000, random_state=self.random_state).fit(
            self.scaler_.transform(values), labels)
        self.classes_ = self.logistic_.classes_
        return self

    def predict_proba(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Columns: probability of "not a paraphrase", of "paraphrase"."""
        check_is_fitted(self, "logistic_")
        return self.logistic_.predict_proba(self.scaler_.transform(_values(X)))

    def predict(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """1 where the pair is a paraphrase at :attr:`threshold`, else 0."""
        return (self.predict_proba(X)[:, 1] >= self.threshold).astype(int)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form of the fitted model."""
        check_is_fitted(self, "logistic_")
        return {"params": self.get_params(), "features": SHORT_TEXT_FEATURES,
                "mean": self.scaler_.mean_.tolist(), "scale": self.scaler_.scale_.tolist(),
                "coef": self.logistic_.coef_.tolist(), "intercept": self.logistic_.intercept_.tolist()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ShortTextClassifier:
        """Rebuild a fitted model from :meth:`to_dict` output (raises ValueError if it does not fit)."""
        if d.get("features") != SHORT_TEXT_FEATURES:
            raise ValueError("short-text model was fitted on other features; refit it with "
                             "scripts/train_short_text_model.py")
        model = cls(**d["params"])
        model.scaler_ = StandardScaler()
        model.scaler_.mean_ = np.asarray(d["mean"], dtype=float)
        model.scaler_.scale_ = np.asarray(d["scale"], dtype=float)
        model.scaler_.var_ = model.scaler_.scale_ ** 2
        model.scaler_.n_features_in_ = len(SHORT_TEXT_FEATURES)
        model.scaler_.n_samples_seen_ = 1
        model.logistic_ = LogisticRegression()
        model.logistic_.coef_ = np.asarray(d["coef"], dtype=float)
        model.logistic_.intercept_ = np.asarray(d["intercept"], dtype=float)
        model.logistic_.classes_ = np.array([0, 1])
        model.logistic_.n_features_in_ = len(SHORT_TEXT_FEATURES)
        if model.logistic_.coef_.shape != (1, len(SHORT_TEXT_FEATURES)):
            raise ValueError("short-text model coefficients have the wrong shape")
        model.classes_ = model.logistic_.classes_
        return model


def _values(X: pd.DataFrame | np.ndarray) -> np.ndarray:
    if isinstance(X, pd.DataFrame):
        return X[SHORT_TEXT_FEATURES].to_numpy(dtype=float)
    arr = np.asarray(X, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != len(SHORT_TEXT_FEATURES):
        raise ValueError(f"expected {len(SHORT_TEXT_FEATURES)} feature columns ({SHORT_TEXT_FEATURES})")
    return arr


def is_short_pair(n_sentences_a: int, n_sentences_b: int) -> bool:
    """Whether a pair is judged by the short-text model (both texts of at most two sentences)."""
    return max(n_sentences_a, n_sentences_b) <= SHORT_TEXT_SENTENCES
