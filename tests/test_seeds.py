"""The product's promise on the seed articles (truth.json), from the real pipeline."""

import pytest

from tests.conftest import NEWSWEEK, SPUN


def test_spun_pair_is_found_with_the_newsweek_original(seed_analysis):
    result = seed_analysis.pair(NEWSWEEK, SPUN)
    assert result.relation == "spun"
    assert result.original_id == NEWSWEEK
    assert result.spin_probability > 0.8


def test_no_other_pair_is_called_derived(seed_analysis):
    derived = seed_analysis.derived_pairs()
    assert sorted(map(sorted, zip(derived["a"], derived["b"], strict=True))) == [
        sorted([NEWSWEEK, SPUN])]


def test_every_pair_of_the_truth_file_is_examined(seed_analysis, truth):
    for pair in truth["pairs"]:
        result = seed_analysis.pair(pair["a"], pair["b"])
        assert (result.relation == "spun") == (pair["relation"] == "spun")


def test_evidence_lists_substitutions_and_the_unit_drift(seed_analysis):
    result = seed_analysis.pair(NEWSWEEK, SPUN)
    forward = result.a_id == NEWSWEEK
    subs, facts = result.substitutions, result.fact_changes
    swaps = set(zip(subs["original"], subs["replacement"], strict=True))
    swaps = swaps if forward else {(new, old) for old, new in swaps}
    assert any("municipal" in old and "metropolitan" in new for old, new in swaps)
    assert len(swaps) >= 20
    changed = set(zip(facts["original"], facts["changed"], strict=True))
    changed = changed if forward else {(new, old) for old, new in changed}
    assert ("1,000 miles", "1,000 kilometers") in changed


def test_alignment_catches_the_passage_spun_twice(seed_analysis):
    result = seed_analysis.pair(NEWSWEEK, SPUN)
    newsweek_side = "a_index" if result.a_id == NEWSWEEK else "b_index"
    linked_twice = result.alignment[newsweek_side].value_counts()
    assert (linked_twice >= 2).sum() >= 3


@pytest.mark.parametrize("article_id", [SPUN, NEWSWEEK, "001_faf92bcd485ea369",
                                        "002_5b78fe328c9e5e41", "004_4ab8a011891d9a26"])
def test_every_seed_is_analysed(seed_analysis, article_id):
    row = seed_analysis.articles.set_index("id").loc[article_id]
    assert row["status"] == "ok"
    assert row["n_sentences"] > 5


def test_spun_needs_one_side_mostly_aligned(engine, seed_articles):
    from dataclasses import replace

    from analyzer.pairs.evidence import pair_evidence

    a, b = engine.profile([seed_articles[NEWSWEEK], seed_articles[SPUN]])
    evidence = pair_evidence(a, b)
    partial = replace(evidence, features={**evidence.features, "coverage_max": 0.4})
    result = engine.decide(a, b, partial)
    assert result.relation != "spun"
    assert any("not called spun" in reason for reason in result.reasons)
