"""Short texts: MRPC sentence pairs held out, and a soak of one-line texts of common words.

1. The MRPC pairs of the second half of the training file (the short-text
   model is fitted on the first half): F1 of "paraphrase" (the engine calls
   the pair copied or spun), against "always paraphrase" and against the
   engine without its short-text model, in the same run.
2. ``--soak N`` one-line texts of common English words (a seed the fitting
   never used), analysed together as a corpus: the share of examined pairs
   called ``spun``, with and without the short-text model (copies are the
   same snippet twice, and right). The
   target is at most 0.1%. Then the same for the soak run's tiny texts
   (``benchmarks/soak.py``): 3 to 9 words from a vocabulary of 14, so that
   most pairs share most of their words.

    python benchmarks/short_texts.py [--pairs 800] [--soak 5000]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import data_dir, read_jsonl
from sklearn.metrics import f1_score

from analyzer.analysis import analyze
from analyzer.article import Article
from analyzer.config import RANDOM_STATE
from analyzer.ingest.from_text import article_from_text
from analyzer.pairs.engine import Engine
from analyzer.training.pairgen import common_word_lines
from analyzer.verdicts import DERIVED


def _articles(texts: list[str], prefix: str) -> list[Article]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [article_from_text(t, id=f"{prefix}{k}") for k, t in enumerate(texts)]


def mrpc_f1(engine: Engine, rows: list[dict]) -> float:
    """F1 of "paraphrase" when a copied or spun verdict counts as one."""
    texts = [t for r in rows for t in (r["text_a"], r["text_b"])]
    profiles = engine.profile(_articles(texts, "m"))
    called = [engine.decide(profiles[2 * k], profiles[2 * k + 1]).relation in DERIVED
              for k in range(len(rows))]
    return float(f1_score([r["label"] == "paraphrase" for r in rows], called))


def soak_rate(engine: Engine, texts: list[str]) -> tuple[float, int, int]:
    """Share of examined pairs called spun, the count, and the pairs examined.

    Copies are not counted: the same snippet twice is a copy, and the soak
    texts repeat (a 3-word text from 14 words often has a twin).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = analyze(_articles(texts, "s"), engine=engine, scores=False)
    spun = int((analysis.pairs["relation"] == "spun").sum())
    return spun / max(analysis.pairs_examined, 1), spun, analysis.pairs_examined


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=800, help="held-out MRPC pairs")
    parser.add_argument("--soak", type=int, default=5000, help="one-line texts in the soak")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = read_jsonl(data_dir() / "mrpc_train.jsonl")
    rows = rows[len(rows) // 2 :]
    picked = random.Random(RANDOM_STATE).sample(range(len(rows)), min(args.pairs, len(rows)))
    rows = [rows[k] for k in sorted(picked)]
    engine = Engine()
    without = Engine(encoder=engine.encoder, model=dataclasses.replace(engine.model, short_text=None))
    positives = sum(r["label"] == "paraphrase" for r in rows) / len(rows)
    always = 2 * positives / (1 + positives)
    f1_with, f1_without = mrpc_f1(engine, rows), mrpc_f1(without, rows)
    print(f"MRPC held out ({len(rows)} pairs): paraphrase F1 {f1_with:.3f} with the short-text model, "
          f"{f1_without:.3f} without it; always-paraphrase {always:.3f}")
    texts = common_word_lines(args.soak, random_state=RANDOM_STATE + 1)
    rate_with, n_with, examined = soak_rate(engine, texts)
    rate_without, n_without, _ = soak_rate(without, texts)
    print(f"soak of {len(texts)} one-line common-word texts: {n_with} of {examined} examined pairs called "
          f"spun ({rate_with:.3%}) with the short-text model, {n_without} ({rate_without:.3%}) "
          f"without it; target at most 0.1%")
    narrow = narrow_lines(args.soak, random.Random(RANDOM_STATE + 2))
    rate_narrow, n_narrow, examined_narrow = soak_rate(engine, narrow)
    rate_narrow_without, n_narrow_without, _ = soak_rate(without, narrow)
    print(f"soak of {len(narrow)} texts of 3 to 9 words from 14: {n_narrow} of {examined_narrow} "
          f"examined pairs called spun ({rate_narrow:.3%}) with the short-text model, "
          f"{n_narrow_without} ({rate_narrow_without:.3%}) without it")
    print(f"short texts: MRPC F1 {f1_with:.3f} (always-paraphrase {always:.3f}, without the model "
          f"{f1_without:.3f}); soak {rate_with:.3%} spun, narrow soak {rate_narrow:.3%} (target 0.1%); "
          f"{time.perf_counter() - started:.0f} s")


#: The soak run's vocabulary for its tiny texts (``benchmarks/soak.py``).
NARROW_WORDS = ("council mayor vote budget school road river police fire storm market bank court "
                "health").split()


def narrow_lines(n: int, rng: random.Random) -> list[str]:
    """``n`` texts of 3 to 9 words from :data:`NARROW_WORDS`, as the soak run writes them."""
    return [" ".join(rng.choice(NARROW_WORDS) for _ in range(rng.randint(3, 9))).capitalize() + "."
            for _ in range(n)]


if __name__ == "__main__":
    main()
