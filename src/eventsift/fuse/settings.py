"""Fusion settings (blocking windows, compatible types, weights, threshold), read from a versioned data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from eventsift.errors import DataFileError

FUSION_FILE = "fusion/fusion.json"
WEIGHT_NAMES: tuple[str, ...] = ("bias", "text", "date", "place", "casualties", "actors", "type")


@dataclass(frozen=True, slots=True)
class FusionSettings:
    """How reports are blocked, scored and joined; see ``data/fusion/fusion.json`` for the shipped values."""

    version: str
    date_window_days: int
    max_km: float
    max_candidates: int
    compatible_types: frozenset[frozenset[str]]
    weights: dict[str, float]
    threshold: float

    def types_compatible(self, a: str | None, b: str | None) -> bool:
        """True when reports of types ``a`` and ``b`` may describe the same incident."""
        if a is None or b is None or a == b:
            return True
        return frozenset((a, b)) in self.compatible_types


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
        return FusionSettings(
            version=str(data["version"]), date_window_days=int(block["date_window_days"]),
            max_km=float(block["max_km"]), max_candidates=int(block["max_candidates"]),
            compatible_types=pairs, weights=weights, threshold=float(data["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"fusion settings {where} cannot be read ({type(exc).__name__}: {exc}); it needs "
                            "version, blocking{date_window_days,max_km,max_candidates}, compatible_types, "
                            f"weights{{{','.join(WEIGHT_NAMES)}}} and threshold") from exc
