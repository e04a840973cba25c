"""Empty, binary and wrongly encoded files: skipped or decoded, the choice reported, none lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.cli import EXIT_SKIPPED, main
from analyzer.ingest.decode import Undecodable, decode_bytes
from analyzer.ingest.read import read_articles
from tests.texts import NEWS, PLAIN

#: name -> (bytes, expected status, what the reason or encoding says)
FILES = {
    "empty.txt": (b"", "skipped", "empty file"),
    "blank.txt": (b" \n\t\n", "skipped", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "skipped", "binary file"),
    "png.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "skipped", "binary file"),
    "cp1252.txt": (("Caf\u00e9 owners\n\n" + PLAIN).replace("\u2019", "'").encode("cp1252"), "ok",
                   "cp125"),
    "utf16.txt": (("Headline\n\n" + NEWS).encode("utf-16"), "ok", "utf-16"),
    "mixed.txt": (("Caf\u00e9 owners\n\n" + PLAIN).encode("utf-8") + b"\nThe caf\xe9 closed early.\n",
                  "ok", "utf-8+cp1252"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bytes")
    for name, (data, _, _) in FILES.items():
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def analysis(folder: Path, engine):
    from analyzer.analysis import analyze

    with pytest.warns(UserWarning):
        return analyze([folder], engine=engine)


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_file_is_listed_with_its_status(analysis, name: str) -> None:
    _, status, said = FILES[name]
    row = analysis.articles.set_index("id").loc[Path(name).stem]
    assert row["status"] == status
    if status == "skipped":
        assert said in row["reason"]
    else:
        assert said in row["encoding"]


def test_a_guessed_encoding_is_reported_as_a_warning(folder: Path) -> None:
    with pytest.warns(UserWarning, match=r"cp1252.txt: not valid UTF-8; decoded as cp125\d \(detected\)"):
        read_articles([folder / "cp1252.txt"])
    with pytest.warns(UserWarning, match=r"mixed encodings: mostly UTF-8, 1 byte decoded as cp1252"):
        read_articles([folder / "mixed.txt"])


def test_mixed_encodings_keep_the_utf8_text_intact(folder: Path) -> None:
    with pytest.warns(UserWarning):
        (article,) = read_articles([folder / "mixed.txt"])
    assert article.title == "Caf\u00e9 owners"
    assert "The caf\u00e9 closed early." in article.text
    assert "\u00c3" not in article.text  # no mojibake of the UTF-8 part


def test_cli_lists_skipped_files_and_exits_1(folder: Path, capsys) -> None:
    assert main(["-q", "analyze", str(folder), "--csv", "--table", "articles"]) == EXIT_SKIPPED
    out = capsys.readouterr().out
    for name in FILES:
        assert Path(name).stem in out


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5), st.binary(min_size=1, max_size=3))
def test_stray_bytes_never_garble_the_utf8_lines(lines: list[str], stray: bytes) -> None:
    stray = bytes(b | 0x80 for b in stray)  # high bytes, as a single-byte encoding writes them
    good = "\u00e9t\u00e9 " + "\n".join(line.replace("\x00", "") for line in lines)
    data = good.encode("utf-8") + b"\n" + stray
    try:
        text, encoding, _ = decode_bytes(data)
    except Undecodable:  # only the documented "not text" outcome is allowed
        return
    if encoding == "utf-8+cp1252":
        assert text.startswith(good)


def test_rank_lists_every_bad_input_with_its_status(folder: Path, engine) -> None:
    from analyzer.index.rank import rank
    from tests.conftest import NEWSWEEK, SEEDS

    with pytest.warns(UserWarning):
        ranking = rank([folder], corpus=[SEEDS / f"{NEWSWEEK}.txt"], engine=engine)
    statuses = dict(zip(ranking["id"], ranking["status"], strict=True))
    assert statuses == {Path(name).stem: status for name, (_, status, _) in FILES.items()}
    assert ranking.loc[ranking["status"] != "ok", "reason"].notna().all()


def test_index_build_counts_the_skipped_inputs_and_exits_1(folder: Path, tmp_path: Path, capsys) -> None:
    from analyzer.index.corpus import CorpusIndex

    target = tmp_path / "bad.idx"
    assert main(["-q", "index", "build", str(folder), "-o", str(target)]) == EXIT_SKIPPED
    skipped = sum(status == "skipped" for _, status, _ in FILES.values())
    assert f"{skipped} inputs not indexed: binary: binary file" in capsys.readouterr().out
    assert len(CorpusIndex.load(target)) == len(FILES) - skipped
