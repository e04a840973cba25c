"""The ``analyzer`` command line.

The CLI owns the terminal: tables, progress bars (on a terminal, unless
``--quiet``) and exit codes. Library code only returns data and warns.

Exit codes: 0 done; 1 done, but some inputs were skipped (listed in the
output with their reason); 2 unusable input (missing path, nothing readable,
an unreadable file given to ``compare``); 3 model could not be loaded.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from analyzer.exceptions import InputError, ModelError, UnreadableInputError
from analyzer.relations import DERIVED

EXIT_OK, EXIT_SKIPPED, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3


def _progress_factory(quiet: bool):
    """A progress wrapper for long loops: tqdm on a terminal, silent otherwise."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    def progress(items: Iterable[Any], total: int, desc: str) -> Iterable[Any]:
        return tqdm(items, total=total, desc=desc, file=sys.stderr, leave=False)

    return progress


def _engine(model: str | None):
    from analyzer.embedding import SentenceEncoder
    from analyzer.relations import Engine

    return Engine(encoder=SentenceEncoder(model)) if model else Engine()


def _one_article(path: str):
    from analyzer.ingest import read_articles

    articles = read_articles([path])
    if len(articles) != 1:
        raise InputError(f"{path}: compare expects one article per file, found {len(articles)}")
    article = articles[0]
    if not article.ok:
        raise UnreadableInputError(f"{path}: {article.reason}")
    return article


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_pair(result: Any, max_rows: int = 12) -> str:
    """Readable evidence for one compared pair."""
    lines = [f"{result.a_id}  <->  {result.b_id}"]
    original = result.original_id or "cannot be told"
    if result.relation not in DERIVED:
        original = "not applicable"
    lines.append(f"relation: {result.relation}   spin probability: {result.spin_probability:.2f}   "
                 f"original: {original}")
    lines.append("why:")
    lines += [f"  - {r}" for r in result.reasons]
    if result.direction_reasons:
        lines.append("direction:")
        lines += [f"  - {r}" for r in result.direction_reasons]
    al = result.alignment
    if len(al):
        lines.append(f"aligned sentences ({min(len(al), max_rows)} of {len(al)}; a | b | similarity):")
        for row in al.head(max_rows).itertuples():
            lines.append(f"  a{row.a_index:<3} {_clip(row.a_sentence, 70)}")
            lines.append(f"  b{row.b_index:<3} {_clip(row.b_sentence, 70)}   [{row.similarity:.2f}]")
    if len(result.substitutions):
        subs = result.substitutions
        lines.append(f"substitutions ({len(subs)}):")
        for row in subs.head(max_rows * 2).itertuples():
            lines.append(f"  {row.original!r} -> {row.replacement!r}")
    if len(result.fact_changes):
        lines.append(f"facts changed ({len(result.fact_changes)}):")
        for row in result.fact_changes.itertuples():
            lines.append(f"  {row.original!r} -> {row.changed!r} ({row.what}; "
                         f"a{row.a_index} -> b{row.b_index})")
    return "\n".join(lines)


def _table(df: pd.DataFrame) -> str:
    with pd.option_context("display.width", 200, "display.max_colwidth", 48, "display.max_rows", 500):
        return df.to_string(index=False) if len(df) else "  (none)"


def format_analysis(analysis: Any) -> str:
    """The readable tables of ``analyzer analyze``: articles, pairs, originality, sources, facts."""
    arts = analysis.articles[["id", "status", "source", "n_words", "n_sentences", "reason"]]
    pairs = analysis.pairs.sort_values(["relation", "spin_probability"], ascending=[True, False])
    pairs = pairs[["a", "b", "relation", "spin_probability", "original_id", "coverage_min",
                   "shingle5_containment_max"]]
    parts = ["Articles", _table(arts), "", "Pairs", _table(pairs), ""]
    if len(analysis.sources):
        ranking = analysis.originality_ranking()
        parts += ["Originality (least original first)", _table(ranking), ""]
        sources = analysis.sources[["source", "n_articles", "reliability", "originality",
                                    "consistency", "attribution", "text_quality", "uncertainty"]]
        parts += ["Sources (reliability = weighted mean of the components)", _table(sources), ""]
        disc = analysis.discrepancies
        if len(disc):
            parts.append("Fact discrepancies")
            for row in disc.itertuples():
                values = "; ".join(f"{a}: {', '.join(v)}" for a, v in row.values.items())
                parts.append(f"  [{row.kind}] {row.topic}: {values}")
                if row.note:
                    parts.append(f"      {row.note}")
            parts.append("")
    return "\n".join(parts) + "\n"


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two article files."""
    a, b = _one_article(args.a), _one_article(args.b)
    result = _engine(args.model).compare(a, b)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=1, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(format_pair(result) + "\n")
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse files and folders of articles."""
    import time

    from analyzer.analysis import analyze

    started = time.perf_counter()
    analysis = analyze(args.paths, engine=_engine(args.model),
                       progress=_progress_factory(args.quiet))
    elapsed = time.perf_counter() - started
    skipped = int((analysis.articles["status"] != "ok").sum())
    if args.json:
        sys.stdout.write(json.dumps(analysis.to_dict(), indent=1, ensure_ascii=False, default=str)
                         + "\n")
    elif args.csv:
        getattr(analysis, args.table).to_csv(sys.stdout, index=False)
    else:
        sys.stdout.write(format_analysis(analysis))
        sys.stdout.write(
            f"{len(analysis.articles) - skipped} articles analysed, {skipped} skipped; "
            f"{analysis.pairs_examined} of {analysis.pairs_total} pairs examined in {elapsed:.1f} s\n"
        )
    return EXIT_SKIPPED if skipped else EXIT_OK


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    """Warnings as one plain line on stderr (no source location: users did nothing wrong there)."""
    sys.stderr.write(f"warning: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="analyzer",
        description="Tell machine-spun rewrites from copies and same-story reports, with evidence.",
    )
    parser.add_argument("--model", default=None,
                        help="embedding model: 'bundled:all-MiniLM-L6-v2' (default) or a local "
                             "sentence-transformers folder")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or warnings")
    parser.add_argument("-v", "--verbose", action="store_true", help="log diagnostics to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("compare", help="compare two articles and show the evidence")
    p.add_argument("a", help="first article file (.txt, .html, or a one-article .jsonl/.csv)")
    p.add_argument("b", help="second article file")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("analyze", help="analyse all pairs among articles in files or folders")
    p.add_argument("paths", nargs="+", help="files or folders of articles")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print articles and pairs as JSON")
    fmt.add_argument("--csv", action="store_true",
                     help="print the pairs table as CSV (with --table, another table)")
    p.add_argument("--table", default="pairs",
                   choices=["pairs", "articles", "sources", "discrepancies", "facts", "stories"],
                   help="which table --csv prints (default: pairs)")
    p.set_defaults(func=cmd_analyze)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``analyzer`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    with warnings.catch_warnings():
        if args.quiet:
            warnings.simplefilter("ignore")
        else:
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
        try:
            return args.func(args)
        except InputError as err:
            sys.stderr.write(f"analyzer: error: {err}\n")
            return EXIT_INPUT
        except ModelError as err:
            sys.stderr.write(f"analyzer: model error: {err}\n")
            return EXIT_MODEL
        except KeyboardInterrupt:
            sys.stderr.write("analyzer: interrupted\n")
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
