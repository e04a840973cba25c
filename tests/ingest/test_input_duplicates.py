"""Exact duplicates: both kept, ids made unique, the later flagged, and the pair called a copy."""

from __future__ import annotations

import pytest

from tests.texts import NEWS, PLAIN


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory, engine):
    from analyzer.analysis import analyze

    root = tmp_path_factory.mktemp("dups")
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "a" / "story.txt").write_text(NEWS, encoding="utf-8")
    (root / "b" / "story.txt").write_text(NEWS, encoding="utf-8")  # same id, same text
    (root / "other.txt").write_text(PLAIN, encoding="utf-8")
    with pytest.warns(UserWarning, match="identical"):
        return analyze([root], engine=engine)


def test_duplicates_are_both_kept_with_unique_ids(analysis) -> None:
    arts = analysis.articles.set_index("id")
    assert sorted(arts.index) == ["other", "story", "story~2"]
    assert (arts["status"] == "ok").all()
    assert "identical" in arts.loc["story~2", "warnings"]


def test_the_duplicate_pair_is_a_copy_with_every_sentence_aligned(analysis) -> None:
    result = analysis.pair("story", "story~2")
    assert result.relation == "copy"
    assert result.features["coverage_min"] == pytest.approx(1.0)
