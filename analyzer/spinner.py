"""The project's own article spinner, to make spun and lightly edited pairs for training and benchmarks.

No real machine-spun pairs are public, so we make them. ``Spinner`` imitates the
content-farm spinner seen in the seeds (000 is a spin of 003): WordNet synonym
swaps of content words, paraphrases of stock phrases ("according to" -> "as
per"), clause reordering, passive/active flips, sentence merges and splits, a
drifted fact or two ("1,000 miles" -> "1,000 kilometers"), wrong acronym
expansions ("NATO" -> "North Atlantic Settlement Association"), pronoun slips,
and optionally the opening paragraphs twice, spun two different ways.
``light_edit`` makes the other kind of pair: the small edits of syndication.

Calibration: content-farm spinning is heavy. The seed pair 003/000 has word
5-gram Jaccard 0.011; ``benchmarks/spinner_calibration.py`` measures ours per
``rate`` (see ``Spinner``). Everything is rule-based and crude on
purpose (no tagger, no parser): a real spinner's output is ungrammatical too.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from analyzer.config import RANDOM_STATE
from analyzer.wordnet import WordNet

#: Chance, times ``rate``, that a quotation is spun like running text. The seed
#: spinner touched most quotes ("discredit" -> "ruin"); we keep most intact.
QUOTE_LEAK = 0.3

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

#: Chance, times ``rate``, of a filler inserted after an auxiliary ("has actually been").
FILLER_RATE = 0.3
_FILLERS = ("actually", "really", "in fact", "truly", "certainly", "basically")

#: Per-article chance, times ``rate``, of a wrong acronym expansion when one is possible.
ACRONYM_ERROR = 0.5

#: Per-pronoun chance, times ``rate``, of a gender slip ("his" for a woman).
PRONOUN_ERROR = 0.06

#: Synonyms rarer than this Zipf frequency are not used (keeps the output readable).
MIN_SYNONYM_ZIPF = 2.5

#: WordNet senses read per word; the first senses are preferred.
MAX_SENSES = 4

#: Paragraphs with fewer words are headlines or bylines, not opening paragraphs.
MIN_PARAGRAPH_WORDS = 12

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\s+|.", re.S)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*\Z")
_QUOTES = '"“”'
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co|Ltd|Ft|Mt)\.)\Z"
)

_STOPWORDS = frozenset(
    """a an the this that these those it its it's he him his she her hers they them their theirs
    we us our you your i me my who whom whose which what when where why how whether if and or nor
    but so yet for of in on at by to from with within without into onto over under about above
    below after before during between among through against toward towards around near since
    until till upon via per than then there here now as also too very just only even still ever
    never not no yes all any each every both either neither some such other another own same
    more most less least much many few several be am is are was were been being have has had
    having do does did doing done will would shall should can could may might must ought
    one two three four five six seven eight nine ten eleven twelve hundred thousand million
    billion first second third percent mr mrs ms dr st up down out off back away again
    get got gets getting""".split()
)

_DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some many several no every "
    "each any another other such".split()
)
_VERB_CUES = frozenset(
    "to will would can could may might must should shall not never did does do he she they we "
    "i who which".split()
)
_BE = frozenset("is are was were be been being am".split())
#: Verbs whose past tense is the base form (absent from WordNet's exception list).
_SAME_PAST = frozenset(
    "set put cut let hit quit shut spread cast cost hurt burst bet split upset beat bid".split()
)
#: Adverbs skipped when looking at the word before a verb ("were later summoned").
_SKIPPED_ADVERBS = frozenset("later also not already still just never recently since".split())
_HAVE = frozenset("has have had having".split())

#: Stock phrases of news prose and the paraphrases content farms use for them.
#: Keys are lower-case word sequences; matched on words, longest first.
PHRASE_PARAPHRASES: dict[str, tuple[str, ...]] = {
    # Stock phrases and connectives.
    "according to": ("as per", "as indicated by", "in accordance with"),
    "because of": ("due to", "on account of", "owing to"),
    "due to": ("because of", "owing to", "in light of"),
    "because": ("since", "in light of the fact that", "on the grounds that"),
    "more than": ("in excess of", "over", "upwards of"),
    "so far": ("up until this point", "until now", "to date"),
    "amid": ("in the midst of", "even with", "amidst"),
    "despite": ("in spite of", "notwithstanding", "regardless of"),
    "however": ("nonetheless", "nevertheless", "all things considered"),
    "still": ("by and by", "in any case", "nonetheless"),
    "also": ("additionally", "likewise", "furthermore"),
    "although": ("albeit", "even though", "however much"),
    "such as": ("like", "for example", "including"),
    "in order to": ("so as to", "to"),
    "as well as": ("along with", "in addition to", "and furthermore"),
    "as well": ("too", "also"),
    "a number of": ("several", "various", "a few"),
    "a lot of": ("a great deal of", "plenty of", "lots of"),
    "a few": ("a couple of", "some", "several"),
    "many": ("numerous", "a lot of", "various"),
    "some": ("a few", "certain", "several"),
    "other": ("various other", "additional", "different"),
    "ago": ("prior", "back", "previously"),
    "about": ("around", "approximately", "regarding"),
    "after": ("following", "in the wake of", "subsequent to"),
    "before": ("prior to", "ahead of", "preceding"),
    "during": ("in the course of", "throughout", "all through"),
    "if": ("in the event that", "assuming", "supposing that"),
    "but": ("yet", "however", "though"),
    "while": ("whereas", "even as", "though"),
    "and": ("as well as", "and also", "along with"),
    "or": ("or even", "or perhaps"),
    "with": ("along with", "together with", "alongside"),
    "on": ("upon",),
    "in": ("within", "inside"),
    "which": ("that",),
    "when": ("whenever", "as soon as", "once"),
    "where": ("in which", "wherein"),
    "then": ("after that", "next", "at that point"),
    "now": ("currently", "at present", "right now"),
    "just": ("simply", "merely", "only"),
    "only": ("just", "merely", "simply"),
    "very": ("extremely", "truly", "really"),
    "until": ("till", "up until"),
    "against": ("in opposition to", "contrary to", "versus"),
    "near": ("close to", "nearby", "in the vicinity of"),
    "including": ("counting", "among them", "such as"),
    "people": ("individuals", "persons", "folks"),
    "the first": ("the very first", "the initial"),
    "in fact": ("actually", "as a matter of fact"),
    "for example": ("for instance",),
    "at the time": ("then", "back then"),
    "in the past": ("previously", "formerly"),
    "in recent weeks": ("over the course of recent weeks", "lately"),
    "last week": ("the previous week", "a week ago"),
    "last year": ("the previous year", "a year ago"),
    "next week": ("the following week",),
    "at least": ("no less than", "at minimum", "at the very least"),
    "as a result": ("consequently", "because of this", "therefore"),
    "is expected to": ("is anticipated to", "is supposed to", "is projected to"),
    "going to": ("about to", "planning to"),
    "want to": ("wish to", "would like to"),
    "wants to": ("wishes to", "would like to"),
    "need to": ("have to", "must"),
    "tried to": ("attempted to", "sought to"),
    "try to": ("attempt to", "seek to"),
    "there is": ("there's", "there exists"),
    # Modals and negation, both ways.
    "can": ("could", "may"),
    "could": ("might", "may"),
    "should": ("ought to", "must"),
    "must": ("need to", "have to"),
    "cannot": ("can't", "can not"),
    "did not": ("didn't", "failed to"),
    "does not": ("doesn't",),
    "do not": ("don't",),
    "is not": ("isn't",),
    "are not": ("aren't",),
    "was not": ("wasn't",),
    "has not": ("hasn't",),
    "have not": ("haven't",),
    "will not": ("won't",),
    "didn't": ("did not", "failed to"),
    "doesn't": ("does not",),
    "don't": ("do not",),
    "isn't": ("is not",),
    "aren't": ("are not",),
    "wasn't": ("was not",),
    "hasn't": ("has not",),
    "haven't": ("have not",),
    "won't": ("will not",),
    "can't": ("cannot", "can not"),
    "it's": ("it is",),
    "it is": ("it's",),
    "that's": ("that is",),
    "there's": ("there is",),
    "i'm": ("I am",),
    "we're": ("we are",),
    "they're": ("they are",),
}
_MAX_PHRASE_WORDS = max(len(k.split()) for k in PHRASE_PARAPHRASES)

_INTRO_WORDS = frozenset(
    "in on at after before while when although though since as despite during last earlier "
    "following with without amid for by under over because if unless once until within "
    "according".split()
)
_SAY_VERBS = ("said", "says", "added", "noted", "wrote", "told reporters")

#: Unit words and the unit a spinner confuses them with.
UNIT_SWAPS: dict[str, str] = {
    "miles": "kilometers", "mile": "kilometer", "kilometers": "miles", "kilometer": "mile",
    "kilometres": "miles", "kilometre": "mile", "km": "miles",
    "pounds": "kilograms", "pound": "kilogram", "kilograms": "pounds", "kilogram": "pound",
    "kg": "pounds", "feet": "meters", "foot": "meter", "meters": "feet", "meter": "foot",
    "metres": "feet", "inches": "centimeters", "centimeters": "inches", "tons": "tonnes",
    "tonnes": "tons", "gallons": "liters", "liters": "gallons", "litres": "gallons",
    "acres": "hectares", "hectares": "acres", "Fahrenheit": "Celsius", "Celsius": "Fahrenheit",
}  # fmt: skip
_UNIT_FACT = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)(\s+|-)((?:square\s+)?)(" + "|".join(UNIT_SWAPS) + r")\b"
)
_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w:/]|[.,]\d)")

#: Acronyms a spinner likes to "expand", with their true expansions.
KNOWN_ACRONYMS: dict[str, str] = {
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
    "UN": "United Nations",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
    "IMF": "International Monetary Fund",
    "NASA": "National Aeronautics and Space Administration",
    "DNC": "Democratic National Committee",
}
_LONG_FORM = re.compile(
    r"\b((?:[A-Z][a-z]+\s+(?:(?:of|and|for|the)\s+)*){1,6}[A-Z][a-z]+)\s+\(([A-Z]{2,6})\)"
)
_PRONOUN_SLIPS = {"her": "his", "his": "her", "she": "he", "he": "she", "him": "her"}

_OPERATIONS = (
    "synonym_swap", "phrase_swap", "collocation_swap", "clause_reorder", "attribution_move",
    "passive_flip", "sentence_split", "sentence_merge", "fact_drift", "acronym_error",
    "pronoun_slip", "possessive_flip", "tense_shift", "filler_insert", "boilerplate_drop",
    "quote_drop", "double_spin",
)  # fmt: skip


@dataclass(frozen=True)
class SpinResult:
    """A spun article and a record of what the spinner did to it.

    ``substitutions`` pairs each replaced word or phrase with its replacement,
    in output order; each replacement occurs in ``text`` (capitalisation may
    differ). ``facts_changed`` lists factual distortions (units, numbers,
    acronym expansions) as (original, distorted) strings. ``operations`` counts
    the operations applied, as ``"name:count"``, for documenting a benchmark.
    """

    text: str
    substitutions: tuple[tuple[str, str], ...] = ()
    facts_changed: tuple[tuple[str, str], ...] = ()
    operations: tuple[str, ...] = ()


@dataclass
class _Run:
    """State of one ``spin`` call: the random stream, the lexicon and the records."""

    rng: random.Random
    wordnet: WordNet
    rate: float
    quote_leak: float
    names: set[str]
    substitutions: list[tuple[str, str]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_OPERATIONS, 0))
    zipf: dict[str, float] = field(default_factory=dict)

    def is_name(self, word: str) -> bool:
        """Whether a capitalised ``word`` is a proper name rather than a capitalised common word."""
        lower = word.lower()
        if lower in _STOPWORDS:
            return False
        if lower in self.names or (len(word) > 1 and word.isupper()):
            return True
        return word[:1].isupper() and not self.wordnet.is_common(word.lower())

    def frequency(self, phrase: str) -> float:
        if phrase not in self.zipf:
            self.zipf[phrase] = zipf_frequency(phrase, "en")
        return self.zipf[phrase]


class Spinner:
    """A machine spinner for news articles, in the manner of content-farm tools.

    ``rate`` is the chance that each eligible content word or stock phrase is
    rewritten; it also scales the rarer errors (wrong acronym expansions,
    pronoun slips, fillers, dropped captions/bylines and dropped quotation
    paragraphs). ``reorder`` is the chance that a sentence is restructured
    (clause moved, attribution moved, voice flipped, sentence split) and, at a
    quarter of it, that two neighbours are merged. ``fact_drift`` is the
    per-article chance of one or two changed facts (a unit swapped keeping its
    number, or a number nudged). ``quote_leak`` times ``rate`` is the chance a
    quotation is spun like running text. ``double_spin`` repeats the first 1-3
    body paragraphs spun two ways. ``random_state`` seeds a fresh stream at
    each ``spin`` call, so the same text and seed give the same output; None
    draws a new seed each time. ``wordnet`` defaults to a reader of
    ``/usr/share/wordnet`` made on the first ``spin`` (kept as ``wordnet_``).

    Heaviness (``benchmarks/spinner_calibration.py``): word 5-gram Jaccard to
    the original is about 0.22 at rate 0.5, 0.13 at 0.7, 0.07 at 1.0 on the
    dev news scrapes (quotation-heavy; 0.02-0.04 at 0.9-1.0 with
    ``quote_leak=1``), and 0.03 at 0.9 on seed 003, whose real spin is 0.011.
    With ``rate=0, reorder=0, fact_drift=0`` the text comes back unchanged up
    to whitespace. Cost: 15-35 ms per article once WordNet is loaded (~0.3 s).
    """

    def __init__(
        self,
        rate: float = 0.3,
        *,
        double_spin: bool = False,
        reorder: float = 0.3,
        fact_drift: float = 0.5,
        quote_leak: float = QUOTE_LEAK,
        wordnet: WordNet | None = None,
        random_state: int | None = RANDOM_STATE,
    ) -> None:
        self.rate = rate
        self.double_spin = double_spin
        self.reorder = reorder
        self.fact_drift = fact_drift
        self.quote_leak = quote_leak
        self.wordnet = wordnet
        self.random_state = random_state

    def __repr__(self) -> str:
        return (
            f"Spinner(rate={self.rate!r}, double_spin={self.double_spin!r}, "
            f"reorder={self.reorder!r}, fact_drift={self.fact_drift!r}, "
            f"quote_leak={self.quote_leak!r}, "
            f"random_state={self.random_state!r})"
        )

    def _check_params(self) -> None:
        for name in ("rate", "reorder", "fact_drift", "quote_leak"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
                raise ValueError(f"Spinner {name}={value!r}: expected a probability in [0, 1]")

    def spin(self, text: str) -> SpinResult:
        """Spin ``text``; paragraphs are separated by blank lines in and ``\\n\\n`` out."""
        self._check_params()
        if not isinstance(text, str):
            raise TypeError(f"Spinner.spin expects a str, got {type(text).__name__}")
        if self.wordnet is not None:
            wordnet = self.wordnet
        else:
            # Kept as a fitted-style attribute so the parameter stays as given.
            if getattr(self, "wordnet_", None) is None:
                self.wordnet_ = WordNet()
            wordnet = self.wordnet_
        paragraphs = _split_paragraphs(text)
        if not paragraphs:
            return SpinResult(text="")
        run = _Run(
            rng=random.Random(self.random_state),
            wordnet=wordnet,
            rate=self.rate,
            quote_leak=self.quote_leak,
            names=set(_find_names(paragraphs)),
        )
        if run.rng.random() < self.fact_drift:
            paragraphs = _drift_facts(paragraphs, run)
        if self.rate and run.rng.random() < self.rate * ACRONYM_ERROR:
            paragraphs = _misexpand_acronym(paragraphs, run)
        if self.rate:
            paragraphs = _drop_paragraphs(paragraphs, run)
        order = list(range(len(paragraphs)))
        if self.double_spin:
            body = [i for i, p in enumerate(paragraphs) if len(p.split()) >= MIN_PARAGRAPH_WORDS]
            if body:
                first = body[0]
                block = [i for i in body[: run.rng.randint(1, 3)] if i - first < 4]
                end = block[-1] + 1
                order = order[:end] + list(range(first, end)) + order[end:]
                run.counts["double_spin"] = len(block)
        spun = [self._spin_paragraph(paragraphs[i], run) for i in order]
        operations = tuple(f"{k}:{v}" for k, v in run.counts.items() if v)
        return SpinResult(
            text="\n\n".join(p for p in spun if p),
            substitutions=tuple(run.substitutions),
            facts_changed=tuple(run.facts),
            operations=operations,
        )

    def _spin_paragraph(self, paragraph: str, run: _Run) -> str:
        sentences, separators = _split_sentences(paragraph)
        if self.reorder:
            sentences, separators = _restructure(sentences, separators, run, self.reorder)
        text = "".join(s + sep for s, sep in zip(sentences, separators, strict=True)).strip()
        tokens = _TOKEN.findall(text)
        if self.rate:
            _swap_words(tokens, run)
        return "".join(tokens).strip() or text


# -- segmentation ------------------------------------------------------------


def _split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, stripped, empty ones dropped."""
    return [p.strip() for p in re.split(r"\n[ \t\r\f\v]*\n", text) if p.strip()]


