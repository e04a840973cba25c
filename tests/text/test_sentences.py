import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.text.sentences import clear_caches, find_speaker, quotation_mask, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to St. Petersburg on Monday. He left.", 2),
        ("U.S. President Donald Trump played golf. It rained.", 2),
        ("It was 5 p.m. on Jan. 3 when he left. Then he came back.", 2),
        ("“We demand that he resign!” The petition was signed by 18 officials.", 2),
        ("One sentence only", 1),
    ],
)
def test_sentence_boundaries_respect_abbreviations_and_quotes(text, expected):
    assert len(split_sentences(text)) == expected


def test_paragraphs_are_numbered_and_offsets_point_into_the_text():
    text = "First paragraph here. Second sentence.\n\nNew paragraph starts."
    sents = split_sentences(text)
    assert [s.paragraph for s in sents] == [0, 0, 1]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_quotation_spanning_sentences_marks_both():
    text = '"The text is laconic. It does not discredit anyone," wrote Ksenia Torstrom.'
    sents = split_sentences(text)
    assert sents[0].is_quote
    assert sents[0].speaker == "Ksenia Torstrom"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"We will win," said John Kirby.', "John Kirby"),
        ('Tortstem wrote the petition does not "discredit" anyone.', "Tortstem"),
        ('"It is rare," he said.', None),
        ("The petition reads: “We demand the resignation.”", None),
        ('"It is noteworthy," Kirby said this week on ABC.', "Kirby"),
        ('"We will see," he said on Monday.', None),
        ('"We will see," he said Monday.', None),
        ('"Yes," Kirby said Tuesday.', "Kirby"),
        ('Kirby said Tuesday Ukraine would "prevail".', "Kirby"),
        ('"We will see," said the spokesman in May.', None),
        ('"We will win," tweeted Ksenia Tortstrem on Monday.', "Ksenia Tortstrem"),
        ('"We will win," said Theresa May.', "Theresa May"),
    ],
)
def test_speaker_is_found_when_stated(sentence, speaker):
    assert find_speaker(sentence, quotation_mask(sentence)) == speaker


def test_unclosed_quote_marks_nothing():
    assert not any(quotation_mask('He said "this never closes.'))


@given(st.text(max_size=400))
def test_split_never_raises_and_offsets_are_exact(text):
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert 0.0 <= s.quoted <= 1.0
        assert s.text.strip() == s.text and s.text


def test_a_remembered_split_is_the_same_and_cannot_be_spoiled_by_its_caller():
    text = "Mr. Smith went to St. Petersburg. He met Dr. Jones there.\n\nThey talked for an hour."
    clear_caches()
    first = split_sentences(text)
    first.append(first[0])  # a caller's list is its own
    again = split_sentences(text)
    clear_caches()
    assert again == split_sentences(text)
    assert [s.text for s in again] == ["Mr. Smith went to St. Petersburg.", "He met Dr. Jones there.",
                                       "They talked for an hour."]
