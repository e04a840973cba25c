"""The verdict on one pair of articles: a record that scorers, reports and notebooks read.

It lives apart from the engine that makes it, so reading a verdict never loads a model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analyzer.verdicts import DERIVED


@dataclass(frozen=True)
class PairResult:
    """The verdict on one pair of articles, with the evidence a reader can check.

    ``relation`` is one of ``copy``, ``spun``, ``same_story``, ``unrelated``;
    ``original`` is ``"a"``, ``"b"`` or ``None`` (not derived, or not decidable).
    ``alignment`` has one row per linked sentence pair (``a_sentence``,
    ``b_sentence``, ``similarity``, ...); ``substitutions`` and
    ``fact_changes`` list what a rewrite changed in aligned sentences.
    """

    a_id: str
    b_id: str
    relation: str
    spin_probability: float
    probabilities: dict[str, float]
    original: str | None
    direction_probability: float | None
    reasons: tuple[str, ...]
    direction_reasons: tuple[str, ...]
    alignment: pd.DataFrame = field(repr=False)
    substitutions: pd.DataFrame = field(repr=False)
    fact_changes: pd.DataFrame = field(repr=False)
    features: dict[str, float] = field(repr=False)

    @property
    def original_id(self) -> str | None:
        """Id of the original article, when known."""
        return {"a": self.a_id, "b": self.b_id}.get(self.original or "")

    @property
    def derived_id(self) -> str | None:
        """Id of the derived article, when the original is known."""
        return {"a": self.b_id, "b": self.a_id}.get(self.original or "")

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready form (tables as lists of records)."""
        return {
            "a": self.a_id,
            "b": self.b_id,
            "relation": self.relation,
            "spin_probability": self.spin_probability,
            "probabilities": self.probabilities,
            "original": self.original,
            "original_id": self.original_id,
            "direction_probability": self.direction_probability,
            "reasons": list(self.reasons),
            "direction_reasons": list(self.direction_reasons),
            "features": self.features,
            "alignment": self.alignment.to_dict(orient="records"),
            "substitutions": self.substitutions.to_dict(orient="records"),
            "fact_changes": self.fact_changes.to_dict(orient="records"),
        }

    def _repr_html_(self) -> str:
        """Jupyter display: verdict, reasons, alignment map and aligned sentences (escaped)."""
        from analyzer.report.display import pair_result_html

        return pair_result_html(self)


def origins_of(results: Iterable[PairResult]) -> dict[str, set[str]]:
    """For each article found copied or spun with a known direction, the ids of its originals."""
    origins: dict[str, set[str]] = {}
    for r in results:
        if r.relation in DERIVED and r.derived_id is not None and r.original_id is not None:
            origins.setdefault(r.derived_id, set()).add(r.original_id)
    return origins