def _split_sentences(paragraph: str) -> tuple[list[str], list[str]]:
    """Sentences of a paragraph and the whitespace after each, so that joining restores it.

    A boundary is end punctuation followed by space, unless it ends an
    abbreviation ("U.S.", "Mr."), or a line break.
    """
    sentences: list[str] = []
    separators: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.start() if match.group() == "\n" else match.end()
        if match.group() != "\n" and _ABBREVIATION.search(paragraph[start:end].rstrip('"”’)]')):
            continue
        if end < start:
            continue
        gap = re.match(r"\s*", paragraph[end:])
        stop = end + (gap.end() if gap else 0)
        if paragraph[start:end].strip():
            sentences.append(paragraph[start:end].strip())
            separators.append(paragraph[end:stop] if "\n" in paragraph[end:stop] else " ")
        start = stop
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
        separators.append("")
    if separators:
        separators[-1] = ""
    return sentences, separators


def _find_names(paragraphs: Sequence[str]) -> frozenset[str]:
    """Lower-cased words written with a capital inside a sentence somewhere in the article."""
    names: set[str] = set()
    for paragraph in paragraphs:
        for sentence in _split_sentences(paragraph)[0]:
            words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", sentence)
            lowercase = sum(w[0].islower() for w in words)
            if lowercase * 3 < len(words):  # A headline in title case names nothing.
                continue
            for word in words[1:]:
                if word[0].isupper():
                    names.add(re.sub(r"['’]s\Z", "", word).lower())
    return frozenset(names)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decapitalise(text: str, run: _Run) -> str:
    """Lower-case the first letter unless the first word is a name or "I"."""
    first = re.match(r"[^\W\d_]+", text)
    if not first or first.group() == "I" or run.is_name(first.group()):
        return text
    return text[:1].lower() + text[1:]


