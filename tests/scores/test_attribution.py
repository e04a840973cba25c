"""Attribution verdicts on hand-built articles and verdicts."""

import pandas as pd
import pytest

from analyzer.article import Article
from analyzer.pairs.result import PairResult
from analyzer.scores.attribution import attribution_table

EMPTY = pd.DataFrame()


def verdict(a: str, b: str, relation: str, original: str | None) -> PairResult:
    return PairResult(
        a_id=a, b_id=b, relation=relation, spin_probability=0.9, probabilities={},
        original=original, direction_probability=None, reasons=(), direction_reasons=(),
        alignment=EMPTY, substitutions=EMPTY, fact_changes=EMPTY, features={},
    )


ORIGINAL = Article(id="orig", text="x", attribution=("self: Newsweek",))


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        (("origin: Newsweek",), "credits origin"),
        (("origin: newsweek",), "credits origin"),
        (("publisher: Opera News",), "credits another outlet"),
        (("origin: Reuters",), "credits another outlet"),
        ((), "claims as own"),
    ],
)
def test_derived_article_verdicts(attribution, expected):
    copy = Article(id="copy", text="x", attribution=attribution)
    table = attribution_table({"orig": ORIGINAL, "copy": copy},
                              [verdict("orig", "copy", "spun", "a")]).set_index("article_id")
    assert table.loc["copy", "verdict"] == expected
    assert table.loc["orig", "verdict"] == "original"
    assert table.loc["copy", "origin_outlet"] == "Newsweek"


def test_undecided_direction_blames_nobody():
    copy = Article(id="copy", text="x")
    table = attribution_table({"orig": ORIGINAL, "copy": copy},
                              [verdict("orig", "copy", "copy", None)]).set_index("article_id")
    assert set(table["verdict"]) == {"direction unknown"}


def test_origin_outside_the_corpus_is_declared():
    aggregator = Article(id="agg", text="x", attribution=("origin: New York Post",))
    table = attribution_table({"agg": aggregator}, [])
    assert table.iloc[0]["verdict"] == "declares an origin"
    assert "New York Post" in table.iloc[0]["explanation"]


@pytest.mark.parametrize(
    ("article", "outlet"),
    [
        (Article(id="a", text="x", source="AP News"), "AP News"),
        (Article(id="a", text="x", attribution=("publisher: Opera News",)), "Opera News"),
        (Article(id="a", text="x", attribution=("self: Newsweek", "byline: Jane Doe")), "Newsweek"),
        (Article(id="a", text="x", attribution=("origin: Reuters",)), None),
    ],
)
def test_outlet_of(article, outlet):
    assert article.outlet == outlet
