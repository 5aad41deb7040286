"""Human-readable summaries of coded records, for the terminal."""

from __future__ import annotations

import collections
from collections.abc import Iterable
from typing import Any


def describe_event(event: dict[str, Any]) -> str:
    """One line per event: type, date, place, casualties, actors, claimant."""
    plover = event["plover"]
    kind = (plover["type"] or "OTHER") + (f"/{plover['mode']}" if plover.get("mode") else "")
    if plover.get("aux"):
        kind += f" [{plover['aux']}]"
    acled = event.get("acled")
    if acled and acled.get("sub_event_type"):
        kind += f" ({acled['sub_event_type']})"
    date = event.get("date")
    when = "date ?"
    if date:
        when = date["start"] if date["start"] == date["end"] else f"{date['start']}..{date['end']}"
        when += f" ({date['precision']})"
    loc = event.get("location")
    where = f"{loc['name']} [{loc.get('country') or '?'}, {loc['precision']}]" if loc else "place ?"
    cas = event.get("casualties") or {}
    counts = ", ".join(f"{k} {cas[k]}" for k in ("killed", "injured", "arrested") if cas.get(k) is not None)
    actors = "; ".join(
        f"{a['role']}: {a['name']}" + (f" ({a.get('country') or '?'} {a.get('sector') or '?'})")
        for a in event.get("actors") or []
    )
    claim = event.get("claimant")
    claimed = f"{claim['status']} by {claim['name']}" if claim else "no claimant"
    parts = [kind, when, where]
    if counts:
        parts.append(counts)
    if actors:
        parts.append(actors)
    parts.append(claimed)
    return " | ".join(parts)


def summarise_records(records: Iterable[dict[str, Any]], *, show_events: int = 12) -> str:
    """Counts per event type and per country, the errors, and the first events described one per line."""
    records = list(records)
    by_type: collections.Counter[str] = collections.Counter()
    by_country: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    events: list[tuple[str, dict[str, Any]]] = []
    for rec in records:
        for err in rec["errors"]:
            errors[err["code"]] += 1
        for ev in rec["events"]:
            by_type[ev["plover"]["type"] or "OTHER"] += 1
            by_country[(ev.get("location") or {}).get("country") or "unknown"] += 1
            events.append((rec["id"], ev))
    lines = [f"{len(records)} documents, {len(events)} events"]
    if by_type:
        lines.append("events per type:    " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
        lines.append("events per country: " + ", ".join(f"{k} {v}" for k, v in by_country.most_common()))
    if errors:
        lines.append("document notes:     " + ", ".join(f"{k} {v}" for k, v in errors.most_common()))
    if events:
        lines.append("")
        lines.append(f"first {min(show_events, len(events))} events:")
        for doc_id, ev in events[:show_events]:
            lines.append(f"  [{doc_id}] {describe_event(ev)}")
            lines.append(f"      evidence: {ev['evidence']['text'][:160]!r}")
    return "\n".join(lines)


def _range(low: Any, best: Any, high: Any) -> str:
    if best is None:
        return "?"
    return str(best) if low == high else f"{best} (claims {low}-{high})"


def summarise_fused(fused: Iterable[dict[str, Any]], *, show: int = 10) -> str:
    """Fused incidents: how many, and those several reports describe, with every claimant's figures."""
    fused = list(fused)
    multi = [f for f in fused if f["n_reports"] > 1]
    lines = [f"{len(fused)} fused events; {len(multi)} described by several reports, "
             f"{sum(1 for f in fused if f['conflict'])} with conflicting claims"]
    for f in sorted(multi, key=lambda f: (-f["n_reports"], f["id"]))[:show]:
        when = f["date_start"] if f["date_start"] == f["date_end"] else f"{f['date_start']}..{f['date_end']}"
        lines.append(f"  {f['id']} {f['plover_type'] or 'OTHER'} {when} {f['location_name'] or 'place ?'}: "
                     f"{f['n_reports']} reports from {', '.join(f['sources'])}; killed "
                     f"{_range(f['killed_low'], f['killed_best'], f['killed_high'])}"
                     + ("; CONFLICTING CLAIMS" if f["conflict"] else ""))
        for claim in f["claims"]:
            figures = ", ".join(f"{k} {claim[k]}" for k in ("killed", "injured", "arrested")
                                if claim.get(k) is not None)
            lines.append(f"      {claim['status']} by {claim['claimant']} ({claim['source']})"
                         + (f": {figures}" if figures else ""))
    return "\n".join(lines)
