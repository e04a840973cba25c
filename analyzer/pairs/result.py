"""The verdict on one pair of articles: a record that scorers, reports and notebooks read.

It lives apart from the engine that makes it, so reading a verdict never loads a model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
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
    ``evidence_kept`` is False when those tables were dropped to bound memory
    (:meth:`without_evidence`); their sizes stay in ``n_aligned``,
    ``n_substitutions`` and ``n_fact_changes``.
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
    dropped: tuple[int, int, int] | None = field(default=None, repr=False)

    @property
    def evidence_kept(self) -> bool:
        """Whether the evidence tables are here (see :meth:`without_evidence`)."""
        return self.dropped is None

    @property
    def n_aligned(self) -> int:
        """Aligned sentence pairs, whether or not their table was kept."""
        return len(self.alignment) if self.dropped is None else self.dropped[0]

    @property
    def n_substitutions(self) -> int:
        """Substitutions found, whether or not their table was kept."""
        return len(self.substitutions) if self.dropped is None else self.dropped[1]

    @property
    def n_fact_changes(self) -> int:
        """Changed facts found, whether or not their table was kept."""
        return len(self.fact_changes) if self.dropped is None else self.dropped[2]

    def without_evidence(self) -> PairResult:
        """The same verdict, reasons and figures without the three evidence tables.

        A corpus of thousands of articles examines hundreds of thousands of
        pairs, and three small DataFrames each held 7 GB at 10,000 articles;
        the pairs that are neither copied nor spun are kept this way. The
        empty tables that replace them are shared: treat them as read-only.
        """
        if self.dropped is not None:
            return self
        return replace(self, alignment=_empty(tuple(self.alignment.columns)),
                       substitutions=_empty(tuple(self.substitutions.columns)),
                       fact_changes=_empty(tuple(self.fact_changes.columns)),
                       dropped=(len(self.alignment), len(self.substitutions), len(self.fact_changes)))

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


@lru_cache(maxsize=16)
def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    """One shared empty table per set of columns (read-only by convention)."""
    return pd.DataFrame(columns=list(columns))


def origins_of(results: Iterable[PairResult]) -> dict[str, set[str]]:
    """For each article found copied or spun with a known direction, the ids of its originals."""
    origins: dict[str, set[str]] = {}
    for r in results:
        if r.relation in DERIVED and r.derived_id is not None and r.original_id is not None:
            origins.setdefault(r.derived_id, set()).add(r.original_id)
    return origins

