"""Typed, tolerant views of gold lines and prediction records, as the metrics read them.

Predictions come from any tool, so every field may be missing or malformed: a bad value reads as "not predicted",
never as an error. Gold lines follow shared/gold/README.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventsift.evaluation.labels import ScoringLabels

_YEAR_IN_PARENS = re.compile(r"\(\d{4}-?\d*\)")
_TOKEN = re.compile(r"[a-z0-9]+")


def as_float(value: object) -> float | None:
    """A number from a JSON value (numbers and numeric strings); NaN and anything else give None."""
    if not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return None if math.isnan(number) else number


def as_int(value: object) -> int | None:
    """A rounded integer from a JSON value; booleans and non-finite numbers give None."""
    if isinstance(value, bool):
        return None
    number = as_float(value)
    return None if number is None or math.isinf(number) else round(number)


def as_date(value: object) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` (or a longer ISO timestamp); anything else gives None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return str(value) if value else None


def name_tokens(text: object, stopwords: frozenset[str]) -> set[str]:
    """Lower-case word tokens of a name, without stop words and without parenthesised years like "(1989)"."""
    cleaned = _YEAR_IN_PARENS.sub(" ", str(text or "").lower())
    return {t for t in _TOKEN.findall(cleaned) if t not in stopwords}


def names_match(gold: object, predicted: object, stopwords: frozenset[str]) -> bool:
    """Lenient name match: at least half of the tokens of one side occur in the other."""
    g, p = name_tokens(gold, stopwords), name_tokens(predicted, stopwords)
    if not g or not p:
        return False
    shared = len(g & p)
    return shared / len(g) >= 0.5 or shared / len(p) >= 0.5


# ---------------------------------------------------------------------------------------------------------------
# predictions
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PredictedActor:
    """An actor of a predicted event; ``role`` None means "either role"."""

    role: object
    text: str | None
    name: str | None
    sector: object

    def plays(self, role: str) -> bool:
        """True when the actor has ``role`` or no role."""
        return self.role in (role, None)


@dataclass(frozen=True, slots=True)
class PredictedLocation:
    """The location of a predicted event."""

    name: str | None
    lat: float | None
    lon: float | None
    country: str | None  # canonical ISO3


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """One predicted event with canonical labels."""

    plover: str | None
    mode: str
    acled_type: str | None
    acled_sub: str | None
    start: dt.date | None
    end: dt.date | None
    location: PredictedLocation | None
    killed: int | None
    injured: int | None
    actors: tuple[PredictedActor, ...]
    claim_status: str | None
    confidence: float
    cluster: str | None
    has_cluster: bool  # the record carries a cluster field (even null): the tool does deduplication

    def actors_in(self, role: str) -> list[PredictedActor]:
        """Actors that may fill ``role``."""
        return [a for a in self.actors if a.plays(role)]


@dataclass(frozen=True, slots=True)
class PredictedPlace:
    """A predicted toponym with a valid span."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class Prediction:
    """The prediction for one document."""

    id: str
    events: tuple[PredictedEvent, ...]
    places: tuple[PredictedPlace, ...]

    def events_by_confidence(self) -> list[PredictedEvent]:
        """Events, most confident first (ties keep the tool's order)."""
        return sorted(self.events, key=lambda e: -e.confidence)


def _dicts(value: object) -> list[Mapping[str, Any]]:
    return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []


def _read_claim_status(event: Mapping[str, Any], labels: ScoringLabels) -> str | None:
    candidates = [event.get("claim_status")]
    claimant = event.get("claimant")
    if isinstance(claimant, Mapping):
        candidates += [claimant.get("status"), claimant.get("claim_status")]
    for status in candidates:
        if status:
            return labels.claim_group(str(status))
    return None


def _read_event(event: Mapping[str, Any], labels: ScoringLabels) -> PredictedEvent:
    plover = event.get("plover") or {}
    if isinstance(plover, Mapping):
        ptype, mode = plover.get("type"), str(plover.get("mode") or "").strip().lower()
    else:
        ptype, mode = plover, ""
    acled = event.get("acled") or {}
    acled_type = acled_sub = None
    if isinstance(acled, Mapping):
        acled_type = labels.canonical_event_type(acled.get("event_type"))
        acled_sub = labels.canonical_sub_event(acled.get("sub_event_type"))
    date = event.get("date")
    if isinstance(date, Mapping):
        start = as_date(date.get("start"))
        end = as_date(date.get("end")) or start
    else:
        start = end = as_date(date)
    loc = event.get("location")
    location = None
    if isinstance(loc, Mapping) and loc:
        location = PredictedLocation(name=_text(loc.get("name")), lat=as_float(loc.get("lat")),
                                     lon=as_float(loc.get("lon")), country=labels.canonical_country(loc.get("country")))
    casualties = event.get("casualties") or {}
    if not isinstance(casualties, Mapping):
        casualties = {}
    actors = tuple(PredictedActor(role=a.get("role"), text=_text(a.get("text")), name=_text(a.get("name")),
                                  sector=a.get("sector")) for a in _dicts(event.get("actors")))
    # the record spells the cross-document cluster "cluster"; other tools may say "event_cluster"
    has_cluster = "event_cluster" in event or "cluster" in event
    cluster = event["event_cluster"] if "event_cluster" in event else event.get("cluster")
    confidence = as_float(event.get("confidence"))
    return PredictedEvent(
        plover=str(ptype).strip().upper() if ptype else None, mode=mode, acled_type=acled_type, acled_sub=acled_sub,
        start=start, end=end, location=location, killed=as_int(casualties.get("killed")),
        injured=as_int(casualties.get("injured")), actors=actors, claim_status=_read_claim_status(event, labels),
        confidence=0.0 if confidence is None else confidence,
        cluster=None if cluster is None else str(cluster), has_cluster=has_cluster)


