"""analyzer: who wrote a news story first, who copied it, who machine-spun it.

The public surface: :func:`compare` two articles, :func:`analyze` many, and
the records they return. DataFrames are the data interface.
"""

from __future__ import annotations

from analyzer.analysis import Analysis, analyze
from analyzer.article import Article
from analyzer.corpus_index import CorpusIndex
from analyzer.embedding import SentenceEncoder
from analyzer.exceptions import (
    AnalyzerError,
    IndexFormatError,
    InputError,
    InputNotFoundError,
    ModelError,
    NoArticlesError,
    ReportError,
    UnreadableInputError,
)
from analyzer.ingest import article_from_text, read_articles
from analyzer.pair_model import DirectionClassifier, PairClassifier, RelationModel
from analyzer.ranking import rank
from analyzer.relations import Engine, PairResult, compare
from analyzer.report import ReportFiles, write_report
from analyzer.static_embedding import StaticEncoder

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "AnalyzerError",
    "Article",
    "CorpusIndex",
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
    "ReportError",
    "ReportFiles",
    "SentenceEncoder",
    "StaticEncoder",
    "UnreadableInputError",
    "__version__",
    "analyze",
    "article_from_text",
    "compare",
    "rank",
    "read_articles",
    "write_report",
]
