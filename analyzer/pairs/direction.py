"""Which article of a derived pair is the original.

Publication times decide when both are known and differ. Next come credits:
an article that names the other's outlet as its origin ("NEWS COLLECTED FROM
NEW YORK POST") is the derived one. Otherwise the text decides, through the
direction model (:class:`analyzer.pairs.model.DirectionClassifier`) over signs
a rewrite leaves: passages repeated with a second spin, the rarer
words a spinner picks for common ones, sentences split or merged. An answer
is given only when the model is at least ``DIRECTION_CONFIDENCE`` sure;
otherwise ``original`` is ``None`` and the reasons say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from analyzer.article import Article
from analyzer.config import DIRECTION_CONFIDENCE
from analyzer.pairs.evidence import DIRECTION_FEATURES
from analyzer.pairs.model import DirectionClassifier

_PLAIN = {
    "repeat_balance": "repeats passages of the other, reworded a second time",
    "split_balance": "splits or merges the other's sentences",
    "rarity_shift": "uses rarer words where the other uses common ones",
    "length_balance": "is longer, padded with rewording",
    "anchor_balance": "carries fewer of the names, numbers and rare words",
    "rare_word_balance": "uses more rare words overall",
}


@dataclass(frozen=True)
class Direction:
    """The verdict on direction: ``original`` is ``"a"``, ``"b"`` or ``None``."""

    original: str | None
    probability_a: float
    reasons: tuple[str, ...]


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed


def _outlets(article: Article, kinds: tuple[str, ...]) -> set[str]:
    """Outlet names an article declares, of the given attribution kinds, normalised."""
    names = {value.casefold() for kind in kinds for value in article.declared(kind)}
    if "publisher" in kinds and article.source:
        names.add(article.source.strip().casefold())
    return {n for n in names if n}


def attribution_direction(a: Article, b: Article) -> Direction | None:
    """Direction from credits: an article crediting the other's outlet is the derived one."""
    own = ("self", "publisher")
    for first, second, label in ((a, b, "a"), (b, a, "b")):
        credited = _outlets(second, ("origin",)) & _outlets(first, own)
        if credited:
            name = sorted(credited)[0]
            return Direction(label, 1.0 if label == "a" else 0.0,
                             (f"{second.id} credits {name!r}, the outlet of {first.id}",))
    return None


def decide_direction(
    a: Article,
    b: Article,
    direction_features: dict[str, float],
    model: DirectionClassifier,
    confidence: float = DIRECTION_CONFIDENCE,
) -> Direction:
    """Decide which of a derived pair came first, with the reasons."""
    ta, tb = _parse_time(a.published), _parse_time(b.published)
    if ta is not None and tb is not None and ta != tb:
        first = "a" if ta < tb else "b"
        return Direction(
            first,
            1.0 if first == "a" else 0.0,
            (f"published first: {a.id if first == 'a' else b.id} "
             f"({min(ta, tb).isoformat()} before {max(ta, tb).isoformat()})",),
        )
    credited = attribution_direction(a, b)
    if credited is not None:
        return credited
    row = np.array([[direction_features[name] for name in DIRECTION_FEATURES]], dtype=float)
    p_a = float(model.predict_proba(row)[0, 1])
    # Name the signs that pushed the verdict, strongest first.
    coef = model.logistic_.coef_[0] / model.scaler_.scale_
    pushes = sorted(
        ((coef[k] * direction_features[name], name) for k, name in enumerate(DIRECTION_FEATURES)),
        reverse=p_a >= 0.5,
    )
    derived_side = b.id if p_a >= 0.5 else a.id
    signs = [
        f"{derived_side} {_PLAIN[name]}"
        for push, name in pushes[:3]
        if (push > 0.05 if p_a >= 0.5 else push < -0.05)
    ]
    sure = max(p_a, 1 - p_a)
    credits_a, credits_b = bool(_outlets(a, ("origin",))), bool(_outlets(b, ("origin",)))
    if sure < confidence and credits_a != credits_b:
        derived, original = (a, "b") if credits_a else (b, "a")
        return Direction(
            original, p_a,
            (f"{derived.id} credits another outlet as its origin and the other does not; "
             f"text evidence alone is inconclusive ({sure:.0%} sure)",),
        )
    if sure < confidence:
        return Direction(
            None, p_a,
            (f"text evidence is inconclusive (direction model {sure:.0%} sure, "
             f"needs {confidence:.0%}); no publication times to decide",),
        )
    original = "a" if p_a >= 0.5 else "b"
    head = f"text evidence ({sure:.0%} sure) points to {a.id if original == 'a' else b.id} as the original"
    return Direction(original, p_a, (head, *signs))
