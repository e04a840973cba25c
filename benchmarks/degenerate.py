"""Degenerate and concurrent inputs: time and peak memory of each, against one ordinary article.

Each case runs ``analyzer`` in its own process (so its peak memory, the
process's ``ru_maxrss``, is its own) on inputs written to a temporary folder:

1. ``50 copies``: 50 identical articles (the issue measured 135 s when every pair was compared);
2. ``5,000 copies``: a JSON-lines feed of 5,000 copies of one 1,000-word article
   (target: under 60 s and 2 GB);
3. ``one sentence``: one 900,000-character article with no sentence end;
4. ``50,000 sentences``: one article of 50,000 two-word sentences (refused, limit named);
5. ``two writers``: two ``index add`` at once on one index (both additions kept);
6. ``killed writer``: an ``index add`` killed with SIGKILL mid-write, then another
   (no temporary file left, the index intact).

The baseline, in the same run, is ``analyze`` of that one article alone: each
case's ratio says how many single articles it costs. Prints one table and
one summary line; exits 1 if a case misses its documented outcome.

    python benchmarks/degenerate.py
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANALYZER = [str(Path(sys.executable).with_name("analyzer"))]  # the console script beside this python
NEWSWEEK = ROOT / "seeds" / "003_26342a6f18a9b02e.txt"


#: Runs its arguments as a child and reports the child's peak memory: one child per wrapper,
#: so RUSAGE_CHILDREN's maximum is that child's own.
_PEAK = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
         "sys.stderr.write(f'\\npeak_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n'); "
         "sys.exit(code)")


def run(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run one analyzer process: wall seconds, its peak memory in GB, and the completed process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *ANALYZER, "--quiet", *args],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    found = re.findall(r"peak_kb=(\d+)", done.stderr)
    return seconds, (int(found[-1]) / 1024 / 1024 if found else float("nan")), done


def thousand_word_article() -> str:
    """Newsweek's article, its body repeated to about 1,000 words."""
    text = NEWSWEEK.read_text(encoding="utf-8")
    title, body = text.split("\n", 1)
    words = len(body.split())
    return title + "\n" + "\n\n".join([body.strip()] * max(1, round(1000 / words)))


def main() -> int:
    rows: list[tuple[str, float, float, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        article = thousand_word_article()
        single = tmp / "single.txt"
        single.write_text(article, encoding="utf-8")
        base_s, base_gb, done = run(["analyze", str(single)])
        rows.append(("one article (baseline)", base_s, base_gb, f"exit {done.returncode}",
                     done.returncode == 0))

        fifty = tmp / "fifty"
        fifty.mkdir()
        for i in range(50):
            (fifty / f"copy{i:02d}.txt").write_text(article, encoding="utf-8")
        s, gb, done = run(["analyze", "--json", str(fifty)])
        n = len(json.loads(done.stdout)["articles"]) if done.returncode == 0 else 0
        rows.append(("50 copies", s, gb, f"{n} of 50 articles in the output", n == 50))

        feed = tmp / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for i in range(5000):
                out.write(json.dumps({"id": f"c{i}", "text": article}) + "\n")
        s, gb, done = run(["analyze", "--csv", "--table", "articles", str(feed)])
        n = max(0, len(done.stdout.splitlines()) - 1)
        rows.append(("5,000 copies", s, gb, f"{n} of 5,000 articles in the output",
                     n == 5000 and s < 60 and gb < 2))

        one = tmp / "one_sentence.txt"
        one.write_text("A title\n\n" + ("word " * 180_000).strip(), encoding="utf-8")
        s, gb, done = run(["analyze", str(one), str(single)])
        rows.append(("one 900,000-char sentence", s, gb, f"exit {done.returncode}", done.returncode == 0))

        many = tmp / "many_sentences.txt"
        many.write_text("A title\n\n" + " ".join(["Two words."] * 50_000), encoding="utf-8")
        s, gb, done = run(["analyze", str(many), str(single)])
        refused = done.returncode == 1 and "too many sentences" in done.stdout + done.stderr
        outcome = "refused, limit named" if refused else f"exit {done.returncode}"
        rows.append(("50,000 sentences", s, gb, outcome, refused))

        index = tmp / "news.idx"
        run(["index", "build", str(single), "-o", str(index)])
        parts = []
        for k in range(2):
            folder = tmp / f"add{k}"
            folder.mkdir()
            (folder / f"new{k}.txt").write_text(article.replace("Putin", f"Putin{k}"), encoding="utf-8")
            parts.append(folder)
        started = time.perf_counter()
        procs = [subprocess.Popen([*ANALYZER, "--quiet", "index", "add", str(index), str(p)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in parts]
        codes = [p.wait() for p in procs]
        s = time.perf_counter() - started
        _, gb, info = run(["index", "info", str(index)])
        n = json.loads(info.stdout).get("n_articles", 0) if info.returncode == 0 else 0
        rows.append(("two writers at once", s, gb, f"exits {codes}, {n} of 3 articles kept",
                     codes == [0, 0] and n == 3))

        victim = tmp / "add_killed"
        victim.mkdir()
        (victim / "late.txt").write_text(article.replace("Putin", "Medvedev"), encoding="utf-8")
        proc = subprocess.Popen([*ANALYZER, "--quiet", "index", "add", str(index), str(victim)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(tmp.glob(".news.idx.*.tmp")) and proc.poll() is None:
            time.sleep(0.01)
        left = bool(list(tmp.glob(".news.idx.*.tmp")))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        s, gb, done = run(["index", "add", str(index), str(parts[0])])
        clean = not list(tmp.glob(".news.idx.*.tmp"))
        fate = "left, then removed" if left and clean else "removed" if clean else "left"
        rows.append(("killed writer, then another", s, gb, f"temporary file {fate}; next add exit "
                     f"{done.returncode}", clean and done.returncode in (0, 1)))

    width = max(len(r[0]) for r in rows)
    print(f"{'case':{width}}  {'seconds':>8}  {'x one':>6}  {'peak GB':>7}  outcome")
    for name, s, gb, outcome, ok in rows:
        mark = "" if ok else "  << FAILED"
        print(f"{name:{width}}  {s:8.1f}  {s / base_s:6.1f}  {gb:7.2f}  {outcome}{mark}")
    five = next(r for r in rows if r[0] == "5,000 copies")
    print(f"degenerate: 5,000 copies {five[1]:.1f} s at {five[2]:.2f} GB peak "
          f"({five[1] / base_s:.1f}x one article's {base_s:.1f} s, same run); "
          f"{sum(r[4] for r in rows)} of {len(rows)} cases as documented")
    return 0 if all(r[4] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
