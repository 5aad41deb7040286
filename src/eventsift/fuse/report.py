"""The fusion view of one reported event: the few fields that tell whether two reports describe one incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eventsift.fuse.settings import FusionSettings, load_fusion_settings
from eventsift.fuse.text import TermWeights, Vector

#: Location precisions whose coordinates are a point near the incident (others are region or country centroids).
PRECISE_LOCATIONS = frozenset({"place", "admin2"})
#: Characters of the document's opening used as document-level text evidence (with the title).
LEAD_CHARS = 3000
#: Roles of a report in fusion: its document's main incident, another incident, or a verbal / non-actual event.
ROLES: tuple[str, ...] = ("anchor", "material", "verbal")


@dataclass(frozen=True, slots=True)
class Report:
    """One event as reported by one document, reduced to what fusion compares.

    ``vector`` is the event's own text (title and evidence sentence), ``doc_vector`` the document's (title and
    opening); ``role`` says how freely the report may fuse (see :func:`event_role`).
    """

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
    doc_vector: Vector = field(default_factory=dict)
    admin1: str | None = None
    role: str = "anchor"


def _date(text: object) -> dt.date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def fusion_text(record: dict[str, Any], event: dict[str, Any], lead: str | None = None) -> str:
    """The event's own text fusion compares: the title and the event's evidence sentence.

    ``lead`` is accepted for callers that pass the document text; the document's opening is compared separately
    (see :func:`document_text`).
    """
    del lead
    source = record.get("source") or {}
    parts = [source.get("title") or "", (event.get("evidence") or {}).get("text") or ""]
    return "\n".join(p for p in parts if p)


def document_text(record: dict[str, Any], lead: str | None = None) -> str:
    """The document-level text fusion compares: the title and the opening of the document."""
    source = record.get("source") or {}
    parts = [source.get("title") or "", (lead or "")[:LEAD_CHARS]]
    return "\n".join(p for p in parts if p)


def _actual(event: dict[str, Any], settings: FusionSettings) -> tuple[int, float] | None:
    """Rank key of an event as its document's main incident, or None when it cannot be one."""
    plover = event.get("plover") or {}
    kind = plover.get("type")
    if kind not in settings.material_types or plover.get("aux") is not None:
        return None
    return -settings.material_types.index(kind), float(event.get("confidence") or 0.0)


def main_event_id(record: dict[str, Any], settings: FusionSettings) -> str | None:
    """The id of the document's main incident: its actual material event of the highest-ranked type, then the
    highest confidence, then the earliest; None when the document reports no actual material event."""
    ranked = [(key, -i, str(event.get("id"))) for i, event in enumerate(record.get("events") or [])
              if (key := _actual(event, settings)) is not None]
    return max(ranked)[2] if ranked else None


def event_role(record: dict[str, Any], event: dict[str, Any], settings: FusionSettings) -> str:
    """``anchor`` for the document's main incident, ``material`` for its other actual material events, ``verbal``
    for verbal events and for events that did not (yet) happen (negated, hypothetical, future, historical)."""
    if _actual(event, settings) is None:
        return "verbal"
    return "anchor" if str(event.get("id")) == main_event_id(record, settings) else "material"


def report_from_event(record: dict[str, Any], event: dict[str, Any], weights: TermWeights, *,
                      settings: FusionSettings | None = None, text: str | None = None, lead: str | None = None,
                      doc_vector: Vector | None = None, role: str | None = None) -> Report:
    """Build the Report of ``event`` in ``record``.

    Args:
        record: the document's record (its other events decide whether ``event`` is the main incident).
        event: one event of ``record``.
        weights: term weights for the text vectors.
        settings: fusion settings (which types are material; the shipped ones by default).
        text: the event's fusion text (built with :func:`fusion_text` by default).
        lead: the document text, whose opening is compared at document level.
        doc_vector: the document-level vector, when already computed for another event of the document.
        role: the report's role, when already known (see :func:`event_role`).
    """
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
    if role is None:
        role = event_role(record, event, settings or load_fusion_settings())
    if doc_vector is None:
        doc_vector = weights.vectorise(document_text(record, lead))
    return Report(
        event_id=str(event["id"]), document_id=str(record["id"]), source=source.get("outlet"),
        plover_type=(event.get("plover") or {}).get("type"), date_start=start, date_end=end or start,
        lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
        precise=loc.get("precision") in PRECISE_LOCATIONS, country=loc.get("country"),
        killed=cas.get("killed"), injured=cas.get("injured"), actors=actors,
        vector=weights.vectorise(text if text is not None else fusion_text(record, event)), doc_vector=doc_vector,
        admin1=loc.get("admin1") or None, role=role,
    )


def reports_from_record(record: dict[str, Any], weights: TermWeights, settings: FusionSettings, *,
                        lead: str | None = None) -> list[Report]:
    """The Reports of every event of ``record``, its main incident first (the document text is vectorised once)."""
    events = record.get("events") or []
    main = main_event_id(record, settings)
    doc_vector = weights.vectorise(document_text(record, lead))
    reports = [report_from_event(record, event, weights, doc_vector=doc_vector,
                                 role="verbal" if _actual(event, settings) is None else
                                 "anchor" if str(event.get("id")) == main else "material")
               for event in events]
    return sorted(reports, key=lambda r: r.role != "anchor")
