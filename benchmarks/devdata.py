"""Loading the development data in ../shared/data/dev (kept out of the repository).

Shared by the training script and the benchmarks; exits with a clear message
when the data is not there.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
from pathlib import Path

from analyzer.article import Article
from analyzer.ingest.from_text import article_from_text

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"


def data_dir() -> Path:
    """The dev-data folder (``ANALYZER_DEV_DATA`` overrides), or exit with a message."""
    path = Path(os.environ.get("ANALYZER_DEV_DATA", DEFAULT_DATA))
    if not (path / "news_articles.jsonl").exists():
        sys.exit(f"development data not found in {path} (set ANALYZER_DEV_DATA); skipping")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """All records of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def file_hash(path: Path) -> str:
    """Short SHA-256 of a file, recorded with results so they can be traced to their data."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def news_articles(path: Path) -> list[Article]:
    """The scraped news articles, cleaned by the analyzer's own ingest (skips are kept, not warned)."""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for rec in read_jsonl(path / "news_articles.jsonl"):
            out.append(article_from_text(rec["text"], id=rec["id"], title=rec.get("title") or None,
                                         source=rec.get("source"),
                                         first_line_is_title=not rec.get("title")))
    return out


def mrpc_sentences(path: Path) -> list[str]:
    """Distinct news sentences from MRPC, material for texts on other subjects."""
    seen: dict[str, None] = {}
    for rec in read_jsonl(path / "mrpc_train.jsonl"):
        seen.setdefault(rec["text_a"], None)
    return list(seen)
