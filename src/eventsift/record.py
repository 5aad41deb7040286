"""The output record: one JSON-ready dict per document (the contract documented in docs/record.md)."""

from __future__ import annotations

import hashlib
import json
from importlib import resources as importlib_resources
from typing import Any

from eventsift.model import Actor, Claim, Document, Event, Place, Span, When
from eventsift.resources import Resources

RECORD_SCHEMA_FILE = "record.schema.json"


def content_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of ``parts`` (used for document and event ids)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:length]


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [int(span[0]), int(span[1])]


def _actor(actor: Actor) -> dict[str, Any]:
    return {"role": actor.role, "text": actor.text, "name": actor.name, "country": actor.country,
            "sector": actor.sector, "span": _span(actor.span)}


def _claim(claim: Claim | None) -> dict[str, Any] | None:
    if claim is None:
        return None
    denier = claim.denier
    return {"text": claim.text, "name": claim.name, "country": claim.country, "sector": claim.sector,
            "span": _span(claim.span), "status": claim.status,
            "denied_by": None if denier is None else {"text": denier.text, "name": denier.name,
                                                      "country": denier.country, "sector": denier.sector,
                                                      "span": _span(denier.span)}}


def _when(when: When | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {"start": when.start.isoformat(), "end": when.end.isoformat(), "precision": when.precision,
            "text": when.text, "span": _span(when.span)}


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"text": place.text, "name": place.name, "geonameid": place.geonameid, "lat": place.lat,
            "lon": place.lon, "country": place.country, "admin1": place.admin1, "precision": place.precision,
            "span": _span(place.span)}


def _event(event: Event) -> dict[str, Any]:
    cas = event.casualties
    casualties: dict[str, Any] = {"killed": cas.killed, "injured": cas.injured, "arrested": cas.arrested,
                                  "spans": {k: _span(v) for k, v in sorted(cas.spans.items())}}
    if cas.per_side:
        casualties["per_side"] = cas.per_side
    return {
        "id": event.id,
        "plover": {"type": event.plover.type, "mode": event.plover.mode, "context": list(event.plover.context),
                   "aux": event.plover.aux},
        "acled": None if event.acled is None else {"event_type": event.acled.event_type,
                                                   "sub_event_type": event.acled.sub_event_type},
        "cameo": event.cameo,
        "actors": [_actor(a) for a in event.actors],
        "claimant": _claim(event.claimant),
        "date": _when(event.date),
        "location": _place(event.location),
        "casualties": casualties,
        "evidence": {"text": event.evidence.text, "span": _span(event.evidence.span)},
        "confidence": round(float(event.confidence), 4),
        "cluster": event.cluster,
    }


def to_record(doc: Document) -> dict[str, Any]:
    """The record of one processed document (see docs/record.md for every field)."""
    src = doc.source
    places = []
    for place in doc.places:
        if place.lat is None or place.lon is None:
            continue
        places.append({"text": place.text, "span": _span(place.span), "start": place.span[0], "end": place.span[1],
                       "name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
                       "country": place.country})
    return {
        "id": doc.id,
        "source": {"outlet": src.outlet, "url": src.url,
                   "published": src.published.isoformat() if src.published else None, "title": src.title},
        "repairs": [{"span": _span(r.span), "from": r.from_text, "to": r.to_text} for r in doc.repairs],
        "events": [_event(e) for e in doc.events],
        "places": places,
        "errors": [{"code": e.code, "message": e.message} for e in doc.errors],
    }


def event_id(doc: Document, event: Event) -> str:
    """Stable content hash of an event: its document, type, trigger and resolved place and date."""
    loc = event.location
    return "ev-" + content_hash(
        doc.id, content_hash(doc.text), event.plover.type, event.plover.mode, event.plover.aux, event.trigger,
        None if loc is None else (loc.name, loc.span),
        None if event.date is None else (event.date.start.isoformat(), event.date.end.isoformat()),
    )


def load_record_schema() -> dict[str, Any]:
    """The JSON Schema of a record, shipped as package data."""
    text = importlib_resources.files("eventsift.data").joinpath(RECORD_SCHEMA_FILE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class RecordStage:
    """Final stage: orders events, drops exact duplicates, and gives every event its content-hash id."""

    name = "eventsift.record.v1"
    requires = ("events",)
    provides = ("record",)
    always_run = True

    def __call__(self, doc: Document) -> None:
        """Finalise ``doc.events``."""
        seen: set[str] = set()
        events: list[Event] = []
        for event in sorted(doc.events, key=lambda e: (e.evidence.span[0], e.trigger[0])):
            event.confidence = min(1.0, max(0.0, float(event.confidence)))
            event.id = event_id(doc, event)
            if event.id in seen:
                continue
            seen.add(event.id)
            events.append(event)
        doc.events = events


def create_record(resources: Resources) -> RecordStage:
    """Factory registered as ``eventsift.record.v1``."""
    del resources
    return RecordStage()
