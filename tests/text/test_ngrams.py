import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.text.ngrams import (
    char_counts,
    char_tfidf_similarity,
    containment,
    jaccard,
    sequence_containment,
    sequence_similarity,
    shingles,
)

token_lists = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=30)


def test_shingles_of_short_text_is_the_text():
    assert shingles(["a", "b"], 5) == {("a", "b")}
    assert shingles([], 5) == set()


def test_containment_is_asymmetric_for_a_cut_down_copy():
    full = shingles("the quick brown fox jumps over the lazy dog today".split(), 3)
    cut = shingles("the quick brown fox jumps".split(), 3)
    assert containment(cut, full) == 1.0
    assert containment(full, cut) < 1.0


@given(token_lists, token_lists)
def test_set_and_sequence_similarities_are_symmetric_and_bounded(a, b):
    sa, sb = shingles(a, 2), shingles(b, 2)
    assert jaccard(sa, sb) == jaccard(sb, sa)
    assert 0.0 <= jaccard(sa, sb) <= 1.0
    assert sequence_similarity(a, b) == pytest.approx(sequence_similarity(b, a))
    assert 0.0 <= sequence_containment(a, b) <= 1.0 + 1e-9


def test_char_tfidf_finds_the_reworded_sentence():
    a = char_counts(["Ukraine took back 1,000 miles of territory.", "The weather was fine."])
    b = char_counts(["Ukraine recovered 1,000 kilometers of territory."])
    sim, doc = char_tfidf_similarity(a, b)
    assert sim.shape == (2, 1)
    assert sim[0, 0] > sim[1, 0]
    assert 0.0 < doc <= 1.0


def test_char_tfidf_of_empty_article_is_zero():
    sim, doc = char_tfidf_similarity(char_counts([]), char_counts(["text"]))
    assert sim.shape == (0, 1) and doc == 0.0
    assert np.all(sim == 0)
