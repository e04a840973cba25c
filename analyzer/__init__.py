"""analyzer: who wrote a news story first, who copied it, who machine-spun it.

The public surface: :func:`compare` two articles, :func:`analyze` many, and
the records they return. DataFrames are the data interface.
"""

from __future__ import annotations

from analyzer.analysis import Analysis, analyze
from analyzer.article import Article
from analyzer.embedding import SentenceEncoder
from analyzer.exceptions import (
    AnalyzerError,
    IndexFormatError,
    InputError,
    InputNotFoundError,
    ModelError,
    NoArticlesError,
    UnreadableInputError,
)
from analyzer.ingest import article_from_text, read_articles
from analyzer.pair_model import DirectionClassifier, PairClassifier, RelationModel
from analyzer.relations import Engine, PairResult, compare

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "AnalyzerError",
    "Article",
    "DirectionClassifier",
    "Engine",
    "IndexFormatError",
    "InputError",
    "InputNotFoundError",
    "ModelError",
    "NoArticlesError",
    "PairClassifier",
    "PairResult",
    "RelationModel",
    "SentenceEncoder",
    "UnreadableInputError",
    "__version__",
    "analyze",
    "article_from_text",
    "compare",
    "read_articles",
]
