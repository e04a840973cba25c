"""Where models the analyzer derives locally are kept, and how they are written.

Derived models (the static candidate encoder, the ONNX export of the sentence
model) are built once from the bundled model and reused. They live under
``~/.cache/analyzer/`` or ``$ANALYZER_CACHE`` when set, never in the
repository. A model folder is built in a temporary sibling and renamed into
place, so a reader (another process, a Dask worker) never sees half a model
and two builders racing each keep a complete one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from analyzer.exceptions import ModelError


def cache_dir() -> Path:
    """The analyzer's cache root: ``$ANALYZER_CACHE`` or ``~/.cache/analyzer``."""
    root = os.environ.get("ANALYZER_CACHE")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "analyzer"


def slug(text: str) -> str:
    """A folder-name-safe form of ``text`` (model names, versions)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


def file_digest(path: Path, length: int = 16) -> str:
    """First ``length`` hex digits of the SHA-256 of a file: names the exact weights."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:length]


def text_digest(text: str, length: int = 12) -> str:
    """A short stable digest of ``text``: names a cache folder by the recipe it was built from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def build_folder(target: Path, build: Callable[[Path], None], required: str) -> Path:
    """``target``, built by ``build(tmp_folder)`` unless it already holds ``required``.

    ``build`` writes the model's files into the empty folder it is given; the
    folder is renamed to ``target`` only when ``build`` returns and produced
    ``required``. Raises :class:`ModelError` when the cache is not writable.
    """
    if (target / required).is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as err:
        raise ModelError(
            f"cannot write the model cache {target.parent}: {err}; set ANALYZER_CACHE to a writable folder"
        ) from err
    try:
        build(tmp)
        if not (tmp / required).is_file():
            raise ModelError(f"building {target.name} produced no {required} in {tmp}")
        try:
            tmp.rename(target)
        except OSError:
            # Another process finished the same model first: keep theirs.
            if not (target / required).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
