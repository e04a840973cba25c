"""Static sentence vectors: ~100x faster than the sentence model, for candidates only.

:class:`StaticEncoder` embeds a text as the weighted mean of fixed per-token
vectors (a model2vec "static model"), so it needs no network pass: on 2 cores
it encodes 15,000-25,000 news sentences/s against ~170/s for the full model.
The vectors are distilled locally from the bundled sentence model with
model2vec's own method (each vocabulary token's output from the model, PCA to
``dims`` dimensions, Zipf/SIF down-weighting of frequent tokens); nothing is
downloaded. Its similarities rank pairs differently from the full model's
(Spearman ~0.65 on news sentence pairs), so it is fit to propose candidates,
not to decide relations: the pair engine keeps the full model.

The distilled model is cached under :func:`analyzer.embed.models.cache_dir`
(about 15 MB) and built on first use, which takes about a minute; run
``analyzer models prepare`` (the set-up script does) to build it ahead.
Loading it afterwards takes ~0.2 s and reads only safetensors and JSON.

Why model2vec's distiller: ``skeletoken`` (which it needs) installs alone
against the project's transformers without the downgrade the
``model2vec[distill]`` extra asks for, and reusing the reference
implementation keeps the vectors those of a published method.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from analyzer.config import BUNDLED_MODEL, STATIC_DIMENSION
from analyzer.embed.models import (
    build_folder,
    cache_dir,
    file_digest,
    model_version,
    resolve_model_path,
    slug,
    text_digest,
)
from analyzer.exceptions import ModelError

log = logging.getLogger(__name__)

#: The file that holds the vectors (and names their version by its digest).
_VECTORS_FILE = "model.safetensors"

#: model2vec's default SIF coefficient: a token's weight is a / (a + p(token)).
_SIF_COEFFICIENT = 1e-4


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def static_recipe(base_model: str = BUNDLED_MODEL, dims: int = STATIC_DIMENSION) -> str:
    """What the distilled vectors depend on; a different recipe gets its own cache folder."""
    base = model_version(base_model)
    if base == "local folder":
        base = f"folder {Path(resolve_model_path(base_model)).resolve()}"
    return (f"{base}; model2vec {_package_version('model2vec')}; "
            f"skeletoken {_package_version('skeletoken')}; pca {dims}; sif {_SIF_COEFFICIENT}")


def static_model_folder(base_model: str = BUNDLED_MODEL, dims: int = STATIC_DIMENSION) -> Path:
    """Where the static model distilled from ``base_model`` is (or will be) cached."""
    recipe = static_recipe(base_model, dims)
    name = slug(base_model.removeprefix("bundled:"))
    return cache_dir() / "static" / f"{name}-{dims}d-{text_digest(recipe)}"


def distill_static_model(base_model: str, dims: int, folder: Path) -> None:
    """Distil ``base_model`` into a model2vec static model saved in ``folder`` (~1 minute)."""
    try:
        from model2vec.distill import distill
    except ImportError as err:
        raise ModelError(
            "distilling the static encoder needs model2vec's distiller and 'skeletoken' "
            f"({err}); install them with: pip install 'skeletoken>=0.6,<0.7'"
        ) from err
    path = resolve_model_path(base_model)
    try:
        model = distill(path, pca_dims=dims, device="cpu", sif_coefficient=_SIF_COEFFICIENT)
        model.save_pretrained(str(folder))
        (folder / "recipe.txt").write_text(static_recipe(base_model, dims) + "\n", encoding="utf-8")
    except Exception as err:
        raise ModelError(f"could not distil a static model from {base_model!r} ({path}): {err}") from err


def prepare_static_model(base_model: str = BUNDLED_MODEL, dims: int = STATIC_DIMENSION) -> Path:
    """The cached static model folder, distilled now if missing (about a minute on 2 cores)."""
    folder = static_model_folder(base_model, dims)
    if not (folder / _VECTORS_FILE).is_file():
        warnings.warn(
            f"building the static candidate encoder from {base_model} into {folder}; this takes "
            "about a minute once (run 'analyzer models prepare' to do it ahead)",
            stacklevel=2,
        )
        build_folder(folder, lambda tmp: distill_static_model(base_model, dims, tmp), _VECTORS_FILE)
    return folder


@dataclass
class StaticEncoder:
    """Encodes texts to unit vectors with a static (per-token) model.

    ``encode(texts)`` returns a float32 array with one L2-normalised row per
    text; an empty text (or one with no known token) gives a zero row, so its
    cosine with anything is 0. Texts are not truncated. ``version`` names the
    exact vectors (recipe and a digest of the weights file): an index built
    with one version must not be queried with another. ``folder`` overrides
    the cache (a model2vec folder made elsewhere).
    """

    base_model: str = BUNDLED_MODEL
    dims: int = STATIC_DIMENSION
    folder: Path | None = None
    batch_size: int = 1024
    _model: Any = field(default=None, init=False, repr=False)
    _version: str | None = field(default=None, init=False, repr=False)

    @property
    def name(self) -> str:
        """What the vectors are: the static distillation of ``base_model``."""
        return f"static:{self.base_model}"

    @property
    def model_folder(self) -> Path:
        """The folder the vectors are read from (built on first use when it is the cache)."""
        if self.folder is not None:
            return Path(self.folder)
        return prepare_static_model(self.base_model, self.dims)

    @property
    def static_model(self) -> Any:
        """The loaded model2vec ``StaticModel`` (loaded on first use)."""
        if self._model is None:
            folder = self.model_folder
            if not (folder / _VECTORS_FILE).is_file():
                # model2vec would try the Hugging Face hub for a missing folder.
                raise ModelError(f"no static model in {folder}: {_VECTORS_FILE} is missing")
            try:
                from model2vec import StaticModel

                self._model = StaticModel.from_pretrained(str(folder))
            except Exception as err:
                raise ModelError(f"could not load the static model in {folder}: {err}") from err
            self._version = f"{self.name} {folder.name} weights {file_digest(folder / _VECTORS_FILE)}"
        return self._model

    @property
    def version(self) -> str:
        """Names the exact vectors; changes whenever they would."""
        if self._version is None:
            _ = self.static_model
        assert self._version is not None
        return self._version

    @property
    def dimension(self) -> int:
        """Length of the vectors."""
        return int(self.static_model.embedding.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for ``texts``, one float32 row each (zero rows for empty texts)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        filled = [i for i, t in enumerate(texts) if t and t.strip()]
        if filled:
            vectors = self.static_model.encode(
                [texts[i] for i in filled], max_length=None, batch_size=self.batch_size,
                use_multiprocessing=False, show_progress_bar=False,
            )
            vectors = np.asarray(vectors, dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            out[filled] = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
        return out

    def __getstate__(self) -> dict[str, Any]:
        # Ship the recipe, not 15 MB of vectors: a worker loads them from its cache.
        state = dict(self.__dict__)
        state["_model"] = None
        return state
