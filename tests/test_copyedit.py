"""Spec of light_edit: deterministic, light, and robust to any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.copyedit import light_edit

#: A short news article in the seed's manner: names, numbers, a unit, an acronym, quotes.
NEWS = "\n\n".join(
    (
        "Russian Officials Demand Putin Resign Amid Ukraine Losses",
        "Russian officials are calling on President Vladimir Putin to resign amid mounting losses "
        "in his invasion of Ukraine, a rare sign of frustration as the Kremlin cracks down on "
        "dissent.",
        "In recent weeks, Ukraine has gone on the offensive near Kherson and Kharkiv, taking back "
        "more than 1,000 miles of formerly occupied territory. The counteroffensive caught Moscow "
        "by surprise.",
        "Thirty-five municipal deputies signed a petition demanding that he resign, tweeted Ksenia "
        'Tortstrem on Monday. She said the petition does not "discredit" anyone.',
        "Nikita Yurefev wrote that the war has led to the deaths of soldiers, economic issues and "
        "the expansion of the North Atlantic Treaty Organization (NATO). Police later summoned "
        "members of the council, he said.",
    )
)

#: The same kind of prose without quotations: with NEWS, long enough that three edits stay light.
PLAIN = "\n\n".join(
    (
        "The Russian leader launched the invasion of the neighbouring country more than six months "
        "ago on February 24. Russian officials hoped their large military would lead them to a "
        "quick victory, but Ukraine met them with a strong defense effort bolstered by aid from its"
        " allies including the United States.",
        "In recent weeks, Ukraine has gone on the offensive in areas near Kherson and Kharkiv, "
        "taking back more than 1,000 miles of formerly occupied territory. The counteroffensive "
        "caught Moscow by surprise, and Ukrainian victories forced Russian forces to retreat from "
        "key cities such as Izyum over the weekend.",
        "These losses appear to be leading to increased dissent against Putin. Thirty-five "
        "municipal deputies signed a petition demanding him to resign from office, and Ksenia "
        "Tortstrem, who serves as a deputy in Smolninskoye, shared it on Monday with 35 colleagues.",
        "Russia's Duma passed a law in March banning the spreading of false news about the armed "
        "forces. The law has been used by authorities to crack down on those who have expressed "
        "criticism of the war, and NATO officials watched closely.",
    )
)


@pytest.mark.parametrize("seed", range(4))
def test_light_edit_is_deterministic_and_light(seed):
    article = NEWS + "\n\n" + PLAIN
    edited = light_edit(article, n_edits=3, random_state=seed)
    assert edited == light_edit(article, n_edits=3, random_state=seed)
    assert edited != article
    before, after = article.split(), edited.split()
    shared = {tuple(before[i : i + 5]) for i in range(len(before) - 4)} & {
        tuple(after[i : i + 5]) for i in range(len(after) - 4)
    }
    assert len(shared) / (len(before) - 4) > 0.6


def test_light_edit_with_no_edits_changes_nothing_but_whitespace():
    assert light_edit(NEWS, n_edits=0).split() == NEWS.split()


def test_light_edit_rejects_a_negative_count():
    with pytest.raises(ValueError, match="light_edit n_edits=-1: expected a count >= 0"):
        light_edit(NEWS, n_edits=-1)


@given(st.text(), st.integers(0, 6), st.integers(0, 100))
@settings(max_examples=60, deadline=None)
def test_light_edit_never_raises(text, n_edits, seed):
    assert isinstance(light_edit(text, n_edits=n_edits, random_state=seed), str)
