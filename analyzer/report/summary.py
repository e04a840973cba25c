"""The report's opening: what the analysis found, in plain sentences.

Each sentence states one finding and names the articles by outlet and id, so
a reader can look the claim up further down (evidence, tables). The summary
stays about ten sentences at any size: the strongest few derived pairs are
told, the rest counted and left to the tables. A reliability claim says when
its basis is thin (one article, or an origin that is not among the inputs),
since a scraper whose source is missing reads as fully original. Sentences
are plain text; the HTML template escapes them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analyzer.verdicts import DERIVED

#: Attribution verdicts that count as dishonest (see README.md, "What the scores mean").
_DISHONEST = ("credits another outlet", "claims as own")

#: Derived pairs told one by one; the rest are counted.
PAIRS_TOLD = 3

#: Articles named in a list sentence before "and N more".
NAMES_TOLD = 3


def article_name(articles: pd.DataFrame, article_id: str) -> str:
    """``Newsweek (003_26342a6f18a9b02e)`` when the outlet is named, else ``article 003_...``."""
    rows = articles[articles["id"] == article_id]
    source = rows["source"].iloc[0] if len(rows) else None
    if isinstance(source, str) and source and not source.startswith("unnamed"):
        return f"{source} ({article_id})"
    return f"article {article_id}"


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _pair_sentence(analysis: Any, pair: Any) -> str:
    arts = analysis.articles
    result = analysis.pair(pair.a, pair.b)
    n_subs, n_facts = len(result.substitutions), len(result.fact_changes)
    changes = f"{n_subs} word or phrase substitution{'s' if n_subs != 1 else ''}"
    if n_facts:
        changes += f" and {n_facts} changed fact{'s' if n_facts != 1 else ''}"
    verb = "is a machine-spun rewrite of" if pair.relation == "spun" else "copies"
    prob = pair.spin_probability if pair.relation == "spun" else pair.p_copy
    kept = (f"{_pct(pair.coverage_min)} to {_pct(pair.coverage_max)} of the sentences on each side "
            f"have a same-meaning match in the other, yet only {_pct(pair.shingle5_containment_max)} "
            "of five-word sequences are shared")
    if pair.relation == "copy":
        kept = f"{_pct(pair.shingle5_containment_max)} of five-word sequences are shared"
    if isinstance(pair.original_id, str):
        derived = pair.b if pair.original_id == pair.a else pair.a
        return (f"{article_name(arts, derived)} {verb} {article_name(arts, pair.original_id)}: "
                f"{'a spin' if pair.relation == 'spun' else 'a copy'} with probability {_pct(prob)}, and "
                f"{article_name(arts, pair.original_id)} came first by {direction_basis(result)}; "
                f"{kept}; {changes}.")
    what = "a rewrite" if pair.relation == "spun" else "a copy"
    return (f"{article_name(arts, pair.a)} and {article_name(arts, pair.b)}: one is {what} of the other "
            f"(probability {_pct(prob)}); the text does not tell which came first; {changes}.")


def direction_basis(result: Any) -> str:
    """What named the original of a pair, in a few words (its dates, its credits, or the text)."""
    first = result.direction_reasons[0] if result.direction_reasons else ""
    if first.startswith("published first"):
        return "its earlier publication time"
    if "credits" in first:
        return "the credits"
    if "passage twice" in first:
        return "the other text carrying one of its passages twice, reworded each time"
    p_a = result.direction_probability
    sure = f" ({_pct(max(p_a, 1 - p_a))} sure)" if p_a is not None else ""
    return f"text evidence{sure}"


def _originality_sentences(analysis: Any) -> list[str]:
    ok = analysis.articles[analysis.articles["status"] == "ok"]
    if "originality" not in ok or not ok["originality"].notna().any():
        return []
    ranked = ok[ok["originality"].notna()].sort_values(["originality", "id"])
    low = ranked[ranked["originality"] < 100]
    if not len(low):
        return ["Every article is fully original: none takes its sentences from another."]
    names = [f"{article_name(ok, r.id)} ({r.originality:.0f} of 100)" for r in low.head(3).itertuples()]
    return [f"Least original: {', '.join(names)}. Originality is the share of an article's own "
            "sentences not taken from another article here."]


def _consistency_sentences(analysis: Any) -> list[str]:
    ok = analysis.articles[analysis.articles["status"] == "ok"]
    if "consistency" not in ok or not ok["consistency"].notna().any():
        return []
    scored = ok[ok["consistency"].notna()].sort_values(["consistency", "id"])
    worst = scored[scored["consistency"] < 100].head(3)
    if not len(worst):
        return ["Every figure checked agrees with the other reports of the same story."]
    parts = []
    for r in worst.itertuples():
        detail = ""
        if hasattr(r, "checkable_facts") and pd.notna(r.checkable_facts):
            detail = f", {int(r.disagreeing_facts)} of {int(r.checkable_facts)} checkable figures differ"
        parts.append(f"{article_name(ok, r.id)} ({r.consistency:.0f} of 100{detail})")
    return [f"Least consistent with the other reports: {'; '.join(parts)}."]


def _named(names: list[str], limit: int = NAMES_TOLD) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _attribution_sentences(analysis: Any) -> list[str]:
    ok = analysis.articles[analysis.articles["status"] == "ok"]
    if "attribution" not in ok:
        return []
    bad = ok[ok["attribution"].isin(_DISHONEST)].sort_values("id")
    if len(bad) == 1:
        r = next(bad.itertuples())
        return [f"{article_name(ok, r.id)}: {r.attribution} ({r.attribution_explanation})."]
    if len(bad):
        names = [f"{article_name(ok, r.id)} ({r.attribution})" for r in bad.itertuples()]
        return [f"{len(bad)} articles present another's text without crediting its origin: "
                f"{_named(names)}; the article table says whom each derives from."]
    return []


def _thin_basis(analysis: Any, source: str) -> list[str]:
    """Why a source's reliability rests on little: one article, or origins absent from the inputs."""
    arts = analysis.articles
    rows = arts[(arts["status"] == "ok") & (arts["source"] == source)]
    notes = ["one article" if len(rows) == 1 else ""]
    if "attribution" in rows and "credits" in rows:
        declared = rows[rows["attribution"] == "declares an origin"]
        origins = sorted({c for cs in declared["credits"] if isinstance(cs, list | tuple) for c in cs})
        if origins:
            notes.append(f"it says it took its text from {', '.join(origins[:2])}, which is not among "
                         "the inputs, so its originality cannot be checked")
    return [n for n in notes if n]


