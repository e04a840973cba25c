"""Shared fixtures: the seed articles and one engine (model loaded once per session)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SPUN = "000_d33e6d2f6bc58844"
NEWSWEEK = "003_26342a6f18a9b02e"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def truth() -> dict:
    return json.loads((SEEDS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_articles():
    from analyzer.ingest.read import read_articles

    return {a.id: a for a in read_articles([SEEDS])}


@pytest.fixture(scope="session")
def engine():
    from analyzer.pairs.engine import Engine

    return Engine()


@pytest.fixture(scope="session")
def static_encoder():
    """The static candidate encoder (distilled once into the cache; setup.sh builds it ahead)."""
    from analyzer.embed.static import StaticEncoder

    return StaticEncoder()


@pytest.fixture(scope="session")
def seed_analysis(engine):
    from analyzer.analysis import analyze

    return analyze([SEEDS], engine=engine)
