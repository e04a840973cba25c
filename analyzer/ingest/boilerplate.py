"""Separate an article's body from the page furniture scraped along with it.

Scraped news text carries menus, sign-up blurbs, share prompts, related-link
lists, photo captions and "Source: ..." footers. They would make unrelated
articles look alike (every page of one site shares them) and hide copies, so
:func:`clean_body` takes them out of the text, but keeps every one of them:

- ``removed``: every line (or trailing sentence) taken out of the text, verbatim;
- ``credits``: photo captions and photo credits (also listed in ``removed``);
- ``attribution``: what the page says about where the text comes from, as
  ``"kind: value"`` strings (see :data:`ATTRIBUTION_KINDS`).

The rules are line rules learnt from ~600 real scrapes (``news_articles.jsonl``)
and the seeds, not string matches for single sites. They are conservative on
purpose: a line is removed only when it cannot be a sentence of the article
(a UI label, a line addressing the reader about sign-ups, a dated byline, a
headline-like line in the page head or tail, a photo credit). A sentence that
might be article prose stays, even at the cost of leaving some boilerplate in.
The cost is linear in the text length; one pass over a 2 MB text takes well
under a second.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyzer.ingest.page_vocabulary import ACRONYMS, NOT_A_PUBLISHER, NOT_OUTLETS, UI_LINES, WIRES

logger = logging.getLogger(__name__)

#: Kinds of ``attribution`` entries, each written ``"kind: value"``:
#:
#: ``publisher``  the page declares who published it ("Source: Opera News");
#:                this is also :attr:`CleanedBody.source`.
#: ``origin``     the text is credited to someone else: a wire or the outlet it
#:                was taken from ("NEWS COLLECTED FROM NEW YORK POST.",
#:                "By Reuters", "WASHINGTON (AP) —", "This article originally
#:                appeared on ...", "Copyright 2018 The Associated Press").
#:                An origin is not the publisher: a copy credits its origin.
#: ``self``       the text names its own outlet while reporting
#:                ("Newsweek reached out to ... for comment."); the sentence
#:                stays in the text, only the outlet is recorded.
#: ``byline``     a named author line ("By Susan B. Glasser").
ATTRIBUTION_KINDS = ("publisher", "origin", "self", "byline")

# Sentence-final punctuation, allowing closing quotes/brackets after it.
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_QUOTES = re.compile(r"[\"“”„«»]")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
# Tokens of a dateline or timestamp line ("Updated 8:04 PM ET, Mon July 16, 2018").
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTH}|{_DAY}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|[ap]\.?m\.?|et|edt|est|ct|cdt|pt|pdt|gmt|bst|utc|cet"
    r"|updated|last updated|posted|published|originally|first|on|at|ago|min|mins|minutes?"
    r"|hrs?|hours?|days?|seconds?|secs?|today|yesterday|just now)\b",
    re.IGNORECASE,
)

# Photo credits at the end of a caption line (no final full stop after them).
_CREDIT_END = re.compile(
    r"(?:"
    r"(?:\bvia\s+|/\s*|,\s*|\b)Getty(?: Images)?\)?"  # ... via Getty Images, AFP/Getty Images
    # (AP Photo/Evan Vucci)
    r"|\((?:AP|AFP|Reuters|REUTERS|Getty|EPA|Photo)(?: Photo)?(?:\s*/[^()]{1,80})?\)"
    r"|\(Photo (?:by|credit)[^()]{1,120}\)"  # (Photo by X / AFP)
    r"|\b(?:AP|AFP|REUTERS|Reuters|EPA|EPA-EFE|Getty|Shutterstock|SPUTNIK|Sputnik|TASS|Xinhua)"
    r"(?: Photo)?\s*/\s*[A-Z][^/|()]{1,60}"  # REUTERS/Kevin Lamarque, AP Photo/X
    r"|\b[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:\s*/\s*[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)*)+"
    r"|\|\s*[^|]{2,80}\b(?:Photo|Photos|Images|AP|AFP|Reuters|REUTERS)"  # | X/AP Photo
    r"|[.)]\s+Credit:?\s*[A-Z][^.]{1,80}"  # ... Germany. Credit Doug Mills/The New York Times
    r"|\([^()]{2,80}\bvia\s+[A-Z][\w-]+\)"  # (Roni Rekomaa/Lehtikuva via AP)
    r"|\bvia\s+(?:AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Shutterstock|Sputnik|TASS|Xinhua|UPI)"
    r")\s*$"
)
# A line that is only a credit ("Photo: Mel Evans, AP", "CreditDoug Mills/...").
_CREDIT_LINE = re.compile(
    r"^\(?(?:photo|photograph|picture|pic|image|images|video|credit|photo credit|image credit"
    r"|image source|photos|caption)s?\s*(?::|\bby\b|(?<=credit)(?=[A-Z]))",
    re.IGNORECASE,
)
# "GAVRIIL GRIGOROV/SPUTNIK/AFP" style all-caps slash credits need two caps runs.
_SLASH_CAPS = re.compile(r"[A-Z]{2,}[A-Z .'-]*/[A-Za-z]")

_DOMAIN = re.compile(
    r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|co\.uk|co|news|info|tv"
    r"|us|uk|ca|au|in|de|fr|ru|io)(?:/[\w/-]*)?"
)
_UI_LEAD = re.compile(r"^([^:\n]{2,30}):\s+(?=\S)")
_AGENCY_END = re.compile(
    r",\s*(?:AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Getty Images|Shutterstock"
    r"|Sputnik|SPUTNIK|TASS|Xinhua|UPI|Bloomberg)\s*$"
)
_WIRE_CREDIT = re.compile(
    r"^\((?P<who>(?:reporting|additional reporting|writing|editing|compiled)"
    r" by [^()]{2,400})\)$",
    re.IGNORECASE,
)
_RELATED_TAG = re.compile(r"\[[A-Z][A-Z &-]{1,15}\]$")  # "... advance [REPORT]"

_BYLINE = re.compile(r"^by\s+(?P<who>[^\W\d_].*)$", re.IGNORECASE)
_FROM_BYLINE = re.compile(r"^from\s+(?P<who>[A-Z][\w.'’ -]*(?:’s|'s)\s+[A-Z].*)$")
_DATELINE_WIRE = re.compile(
    r"^(?:[A-Z][\w.,'’/ -]{0,80}\s)?\((?P<wire>AP|Reuters|AFP|UPI|CNN|Bloomberg|dpa|Xinhua)\)"
    r"\s*[-—–:]"
)
_COPYRIGHT = re.compile(
    r"^(?:trademark and\s+)?(?:©\s*)?(?:copyright\b|©)\s*(?:©\s*)?(?:\(c\)\s*)?"
    r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?(?P<holder>[^.,|]*)",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^source\s*[:：]\s*(?P<name>.+?)\s*\.?$", re.IGNORECASE)

# Trailing sentences that credit an origin: stripped from the end of a paragraph.
_TRAILING_ORIGIN = (
    re.compile(r"(?:^|\s)(?P<s>news collected from\s+(?P<name>[^.]{2,80})\.?)\s*$", re.IGNORECASE),
    re.compile(
        r"(?:^|\s)(?P<s>(?:this|the) (?:article|story|post|piece) (?:was )?(?:originally|first)"
        r" (?:appeared|published|posted)(?: on| in| at| by)?\s+(?P<name>[^.]{2,80}?)"
        r"(?:\.\s*read it here)?\.?)\s*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:^|\s)(?P<s>(?:republished|reprinted) (?:with permission )?(?:from|by)\s+"
        r"(?P<name>[^.]{2,80})\.?)\s*$",
        re.IGNORECASE,
    ),
)
_TRAILING_PUBLISHER = re.compile(
    r"(?:^|(?<=[.!?”\"’]))\s*(?P<s>source\s*:\s*(?P<name>[^.:]{2,60}))$", re.IGNORECASE
)

# A capitalised outlet name of one to four words, optionally led by "The".
_OUTLET = r"(?P<outlet>(?:The )?[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})"
_SELF_ATTRIBUTION = (
    re.compile(
        rf"(?:^|(?<=[.!?”\"]\s)){_OUTLET}(?: has| have| had)? (?:reached out to|contacted|emailed"
        r"|asked|sought comment from|requested comment from)\b[^.!?]*\bcomment",
        re.MULTILINE,
    ),
    re.compile(
        rf"\b(?:declined|did not (?:immediately )?(?:respond|reply) to|didn[’']t (?:immediately )?"
        rf"(?:respond|reply) to|ignored) (?:an? )?{_OUTLET}(?:[’']s?)? request(?:s)? for comment"
    ),
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you['’](?:re|ve|ll|d))\b", re.IGNORECASE)
_UI_TERM = re.compile(
    r"\b(?:sign[- ]?ups?|signing up|signed in|subscri\w*|unsubscri\w*|newsletters?|in-?box"
    r"|e-?mail address|cookies?|privacy (?:policy|notice)|terms of (?:use|service)"
    r"|digital access|consent\w*|notifications?|comment(?:ing)? (?:policy|guidelines)"
    r"|ad ?blocker|browser|log ?in|account|click|tap here|opt[- ]out|more info)\b",
    re.IGNORECASE,
)
_UI_PREFIX = re.compile(
    r"^[(\[]?(?:sign up|subscribe|click (?:here|to)|tap (?:here|to)|follow us|like us"
    r"|share this|download (?:our|the)|get (?:the|our) [\w ]{0,40}newsletter|join (?:our|us)"
    r"|to find out more about|please (?:read|enable|disable|note|whitelist)"
    r"|thank you for (?:signing|subscribing|reading|registering)|want to get this"
    r"|you must (?:select|be|log)|you are (?:reading|signed|now|using)|unlimited digital access"
    r"|try (?:one|a|1) month|already a subscriber|not a subscriber|support (?:our|independent)"
    r"|we use cookies|by (?:clicking|signing|continuing)|this material may not be published)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CleanedBody:
    r"""The body of an article with what was taken out of it.

    ``text`` keeps paragraph breaks as ``"\\n\\n"``. ``removed`` lists, in order,
    every line or trailing sentence taken out, verbatim (credits included);
    ``credits`` the photo captions and credits; ``attribution`` the
    ``"kind: value"`` entries (see :data:`ATTRIBUTION_KINDS`); ``source`` the
    declared publisher, or ``None``.
    """

    text: str
    removed: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    source: str | None = None
    rules: tuple[str, ...] = field(default=(), compare=False, repr=False)


# --------------------------------------------------------------------------- #
# Whitespace
# --------------------------------------------------------------------------- #

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")


def normalize_whitespace(text: str) -> str:
    r"""Collapse spaces inside lines and blank-line runs to one ``"\\n\\n"`` paragraph break.

    Single line breaks are kept (they group caption lines and link lists);
    invisible control and zero-width characters are dropped.
    """
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------------- #
# Line predicates (pure, one concern each)
# --------------------------------------------------------------------------- #


def _key(line: str) -> str:
    """Lower-case a line and strip bullets and punctuation around it, for vocabulary look-up."""
    return re.sub(r"\s+", " ", line.strip(" \t•·|›»«‹>-–—_*#:!.,;()[]{}").lower())


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_prose(line: str) -> bool:
    """Tell whether a line reads as prose: a sentence of some length, or a long line."""
    n = len(line.split())
    return (n >= 6 and bool(_TERMINAL.search(line))) or n >= 25


def _is_headline_like(line: str, max_words: int = 20) -> bool:
    """Short line without sentence punctuation at its end (headline, label, link text)."""
    stripped = line.rstrip()
    n = len(stripped.split())
    return (
        1 <= n <= max_words
        and not _TERMINAL.search(stripped)
        and not stripped.endswith((",", ";", ":"))
        and bool(_words(stripped))
    )


def _is_label(line: str, max_words: int = 6) -> bool:
    """Short title-case or upper-case label ("Ukraine Situation World", "White House")."""
    if not _is_headline_like(line, max_words) or re.search(r"\d", line):
        return False
    words = _words(line)
    small = {"and", "of", "the", "in", "on", "for", "to", "a", "&", "at", "by"}
    return bool(words) and all(w[0].isupper() or w.lower() in small for w in words)


def _is_symbols(line: str) -> bool:
    """No letter or digit at all ("___", "•", ",")."""
    return not any(ch.isalnum() for ch in line)


def _is_ui(line: str) -> bool:
    return _key(line) in UI_LINES


def _is_dateline(line: str) -> bool:
    """Tell whether a line is only a date, time or "updated/posted" stamp."""
    if len(line.split()) > 12 or not re.search(r"\d|\b(?:today|yesterday|just now)\b", line, re.I):
        return False
    rest = _DATE_TOKEN.sub(" ", line)
    return not re.search(r"[^\W\d_]", rest)


def _is_reader_prompt(line: str) -> bool:
    """Sign-up, consent, subscribe and comment prompts addressed to the reader.

    Needs a UI prefix ("Sign up for ...", "Click here ..."), or a second-person
    pronoun together with a UI term and no quotation marks (quoted speech that
    says "you" is article text).
    """
    n = len(line.split())
    if n > 80:
        return False
    if _UI_PREFIX.search(line) and (n <= 40 or not _QUOTES.search(line)):
        return True
    if _QUOTES.search(line):
        return False
    if _SECOND_PERSON.search(line) and _UI_TERM.search(line):
        return True
    return n <= 8 and bool(re.search(r"\bnewsletters?\b", line, re.IGNORECASE))


def _is_credit(line: str) -> bool:
    """Tell a photo caption ending with a credit, or a line that is only a credit."""
    if _TERMINAL.search(line) and not line.endswith(")"):
        return False
    n = len(line.split())
    if n <= 20 and _CREDIT_LINE.search(line):
        return True
    if n <= 8 and _AGENCY_END.search(line) and "," in line:
        return True  # "Pekka Sipola, EPA-EFE"
    match = _CREDIT_END.search(line)
    if not match:
        return False
    tail = match.group(0)
    # An all-caps run with a slash is a credit only when it really is one
    # ("GAVRIIL GRIGOROV/SPUTNIK/AFP"), not an acronym pair ("AC/DC").
    if "/" in tail and not re.search(r"Getty|Photo|AP|AFP|REUTERS|Reuters|\||Credit", tail):
        return bool(_SLASH_CAPS.search(tail)) and len(tail) >= 8
    return True


def _wire(name: str) -> str | None:
    return WIRES.get(_key(name))


def _tidy_name(name: str) -> str:
    """Trim a declared name and fix shouting ("NEW YORK POST" -> "New York Post", "CNN" stays)."""
    name = name.strip(" \t.,;:-–—|\"'“”‘’()[]")
    name = re.sub(r"\s+", " ", name)
    if name.isupper() and len(name) > 4:
        small = {"OF", "THE", "AND", "ON", "IN", "FOR", "AT"}
        words = []
        for i, w in enumerate(name.split(" ")):
            if w in small and i:
                words.append(w.lower())
            elif w in ACRONYMS or not re.search(r"[AEIOU]", w):
                words.append(w)  # CNN, BBC, ABC News
            else:
                words.append(w.capitalize())
        name = " ".join(words)
    return name


def _byline(line: str) -> str | None:
    """Read a byline line into an attribution entry ("By Reuters" -> "origin: Reuters")."""
    long_or_sentence = (
        len(line.split()) > 9 or bool(_TERMINAL.search(line.rstrip("."))) or line.endswith(".")
    )
    if long_or_sentence and not re.fullmatch(r"(?i)by\s+[^\W\d_][\w .'’&-]{0,60}\.", line):
        return None
    match = _BYLINE.match(line) or _FROM_BYLINE.match(line)
    if match is None:
        return None
    who = _tidy_name(match.group("who"))
    words = _words(who)
    if not words or not all(
        w[0].isupper() or w.lower() in {"and", "of", "the", "de", "van", "von"} for w in words
    ):
        return None  # "By then, it was over" is prose
    wire = _wire(who)
    return f"origin: {wire}" if wire else f"byline: {who}"


# --------------------------------------------------------------------------- #
# The cleaner
# --------------------------------------------------------------------------- #


@dataclass
class _Line:
    text: str
    block: int
    action: str = "keep"  # keep | remove | credit
    rule: str = ""
    extra_removed: str = ""  # a UI label cut from the start of a kept line


def _classify_lines(lines: list[_Line], attribution: list[str], title: str | None) -> None:
    """Mark furniture line by line (rules that need no context)."""
    title_key = _key(title) if title else None
    for line in lines:
        text = line.text
        match = _UI_LEAD.match(text)
        if match and _key(match.group(1)) in UI_LINES and _is_prose(text[match.end() :]):
            # "Share this article: WASHINGTON (Reuters) - ..." keeps the sentence, drops the label.
            line.extra_removed = match.group(0).strip()
            line.text = text = text[match.end() :]
        rule = ""
        action = "remove"
        if _is_symbols(text):
            rule = "symbols"
        elif _is_ui(text):
            rule = "ui-label"
        elif _DOMAIN.fullmatch(_key(text)):
            rule = "site-name"
        elif title_key and _key(text) == title_key:
            rule = "repeated-title"
        elif _is_dateline(text):
            rule = "date-stamp"
        elif _RELATED_TAG.search(text) and _is_headline_like(_RELATED_TAG.sub("", text), 30):
            rule = "related-link"
        elif (match := _COPYRIGHT.match(text)) and len(text.split()) <= 40:
            rule = "copyright"
            holder = _tidy_name(match.group("holder"))
            holder = re.sub(
                r"(?i)\s*(?:,?\s*(?:inc|llc|ltd|plc))$|\s+all rights reserved.*$", "", holder
            ).strip()
            if holder and len(holder.split()) <= 6:
                attribution.append(f"origin: {_wire(holder) or holder}")
        elif match := _WIRE_CREDIT.match(text):
            rule = "reporting-credit"
            attribution.append(f"byline: {match.group('who')}")
        elif (entry := _byline(text)) is not None:
            rule = "byline"
            attribution.append(entry)
        elif _wire(text) and len(text.split()) <= 4:
            rule = "wire-name"
            attribution.append(f"origin: {_wire(text)}")
        elif _is_credit(text):
            rule, action = "photo-credit", "credit"
        elif _is_reader_prompt(text):
            rule = "reader-prompt"
        else:
            action = "keep"
        if rule:
            line.action, line.rule = action, rule
        if action == "keep" and (match := _DATELINE_WIRE.match(text)):
            attribution.append(f"origin: {_wire(match.group('wire'))}")


def _mark_caption_heads(lines: list[_Line]) -> None:
    """Mark a headline-like line right above a credit in its paragraph as the caption's title."""
    for prev, cur in itertools.pairwise(lines):
        if (
            cur.action == "credit"
            and prev.block == cur.block
            and prev.action == "keep"
            and _is_headline_like(prev.text)
        ):
            prev.action, prev.rule = "credit", "caption-title"