def _reliability_sentences(analysis: Any) -> list[str]:
    sources = analysis.sources
    if not len(sources) or not sources["reliability"].notna().any():
        return []
    ranked = sources[sources["reliability"].notna()].sort_values(["reliability", "source"])
    low, high = ranked["reliability"].iloc[0], ranked["reliability"].iloc[-1]
    if low == high:
        return [f"All sources score the same reliability ({low:.0f} of 100)."]
    lowest = ranked[ranked["reliability"] == low]["source"].tolist()
    top = ranked[ranked["reliability"] == high]["source"].tolist()

    def qualified(names: list[str], score: float) -> str:
        thin = {name: _thin_basis(analysis, name) for name in names[:NAMES_TOLD]}
        single = all("one article" in notes for notes in thin.values())
        parts = []
        for name, notes in thin.items():
            rest = [n for n in notes if n != "one article" or not single]
            parts.append(f"{name} ({'; '.join(rest)})" if rest else name)
        more = f" and {len(names) - NAMES_TOLD} more" if len(names) > NAMES_TOLD else ""
        basis = ("" if not single else ", on one article" if len(thin) == 1 else ", each on one article")
        return f"{', '.join(parts)}{more} ({score:.0f} of 100{basis})"

    return [f"Least reliable source: {qualified(lowest, low)}; most reliable: {qualified(top, high)}. "
            "Reliability weighs originality, consistency, honest attribution and text quality, and can "
            "see copying only from articles among the inputs."]


def _discrepancy_sentences(analysis: Any) -> list[str]:
    disc = analysis.discrepancies
    if not len(disc):
        return []
    counts = disc["kind"].value_counts()
    kinds = ", ".join(f"{n} {kind}{'s' if n != 1 and not kind.endswith('t') else ''}"
                      for kind, n in counts.items())
    sentence = f"{len(disc)} fact discrepanc{'ies' if len(disc) != 1 else 'y'} between reports ({kinds})"
    drift = disc[disc["kind"] == "unit drift"]
    if len(drift):
        row = drift.iloc[0]
        sentence += f"; for example {row['topic']}: {row['note']}"
    return [sentence + "."]


def _ranked_derived(pairs: pd.DataFrame) -> pd.DataFrame:
    """Derived pairs, the ones to tell first: a known original before an unknown one, then surest."""
    derived = pairs[pairs["relation"].isin(DERIVED)].copy()
    derived["_sure"] = derived[["spin_probability", "p_copy"]].max(axis=1)
    derived["_directed"] = derived["original_id"].map(lambda v: isinstance(v, str))
    return derived.sort_values(["_directed", "_sure", "a", "b"], ascending=[False, False, True, True])


def summary_sentences(analysis: Any) -> list[str]:
    """The findings of ``analysis`` as plain sentences, most important first."""
    arts = analysis.articles
    n_ok = int((arts["status"] == "ok").sum())
    skipped = len(arts) - n_ok
    n_stories = len(analysis.stories) if len(analysis.stories) else None
    opening = f"{n_ok} article{'s' if n_ok != 1 else ''} analysed"
    if skipped:
        opening += f", {skipped} input{'s' if skipped != 1 else ''} skipped (see the article table)"
    opening += f"; {analysis.pairs_examined} of {analysis.pairs_total} pairs examined"
    if n_stories:
        opening += f"; {n_stories} stor{'ies' if n_stories != 1 else 'y'}"
    notes = list(getattr(analysis, "notes", ()))
    if notes:
        opening += f". {notes[0][:1].upper()}{notes[0][1:]}"
        if len(notes) > 1:
            plural = "s" if len(notes) > 2 else ""
            opening += f" (and {len(notes) - 1} more note{plural} under 'Method and limits')"
    sentences = [opening + "."]
    derived = _ranked_derived(analysis.pairs)
    if len(derived):
        sentences += [_pair_sentence(analysis, p) for p in derived.head(PAIRS_TOLD).itertuples()]
        if len(derived) > PAIRS_TOLD:
            rest = derived.iloc[PAIRS_TOLD:]
            n_spun = int((rest["relation"] == "spun").sum())
            sentences.append(f"{len(rest)} more derived pair{'s' if len(rest) != 1 else ''} "
                             f"({n_spun} spun, {len(rest) - n_spun} copied) are in the evidence "
                             "section and the pair table.")
    else:
        sentences.append("No article copies or spins another: every pair reads as independent "
                         "reporting or as unrelated.")
    sentences += _originality_sentences(analysis)
    sentences += _consistency_sentences(analysis)
    sentences += _attribution_sentences(analysis)
    sentences += _reliability_sentences(analysis)
    sentences += _discrepancy_sentences(analysis)
    return sentences
