"""Specification of input reading (analyzer.ingest)."""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.article import Article
from analyzer.exceptions import InputError, InputNotFoundError
from analyzer.ingest import from_text, read
from analyzer.ingest.from_text import IngestWarning, SkippedInputWarning, article_from_text
from analyzer.ingest.read import read_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

STORY = (
    "Russian officials are calling on President Vladimir Putin to resign amid mounting losses "
    "in Ukraine.\n\nThe petition was signed by 35 municipal deputies on Monday, according to a "
    "deputy in St. Petersburg.\n\nThe Kremlin said the operation would continue."
)
FRENCH = (
    "Des responsables russes demandent au président Vladimir Poutine de démissionner après les "
    "revers subis en Ukraine. La pétition a été signée lundi par trente-cinq députés municipaux "
    "de Saint-Pétersbourg et de Moscou, selon une élue locale."
)
CP1252_TEXT = (
    "Café owners in Zürich said the “summit” was good for business.\n\n"
    "The naïve hope — shared by many — was that prices would fall after the meeting ended."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_one(path: Path) -> Article:
    articles = read_articles([path])
    assert len(articles) == 1
    return articles[0]


# --------------------------------------------------------------------------- #
# Seeds
# --------------------------------------------------------------------------- #

SEED_TITLES = {
    "000_d33e6d2f6bc58844": "Putin’s Resignation is Demanded by Russian Officials Following "
    "Their Defeat in Ukraine",
    "001_faf92bcd485ea369": "Putin faces calls to resign from Russian city officials over "
    "Ukraine war",
    "002_5b78fe328c9e5e41": "Putin warned frustration is growing as officials furious with leader",
    "003_26342a6f18a9b02e": "Russian Officials Demand Putin Resign Amid Ukraine Losses",
    "004_4ab8a011891d9a26": "More Russian Officials Join Group Of Now 47 Demanding Putin’s "
    "Resignation",
}


def test_seed_folder() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the seeds are clean input: no warning at all
        articles = read_articles([SEEDS])
    assert [a.id for a in articles] == sorted(SEED_TITLES)
    assert {a.id: a.title for a in articles} == SEED_TITLES
    assert all(a.ok and a.language == "en" and a.encoding == "utf-8" for a in articles)
    assert all(a.path == str(SEEDS / f"{a.id}.txt") for a in articles)
    by_id = {a.id: a for a in articles}
    assert by_id["000_d33e6d2f6bc58844"].source == "Opera News"
    assert by_id["001_faf92bcd485ea369"].removed[0] == "All Menu"
    assert by_id["001_faf92bcd485ea369"].attribution == ("origin: New York Post",)
    assert by_id["003_26342a6f18a9b02e"].attribution == ("self: Newsweek",)
    assert len(by_id["003_26342a6f18a9b02e"].credits) == 2
    assert "\n\n" in by_id["004_4ab8a011891d9a26"].text


def test_txt_title_is_first_line_and_not_in_text(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "story.txt", f"\n\nA Headline\n\n{STORY}\n"))
    assert (article.id, article.title, article.text) == ("story", "A Headline", STORY)


# --------------------------------------------------------------------------- #
# Bad files: every one yields a skipped Article, a reason and a warning
# --------------------------------------------------------------------------- #

SKIPPED_FILES = [
    pytest.param("empty.txt", b"", "empty file", id="empty"),
    pytest.param("blank.txt", b" \n\n\t \n", "empty file", id="whitespace-only"),
    pytest.param(
        "nul.txt", b"Headline\n\nsome\x00text\x00", r"binary file \(NUL bytes\)", id="nul-bytes"
    ),
    pytest.param(
        "png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file", id="png-as-txt"
    ),
    pytest.param(
        "menu.txt",
        b"All Menu\n\nComment Here\n\ntop\n",
        "empty file|no article text",
        id="only-boilerplate",
    ),
    pytest.param(
        "furniture.txt",
        b"Headline\n\nAdvertisement\n\nShare\n",
        "no article text after removing boilerplate",
        id="furniture-after-title",
    ),
]


