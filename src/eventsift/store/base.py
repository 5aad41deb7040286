"""The store Protocol every backend implements, and the query and result types it speaks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from eventsift.errors import StoreError


def document_hash(text: str, *, outlet: str | None, url: str | None, published: str | None,
                  title: str | None) -> str:
    """Content hash of a document: its text and source (what makes a re-ingest a no-op)."""
    blob = json.dumps([text, outlet, url, published, title], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for listing fused events; every field is optional (``None`` = no filter).

    ``bbox`` is (min_lon, min_lat, max_lon, max_lat); ``near`` is (lat, lon, km).
    """

    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None
    actor: str | None = None
    text: str | None = None
    limit: int | None = None

    def check(self) -> None:
        """Reject filters that cannot mean anything (coordinates out of range, inverted boxes).

        Raises:
            StoreError: naming the bad filter and the valid range.
        """
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            lons_ok = -180 <= min_lon <= 180 and -180 <= max_lon <= 180
            if not (lons_ok and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
                raise StoreError(f"bbox {self.bbox} is out of range: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT with "
                                 "longitudes in [-180, 180] and latitudes in [-90, 90]")
            if min_lon > max_lon or min_lat > max_lat:
                raise StoreError(f"bbox {self.bbox} is inverted: the minimum longitude/latitude must come first "
                                 "(MIN_LON,MIN_LAT,MAX_LON,MAX_LAT)")
        if self.near is not None:
            lat, lon, km = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not 0 < km <= 20_040:
                raise StoreError(f"near {self.near} is out of range: give LAT,LON,KM with LAT in [-90, 90], LON in "
                                 "[-180, 180] and 0 < KM <= 20040")
        if self.limit is not None and self.limit < 0:
            raise StoreError(f"limit {self.limit} must be zero or positive")


@dataclass(slots=True)
class AddResult:
    """What storing one record did."""

    document_id: str
    status: str  # "new", "replaced" or "unchanged"
    events: int = 0
    fused: list[str] = field(default_factory=list)


class Store(Protocol):
    """A place records are stored, fused, queried and exported from (SQLite file or PostgreSQL server)."""

    url: str

    def has_document(self, document_id: str, content_hash: str) -> bool:
        """True when this exact document (id and content) is already stored."""

    def add_record(self, record: dict[str, Any], *, text: str, content_hash: str) -> AddResult:
        """Store one document's record, its events, claims and evidence, and fuse its events (one transaction)."""

    def query_events(self, query: EventQuery) -> list[dict[str, Any]]:
        """Fused events matching ``query``, ordered by date then id."""

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """A fused event (by its id or the id of one of its reports) with its reports, claims and evidence."""

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, each event's ``cluster`` set to its fused event id."""

    def iter_fused(self) -> Iterator[dict[str, Any]]:
        """Every fused event (summary row with its claims), ordered by date then id."""

    def document_errors(self) -> list[dict[str, str]]:
        """Per-document problems recorded during ingest."""

    def counts(self) -> dict[str, int]:
        """Row counts per table (for progress, tests and the kill-and-resume check)."""

    def close(self) -> None:
        """Release the connection."""
