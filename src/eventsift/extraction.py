"""Library entry point: code input items into records, one record per item, failures included."""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventsift.ingest import InputItem, to_document
from eventsift.model import Document
from eventsift.pipeline import Pipeline
from eventsift.record import to_record


@dataclass
class ExtractionSummary:
    """Running totals over a batch, for progress and the final report."""

    documents: int = 0
    failed: int = 0
    events: int = 0
    sentences: int = 0
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, doc: Document) -> None:
        """Count one processed document."""
        self.documents += 1
        self.events += len(doc.events)
        self.sentences += len(doc.sentences)
        for err in doc.errors:
            self.errors[err.code] += 1
        if doc.skip and doc.errors:
            self.failed += 1
            self.failures.append((doc.id, doc.errors[0].message))


def process_items(items: Iterable[InputItem], pipeline: Pipeline, *, batch_size: int = 32,
                  summary: ExtractionSummary | None = None) -> Iterator[Document]:
    """Run items through the pipeline, in input order, yielding processed Documents."""
    max_chars = pipeline.resources.config.max_chars
    docs = (to_document(item, max_chars=max_chars) for item in items)
    for doc in pipeline.pipe(docs, batch_size=batch_size):
        if summary is not None:
            summary.add(doc)
        yield doc


def extract_records(items: Iterable[InputItem], pipeline: Pipeline, *, batch_size: int = 32,
                    summary: ExtractionSummary | None = None) -> Iterator[dict[str, Any]]:
    """Code every item into a record (see docs/record.md); failed items yield records with ``errors``."""
    for doc in process_items(items, pipeline, batch_size=batch_size, summary=summary):
        yield to_record(doc)
