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

import csv
import io
import json
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from analyzer import config
from analyzer.article import Article, text_id
from analyzer.boilerplate import UI_LINES, clean_body, normalize_whitespace
from analyzer.config import LANGUAGE_MIN_WORDS, LARGE_TEXT_CHARS, MAX_FILE_BYTES
from analyzer.exceptions import InputNotFoundError
from analyzer.linebreaks import unwrap_lines

logger = logging.getLogger(__name__)

#: Extensions read inside folders, and the reader used for each.
EXTENSIONS = (".txt", ".jsonl", ".csv", ".html", ".htm")

#: Fields an article row may carry; ``text`` is required.
ROW_FIELDS = ("id", "title", "text", "source", "url", "published")


class IngestWarning(UserWarning):
    """A problem with one input that did not stop the run (encoding, duplicates, language...)."""


class SkippedInputWarning(IngestWarning):
    """An input yielded no usable article; it is kept with ``status="skipped"`` and a reason."""


# --------------------------------------------------------------------------- #
# Bare text
# --------------------------------------------------------------------------- #


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    first_line_is_title: bool = False,
) -> Article:
    """Build one cleaned :class:`Article` from text (already decoded).

    The text is Unicode-normalised (NFC, mojibake repaired by ftfy), its
    whitespace normalised with paragraph breaks kept, lines of hard-wrapped text
    rejoined (:mod:`analyzer.linebreaks`), and its boilerplate split
    off by :func:`~analyzer.boilerplate.clean_body`. With
    ``first_line_is_title`` the first line that is not a page label becomes the
    title (an explicit ``title`` still wins). ``source`` given here (metadata)
    wins over a publisher declared in the text. Problems are warned about and
    recorded; an article with no text left is returned with ``status="skipped"``.
    """
    return _build(
        text,
        id=id,
        title=title,
        source=source,
        url=url,
        published=published,
        path=path,
        title_mode="first" if first_line_is_title else "none",
    )


def _build(
    text: str,
    *,
    id: str | None,
    title: str | None,
    source: str | None,
    url: str | None,
    published: str | None,
    path: str | None,
    title_mode: str,
    label: str | None = None,
    encoding: str | None = None,
    extra: dict[str, str] | None = None,
    notes: Iterable[str] = (),
    empty_reason: str = "empty text",
) -> Article:
    """Build an article; ``title_mode`` is ``none``, ``first`` or ``auto`` (headline-like only)."""
    art_id = id if id else text_id(text)
    label = label or art_id
    messages = [f"{label}: {note}" for note in notes]
    if len(text) > config.MAX_ARTICLE_CHARS:
        too_long = Article(id=art_id, text="", title=title or "", source=source, url=url or None,
                           published=published or None, path=path, encoding=encoding,
                           extra=dict(extra or {}))
        return _skip(too_long, f"too long for one article ({len(text) / 1e6:.1f} M characters; the "
                     f"limit is {config.MAX_ARTICLE_CHARS / 1e6:.1f} M): split it, or raise "
                     "analyzer.config.MAX_ARTICLE_CHARS", messages, label)
    fixed = fix_text(text)
    if fixed != unicodedata.normalize("NFC", text):
        logger.debug("%s: text repaired by ftfy", label)
    body = normalize_whitespace(fixed)
    pre_removed: list[str] = []
    if title_mode != "none":
        found, body, pre_removed = _split_title(body, auto=title_mode == "auto")
        if not title:
            title = found
    title = normalize_whitespace(fix_text(title)).replace("\n", " ") if title else ""
    only_title = bool(title) and not body.strip()
    cleaned = clean_body(unwrap_lines(body), title=title or None)  # after the title: it is no wrap
    article = Article(
        id=art_id,
        text=cleaned.text,
        title=title,
        source=source or cleaned.source,
        url=url or None,
        published=published or None,
        path=path,
        attribution=cleaned.attribution,
        credits=cleaned.credits,
        removed=(*pre_removed, *cleaned.removed),
        encoding=encoding,
        extra=dict(extra or {}),
    )
    if not text.strip():
        return _skip(article, empty_reason, messages, label)
    if only_title:
        return _skip(article, "no article text: only a title line", messages, label)
    if not article.text:
        return _skip(article, "no article text after removing boilerplate", messages, label)
    n_words = article.n_words
    if n_words < config.MIN_ARTICLE_WORDS:
        return _skip(article, f"too short to compare ({n_words} word{'s' if n_words != 1 else ''}; "
                     f"at least {config.MIN_ARTICLE_WORDS} needed)", messages, label)
    if n_words >= LANGUAGE_MIN_WORDS:
        language = detect_language(article.text)
        article = replace(article, language=language)
        if language != "en":
            messages.append(
                f"{label}: text looks like language '{language}', not English; the embedding "
                "model is English, so similarity scores for it are less reliable"
            )
    if _count_sentences(article.text) <= 1:
        messages.append(f"{label}: only one sentence; alignment evidence will be weak")
    if len(article.text) > LARGE_TEXT_CHARS:
        messages.append(
            f"{label}: very long text ({len(article.text) / 1e6:.1f} M characters); "
            "analysis will be slow"
        )
    return _emit(article, messages)


