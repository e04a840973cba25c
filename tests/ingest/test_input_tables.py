"""CSV and JSONL with missing columns or malformed lines: reported where, the rest processed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.cli import EXIT_SKIPPED, main
from tests.texts import NEWS, PLAIN


def test_jsonl_malformed_line_is_reported_by_number_and_the_rest_processed(tmp_path: Path, capsys) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "first", "title": "One", "text": NEWS}),
        '{"id": "broken", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "last", "title": "Two", "text": PLAIN}),
    ]), encoding="utf-8")
    assert main(["analyze", str(feed), "--csv", "--table", "articles"]) == EXIT_SKIPPED
    captured = capsys.readouterr()
    assert "feed.jsonl: skipped: line 2: invalid JSON" in captured.err
    assert "line 3:" in captured.err
    rows = captured.out.splitlines()
    assert rows[1].startswith("first,") and rows[-1].startswith("last,")
    assert len(rows) == 5  # header + four inputs, two of them skipped


@pytest.mark.parametrize(("header", "message"), [
    ("id,body", "CSV has no 'text' column (columns found: 'id', 'body'"),
    ("", "empty file"),
])
def test_csv_without_a_text_column_is_one_clear_skip(tmp_path: Path, capsys, header: str,
                                                      message: str) -> None:
    table = tmp_path / "table.csv"
    table.write_text(header + ("\n1,hello there\n" if header else ""), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(NEWS, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(PLAIN, encoding="utf-8")
    assert main(["analyze", str(tmp_path), "--csv", "--table", "articles"]) == EXIT_SKIPPED
    captured = capsys.readouterr()
    assert message in captured.err
    assert "table," in captured.out and "good," in captured.out


def test_csv_rows_with_missing_cells_are_skipped_by_row(tmp_path: Path) -> None:
    from analyzer.ingest.read import read_articles

    table = tmp_path / "rows.csv"
    table.write_text('id,title,text\nr1,One,"' + NEWS.replace('"', '""') + '"\nr2,Two,\nr3,Three\n',
                     encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        articles = read_articles([table])
    assert [(a.id, a.status) for a in articles] == [("r1", "ok"), ("r2", "skipped"), ("r3", "skipped")]
    said = [str(w.message) for w in caught]
    assert any("rows.csv row 2: skipped: empty text" in m for m in said)
    assert any("rows.csv: skipped: row 3: the row is shorter than the header" in m for m in said)
