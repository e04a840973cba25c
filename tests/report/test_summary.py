"""The report's summary stays short at any size and qualifies reliability built on little."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analyzer.report.summary import PAIRS_TOLD, summary_sentences

EMPTY = pd.DataFrame(columns=["a_index", "b_index", "original", "replacement", "changed", "what"])


def _analysis(n_articles: int, n_derived: int, notes: tuple[str, ...] = ()) -> SimpleNamespace:
    """``n_articles`` articles of distinct outlets; article k+1 spins article k, for k < ``n_derived``."""
    ids = [f"{k:03d}_{k:08x}" for k in range(n_articles)]
    derived = set(ids[1 : n_derived + 1])
    articles = pd.DataFrame({
        "id": ids, "status": "ok", "source": [f"Outlet {k}" for k in range(n_articles)],
        "originality": [0.0 if i in derived else 100.0 for i in ids],
        "consistency": 100.0,
        "attribution": ["claims as own" if i in derived else "original" for i in ids],
        "attribution_explanation": ["derived from another and credits nobody" if i in derived
                                    else "no article in the corpus it derives from" for i in ids],
        "credits": [[] for _ in ids]})
    articles.loc[n_articles - 1, "attribution"] = "declares an origin"
    articles.at[n_articles - 1, "credits"] = ["Reuters"]
    pairs = pd.DataFrame({
        "a": ids[:n_derived], "b": ids[1 : n_derived + 1], "relation": "spun",
        "spin_probability": [0.99 - 0.01 * k for k in range(n_derived)], "p_copy": 0.0,
        "original_id": ids[:n_derived], "coverage_min": 0.8, "coverage_max": 0.9,
        "shingle5_containment_max": 0.05})
    sources = pd.DataFrame({
        "source": articles["source"], "n_articles": 1,
        "reliability": [20.0 if i in derived else 100.0 for i in ids]})
    result = SimpleNamespace(substitutions=EMPTY, fact_changes=EMPTY, direction_probability=0.9,
                             direction_reasons=("text evidence",))
    return SimpleNamespace(
        articles=articles, pairs=pairs, stories=pd.DataFrame({"story": [0]}), sources=sources,
        discrepancies=pd.DataFrame(columns=["kind", "topic", "note"]), pairs_examined=len(pairs),
        pairs_total=n_articles * (n_articles - 1) // 2, notes=notes, pair=lambda a, b: result)


@pytest.mark.parametrize("n_articles, n_derived", [(5, 1), (20, 10), (100, 60)])
def test_summary_is_about_ten_sentences_at_any_size(n_articles, n_derived):
    notes = tuple(f"{k + 2} inputs repeat the text of x exactly" for k in range(n_articles // 10))
    sentences = summary_sentences(_analysis(n_articles, n_derived, notes))
    assert len(sentences) <= 10
    told = [s for s in sentences if "is a machine-spun rewrite of" in s]
    assert len(told) == min(n_derived, PAIRS_TOLD)


def test_pairs_beyond_the_few_told_are_counted():
    sentences = summary_sentences(_analysis(20, 10))
    assert f"{10 - PAIRS_TOLD} more derived pairs ({10 - PAIRS_TOLD} spun, 0 copied)" in " ".join(sentences)
    assert "Outlet 0 (000_00000000) came first" in sentences[1]  # the surest pair first


def test_many_uncredited_articles_are_one_sentence():
    sentences = summary_sentences(_analysis(20, 10))
    credit = [s for s in sentences if "without crediting" in s]
    assert len(credit) == 1 and credit[0].startswith("10 articles") and "and 7 more" in credit[0]


def test_most_reliable_source_is_qualified_when_its_basis_is_thin():
    sentences = summary_sentences(_analysis(4, 1))
    reliability = next(s for s in sentences if s.startswith("Least reliable source"))
    assert reliability.startswith(
        "Least reliable source: Outlet 1 (20 of 100, on one article); most reliable: Outlet 0, Outlet 2, "
        "Outlet 3 (it says it took its text from Reuters, which is not among the inputs")
    assert "(100 of 100, each on one article)" in reliability
    assert "only from articles among the inputs" in reliability


def test_run_notes_fold_into_the_opening():
    sentences = summary_sentences(_analysis(5, 1, notes=("first note", "second note", "third note")))
    assert sentences[0].endswith("First note (and 2 more notes under 'Method and limits').")


def test_write_report_tells_each_stage_as_it_starts(seed_analysis, tmp_path):
    from analyzer.report.files import write_report

    stages: list[str] = []
    write_report(seed_analysis, tmp_path, name="s", pdf=False, on_stage=stages.append)
    assert stages == ["drawing the charts", "writing the HTML page"]
