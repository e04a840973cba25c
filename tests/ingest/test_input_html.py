"""Hostile HTML files: ingest keeps only text, and no output lets that text run as markup.

Pages carry live scripts, iframes and event handlers (which extraction must
drop) and entity-encoded payloads (``&lt;script&gt;``), which are legitimately
part of the article's text and so reach every output as literal ``<script>``:
the report and the notebook display must show them as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.cli import EXIT_OK, main
from tests.browser import chromium, requires_chromium, visit
from tests.texts import NEWS

LIVE = (
    "<script>window.__pwned = 'script'; alert(1)</script>"
    "<iframe src=\"javascript:window.top.__pwned = 'iframe'\"></iframe>"
    "<img src=x onerror=\"window.__pwned = 'img'\">"
    "<body onload=\"window.__pwned = 'onload'\">"
)
#: Entity-encoded markup: text for the reader, a trap for whoever renders it unescaped.
ENCODED = ("&lt;img src=x onerror=&quot;window.__pwned='encoded'&quot;&gt; "
           "&lt;script&gt;window.__pwned='encoded-script'&lt;/script&gt;")


def _page(title: str, source: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in NEWS.split("\n\n")[1:])
    return (f"<html><head><title>{title} {ENCODED}</title><meta property=\"og:site_name\" "
            f"content=\"{source} &lt;svg onload=alert(9)&gt;\"></head><body>{LIVE}<article>"
            f"<h1>{title} {ENCODED}</h1>{paragraphs}<p onclick=\"window.__pwned='p'\">"
            f"The mayor wrote {ENCODED} on Monday, officials said.</p></article></body></html>")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile_html")
    (root / "first.html").write_text(_page("Russian officials demand resignation", "Daily A"))
    (root / "second.html").write_text(_page("Officials demand resignation", "Daily B"))
    return root


def test_ingest_drops_live_code_and_keeps_encoded_text_as_text(folder: Path) -> None:
    from analyzer.ingest.read import read_articles

    for article in read_articles([folder]):
        assert article.ok
        assert "__pwned = 'script'" not in article.text and "alert(1)" not in article.text
        assert "onclick" not in article.text and "iframe" not in article.text
        assert "<script>window.__pwned='encoded-script'</script>" in article.text


@requires_chromium
def test_report_and_display_of_hostile_pages_run_nothing(folder: Path, tmp_path: Path, engine) -> None:
    from analyzer.analysis import analyze

    assert main(["-q", "report", str(folder), "-o", str(tmp_path), "--name", "hostile",
                 "--no-pdf"]) == EXIT_OK
    display = tmp_path / "display.html"
    display.write_text(analyze([folder], engine=engine)._repr_html_(), encoding="utf-8")
    with chromium() as browser:
        for page_file in (tmp_path / "hostile.html", display):
            with visit(browser, page_file) as page:
                assert page.page.evaluate("() => window.__pwned") is None, page_file.name
                assert page.dialogs == []
                assert page.requests == [page_file.resolve().as_uri()]
                body = page.page.inner_text("body")
                assert "Daily A <svg onload=alert(9)>" in body  # the source, shown as text
                if page_file.name == "hostile.html":  # the report quotes the sentences too
                    assert "<script>window.__pwned='encoded-script'</script>" in body
