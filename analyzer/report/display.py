"""Rich display in Jupyter: the HTML behind ``PairResult._repr_html_`` and ``Analysis._repr_html_``.

A result shows its verdict, a few compact tables and its key chart inline as
SVG (the alignment map for a pair, the provenance graph for an analysis); the
full data stay in the objects' DataFrames. Tables are cut to ``max_rows``
rows and long cells to :data:`CELL_CHARS` characters, so a corpus of
thousands of articles still displays in a screenful.

Article text, titles and sources are untrusted. The page is a Jinja2
template with autoescape on; tables come from ``DataFrame.to_html(escape=True)``;
the pair evidence from :func:`analyzer.report.evidence.pair_evidence_html`
escapes every piece of text; and the charts draw their labels as paths
(:mod:`analyzer.report.charts`), so no article text reaches the HTML as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from analyzer.report.charts import alignment_map, figure_to_svg, provenance_graph
from analyzer.report.evidence import EVIDENCE_CSS, pair_evidence_html

#: Rows shown per table (the DataFrames hold them all).
MAX_ROWS = 10

#: Longest text shown in a table cell before it is cut with an ellipsis.
CELL_CHARS = 80

#: Columns of the article and pair tables in an analysis' display.
ARTICLE_COLUMNS = ["id", "source", "title", "originality", "derived_from", "shares_text_with", "attribution"]
PAIR_COLUMNS = ["a", "b", "relation", "spin_probability", "original_id", "n_substitutions"]
SOURCE_COLUMNS = ["source", "n_articles", "reliability", "originality", "consistency", "attribution"]

_CSS = """
.analyzer-display { font-size: 0.92em; max-width: 980px; }
.analyzer-display h3 { margin: 4px 0 6px; font-size: 1.1em; }
.analyzer-display h4 { margin: 10px 0 4px; font-size: 1em; }
.analyzer-display table.compact { border-collapse: collapse; margin: 2px 0; }
.analyzer-display table.compact th, .analyzer-display table.compact td {
  padding: 2px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; }
.analyzer-display .note { color: #555; font-size: 0.88em; margin: 2px 0 6px; }
.analyzer-display .chart svg { max-width: 640px; height: auto; }
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                          lstrip_blocks=True)

_PAIR = _ENV.from_string("""
<div class="analyzer-display analyzer-pair">
<style>{{ css }}</style>
<h3><code>{{ r.a_id }}</code> and <code>{{ r.b_id }}</code>: {{ r.relation }}</h3>
<p>Spin probability <b>{{ "%.2f"|format(r.spin_probability) }}</b>.
{% if r.original_id %}
Original: <code>{{ r.original_id }}</code>{% if sure is not none %}
 ({{ "%.0f"|format(100 * sure) }}% sure of the direction){% endif %}.
{% else %}
Original: the text does not tell which came first.
{% endif %}
</p>
{{ probabilities }}
{% if reasons %}
<h4>Why</h4>
<ul>{% for reason in reasons %}<li>{{ reason }}</li>{% endfor %}</ul>
{% endif %}
<div class="chart">{{ chart }}</div>
<h4>Evidence</h4>
{{ evidence }}
</div>
""")

_ANALYSIS = _ENV.from_string("""
<div class="analyzer-display analyzer-analysis">
<style>{{ css }}</style>
<h3>Analysis of {{ n_ok }} article{{ "" if n_ok == 1 else "s" }}</h3>
<p class="note">{{ n_skipped }} input{{ "" if n_skipped == 1 else "s" }} skipped;
{{ a.pairs_examined }} of {{ a.pairs_total }} pairs examined; {{ n_derived }} copied or spun.</p>
<div class="chart">{{ chart }}</div>
<h4>Articles, least original first</h4>
{{ articles }}
<h4>Copied or spun pairs</h4>
{{ pairs }}
<h4>Sources</h4>
{{ sources }}
{% if skipped %}
<h4>Skipped inputs</h4>
{{ skipped }}
{% endif %}
</div>
""")


