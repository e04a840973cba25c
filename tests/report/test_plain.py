"""Specification of article text shown in terminals and spreadsheets: nothing in it runs."""

import io
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.report.plain import spreadsheet_cell, spreadsheet_safe, terminal_safe

UNSAFE = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + [
    "\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]


@pytest.mark.parametrize(("text", "shown"), [
    ("Title\x1b]0;pwned\x07", "Title\\x1b]0;pwned\\x07"),
    ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
    ("line one\nline\ttwo", "line one\nline\ttwo"),
    ("Café – “quoted”", "Café – “quoted”"),
])
def test_terminal_text_shows_controls_as_escapes(text, shown):
    assert terminal_safe(text) == shown


@given(st.text())
def test_no_unsafe_character_survives(text):
    assert not any(c in terminal_safe(text) for c in UNSAFE)


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1 555", "'+1 555"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("Newsweek", "Newsweek"), (-0.5, -0.5), (None, None),
])
def test_formula_cells_are_guarded_and_numbers_kept(value, cell):
    assert spreadsheet_cell(value) == cell


def test_a_table_is_guarded_cell_by_cell():
    table = pd.DataFrame({"title": ["=1+1", "plain"], "score": [-1.0, 2.0]})
    out = io.StringIO()
    spreadsheet_safe(table).to_csv(out, index=False)
    assert out.getvalue().splitlines() == ["title,score", "'=1+1,-1.0", "plain,2.0"]
    assert table["title"][0] == "=1+1"  # the caller's table is untouched


def test_cli_csv_and_text_outputs_carry_no_formula_or_escape(tmp_path, capsys):
    from analyzer.cli import main

    feed = tmp_path / "feed.jsonl"
    text = "one two three four five. six seven eight."
    rows = [{"id": "=cmd", "title": "\x1b[2J=HYPERLINK(1)", "text": text},
            {"id": "b", "title": "plain", "text": ""}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    main(["-q", "analyze", str(feed), "--csv", "--table", "articles"])
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err
    assert "'=cmd" in out.out and ",=cmd" not in out.out


def test_raw_csv_opts_out_of_the_formula_guard(tmp_path, capsys):
    from analyzer.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "=cmd", "text": "one two three four five. six seven eight."}) + "\n",
                    encoding="utf-8")
    main(["-q", "analyze", str(feed), "--csv", "--table", "articles", "--raw"])
    out = capsys.readouterr().out
    assert "\n=cmd," in out and "'=cmd" not in out
