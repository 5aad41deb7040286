"""Storage of records and fused events: a SQLite file by default, PostgreSQL (+ PostGIS) for teams."""

from __future__ import annotations

from pathlib import Path

from eventsift.store.base import AddResult, EventQuery, Store, document_hash
from eventsift.store.sql import SqlStore

__all__ = ["AddResult", "EventQuery", "SqlStore", "Store", "document_hash", "open_store"]


def open_store(url_or_path: str | Path, *, create: bool = True) -> SqlStore:
    """Open the store at ``url_or_path``: ``postgresql://...`` for a server, anything else is a SQLite file.

    Args:
        url_or_path: a PostgreSQL URL or the path of a SQLite file.
        create: create a missing SQLite file (``False`` for commands that only read).

    Raises:
        StoreError: the file is corrupt, read-only or missing (with ``create=False``).
        StoreUnavailable: the PostgreSQL server cannot be reached.
    """
    text = str(url_or_path)
    if text.startswith(("postgresql://", "postgres://")):
        from eventsift.store.postgres import PostgresStore

        return PostgresStore(text)
    from eventsift.store.sqlite import SqliteStore

    return SqliteStore(Path(text), create=create)
