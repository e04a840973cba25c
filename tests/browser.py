"""Render a page in headless Chromium (Debian's ``chromium``) for tests, via Playwright.

Playwright's Python package ships its driver; no browser is downloaded: it
drives the system Chromium. Tests that need it use :data:`requires_chromium`,
which skips with the reason when the browser or the package is absent (CI
installs both). :func:`visit` records every request the page makes, every
dialog (``alert``) it opens and every console message, so a test can assert
that a page loads nothing and runs nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

_MISSING = ("Debian's chromium is not installed (apt-get install chromium; scripts/setup.sh and CI "
            "install it)" if CHROMIUM is None else
            "the playwright package is not installed (pip install -e '.[test]')")

#: Skips where the browser is missing, except under CI (``CI`` set), where a missing browser must
#: fail the run rather than let the escaping tests pass unseen.
requires_chromium = pytest.mark.skipif(
    (CHROMIUM is None or sync_playwright is None) and not os.environ.get("CI"), reason=_MISSING)

#: Flags for a quiet, offline headless run (see /work/shared/DEPENDENCIES.md).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@dataclass
class Visit:
    """A loaded page and what it did while loading."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def boxes(self, selector: str) -> list[tuple[float, float]]:
        """Rendered (width, height) in CSS pixels of every element matching ``selector``."""
        return [(b["width"], b["height"]) for b in self.page.eval_on_selector_all(
            selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                      " return {width: r.width, height: r.height}; })")]

    def texts(self, selector: str) -> list[str]:
        """The rendered text (``innerText``) of every element matching ``selector``."""
        return self.page.eval_on_selector_all(selector, "els => els.map(e => e.innerText)")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright ``Browser``), closed on exit."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def visit(browser: Any, path: Path, width: int = 1100) -> Iterator[Visit]:
    """Open the local file ``path`` in a fresh page with JavaScript on, recording its activity."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    record = Visit(page)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda message: record.console.append(message.text))

    def on_dialog(dialog: Any) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(300)  # let any timer or onerror handler fire if one slipped in
        yield record
    finally:
        context.close()
