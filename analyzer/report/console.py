"""The tables of ``analyzer analyze`` for a terminal: 100 columns, plain words, derived pairs first.

A journalist reads the terminal output before any file: it leads with who
copied or spun whom, says "the text does not tell" where the direction is
unknown, shows a missing value as a dash (never ``NaN`` or ``None``), and
cuts long lists with the count of what is left and where to find it. Every
cell is clipped to its column, so no line passes :data:`WIDTH`. The caller
makes the result terminal-safe (:func:`analyzer.report.plain.terminal_safe`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.verdicts import DERIVED

#: Widest line written.
WIDTH = 100

#: Rows of the other (not derived) pairs and of the articles shown before "N more".
OTHER_PAIRS_SHOWN = 10
ROWS_SHOWN = 40

_RELATION_WORDS = {"copy": "copy", "spun": "spun", "same_story": "same story", "unrelated": "unrelated"}


@dataclass(frozen=True)
class Column:
    """A column: its header, its width in characters, and whether figures align right."""

    header: str
    width: int
    right: bool = False


def blank(value: Any) -> bool:
    """Whether a cell has no value (None, NaN, an empty string or list)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str | list | tuple) and not len(value)


def cell(value: Any, digits: int = 0) -> str:
    """A value in plain words: a dash for nothing, figures rounded, lists joined."""
    if blank(value):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _fit(text: str, column: Column) -> str:
    text = " ".join(text.split())
    if len(text) > column.width:
        text = text[: column.width - 1] + "…"
    return text.rjust(column.width) if column.right else text.ljust(column.width)


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a fixed-width table: a header, then one line per row, each clipped to its column."""
    lines = [" ".join(_fit(c.header, c) for c in columns).rstrip()]
    lines += [" ".join(_fit(v, c) for v, c in zip(row, columns, strict=True)).rstrip() for row in rows]
    return lines


def _more(total: int, shown: int, where: str) -> list[str]:
    return [f"  ({total - shown} more; {where})"] if total > shown else []


def _outlet(source: Any) -> str:
    text = cell(source)
    return "unnamed" if text.startswith("unnamed (") else text


def _articles(analysis: Any) -> list[str]:
    arts = analysis.articles
    columns = [Column("article", 22), Column("outlet", 22), Column("words", 6, True),
               Column("sentences", 9, True), Column("status", 37)]
    rows = []
    for r in arts.head(ROWS_SHOWN).itertuples():
        status = r.status if blank(getattr(r, "reason", None)) else f"{r.status}: {r.reason}"
        rows.append([r.id, _outlet(r.source), cell(r.n_words), cell(r.n_sentences), status])
    return ["Articles", *table(columns, rows), *_more(len(arts), len(rows), "--csv --table articles")]


def _derived(analysis: Any) -> list[str]:
    pairs = analysis.pairs
    derived = pairs[pairs["relation"].isin(DERIVED)].copy()
    if not len(derived):
        return ["Copied or spun pairs: none (every pair reads as independent reporting or unrelated)"]
    derived["sure"] = derived[["spin_probability", "p_copy"]].max(axis=1)
    derived = derived.sort_values(["sure", "a", "b"], ascending=[False, True, True])
    columns = [Column("verdict", 7), Column("sure", 4, True), Column("original", 22), Column("", 1),
               Column("derived", 22), Column("matched", 7, True), Column("5-grams", 7, True),
               Column("direction from", 23)]
    rows = []
    for p in derived.itertuples():
        original = p.original_id if isinstance(p.original_id, str) else None
        if original:
            copy_id = p.b if original == p.a else p.a
            first, arrow, second = original, "→", copy_id
            basis = _direction_basis(analysis, p)
        else:
            first, arrow, second = p.a, "–", p.b
            basis = "the text does not tell"
        rows.append([p.relation, f"{p.sure:.0%}", first, arrow, second, f"{p.coverage_min:.0%}",
                     f"{p.shingle5_containment_max:.0%}", basis])
    return [f"Copied or spun pairs ({len(derived)}); matched: the weaker side's sentences with a "
            "same-meaning match", *table(columns, rows)]


def _direction_basis(analysis: Any, pair: Any) -> str:
    from analyzer.report.summary import direction_basis

    basis = direction_basis(analysis.pair(pair.a, pair.b))
    return basis.removeprefix("its ").replace("the other text carrying one of its passages twice, "
                                              "reworded each time", "a doubled passage")


def _others(analysis: Any) -> list[str]:
    pairs = analysis.pairs
    others = pairs[~pairs["relation"].isin(DERIVED)].sort_values(
        ["coverage_min", "a", "b"], ascending=[False, True, True])
    if not len(others):
        return []
    columns = [Column("verdict", 10), Column("article", 22), Column("article", 22),
               Column("matched", 7, True), Column("5-grams", 7, True), Column("meaning", 7, True)]
    rows = [[_RELATION_WORDS.get(p.relation, p.relation), p.a, p.b, f"{p.coverage_min:.0%}",
             f"{p.shingle5_containment_max:.0%}", f"{p.doc_cosine:.2f}"]
            for p in others.head(OTHER_PAIRS_SHOWN).itertuples()]
    return [f"Other pairs ({len(others)}), closest first", *table(columns, rows),
            *_more(len(others), len(rows), "--csv --table pairs for every one")]


def _originality(analysis: Any) -> list[str]:
    ranking = analysis.originality_ranking()
    columns = [Column("article", 22), Column("outlet", 20), Column("original", 8, True),
               Column("attribution", 46)]
    rows = []
    for r in ranking.head(ROWS_SHOWN).itertuples():
        attribution = cell(r.attribution)
        if not blank(r.derived_from):
            attribution += f" (from {cell(r.derived_from)})"
        elif not blank(getattr(r, "shares_text_with", None)):
            attribution += f" (shares text with {cell(r.shares_text_with)})"
        rows.append([r.id, _outlet(r.source), cell(r.originality), attribution])
    return ["Originality, least original first (0-100)", *table(columns, rows),
            *_more(len(ranking), len(rows), "--csv --table articles")]


def _sources(analysis: Any) -> list[str]:
    sources = analysis.sources
    columns = [Column("source", 30), Column("articles", 8, True), Column("reliable", 8, True),
               Column("original", 8, True), Column("consistent", 10, True), Column("credits", 7, True),
               Column("wording", 7, True), Column("basis", 12)]
    rows = [[cell(s.source), cell(s.n_articles), cell(s.reliability), cell(s.originality),
             cell(s.consistency), cell(s.attribution), cell(s.text_quality),
             "one article" if s.n_articles == 1 else f"{s.n_articles} articles"]
            for s in sources.head(ROWS_SHOWN).itertuples()]
    return ["Sources: reliability is the weighted mean of the components (0-100; – no evidence)",
            *table(columns, rows), *_more(len(sources), len(rows), "--csv --table sources")]


def _discrepancies(analysis: Any) -> list[str]:
    disc = analysis.discrepancies
    if not len(disc):
        return []
    lines = [f"Fact discrepancies ({len(disc)})"]
    for row in disc.head(ROWS_SHOWN).itertuples():
        lines.append(_clip(f"  {row.kind}: {row.topic}" + (f" ({row.note})" if row.note else "")))
        for article_id, values in row.values.items():
            lines.append(_clip(f"      {article_id}: {'; '.join(map(str, values))}"))
    return lines + _more(len(disc), min(len(disc), ROWS_SHOWN), "--json for every one")


def _clip(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def format_analysis(analysis: Any) -> str:
    """The readable tables of ``analyzer analyze``: derived pairs, articles, other pairs, scores."""
    parts = [_derived(analysis), _articles(analysis), _others(analysis)]
    if len(analysis.sources):
        parts += [_originality(analysis), _sources(analysis), _discrepancies(analysis)]
    return "\n\n".join("\n".join(p) for p in parts if p) + "\n\n"
