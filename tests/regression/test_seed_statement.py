"""Acceptance on the motivating foreign-ministry statement (../shared/seed), when the workspace has it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventsift.extraction import extract_records
from eventsift.ingest import read_inputs
from eventsift.pipeline import Pipeline
from eventsift.record import load_record_schema
from eventsift.resources import Resources

PUBLISHED = dt.date(2023, 3, 5)
KARABAKH = (39.4, 40.5, 46.3, 47.4)  # lat/lon box around Nagorno-Karabakh; Armenia's Martuni lies at 40.14, 45.31


@pytest.fixture(scope="module")
def seed_record(shared_dir: Path, resources: Resources) -> dict[str, Any]:
    path = shared_dir / "seed" / "000_5f19ac38d71cd182.txt"
    (record,) = extract_records(read_inputs([str(path)], published=PUBLISHED), Pipeline.from_config(
        resources.config, resources))
    jsonschema.validate(record, load_record_schema())
    return record


def _in_karabakh(loc: dict[str, Any] | None) -> bool:
    return loc is not None and KARABAKH[0] <= loc["lat"] <= KARABAKH[1] and KARABAKH[2] <= loc["lon"] <= KARABAKH[3]


def test_seed_attack_this_morning(seed_record: dict[str, Any]) -> None:
    attacks = [e for e in seed_record["events"] if e["plover"]["type"] == "ASSAULT"
               and e["date"] and e["date"]["start"] == "2023-03-05" and e["casualties"]["killed"] == 3]
    assert attacks, "no ASSAULT dated 2023-03-05 with 3 killed"
    ev = attacks[0]
    assert ev["acled"] and ev["acled"]["event_type"] == "Battles"
    assert ev["casualties"]["injured"] == 1
    assert any(a["role"] == "actor" and a["country"] == "AZE" and a["sector"] == "MIL" for a in ev["actors"])
    assert any(a["role"] == "recipient" and a["sector"] == "POL" for a in ev["actors"])
    claim = ev["claimant"]
    assert claim and "ministry" in claim["name"].lower() and "Min8stry" not in claim["name"]
    assert ev["location"] and ev["location"]["precision"] == "admin1" and _in_karabakh(ev["location"])


def test_seed_ceasefire_violations_one_event_per_region(seed_record: dict[str, Any]) -> None:
    violations = [e for e in seed_record["events"] if e["plover"]["type"] == "ASSAULT" and e["date"]
                  and e["date"]["start"] == "2023-03-02" and e["date"]["end"] == "2023-03-03"]
    names = {e["location"]["text"] for e in violations if e["location"]}
    assert {"Askeran", "Martakert", "Martuni"} <= names
    for ev in violations:
        if ev["location"] and ev["location"]["text"] in {"Askeran", "Martakert", "Martuni"}:
            assert _in_karabakh(ev["location"]), ev["location"]
            assert any(a["country"] == "AZE" and a["role"] == "actor" for a in ev["actors"])


@pytest.mark.parametrize("kind", ["REQUEST", "ACCUSE"])
def test_seed_verbal_events_by_the_ministry(seed_record: dict[str, Any], kind: str) -> None:
    events = [e for e in seed_record["events"] if e["plover"]["type"] == kind]
    assert events, f"no {kind}"
    assert any(e["date"] and e["date"]["start"] == "2023-03-05" for e in events)
    assert any("ministry" in " ".join(a["name"].lower() for a in e["actors"] if a["role"] == "actor")
               or (e["claimant"] and "ministry" in e["claimant"]["name"].lower()) for e in events)


def test_seed_talks_and_blockade(seed_record: dict[str, Any]) -> None:
    talks = [e for e in seed_record["events"] if e["plover"]["type"] == "CONSULT"]
    assert any(e["date"] and e["date"]["start"] == "2023-03-01" for e in talks)
    # the two delegations are the parties; the corridor is the topic, not a recipient
    assert any(len([a for a in e["actors"] if a["role"] == "actor"]) == 2 and
               not [a for a in e["actors"] if a["role"] == "recipient"] for e in talks)
    blockades = [e for e in seed_record["events"] if e["plover"]["type"] == "COERCE" and e["date"]]
    assert blockades
    start = dt.date.fromisoformat(blockades[0]["date"]["start"])
    assert 70 <= (PUBLISHED - start).days <= 95
    assert blockades[0]["date"]["precision"] != "day"
    assert blockades[0]["casualties"]["killed"] is None


def test_seed_the_ministry_alleges_every_act_of_the_other_side(seed_record: dict[str, Any]) -> None:
    violence = [e for e in seed_record["events"] if e["plover"]["type"] == "ASSAULT" and e["plover"]["aux"] is None]
    assert len(violence) == 4 and {e["claimant"]["status"] for e in violence} == {"accused"}
    accusations = [e for e in seed_record["events"] if e["plover"]["type"] == "ACCUSE"]
    assert all("Statement" not in a["text"] for e in accusations for a in e["actors"])


def test_seed_nothing_new_on_the_2020_statement_date(seed_record: dict[str, Any]) -> None:
    for ev in seed_record["events"]:
        if ev["date"] and ev["date"]["start"] <= "2020-11-09" <= ev["date"]["end"]:
            assert ev["plover"]["aux"] == "historical"


def test_seed_spans_point_into_the_original_text(seed_record: dict[str, Any], shared_dir: Path) -> None:
    text = (shared_dir / "seed" / "000_5f19ac38d71cd182.txt").read_text("utf-8")
    assert any(r["from"] == "Min8stry" and text[r["span"][0]:r["span"][1]] == "Min8stry"
               for r in seed_record["repairs"])
    for ev in seed_record["events"]:
        s, e = ev["evidence"]["span"]
        assert text[s:e] == ev["evidence"]["text"]
        for actor in ev["actors"]:
            assert text[actor["span"][0]:actor["span"][1]] == actor["text"]
        if ev["location"]:
            assert text[ev["location"]["span"][0]:ev["location"]["span"][1]] == ev["location"]["text"]
