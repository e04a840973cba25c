"""Do two backends give the same verdicts? Per set: relations equal, originals equal, wrong originals.

Compares the per-pair tables of two runs of ``benchmarks/relations.py`` (the
torch reference in ``results/`` and, for example, an onnx-int8 run written
elsewhere). A backend may replace the default only if its verdicts equal the
reference's on at least 99% of pairs and it names no original wrongly that
the reference did not.

    python benchmarks/relations.py --backend onnx-int8 --out /tmp/onnx
    python benchmarks/backend_agreement.py results/ /tmp/onnx
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

SETS = ["generated", "clough_stevenson", "silver", "realworld", "machine_paraphrase", "mrpc"]


def wrong_originals(df: pd.DataFrame) -> int:
    """Pairs whose named original is not the true one (pairs with no known original do not count)."""
    known = df["true_original"].notna() & df["original"].notna()
    return int((df.loc[known, "original"] != df.loc[known, "true_original"]).sum())


def agreement(reference: pd.DataFrame, other: pd.DataFrame) -> dict[str, float | int]:
    """How far ``other``'s verdicts equal ``reference``'s, pair by pair (same pairs, same order)."""
    if len(reference) != len(other) or not (reference["truth"].values == other["truth"].values).all():
        raise ValueError("the two tables do not hold the same pairs")
    return {
        "pairs": len(reference),
        "relation_equal": int((reference["relation"] == other["relation"]).sum()),
        "original_equal": int((reference["original"].fillna("-") == other["original"].fillna("-")).sum()),
        "wrong_originals_reference": wrong_originals(reference),
        "wrong_originals_other": wrong_originals(other),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="folder of the reference run's tables")
    parser.add_argument("other", type=Path, help="folder of the other run's tables")
    args = parser.parse_args()
    rows = {}
    for name in SETS:
        ref, other = (pd.read_csv(folder / f"relations_{name}.csv")
                      for folder in (args.reference, args.other))
        rows[name] = agreement(ref, other)
    table = pd.DataFrame(rows).T
    table.loc["all"] = table.sum()
    table["relation_share"] = (table["relation_equal"] / table["pairs"]).round(4)
    table["original_share"] = (table["original_equal"] / table["pairs"]).round(4)
    print(table.to_string())
    total = table.loc["all"]
    verdict = ("may replace the reference" if total["relation_share"] >= 0.99
               and total["wrong_originals_other"] <= total["wrong_originals_reference"]
               else "may not replace the reference")
    print(f"\nbackend agreement: relations equal on {total['relation_share']:.2%} of {int(total['pairs'])} "
          f"pairs; wrong originals {int(total['wrong_originals_other'])} against "
          f"{int(total['wrong_originals_reference'])}: {verdict}")


if __name__ == "__main__":
    main()
