"""Acceptance on our own multi-event statement and the other demo fixtures (always available, unlike ../shared)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventsift.extraction import extract_records
from eventsift.ingest import read_inputs
from eventsift.pipeline import Pipeline
from eventsift.record import load_record_schema
from eventsift.resources import Resources

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PUBLISHED = dt.date(2024, 2, 20)


@pytest.fixture(scope="module")
def records(resources: Resources) -> dict[str, dict[str, Any]]:
    pipeline = Pipeline.from_config(resources.config, resources)
    return {r["id"]: r for r in extract_records(read_inputs([str(FIXTURES / "text_demo.jsonl")]), pipeline)}


@pytest.fixture(scope="module")
def fixture_kinds() -> dict[str, str]:
    lines = (FIXTURES / "text_demo.jsonl").read_text("utf-8").split("\n")
    return {obj["fixture"]: obj["id"] for obj in (json.loads(line) for line in lines if line.strip())}


@pytest.fixture(scope="module")
def statement(records: dict[str, dict[str, Any]], fixture_kinds: dict[str, str]) -> dict[str, Any]:
    return records[fixture_kinds["statement_multi_event"]]


def test_fixture_records_validate_and_spans_point_into_the_text(records: dict[str, dict[str, Any]]) -> None:
    schema = load_record_schema()
    lines = (FIXTURES / "text_demo.jsonl").read_text("utf-8").split("\n")
    texts = {obj["id"]: obj["text"] for obj in (json.loads(line) for line in lines if line.strip())}
    for rec in records.values():
        jsonschema.validate(rec, schema)
        text = texts[rec["id"]]
        for ev in rec["events"]:
            s, e = ev["evidence"]["span"]
            assert text[s:e] == ev["evidence"]["text"]
            for actor in ev["actors"]:
                assert text[actor["span"][0]:actor["span"][1]] == actor["text"]
            if ev["date"] and ev["date"]["span"]:
                assert text[ev["date"]["span"][0]:ev["date"]["span"][1]] == ev["date"]["text"]
        for place in rec["places"]:
            assert text[place["start"]:place["end"]] == place["text"]
        for rep in rec["repairs"]:
            assert text[rep["span"][0]:rep["span"][1]] == rep["from"]


def test_fixture_statement_attack_today(statement: dict[str, Any]) -> None:
    attacks = [e for e in statement["events"] if e["plover"]["type"] == "ASSAULT" and e["date"]
               and e["date"]["start"] == PUBLISHED.isoformat() and e["casualties"]["killed"] == 2]
    assert attacks, "no ASSAULT today with 2 killed"
    ev = attacks[0]
    assert ev["casualties"]["injured"] == 1
    assert any(a["role"] == "actor" and a["sector"] == "MIL" for a in ev["actors"])
    assert ev["claimant"] and "ministry" in ev["claimant"]["name"].lower()
    assert ev["location"] and ev["location"]["text"] == "Kadugli"


def test_fixture_statement_ceasefire_violations_per_district(statement: dict[str, Any]) -> None:
    violations = [e for e in statement["events"] if e["plover"]["type"] == "ASSAULT" and e["date"]
                  and (e["date"]["start"], e["date"]["end"]) == ("2024-02-18", "2024-02-19")]
    assert {e["location"]["text"] for e in violations if e["location"]} >= {"Dilling", "Talodi", "Heiban"}
    for ev in violations:
        assert ev["plover"]["aux"] is None
        if ev["location"]:
            assert ev["location"]["country"] == "SDN"


def test_fixture_statement_talks_blockade_appeal(statement: dict[str, Any]) -> None:
    types = {(e["plover"]["type"], (e["date"] or {}).get("start")) for e in statement["events"]}
    assert ("CONSULT", "2024-02-14") in types
    assert any(t == "REQUEST" and d == PUBLISHED.isoformat() for t, d in types)
    assert any(t == "ACCUSE" for t, _ in types)
    blockade = [e for e in statement["events"] if e["plover"]["type"] == "COERCE" and e["date"]]
    assert blockade
    start = dt.date.fromisoformat(blockade[0]["date"]["start"])
    assert 55 <= (PUBLISHED - start).days <= 75 and blockade[0]["date"]["precision"] != "day"
    # a blockade touches no one directly: no toll is assumed where the text states none
    assert (blockade[0]["casualties"]["killed"], blockade[0]["casualties"]["injured"]) == (None, None)


def test_fixture_statement_violence_by_the_other_side_is_an_allegation(statement: dict[str, Any]) -> None:
    violence = [e for e in statement["events"] if e["plover"]["type"] == "ASSAULT" and e["plover"]["aux"] is None]
    assert violence and {e["claimant"]["status"] for e in violence} == {"accused"}


def test_fixture_no_conflict_text_has_no_events(records: dict[str, dict[str, Any]],
                                                fixture_kinds: dict[str, str]) -> None:
    assert records[fixture_kinds["no_conflict"]]["events"] == []


def test_fixture_not_english_is_reported_not_coded(records: dict[str, dict[str, Any]],
                                                   fixture_kinds: dict[str, str]) -> None:
    rec = records[fixture_kinds["not_english"]]
    assert rec["events"] == [] and [e["code"] for e in rec["errors"]] == ["not_english"]


def test_fixture_typos_are_repaired_before_parsing(records: dict[str, dict[str, Any]],
                                                   fixture_kinds: dict[str, str]) -> None:
    rec = records[fixture_kinds["typos_ocr"]]
    fixes = {(r["from"], r["to"]) for r in rec["repairs"]}
    assert {("Min1stry", "Ministry"), ("aftet", "after")} <= fixes
    assert any(e["plover"]["type"] == "ASSAULT" and e["casualties"]["injured"] == 2 for e in rec["events"])


def test_fixture_all_caps_wire_copy_is_coded(records: dict[str, dict[str, Any]],
                                             fixture_kinds: dict[str, str]) -> None:
    rec = records[fixture_kinds["allcaps_wire"]]
    bombs = [e for e in rec["events"] if e["plover"]["type"] == "ASSAULT" and e["casualties"]["killed"] == 3]
    assert bombs and bombs[0]["location"] and bombs[0]["location"]["country"] == "PAK"
    assert any(e["plover"]["type"] == "COERCE" and e["casualties"]["arrested"] == 2 for e in rec["events"])
