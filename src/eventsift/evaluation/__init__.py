"""Scoring against gold sets: our implementation of every metric family, and a runner over the pipeline."""

from eventsift.evaluation.metrics import DatasetScores, Figure, render_table, score_records, scores_to_json
from eventsift.evaluation.runner import (
    GoldSet,
    load_gold_sets,
    predict,
    predict_gold_set,
    read_jsonl,
    score_gold_sets,
    select_lines,
)

__all__ = [
    "DatasetScores",
    "Figure",
    "GoldSet",
    "load_gold_sets",
    "predict",
    "predict_gold_set",
    "read_jsonl",
    "render_table",
    "score_gold_sets",
    "score_records",
    "scores_to_json",
    "select_lines",
]
