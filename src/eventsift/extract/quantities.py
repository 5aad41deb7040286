"""Read English counts ("three", "twenty-one", "1,200", "dozens") with a versioned number lexicon.

Shared by the casualty extractor and the date resolver (durations such as "an 80-day blockade"). The lexicon lives in
``data/numbers.json``; :func:`load_number_lexicon` validates it once per process via ``Resources``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eventsift.config import Config
from eventsift.datafiles import read_shipped_json

NUMBERS_FILE = "numbers.json"

_INT_MAP = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
NUMBERS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "units", "tens", "scales", "vague", "ordinals", "articles"],
    "properties": {
        "version": {"type": "string"},
        "description": {"type": "string"},
        "units": _INT_MAP,
        "tens": _INT_MAP,
        "scales": _INT_MAP,
        "vague": _INT_MAP,
        "ordinals": _INT_MAP,
        "articles": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": False,
}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """Number words and vague quantities, with a regex that finds a count in text."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    ordinals: dict[str, int]
    articles: frozenset[str]
    pattern: str  # regex source (no groups) matching one count expression, to embed in larger patterns

    def parse(self, text: str) -> int | None:
        """The value of a count expression such as "twenty-one", "1,200", "two hundred", "dozens"; None if unknown."""
        words = text.lower().replace("-", " ").replace(" and ", " ").split()
        if not words:
            return None
        joined = " ".join(words)
        if joined in self.vague:
            return self.vague[joined]
        if len(words) == 1 and words[0] in self.articles:
            return 1
        total, current, seen = 0, 0, False
        for word in words:
            if _DIGITS.match(word):
                current += int(word.replace(",", ""))
            elif word in self.units:
                current += self.units[word]
            elif word in self.tens:
                current += self.tens[word]
            elif word in self.scales:
                current = max(current, 1) * self.scales[word]
                if self.scales[word] >= 1000:
                    total, current = total + current, 0
            elif word in ("a", "an") and not seen:
                current = 1
            else:
                return None
            seen = True
        return total + current


def build_number_pattern(units: dict[str, int], tens: dict[str, int], scales: dict[str, int],
                         vague: dict[str, int]) -> str:
    """Regex source (non-capturing) for one count: digits, number words (compounds too) or a vague quantity."""
    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    simple = alt([w for w in units if w not in ("no", "none", "pair", "couple")] + list(tens))
    word_num = rf"(?:(?:{alt(list(tens))})[\s-](?:{alt(list(units))})|(?:{simple}))"
    scaled = rf"{word_num}(?:\s+(?:{alt(list(scales))})(?:\s+(?:and\s+)?{word_num})?)*"
    digits = r"\d{1,3}(?:,\d{3})+|\d+"
    return rf"(?:{digits}|{alt(list(vague))}|\b{scaled})"


def load_number_lexicon(config: Config) -> NumberLexicon:
    """Load ``data/numbers.json`` (``config`` is unused: the number lexicon is not user-configurable)."""
    del config
    data = read_shipped_json(NUMBERS_FILE, schema=NUMBERS_SCHEMA)
    units, tens, scales, vague = data["units"], data["tens"], data["scales"], data["vague"]
    return NumberLexicon(
        units=units, tens=tens, scales=scales, vague=vague, ordinals=data["ordinals"],
        articles=frozenset(data["articles"]),
        pattern=build_number_pattern(units, tens, scales, vague),
    )
