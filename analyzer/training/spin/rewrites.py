"""Rewrites that keep the words but change the structure: the spinner's reordering pass.

Sentence-level restructuring (a lead or tail clause moved, an attribution
moved, active/passive flipped, a sentence split or two merged) and the
token-level reshapes of the word pass (possessive flips, present perfect to
simple past, filler adverbs). Crude pattern rules, no parser: a real
spinner's output is ungrammatical too. Each function draws from ``run.rng``
in a fixed order, so a seed gives the same spin.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from analyzer.training.spin.segment import QUOTES, capitalise, word_span
from analyzer.training.spin.vocabulary import (
    BE_FORMS,
    DETERMINERS,
    FILLERS,
    HAVE_FORMS,
    INTRO_WORDS,
    SAY_VERBS,
    STOPWORDS,
    VERB_CUES,
)

if TYPE_CHECKING:
    from analyzer.training.spin.run import SpinRun

#: Chance, times ``rate``, of a filler inserted after an auxiliary ("has actually been").
FILLER_RATE = 0.3


def _decapitalise(text: str, run: SpinRun) -> str:
    """Lower-case the first letter unless the first word is a name or "I"."""
    first = re.match(r"[^\W\d_]+", text)
    if not first or first.group() == "I" or run.is_name(first.group()):
        return text
    return text[:1].lower() + text[1:]


def restructure(
    sentences: list[str], separators: list[str], run: SpinRun, reorder: float
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
        not any(q in sentence for q in QUOTES)
        and sentence.endswith(".")
        and len(sentence.split()) >= 6
        and "\n" not in sentence
    )


def _move_lead_clause(sentence: str, run: SpinRun) -> str | None:
    """'In recent weeks, Ukraine has ...' -> 'Ukraine has ... in recent weeks.'."""
    body = sentence[:-1]
    if ", " not in body:
        return None
    lead, rest = body.split(", ", 1)
    words = lead.split()
    if not 2 <= len(words) <= 12 or words[0].lower() not in INTRO_WORDS:
        return None
    if len(rest.split()) < 4:
        return None
    return f"{capitalise(rest)} {_decapitalise(lead, run)}."


def _move_tail_clause(sentence: str, run: SpinRun) -> str | None:
    """'Ukraine has ..., taking back ...' -> 'Taking back ..., Ukraine has ...'."""
    body = sentence[:-1]
    if ", " not in body:
        return None
    main, tail = body.rsplit(", ", 1)
    words = tail.split()
    if not 2 <= len(words) <= 12 or len(main.split()) < 4:
        return None
    first = words[0].lower()
    if first not in INTRO_WORDS and not (first.endswith("ing") and len(first) > 5):
        return None
    return f"{capitalise(tail)}, {_decapitalise(main, run)}."


def _move_attribution(sentence: str, run: SpinRun) -> str | None:
    """'X said (that) Y.' <-> 'Y, X said.'."""
    body = sentence[:-1]
    verbs = "|".join(SAY_VERBS)
    fronted = re.match(
        rf"(?P<subj>(?:\S+ ){{0,3}}\S+) (?P<verb>{verbs}) (?:that )?(?P<rest>.{{20,}})\Z", body
    )
    if fronted and fronted.group("subj")[0].isupper() and "," not in fronted.group("subj"):
        subject = _decapitalise(fronted.group("subj"), run)
        return f"{capitalise(fronted.group('rest'))}, {subject} {fronted.group('verb')}."
    trailing = re.match(rf"(?P<rest>.{{20,}}), (?P<subj>(?:\S+ ){{0,3}}\S+) (?P<verb>{verbs})\Z",
                        body)  # fmt: skip
    if trailing:
        subject = capitalise(trailing.group("subj"))
        return f"{subject} {trailing.group('verb')} that {_decapitalise(trailing.group('rest'), run)}."
    return None


def _past_participle(word: str, run: SpinRun) -> str | None:
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


def _flip_voice(sentence: str, run: SpinRun) -> str | None:
    """'The Duma passed a law ...' <-> 'A law ... was passed by the Duma.' (crude)."""
    body = sentence[:-1]
    passive = re.match(r"(?P<obj>.{8,}?) (?:was|were) (?P<part>[a-z]+ed) by (?P<agent>[^,]+)"
                       r"(?P<rest>,.*)?\Z", body)  # fmt: skip
    if passive and "," not in passive.group("obj") and len(passive.group("agent").split()) <= 6:
        return (
            f"{capitalise(passive.group('agent'))} {passive.group('part')} "
            f"{_decapitalise(passive.group('obj'), run)}{passive.group('rest') or ''}."
        )
    words = body.split(" ")
    for j in range(1, min(5, len(words) - 2)):
        subject, verb = words[:j], words[j]
        if any(not re.fullmatch(r"[\w'’.-]+", w) for w in subject):
            return None
        if subject[-1].lower() in BE_FORMS | HAVE_FORMS | VERB_CUES or subject[-1].lower() in STOPWORDS:
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
        if words[j + 1].lower() not in DETERMINERS or len(obj.split()) > 14:
            return None
        if any(w.lower() in BE_FORMS | HAVE_FORMS | VERB_CUES for w in obj.split()):
            return None  # A clause, not a noun phrase: "hoped their army would ...".
        be = "were" if re.search(r"[^s]s\Z", head.split()[-1]) else "was"
        agent = _decapitalise(" ".join(subject), run)
        return f"{capitalise(obj)} {be} {participle} by {agent}{rest}."
    return None


def _split_sentence(sentence: str, run: SpinRun) -> str | None:
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
        second = capitalise(second)
    return f"{match.group('a')}.\n{second}"


_SENTENCE_OPS: tuple[tuple[str, Callable[[str, SpinRun], str | None]], ...] = (
    ("clause_reorder", _move_lead_clause),
    ("clause_reorder", _move_tail_clause),
    ("attribution_move", _move_attribution),
    ("passive_flip", _flip_voice),
    ("sentence_split", _split_sentence),
)


def insert_fillers(
    tokens: list[str], context: list[str], words: list[int], protected: list[bool], run: SpinRun
) -> None:
    """Insert a filler adverb after an auxiliary: 'has prevented' -> 'has actually prevented'."""
    auxiliaries = BE_FORMS | HAVE_FORMS | {"will", "would", "can", "could", "should", "must", "may"}
    for a, b in itertools.pairwise(words):
        if (
            b == a + 2
            and tokens[a + 1] == " "
            and context[a].lower() in auxiliaries
            and context[b].lower() not in STOPWORDS
            and context[b] == tokens[b]
            and not protected[b]
            and run.rng.random() < FILLER_RATE * run.rate
        ):
            tokens[a + 1] = f" {run.rng.choice(FILLERS)} "
            run.counts["filler_insert"] += 1


def flip_possessive(
    tokens: list[str],
    context: list[str],
    words: list[int],
    k: int,
    sentence_start: bool,
    protected: list[bool],
    run: SpinRun,
) -> int:
    """Turn a name's possessive around: "Putin's action," -> "the action of Putin,"."""
    last = word_span(tokens, words, k, 2)
    if last is None or any(protected[words[k] : last + 1]) or run.rng.random() >= 0.3:
        return 0
    owner, thing = context[words[k]], context[last]
    match = re.fullmatch(r"(.+)['’]s", owner)
    if not match or not owner[0].isupper() or not run.is_name(match.group(1)):
        return 0
    if not thing.isalpha() or not thing.islower() or thing in STOPWORDS:
        return 0
    before = context[words[k - 1]].lower() if k > 0 else ""
    after = context[last + 1] if last + 1 < len(context) else ""
    after_word = context[words[k + 2]].lower() if k + 2 < len(words) else ""
    if before in DETERMINERS or not (after in ",.;:" or (after == " " and after_word in STOPWORDS)):
        return 0  # "the Kremlin's", "Putin's invasion plan": not a simple noun phrase.
    new = f"the {thing} of {match.group(1)}"
    run.replace(
        tokens,
        words[k],
        last,
        capitalise(new) if sentence_start else new,
        "possessive_flip",
        match_case=False,
    )
    return 2


