"""analyzer: who wrote a news story first, who copied it, who machine-spun it.

The public surface: :func:`compare` two articles, :func:`analyze` many, and
the records they return. DataFrames are the data interface.
"""

from __future__ import annotations

from analyzer.__version__ import __version__
from analyzer.analysis import Analysis, analyze
from analyzer.article import Article
from analyzer.embed.sentence import SentenceEncoder
from analyzer.embed.static import StaticEncoder
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
from analyzer.index.corpus import CorpusIndex
from analyzer.index.rank import rank
from analyzer.ingest.from_text import article_from_text
from analyzer.ingest.read import read_articles
from analyzer.pairs.engine import Engine, compare
from analyzer.pairs.model import DirectionClassifier, PairClassifier, RelationModel
from analyzer.pairs.result import PairResult
from analyzer.report.files import ReportFiles, write_report

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
