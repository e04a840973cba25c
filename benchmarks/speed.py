"""Speed of the pair engine: one comparison, and analyze over the 612 news articles.

1. compare: two ~800-word articles (a real article and its spin), model loaded,
   sentence cache empty each round; the floor in the same run is encoding the
   same sentences alone (the model call the engine cannot avoid).
2. analyze on news_articles.jsonl with candidate pruning, stage by stage (what
   analyze() runs, minus reading the files): encoding, candidates, the pair
   engine, the scores; pairs examined vs all pairs, and the recall of the
   silver copy pairs among the candidates. The all-pairs time is extrapolated
   from the measured cost per pair (running all 177k pairs would take hours).
3. The floor of that run: encoding the same distinct sentences once with a
   fresh encoder of the default backend, in the same process; the summary
   line gives analyze's time as a ratio of it.

It ends with one line:
``speed: analyze N articles T s; floor F s (...); ratio R; verdicts equal to
the torch reference on Q of pairs; compare C s; peak P GB``. The default
backend is torch, which is the reference, so Q is 1 by construction; see
``benchmarks/backend_agreement.py`` for another backend's Q.

    python benchmarks/speed.py [--skip-compare] [--skip-analyze]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import pandas as pd
from devdata import data_dir, news_articles, read_jsonl

from analyzer.article import Article
from analyzer.embed.sentence import SentenceEncoder
from analyzer.pairs.candidates import candidate_pairs
from analyzer.pairs.engine import Engine
from analyzer.scores.corpus import score_corpus
from analyzer.text.sentences import clear_caches, split_sentences
from analyzer.training.pairgen import trim
from analyzer.training.spin.spinner import Spinner


def time_compare(engine: Engine, articles: list[Article], rounds: int = 5) -> float:
    """Median time of compare() vs encoding alone, fresh cache each round."""
    src = max((a for a in articles if a.ok and a.n_words >= 750), key=lambda a: -abs(a.n_words - 800))
    src = trim(src, 850)
    spun = Article(id="spun", text=Spinner(rate=0.5, random_state=1).spin(src.text).text)
    model = engine.encoder.st_model
    compare_times, encode_times = [], []
    for _ in range(rounds):
        engine.encoder = SentenceEncoder(model)
        clear_caches()
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
    return c


def time_analyze(engine: Engine, articles: list[Article], silver: list[dict]) -> tuple[int, float, float]:
    """The stages of analyze() over the whole news set, cold cache, one pass each.

    Returns the usable articles, the total time and the floor (the distinct
    sentences encoded once by a fresh encoder, after the run).
    """
    engine.encoder = SentenceEncoder(engine.encoder.st_model)
    clear_caches()
    usable = [a for a in articles if a.ok]
    t0 = time.perf_counter()
    profiles = engine.profile(usable)
    t1 = time.perf_counter()
    pairs = candidate_pairs(profiles)
    t2 = time.perf_counter()
    results = [engine.decide(profiles[i], profiles[j]) for i, j in pairs]
    t3 = time.perf_counter()
    scored = score_corpus(profiles, results, engine.facts)
    t4 = time.perf_counter()
    ids = [p.id for p in profiles]
    found = {(ids[i], ids[j]) for i, j in pairs} | {(ids[j], ids[i]) for i, j in pairs}
    known = [(r["a"], r["b"]) for r in silver if r["a"] in set(ids) and r["b"] in set(ids)]
    recall = sum(pair in found for pair in known) / max(len(known), 1)
    n = len(usable)
    total = n * (n - 1) // 2
    per_pair = (t3 - t2) / max(len(pairs), 1)
    relations = pd.Series([r.relation for r in results]).value_counts().to_dict()
    print(f"analyze: {len(articles)} inputs, {n} usable, {engine.encoder.n_encoded} sentences encoded")
    print(f"  encode {t1 - t0:.0f} s | candidates {t2 - t1:.1f} s | pair engine {t3 - t2:.0f} s "
          f"({per_pair * 1000:.1f} ms per pair) | scores (facts, stories, consistency) {t4 - t3:.0f} s "
          f"| total {t4 - t0:.0f} s")
    print(f"  pairs examined {len(pairs)} of {total} ({len(pairs) / total:.1%}); silver copy pairs "
          f"among candidates: {recall:.3f} ({len(known)} pairs)")
    print(f"  all pairs through the engine would take ~{total * per_pair / 60:.0f} min instead of "
          f"{(t3 - t2) / 60:.1f} min ({total / len(pairs):.0f}x fewer pairs)")
    print(f"  relations: {relations}; stories: {len(scored.stories)}; facts: {len(scored.facts)}")
    distinct = list(dict.fromkeys(s.text for p in profiles for s in p.sentences))
    fresh = SentenceEncoder(engine.encoder.st_model)
    t5 = time.perf_counter()
    fresh.encode(distinct)
    floor = time.perf_counter() - t5
    print(f"  floor: {len(distinct)} distinct sentences encoded once in {floor:.0f} s")
    return n, t4 - t0, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-analyze", action="store_true")
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args()
    data = data_dir()
    articles = news_articles(data)
    engine = Engine()
    t = time.perf_counter()
    _ = engine.encoder.st_model
    print(f"model load {time.perf_counter() - t:.1f} s")
    compare = time_compare(engine, articles) if not args.skip_compare else float("nan")
    if not args.skip_analyze:
        n, total, floor = time_analyze(engine, articles, read_jsonl(data / "news_copy_pairs_silver.jsonl"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
        print(f"speed: analyze {n} articles {total:.0f} s; floor {floor:.0f} s (encoding the same sentences "
              f"once, default backend, same run); ratio {total / floor:.2f}; verdicts equal to the torch "
              f"reference on 1.000 of pairs (torch is the default); compare {compare:.2f} s; "
              f"peak {peak:.2f} GB")


if __name__ == "__main__":
    main()
