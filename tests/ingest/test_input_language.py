"""Non-English text: language detected and warned about; the lexical evidence still works."""

from __future__ import annotations

import pytest

from analyzer.ingest.from_text import article_from_text

FRENCH = (
    "Le conseil municipal vote le budget des écoles\n\n"
    "Le conseil municipal de Lyon a voté mardi soir une hausse de dix pour cent du budget des "
    "écoles primaires, après trois heures de débat. La maire a déclaré que les travaux de "
    "rénovation commenceront en janvier et dureront deux ans. L'opposition a dénoncé une "
    "décision prise sans consultation des parents d'élèves. Selon la mairie, 42 écoles sont "
    "concernées par le plan, qui coûtera 18 millions d'euros."
)
#: The same text with one word changed: a copy, whatever the language.
FRENCH_COPY = FRENCH.replace("mardi soir", "mardi")


@pytest.fixture(scope="module")
def analysis(engine):
    from analyzer.analysis import analyze
    from tests.texts import NEWS

    with pytest.warns(UserWarning, match="language 'fr', not English"):
        articles = [article_from_text(FRENCH, id="fr1", source="Le Progrès"),
                    article_from_text(FRENCH_COPY, id="fr2", source="Lyon Mag"),
                    article_from_text(NEWS, id="en", source="Newsweek")]
    return analyze(articles, engine=engine)


def test_language_is_detected_and_the_warning_names_the_english_model(analysis) -> None:
    arts = analysis.articles.set_index("id")
    assert arts.loc["fr1", "language"] == "fr"
    assert arts.loc["en", "language"] == "en"
    assert "the embedding model is English" in arts.loc["fr1", "warnings"]
    assert (arts["status"] == "ok").all()


def test_lexical_evidence_still_finds_the_copy(analysis) -> None:
    result = analysis.pair("fr1", "fr2")
    assert result.relation == "copy"
    assert result.features["shingle5_containment_max"] > 0.8


def test_a_french_article_is_not_related_to_an_english_one(analysis) -> None:
    assert analysis.pair("en", "fr1").relation == "unrelated"