# -- sentence structure ------------------------------------------------------


def _restructure(
    sentences: list[str], separators: list[str], run: _Run, reorder: float
) -> tuple[list[str], list[str]]:
    """Reorder clauses, flip voice and split sentences, then merge some neighbours."""
    out_s: list[str] = []
    out_sep: list[str] = []
    for sentence, sep in zip(sentences, separators, strict=True):
        if run.rng.random() < reorder and _restructurable(sentence):
            options = [
                (name, result)
                for name, op in _SENTENCE_OPS
                if (result := op(sentence, run)) is not None and result != sentence
            ]
            if options:
                name, result = run.rng.choice(options)
                run.counts[name] += 1
                parts = result.split("\n")
                out_s.extend(parts)
                out_sep.extend([" "] * (len(parts) - 1) + [sep])
                continue
        out_s.append(sentence)
        out_sep.append(sep)
    merged_s: list[str] = []
    merged_sep: list[str] = []
    for sentence, sep in zip(out_s, out_sep, strict=True):
        previous = merged_s[-1] if merged_s else ""
        if (
            merged_s
            and merged_sep[-1] == " "
            and run.rng.random() < reorder / 4
            and _restructurable(previous)
            and _restructurable(sentence)
            and len(previous.split()) + len(sentence.split()) <= 32
            and previous.endswith(".")
        ):
            glue = run.rng.choice((", and ", "; ", ", while "))
            merged_s[-1] = previous[:-1] + glue + _decapitalise(sentence, run)
            merged_sep[-1] = sep
            run.counts["sentence_merge"] += 1
            continue
        merged_s.append(sentence)
        merged_sep.append(sep)
    return merged_s, merged_sep