def _mark_head(lines: list[_Line]) -> None:
    """Section labels before the first line of prose ("Ukraine Situation World")."""
    for line in lines:
        if line.action != "keep":
            continue
        if _is_prose(line.text):
            return
        if _is_label(line.text):
            line.action, line.rule = "remove", "nav-label"


def _mark_tail(lines: list[_Line], attribution: list[str]) -> None:
    """Footers after the last line of prose: source lines, link lists, dangling lead-ins."""
    tail: list[_Line] = []
    for line in reversed(lines):
        if line.action == "keep" and _is_prose(line.text) and not _SOURCE_LINE.match(line.text):
            break
        tail.append(line)
    tail.reverse()
    for line in tail:
        if line.action == "keep" and (match := _SOURCE_LINE.match(line.text)):
            name = _tidy_name(match.group("name"))
            line.action, line.rule = "remove", "source-line"
            if (
                _key(name) not in NOT_A_PUBLISHER
                and not re.search(r"\d", name)
                and 1 <= len(name.split()) <= 6
            ):
                attribution.append(f"publisher: {name}")
    heads = [ln for ln in tail if ln.action == "keep" and _is_headline_like(ln.text)]
    n_prose = sum(1 for ln in lines if ln.action == "keep" and _is_prose(ln.text))
    # A text that is mostly short lines (a teaser, a list) has no tail to cut.
    if n_prose < 3:
        heads = []
    if len(heads) >= 2 or (len(heads) == 1 and len(heads[0].text.split()) <= 5):
        for line in heads:
            line.action, line.rule = "remove", "related-links"
    kept = [ln for ln in lines if ln.action == "keep"]
    if kept and kept[-1].text.endswith(":") and len(kept[-1].text.split()) <= 8:
        kept[-1].action, kept[-1].rule = "remove", "dangling-lead-in"


