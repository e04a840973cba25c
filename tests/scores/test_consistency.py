"""When two reports' figures agree: same value and unit, or a bound or approximation allowing the other."""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer.scores.consistency import _outcome


def _fact(text: str, value: float, unit: str | None = None, counts: str | None = None) -> pd.Series:
    return pd.Series({"text": text, "value": value, "unit": unit, "counts": counts,
                      "key": counts.split()[-1] if counts else unit})


@pytest.mark.parametrize(
    ("x", "y", "outcome"),
    [
        (_fact("exceed $3 million", 3e6, "USD"), _fact("$3.5 million", 3.5e6, "USD"), "agree"),
        (_fact("$3 million", 3e6, "USD"), _fact("$3.5 million", 3.5e6, "USD"), "disagree"),
        (_fact("nearly 50 local officials", 50, counts="local officials"),
         _fact("47", 47, counts="local officials"), "agree"),
        (_fact("nearly 50 officials", 50, counts="officials"), _fact("52 officials", 52, counts="officials"),
         "disagree"),
        (_fact("more than 10 km", 10, "kilometer"), _fact("12 miles", 12, "mile"), "disagree"),
        (_fact("1,000 miles", 1000, "mile"), _fact("1,000 kilometers", 1000, "kilometer"), "unit drift"),
        (_fact("35 municipal deputies", 35, counts="municipal deputies"),
         _fact("18 districts", 18, counts="districts"), "different things"),
    ],
)
def test_outcome_of_two_figures(x, y, outcome):
    assert _outcome(x, y) == outcome
    assert _outcome(y, x) == outcome
