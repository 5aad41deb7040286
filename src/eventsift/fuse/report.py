"""The fusion view of one reported event: the few fields that tell whether two reports describe one incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eventsift.fuse.text import TermWeights, Vector

#: Location precisions whose coordinates are a point near the incident (others are region or country centroids).
PRECISE_LOCATIONS = frozenset({"place", "admin2"})
#: Characters of the document's opening used as text evidence besides the title and the event's sentence.
LEAD_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Report:
    """One event as reported by one document, reduced to what fusion compares."""

    event_id: str
    document_id: str
    source: str | None
    plover_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    lat: float | None = None
    lon: float | None = None
    precise: bool = False
    country: str | None = None
    killed: int | None = None
    injured: int | None = None
    actors: frozenset[str] = frozenset()
    vector: Vector = field(default_factory=dict)


def _date(text: object) -> dt.date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def fusion_text(record: dict[str, Any], event: dict[str, Any], lead: str | None = None) -> str:
    """The text fusion compares: the title, the document's opening and the event's evidence sentence."""
    source = record.get("source") or {}
    parts = [source.get("title") or "", (lead or "")[:LEAD_CHARS], (event.get("evidence") or {}).get("text") or ""]
    return "\n".join(p for p in parts if p)


def report_from_event(record: dict[str, Any], event: dict[str, Any], weights: TermWeights, *,
                      text: str | None = None) -> Report:
    """Build the Report of ``event`` in ``record``; ``text`` is the fusion text (built with :func:`fusion_text`)."""
    source = record.get("source") or {}
    date = event.get("date") or {}
    start, end = _date(date.get("start")), _date(date.get("end"))
    if start is None:
        start = end = _date(source.get("published"))
    loc = event.get("location") or {}
    cas = event.get("casualties") or {}
    actors = frozenset(str(a.get("name") or a.get("text") or "").lower() for a in event.get("actors") or []
                       if a.get("name") or a.get("text"))
    lat, lon = loc.get("lat"), loc.get("lon")
    return Report(
        event_id=str(event["id"]), document_id=str(record["id"]), source=source.get("outlet"),
        plover_type=(event.get("plover") or {}).get("type"), date_start=start, date_end=end or start,
        lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
        precise=loc.get("precision") in PRECISE_LOCATIONS, country=loc.get("country"),
        killed=cas.get("killed"), injured=cas.get("injured"), actors=actors,
        vector=weights.vectorise(text if text is not None else fusion_text(record, event)),
    )
