"""The ``analyzer`` command line.

The CLI owns the terminal: tables, progress bars (on a terminal, unless
``--quiet``) and exit codes. Library code only returns data and warns.

Exit codes: 0 done; 1 done, but some inputs were skipped (listed in the
output with their reason); 2 unusable input (missing path, nothing readable,
an unreadable file given to ``compare``, an index file that is corrupt, foreign or of
another version); 3 model could not be loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from analyzer.__version__ import __version__
from analyzer.exceptions import (
    IndexFormatError,
    InputError,
    ModelError,
    NoArticlesError,
)
from analyzer.report.plain import spreadsheet_safe, terminal_safe
from analyzer.verdicts import DERIVED

if TYPE_CHECKING:  # pandas is imported where a table is printed, so `--help` stays fast
    import pandas as pd

EXIT_OK, EXIT_SKIPPED, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3


def _progress_factory(quiet: bool):
    """A progress wrapper for long loops: tqdm on a terminal, silent otherwise."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    def progress(items: Iterable[Any], total: int, desc: str) -> Iterable[Any]:
        # Left on screen when done: the count of pairs compared is worth keeping.
        return tqdm(items, total=total, desc=desc, file=sys.stderr, leave=True)

    return progress


def _engine(model: str | None, backend: str | None = None):
    from analyzer.config import default_model
    from analyzer.embed.sentence import SentenceEncoder
    from analyzer.pairs.engine import Engine

    backend = backend or "torch"
    if not model and backend == "torch":
        return Engine()
    return Engine(encoder=SentenceEncoder(model or default_model(), backend=backend))


def _inputs(args: argparse.Namespace, paths: Sequence[str]) -> list[Any]:
    """The inputs of a command: the paths as given, or read here when ``--field``/``--order`` apply."""
    if not args.field and not args.order:
        return list(paths)
    if getattr(args, "scheduler", None):
        raise InputError("--field and --order cannot be used with --scheduler (workers read the files)")
    from analyzer.ingest.read import read_articles
    from analyzer.ingest.rows import parse_field_map

    articles = read_articles(paths, fields=parse_field_map(args.field or []))
    return apply_order(articles, args.order) if args.order else articles


def apply_order(articles: Sequence[Any], order: str) -> list[Any]:
    """Articles with the publication order the user stated (``"003,000"``: 003 came first)."""
    from dataclasses import replace

    ids = [i.strip() for i in order.split(",") if i.strip()]
    known = {a.id for a in articles}
    unknown = [i for i in ids if i not in known]
    if unknown or len(set(ids)) != len(ids) or len(ids) < 2:
        raise InputError(f"--order {order!r}: give two or more distinct article ids, earliest first"
                         + (f"; not among the inputs: {', '.join(unknown)} (ids: "
                            f"{', '.join(sorted(known)[:10])})" if unknown else ""))
    place = {i: k for k, i in enumerate(ids)}
    return [replace(a, order=place[a.id]) if a.id in place else a for a in articles]


def _one_article(path: str, args: argparse.Namespace):
    from analyzer.ingest.read import read_one_article
    from analyzer.ingest.rows import parse_field_map

    return read_one_article(path, fields=parse_field_map(args.field or []))


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _shown(shown: int, total: int) -> str:
    """"56", or "24 of 56 shown (--all for every one)" when the list is cut."""
    return str(total) if shown >= total else f"{shown} of {total} shown (--all for every one)"


