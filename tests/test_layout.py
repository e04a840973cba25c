"""Specification of the package's shape: one public face, folders that import one way, small modules."""

import __future__

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import grimp
import pytest

import analyzer
from analyzer import config

PACKAGE = Path(analyzer.__file__).parent
MAX_MODULE_LINES = 650


def exported_members() -> list[str]:
    """The face's public names as it defines them, eager or lazy (httpx's tests/test_exported_members.py)."""
    return sorted(
        (name for name in dir(analyzer)
         if not isinstance(getattr(analyzer, name), ModuleType | __future__._Feature)
         and (not name.startswith("_") or name == "__version__")),
        key=str.casefold,
    )


def test_all_is_exactly_what_the_face_defines():
    assert sorted(analyzer.__all__, key=str.casefold) == exported_members()


def test_the_command_line_starts_without_the_heavy_libraries():
    """`analyzer --help` must not pay for pandas, torch or spaCy (it took 3 s when it did)."""
    code = ("import sys, analyzer.cli; heavy = sorted(m for m in ('pandas', 'torch', 'spacy', 'sklearn') "
            "if m in sys.modules); print(','.join(heavy))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == ""


def test_every_face_name_resolves_to_its_module():
    for name in analyzer.__all__:
        assert getattr(analyzer, name) is not None


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("analyzer", include_external_packages=False, exclude_type_checking_imports=False)


def test_no_module_imports_the_face(graph):
    assert graph.find_modules_that_directly_import("analyzer") == set()


def test_no_import_cycles_counting_local_and_type_only_imports(graph):
    modules = sorted(graph.modules - {"analyzer"})
    cycles = [(m, d) for m in modules for d in graph.find_modules_directly_imported_by(m) - {"analyzer"}
              if graph.chain_exists(importer=d, imported=m)]
    assert cycles == []


def test_only_the_training_wing_imports_it(graph):
    importers = {m for t in graph.find_descendants("analyzer.training") | {"analyzer.training"}
                 for m in graph.find_modules_that_directly_import(t)}
    assert {m for m in importers if not m.startswith("analyzer.training")} == set()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_passes_the_size_limit(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def test_subpackage_inits_only_document_their_folder():
    for init in PACKAGE.glob("*/**/__init__.py"):
        body = [line for line in init.read_text().splitlines() if line.strip()]
        assert body[0].startswith('"""') and body[-1].endswith('"""'), init


def test_the_default_model_is_read_when_used(monkeypatch, tmp_path):
    monkeypatch.delenv("ANALYZER_MODEL", raising=False)
    assert config.default_model() == config.BUNDLED_MODEL
    monkeypatch.setenv("ANALYZER_MODEL", str(tmp_path))
    assert config.default_model() == str(tmp_path)
    assert analyzer.SentenceEncoder().model == str(tmp_path)


def test_ranking_is_one_function_not_an_index_method():
    assert analyzer.rank.__module__ == "analyzer.index.rank"
    assert not hasattr(analyzer.CorpusIndex, "rank")
