"""Scoring the relation engine against labelled pairs and against baselines.

The relation benchmark (``benchmarks/relations.py``) scores labelled pairs and
writes one table per evaluation set: one row per pair with its true relation
(``truth``), the engine's ``relation``, ``spin_probability`` and ``original``,
the true original (``true_original``) and the two baseline scores
(``minhash_jaccard``, ``doc_cosine``). The functions here turn such tables into
figures, so the benchmark script and the evaluation notebook compute them the
same way. Each baseline turns its one score into a relation with a depth-3
decision tree, cross-validated on the set itself or fitted on a training set:
generous to the baselines, since the tree sees the distribution it is tested on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score, roc_curve
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.tree import DecisionTreeClassifier

from analyzer.exceptions import InputNotFoundError
from analyzer.verdicts import DERIVED, RELATIONS

#: The evaluation sets the relation benchmark writes, as ``relations_<name>.csv``.
BENCHMARK_SETS = ("generated", "clough_stevenson", "silver", "realworld", "machine_paraphrase", "mrpc")

#: Baseline score columns and what they are.
BASELINES = {
    "minhash_jaccard": "MinHash word-3-gram Jaccard",
    "doc_cosine": "whole-document embedding cosine",
}

#: The engine's name in the tables below.
ENGINE = "analyzer"


@dataclass(frozen=True)
class DirectionAccuracy:
    """How often the engine names the right original among derived pairs with a known one.

    ``overall`` counts an undecided pair as wrong; ``when_decided`` only scores
    the pairs where the engine named an original (``decided`` is their share).
    """

    overall: float
    decided: float
    when_decided: float
    n: int


def read_benchmark(directory: str | Path) -> dict[str, pd.DataFrame]:
    """The per-pair tables the relation benchmark wrote to ``directory``, by set name."""
    directory = Path(directory)
    tables = {}
    for name in BENCHMARK_SETS:
        path = directory / f"relations_{name}.csv"
        if not path.exists():
            raise InputNotFoundError(
                f"benchmark table {path} not found; run `python benchmarks/relations.py --out {directory}`"
            )
        tables[name] = pd.read_csv(path, keep_default_na=False, na_values=[""])
    return tables


def per_relation(truth: pd.Series, pred: pd.Series, labels: list[str]) -> pd.DataFrame:
    """Precision, recall, F1 and support per relation (rows in ``labels`` order)."""
    p, r, f, s = precision_recall_fscore_support(truth, pred, labels=labels, zero_division=0)
    return pd.DataFrame({"precision": p, "recall": r, "f1": f, "support": s}, index=labels)


def spin_auc(truth: pd.Series, score: pd.Series) -> float:
    """ROC-AUC of a score for spun vs the rest (nan when one class is absent)."""
    y = (truth == "spun").astype(int)
    return float(roc_auc_score(y, score)) if 0 < y.sum() < len(y) else float("nan")


def baseline_predictions(
    train: pd.DataFrame, test: pd.DataFrame | None, column: str
) -> tuple[pd.Series, pd.Series]:
    """Relation and spin score from one baseline score via a depth-3 tree.

    With ``test`` None the tree is cross-validated (5 folds) on ``train``
    itself; otherwise it is fitted on ``train`` and applied to ``test``.
    """
    tree = DecisionTreeClassifier(max_depth=3, random_state=0)
    x_train = train[[column]].to_numpy()
    if test is None:
        proba = cross_val_predict(tree, x_train, train["truth"], cv=5, method="predict_proba")
        classes = np.array(sorted(train["truth"].unique()))
        return pd.Series(classes[proba.argmax(1)]), pd.Series(proba[:, list(classes).index("spun")])
    tree.fit(x_train, train["truth"])
    proba = tree.predict_proba(test[[column]].to_numpy())
    classes = list(tree.classes_)
    return pd.Series(tree.classes_[proba.argmax(1)]), pd.Series(proba[:, classes.index("spun")])


def grouped_baseline(df: pd.DataFrame, column: str, folds: int = 5) -> pd.Series:
    """Relation from one baseline score, each pair judged by a depth-3 tree fitted on other groups.

    ``df`` needs ``truth``, ``column`` and ``group`` (a story, a source text):
    pairs of one group are never split between fitting and judging.
    """
    n_groups = df["group"].nunique()
    pred = pd.Series(index=df.index, dtype=object)
    for fit, judge in GroupKFold(n_splits=min(folds, n_groups)).split(df, groups=df["group"]):
        tree = DecisionTreeClassifier(max_depth=3, random_state=0)
        tree.fit(df[[column]].iloc[fit].to_numpy(), df["truth"].iloc[fit])
        pred.iloc[judge] = tree.predict(df[[column]].iloc[judge].to_numpy())
    return pred


def method_predictions(
    df: pd.DataFrame, train: pd.DataFrame | None = None
) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Predicted relation and spin score per method: the engine, then each baseline.

    ``train`` is where the baselines' trees are fitted; None cross-validates
    them on ``df`` itself.
    """
    out = {ENGINE: (df["relation"].reset_index(drop=True), df["spin_probability"].reset_index(drop=True))}
    for column in BASELINES:
        out[column] = baseline_predictions(train if train is not None else df,
                                           df if train is not None else None, column)
    return out


