"""The charted report, checked as a reader sees it: in headless Chromium, and as printed PDF pages."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analyzer.report import charts
from analyzer.report.evidence import PRINTED_ROWS, mark_differences, pair_evidence_html
from analyzer.report.files import write_report
from analyzer.report.summary import summary_sentences
from tests.browser import chromium, requires_chromium, visit
from tests.conftest import NEWSWEEK, SPUN

SECTIONS = [
    "1. Summary",
    "2. Who copied or spun whom",
    "3. How the pairs compare",
    "4. The evidence, pair by pair",
    "5. Originality, reliability and facts",
    "6. Method and limits",
]

#: First words of each chart's caption, to find the chart's page in the PDF.
CAPTIONS = {
    "provenance": "Each group of articles that share text",
    "heatmap": "Whole-article meaning similarity",
    "spin map": "Each pair placed by the words",
    "alignment": "Which sentence became which",
    "originality": "Originality of each article",
}

#: Article text is untrusted: each payload must render as text and run nothing.
PAYLOADS = [
    "<script>window.__pwned = 1; document.title = 'PWNED'</script>",
    "<img src=x onerror=\"window.__pwned = 2; alert('img')\">",
    "<iframe src=\"javascript:window.top.__pwned = 3\"></iframe>",
    "<a href=\"javascript:window.__pwned = 4\">click</a>",
    "</textarea><svg onload=\"window.__pwned = 5\">",
    "{{ 6 * 1111 }} {% raw %} ${6*1111}",
]

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftoppm, pdftotext) is not installed")


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def seed_report(seed_analysis, tmp_path_factory):
    return write_report(seed_analysis, tmp_path_factory.mktemp("report"), name="seeds",
                        title="Seed articles <b>report</b>", generated="2026-01-01")


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _hostile_articles(seed_articles):
    from analyzer.ingest.from_text import article_from_text

    original = seed_articles[NEWSWEEK].text
    paragraphs = original.split("\n\n")
    copied = "\n\n".join([paragraphs[0] + " " + PAYLOADS[0], *paragraphs[1:4], PAYLOADS[1] + " " +
                          PAYLOADS[4], *paragraphs[4:]])
    return [
        article_from_text(original, id="orig", title="Original " + PAYLOADS[3], source="Wire " + PAYLOADS[2],
                          published="2022-09-01"),
        article_from_text(copied, id="copy<script>x</script>", title=PAYLOADS[0] + " " + PAYLOADS[5],
                          source=PAYLOADS[1], published="2022-09-02"),
    ]


@pytest.fixture(scope="module")
def hostile_report(engine, seed_articles, tmp_path_factory):
    from analyzer.analysis import analyze

    analysis = analyze(_hostile_articles(seed_articles), engine=engine)
    return analysis, write_report(analysis, tmp_path_factory.mktemp("hostile"), name="hostile",
                                  title=PAYLOADS[0], pdf=False)


# ---------------------------------------------------------------- the HTML file itself

def test_report_files_and_timings(seed_report):
    assert seed_report.html.name == "seeds.html" and seed_report.html.stat().st_size > 10_000
    assert seed_report.pdf.name == "seeds.pdf" and seed_report.pdf.read_bytes().startswith(b"%PDF")
    assert set(seed_report.timings) == {"charts", "html", "pdf"}
    assert all(t >= 0 for t in seed_report.timings.values())


def test_html_is_self_contained(seed_report):
    html = seed_report.html.read_text(encoding="utf-8")
    assert not re.search(r"<link\b|<script\b|<iframe\b|<img\b|@import", html, re.IGNORECASE)
    urls = set(re.findall(r"https?://[^\s\"')<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # namespace names only
    assert "<style>" in html and html.count("<svg") == 5 and "data:" not in html  # charts all vector


def test_title_is_escaped(seed_report):
    html = seed_report.html.read_text(encoding="utf-8")
    assert "<title>Seed articles &lt;b&gt;report&lt;/b&gt;</title>" in html


def test_inline_svg_ids_are_unique(seed_report):
    ids = re.findall(r'\bid="([^"]+)"', seed_report.html.read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- in Chromium

@requires_chromium
def test_seed_report_in_chromium(seed_report, browser):
    with visit(browser, seed_report.html) as page:
        assert page.requests == [seed_report.html.resolve().as_uri()]  # nothing else is loaded
        assert page.texts("h2") == SECTIONS
        boxes = page.boxes("figure.chart svg")
        assert len(boxes) == 5  # provenance, heatmap, spin map, one alignment, originality
        assert all(w > 200 and h > 150 for w, h in boxes), boxes
        for chart_id in ("chart-provenance", "chart-heatmap", "chart-spin-map", "chart-originality",
                         "chart-alignment-1"):
            assert page.page.is_visible(f"#{chart_id} svg"), chart_id


@requires_chromium
def test_spun_pair_shows_direction_and_substitutions(seed_report, browser):
    with visit(browser, seed_report.html) as page:
        heading = page.texts("#evidence h3")[0]
        assert heading == f"Opera News ({SPUN}): spun from Newsweek ({NEWSWEEK})"
        left = " ".join(page.texts("#pair-1 td.left del.sub"))
        right = " ".join(page.texts("#pair-1 td.right ins.sub"))
        assert "calling on Russian President" in left and "pleading with" in right
        assert len(page.texts("#pair-1 td.right ins.sub")) >= 20
        facts = page.texts("#pair-1 td.right mark.fact")
        assert "1,000 kilometers" in facts
        summary = page.texts("#summary li")[1]
        assert summary.startswith(f"Opera News ({SPUN}) is a machine-spun rewrite of Newsweek ({NEWSWEEK})")


@requires_chromium
def test_discrepancies_table_in_chromium(seed_report, browser):
    with visit(browser, seed_report.html) as page:
        rows = page.texts("#discrepancies-table tbody tr")
        by_kind = {row.split("\t")[0].strip(): row for row in rows}
        assert {"unit drift", "spelling", "disagreement"} <= set(by_kind)
        assert "1,000 miles" in by_kind["unit drift"] and "1,000 kilometers" in by_kind["unit drift"]
        assert "Tortstrem" in by_kind["spelling"]
        sources = page.texts("#sources-table tbody tr")
        assert sources[0].startswith("Opera News")  # least reliable first


@requires_chromium
def test_hostile_text_renders_as_text_and_runs_nothing(hostile_report, browser):
    analysis, files = hostile_report
    assert set(analysis.pairs["relation"]) == {"copy"}  # so article text reaches the evidence tables
    with visit(browser, files.html) as page:
        assert page.page.evaluate("() => window.__pwned") is None
        assert page.page.evaluate("() => window.top.__pwned") is None
        assert page.page.title() == PAYLOADS[0]  # the title shows the payload as text
        assert page.dialogs == []
        assert page.requests == [files.html.resolve().as_uri()]
        assert page.page.evaluate(
            "() => document.querySelectorAll('script, iframe, img, object, embed, link, "
            "a:not([href^=\"#\"])').length") == 0  # only the contents' own links remain
        handlers = page.page.evaluate("() => [...document.querySelectorAll('*')].flatMap("
                                      "e => [...e.attributes].map(a => a.name))"
                                      ".filter(n => n.startsWith('on'))")
        assert handlers == []
        text = page.page.inner_text("body")
        for payload in PAYLOADS[:3]:
            assert payload in text
        assert "{{ 6 * 1111 }}" in text and "6666" not in text
        evidence = page.page.inner_text("#evidence")
        assert PAYLOADS[1] in evidence and "copy<script>x</script>" in evidence  # outlet and id


# ---------------------------------------------------------------- charts at fifty articles

#: Every text label of each chart, as Chromium lays it out: matplotlib draws each label as a group
#: ``<g id="…-text_N">`` of glyph paths. Returns [chart id, label, label, overlap width, height].
_LABEL_OVERLAPS = """() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    const boxes = [];
    for (const g of fig.querySelectorAll('svg g[id*="-text_"]')) {
      if (g.querySelector('g[id*="-text_"]')) continue;
      const r = g.getBoundingClientRect();
      if (r.width * r.height > 0) boxes.push([g.id, r.left, r.top, r.right, r.bottom]);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      const h = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
      if (w > 1 && h > 1) out.push([fig.id, a[0], b[0], Math.round(w), Math.round(h)]);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def large_report(engine, seed_articles, tmp_path_factory):
    """55 articles: the seeds, and for each four spins, three light edits and three excerpts."""
    from analyzer.analysis import analyze
    from analyzer.ingest.from_text import article_from_text
    from analyzer.report.html import render_html
    from analyzer.training.copyedit import light_edit
    from analyzer.training.pairgen import excerpt
    from analyzer.training.spin.spinner import Spinner

    articles, k = list(seed_articles.values()), 0
    for seed in seed_articles.values():
        texts = [("spin", Spinner(rate, random_state=k + j).spin(seed.text).text, f"Farm {(k + j) % 7}")
                 for j, rate in enumerate((0.35, 0.6, 0.9, 0.6))]
        texts += [("copy", light_edit(seed.text, random_state=k + j), f"Aggregator {j}") for j in range(3)]
        texts += [("excerpt", excerpt(seed.text, np.random.default_rng(k + j)), f"Scraper {j}")
                  for j in range(3)]
        for kind, text, outlet in texts:
            k += 1
            articles.append(article_from_text(text, id=f"{100 + k:03d}_{kind}", source=outlet,
                                              title=f"{seed.title} ({kind} {k})"))
    analysis = analyze(articles, engine=engine)
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(render_html(analysis, title="Fifty-five articles"), encoding="utf-8")
    return SimpleNamespace(analysis=analysis, html=path)


@requires_chromium
def test_no_chart_label_covers_another_at_fifty_articles(large_report, browser):
    assert (large_report.analysis.articles["status"] == "ok").sum() >= 50
    with visit(browser, large_report.html) as page:
        assert page.page.evaluate(_LABEL_OVERLAPS) == []
        assert len(page.page.query_selector_all('figure.chart svg g[id*="-text_"]')) > 100


@requires_chromium
def test_no_chart_label_covers_another_in_the_seed_report(seed_report, browser):
    with visit(browser, seed_report.html) as page:
        assert page.page.evaluate(_LABEL_OVERLAPS) == []


@requires_chromium
def test_the_overlap_check_can_fail(browser, tmp_path):
    page_html = tmp_path / "overlap.html"
    page_html.write_text('<figure class="chart"><svg width="200" height="50">'
                         '<g id="x-text_1"><rect width="80" height="20"/></g>'
                         '<g id="x-text_2"><rect x="40" width="80" height="20"/></g></svg></figure>',
                         encoding="utf-8")
    with visit(browser, page_html) as page:
        assert len(page.page.evaluate(_LABEL_OVERLAPS)) == 1


# ---------------------------------------------------------------- the PDF

def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _graphics_rows(pdf: Path, page: int, tmp_path: Path, dpi: int = 50) -> float:
    """Share of the page's pixel rows holding ink outside every word box: drawings, not text."""
    from PIL import Image

    out = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out)], check=True)
    ink = np.asarray(Image.open(out.with_suffix(".png"))) < 200
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    text = np.zeros_like(ink)
    scale = dpi / 72
    for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes):
        x0, y0, x1, y1 = (float(v) * scale for v in m.groups())
        text[max(0, int(y0) - 1):int(y1) + 2, max(0, int(x0) - 1):int(x1) + 2] = True
    return float(((ink & ~text).sum(axis=1) > 0).mean())


