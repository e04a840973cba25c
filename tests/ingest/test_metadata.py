"""Specification of what users know about an article, read from every input format with its source."""

import json
from pathlib import Path

import pytest

from analyzer.exceptions import InputError
from analyzer.ingest.from_text import article_from_text
from analyzer.ingest.read import read_articles
from analyzer.ingest.rows import parse_field_map

TEXT = "A fire destroyed a grain warehouse at the port on Tuesday. Officials said nobody was hurt."


def test_rows_with_other_column_names_are_read_through_a_field_map(tmp_path: Path):
    path = tmp_path / "feed.csv"
    path.write_text("uid,body,date,site\nx1,\"" + TEXT + "\",2022-09-26T10:00:00+02:00,Example News\n",
                    encoding="utf-8")
    fields = parse_field_map(["id=uid", "text=body", "published=date", "source=site"])
    (article,) = read_articles([path], fields=fields)
    assert (article.id, article.source) == ("x1", "Example News")
    assert article.published == "2022-09-26T10:00:00+02:00"
    assert article.published_from == "CSV field 'date'"
    assert article.ok


def test_jsonl_dates_say_their_field(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    row = {"id": "j1", "text": TEXT, "published": "2022-09-26"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (article,) = read_articles([path])
    assert article.published_from == "JSONL field 'published'"


def test_a_row_without_a_date_has_no_date_source(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "j1", "text": TEXT}) + "\n", encoding="utf-8")
    (article,) = read_articles([path])
    assert article.published is None and article.published_from is None


@pytest.mark.parametrize(("items", "message"), [
    (["text"], "is not FIELD=COLUMN"),
    (["body=text"], "unknown field 'body'"),
    (["text="], "is not FIELD=COLUMN"),
])
def test_bad_field_maps_are_refused_with_the_fix(items, message):
    with pytest.raises(InputError, match=message):
        parse_field_map(items)


@pytest.mark.parametrize(("head", "published", "where"), [
    ('<meta property="article:published_time" content="2022-09-26T19:14:00-04:00">',
     "2022-09-26T19:14:00-04:00", "HTML meta article:published_time"),
    ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
     '"datePublished": "2023-02-06T04:17:00+03:00"}]}</script>',
     "2023-02-06T04:17:00+03:00", "HTML JSON-LD datePublished"),
])
def test_html_pages_give_their_stated_publication_time(tmp_path: Path, head, published, where):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Fire</title>{head}</head><body><article><p>{TEXT}</p>"
                    f"<p>{TEXT}</p></article></body></html>", encoding="utf-8")
    (article,) = read_articles([path])
    assert article.published == published
    assert article.published_from == where


def test_a_date_given_in_python_says_so():
    article = article_from_text(TEXT, id="p", published="2022-09-26")
    assert article.published_from == "given by the caller"
    assert article_from_text(TEXT, id="q").published_from is None