def _strip_trailing_attribution(text: str, attribution: list[str], removed: list[str]) -> str:
    """Cut origin/publisher sentences off the end of a paragraph ("... NEWS COLLECTED FROM X.")."""
    changed = True
    while changed and text:
        changed = False
        for pattern in _TRAILING_ORIGIN:
            match = pattern.search(text)
            if match:
                name = match.group("name")
                attribution.append(f"origin: {_wire(name) or _tidy_name(name)}")
                removed.append(match.group("s"))
                text = text[: match.start("s")].rstrip()
                changed = True
        match = _TRAILING_PUBLISHER.search(text)
        if match and text[: match.start("s")].strip():
            name = _tidy_name(match.group("name"))
            if _key(name) not in NOT_A_PUBLISHER and 1 <= len(name.split()) <= 6:
                attribution.append(f"publisher: {name}")
            removed.append(match.group("s"))
            text = text[: match.start("s")].rstrip()
            changed = True
    return text


def find_self_attribution(text: str) -> list[str]:
    """Outlets a text names as itself while reporting ("Newsweek reached out to X for comment")."""
    found: list[str] = []
    for pattern in _SELF_ATTRIBUTION:
        for match in pattern.finditer(text):
            outlet = match.group("outlet").strip()
            if outlet not in NOT_OUTLETS and outlet not in found:
                found.append(outlet)
    return found