def _read_place(place: Mapping[str, Any]) -> PredictedPlace | None:
    span = place.get("span")
    if "start" not in place and isinstance(span, list) and len(span) == 2:
        start, end = as_int(span[0]), as_int(span[1])
    else:
        start, end = as_int(place.get("start")), as_int(place.get("end"))
    if start is None or end is None or end <= start:
        return None
    return PredictedPlace(start=start, end=end, lat=as_float(place.get("lat")), lon=as_float(place.get("lon")),
                          geonameid=as_int(place.get("geonameid")))


def read_prediction(record: Mapping[str, Any], labels: ScoringLabels) -> Prediction:
    """A typed prediction from one output record (ours or any tool's following the same field names)."""
    places = [_read_place(p) for p in _dicts(record.get("places"))]
    return Prediction(id=str(record["id"]), events=tuple(_read_event(e, labels) for e in _dicts(record.get("events"))),
                      places=tuple(p for p in places if p is not None))


def read_predictions(records: Sequence[object], labels: ScoringLabels) -> dict[str, Prediction]:
    """Predictions by document id; lines without an id are ignored and a later line replaces an earlier one."""
    out: dict[str, Prediction] = {}
    for record in records:
        if isinstance(record, Mapping) and "id" in record:
            prediction = read_prediction(record, labels)
            out[prediction.id] = prediction
    return out


# ---------------------------------------------------------------------------------------------------------------
# gold
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event; a None field is "not labelled by this dataset"."""

    plover: str | None
    acled_type: str | None
    acled_sub: str | None
    has_date: bool
    start: dt.date | None
    end: dt.date | None
    has_location: bool
    location_name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    location_names: tuple[object, ...]
    location_spans: tuple[tuple[int, int], ...]
    killed: int | None
    injured: int | None
    claim_status: str | None  # claimed / accused / reported
    actor1: str | None
    actor2: str | None
    perpetrators: tuple[str, ...]
    targets: tuple[str, ...]
    incident_id: str | None
    optional: bool

    @property
    def plover_alternatives(self) -> frozenset[str]:
        """Accepted PLOVER types: ``CONCEDE|RETREAT`` accepts either."""
        return frozenset(self.plover.upper().split("|")) if self.plover else frozenset()

    @property
    def has_coordinates(self) -> bool:
        """True when the gold location has coordinates."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """A gold toponym (ignorable ones have no coordinates)."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold line."""

    id: str
    dataset: str
    events: tuple[GoldEvent, ...]
    places: tuple[GoldPlace, ...]
    places_ignore: tuple[GoldPlace, ...]
    labels: frozenset[str]
    subset: str | None
    case_label: str | None  # canonical ACLED sub-event type or CASE non-ACLED code of the first event


def _read_gold_event(event: Mapping[str, Any], labels: ScoringLabels) -> GoldEvent:
    loc = event.get("location") or {}
    names = event.get("location_names") or ([loc.get("name")] if loc else [])
    spans = tuple((int(s["start"]), int(s["end"])) for s in event.get("location_spans") or [])
    claim = event.get("claim_status")
    perpetrators = event.get("perpetrators") or ([event["actor1"]] if event.get("actor1") else [])
    targets = event.get("targets") or ([event["actor2"]] if event.get("actor2") else [])
    start = as_date(event.get("date"))
    return GoldEvent(
        plover=_text(event.get("plover_type")),
        acled_type=labels.canonical_event_type(event.get("acled_event_type")) if event.get("acled_event_type")
        else None,
        acled_sub=labels.canonical_sub_event(event.get("acled_sub_event_type")) if event.get("acled_sub_event_type")
        else None,
        has_date=bool(event.get("date")), start=start, end=as_date(event.get("date_end")) or start,
        has_location=bool(loc), location_name=_text(loc.get("name")),
        lat=as_float(loc.get("lat")), lon=as_float(loc.get("lon")),
        country=labels.canonical_country(loc.get("country")),
        location_names=tuple(names), location_spans=spans,
        killed=as_int(event.get("killed")), injured=as_int(event.get("injured")),
        claim_status=labels.gold_claim_group(str(claim)) if claim else None,
        actor1=_text(event.get("actor1")), actor2=_text(event.get("actor2")),
        perpetrators=tuple(str(p) for p in perpetrators), targets=tuple(str(t) for t in targets),
        incident_id=None if event.get("incident_id") is None else str(event["incident_id"]),
        optional=bool(event.get("optional")),
    )


def _read_gold_place(place: Mapping[str, Any]) -> GoldPlace:
    return GoldPlace(start=int(place["start"]), end=int(place["end"]), lat=as_float(place.get("lat")),
                     lon=as_float(place.get("lon")), geonameid=as_int(place.get("geonameid")))


def read_gold_document(line: Mapping[str, Any], labels: ScoringLabels) -> GoldDocument:
    """A typed gold document from one gold line."""
    events = [e for e in line.get("events") or [] if isinstance(e, Mapping)]
    case_label = None
    if events:
        first = events[0]
        case_label = labels.canonical_sub_event(first.get("acled_sub_event_type") or first.get("case_label"))
    return GoldDocument(
        id=str(line["id"]), dataset=str(line.get("dataset") or "unknown"),
        events=tuple(_read_gold_event(e, labels) for e in events),
        places=tuple(_read_gold_place(p) for p in line.get("places") or []),
        places_ignore=tuple(_read_gold_place(p) for p in line.get("places_ignore") or []),
        labels=frozenset(line.get("labels") or ()), subset=_text(line.get("subset")), case_label=case_label,
    )
