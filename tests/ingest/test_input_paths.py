"""Missing paths and empty folders: every command and public function says which path, and why.

Exit code 2 is "unusable input" for every command; nothing is analysed and no
model is loaded before the paths are checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.cli import EXIT_INPUT, main
from analyzer.exceptions import InputNotFoundError, NoArticlesError
from tests.conftest import NEWSWEEK, SEEDS

SEED = str(SEEDS / f"{NEWSWEEK}.txt")


def _commands(bad: str, out: Path) -> list[list[str]]:
    """Every command with ``bad`` in the place of an input path."""
    return [
        ["compare", bad, SEED],
        ["compare", SEED, bad],
        ["analyze", bad],
        ["analyze", str(SEEDS), bad],
        ["report", bad, "-o", str(out), "--no-pdf"],
        ["index", "build", bad, "-o", str(out / "corpus.idx")],
        ["rank", SEED, "--corpus", bad],
        ["rank", bad, "--corpus", str(SEEDS)],
    ]


@pytest.mark.parametrize("which", range(8))
def test_missing_path_is_named_with_exit_2(which: int, tmp_path: Path, capsys) -> None:
    missing = str(tmp_path / "no-such-article.txt")
    argv = _commands(missing, tmp_path)[which]
    assert main(["-q", *argv]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "does not exist" in err and "no-such-article.txt" in err
    assert not list(tmp_path.glob("*.html")), "nothing is written for unusable input"


@pytest.mark.parametrize("which", [2, 4, 5])
def test_folder_without_articles_is_named_with_exit_2(which: int, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article format
    argv = _commands(str(empty), tmp_path)[which]
    assert main([*argv]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "empty-folder" in err and "holds no article files" in err


def test_index_commands_name_a_missing_index(tmp_path: Path, capsys) -> None:
    missing = str(tmp_path / "absent.idx")
    for argv in (["index", "info", missing], ["index", "add", missing, SEED],
                 ["rank", SEED, "--index", missing]):
        assert main(["-q", *argv]) == EXIT_INPUT, argv
        assert "absent.idx" in capsys.readouterr().err


def test_python_api_raises_documented_errors(tmp_path: Path) -> None:
    import analyzer

    missing = tmp_path / "gone.txt"
    with pytest.raises(InputNotFoundError, match=r"input path does not exist: '.*gone\.txt'"):
        analyzer.analyze([missing])
    with pytest.raises(InputNotFoundError, match=r"gone\.txt"):
        analyzer.read_articles([missing])
    with pytest.raises(InputNotFoundError, match=r"gone\.txt"):
        analyzer.CorpusIndex.build([missing])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoArticlesError, match="no article could be analysed"):
        analyzer.analyze([empty])