def flip_of_phrase(
    tokens: list[str],
    context: list[str],
    words: list[int],
    k: int,
    sentence_start: bool,
    protected: list[bool],
    run: SpinRun,
) -> int:
    """Turn 'the future of Russia' into "Russia's future" (names only)."""
    last = word_span(tokens, words, k, 3)
    if last is None or context[words[k]].lower() != "the" or run.rng.random() >= 0.5:
        return 0
    thing, of = context[words[k + 1]], context[words[k + 2]]
    if of != "of" or not thing.isalpha() or not thing.islower() or thing in STOPWORDS:
        return 0
    n = 3
    article = ""
    if k + n < len(words) and context[words[k + n]] == "the":
        article, n = "the ", n + 1
    first = n
    while (
        k + n < len(words)
        and n - first < 5
        and word_span(tokens, words, k, n + 1) is not None
        and context[words[k + n]][:1].isupper()
        and run.is_name(context[words[k + n]])
    ):
        n += 1
    if n == first:
        return 0
    last = words[k + n - 1]
    after = context[last + 1] if last + 1 < len(context) else ""
    following = context[words[k + n]].lower() if k + n < len(words) else ""
    if after == " " and following not in STOPWORDS:
        return 0  # "of the Eastern European country": the name is a modifier.
    if after not in " ,.;:!?)" or any(protected[words[k] : last + 1]) or "'" in context[last]:
        return 0
    owner = " ".join(context[j] for j in words[k + first : k + n])
    new = f"{article}{owner}{'’' if owner.endswith('s') else '’s'} {thing}"
    if sentence_start:
        new = capitalise(new)
    run.replace(tokens, words[k], last, new, "possessive_flip", match_case=False)
    return n


def shift_tense(
    tokens: list[str], context: list[str], words: list[int], k: int, protected: list[bool],
    run: SpinRun,
) -> int:  # fmt: skip
    """Turn a present perfect into a simple past: 'has prevented' -> 'prevented'."""
    last = word_span(tokens, words, k, 2)
    if last is None or protected[last] or context[words[k]].lower() not in ("has", "have"):
        return 0
    verb = context[last]
    if not re.fullmatch(r"[a-z]+ed", verb) or run.rng.random() >= 0.5:
        return 0
    bases = run.wordnet.base_forms(verb, "v")
    if not bases or run.wordnet.irregular_forms(bases[0], "v"):
        return 0
    run.replace(tokens, words[k], last, verb, "tense_shift")
    return 2
