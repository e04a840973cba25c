"""The scoring stage: from pair verdicts to article and source scores.

Reads top to bottom: stories from the verdicts, originality from the derived
sentences, facts and their consistency within each story, attribution from
the declared credits, then the source composite. Every table it returns keeps
the evidence next to the number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analyzer.facts.extract import FactExtractor
from analyzer.pairs.identical import group_identical
from analyzer.pairs.profile import ArticleProfile
from analyzer.pairs.result import PairResult, origins_of
from analyzer.scores.attribution import HONEST, attribution_table
from analyzer.scores.consistency import (
    compare_quantities,
    consistency_scores,
    quantity_discrepancies,
    spelling_discrepancies,
)
from analyzer.scores.originality import derived_sentences, originality_scores, undirected_partners
from analyzer.scores.reliability import source_table, text_quality_scores
from analyzer.scores.stories import group_stories, story_table

ARTICLE_SCORE_COLUMNS = [
    "article_id", "story", "source", "originality", "consistency", "attribution", "text_quality",
    "derived_from", "shares_text_with", "checkable_facts", "disagreeing_facts", "attribution_explanation",
]


@dataclass(frozen=True)
class CorpusScores:
    """Scores and their evidence for one analysed corpus."""

    articles: pd.DataFrame
    sources: pd.DataFrame
    stories: pd.DataFrame
    facts: pd.DataFrame
    discrepancies: pd.DataFrame
    derived: pd.DataFrame
    attribution: pd.DataFrame


def source_name(profile: ArticleProfile) -> str:
    """The outlet to score an article under; unnamed outlets stay apart, one per article."""
    return profile.article.outlet or f"unnamed ({profile.id})"


def _with_members(stories: dict[str, str], rep_of: Mapping[str, str]) -> dict[str, str]:
    """Representatives' stories extended to the inputs repeating their text, named after the smallest id."""
    stories = {**stories, **{m: stories[rep] for m, rep in rep_of.items()}}
    smallest: dict[str, str] = {}
    for article_id, story in stories.items():
        smallest[story] = min(smallest.get(story, article_id), article_id)
    return {a: f"story:{smallest[s]}" for a, s in stories.items()}


def _member_facts(facts: pd.DataFrame, rep_of: Mapping[str, str]) -> pd.DataFrame:
    """The facts table with every repeating input given its representative's facts, in article order."""
    if not rep_of:
        return facts
    by_article = dict(tuple(facts.groupby("article_id", sort=False)))
    copies = [by_article[rep].assign(article_id=member)
              for member, rep in rep_of.items() if rep in by_article]
    merged = pd.concat([facts, *copies], ignore_index=True)
    return merged.sort_values(["article_id", "sentence_index"], kind="stable", ignore_index=True)


def score_corpus(
    profiles: Sequence[ArticleProfile],
    results: Sequence[PairResult],
    extractor: FactExtractor,
) -> CorpusScores:
    """Score every profiled article and every source."""
    by_id: Mapping[str, ArticleProfile] = {p.id: p for p in profiles}
    ids = sorted(by_id)
    # Inputs with one text are one article to stories and facts (analyze compared them once).
    groups = group_identical([p.article for p in profiles])
    rep_of = {profiles[m].id: profiles[rep].id
              for rep, members in zip(groups.representatives, groups.members, strict=True) for m in members}
    same_story = {(r.a_id, r.b_id): 1.0 - r.probabilities["unrelated"] for r in results
                  if r.a_id not in rep_of and r.b_id not in rep_of}
    stories = _with_members(group_stories([i for i in ids if i not in rep_of], same_story), rep_of)

    derived = derived_sentences(results, by_id)
    originality = originality_scores(by_id, derived)

    # Per story: name resolution looks at the whole batch, and one story's facts
    # must not change when an unrelated article joins the corpus.
    members: dict[str, list[str]] = {}
    for article_id in ids:
        members.setdefault(stories[article_id], []).append(article_id)
    facts = pd.concat(
        [extractor.extract_many([by_id[i].article for i in group if i not in rep_of],
                                [by_id[i].sentences for i in group if i not in rep_of])
         for _, group in sorted(members.items())],
        ignore_index=True,
    )
    distinct = [r for r in results if r.a_id not in rep_of and r.b_id not in rep_of]
    matches, verdicts = compare_quantities(facts, stories, by_id, origins_of(distinct))
    facts = facts.assign(verdict=verdicts.reindex(facts.index))
    discrepancies = pd.concat(
        [quantity_discrepancies(facts, matches), spelling_discrepancies(facts, stories)],
        ignore_index=True,
    ).sort_values(["story", "kind", "topic"], ignore_index=True)
    facts = _member_facts(facts, rep_of)
    consistency = consistency_scores(facts, facts["verdict"], ids)

    attribution = attribution_table({i: by_id[i].article for i in ids}, results)
    quality = text_quality_scores(results, ids)

    table = (
        originality.merge(consistency, on="article_id")
        .merge(attribution[["article_id", "verdict", "explanation"]], on="article_id")
        .rename(columns={"verdict": "attribution", "explanation": "attribution_explanation"})
    )
    table["story"] = table["article_id"].map(stories)
    table["source"] = table["article_id"].map(lambda i: source_name(by_id[i]))
    table["text_quality"] = table["article_id"].map(quality)
    undirected = undirected_partners(results)
    table["shares_text_with"] = table["article_id"].map(lambda i: undirected.get(i, []))
    table = table[ARTICLE_SCORE_COLUMNS].sort_values("article_id", ignore_index=True)

    components = table.assign(attribution=table["attribution"].map(HONEST) * 100.0)
    sources = source_table(components)
    return CorpusScores(
        articles=table,
        sources=sources,
        stories=story_table(stories, {i: by_id[i].article.title for i in ids}),
        facts=facts,
        discrepancies=discrepancies,
        derived=derived,
        attribution=attribution,
    )
