"""Writing the report to disk: ``<name>.html`` and ``<name>.pdf`` from the same page."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.exceptions import ReportError

_SAFE_NAME = re.compile(r"^[\w.-]+$")


@dataclass(frozen=True)
class ReportFiles:
    """Where the report was written and how long each stage took (seconds)."""

    html: Path
    pdf: Path | None
    timings: dict[str, float] = field(default_factory=dict)


def write_report(analysis: Any, out_dir: str | Path, name: str = "report", title: str | None = None,
                 pdf: bool = True, generated: str | None = None,
                 on_stage: Callable[[str], None] | None = None) -> ReportFiles:
    """Write the report of ``analysis`` as ``out_dir/<name>.html`` and, unless ``pdf=False``, ``.pdf``.

    The folder is created when missing. ``timings`` holds ``charts``,
    ``html`` and ``pdf`` (charts dominate on small corpora, WeasyPrint on
    large ones: about a second per ten printed pages). ``on_stage`` is told
    each stage as it starts, so a long PDF step is not a silent wait.
    """
    tell = on_stage or (lambda stage: None)
    # Imported here: matplotlib and WeasyPrint would add seconds to every ``import analyzer``.
    from analyzer.report.html import build_charts, render_html
    from analyzer.report.pdf import html_to_pdf

    if not _SAFE_NAME.match(name) or name in {".", ".."}:
        raise ReportError(f"report name {name!r} is not a plain file name (letters, digits, '.', '-', '_')")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ReportError(f"cannot create the report folder '{out}': {err}") from err
    timings: dict[str, float] = {}
    started = time.perf_counter()
    tell("drawing the charts")
    charts = build_charts(analysis)
    timings["charts"] = time.perf_counter() - started
    started = time.perf_counter()
    tell("writing the HTML page")
    html = render_html(analysis, title=title, charts=charts, generated=generated)
    html_path = out / f"{name}.html"
    try:
        html_path.write_text(html, encoding="utf-8")
    except OSError as err:
        raise ReportError(f"cannot write the HTML report to '{html_path}': {err}") from err
    timings["html"] = time.perf_counter() - started
    pdf_path = None
    if pdf:
        started = time.perf_counter()
        tell("printing the PDF (about a second per ten pages)")
        pdf_path = html_to_pdf(html, out / f"{name}.pdf")
        timings["pdf"] = time.perf_counter() - started
    return ReportFiles(html=html_path, pdf=pdf_path, timings=timings)
