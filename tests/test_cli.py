"""The command line: output formats, exit codes and messages."""

import json

import pytest

import analyzer
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
    lines = out.splitlines()
    assert lines[0].startswith("Copied or spun pairs (1)")  # derived pairs first
    assert lines[2].split()[:5] == ["spun", "99%", NEWSWEEK, "→", SPUN]
    assert max(len(line) for line in lines) <= 100
    assert not any(word in out for word in ("NaN", "None", "spin_probability", "coverage_min",
                                             "shingle5", "original_id"))
    assert "same story" in out and "same_story" not in out


def test_analyze_table_says_when_the_text_does_not_tell():
    from types import SimpleNamespace

    import pandas as pd

    from analyzer.report.console import format_analysis

    pairs = pd.DataFrame({"a": ["a1", "a1"], "b": ["b1", "c1"], "relation": ["copy", "unrelated"],
                          "spin_probability": [0.01, 0.0], "p_copy": [0.97, 0.0], "original_id": [None, None],
                          "coverage_min": [1.0, 0.0], "shingle5_containment_max": [0.98, 0.0],
                          "doc_cosine": [0.99, float("nan")]})
    articles = pd.DataFrame({"id": ["a1", "b1", "c1"], "status": ["ok", "ok", "skipped"],
                             "source": ["X " * 40, None, None], "n_words": [10, 10, None],
                             "n_sentences": [2, 2, None], "reason": [None, None, "empty file"]})
    analysis = SimpleNamespace(pairs=pairs, articles=articles, sources=pd.DataFrame())
    out = format_analysis(analysis)
    assert "a1                     – b1" in out and "the text does not tell" in out
    assert "skipped: empty file" in out and "NaN" not in out and "None" not in out
    assert max(len(line) for line in out.splitlines()) <= 100


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


@pytest.mark.parametrize("argv", [
    ["-q", "--model", "m", "rank", "new.txt", "--index", "i.idx"],
    ["rank", "new.txt", "--index", "i.idx", "-q", "--model", "m"],
    ["-q", "rank", "new.txt", "--model", "m", "--index", "i.idx"],
])
def test_options_for_every_command_work_before_or_after_it(argv):
    from analyzer.cli import build_parser

    args = build_parser().parse_args(argv)
    assert (args.quiet, args.model, args.verbose, args.order) == (True, "m", False, None)


def test_version_is_printed(capsys):
    from analyzer.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"analyzer {analyzer.__version__}"


def test_cut_lists_say_how_much_is_shown(engine, seed_articles):
    from analyzer.cli import format_pair

    result = engine.compare(seed_articles["003_26342a6f18a9b02e"], seed_articles["000_d33e6d2f6bc58844"])
    text = format_pair(result)
    assert f"substitutions (24 of {len(result.substitutions)} shown (--all for every one))" in text
    whole = format_pair(result, max_rows=None)
    assert f"substitutions ({len(result.substitutions)}):" in whole
    assert f"aligned sentences ({len(result.alignment)}; a | b | similarity)" in whole
    assert whole.count("  a") >= len(result.alignment)
