"""The report as PDF: WeasyPrint renders the very HTML page, with its print stylesheet.

The page loads nothing, and WeasyPrint is given a URL fetcher that refuses
every request but inline ``data:`` URLs, so an address smuggled into article text can never be fetched
while printing. WeasyPrint is imported here only (about a second to import).
"""

from __future__ import annotations

import logging
from pathlib import Path

from analyzer.exceptions import ReportError

logger = logging.getLogger(__name__)


def html_to_pdf(html: str, path: str | Path) -> Path:
    """Write ``html`` (a complete page) to the PDF file ``path`` and return the path."""
    try:
        import weasyprint
    except ImportError as err:  # pragma: no cover - weasyprint is a dependency
        raise ReportError("writing a PDF needs WeasyPrint (pip install weasyprint) and the system "
                          "libraries pango and cairo; use --no-pdf to write the HTML only") from err
    path = Path(path)
    # WeasyPrint logs every CSS property it ignores (screen-only ones) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"}, timeout=1)
        weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(path)
    except OSError as err:
        raise ReportError(f"cannot write the PDF report to '{path}': {err}") from err
    logger.info("wrote %s", path)
    return path
