"""The scorer's label vocabulary (ACLED, CASE 2021, MUC-4 claim status, police actors), read from a data file."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources as importlib_resources
from types import MappingProxyType
from typing import Any

import pycountry

from eventsift.errors import DataFileError

LABELS_FILE = "scoring_labels.json"

_REQUIRED_KEYS: tuple[str, ...] = (
    "version", "acled_sub_event_types", "sub_event_aliases", "event_type_aliases", "case_codes", "case_non_acled",
    "muc_claim_status", "claim_status_prefixes", "country_alpha2_extra", "violent_plover_types",
    "violent_acled_event_types", "police_sectors", "police_patterns", "arrest_modes", "token_stopwords",
)


def normalise_label(value: object) -> str:
    """Lower-case ``value`` and keep only a-z0-9, so spellings of one label compare equal ("" for None)."""
    return re.sub(r"[^a-z0-9]+", "", str(value).lower()) if value is not None else ""


@dataclass(frozen=True, slots=True)
class ScoringLabels:
    """Canonical label names and the lookups that map predicted spellings onto them."""

    version: str
    sub_event_types: Mapping[str, str]  # ACLED sub-event type -> event type
    case_non_acled: frozenset[str]
    sub_by_norm: Mapping[str, str]
    type_by_norm: Mapping[str, str]
    non_acled_by_norm: Mapping[str, str]
    muc_claim_status: Mapping[str, str]
    claim_status_prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    alpha2_to_alpha3: Mapping[str, str]
    violent_plover_types: frozenset[str]
    violent_acled_event_types: frozenset[str]
    police_sectors: frozenset[str]
    police_pattern: re.Pattern[str]
    arrest_modes: frozenset[str]
    stopwords: frozenset[str]

    @property
    def acled_event_types(self) -> frozenset[str]:
        """The 6 ACLED event types."""
        return frozenset(self.sub_event_types.values())

    def canonical_sub_event(self, value: object) -> str | None:
        """ACLED sub-event type or CASE code -> canonical name; unknown labels are kept, prefixed with ``?``."""
        key = normalise_label(value)
        if not key:
            return None
        return self.sub_by_norm.get(key) or self.non_acled_by_norm.get(key) or f"?{value}"

    def canonical_event_type(self, value: object) -> str | None:
        """ACLED event type -> canonical name; unknown labels are kept, prefixed with ``?``."""
        key = normalise_label(value)
        if not key:
            return None
        return self.type_by_norm.get(key, f"?{value}")

    def canonical_country(self, value: object) -> str | None:
        """ISO 3166 alpha-2 or alpha-3 code -> upper-case alpha-3 (other strings are kept upper-cased)."""
        if not value:
            return None
        code = str(value).strip().upper()
        return self.alpha2_to_alpha3.get(code, code) if len(code) == 2 else code

    def claim_group(self, status: str) -> str:
        """A predicted claim status -> claimed / accused / reported / denied, by its first letters."""
        text = status.strip().lower()
        for group, prefixes in self.claim_status_prefixes:
            if text.startswith(prefixes):
                return group
        return text

    def gold_claim_group(self, status: str) -> str:
        """A MUC-4 PERP ORGANIZATION CONFIDENCE value -> claimed / accused / reported."""
        return self.muc_claim_status.get(status, status.lower())

    def is_police(self, *, sector: object, texts: tuple[object, ...]) -> bool:
        """True when an actor's sector or its text/name says police."""
        if str(sector or "").upper() in self.police_sectors:
            return True
        return bool(self.police_pattern.search(" ".join(str(t or "") for t in texts)))


def load_scoring_labels() -> ScoringLabels:
    """Read and check the shipped scorer vocabulary.

    Raises:
        DataFileError: the file is missing keys or malformed.
    """
    text = importlib_resources.files("eventsift.data").joinpath(LABELS_FILE).read_text("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"eventsift/data/{LABELS_FILE} is not valid JSON ({exc}); reinstall eventsift") from exc
    return build_scoring_labels(data)


def build_scoring_labels(data: Mapping[str, Any]) -> ScoringLabels:
    """Build the vocabulary from the parsed data file.

    Raises:
        DataFileError: a required key is missing or a sub-event alias points to an unknown name.
    """
    missing = [k for k in _REQUIRED_KEYS if k not in data]
    if missing:
        raise DataFileError(f"{LABELS_FILE}: missing keys {', '.join(missing)}; compare with the shipped file")
    subs: dict[str, str] = dict(data["acled_sub_event_types"])
    event_types = set(subs.values())
    sub_by_norm = {normalise_label(k): k for k in subs}
    sub_by_norm.update(data["sub_event_aliases"])
    sub_by_norm.update({normalise_label(code): sub for code, sub in data["case_codes"].items()})
    unknown = sorted(v for v in sub_by_norm.values() if v not in subs)
    if unknown:
        raise DataFileError(f"{LABELS_FILE}: aliases or CASE codes map to unknown sub-event types {unknown}")
    type_by_norm = {normalise_label(k): k for k in sorted(event_types)}
    type_by_norm.update(data["event_type_aliases"])
    alpha = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha.update(data["country_alpha2_extra"])
    words = "|".join(data["police_patterns"])
    return ScoringLabels(
        version=str(data["version"]),
        sub_event_types=MappingProxyType(subs),
        case_non_acled=frozenset(data["case_non_acled"]),
        sub_by_norm=MappingProxyType(sub_by_norm),
        type_by_norm=MappingProxyType(type_by_norm),
        non_acled_by_norm=MappingProxyType({normalise_label(k): k for k in data["case_non_acled"]}),
        muc_claim_status=MappingProxyType(dict(data["muc_claim_status"])),
        claim_status_prefixes=tuple((group, tuple(prefixes))
                                    for group, prefixes in data["claim_status_prefixes"].items()),
        alpha2_to_alpha3=MappingProxyType(alpha),
        violent_plover_types=frozenset(data["violent_plover_types"]),
        violent_acled_event_types=frozenset(data["violent_acled_event_types"]),
        police_sectors=frozenset(data["police_sectors"]),
        police_pattern=re.compile(rf"\b({words})\b", re.IGNORECASE),
        arrest_modes=frozenset(data["arrest_modes"]),
        stopwords=frozenset(data["token_stopwords"]),
    )
