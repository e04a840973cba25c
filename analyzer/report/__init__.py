"""The charted report: one self-contained HTML page and its PDF, built from an :class:`~analyzer.Analysis`.

Modules, one job each: :mod:`.charts` (matplotlib figures, SVG),
:mod:`.evidence` (one pair's aligned sentences with the changes marked),
:mod:`.summary` (the findings in plain sentences), :mod:`.method` (models,
thresholds, meanings, limits), :mod:`.html` (the page, Jinja2 with
autoescape), :mod:`.pdf` (WeasyPrint), :mod:`.files` (writing both) and
:mod:`.display` (the same pieces inline in Jupyter).

The renderers read records by their attributes and know the verdict names,
the configuration and text helpers, never the engine: records import
:mod:`.display` downwards to show themselves.
"""
