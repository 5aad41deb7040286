"""``eventsift show``: one fused event with its reports, claims and evidence."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eventsift.cli.ingest import add_db_option
from eventsift.store import open_store


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Attach the command."""
    p = sub.add_parser("show", help="show a fused event, its reports, claims and evidence",
                       description="Show one fused event (by its id or the id of any of its reports).")
    p.add_argument("event_id", metavar="EVENT_ID", help="fused event id (fe-...) or report event id (ev-...)")
    add_db_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the event; exit code 1 when it is not in the database."""
    store = open_store(args.db, create=False)
    try:
        event = store.get_event(args.event_id)
    finally:
        store.close()
    if event is None:
        print(f"eventsift show: no event {args.event_id!r} in {args.db}; list ids with `eventsift events --db "
              f"{args.db}`", file=sys.stderr)
        return 1
    print(json.dumps(event, indent=2, ensure_ascii=False) if args.format == "json" else format_event(event))
    return 0


def _figures(event: dict[str, Any], key: str) -> str:
    low, best, high = event[f"{key}_low"], event[f"{key}_best"], event[f"{key}_high"]
    if best is None:
        return "unknown"
    return str(best) if low == high else f"{best} (claims range {low}-{high})"


def format_event(event: dict[str, Any]) -> str:
    """A readable account of a fused event."""
    where = ", ".join(x for x in (event.get("location_name"), event.get("admin1"), event.get("country")) if x)
    when = event.get("date_start") or "?"
    if event.get("date_end") and event["date_end"] != event.get("date_start"):
        when += f" to {event['date_end']}"
    lines = [
        f"{event['id']}  {event.get('plover_type') or '?'}"
        + (f" / {event['acled_sub_event_type']}" if event.get("acled_sub_event_type") else ""),
        f"  when:     {when}",
        f"  where:    {where or 'unknown'}"
        + (f" ({event['lat']:.4f}, {event['lon']:.4f})" if event.get("lat") is not None else ""),
        f"  killed:   {_figures(event, 'killed')}",
        f"  injured:  {_figures(event, 'injured')}",
        f"  sources:  {', '.join(event['sources']) or 'none named'} ({event['n_reports']} report(s))",
    ]
    if event["conflict"]:
        lines.append("  CONFLICTING CLAIMS: " + "; ".join(event["conflicts"]))
    lines.append("  claims:")
    for claim in event["claims"]:
        figures = ", ".join(f"{k} {claim[k]}" for k in ("killed", "injured", "arrested") if claim.get(k) is not None)
        lines.append(f"    - {claim.get('claimant') or '?'} [{claim['status']}] via {claim.get('source') or '?'}"
                     + (f": {figures}" if figures else ""))
    lines.append("  reports:")
    for report in event["reports"]:
        doc = report["document"]
        lines.append(f"    {report['event']['id']} in {doc['id']} ({doc.get('outlet') or '?'}, "
                     f"{doc.get('published') or '?'}): {doc.get('title') or ''}")
        for span in report["evidence"]:
            text = span["text"].replace("\n", " ")
            lines.append(f"      {span['field']:<18} [{span['span'][0]}:{span['span'][1]}] {text[:100]}")
    return "\n".join(lines)
