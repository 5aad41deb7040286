"""Measure the evaluation-gate figures and print suggested floors (just under the measured values).

Usage: python scripts/pin_floors.py [--shared ../shared] [--gate tests/evaluation/floors.json] [--write]

Prints, per gated figure, the measured value, its n, the current bound and the suggested one, then the suggested
gate file as JSON. With --write the gate file is rewritten (review the diff: lowering a floor is a reviewed change).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventsift.config import Config
from eventsift.evaluation.gate import gate_gold_sets, load_gate, measure, suggest_gate
from eventsift.evaluation.runner import default_clusterer
from eventsift.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Measure, print, and optionally write the suggested gate file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared directory (gold/)")
    parser.add_argument("--gate", type=Path, default=REPO / "tests" / "evaluation" / "floors.json")
    parser.add_argument("--write", action="store_true", help="rewrite the gate file with the suggested bounds")
    args = parser.parse_args(argv)
    spec = load_gate(args.gate)
    started = time.perf_counter()
    gold_sets = gate_gold_sets(args.shared / "gold", spec)
    scores = measure(gold_sets, Pipeline.from_config(Config()), clusterer=default_clusterer())
    elapsed = time.perf_counter() - started
    suggested = suggest_gate(scores, spec)
    print(f"{sum(len(g.lines) for g in gold_sets)} documents in {elapsed:.1f} s", file=sys.stderr)
    print(f"{'set':<16} {'kind':<4} {'metric':<48} {'value':>8} {'n':>5} {'now':>6} {'suggest':>7}", file=sys.stderr)
    for bound in spec.bounds:
        fig = scores.get(bound.dataset, {}).get(bound.metric)
        value = "-" if fig is None or fig.value is None else f"{fig.value:.4f}"
        n = fig.n if fig is not None else 0
        new = suggested["sets"][bound.dataset][bound.kind][bound.metric]
        print(f"{bound.dataset:<16} {bound.kind:<4} {bound.metric:<48} {value:>8} {n:>5} {bound.limit:>6.2f} "
              f"{new:>7.2f}", file=sys.stderr)
    text = json.dumps(suggested, indent=2, ensure_ascii=False) + "\n"
    if args.write:
        args.gate.write_text(text, encoding="utf-8")
        print(f"written to {args.gate}", file=sys.stderr)
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