def _split_title(body: str, *, auto: bool) -> tuple[str, str, list[str]]:
    """Take the title off the top of a body: the first line that is not a page label.

    With ``auto`` the line is taken only when it reads like a headline (no
    sentence-final full stop, at most 30 words), so a row whose text starts
    with prose keeps it.
    """
    lines = body.split("\n")
    removed: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        key = line.strip(" \t•·|›»«‹>-–—_*#:!.,;()[]{}").lower()
        if key in UI_LINES or not any(ch.isalnum() for ch in line):
            removed.append(line)
            continue
        rest = "\n".join(lines[i + 1 :]).strip("\n")
        sentence = re.search(r"[.…][\"'”’)]*$", line) is not None
        if auto and (len(line.split()) > 30 or sentence or not rest.strip()):
            return "", body, []
        return line.strip(), rest, removed
    return "", body, removed


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+\S)")


def _count_sentences(text: str) -> int:
    """Rough sentence count for the one-sentence warning (a heuristic, not segmentation)."""
    return len(_SENTENCE_END.findall(text)) + 1


def fix_text(text: str) -> str:
    """NFC-normalise and repair mojibake ("Putinâ€™s" -> "Putin’s") without touching quotes."""
    import ftfy

    fixed = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        unescape_html=False,
        normalization="NFC",
    )
    return unicodedata.normalize("NFC", fixed)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid); reliable from ~20 words."""
    import py3langid

    return str(py3langid.classify(text[:20000])[0])


def _skip(article: Article, reason: str, messages: list[str], label: str | None = None) -> Article:
    article = replace(article, status="skipped", reason=reason)
    label = label or article.path or article.id
    return _emit(article, messages, f"{label}: skipped: {reason}")


def _emit(article: Article, messages: list[str], skip_message: str | None = None) -> Article:
    """Attach messages to the article and warn about each."""
    for message in messages:
        warnings.warn(message, IngestWarning, stacklevel=4)
        article = article.with_warning(message)
    if skip_message:
        warnings.warn(skip_message, SkippedInputWarning, stacklevel=4)
        article = article.with_warning(skip_message)
    return article


def _skipped(
    art_id: str, reason: str, *, path: str | None, label: str, encoding: str | None = None
) -> Article:
    """Make a skipped article for an input that yielded no text at all."""
    article = Article(id=art_id, text="", path=path, encoding=encoding)
    return _emit(
        replace(article, status="skipped", reason=reason), [], f"{label}: skipped: {reason}"
    )


# --------------------------------------------------------------------------- #
# Bytes
# --------------------------------------------------------------------------- #

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class _Undecodable(Exception):
    """Raised inside ingest when bytes are not text; turned into a skipped article."""


def decode_bytes(data: bytes, *, allow_nul: bool = False) -> tuple[str, str, str | None]:
    """Decode file bytes: a BOM, else UTF-8, else the encoding charset-normalizer detects.

    Returns ``(text, encoding, note)``; ``note`` is a warning to show when the
    text was not UTF-8. Raises ``_Undecodable`` with the reason for binary data.
    ``allow_nul`` accepts NUL bytes in otherwise valid UTF-8 (a JSONL file with one
    corrupt line is still read line by line).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError as err:
                raise _Undecodable(
                    f"not decodable as {encoding} despite its byte-order mark"
                ) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if b"\x00" in data and not (allow_nul and text is not None):
        raise _Undecodable("binary file (NUL bytes)")
    if text is not None:
        return text, "utf-8", None
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise _Undecodable("binary file (not UTF-8 and no text encoding fits)")
    # Short Latin texts fit cp1250, cp1252 and cp1257 equally well; cp1252 (Windows
    # Western) is by far the likeliest for English news, so it wins ties.
    for match in matches:
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and (
            "cp1252" in match.could_be_from_charset
        ):
            best = match
            break
    text = str(best)
    if best.encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        text = data.decode("cp1252")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if text and printable / len(text) < 0.95:
        raise _Undecodable("binary file (mostly non-text bytes)")
    encoding = best.encoding
    return text, encoding, f"not valid UTF-8; decoded as {encoding} (detected)"


