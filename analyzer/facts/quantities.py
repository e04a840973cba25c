"""Quantities in a parsed sentence: the number, what it counts or measures, and its unit.

Outlets covering one story restate its numbers ("35 municipal deputies" / "47
officials", "1,000 miles" / "1,000 kilometers"); :func:`find_quantities` lists
them per sentence so :mod:`analyzer.facts` can put them in its fact table.

Numbers come from number tokens, not only from spaCy's number entities (it
labels "(so far, it's 47)" a DATE). A number's counted noun is the noun it
modifies in the dependency parse, with that noun's adjective and compound
modifiers (nationalities dropped: "Thirty-five Russian municipal deputies"
counts "municipal deputies"). A noun in :data:`UNITS` makes it a measure
("1,000 miles" → unit "mile", dimension "length"). Approximation words
(:data:`QUALIFIERS`: "more than", "another", "nearly") stay in ``text``.
Calendar years and day numbers are not quantities; durations, ages,
percentages and money are.

Why a unit table instead of quantulum3 or pint (measured on the seeds):
quantulum3 finds the units but takes 1.5 s to import and 2.4 s for its first
parse, spells "kilometre", reads "45-year-old" as a duration and adds five
dependencies; pint parses common nouns as units ("hands", "points", "stones",
"shots", "are"), so it would need an allow-list anyway. With the parse already
giving the noun after the number, a table of the units news uses is smaller
and exact. The cost is that a unit missing from the table is read as a counted
noun ("5 furlongs" counts "furlongs").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyzer.text.sentences import WEEKDAYS_MONTHS
from analyzer.text.tokens import parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


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
_RELATIVE_DATE_WORDS = {"ago", "later", "earlier", "before", "after", "last", "next", "this", "since"}

#: Approximation words kept in a quantity's ``text`` (matched right before the number).
QUALIFIERS = (
    "more than", "less than", "fewer than", "greater than", "over", "under", "nearly", "almost",
    "about", "around", "approximately", "roughly", "some", "up to", "at least", "at most",
    "close to", "another", "a further", "an additional", "only", "just", "in excess of",
    "as many as", "as few as", "upwards of", "an estimated", "estimated", "a total of", "a record",
    "no fewer than", "no more than", "exceed", "exceeds", "exceeded", "exceeding", "surpass",
    "surpasses", "surpassed",
)

#: What a qualifier says of the true value, relative to the number written: a lower bound, an
#: upper bound, or an approximation (factors of the number). Others ("another", "a total of")
#: state the number itself.
_LOWER_BOUNDS = frozenset({"more than", "over", "greater than", "in excess of", "upwards of", "at least",
                           "no fewer than", "exceed", "exceeds", "exceeded", "exceeding", "surpass",
                           "surpasses", "surpassed"})
_UPPER_BOUNDS = frozenset({"less than", "fewer than", "under", "up to", "at most", "no more than",
                           "as many as"})
_APPROXIMATIONS: dict[str, tuple[float, float]] = {
    **dict.fromkeys(("nearly", "almost", "close to"), (0.85, 1.0)),
    **dict.fromkeys(("about", "around", "approximately", "roughly", "some", "an estimated",
                     "estimated"), (0.9, 1.1)),
}
_QUALIFIER_RE = re.compile(
    r"\b(" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)

#: spaCy labels of dates and times. A number inside one is a quantity only when it is an
#: age, a duration or a mislabelled count; :func:`find_quantities` reports those it takes.
DATE_LABELS = frozenset({"DATE", "TIME"})
_NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


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


def value_interval(text: str, value: float) -> tuple[float, float]:
    """The values a quantity's wording allows: "more than 3 million" is [3e6, inf), "nearly 50" [42.5, 50].

    A number without a bounding or approximating qualifier allows itself only.
    """
    lowered = " ".join(text.lower().split())
    qualifier = next((q for q in sorted(QUALIFIERS, key=len, reverse=True)
                      if lowered.startswith(q + " ")), None)
    if qualifier in _LOWER_BOUNDS:
        return value, float("inf")
    if qualifier in _UPPER_BOUNDS:
        return float("-inf"), value
    if qualifier in _APPROXIMATIONS:
        low, high = _APPROXIMATIONS[qualifier]
        return min(low * value, high * value), max(low * value, high * value)
    return value, value


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
        if ent is not None and label not in _NUMBER_LABELS | DATE_LABELS:
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
        if ent is not None and label in DATE_LABELS:
            if not _date_number_is_quantity(ent, quantity):
                continue
            consumed.add(ent.start)
        if quantity.dimension is None and quantity.counts is None and _year_like(tokens, value):
            continue
        found.append(_resolve_bare(quantity, found, doc, start, end))
    return found, consumed


def _names_a_model(prev: Token) -> bool:
    """Whether the word before a number makes it part of a name: a proper noun, not a month."""
    return prev.tag_ == "NNP" and prev.is_alpha and prev.lower_ not in WEEKDAYS_MONTHS


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
