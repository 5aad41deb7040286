"""Tests of the evaluation-gate mechanism (bounds, checks, suggested floors) without the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventsift.errors import DataFileError
from eventsift.evaluation.gate import Bound, check, load_gate, suggest_gate, suggest_limit
from eventsift.evaluation.metrics import Figure


def write_gate(path: Path) -> Path:
    path.write_text(json.dumps({
        "comment": "lowering a floor is a reviewed change", "version": 1, "sample": {"size": 5, "seed": 0},
        "sets": {"plover": {"min": {"accuracy": 0.4, "recall": 0.0}, "max": {"errors": 0.1}}}}), encoding="utf-8")
    return path


def test_load_gate_reads_floors_and_ceilings(tmp_path: Path) -> None:
    spec = load_gate(write_gate(tmp_path / "g.json"))
    assert spec.size == 5 and spec.datasets == ["plover"]
    assert Bound("plover", "accuracy", "min", 0.4) in spec.bounds
    assert Bound("plover", "errors", "max", 0.1) in spec.bounds


def test_load_gate_rejects_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text('{"sets": {}}', encoding="utf-8")
    with pytest.raises(DataFileError, match="not a readable gate file"):
        load_gate(path)


def test_check_reports_broken_and_missing_figures(tmp_path: Path) -> None:
    spec = load_gate(write_gate(tmp_path / "g.json"))
    scores = {"plover": {"accuracy": Figure(0.39, 10), "errors": Figure(0.1, 10)}}
    failures = check(scores, spec.bounds)
    assert len(failures) == 2
    assert any("accuracy = 0.39" in f and "floor 0.4" in f for f in failures)
    assert any("recall = None" in f for f in failures)


@pytest.mark.parametrize(("value", "kind", "expected"), [
    (0.6333, "min", 0.62), (0.5, "min", 0.49), (0.004, "min", 0.0), (0.0, "min", 0.0),
    (0.2, "max", 0.21), (0.2011, "max", 0.22), (0.0, "max", 0.0),
])
def test_suggest_limit_sits_just_beyond_the_measured_value(value: float, kind: str, expected: float) -> None:
    assert suggest_limit(value, kind) == pytest.approx(expected)


def test_suggest_gate_keeps_unmeasured_bounds(tmp_path: Path) -> None:
    spec = load_gate(write_gate(tmp_path / "g.json"))
    suggested = suggest_gate({"plover": {"accuracy": Figure(0.8, 10), "errors": Figure(None, 0)}}, spec)
    assert suggested["sets"]["plover"]["min"] == {"accuracy": 0.79, "recall": 0.0}
    assert suggested["sets"]["plover"]["max"] == {"errors": 0.1}
    assert suggested["comment"] == spec.raw["comment"]
