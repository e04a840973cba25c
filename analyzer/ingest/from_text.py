"""One text to one cleaned :class:`~analyzer.article.Article`, or a skipped one with its reason.

Every reader ends here: repair (ftfy), title, boilerplate, hard-wrapped lines,
language and length checks. Problems are emitted with :func:`warnings.warn`
(:class:`IngestWarning`) and kept in ``Article.warnings``.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from analyzer import config
from analyzer.article import Article, Disguise, text_id
from analyzer.config import LANGUAGE_MIN_WORDS, LARGE_TEXT_CHARS
from analyzer.ingest.boilerplate import CleanedBody, clean_body, normalize_whitespace
from analyzer.ingest.canonical import canonical_text, merge_disguises
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
    prepared = _prepared_body(text, title or "", title_mode)
    title, cleaned, disguises = prepared.title, prepared.cleaned, prepared.disguises
    only_title = bool(title) and not prepared.body.strip()
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
        removed=(*prepared.pre_removed, *cleaned.removed),
        encoding=encoding,
        disguises=disguises,
        extra=dict(extra or {}),
    )
    for disguise in disguises:
        messages.append(f"{label}: disguised text undone before comparing: {disguise.describe()}")
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
        language = prepared.language
        article = replace(article, language=language)
        if language != "en":
            messages.append(
                f"{label}: text looks like language '{language}', not English; the embedding "
                "model is English, so similarity scores for it are less reliable"
            )
    n_sentences = _count_sentences(article.text)
    if n_sentences > config.MAX_ARTICLE_SENTENCES:
        return _skip(article, f"too many sentences for one article (about {n_sentences:,}; the limit is "
                     f"{config.MAX_ARTICLE_SENTENCES:,}): a list or a dump rather than a story; split it, "
                     "or raise analyzer.config.MAX_ARTICLE_SENTENCES", messages, label)
    if n_sentences <= 1:
        messages.append(f"{label}: only one sentence; alignment evidence will be weak")
    if cut := _unbroken_stretches(article.text):
        messages.append(
            f"{label}: {cut} stretch{'es' if cut > 1 else ''} of more than {config.MAX_SENTENCE_CHARS:,} "
            "characters without a sentence end; cut into sentences of at most that length for comparison"
        )
    if len(article.text) > LARGE_TEXT_CHARS:
        messages.append(
            f"{label}: very long text ({len(article.text) / 1e6:.1f} M characters); "
            "analysis will be slow"
        )
    return _emit(article, messages)


@dataclass(frozen=True)
class _Prepared:
    """What ingest makes of one text and title, whatever the input's id and metadata."""

    title: str
    body: str
    pre_removed: tuple[str, ...]
    cleaned: CleanedBody
    disguises: tuple[Disguise, ...]
    language: str | None


def _prepared_body(text: str, title: str, title_mode: str) -> _Prepared:
    """Repair, canonicalise, take off the title and clean the body; remembered for repeated texts.

    Pure in its arguments, so a feed that carries one wire text five thousand
    times cleans it once (cleaning and language detection cost ~10 ms a text).
    """
    if len(text) > _REMEMBER_CHARS:
        return _prepare(text, title, title_mode)
    return _prepare_remembered(text, title, title_mode)


#: Texts longer than this are not remembered (the cache must stay small).
_REMEMBER_CHARS = 100_000


def _prepare(text: str, title: str, title_mode: str) -> _Prepared:
    fixed, disguises = canonical_text(fix_text(text))
    body = normalize_whitespace(fixed)
    pre_removed: list[str] = []
    if title_mode != "none":
        found, body, pre_removed = _split_title(body, auto=title_mode == "auto")
        title = title or found
    if title:
        title, title_disguises = canonical_text(fix_text(title))
        disguises = merge_disguises((*disguises, *title_disguises))
        title = normalize_whitespace(title).replace("\n", " ")
    cleaned = clean_body(unwrap_lines(body), title=title or None)  # after the title: it is no wrap
    language = detect_language(cleaned.text) if len(cleaned.text.split()) >= LANGUAGE_MIN_WORDS else None
    return _Prepared(title, body, tuple(pre_removed), cleaned, disguises, language)


_prepare_remembered = lru_cache(maxsize=256)(_prepare)


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


def _unbroken_stretches(text: str) -> int:
    """Stretches longer than ``MAX_SENTENCE_CHARS`` with no sentence end or line break (cut when split)."""
    count = 0
    for line in text.split("\n"):
        if len(line) > config.MAX_SENTENCE_CHARS:
            ends = [0, *(m.end() for m in _SENTENCE_END.finditer(line)), len(line)]
            count += sum(1 for x, y in itertools.pairwise(ends) if y - x > config.MAX_SENTENCE_CHARS)
    return count


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
