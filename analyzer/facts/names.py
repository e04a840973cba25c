"""Name resolution: which spellings of a person's name mean one person.

Outlets covering one story spell the same name differently (transliterated
Russian names especially: "Ksenia Tortstrem", "Tortstem", "Ksenia Torstrom",
"Ksenia Thorstrom"), and a spinner mangles names further. Facts about a person
can only be compared across outlets once every variant maps to one canonical
name, while two people who merely share a first name ("Dmitry Palyuga",
"Dmitry Peskov") must stay apart.

The rules, all pure string functions (no model):

- A name is cleaned first: titles ("Mr", "Deputy", "President"), a
  possessive "'s" and extra spaces are removed, so "Moscow Deputy Ksenia
  Torstrom" and "Ms Cabrera" compare as "Ksenia Torstrom" and "Cabrera".
- Two *full* names (given name and surname) are one person when their first
  given names are compatible (equal, an initial of each other, or a small
  spelling variant) and their surnames are similar. Full names are linked
  transitively, so a chain of misspellings joins up.
- A *bare* surname ("Putin", "Tortstem") joins the most frequent full-name
  group with a surname that matches it more strictly; bare surnames that match
  no full name group among themselves.
- Surname similarity needs both a Jaro-Winkler score (typos keep the start)
  and a consonant-skeleton score (transliterations differ in vowels and in
  "th"/"t", "w"/"v"): "Tortstrem"/"Thorstrom" passes, "Peskov"/"Pestov" and
  "Putin"/"Pushkin" do not.
- The canonical name of a group is its most frequent full form (then the
  longest, then the alphabetically first), so the result does not depend on
  input order and resolving the canonical names again changes nothing.

Known limits: two different people with the same first name and a surname one
typo apart are merged; a bare surname shared by two people goes to the more
frequent one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz.distance import Indel, JaroWinkler

from analyzer.facts.grouping import connected_groups

#: Jaro-Winkler similarity two full names' surnames need (first names must also agree).
FULL_NAME_SURNAME_JW = 0.80
#: Jaro-Winkler similarity a bare surname needs to join a group (no first name to check).
BARE_SURNAME_JW = 0.90
#: Consonant-skeleton similarity (normalised Indel) every surname match needs.
SKELETON_SIMILARITY = 0.80
#: Jaro-Winkler similarity two given names need to count as spelling variants.
GIVEN_NAME_JW = 0.85
#: Surnames this short must match exactly: a one-letter change is another name ("Lee", "Li").
SHORT_SURNAME = 4

#: Words that precede a name without being part of it (compared case-insensitively, dots ignored).
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady president vice deputy
    senator sen rep representative congressman congresswoman gov governor mayor minister
    prime chancellor secretary spokesman spokeswoman spokesperson general gen colonel col
    major maj captain capt lieutenant lt sergeant sgt commander admiral officer detective
    judge justice king queen prince princess pope rev reverend father ambassador
    chairman chairwoman ceo director anchor correspondent councillor councilor mp mep""".split()
)

_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_SPACE_RE = re.compile(r"\s+")
_VOWELS_RE = re.compile(r"(?<!^)[aeiouy]")
_H_AFTER_CONSONANT_RE = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h")
_REPEAT_RE = re.compile(r"(.)\1+")


def clean_name(name: str) -> str:
    """A name as it should be displayed and compared: no titles, no possessive.

    "Moscow Deputy Ksenia Torstrom" → "Ksenia Torstrom"; "Vladimir Putin’s" →
    "Vladimir Putin"; "Ms Cabrera" → "Cabrera". A name made only of titles is
    returned whitespace-normalised rather than emptied. Idempotent:
    ``clean_name(clean_name(x)) == clean_name(x)``.
    """
    previous, text = None, name
    while text != previous:  # each step can expose another possessive or title
        previous = text
        text = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
        tokens = [t for t in text.split(" ") if t]
        if tokens:
            tokens[-1] = _POSSESSIVE_RE.sub("", tokens[-1])
            tokens = [t for t in tokens if t]
        # Everything up to the last title goes ("Moscow Deputy Ksenia Torstrom"), but the
        # last word always stays: it is the surname even when it is also a title ("John Major").
        titles = [i for i, t in enumerate(tokens[:-1]) if _fold(t).replace(".", "") in TITLES]
        text = " ".join(tokens[titles[-1] + 1 :] if titles else tokens)
    return text


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for comparison."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letters(text: str) -> str:
    """Folded letters only (hyphens, apostrophes and dots dropped)."""
    return "".join(c for c in _fold(text) if c.isalpha())


def name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """``(given names, surname)`` of a cleaned name, folded for comparison.

    The surname is the last word; every earlier word is a given name (a Russian
    patronymic counts as a middle given name, which is never compared).
    """
    words = [w for w in (_letters(t) for t in clean_name(name).split(" ")) if w]
    if not words:
        return (), ""
    return tuple(words[:-1]), words[-1]


