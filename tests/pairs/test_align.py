"""Alignment maths on hand-built similarity matrices (no model)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analyzer.pairs.align import align_sentences, longest_ordered_share
from analyzer.pairs.evidence import RELATION_FEATURES
from tests.conftest import NEWSWEEK, SPUN


def links(df):
    return sorted(zip(df["a_index"], df["b_index"], strict=True))


def test_identity_aligns_every_sentence_in_order():
    df = align_sentences(np.eye(5) * 0.9 + 0.05)
    assert links(df) == [(i, i) for i in range(5)]
    assert df["in_run"].all()
    assert longest_ordered_share(df) == 1.0


def test_moderate_similarities_are_kept_only_inside_runs():
    sim = np.full((9, 9), 0.2)
    for i in range(4):
        sim[i, i] = 0.5  # a moderate, ordered run
    sim[8, 8] = 0.5  # a moderate, isolated pair: mutual best, but no run
    df = align_sentences(sim, threshold=0.55, floor=0.45)
    assert links(df) == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert df["in_run"].all()


def test_isolated_pair_below_threshold_and_not_mutual_is_dropped():
    sim = np.full((3, 3), 0.1)
    sim[0, 1] = 0.5
    sim[2, 1] = 0.52  # b1 prefers a2, so a0-b1 is not mutual
    df = align_sentences(sim, threshold=0.55, floor=0.45)
    assert (0, 1) not in links(df)


def test_repeated_passage_links_both_copies():
    # b repeats a's two sentences: b0,b1 and again b2,b3
    sim = np.array([[0.9, 0.1, 0.7, 0.1], [0.1, 0.9, 0.1, 0.7]])
    df = align_sentences(sim)
    assert links(df) == [(0, 0), (0, 2), (1, 1), (1, 3)]
    assert set(df["kind"]) == {"match", "repeat_b"}


def test_split_sentence_links_two_adjacent_sentences():
    sim = np.array([[0.7, 0.65, 0.1], [0.1, 0.2, 0.9]])
    df = align_sentences(sim)
    assert (0, 0) in links(df) and (0, 1) in links(df)
    assert set(df.loc[df["a_index"] == 0, "kind"]) == {"split"}


def test_unusable_sentences_are_never_linked():
    df = align_sentences(np.eye(3), usable_a=np.array([True, False, True]))
    assert 1 not in set(df["a_index"])


def test_lexical_shape_must_match():
    with pytest.raises(ValueError, match="expected \\(2, 3\\)"):
        align_sentences(np.zeros((2, 3)), lexical=np.zeros((3, 2)))


def test_empty_matrix_gives_empty_alignment():
    assert align_sentences(np.zeros((0, 4))).empty
    assert longest_ordered_share(align_sentences(np.zeros((0, 4)))) == 0.0


@given(arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 8)),
              elements=st.floats(-1, 1), unique=True))
def test_links_are_valid_and_transpose_gives_the_same_links(sim):
    df = align_sentences(sim)
    assert df["a_index"].between(0, sim.shape[0] - 1).all()
    assert df["b_index"].between(0, sim.shape[1] - 1).all()
    assert not df.duplicated(["a_index", "b_index"]).any()
    flipped = align_sentences(sim.T)
    assert sorted(zip(flipped["b_index"], flipped["a_index"], strict=True)) == links(df)


def test_a_faint_second_link_of_a_matched_sentence_is_not_a_repeat():
    # a0 is b0 almost word for word; a2 only resembles b0 (a topical neighbour), in a run with a3-b1
    sim = np.array([[0.96, 0.1], [0.1, 0.2], [0.61, 0.1], [0.1, 0.9]])
    df = align_sentences(sim)
    assert links(df) == [(0, 0), (3, 1)]


def test_a_split_keeps_its_weaker_half():
    sim = np.array([[0.95, 0.5, 0.1], [0.1, 0.1, 0.9]])
    lexical = np.array([[0.9, 0.62, 0.0], [0.0, 0.0, 0.9]])
    df = align_sentences(sim, lexical)
    assert links(df) == [(0, 0), (0, 1), (1, 2)]


def test_compare_gives_the_same_figures_whichever_text_comes_first(engine, seed_articles):
    """`compare A B` and `compare B A` once printed 78% and 83% for one ordered-chain share."""
    ab = engine.compare(seed_articles[NEWSWEEK], seed_articles[SPUN])
    ba = engine.compare(seed_articles[SPUN], seed_articles[NEWSWEEK])
    assert (ab.relation, ab.original_id, ab.probabilities) == (ba.relation, ba.original_id, ba.probabilities)
    for name in RELATION_FEATURES:
        assert ab.features[name] == pytest.approx(ba.features[name]), name
    assert ab.reasons == ba.reasons
