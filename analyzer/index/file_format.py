"""The on-disk format of a corpus index: layout, version, validation, atomic writes.

An index is **one ZIP file** (stored, not compressed) holding a JSON manifest
and plain NumPy ``.npy`` arrays; nothing in it is code and nothing is
unpickled:

``manifest.json``
    ``format`` (``"analyzer-corpus-index"``), ``format_version`` (an
    integer, :data:`FORMAT_VERSION`), ``created_by``, ``created``,
    ``n_articles``, ``encoder`` (``name``, ``version`` and ``dimension`` of
    the document-vector model the index was built with), ``params`` (the
    settings hashes and shingles were made with) and ``arrays`` (for each
    member: ``dtype`` and ``shape``).
``<name>.npy``
    One member per array named in the manifest, read with
    ``allow_pickle=False`` so an object array is refused. Text columns
    (ids, titles, article texts ...) are stored as two arrays: the UTF-8
    bytes of all values concatenated (``<column>.data``, ``uint8``) and the
    ``n + 1`` byte offsets where each value starts (``<column>.offsets``,
    ``int64``).
Sentence members (optional, all or none: an index built with sentence vectors)
    ``sentence_counts`` (``int32``, sentences per article), and per sentence,
    in article order: ``sentence_vectors`` (``float16``, full-model vectors;
    the manifest's ``sentence_model`` names the model, backend and version),
    ``sentence_spans`` (``int32``, start and end character offsets into the
    article text and the paragraph number), ``sentence_quoted`` (``float16``,
    share of letters inside quotation marks) and ``sentence_speakers`` (a
    text column; empty when no speaker is stated).

Loading checks, before anything is used: the file is a ZIP with a manifest,
the format name and version match, every listed member exists, is stored
uncompressed (so a small file cannot expand into gigabytes), and has the
dtype and shape the manifest states (and with ``n_articles`` rows), the
ZIP CRC of every member (a flipped byte fails), offsets are monotonic and
end at the data length, text decodes as UTF-8, and sentence spans lie inside
their article's text. Any failure raises
:class:`~analyzer.exceptions.IndexFormatError` naming the file and the
cause. Model compatibility (name and version) is checked by the caller,
:mod:`analyzer.index.corpus`, which knows the encoder in use.

Writes are atomic: the new file is written next to the target under a
temporary name, flushed to disk, and moved over the target with
:func:`os.replace`; a crash or an exception mid-write leaves the previous
index untouched and removes the temporary file.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import logging
import os
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from analyzer.exceptions import IndexFormatError

logger = logging.getLogger(__name__)

FORMAT_NAME = "analyzer-corpus-index"

#: Bumped whenever the layout or the meaning of a stored array changes.
FORMAT_VERSION = 4  # 2: sentence vectors come with their segmentation; 3: where each date came from;
#                     4: stated order of publication and disguises undone at ingest

MANIFEST = "manifest.json"

#: A manifest larger than this is not a manifest (guards a hostile file).
MAX_MANIFEST_BYTES = 1 << 20


@dataclass(frozen=True)
class IndexFile:
    """The raw content of an index file: its manifest and its named arrays."""

    manifest: dict[str, Any]
    arrays: dict[str, np.ndarray]


def pack_strings(values: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 bytes of ``values`` concatenated, and the ``len(values) + 1`` offsets into them."""
    encoded = [v.encode("utf-8", "surrogatepass") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    if encoded:
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return data, offsets


def unpack_strings(data: np.ndarray, offsets: np.ndarray, *, where: str = "index") -> list[str]:
    """The strings packed by :func:`pack_strings`; raises on inconsistent offsets or bad UTF-8."""
    if offsets.ndim != 1 or len(offsets) == 0 or offsets[0] != 0:
        raise IndexFormatError(f"{where}: text offsets must start at 0")
    if np.any(np.diff(offsets) < 0) or int(offsets[-1]) != len(data):
        raise IndexFormatError(
            f"{where}: text offsets are not increasing or do not end at the data length "
            f"({int(offsets[-1])} vs {len(data)} bytes); the file is corrupt"
        )
    blob = data.tobytes()
    try:
        return [blob[s:e].decode("utf-8", "surrogatepass")
                for s, e in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)]
    except UnicodeDecodeError as err:
        raise IndexFormatError(f"{where}: stored text is not valid UTF-8 ({err}); "
                               "the file is corrupt") from err


