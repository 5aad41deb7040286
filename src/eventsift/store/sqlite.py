"""The SQLite store: one file, FTS5 full-text search over documents, an R-tree over fused event locations."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventsift.errors import StoreError
from eventsift.fuse.score import haversine_km
from eventsift.fuse.settings import FusionSettings
from eventsift.fuse.text import TOKEN, TermWeights
from eventsift.store.base import EventQuery
from eventsift.store.schema import LATEST, migrations
from eventsift.store.sql import SqlStore, now

KM_PER_DEGREE = 111.32


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of ``text``: each word is quoted, so no FTS syntax gets through."""
    words = TOKEN.findall(text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


class SqliteStore(SqlStore):
    """Records, fused events and the audit trail in a SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True, settings: FusionSettings | None = None,
                 weights: TermWeights | None = None) -> None:
        super().__init__(settings=settings, weights=weights)
        self.path = Path(path)
        self.url = str(self.path)
        if not create and not self.path.exists():
            raise StoreError(f"no database at {self.path}: run `eventsift ingest PATH --db {self.path}` first, or "
                             "pass the right --db")
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a database file: pass a file path with --db")
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0)
            self.conn.row_factory = sqlite3.Row
            self.conn.create_function("haversine_km", 4, haversine_km, deterministic=True)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.Error as exc:
            raise self._error(exc, "open the database") from exc

    def _error(self, exc: sqlite3.Error, action: str) -> StoreError:
        message = str(exc)
        if "not a database" in message or "malformed" in message:
            return StoreError(f"cannot {action}: {self.path} is not a readable SQLite database ({message}); it may "
                              "be corrupt or another kind of file. Restore it from a backup or pass a new --db path")
        if "readonly" in message or "read-only" in message:
            return StoreError(f"cannot {action}: {self.path} is read-only ({message}); check the file's "
                              "permissions or copy it somewhere writable")
        if "locked" in message or "busy" in message:
            return StoreError(f"cannot {action}: {self.path} is locked by another process ({message}); wait for "
                              "the other ingest to finish")
        if "unable to open" in message:
            return StoreError(f"cannot {action}: {self.path} cannot be opened ({message}); check the directory "
                              "exists and is writable")
        return StoreError(f"cannot {action} in {self.path}: {message}")

    def _migrate(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        current = 0
        if "schema_migrations" in tables:
            current = int(self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])
        if current > LATEST["sqlite"]:
            raise StoreError(f"{self.path} has schema version {current}, newer than this eventsift knows "
                             f"({LATEST['sqlite']}): upgrade eventsift")
        pending = [m for m in migrations("sqlite") if m.version > current]
        if not pending:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                              "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            for step in pending:
                for statement in step.statements:
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                  (step.version, step.description, now()))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def schema_version(self) -> int:
        """The highest migration applied to this file."""
        return int(self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0])

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc, action) from exc

    def _index_text(self, doc_id: str, title: str | None, text: str) -> None:
        self._run("INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)", (doc_id, title or "", text))

    def _unindex_text(self, doc_id: str) -> None:
        self._run("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))

    def _index_location(self, fused_id: str, lat: float | None, lon: float | None) -> None:
        row = self._one("SELECT num FROM fused_events WHERE id = ?", (fused_id,))
        if row is None:
            return
        self._run("DELETE FROM fused_rtree WHERE num = ?", (row["num"],))
        if lat is not None and lon is not None:
            self._run("INSERT INTO fused_rtree (num, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)",
                      (row["num"], lat, lat, lon, lon))

    def _spatial_filters(self, query: EventQuery) -> list[tuple[str, list[Any]]]:
        out: list[tuple[str, list[Any]]] = []
        box = ("f.num IN (SELECT num FROM fused_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? "
               "AND max_lon <= ?)")
        if query.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = query.bbox
            out.append((box, [min_lat, max_lat, min_lon, max_lon]))
        if query.near is not None:
            lat, lon, km = query.near
            dlat = km / KM_PER_DEGREE
            dlon = 180.0 if abs(lat) + dlat >= 89.9 else min(180.0, dlat / math.cos(math.radians(abs(lat) + dlat)))
            if dlon >= 180.0 or lon - dlon < -180 or lon + dlon > 180:
                out.append(("f.lat IS NOT NULL AND f.lon IS NOT NULL", []))
            else:
                out.append((box, [lat - dlat, lat + dlat, lon - dlon, lon + dlon]))
            out.append(("haversine_km(f.lat, f.lon, ?, ?) <= ?", [lat, lon, km]))
        return out

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        match = fts_query(text)
        if not match:
            return "1 = 0", []
        return ("EXISTS (SELECT 1 FROM events e WHERE e.fused_id = f.id AND e.document_id IN "
                "(SELECT doc_id FROM documents_fts WHERE documents_fts MATCH ?))", [match])

    def close(self) -> None:
        """Close the file."""
        self.conn.close()