def _clean_once(text: str, title: str | None) -> CleanedBody:
    attribution: list[str] = []
    lines: list[_Line] = []
    for block, para in enumerate(text.split("\n\n")):
        lines.extend(_Line(ln, block) for ln in para.split("\n") if ln.strip())
    _classify_lines(lines, attribution, title)
    _mark_caption_heads(lines)
    _mark_head(lines)
    _mark_tail(lines, attribution)

    removed: list[str] = []
    credits: list[str] = []
    kept: list[_Line] = []
    for line in lines:
        if line.extra_removed:
            removed.append(line.extra_removed)
        if line.action == "keep":
            kept.append(line)
            continue
        logger.debug("boilerplate %s: %r", line.rule, line.text)
        removed.append(line.text)
        if line.action == "credit":
            credits.append(line.text)
    if kept:
        kept[-1].text = _strip_trailing_attribution(kept[-1].text, attribution, removed)
    for line in kept[:-1]:
        # "NEWS COLLECTED FROM ..." may also close a paragraph that is not the last one.
        line.text = _strip_trailing_attribution_origin_only(line.text, attribution, removed)

    paragraphs: list[list[str]] = []
    last_block = None
    for line in kept:
        if not line.text:
            continue
        if line.block != last_block:
            paragraphs.append([])
            last_block = line.block
        paragraphs[-1].append(line.text)
    body = "\n\n".join("\n".join(p) for p in paragraphs)
    rules = tuple(line.rule for line in lines if line.rule)
    return CleanedBody(body, tuple(removed), tuple(credits), tuple(attribution), None, rules)


