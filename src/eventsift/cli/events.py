"""``eventsift events``: list fused events from the database, with filters."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from eventsift.cli.common import iso_date
from eventsift.cli.ingest import add_db_option
from eventsift.store import EventQuery, open_store

TABLE_COLUMNS: tuple[str, ...] = ("id", "date_start", "plover_type", "acled_sub_event_type", "country",
                                  "location_name", "killed_best", "injured_best", "n_reports", "conflict")
CSV_COLUMNS: tuple[str, ...] = (
    "id", "date_start", "date_end", "plover_type", "acled_event_type", "acled_sub_event_type", "cameo", "country",
    "admin1", "location_name", "lat", "lon", "geo_precision", "killed_low", "killed_best", "killed_high",
    "injured_low", "injured_best", "injured_high", "conflict", "n_reports", "n_sources", "sources")


def _floats(text: str, n: int, what: str) -> tuple[float, ...]:
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if len(values) != n:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
    return values


def bbox_arg(text: str) -> tuple[float, ...]:
    """argparse type for MIN_LON,MIN_LAT,MAX_LON,MAX_LAT."""
    return _floats(text, 4, "a bounding box MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (four numbers)")


def near_arg(text: str) -> tuple[float, ...]:
    """argparse type for LAT,LON,KM."""
    return _floats(text, 3, "LAT,LON,KM (three numbers)")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser("events", help="list fused events from the database",
                       description="List fused events (one per real-world incident) with optional filters.")
    add_db_option(p)
    p.add_argument("--from", dest="date_from", type=iso_date, help="events ending on or after this date")
    p.add_argument("--to", dest="date_to", type=iso_date, help="events starting on or before this date")
    p.add_argument("--type", help="PLOVER type (ASSAULT), ACLED event type or sub-event type")
    p.add_argument("--country", help="ISO 3166 alpha-3 country code (e.g. NGA)")
    p.add_argument("--bbox", type=bbox_arg, metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", help="inside this box")
    p.add_argument("--near", type=near_arg, metavar="LAT,LON,KM", help="within KM kilometres of a point")
    p.add_argument("--actor", help="an actor whose name or text contains this")
    p.add_argument("--text", help="words that the reporting documents contain (full-text search)")
    p.add_argument("--limit", type=int, help="at most this many events")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Query and print."""
    query = EventQuery(
        date_from=args.date_from.isoformat() if args.date_from else None,
        date_to=args.date_to.isoformat() if args.date_to else None,
        type=args.type, country=args.country,
        bbox=tuple(args.bbox) if args.bbox else None,
        near=tuple(args.near) if args.near else None,
        actor=args.actor, text=args.text, limit=args.limit)
    query.check()
    store = open_store(args.db, create=False)
    try:
        events = store.query_events(query)
    finally:
        store.close()
    if args.format == "jsonl":
        for event in events:
            print(json.dumps(event, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for event in events:
            writer.writerow(["; ".join(event["sources"]) if c == "sources" else event.get(c) for c in CSV_COLUMNS])
    else:
        print(format_table(events))
    return 0


def format_table(events: list[dict[str, Any]]) -> str:
    """A plain-text table of fused events."""
    rows = [list(TABLE_COLUMNS)] + [["" if e.get(c) is None else str(e.get(c)) for c in TABLE_COLUMNS]
                                    for e in events]
    rows = [[cell if len(cell) <= 40 else cell[:39] + "…" for cell in row] for row in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(TABLE_COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.append(f"({len(events)} fused event{'s' if len(events) != 1 else ''})")
    return "\n".join(lines)
