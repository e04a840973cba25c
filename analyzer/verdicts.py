"""The relation names every stage shares: what the engine decides, scorers count and reports show.

A vocabulary, not a decision: it sits at the bottom of the package so renderers and
scorers can name verdicts without importing the engine that makes them.
"""

from __future__ import annotations

#: Every relation a pair can be given, in the order the pair model lists its classes.
RELATIONS = ("copy", "spun", "same_story", "unrelated")

#: Relations in which one text is derived from the other (so an original can be named).
DERIVED = ("copy", "spun")
