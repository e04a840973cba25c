"""Fitting the relation model on labelled pairs.

Kept apart from the generator (:mod:`analyzer.training.pairgen`) and from the
estimators (:mod:`analyzer.pairs.model`): this module only turns labelled
pairs into feature tables and fits. ``scripts/train_pair_model.py`` is the
command that regenerates the shipped model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd

from analyzer.config import RANDOM_STATE
from analyzer.embed.sentence import SentenceEncoder
from analyzer.pairs.direction_signs import DIRECTION_FEATURES
from analyzer.pairs.evidence import RELATION_FEATURES, pair_evidence
from analyzer.pairs.model import DirectionClassifier, PairClassifier, RelationModel
from analyzer.pairs.profile import build_profiles
from analyzer.training.pairgen import LabelledPair


def feature_table(
    pairs: Sequence[LabelledPair],
    encoder: SentenceEncoder,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x,
) -> pd.DataFrame:
    """One row per pair: relation and direction features, labels and detail."""
    rows = []
    for pair in progress(pairs):
        pa, pb = build_profiles([pair.a, pair.b], encoder)
        ev = pair_evidence(pa, pb)
        rows.append({
            "a": pair.a.id, "b": pair.b.id, "relation": pair.relation,
            "original": pair.original, "detail": pair.detail,
            **ev.features, **ev.direction,
        })
    return pd.DataFrame(rows)


def fit_relation_model(table: pd.DataFrame, *, random_state: int = RANDOM_STATE,
                       metadata: dict[str, Any] | None = None,
                       direction: DirectionClassifier | None = None) -> RelationModel:
    """Fit the relation model on all rows; the direction model too, unless one is given.

    The shipped direction model is fitted on real derivatives as well
    (``benchmarks/direction.py --fit``), so retraining the relation model
    passes it in rather than refitting it on generated spins alone.
    """
    relation = PairClassifier(random_state=random_state).fit(table[RELATION_FEATURES],
                                                             table["relation"])
    if direction is None:
        spun = table[table["relation"] == "spun"]
        direction = DirectionClassifier(random_state=random_state).fit(
            spun[DIRECTION_FEATURES], (spun["original"] == "a").astype(int)
        )
    meta = dict(metadata or {})
    meta.setdefault("summary", {})
    meta["n_pairs"] = {str(k): int(v) for k, v in table["relation"].value_counts().items()}
    meta["random_state"] = random_state
    return RelationModel(relation=relation, direction=direction, metadata=meta)
