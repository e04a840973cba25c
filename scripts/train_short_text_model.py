"""Fit the short-text model (one- and two-sentence pairs) into analyzer/data/pair_model.json.

Fitting data: the first half of ../shared/data/dev/mrpc_train.jsonl (news
sentence pairs judged by people; the relation benchmark reports on pairs from
the other half), plus pairs of one-line texts of common English words as
negatives. The threshold is chosen on out-of-fold probabilities of the fitting
data: the one with the best MRPC F1 among those that call at most 0.1% of the
common-word pairs paraphrases. The relation and direction models in the file
are kept.

    python scripts/train_short_text_model.py [--out PATH] [--random-state N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import numpy as np
from devdata import data_dir, file_hash, read_jsonl
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_predict

from analyzer.config import RANDOM_STATE
from analyzer.ingest.from_text import article_from_text
from analyzer.pairs.engine import Engine
from analyzer.pairs.evidence import pair_evidence
from analyzer.pairs.model import RelationModel
from analyzer.pairs.short_texts import SHORT_TEXT_FEATURES, ShortTextClassifier
from analyzer.training.pairgen import common_word_lines

ROOT = Path(__file__).resolve().parents[1]
N_SALAD_PAIRS = 1500
MAX_SALAD_PARAPHRASES = 0.001


def feature_rows(engine: Engine, pairs: list[tuple[str, str]]) -> np.ndarray:
    """The short-text features of each pair of texts, all texts encoded in one batch."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = [article_from_text(t, id=f"t{k}") for k, t in enumerate(x for p in pairs for x in p)]
    profiles = engine.profile(articles)
    rows = []
    for k in range(len(pairs)):
        features = pair_evidence(profiles[2 * k], profiles[2 * k + 1]).features
        rows.append([features[name] for name in SHORT_TEXT_FEATURES])
    return np.array(rows, dtype=float)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "analyzer" / "data" / "pair_model.json"))
    parser.add_argument("--random-state", type=int, default=RANDOM_STATE)
    args = parser.parse_args()
    started = time.perf_counter()
    data = data_dir()
    mrpc = read_jsonl(data / "mrpc_train.jsonl")
    mrpc = mrpc[: len(mrpc) // 2]  # the other half is the benchmark's
    lines = common_word_lines(2 * N_SALAD_PAIRS, random_state=args.random_state)
    salads = list(zip(lines[::2], lines[1::2], strict=True))
    engine = Engine()
    x = np.vstack([feature_rows(engine, [(r["text_a"], r["text_b"]) for r in mrpc]),
                   feature_rows(engine, salads)])
    y = np.array([int(r["label"] == "paraphrase") for r in mrpc] + [0] * len(salads))
    is_salad = np.array([False] * len(mrpc) + [True] * len(salads))
    oof = cross_val_predict(ShortTextClassifier(random_state=args.random_state), x, y, cv=5,
                            method="predict_proba")[:, 1]
    floor = float(np.quantile(oof[is_salad], 1 - MAX_SALAD_PARAPHRASES))
    candidates = [t for t in np.round(np.arange(0.05, 0.96, 0.01), 2) if t > floor]
    scores = {t: f1_score(y[~is_salad], oof[~is_salad] >= t) for t in candidates}
    threshold = float(max(scores, key=lambda t: (scores[t], -t)))
    model = ShortTextClassifier(threshold=threshold, random_state=args.random_state).fit(x, y)

    path = Path(args.out)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["short_text"] = model.to_dict()
    stored["metadata"]["short_text"] = {
        "trained_on": "mrpc_train.jsonl, first half (" + str(len(mrpc)) + " pairs), and "
                      f"{len(salads)} pairs of common-word lines as negatives",
        "mrpc_sha256": file_hash(data / "mrpc_train.jsonl"),
        "threshold": threshold,
        "out_of_fold_mrpc_f1": round(scores[threshold], 4),
        "out_of_fold_salad_paraphrase_rate": round(float((oof[is_salad] >= threshold).mean()), 4),
        "command": "python scripts/train_short_text_model.py",
    }
    RelationModel.from_dict(stored).save(path)
    print(f"fitted on {len(y)} pairs ({int(y.sum())} paraphrases); threshold {threshold} "
          f"(out-of-fold MRPC F1 {scores[threshold]:.3f}; common-word pairs called paraphrases "
          f"{(oof[is_salad] >= threshold).mean():.2%}); {time.perf_counter() - started:.0f} s")
    print(dict(zip(SHORT_TEXT_FEATURES, np.round(model.logistic_.coef_[0], 3), strict=True)))


if __name__ == "__main__":
    main()
