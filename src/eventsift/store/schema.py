"""The store's schema, as numbered migrations per dialect; a store applies the ones it has not applied yet.

Tables: documents (text, source, content hash, ingest time, the record), events (one row per reported event),
actors, places, claims (one per report: who asserts what), evidence_spans (every span a field came from),
fused_events (one row per real-world incident), document_errors, audit. SQLite adds an FTS5 index over documents and
an R-tree over fused event locations; PostgreSQL a tsvector index and PostGIS geometry (plain SQL when PostGIS is
absent).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Column types per dialect, substituted into the shared DDL.
TYPES: dict[str, dict[str, str]] = {
    "sqlite": {"serial": "INTEGER PRIMARY KEY", "real": "REAL", "int": "INTEGER"},
    "postgres": {"serial": "BIGSERIAL PRIMARY KEY", "real": "DOUBLE PRECISION", "int": "BIGINT"},
}

CORE_V1 = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, text TEXT NOT NULL, outlet TEXT, url TEXT, published TEXT,
    title TEXT, ingested_at TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    num {serial}, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL REFERENCES documents(id), ord {int} NOT NULL,
    plover_type TEXT, plover_mode TEXT, aux TEXT, acled_event_type TEXT, acled_sub_event_type TEXT, cameo TEXT,
    date_start TEXT, date_end TEXT, date_precision TEXT, fuse_start TEXT, fuse_end TEXT,
    location_name TEXT, lat {real}, lon {real}, country TEXT, admin1 TEXT, geo_precision TEXT,
    killed {int}, injured {int}, arrested {int}, evidence TEXT, confidence {real},
    fused_id TEXT, fuse_text TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_document ON events(document_id);
CREATE INDEX IF NOT EXISTS events_fused ON events(fused_id);
CREATE INDEX IF NOT EXISTS events_fuse_dates ON events(fuse_start, fuse_end);
CREATE TABLE IF NOT EXISTS actors (
    event_id TEXT NOT NULL REFERENCES events(id), role TEXT NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL,
    country TEXT, sector TEXT, span_start {int} NOT NULL, span_end {int} NOT NULL,
    PRIMARY KEY (event_id, role, span_start, span_end, name));
CREATE INDEX IF NOT EXISTS actors_name ON actors(name);
CREATE TABLE IF NOT EXISTS places (
    document_id TEXT NOT NULL REFERENCES documents(id), span_start {int} NOT NULL, span_end {int} NOT NULL,
    text TEXT NOT NULL, name TEXT, geonameid {int}, lat {real}, lon {real}, country TEXT,
    PRIMARY KEY (document_id, span_start, span_end));
CREATE TABLE IF NOT EXISTS claims (
    event_id TEXT PRIMARY KEY REFERENCES events(id), document_id TEXT NOT NULL, source TEXT, claimant TEXT,
    status TEXT NOT NULL, claimant_country TEXT, claimant_sector TEXT, killed {int}, injured {int}, arrested {int},
    per_side TEXT);
CREATE TABLE IF NOT EXISTS evidence_spans (
    event_id TEXT NOT NULL REFERENCES events(id), field TEXT NOT NULL, span_start {int} NOT NULL,
    span_end {int} NOT NULL, text TEXT NOT NULL, PRIMARY KEY (event_id, field, span_start, span_end));
CREATE TABLE IF NOT EXISTS fused_events (
    num {serial}, id TEXT NOT NULL UNIQUE, plover_type TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
    cameo TEXT, date_start TEXT, date_end TEXT, location_name TEXT, lat {real}, lon {real}, country TEXT,
    admin1 TEXT, geo_precision TEXT, killed_low {int}, killed_best {int}, killed_high {int}, injured_low {int},
    injured_best {int}, injured_high {int}, conflict {int} NOT NULL, n_reports {int} NOT NULL, n_sources {int} NOT NULL,
    summary TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS fused_dates ON fused_events(date_start, date_end);
CREATE INDEX IF NOT EXISTS fused_country ON fused_events(country);
CREATE TABLE IF NOT EXISTS document_errors (
    document_id TEXT NOT NULL REFERENCES documents(id), ord {int} NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (document_id, ord));
CREATE TABLE IF NOT EXISTS audit (
    num {serial}, at TEXT NOT NULL, action TEXT NOT NULL, object_id TEXT NOT NULL, detail TEXT NOT NULL);
"""

SQLITE_SEARCH_V2 = """
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, title, text);
CREATE VIRTUAL TABLE IF NOT EXISTS fused_rtree USING rtree(num, min_lat, max_lat, min_lon, max_lon);
"""

POSTGRES_SEARCH_V2 = """
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING GIN (tsv);
"""

#: The party denying an accusation, kept beside the accuser's claim (``claimant.denied_by`` in the record).
CLAIM_DENIAL_SQLITE_V3 = """
ALTER TABLE claims ADD COLUMN denied_by TEXT;
"""
CLAIM_DENIAL_POSTGRES_V4 = """
ALTER TABLE claims ADD COLUMN IF NOT EXISTS denied_by TEXT;
"""

POSTGIS_V3 = """
CREATE EXTENSION IF NOT EXISTS postgis;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326);
CREATE INDEX IF NOT EXISTS fused_geom ON fused_events USING GIST (geom);
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its version number, what it does, and its SQL statements."""

    version: int
    description: str
    statements: tuple[str, ...]


def _split(ddl: str, dialect: str) -> tuple[str, ...]:
    text = ddl.format(**TYPES[dialect])
    return tuple(s.strip() for s in text.split(";") if s.strip())


def migrations(dialect: str, *, postgis: bool = False) -> list[Migration]:
    """The ordered migrations of ``dialect`` ("sqlite" or "postgres"); PostGIS's only when it is available."""
    steps = [Migration(1, "core tables", _split(CORE_V1, dialect))]
    if dialect == "sqlite":
        steps.append(Migration(2, "FTS5 document search and R-tree over fused events", _split(SQLITE_SEARCH_V2,
                                                                                             dialect)))
        steps.append(Migration(3, "who denies an accusation", _split(CLAIM_DENIAL_SQLITE_V3, dialect)))
    else:
        steps.append(Migration(2, "tsvector document search", _split(POSTGRES_SEARCH_V2, dialect)))
        if postgis:
            steps.append(Migration(3, "PostGIS geometry of fused events", _split(POSTGIS_V3, dialect)))
        steps.append(Migration(4, "who denies an accusation", _split(CLAIM_DENIAL_POSTGRES_V4, dialect)))
    return steps


#: The newest schema version a store of each dialect knows.
LATEST: dict[str, int] = {"sqlite": 3, "postgres": 4}