@pytest.mark.parametrize(("name", "content", "reason"), SKIPPED_FILES)
def test_bad_file_is_skipped_not_lost(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.warns(SkippedInputWarning, match=rf"{name}: skipped: ({reason})"):
        article = read_one(path)
    assert article.status == "skipped"
    assert article.text == ""
    assert article.path == str(path)
    assert article.id == Path(name).stem
    assert article.warnings and "skipped" in article.warnings[-1]


def test_missing_path_raises_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "a.txt"
    write(tmp_path / "ok.txt", f"Title\n\n{STORY}")
    with pytest.raises(InputNotFoundError, match=r"input path does not exist: '.*nope/a\.txt'"):
        read_articles([tmp_path / "ok.txt", missing])


def test_folder_without_articles_warns(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "# not an article")
    write(tmp_path / "image.png", b"\x89PNG")
    with pytest.warns(
        IngestWarning,
        match=r"folder '.*' holds no article files \(looked for "
        r"\.txt, \.jsonl, \.csv, \.html, \.htm",
    ):
        assert read_articles([tmp_path]) == []


def test_unknown_extensions_ignored_in_folders_but_read_when_named(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Title A\n\n{STORY}")
    md = write(tmp_path / "b.md", f"Title B\n\n{STORY} And one more sentence here.")
    write(tmp_path / ".hidden.txt", f"Hidden\n\n{STORY}")
    assert [a.id for a in read_articles([tmp_path])] == ["a"]
    named = read_one(md)
    assert (named.id, named.title, named.ok) == ("b", "Title B", True)


def test_folder_order_is_sorted_and_recursion_optional(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "A2.txt"]:
        write(tmp_path / name, f"Title {name}\n\n{STORY} Unique {name}.")
    assert [a.id for a in read_articles([tmp_path])] == ["A2", "a", "b", "c"]
    assert [a.id for a in read_articles([tmp_path], recursive=False)] == ["A2", "a", "b"]


# --------------------------------------------------------------------------- #
# Decoding and normalisation
# --------------------------------------------------------------------------- #


def test_cp1252_is_detected_and_named(tmp_path: Path) -> None:
    path = write(tmp_path / "legacy.txt", ("Title\n\n" + CP1252_TEXT).encode("cp1252"))
    with pytest.warns(IngestWarning, match=r"legacy\.txt: not valid UTF-8; decoded as cp1252"):
        article = read_one(path)
    assert article.ok
    assert article.encoding == "cp1252"
    assert article.text == CP1252_TEXT


def test_utf16_with_bom(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "u16.txt", ("Title\n\n" + STORY).encode("utf-16")))
    assert (article.encoding, article.text) == ("utf-16", STORY)


def test_mojibake_is_repaired_and_text_is_nfc() -> None:
    broken = "Putinâ€™s resignation was demanded by officials. The cafe\u0301 closed early today."
    article = article_from_text(broken)
    assert (
        article.text
        == "Putin’s resignation was demanded by officials. The café closed early today."
    )


def test_whitespace_normalised_paragraphs_kept() -> None:
    raw = "First   sentence\u00a0here.\r\n\r\n\r\n\r\nSecond sentence  here.\t\n"
    assert article_from_text(raw).text == "First sentence here.\n\nSecond sentence here."


# --------------------------------------------------------------------------- #
# Warnings on usable articles
# --------------------------------------------------------------------------- #


def test_one_sentence_article_warns() -> None:
    with pytest.warns(
        IngestWarning, match=r"short: only one sentence; alignment evidence will be weak"
    ):
        article = article_from_text("Putin was asked to resign by 35 deputies.", id="short")
    assert article.ok
    assert article.warnings == ("short: only one sentence; alignment evidence will be weak",)


def test_non_english_text_sets_language_and_warns() -> None:
    with pytest.warns(
        IngestWarning,
        match=r"fr1: text looks like language 'fr', not English; "
        r"the embedding model is English",
    ):
        article = article_from_text(FRENCH, id="fr1")
    assert article.language == "fr"


def test_language_not_guessed_on_short_text() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert article_from_text("Bonjour. Merci beaucoup.").language is None


def test_huge_text_is_kept_with_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(from_text, "LARGE_TEXT_CHARS", 100)
    with pytest.warns(IngestWarning, match=r"big: very long text .* analysis will be slow"):
        article = article_from_text(STORY, id="big")
    assert article.ok


def test_file_too_large_is_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 100)
    path = write(tmp_path / "huge.txt", f"Title\n\n{STORY}")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was loaded"))
    with pytest.warns(SkippedInputWarning, match=r"huge\.txt: skipped: file too large"):
        article = read_one(path)
    assert article.status == "skipped"


