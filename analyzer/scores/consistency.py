"""Factual consistency: whether facts agree with the other outlets on the story.

Facts (:mod:`analyzer.facts`) are compared only within a story and only where
two sentences talk about the same thing: two quantities are *comparable* when
they have the same dimension (a count, a length, an area...) and sit in
sentences whose embeddings are at least ``FACT_CONTEXT_SIMILARITY`` alike
(``FACT_CONTEXT_SIMILARITY_UNLABELLED`` when either does not say what it
counts or measures). A comparable pair

* agrees when value and unit are the same;
* is a unit drift when the value is the same but the unit is not (1,000 miles
  vs 1,000 kilometers: the classic spinner distortion);
* counts *different things* when the values differ and so do the counted nouns
  (deputies vs districts): shown, but neither agreement nor contradiction;
* disagrees otherwise.

Comparable quantities are grouped (connected components) into one discrepancy row per
topic, listing each article's values with what they count and the sentences
they come from. People whose names resolve to one person under several
spellings are listed too (kind ``spelling``); spelling does not lower scores.

An article's consistency is ``100 × agreeing / checkable`` over its quantities
that have a comparable fact in another article of the story; with nothing
checkable it is undefined (NaN) and says so.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analyzer.config import FACT_CONTEXT_SIMILARITY, FACT_CONTEXT_SIMILARITY_UNLABELLED
from analyzer.facts.grouping import connected_groups
from analyzer.facts.names import clean_name
from analyzer.facts.quantities import value_interval
from analyzer.pairs.profile import ArticleProfile

DISCREPANCY_COLUMNS = ["story", "kind", "topic", "values", "articles", "sentences", "note"]
CONSISTENCY_COLUMNS = ["article_id", "consistency", "checkable_facts", "agreeing_facts",
                       "disagreeing_facts"]


def _describe(row: pd.Series) -> str:
    """A quantity as a reader says it: '1,000 miles', '35 (municipal deputies)'."""
    text = str(row["text"])
    counts = row.get("counts")
    if isinstance(counts, str) and counts and counts.lower() not in text.lower():
        return f"{text} ({counts})"
    return text


def _head(fact: pd.Series) -> str | None:
    """The head noun of what a quantity counts ("municipal deputy" → "deputy"), if known."""
    key = fact["key"] if isinstance(fact["counts"], str) and fact["counts"] else None
    return str(key).split()[-1] if key else None


def _unit(fact: pd.Series) -> str | None:
    unit = fact["unit"]
    return unit if isinstance(unit, str) else None


def _outcome(fx: pd.Series, fy: pd.Series) -> str:
    """agree, unit drift, different things (counts of other nouns), or disagree.

    A bound or an approximation that allows the other figure agrees with it:
    "might exceed $3 million" and "$3.5 million" can both be true.
    """
    if float(fx["value"]) == float(fy["value"]):
        return "agree" if fx["unit"] == fy["unit"] else "unit drift"
    hx, hy = _head(fx), _head(fy)
    if hx and hy and hx != hy:
        return "different things"
    lx, ux = value_interval(str(fx["text"]), float(fx["value"]))
    ly, uy = value_interval(str(fy["text"]), float(fy["value"]))
    if _unit(fx) == _unit(fy) and max(lx, ly) <= min(ux, uy):
        return "agree"
    return "disagree"


def compare_quantities(
    facts: pd.DataFrame,
    stories: Mapping[str, str],
    profiles: Mapping[str, ArticleProfile],
    derived_from: Mapping[str, set[str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Comparable quantity pairs across articles of a story, and each quantity's verdict.

    Returns ``(matches, verdicts)``: ``matches`` has one row per comparable pair
    of facts (by row label of ``facts``) with ``outcome`` ``agree``,
    ``unit drift`` or ``disagree``; ``verdicts`` maps each quantity's row label
    to ``agrees``, ``disagrees`` or ``unchecked``. ``derived_from`` maps an
    article to the originals it was copied or spun from: where such a pair
    differs, the change is the derived article's doing, so only its fact
    counts as disagreeing.

    Only quantities of one story and one dimension can match, so the search
    runs per such group, with the sentence similarities of a group computed
    as one matrix product (in row blocks): a story covered by a thousand
    outlets has tens of thousands of quantities.
    """
    derived_from = derived_from or {}
    qty = facts[(facts["kind"] == "quantity") & facts["value"].notna()]
    qty = qty[qty["article_id"].isin(stories)]
    labels = list(qty.index)
    rows: list[tuple[int, int, dict]] = []
    if labels:
        article = qty["article_id"].to_numpy(dtype=object)
        story = np.array([stories[a] for a in article], dtype=object)
        heads = [_head(qty.loc[x]) for x in labels]
        vectors = np.stack([profiles[a].embeddings[int(i)]
                            for a, i in zip(article, qty["sentence_index"], strict=True)])
        # A quantity of unknown dimension (None) is comparable with another such; NaN never is.
        dimension = ["\0unknown" if d is None else d for d in qty["dimension"]]
        groups = pd.DataFrame({"story": story, "dimension": dimension})
        for _, members in groups.groupby(["story", "dimension"], sort=False).indices.items():
            rows += _group_matches(np.asarray(members), vectors, article, heads)
    rows.sort(key=lambda r: (r[0], r[1]))
    matches = pd.DataFrame([_match_row(qty, labels, i, j, context, story, derived_from)
                            for i, j, context in rows],
                           columns=["x", "y", "story", "outcome", "context", "at_fault"])
    return matches, _verdicts(labels, matches)


