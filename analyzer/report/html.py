"""The report as one self-contained HTML page (Jinja2, autoescape on).

Styles and charts are inline (charts as SVG with their text drawn as paths),
and the page loads nothing: no link, no script, no URL. Every value from the
articles goes through the template's autoescaping or through
:mod:`analyzer.report.evidence`, which escapes each piece itself; the only
markup passed in unescaped is the SVG made by :mod:`analyzer.report.charts`
and the stylesheet shipped with the package.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from analyzer.__version__ import __version__
from analyzer.report import charts as ch
from analyzer.report import method
from analyzer.report.evidence import EVIDENCE_CSS, pair_evidence_html
from analyzer.report.plain import bidi_safe, capped
from analyzer.report.summary import article_name, summary_sentences
from analyzer.verdicts import DERIVED

#: Copied or spun pairs shown with their full evidence (most probable first); the rest are counted.
EVIDENCE_PAIRS_LIMIT = 20

#: Aligned sentence rows shown per pair (enough for long articles, bounded for print).
EVIDENCE_ROWS_LIMIT = 120

#: Pairs listed in the pairs table: all copied or spun ones, then the closest others up to this many.
PAIRS_TABLE_LIMIT = 100

DEFAULT_TITLE = "Who copied whom: originality and reliability report"


@dataclass
class ReportCharts:
    """The report's charts as inline SVG strings, built once (the slow part of rendering)."""

    provenance: str
    heatmap: str
    spin_map: str
    originality: str
    alignments: dict[tuple[str, str], str] = field(default_factory=dict)


def evidence_pairs(analysis: Any, limit: int = EVIDENCE_PAIRS_LIMIT) -> pd.DataFrame:
    """The copied or spun pairs the report details, most probable spins first."""
    derived = analysis.pairs[analysis.pairs["relation"].isin(DERIVED)]
    return derived.sort_values(["spin_probability", "a", "b"], ascending=[False, True, True]).head(limit)


#: Titles are cut here in the report (the data keeps them whole): a 100,000-character title
#: once made a 41-page PDF.
TITLE_CHARS = 200

#: Above this many articles the overview charts print at their own size (up to a page), not side by side.
LARGE_CHARTS = 12


def build_charts(analysis: Any) -> ReportCharts:
    """Every chart of the report for ``analysis``, as SVG."""
    return ReportCharts(
        provenance=ch.figure_to_svg(ch.provenance_graph(analysis)),
        heatmap=ch.figure_to_svg(ch.similarity_heatmap(analysis)),
        spin_map=ch.figure_to_svg(ch.spin_map(analysis)),
        originality=ch.figure_to_svg(ch.originality_chart(analysis)),
        alignments={(p.a, p.b): ch.figure_to_svg(ch.alignment_map(analysis.pair(p.a, p.b)))
                    for p in evidence_pairs(analysis).itertuples()},
    )


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("analyzer.report", "templates"),
        autoescape=True,
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _shown(value: Any) -> Any:
    """Every value the template prints: bidi controls made visible, so none reorders the page.

    Article text reaches the report canonical (ingest removes format
    characters), but ids, file names, outlets and URLs come as given. Runs
    before autoescaping; escaped markup stays markup.
    """
    if isinstance(value, Markup):
        return Markup(bidi_safe(str(value)))
    return bidi_safe(value) if isinstance(value, str) else value


def _stylesheet() -> Markup:
    css = resources.files("analyzer.report").joinpath("templates/report.css").read_text(encoding="utf-8")
    return Markup(css + EVIDENCE_CSS)


