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
weak sign among the others. Padding (sentences unrelated to anything in the
other text) is left out of every size-based sign: it says nothing of who came
first.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analyzer.pairs.align import IDENTICAL_LEXICAL
from analyzer.pairs.profile import ArticleProfile
from analyzer.text.tokens import anchors, words

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

#: A sentence whose meaning is this far from every sentence of the other text, and that is
#: not aligned, is padding (an unrelated article pasted on): it says nothing of who came
#: first, so it is left out of the length, anchor, quotation and coverage signs.
OFF_TOPIC_SIMILARITY = 0.3

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


def _on_topic(a: ArticleProfile, b: ArticleProfile, alignment: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence of each text: aligned, or near in meaning to some sentence of the other."""
    on_a = np.ones(len(a.sentences), dtype=bool)
    on_b = np.ones(len(b.sentences), dtype=bool)
    if not len(a.sentences) or not len(b.sentences):
        return on_a, on_b
    similarity = a.embeddings @ b.embeddings.T
    on_a = similarity.max(axis=1) >= OFF_TOPIC_SIMILARITY
    on_b = similarity.max(axis=0) >= OFF_TOPIC_SIMILARITY
    if len(alignment):
        on_a[alignment["a_index"].to_numpy()] = True
        on_b[alignment["b_index"].to_numpy()] = True
    return on_a, on_b


def _story_size(profile: ArticleProfile, on_topic: np.ndarray) -> tuple[int, int]:
    """Anchors and words of the sentences that are on the pair's story."""
    kept = [s.text for s, keep in zip(profile.sentences, on_topic.tolist(), strict=True) if keep]
    return sum(len(anchors(t)) for t in kept), sum(len(words(t)) for t in kept)


def direction_features(a: ArticleProfile, b: ArticleProfile, alignment: pd.DataFrame,
                       kinds: Counter[str]) -> dict[str, float]:
    """The signed direction features of an aligned pair (positive: b looks derived).

    ``alignment`` is the pair's sentence alignment (with its ``quote``
    column); ``kinds`` counts its links by kind (``repeat_a``, ``split``...).
    """
    own = alignment[~alignment["quote"]] if len(alignment) else alignment
    on_a, on_b = _on_topic(a, b, alignment)
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
    usable_a, usable_b = a.usable & on_a, b.usable & on_b
    covered_a = len(set(alignment["a_index"]) & set(np.flatnonzero(usable_a).tolist()))
    covered_b = len(set(alignment["b_index"]) & set(np.flatnonzero(usable_b).tolist()))
    quoted_a = float(a.quote_mask[on_a].mean()) if on_a.any() else 0.0
    quoted_b = float(b.quote_mask[on_b].mean()) if on_b.any() else 0.0
    if on_a.all() and on_b.all():
        anchors_a, anchors_b, words_a, words_b = len(a.anchors), len(b.anchors), len(a.words), len(b.words)
    else:  # padding on either side: count only what the two texts are about
        anchors_a, words_a = _story_size(a, on_a)
        anchors_b, words_b = _story_size(b, on_b)
    return {
        "name_loss": names_lost / n_own,
        "number_loss": numbers_lost / n_own,
        "anchor_balance": (anchors_a - anchors_b) / max(anchors_a, anchors_b, 1),
        "quote_balance": quoted_a - quoted_b,
        "coverage_balance": covered_b / max(int(usable_b.sum()), 1) - covered_a / max(int(usable_a.sum()), 1),
        "length_balance": float(np.log((words_b + 1) / (words_a + 1))),
        "doubled_passage": float(_doubled(reworded_a, reworded_b) - _doubled(reworded_b, reworded_a)),
        "repeat_balance": (kinds.get("repeat_b", 0) - kinds.get("repeat_a", 0)) / n,
        "split_balance": (kinds.get("split", 0) - kinds.get("merge", 0)) / n,
        "self_repetition": b.self_repetition - a.self_repetition,
    }
