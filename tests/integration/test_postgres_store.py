"""PostgreSQL-only behaviour against a real server: PostGIS, a server that is down, a server that goes away."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from eventsift.errors import StoreUnavailable
from eventsift.store import EventQuery, document_hash, open_store
from eventsift.store.sql import SqlStore

pytestmark = pytest.mark.integration
ENV = "EVENTSIFT_TEST_POSTGRES"


def _record(doc_id: str, lat: float) -> tuple[dict[str, Any], str]:
    text = f"Gunmen attacked a checkpoint in town {doc_id}."
    return ({"id": doc_id, "source": {"outlet": "x", "url": None, "published": "2021-01-01", "title": text},
             "events": [{"id": f"ev-{doc_id}", "plover": {"type": "ASSAULT"}, "actors": [], "claimant": None,
                         "date": {"start": "2021-01-01", "end": "2021-01-01", "precision": "day"},
                         "location": {"name": doc_id, "lat": lat, "lon": 10.0, "country": "NGA",
                                      "precision": "place"},
                         "casualties": {"killed": 1}, "evidence": {"text": text, "span": [0, len(text)]}}],
             "places": [], "errors": []}, text)


@pytest.fixture()
def pg() -> Iterator[tuple[SqlStore, str]]:
    url = os.environ.get(ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server configured: set {ENV}=postgresql://... (scripts/start_postgres.sh)")
    import psycopg

    name = "es_it_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    db_url = f"{url.rpartition('/')[0]}/{name}"
    store = open_store(db_url)
    yield store, db_url
    store.close()


def _add(store: SqlStore, doc_id: str, lat: float) -> None:
    record, text = _record(doc_id, lat)
    store.add_record(record, text=text, content_hash=document_hash(text, outlet="x", url=None, published=None,
                                                                   title=None))


def test_postgres_uses_postgis_for_spatial_filters(pg: tuple[SqlStore, str]) -> None:
    store, _ = pg
    assert getattr(store, "postgis", False), "PostGIS is not installed on the test server"
    _add(store, "north", 12.0)
    _add(store, "south", 6.0)
    assert [e["location_name"] for e in store.query_events(EventQuery(near=(12.1, 10.0, 50)))] == ["north"]
    assert [e["location_name"] for e in store.query_events(EventQuery(bbox=(9, 5, 11, 7)))] == ["south"]


def test_postgres_down_is_store_unavailable() -> None:
    with pytest.raises(StoreUnavailable, match="cannot connect to the PostgreSQL server"):
        open_store("postgresql://postgres@127.0.0.1:1/postgres")


def test_postgres_going_away_mid_ingest_writes_nothing_partial(pg: tuple[SqlStore, str]) -> None:
    store, url = pg
    _add(store, "kept", 12.0)
    import psycopg

    admin = os.environ[ENV]
    name = url.rpartition("/")[2]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    with pytest.raises(StoreUnavailable, match="unavailable"):
        _add(store, "lost", 6.0)
    again = open_store(url)
    try:
        assert again.counts()["documents"] == 1
        assert again.counts()["events"] == 1
        _add(again, "lost", 6.0)
        assert again.counts()["documents"] == 2
    finally:
        again.close()