def _skeleton(word: str) -> str:
    """Consonant skeleton of a folded word: the parts transliterations agree on."""
    s = word.replace("ph", "f").replace("ck", "k").replace("q", "k").replace("w", "v")
    s = _H_AFTER_CONSONANT_RE.sub("", s)
    # Doubled letters are spelling ("Harrison"/"Harison"); consonants that meet once the
    # vowels are gone are not ("Cabrera" keeps both r's, so it stays apart from "Cabral").
    s = _REPEAT_RE.sub(r"\1", s)
    return _VOWELS_RE.sub("", s)


def surname_similar(a: str, b: str, *, jw_threshold: float = FULL_NAME_SURNAME_JW) -> bool:
    """Whether two folded surnames are spellings of one name.

    Both Jaro-Winkler (``jw_threshold``) and the consonant-skeleton similarity
    (:data:`SKELETON_SIMILARITY`) must pass; surnames of at most
    :data:`SHORT_SURNAME` letters must be equal.
    """
    if a == b:
        return bool(a)
    if not a or not b or min(len(a), len(b)) <= SHORT_SURNAME:
        return False
    if JaroWinkler.normalized_similarity(a, b) < jw_threshold:
        return False
    return Indel.normalized_similarity(_skeleton(a), _skeleton(b)) >= SKELETON_SIMILARITY


def given_compatible(a: str, b: str) -> bool:
    """Whether two folded first given names can belong to one person.

    Equal, one an initial of the other ("j" / "john"), or a spelling variant
    ("dmitry" / "dmitri", "ksenia" / "kseniya").
    """
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    return (
        JaroWinkler.normalized_similarity(a, b) >= GIVEN_NAME_JW
        and Indel.normalized_similarity(_skeleton(a), _skeleton(b)) >= SKELETON_SIMILARITY
    )


def _canonical(forms: Iterable[str], counts: Counter[str]) -> str:
    """Most frequent form, then the one with most words, the longest, then alphabetical."""
    return min(forms, key=lambda f: (-counts[f], -len(f.split(" ")), -len(f), f))


def resolve_names(names: Sequence[str]) -> dict[str, str]:
    """Map every distinct name in ``names`` to the canonical name of its person.

    ``names`` holds one entry per mention, so repetition counts: the canonical
    name of a group is its most frequent full form (cleaned of titles and
    possessives, see :func:`clean_name`). Names with no letters map to
    themselves. The result depends only on the multiset of names (not their
    order), and resolving the returned canonical names maps each to itself.
    Cost is quadratic in the number of distinct names (fine for the few
    hundred people of one news story).
    """
    mapping: dict[str, str] = {}
    form_counts: Counter[str] = Counter()
    form_of: dict[str, str] = {}
    for name in names:
        form = clean_name(name)
        if not _letters(form):
            mapping[name] = name
            continue
        form_of[name] = form
        form_counts[form] += 1

    # Group display forms that fold to the same comparison key ("PUTIN", "Putin").
    parts = {form: name_parts(form) for form in form_counts}
    full = sorted(f for f, (given, _) in parts.items() if given)
    bare = sorted(f for f, (given, _) in parts.items() if not given)

    full_groups = _group(
        full,
        lambda a, b: given_compatible(parts[a][0][0], parts[b][0][0])
        and surname_similar(parts[a][1], parts[b][1]),
    )
    group_of: dict[str, int] = {}
    weight = [sum(form_counts[f] for f in g) for g in full_groups]
    canon = [_canonical(g, form_counts) for g in full_groups]
    for gi, group in enumerate(full_groups):
        for form in group:
            group_of[form] = gi

    unattached: list[str] = []
    for form in bare:
        surname = parts[form][1]
        best: int | None = None
        for gi, group in enumerate(full_groups):
            matches = any(surname_similar(surname, parts[f][1], jw_threshold=BARE_SURNAME_JW) for f in group)
            if matches and (best is None or (-weight[gi], canon[gi]) < (-weight[best], canon[best])):
                best = gi
        if best is None:
            unattached.append(form)
        else:
            group_of[form] = best

    resolved: dict[str, str] = {}
    for form, gi in group_of.items():
        resolved[form] = canon[gi]
    for group in _group(
        unattached,
        lambda a, b: surname_similar(parts[a][1], parts[b][1], jw_threshold=BARE_SURNAME_JW),
    ):
        winner = _canonical(group, form_counts)
        for form in group:
            resolved[form] = winner

    for name, form in form_of.items():
        mapping[name] = resolved[form]
    return mapping


def _group(forms: list[str], same: Callable[[str, str], bool]) -> list[list[str]]:
    """Connected components of ``forms`` under the pairwise predicate ``same``, sorted."""
    links = [(i, j) for i in range(len(forms)) for j in range(i + 1, len(forms))
             if same(forms[i], forms[j])]
    return sorted([forms[k] for k in group] for group in connected_groups(len(forms), links))


_ENTITY_DROP_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def entity_key(text: str) -> str:
    """Comparison key of a place, organisation or date mention.

    Lower-case, accents kept but case folded, a leading article and a trailing
    possessive removed, dots dropped ("St. Petersburg" and "St Petersburg"
    match), whitespace collapsed.
    """
    t = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    t = _POSSESSIVE_RE.sub("", t)
    t = _ENTITY_DROP_RE.sub("", t)
    t = t.replace(".", "").casefold()
    return _SPACE_RE.sub(" ", t).strip()
