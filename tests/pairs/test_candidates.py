"""Candidate pruning for large corpora: what it must not miss."""

from analyzer.analysis import analyze
from analyzer.pairs.candidates import containment_pairs, lsh_pairs
from analyzer.text.ngrams import shingles
from tests.conftest import NEWSWEEK, SPUN

LONG = [f"word{i}" for i in range(300)]  # 296 distinct 5-grams
SHORT_COPY = LONG[20:60]  # all of its 36 5-grams are in LONG: Jaccard 0.12, containment 1.0
OTHER = ("fishermen in norway reported record catches of cod this winter as the water stayed "
         "cold and clear along the northern coast near the islands").split()


def test_short_copy_of_a_long_text_is_found_by_containment_not_jaccard():
    sets = [shingles(LONG, 5), shingles(SHORT_COPY, 5), shingles(OTHER, 5)]
    assert (0, 1) in containment_pairs(sets, threshold=0.5)
    assert (0, 1) not in lsh_pairs(sets, threshold=0.5)
    assert all(2 not in pair for pair in containment_pairs(sets, threshold=0.5))


def test_pruned_analysis_still_examines_the_spun_pair(engine, seeds_dir):
    pruned = analyze([seeds_dir], engine=engine, all_pairs_limit=2, scores=False)
    assert pruned.pairs_total == 10
    assert pruned.pair(NEWSWEEK, SPUN).relation == "spun"
