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
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol

from eventsift.fuse.report import Report, reports_from_record
from eventsift.fuse.score import pair_score
from eventsift.fuse.settings import FusionSettings, load_fusion_settings
from eventsift.fuse.text import TermWeights, load_term_weights
from eventsift.record import content_hash

#: How two reports are scored (:func:`eventsift.fuse.score.pair_score`; tools may pass a memoising one).
PairScore = Callable[[Report, Report, FusionSettings], float]


class CandidateSource(Protocol):
    """Where existing reports are looked up: an in-memory index here, the database in the store."""

    def candidates(self, report: Report, settings: FusionSettings) -> Iterable[tuple[str, Report]]:
        """(fused id, member report) pairs inside ``report``'s blocking window."""


def new_fused_id(report: Report) -> str:
    """The id of a fused event founded by ``report``."""
    return "fe-" + content_hash(report.event_id)


def choose_cluster(report: Report, candidates: Iterable[tuple[str, Report]], settings: FusionSettings, *,
                   spans: Mapping[str, tuple[dt.date, dt.date]] | None = None,
                   score: PairScore = pair_score) -> tuple[str | None, float]:
    """The fused event ``report`` joins and its join margin (average over the members in its window of the pair
    score minus the pair's role threshold; >= 0 to join).

    A fused event is joined only when ``report`` matches each of its core members on its own (the report that
    founded it and every document's main incident in it), not merely one member: this stops chains of reports from
    drifting one incident into the next. It is never joined when it holds a report from the same document (a
    document's distinct events stay distinct), when any member is incompatible with ``report`` (another place,
    type or country), or when joining would stretch its dates (``spans``) beyond twice the blocking window.
    """
    groups: dict[str, list[Report]] = collections.defaultdict(list)
    for fused_id, member in candidates:
        groups[fused_id].append(member)
    limit = 2 * settings.date_window_days
    best: tuple[float, str] | None = None
    for fused_id, members in groups.items():
        span = (spans or {}).get(fused_id)
        if span is not None and report.date_start is not None and report.date_end is not None and \
                (max(span[1], report.date_end) - min(span[0], report.date_start)).days > limit:
            continue
        # -inf for a member of the same document or of an incompatible type, place or date
        margins = [score(report, m, settings) - settings.pair_threshold(report.role, m.role) for m in members]
        margin = sum(margins) / len(margins)
        if margin < 0 or (best is not None and (-margin, fused_id) >= (-best[0], best[1])):
            continue
        core = [x for m, x in zip(members, margins, strict=True) if m.role == "anchor" or new_fused_id(m) == fused_id]
        if min(core or margins) >= 0:
            best = (margin, fused_id)
    if best is None:
        return None, -math.inf
    return best[1], best[0]


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

    def __init__(self, settings: FusionSettings | None = None, *, score: PairScore = pair_score) -> None:
        self.settings = settings or load_fusion_settings()
        self.score = score
        self.index = MemoryIndex()
        self.members: dict[str, list[Report]] = collections.defaultdict(list)
        self.spans: dict[str, tuple[dt.date, dt.date]] = {}

    def add(self, report: Report) -> str:
        """Place ``report`` in a fused event (existing or new) and return that event's id."""
        candidates = list(self.index.candidates(report, self.settings))
        spans = {f: self.spans[f] for f, _ in candidates if f in self.spans}
        fused_id, _ = choose_cluster(report, candidates, self.settings, spans=spans, score=self.score)
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
        for report in reports_from_record(record, weights, clusterer.settings, lead=lead):
            out[report.event_id] = clusterer.add(report)
        for event in record.get("events") or []:
            event["cluster"] = out[str(event["id"])]
    return out