def _clip(value: object, width: int = CELL_CHARS) -> object:
    if isinstance(value, list | tuple):
        value = ", ".join(map(str, value))
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def _number_formats(df: pd.DataFrame) -> dict[str, Callable[[float], str]]:
    """Scores on 0-100 with no decimals, probabilities and similarities (0-1) with two."""
    formats = {}
    for column in df.select_dtypes("float").columns:
        wide = df[column].abs().max() > 1.0
        formats[column] = (lambda x: f"{x:.0f}") if wide else (lambda x: f"{x:.2f}")
    return formats


def compact_table(df: pd.DataFrame, columns: list[str] | None = None, max_rows: int = MAX_ROWS) -> Markup:
    """At most ``max_rows`` rows of ``df`` as an escaped HTML table, long cells cut.

    Missing ``columns`` are left out; a note says how many rows were not shown.
    """
    if columns is not None:
        df = df[[c for c in columns if c in df.columns]]
    if df.empty:
        return Markup('<p class="note">None.</p>')
    shown = df.head(max_rows).map(_clip)
    html = shown.to_html(escape=True, index=False, border=0, classes="compact", na_rep="",
                         formatters=_number_formats(shown))
    more = len(df) - len(shown)
    note = Markup('<p class="note">… and {} more rows.</p>').format(more) if more > 0 else Markup("")
    return Markup(html) + note


def _svg(fig: object) -> Markup:
    # figure_to_svg draws every label as a path, so the SVG holds no article text.
    return Markup(figure_to_svg(fig))


def pair_result_html(result: Any, max_rows: int = MAX_ROWS) -> str:
    """HTML for one pair: verdict, class probabilities, reasons, alignment map, aligned sentences."""
    probabilities = pd.DataFrame([result.probabilities]).rename(index={0: "probability"})
    # direction_probability is P(a is the original); say how sure the named original is.
    p_a = result.direction_probability
    sure = None if p_a is None or result.original is None else (p_a if result.original == "a" else 1 - p_a)
    if getattr(result, "evidence_kept", True):
        chart, evidence = _svg(alignment_map(result)), pair_evidence_html(result, max_rows=max_rows)
    else:
        chart, evidence = Markup(""), Markup(
            '<p class="note">{} aligned sentence pairs; an analysis keeps the sentences of copied or '
            "spun pairs only (<code>analyze(..., keep_evidence=True)</code> keeps every pair's, and "
            "<code>analyzer.compare</code> always shows them).</p>").format(result.n_aligned)
    return _PAIR.render(
        sure=sure,
        css=Markup(_CSS + EVIDENCE_CSS), r=result,
        probabilities=Markup(probabilities.to_html(escape=True, border=0, classes="compact",
                                                   float_format=lambda x: f"{x:.2f}")),
        reasons=[*result.reasons, *result.direction_reasons],
        chart=chart,
        evidence=evidence,
    )


def analysis_html(analysis: Any, max_rows: int = MAX_ROWS) -> str:
    """HTML for an analysis: counts, provenance graph, and the top rows of its main tables."""
    arts = analysis.articles
    ok = arts[arts["status"] == "ok"]
    if "originality" in ok.columns:
        ok = ok.sort_values(["originality", "id"], na_position="last")
    skipped = arts[arts["status"] != "ok"]
    derived = analysis.derived_pairs() if len(analysis.pairs) else analysis.pairs
    sources = analysis.sources
    if "reliability" in sources.columns:
        sources = sources.sort_values("reliability", ascending=False)
    return _ANALYSIS.render(
        css=Markup(_CSS), a=analysis, n_ok=len(ok), n_skipped=len(skipped), n_derived=len(derived),
        chart=_svg(provenance_graph(analysis)),
        articles=compact_table(ok, ARTICLE_COLUMNS, max_rows),
        pairs=compact_table(derived, PAIR_COLUMNS, max_rows),
        sources=compact_table(sources, SOURCE_COLUMNS, max_rows),
        skipped=compact_table(skipped, ["id", "path", "reason"], max_rows) if len(skipped) else None,
    )