def _array_bytes(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write_index_file(path: str | os.PathLike, manifest: Mapping[str, Any],
                     arrays: Mapping[str, np.ndarray]) -> None:
    """Write ``manifest`` and ``arrays`` to ``path`` atomically (temp file + :func:`os.replace`).

    The manifest gets the format name and version and the dtype and shape of
    every array. Object arrays are refused: the format holds numbers and bytes only.
    A path that is a symlink updates the file it points to; the new file gets
    the mode the umask gives (not the temporary file's 0600).
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise IndexFormatError(f"{path}: is a folder; give the index file's path "
                               f"(e.g. {Path(path) / 'news.idx'})")
    for name, array in arrays.items():
        if array.dtype.hasobject:
            raise TypeError(f"array {name!r} has dtype object; the index format stores no Python objects")
    full = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        **manifest,
        "arrays": {name: {"dtype": a.dtype.str, "shape": list(a.shape)} for name, a in arrays.items()},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
                zf.writestr(_member(MANIFEST), json.dumps(full, indent=1, ensure_ascii=False))
                for name, array in arrays.items():
                    zf.writestr(_member(f"{name}.npy"), _array_bytes(array))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


def _remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files a killed writer of ``target`` left behind (called under the writer lock).

    A writer removes its temporary file on any error or signal it can catch;
    after ``kill -9`` nobody can, so the next writer, holding the lock (no
    other writer is mid-write), removes it.
    """
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
            logger.warning("%s: removed %s, left by an interrupted writer", target, stale.name)


def _umask() -> int:
    """The process umask (read by setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def writer_lock(path: str | os.PathLike, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold the advisory lock of index ``path`` for a read-modify-write (``index add``).

    A second writer waits up to ``timeout`` seconds, then stops with
    :class:`~analyzer.exceptions.IndexFormatError` instead of overwriting the
    first one's addition. The lock is ``<index>.lock`` beside the index (POSIX
    ``flock``; where that is missing, no lock is taken).
    """
    target = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    lock_path = target.with_name(target.name + ".lock")
    with open(lock_path, "a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexFormatError(f"{path}: another process is writing this index (waited "
                                           f"{timeout:.0f} s for {lock_path}); try again when it is done"
                                           ) from None
                time.sleep(0.2)
        _remove_stale_temporaries(target)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); not possible on every platform, hence best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _member(name: str) -> zipfile.ZipInfo:
    """A stored ZIP member with a fixed timestamp.

    The manifest holds the real dates; equal content then gives an equal file.
    """
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info


def _read_manifest(zf: zipfile.ZipFile, where: str) -> dict[str, Any]:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise IndexFormatError(f"{where}: no {MANIFEST} inside; not an analyzer index") from None
    if info.file_size > MAX_MANIFEST_BYTES or info.compress_type != zipfile.ZIP_STORED:
        # Stored and bounded: a deflated manifest could expand a small file into gigabytes.
        how = ("is compressed; analyzer indexes store it uncompressed, so this file was not written by "
               "the analyzer" if info.compress_type != zipfile.ZIP_STORED
               else f"is {info.file_size} bytes; not an analyzer index")
        raise IndexFormatError(f"{where}: {MANIFEST} {how}")
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except RecursionError:
        raise IndexFormatError(f"{where}: {MANIFEST} is nested too deeply; not an analyzer index") from None
    except (ValueError, zipfile.BadZipFile) as err:
        raise IndexFormatError(f"{where}: {MANIFEST} is unreadable ({err}); the file is corrupt") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise IndexFormatError(f"{where}: not an analyzer corpus index (format is "
                               f"{manifest.get('format') if isinstance(manifest, dict) else None!r})")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexFormatError(
            f"{where}: index format version {version!r}, this analyzer reads version {FORMAT_VERSION}; "
            f"rebuild the index with 'analyzer index build'"
        )
    n = manifest.get("n_articles")
    if not isinstance(manifest.get("arrays"), dict) or not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise IndexFormatError(f"{where}: manifest lacks 'arrays' or 'n_articles'; the file is corrupt")
    return manifest


def _read_array(zf: zipfile.ZipFile, name: str, spec: Any, where: str) -> np.ndarray:
    member = f"{name}.npy"
    if (not isinstance(spec, dict) or not isinstance(spec.get("dtype"), str)
            or not isinstance(spec.get("shape"), list)
            or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in spec["shape"])):
        raise IndexFormatError(f"{where}: manifest entry for {name!r} lacks a dtype string or a shape "
                               "of sizes; the file is corrupt")
    try:
        info = zf.getinfo(member)
    except KeyError:
        raise IndexFormatError(f"{where}: array {member} listed in the manifest is missing") from None
    if info.compress_type != zipfile.ZIP_STORED or info.file_size != info.compress_size:
        # Stored members cannot expand: a small hostile file cannot claim gigabytes of memory.
        raise IndexFormatError(f"{where}: array {member} is compressed; analyzer indexes store "
                               f"arrays uncompressed, so this file was not written by the analyzer")
    try:
        raw = zf.read(member)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise IndexFormatError(f"{where}: array {member} is damaged ({err}); the file is corrupt") from err
    _check_array_header(raw, member, where)
    try:
        array = np.load(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, TypeError, MemoryError, EOFError) as err:
        raise IndexFormatError(f"{where}: array {member} is not a plain NumPy array ({err})") from err
    if array.dtype.str != spec["dtype"] or list(array.shape) != list(spec["shape"]):
        raise IndexFormatError(
            f"{where}: array {member} is {array.dtype.str} {list(array.shape)}, the manifest says "
            f"{spec['dtype']} {spec['shape']}; the file is corrupt"
        )
    return array