def test_article_from_text_metadata_wins() -> None:
    article = article_from_text(
        f"Headline\n\n{STORY}\n\nSource: Opera News",
        id="x",
        source="Meta Source",
        first_line_is_title=True,
        url="https://example.org/x",
        published="2022-09-13",
    )
    assert (article.title, article.source, article.url, article.published) == (
        "Headline",
        "Meta Source",
        "https://example.org/x",
        "2022-09-13",
    )
    assert "publisher: Opera News" in article.attribution


def test_article_from_text_default_id_is_content_hash() -> None:
    assert article_from_text(STORY).id == article_from_text(STORY).id
    assert article_from_text(STORY).id.startswith("text-")


# --------------------------------------------------------------------------- #
# Duplicates
# --------------------------------------------------------------------------- #


def test_identical_texts_both_kept_later_one_warned(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Title\n\n{STORY}")
    write(tmp_path / "b.txt", f"Other title\n\n{STORY}")
    with pytest.warns(IngestWarning, match=r"^b: identical text to a$"):
        articles = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[0].warnings == ()
    assert articles[1].warnings == ("b: identical text to a",)


def test_duplicate_ids_get_suffix(tmp_path: Path) -> None:
    write(tmp_path / "one" / "story.txt", f"T1\n\n{STORY} One.")
    write(tmp_path / "two" / "story.txt", f"T2\n\n{STORY} Two.")
    write(tmp_path / "three" / "story.txt", f"T3\n\n{STORY} Three.")
    with pytest.warns(IngestWarning, match=r"duplicate id 'story' .*; renamed to 'story~2'"):
        articles = read_articles([tmp_path])
    assert [a.id for a in articles] == ["story", "story~2", "story~3"]
    assert [a.title for a in articles] == ["T1", "T3", "T2"]  # sorted: one, three, two


def test_same_file_twice_gives_unique_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"Title\n\n{STORY}")
    with pytest.warns(IngestWarning):
        articles = read_articles([path, path])
    assert len({a.id for a in articles}) == 2


# --------------------------------------------------------------------------- #
# JSONL and CSV
# --------------------------------------------------------------------------- #


