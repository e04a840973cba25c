"""Specification of plain-text headers: what a .txt file says about itself, and nothing guessed."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.header import split_header
from analyzer.ingest.read import read_articles

BODY = "Fire Destroys Warehouse\n\nA fire destroyed a grain warehouse at the port on Tuesday, officials said."


@pytest.mark.parametrize("head", [
    "Published: 2022-09-26T19:14:00-04:00\nOutlet: Associated Press\nURL: https://example.org/a\n\n",
    "---\npublished: 2022-09-26T19:14:00-04:00\noutlet: Associated Press\nurl: https://example.org/a\n---\n",
    "DATE: 2022-09-26T19:14:00-04:00\nsource:  Associated Press \nLink: https://example.org/a\n\n",
])
def test_header_lines_and_front_matter_give_the_same_fields(head):
    header = split_header(head + BODY)
    assert header.fields == {"published": "2022-09-26T19:14:00-04:00", "source": "Associated Press",
                             "url": "https://example.org/a"}
    assert header.body.strip() == BODY


@pytest.mark.parametrize("text", [
    BODY,
    "Update: the port reopened on Friday\n\nMore text follows here.",   # a colon, but no known key
    "Published: 2022-09-26\nThe fire began before dawn.\n\nMore.",       # prose inside the block
    "Published: 2022-09-26\n\n",                                        # a header with nothing after it
    "---\npublished: 2022-09-26\nno closing fence\n\nBody.",
])
def test_text_without_a_header_is_left_alone(text):
    header = split_header(text)
    assert header.fields == {}
    assert header.body == text


keys = st.sampled_from(["Published", "Outlet", "URL", "Title"])
values = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20)


@given(st.dictionaries(keys, values, min_size=1), st.text(min_size=1, max_size=80).filter(str.strip))
def test_written_headers_read_back(fields, body):
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    header = split_header(head + "\n" + body)
    assert set(header.fields.values()) == set(fields.values())


def test_a_txt_file_header_fills_the_article_and_says_where_the_date_came_from(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Published: 2022-09-26T19:14:00-04:00\nOutlet: Associated Press\n\n" + BODY,
                    encoding="utf-8")
    (article,) = read_articles([path])
    assert article.published == "2022-09-26T19:14:00-04:00"
    assert article.published_from == "file header"
    assert article.source == "Associated Press"
    assert article.title == "Fire Destroys Warehouse"
    assert "Published" not in article.text
