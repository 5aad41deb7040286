"""``eventsift ingest``: extract documents and store them (with fusion) in a database."""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from eventsift.cli.common import add_pipeline_options, config_from_args, iso_date
from eventsift.store import open_store
from eventsift.store.loader import IngestSummary
from eventsift.workflows import ingest_paths

DEFAULT_DB = "eventsift.db"
MAX_LISTED_ERRORS = 50


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The --db option shared by the store commands."""
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE|URL",
                        help="SQLite file or postgresql:// URL (default: %(default)s)")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser(
        "ingest", help="extract documents and store them, fusing reports of the same incident",
        description="Code every input (text file, directory of .txt, JSONL corpus, or - for stdin) and store the "
                    "records, their claims and evidence in the database; reports of one incident are fused into one "
                    "event. Re-running on the same inputs changes nothing; an interrupted run resumes where it "
                    "stopped. Per-document errors are stored and listed at the end.")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="file, directory, .jsonl corpus, or - for stdin")
    add_db_option(p)
    p.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) for inputs that give none")
    add_pipeline_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Ingest; exit code 1 when some document had errors."""
    store = open_store(args.db)
    bar = tqdm(desc="ingest", unit="doc", file=sys.stderr, disable=not sys.stderr.isatty())

    def progress(summary: IngestSummary) -> None:
        bar.n = summary.seen
        bar.set_postfix(new=summary.new, skipped=summary.skipped, events=summary.events, refresh=False)
        bar.refresh()

    try:
        summary = ingest_paths(store, args.inputs, config_from_args(args), published=args.published,
                               batch_size=args.batch_size, progress=progress)
    finally:
        bar.close()
        counts = store.counts()
        store.close()
    print(f"eventsift ingest: {summary.seen} documents read, {summary.new} new, {summary.replaced} replaced, "
          f"{summary.skipped} already stored; {summary.events} events stored; the database {args.db} holds "
          f"{counts.get('documents', 0)} documents, {counts.get('events', 0)} events, "
          f"{counts.get('fused_events', 0)} fused events", file=sys.stderr)
    if summary.errors:
        print(f"eventsift ingest: {len(summary.errors)} document error(s):", file=sys.stderr)
        for doc_id, code, message in summary.errors[:MAX_LISTED_ERRORS]:
            print(f"  {doc_id}: [{code}] {message}", file=sys.stderr)
        if len(summary.errors) > MAX_LISTED_ERRORS:
            print(f"  ... and {len(summary.errors) - MAX_LISTED_ERRORS} more", file=sys.stderr)
        return 1
    return 0
