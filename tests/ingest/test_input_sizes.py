"""Huge, tiny and one-word articles: clear statuses, bounded work, none lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer import config
from analyzer.cli import EXIT_SKIPPED, main
from analyzer.ingest.from_text import article_from_text
from analyzer.ingest.read import read_articles
from tests.texts import NEWS, PLAIN


def test_a_10_mb_article_is_skipped_at_once_with_the_limit_named(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    sentence = "The council said the budget for schools would rise next year. "
    huge.write_text("Huge page\n\n" + sentence * (10_000_000 // len(sentence)), encoding="utf-8")
    with pytest.warns(UserWarning, match="too long for one article"):
        (article,) = read_articles([huge])
    assert article.status == "skipped"
    assert "10.0 M characters; the limit is 1.0 M" in article.reason
    assert "MAX_ARTICLE_CHARS" in article.reason


def test_a_long_article_under_the_limit_is_kept_with_a_warning() -> None:
    text = "Long read\n\n" + (NEWS + "\n\n") * (config.LARGE_TEXT_CHARS // len(NEWS) + 1)
    with pytest.warns(UserWarning, match="very long text"):
        article = article_from_text(text, id="long")
    assert article.ok


@pytest.mark.parametrize(("text", "reason"), [
    ("Word", "no article text: only a title line"),
    ("Headline\n\nWord.", "too short to compare (1 word; at least 3 needed)"),
    ("Headline\n\nTwo words.", "too short to compare (2 words; at least 3 needed)"),
])
def test_one_word_articles_are_skipped_saying_why(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "tiny.txt").write_text(text, encoding="utf-8")
    with pytest.warns(UserWarning, match="tiny.txt: skipped: "):
        (article,) = read_articles([tmp_path / "tiny.txt"])
    assert (article.status, article.reason) == ("skipped", reason)


def test_ten_thousand_tiny_articles_are_all_accounted_for(tmp_path: Path) -> None:
    feed = tmp_path / "tiny.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for i in range(10_000):
            text = "Council vote." if i % 2 else f"The council voted {i} times on the school budget."
            out.write(json.dumps({"id": f"t{i}", "title": f"Note {i}", "text": text}) + "\n")
    with pytest.warns(UserWarning):
        articles = read_articles([feed])
    assert [a.id for a in articles] == [f"t{i}" for i in range(10_000)]
    assert sum(a.ok for a in articles) == 5_000
    assert {a.reason for a in articles if not a.ok} == {"too short to compare (2 words; at least 3 needed)"}


def test_cli_caps_the_warnings_and_counts_the_rest(tmp_path: Path, capsys) -> None:
    feed = tmp_path / "tiny.jsonl"
    rows = [{"id": f"t{i}", "text": "Council vote."} for i in range(60)]
    rows += [{"id": "news", "text": NEWS}, {"id": "plain", "text": PLAIN}]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["analyze", str(feed), "--csv", "--table", "articles"]) == EXIT_SKIPPED
    captured = capsys.readouterr()
    assert captured.err.count("warning: ") == 26
    assert "warning: 35 more warnings not shown" in captured.err
    assert all(f"t{i}," in captured.out for i in range(60))


@pytest.mark.parametrize(("first", "second", "derived"), [
    # One subject, two different claims: not a paraphrase, whatever words they share.
    ("The mayor opened the new bridge on Friday.",
     "The bridge will close for repairs next year, the mayor said.", False),
    # Common words alone are shared by chance: a rewrite must keep a name, a number or a rare word.
    ("The council vote on the school budget went ahead.", "The school budget vote of the council proceeded.",
     False),
    # A reworded one-liner that keeps its specifics is judged on what it says, not refused for its size.
    ("Mayor Jane Okafor opened the Harbour Bridge on Friday.",
     "On Friday the Harbour Bridge was opened by Mayor Jane Okafor.", True),
])
def test_one_line_articles_are_judged_on_what_they_say(engine, first, second, derived) -> None:
    a = article_from_text(f"Notes\n\n{first}", id="one")
    b = article_from_text(f"Notes\n\n{second}", id="two")
    result = engine.compare(a, b)
    assert (result.relation in ("copy", "spun")) is derived
    assert any("short texts (at most 2 sentences each)" in r for r in result.reasons)
