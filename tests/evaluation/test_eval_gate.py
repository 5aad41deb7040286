"""The evaluation gate: the pipeline must keep every pinned figure of tests/evaluation/floors.json on a fixed sample
of each dev gold set. Lowering a floor is a reviewed change (see the file's comment); re-measure with
``python scripts/pin_floors.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventsift.config import Config
from eventsift.evaluation.gate import Bound, check, gate_gold_sets, load_gate, measure
from eventsift.evaluation.metrics import DatasetScores
from eventsift.evaluation.runner import default_clusterer
from eventsift.pipeline import Pipeline
from eventsift.resources import Resources

FLOORS = Path(__file__).with_name("floors.json")
GATE = load_gate(FLOORS)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def gate_scores(shared_dir: Path, resources: Resources) -> dict[str, DatasetScores]:
    """Scores of the gate sample (the pipeline runs once for every bound)."""
    pipeline = Pipeline.from_config(Config(), resources)
    return measure(gate_gold_sets(shared_dir / "gold", GATE), pipeline, clusterer=default_clusterer())


def test_gate_file_is_well_formed() -> None:
    assert "reviewed change" in GATE.raw["comment"]
    assert 1 <= GATE.size <= 60, "the gate must stay fast: a few dozen documents per set"
    assert all(b.kind in ("min", "max") and 0.0 <= b.limit for b in GATE.bounds)


@pytest.mark.parametrize("bound", GATE.bounds, ids=lambda b: f"{b.dataset}:{b.kind}:{b.metric}")
def test_gate_bound_holds(gate_scores: dict[str, DatasetScores], bound: Bound) -> None:
    assert gate_scores.get(bound.dataset, {}).get(bound.metric) is not None, (
        f"{bound.metric!r} is not reported for {bound.dataset}: was the metric renamed? update floors.json")
    failures = check(gate_scores, [bound])
    assert not failures, failures[0]
