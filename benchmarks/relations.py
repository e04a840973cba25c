"""Relation benchmark: the pair engine against two baselines on the same pairs.

(a) generated: >= 500 pairs from the "test" half of news_articles.jsonl (articles
    the shipped model never saw): spins at several rates with and without a
    second spin, light-edit and partial copies, same-story pairs, unrelated pairs;
(b) real: Clough-Stevenson (copy / light_revision -> spun / same_story / unrelated;
    heavy revisions reported apart) and the silver news copies;
(c) real, hand-labelled: realworld/ (content farms, scrapers, independent reports;
    text only, no outlet or date), machine_paraphrase/ (QuillBot, GPT-4o-mini) and a
    held-out part of MRPC train (sentence pairs; paraphrase = copy or spun), each with the
    baselines' trees cross-fitted on the set itself by group (story; source text; pair),
    so no baseline is judged on a pair its tree saw.

Prints precision, recall and F1 per relation, ROC-AUC of spin_probability
(spun vs rest) and direction accuracy, for the engine and for two baselines:
MinHash word-shingle Jaccard (datasketch), whole-document embedding cosine and
sentence-alignment coverage (the share of the less-covered text's sentences that
align with the other, the engine's own alignment used alone).
Each baseline turns its one score into a relation with a depth-3 decision tree
fitted on the generated pairs (cross-validated there), which is generous to it.

    python benchmarks/relations.py [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from datasketch import MinHash
from devdata import data_dir, mrpc_sentences, news_articles, read_jsonl
from tqdm import tqdm

from analyzer.article import Article
from analyzer.config import default_model
from analyzer.embed.sentence import SentenceEncoder
from analyzer.ingest.from_text import article_from_text
from analyzer.pairs.engine import Engine
from analyzer.text.ngrams import shingles
from analyzer.text.tokens import lower_words
from analyzer.training.evaluation import (
    BASELINES,
    baseline_predictions,
    direction_accuracy,
    grouped_baseline,
    per_relation,
    recall_by_detail,
    spin_auc,
)
from analyzer.training.pairgen import LabelledPair, documents_from_sentences, generate_pairs, split_of
from analyzer.verdicts import DERIVED, RELATIONS

COUNTS = {"n_spun": 200, "n_copy": 120, "n_same_story": 120, "n_unrelated": 100}
SEED = 20261121


def minhash_jaccard(a: str, b: str, num_perm: int = 128) -> float:
    """Baseline 1: MinHash estimate of word 3-gram shingle Jaccard."""
    hashes = []
    for text in (a, b):
        mh = MinHash(num_perm=num_perm, seed=1)
        mh.update_batch([" ".join(s).encode() for s in shingles(lower_words(text), 3)])
        hashes.append(mh)
    return float(hashes[0].jaccard(hashes[1]))


def real_pairs(data: Path, silver_limit: int | None) -> tuple[list[LabelledPair], list[LabelledPair]]:
    """Clough-Stevenson pairs (heavy revisions flagged) and silver news copies."""
    cs = []
    mapping = {"cut_and_paste": "copy", "light_revision": "spun", "heavy_revision": "heavy",
               "non_plagiarised_same_topic": "same_story", "answer_vs_other_task_source": "unrelated"}
    for rec in read_jsonl(data / "clough_stevenson_pairs.jsonl"):
        rel = mapping[rec["fine_label"]]
        original = "a" if rel in ("copy", "spun", "heavy") else None
        # Read as the product reads bare text (ingest: normalised, hard-wrapped lines rejoined).
        cs.append(LabelledPair(article_from_text(rec["text_a"], id=rec["id"] + ":src"),
                               article_from_text(rec["text_b"], id=rec["id"]), rel, original,
                               rec["fine_label"]))
    by_id = {a.id: a for a in news_articles(data)}
    silver = [LabelledPair(by_id[r["a"]], by_id[r["b"]], "copy", None, "silver")
              for r in read_jsonl(data / "news_copy_pairs_silver.jsonl")
              if r["a"] in by_id and r["b"] in by_id and by_id[r["a"]].ok and by_id[r["b"]].ok]
    if silver_limit is not None:
        silver = silver[:silver_limit]
    return cs, silver


def score_pairs(pairs: list[LabelledPair], engine: Engine, desc: str) -> pd.DataFrame:
    """Engine verdicts and the two baseline scores, one row per pair."""
    rows = []
    for p in tqdm(pairs, desc=desc, file=sys.stderr):
        pa, pb = engine.profile([p.a, p.b])
        r = engine.decide(pa, pb)
        rows.append({
            "truth": p.relation, "detail": p.detail, "true_original": p.original,
            "relation": r.relation, "spin_probability": r.spin_probability,
            "original": r.original,
            "minhash_jaccard": minhash_jaccard(p.a.text, p.b.text),
            "doc_cosine": float(pa.doc_vector @ pb.doc_vector),
            "alignment_coverage": r.features["coverage_min"],
            "group": p.group,
        })
    return pd.DataFrame(rows)


def realworld_pairs(data: Path) -> list[LabelledPair]:
    """The hand-labelled realworld pairs, text only (the outlet hints and notes are answers)."""
    folder = data / "realworld"
    texts = {r["id"]: r["text"] for r in read_jsonl(folder / "articles.jsonl")}
    pairs = []
    for r in read_jsonl(folder / "pairs.jsonl"):
        # A cross-story (unrelated) pair goes with its first side's story: no fold lacks a class.
        group = r["a"].split("-", 1)[0]
        pairs.append(LabelledPair(_quiet(texts[r["a"]], r["a"]), _quiet(texts[r["b"]], r["b"]),
                                  r["label"], r["original"], group, group=group))
    return pairs


def machine_paraphrase_pairs(data: Path) -> list[LabelledPair]:
    """QuillBot and GPT-4o-mini rewrites against their inputs, with independent answers as negatives."""
    pairs = []
    for r in read_jsonl(data / "machine_paraphrase" / "pairs.jsonl"):
        # Rewrites of one input text stay in one fold: the group is a hash of the input's first
        # words (a hash, since the tables are kept in git and the text is third-party).
        source = " ".join((r["text_a"] if r["original"] != "b" else r["text_b"]).split()[:12])
        group = hashlib.sha1(source.encode("utf-8")).hexdigest()[:10]
        pairs.append(LabelledPair(_quiet(r["text_a"], r["id"] + ":a"), _quiet(r["text_b"], r["id"] + ":b"),
                                  r["label"], r["original"], r["fine_label"], group=group))
    return pairs


def mrpc_pairs(data: Path, n: int, seed: int = SEED) -> list[LabelledPair]:
    """``n`` MRPC train pairs from the second half (the half whose sentences no model saw)."""
    rows = read_jsonl(data / "mrpc_train.jsonl")
    rows = rows[len(rows) // 2 :]
    rows = [rows[k] for k in sorted(random.Random(seed).sample(range(len(rows)), min(n, len(rows))))]
    return [LabelledPair(_quiet(r["text_a"], r["id"] + ":a"), _quiet(r["text_b"], r["id"] + ":b"),
                         "paraphrase" if r["label"] == "paraphrase" else "not_paraphrase", None,
                         r["label"], group=r["id"]) for r in rows]


def _quiet(text: str, id: str) -> Article:
    """An article from bare text as the product reads it, its ingest warnings not printed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return article_from_text(text, id=id)


