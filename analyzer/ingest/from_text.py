"""One text to one cleaned :class:`~analyzer.article.Article`, or a skipped one with its reason.

Every reader ends here: repair (ftfy), title, boilerplate, hard-wrapped lines,
language and length checks. Problems are emitted with :func:`warnings.warn`
(:class:`IngestWarning`) and kept in ``Article.warnings``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import replace

from analyzer import config
from analyzer.article import Article, text_id
from analyzer.config import LANGUAGE_MIN_WORDS, LARGE_TEXT_CHARS
from analyzer.ingest.boilerplate import clean_body, normalize_whitespace
from analyzer.ingest.linebreaks import unwrap_lines
from analyzer.ingest.page_vocabulary import UI_LINES

logger = logging.getLogger(__name__)

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
    published_from: str = "given by the caller",
) -> Article:
    """Build one cleaned :class:`Article` from text (already decoded).

    The text is Unicode-normalised (NFC, mojibake repaired by ftfy), its
    whitespace normalised with paragraph breaks kept, lines of hard-wrapped text
    rejoined (:mod:`analyzer.ingest.linebreaks`), and its boilerplate split
    off by :func:`~analyzer.ingest.boilerplate.clean_body`. With
    ``first_line_is_title`` the first line that is not a page label becomes the
    title (an explicit ``title`` still wins). ``source`` given here (metadata)
    wins over a publisher declared in the text. Problems are warned about and
    recorded; an article with no text left is returned with ``status="skipped"``.
    ``published_from`` records where ``published`` came from.
    """
    return build_article(
        text,
        id=id,
        title=title,
        source=source,
        url=url,
        published=published,
        path=path,
        title_mode="first" if first_line_is_title else "none",
        published_from=published_from if published else None,
    )


def build_article(
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
    published_from: str | None = None,
) -> Article:
    """Build an article; ``title_mode`` is ``none``, ``first`` or ``auto`` (headline-like only)."""
    art_id = id if id else text_id(text)
    label = label or art_id
    messages = [f"{label}: {note}" for note in notes]
    if len(text) > config.MAX_ARTICLE_CHARS:
        too_long = Article(id=art_id, text="", title=title or "", source=source, url=url or None,
                           published=published or None, path=path, encoding=encoding,
                           published_from=published_from if published else None,
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
        published_from=published_from if published else None,
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


def skipped_article(
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
