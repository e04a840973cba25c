"""Sentence alignment of two articles, on similarity matrices only.

The pair engine encodes, then calls :func:`align_links` on arrays; tests
of the maths use hand-built matrices.

Spinners keep the order of the text they rewrite, but move clauses, merge
and split sentences, and some repeat a passage spun a second way. So the
alignment is not one monotone path: each sentence links to its best match on
the other side (both directions), and a link is kept when it is similar
enough on its own, or moderately similar and backed by a neighbouring link
running the same way (an ordered run). Independent reports of a story share
topical sentences that look alike one by one but do not form runs. A
sentence's second, non-adjacent link (a repeated passage) must be about as
strong as its best one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analyzer.config import ALIGN_FLOOR, ALIGN_THRESHOLD

#: A link this similar is kept without support from neighbours.
STRONG_SIMILARITY = 0.8
#: Character n-gram cosine at which two sentences are near-verbatim.
STRONG_LEXICAL = 0.6
#: A second, non-adjacent link of a sentence (a repeated passage) is kept only when it is at
#: most this much weaker than the sentence's best link. A passage spun twice is about as close
#: to its source both times (gaps up to 0.2 on the seed pair); a link far weaker than the
#: sentence's own match is a neighbour's topical resemblance.
REPEAT_MARGIN = 0.3

#: Character n-gram cosine at which two aligned sentences are the same sentence
#: (a typo or a changed word at most): what copies keep and spinners do not.
IDENTICAL_LEXICAL = 0.9

ALIGNMENT_COLUMNS = ["a_index", "b_index", "similarity", "lexical", "kind", "in_run", "mutual"]


def _best_links(sim: np.ndarray, floor: float) -> dict[tuple[int, int], bool]:
    """Best match per row and per column above ``floor``; value: mutual best."""
    links: dict[tuple[int, int], bool] = {}
    if sim.size == 0:
        return links
    best_i = sim.argmax(axis=0)
    best_j = sim.argmax(axis=1)
    for j, i in enumerate(best_i):
        if sim[i, j] >= floor:
            links[(int(i), j)] = bool(best_j[i] == j)
    for i, j in enumerate(best_j):
        if sim[i, j] >= floor:
            links.setdefault((i, int(j)), bool(best_i[j] == i))
    return links


def _supported(link: tuple[int, int], others: set[tuple[int, int]]) -> bool:
    """Whether a neighbouring link runs the same way (j and i both advance, or both retreat)."""
    i, j = link
    for dj in (-3, -2, -1, 1, 2, 3):
        for di in (1, 2, 3):
            step = di if dj > 0 else -di
            if (i + step, j + dj) in others:
                return True
    return False


def _drop_faint_repeats(links: set[tuple[int, int]], score: np.ndarray,
                        margin: float = REPEAT_MARGIN) -> set[tuple[int, int]]:
    """``links`` without the non-adjacent links of a sentence far weaker than its best one."""
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i, j in links:
        groups.setdefault((0, i), []).append((i, j))
        groups.setdefault((1, j), []).append((i, j))
    faint: set[tuple[int, int]] = set()
    for (axis, _), group in groups.items():
        if len(group) < 2:
            continue
        best = max(score[link] for link in group)
        others = [link[1 - axis] for link in group]  # the positions on the other side
        for link in group:
            pos = link[1 - axis]
            adjacent = any(abs(pos - other) == 1 for other in others)  # a split or a merge
            if not adjacent and best - score[link] > margin:
                faint.add(link)
    return links - faint


def _kinds(links: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Name each link: match, split (a → adjacent b's), merge, or repeat (passage reused)."""
    by_i: dict[int, list[int]] = {}
    by_j: dict[int, list[int]] = {}
    for i, j in links:
        by_i.setdefault(i, []).append(j)
        by_j.setdefault(j, []).append(i)
    kinds: dict[tuple[int, int], str] = {}
    for i, j in links:
        js, is_ = sorted(by_i[i]), sorted(by_j[j])
        if len(js) > 1:
            adjacent = any(abs(j - other) == 1 for other in js if other != j)
            kinds[(i, j)] = "split" if adjacent else ("repeat_b" if j != js[0] else "match")
        elif len(is_) > 1:
            adjacent = any(abs(i - other) == 1 for other in is_ if other != i)
            kinds[(i, j)] = "merge" if adjacent else ("repeat_a" if i != is_[0] else "match")
        else:
            kinds[(i, j)] = "match"
    return kinds