def test_jsonl_rows_ids_and_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "title": "T1", "text": STORY, "source": "Site", "lang": "x"}),
        "",
        json.dumps({"title": "T2", "text": STORY + " Second."}),
        '{"id": "broken", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "nt", "body": STORY}),
        json.dumps({"id": "r7", "text": STORY + " Seventh."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    with pytest.warns(SkippedInputWarning, match=r"feed\.jsonl: skipped: line 4: invalid JSON: "):
        articles = read_articles([path])
    assert [a.id for a in articles] == ["r1", "feed:3", "feed:4", "feed:5", "nt", "r7"]
    assert [a.status for a in articles] == ["ok", "ok", "skipped", "skipped", "skipped", "ok"]
    assert articles[0].source == "Site" and articles[0].extra == {"lang": "x"}
    assert articles[3].reason == "line 5: expected a JSON object with a 'text' field, got list"
    assert articles[4].reason == "line 6: no 'text' field (fields found: body, id)"
    assert all(a.path == str(path) for a in articles)


def test_jsonl_without_title_takes_headline_line(tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", json.dumps({"id": "a", "text": f"Big Headline\n\n{STORY}"}))
    article = read_one(path)
    assert (article.title, article.text) == ("Big Headline", STORY)


def test_csv_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path / "table.csv",
        'ID,Title,Text,url\n,First,"' + STORY + '",https://a.example\n'
        'x2,Second,"' + STORY.replace("Monday", "Tuesday") + '",\n',
    )
    articles = read_articles([path])
    assert [(a.id, a.title, a.url) for a in articles] == [
        ("table:1", "First", "https://a.example"),
        ("x2", "Second", None),
    ]
    assert articles[0].text == STORY


def test_csv_without_text_column_is_one_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "wrong.csv", "id,headline,body\n1,a,b\n")
    with pytest.warns(
        SkippedInputWarning,
        match=r"wrong\.csv: skipped: CSV has no 'text' column \(columns found: "
        r"'id', 'headline', 'body'; expected: 'text', and optionally",
    ):
        article = read_one(path)
    assert (article.id, article.status) == ("wrong", "skipped")


def test_csv_row_with_empty_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", f'id,text\na,"{STORY}"\nb,\n')
    with pytest.warns(SkippedInputWarning, match=r"t\.csv row 2: skipped: empty text"):
        articles = read_articles([path])
    assert [a.status for a in articles] == ["ok", "skipped"]


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #

HOSTILE_HTML = """<!doctype html>
<html><head><title>Deputies demand resignation</title>
<meta property="og:site_name" content="Example News">
<script>document.write('EVIL-SCRIPT')</script><style>body{color:red}</style></head>
<body onload="alert('EVIL-ONLOAD')">
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Deputies demand resignation</h1>
<p>Russian officials are calling on President Vladimir Putin to resign amid mounting losses in
Ukraine, a rare sign of frustration as the Kremlin cracks down on dissent.</p>
<img src="x.png" onerror="alert('EVIL-ONERROR')">
<iframe src="https://evil.example/"><p>EVIL-IFRAME fallback text</p></iframe>
<p>The petition was signed by 35 municipal deputies on Monday, according to a deputy in
St. Petersburg who shared it online.</p>
<script>var x = "EVIL-INLINE";</script>
<p>The Kremlin said the operation would continue until its goals were achieved.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(HOSTILE_HTML, id="full-page"),
        pytest.param(
            "<p>Tiny page with <script>alert('EVIL')</script>one line.</p>"
            '<iframe>EVIL</iframe><img onerror="EVIL">',
            id="tiny-fallback",
        ),
    ],
)
def test_hostile_html_never_leaks_code(tmp_path: Path, html: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = read_one(write(tmp_path / "page.html", html))
    assert article.ok
    assert "EVIL" not in article.text and "EVIL" not in article.title
    assert "<" not in article.text
    assert "one line" in article.text or "35 municipal deputies" in article.text


def test_html_metadata(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "page.htm", HOSTILE_HTML))
    assert article.title == "Deputies demand resignation"
    assert article.source == "Example News"
    assert article.text.startswith("Russian officials are calling")
    assert article.text.count("\n\n") == 2


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #

_SUFFIXES = st.sampled_from([".txt", ".jsonl", ".csv", ".html", ".dat"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.binary(max_size=600), _SUFFIXES), min_size=1, max_size=3))
def test_arbitrary_bytes_never_crash(files: list[tuple[bytes, str]]) -> None:
    """Any bytes: no exception, one Article (at least) per file, ids unique."""
    folder = Path(tempfile.mkdtemp())
    try:
        paths = [write(folder / f"f{i}{suffix}", data) for i, (data, suffix) in enumerate(files)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = read_articles(paths)
        per_file = {str(p): 0 for p in paths}
        for article in articles:
            per_file[article.path] += 1
            assert bool(article.text) or not article.ok  # an analysed article has text
            assert article.ok or article.reason
        single = [str(p) for p in paths if p.suffix not in (".jsonl", ".csv")]
        assert all(per_file[p] == 1 for p in single)
        assert all(n >= 1 for n in per_file.values())
        assert len({a.id for a in articles}) == len(articles)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.builds(lambda s: json.dumps({"text": STORY + " " + s}), st.text(max_size=20)),
            st.text(max_size=30).filter(lambda s: "\n" not in s and "\r" not in s),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_jsonl_keeps_every_good_line(lines: list[str]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        path = write(folder / "rows.jsonl", "\n".join(lines))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = read_articles([path])
        good = [i + 1 for i, line in enumerate(lines) if line.startswith('{"text"')]
        ok_ids = [a.id for a in articles if a.ok]
        assert ok_ids == [f"rows:{n}" for n in good]
    finally:
        shutil.rmtree(folder)


def test_only_documented_errors(tmp_path: Path) -> None:
    """A missing path is the one input problem that raises, and it is an InputError."""
    with pytest.raises(InputError):
        read_articles([tmp_path / "missing.jsonl"])