def _strip_trailing_attribution_origin_only(
    text: str, attribution: list[str], removed: list[str]
) -> str:
    match = _TRAILING_ORIGIN[0].search(text)
    if match and text[: match.start("s")].strip():
        attribution.append(f"origin: {_tidy_name(match.group('name'))}")
        removed.append(match.group("s"))
        text = text[: match.start("s")].rstrip()
    return text


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def clean_body(raw: str, *, title: str | None = None) -> CleanedBody:
    """Split scraped article text into body and furniture (see the module docstring).

    ``title``, when known, lets a repeated headline inside the body be removed.
    The self-declared outlet ("Newsweek reached out ...") is recorded as
    ``"self: Newsweek"`` while its sentence stays in ``text``. Cleaning is
    idempotent: cleaning the cleaned text removes nothing more (the rules are
    applied until nothing changes).
    """
    text = normalize_whitespace(raw)
    removed: list[str] = []
    credits: list[str] = []
    attribution: list[str] = []
    rules: list[str] = []
    for _ in range(10):
        result = _clean_once(text, title)
        removed += result.removed
        credits += result.credits
        attribution += result.attribution
        rules += result.rules
        if result.text == text:
            break
        text = result.text
    attribution += [f"self: {outlet}" for outlet in find_self_attribution(text)]
    attribution_t = _unique(attribution)
    source = next((a.split(": ", 1)[1] for a in attribution_t if a.startswith("publisher: ")), None)
    return CleanedBody(text, tuple(removed), tuple(credits), attribution_t, source, tuple(rules))