def format_pair(result: Any, max_rows: int | None = 12) -> str:
    """Readable evidence for one compared pair; ``max_rows=None`` shows every row."""
    if max_rows is None:
        max_rows = max(len(result.alignment), (len(result.substitutions) + 1) // 2, 1)
    lines = [f"{result.a_id}  <->  {result.b_id}"]
    original = result.original_id or "the text does not tell which came first"
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
        lines.append(f"aligned sentences ({_shown(min(len(al), max_rows), len(al))}; a | b | similarity):")
        for row in al.head(max_rows).itertuples():
            lines.append(f"  a{row.a_index + 1:<3} {_clip(row.a_sentence, 70)}")
            lines.append(f"  b{row.b_index + 1:<3} {_clip(row.b_sentence, 70)}   [{row.similarity:.2f}]")
    if len(result.substitutions):
        subs = result.substitutions
        lines.append(f"substitutions ({_shown(min(len(subs), max_rows * 2), len(subs))}):")
        for row in subs.head(max_rows * 2).itertuples():
            lines.append(f"  {row.original!r} -> {row.replacement!r}")
    if len(result.fact_changes):
        lines.append(f"facts changed ({len(result.fact_changes)}):")
        for row in result.fact_changes.itertuples():
            lines.append(f"  {row.original!r} -> {row.changed!r} ({row.what}; "
                         f"a{row.a_index + 1} -> b{row.b_index + 1})")
    return "\n".join(lines)


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two article files."""
    a, b = _one_article(args.a, args), _one_article(args.b, args)
    if args.order:
        a, b = apply_order([a, b], args.order)
    result = _engine(args.model, args.backend).compare(a, b)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=1, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(terminal_safe(format_pair(result, max_rows=None if args.all else 12)) + "\n")
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse files and folders of articles."""
    import time

    from analyzer.analysis import analyze

    started = time.perf_counter()
    if args.scheduler:
        from analyzer.config import default_model
        from analyzer.distributed import analyze_distributed, dask_client

        with dask_client(args.scheduler) as client:
            analysis = analyze_distributed(args.paths, client, model=args.model or default_model(),
                                           backend=args.backend or "torch")
    else:
        analysis = analyze(_inputs(args, args.paths), engine=_engine(args.model, args.backend),
                           progress=_progress_factory(args.quiet))
    elapsed = time.perf_counter() - started
    skipped = int((analysis.articles["status"] != "ok").sum())
    if args.json:
        sys.stdout.write(analysis.to_json())
    elif args.csv:
        table = getattr(analysis, args.table)
        (table if args.raw else spreadsheet_safe(table)).to_csv(sys.stdout, index=False)
    else:
        from analyzer.report.console import format_analysis

        sys.stdout.write(terminal_safe(format_analysis(analysis)))
        sys.stdout.write(terminal_safe("".join(f"note: {note}\n" for note in analysis.notes)))
        sys.stdout.write(
            f"{len(analysis.articles) - skipped} articles analysed, {skipped} skipped; "
            f"{analysis.pairs_examined} of {analysis.pairs_total} pairs examined in {elapsed:.1f} s\n"
        )
    return EXIT_SKIPPED if skipped else EXIT_OK


def _report_name(paths: Sequence[str]) -> str:
    """Default report name: the one input's folder or file name (``seeds/`` gives ``seeds``)."""
    import re
    from pathlib import Path

    stem = Path(paths[0]).resolve().stem if len(paths) == 1 else ""
    return re.sub(r"[^\w.-]+", "-", stem).strip(".-") or "report"


def cmd_report(args: argparse.Namespace) -> int:
    """Analyse files and folders and write the charted report (HTML and PDF)."""
    import time

    from analyzer.analysis import analyze
    from analyzer.exceptions import ReportError
    from analyzer.report.files import write_report

    started = time.perf_counter()
    analysis = analyze(_inputs(args, args.paths), engine=_engine(args.model, args.backend),
                       progress=_progress_factory(args.quiet))
    analysed = time.perf_counter()
    try:
        on_stage = None if _progress_factory(args.quiet) is None else (
            lambda stage: sys.stderr.write(f"report: {stage}…\n"))
        files = write_report(analysis, args.output, name=args.name or _report_name(args.paths),
                             title=args.title, pdf=not args.no_pdf, on_stage=on_stage)
    except ReportError as err:
        sys.stderr.write(f"analyzer: error: {terminal_safe(str(err))}\n")
        return EXIT_INPUT
    total = time.perf_counter() - started
    skipped = int((analysis.articles["status"] != "ok").sum())
    sys.stdout.write(f"wrote {files.html}\n")
    if files.pdf:
        sys.stdout.write(f"wrote {files.pdf}\n")
    stages = [("analysis (with model loading)", analysed - started),
              ("charts", files.timings["charts"]), ("HTML", files.timings["html"])]
    if "pdf" in files.timings:
        stages.append(("PDF", files.timings["pdf"]))
    sys.stdout.write("time: " + ", ".join(f"{name} {sec:.1f} s" for name, sec in stages)
                     + f"; total {total:.1f} s\n")
    sys.stdout.write(f"{len(analysis.articles) - skipped} articles analysed, {skipped} skipped "
                     "(listed in the report's article table)\n")
    return EXIT_SKIPPED if skipped else EXIT_OK


def cmd_models(args: argparse.Namespace) -> int:
    """Build the models derived from the sentence model ahead of use (so no run pays for it)."""
    from analyzer.config import default_model
    from analyzer.embed.sentence import SentenceEncoder
    from analyzer.embed.static import StaticEncoder

    model = args.model or default_model()
    if args.which in ("all", "static"):
        static = StaticEncoder(model)
        sys.stdout.write(f"static candidate encoder: {static.model_folder}\n  {static.version}\n")
    if args.which in ("all", "onnx-int8"):
        onnx = SentenceEncoder(model, backend="onnx-int8")
        sys.stdout.write(f"ONNX int8 sentence model: {onnx.version}\n")
    return EXIT_OK


def _index_articles_line(index: Any, verb: str) -> str:
    skipped = "; ".join(f"{i}: {r}" for i, r in index.skipped[:5])
    more = f" (and {len(index.skipped) - 5} more)" if len(index.skipped) > 5 else ""
    return (f"{verb}; the index holds {len(index)} articles"
            + (f"; {len(index.skipped)} inputs not indexed: {skipped}{more}" if index.skipped else ""))


def cmd_index(args: argparse.Namespace) -> int:
    """Build, extend or describe a corpus index file."""
    from analyzer.index.corpus import CorpusIndex

    progress = _progress_factory(args.quiet)
    if args.action == "info":
        info = CorpusIndex.load(args.index).info()
        sys.stdout.write(json.dumps(info, indent=1, ensure_ascii=False) + "\n")
        return EXIT_OK
    if args.action == "build":
        if args.scheduler:
            from analyzer.config import default_model
            from analyzer.distributed import build_index_distributed, dask_client

            with dask_client(args.scheduler) as client:
                index = build_index_distributed(args.paths, client, sentence_vectors=args.sentence_vectors,
                                                model=args.model or default_model(),
                                                backend=args.backend or "torch")
        else:
            sentence_encoder = _engine(args.model, args.backend).encoder if args.sentence_vectors else None
            index = CorpusIndex.build(_inputs(args, args.paths), progress=progress,
                                      sentence_encoder=sentence_encoder)
        if not len(index):
            described = ", ".join(f"{i}: {r}" for i, r in list(index.skipped)[:5]) or "no input files"
            raise NoArticlesError(f"no article could be indexed ({described}); nothing written")
        from analyzer.index.file_format import writer_lock

        with writer_lock(args.output):
            index.save(args.output)
        sys.stdout.write(_index_articles_line(index, f"wrote {args.output}") + "\n")
    else:
        from analyzer.index.file_format import writer_lock

        with writer_lock(args.index):  # a second `index add` waits: no addition is lost
            index = CorpusIndex.load(args.index)
            before = len(index)
            sentence_encoder = index.sentence_encoder() if index.sentence_model else None
            index.add(_inputs(args, args.paths), progress=progress, sentence_encoder=sentence_encoder)
            index.save(args.index)
        sys.stdout.write(_index_articles_line(index, f"added {len(index) - before} articles to "
                                              f"{args.index}") + "\n")
    return EXIT_SKIPPED if index.skipped else EXIT_OK


def format_ranking(ranking: pd.DataFrame) -> str:
    """The readable table of ``analyzer rank``: least original first, evidence on its own line."""
    import pandas as pd

    lines = []
    for row in ranking.itertuples():
        if row.status != "ok":
            lines.append(f"   -   {row.id}  skipped: {row.reason}")
            continue
        spin = "" if pd.isna(row.spin_probability) else f"  spin {row.spin_probability:.2f}"
        lines.append(f"{row.originality:5.1f}  {row.id}  {row.relation}{spin}")
        lines.append(f"       {row.evidence}")
    return "originality  article  relation (least original first)\n" + "\n".join(lines) + "\n"


def cmd_rank(args: argparse.Namespace) -> int:
    """Rank new articles by originality against an index or a one-off corpus."""
    from analyzer.index.corpus import CorpusIndex
    from analyzer.index.rank import rank

    index = (CorpusIndex.load(args.index) if args.index
             else CorpusIndex.build(_inputs(args, args.corpus), progress=_progress_factory(args.quiet)))
    stored = index.sentence_model or {}
    engine = _engine(args.model or stored.get("name"), args.backend or stored.get("backend"))
    ranking = rank(_inputs(args, args.new), index=index, engine=engine, top_k=args.top_k)
    if args.json:
        sys.stdout.write(ranking.to_json(orient="records", indent=1, force_ascii=False) + "\n")
    elif args.csv:
        (ranking if args.raw else spreadsheet_safe(ranking)).to_csv(sys.stdout, index=False)
    else:
        sys.stdout.write(terminal_safe(format_ranking(ranking)))
    return EXIT_SKIPPED if (ranking["status"] != "ok").any() else EXIT_OK


class _WarningPrinter:
    """Warnings as plain lines on stderr, the first ``limit`` only, then a count.

    No source location: users did nothing wrong there. Ten thousand scraped
    one-liners would otherwise bury the results in warnings; every skipped
    input is in the output anyway, with its reason.
    """

    def __init__(self, limit: int = 25) -> None:
        self.limit = limit
        self.hidden = 0
        self.shown = 0

    def __call__(self, message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: Any = None, line: str | None = None) -> None:
        if self.shown < self.limit:
            self.shown += 1
            sys.stderr.write(f"warning: {terminal_safe(str(message))}\n")
        else:
            self.hidden += 1

    def close(self) -> None:
        if self.hidden:
            sys.stderr.write(f"warning: {self.hidden} more warnings not shown (the output lists every "
                             "input with its status and reason)\n")


def _quiet_model_loading(quiet: bool) -> None:
    """No weight-loading progress bars from transformers unless a person is watching."""
    if quiet or not sys.stderr.isatty():
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()


def _global_options(parser: argparse.ArgumentParser, *, on_subcommand: bool = False) -> None:
    """Options every command takes, before or after its name (``analyzer -q rank`` or ``rank -q``).

    On a subcommand their defaults are suppressed, so a value given before
    the subcommand is not reset by the subcommand's own default.
    """
    default: Any = argparse.SUPPRESS if on_subcommand else None
    default_flag: Any = argparse.SUPPRESS if on_subcommand else False
    group = parser.add_argument_group("options for every command")
    group.add_argument("--model", default=default,
                        help="embedding model: 'bundled:all-MiniLM-L6-v2' (default) or a local "
                             "sentence-transformers folder")
    group.add_argument("--backend", default=default, choices=["torch", "onnx-int8"],
                        help="how the embedding model runs: torch (default; for rank, the backend of "
                             "the index's sentence vectors when it keeps them) or its ONNX Runtime "
                             "int8 export (about 2.5x faster on a CPU, same verdicts on our benchmark)")
    group.add_argument("--field", action="append", metavar="FIELD=COLUMN", default=default,
                        help="read an article field from a .jsonl/.csv column named otherwise, e.g. "
                             "--field text=body --field published=date (repeatable)")
    group.add_argument("--order", metavar="ID,ID,...", default=default,
                        help="a publication order you know, earliest first, for inputs that carry "
                             "no dates (article ids: file stems or row ids)")
    group.add_argument("-q", "--quiet", action="store_true", default=default_flag,
                       help="no progress bars or warnings")
    group.add_argument("-v", "--verbose", action="store_true", default=default_flag,
                       help="log diagnostics to stderr")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="analyzer",
        description="Tell machine-spun rewrites from copies and same-story reports, with evidence.",
    )
    parser.add_argument("--version", action="version", version=f"analyzer {__version__}")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("compare", help="compare two articles and show the evidence")
    _global_options(p, on_subcommand=True)
    p.add_argument("a", help="first article file (.txt, .html, or a one-article .jsonl/.csv)")
    p.add_argument("b", help="second article file")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument("--all", action="store_true",
                   help="show every aligned sentence and substitution (by default the first 12 and 24)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("analyze", help="analyse all pairs among articles in files or folders")
    _global_options(p, on_subcommand=True)
    p.add_argument("paths", nargs="+", help="files or folders of articles")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print articles and pairs as JSON")
    fmt.add_argument("--csv", action="store_true",
                     help="print the pairs table as CSV (with --table, another table)")
    p.add_argument("--raw", action="store_true",
                   help="with --csv: leave cells as they are (by default a cell a spreadsheet would "
                        "run as a formula, starting with = + - @, gets a leading apostrophe)")
    p.add_argument("--table", default="pairs",
                   choices=["pairs", "articles", "sources", "discrepancies", "facts", "stories"],
                   help="which table --csv prints (default: pairs)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS|local[:N]",
                   help="run on Dask: a scheduler address (tcp://host:8786) or 'local[:N]' for N "
                        "local worker processes; results equal the single-process run")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("report", help="analyse articles and write the charted report (HTML and PDF)")
    _global_options(p, on_subcommand=True)
    p.add_argument("paths", nargs="+", help="files or folders of articles")
    p.add_argument("-o", "--output", default="reports", help="folder for the report (default: reports)")
    p.add_argument("--title", default=None, help="title printed on the report")
    p.add_argument("--name", default=None,
                   help="file name without extension (default: the input folder's name, else 'report')")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("models", help="build the locally derived models (static encoder, ONNX int8)")
    _global_options(p, on_subcommand=True)
    p.add_argument("action", choices=["prepare"], help="prepare: build whatever is missing in the cache")
    p.add_argument("--which", default="all", choices=["all", "static", "onnx-int8"],
                   help="which derived model to build (default: all)")
    p.set_defaults(func=cmd_models)

    p = sub.add_parser("index", help="build, extend or describe a corpus index file")
    index_sub = p.add_subparsers(dest="action", required=True)
    q = index_sub.add_parser("build", help="index articles in files or folders")
    _global_options(q, on_subcommand=True)
    q.add_argument("paths", nargs="+", help="files or folders of articles")
    q.add_argument("-o", "--output", required=True, help="index file to write (replaced atomically)")
    q.add_argument("--scheduler", default=None, metavar="ADDRESS|local[:N]",
                   help="build on Dask: a scheduler address (tcp://host:8786) or 'local[:N]'")
    q.add_argument("--sentence-vectors", action="store_true",
                   help="also keep every sentence's vector from the full model (--model, --backend; "
                        "use --backend onnx-int8), so rank encodes only the new article: building "
                        "takes ~60 ms per article instead of ~3 ms, and ~800 bytes per sentence")
    q.set_defaults(func=cmd_index)
    q = index_sub.add_parser("add", help="add articles to an existing index file")
    _global_options(q, on_subcommand=True)
    q.add_argument("index", help="index file (rewritten atomically)")
    q.add_argument("paths", nargs="+", help="files or folders of articles")
    q.set_defaults(func=cmd_index)
    q = index_sub.add_parser("info", help="describe an index file")
    _global_options(q, on_subcommand=True)
    q.add_argument("index", help="index file")
    q.set_defaults(func=cmd_index)

    p = sub.add_parser("rank", help="rank new articles by originality against an index or a corpus")
    _global_options(p, on_subcommand=True)
    p.add_argument("new", nargs="+", help="files or folders of new articles")
    against = p.add_mutually_exclusive_group(required=True)
    against.add_argument("--index", help="index file made by 'analyzer index build'")
    against.add_argument("--corpus", nargs="+", help="files or folders to compare against (indexed "
                         "for this run)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the ranking as JSON records")
    fmt.add_argument("--csv", action="store_true", help="print the ranking as CSV")
    p.add_argument("--raw", action="store_true",
                   help="with --csv: leave cells as they are (no formula guard)")
    p.add_argument("--top-k", type=int, default=10, help="candidates considered per article (default 10)")
    p.set_defaults(func=cmd_rank)
    return parser


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``analyzer`` console script."""
    args = build_parser().parse_args(argv)
    # SIGTERM (a job killed by its scheduler) unwinds like Ctrl-C, so half-written files are removed.
    with contextlib.suppress(ValueError):  # not the main thread (an embedding application)
        signal.signal(signal.SIGTERM, _terminated)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if getattr(args, "scheduler", None):
        # Importing Dask sets its loggers to INFO (cluster start and stop chatter): quiet them after.
        import distributed  # noqa: F401

        logging.getLogger("distributed").setLevel(logging.INFO if args.verbose else logging.WARNING)
    _quiet_model_loading(args.quiet)
    printer = _WarningPrinter()
    with warnings.catch_warnings():
        if args.quiet:
            warnings.simplefilter("ignore")
        else:
            warnings.simplefilter("default")
            warnings.showwarning = printer
        try:
            return args.func(args)
        except InputError as err:
            sys.stderr.write(f"analyzer: error: {terminal_safe(str(err))}\n")
            return EXIT_INPUT
        except ModelError as err:
            sys.stderr.write(f"analyzer: model error: {terminal_safe(str(err))}\n")
            return EXIT_MODEL
        except IndexFormatError as err:
            sys.stderr.write(f"analyzer: index error: {terminal_safe(str(err))}\n")
            return EXIT_INPUT
        except KeyboardInterrupt:
            sys.stderr.write("analyzer: interrupted\n")
            return 130
        finally:
            printer.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
