"""Specification of writing index files: through symlinks, with the umask's mode, one writer at a time."""

import os
import stat
import threading
import time

import numpy as np
import pytest

from analyzer.exceptions import IndexFormatError
from analyzer.index.file_format import read_index_file, write_index_file, writer_lock

ARRAYS = {"x": np.arange(3, dtype="<i4")}
SPEC = {"x": ("<i4", "any")}


def test_writing_through_a_symlink_updates_its_target(tmp_path):
    real = tmp_path / "real.idx"
    write_index_file(real, {"n_articles": 0}, ARRAYS)
    link = tmp_path / "link.idx"
    link.symlink_to(real)
    write_index_file(link, {"n_articles": 0, "note": "second"}, ARRAYS)
    assert link.is_symlink()
    assert read_index_file(real, SPEC).manifest["note"] == "second"


def test_files_get_the_umask_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_index_file(tmp_path / "a.idx", {"n_articles": 0}, ARRAYS)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.idx").stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".a.idx.*.tmp"))


def test_a_folder_as_output_path_is_refused_clearly(tmp_path):
    with pytest.raises(IndexFormatError, match="is a folder"):
        write_index_file(tmp_path, {"n_articles": 0}, ARRAYS)


def test_a_second_writer_waits_for_the_first(tmp_path):
    path = tmp_path / "a.idx"
    order = []

    def second():
        with writer_lock(path, timeout=10):
            order.append("second")

    with writer_lock(path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        order.append("first")
    thread.join()
    assert order == ["first", "second"]


def test_a_writer_that_cannot_get_the_lock_stops_with_a_message(tmp_path):
    path = tmp_path / "a.idx"
    errors = []

    def second():
        try:
            with writer_lock(path, timeout=0.3):
                pass
        except IndexFormatError as err:
            errors.append(str(err))

    with writer_lock(path):
        thread = threading.Thread(target=second)
        thread.start()
        thread.join()
    assert errors and "another process is writing this index" in errors[0]


def test_a_killed_writers_temporary_file_is_removed_by_the_next_writer(tmp_path):
    index = tmp_path / "news.idx"
    write_index_file(index, {"n_articles": 0}, ARRAYS)
    stale = tmp_path / ".news.idx.abc123.tmp"  # what `kill -9` during a write leaves
    stale.write_bytes(b"half an index")
    with writer_lock(index):
        pass
    assert not stale.exists()
    assert index.exists()


def test_a_terminated_writer_removes_its_temporary_file(tmp_path):
    import signal
    import subprocess
    import sys

    script = (
        "import signal, time, numpy as np\n"
        "from analyzer.cli import _terminated\n"
        "import analyzer.index.file_format as ff\n"
        "signal.signal(signal.SIGTERM, _terminated)\n"
        "real = ff._array_bytes\n"
        "def slow(a):\n"
        "    print('writing', flush=True); time.sleep(30); return real(a)\n"
        "ff._array_bytes = slow\n"
        f"ff.write_index_file({str(tmp_path / 'news.idx')!r}, {{'n_articles': 0}}, {{'x': np.arange(3)}})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    assert list(tmp_path.glob(".news.idx.*.tmp"))
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert not list(tmp_path.glob(".news.idx.*.tmp"))
    assert not (tmp_path / "news.idx").exists()
