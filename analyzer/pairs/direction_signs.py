"""Signed text evidence of which side of a derived pair came first.

Every feature is antisymmetric: swapping the two texts negates it, and a
positive value says "b looks derived". Only signs that were measured on real
derivatives are kept (``benchmarks/direction.py``, on hand-labelled content-farm
pages, QuillBot and GPT-4o-mini rewrites and human rewrites):

- **loss of information**: in sentences that say the same thing, the derived
  text drops names and numbers the original has (a rewrite cannot add
  specifics it never had); it carries fewer anchors overall and fewer
  quotations, and more of it is covered by the other text;
- **shape of the rewrite**: which side repeats a passage of the other, spun a
  second time (content farms paste the opening twice), splits sentences, and
  how often each text repeats its own wording (paraphrasers vary it).

Two signs the first direction model leaned on were measured and dropped: "the
derived text uses rarer words" holds for the project's own spinner, which picks
rare synonyms, but real derivatives (paraphrasers, round-trip translation,
rewriting tools) mostly pick *commoner* words than the original: its two
rarity signs pointed the wrong way on 21 and 22 of 30 real pairs. Length alone points both ways
(a derivative may be an excerpt or a padded rewrite); it is kept only as one
weak sign among the others.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analyzer.pairs.align import IDENTICAL_LEXICAL
from analyzer.pairs.profile import ArticleProfile

#: Direction features, in the order the direction model reads them.
DIRECTION_FEATURES = [
    "name_loss",
    "number_loss",
    "anchor_balance",
    "quote_balance",
    "coverage_balance",
    "length_balance",
    "doubled_passage",
    "repeat_balance",
    "split_balance",
    "self_repetition",
]

#: Sentences this far apart or more, linked to one sentence of the other text,
#: are two copies of its passage rather than one sentence split in two.
DOUBLE_GAP = 3

#: Doubled sentences counted at most (one long doubled opening is as telling as a longer one).
DOUBLE_CAP = 10


def _doubled(source: np.ndarray, target: np.ndarray) -> int:
    """Sentences of ``source`` linked to two sentences of ``target`` at least DOUBLE_GAP apart.

    ``source`` and ``target`` are the two ends of the pair's reworded links
    (a text that repeats itself, copied verbatim, links its repeats to both
    copies without anyone having pasted a passage twice).
    """
    lowest: dict[int, int] = {}
    highest: dict[int, int] = {}
    for i, j in zip(source.tolist(), target.tolist(), strict=True):
        lowest[i] = min(lowest.get(i, j), j)
        highest[i] = max(highest.get(i, j), j)
    n = sum(1 for i in lowest if highest[i] - lowest[i] >= DOUBLE_GAP)
    return min(n, DOUBLE_CAP)


def direction_features(a: ArticleProfile, b: ArticleProfile, alignment: pd.DataFrame,
                       kinds: Counter[str]) -> dict[str, float]:
    """The signed direction features of an aligned pair (positive: b looks derived).

    ``alignment`` is the pair's sentence alignment (with its ``quote``
    column); ``kinds`` counts its links by kind (``repeat_a``, ``split``...).
    """
    own = alignment[~alignment["quote"]] if len(alignment) else alignment
    names_lost = numbers_lost = 0
    for i, j in zip(own["a_index"].tolist(), own["b_index"].tolist(), strict=True):
        na, nb = a.sentence_names[i], b.sentence_names[j]
        names_lost += len(na - nb) - len(nb - na)
        xa, xb = a.sentence_numbers[i], b.sentence_numbers[j]
        numbers_lost += len(xa - xb) - len(xb - xa)
    reworded = (own["lexical"] < IDENTICAL_LEXICAL).to_numpy() if len(own) else np.zeros(0, dtype=bool)
    reworded_a = own["a_index"].to_numpy()[reworded] if len(own) else np.zeros(0, dtype=int)
    reworded_b = own["b_index"].to_numpy()[reworded] if len(own) else np.zeros(0, dtype=int)
    n_own = max(len(own), 1)
    n = max(len(alignment), 1)
    covered_a = len(set(alignment["a_index"]) & set(np.flatnonzero(a.usable).tolist()))
    covered_b = len(set(alignment["b_index"]) & set(np.flatnonzero(b.usable).tolist()))
    quoted_a = float(a.quote_mask.mean()) if len(a.quote_mask) else 0.0
    quoted_b = float(b.quote_mask.mean()) if len(b.quote_mask) else 0.0
    return {
        "name_loss": names_lost / n_own,
        "number_loss": numbers_lost / n_own,
        "anchor_balance": (len(a.anchors) - len(b.anchors)) / max(len(a.anchors), len(b.anchors), 1),
        "quote_balance": quoted_a - quoted_b,
        "coverage_balance": covered_b / max(int(b.usable.sum()), 1) - covered_a / max(int(a.usable.sum()), 1),
        "length_balance": float(np.log((len(b.words) + 1) / (len(a.words) + 1))),
        "doubled_passage": float(_doubled(reworded_a, reworded_b) - _doubled(reworded_b, reworded_a)),
        "repeat_balance": (kinds.get("repeat_b", 0) - kinds.get("repeat_a", 0)) / n,
        "split_balance": (kinds.get("split", 0) - kinds.get("merge", 0)) / n,
        "self_repetition": b.self_repetition - a.self_repetition,
    }