def _restructurable(sentence: str) -> bool:
    """Plain sentences only: no quotation, ends with a full stop, at least six words."""
    return (
        not any(q in sentence for q in _QUOTES)
        and sentence.endswith(".")
        and len(sentence.split()) >= 6
        and "\n" not in sentence
    )


def _move_lead_clause(sentence: str, run: _Run) -> str | None:
    """'In recent weeks, Ukraine has ...' -> 'Ukraine has ... in recent weeks.'."""
    body = sentence[:-1]
    if ", " not in body:
        return None
    lead, rest = body.split(", ", 1)
    words = lead.split()
    if not 2 <= len(words) <= 12 or words[0].lower() not in _INTRO_WORDS:
        return None
    if len(rest.split()) < 4:
        return None
    return f"{_capitalise(rest)} {_decapitalise(lead, run)}."


def _move_tail_clause(sentence: str, run: _Run) -> str | None:
    """'Ukraine has ..., taking back ...' -> 'Taking back ..., Ukraine has ...'."""
    body = sentence[:-1]
    if ", " not in body:
        return None
    main, tail = body.rsplit(", ", 1)
    words = tail.split()
    if not 2 <= len(words) <= 12 or len(main.split()) < 4:
        return None
    first = words[0].lower()
    if first not in _INTRO_WORDS and not (first.endswith("ing") and len(first) > 5):
        return None
    return f"{_capitalise(tail)}, {_decapitalise(main, run)}."


def _move_attribution(sentence: str, run: _Run) -> str | None:
    """'X said (that) Y.' <-> 'Y, X said.'."""
    body = sentence[:-1]
    verbs = "|".join(_SAY_VERBS)
    fronted = re.match(
        rf"(?P<subj>(?:\S+ ){{0,3}}\S+) (?P<verb>{verbs}) (?:that )?(?P<rest>.{{20,}})\Z", body
    )
    if fronted and fronted.group("subj")[0].isupper() and "," not in fronted.group("subj"):
        subject = _decapitalise(fronted.group("subj"), run)
        return f"{_capitalise(fronted.group('rest'))}, {subject} {fronted.group('verb')}."
    trailing = re.match(rf"(?P<rest>.{{20,}}), (?P<subj>(?:\S+ ){{0,3}}\S+) (?P<verb>{verbs})\Z",
                        body)  # fmt: skip
    if trailing:
        subject = _capitalise(trailing.group("subj"))
        return f"{subject} {trailing.group('verb')} that {_decapitalise(trailing.group('rest'), run)}."
    return None


def _past_participle(word: str, run: _Run) -> str | None:
    """Past participle for a past-tense ``word``, or None if it does not look like one."""
    lower = word.lower()
    if not lower.isalpha():
        return None
    bases = run.wordnet.base_forms(lower, "v")
    if not bases or bases[0] == lower:
        return None
    irregular = run.wordnet.irregular_forms(bases[0], "v")
    if lower in irregular:
        others = [f for f in irregular if f != lower and not f.endswith(("ing", "s"))]
        return others[0] if others and not lower.endswith("n") else lower
    return lower if lower.endswith("ed") else None


def _flip_voice(sentence: str, run: _Run) -> str | None:
    """'The Duma passed a law ...' <-> 'A law ... was passed by the Duma.' (crude)."""
    body = sentence[:-1]
    passive = re.match(r"(?P<obj>.{8,}?) (?:was|were) (?P<part>[a-z]+ed) by (?P<agent>[^,]+)"
                       r"(?P<rest>,.*)?\Z", body)  # fmt: skip
    if passive and "," not in passive.group("obj") and len(passive.group("agent").split()) <= 6:
        return (
            f"{_capitalise(passive.group('agent'))} {passive.group('part')} "
            f"{_decapitalise(passive.group('obj'), run)}{passive.group('rest') or ''}."
        )
    words = body.split(" ")
    for j in range(1, min(5, len(words) - 2)):
        subject, verb = words[:j], words[j]
        if any(not re.fullmatch(r"[\w'’.-]+", w) for w in subject):
            return None
        if subject[-1].lower() in _BE | _HAVE | _VERB_CUES or subject[-1].lower() in _STOPWORDS:
            continue
        participle = _past_participle(verb, run)
        if participle is None:
            continue
        obj = " ".join(words[j + 1 :])
        rest = ""
        if ", " in obj:
            obj, rest = obj.split(", ", 1)
            rest = ", " + rest
        head = re.split(r" (?:of|in|on|at|for|with|to|from|by|that|which|who|over|into) ", obj)[0]
        if words[j + 1].lower() not in _DETERMINERS or len(obj.split()) > 14:
            return None
        if any(w.lower() in _BE | _HAVE | _VERB_CUES for w in obj.split()):
            return None  # A clause, not a noun phrase: "hoped their army would ...".
        be = "were" if re.search(r"[^s]s\Z", head.split()[-1]) else "was"
        agent = _decapitalise(" ".join(subject), run)
        return f"{_capitalise(obj)} {be} {participle} by {agent}{rest}."
    return None


