"""Direction benchmark: who came first, on pairs whose original is known.

Sets (every pair with a known original; sides shuffled with a fixed seed
where the data puts the original first):

- realworld: hand-labelled content-farm, scraper and rewrite pages (30 pairs);
- machine_paraphrase: QuillBot (six modes) and GPT-4o-mini rewrites, and
  trimmed copies (76 pairs, sides balanced by the data);
- clough_stevenson: cut-and-paste, light and heavy human revisions of a
  Wikipedia paragraph (36 pairs);
- generated: the project's own spins and copies of the "test" half of
  news_articles.jsonl (the "train" half is used for fitting only);
- seeds: 003 (Newsweek) and its spin 000, in both orders.

The analyzer is given the text only (no outlet names), which measures what
the text tells; a second line gives realworld pages the date they show
themselves (dateline, byline or URL), as a real input would carry it.
Methods, in the same run: "always a", "shorter is original", and the
analyzer's direction stage itself (``decide_direction``: credits in the text,
a doubled passage, then the direction model with its threshold). The model is **cross-fitted**: each pair is
judged by a model fitted on the other groups only (a group is a realworld
story, a machine_paraphrase mode, a Clough-Stevenson task, or the generated
train half), and the threshold it uses is chosen on those groups' own
out-of-group predictions: the smallest confidence at which every real set has
at most 5% wrong directions. No reported pair is used to fit its model or its
threshold. ``--fit`` then fits the shipped model on every group and writes it,
with its threshold, into analyzer/data/pair_model.json.

    python benchmarks/direction.py [--fit]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from devdata import data_dir, file_hash, mrpc_sentences, news_articles, read_jsonl
from tqdm import tqdm

from analyzer.article import Article
from analyzer.config import RANDOM_STATE
from analyzer.embed.sentence import SentenceEncoder
from analyzer.ingest.from_text import article_from_text
from analyzer.pairs.direction import decide_direction
from analyzer.pairs.direction_signs import DIRECTION_FEATURES
from analyzer.pairs.evidence import pair_evidence
from analyzer.pairs.model import DirectionClassifier, RelationModel
from analyzer.pairs.profile import build_profiles
from analyzer.training.pairgen import documents_from_sentences, generate_pairs, split_of

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261204
REAL_SETS = ("realworld", "machine_paraphrase", "clough_stevenson")
MAX_WRONG = 0.05
SEEDS = ("003_26342a6f18a9b02e", "000_d33e6d2f6bc58844")


@dataclass(frozen=True)
class DirectedPair:
    """Two texts, which one is the original, and the group it is held out with."""

    set: str
    group: str
    pair: str
    a: Article
    b: Article
    truth: str  # "a" or "b"
    label: str


def _text(text: str, id: str, published: str | None = None) -> Article:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return article_from_text(text, id=id, published=published)


def _shuffled(rng: random.Random, a: Article, b: Article, truth: str) -> tuple[Article, Article, str]:
    if rng.random() < 0.5:
        return b, a, "b" if truth == "a" else "a"
    return a, b, truth


def direction_sets(data: Path) -> list[DirectedPair]:
    """Every pair with a known original in the development data, the project's spins and the seeds."""
    rng = random.Random(SEED)
    pairs: list[DirectedPair] = []
    texts = {r["id"]: r for r in read_jsonl(data / "realworld" / "articles.jsonl")}
    for r in read_jsonl(data / "realworld" / "pairs.jsonl"):
        if r["original"] is None or r["label"] not in ("copy", "spun"):
            continue
        # The date a page shows (dateline, byline or URL) is what a real input would carry;
        # the corpus' own meta_date is not reliable and is not given.
        a, b = (_text(texts[i]["text"], i, texts[i].get("published")) for i in (r["a"], r["b"]))
        a, b, truth = _shuffled(rng, a, b, r["original"])
        pairs.append(DirectedPair("realworld", texts[r["a"]]["story"], f"{r['a']}|{r['b']}", a, b, truth,
                                  r["label"]))
    for r in read_jsonl(data / "machine_paraphrase" / "pairs.jsonl"):
        if r["original"] is not None:
            pairs.append(DirectedPair("machine_paraphrase", r["fine_label"], r["id"],
                                      _text(r["text_a"], r["id"] + ":a"), _text(r["text_b"], r["id"] + ":b"),
                                      r["original"], r["label"]))
    for r in read_jsonl(data / "clough_stevenson_pairs.jsonl"):
        if r["fine_label"] in ("cut_and_paste", "light_revision", "heavy_revision"):
            a, b, truth = _shuffled(rng, _text(r["text_a"], r["id"] + ":source"), _text(r["text_b"], r["id"]),
                                    "a")
            pairs.append(DirectedPair("clough_stevenson", r["task"], r["id"], a, b, truth, r["fine_label"]))
    news = news_articles(data)
    sentences = mrpc_sentences(data)
    others = documents_from_sentences(sentences[len(sentences) // 2:], random_state=SEED)
    for split, n_spun in (("train", 150), ("test", 100)):
        made = generate_pairs([a for a in news if split_of(a.id) == split], others, random_state=SEED,
                              n_spun=n_spun, n_copy=40, n_same_story=0, n_unrelated=0)
        pairs += [DirectedPair(f"generated_{split}", f"generated_{split}", f"{split}:{k}", p.a, p.b,
                               p.original, f"{p.relation}: {p.detail}")
                  for k, p in enumerate(made) if p.original is not None]
    seeds = {i: _text((ROOT / "seeds" / f"{i}.txt").read_text(encoding="utf-8"), i) for i in SEEDS}
    pairs.append(DirectedPair("seeds", "seeds", "003|000", seeds[SEEDS[0]], seeds[SEEDS[1]], "a", "spun"))
    pairs.append(DirectedPair("seeds", "seeds", "000|003", seeds[SEEDS[1]], seeds[SEEDS[0]], "b", "spun"))
    return [p for p in pairs if p.a.ok and p.b.ok]


def feature_rows(pairs: list[DirectedPair], encoder: SentenceEncoder) -> pd.DataFrame:
    """One row per pair: its set and group, the truth, the baselines' inputs and the direction features."""
    rows = []
    for p in tqdm(pairs, desc="pairs", file=sys.stderr):
        pa, pb = build_profiles([p.a, p.b], encoder)
        ev = pair_evidence(pa, pb)
        rows.append({"set": p.set, "group": p.group, "pair": p.pair, "label": p.label, "truth": p.truth,
                     "words_a": len(pa.words), "words_b": len(pb.words),
                     **ev.direction})
    return pd.DataFrame(rows)


def _fit(table: pd.DataFrame) -> DirectionClassifier:
    """The direction model fitted on ``table``, each set weighing as much as any other."""
    weights = 1.0 / table["set"].map(table["set"].value_counts()).to_numpy(float)
    return DirectionClassifier(random_state=RANDOM_STATE).fit(
        table[DIRECTION_FEATURES], (table["truth"] == "a").astype(int), sample_weight=weights)


def _fit_groups(table: pd.DataFrame) -> pd.Series:
    """Groups a model may be fitted on: real sets and the generated train half, never the reported rest."""
    usable = table["set"].isin((*REAL_SETS, "generated_train"))
    return table["group"].where(usable)


def out_of_group(table: pd.DataFrame) -> np.ndarray:
    """P(a is the original) for each row of ``table`` from a model fitted without its group."""
    groups = _fit_groups(table)
    p = np.full(len(table), np.nan)
    for group in table["group"].unique():
        train = table[(groups.notna()) & (groups != group)]
        rows = (table["group"] == group).to_numpy()
        p[rows] = _fit(train).predict_proba(table.loc[rows, DIRECTION_FEATURES])[:, 1]
    return p


def choose_threshold(table: pd.DataFrame, p_a: np.ndarray, max_wrong: float = MAX_WRONG) -> float:
    """The smallest confidence at which every real set in ``table`` has at most ``max_wrong`` wrong."""
    sure = np.maximum(p_a, 1 - p_a)
    wrong = (p_a >= 0.5) != (table["truth"] == "a").to_numpy()
    for t in np.round(np.arange(0.50, 1.0, 0.01), 2):
        rates = [float(((sure >= t) & wrong)[(table["set"] == s).to_numpy()].mean())
                 for s in REAL_SETS if (table["set"] == s).any()]
        if all(r <= max_wrong for r in rates):
            return float(t)
    return 1.0


def cross_fitted(table: pd.DataFrame) -> dict[str, tuple[DirectionClassifier, float]]:
    """For each group, the model and threshold chosen without it (fitted on the other groups only)."""
    groups = _fit_groups(table)
    fitted = {}
    for group in table["group"].unique():
        rest = table[(groups.notna()) & (groups != group)].reset_index(drop=True)
        fitted[group] = (_fit(rest), choose_threshold(rest, out_of_group(rest)))
    return fitted


def answers(pairs: list[DirectedPair], table: pd.DataFrame,
            fitted: dict[str, tuple[DirectionClassifier, float]], *, dates: bool) -> pd.Series:
    """The product's direction stage (:func:`decide_direction`) on each pair, with its group's model.

    Without ``dates`` the articles are given without their publication times (text only).
    """
    out = []
    for p, row in zip(pairs, table.to_dict(orient="records"), strict=True):
        model, threshold = fitted[p.group]
        a, b = (p.a, p.b) if dates else (replace(p.a, published=None), replace(p.b, published=None))
        out.append(decide_direction(a, b, {f: row[f] for f in DIRECTION_FEATURES}, model, threshold).original)
    return pd.Series(out, index=table.index, dtype=object)


def score(truth: pd.Series, answer: pd.Series) -> dict[str, float]:
    """Accuracy (abstentions are not right), wrong-direction rate and abstention rate."""
    decided = answer.notna()
    right = decided & (answer == truth)
    return {"n": len(truth), "accuracy": right.mean(), "wrong": (decided & ~right).mean(),
            "abstain": (~decided).mean()}


def report(table: pd.DataFrame, answer: pd.Series, dated: pd.Series) -> pd.DataFrame:
    """The table docs/benchmarks.md shows: per set and method, accuracy / wrong / abstention."""
    methods = {
        "always a": pd.Series("a", index=table.index),
        "shorter is original": pd.Series(np.where(table["words_a"] < table["words_b"], "a",
                                                  np.where(table["words_a"] > table["words_b"], "b", None)),
                                         index=table.index),
        "analyzer (cross-fitted)": answer,
        "analyzer + page dates": dated,
    }
    rows = []
    for name, ans in methods.items():
        for s, group in table.groupby("set", sort=False):
            rows.append({"set": s, "method": name, **score(group["truth"], ans[group.index])})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "direction_features.csv"))
    parser.add_argument("--fit", action="store_true",
                        help="fit the shipped direction model on every group and write it with its threshold")
    args = parser.parse_args()
    started = time.perf_counter()
    data = data_dir()
    pairs = direction_sets(data)
    table = feature_rows(pairs, SentenceEncoder())
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    fitted = cross_fitted(table)
    answer = answers(pairs, table, fitted, dates=False)
    result = report(table, answer, answers(pairs, table, fitted, dates=True))
    print(f"=== direction on pairs with a known original (text only; {len(table)} pairs)\n")
    pd.set_option("display.width", 200)
    print(result.pivot(index="set", columns="method", values=["accuracy", "wrong", "abstain"])
          .round(3).to_string())
    print("\npairs per set:", table.groupby("set", sort=False).size().to_dict())
    print("fitting groups (each pair judged by a model fitted on the others):",
          sorted(_fit_groups(table).dropna().unique()))
    print(f"thresholds chosen per held-out group: {sorted({t for _, t in fitted.values()})}")
    if args.fit:
        fit_rows = table[_fit_groups(table).notna()].reset_index(drop=True)
        direction = _fit(fit_rows)
        threshold = choose_threshold(fit_rows, out_of_group(fit_rows))
        path = ROOT / "analyzer" / "data" / "pair_model.json"
        # Read as plain data: the shipped direction model may be of an older feature set.
        stored = json.loads(path.read_text(encoding="utf-8"))
        stored["direction"] = direction.to_dict()
        stored["metadata"]["direction"] = {
            "trained_on": "benchmarks/direction.py groups: " + ", ".join(sorted(fit_rows["group"].unique())),
            "n_pairs": {str(k): int(v) for k, v in fit_rows["set"].value_counts().items()},
            "confidence": threshold, "max_wrong": MAX_WRONG,
            "data_hashes": {f: file_hash(data / f) for f in ("realworld/pairs.jsonl",
                                                              "machine_paraphrase/pairs.jsonl",
                                                              "clough_stevenson_pairs.jsonl")},
        }
        RelationModel.from_dict(stored).save(path)
        print(f"\nwrote {path}: direction model on {len(fit_rows)} pairs, confidence threshold {threshold}")
        print(json.dumps(dict(zip(DIRECTION_FEATURES, np.round(direction.logistic_.coef_[0] /
                                                                 direction.scaler_.scale_, 3).tolist(),
                                  strict=True)), indent=1))
    print(f"\ntotal time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
