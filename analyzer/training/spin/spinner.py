"""The project's own article spinner, to make spun pairs for training and benchmarks.

No real machine-spun pairs are public, so we make them. ``Spinner`` imitates the
content-farm spinner seen in the seeds (000 is a spin of 003): WordNet synonym
swaps of content words, paraphrases of stock phrases ("according to" -> "as
per"), clause reordering, passive/active flips, sentence merges and splits, a
drifted fact or two ("1,000 miles" -> "1,000 kilometers"), wrong acronym
expansions ("NATO" -> "North Atlantic Settlement Association"), pronoun slips,
and optionally the opening paragraphs twice, spun two different ways.
:func:`analyzer.training.copyedit.light_edit` makes the other kind of pair: the small
edits of syndication.

This module runs a spin and does the word pass (synonym, phrase and
collocation swaps). The rest lives by topic: :mod:`analyzer.training.spin.vocabulary`
(word lists and phrase tables), :mod:`analyzer.training.spin.rewrites` (sentence
restructuring), :mod:`analyzer.training.spin.distortions` (facts, names, pronouns,
dropped paragraphs), :mod:`analyzer.training.spin.synonyms` (choosing and inflecting
synonyms) and :mod:`analyzer.training.spin.segment` (segmentation).

Calibration: content-farm spinning is heavy. The seed pair 003/000 has word
5-gram Jaccard 0.011; ``benchmarks/spinner_calibration.py`` measures ours per
``rate`` (see ``Spinner``). Everything is rule-based and crude on
purpose (no tagger, no parser): a real spinner's output is ungrammatical too.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from analyzer.config import RANDOM_STATE
from analyzer.training.spin.distortions import drift_facts, drop_paragraphs, misexpand_acronym, slip_pronoun
from analyzer.training.spin.rewrites import (
    flip_of_phrase,
    flip_possessive,
    insert_fillers,
    restructure,
    shift_tense,
)
from analyzer.training.spin.run import SpinResult, SpinRun
from analyzer.training.spin.segment import (
    QUOTES,
    TOKEN,
    WORD,
    mark_headlines,
    sentence_starts,
    split_paragraphs,
    split_sentences,
    word_span,
)
from analyzer.training.spin.synonyms import guess_pos, inflect, pick_synonym, verb_form
from analyzer.training.spin.vocabulary import PHRASE_PARAPHRASES, SKIPPED_ADVERBS, STOPWORDS, UNIT_SWAPS
from analyzer.training.spin.wordnet import WordNet

#: Chance, times ``rate``, that a quotation is spun like running text. The seed
#: spinner touched most quotes ("discredit" -> "ruin"); we keep most intact.
QUOTE_LEAK = 0.3

#: Per-article chance, times ``rate``, of a wrong acronym expansion when one is possible.
ACRONYM_ERROR = 0.5

#: Paragraphs with fewer words are headlines or bylines, not opening paragraphs.
MIN_PARAGRAPH_WORDS = 12

_MAX_PHRASE_WORDS = max(len(k.split()) for k in PHRASE_PARAPHRASES)

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
        paragraphs = split_paragraphs(text)
        if not paragraphs:
            return SpinResult(text="")
        run = SpinRun(
            rng=random.Random(self.random_state),
            wordnet=wordnet,
            rate=self.rate,
            quote_leak=self.quote_leak,
            names=set(_find_names(paragraphs)),
        )
        if run.rng.random() < self.fact_drift:
            paragraphs = drift_facts(paragraphs, run)
        if self.rate and run.rng.random() < self.rate * ACRONYM_ERROR:
            paragraphs = misexpand_acronym(paragraphs, run)
        if self.rate:
            paragraphs = drop_paragraphs(paragraphs, run)
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

    def _spin_paragraph(self, paragraph: str, run: SpinRun) -> str:
        sentences, separators = split_sentences(paragraph)
        if self.reorder:
            sentences, separators = restructure(sentences, separators, run, self.reorder)
        text = "".join(s + sep for s, sep in zip(sentences, separators, strict=True)).strip()
        tokens = TOKEN.findall(text)
        if self.rate:
            _swap_words(tokens, run)
        return "".join(tokens).strip() or text


def _find_names(paragraphs: Sequence[str]) -> frozenset[str]:
    """Lower-cased words written with a capital inside a sentence somewhere in the article."""
    names: set[str] = set()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph)[0]:
            words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", sentence)
            lowercase = sum(w[0].islower() for w in words)
            if lowercase * 3 < len(words):  # A headline in title case names nothing.
                continue
            for word in words[1:]:
                if word[0].isupper():
                    names.add(re.sub(r"['’]s\Z", "", word).lower())
    return frozenset(names)


def _swap_words(tokens: list[str], run: SpinRun) -> None:
    """Replace phrases and content words in place, outside names, numbers and quotes."""
    words = [i for i, t in enumerate(tokens) if WORD.match(t)]
    context = list(tokens)  # Neighbours as written, not as already replaced.
    protected = _protect_tokens(tokens, run)
    at_start = sentence_starts(tokens)
    mark_headlines(tokens, at_start)
    k = 0
    while k < len(words):
        i = words[k]
        if protected[i] or run.rng.random() >= run.rate:
            k += 1
            continue
        if slip_pronoun(tokens, i, run):
            k += 1
            continue
        used = (
            flip_possessive(tokens, context, words, k, at_start[i], protected, run)
            or flip_of_phrase(tokens, context, words, k, at_start[i], protected, run)
            or shift_tense(tokens, context, words, k, protected, run)
            or _swap_phrase(tokens, words, k, protected, run)
            or _swap_collocation(tokens, words, k, protected, run)
            or _swap_word(tokens, context, words, k, at_start[i], run)
        )
        k += max(used, 1)
    insert_fillers(tokens, context, words, protected, run)


def _protect_tokens(tokens: list[str], run: SpinRun) -> list[bool]:
    """Tokens never swapped: quotations (mostly), hyphenated parts, units after numbers."""
    protected = [False] * len(tokens)
    quoted = leak = False
    for i, token in enumerate(tokens):
        if token in QUOTES:
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


def _swap_phrase(tokens: list[str], words: list[int], k: int, protected: list[bool], run: SpinRun) -> int:
    """Paraphrase a stock phrase starting at word k; return the number of words used."""
    for n in range(_MAX_PHRASE_WORDS, 0, -1):
        last = word_span(tokens, words, k, n)
        if last is None or any(protected[words[k] : last + 1]):
            continue
        key = " ".join(tokens[j].lower() for j in words[k : k + n]).replace("’", "'")
        options = PHRASE_PARAPHRASES.get(key)
        if options:
            original = "".join(tokens[words[k] : last + 1])
            if original[0].isupper() and n == 1 and key in ("but", "while", "if", "about"):
                return 0  # Sentence-initial conjunctions read badly when paraphrased.
            run.replace(tokens, words[k], last, run.rng.choice(options), "phrase_swap")
            return n
    return 0


def _swap_collocation(
    tokens: list[str], words: list[int], k: int, protected: list[bool], run: SpinRun
) -> int:
    """Swap a two- or three-word WordNet collocation ('taking back' -> 'recapturing')."""
    wn = run.wordnet
    for n in (3, 2):
        last = word_span(tokens, words, k, n)
        if last is None or any(protected[words[k] : last + 1]):
            continue
        parts = [tokens[j] for j in words[k : k + n]]
        if any(p[:1].isupper() for p in parts[1:]) or parts[0].lower() in STOPWORDS:
            continue
        if parts[0][:1].isupper() and run.is_name(parts[0]):
            continue
        lowered = [p.lower() for p in parts]
        for base in wn.base_forms(lowered[0], "v"):
            lemma = " ".join([base, *lowered[1:]])
            if wn.has_lemma(lemma, "v"):
                form = verb_form(lowered[0], base, wn)
                new = pick_synonym(lemma, "v", run)
                if new and form is not None:
                    run.replace(tokens, words[k], last, inflect(new, "v", form, wn), "collocation_swap")
                    return n
        for base in wn.base_forms(lowered[-1], "n"):
            lemma = " ".join([*lowered[:-1], base])
            if wn.has_lemma(lemma, "n"):
                new = pick_synonym(lemma, "n", run)
                if new:
                    form = "s" if base != lowered[-1] else ""
                    run.replace(tokens, words[k], last, inflect(new, "n", form, wn), "collocation_swap")
                    return n
    return 0


def _swap_word(
    tokens: list[str], context: list[str], words: list[int], k: int, sentence_start: bool, run: SpinRun
) -> int:
    """Swap one content word for a WordNet synonym of its guessed part of speech."""
    i = words[k]
    token = tokens[i]
    core, suffix = re.match(r"(.*?)((?:['’]s)?)\Z", token).groups()  # type: ignore[union-attr]
    lower = core.lower()
    if len(core) < 3 or lower in STOPWORDS or not core.isalpha():
        return 0
    if core[0].isupper() and (not sentence_start or run.is_name(core)):
        return 0
    back = k - 1
    while back >= 0 and (
        context[words[back]].lower() in SKIPPED_ADVERBS or context[words[back]].endswith("ly")
    ):
        back -= 1
    previous = context[words[back]].lower() if back >= 0 else ""
    if back >= 0 and context[words[back]][:1].isupper() and run.is_name(context[words[back]]):
        # After "Russian" a noun ("forces"); after "Trump" or "Moscow" a verb ("said").
        previous = "the" if previous.endswith(("an", "ese", "ish", "ic")) else "he"
    following = context[words[k + 1]].lower() if k + 1 < len(words) else ""
    guess = guess_pos(lower, previous, following, run.wordnet)
    if guess is None or (suffix and guess[0] != "n"):
        return 0
    pos, base, form = guess
    new = pick_synonym(base, pos, run)
    if new is None:
        return 0
    new = inflect(new, pos, form, run.wordnet)
    if new.lower() == lower:
        return 0
    run.replace(tokens, i, i, new + suffix, "synonym_swap")
    return 1
