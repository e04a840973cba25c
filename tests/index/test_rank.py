"""Ranking new articles against an index: verdicts, skipped inputs, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import analyzer.cli as cli
from analyzer.article import Article
from analyzer.index.corpus import CorpusIndex
from analyzer.index.rank import RANK_COLUMNS, rank
from tests.conftest import NEWSWEEK, SEEDS, SPUN

UNRELATED = Article(
    id="weather",
    text=("Heavy rain is expected across the northern coast on Thursday, forecasters said. "
          "Farmers in the valley welcomed the showers after a dry spring that damaged early crops. "
          "The regional water board said reservoirs stood at 41 percent of capacity in May."),
    title="Rain on the way",
)


@pytest.fixture(scope="module")
def encoder():
    from analyzer.embed.static import StaticEncoder

    return StaticEncoder()


@pytest.fixture(scope="module")
def index(seed_articles, encoder) -> CorpusIndex:
    """The seeds without the spun one."""
    return CorpusIndex.build([a for i, a in sorted(seed_articles.items()) if i != SPUN], encoder=encoder)


@pytest.fixture(scope="module")
def ranking(index, seed_articles, engine, tmp_path_factory) -> pd.DataFrame:
    empty = tmp_path_factory.mktemp("new") / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return rank([seed_articles[SPUN], UNRELATED, empty], index=index, engine=engine)


pytestmark = pytest.mark.filterwarnings("ignore::analyzer.ingest.from_text.SkippedInputWarning")


def test_spun_seed_is_least_original_and_traced_to_newsweek(ranking):
    first = ranking.iloc[0]
    assert list(ranking.columns) == RANK_COLUMNS
    assert first["id"] == SPUN
    assert (first["nearest_id"], first["relation"], first["original_id"]) == (NEWSWEEK, "spun", NEWSWEEK)
    assert first["originality"] < 20
    assert first["spin_probability"] > 0.9
    assert first["evidence"].startswith(f"spun from {NEWSWEEK}: ")
    assert "1,000 miles -> 1,000 kilometers" in first["evidence"]


def test_an_article_on_another_subject_is_original(ranking):
    row = ranking.set_index("id").loc["weather"]
    verdict = (row["status"], row["originality"], row["relation"], row["compared"])
    assert verdict == ("ok", 100.0, "unrelated", 0)
    assert row["evidence"].startswith("no indexed article shares enough names, numbers or wording")


def test_skipped_inputs_stay_in_the_ranking_last(ranking):
    last = ranking.iloc[-1]
    assert (last["id"], last["status"]) == ("empty", "skipped")
    assert last["reason"]
    assert pd.isna(last["originality"])


def test_one_off_corpus_gives_the_same_verdict(seed_articles, engine, encoder, monkeypatch):
    import analyzer.index.corpus as ci

    monkeypatch.setattr(ci, "default_encoder", lambda: encoder)
    one_off = rank([seed_articles[SPUN]], corpus=[SEEDS / f"{NEWSWEEK}.txt"], engine=engine)
    assert one_off.loc[0, ["nearest_id", "relation"]].tolist() == [NEWSWEEK, "spun"]


def test_an_indexed_article_is_not_its_own_source(index, seed_articles, engine):
    row = rank([seed_articles[NEWSWEEK]], index=index, engine=engine).iloc[0]
    assert row["nearest_id"] != NEWSWEEK
    assert row["relation"] != "copy"


@pytest.mark.parametrize("kwargs", [{}, {"index": "x", "corpus": ["y"]}])
def test_rank_needs_exactly_one_of_index_and_corpus(kwargs, seed_articles):
    with pytest.raises(ValueError, match="exactly one of index="):
        rank([seed_articles[SPUN]], **kwargs)


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def quick_cli(monkeypatch, engine, encoder):
    """The CLI with the session's models (no reloading per command)."""
    import analyzer.index.corpus as ci

    monkeypatch.setattr(cli, "_engine", lambda *args, **kwargs: engine)
    monkeypatch.setattr(ci, "default_encoder", lambda: encoder)
    return cli.main


def test_cli_index_build_add_info_and_rank(quick_cli, tmp_path, capsys):
    path = tmp_path / "seeds.idx"
    others = [str(SEEDS / f"{i}.txt") for i in ("001_faf92bcd485ea369", "002_5b78fe328c9e5e41")]
    assert quick_cli(["index", "build", *others, "-o", str(path)]) == cli.EXIT_OK
    assert quick_cli(["index", "add", str(path), str(SEEDS / f"{NEWSWEEK}.txt")]) == cli.EXIT_OK
    capsys.readouterr()
    assert quick_cli(["index", "info", str(path)]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out)["n_articles"] == 3
    assert quick_cli(["rank", str(SEEDS / f"{SPUN}.txt"), "--index", str(path), "--json"]) == cli.EXIT_OK
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["nearest_id"], row["relation"]) == (SPUN, NEWSWEEK, "spun")


def test_cli_rank_with_a_skipped_input_exits_1(quick_cli, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code = quick_cli(["rank", str(SEEDS / f"{SPUN}.txt"), str(empty), "--corpus",
                      str(SEEDS / f"{NEWSWEEK}.txt"), "--csv"])
    assert code == cli.EXIT_SKIPPED
    table = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert table["status"].tolist() == ["ok", "skipped"]


@pytest.mark.parametrize("content", ["not an index\n", ""])
def test_cli_refuses_a_bad_index_with_exit_2(quick_cli, tmp_path: Path, capsys, content):
    bad = tmp_path / "bad.idx"
    bad.write_text(content, encoding="utf-8")
    assert quick_cli(["rank", str(SEEDS / f"{SPUN}.txt"), "--index", str(bad)]) == cli.EXIT_INPUT
    assert f"analyzer: index error: {bad}: not an analyzer index" in capsys.readouterr().err


def test_a_spin_of_a_spin_is_traced_past_the_middleman_but_a_copy_names_it(seed_articles, engine, encoder):
    from analyzer.training.copyedit import light_edit
    from analyzer.training.spin.spinner import Spinner

    full = CorpusIndex.build([a for _, a in sorted(seed_articles.items())], encoder=encoder)
    spun = seed_articles[SPUN].text
    respin = Article(id="respin", text=Spinner(rate=0.35, random_state=3).spin(spun).text)
    copied = Article(id="copy_of_spin", text=light_edit(spun, random_state=1))
    rows = rank([respin, copied], index=full, engine=engine).set_index("id")
    assert rows.loc["respin", ["nearest_id", "relation"]].tolist() == [NEWSWEEK, "spun"]
    assert rows.loc["copy_of_spin", ["nearest_id", "relation"]].tolist() == [SPUN, "copy"]


def test_an_id_is_a_name_not_proof_of_sameness(index, seed_articles, engine):
    from dataclasses import replace

    # The spin saved under its source's file name is still compared with the source.
    impostor = replace(seed_articles[SPUN], id=NEWSWEEK)
    row = rank([impostor], index=index, engine=engine).iloc[0]
    assert row["nearest_id"] == NEWSWEEK
    assert row["relation"] == "spun"
    # The very same article under its own id is not its own candidate.
    itself = rank([seed_articles[NEWSWEEK]], index=index, engine=engine).iloc[0]
    assert itself["nearest_id"] != NEWSWEEK
