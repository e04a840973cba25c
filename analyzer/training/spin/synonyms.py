"""Choosing and inflecting a WordNet synonym for a word in running text.

Without a tagger the part of speech is guessed from the neighbours
(``guess_pos``); a synonym is drawn by sense rank and frequency
(``pick_synonym``, wrong senses now and then, as real spinners do) and given
the inflection of the word it replaces (``inflect``: "took" -> "seized").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analyzer.training.spin.vocabulary import (
    BE_FORMS,
    DETERMINERS,
    HAVE_FORMS,
    SAME_PAST,
    STOPWORDS,
    VERB_CUES,
)
from analyzer.training.spin.wordnet import WordNet

if TYPE_CHECKING:
    from analyzer.training.spin.run import SpinRun

#: Synonyms rarer than this Zipf frequency are not used (keeps the output readable).
MIN_SYNONYM_ZIPF = 2.5

#: WordNet senses read per word; the first senses are preferred.
MAX_SENSES = 4


def verb_form(surface: str, base: str, wn: WordNet) -> str | None:
    """Inflection of a verb: '' (base), 's', 'ed' or 'ing'; None if unclear."""
    if surface == base:
        return "ed" if base in SAME_PAST else ""
    if surface in wn.irregular_forms(base, "v"):
        return "ing" if surface.endswith("ing") else ("s" if surface.endswith("s") else "ed")
    for form in ("ing", "ed", "s"):
        if surface.endswith(form):
            return form
    return None


def guess_pos(word: str, previous: str, following: str, wn: WordNet) -> tuple[str, str, str] | None:
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
    if previous in DETERMINERS or previous.endswith(("'s", "’s")):
        noun_next = following not in STOPWORDS and bool(wn.base_forms(following, "n"))
        order = "an" if noun_next and "a" in found else "na"
    elif previous in VERB_CUES or previous in HAVE_FORMS:
        order = "vn"
    elif previous in BE_FORMS:
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
        form = verb_form(word, base, wn)
        if form == "ed" and previous in BE_FORMS | HAVE_FORMS:
            form = "pp"
        return None if form is None else (pos, base, form)
    return (pos, base, "") if base == word else None


def pick_synonym(lemma: str, pos: str, run: SpinRun) -> str | None:
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
            and h not in STOPWORDS
            and h not in ("be", "have", "do", "act", "entity", "thing", "object")
            and run.frequency(h) >= MIN_SYNONYM_ZIPF
        ][:3]
        weights = [1.0] * len(options)
    if not options:
        return None
    return run.rng.choices(options, weights=weights)[0]


def inflect(phrase: str, pos: str, form: str, wn: WordNet) -> str:
    """Inflect a replacement like the word it replaces: verbs on the first word, nouns the last."""
    if not form or pos not in "nv":
        return phrase
    words = phrase.split(" ")
    at = 0 if pos == "v" else len(words) - 1
    words[at] = inflect_word(words[at], pos, form, wn)
    return " ".join(words)


def inflect_word(word: str, pos: str, form: str, wn: WordNet) -> str:
    """Inflect one word: ``form`` is "s" (plural or 3rd person), "ing", "ed" (past) or "pp" (participle)."""
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
    if word in SAME_PAST:
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
