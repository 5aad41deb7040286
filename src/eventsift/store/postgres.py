"""The PostgreSQL store for teams: same Protocol and SQL as SQLite; PostGIS for spatial filters when installed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsift.errors import StoreError, StoreUnavailable
from eventsift.fuse.settings import FusionSettings
from eventsift.fuse.text import TermWeights
from eventsift.store.base import EventQuery
from eventsift.store.schema import migrations
from eventsift.store.sql import SqlStore, now

#: Arbitrary key of the advisory lock that serialises schema migrations between processes.
MIGRATION_LOCK = 7_302_551
HAVERSINE_SQL = ("6371.0088 * 2 * ASIN(LEAST(1.0, SQRT(POWER(SIN(RADIANS(f.lat - ?) / 2), 2) + COS(RADIANS(?)) * "
                 "COS(RADIANS(f.lat)) * POWER(SIN(RADIANS(f.lon - ?) / 2), 2)))) <= ?")


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


class PostgresStore(SqlStore):
    """Records, fused events and the audit trail in a PostgreSQL database."""

    dialect = "postgres"

    def __init__(self, url: str, *, settings: FusionSettings | None = None, weights: TermWeights | None = None,
                 connect_timeout: int = 10) -> None:
        super().__init__(settings=settings, weights=weights)
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:
            raise StoreError("a postgresql:// database needs psycopg: pip install 'eventsift[postgres]'") from exc
        self._psycopg = psycopg
        self.url = redact(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreUnavailable(f"cannot connect to the PostgreSQL server at {self.url}: {str(exc).strip()}; "
                                   "check the server is running and the URL (host, port, user, database)") from exc
        with self._guard("set up the schema"):
            self.postgis = self._one("SELECT 1 AS ok FROM pg_available_extensions WHERE name = 'postgis'") is not None
            self._migrate()
            if not self.postgis:
                self.postgis = self._one("SELECT 1 AS ok FROM pg_extension WHERE extname = 'postgis'") is not None

    def _migrate(self) -> None:
        with self.conn.transaction():
            self._run("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            self._run("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
                      "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            applied = {int(r["version"]) for r in self._rows("SELECT version FROM schema_migrations")}
            for step in migrations("postgres", postgis=self.postgis):
                if step.version in applied:
                    continue  # by set, not by maximum: PostGIS's step may arrive after later ones
                for statement in step.statements:
                    self._run(statement)
                self._run("INSERT INTO schema_migrations VALUES (?, ?, ?)", (step.version, step.description, now()))

    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        row = self._one("SELECT MAX(version) AS v FROM schema_migrations")
        return int(row["v"]) if row else 0

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(self._sql(sql), tuple(params))
        return [dict(r) for r in cur.fetchall()] if cur.description else []

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), tuple(params))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        psycopg = self._psycopg
        try:
            yield
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"cannot {action}: the PostgreSQL server at {self.url} is unavailable "
                                   f"({str(exc).strip()}); nothing of this document was written. Restart the server "
                                   "and run the same command again: it resumes where it stopped") from exc
        except psycopg.Error as exc:
            raise StoreError(f"cannot {action} in {self.url}: {str(exc).strip()}") from exc

    def _index_location(self, fused_id: str, lat: float | None, lon: float | None) -> None:
        if not self.postgis:
            return
        if lat is None or lon is None:
            self._run("UPDATE fused_events SET geom = NULL WHERE id = ?", (fused_id,))
        else:
            self._run("UPDATE fused_events SET geom = ST_SetSRID(ST_MakePoint(?, ?), 4326) WHERE id = ?",
                      (float(lon), float(lat), fused_id))

    def _spatial_filters(self, query: EventQuery) -> list[tuple[str, list[Any]]]:
        out: list[tuple[str, list[Any]]] = []
        if query.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = query.bbox
            if self.postgis:
                out.append(("f.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", [min_lon, min_lat, max_lon, max_lat]))
            else:
                out.append(("f.lat BETWEEN ? AND ? AND f.lon BETWEEN ? AND ?", [min_lat, max_lat, min_lon, max_lon]))
        if query.near is not None:
            lat, lon, km = query.near
            if self.postgis:
                out.append(("ST_DWithin(f.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)",
                            [float(lon), float(lat), float(km) * 1000.0]))
            else:
                out.append((HAVERSINE_SQL, [float(lat), float(lat), float(lon), float(km)]))
        return out

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        return ("EXISTS (SELECT 1 FROM events e JOIN documents d ON d.id = e.document_id WHERE e.fused_id = f.id "
                "AND d.tsv @@ plainto_tsquery('english', ?))", [text])

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
