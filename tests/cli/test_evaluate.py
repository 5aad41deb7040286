"""Tests of ``eventsift evaluate`` on existing predictions (no pipeline run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventsift.cli.main import main


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": f"p{i}", "dataset": "plover", "text": "Ministers met in Rome.\u2028Talks went on.",
         "events": [{"plover_type": "CONSULT", "actor1": "Ministers", "actor2": None}]} for i in range(4)])
    preds = write_jsonl(tmp_path / "preds.jsonl", [
        {"id": "p0", "events": [{"plover": {"type": "CONSULT"}, "actors": [{"role": "actor", "text": "ministers"}],
                                 "confidence": 0.8}]},
        {"id": "p1", "events": [{"plover": {"type": "AGREE"}, "confidence": 0.8}]}])
    return gold, preds


def test_evaluate_predictions_json(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, preds = files
    assert main(["evaluate", str(gold), "--predictions", str(preds), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)["plover"]
    assert scores["documents"] == {"value": None, "n": 4}
    assert scores["accuracy_top1 (=micro_f1)"] == {"value": 0.25, "n": 4}
    assert scores["actor1_found"] == {"value": 0.25, "n": 4}


def test_evaluate_table_with_limit(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, preds = files
    assert main(["evaluate", str(gold), "--predictions", str(preds), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== plover")
    assert any(line.split()[:3] == ["accuracy_top1", "(=micro_f1)", "0.5000"] for line in out.splitlines())


def test_evaluate_rejects_predictions_with_predictions_out(files: tuple[Path, Path], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    gold, preds = files
    assert main(["evaluate", str(gold), "--predictions", str(preds), "--predictions-out",
                 str(tmp_path / "x.jsonl")]) == 2
    assert "give one" in capsys.readouterr().err


def test_evaluate_missing_gold_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(tmp_path / "absent.jsonl"), "--predictions", str(tmp_path / "p.jsonl")]) == 2
    assert "absent.jsonl: cannot read the file" in capsys.readouterr().err