def _split_sentence(sentence: str, run: _Run) -> str | None:
    """'A, and B.' -> 'A.\\nB.' ('but' becomes 'However,'); newline marks the split."""
    match = re.match(r"(?P<a>.+?), (?P<conj>and|but|while) (?P<b>.+)\Z", sentence)
    if not match or len(match.group("a").split()) < 5 or len(match.group("b").split()) < 5:
        return None
    second = match.group("b")
    if match.group("conj") == "but":
        second = "However, " + second
    elif match.group("conj") == "while":
        second = "Meanwhile, " + second
    else:
        second = _capitalise(second)
    return f"{match.group('a')}.\n{second}"


_SENTENCE_OPS: tuple[tuple[str, Callable[[str, _Run], str | None]], ...] = (
    ("clause_reorder", _move_lead_clause),
    ("clause_reorder", _move_tail_clause),
    ("attribution_move", _move_attribution),
    ("passive_flip", _flip_voice),
    ("sentence_split", _split_sentence),
)


# -- facts -------------------------------------------------------------------


def _quoted_share(paragraph: str) -> float:
    """Fraction of the paragraph's characters inside double quotation marks."""
    quoted = sum(len(m) for m in re.findall(r"\"[^\"]*\"|“[^”]*”", paragraph))
    return quoted / max(1, len(paragraph))


def _drop_paragraphs(paragraphs: list[str], run: _Run) -> list[str]:
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


def _drift_facts(paragraphs: list[str], run: _Run) -> list[str]:
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


def _garble_name(name: str, run: _Run) -> str | None:
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
            words[i] = _capitalise(options[0] if run.rng.random() < 0.6 else run.rng.choice(options))
            changed += 1
            if changed == 2 or run.rng.random() < 0.5:
                break
    return " ".join(words) if changed else None


def _misexpand_acronym(paragraphs: list[str], run: _Run) -> list[str]:
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


# -- words -------------------------------------------------------------------


def _swap_words(tokens: list[str], run: _Run) -> None:
    """Replace phrases and content words in place, outside names, numbers and quotes."""
    words = [i for i, t in enumerate(tokens) if _WORD.match(t)]
    context = list(tokens)  # Neighbours as written, not as already replaced.
    protected = _protected_tokens(tokens, run)
    at_start = _sentence_starts(tokens)
    _mark_headlines(tokens, at_start)
    k = 0
    while k < len(words):
        i = words[k]
        if protected[i] or run.rng.random() >= run.rate:
            k += 1
            continue
        lower = tokens[i].lower()
        if lower in _PRONOUN_SLIPS:
            if run.rng.random() < PRONOUN_ERROR:
                _replace(tokens, i, i, _PRONOUN_SLIPS[lower], run, "pronoun_slip")
            k += 1
            continue
        used = (
            _flip_possessive(tokens, context, words, k, at_start[i], protected, run)
            or _flip_of_phrase(tokens, context, words, k, at_start[i], protected, run)
            or _shift_tense(tokens, context, words, k, protected, run)
            or _swap_phrase(tokens, words, k, protected, run)
            or _swap_collocation(tokens, words, k, protected, run)
            or _swap_word(tokens, context, words, k, at_start[i], run)
        )
        k += max(used, 1)
    _insert_fillers(tokens, context, words, protected, run)


def _mark_headlines(tokens: list[str], at_start: list[bool]) -> None:
    """Treat every word of a title-case sentence as sentence-initial: capitals say nothing there."""
    starts = [i for i, s in enumerate(at_start) if s] + [len(tokens)]
    for a, b in itertools.pairwise(starts):
        span = [i for i in range(a, b) if _WORD.match(tokens[i])]
        lower = sum(tokens[i][0].islower() for i in span)
        if len(span) >= 3 and lower * 3 < len(span):
            for i in span:
                at_start[i] = True


def _insert_fillers(
    tokens: list[str], context: list[str], words: list[int], protected: list[bool], run: _Run
) -> None:
    """Insert a filler adverb after an auxiliary: 'has prevented' -> 'has actually prevented'."""
    auxiliaries = _BE | _HAVE | {"will", "would", "can", "could", "should", "must", "may"}
    for a, b in itertools.pairwise(words):
        if (
            b == a + 2
            and tokens[a + 1] == " "
            and context[a].lower() in auxiliaries
            and context[b].lower() not in _STOPWORDS
            and context[b] == tokens[b]
            and not protected[b]
            and run.rng.random() < FILLER_RATE * run.rate
        ):
            tokens[a + 1] = f" {run.rng.choice(_FILLERS)} "
            run.counts["filler_insert"] += 1


def _protected_tokens(tokens: list[str], run: _Run) -> list[bool]:
    """Tokens never swapped: quotations (mostly), hyphenated parts, units after numbers."""
    protected = [False] * len(tokens)
    quoted = leak = False
    for i, token in enumerate(tokens):
        if token in _QUOTES:
            opening = token == "“" or (token == '"' and not quoted)
            quoted = opening
            leak = opening and run.rng.random() < run.quote_leak * run.rate
            protected[i] = True
            continue
        if quoted and not leak:
            protected[i] = True
        if token in "-–/":
            protected[i] = True
            for j in (i - 1, i + 1):
                if 0 <= j < len(tokens) and not tokens[j].isspace():
                    protected[j] = True
        if token[:1].isdigit():
            j = i + 1
            while j < len(tokens) and tokens[j].isspace():
                j += 1
            if j < len(tokens) and (tokens[j] in UNIT_SWAPS or tokens[j] == "square"):
                protected[j] = True
    return protected


def _sentence_starts(tokens: list[str]) -> list[bool]:
    """Whether each token is the first word of a sentence (capital there says nothing)."""
    starts = [False] * len(tokens)
    start = True
    for i, token in enumerate(tokens):
        if token.isspace():
            if "\n" in token:
                start = True
            continue
        if token in ".!?:;" or token == "\n":
            start = token not in ";"
            continue
        if token in _QUOTES or token in "([‘'—–-":
            continue
        starts[i] = start
        start = False
    return starts


def _word_span(tokens: list[str], words: list[int], k: int, n: int) -> int | None:
    """Index of the last token of words k..k+n-1 if they are separated by single spaces."""
    if k + n > len(words):
        return None
    for a, b in zip(words[k : k + n - 1], words[k + 1 : k + n], strict=True):
        if b != a + 2 or tokens[a + 1] != " ":
            return None
    return words[k + n - 1]


def _match_case(original: str, replacement: str) -> str:
    return _capitalise(replacement) if original[:1].isupper() else replacement