def _check_array_header(raw: bytes, member: str, where: str) -> None:
    """Refuse an array whose header declares more data than the member holds, before allocating it."""
    buf = io.BytesIO(raw)
    try:
        version = np.lib.format.read_magic(buf)
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        shape, _, dtype = read_header(buf)
    except (ValueError, TypeError, SyntaxError, EOFError) as err:
        raise IndexFormatError(f"{where}: array {member} has no valid NumPy header ({err})") from err
    declared = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if declared > len(raw) - buf.tell():
        raise IndexFormatError(f"{where}: array {member} declares shape {shape} ({declared} bytes) but holds "
                               f"{len(raw) - buf.tell()} bytes; the file is corrupt")


def read_index_file(path: str | os.PathLike, required: Mapping[str, tuple[str, str]],
                    optional: Mapping[str, tuple[str, str]] | None = None) -> IndexFile:
    """Read and validate an index file.

    ``required`` maps each array name to its expected dtype and number of
    rows: ``"n"`` (one per article), ``"n+1"`` (text offsets) or ``"any"``
    (text bytes); ``optional`` arrays are read, and checked alike, when the
    manifest lists them. Raises
    :class:`~analyzer.exceptions.IndexFormatError` naming ``path`` and the cause.
    """
    where = str(path)
    if not os.path.exists(path):
        raise IndexFormatError(f"{where}: no such index file")
    if os.path.isdir(path):
        raise IndexFormatError(f"{where}: is a folder, not an index file")
    if not stat.S_ISREG(os.stat(path).st_mode):  # a device or FIFO would be read forever
        raise IndexFormatError(f"{where}: is not a regular file (a device, pipe or socket); not an index")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise IndexFormatError(f"{where}: not an analyzer index (not a ZIP archive: {err}); "
                               f"truncated or a different kind of file") from err
    with zf:
        names = zf.namelist()
        if len(names) != len(set(names)):
            repeated = sorted({x for x in names if names.count(x) > 1})
            raise IndexFormatError(f"{where}: members {repeated} appear twice; the file was tampered with")
        manifest = _read_manifest(zf, where)
        n = manifest["n_articles"]
        specs = manifest["arrays"]
        arrays: dict[str, np.ndarray] = {}
        wanted = {**required, **{k: v for k, v in (optional or {}).items() if k in specs}}
        for name, (dtype, rows) in wanted.items():
            if name not in specs:
                raise IndexFormatError(f"{where}: manifest lists no array {name!r}; the file is corrupt")
            array = _read_array(zf, name, specs[name], where)
            expected = {"n": n, "n+1": n + 1}.get(rows)
            if array.dtype.str != np.dtype(dtype).str or (expected is not None and len(array) != expected):
                raise IndexFormatError(
                    f"{where}: array {name!r} is {array.dtype.str} with {len(array)} rows, expected "
                    f"{np.dtype(dtype).str} with {expected} rows; the file is corrupt"
                )
            arrays[name] = array
    return IndexFile(manifest=manifest, arrays=arrays)
