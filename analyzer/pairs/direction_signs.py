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
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analyzer.pairs.align import IDENTICAL_LEXICAL
from analyzer.pairs.profile import ArticleProfile
from analyzer.text.tokens import STOPWORDS, parse_number, words

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


def _names(tokens: Sequence[str]) -> set[str]:
    """Capitalised words that are not the first of the sentence nor a stopword: names, mostly."""
    return {w for k, w in enumerate(tokens) if k and w[:1].isupper() and w.lower() not in STOPWORDS}


def _numbers(tokens: Sequence[str]) -> set[str]:
    return {w for w in tokens if any(c.isdigit() for c in w) and parse_number(w) is not None}


def _doubled(alignment: pd.DataFrame, source: str, target: str) -> int:
    """Sentences of ``source`` linked to two reworded sentences of ``target`` at least DOUBLE_GAP apart.

    Only reworded links count: a text that repeats itself, copied verbatim,
    links its repeats to both copies without anyone having pasted a passage twice.
    """
    n = 0
    for _, group in alignment[alignment["lexical"] < IDENTICAL_LEXICAL].groupby(source):
        linked = group[target]
        if len(linked) >= 2 and int(linked.max()) - int(linked.min()) >= DOUBLE_GAP:
            n += 1
    return min(n, DOUBLE_CAP)


def direction_features(a: ArticleProfile, b: ArticleProfile, alignment: pd.DataFrame,
                       kinds: Counter[str]) -> dict[str, float]:
    """The signed direction features of an aligned pair (positive: b looks derived).

    ``alignment`` is the pair's sentence alignment (with its ``quote``
    column); ``kinds`` counts its links by kind (``repeat_a``, ``split``...).
    """
    own = alignment[~alignment["quote"]] if len(alignment) else alignment
    names_lost = numbers_lost = 0
    for ta, tb in zip(own["a_sentence"], own["b_sentence"], strict=True):
        wa, wb = words(ta), words(tb)
        na, nb = _names(wa), _names(wb)
        names_lost += len(na - nb) - len(nb - na)
        xa, xb = _numbers(wa), _numbers(wb)
        numbers_lost += len(xa - xb) - len(xb - xa)
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
        "doubled_passage": float(_doubled(own, "a_index", "b_index") - _doubled(own, "b_index", "a_index")),
        "repeat_balance": (kinds.get("repeat_b", 0) - kinds.get("repeat_a", 0)) / n,
        "split_balance": (kinds.get("split", 0) - kinds.get("merge", 0)) / n,
        "self_repetition": b.self_repetition - a.self_repetition,
    }