@needs_poppler
def test_pdf_pages_hold_the_charts(seed_report, tmp_path):
    pdf = seed_report.pdf
    n = _pages(pdf)
    assert 6 <= n <= 40
    texts = [_page_text(pdf, k) for k in range(1, n + 1)]
    for section in SECTIONS:
        assert any(section in t for t in texts), section
    for chart, caption in CAPTIONS.items():
        pages = [k for k, t in enumerate(texts, start=1) if caption in " ".join(t.split())]
        assert pages, f"caption of the {chart} chart not found"
        assert _graphics_rows(pdf, pages[0], tmp_path) > 0.1, f"{chart} chart page looks blank"
    # A text-only page stays below the threshold, so the check can fail.
    method_page = next(k for k, t in enumerate(texts, start=1) if "6. Method and limits" in t)
    assert _graphics_rows(pdf, method_page, tmp_path) < 0.1


@needs_poppler
def test_pdf_text_has_the_findings(seed_report):
    text = subprocess.run(["pdftotext", str(seed_report.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert f"Opera News ({SPUN}) is a machine-spun rewrite of Newsweek" in flat
    assert "1,000 kilometers" in flat and "1,000 miles" in flat
    assert "unit drift" in flat and "all-MiniLM-L6-v2" in flat


@needs_poppler
def test_seed_pdf_flows_in_at_most_eight_pages_and_no_page_ends_with_a_heading(seed_report):
    pdf = seed_report.pdf
    n = _pages(pdf)
    assert n <= 8
    page_html = seed_report.html.read_text(encoding="utf-8")
    headings = {" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
                for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page_html, flags=re.DOTALL)}
    assert "2. Who copied or spun whom" in headings
    for k in range(1, n + 1):
        lines = [" ".join(line.split()) for line in _page_text(pdf, k).splitlines()]
        lines = [line for line in lines if line and not re.fullmatch(r"page \d+ of \d+", line)]
        assert lines, f"page {k} is empty"
        assert lines[-1] not in headings, f"page {k} ends with the heading {lines[-1]!r}"


@needs_poppler
def test_pdf_text_is_at_least_nine_points(seed_report):
    # pdftotext's word boxes span a glyph's ascent and descent: 1.164 em in DejaVu Sans, 10.5 pt at 9 pt.
    boxes = subprocess.run(["pdftotext", "-bbox", str(seed_report.pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    heights = [float(y1) - float(y0) for y0, y1 in
               re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    assert len(heights) > 1000
    assert min(heights) >= 0.99 * 9 * 1.164


# ---------------------------------------------------------------- charts on hand-built data

def _tiny_analysis(titles=("A", "B", "C")):
    ids = ["001_aaaaaaaa", "002_bbbbbbbb", "003_cccccccc"]
    articles = pd.DataFrame({"id": ids, "status": "ok", "source": ["Daily $x$", "unnamed (002)", None],
                             "title": list(titles), "originality": [100.0, 0.0, 100.0],
                             "derived_from": [[], ["001_aaaaaaaa"], []]})
    pairs = pd.DataFrame({
        "a": ["001_aaaaaaaa", "001_aaaaaaaa", "002_bbbbbbbb"],
        "b": ["002_bbbbbbbb", "003_cccccccc", "003_cccccccc"],
        "relation": ["spun", "same_story", "unrelated"], "spin_probability": [0.97, 0.1, 0.0],
        "p_copy": [0.01, 0.0, 0.0], "original_id": ["001_aaaaaaaa", None, None],
        "doc_cosine": [0.9, 0.8, 0.2], "coverage_min": [0.9, 0.3, 0.0],
        "shingle5_containment_max": [0.03, 0.01, 0.0]})
    return SimpleNamespace(articles=articles, pairs=pairs)


@pytest.mark.parametrize("chart", [charts.provenance_graph, charts.similarity_heatmap, charts.spin_map,
                                   charts.originality_chart])
def test_charts_are_deterministic_svg(chart):
    first = charts.figure_to_svg(chart(_tiny_analysis()))
    second = charts.figure_to_svg(chart(_tiny_analysis()))
    assert first == second
    assert first.startswith("<svg") and "<!--" not in first and "<text" not in first  # glyphs as paths


def test_chart_labels_do_not_parse_mathtext():
    # "$x$" in a source name would be typeset (or raise) if mathtext were on.
    svg = charts.figure_to_svg(charts.originality_chart(_tiny_analysis()))
    assert svg.count("<path") > 10


def test_article_labels_shorten_ids_and_drop_placeholder_sources():
    labels = charts.article_labels(_tiny_analysis().articles)
    assert labels == {"001_aaaaaaaa": "001 · Daily $x$", "002_bbbbbbbb": "002", "003_cccccccc": "003"}


def test_provenance_edges_point_from_original_to_derivative():
    edges = charts._derived_edges(_tiny_analysis().pairs)
    assert edges[["source", "target", "relation", "directed"]].values.tolist() == [
        ["001_aaaaaaaa", "002_bbbbbbbb", "spun", True]]


def test_provenance_forest_is_a_star_for_a_group_of_copies_and_keeps_directions():
    ids = [f"{k:03d}_x" for k in range(30)]
    edges = pd.DataFrame([{"source": a, "target": b, "relation": "copy", "directed": False,
                           "probability": 0.99} for i, a in enumerate(ids) for b in ids[i + 1:]])
    forest = charts._forest(edges)
    assert forest.number_of_edges() == len(ids) - 1
    place = charts._tree_rows(forest, set(ids))
    assert max(column for column, _ in place.values()) == 1  # one level: a star, not a chain
    assert len({row for _, row in place.values()}) == len(ids) - 1  # one row per leaf
    directed = pd.DataFrame([{"source": "b", "target": "a", "relation": "spun", "directed": True,
                              "probability": 0.9}])
    assert list(charts._forest(directed).edges) == [("b", "a")]


def test_provenance_layout_of_a_long_chain_needs_no_recursion():
    ids = [f"n{k:05d}" for k in range(3000)]
    edges = pd.DataFrame({"source": ids[:-1], "target": ids[1:], "relation": "copy", "directed": True,
                          "probability": 0.99})
    place = charts._tree_rows(charts._forest(edges), set(ids))
    assert place["n00000"] == (0, 0) and place["n02999"] == (2999, 0)


def test_alignment_map_puts_the_original_on_x(seed_analysis):
    result = seed_analysis.pair(SPUN, NEWSWEEK)
    assert result.original == "b"
    fig = charts.alignment_map(result)
    assert NEWSWEEK[:13] in fig.axes[0].get_xlabel()
    charts.figure_to_svg(fig)


# ---------------------------------------------------------------- evidence and summary

def test_mark_differences_escapes_and_marks():
    left, right = mark_differences(
        "The <b>mayor</b> said 1,000 miles.", "The <b>official</b> said 1,000 kilometers.",
        substitutions={("mayor", "official")}, facts=[("1,000 miles", "1,000 kilometers", "unit")])
    assert '<del class="sub">mayor</del>' in left and '<ins class="sub">official</ins>' in right
    assert "&lt;b&gt;" in left and "<b>" not in left.replace('<del class="sub">', "")
    assert '<mark class="fact" title="unit changed: 1,000 miles → 1,000 kilometers">' in right


def test_only_substitutions_are_struck_out():
    left, right = mark_differences("The mayor said it was raining hard.", "The official stated it poured.",
                                   substitutions={("mayor", "official")})
    assert '<del class="sub">mayor</del>' in left and "said" in left and "<del" not in left.replace(
        '<del class="sub">mayor</del>', "")
    assert right.count("<ins") == 1


def test_pair_evidence_numbers_sentences_from_one_and_prints_a_bounded_table(seed_analysis):
    result = seed_analysis.pair(SPUN, NEWSWEEK)
    page = str(pair_evidence_html(result))
    numbers = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', page)]
    assert min(numbers) == 1 and max(numbers) == max(len(result.alignment["a_index"].unique()),
                                                     result.alignment[["a_index", "b_index"]].max().max() + 1)
    assert page.count('<tr class="extra">') == len(result.alignment) - PRINTED_ROWS
    assert f"… and {len(result.alignment) - PRINTED_ROWS} more aligned sentence pairs" in page


def test_pair_evidence_puts_the_original_left(seed_analysis):
    html = str(pair_evidence_html(seed_analysis.pair(SPUN, NEWSWEEK), max_rows=3))
    assert html.index(NEWSWEEK) < html.index(SPUN)
    assert "the first 3 of" in html and html.count("<tr>") == 4  # header + 3 rows


def test_summary_names_the_spin_and_the_weakest_source(seed_analysis):
    sentences = summary_sentences(seed_analysis)
    assert sentences[0] == "5 articles analysed; 10 of 10 pairs examined; 1 story."
    assert any(s.startswith("Least original: Opera News") for s in sentences)
    assert any(s.startswith("Least reliable source: Opera News (23 of 100, on one article)")
               for s in sentences)


# ---------------------------------------------------------------- the command

def test_cli_report_lists_skipped_inputs(tmp_path, seed_articles, capsys):
    from analyzer.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article_id in (NEWSWEEK, SPUN):
        shutil.copy(Path(seed_articles[article_id].path), corpus)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    code = main(["--quiet", "report", str(corpus), "-o", str(tmp_path / "out"), "--no-pdf"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"wrote {tmp_path / 'out' / 'corpus.html'}" in out and ".pdf" not in out
    assert re.search(r"time: analysis \(with model loading\) [\d.]+ s, charts [\d.]+ s, HTML [\d.]+ s; "
                     r"total [\d.]+ s", out)
    html = (tmp_path / "out" / "corpus.html").read_text(encoding="utf-8")
    assert "empty.txt" in html or "empty" in html
    assert "skipped: empty file" in html


def test_bidi_controls_are_shown_and_long_titles_cut(engine, seed_articles):
    from analyzer.analysis import analyze
    from analyzer.ingest.from_text import article_from_text
    from analyzer.report.html import TITLE_CHARS

    text = seed_articles[NEWSWEEK].text
    long_title = "Breaking " * 2_000
    articles = [article_from_text(text, id="orig\u202etxt.exe", title=long_title, source="Wire\u2066x\u2069"),
                article_from_text(text + "\n\nOne more line of text here.", id="copy")]
    analysis = analyze(articles, engine=engine)
    html = analysis.to_html()
    for control in ("\u202e", "\u2066", "\u2069"):
        assert control not in html
    assert "orig\\u202etxt.exe" in html
    assert long_title.strip() not in html
    assert long_title[:TITLE_CHARS].strip() in html
    assert f"({len(long_title.strip()):,} characters in all)" in html
    assert analysis.articles.set_index("id").loc["orig\u202etxt.exe", "title"] == long_title.strip()