def _group_matches(members: np.ndarray, vectors: np.ndarray, article: np.ndarray,
                   heads: list[str | None], block: int = 2048) -> list[tuple[int, int, float]]:
    """Positions ``(i < j)`` of comparable quantities within one story-and-dimension group."""
    labelled = np.array([heads[m] is not None for m in members])
    found = []
    for start in range(0, len(members), block):
        rows = members[start:start + block]
        sims = vectors[rows] @ vectors[members].T
        both = labelled[start:start + block, None] & labelled[None, :]
        needed = np.where(both, FACT_CONTEXT_SIMILARITY, FACT_CONTEXT_SIMILARITY_UNLABELLED)
        later = members[None, :] > rows[:, None]
        other = article[rows][:, None] != article[members][None, :]
        for r, c in zip(*np.nonzero((sims >= needed) & later & other), strict=True):
            found.append((int(rows[r]), int(members[c]), float(sims[r, c])))
    return found


def _match_row(qty: pd.DataFrame, labels: list, i: int, j: int, context: float, story: np.ndarray,
               derived_from: Mapping[str, set[str]]) -> dict:
    x, y = labels[i], labels[j]
    fx, fy = qty.loc[x], qty.loc[y]
    ax, ay = fx["article_id"], fy["article_id"]
    at_fault = {x, y}
    if ay in derived_from.get(ax, ()):
        at_fault = {x}
    elif ax in derived_from.get(ay, ()):
        at_fault = {y}
    return {"x": x, "y": y, "story": story[i], "outcome": _outcome(fx, fy),
            "context": round(context, 3), "at_fault": at_fault}


def _verdicts(labels: list, matches: pd.DataFrame) -> pd.Series:
    """Each quantity's verdict: agrees with someone, only disagrees where blamed, or unchecked.

    An agreement counts for both sides; a disagreement only for the side at
    fault; "different things" counts for neither.
    """
    agrees: set = set()
    counted: set = set()
    for x, y, outcome, at_fault in zip(matches["x"], matches["y"], matches["outcome"],
                                       matches["at_fault"], strict=True):
        if outcome == "different things":
            continue
        for label in (x, y):
            if outcome == "agree":
                agrees.add(label)
                counted.add(label)
            elif label in at_fault:
                counted.add(label)
    verdicts = {label: "agrees" if label in agrees else "disagrees" if label in counted else "unchecked"
                for label in labels}
    return pd.Series(verdicts, dtype=object)