def _replace(
    tokens: list[str],
    first: int,
    last: int,
    new: str,
    run: _Run,
    operation: str,
    *,
    match_case: bool = True,
) -> None:
    """Put ``new`` in place of tokens first..last and record the substitution."""
    old = "".join(tokens[first : last + 1])
    if match_case:
        new = _match_case(old, new)
    tokens[first] = new
    for j in range(first + 1, last + 1):
        tokens[j] = ""
    if first >= 2 and tokens[first - 1] == " " and tokens[first - 2].lower() in ("a", "an"):
        article = "an" if new[:1].lower() in "aeiou" else "a"
        tokens[first - 2] = _match_case(tokens[first - 2], article)
    run.substitutions.append((old, new))
    run.counts[operation] += 1


def _flip_possessive(
    tokens: list[str],
    context: list[str],
    words: list[int],
    k: int,
    sentence_start: bool,
    protected: list[bool],
    run: _Run,
) -> int:
    """Turn a name's possessive around: "Putin's action," -> "the action of Putin,"."""
    last = _word_span(tokens, words, k, 2)
    if last is None or any(protected[words[k] : last + 1]) or run.rng.random() >= 0.3:
        return 0
    owner, thing = context[words[k]], context[last]
    match = re.fullmatch(r"(.+)['’]s", owner)
    if not match or not owner[0].isupper() or not run.is_name(match.group(1)):
        return 0
    if not thing.isalpha() or not thing.islower() or thing in _STOPWORDS:
        return 0
    before = context[words[k - 1]].lower() if k > 0 else ""
    after = context[last + 1] if last + 1 < len(context) else ""
    after_word = context[words[k + 2]].lower() if k + 2 < len(words) else ""
    if before in _DETERMINERS or not (after in ",.;:" or (after == " " and after_word in _STOPWORDS)):
        return 0  # "the Kremlin's", "Putin's invasion plan": not a simple noun phrase.
    new = f"the {thing} of {match.group(1)}"
    _replace(tokens, words[k], last, _capitalise(new) if sentence_start else new, run,
             "possessive_flip", match_case=False)  # fmt: skip
    return 2


def _flip_of_phrase(
    tokens: list[str],
    context: list[str],
    words: list[int],
    k: int,
    sentence_start: bool,
    protected: list[bool],
    run: _Run,
) -> int:
    """Turn 'the future of Russia' into "Russia's future" (names only)."""
    last = _word_span(tokens, words, k, 3)
    if last is None or context[words[k]].lower() != "the" or run.rng.random() >= 0.5:
        return 0
    thing, of = context[words[k + 1]], context[words[k + 2]]
    if of != "of" or not thing.isalpha() or not thing.islower() or thing in _STOPWORDS:
        return 0
    n = 3
    article = ""
    if k + n < len(words) and context[words[k + n]] == "the":
        article, n = "the ", n + 1
    first = n
    while (
        k + n < len(words)
        and n - first < 5
        and _word_span(tokens, words, k, n + 1) is not None
        and context[words[k + n]][:1].isupper()
        and run.is_name(context[words[k + n]])
    ):
        n += 1
    if n == first:
        return 0
    last = words[k + n - 1]
    after = context[last + 1] if last + 1 < len(context) else ""
    following = context[words[k + n]].lower() if k + n < len(words) else ""
    if after == " " and following not in _STOPWORDS:
        return 0  # "of the Eastern European country": the name is a modifier.
    if after not in " ,.;:!?)" or any(protected[words[k] : last + 1]) or "'" in context[last]:
        return 0
    owner = " ".join(context[j] for j in words[k + first : k + n])
    new = f"{article}{owner}{'’' if owner.endswith('s') else '’s'} {thing}"
    if sentence_start:
        new = _capitalise(new)
    _replace(tokens, words[k], last, new, run, "possessive_flip", match_case=False)
    return n


def _shift_tense(
    tokens: list[str], context: list[str], words: list[int], k: int, protected: list[bool],
    run: _Run,
) -> int:  # fmt: skip
    """Turn a present perfect into a simple past: 'has prevented' -> 'prevented'."""
    last = _word_span(tokens, words, k, 2)
    if last is None or protected[last] or context[words[k]].lower() not in ("has", "have"):
        return 0
    verb = context[last]
    if not re.fullmatch(r"[a-z]+ed", verb) or run.rng.random() >= 0.5:
        return 0
    bases = run.wordnet.base_forms(verb, "v")
    if not bases or run.wordnet.irregular_forms(bases[0], "v"):
        return 0
    _replace(tokens, words[k], last, verb, run, "tense_shift")
    return 2


def _swap_phrase(tokens: list[str], words: list[int], k: int, protected: list[bool], run: _Run) -> int:
    """Paraphrase a stock phrase starting at word k; return the number of words used."""
    for n in range(_MAX_PHRASE_WORDS, 0, -1):
        last = _word_span(tokens, words, k, n)
        if last is None or any(protected[words[k] : last + 1]):
            continue
        key = " ".join(tokens[j].lower() for j in words[k : k + n]).replace("’", "'")
        options = PHRASE_PARAPHRASES.get(key)
        if options:
            original = "".join(tokens[words[k] : last + 1])
            if original[0].isupper() and n == 1 and key in ("but", "while", "if", "about"):
                return 0  # Sentence-initial conjunctions read badly when paraphrased.
            _replace(tokens, words[k], last, run.rng.choice(options), run, "phrase_swap")
            return n
    return 0


def _swap_collocation(tokens: list[str], words: list[int], k: int, protected: list[bool], run: _Run) -> int:
    """Swap a two- or three-word WordNet collocation ('taking back' -> 'recapturing')."""
    wn = run.wordnet
    for n in (3, 2):
        last = _word_span(tokens, words, k, n)
        if last is None or any(protected[words[k] : last + 1]):
            continue
        parts = [tokens[j] for j in words[k : k + n]]
        if any(p[:1].isupper() for p in parts[1:]) or parts[0].lower() in _STOPWORDS:
            continue
        if parts[0][:1].isupper() and run.is_name(parts[0]):
            continue
        lowered = [p.lower() for p in parts]
        for base in wn.base_forms(lowered[0], "v"):
            lemma = " ".join([base, *lowered[1:]])
            if wn.has_lemma(lemma, "v"):
                form = _verb_form(lowered[0], base, wn)
                new = _pick_synonym(lemma, "v", run)
                if new and form is not None:
                    _replace(tokens, words[k], last, _inflect(new, "v", form, wn), run,
                             "collocation_swap")  # fmt: skip
                    return n
        for base in wn.base_forms(lowered[-1], "n"):
            lemma = " ".join([*lowered[:-1], base])
            if wn.has_lemma(lemma, "n"):
                new = _pick_synonym(lemma, "n", run)
                if new:
                    form = "s" if base != lowered[-1] else ""
                    _replace(tokens, words[k], last, _inflect(new, "n", form, wn), run,
                             "collocation_swap")  # fmt: skip
                    return n
    return 0


