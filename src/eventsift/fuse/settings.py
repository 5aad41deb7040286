"""Fusion settings (blocking windows, incident types, weights, join thresholds), read from a versioned data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from eventsift.errors import DataFileError

FUSION_FILE = "fusion/fusion.json"
WEIGHT_NAMES: tuple[str, ...] = ("bias", "text", "doc", "date", "place", "casualties", "actors", "type")
ROLE_NAMES: tuple[str, ...] = ("anchor", "material", "verbal")


@dataclass(frozen=True, slots=True)
class FusionSettings:
    """How reports are blocked, scored and joined; see ``data/fusion/fusion.json`` for the shipped values.

    ``material_types`` are the PLOVER types of incidents, most telling first (the order picks a document's main
    event); ``thresholds`` gives, per role, the score a report of that role must reach against every core member of
    a fused event to join it (a pair of roles uses the stricter of the two).
    """

    version: str
    date_window_days: int
    max_km: float
    max_candidates: int
    compatible_types: frozenset[frozenset[str]]
    weights: dict[str, float]
    threshold: float
    far_km: float = 60.0
    material_types: tuple[str, ...] = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "RETREAT", "AID",
                                       "COOPERATE")
    role_thresholds: tuple[tuple[str, float], ...] = ()

    def types_compatible(self, a: str | None, b: str | None) -> bool:
        """True when reports of types ``a`` and ``b`` may describe the same incident."""
        if a is None or b is None or a == b:
            return True
        return frozenset((a, b)) in self.compatible_types

    def role_threshold(self, role: str) -> float:
        """The join threshold of a report of ``role`` (``threshold`` for anchors and unknown roles)."""
        return dict(self.role_thresholds).get(role, self.threshold)

    def pair_threshold(self, a: str, b: str) -> float:
        """The score two reports of roles ``a`` and ``b`` must reach to be one incident (the stricter role's)."""
        return max(self.role_threshold(a), self.role_threshold(b))


def load_fusion_settings(path: Path | None = None) -> FusionSettings:
    """Read and check the fusion settings file (the shipped one unless ``path`` is given).

    Raises:
        DataFileError: the file is missing, not JSON, or lacks a field.
    """
    where = str(path) if path else f"eventsift/data/{FUSION_FILE}"
    try:
        if path is None:
            text = importlib_resources.files("eventsift.data").joinpath(FUSION_FILE).read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        data: dict[str, Any] = json.loads(text)
        block = data["blocking"]
        weights = {name: float(data["weights"][name]) for name in WEIGHT_NAMES}
        pairs = frozenset(frozenset(p) for p in data["compatible_types"] if len(p) == 2)
        thresholds = data["thresholds"]
        return FusionSettings(
            version=str(data["version"]), date_window_days=int(block["date_window_days"]),
            max_km=float(block["max_km"]), far_km=float(block["far_km"]), max_candidates=int(block["max_candidates"]),
            compatible_types=pairs, weights=weights, threshold=float(thresholds["anchor"]),
            material_types=tuple(str(t) for t in data["material_types"]),
            role_thresholds=tuple((role, float(thresholds[role])) for role in ROLE_NAMES[1:]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"fusion settings {where} cannot be read ({type(exc).__name__}: {exc}); it needs "
                            "version, blocking{date_window_days,max_km,far_km,max_candidates}, compatible_types, "
                            f"material_types, weights{{{','.join(WEIGHT_NAMES)}}} and "
                            f"thresholds{{{','.join(ROLE_NAMES)}}}") from exc
