"""``eventsift export``: write the database's fused events (or records) in a standard format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventsift.cli.ingest import add_db_option
from eventsift.store import open_store
from eventsift.store.export import FORMATS, export_store


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser(
        "export", help="export fused events as ACLED CSV, PLOVER JSONL, CAMEO TSV, GeoJSON, Parquet or records",
        description="Export every fused event: acled-csv (ACLED's column names), plover-jsonl, cameo-tsv, geojson "
                    "(located events), parquet (needs -o), or records-jsonl (one record per document, each event's "
                    "cluster = its fused event id).")
    add_db_option(p)
    p.add_argument("--format", required=True, choices=FORMATS, help="output format")
    p.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export."""
    store = open_store(args.db, create=False)
    try:
        n = export_store(store, args.format, args.output if args.output else sys.stdout)
    finally:
        store.close()
    print(f"eventsift export: {n} {'records' if args.format == 'records-jsonl' else 'events'} as {args.format}"
          + (f" to {args.output}" if args.output else ""), file=sys.stderr)
    return 0
