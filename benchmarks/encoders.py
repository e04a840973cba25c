"""Embedding backends compared in one run: speed, agreement with torch, and the verdicts.

Backends: the bundled all-MiniLM-L6-v2 on torch (sentence-transformers), the
same model exported to ONNX Runtime with int8 weights, and the model2vec static
model distilled from it. On real news sentences (the "test" half of
news_articles.jsonl, cleaned by the analyzer's ingest):

1. sentences/s, each backend on the same sentences with an empty cache;
2. agreement with torch: cosine of each sentence's vector with torch's (ONNX
   only: the static model has its own space), and Spearman correlation of
   pair similarities with torch's on MRPC sentence pairs, with the ROC-AUC of
   each backend's similarity for MRPC's human paraphrase label;
3. the pair engine's verdicts with torch and with ONNX int8 on generated pairs
   (spins, copies, same story, unrelated): spun F1, macro F1, agreement of
   relations with torch, spin-probability change;
4. candidates: for every derived (spun or copy) generated pair, whether the
   partner is among the 10 nearest documents of the pool of all generated texts,
   by the engine's torch document vector and by the static whole-text vector.

The static model cannot decide relations (other space and dimension; the pair
model was fitted on MiniLM similarities), so it is measured as what it is
used for: proposing candidates.

    python benchmarks/encoders.py [--sentences 800] [--pairs 150] [--speed-only]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from devdata import data_dir, mrpc_sentences, news_articles, read_jsonl
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from analyzer.embed.sentence import SentenceEncoder
from analyzer.embed.static import StaticEncoder
from analyzer.pairs.engine import Engine
from analyzer.text.sentences import split_sentences
from analyzer.training.evaluation import per_relation
from analyzer.training.pairgen import LabelledPair, documents_from_sentences, generate_pairs, split_of
from analyzer.verdicts import RELATIONS

SEED = 20261122


def news_sentences(articles: list, limit: int) -> list[str]:
    """Distinct sentences of 4+ words from the articles, in order."""
    seen: dict[str, None] = {}
    for article in articles:
        for s in split_sentences(article.text):
            if len(s.text.split()) >= 4:
                seen.setdefault(s.text, None)
    return list(seen)[:limit]


def throughput(encode, sentences: list[str], min_seconds: float = 3.0) -> tuple[float, np.ndarray]:
    """Sentences per second of ``encode`` (repeated until ``min_seconds``), and its vectors."""
    started = time.perf_counter()
    vectors = encode(sentences)
    rounds = 1
    while time.perf_counter() - started < min_seconds:
        encode(sentences)
        rounds += 1
    return rounds * len(sentences) / (time.perf_counter() - started), vectors


def pair_cosines(encode, pairs: list[tuple[str, str]]) -> np.ndarray:
    """Cosine of each sentence pair under one backend."""
    a = encode([p[0] for p in pairs])
    b = encode([p[1] for p in pairs])
    return (a * b).sum(axis=1)


def verdicts(pairs: list[LabelledPair], engine: Engine) -> pd.DataFrame:
    """The engine's relation and spin probability for each labelled pair."""
    rows = []
    for p in pairs:
        pa, pb = engine.profile([p.a, p.b])
        r = engine.decide(pa, pb)
        rows.append({"truth": p.relation, "relation": r.relation, "spin_probability": r.spin_probability,
                     "doc_a": pa.doc_vector, "doc_b": pb.doc_vector})
    return pd.DataFrame(rows)


