"""Spec of light_edit: deterministic, light, and robust to any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.training.copyedit import light_edit
from tests.texts import NEWS, PLAIN


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
