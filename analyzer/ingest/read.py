"""Read user inputs (files, folders, bare text) into :class:`~analyzer.article.Article` records.

Formats, chosen by extension:

- ``.txt``: one article; the first non-empty line that is not a page label
  ("All Menu") is the title; the id is the file stem.
- ``.jsonl``: one JSON object per line with ``text`` and optional ``id``,
  ``title``, ``source``, ``url``, ``published``; other keys go to ``extra``.
- ``.csv``: the same fields as columns (header names are matched ignoring case).
- ``.html`` / ``.htm``: the main text as extracted by trafilatura, with its
  metadata (title, date, site name, url) where present.

A missing id is ``<file stem>:<line or row number>``. Inside folders other
extensions are ignored (logged at debug level); a file named explicitly with an
unknown extension is read as text (or as HTML when it starts like HTML).

Bad input never disappears: every file, line or row yields an ``Article``.
Unusable ones have ``status="skipped"`` and a plain-words ``reason``; every
problem is also emitted with :func:`warnings.warn` (:class:`IngestWarning`) and
kept in ``Article.warnings``. Only a path that does not exist raises
(:class:`~analyzer.exceptions.InputNotFoundError`).
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from analyzer.article import Article
from analyzer.config import MAX_FILE_BYTES
from analyzer.exceptions import InputError, InputNotFoundError, UnreadableInputError
from analyzer.ingest.decode import Undecodable, decode_bytes
from analyzer.ingest.from_text import IngestWarning, build_article, skipped_article
from analyzer.ingest.header import split_header
from analyzer.ingest.html_text import looks_like_html, read_html_page
from analyzer.ingest.rows import read_csv_rows, read_jsonl_rows

logger = logging.getLogger(__name__)

#: Extensions read inside folders, and the reader used for each.
EXTENSIONS = (".txt", ".jsonl", ".csv", ".html", ".htm")


# Files
# --------------------------------------------------------------------------- #


def read_articles(
    paths: Iterable[str | os.PathLike[str]], *, recursive: bool = True,
    fields: Mapping[str, str] | None = None,
) -> list[Article]:
    """Read files and folders into articles, one (at least) per file, in a deterministic order.

    Folders are walked in sorted order (into sub-folders when ``recursive``),
    keeping files with an extension in :data:`EXTENSIONS`. Ids are made unique
    (a repeated id gets ``~2``, ``~3``... with a warning); identical texts are
    both kept, the later one warned about. Raises
    :class:`~analyzer.exceptions.InputNotFoundError` before reading anything
    if a path does not exist. ``fields`` maps article fields to the columns of
    ``.jsonl``/``.csv`` files that name them otherwise (``{"text": "body"}``).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    given = [Path(p) for p in paths]
    for path in given:
        if not path.exists():
            raise InputNotFoundError(
                f"input path does not exist: '{path}' (check the spelling, or the working "
                f"directory '{Path.cwd()}')"
            )
    articles: list[Article] = []
    for path in given:
        if path.is_dir():
            files = list(article_files(path, recursive=recursive))
            if not files:
                warnings.warn(
                    f"folder '{path}' holds no article files (looked for "
                    f"{', '.join(EXTENSIONS)}{' in sub-folders too' if recursive else ''})",
                    IngestWarning,
                    stacklevel=2,
                )
            for file in files:
                articles.extend(read_file(file, fields=fields))
        else:
            articles.extend(read_file(path, fields=fields))
    return deduplicate(articles)


def read_one_article(path: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None) -> Article:
    """The one readable article of a file (for ``compare``); more than one, or none readable, is refused."""
    articles = read_articles([path], fields=fields)
    if len(articles) != 1:
        raise InputError(f"{path}: compare expects one article per file, found {len(articles)}")
    if not articles[0].ok:
        raise UnreadableInputError(f"{path}: {articles[0].reason}")
    return articles[0]


