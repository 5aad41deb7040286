"""``eventsift demo``: code the bundled demo corpus into a store and show what came out."""

from __future__ import annotations

import argparse
import sys
from importlib import resources as importlib_resources
from pathlib import Path

from eventsift.cli.common import write_jsonl
from eventsift.config import Config
from eventsift.report import summarise_fused, summarise_records
from eventsift.store import open_store
from eventsift.workflows import ingest_paths


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser("demo", help="code the bundled demo corpus, store it and print a summary",
                       description="Code the demo corpus shipped with eventsift into the SQLite store OUT/eventsift.db "
                                   "(reports of one incident are fused), write the records to OUT/records.jsonl and "
                                   "print events per type and country, the first events, and the fused incidents "
                                   "that several reports describe.")
    p.add_argument("--out", type=Path, default=Path("out/demo"), help="output directory (default: %(default)s)")
    p.set_defaults(run=run)


def demo_corpus_path() -> Path:
    """The bundled demo corpus (package data)."""
    return Path(str(importlib_resources.files("eventsift.data").joinpath("demo/corpus.jsonl")))


def run(args: argparse.Namespace) -> int:
    """Ingest the corpus, write records, print the summaries."""
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / "eventsift.db"
    store = open_store(db)
    try:
        ingest_paths(store, [str(demo_corpus_path())], Config())
        records = list(store.iter_records())
        fused = list(store.iter_fused())
    finally:
        store.close()
    target = args.out / "records.jsonl"
    with target.open("w", encoding="utf-8") as out:
        write_jsonl(records, out)
    print(summarise_records(records, show_events=20))
    print()
    print(summarise_fused(fused))
    print(f"\nrecords written to {target}; store {db} (try: eventsift events --db {db})", file=sys.stderr)
    return 0
