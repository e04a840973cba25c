"""Specification of boilerplate separation (analyzer.ingest.boilerplate.clean_body)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest.boilerplate import ATTRIBUTION_KINDS, clean_body, normalize_whitespace

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DEV_SCRAPES = Path("/work/shared/data/dev/news_articles.jsonl")

PROSE = (
    "Russian officials are calling on President Vladimir Putin to resign amid mounting losses "
    "in Ukraine. The petition was signed by 35 municipal deputies on Monday."
)
PROSE_2 = "The Kremlin said the military operation would continue until its goals are achieved."
PROSE_3 = "Police later summoned council members for allegedly discrediting the government."


def seed_body(stem: str) -> tuple[str, str]:
    """(title, body) of a seed file: the first non-empty line is its title here."""
    title, _, body = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8").strip().partition("\n")
    return title, body


# --------------------------------------------------------------------------- #
# The five seeds: what a person checked each one must give
# --------------------------------------------------------------------------- #

SEED_CASES = [
    pytest.param(
        "000_d33e6d2f6bc58844",
        "Opera News",
        ("publisher: Opera News",),
        ["Ukraine Situation World", "Source:Opera News"],
        (),
        id="000-opera-news",
    ),
    pytest.param(
        "001_faf92bcd485ea369",
        None,
        ("origin: New York Post",),
        ["Comment Here", "top", "NEWS COLLECTED FROM NEW YORK POST."],
        (),
        id="001-collected-from-new-york-post",
    ),
    pytest.param(
        "002_5b78fe328c9e5e41",
        None,
        (),
        [
            "We use your sign-up to provide content in ways you’ve consented to and to improve our"
            " understanding of you. This may include adverts from us and 3rd parties based on our"
            " understanding. You can unsubscribe at any time. More info",
            "Putin’s puppet rattled as UK-trained Ukrainian soldiers lead advance [REPORT]",
            "Zelensky calls for new weapons in final push to crush ‘Russian terror’ [REPORT]",
            "Putin ‘finished’ as Russians record ‘astonishing failure’ in Kharkiv [REPORT]",
            "Putin’s forces plunge major Ukraine city into blackout",
            "Russians ’embarrassed’ as ‘cracks in the system’ show Putin collapsing",
            "‘May involve WMDs!’ Putin feared ‘strike back in unpredictable’ attack",
            "Fears Putin poised for new ‘terror’ with Black Sea nuclear strike",
            "Mysterious death of Putin ally who fell overboard at full-speed",
            "Source: Read Full Article",
        ],
        (),
        id="002-express-signup-and-links",
    ),
    pytest.param(
        "003_26342a6f18a9b02e",
        None,
        ("self: Newsweek",),
        [
            "Russian officials demand Putin resignation",
            "Above, Russian President Vladimir Putin attends a meeting in Moscow on Monday. "
            "Thirty-five Russian officials are demanding that he resign as losses mount in his "
            "invasion of Ukraine. GAVRIIL GRIGOROV/SPUTNIK/AFP via Getty Images",
        ],
        (
            "Russian officials demand Putin resignation",
            "Above, Russian President Vladimir Putin attends a meeting in Moscow on Monday. "
            "Thirty-five Russian officials are demanding that he resign as losses mount in his "
            "invasion of Ukraine. GAVRIIL GRIGOROV/SPUTNIK/AFP via Getty Images",
        ),
        id="003-newsweek-photo-credit",
    ),
    pytest.param("004_4ab8a011891d9a26", None, (), [], (), id="004-nothing-to-remove"),
]


@pytest.mark.parametrize(("stem", "source", "attribution", "removed", "credits"), SEED_CASES)
def test_seed_cleaning(
    stem: str,
    source: str | None,
    attribution: tuple[str, ...],
    removed: list[str],
    credits: tuple[str, ...],
) -> None:
    title, body = seed_body(stem)
    cleaned = clean_body(body, title=title)
    assert cleaned.source == source
    assert cleaned.attribution == attribution
    assert sorted(cleaned.removed) == sorted(removed)
    assert cleaned.credits == credits
    for line in removed:
        assert line not in cleaned.text


def test_seed_001_keeps_the_paragraph_the_origin_line_closes() -> None:
    title, body = seed_body("001_faf92bcd485ea369")
    text = clean_body(body, title=title).text
    assert text.endswith("in power as either president or vice president since 2000.")
    assert "Broadcasting News Corporation : Russian President Vladimir Putin" in text


def test_seed_003_self_attribution_sentence_stays_in_text() -> None:
    title, body = seed_body("003_26342a6f18a9b02e")
    text = clean_body(body, title=title).text
    assert text.endswith(
        "Newsweek reached out to Russia's Ministry of Foreign Affairs for comment."
    )


@pytest.mark.parametrize("stem", [p.stem for p in sorted(SEEDS.glob("*.txt"))])
def test_seed_sentences_survive(stem: str) -> None:
    """Every prose paragraph (a line of 25+ words) of a seed is still in the cleaned text."""
    title, body = seed_body(stem)
    text = clean_body(body, title=title).text
    long_lines = [ln.strip() for ln in body.split("\n") if len(ln.split()) >= 25]
    assert long_lines
    for line in long_lines:
        if any(mark in line for mark in ("Getty Images", "COLLECTED FROM", "your sign-up")):
            continue  # 003's caption, 001's tail, 002's sign-up blurb: checked above
        assert normalize_whitespace(line) in text


def test_seed_002_keeps_paragraph_breaks() -> None:
    title, body = seed_body("002_5b78fe328c9e5e41")
    text = clean_body(body, title=title).text
    assert "\n\n" in text and "\n\n\n" not in text
    assert text.startswith("Russia: Officials from 18 Russian districts call for Putin to resign")


# --------------------------------------------------------------------------- #
# Rules, one furniture line at a time, inside real prose
# --------------------------------------------------------------------------- #


def around(line: str) -> str:
    """A body with ``line`` between prose paragraphs (neither head nor tail)."""
    return "\n\n".join([PROSE, PROSE_2, line, PROSE_3, PROSE])


REMOVED_MID_TEXT = [
    pytest.param("Advertisement", id="ad-label"),
    pytest.param("Comment Here", id="comment-here"),
    pytest.param("Read Full Article", id="read-full-article"),
    pytest.param("Share this article", id="share"),
    pytest.param("___", id="rule"),
    pytest.param("Updated 8:30 AM ET, Sun July 15, 2018", id="timestamp"),
    pytest.param("Thank you for signing up! Sign up for more newsletters here", id="newsletter"),
    pytest.param("Subscribe for unlimited digital access. Try one month for $1!", id="subscribe"),
    pytest.param(
        "No one covers what is happening in our community better than we do. And with a digital "
        "subscription, you'll never miss a local story.",
        id="subscription-pitch",
    ),
    pytest.param("Melania Shines In Powder Blue Coat At Helsinki Airport [PHOTOS]", id="tag-link"),
    pytest.param(
        "Copyright 2018 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        id="copyright",
    ),
]


@pytest.mark.parametrize("line", REMOVED_MID_TEXT)
def test_furniture_line_is_removed(line: str) -> None:
    cleaned = clean_body(around(line))
    assert line in cleaned.removed
    assert cleaned.text == "\n\n".join([PROSE, PROSE_2, PROSE_3, PROSE])


CREDIT_LINES = [
    pytest.param("Brendan Smialowski, AFP/Getty Images", id="name-agency-getty"),
    pytest.param("Photo: Pablo Martinez Monsivais, AP", id="photo-colon"),
    pytest.param("(AP Photo/Pablo Martinez Monsivais)", id="ap-photo"),
    pytest.param(
        "U.S. President Donald Trump arrives at Helsinki-Vantaa airport in Vantaa, Finland, "
        "July 15, 2018. REUTERS/Kevin Lamarque",
        id="reuters-caption",
    ),
    pytest.param(
        "Samuli Huuhtanen displays a beer bottle. | AP Photo/Markus Schreiber", id="pipe-credit"
    ),
    pytest.param("Credit: The Associated Press", id="credit-colon"),
]


@pytest.mark.parametrize("line", CREDIT_LINES)
def test_photo_credit_goes_to_credits(line: str) -> None:
    cleaned = clean_body(around(line))
    assert cleaned.credits == (line,)
    assert line not in cleaned.text


KEPT_SENTENCES = [
    pytest.param("By then, the talks had already ended without a deal.", id="by-then"),
    pytest.param(
        "Source: A Fox News poll of 1,007 registered U.S. voters conducted July 9-11.",
        id="chart-source-mid-text",
    ),
    pytest.param(
        "Trump urged his supporters to subscribe to the campaign newsletter and donate.",
        id="subscribe-in-prose",
    ),
    pytest.param(
        "“If you want to sign up, you can,” the deputy told reporters at the council.",
        id="quoted-you",
    ),
    pytest.param(
        "WASHINGTON (Reuters) - U.S. President Donald Trump said the European Union is a foe.",
        id="reuters-dateline",
    ),
    pytest.param(
        "A photographer for Getty Images was among those detained at the border crossing.",
        id="getty-in-prose",
    ),
    pytest.param("WHAT TRUMP WANTS", id="section-heading-mid-text"),
]


@pytest.mark.parametrize("line", KEPT_SENTENCES)
def test_article_sentence_is_kept(line: str) -> None:
    cleaned = clean_body(around(line))
    assert line in cleaned.text.split("\n\n")
    assert cleaned.removed == ()


ATTRIBUTION_CASES = [
    pytest.param(
        PROSE + "\n\nSource: Opera News", "publisher: Opera News", "Opera News", id="source-footer"
    ),
    pytest.param(
        PROSE + " Source: Opera News",
        "publisher: Opera News",
        "Opera News",
        id="source-sentence-tail",
    ),
    pytest.param(PROSE + "\n\nSource: Read Full Article", None, None, id="source-link-label"),
    pytest.param("By Reuters\n\n" + PROSE, "origin: Reuters", None, id="by-wire"),
    pytest.param(
        "By The Associated Press\n\n" + PROSE, "origin: Associated Press", None, id="by-ap"
    ),
    pytest.param(
        "By Susan B. Glasser\n\n" + PROSE, "byline: Susan B. Glasser", None, id="byline-person"
    ),
    pytest.param("HELSINKI (AP) — " + PROSE, "origin: Associated Press", None, id="ap-dateline"),
    pytest.param(
        PROSE + " This article originally appeared on The Conversation.",
        "origin: The Conversation",
        None,
        id="originally-appeared",
    ),
    pytest.param(
        PROSE + " NEWS COLLECTED FROM THE WASHINGTON POST.",
        "origin: The Washington Post",
        None,
        id="collected-from",
    ),
    pytest.param(
        PROSE + " The White House declined a CNN request for comment.",
        "self: CNN",
        None,
        id="self-declined-request",
    ),
    pytest.param(
        PROSE + " Newsweek has contacted the Kremlin for comment.",
        "self: Newsweek",
        None,
        id="self-contacted",
    ),
]


@pytest.mark.parametrize(("raw", "entry", "source"), ATTRIBUTION_CASES)
def test_attribution(raw: str, entry: str | None, source: str | None) -> None:
    cleaned = clean_body(raw)
    assert cleaned.source == source
    if entry is None:
        assert cleaned.attribution == ()
    else:
        assert entry in cleaned.attribution
    assert all(a.split(": ", 1)[0] in ATTRIBUTION_KINDS for a in cleaned.attribution)
    assert cleaned.text.startswith(("Russian officials", "HELSINKI (AP)"))


def test_self_attribution_is_not_a_person_or_pronoun() -> None:
    cleaned = clean_body(PROSE + " He reached out to the ministry for comment.")
    assert cleaned.attribution == ()


def test_nav_labels_only_before_the_first_paragraph() -> None:
    raw = "Ukraine Situation World\n\n" + PROSE + "\n\nUkraine Situation World\n\n" + PROSE_2
    cleaned = clean_body(raw)
    assert cleaned.removed == ("Ukraine Situation World",)
    assert cleaned.text == "\n\n".join([PROSE, "Ukraine Situation World", PROSE_2])


def test_short_teaser_list_is_not_cut_as_related_links() -> None:
    """A text that is only a headline and summary bullets keeps its bullets."""
    bullets = [
        "President Donald Trump is leaving Scotland for Helsinki on Sunday with wife Melania",
        "Campaigners have taken to the streets in Helsinki to protest both leaders",
    ]
    raw = PROSE + "\n\n" + "\n\n".join(bullets)
    assert clean_body(raw).text == raw


def test_repeated_title_is_removed() -> None:
    title = "Trump pursuit of Putin bromance highlights policy disconnect"
    cleaned = clean_body(f"{title}\n\nKOIN\n\n{PROSE}", title=title)
    assert title in cleaned.removed
    assert title not in cleaned.text


def test_ui_label_prefix_is_cut_from_a_sentence() -> None:
    line = "WASHINGTON (Reuters) - U.S. President Donald Trump said the European Union is a foe."
    cleaned = clean_body(around(f"Share this article: {line}"))
    assert line in cleaned.text.split("\n\n")
    assert "Share this article:" in cleaned.removed


@pytest.mark.parametrize("raw", ["", "   \n\n  ", "Advertisement\n\nShare"])
def test_nothing_left(raw: str) -> None:
    assert clean_body(raw).text == ""


def test_whitespace_is_normalised_and_paragraphs_kept() -> None:
    raw = f"  {PROSE}\u00a0\r\n\r\n\r\n\t{PROSE_2}\u2028{PROSE_3}\u200b "
    assert clean_body(raw).text == f"{PROSE}\n\n{PROSE_2}\n{PROSE_3}"


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #

# Text built from furniture, prose and noise, so the rules actually fire.
_PIECES = st.sampled_from(
    [
        PROSE,
        PROSE_2,
        PROSE_3,
        "Advertisement",
        "top",
        "Source: Opera News",
        "By Reuters",
        "Putin’s forces plunge major Ukraine city into blackout",
        "Photo: Mel Evans, AP",
        "Ukraine Situation World",
        "NEWS COLLECTED FROM NEW YORK POST.",
        "Watch more:",
        "Newsweek reached out to the ministry for comment.",
        "July 15, 2018",
        "\u00a0",
        "___",
    ]
)
_BODIES = st.lists(st.one_of(_PIECES, st.text(max_size=80)), max_size=12).flatmap(
    lambda parts: st.tuples(
        st.just(parts),
        st.lists(
            st.sampled_from(["\n", "\n\n", " ", "\r\n\r\n"]),
            min_size=len(parts),
            max_size=len(parts),
        ),
    )
)


def _join(parts_and_seps: tuple[list[str], list[str]]) -> str:
    parts, seps = parts_and_seps
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


@settings(max_examples=300, deadline=None)
@given(_BODIES, st.one_of(st.none(), st.text(max_size=30)))
def test_clean_body_is_idempotent(parts: tuple[list[str], list[str]], title: str | None) -> None:
    once = clean_body(_join(parts), title=title)
    twice = clean_body(once.text, title=title)
    assert twice.text == once.text
    assert twice.removed == ()


@settings(max_examples=300, deadline=None)
@given(_BODIES)
def test_clean_body_only_removes(parts: tuple[list[str], list[str]]) -> None:
    """Every kept line is a line (or the start of a line) of the normalised input."""
    raw = normalize_whitespace(_join(parts))
    cleaned = clean_body(raw)
    for line in cleaned.text.split("\n"):
        if line:
            assert line in raw
    assert set(cleaned.credits) <= set(cleaned.removed)
    assert cleaned.source is None or f"publisher: {cleaned.source}" in cleaned.attribution


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalize_whitespace_is_idempotent(text: str) -> None:
    once = normalize_whitespace(text)
    assert normalize_whitespace(once) == once
    assert "\n\n\n" not in once
    assert once == once.strip()


# --------------------------------------------------------------------------- #
# Real scrapes (skipped when the shared dev data is absent)
# --------------------------------------------------------------------------- #


@pytest.mark.skipif(not DEV_SCRAPES.exists(), reason=f"dev data not found at {DEV_SCRAPES}")
def test_real_scrapes_idempotent_and_prose_kept() -> None:
    rows = [json.loads(line) for line in DEV_SCRAPES.read_text(encoding="utf-8").splitlines()]
    lost = []
    for row in rows[::6]:
        title, _, body = row["text"].strip().partition("\n")
        cleaned = clean_body(body, title=title)
        assert clean_body(cleaned.text, title=title).text == cleaned.text, row["id"]
        for line in cleaned.removed:
            # a removed line with several sentences would be lost prose, unless it is a
            # caption, copyright notice or reader prompt
            if (
                line.count(". ") >= 2
                and line not in cleaned.credits
                and ("rights reserved" not in line.lower() and "you" not in line.lower())
            ):
                lost.append((row["id"], line))
    assert lost == []