def read_inputs(inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str]) -> list[Article]:
    """Articles from ready :class:`Article` objects and paths alike (the objects first, then the files).

    The public functions (``analyze``, ``CorpusIndex.build``, ``rank``) all
    take either; paths go through :func:`read_articles`.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    items = list(inputs)
    articles = [i for i in items if isinstance(i, Article)]
    paths = [i for i in items if not isinstance(i, Article)]
    if paths:
        articles.extend(read_articles(paths))
    return articles


def article_files(folder: Path, *, recursive: bool) -> Iterator[Path]:
    """Article files under ``folder`` in sorted order; hidden entries are skipped."""
    entries = folder.rglob("*") if recursive else folder.iterdir()
    for entry in sorted(entries, key=lambda p: p.relative_to(folder).as_posix()):
        rel = entry.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not entry.is_file():
            continue
        if entry.suffix.lower() in EXTENSIONS:
            yield entry
        else:
            logger.debug("ignoring %s: extension not one of %s", entry, ", ".join(EXTENSIONS))


def read_file(path: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None) -> list[Article]:
    """Read one file into its articles (one for text and HTML, one per line or row otherwise).

    A text file may open with header lines or YAML front matter naming its
    publication time, outlet, URL and title (:mod:`analyzer.ingest.header`).
    """
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(f"input path does not exist: '{path}'")
    label = str(path)
    stem = path.stem
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [
            skipped_article(
                stem,
                f"file too large ({size / 2**20:.0f} MB; the limit is "
                f"{MAX_FILE_BYTES / 2**20:.0f} MB): split it into smaller files",
                path=label,
                label=label,
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as err:
        return [
            skipped_article(stem, f"cannot read file ({err.strerror or err})", path=label, label=label)
        ]
    if not data.strip():
        return [skipped_article(stem, "empty file", path=label, label=label)]
    try:
        text, encoding, note = decode_bytes(data, allow_nul=path.suffix.lower() == ".jsonl")
    except Undecodable as err:
        return [skipped_article(stem, str(err), path=label, label=label)]
    notes = [note] if note else []
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        suffix = ".html" if looks_like_html(text) else ".txt"
    if suffix == ".jsonl":
        return read_jsonl_rows(text, stem=stem, path=label, encoding=encoding, notes=notes, fields=fields)
    if suffix == ".csv":
        return read_csv_rows(text, stem=stem, path=label, encoding=encoding, notes=notes, fields=fields)
    if suffix in (".html", ".htm"):
        return [read_html_page(text, stem=stem, path=label, encoding=encoding, notes=notes)]
    header = split_header(text)
    meta = header.fields
    return [
        build_article(
            header.body,
            id=stem,
            title=meta.get("title"),
            source=meta.get("source"),
            url=meta.get("url"),
            published=meta.get("published"),
            published_from="file header",
            path=label,
            title_mode="none" if meta.get("title") else "first",
            label=label,
            encoding=encoding,
            notes=notes,
            empty_reason="empty file",
        )
    ]




# --------------------------------------------------------------------------- #
# Across files
# --------------------------------------------------------------------------- #


def deduplicate(articles: list[Article]) -> list[Article]:
    """Make ids unique (``id~2``...) and flag identical texts, warning about both."""
    seen_ids: dict[str, Article] = {}
    used = {a.id for a in articles}
    out: list[Article] = []
    for article in articles:
        if article.id in seen_ids:
            first = seen_ids[article.id]
            n = 2
            while f"{article.id}~{n}" in used:
                n += 1
            new_id = f"{article.id}~{n}"
            used.add(new_id)
            where = first.path or first.id
            message = f"duplicate id '{article.id}' (first used by {where}); renamed to '{new_id}'"
            warnings.warn(message, IngestWarning, stacklevel=3)
            article = replace(article, id=new_id).with_warning(message)
        seen_ids.setdefault(article.id, article)
        out.append(article)
    first_by_text: dict[str, str] = {}
    for i, article in enumerate(out):
        if not article.ok:
            continue
        if article.text in first_by_text:
            message = f"{article.id}: identical text to {first_by_text[article.text]}"
            warnings.warn(message, IngestWarning, stacklevel=3)
            out[i] = article.with_warning(message)
        else:
            first_by_text[article.text] = article.id
    return out
