"""Analysis of a set of articles: every input, every examined pair.

:func:`analyze` reads the inputs (paths or articles), profiles the usable
ones, runs the pair engine over all pairs (or, above ``ALL_PAIRS_LIMIT``
articles, over the candidates of :mod:`analyzer.pairs.candidates`) and returns an
:class:`Analysis` whose DataFrames are the public interface. Skipped inputs
stay in ``articles`` with their status and reason.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analyzer.article import Article
from analyzer.config import ALL_PAIRS_LIMIT, MAX_CANDIDATES_PER_ARTICLE
from analyzer.exceptions import InputError, NoArticlesError
from analyzer.ingest.read import read_inputs
from analyzer.pairs.candidates import candidate_pairs, capped_pairs
from analyzer.pairs.engine import Engine
from analyzer.pairs.evidence import PairEvidence, pair_evidence
from analyzer.pairs.identical import IdenticalGroups, group_identical, member_profiles
from analyzer.pairs.profile import ArticleProfile
from analyzer.pairs.result import PairResult
from analyzer.verdicts import DERIVED

#: Columns of :attr:`Analysis.pairs`.
PAIR_COLUMNS = [
    "a", "b", "relation", "spin_probability", "original", "original_id",
    "p_copy", "p_spun", "p_same_story", "p_unrelated",
    "coverage_min", "coverage_max", "link_similarity", "link_lexical",
    "shingle5_containment_max", "anchor_sequence", "ordered_share", "doc_cosine",
    "n_substitutions", "n_fact_changes",
]

#: Columns of :attr:`Analysis.articles`.
ARTICLE_COLUMNS = [
    "id", "title", "source", "published", "published_from", "url", "path", "status", "reason", "n_words",
    "n_sentences", "language", "encoding", "declared", "disguises", "warnings",
]

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def _no_progress(items: Iterable[Any], total: int, desc: str) -> Iterable[Any]:
    return items


@dataclass
class Analysis:
    """The result of :func:`analyze`.

    ``articles``: one row per input, analysed or skipped, with its story,
    source, originality, consistency and attribution verdict. ``pairs``: one
    row per examined pair. ``results`` maps ``(a, b)`` ids to the full
    :class:`PairResult` with its alignment and substitutions. ``sources``,
    ``stories``, ``facts``, ``discrepancies``, ``derived`` (the sentences each
    originality score rests on) and ``attribution`` come from
    :mod:`analyzer.scores`. ``pairs_examined``/``pairs_total`` say how far
    candidate pruning went; ``notes`` say what was compared once for many
    (identical inputs) or left out (candidates past the per-article cap).
    """

    articles: pd.DataFrame
    pairs: pd.DataFrame
    results: dict[tuple[str, str], PairResult] = field(repr=False)
    sources: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    stories: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    facts: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    discrepancies: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    derived: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    attribution: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    pairs_total: int = 0
    pairs_examined: int = 0
    notes: tuple[str, ...] = ()
    model: dict[str, Any] = field(default_factory=dict)

    def pair(self, a: str, b: str) -> PairResult:
        """The full result for the pair of ids ``a`` and ``b`` (either order)."""
        if (a, b) in self.results:
            return self.results[(a, b)]
        if (b, a) in self.results:
            return self.results[(b, a)]
        raise KeyError(f"pair ({a!r}, {b!r}) was not examined")

    def derived_pairs(self) -> pd.DataFrame:
        """Pairs judged copied or spun, most probable spins first."""
        mask = self.pairs["relation"].isin(DERIVED)
        return self.pairs[mask].sort_values("spin_probability", ascending=False)

    def originality_ranking(self) -> pd.DataFrame:
        """Analysed articles from least to most original."""
        ok = self.articles[self.articles["status"] == "ok"]
        cols = ["id", "source", "story", "originality", "derived_from", "shares_text_with", "attribution"]
        return ok.sort_values(["originality", "id"])[cols].reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready form; ``evidence`` holds the full result of every copied or spun pair.

        (Aligned sentences, substitutions, changed facts and reasons; for the
        other pairs ``pairs`` has the figures, since their alignments would
        make the file grow with every pair examined.)
        """
        derived = [r for r in self.results.values() if r.relation in DERIVED]
        return {
            "articles": self.articles.to_dict(orient="records"),
            "pairs": self.pairs.to_dict(orient="records"),
            "evidence": [r.to_dict() for r in derived],
            "sources": self.sources.to_dict(orient="records"),
            "stories": self.stories.to_dict(orient="records"),
            "discrepancies": self.discrepancies.to_dict(orient="records"),
            "facts": self.facts.to_dict(orient="records"),
            "pairs_total": self.pairs_total,
            "pairs_examined": self.pairs_examined,
            "notes": list(self.notes),
            "model": self.model,
        }

    def to_json(self, path: str | os.PathLike | None = None) -> str:
        """The analysis as JSON text (:meth:`to_dict`), also written to ``path`` when given."""
        text = json.dumps(self.to_dict(), indent=1, ensure_ascii=False, default=str) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_html(self, path: str | os.PathLike | None = None, title: str | None = None) -> str:
        """The charted report as one self-contained HTML page, also written to ``path`` when given."""
        from analyzer.report.html import render_html  # matplotlib loads only when a report is made

        page = render_html(self, title=title)
        if path is not None:
            Path(path).write_text(page, encoding="utf-8")
        return page

    def to_file(self, path: str | os.PathLike, title: str | None = None) -> Path:
        """Write the analysis as ``.json``, ``.html`` or ``.pdf``, chosen by the file's suffix."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".json":
            self.to_json(target)
        elif suffix in (".html", ".htm"):
            self.to_html(target, title=title)
        elif suffix == ".pdf":
            from analyzer.report.pdf import html_to_pdf

            html_to_pdf(self.to_html(title=title), target)
        else:
            raise InputError(f"{path}: cannot tell the format from the suffix {suffix!r}; "
                             "use .json, .html or .pdf")
        return target

    def _repr_html_(self) -> str:
        """Jupyter display: counts, provenance graph and compact tables (escaped)."""
        from analyzer.report.display import analysis_html

        return analysis_html(self)


def _article_row(article: Article, profile: ArticleProfile | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "published_from": article.published_from,
        "url": article.url,
        "path": article.path,
        "status": article.status,
        "reason": article.reason,
        "n_words": article.n_words,
        "n_sentences": len(profile.sentences) if profile else 0,
        "language": article.language,
        "encoding": article.encoding,
        "declared": "; ".join(article.attribution),
        "disguises": "; ".join(d.describe() for d in article.disguises),
        "warnings": "; ".join(article.warnings),
    }


def pair_row(result: PairResult) -> dict[str, Any]:
    """The summary row of :attr:`Analysis.pairs` for one result."""
    f = result.features
    return {
        "a": result.a_id,
        "b": result.b_id,
        "relation": result.relation,
        "spin_probability": result.spin_probability,
        "original": result.original,
        "original_id": result.original_id,
        **{f"p_{k}": v for k, v in result.probabilities.items()},
        **{k: f[k] for k in ("coverage_min", "coverage_max", "link_similarity", "link_lexical",
                             "shingle5_containment_max", "anchor_sequence", "ordered_share",
                             "doc_cosine")},
        "n_substitutions": result.n_substitutions,
        "n_fact_changes": result.n_fact_changes,
    }


def _with_scores(article_rows: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Article rows joined with their scores; the outlet they were scored under names the source."""
    per_article = scores.rename(columns={"article_id": "id", "source": "outlet"})
    rows = article_rows.merge(per_article, on="id", how="left")
    rows["source"] = rows.pop("outlet").fillna(rows["source"])
    return rows


