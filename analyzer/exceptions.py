"""The analyzer's errors.

Hierarchy::

    AnalyzerError                 base of everything the analyzer raises on purpose
    ├── InputError                a user-supplied input cannot be used
    │   ├── InputNotFoundError    a path does not exist
    │   ├── UnreadableInputError  a file exists but holds no usable article text
    │   └── NoArticlesError       nothing usable was found in any input
    ├── ModelError                the embedding or pair model cannot be loaded
    ├── IndexFormatError          an index file is corrupt, foreign or of another version
    └── ReportError               the report cannot be written (PDF engine, output folder)

Third-party errors are converted at the boundary (``raise InputError(...) from err``)
so callers catch one family. Inputs that can be skipped without losing the run
(one bad file among many) are not raised: they are recorded with their reason
and reported as warnings.
"""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base class of every error the analyzer raises on purpose."""


class InputError(AnalyzerError):
    """A user-supplied input cannot be used."""


class InputNotFoundError(InputError):
    """A path given by the user does not exist."""


class UnreadableInputError(InputError):
    """A file exists but holds no usable article text (empty, binary, ...)."""


class NoArticlesError(InputError):
    """None of the inputs yielded an article that can be analysed."""


class ModelError(AnalyzerError):
    """The embedding model or the shipped pair model cannot be loaded."""


class IndexFormatError(AnalyzerError):
    """An index file is corrupt, foreign, or of another format or model version."""


class ReportError(AnalyzerError):
    """The report cannot be written: the PDF engine is missing or fails, or the output is not writable."""
