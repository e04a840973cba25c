"""Evaluation figures: hand-built cases, and the committed benchmark tables give the README's figures."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analyzer.exceptions import InputNotFoundError
from analyzer.training import evaluation

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results"

#: Six pairs: two spins (one called copy), two copies, a same-story and an unrelated pair.
PAIRS = pd.DataFrame({
    "truth": ["spun", "spun", "copy", "copy", "same_story", "unrelated"],
    "relation": ["spun", "copy", "copy", "copy", "same_story", "unrelated"],
    "spin_probability": [0.9, 0.6, 0.2, 0.1, 0.3, 0.0],
    "original": ["a", None, "b", "a", None, None],
    "true_original": ["a", "a", "a", None, None, None],
})


def test_per_relation_counts_by_hand():
    table = evaluation.per_relation(PAIRS["truth"], PAIRS["relation"], ["copy", "spun"])
    assert table.loc["spun"].tolist() == [1.0, 0.5, pytest.approx(2 / 3), 2]
    assert table.loc["copy", "precision"] == pytest.approx(2 / 3)


def test_spin_auc_ranks_spins_first_and_is_nan_without_spins():
    assert evaluation.spin_auc(PAIRS["truth"], PAIRS["spin_probability"]) == 1.0
    assert math.isnan(evaluation.spin_auc(pd.Series(["copy", "copy"]), pd.Series([0.1, 0.2])))


def test_direction_accuracy_counts_undecided_as_wrong_overall():
    d = evaluation.direction_accuracy(PAIRS)
    # Known originals: rows 0 (right), 1 (undecided), 2 (wrong).
    assert (d.n, d.overall, d.decided, d.when_decided) == (3, pytest.approx(1 / 3), pytest.approx(2 / 3), 0.5)


def test_direction_accuracy_without_known_originals():
    assert evaluation.direction_accuracy(PAIRS.assign(true_original=None)).n == 0


def test_recall_by_detail():
    df = pd.DataFrame({"truth": ["spun"] * 3 + ["copy"], "relation": ["spun", "copy", "spun", "spun"],
                       "detail": ["x", "x", "y", "y"]})
    assert evaluation.recall_by_detail(df).to_dict() == {"x": 0.5, "y": 1.0}


def test_missing_benchmark_table_names_the_command(tmp_path):
    with pytest.raises(InputNotFoundError, match=r"relations_generated\.csv not found; run `python bench"):
        evaluation.read_benchmark(tmp_path)


@pytest.fixture(scope="module")
def tables():
    return evaluation.read_benchmark(RESULTS)


def test_committed_tables_give_the_readme_figures(tables):
    gen = tables["generated"]
    summary = evaluation.method_summary(gen).round(3)
    assert summary.loc["analyzer"].tolist() == [0.992, 0.947, 1.0]
    assert summary.loc["minhash_jaccard"].tolist() == [0.918, 0.756, 0.948]
    assert summary.loc["doc_cosine"].tolist() == [0.787, 0.734, 0.872]
    d = evaluation.direction_accuracy(gen)
    assert (round(d.overall, 3), round(d.when_decided, 3), d.n) == (0.184, 1.0, 320)
    clough = tables["clough_stevenson"]
    main = clough[clough["truth"] != "heavy"].reset_index(drop=True)
    cs = evaluation.method_summary(main, train=gen).round(3)
    assert cs["spun_f1"].tolist() == [0.88, 0.625, 0.457]
    assert cs["spin_auc"].tolist() == [0.973, 0.934, 0.756]
    assert round((tables["silver"]["relation"] == "copy").mean(), 3) == 0.989


@pytest.mark.parametrize(
    ("name", "labels", "analyzer", "alignment_coverage"),
    [
        ("realworld", ["copy", "spun", "same_story", "unrelated"], [0.286, 0.753, 0.759, 0.87],
         [0.0, 0.625, 0.652, 0.846]),
        ("machine_paraphrase", ["copy", "spun", "same_story", "unrelated"], [1.0, 0.959, 0.821, 0.895],
         [0.095, 0.824, 0.923, 0.976]),
        ("mrpc", ["paraphrase"], [0.836], [0.829]),
    ],
)
def test_committed_real_set_tables_give_the_readme_figures(tables, name, labels, analyzer,
                                                           alignment_coverage):
    df = tables[name]
    engine = evaluation.per_relation(df["truth"], df["relation"], labels)
    assert engine["f1"].round(3).tolist() == analyzer
    baseline = evaluation.grouped_baseline(df, "alignment_coverage")
    coverage = evaluation.per_relation(df["truth"], baseline, labels)
    assert coverage["f1"].round(3).tolist() == alignment_coverage


def test_grouped_baseline_never_judges_a_pair_with_a_tree_that_saw_its_group():
    # Each group has its own score and its label alternates by group: a tree that had seen a
    # group would label it perfectly; trees fitted on the other groups cannot.
    groups = range(6)  # a depth-3 tree fitted on all six labels 5 of 6 right (the leak this guards against)
    df = pd.DataFrame({"truth": ["spun" if k % 2 == 0 else "unrelated" for k in groups for _ in range(3)],
                       "score": [float(k) for k in groups for _ in range(3)],
                       "group": [f"g{k}" for k in groups for _ in range(3)]})
    pred = evaluation.grouped_baseline(df, "score")
    assert pred.notna().all()
    assert (pred == df["truth"]).mean() < 0.5


def test_method_scores_long_form(tables):
    scores = evaluation.method_scores(tables["generated"])
    assert list(scores["method"].unique()) == ["analyzer", *evaluation.BASELINES]
    assert scores.groupby("method")["support"].sum().eq(540).all()


def test_roc_curves_run_from_origin_to_corner(tables):
    curves = evaluation.spin_roc(tables["generated"])
    for _, curve in curves.groupby("method"):
        assert (curve["fpr"].iloc[0], curve["tpr"].iloc[0]) == (0.0, 0.0)
        assert (curve["fpr"].iloc[-1], curve["tpr"].iloc[-1]) == (1.0, 1.0)
        assert curve["fpr"].is_monotonic_increasing


def test_figures_have_one_series_per_method(tables):
    gen = tables["generated"]
    f1 = evaluation.f1_figure(evaluation.method_scores(gen), "F1")
    assert [t.get_text() for t in f1.axes[0].get_legend().get_texts()] == ["analyzer", *evaluation.BASELINES]
    roc = evaluation.roc_figure(evaluation.spin_roc(gen), "ROC")
    assert len(roc.axes[0].lines) == 3 + 1  # three methods and the chance diagonal