def analyze(
    inputs: Sequence[str | os.PathLike | Article] | str | os.PathLike,
    *,
    engine: Engine | None = None,
    all_pairs_limit: int = ALL_PAIRS_LIMIT,
    progress: Progress | None = None,
    scores: bool = True,
    keep_evidence: bool = False,
) -> Analysis:
    """Analyse articles given as paths (files or folders) or :class:`Article` objects.

    Raises :class:`~analyzer.exceptions.NoArticlesError` when no input yields
    an article that can be analysed; inputs that cannot be used are kept in
    ``articles`` with status ``skipped``. ``scores=False`` skips the scoring
    stage (facts, consistency, sources) when only pair verdicts are wanted.
    Copied and spun pairs keep their aligned sentences, substitutions and
    fact changes; the others keep their verdict and figures only
    (:meth:`PairResult.without_evidence`), so memory grows with the corpus,
    not the pairs: ``keep_evidence=True`` keeps every pair's, and
    :func:`compare` always gives it.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    engine = engine or Engine()
    progress = progress or _no_progress
    articles = read_inputs(list(inputs))
    usable = [a for a in articles if a.ok]
    if not usable:
        described = ", ".join(f"{a.id}: {a.reason}" for a in articles[:5]) or "no input files"
        raise NoArticlesError(f"no article could be analysed ({described})")
    groups = group_identical(usable)
    reps = engine.profile([usable[i] for i in groups.representatives],
                          show_progress=progress is not _no_progress)
    profiles = member_profiles(usable, groups, reps)
    notes = groups.describe(usable)
    if len(reps) <= all_pairs_limit:
        index_pairs = list(itertools.combinations(range(len(reps)), 2))
    else:
        index_pairs, skipped = capped_pairs(candidate_pairs(reps), reps, MAX_CANDIDATES_PER_ARTICLE)
        if skipped:
            notes.append(f"{skipped} candidate pairs not examined: each article is compared with at most "
                         f"its {MAX_CANDIDATES_PER_ARTICLE} most similar candidates")
    results: dict[tuple[str, str], PairResult] = {}
    related: list[tuple[int, int, PairEvidence]] = []
    for i, j in progress(index_pairs, len(index_pairs), "comparing pairs"):
        evidence = pair_evidence(reps[i], reps[j])
        r = kept(engine.decide(reps[i], reps[j], evidence), keep_evidence)
        results[(r.a_id, r.b_id)] = r
        if r.relation != "unrelated" and (groups.members[i] or groups.members[j]):
            related.append((i, j, evidence))
    results.update({k: kept(r, keep_evidence)
                    for k, r in _shared_verdicts(engine, groups, reps, profiles, related).items()})
    return assemble_analysis(articles, profiles, results, engine, scores=scores,
                             pairs_examined=len(index_pairs) + sum(1 for m in groups.members if m),
                             notes=tuple(notes))


def kept(result: PairResult, keep_evidence: bool) -> PairResult:
    """``result`` as an analysis holds it: whole when derived (or asked), else without its evidence tables."""
    return result if keep_evidence or result.relation in DERIVED else result.without_evidence()


def _shared_verdicts(engine: Engine, groups: IdenticalGroups, reps: Sequence[ArticleProfile],
                     profiles: Sequence[ArticleProfile],
                     related: Sequence[tuple[int, int, PairEvidence]]) -> dict[tuple[str, str], PairResult]:
    """Verdicts of the inputs that repeat a representative's text, on evidence computed once."""
    out: dict[tuple[str, str], PairResult] = {}
    for rep, members in zip(reps, groups.members, strict=True):
        if members:
            evidence = pair_evidence(rep, profiles[members[0]])
            for m in members:
                r = engine.decide(rep, profiles[m], evidence)
                out[(r.a_id, r.b_id)] = r
    for i, j, evidence in related:
        for m in groups.members[i]:
            r = engine.decide(profiles[m], reps[j], evidence)
            out[(r.a_id, r.b_id)] = r
        for m in groups.members[j]:
            r = engine.decide(reps[i], profiles[m], evidence)
            out[(r.a_id, r.b_id)] = r
    return out