def _num(value: Any, digits: int = 0) -> str:
    """A score for a table cell: ``–`` when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _article_rows(articles: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for r in articles.to_dict(orient="records"):
        attribution = _text(r.get("attribution"))
        shares = r.get("shares_text_with")
        if isinstance(shares, list) and shares:
            attribution += f" (shares text with {', '.join(shares)}; which came first cannot be told)"
        published = _text(r.get("published"))
        if published and r.get("published_from"):
            published += f" ({r['published_from']})"
        source = _text(r.get("source"))
        # "unnamed (id)" repeats the id of the first column, and an unbreakable id squeezes the titles.
        source = "unnamed" if source.startswith("unnamed (") else source
        rows.append({"id": r["id"], "source": source,
                     "title": capped(_text(r.get("title")), TITLE_CHARS),
                     "status": r["status"], "reason": _text(r.get("reason")),
                     "n_words": _text(r.get("n_words")), "n_sentences": _text(r.get("n_sentences")),
                     "attribution": attribution, "published": published})
    return rows


def _pair_rows(pairs: pd.DataFrame) -> tuple[list[dict[str, Any]], int]:
    derived = pairs["relation"].isin(DERIVED)
    ordered = pd.concat([pairs[derived].sort_values("spin_probability", ascending=False),
                         pairs[~derived].sort_values("coverage_min", ascending=False)])
    shown = ordered.head(max(PAIRS_TABLE_LIMIT, int(derived.sum())))
    rows = [{"a": p.a, "b": p.b, "relation": p.relation.replace("_", " "),
             "spin_probability": _num(p.spin_probability, 2),
             "original_id": p.original_id if isinstance(p.original_id, str) else None,
             "derived": p.relation in DERIVED, "coverage_min": f"{p.coverage_min:.0%}",
             "containment": f"{p.shingle5_containment_max:.0%}", "n_substitutions": p.n_substitutions,
             "n_fact_changes": p.n_fact_changes} for p in shown.itertuples()]
    return rows, len(pairs) - len(shown)


def _evidence_rows(analysis: Any, charts: ReportCharts) -> list[dict[str, Any]]:
    rows = []
    for p in evidence_pairs(analysis).itertuples():
        result = analysis.pair(p.a, p.b)
        arts = analysis.articles
        if result.original_id:
            verb = "spun from" if result.relation == "spun" else "copied from"
            derived, original = article_name(arts, result.derived_id), article_name(arts, result.original_id)
            heading = f"{derived}: {verb} {original}"
        else:
            heading = (f"{article_name(arts, p.a)} and {article_name(arts, p.b)}: {result.relation}, "
                       "direction unknown")
        prob = result.spin_probability if result.relation == "spun" else result.probabilities.get("copy", 0.0)
        rows.append({
            "heading": heading, "relation": result.relation, "probability": f"{prob:.0%}",
            "reasons": list(result.reasons), "direction_reasons": list(result.direction_reasons),
            "chart": Markup(charts.alignments.get((p.a, p.b), "")),
            "table": pair_evidence_html(result, max_rows=EVIDENCE_ROWS_LIMIT),
        })
    return rows


def _source_rows(sources: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for s in sources.sort_values(["reliability", "source"]).to_dict(orient="records"):
        rows.append({"source": s["source"], "n_articles": s["n_articles"],
                     **{k: _num(s.get(k)) for k in ("reliability", "originality", "consistency",
                                                    "attribution", "text_quality")},
                     "uncertainty": _text(s.get("uncertainty"))})
    return rows


def _discrepancy_rows(disc: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for d in disc.to_dict(orient="records"):
        sentences = d.get("sentences") or {}
        claims = [{"article": article_id, "said": "; ".join(map(str, vals)),
                   "sentences": list(sentences.get(article_id, []))}
                  for article_id, vals in (d.get("values") or {}).items()]
        rows.append({"kind": d["kind"], "topic": d["topic"], "note": _text(d.get("note")), "claims": claims})
    return rows


def report_date() -> str:
    """The date printed on a report: ``SOURCE_DATE_EPOCH`` when set, else today.

    The date is the one thing in a report that changes from day to day;
    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention, seconds since
    1970 UTC) pins it, so a report can be regenerated byte for byte.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def report_context(analysis: Any, title: str | None = None, charts: ReportCharts | None = None,
                   generated: str | None = None) -> dict[str, Any]:
    """Everything the template shows, as plain values (text is escaped by the template)."""
    charts = charts or build_charts(analysis)
    arts = analysis.articles
    n_ok = int((arts["status"] == "ok").sum())
    pairs, pairs_hidden = _pair_rows(analysis.pairs)
    n_derived = int(analysis.pairs["relation"].isin(DERIVED).sum())
    return {
        "title": capped(title or DEFAULT_TITLE, TITLE_CHARS),
        "version": __version__,
        "generated": generated or report_date(),
        "css": _stylesheet(),
        "n_ok": n_ok,
        "n_skipped": len(arts) - n_ok,
        "pairs_examined": analysis.pairs_examined,
        "pairs_total": analysis.pairs_total,
        "summary": summary_sentences(analysis),
        "articles": _article_rows(arts),
        "charts": {"provenance": Markup(charts.provenance), "heatmap": Markup(charts.heatmap),
                   "spin_map": Markup(charts.spin_map), "originality": Markup(charts.originality)},
        "pairs": pairs,
        "pairs_hidden": pairs_hidden,
        "evidence": _evidence_rows(analysis, charts),
        "evidence_hidden": max(0, n_derived - EVIDENCE_PAIRS_LIMIT),
        "sources": _source_rows(analysis.sources) if len(analysis.sources) else [],
        "weights": method.reliability_weights(),
        "discrepancies": _discrepancy_rows(analysis.discrepancies),
        "versions": method.model_rows(analysis.model),
        "thresholds": method.threshold_rows(),
        "terms": method.TERMS,
        "limits": method.LIMITS,
        "notes": list(getattr(analysis, "notes", ())),
        "large_charts": n_ok > LARGE_CHARTS,
    }


def render_html(analysis: Any, title: str | None = None, charts: ReportCharts | None = None,
                generated: str | None = None) -> str:
    """The report of ``analysis`` as one self-contained HTML page.

    ``charts`` may be passed when they were built already (see
    :func:`build_charts`); ``generated`` is the date printed on the report
    (by default :func:`report_date`).
    """
    template = _environment().get_template("report.html.j2")
    return template.render(**report_context(analysis, title, charts, generated))