def align_sentences(
    sim: np.ndarray,
    lexical: np.ndarray | None = None,
    usable_a: np.ndarray | None = None,
    usable_b: np.ndarray | None = None,
    *,
    threshold: float = ALIGN_THRESHOLD,
    floor: float = ALIGN_FLOOR,
) -> pd.DataFrame:
    """The links of :func:`align_links` as a DataFrame (columns :data:`ALIGNMENT_COLUMNS`)."""
    return pd.DataFrame(align_links(sim, lexical, usable_a, usable_b, threshold=threshold, floor=floor),
                        columns=ALIGNMENT_COLUMNS)


def align_links(
    sim: np.ndarray,
    lexical: np.ndarray | None = None,
    usable_a: np.ndarray | None = None,
    usable_b: np.ndarray | None = None,
    *,
    threshold: float = ALIGN_THRESHOLD,
    floor: float = ALIGN_FLOOR,
) -> dict[str, np.ndarray | list[str]]:
    """Align sentences of ``a`` (rows of ``sim``) with those of ``b`` (columns).

    ``sim`` holds semantic similarities (embedding cosine) and ``lexical`` the
    character n-gram cosines of the same sentence pairs; ``usable_*`` exclude
    sentences too short to align. Returns one value per link in each column
    ``a_index``, ``b_index``, ``similarity``, ``lexical``, ``kind`` (``match``,
    ``split``, ``merge``, ``repeat_a``, ``repeat_b``), ``in_run`` and
    ``mutual``, sorted by ``b_index`` then ``a_index`` (arrays, so the pair
    engine adds its columns and makes one DataFrame). A sentence may appear
    in several links (splits, merges, repeated passages) or in none.
    """
    sim = np.asarray(sim, dtype=float)
    lexical = np.zeros_like(sim) if lexical is None else np.asarray(lexical, dtype=float)
    if lexical.shape != sim.shape:
        raise ValueError(f"lexical has shape {lexical.shape}, expected {sim.shape} like sim")
    score = np.maximum(sim, lexical)
    masked = score.copy()
    if usable_a is not None:
        masked[~np.asarray(usable_a, dtype=bool), :] = -1.0
    if usable_b is not None:
        masked[:, ~np.asarray(usable_b, dtype=bool)] = -1.0

    candidates = _best_links(masked, floor)
    keys = set(candidates)
    kept: dict[tuple[int, int], tuple[bool, bool]] = {}
    for link, mutual in candidates.items():
        s = masked[link]
        in_run = _supported(link, keys - {link})
        strong = s >= STRONG_SIMILARITY or lexical[link] >= STRONG_LEXICAL
        if strong or (s >= threshold and (mutual or in_run)) or (in_run and mutual):
            kept[link] = (in_run, mutual)
    # Support is judged again among kept links, so a run of noise cannot prop itself up.
    final = {
        link: (in_run and _supported(link, set(kept) - {link}), mutual)
        for link, (in_run, mutual) in kept.items()
    }
    final = {link: final[link] for link in _drop_faint_repeats(set(final), score)}
    ordered = sorted(final, key=lambda ij: (ij[1], ij[0]))
    kinds = _kinds(ordered)
    a_index = np.array([i for i, _ in ordered], dtype=int)
    b_index = np.array([j for _, j in ordered], dtype=int)
    return {
        "a_index": a_index,
        "b_index": b_index,
        "similarity": np.array([round(float(v), 4) for v in sim[a_index, b_index]], dtype=float),
        "lexical": np.array([round(float(v), 4) for v in lexical[a_index, b_index]], dtype=float),
        "kind": [kinds[link] for link in ordered],
        "in_run": np.array([final[link][0] for link in ordered], dtype=bool),
        "mutual": np.array([final[link][1] for link in ordered], dtype=bool),
    }


def longest_ordered_share(alignment: pd.DataFrame) -> float:
    """Share of links on the longest chain where both sides advance (0 when empty).

    A derived text keeps its source's order, so most of its links lie on one
    increasing chain; topical look-alikes between independent reports do not.
    Both sides advance strictly, so swapping the texts gives the same share
    (links sharing a sentence, as a split or a repeat makes, count once).
    """
    if alignment.empty:
        return 0.0
    # Within one b sentence, a descending: a strictly increasing run of a then takes at most one.
    seq = alignment.sort_values(["b_index", "a_index"], ascending=[True, False])["a_index"].to_numpy()
    tails: list[int] = []
    for x in seq:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(int(x))
        else:
            tails[lo] = int(x)
    return len(tails) / len(seq)