def assemble_analysis(
    articles: Sequence[Article],
    profiles: Sequence[ArticleProfile],
    results: dict[tuple[str, str], PairResult],
    engine: Engine,
    *,
    scores: bool = True,
    pairs_examined: int,
    notes: tuple[str, ...] = (),
) -> Analysis:
    """The :class:`Analysis` of examined pairs: tables, then the scores unless ``scores=False``.

    Shared by :func:`analyze` and :func:`analyzer.distributed.analyze_distributed`
    so both build their result the same way; ``results`` in examination order.
    """
    from analyzer.scores.corpus import ARTICLE_SCORE_COLUMNS, score_corpus

    by_id = {p.id: p for p in profiles}
    n = len(profiles)
    total = n * (n - 1) // 2
    pairs = pd.DataFrame([pair_row(r) for r in results.values()], columns=PAIR_COLUMNS)
    article_rows = pd.DataFrame(
        [_article_row(a, by_id.get(a.id)) for a in articles], columns=ARTICLE_COLUMNS
    )
    extra: dict[str, pd.DataFrame] = {}
    if scores:
        scored = score_corpus(profiles, list(results.values()), engine.facts)
        article_rows = _with_scores(article_rows, scored.articles)
        extra = {"sources": scored.sources, "stories": scored.stories, "facts": scored.facts,
                 "discrepancies": scored.discrepancies, "derived": scored.derived,
                 "attribution": scored.attribution}
    else:
        article_rows = article_rows.reindex(
            columns=ARTICLE_COLUMNS + [c for c in ARTICLE_SCORE_COLUMNS if c not in ("article_id", "source")])
    return Analysis(
        articles=article_rows,
        pairs=pairs,
        results=results,
        **extra,
        pairs_total=total,
        pairs_examined=pairs_examined,
        notes=notes,
        model={"embedding": engine.encoder.name, "embedding_version": engine.encoder.version,
               **engine.model.metadata.get("summary", {})},
    )