def report_real(name: str, df: pd.DataFrame, labels: list[str]) -> None:
    """Engine and baselines on one real set; the baselines' trees cross-fitted by group on it."""
    print(f"\n=== {name}: {len(df)} pairs {dict(df['truth'].value_counts())}")
    table = per_relation(df["truth"], df["relation"], labels)
    print("\nengine (analyzer):")
    print(table.round(3).to_string())
    print(f"direction accuracy: {direction_text(df)}")
    for column, what in {**BASELINES, "alignment_coverage": "sentence-alignment coverage"}.items():
        pred = grouped_baseline(df, column)
        base = per_relation(df["truth"], pred, labels)
        print(f"baseline {what}: " + ", ".join(f"{rel} F1 {base.loc[rel, 'f1']:.3f}" for rel in labels
                                              if base.loc[rel, "support"] > 0))


def direction_text(df: pd.DataFrame) -> str:
    """Direction accuracy as the benchmark prints it."""
    d = direction_accuracy(df)
    if d.n == 0:
        return "n/a"
    return f"{d.overall:.3f} of all ({d.decided:.0%} decided; {d.when_decided:.3f} when decided; n={d.n})"


def report(name: str, df: pd.DataFrame, labels: list[str], train: pd.DataFrame | None) -> None:
    """Print the engine's and the baselines' figures for one evaluation set."""
    print(f"\n=== {name}: {len(df)} pairs {dict(df['truth'].value_counts())}")
    print("\nengine (analyzer):")
    print(per_relation(df["truth"], df["relation"], labels).round(3).to_string())
    print(f"ROC-AUC spin_probability: {spin_auc(df['truth'], df['spin_probability']):.3f}")
    print(f"direction accuracy: {direction_text(df)}")
    for column, what in BASELINES.items():
        title = f"baseline: {what}"
        pred, spin = baseline_predictions(train if train is not None else df,
                                          df if train is not None else None, column)
        table = per_relation(df["truth"].reset_index(drop=True), pred, labels)
        auc = spin_auc(df["truth"].reset_index(drop=True), spin)
        print(f"\n{title}: spun F1 {table.loc['spun', 'f1'] if 'spun' in table.index else float('nan'):.3f}, "
              f"macro F1 {table['f1'].mean():.3f}, ROC-AUC spin {auc:.3f}")
        print(table.round(3).to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer pairs, for a smoke run")
    parser.add_argument("--out", default=None,
                        help="where the per-pair tables go (default: results/, or out/ with --quick)")
    parser.add_argument("--backend", default="torch", choices=["torch", "onnx-int8"],
                        help="sentence-model backend (with onnx-int8, pass --out to keep results/ as the "
                             "torch reference)")
    args = parser.parse_args()
    # A full run's per-pair tables are kept in git (notebooks/03_evaluation.ipynb reads
    # them); a quick run must not overwrite them.
    out = Path(args.out) if args.out else Path(__file__).parent / ("out" if args.quick else "results")
    counts = {k: max(8, v // 8) for k, v in COUNTS.items()} if args.quick else COUNTS
    started = time.perf_counter()
    data = data_dir()
    engine = Engine() if args.backend == "torch" else Engine(
        encoder=SentenceEncoder(default_model(), backend=args.backend))
    articles = [a for a in news_articles(data) if split_of(a.id) == "test"]
    sentences = mrpc_sentences(data)
    others = documents_from_sentences(sentences[len(sentences) // 2 :], random_state=SEED)
    generated = generate_pairs(articles, others, random_state=SEED, **counts)
    gen = score_pairs(generated, engine, "generated")
    cs_pairs, silver = real_pairs(data, 40 if args.quick else None)
    cs = score_pairs(cs_pairs, engine, "clough-stevenson")
    sv = score_pairs(silver, engine, "silver copies")
    out.mkdir(parents=True, exist_ok=True)
    for name, df in (("generated", gen), ("clough_stevenson", cs), ("silver", sv)):
        df.to_csv(out / f"relations_{name}.csv", index=False)

    labels = list(RELATIONS)
    report("(a) generated pairs (test split)", gen, labels, None)
    print("\nspun recall by spinner setting:")
    print(recall_by_detail(gen, "spun").round(3).to_string())
    cs_main = cs[cs["truth"] != "heavy"].reset_index(drop=True)
    report("(b1) Clough-Stevenson, light revisions as spun", cs_main, labels, gen)
    heavy = cs[cs["truth"] == "heavy"]
    print(f"\nheavy revisions (human rewrites, {len(heavy)}): called "
          f"{dict(heavy['relation'].value_counts())}")
    print(f"\n=== (b2) silver news copies: {len(sv)} pairs; called copy: "
          f"{(sv['relation'] == 'copy').mean():.3f}; called {dict(sv['relation'].value_counts())}")
    print(f"baseline MinHash Jaccard median on them: {sv['minhash_jaccard'].median():.3f}")

    real = {"realworld": realworld_pairs(data), "machine_paraphrase": machine_paraphrase_pairs(data),
            "mrpc": mrpc_pairs(data, 100 if args.quick else 600)}
    for name, pairs in real.items():
        df = score_pairs(pairs, engine, name)
        if name == "mrpc":  # a sentence pair is a paraphrase when the engine calls it copied or spun
            df["relation"] = df["relation"].map(lambda r: "paraphrase" if r in DERIVED else "not_paraphrase")
        df.to_csv(out / f"relations_{name}.csv", index=False)
        report_real(f"(c) {name}", df, ["paraphrase", "not_paraphrase"] if name == "mrpc" else labels)
    print(f"\nencoded {engine.encoder.n_encoded} distinct sentences; "
          f"total time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