def _swap_word(
    tokens: list[str], context: list[str], words: list[int], k: int, sentence_start: bool, run: _Run
) -> int:
    """Swap one content word for a WordNet synonym of its guessed part of speech."""
    i = words[k]
    token = tokens[i]
    core, suffix = re.match(r"(.*?)((?:['’]s)?)\Z", token).groups()  # type: ignore[union-attr]
    lower = core.lower()
    if len(core) < 3 or lower in _STOPWORDS or not core.isalpha():
        return 0
    if core[0].isupper() and (not sentence_start or run.is_name(core)):
        return 0
    back = k - 1
    while back >= 0 and (
        context[words[back]].lower() in _SKIPPED_ADVERBS or context[words[back]].endswith("ly")
    ):
        back -= 1
    previous = context[words[back]].lower() if back >= 0 else ""
    if back >= 0 and context[words[back]][:1].isupper() and run.is_name(context[words[back]]):
        # After "Russian" a noun ("forces"); after "Trump" or "Moscow" a verb ("said").
        previous = "the" if previous.endswith(("an", "ese", "ish", "ic")) else "he"
    following = context[words[k + 1]].lower() if k + 1 < len(words) else ""
    guess = _guess_pos(lower, previous, following, run.wordnet)
    if guess is None or (suffix and guess[0] != "n"):
        return 0
    pos, base, form = guess
    new = _pick_synonym(base, pos, run)
    if new is None:
        return 0
    new = _inflect(new, pos, form, run.wordnet)
    if new.lower() == lower:
        return 0
    _replace(tokens, i, i, new + suffix, run, "synonym_swap")
    return 1


def _verb_form(surface: str, base: str, wn: WordNet) -> str | None:
    """Inflection of a verb: '' (base), 's', 'ed' or 'ing'; None if unclear."""
    if surface == base:
        return "ed" if base in _SAME_PAST else ""
    if surface in wn.irregular_forms(base, "v"):
        return "ing" if surface.endswith("ing") else ("s" if surface.endswith("s") else "ed")
    for form in ("ing", "ed", "s"):
        if surface.endswith(form):
            return form
    return None


def _guess_pos(word: str, previous: str, following: str, wn: WordNet) -> tuple[str, str, str] | None:
    """Guess (part of speech, base form, inflection) of ``word`` from its neighbours.

    No tagger: the preferred order comes from a few cues (a determiner before
    it: noun or adjective; "to", a modal or a pronoun: verb; "-ly": adverb),
    else from how often WordNet's tagged corpus saw the word in each part of
    speech. Inflected adjectives and adverbs (comparatives) are not swapped.
    """
    found: dict[str, str] = {}
    for pos in ("n", "v", "a", "r"):
        bases = wn.base_forms(word, pos)
        if bases:
            # "losses" is an entry and a plural of "loss": take the inflected reading.
            found[pos] = next((b for b in bases if b != word), bases[0]) if pos in "nv" else bases[0]
    if not found:
        return None
    if previous in _DETERMINERS or previous.endswith(("'s", "’s")):
        noun_next = following not in _STOPWORDS and bool(wn.base_forms(following, "n"))
        order = "an" if noun_next and "a" in found else "na"
    elif previous in _VERB_CUES or previous in _HAVE:
        order = "vn"
    elif previous in _BE:
        order = "va" if word.endswith(("ed", "ing", "en")) else "anv"
    elif word.endswith("ly"):
        order = "ra"
    elif previous and wn.base_forms(previous, "a") and not wn.base_forms(previous, "v"):
        order = "na"  # After an adjective: "economic issues" are not a verb.
    else:
        order = "".join(sorted(found, key=lambda p: -wn.tagged_count(found[p], p)))
    pos = next((p for p in order if p in found), None)
    if pos is None:
        pos = max(found, key=lambda p: wn.tagged_count(found[p], p))
    base = found[pos]
    if pos == "n":
        return pos, base, ("s" if base != word else "")
    if pos == "v":
        form = _verb_form(word, base, wn)
        if form == "ed" and previous in _BE | _HAVE:
            form = "pp"
        return None if form is None else (pos, base, form)
    return (pos, base, "") if base == word else None


def _pick_synonym(lemma: str, pos: str, run: _Run) -> str | None:
    """Choose a synonym of ``lemma``, preferring first senses and common words; None if none fit.

    Senses attested in WordNet's tagged corpus weigh most, in their order;
    rarer senses are still drawn now and then, as real spinners pick wrong
    senses ("leaders" -> "pioneers").
    """
    attested = max(1, run.wordnet.tagged_count(lemma, pos))
    options: list[str] = []
    weights: list[float] = []
    for rank, group in enumerate(run.wordnet.synonyms_by_sense(lemma, pos, max_senses=MAX_SENSES)):
        sense_weight = (1.0 if rank < attested else 0.15) / (rank + 1)
        for order, candidate in enumerate(group):
            low = candidate.lower()
            if candidate != low or len(low.split()) > 3 or not re.fullmatch(r"[a-z][a-z' -]*", low):
                continue
            if low.startswith(lemma[:5]) or lemma.startswith(low[:5]) or lemma in low.split():
                continue  # Spelling variants and derivations do not count as spinning.
            if run.frequency(low) < MIN_SYNONYM_ZIPF:
                continue
            options.append(low)
            weights.append(sense_weight / (1 + 0.5 * order))
    if not options and pos in ("n", "v") and run.wordnet.tagged_count(lemma, pos):
        # No synonym: a spinner would still swap, e.g. "petition" -> "request".
        options = [
            h
            for h in run.wordnet.hypernyms(lemma, pos, max_senses=1)
            if h == h.lower()
            and len(h.split()) <= 2
            and h not in _STOPWORDS
            and h not in ("be", "have", "do", "act", "entity", "thing", "object")
            and run.frequency(h) >= MIN_SYNONYM_ZIPF
        ][:3]
        weights = [1.0] * len(options)
    if not options:
        return None
    return run.rng.choices(options, weights=weights)[0]


