"""Speed of the pair engine: one comparison, and analyze over the 612 news articles.

1. compare: two ~800-word articles (a real article and its spin), model loaded,
   sentence cache empty each round; the floor in the same run is encoding the
   same sentences alone (the model call the engine cannot avoid).
2. analyze on news_articles.jsonl with candidate pruning: time per stage, pairs
   examined vs all pairs, and the recall of the silver copy pairs among the
   candidates. The all-pairs time is extrapolated from the measured cost per pair
   (running all 187k pairs would take over an hour).

    python benchmarks/speed.py [--skip-analyze]
"""

from __future__ import annotations

import argparse
import statistics
import time

from devdata import data_dir, news_articles, read_jsonl

from analyzer.analysis import analyze
from analyzer.article import Article
from analyzer.candidates import candidate_pairs
from analyzer.embedding import SentenceEncoder
from analyzer.pairgen import trim
from analyzer.relations import Engine
from analyzer.sentences import split_sentences
from analyzer.spinner import Spinner


def time_compare(engine: Engine, articles: list[Article], rounds: int = 5) -> None:
    """Median time of compare() vs encoding alone, fresh cache each round."""
    src = max((a for a in articles if a.ok and a.n_words >= 750), key=lambda a: -abs(a.n_words - 800))
    src = trim(src, 850)
    spun = Article(id="spun", text=Spinner(rate=0.5, random_state=1).spin(src.text).text)
    model = engine.encoder.st_model
    compare_times, encode_times = [], []
    for _ in range(rounds):
        engine.encoder = SentenceEncoder(model)
        t = time.perf_counter()
        result = engine.compare(src, spun)
        compare_times.append(time.perf_counter() - t)
        fresh = SentenceEncoder(model)
        sentences = [s.text for a in (src, spun) for s in split_sentences(a.text)]
        t = time.perf_counter()
        fresh.encode(sentences)
        encode_times.append(time.perf_counter() - t)
    c, e = statistics.median(compare_times), statistics.median(encode_times)
    print(f"compare: {src.n_words}-word article vs its spin ({spun.n_words} words), "
          f"{len(sentences)} sentences -> {result.relation}")
    print(f"  compare median {c * 1000:.0f} ms; encoding alone {e * 1000:.0f} ms; "
          f"ratio {c / e:.2f}x (the rest is alignment, features, decision: {(c - e) * 1000:.0f} ms)")


def time_analyze(engine: Engine, articles: list[Article], silver: list[dict]) -> None:
    """analyze() over the whole news set, with candidate recall of the silver copies."""
    engine.encoder = SentenceEncoder(engine.encoder.st_model)
    t0 = time.perf_counter()
    usable = [a for a in articles if a.ok]
    profiles = engine.profile(usable)
    t1 = time.perf_counter()
    pairs = candidate_pairs(profiles)
    t2 = time.perf_counter()
    analysis = analyze(articles, engine=engine, all_pairs_limit=60)
    t3 = time.perf_counter()
    ids = [p.id for p in profiles]
    found = {(ids[i], ids[j]) for i, j in pairs} | {(ids[j], ids[i]) for i, j in pairs}
    known = [(r["a"], r["b"]) for r in silver if r["a"] in set(ids) and r["b"] in set(ids)]
    recall = sum(pair in found for pair in known) / max(len(known), 1)
    n = len(usable)
    per_pair = (t3 - t2 - 0) / max(analysis.pairs_examined, 1)
    print(f"analyze: {len(articles)} inputs, {n} usable, {engine.encoder.n_encoded} sentences encoded")
    print(f"  profile (encode) {t1 - t0:.0f} s; candidates {t2 - t1:.1f} s; "
          f"analyze end to end (cache warm) {t3 - t2:.0f} s")
    print(f"  pairs examined {analysis.pairs_examined} of {analysis.pairs_total} "
          f"({analysis.pairs_examined / analysis.pairs_total:.1%}); silver copy pairs among "
          f"candidates: {recall:.3f} ({len(known)} pairs)")
    fewer = analysis.pairs_total / analysis.pairs_examined
    print(f"  all pairs would take ~{analysis.pairs_total * per_pair / 60:.0f} min at the measured "
          f"{per_pair * 1000:.1f} ms per pair: pruning examines {fewer:.0f}x fewer pairs")
    print(f"  relations: {dict(analysis.pairs['relation'].value_counts())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-analyze", action="store_true")
    args = parser.parse_args()
    data = data_dir()
    articles = news_articles(data)
    engine = Engine()
    t = time.perf_counter()
    _ = engine.encoder.st_model
    print(f"model load {time.perf_counter() - t:.1f} s")
    time_compare(engine, articles)
    if not args.skip_analyze:
        time_analyze(engine, articles, read_jsonl(data / "news_copy_pairs_silver.jsonl"))


if __name__ == "__main__":
    main()
