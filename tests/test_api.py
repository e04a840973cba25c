import json

import pytest

import analyzer

PUBLIC = {
    "Analysis", "AnalyzerError", "Article", "CorpusIndex", "DirectionClassifier", "Engine",
    "IndexFormatError", "InputError", "InputNotFoundError", "ModelError", "NoArticlesError",
    "PairClassifier", "PairResult", "RelationModel", "ReportError", "ReportFiles", "SentenceEncoder",
    "StaticEncoder", "UnreadableInputError", "__version__", "analyze", "article_from_text", "compare",
    "rank", "read_articles", "write_report",
}


def test_all_lists_exactly_the_public_names():
    assert set(analyzer.__all__) == PUBLIC
    for name in analyzer.__all__:
        assert hasattr(analyzer, name)


def test_compare_accepts_bare_text_and_serialises(engine, seed_articles):
    a = seed_articles["003_26342a6f18a9b02e"].text
    b = seed_articles["000_d33e6d2f6bc58844"].text
    result = analyzer.compare(a, b, engine=engine)
    assert result.relation == "spun"
    assert list(result.alignment.columns[:2]) == ["a_index", "b_index"]
    assert {"a_sentence", "b_sentence", "similarity"} <= set(result.alignment.columns)
    json.dumps(result.to_dict())


def test_compare_is_symmetric_in_relation_and_direction(engine, seed_articles):
    a, b = seed_articles["003_26342a6f18a9b02e"], seed_articles["000_d33e6d2f6bc58844"]
    ab, ba = engine.compare(a, b), engine.compare(b, a)
    assert ab.relation == ba.relation
    assert abs(ab.spin_probability - ba.spin_probability) < 0.02
    assert ab.original_id == ba.original_id


def test_compare_reads_paths_as_files_not_as_text(engine):
    from pathlib import Path

    from tests.conftest import SEEDS

    original, spin = SEEDS / "003_26342a6f18a9b02e.txt", SEEDS / "000_d33e6d2f6bc58844.txt"
    by_path = analyzer.compare(str(original), Path(spin), engine=engine)
    assert (by_path.a_id, by_path.b_id, by_path.relation) == (original.stem, spin.stem, "spun")


@pytest.mark.parametrize("suffix", [".json", ".html", ".pdf"])
def test_an_analysis_writes_itself_by_suffix(seed_analysis, tmp_path, suffix):
    path = seed_analysis.to_file(tmp_path / f"seeds{suffix}")
    data = path.read_bytes()
    if suffix == ".json":
        assert json.loads(data)["pairs_total"] == 10
    elif suffix == ".html":
        assert b"<html" in data[:500].lower()
    else:
        assert data.startswith(b"%PDF")


def test_an_unknown_suffix_is_refused(seed_analysis, tmp_path):
    with pytest.raises(analyzer.InputError, match=r"use \.json, \.html or \.pdf"):
        seed_analysis.to_file(tmp_path / "seeds.xlsx")


def test_analysis_json_carries_the_evidence_of_every_derived_pair(seed_analysis):
    data = json.loads(seed_analysis.to_json())
    derived = seed_analysis.derived_pairs()
    assert len(data["evidence"]) == len(derived) > 0
    spun = next(e for e in data["evidence"] if e["relation"] == "spun")
    assert spun["alignment"] and spun["substitutions"] and spun["reasons"]


def test_an_analysis_keeps_evidence_tables_for_derived_pairs_only(engine, seed_analysis, seeds_dir):
    full = analyzer.analyze([seeds_dir], engine=engine, keep_evidence=True, scores=False)
    for key, result in seed_analysis.results.items():
        whole = full.results[key]
        assert result.evidence_kept is (result.relation in ("copy", "spun"))
        assert (result.n_aligned, result.n_substitutions, result.n_fact_changes) == (
            len(whole.alignment), len(whole.substitutions), len(whole.fact_changes))
        assert (result.relation, result.spin_probability, result.reasons) == (
            whole.relation, whole.spin_probability, whole.reasons)
    assert all(r.evidence_kept for r in full.results.values())
    slim = [r for r in seed_analysis.results.values() if not r.evidence_kept]
    assert slim and all(len(r.alignment) == 0 for r in slim)
    assert seed_analysis.pairs["n_substitutions"].tolist() == full.pairs["n_substitutions"].tolist()
    assert "keep_evidence=True" in slim[0]._repr_html_()
