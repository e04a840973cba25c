"""HTML pages: the main text and metadata by trafilatura, or the visible text when it fails."""

from __future__ import annotations

import json
import logging
from html.parser import HTMLParser
from typing import Any

from analyzer.article import Article
from analyzer.ingest.from_text import build_article

logger = logging.getLogger(__name__)

def looks_like_html(text: str) -> bool:
    """Whether a text read from a file of unknown kind starts like an HTML page."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


class _TextOnly(HTMLParser):
    """Fallback extractor: visible text only, never script, style, iframe or other embeds."""

    _HIDDEN = frozenset(
        {
            "script",
            "style",
            "iframe",
            "noscript",
            "template",
            "svg",
            "object",
            "embed",
            "head",
            "title",
            "canvas",
            "math",
            "select",
            "button",
            "form",
            "nav",
            "footer",
            "header",
            "aside",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "blockquote",
            "section",
            "article",
            "pre",
            "figcaption",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _html_fallback(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def read_html_page(
    html: str, *, stem: str, path: str, encoding: str | None, notes: list[str]
) -> Article:
    """Extract main text and metadata with trafilatura, or visible text when it finds none."""
    import trafilatura

    meta: dict[str, str | None] = {}
    text = ""
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as err:  # any parser failure falls back to plain text
        logger.debug("%s: trafilatura failed (%s); using plain text", path, err)
        doc = None
    if doc is not None:
        text = (getattr(doc, "text", None) or "").replace("\n", "\n\n")
        meta = {
            "title": getattr(doc, "title", None),
            "published": getattr(doc, "date", None),
            "source": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
            "url": getattr(doc, "url", None),
        }
    if not text.strip():
        text = _html_fallback(html)
    declared, where = declared_publication_time(html)
    if declared:
        meta["published"], published_from = declared, where
    else:
        published_from = "HTML page date (trafilatura; may come from the URL or the page text)"
    return build_article(
        text,
        id=stem,
        title=meta.get("title"),
        source=meta.get("source"),
        url=meta.get("url"),
        published=meta.get("published"),
        published_from=published_from,
        path=path,
        title_mode="none" if meta.get("title") else "auto",
        label=path,
        encoding=encoding,
        notes=notes,
        empty_reason="no article text in the HTML",
    )


#: Meta tags that state a publication time, best first: (attribute, value).
_TIME_META = (("property", "article:published_time"), ("itemprop", "datePublished"),
              ("name", "pubdate"), ("name", "publish-date"), ("name", "dc.date.issued"),
              ("property", "og:published_time"))


def declared_publication_time(html: str) -> tuple[str | None, str]:
    """The publication time a page states in its metadata, with where it was read, or (None, "").

    Reads ``<meta property="article:published_time">`` and its kin, then
    JSON-LD ``datePublished``; the value is kept as written (with its offset).
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None, ""
    metas = [m.attrib for m in tree.iter("meta")]
    for attribute, value in _TIME_META:
        for m in metas:
            if m.get(attribute, "").strip().lower() == value.lower() and m.get("content", "").strip():
                return m["content"].strip(), f"HTML meta {value}"
    for script in tree.iter("script"):
        if script.get("type", "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            found = _json_ld_date(json.loads(script.text))
        except (ValueError, RecursionError):
            continue
        if found:
            return found, "HTML JSON-LD datePublished"
    return None, ""


def _json_ld_date(data: Any, depth: int = 0) -> str | None:
    """The first ``datePublished`` string in a JSON-LD document (nested graphs included)."""
    if depth > 8:
        return None
    if isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, str) and value.strip():
            return value.strip()
        children: Any = list(data.values())
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _json_ld_date(child, depth + 1)
        if found:
            return found
    return None
