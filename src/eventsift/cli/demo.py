"""``eventsift demo``: code the bundled demo corpus and show what came out."""

from __future__ import annotations

import argparse
import sys
from importlib import resources as importlib_resources
from pathlib import Path

from eventsift.cli.common import write_jsonl
from eventsift.config import Config
from eventsift.extraction import extract_records
from eventsift.ingest import read_inputs
from eventsift.pipeline import Pipeline
from eventsift.report import summarise_records


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser("demo", help="code the bundled demo corpus and print a summary",
                       description="Code the demo corpus shipped with eventsift, write the records to "
                                   "OUT/records.jsonl and print events per type and country and the first events.")
    p.add_argument("--out", type=Path, default=Path("out/demo"), help="output directory (default: %(default)s)")
    p.set_defaults(run=run)


def demo_corpus_path() -> Path:
    """The bundled demo corpus (package data)."""
    return Path(str(importlib_resources.files("eventsift.data").joinpath("demo/corpus.jsonl")))


def run(args: argparse.Namespace) -> int:
    """Code the corpus, write records, print the summary."""
    args.out.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline.from_config(Config())
    records = list(extract_records(read_inputs([str(demo_corpus_path())]), pipeline))
    target = args.out / "records.jsonl"
    with target.open("w", encoding="utf-8") as out:
        write_jsonl(records, out)
    print(summarise_records(records, show_events=20))
    print(f"\nrecords written to {target}", file=sys.stderr)
    return 0
