"""How long ``analyzer --help`` takes, against the interpreter's own start and the eager import.

Three commands, each run ``--repeat`` times in a fresh process (median wall
time): the Python interpreter doing nothing (the floor), ``analyzer --help``,
and importing the analysis module, which is what ``--help`` cost when the
package face imported everything (pandas, scikit-learn, torch). Target:
``--help`` under 0.5 s.

    python benchmarks/cli_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ANALYZER = str(Path(sys.executable).with_name("analyzer"))


def median_seconds(command: list[str], repeat: int) -> float:
    """Median wall time of ``command`` over ``repeat`` fresh processes."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    floor = median_seconds([sys.executable, "-c", "pass"], args.repeat)
    help_s = median_seconds([ANALYZER, "--help"], args.repeat)
    eager = median_seconds([sys.executable, "-c", "import analyzer.analysis"], args.repeat)
    print(f"interpreter start        {floor:6.2f} s")
    print(f"analyzer --help          {help_s:6.2f} s")
    print(f"import analyzer.analysis {eager:6.2f} s  (what --help cost with an eager face)")
    print(f"cli startup: --help {help_s:.2f} s; interpreter floor {floor:.2f} s "
          f"(ratio {help_s / floor:.1f}); "
          f"eager import {eager:.2f} s ({eager / help_s:.0f}x slower); target 0.5 s "
          f"{'met' if help_s < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
