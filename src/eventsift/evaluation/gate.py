"""The evaluation gate: pinned floors (and ceilings) per metric on a small, fixed sample of each gold set.

The gate file (tests/evaluation/floors.json) reads::

    {"comment": str, "version": int, "sample": {"size": int, "seed": int, "sizes": {"<dataset>": int}},
     "sets": {"<dataset>": {"min": {"<metric>": float}, "max": {"<metric>": float}}}}

``sizes`` (optional) overrides ``size`` for sets of long texts, to keep the gate fast. ``min`` figures must not fall
below their floor; ``max`` figures (error rates) must not rise above their ceiling.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventsift.errors import DataFileError
from eventsift.evaluation.metrics import DatasetScores
from eventsift.evaluation.runner import (
    Clusterer,
    DocumentPipeline,
    GoldSet,
    predict_gold_set,
    read_jsonl,
    score_gold_sets,
    select_lines,
)

#: floors sit this far under the measured value (ceilings this far above), after rounding to 2 decimals
MARGIN = 0.01


@dataclass(frozen=True, slots=True)
class Bound:
    """One pinned figure: ``kind`` is "min" (a floor) or "max" (a ceiling)."""

    dataset: str
    metric: str
    kind: str
    limit: float

    def holds(self, value: float | None) -> bool:
        """True when ``value`` respects the bound (a missing value never does)."""
        if value is None:
            return False
        return value >= self.limit - 1e-12 if self.kind == "min" else value <= self.limit + 1e-12


@dataclass(frozen=True, slots=True)
class GateSpec:
    """The parsed gate file."""

    size: int
    seed: int
    bounds: tuple[Bound, ...]
    raw: Mapping[str, Any]
    sizes: Mapping[str, int] = field(default_factory=dict)

    def size_of(self, dataset: str) -> int:
        """How many documents of ``dataset`` the gate samples."""
        return self.sizes.get(dataset, self.size)

    @property
    def datasets(self) -> list[str]:
        """The gold sets the gate samples, in file order."""
        return list(self.raw["sets"])


def load_gate(path: Path) -> GateSpec:
    """Read a gate file.

    Raises:
        DataFileError: the file is missing or does not follow the layout in this module's docstring.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        sample, sets = raw["sample"], raw["sets"]
        bounds = tuple(Bound(ds, metric, kind, float(limit))
                       for ds, spec in sets.items() for kind in ("min", "max")
                       for metric, limit in (spec.get(kind) or {}).items())
        sizes = {str(k): int(v) for k, v in (sample.get("sizes") or {}).items()}
        return GateSpec(size=int(sample["size"]), seed=int(sample["seed"]), bounds=bounds, raw=raw, sizes=sizes)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(f"{path}: not a readable gate file ({type(exc).__name__}: {exc}); see "
                            "eventsift.evaluation.gate for the layout") from exc


def gate_gold_sets(gold_dir: Path, spec: GateSpec) -> list[GoldSet]:
    """The fixed sample of every gated set: the lines of ``<dataset>.dev.jsonl`` with the smallest sha256 of seed and
    id."""
    sets = []
    for dataset in spec.datasets:
        path = gold_dir / f"{dataset}.dev.jsonl"
        sets.append(GoldSet(path, select_lines(read_jsonl(path), sample=spec.size_of(dataset), seed=spec.seed)))
    return sets


def measure(gold_sets: list[GoldSet], pipeline: DocumentPipeline, *, clusterer: Clusterer | None,
            batch_size: int = 32) -> dict[str, DatasetScores]:
    """Run the pipeline over the gate sample and score it."""
    predictions = []
    for gold in gold_sets:
        predictions.extend(predict_gold_set(gold, pipeline, batch_size=batch_size, clusterer=clusterer))
    return score_gold_sets(gold_sets, predictions)


def check(scores: Mapping[str, DatasetScores], bounds: Iterable[Bound]) -> list[str]:
    """Messages for every bound that does not hold (empty when the gate passes)."""
    failures = []
    for bound in bounds:
        fig = scores.get(bound.dataset, {}).get(bound.metric)
        value = fig.value if fig is not None else None
        if not bound.holds(value):
            word = "floor" if bound.kind == "min" else "ceiling"
            failures.append(f"{bound.dataset} {bound.metric} = {value} (n={fig.n if fig else 0}) breaks its "
                            f"{word} {bound.limit}")
    return failures


def suggest_limit(value: float, kind: str) -> float:
    """A floor just under (ceiling just over) a measured value: rounded to 2 decimals, then ``MARGIN`` away."""
    if kind == "min":
        return max(0.0, round(math.floor(value * 100 + 1e-9) / 100 - MARGIN, 2))
    if value <= 0.0:  # a rate that is zero (no missing predictions) must stay zero
        return 0.0
    return round(math.ceil(value * 100 - 1e-9) / 100 + MARGIN, 2)


def suggest_gate(scores: Mapping[str, DatasetScores], spec: GateSpec) -> dict[str, Any]:
    """The gate file with every bound re-pinned from ``scores`` (bounds without a measured value are kept)."""
    raw = json.loads(json.dumps(spec.raw))
    for bound in spec.bounds:
        fig = scores.get(bound.dataset, {}).get(bound.metric)
        if fig is not None and fig.value is not None:
            raw["sets"][bound.dataset][bound.kind][bound.metric] = suggest_limit(fig.value, bound.kind)
    return dict(raw)
