"""Store fixtures: the same tests run against SQLite and (marked integration) a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventsift.store import SqlStore, document_hash, open_store

POSTGRES_ENV = "EVENTSIFT_TEST_POSTGRES"


def make_record(doc_id: str, *, date: str = "2021-03-04", title: str = "Gunmen attack market in Ashford",
                killed: int | None = 3, lat: float = 51.15, lon: float = 0.87, country: str = "GBR",
                plover: str = "ASSAULT", actor: str = "gunmen", claimant: dict[str, Any] | None = None,
                outlet: str | None = None, events: int = 1, text: str | None = None) -> dict[str, Any]:
    """A hand-built record in the RECORD.md contract."""
    body = text or f"{title}. Officials said {killed} people died."
    evs = []
    for i in range(events):
        evs.append({
            "id": f"ev-{doc_id}-{i}", "plover": {"type": plover, "mode": None, "context": [], "aux": None},
            "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"}, "cameo": "180",
            "actors": [{"role": "actor", "text": actor, "name": actor, "country": None, "sector": None,
                        "span": [0, min(len(body), len(actor))]}],
            "claimant": claimant,
            "date": {"start": date, "end": date, "precision": "day", "text": None, "span": None},
            "location": {"text": "Ashford", "name": "Ashford", "geonameid": None, "lat": lat + i, "lon": lon + i,
                         "country": country, "admin1": "England", "precision": "place", "span": [0, 5]},
            "casualties": {"killed": killed, "injured": None, "arrested": None, "spans": {}},
            "evidence": {"text": body[:80], "span": [0, min(80, len(body))]}, "confidence": 0.8, "cluster": None})
    return {"id": doc_id, "source": {"outlet": outlet or f"{doc_id}.example", "url": None, "published": date,
                                     "title": title},
            "repairs": [], "events": evs, "places": [], "errors": [], "_text": body}


def add(store: SqlStore, record: dict[str, Any]) -> Any:
    """Store a hand-built record with its text."""
    rec = dict(record)
    text = rec.pop("_text")
    src = rec["source"]
    digest = document_hash(text, outlet=src["outlet"], url=src["url"], published=src["published"],
                           title=src["title"])
    return store.add_record(rec, text=text, content_hash=digest)


def _postgres_store() -> SqlStore:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server configured: set {POSTGRES_ENV}=postgresql://... (scripts/start_postgres.sh "
                    "starts one and prints the URL)")
    import psycopg

    name = "es_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    base, _, _ = url.rpartition("/")
    return open_store(f"{base}/{name}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """An empty store of each backend."""
    st = open_store(tmp_path / "test.db") if request.param == "sqlite" else _postgres_store()
    yield st
    st.close()
