"""What the spinner gets wrong or loses: drifted facts, garbled names, pronoun slips, dropped paragraphs.

These are the changes that make a spin unreliable rather than merely
reworded, and ``SpinResult.facts_changed`` records the factual ones so a
benchmark can check that they are caught: a unit swapped keeping its number
("1,000 miles" -> "1,000 kilometers"), a number nudged, an acronym expanded
wrongly ("NATO" -> "North Atlantic Settlement Association"), "his" for "her",
and captions, bylines or quotation paragraphs dropped.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from analyzer.training.spin.segment import capitalise
from analyzer.training.spin.vocabulary import KNOWN_ACRONYMS, PRONOUN_SLIPS, UNIT_SWAPS

if TYPE_CHECKING:
    from analyzer.training.spin.run import SpinRun

#: Chance, times ``rate``, that a paragraph that is mostly quotation is dropped
#: (the seed spinner dropped the petition's quote).
QUOTE_DROP = 0.3

#: Chance, times ``rate``, that a photo caption, credit, byline or timestamp paragraph
#: is dropped (the seed spinner dropped its caption; content farms strip these).
BOILERPLATE_DROP = 0.8
_CAPTION = re.compile(
    r"Getty Images|\bAP Photo\b|/AFP\b|\bAFP/|/Reuters\b|\bReuters/|\bEPA\b|Shutterstock|"
    r"\bPhoto(?:graph)?(?: by|:)|\bImage(?: by|:)|\bCredit:|\(Photo\b"
)
_BYLINE = re.compile(
    r"\A(?:By|Posted|Updated|Published|Written by)\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\b|[AP]M\b)|"
    r"Copyright|All rights reserved|\A(?:Share|Tweet|Email|Comment)\b",
    re.I,
)

#: Per-pronoun chance, times ``rate``, of a gender slip ("his" for a woman).
PRONOUN_ERROR = 0.06

_UNIT_FACT = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)(\s+|-)((?:square\s+)?)(" + "|".join(UNIT_SWAPS) + r")\b"
)
_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w:/]|[.,]\d)")
_LONG_FORM = re.compile(
    r"\b((?:[A-Z][a-z]+\s+(?:(?:of|and|for|the)\s+)*){1,6}[A-Z][a-z]+)\s+\(([A-Z]{2,6})\)"
)


def _quoted_share(paragraph: str) -> float:
    """Fraction of the paragraph's characters inside double quotation marks."""
    quoted = sum(len(m) for m in re.findall(r"\"[^\"]*\"|“[^”]*”", paragraph))
    return quoted / max(1, len(paragraph))


def drop_paragraphs(paragraphs: list[str], run: SpinRun) -> list[str]:
    """Drop some boilerplate paragraphs (captions, bylines) and some mostly-quotation ones."""
    kept: list[str] = []
    for paragraph in paragraphs:
        n_words = len(paragraph.split())
        boilerplate = (n_words < 80 and _CAPTION.search(paragraph)) or (
            n_words < 25 and _BYLINE.search(paragraph)
        )
        if boilerplate and run.rng.random() < BOILERPLATE_DROP * run.rate:
            run.counts["boilerplate_drop"] += 1
            continue
        if _quoted_share(paragraph) >= 0.5 and run.rng.random() < QUOTE_DROP * run.rate:
            run.counts["quote_drop"] += 1
            continue
        kept.append(paragraph)
    return kept or paragraphs[:1]


def _nudge_number(number: str, rng: random.Random) -> str | None:
    """A nearby but different number in the same format; None for years and tiny numbers."""
    value = int(number.replace(",", ""))
    if value <= 2 or (len(number) == 4 and 1900 <= value <= 2100):
        return None
    delta = max(1, round(value * rng.uniform(0.05, 0.25)))
    new = value + delta if rng.random() < 0.5 or value - delta <= 2 else value - delta
    return f"{new:,}" if "," in number else str(new)


