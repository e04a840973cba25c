"""The same input gives the same output, byte for byte, across runs and hash seeds.

Two fresh processes with different ``PYTHONHASHSEED`` write every output of
the seeds (analysis JSON, every table as CSV, the report's HTML and PDF, the
ranking, an index file); the files must be identical. The dates printed in the
report and recorded in the index are pinned with ``SOURCE_DATE_EPOCH``, as a
reproducible build would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, SPUN

SCRIPT = f"""
import json, sys, warnings
from pathlib import Path
warnings.simplefilter("ignore")
import analyzer
out = Path(sys.argv[1])
engine = analyzer.Engine()
analysis = analyzer.analyze([{str(SEEDS)!r}], engine=engine)
(out / "analysis.json").write_text(json.dumps(analysis.to_dict(), indent=1, ensure_ascii=False,
                                              default=str, sort_keys=True))
for table in ("articles", "pairs", "sources", "discrepancies", "facts", "stories"):
    getattr(analysis, table).to_csv(out / f"{{table}}.csv", index=False)
analyzer.write_report(analysis, out, name="seeds")
others = sorted(p for p in Path({str(SEEDS)!r}).glob("*.txt") if {SPUN!r} not in p.name)
ranking = analyzer.rank([Path({str(SEEDS)!r}) / "{SPUN}.txt"], corpus=others, engine=engine)
ranking.to_csv(out / "rank.csv", index=False)
analyzer.CorpusIndex.build(others).save(out / "seeds.idx")
"""


def _run(out: Path, seed: str) -> dict[str, bytes]:
    out.mkdir()
    # The report's date is today's unless pinned; runs either side of midnight must agree too.
    env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1", "SOURCE_DATE_EPOCH": "1790000000"}
    subprocess.run([sys.executable, "-c", SCRIPT, str(out)], check=True, env=env, cwd=ROOT,
                   capture_output=True, timeout=600)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.slow
def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    first = _run(tmp_path / "one", "1")
    second = _run(tmp_path / "two", "2")
    assert sorted(first) == ["analysis.json", "articles.csv", "discrepancies.csv", "facts.csv",
                             "pairs.csv", "rank.csv", "seeds.html", "seeds.idx", "seeds.pdf",
                             "sources.csv", "stories.csv"]
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
