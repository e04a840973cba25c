"""Per-article representations, computed once per run and shared by all pairs.

An :class:`ArticleProfile` holds everything the pair engine needs from one
article: its sentences, their embeddings and character n-gram counts, word
tokens, shingles and anchors. :func:`build_profiles` encodes the sentences of
all articles in one batch so that the model is called as few times as possible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from analyzer.article import Article
from analyzer.embed.sentence import SentenceEncoder
from analyzer.text.ngrams import char_counts, shingles
from analyzer.text.sentences import Sentence, alignable, split_sentences
from analyzer.text.tokens import anchors, lower_words, sentence_names, sentence_numbers, words

#: Zipf frequency under which a content word counts towards :attr:`ArticleProfile.rare_share`.


@dataclass(frozen=True)
class ArticleProfile:
    """What the pair engine knows about one article.

    Row ``k`` of ``embeddings`` and ``char_counts`` belongs to ``sentences[k]``;
    ``usable[k]`` says whether that sentence is long enough to align on.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    usable: np.ndarray
    embeddings: np.ndarray
    char_counts: sp.csr_matrix
    words: tuple[str, ...]
    anchors: tuple[str, ...]
    shingles5: frozenset[tuple[str, ...]]
    shingles3: frozenset[tuple[str, ...]]

    @property
    def id(self) -> str:
        """The article's id."""
        return self.article.id

    @cached_property
    def doc_vector(self) -> np.ndarray:
        """Mean of the usable sentence vectors, normalised (the whole-document vector)."""
        rows = self.embeddings[self.usable] if self.usable.any() else self.embeddings
        if rows.shape[0] == 0:
            return np.zeros(self.embeddings.shape[1], dtype=np.float32)
        v = rows.mean(axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    @cached_property
    def quote_mask(self) -> np.ndarray:
        """Per sentence: whether it is mostly a quotation."""
        return np.array([s.is_quote for s in self.sentences], dtype=bool)

    @cached_property
    def sentence_names(self) -> tuple[frozenset[str], ...]:
        """Per sentence, the names it carries (:func:`~analyzer.text.tokens.sentence_names`)."""
        return tuple(sentence_names(words(s.text)) for s in self.sentences)

    @cached_property
    def sentence_numbers(self) -> tuple[frozenset[str], ...]:
        """Per sentence, the numbers written with digits it carries."""
        return tuple(sentence_numbers(words(s.text)) for s in self.sentences)

    @cached_property
    def self_repetition(self) -> float:
        """Share of word trigrams that repeat an earlier trigram of the text (paraphrasers vary wording)."""
        tokens = [w.lower() for w in words(self.article.text)]
        grams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
        if not grams:
            return 0.0
        return sum(c - 1 for c in Counter(grams).values() if c > 1) / len(grams)


def build_profiles(
    articles: Sequence[Article], encoder: SentenceEncoder, show_progress: bool = False,
    sentences: Sequence[Sequence[Sentence] | None] | None = None,
) -> list[ArticleProfile]:
    """Profiles for ``articles``, encoding all their sentences in one batch.

    ``sentences`` may give an article's sentences as split before (a corpus
    index keeps them); ``None`` for an article, or for all, splits its text.
    """
    given = list(sentences) if sentences is not None else [None] * len(articles)
    if len(given) != len(articles):
        raise ValueError(f"{len(given)} sentence lists for {len(articles)} articles")
    split = [list(s) if s is not None else split_sentences(a.text)
             for a, s in zip(articles, given, strict=True)]
    all_texts = [s.text for sents in split for s in sents]
    vectors = encoder.encode(all_texts, show_progress=show_progress)
    # Character n-grams of each distinct sentence once: copies share most of their sentences.
    distinct = list(dict.fromkeys(all_texts))
    row_of = {text: k for k, text in enumerate(distinct)}
    counts = char_counts(distinct)
    profiles: list[ArticleProfile] = []
    pos = 0
    for article, sents in zip(articles, split, strict=True):
        emb = vectors[pos : pos + len(sents)]
        pos += len(sents)
        toks = lower_words(article.text)
        profiles.append(
            ArticleProfile(
                article=article,
                sentences=tuple(sents),
                usable=np.array([alignable(s) for s in sents], dtype=bool),
                embeddings=emb,
                char_counts=counts[[row_of[s.text] for s in sents]],
                words=tuple(toks),
                anchors=tuple(anchors(article.text)),
                shingles5=frozenset(shingles(toks, 5)),
                shingles3=frozenset(shingles(toks, 3)),
            )
        )
    return profiles