def drift_facts(paragraphs: list[str], run: SpinRun) -> list[str]:
    """Change one or two facts: swap a unit (keeping the number) or nudge a number."""
    candidates: list[tuple[int, int, int, str]] = []  # paragraph, start, end, replacement
    for i, paragraph in enumerate(paragraphs):
        units = list(_UNIT_FACT.finditer(paragraph))
        for m in units:
            swapped = UNIT_SWAPS[m.group(4)]
            new = f"{m.group(1)}{m.group(2)}{m.group(3)}{swapped}"
            # Unit swaps are what the seed spinner did; weight them above nudges.
            candidates += [(i, m.start(), m.end(), new)] * 3
        taken = [(m.start(), m.end()) for m in units]
        for m in _NUMBER.finditer(paragraph):
            if any(a <= m.start() < b for a, b in taken):
                continue
            new = _nudge_number(m.group(1), run.rng)
            if new is not None:
                candidates.append((i, m.start(1), m.end(1), new))
    if not candidates:
        return paragraphs
    chosen: list[tuple[int, int, int, str]] = []
    for _ in range(1 if run.rng.random() < 0.6 else 2):
        pick = run.rng.choice(candidates)
        if all(pick[0] != c[0] or pick[2] <= c[1] or pick[1] >= c[2] for c in chosen):
            chosen.append(pick)
    chosen.sort(key=lambda c: (c[0], c[1]))
    run.facts.extend((paragraphs[i][start:end], new) for i, start, end, new in chosen)
    out = list(paragraphs)
    for i, start, end, new in reversed(chosen):  # Right to left keeps offsets valid.
        out[i] = out[i][:start] + new + out[i][end:]
    run.counts["fact_drift"] += len(chosen)
    return out


def _garble_name(name: str, run: SpinRun) -> str | None:
    """Swap one or two capitalised words of an organisation's name for WordNet synonyms."""
    words = name.split()
    slots = [i for i, w in enumerate(words) if w[0].isupper() and len(w) > 3]
    run.rng.shuffle(slots)
    changed = 0
    for i in slots:
        word = words[i].lower()
        options = [
            s
            for pos in ("n", "a")
            for s in run.wordnet.synonyms(word, pos, max_senses=3)
            if s.isalpha() and s.islower() and s[:4] != word[:4] and run.frequency(s) >= 3.0
        ]
        if options:
            words[i] = capitalise(options[0] if run.rng.random() < 0.6 else run.rng.choice(options))
            changed += 1
            if changed == 2 or run.rng.random() < 0.5:
                break
    return " ".join(words) if changed else None


def misexpand_acronym(paragraphs: list[str], run: SpinRun) -> list[str]:
    """Expand an acronym wrongly: garble 'Long Name (ACR)' or replace a known bare acronym."""
    candidates: list[tuple[int, int, int, str]] = []
    for i, paragraph in enumerate(paragraphs):
        for m in _LONG_FORM.finditer(paragraph):
            initials = "".join(w[0] for w in m.group(1).split() if w[0].isupper())
            if initials == m.group(2):
                candidates.append((i, m.start(1), m.end(1), m.group(1)))
        for acronym, expansion in KNOWN_ACRONYMS.items():
            for m in re.finditer(rf"(?<![\w(]){acronym}(?![\w)])", paragraph):
                candidates.append((i, m.start(), m.end(), expansion))
    run.rng.shuffle(candidates)
    for i, start, end, name in candidates[:3]:
        garbled = _garble_name(name, run)
        if garbled:
            original = paragraphs[i][start:end]
            out = list(paragraphs)
            out[i] = out[i][:start] + garbled + out[i][end:]
            run.facts.append((original, garbled))
            run.names.update(w.lower() for w in garbled.split())  # Keep the error as made.
            run.counts["acronym_error"] += 1
            return out
    return paragraphs


def slip_pronoun(tokens: list[str], i: int, run: SpinRun) -> bool:
    """Maybe swap the gendered pronoun ``tokens[i]`` ("his" for "her"); False if it is not one.

    A pronoun is never synonym-swapped, so True means the word pass is done with it.
    """
    lower = tokens[i].lower()
    if lower not in PRONOUN_SLIPS:
        return False
    if run.rng.random() < PRONOUN_ERROR:
        run.replace(tokens, i, i, PRONOUN_SLIPS[lower], "pronoun_slip")
    return True
