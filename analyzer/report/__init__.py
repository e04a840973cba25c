"""The charted report: one self-contained HTML page and its PDF, built from an :class:`~analyzer.Analysis`.

Modules, one job each: :mod:`.charts` (matplotlib figures, SVG),
:mod:`.evidence` (one pair's aligned sentences with the changes marked),
:mod:`.summary` (the findings in plain sentences), :mod:`.method` (models,
thresholds, meanings, limits), :mod:`.html` (the page, Jinja2 with
autoescape), :mod:`.pdf` (WeasyPrint) and :mod:`.files` (writing both).
"""

from __future__ import annotations

from typing import Any

from analyzer.report.files import ReportFiles, write_report

__all__ = ["ReportFiles", "build_charts", "render_html", "write_report"]


def __getattr__(name: str) -> Any:
    """``render_html`` and ``build_charts`` on first use: they import matplotlib (about a second)."""
    if name in {"render_html", "build_charts"}:
        from analyzer.report import html

        return getattr(html, name)
    raise AttributeError(f"module 'analyzer.report' has no attribute {name!r}")