def method_scores(df: pd.DataFrame, train: pd.DataFrame | None = None,
                  labels: list[str] | None = None) -> pd.DataFrame:
    """Per-relation precision, recall, F1 and support for every method, long form.

    One row per (``method``, ``relation``); methods as in :func:`method_predictions`.
    """
    labels = list(RELATIONS) if labels is None else labels
    truth = df["truth"].reset_index(drop=True)
    tables = [per_relation(truth, pred, labels).rename_axis("relation").reset_index().assign(method=method)
              for method, (pred, _) in method_predictions(df, train).items()]
    columns = ["method", "relation", "precision", "recall", "f1", "support"]
    return pd.concat(tables, ignore_index=True)[columns]


def method_summary(df: pd.DataFrame, train: pd.DataFrame | None = None,
                   labels: list[str] | None = None) -> pd.DataFrame:
    """Spun F1, macro F1 over the relations and ROC-AUC of the spin score, one row per method."""
    labels = list(RELATIONS) if labels is None else labels
    truth = df["truth"].reset_index(drop=True)
    rows = []
    for method, (pred, spin) in method_predictions(df, train).items():
        table = per_relation(truth, pred, labels)
        rows.append({"method": method,
                     "spun_f1": table.loc["spun", "f1"] if "spun" in table.index else float("nan"),
                     "macro_f1": table["f1"].mean(), "spin_auc": spin_auc(truth, spin)})
    return pd.DataFrame(rows).set_index("method")


def spin_roc(df: pd.DataFrame, train: pd.DataFrame | None = None) -> pd.DataFrame:
    """ROC curve points of each method's spin score (spun vs the rest), long form.

    Columns ``method``, ``fpr``, ``tpr``; empty when the set has no spun pair
    or nothing else.
    """
    y = (df["truth"].reset_index(drop=True) == "spun").astype(int)
    if not 0 < y.sum() < len(y):
        return pd.DataFrame(columns=["method", "fpr", "tpr"])
    curves = []
    for method, (_, spin) in method_predictions(df, train).items():
        fpr, tpr, _ = roc_curve(y, spin)
        curves.append(pd.DataFrame({"method": method, "fpr": fpr, "tpr": tpr}))
    return pd.concat(curves, ignore_index=True)


def direction_accuracy(df: pd.DataFrame) -> DirectionAccuracy:
    """Direction accuracy over copied or spun pairs whose original is known (n=0 when none)."""
    known = df[df["true_original"].notna() & df["truth"].isin(DERIVED)]
    if known.empty:
        return DirectionAccuracy(float("nan"), float("nan"), float("nan"), 0)
    decided = known["original"].notna()
    correct = known["original"] == known["true_original"]
    when_decided = float(correct[decided].mean()) if decided.any() else float("nan")
    return DirectionAccuracy(float(correct.mean()), float(decided.mean()), when_decided, len(known))


def recall_by_detail(df: pd.DataFrame, relation: str = "spun") -> pd.Series:
    """Recall of one relation per generator setting (the ``detail`` column)."""
    rows = df[df["truth"] == relation]
    return (rows["relation"] == relation).groupby(rows["detail"]).mean()


def f1_figure(scores: pd.DataFrame, title: str = "") -> Figure:
    """Bar chart of F1 per relation, one bar per method, from :func:`method_scores`."""
    table = scores.pivot(index="relation", columns="method", values="f1")
    table = table.loc[scores["relation"].unique(), scores["method"].unique()]
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.subplots()
    table.plot.bar(ax=ax, rot=0, ylim=(0, 1.05), title=title)
    ax.set(xlabel="", ylabel="F1")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(table.columns), fontsize=8)
    return fig


def roc_figure(curves: pd.DataFrame, title: str = "") -> Figure:
    """ROC curves of the spin score, one line per method, from :func:`spin_roc`."""
    fig = Figure(figsize=(4, 4), layout="constrained")
    ax = fig.subplots()
    for method, curve in curves.groupby("method", sort=False):
        ax.plot(curve["fpr"], curve["tpr"], label=method)
    ax.plot([0, 1], [0, 1], color="grey", linewidth=0.5)
    ax.set(xlabel="false positive rate", ylabel="true positive rate", title=title)
    ax.legend(fontsize=8)
    return fig
