"""How heavy is our spinner? Overlap figures per ``rate`` next to the real seed pair 003 -> 000.

Spins ~100 articles of ``news_articles.jsonl`` at several rates, with and
without double spin, and prints mean word 5-gram Jaccard and containment,
word 3-gram Jaccard and the fraction of the original's tokens not matched in
the spin (1 - longest-common-subsequence matches / original length), beside
the same figures for the seed pair (003 is the original, 000 a real
content-farm spin). A benchmark made at rates far lighter than the seed pair
is too easy.

Run from the project root: ``python benchmarks/spinner_calibration.py [--n 100]``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

from analyzer.config import RANDOM_STATE
from analyzer.training.spin.spinner import QUOTE_LEAK, Spinner
from analyzer.training.spin.wordnet import WordNet

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "data" / "dev" / "news_articles.jsonl"
SEED_ORIGINAL = ROOT / "seeds" / "003_26342a6f18a9b02e.txt"
SEED_SPUN = ROOT / "seeds" / "000_d33e6d2f6bc58844.txt"
RATES = (0.2, 0.35, 0.5, 0.7, 0.9, 1.0)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def overlap(original: str, spun: str) -> dict[str, float]:
    a, b = words(original), words(spun)
    a5, b5, a3, b3 = ngrams(a, 5), ngrams(b, 5), ngrams(a, 3), ngrams(b, 3)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return {
        "jaccard5": len(a5 & b5) / max(1, len(a5 | b5)),
        "containment5": len(a5 & b5) / max(1, len(a5)),
        "jaccard3": len(a3 & b3) / max(1, len(a3 | b3)),
        "changed": 1 - matched / max(1, len(a)),
    }


def load_articles(n: int) -> list[str]:
    if not ARTICLES.is_file():
        sys.exit(f"skipped: {ARTICLES} not found (the dev data lives in ../shared/data/dev/)")
    rows = [json.loads(line) for line in ARTICLES.open(encoding="utf-8")]
    texts = [r["text"] for r in rows if 150 <= len(r["text"].split()) <= 3000]
    random.Random(RANDOM_STATE).shuffle(texts)
    return texts[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of articles (default 100)")
    parser.add_argument("--reorder", type=float, default=0.3, help="Spinner reorder (default 0.3)")
    args = parser.parse_args()
    texts = load_articles(args.n)
    wordnet = WordNet()
    seed = overlap(SEED_ORIGINAL.read_text(encoding="utf-8"), SEED_SPUN.read_text(encoding="utf-8"))
    header = "| pair | jaccard5 | containment5 | jaccard3 | tokens changed | ms/article |"
    print(f"{len(texts)} articles from {ARTICLES.name}, reorder={args.reorder}, fact_drift=0.5\n")
    print(header)
    print("|" + "---|" * 6)
    fmt = "| {} | {jaccard5:.3f} | {containment5:.3f} | {jaccard3:.3f} | {changed:.2f} | {ms} |"
    print(fmt.format("seed 003 -> 000 (real spinner)", ms="", **seed))
    original = SEED_ORIGINAL.read_text(encoding="utf-8")
    for rate in (0.7, 0.9, 1.0):
        rows = [
            overlap(original, Spinner(rate, double_spin=True, random_state=i, wordnet=wordnet)
                    .spin(original).text)
            for i in range(10)
        ]  # fmt: skip
        mean = {k: statistics.fmean(r[k] for r in rows) for k in rows[0]}
        print(fmt.format(f"seed 003 -> ours, rate {rate} + double spin (10 seeds)", ms="", **mean))
    configs = [(rate, double, QUOTE_LEAK) for double in (False, True) for rate in RATES]
    configs += [(rate, True, 1.0) for rate in (0.7, 0.9, 1.0)]
    for rate, double, quote_leak in configs:
        spinner = Spinner(
            rate, double_spin=double, reorder=args.reorder, quote_leak=quote_leak, wordnet=wordnet
        )
        rows = []
        start = time.perf_counter()
        for i, text in enumerate(texts):
            spinner.random_state = RANDOM_STATE + i
            rows.append(overlap(text, spinner.spin(text).text))
        ms = f"{1000 * (time.perf_counter() - start) / len(texts):.0f}"
        mean = {k: statistics.fmean(r[k] for r in rows) for k in rows[0]}
        name = f"rate {rate}" + (" + double spin" if double else "")
        if quote_leak != QUOTE_LEAK:
            name += f", quote_leak {quote_leak}"
        print(fmt.format(name, ms=ms, **mean))


if __name__ == "__main__":
    main()
