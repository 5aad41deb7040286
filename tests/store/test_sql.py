"""Store behaviour shared by both backends: idempotent upserts, fusion, claims, queries, reads."""

from __future__ import annotations

import json

import pytest

from conftest import add, make_record
from eventsift.errors import StoreError
from eventsift.store import EventQuery, SqlStore


def test_sql_reingest_changes_nothing(store: SqlStore) -> None:
    for i in range(3):
        add(store, make_record(f"d{i}", date=f"2021-03-0{i + 1}", lat=51 + i * 3))
    before = store.counts()
    results = [add(store, make_record(f"d{i}", date=f"2021-03-0{i + 1}", lat=51 + i * 3)) for i in range(3)]
    assert [r.status for r in results] == ["unchanged"] * 3
    assert store.counts() == before


def test_sql_fuses_reports_of_one_incident_and_keeps_claims(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market in Ashford, killing three", killed=3))
    add(store, make_record("b", title="Ashford market attack by gunmen leaves four dead", killed=4,
                           claimant={"text": "the army", "name": "army", "country": "GBR", "sector": "military",
                                     "span": [0, 3], "status": "claimed"}))
    add(store, make_record("c", title="Protest in Carlow over rents", plover="PROTEST", date="2021-03-04",
                           lat=52.84, lon=-6.93, country="IRL", killed=None))
    events = store.query_events(EventQuery())
    assert len(events) == 2
    fused = next(e for e in events if e["n_reports"] == 2)
    assert (fused["killed_low"], fused["killed_best"], fused["killed_high"]) == (3, 3, 4)
    assert fused["conflict"] and fused["conflicts"] == ["killed: 3 vs 4"]
    assert sorted(c["claimant"] for c in fused["claims"]) == ["a.example", "army"]
    assert fused["sources"] == ["a.example", "b.example"]


def test_sql_keeps_the_party_denying_an_accusation(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market in Ashford, killing three", killed=3,
                           claimant={"text": "the mayor", "name": "mayor", "country": "GBR", "sector": "GOV",
                                     "span": [0, 3], "status": "accused",
                                     "denied_by": {"text": "the militia", "name": "militia", "country": None,
                                                   "sector": "REB", "span": [4, 8]}}))
    fused = store.query_events(EventQuery())[0]
    assert fused["killed_best"] == 3
    assert fused["claims"][0]["status"] == "accused" and fused["claims"][0]["denied_by"] == "militia"
    assert fused["conflict"] and "militia" in fused["conflicts"][0]


def test_sql_distinct_places_stay_apart(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market", lat=51.15, lon=0.87))
    add(store, make_record("b", title="Gunmen attack market", lat=55.0, lon=-3.0))
    assert len(store.query_events(EventQuery())) == 2


def test_sql_one_documents_events_stay_apart(store: SqlStore) -> None:
    add(store, make_record("a", events=2))
    assert len(store.query_events(EventQuery())) == 2


def test_sql_replaced_document_leaves_its_fused_event(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market in Ashford", killed=3))
    add(store, make_record("b", title="Gunmen attack market in Ashford", killed=5))
    changed = make_record("b", title="Flood in Elgin", plover="AID", lat=57.65, lon=-3.32, killed=None)
    assert add(store, changed).status == "replaced"
    events = store.query_events(EventQuery())
    assert sorted(e["n_reports"] for e in events) == [1, 1]
    assert next(e for e in events if e["plover_type"] == "ASSAULT")["killed_high"] == 3


def test_sql_query_filters(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market in Ashford", date="2021-03-04", actor="gunmen"))
    add(store, make_record("b", title="Riot police disperse crowd in Carlow", date="2021-06-01", lat=52.84,
                           lon=-6.93, country="IRL", plover="COERCE", actor="riot police"))
    assert [e["country"] for e in store.query_events(EventQuery(date_from="2021-05-01"))] == ["IRL"]
    assert [e["country"] for e in store.query_events(EventQuery(date_to="2021-05-01"))] == ["GBR"]
    assert [e["country"] for e in store.query_events(EventQuery(type="coerce"))] == ["IRL"]
    assert [e["country"] for e in store.query_events(EventQuery(country="gbr"))] == ["GBR"]
    assert [e["country"] for e in store.query_events(EventQuery(bbox=(-8, 52, -6, 53)))] == ["IRL"]
    assert [e["country"] for e in store.query_events(EventQuery(near=(51.2, 0.9, 20)))] == ["GBR"]
    assert store.query_events(EventQuery(near=(51.2, 0.9, 1))) == []
    assert [e["country"] for e in store.query_events(EventQuery(actor="POLICE"))] == ["IRL"]
    assert [e["country"] for e in store.query_events(EventQuery(text="crowd"))] == ["IRL"]


@pytest.mark.parametrize("hostile", ["'; DROP TABLE documents; --", '"market', "market\" OR 1=1 --", "%", "_",
                                     "NEAR(a b)", "\\", "a' OR '1'='1"])
def test_sql_hostile_queries_are_plain_text(store: SqlStore, hostile: str) -> None:
    add(store, make_record("a"))
    store.query_events(EventQuery(text=hostile, actor=hostile, type=hostile, country=hostile))
    assert store.counts()["documents"] == 1
    assert store.query_events(EventQuery(actor=hostile)) == []


@pytest.mark.parametrize("query", [EventQuery(bbox=(-200, 0, 10, 10)), EventQuery(bbox=(10, 10, 0, 0)),
                                   EventQuery(near=(91, 0, 10)), EventQuery(near=(0, 0, -1))])
def test_sql_out_of_range_filters_raise(store: SqlStore, query: EventQuery) -> None:
    with pytest.raises(StoreError, match=r"out of range|inverted"):
        store.query_events(query)


def test_sql_get_event_by_fused_or_report_id(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market in Ashford"))
    add(store, make_record("b", title="Gunmen attack market in Ashford"))
    by_report = store.get_event("ev-b-0")
    assert by_report is not None
    assert store.get_event(by_report["id"]) == by_report
    assert len(by_report["reports"]) == 2
    fields = {s["field"] for r in by_report["reports"] for s in r["evidence"]}
    assert {"evidence", "location", "actor.actor"} <= fields
    assert store.get_event("nope") is None


def test_sql_records_carry_clusters(store: SqlStore) -> None:
    add(store, make_record("a", title="Gunmen attack market in Ashford"))
    add(store, make_record("b", title="Gunmen attack market in Ashford"))
    records = list(store.iter_records())
    assert [r["id"] for r in records] == ["a", "b"]
    clusters = {e["cluster"] for r in records for e in r["events"]}
    assert len(clusters) == 1 and None not in clusters
    json.dumps(records)


def test_sql_failed_write_leaves_nothing(store: SqlStore) -> None:
    bad = make_record("x")
    bad["events"].append(dict(bad["events"][0]))  # the same event id twice violates the unique key mid-document
    with pytest.raises(StoreError):
        add(store, bad)
    assert store.counts() == {k: 0 for k in store.counts()}


def test_sql_document_errors_are_listed(store: SqlStore) -> None:
    rec = make_record("a")
    rec["errors"] = [{"code": "truncated", "message": "too long"}]
    add(store, rec)
    assert store.document_errors() == [{"document_id": "a", "code": "truncated", "message": "too long"}]