def partner_recall(docs: np.ndarray, derived: list[int], k: int = 10) -> float:
    """Share of derived pairs (rows 2i, 2i+1 of ``docs``) whose partner is in the other's top ``k``."""
    sims = docs @ docs.T
    np.fill_diagonal(sims, -np.inf)
    hits = 0
    for i in derived:
        a, b = 2 * i, 2 * i + 1
        top_b = np.argsort(-sims[b])[:k]
        top_a = np.argsort(-sims[a])[:k]
        hits += int(a in top_b or b in top_a)
    return hits / max(1, len(derived))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=800, help="news sentences to time (default 800)")
    parser.add_argument("--pairs", type=int, default=150, help="generated pairs to judge (default 150)")
    parser.add_argument("--speed-only", action="store_true",
                        help="sentences/s and agreement only (no pair verdicts: ~1 minute)")
    args = parser.parse_args()
    started = time.perf_counter()
    data = data_dir()
    articles = [a for a in news_articles(data) if split_of(a.id) == "test"]
    sentences = news_sentences(articles, args.sentences)
    words = np.mean([len(s.split()) for s in sentences])
    print(f"{len(sentences)} news sentences, {words:.1f} words on average")

    torch_encoder = SentenceEncoder()
    onnx_encoder = SentenceEncoder(backend="onnx-int8")
    static = StaticEncoder()
    torch_model, onnx_model = torch_encoder.st_model, onnx_encoder.st_model
    static.encode(["warm up"])
    backends = {
        # A fresh SentenceEncoder per call: its sentence cache would otherwise answer repeats.
        "torch": lambda texts: SentenceEncoder(torch_model).encode(texts),
        "onnx-int8": lambda texts: _with_model(onnx_model).encode(texts),
        "static": static.encode,
    }
    speed, vectors = {}, {}
    for name, encode in backends.items():
        speed[name], vectors[name] = throughput(encode, sentences)
    cos_onnx = (vectors["onnx-int8"] * vectors["torch"]).sum(axis=1)

    mrpc = read_jsonl(data / "mrpc_train.jsonl")
    rng = np.random.default_rng(SEED)
    sample = [mrpc[i] for i in rng.choice(len(mrpc), size=min(1000, len(mrpc)), replace=False)]
    mrpc_pairs = [(r["text_a"], r["text_b"]) for r in sample]
    label = np.array([r["label"] == "paraphrase" for r in sample])
    pair_sims = {name: pair_cosines(encode, mrpc_pairs) for name, encode in backends.items()}

    if args.speed_only:
        table = pd.DataFrame({name: {"sentences/s": round(speed[name]),
                                     "x torch": round(speed[name] / speed["torch"], 1),
                                     "MRPC Spearman vs torch": round(float(spearmanr(
                                         pair_sims[name], pair_sims["torch"])[0]), 3)}
                              for name in backends})
        print(table.to_string())
        print(f"ONNX int8 cosine with torch: min {cos_onnx.min():.3f}, mean {cos_onnx.mean():.3f}")
        return
    counts = {"n_spun": args.pairs * 2 // 5, "n_copy": args.pairs // 5, "n_same_story": args.pairs // 5,
              "n_unrelated": args.pairs - args.pairs * 2 // 5 - 2 * (args.pairs // 5)}
    mrpc_texts = mrpc_sentences(data)
    others = documents_from_sentences(mrpc_texts[len(mrpc_texts) // 2 :], random_state=SEED)
    generated = generate_pairs(articles, others, random_state=SEED, **counts)
    judged, judge_time = {}, {}
    for name, encoder in (("torch", SentenceEncoder(torch_model)), ("onnx-int8", _with_model(onnx_model))):
        t = time.perf_counter()
        judged[name] = verdicts(generated, Engine(encoder=encoder))
        judge_time[name] = time.perf_counter() - t

    derived = [i for i, p in enumerate(generated) if p.relation in ("spun", "copy")]
    torch_docs = np.vstack([v for pair in zip(judged["torch"]["doc_a"], judged["torch"]["doc_b"],
                                              strict=True) for v in pair])
    static_docs = static.encode([t for p in generated for t in (p.a.text, p.b.text)])
    recall = {"torch": partner_recall(torch_docs, derived), "static": partner_recall(static_docs, derived),
              "onnx-int8": partner_recall(np.vstack([v for pair in zip(
                  judged["onnx-int8"]["doc_a"], judged["onnx-int8"]["doc_b"], strict=True) for v in pair]),
                  derived)}

    rows = []
    labels = list(RELATIONS)
    for name in backends:
        row = {
            "backend": name,
            "sentences/s": round(speed[name]),
            "x torch": round(speed[name] / speed["torch"], 1),
            "cos vs torch min": round(float(cos_onnx.min()), 3) if name == "onnx-int8" else None,
            "cos vs torch mean": round(float(cos_onnx.mean()), 3) if name == "onnx-int8" else None,
            "MRPC Spearman vs torch": round(float(spearmanr(pair_sims[name], pair_sims["torch"])[0]), 3),
            "MRPC paraphrase AUC": round(float(roc_auc_score(label, pair_sims[name])), 3),
            "partner in top-10": round(recall[name], 3),
        }
        if name in judged:
            df = judged[name]
            table = per_relation(df["truth"], df["relation"], labels)
            row |= {
                "spun F1": round(float(table.loc["spun", "f1"]), 3),
                "macro F1": round(float(table["f1"].mean()), 3),
                "relations = torch": round(float((df["relation"] == judged["torch"]["relation"]).mean()), 3),
                "max |d spin p|": round(float((df["spin_probability"]
                                               - judged["torch"]["spin_probability"]).abs().max()), 3),
                "judge s": round(judge_time[name], 1),
            }
        rows.append(row)
    table = pd.DataFrame(rows).set_index("backend").T
    truths = dict(pd.Series([p.relation for p in generated]).value_counts())
    print(f"\n{len(generated)} generated pairs {truths}, {len(derived)} derived; "
          f"MRPC sample {len(mrpc_pairs)} pairs\n")
    print(table.to_string())
    print(f"\ntotal time {time.perf_counter() - started:.0f} s")


def _with_model(model) -> SentenceEncoder:
    """A fresh ONNX-backed encoder (empty cache) sharing an already loaded session."""
    encoder = SentenceEncoder(backend="onnx-int8")
    encoder._model = model
    return encoder


if __name__ == "__main__":
    main()
