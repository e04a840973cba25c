"""Article rows: ``.jsonl`` lines and ``.csv`` rows, one article each (or a skipped one naming its row)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from analyzer.article import Article
from analyzer.config import MAX_FILE_BYTES
from analyzer.exceptions import InputError
from analyzer.ingest.from_text import build_article, skipped_article

#: Fields an article row may carry; ``text`` is required.
ROW_FIELDS = ("id", "title", "text", "source", "url", "published")


def parse_field_map(items: Iterable[str]) -> dict[str, str]:
    """``["text=body", "published=date"]`` as a field map, refusing unknown fields and malformed items."""
    mapping: dict[str, str] = {}
    for item in items:
        ours, sep, theirs = item.partition("=")
        ours, theirs = ours.strip().lower(), theirs.strip()
        if not sep or not theirs:
            raise InputError(f"field mapping {item!r} is not FIELD=COLUMN (for example text=body)")
        if ours not in ROW_FIELDS:
            raise InputError(f"field mapping {item!r} names unknown field {ours!r}; "
                             f"known fields: {', '.join(ROW_FIELDS)}")
        mapping[ours] = theirs
    return mapping


def rename_columns(row: dict[str, Any], fields: Mapping[str, str] | None) -> dict[str, Any]:
    """A row (lower-cased keys) with mapped columns under the article field names."""
    if not fields:
        return row
    out = dict(row)
    for ours, theirs in fields.items():
        key = theirs.strip().lower()
        if key in out and key != ours:
            out[ours] = out.pop(key)
    return out


def row_article(
    row: dict[str, Any],
    *,
    where: str,
    default_id: str,
    path: str,
    encoding: str | None,
    notes: list[str],
    fields: Mapping[str, str] | None = None,
) -> Article:
    """Build the article of one JSONL object or CSV row (``where`` is "line 7" / "row 3").

    ``fields`` maps an article field to the column holding it in this file
    (``{"text": "body", "published": "date"}``).
    """
    lower = rename_columns({str(k).strip().lower(): v for k, v in row.items() if k is not None}, fields)
    label = f"{path} {where}"
    raw_id = lower.get("id")
    art_id = str(raw_id).strip() if raw_id not in (None, "") else default_id
    text = lower.get("text")
    if text is None:
        present = sorted(k for k, v in lower.items() if v is not None)
        missing = ("the row is shorter than the header: no 'text' cell" if "text" in lower
                   else f"no 'text' field (fields found: {', '.join(present) or 'none'})")
        return skipped_article(
            art_id,
            f"{where}: {missing}",
            path=path,
            label=path,
            encoding=encoding,
        )
    if not isinstance(text, str):
        return skipped_article(
            art_id,
            f"{where}: 'text' is a {type(text).__name__}, expected a string",
            path=path,
            label=path,
            encoding=encoding,
        )
    meta = {
        k: (None if lower.get(k) in (None, "") else str(lower[k]).strip())
        for k in ("title", "source", "url", "published")
    }
    extra = {k: str(v) for k, v in lower.items() if k not in ROW_FIELDS and v is not None}
    column = (fields or {}).get("published", "published")
    kind = "JSONL" if where.startswith("line") else "CSV"
    return build_article(
        text,
        id=art_id,
        title=meta["title"],
        source=meta["source"],
        url=meta["url"],
        published=meta["published"],
        published_from=f"{kind} field {column!r}",
        path=path,
        title_mode="none" if meta["title"] else "auto",
        label=label,
        encoding=encoding,
        extra=extra,
        notes=notes,
        empty_reason="empty text",
    )


def read_jsonl_rows(
    text: str, *, stem: str, path: str, encoding: str | None, notes: list[str],
    fields: Mapping[str, str] | None = None,
) -> list[Article]:
    """One article per non-blank line; a malformed line is skipped with its line number."""
    articles: list[Article] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        default_id = f"{stem}:{number}"
        where = f"line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            articles.append(
                skipped_article(
                    default_id,
                    f"{where}: invalid JSON: {err.msg} (column {err.colno})",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            )
            continue
        except RecursionError:
            articles.append(
                skipped_article(
                    default_id,
                    f"{where}: invalid JSON: nested too deeply",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            )
            continue
        if not isinstance(row, dict):
            articles.append(
                skipped_article(
                    default_id,
                    f"{where}: expected a JSON object with a 'text' field, "
                    f"got {type(row).__name__}",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            )
            continue
        articles.append(
            row_article(
                row, where=where, default_id=default_id, path=path, encoding=encoding, notes=notes,
                fields=fields,
            )
        )
        notes = []  # the encoding note is told once per file
    if not articles:
        articles.append(
            skipped_article(stem, "empty file (no JSON lines)", path=path, label=path, encoding=encoding)
        )
    return articles


def read_csv_rows(
    text: str, *, stem: str, path: str, encoding: str | None, notes: list[str],
    fields: Mapping[str, str] | None = None,
) -> list[Article]:
    """One article per row; a file without a ``text`` column is one skipped article."""
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FILE_BYTES)  # article bodies exceed the 128 kB default
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            columns = [str(c).strip() for c in (reader.fieldnames or [])]
        except csv.Error as err:
            return [
                skipped_article(
                    stem, f"malformed CSV header: {err}", path=path, label=path, encoding=encoding
                )
            ]
        if "text" not in rename_columns({c.lower(): None for c in columns}, fields):
            found = ", ".join(repr(c) for c in columns) or "none"
            return [
                skipped_article(
                    stem,
                    f"CSV has no 'text' column (columns found: {found}; expected: "
                    "'text', and optionally 'id', 'title', 'source', 'url', 'published')",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            ]
        articles: list[Article] = []
        number = 0
        try:
            for number, row in enumerate(reader, start=1):
                row.pop(None, None)  # surplus cells of a ragged row
                articles.append(
                    row_article(
                        row,
                        where=f"row {number}",
                        default_id=f"{stem}:{number}",
                        path=path,
                        encoding=encoding,
                        notes=notes,
                        fields=fields,
                    )
                )
                notes = []
        except csv.Error as err:
            articles.append(
                skipped_article(
                    f"{stem}:{number + 1}",
                    f"row {number + 1}: malformed CSV ({err}); rows after it were not read",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            )
        if not articles:
            articles.append(
                skipped_article(
                    stem,
                    "empty file (CSV header but no rows)",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            )
        return articles
    finally:
        csv.field_size_limit(limit)


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #
