"""Tests for the number lexicon (eventsift.extract.quantities)."""

from __future__ import annotations

import re

import pytest

from eventsift.config import Config
from eventsift.extract.quantities import NumberLexicon, load_number_lexicon


@pytest.fixture(scope="module")
def numbers() -> NumberLexicon:
    """The shipped number lexicon."""
    return load_number_lexicon(Config())


@pytest.mark.parametrize(("text", "value"), [
    ("three", 3), ("Twenty-one", 21), ("1,200", 1200), ("two hundred", 200), ("a hundred", 100),
    ("dozens", 12), ("tens", 10), ("hundreds", 100), ("a", 1), ("another", 1), ("14", 14), ("ELEVEN", 11),
])
def test_quantities_parse_counts(numbers: NumberLexicon, text: str, value: int) -> None:
    assert numbers.parse(text) == value


def test_quantities_parse_rejects_words(numbers: NumberLexicon) -> None:
    assert numbers.parse("soldiers") is None


def test_quantities_pattern_finds_whole_counts(numbers: NumberLexicon) -> None:
    found = [m.group() for m in re.finditer(numbers.pattern, "twenty five men and 1,000 others", re.IGNORECASE)]
    assert found == ["twenty five", "1,000"]
