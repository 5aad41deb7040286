"""Incremental clustering: each new report joins the best-scoring existing fused event, or starts its own.

Only candidates that share the blocking window are compared (never all pairs). A fused event keeps the id of the
report that founded it, so ids are stable across runs that see the reports in the same order. A report never bridges
two existing fused events (they are not merged afterwards): this keeps fusion incremental and one report's error from
collapsing incidents together.
"""

from __future__ import annotations

import collections
import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from eventsift.fuse.report import Report, fusion_text, report_from_event
from eventsift.fuse.score import pair_score
from eventsift.fuse.settings import FusionSettings, load_fusion_settings
from eventsift.fuse.text import TermWeights, load_term_weights
from eventsift.record import content_hash


class CandidateSource(Protocol):
    """Where existing reports are looked up: an in-memory index here, the database in the store."""

    def candidates(self, report: Report, settings: FusionSettings) -> Iterable[tuple[str, Report]]:
        """(fused id, member report) pairs inside ``report``'s blocking window."""


def new_fused_id(report: Report) -> str:
    """The id of a fused event founded by ``report``."""
    return "fe-" + content_hash(report.event_id)


def choose_cluster(report: Report, candidates: Iterable[tuple[str, Report]], settings: FusionSettings, *,
                   spans: Mapping[str, tuple[dt.date, dt.date]] | None = None) -> tuple[str | None, float]:
    """The fused event ``report`` joins and the join score (average link over the members in its window).

    A fused event is never joined when it holds a report from the same document (a document's distinct events stay
    distinct), when any of its members is incompatible with ``report`` (another place, type or country), or when
    joining would stretch its dates (``spans``) beyond twice the blocking window: this stops chains of reports from
    drifting one incident into the next.
    """
    scores: dict[str, list[float]] = collections.defaultdict(list)
    blocked: set[str] = set()
    for fused_id, member in candidates:
        score = pair_score(report, member, settings)
        if member.document_id == report.document_id or score == -math.inf:
            blocked.add(fused_id)
        scores[fused_id].append(score)
    limit = 2 * settings.date_window_days
    for fused_id, (start, end) in (spans or {}).items():
        if report.date_start is not None and report.date_end is not None and \
                (max(end, report.date_end) - min(start, report.date_start)).days > limit:
            blocked.add(fused_id)
    best = {f: sum(s) / len(s) for f, s in scores.items() if f not in blocked}
    ranked = sorted(((s, f) for f, s in best.items()), key=lambda sf: (-sf[0], sf[1]))
    if ranked and ranked[0][0] >= settings.threshold:
        return ranked[0][1], ranked[0][0]
    return None, ranked[0][0] if ranked else -math.inf


class MemoryIndex:
    """Reports bucketed by day, for blocking without a database."""

    def __init__(self) -> None:
        self._by_day: dict[int, list[tuple[str, Report]]] = collections.defaultdict(list)

    def add(self, fused_id: str, report: Report) -> None:
        """Index ``report`` as a member of ``fused_id`` on every day of its date range (capped at 31 days)."""
        if report.date_start is None or report.date_end is None:
            return
        first = report.date_start.toordinal()
        last = min(report.date_end.toordinal(), first + 30)
        for day in range(first, last + 1):
            self._by_day[day].append((fused_id, report))

    def candidates(self, report: Report, settings: FusionSettings) -> Iterator[tuple[str, Report]]:
        """Members whose dates fall within the blocking window of ``report``."""
        if report.date_start is None or report.date_end is None:
            return
        seen: set[str] = set()
        window = settings.date_window_days
        for day in range(report.date_start.toordinal() - window, report.date_end.toordinal() + window + 1):
            for fused_id, member in self._by_day.get(day, ()):
                if member.event_id not in seen:
                    seen.add(member.event_id)
                    yield fused_id, member


class Clusterer:
    """In-memory incremental fusion over reports added one at a time."""

    def __init__(self, settings: FusionSettings | None = None) -> None:
        self.settings = settings or load_fusion_settings()
        self.index = MemoryIndex()
        self.members: dict[str, list[Report]] = collections.defaultdict(list)
        self.spans: dict[str, tuple[dt.date, dt.date]] = {}

    def add(self, report: Report) -> str:
        """Place ``report`` in a fused event (existing or new) and return that event's id."""
        candidates = list(self.index.candidates(report, self.settings))
        spans = {f: self.spans[f] for f, _ in candidates if f in self.spans}
        fused_id, _ = choose_cluster(report, candidates, self.settings, spans=spans)
        if fused_id is None:
            fused_id = new_fused_id(report)
        if report.date_start is not None and report.date_end is not None:
            start, end = self.spans.get(fused_id, (report.date_start, report.date_end))
            self.spans[fused_id] = (min(start, report.date_start), max(end, report.date_end))
        self.index.add(fused_id, report)
        self.members[fused_id].append(report)
        return fused_id


def _order_key(record: dict[str, Any]) -> tuple[str, str]:
    published = (record.get("source") or {}).get("published") or dt.date.max.isoformat()
    return str(published), str(record.get("id"))


def assign_clusters(records: list[dict[str, Any]], *, texts: dict[str, str] | None = None,
                    settings: FusionSettings | None = None, weights: TermWeights | None = None) -> dict[str, str]:
    """Fuse the events of ``records`` across documents: set ``event["cluster"]`` on every event, in place.

    Records are fused in order of publication date (then id), so the result does not depend on input order.

    Args:
        records: records as emitted by ``eventsift extract`` (see docs/record.md).
        texts: optional document texts by record id; their opening sharpens text similarity.
        settings: fusion settings (the shipped ``data/fusion/fusion.json`` by default).
        weights: term weights for text similarity (built from the word-frequency list by default).

    Returns:
        The fused event id of every event id.
    """
    weights = weights or load_term_weights()
    clusterer = Clusterer(settings)
    out: dict[str, str] = {}
    for record in sorted(records, key=_order_key):
        lead = (texts or {}).get(str(record.get("id")))
        for event in record.get("events") or []:
            report = report_from_event(record, event, weights, text=fusion_text(record, event, lead))
            event["cluster"] = out[report.event_id] = clusterer.add(report)
    return out
