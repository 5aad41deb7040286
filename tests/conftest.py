"""Shared test fixtures: the spaCy model and resources are loaded once per session (loading is expensive)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventsift.config import Config
from eventsift.resources import Resources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def resources() -> Resources:
    """One Resources (spaCy model, gazetteer, lexicons) for the whole test session."""
    return Resources(Config())


@pytest.fixture(scope="session")
def nlp(resources: Resources) -> Any:
    """The configured spaCy pipeline."""
    return resources.nlp


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (gold data, seed, reference scorer); skips the test when it is absent (a user's clone)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it exists only in the development workspace and CI)")
    return SHARED
