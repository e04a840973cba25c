"""Specification of "who came first": a direction a journalist can trust, or "the text does not tell"."""

import json
from importlib import resources

import pandas as pd
import pytest

import analyzer
from analyzer import config
from analyzer.article import Article
from analyzer.pairs.result import PairResult
from analyzer.scores.attribution import attribution_table
from analyzer.scores.originality import derived_sentences, undirected_partners
from tests.texts import HARBOUR_INDEPENDENT, HARBOUR_ORIGINAL, HARBOUR_REWORDED, HARBOUR_SPUN

DERIVATIVES = {"reworded", "spun"}


@pytest.fixture(scope="module")
def harbour(engine):
    texts = {"original": HARBOUR_ORIGINAL, "independent": HARBOUR_INDEPENDENT,
             "reworded": HARBOUR_REWORDED, "spun": HARBOUR_SPUN}
    articles = [analyzer.article_from_text(t, id=i, first_line_is_title=True) for i, t in texts.items()]
    return analyzer.analyze(articles, engine=engine)


def test_no_derivative_is_named_the_source_of_the_original(harbour):
    for pair in harbour.pairs.itertuples():
        if isinstance(pair.original_id, str) and "original" in (pair.a, pair.b):
            assert pair.original_id == "original", pair


def test_the_original_is_never_scored_least_original(harbour):
    score = harbour.articles.set_index("id")["originality"]
    assert all(score["original"] >= score[d] for d in DERIVATIVES)


def test_the_original_is_never_said_to_claim_others_text_as_its_own(harbour):
    verdict = harbour.articles.set_index("id").loc["original", "attribution"]
    assert verdict in ("original", "direction unknown")


def test_the_independent_report_is_not_derived(harbour):
    pairs = harbour.pairs
    independent = pairs[(pairs["a"] == "independent") | (pairs["b"] == "independent")]
    assert not independent["relation"].isin(["copy", "spun"]).any()


def _result(original: str | None) -> PairResult:
    alignment = pd.DataFrame({"a_index": [0, 1], "b_index": [0, 1], "similarity": [0.8, 0.8]})
    empty = pd.DataFrame()
    return PairResult(a_id="x", b_id="y", relation="spun", spin_probability=0.99,
                      probabilities={"copy": 0.0, "spun": 0.99, "same_story": 0.01, "unrelated": 0.0},
                      original=original, direction_probability=0.5, reasons=(), direction_reasons=(),
                      alignment=alignment, substitutions=empty, fact_changes=empty, features={})


def test_an_unknown_direction_costs_neither_side_originality(engine):
    profiles = {p.id: p for p in engine.profile([Article(id="x", text=HARBOUR_ORIGINAL),
                                                 Article(id="y", text=HARBOUR_SPUN)])}
    assert derived_sentences([_result(None)], profiles).empty
    assert undirected_partners([_result(None)]) == {"x": ["y"], "y": ["x"]}
    assert set(derived_sentences([_result("a")], profiles)["article_id"]) == {"y"}


def test_an_unknown_direction_is_neither_credited_nor_blamed():
    arts = {"x": Article(id="x", text="t"), "y": Article(id="y", text="t")}
    table = attribution_table(arts, [_result(None)]).set_index("article_id")
    assert set(table["verdict"]) == {"direction unknown"}
    assert "which came first cannot be told" in table.loc["x", "explanation"]
    blamed = attribution_table(arts, [_result("a")]).set_index("article_id")
    assert blamed.loc["y", "verdict"] == "claims as own"


def test_the_confidence_threshold_is_the_one_chosen_for_the_shipped_model():
    stored = json.loads(resources.files("analyzer").joinpath("data/pair_model.json").read_text("utf-8"))
    assert stored["metadata"]["direction"]["confidence"] == config.DIRECTION_CONFIDENCE
    assert stored["metadata"]["direction"]["max_wrong"] <= 0.05


def test_the_seeds_stay_right(seed_analysis):
    pair = seed_analysis.pair("003_26342a6f18a9b02e", "000_d33e6d2f6bc58844")
    assert pair.original_id == "003_26342a6f18a9b02e"


@pytest.fixture
def harbour_files(tmp_path):
    (tmp_path / "original.txt").write_text(HARBOUR_ORIGINAL, encoding="utf-8")
    (tmp_path / "spun.txt").write_text(HARBOUR_SPUN, encoding="utf-8")
    return tmp_path


def test_a_known_order_is_stated_on_the_command_line(harbour_files, capsys, monkeypatch, engine):
    from analyzer import cli

    monkeypatch.setattr(cli, "_engine", lambda *args: engine)
    files = [str(harbour_files / "spun.txt"), str(harbour_files / "original.txt")]
    assert cli.main(["-q", "--order", "original,spun", "compare", *files, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["original_id"] == "original"
    assert "stated order" in result["direction_reasons"][0]


def test_an_order_naming_unknown_articles_is_refused(harbour_files, capsys):
    from analyzer import cli

    assert cli.main(["-q", "--order", "original,nowhere", "analyze", str(harbour_files)]) == 2
    assert "not among the inputs: nowhere" in capsys.readouterr().err
