"""The command line: output formats, exit codes and messages."""

import json

import pytest

from analyzer.cli import EXIT_INPUT, EXIT_OK, EXIT_SKIPPED, main
from tests.conftest import NEWSWEEK, SPUN


@pytest.fixture(autouse=True)
def shared_engine(monkeypatch, engine):
    """Reuse the session's engine so each command does not reload the model."""
    monkeypatch.setattr("analyzer.cli._engine", lambda model, backend="torch": engine)


def test_compare_prints_the_evidence(capsys, seeds_dir):
    code = main(["compare", str(seeds_dir / f"{NEWSWEEK}.txt"), str(seeds_dir / f"{SPUN}.txt")])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "relation: spun" in out
    assert f"original: {NEWSWEEK}" in out
    assert "'1,000 miles' -> '1,000 kilometers' (unit; a" in out


def test_compare_json_is_complete(capsys, seeds_dir):
    main(["compare", "--json", str(seeds_dir / f"{NEWSWEEK}.txt"), str(seeds_dir / f"{SPUN}.txt")])
    data = json.loads(capsys.readouterr().out)
    assert data["relation"] == "spun"
    assert data["original_id"] == NEWSWEEK
    assert data["substitutions"] and data["alignment"]


def test_analyze_table_lists_articles_and_pairs(capsys, seeds_dir):
    code = main(["analyze", str(seeds_dir)])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "5 articles analysed, 0 skipped; 10 of 10 pairs examined" in out


@pytest.mark.parametrize("flag", ["--json", "--csv"])
def test_analyze_machine_formats(capsys, seeds_dir, flag):
    assert main(["analyze", flag, str(seeds_dir)]) == EXIT_OK
    out = capsys.readouterr().out
    if flag == "--json":
        data = json.loads(out)
        assert len(data["articles"]) == 5 and len(data["pairs"]) == 10
    else:
        lines = out.strip().splitlines()
        assert lines[0].startswith("a,b,relation,spin_probability")
        assert len(lines) == 11


def test_missing_path_is_an_input_error(capsys, tmp_path):
    code = main(["analyze", str(tmp_path / "nope.txt")])
    assert code == EXIT_INPUT
    assert "nope.txt" in capsys.readouterr().err


def test_unreadable_file_in_compare_is_an_input_error(capsys, tmp_path, seeds_dir):
    binary = tmp_path / "junk.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    code = main(["compare", str(binary), str(seeds_dir / f"{SPUN}.txt")])
    assert code == EXIT_INPUT
    assert "junk.txt" in capsys.readouterr().err


def test_skipped_inputs_are_listed_and_change_the_exit_code(capsys, tmp_path, seeds_dir):
    for name in (f"{NEWSWEEK}.txt", f"{SPUN}.txt"):
        (tmp_path / name).write_text((seeds_dir / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    code = main(["analyze", "--json", str(tmp_path)])
    data = json.loads(capsys.readouterr().out)
    assert code == EXIT_SKIPPED
    statuses = {a["id"]: a["status"] for a in data["articles"]}
    assert statuses == {NEWSWEEK: "ok", SPUN: "ok", "empty": "skipped"}


def test_folder_without_articles_is_an_input_error(capsys, tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    assert main(["analyze", str(tmp_path)]) == EXIT_INPUT
    assert "no article could be analysed" in capsys.readouterr().err