def _decode_mixed(data: bytes) -> tuple[str, str, str] | None:
    """Decode text that is UTF-8 except for some bytes in a single-byte encoding.

    Concatenated scrapes mix encodings, even within a line. Detecting one
    encoding for the whole file would garble the UTF-8 parts (``Café`` read as
    cp1252 gives ``CafÃ©``), so when the file holds real multi-byte UTF-8 and
    at most 5% invalid bytes, each invalid run is decoded as cp1252 (Windows
    Western). Returns ``None`` otherwise, leaving detection to decide.
    """
    if data.decode("utf-8", errors="ignore").isascii():
        return None
    limit = max(1, len(data) // 20)
    decoded: list[str] = []
    bad = 0
    for line in data.split(b"\n"):
        while True:
            try:
                decoded.append(line.decode("utf-8"))
                break
            except UnicodeDecodeError as err:
                decoded.append(line[: err.start].decode("utf-8"))
                run = line[err.start : err.end]
                decoded.append("".join(_cp1252_char(byte) for byte in run))
                bad += len(run)
                if bad > limit:
                    return None
                line = line[err.end :]
        decoded.append("\n")
    text = "".join(decoded)[:-1]
    return text, "utf-8+cp1252", (
        f"mixed encodings: mostly UTF-8, {bad} byte{'s' if bad != 1 else ''} decoded as cp1252"
    )


def _cp1252_char(byte: int) -> str:
    """One byte as cp1252, or latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# --------------------------------------------------------------------------- #
# Files
# --------------------------------------------------------------------------- #


def read_articles(
    paths: Iterable[str | os.PathLike[str]], *, recursive: bool = True
) -> list[Article]:
    """Read files and folders into articles, one (at least) per file, in a deterministic order.

    Folders are walked in sorted order (into sub-folders when ``recursive``),
    keeping files with an extension in :data:`EXTENSIONS`. Ids are made unique
    (a repeated id gets ``~2``, ``~3``... with a warning); identical texts are
    both kept, the later one warned about. Raises
    :class:`~analyzer.exceptions.InputNotFoundError` before reading anything
    if a path does not exist.
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
                articles.extend(read_file(file))
        else:
            articles.extend(read_file(path))
    return deduplicate(articles)


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


def read_file(path: str | os.PathLike[str]) -> list[Article]:
    """Read one file into its articles (one for text and HTML, one per line or row otherwise)."""
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(f"input path does not exist: '{path}'")
    label = str(path)
    stem = path.stem
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [
            _skipped(
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
            _skipped(stem, f"cannot read file ({err.strerror or err})", path=label, label=label)
        ]
    if not data.strip():
        return [_skipped(stem, "empty file", path=label, label=label)]
    try:
        text, encoding, note = decode_bytes(data, allow_nul=path.suffix.lower() == ".jsonl")
    except _Undecodable as err:
        return [_skipped(stem, str(err), path=label, label=label)]
    notes = [note] if note else []
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        suffix = ".html" if _looks_like_html(text) else ".txt"
    if suffix == ".jsonl":
        return _read_jsonl(text, stem=stem, path=label, encoding=encoding, notes=notes)
    if suffix == ".csv":
        return _read_csv(text, stem=stem, path=label, encoding=encoding, notes=notes)
    if suffix in (".html", ".htm"):
        return [_read_html(text, stem=stem, path=label, encoding=encoding, notes=notes)]
    return [
        _build(
            text,
            id=stem,
            title=None,
            source=None,
            url=None,
            published=None,
            path=label,
            title_mode="first",
            label=label,
            encoding=encoding,
            notes=notes,
            empty_reason="empty file",
        )
    ]


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _row_article(
    row: dict[str, Any],
    *,
    where: str,
    default_id: str,
    path: str,
    encoding: str | None,
    notes: list[str],
) -> Article:
    """Build the article of one JSONL object or CSV row (``where`` is "line 7" / "row 3")."""
    lower = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    label = f"{path} {where}"
    raw_id = lower.get("id")
    art_id = str(raw_id).strip() if raw_id not in (None, "") else default_id
    text = lower.get("text")
    if text is None:
        present = sorted(k for k, v in lower.items() if v is not None)
        missing = ("the row is shorter than the header: no 'text' cell" if "text" in lower
                   else f"no 'text' field (fields found: {', '.join(present) or 'none'})")
        return _skipped(
            art_id,
            f"{where}: {missing}",
            path=path,
            label=path,
            encoding=encoding,
        )
    if not isinstance(text, str):
        return _skipped(
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
    return _build(
        text,
        id=art_id,
        title=meta["title"],
        source=meta["source"],
        url=meta["url"],
        published=meta["published"],
        path=path,
        title_mode="none" if meta["title"] else "auto",
        label=label,
        encoding=encoding,
        extra=extra,
        notes=notes,
        empty_reason="empty text",
    )


def _read_jsonl(
    text: str, *, stem: str, path: str, encoding: str | None, notes: list[str]
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
                _skipped(
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
                _skipped(
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
                _skipped(
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
            _row_article(
                row, where=where, default_id=default_id, path=path, encoding=encoding, notes=notes
            )
        )
        notes = []  # the encoding note is told once per file
    if not articles:
        articles.append(
            _skipped(stem, "empty file (no JSON lines)", path=path, label=path, encoding=encoding)
        )
    return articles


def _read_csv(
    text: str, *, stem: str, path: str, encoding: str | None, notes: list[str]
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
                _skipped(
                    stem, f"malformed CSV header: {err}", path=path, label=path, encoding=encoding
                )
            ]
        if "text" not in {c.lower() for c in columns}:
            found = ", ".join(repr(c) for c in columns) or "none"
            return [
                _skipped(
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
                    _row_article(
                        row,
                        where=f"row {number}",
                        default_id=f"{stem}:{number}",
                        path=path,
                        encoding=encoding,
                        notes=notes,
                    )
                )
                notes = []
        except csv.Error as err:
            articles.append(
                _skipped(
                    f"{stem}:{number + 1}",
                    f"row {number + 1}: malformed CSV ({err}); rows after it were not read",
                    path=path,
                    label=path,
                    encoding=encoding,
                )
            )
        if not articles:
            articles.append(
                _skipped(
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


class _TextOnly(HTMLParser):
    """Fallback extractor: visible text only, never script, style, iframe or other embeds."""

    _HIDDEN = frozenset(
        {
            "script",
            "style",
            "iframe",
            "noscript",
            "template",
            "svg",
            "object",
            "embed",
            "head",
            "title",
            "canvas",
            "math",
            "select",
            "button",
            "form",
            "nav",
            "footer",
            "header",
            "aside",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "blockquote",
            "section",
            "article",
            "pre",
            "figcaption",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _html_fallback(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _read_html(
    html: str, *, stem: str, path: str, encoding: str | None, notes: list[str]
) -> Article:
    """Extract main text and metadata with trafilatura, or visible text when it finds none."""
    import trafilatura

    meta: dict[str, str | None] = {}
    text = ""
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as err:  # any parser failure falls back to plain text
        logger.debug("%s: trafilatura failed (%s); using plain text", path, err)
        doc = None
    if doc is not None:
        text = (getattr(doc, "text", None) or "").replace("\n", "\n\n")
        meta = {
            "title": getattr(doc, "title", None),
            "published": getattr(doc, "date", None),
            "source": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
            "url": getattr(doc, "url", None),
        }
    if not text.strip():
        text = _html_fallback(html)
    return _build(
        text,
        id=stem,
        title=meta.get("title"),
        source=meta.get("source"),
        url=meta.get("url"),
        published=meta.get("published"),
        path=path,
        title_mode="none" if meta.get("title") else "auto",
        label=path,
        encoding=encoding,
        notes=notes,
        empty_reason="no article text in the HTML",
    )


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
