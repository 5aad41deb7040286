"""``eventsift extract``: code texts or a corpus into records."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tqdm import tqdm

from eventsift.cli.common import add_pipeline_options, config_from_args, iso_date, write_jsonl
from eventsift.extraction import ExtractionSummary, extract_records
from eventsift.ingest import read_inputs
from eventsift.pipeline import Pipeline
from eventsift.report import summarise_records


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser(
        "extract", help="code texts into event records",
        description="Code a text file, a directory of .txt files, a JSONL corpus (fields id, text, and optional "
                    "published, title, outlet, url) or stdin (-). Without -o, prints a readable summary of the "
                    "events; with -o (or --format jsonl) writes one record per input document.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, .jsonl corpus, or - for stdin")
    p.add_argument("-o", "--output", type=Path, help="write records (JSONL) to this file")
    p.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) for inputs that give none")
    p.add_argument("--format", choices=("summary", "jsonl", "json"), default=None,
                   help="stdout format: summary (default without -o), jsonl, or json (indented)")
    add_pipeline_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract, write, and report; exit code 1 when any document could not be coded."""
    pipeline = Pipeline.from_config(config_from_args(args))
    summary = ExtractionSummary()
    items = read_inputs(args.inputs, published=args.published)
    records = extract_records(items, pipeline, batch_size=args.batch_size, summary=summary)
    started = time.perf_counter()
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            write_jsonl(tqdm(records, desc="coding", unit="doc", file=sys.stderr,
                             disable=not sys.stderr.isatty()), out)
    else:
        fmt = args.format or "summary"
        if fmt == "jsonl":
            write_jsonl(records, sys.stdout)
        else:
            collected = list(records)
            if fmt == "json":
                print(json.dumps(collected if len(collected) != 1 else collected[0], indent=2, ensure_ascii=False))
            else:
                print(summarise_records(collected, show_events=50))
    elapsed = time.perf_counter() - started
    rate = summary.sentences / elapsed if elapsed > 0 else 0.0
    print(f"eventsift extract: {summary.documents} documents, {summary.events} events, {summary.sentences} "
          f"sentences in {elapsed:.1f} s ({rate:.0f} sentences/s)"
          + (f"; written to {args.output}" if args.output else ""), file=sys.stderr)
    for doc_id, message in summary.failures:
        print(f"  not coded: {doc_id}: {message}", file=sys.stderr)
    return 1 if summary.failed else 0