def quantity_discrepancies(facts: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """One row per topic where comparable quantities differ in value or unit."""
    labels = sorted(set(matches["x"]) | set(matches["y"]))
    position = {label: k for k, label in enumerate(labels)}
    links = [(position[x], position[y]) for x, y in zip(matches["x"], matches["y"], strict=True)]
    rows = []
    for group in connected_groups(len(labels), links):
        members = [labels[k] for k in group]
        sub = matches[matches["x"].isin(members)]
        outcomes = set(sub["outcome"])
        if outcomes <= {"agree"}:
            continue
        group = facts.loc[sorted(members)].sort_values(["article_id", "sentence_index"])
        dims = sorted(set(group["dimension"].dropna()))
        counted = sorted({c for c in group["counts"] if isinstance(c, str) and c})
        values: dict[str, list[str]] = {}
        sentences: dict[str, list[str]] = {}
        for _, f in group.iterrows():
            values.setdefault(f["article_id"], []).append(_describe(f))
            if f["sentence"] not in sentences.get(f["article_id"], []):
                sentences.setdefault(f["article_id"], []).append(f["sentence"])
        kind = "unit drift" if "unit drift" in outcomes else "disagreement"
        note = ""
        if kind == "unit drift":
            units = sorted({str(u) for u in group["unit"] if isinstance(u, str)})
            note = f"same number, different unit ({' vs '.join(units)})"
        elif len(counted) > 1:
            note = (f"counts of different things ({' vs '.join(counted)}); "
                    "partly different moments or units, not all contradictions")
        rows.append({
            "story": sub["story"].iloc[0], "kind": kind,
            "topic": counted[0] if len(counted) == 1 else f"{', '.join(dims)} quantities",
            "values": values, "articles": sorted(values), "sentences": sentences, "note": note,
        })
    return pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS)


def spelling_discrepancies(facts: pd.DataFrame, stories: Mapping[str, str]) -> pd.DataFrame:
    """People whose name appears under several spellings within one story."""
    people = facts[(facts["kind"] == "person") & facts["article_id"].isin(stories)]
    rows = []
    for (story, key), group in people.groupby(
        [people["article_id"].map(stories), "key"], sort=True
    ):
        spellings = {}
        sentences = {}
        for _, f in group.sort_values(["article_id", "sentence_index"]).iterrows():
            spellings.setdefault(f["article_id"], [])
            if f["text"] not in spellings[f["article_id"]]:
                spellings[f["article_id"]].append(f["text"])
                sentences.setdefault(f["article_id"], []).append(f["sentence"])
        surnames = {clean_name(s).split()[-1] for forms in spellings.values() for s in forms}
        if len({n.casefold() for n in surnames}) < 2:
            continue
        rows.append({
            "story": story, "kind": "spelling", "topic": key, "values": spellings,
            "articles": sorted(spellings), "sentences": sentences,
            "note": f"one person, {len(surnames)} spellings: " + " / ".join(sorted(surnames)),
        })
    return pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS)


def consistency_scores(facts: pd.DataFrame, verdicts: pd.Series,
                       article_ids: list[str]) -> pd.DataFrame:
    """Consistency (0–100, or NaN with nothing checkable) per article."""
    quantities = facts[facts["kind"] == "quantity"]
    judged = pd.DataFrame({"article_id": quantities["article_id"],
                           "verdict": verdicts.reindex(quantities.index)}).dropna()
    by_article = judged.groupby("article_id")["verdict"]
    n_checkable = by_article.agg(lambda v: int((v != "unchecked").sum())).to_dict()
    n_agreeing = by_article.agg(lambda v: int((v == "agrees").sum())).to_dict()
    rows = []
    for article_id in sorted(article_ids):
        checkable = n_checkable.get(article_id, 0)
        agreeing = n_agreeing.get(article_id, 0)
        rows.append({
            "article_id": article_id,
            "consistency": round(100.0 * agreeing / checkable, 2) if checkable else np.nan,
            "checkable_facts": checkable, "agreeing_facts": agreeing,
            "disagreeing_facts": checkable - agreeing,
        })
    return pd.DataFrame(rows, columns=CONSISTENCY_COLUMNS)
