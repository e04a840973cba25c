"""Jupyter display: results show compact, escaped HTML with their key chart inline.

Article text, titles, sources and ids are untrusted. Hostile versions of the
seed pair (003 Newsweek, 000 its spin) carry script payloads in every field
that reaches the display of a ``PairResult``, an ``Analysis`` and a ranking
(a DataFrame, displayed by pandas); the HTML must show them as text, and a
browser rendering it must run none of them.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analyzer.analysis import analyze
from analyzer.index.rank import rank
from analyzer.ingest.from_text import article_from_text
from analyzer.report.display import CELL_CHARS, analysis_html, compact_table, pair_result_html
from tests.browser import chromium, requires_chromium, visit
from tests.conftest import NEWSWEEK, SPUN

#: Each payload, if it ran, would set ``window.__pwned``.
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned = 2\">",
    "<iframe srcdoc=\"<script>parent.__pwned = 3</script>\"></iframe>",
    "<svg onload=\"window.__pwned = 4\"></svg>",
]
HOSTILE = " ".join(PAYLOADS)

#: Tags that only a payload could have put in the HTML (the display writes none of them).
FOREIGN_TAG = re.compile(r"<\s*(script|img|iframe|svg\s+onload)", re.IGNORECASE)


def hostile(article, suffix: str):
    """The article with payloads in its id, title, source and first and last paragraph."""
    paragraphs = article.text.split("\n\n")
    text = "\n\n".join([f"{paragraphs[0]} {HOSTILE}", *paragraphs[1:-1], f"{paragraphs[-1]} {HOSTILE}"])
    return article_from_text(text, id=f"{article.id}{suffix}{PAYLOADS[1]}",
                             title=f"{article.title} {HOSTILE}", source=f"{article.outlet} {PAYLOADS[0]}")


@pytest.fixture(scope="module")
def hostile_articles(seed_articles):
    return hostile(seed_articles[NEWSWEEK], "-a"), hostile(seed_articles[SPUN], "-b")


@pytest.fixture(scope="module")
def hostile_analysis(engine, hostile_articles):
    return analyze(list(hostile_articles), engine=engine)


@pytest.fixture(scope="module")
def hostile_pair(hostile_analysis):
    (result,) = hostile_analysis.results.values()
    return result


@pytest.fixture(scope="module")
def hostile_ranking(engine, hostile_articles):
    original, spin = hostile_articles
    return rank([spin], corpus=[original], engine=engine)


@pytest.fixture(scope="module")
def displays(hostile_analysis, hostile_pair, hostile_ranking) -> dict[str, str]:
    return {"pair": hostile_pair._repr_html_(), "analysis": hostile_analysis._repr_html_(),
            "ranking": hostile_ranking._repr_html_()}


@pytest.mark.model
def test_hostile_pair_is_still_a_spin(hostile_pair):
    # The payloads must not hide the evidence the display is meant to show.
    assert hostile_pair.relation == "spun"
    assert any(PAYLOADS[0] in s for s in hostile_pair.alignment["a_sentence"])


@pytest.mark.model
def test_hostile_ranking_still_finds_the_spin(hostile_ranking):
    assert hostile_ranking.loc[0, "relation"] == "spun"


@pytest.mark.model
@pytest.mark.parametrize("kind", ["pair", "analysis", "ranking"])
def test_hostile_text_is_shown_escaped(displays, kind):
    html = displays[kind]
    assert FOREIGN_TAG.search(html) is None
    for payload in PAYLOADS:
        assert payload not in html
    # The text is shown, as text: the payload's tag name follows an escaped bracket.
    assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=" in html


@pytest.mark.model
@pytest.mark.slow
@requires_chromium
@pytest.mark.parametrize("kind", ["pair", "analysis", "ranking"])
def test_hostile_display_runs_nothing_in_a_browser(displays, kind, tmp_path):
    page_file = tmp_path / "page.html"
    page_file.write_text(f"<!doctype html><meta charset='utf-8'><body>{displays[kind]}</body>",
                         encoding="utf-8")
    with chromium() as browser, visit(browser, page_file) as page:
        assert page.page.evaluate("typeof window.__pwned") == "undefined"
        assert page.dialogs == []
        assert page.requests == [page_file.resolve().as_uri()]  # nothing loaded, not even img src=x
        shown = page.texts("body")[0]
    assert "<img src=x onerror=" in shown  # the hostile id, read as text


@pytest.mark.model
def test_pair_display_has_verdict_chart_and_bounded_evidence(hostile_pair):
    html = pair_result_html(hostile_pair, max_rows=3)
    assert "spun" in html and "sure of the direction" in html
    assert html.count("<svg") == 1  # the alignment map
    evidence = html[html.index('<table class="aligned">'):]
    rows = evidence[: evidence.index("</table>")].count("<tr>")
    assert rows == 1 + 3  # header and three aligned sentence pairs
    assert f"the first 3 of {len(hostile_pair.alignment)}" in html


@pytest.mark.model
def test_analysis_display_has_graph_and_bounded_tables(seed_analysis):
    html = analysis_html(seed_analysis, max_rows=2)
    assert html.count("<svg") == 1  # the provenance graph
    assert "Analysis of 5 articles" in html
    assert "… and 3 more rows." in html  # 5 articles, 2 shown
    for table in re.findall(r"<table.*?</table>", html, flags=re.S):
        assert table.count("<tr") <= 1 + 2


def test_compact_table_bounds_rows_and_cuts_long_cells():
    df = pd.DataFrame({"title": ["x" * 500] * 1000, "score": [12.345] * 1000, "p": [0.5] * 1000})
    html = compact_table(df, max_rows=4)
    assert html.count("<tr") == 1 + 4
    assert "… and 996 more rows." in html
    assert "x" * CELL_CHARS not in html and "x" * (CELL_CHARS - 1) + "…" in html
    assert "<td>12</td>" in html and "<td>0.50</td>" in html


@pytest.mark.parametrize("value", ["<b>bold</b>", "a & b", "\"quoted\" <i>", "</table><script>x</script>"])
def test_compact_table_escapes_cells(value):
    html = compact_table(pd.DataFrame({value: [value]}))
    assert value not in html
    assert "&lt;" in html or "&amp;" in html


def test_compact_table_of_nothing_says_so():
    assert "None." in compact_table(pd.DataFrame({"a": []}))
