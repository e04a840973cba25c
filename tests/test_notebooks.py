"""The notebooks run top to bottom, offline, in this interpreter, and are committed without outputs.

Each notebook runs in a fresh kernel of the Python running the tests (so a
fresh clone's ``.venv`` is used whatever kernels the machine has registered),
with the notebook's folder as working directory and ``HF_HUB_OFFLINE=1``
inherited from ``conftest.py``. A failing cell fails the test with its
traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds; a first build of the static encoder (notebook 02) takes 1-3 minutes once


@pytest.fixture(scope="module")
def kernels(tmp_path_factory: pytest.TempPathFactory) -> KernelSpecManager:
    """Kernel specs holding only ``python3``: this interpreter's ipykernel."""
    root = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(root / "python3")  # argv[0] is sys.executable
    return KernelSpecManager(kernel_dirs=[str(root)])


def execute(nb: nbformat.NotebookNode, kernels: KernelSpecManager, cwd: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh ``python3`` kernel; raise on the first failing cell."""
    km = KernelManager(kernel_name="python3", kernel_spec_manager=kernels)
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(cwd)}})
    return client.execute()


def test_there_are_the_three_notebooks():
    assert [p.name for p in ALL] == [
        "01_seeds_walkthrough.ipynb", "02_rank_new_articles.ipynb", "03_evaluation.ipynb",
    ]


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert dirty == [], f"{path.name}: cells {dirty} keep outputs; run `python scripts/strip_notebooks.py`"


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_uses_the_python3_kernel(path: Path):
    assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "python3"


def test_kernel_is_this_interpreter(kernels, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os, sys\nprint(sys.executable)\n"
                                                                   "print(os.environ['HF_HUB_OFFLINE'])")])
    out = execute(nb, kernels, tmp_path).cells[0].outputs[0]["text"].split()
    assert out == [sys.executable, "1"]


def test_a_failing_cell_fails_the_run(kernels, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('cell 1 broke')"),
                                         nbformat.v4.new_code_cell("print('never')")])
    with pytest.raises(Exception, match="cell 1 broke"):
        execute(nb, kernels, tmp_path)


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_runs_top_to_bottom(path: Path, kernels):
    nb = execute(nbformat.read(path, as_version=4), kernels, NOTEBOOKS)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert errors == []
