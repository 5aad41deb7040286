"""Pair scoring for fusion: hard blocking rules, then a weighted sum of similarity features."""

from __future__ import annotations

import math

from eventsift.fuse.report import Report
from eventsift.fuse.settings import FusionSettings
from eventsift.fuse.text import cosine

EARTH_KM = 6371.0088
#: Place feature when the only shared location evidence is the region (state, province) or the country.
SAME_ADMIN1 = 0.3
SAME_COUNTRY = 0.05
#: Reports this close are at the same spot (geocoding of one street or neighbourhood varies by this much).
NEAR_KM = 5.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def date_gap(a: Report, b: Report) -> int | None:
    """Days between two reports' date ranges (0 when they overlap); ``None`` when either is undated."""
    if a.date_start is None or b.date_start is None or a.date_end is None or b.date_end is None:
        return None
    if a.date_end < b.date_start:
        return (b.date_start - a.date_end).days
    if b.date_end < a.date_start:
        return (a.date_start - b.date_end).days
    return 0


def distance_km(a: Report, b: Report) -> float | None:
    """Distance between two precisely located reports; ``None`` unless both have point coordinates."""
    if a.precise and b.precise and a.lat is not None and b.lat is not None and a.lon is not None \
            and b.lon is not None:
        return haversine_km(a.lat, a.lon, b.lat, b.lon)
    return None


def compatible(a: Report, b: Report, settings: FusionSettings) -> bool:
    """Blocking: may ``a`` and ``b`` be the same incident at all (types, dates, distance, country, document)?"""
    if a.document_id == b.document_id:
        return False  # one document's distinct events are distinct incidents by construction
    if not settings.types_compatible(a.plover_type, b.plover_type):
        return False
    if "verbal" in (a.role, b.role) and a.plover_type != b.plover_type:
        return False  # a statement fuses only with the same kind of statement
    gap = date_gap(a, b)
    if gap is None or gap > settings.date_window_days:
        return False
    km = distance_km(a, b)
    if km is not None and km > settings.max_km:
        return False
    return not (a.country and b.country and a.country != b.country)


def _count_similarity(x: int | None, y: int | None) -> float | None:
    if x is None or y is None:
        return None
    if x == y:
        return 1.0
    return -0.5 if max(x, y) > 0 and min(x, y) == 0 else -min(1.0, abs(x - y) / max(x, y))


def place_similarity(a: Report, b: Report, settings: FusionSettings) -> float:
    """1 for the same spot, falling to -1 at ``far_km``; region and country agreement are weak evidence only."""
    km = distance_km(a, b)
    if km is not None:
        return 1.0 if km <= NEAR_KM else max(-1.0, 1.0 - 2.0 * (km - NEAR_KM) / max(1.0, settings.far_km - NEAR_KM))
    if a.admin1 and b.admin1 and a.country == b.country:
        return SAME_ADMIN1 if a.admin1 == b.admin1 else -1.0
    if a.country and a.country == b.country:
        return SAME_COUNTRY
    return 0.0


def pair_features(a: Report, b: Report, settings: FusionSettings) -> dict[str, float]:
    """Similarity features of a compatible pair, each in [-1, 1] (0 = no evidence either way)."""
    gap = date_gap(a, b)
    window = max(1, settings.date_window_days)
    counts = [s for s in (_count_similarity(a.killed, b.killed), _count_similarity(a.injured, b.injured))
              if s is not None]
    actors = len(a.actors & b.actors) / len(a.actors | b.actors) if a.actors and b.actors else 0.0
    text, doc = cosine(a.vector, b.vector), cosine(a.doc_vector, b.doc_vector)
    if "verbal" in (a.role, b.role):
        text = min(text, doc)  # a stock phrase ("anyone with information...") recurs across unrelated stories
    return {
        "text": text,
        "doc": doc,
        "date": 0.0 if gap is None else 1.0 - min(1.0, gap / window) * 2.0 if gap else 1.0,
        "place": place_similarity(a, b, settings),
        "casualties": sum(counts) / len(counts) if counts else 0.0,
        "actors": actors,
        "type": 1.0 if a.plover_type == b.plover_type else 0.0,
    }


def pair_score(a: Report, b: Report, settings: FusionSettings) -> float:
    """Join score of two reports (``-inf`` when blocking rules them out); compared with the pair's role threshold
    (:meth:`FusionSettings.pair_threshold`)."""
    if not compatible(a, b, settings):
        return -math.inf
    w = settings.weights
    feats = pair_features(a, b, settings)
    return w["bias"] + sum(w[name] * value for name, value in feats.items())

