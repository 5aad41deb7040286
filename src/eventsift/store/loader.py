"""Ingest: code input items that are not stored yet, then store each record in its own transaction.

Documents already stored with the same content are skipped before extraction, so a re-run changes nothing and an
interrupted run (even ``kill -9``) resumes where it stopped: a document is either wholly committed or absent.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from eventsift.store.base import document_hash
from eventsift.store.sql import SqlStore


class Item(Protocol):
    """What ingest needs of an input item (``eventsift.ingest.InputItem`` has it)."""

    id: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None

    @property
    def published(self) -> Any:
        """Publication date (a ``datetime.date`` or ``None``)."""


@dataclass
class IngestSummary:
    """Totals of one ingest run, and the per-document errors to list at the end."""

    seen: int = 0
    skipped: int = 0
    new: int = 0
    replaced: int = 0
    events: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)


def item_hash(item: Item) -> str:
    """Content hash of an input item (text and source)."""
    published = item.published.isoformat() if item.published is not None else None
    return document_hash(item.text, outlet=item.outlet, url=item.url, published=published, title=item.title)


def ingest_items(store: SqlStore, items: Iterable[Item],
                 extract: Callable[[Iterable[Any]], Iterator[dict[str, Any]]], *,
                 progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Extract and store every item not stored yet; returns what happened.

    Args:
        store: where records go.
        items: input items, in order.
        extract: turns items into records, one per item, in the same order (``eventsift.extraction.extract_records``
            with a pipeline bound).
        progress: called after each item (stored or skipped).
    """
    summary = IngestSummary()
    pending: collections.deque[tuple[Item, str]] = collections.deque()

    def unstored() -> Iterator[Any]:
        for item in items:
            summary.seen += 1
            digest = item_hash(item)
            if store.has_document(str(item.id), digest):
                summary.skipped += 1
                if progress:
                    progress(summary)
                continue
            pending.append((item, digest))
            yield item

    for record in extract(unstored()):
        item, digest = pending.popleft()
        result = store.add_record(record, text=item.text, content_hash=digest)
        if result.status == "new":
            summary.new += 1
        elif result.status == "replaced":
            summary.replaced += 1
        summary.events += result.events
        for err in record.get("errors") or []:
            summary.errors.append((str(record.get("id")), str(err.get("code")), str(err.get("message"))))
        if progress:
            progress(summary)
    return summary
