"""Regenerate the shipped relation model, analyzer/data/pair_model.json.

Training pairs come from the "train" half of ../shared/data/dev/news_articles.jsonl
(split by a hash of the article id; the benchmark uses the other half): spins
made by the project's own spinner at several rates with and without a second
spin of the opening, light-edit and partial copies, pairs of different
articles on the same story, and articles paired with pseudo-articles of
unrelated MRPC news sentences. Deterministic for a given random state. The
direction model in the file is kept: it is fitted on real derivatives by
``python benchmarks/direction.py --fit``; so is the short-text model
(``python scripts/train_short_text_model.py``).

    python scripts/train_pair_model.py [--out PATH] [--random-state N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from devdata import data_dir, file_hash, mrpc_sentences, news_articles
from sklearn.model_selection import cross_val_score
from tqdm import tqdm

from analyzer.config import RANDOM_STATE
from analyzer.embed.models import model_version
from analyzer.embed.sentence import SentenceEncoder
from analyzer.pairs.evidence import RELATION_FEATURES
from analyzer.pairs.model import PairClassifier, RelationModel
from analyzer.training.fit import feature_table, fit_relation_model
from analyzer.training.pairgen import documents_from_sentences, generate_pairs, split_of

ROOT = Path(__file__).resolve().parents[1]
COUNTS = {"n_spun": 240, "n_copy": 120, "n_same_story": 160, "n_unrelated": 100}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "analyzer" / "data" / "pair_model.json"))
    parser.add_argument("--table", default=str(ROOT / "benchmarks" / "out" / "train_features.csv"))
    parser.add_argument("--random-state", type=int, default=RANDOM_STATE)
    args = parser.parse_args()

    started = time.perf_counter()
    data = data_dir()
    articles = [a for a in news_articles(data) if split_of(a.id) == "train"]
    sentences = mrpc_sentences(data)
    others = documents_from_sentences(sentences[: len(sentences) // 2], random_state=args.random_state)
    pairs = generate_pairs(articles, others, random_state=args.random_state, **COUNTS)
    encoder = SentenceEncoder()
    table = feature_table(pairs, encoder, progress=lambda xs: tqdm(xs, desc="features"))
    Path(args.table).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.table, index=False)

    cv = cross_val_score(PairClassifier(random_state=args.random_state), table[RELATION_FEATURES],
                         table["relation"], cv=5, scoring="f1_macro")
    metadata = {
        "trained_on": {
            "data": "news_articles.jsonl (train split) + mrpc_train.jsonl (first half of sentences)",
            "news_sha256": file_hash(data / "news_articles.jsonl"),
            "mrpc_sha256": file_hash(data / "mrpc_train.jsonl"),
            "counts": COUNTS,
            "command": "python scripts/train_pair_model.py",
        },
        "embedding_model": encoder.name,
        "embedding_model_version": model_version(encoder.name),
        "cv_f1_macro": round(float(cv.mean()), 4),
        "summary": {"relation_model": "logistic regression (multinomial), standardised features"},
    }
    # The direction model is fitted on real derivatives too (benchmarks/direction.py --fit): keep it.
    shipped = RelationModel.load(args.out) if Path(args.out).exists() else None
    if shipped is not None and "direction" in shipped.metadata:
        metadata["direction"] = shipped.metadata["direction"]
    if shipped is not None and "short_text" in shipped.metadata:  # fitted on MRPC by its own script
        metadata["short_text"] = shipped.metadata["short_text"]
    model = fit_relation_model(table, random_state=args.random_state, metadata=metadata,
                               direction=shipped.direction if shipped is not None else None)
    model.short_text = shipped.short_text if shipped is not None else None
    model.save(args.out)
    print(f"trained on {len(table)} pairs {dict(table['relation'].value_counts())}")
    print(f"5-fold macro F1 on the training pairs: {cv.mean():.3f} (± {cv.std():.3f})")
    print(model.relation.weights().round(2).to_string())
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
