"""Labelled article pairs generated from real articles, for training and benchmarks.

Real machine-spun pairs are not available in bulk, so the project makes its
own with :class:`analyzer.training.spin.spinner.Spinner` from real news articles, at
several substitution rates and with or without a second spin of the opening,
plus copies with light edits, pairs of different articles on the same story,
and pairs of articles on different subjects. Articles are split by a hash of
their id (:func:`split_of`) so the benchmark never sees an article the shipped
model was trained on.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from analyzer.article import Article
from analyzer.text.ngrams import containment, shingles
from analyzer.text.tokens import lower_words
from analyzer.training.copyedit import light_edit
from analyzer.training.spin.spinner import Spinner

Split = Literal["train", "test"]

#: Spinner settings the generator cycles through, as (substitution rate, quote_leak):
#: from medium spins (word 5-gram Jaccard ~0.3) to the level of the real seed pair
#: (~0.02, quotations spun too); see benchmarks/spinner_calibration.py.
SPIN_SETTINGS = ((0.35, 0.3), (0.6, 0.3), (0.9, 1.0), (1.0, 1.0))


@dataclass(frozen=True)
class LabelledPair:
    """Two articles, their true relation, and which one is the original.

    ``group`` keeps related pairs together when a benchmark fits on some and
    judges the others (a story, a source text).
    """

    a: Article
    b: Article
    relation: str
    original: str | None
    detail: str
    group: str = ""


def split_of(article_id: str) -> Split:
    """The split an article belongs to, stable across runs and machines."""
    return "train" if zlib.crc32(article_id.encode("utf-8")) % 2 == 0 else "test"


def trim(article: Article, max_words: int) -> Article:
    """The article cut to whole paragraphs totalling at most ``max_words`` words."""
    kept, count = [], 0
    for para in article.text.split("\n\n"):
        n = len(para.split())
        if kept and count + n > max_words:
            break
        kept.append(para)
        count += n
    return replace(article, text="\n\n".join(kept))


def _orient(rng: np.random.Generator, original: Article, derived: Article, relation: str,
            detail: str) -> LabelledPair:
    if rng.random() < 0.5:
        return LabelledPair(original, derived, relation, "a", detail)
    return LabelledPair(derived, original, relation, "b", detail)


def excerpt(text: str, rng: np.random.Generator, low: float = 0.3, high: float = 0.9) -> str:
    """A run of whole paragraphs covering ``low``–``high`` of the text, from the start or inside it.

    Derived articles often take part of their source: a syndicated copy keeps
    the opening, a content farm spins a passage, a student rewrites a section.
    """
    paras = text.split("\n\n")
    keep = min(len(paras), max(2, round(len(paras) * rng.uniform(low, high))))
    start = 0 if rng.random() < 0.5 else int(rng.integers(0, len(paras) - keep + 1))
    return "\n\n".join(paras[start : start + keep])


def generate_pairs(
    articles: Sequence[Article],
    other_topic_texts: Sequence[str],
    *,
    n_spun: int,
    n_copy: int,
    n_same_story: int,
    n_unrelated: int,
    max_words: int = 700,
    random_state: int = 0,
) -> list[LabelledPair]:
    """Generate labelled pairs from ``articles`` (all on one story) and texts on other subjects.

    Spun pairs cycle through :data:`SPIN_SETTINGS` with and without double spin,
    one in three spinning an excerpt only; copies are light edits or excerpts; same-story pairs are two
    different articles whose 5-gram containment is below 0.2 (real copies
    among the scrapes are excluded); unrelated pairs match an article with a
    text on another subject.
    """
    rng = np.random.default_rng(random_state)
    pool = [trim(a, max_words) for a in articles if a.ok and len(a.text.split()) >= 120]
    if len(pool) < 4:
        raise ValueError(f"need at least 4 articles of 120+ words, got {len(pool)}")
    pairs: list[LabelledPair] = []
    for k in range(n_spun):
        src = pool[int(rng.integers(len(pool)))]
        rate, quote_leak = SPIN_SETTINGS[k % len(SPIN_SETTINGS)]
        double = bool((k // len(SPIN_SETTINGS)) % 2)
        spin = Spinner(rate=rate, double_spin=double, quote_leak=quote_leak,
                       random_state=int(rng.integers(2**31)))
        partial = k % 3 == 2
        out = spin.spin(excerpt(src.text, rng) if partial else src.text)
        derived = Article(id=f"{src.id}~spun{k}", text=out.text, title=src.title)
        detail = f"rate={rate} double_spin={double}{' excerpt' if partial else ''}"
        pairs.append(_orient(rng, src, derived, "spun", detail))
    for k in range(n_copy):
        src = pool[int(rng.integers(len(pool)))]
        seed = int(rng.integers(2**31))
        if k % 3 == 2:
            text, detail = excerpt(light_edit(src.text, n_edits=2, random_state=seed), rng), "excerpt"
        else:
            n_edits = int(rng.integers(1, 8))
            text, detail = light_edit(src.text, n_edits=n_edits, random_state=seed), f"edits={n_edits}"
        derived = Article(id=f"{src.id}~copy{k}", text=text, title=src.title)
        pairs.append(_orient(rng, src, derived, "copy", detail))
    shingled = [shingles(lower_words(a.text), 5) for a in pool]
    made, tries = 0, 0
    while made < n_same_story and tries < n_same_story * 50:
        tries += 1
        i, j = (int(x) for x in rng.choice(len(pool), size=2, replace=False))
        if max(containment(shingled[i], shingled[j]), containment(shingled[j], shingled[i])) >= 0.2:
            continue
        pairs.append(LabelledPair(pool[i], pool[j], "same_story", None, "different outlets"))
        made += 1
    for k in range(n_unrelated):
        src = pool[int(rng.integers(len(pool)))]
        other = other_topic_texts[int(rng.integers(len(other_topic_texts)))]
        pairs.append(LabelledPair(src, Article(id=f"other{k}", text=other), "unrelated", None,
                                  "other subject"))
    return pairs


def documents_from_sentences(sentences: Sequence[str], size: int = 15,
                             random_state: int = 0) -> list[str]:
    """Pseudo-articles of ``size`` sentences each, drawn from a pool of unrelated sentences."""
    rng = np.random.default_rng(random_state)
    order = rng.permutation(len(sentences))
    docs = []
    for start in range(0, len(order) - size + 1, size):
        chunk = [sentences[int(k)] for k in order[start : start + size]]
        docs.append("\n\n".join(" ".join(chunk[p : p + 3]) for p in range(0, size, 3)))
    return docs


def common_word_lines(n: int, random_state: int, vocabulary: int = 3000) -> list[str]:
    """``n`` one-line texts of 6 to 16 words drawn from the ``vocabulary`` commonest English words.

    Word salads that share frequent words but say nothing in common: the
    negatives a short-text decision must not call paraphrases (a soak run once
    found thousands of tiny texts of common words called spun).
    """
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", vocabulary) if w.isalpha()]
    rng = np.random.default_rng(random_state)
    lines = []
    for _ in range(n):
        line = " ".join(rng.choice(words, size=int(rng.integers(6, 17))).tolist())
        lines.append(line[:1].upper() + line[1:] + ".")
    return lines