def _inflect(phrase: str, pos: str, form: str, wn: WordNet) -> str:
    """Inflect a replacement like the word it replaces: verbs on the first word, nouns the last."""
    if not form or pos not in "nv":
        return phrase
    words = phrase.split(" ")
    at = 0 if pos == "v" else len(words) - 1
    words[at] = _inflect_word(words[at], pos, form, wn)
    return " ".join(words)


def _inflect_word(word: str, pos: str, form: str, wn: WordNet) -> str:
    irregular = wn.irregular_forms(word, pos)
    if pos == "n" or form == "s":
        plural = [f for f in irregular if not f.endswith("ing")] if pos == "n" else []
        if plural:
            return plural[0]
        if pos == "n" and word.endswith("man") and not word.endswith("human"):
            return word[:-3] + "men"
        if re.search(r"(?:s|x|z|ch|sh)\Z", word) or (pos == "v" and word.endswith("o")):
            return word + "es"
        if re.search(r"[^aeiou]y\Z", word):
            return word[:-1] + "ies"
        return word + "s"
    if form == "ing":
        doubled = [f for f in irregular if f.endswith("ing")]
        if doubled:
            return doubled[0]
        if word.endswith("ie"):
            return word[:-2] + "ying"
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
            return word[:-1] + "ing"
        return word + "ing"
    if word in _SAME_PAST:
        return word
    past = [f for f in irregular if not f.endswith(("ing", "s"))]
    if past:
        # Past tense over participle ("took" over "taken") unless after "be"/"have".
        participles = [f for f in past if f.endswith(("n", "ne"))]  # taken, done, gone
        if form == "pp":
            return (participles or past)[0]
        return next((f for f in past if f not in participles), past[0])
    if word.endswith("e"):
        return word + "d"
    if re.search(r"[^aeiou]y\Z", word):
        return word[:-1] + "ied"
    return word + "ed"


# -- light edits -------------------------------------------------------------

#: Word changes an editor makes when republishing (house style, tense of "said").
_EDITOR_CHANGES: dict[str, str] = {
    "said": "says", "says": "said", "percent": "per cent", "per cent": "percent",
    "toward": "towards", "towards": "toward", "U.S.": "US", "US": "U.S.", "Mr.": "Mr",
    "criticised": "criticized", "criticized": "criticised", "organisation": "organization",
    "organization": "organisation", "apologised": "apologized", "apologized": "apologised",
    "defense": "defence", "defence": "defense", "while": "whilst", "amid": "amidst",
    "told": "said to", "also": "additionally",
}  # fmt: skip

_BOILERPLATE = (
    "By {agency} Staff",
    "({agency}) —",
    "Copyright 2018 {agency}. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Click here to sign up for our daily newsletter.",
    "This article originally appeared on {agency}.",
    "Related: More coverage from {agency}",
)
_AGENCIES = ("The Associated Press", "Reuters", "AFP", "CNN Wire", "Newsweek", "Bloomberg")


def light_edit(text: str, *, n_edits: int = 3, random_state: int | None = RANDOM_STATE) -> str:
    """Copy ``text`` with ``n_edits`` small edits, as syndication does.

    Edits are drawn from: a word changed by house style ("said" -> "says",
    "U.S." -> "US"), a typo (two letters transposed; read the pair the other
    way round and it is a fix), a
    sentence dropped from a long paragraph, the last paragraph dropped, and a
    byline, dateline or boilerplate line added. Paragraph breaks come out as
    ``\\n\\n``. Deterministic for an int ``random_state``.
    """
    if n_edits < 0:
        raise ValueError(f"light_edit n_edits={n_edits!r}: expected a count >= 0")
    rng = random.Random(random_state)
    paragraphs = _split_paragraphs(text)
    edits: list[Callable[[list[str], random.Random], bool]] = [
        _edit_word, _edit_word, _edit_word, _edit_typo, _edit_typo, _edit_typo,
        _add_boilerplate, _add_boilerplate, _drop_sentence, _drop_last_paragraph,
    ]  # fmt: skip
    for _ in range(n_edits):
        for _attempt in range(5):
            edit = rng.choice(edits)
            if edit(paragraphs, rng):
                if edit is _drop_last_paragraph:  # Once is syndication; more is an excerpt.
                    edits = [e for e in edits if e is not _drop_last_paragraph]
                break
    return "\n\n".join(paragraphs)


def _edit_word(paragraphs: list[str], rng: random.Random) -> bool:
    spots = [
        (i, m)
        for i, p in enumerate(paragraphs)
        for key in _EDITOR_CHANGES
        for m in re.finditer(rf"(?<![\w.]){re.escape(key)}(?![\w])", p)
    ]
    if not spots:
        return False
    i, m = rng.choice(spots)
    p = paragraphs[i]
    paragraphs[i] = p[: m.start()] + _EDITOR_CHANGES[m.group()] + p[m.end() :]
    return True


def _edit_typo(paragraphs: list[str], rng: random.Random) -> bool:
    spots = [(i, m) for i, p in enumerate(paragraphs) for m in re.finditer(r"\b[a-z]{6,}\b", p)]
    if not spots:
        return False
    i, m = rng.choice(spots)
    word = m.group()
    spots_in_word = [j for j in range(1, len(word) - 2) if word[j] != word[j + 1]]
    if not spots_in_word:
        return False
    j = rng.choice(spots_in_word)
    typo = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    p = paragraphs[i]
    paragraphs[i] = p[: m.start()] + typo + p[m.end() :]
    return True


def _drop_sentence(paragraphs: list[str], rng: random.Random) -> bool:
    long = [i for i, p in enumerate(paragraphs) if len(_split_sentences(p)[0]) >= 3]
    if not long:
        return False
    i = rng.choice(long)
    sentences, separators = _split_sentences(paragraphs[i])
    drop = rng.randrange(1, len(sentences))
    del sentences[drop], separators[drop]
    separators[-1] = ""
    paragraphs[i] = "".join(s + sep for s, sep in zip(sentences, separators, strict=True))
    return True


def _add_boilerplate(paragraphs: list[str], rng: random.Random) -> bool:
    line = rng.choice(_BOILERPLATE).format(agency=rng.choice(_AGENCIES))
    if line.endswith("—") and paragraphs:
        paragraphs[0] = f"{line} {paragraphs[0]}"
    elif line.startswith("By ") or not paragraphs:
        paragraphs.insert(0, line)
    else:
        paragraphs.append(line)
    return True


def _drop_last_paragraph(paragraphs: list[str], rng: random.Random) -> bool:
    if len(paragraphs) < 4:
        return False
    del paragraphs[-1]
    return True
