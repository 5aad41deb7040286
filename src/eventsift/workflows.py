"""Library workflows that join extraction and the store: what ``eventsift ingest`` and ``eventsift demo`` run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eventsift.config import Config
from eventsift.extraction import extract_records
from eventsift.ingest import read_inputs
from eventsift.pipeline import Pipeline
from eventsift.store.loader import IngestSummary, ingest_items
from eventsift.store.sql import SqlStore


def ingest_paths(store: SqlStore, paths: Iterable[str], config: Config, *, published: dt.date | None = None,
                 batch_size: int = 32, progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Code every input not stored yet and store it (with fusion); the model loads only if something is new."""
    pipelines: list[Pipeline] = []

    def extract(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
        iterator = iter(items)
        first = next(iterator, None)
        if first is None:
            return
        if not pipelines:
            pipelines.append(Pipeline.from_config(config))
        yield from extract_records(_prepend(first, iterator), pipelines[0], batch_size=batch_size)

    return ingest_items(store, read_inputs(paths, published=published), extract, progress=progress)


def _prepend(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest
