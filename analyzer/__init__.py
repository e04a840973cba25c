"""analyzer: who wrote a news story first, who copied it, who machine-spun it.

The public surface: :func:`compare` two articles, :func:`analyze` many, and
the records they return. DataFrames are the data interface. Names are
imported on first use (see ``_EXPORTS``).
"""

from __future__ import annotations

import importlib
import typing

from analyzer.__version__ import __version__
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

if typing.TYPE_CHECKING:
    from analyzer.analysis import Analysis, analyze
    from analyzer.article import Article
    from analyzer.embed.sentence import SentenceEncoder
    from analyzer.embed.static import StaticEncoder
    from analyzer.index.corpus import CorpusIndex
    from analyzer.index.rank import rank
    from analyzer.ingest.from_text import article_from_text
    from analyzer.ingest.read import read_articles
    from analyzer.pairs.engine import Engine, compare
    from analyzer.pairs.model import DirectionClassifier, PairClassifier, RelationModel
    from analyzer.pairs.result import PairResult
    from analyzer.report.files import ReportFiles, write_report

#: The face's names and the module each comes from: imported on first use, so that
#: ``analyzer --help`` or reading an exception does not load pandas, torch and spaCy.
_EXPORTS = {
    "Analysis": "analyzer.analysis",
    "analyze": "analyzer.analysis",
    "Article": "analyzer.article",
    "article_from_text": "analyzer.ingest.from_text",
    "compare": "analyzer.pairs.engine",
    "CorpusIndex": "analyzer.index.corpus",
    "DirectionClassifier": "analyzer.pairs.model",
    "Engine": "analyzer.pairs.engine",
    "PairClassifier": "analyzer.pairs.model",
    "PairResult": "analyzer.pairs.result",
    "rank": "analyzer.index.rank",
    "read_articles": "analyzer.ingest.read",
    "RelationModel": "analyzer.pairs.model",
    "ReportFiles": "analyzer.report.files",
    "SentenceEncoder": "analyzer.embed.sentence",
    "StaticEncoder": "analyzer.embed.static",
    "write_report": "analyzer.report.files",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


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
