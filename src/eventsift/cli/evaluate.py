"""``eventsift evaluate``: run the pipeline over gold files (or read existing predictions) and print the scores."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eventsift.cli.common import add_pipeline_options, config_from_args, write_jsonl
from eventsift.errors import ConfigError
from eventsift.evaluation.metrics import render_table, scores_to_json
from eventsift.evaluation.runner import (
    default_clusterer,
    load_gold_sets,
    predict_gold_set,
    read_jsonl,
    score_gold_sets,
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser(
        "evaluate", help="score the pipeline against gold files",
        description="Run the pipeline over gold JSONL files (one object per line: id, dataset, text, published, "
                    "title, outlet, url and the gold annotations) and print, per gold set, a table of metric, value "
                    "and n (its denominator). With --predictions, score existing records instead of running the "
                    "pipeline.")
    p.add_argument("gold", nargs="+", type=Path, metavar="GOLD", help="gold JSONL file(s)")
    p.add_argument("--limit", type=_positive, metavar="N", help="use only the first N lines of each gold file")
    p.add_argument("--sample", type=_positive, metavar="N",
                   help="use a stable pseudo-random sample of N lines of each file (sha256 of seed and id)")
    p.add_argument("--seed", type=int, default=0, help="seed of --sample (default: %(default)s)")
    p.add_argument("--predictions", type=Path, metavar="FILE",
                   help="score these records (JSONL, matched to gold by id) without running the pipeline")
    p.add_argument("--predictions-out", type=Path, metavar="FILE", help="write the records the pipeline produced")
    p.add_argument("--json", action="store_true", help="print the scores as JSON ({set: {metric: {value, n}}})")
    add_pipeline_options(p)
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; exit code 0."""
    if args.predictions and args.predictions_out:
        raise ConfigError("--predictions scores existing records and --predictions-out writes new ones; give one")
    gold_sets = load_gold_sets(args.gold, limit=args.limit, sample=args.sample, seed=args.seed)
    if args.predictions:
        predictions: list[dict[str, Any]] = read_jsonl(args.predictions)
    else:
        from eventsift.pipeline import Pipeline  # only when the pipeline runs: --predictions needs no model

        config = config_from_args(args)
        pipeline = Pipeline.from_config(config)
        clusterer = default_clusterer()
        predictions = []
        total = sum(len(g.lines) for g in gold_sets)
        with tqdm(total=total, desc="evaluating", unit="doc", file=sys.stderr,
                  disable=not sys.stderr.isatty()) as bar:
            for gold in gold_sets:
                bar.set_postfix_str(gold.dataset)
                started = time.perf_counter()
                predictions.extend(predict_gold_set(gold, pipeline, batch_size=args.batch_size,
                                                    max_chars=config.max_chars, clusterer=clusterer,
                                                    progress=bar.update))
                bar.write(f"eventsift evaluate: {gold.path.name}: {len(gold.lines)} documents in "
                          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        if args.predictions_out:
            with args.predictions_out.open("w", encoding="utf-8") as out:
                write_jsonl(predictions, out)
            print(f"eventsift evaluate: {len(predictions)} records written to {args.predictions_out}",
                  file=sys.stderr)
    results = score_gold_sets(gold_sets, predictions)
    if args.json:
        print(json.dumps(scores_to_json(results), indent=1, ensure_ascii=False))
    else:
        print(render_table(results))
    return 0
