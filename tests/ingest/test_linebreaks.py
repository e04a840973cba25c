"""Specification of hard-wrap repair (analyzer.ingest.linebreaks) and its place in ingest."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.from_text import article_from_text
from analyzer.ingest.linebreaks import unwrap_lines
from analyzer.text.sentences import split_sentences

PARAGRAPHS = [
    "In probability theory, Bayes' theorem (often called Bayes' law after Rev Thomas Bayes) relates "
    "the conditional and marginal probabilities of two random events. It is often used to compute "
    "posterior probabilities given observations. For example, a patient may be observed to have "
    "certain symptoms.",
    "Russian officials are calling on President Vladimir Putin to resign amid mounting losses in "
    "Ukraine, according to a petition signed by 35 municipal deputies in St. Petersburg on Monday.",
]


@pytest.mark.parametrize("width", [40, 60, 72, 80])
def test_a_hard_wrapped_text_has_the_sentences_of_the_unwrapped_one(width):
    flowing = "\n\n".join(PARAGRAPHS)
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in PARAGRAPHS)
    assert "\n" in wrapped.split("\n\n")[0]
    assert unwrap_lines(wrapped) == flowing
    assert ([s.text for s in split_sentences(article_from_text(wrapped).text)]
            == [s.text for s in split_sentences(flowing)])


@pytest.mark.parametrize(
    "text",
    [
        "Home\nnews\nsports\nworld",  # a menu: short lines, never joined
        "Putin and Trump met in Helsinki\nPhoto: AP",  # a caption and its credit
        "The petition reads:\n“We demand the resignation of Vladimir Putin.”",  # a colon ends the line
        "Related coverage of the summit in Helsinki\nTrump says he trusts Putin [REPORT]\n"
        "Putin offers help with the inquiry [REPORT]",  # a related-link list
        "The talks ended on Monday.\nthe second line starts in lower case but follows a full stop.",
    ],
)
def test_line_breaks_that_are_not_wraps_are_kept(text):
    assert unwrap_lines(text) == text


def test_a_line_continued_in_lower_case_is_joined_even_outside_a_wrapped_paragraph():
    assert (unwrap_lines("The deputies of the district council signed\na petition on Monday.")
            == "The deputies of the district council signed a petition on Monday.")


def test_the_title_line_of_a_text_file_is_not_joined_to_a_wrapped_body():
    body = textwrap.fill(PARAGRAPHS[1], 60)
    article = article_from_text("Officials call on Putin to resign\n" + body, first_line_is_title=True)
    assert article.title == "Officials call on Putin to resign"
    assert article.text == PARAGRAPHS[1]


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=200))
def test_unwrapping_only_turns_line_breaks_into_spaces(text):
    out = unwrap_lines(text)
    assert len(out) == len(text)
    assert [c for c in out if c not in " \n"] == [c for c in text if c not in " \n"]
    assert all(o == t or (t == "\n" and o == " ") for o, t in zip(out, text, strict=True))
