"""Fixtures of the extraction tests."""

from __future__ import annotations

import pytest
from casualty_helpers import shipped_finder

from eventsift.extract.casualties import CasualtyFinder


@pytest.fixture(scope="module")
def finder() -> CasualtyFinder:
    """A casualty finder over the shipped lexicons."""
    return shipped_finder()
