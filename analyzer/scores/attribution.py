"""Attribution: whether an article credits where its text came from.

Ingest records what each page says about its origin (``publisher:``,
``origin:``, ``self:`` entries, see :mod:`analyzer.ingest.boilerplate`); the pair
engine says which articles are derived from which. Together they give one
verdict per article:

``original``                 nothing in the corpus it derives from;
``credits origin``           derived, and credits the outlet it derives from;
``credits another outlet``   derived, but credits (or names as its source) an outlet
                             that is not its origin;
``claims as own``            derived, and credits nobody;
``declares an origin``       not derived from anything in the corpus, but says it
                             was taken from an outlet outside it;
``direction unknown``        shares text with another article, but which came first
                             cannot be told: neither credit nor blame.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analyzer.article import Article
from analyzer.pairs.result import PairResult, origins_of
from analyzer.scores.originality import undirected_partners

ATTRIBUTION_COLUMNS = ["article_id", "outlet", "credits", "derived_from", "origin_outlet", "verdict",
                       "explanation"]
HONEST = {"original": 1.0, "credits origin": 1.0, "declares an origin": 1.0,
          "credits another outlet": 0.0, "claims as own": 0.0, "direction unknown": float("nan")}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() == b.casefold())


def attribution_table(articles: Mapping[str, Article], results: Iterable[PairResult]) -> pd.DataFrame:
    """One verdict per article on whether it credits its true origin."""
    results = list(results)
    origins = origins_of(results)
    undirected = undirected_partners(results)
    rows = []
    for article_id in sorted(articles):
        art = articles[article_id]
        credited = art.declared("origin")
        named = credited + art.declared("publisher")  # "Source: X" credits X too
        sources = sorted(origins.get(article_id, set()))
        source_outlets = [articles[s].outlet for s in sources]
        if sources:
            labels = ", ".join(f"{o or 'outlet unknown'} ({s})" for s, o in
                               zip(sources, source_outlets, strict=True))
            if any(_same(c, o) for c in credited for o in source_outlets):
                verdict, why = "credits origin", f"derived from {labels} and credits it"
            elif named:
                verdict = "credits another outlet"
                why = f"derived from {labels} but credits {', '.join(named)}"
            else:
                verdict, why = "claims as own", f"derived from {labels} and credits nobody"
        elif credited:
            verdict, why = "declares an origin", f"says it was taken from {', '.join(credited)}"
        elif article_id in undirected:
            verdict = "direction unknown"
            why = (f"shares text with {', '.join(undirected[article_id])}; which came first cannot be "
                   "told, so it is neither credited nor blamed")
        else:
            verdict, why = "original", "no article in the corpus it derives from"
        rows.append({
            "article_id": article_id, "outlet": art.outlet, "credits": named,
            "derived_from": sources, "origin_outlet": next((o for o in source_outlets if o), None),
            "verdict": verdict, "explanation": why,
        })
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
