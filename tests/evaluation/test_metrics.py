"""Tests of the evaluation metrics: hand-built cases per family, and agreement with the reference scorer."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventsift.evaluation.labels import load_scoring_labels
from eventsift.evaluation.metrics import (
    Figure,
    classify,
    compare_clusterings,
    haversine_km,
    render_table,
    score_records,
    scores_to_json,
)
from eventsift.evaluation.runner import read_jsonl

KM_PER_DEGREE_LAT = haversine_km(0.0, 0.0, 1.0, 0.0)


def gold_event(**fields: Any) -> dict[str, Any]:
    """A gold event with every common field null unless given."""
    event: dict[str, Any] = dict.fromkeys(
        ("plover_type", "acled_event_type", "acled_sub_event_type", "date", "date_end", "location", "killed",
         "injured", "actor1", "actor2", "claimant", "incident_id"))
    event.update(fields)
    return event


def pred_event(**fields: Any) -> dict[str, Any]:
    """A predicted event in record form; keyword shortcuts: ptype, mode, etype, sub, day, conf."""
    event: dict[str, Any] = {
        "plover": {"type": fields.pop("ptype", None), "mode": fields.pop("mode", None)},
        "acled": {"event_type": fields.pop("etype", None), "sub_event_type": fields.pop("sub", None)},
        "actors": [], "claimant": None, "location": None, "casualties": {"killed": None, "injured": None},
        "confidence": fields.pop("conf", 0.5),
    }
    day = fields.pop("day", None)
    event["date"] = {"start": day, "end": day, "precision": "day"} if day else None
    event.update(fields)
    return event


def figure(results: dict[str, dict[str, Figure]], dataset: str, name: str) -> Figure:
    return results[dataset][name]


# ---------------------------------------------------------------------------------------------------------------
# hand-built cases
# ---------------------------------------------------------------------------------------------------------------
def test_classify_weighted_and_macro_f1_like_sklearn() -> None:
    result = classify(["x", "x", "y", "z"], ["x", "y", "y", "w"])
    f_x, f_y, f_z = 2 / 3, 2 / 3, 0.0
    assert result.accuracy == pytest.approx(0.5)
    assert result.weighted_f1 == pytest.approx((2 * f_x + f_y + f_z) / 4)
    assert result.macro_f1 == pytest.approx((f_x + f_y + f_z) / 3)
    assert result.labels == 3  # "w" occurs only in predictions: no weight, not in the macro average


def test_score_records_case2021_uses_most_confident_typed_event() -> None:
    gold = [
        {"id": "a", "dataset": "case2021_task2",
         "events": [gold_event(acled_event_type="Protests", acled_sub_event_type="Peaceful protest")]},
        {"id": "b", "dataset": "case2021_task2", "events": [gold_event(acled_sub_event_type="NATURAL_DISASTER")]},
        {"id": "c", "dataset": "case2021_task2",
         "events": [gold_event(acled_event_type="Battles", acled_sub_event_type="Armed clash")]},
    ]
    preds = [
        {"id": "a", "events": [pred_event(sub="Attack", conf=0.2), pred_event(sub="PEACE_PROTEST", conf=0.8),
                               pred_event(ptype="PROTEST", conf=0.99)]},
        {"id": "b", "events": [pred_event(ptype="AID")]},
    ]
    res = score_records(gold, preds)
    assert figure(res, "case2021_task2", "accuracy_30") == Figure(pytest.approx(1 / 3), 3)
    assert figure(res, "case2021_task2", "accuracy_26none").value == pytest.approx(2 / 3)
    assert figure(res, "case2021_task2", "accuracy_25acled") == Figure(pytest.approx(0.5), 2)
    assert figure(res, "case2021_task2", "event_type_accuracy_25acled").value == pytest.approx(0.5)
    assert figure(res, "case2021_task2", "documents_without_prediction").value == pytest.approx(1 / 3)


def test_score_records_plover_either_or_label_and_actors() -> None:
    gold = [
        {"id": "p1", "dataset": "plover", "subset": "x",
         "events": [gold_event(plover_type="CONCEDE|RETREAT", actor1="the rebels", actor2="Kandahar garrison")]},
        {"id": "p2", "dataset": "plover", "subset": "y", "events": [gold_event(plover_type="REQUEST", actor1="Oslo")]},
    ]
    preds = [
        {"id": "p1", "events": [pred_event(ptype="retreat", actors=[
            {"role": "actor", "text": "rebels"}, {"role": "recipient", "text": "garrison of Kandahar"}])]},
        {"id": "p2", "events": [pred_event(ptype="THREATEN", conf=0.9),
                                pred_event(ptype="REQUEST", conf=0.1, actors=[{"role": None, "name": "Oslo"}])]},
    ]
    res = score_records(gold, preds)["plover"]
    assert res["accuracy_top1 (=micro_f1)"].value == pytest.approx(0.5)
    assert res["accuracy_actor_matched"].value == pytest.approx(1.0)
    assert res["accuracy_any_event"].value == pytest.approx(1.0)
    assert res["actor1_found"] == Figure(1.0, 2)
    assert res["recipient_found"] == Figure(1.0, 1)
    assert res["accuracy_top1[y]"] == Figure(0.0, 1)


def test_score_records_event_matching_fields() -> None:
    loc = {"name": "Town", "lat": 5.0, "lon": 5.0, "country": "NGA", "admin1": None}
    gold = [
        {"id": "e1", "dataset": "acled", "events": [
            gold_event(acled_event_type="Battles", acled_sub_event_type="Armed clash", date="2021-05-03",
                       location=loc, killed=4, injured=1),
            gold_event(acled_event_type="Riots", acled_sub_event_type="Mob violence", date="2021-05-04")]},
        {"id": "e2", "dataset": "acled", "events": []},
    ]
    near = {"name": "Near", "lat": 5.0 + 20 / KM_PER_DEGREE_LAT, "lon": 5.0, "country": "NG"}
    preds = [
        {"id": "e1", "events": [
            pred_event(etype="Riots", sub="mob violence", day="2021-05-06"),
            pred_event(etype="Battles", sub="Armed clash", day="2021-05-02", location=near,
                       casualties={"killed": 5, "injured": 1})]},
        {"id": "e2", "events": [pred_event(ptype="ASSAULT")]},
    ]
    res = score_records(gold, preds)["acled"]
    assert res["event_recall (matched 1:1)"] == Figure(1.0, 2)
    assert res["acled_sub_event_type_acc"].value == pytest.approx(1.0)
    assert res["date_exact"] == Figure(0.0, 2)
    assert res["date_within_1d"].value == pytest.approx(0.5)
    assert res["location_within_25km"] == Figure(1.0, 1)
    assert res["country_match"] == Figure(1.0, 1)
    assert res["killed_exact"].value == 0.0
    assert res["killed_within_1"].value == 1.0
    assert res["injured_exact"].value == 1.0
    assert res["location_error_km_mean (matched, with coords)"].value == pytest.approx(20.0, abs=1e-6)
    assert res["spurious_violent_event_rate (docs without gold)"] == Figure(1.0, 1)


def test_score_records_muc_optional_templates_and_claims() -> None:
    gold = [{"id": "m1", "dataset": "muc4", "events": [
        gold_event(plover_type="ASSAULT", date="1990-01-01", date_end="1990-01-05", claim_status="POSSIBLE",
                   perpetrators=["URBAN COMMANDOS"], targets=["MAYOR"]),
        gold_event(plover_type="ASSAULT", optional=True)]},
        {"id": "m2", "dataset": "muc4", "events": [gold_event(plover_type="ASSAULT", optional=True)]}]
    preds = [{"id": "m1", "events": [pred_event(
        ptype="ASSAULT", day="1990-01-03", claimant={"text": "army", "status": "alleged"},
        actors=[{"role": "actor", "text": "urban commandos of the FMLN"}, {"role": "recipient", "text": "a judge"}])]}]
    res = score_records(gold, preds)["muc4"]
    assert res["event_recall (matched 1:1)"] == Figure(1.0, 1)
    assert res["date_exact"].value == 1.0
    assert res["claim_status_acc[accused]"] == Figure(1.0, 1)
    assert res["actor1_found (perpetrator / actor1)"].value == 1.0
    assert res["actor2_found (target / actor2)"].value == 0.0
    assert res["gold_events_per_doc"] == Figure(1.0, 1)  # m2 holds only an optional template


def test_score_records_dedup_bcubed_and_pairwise() -> None:
    gold = [{"id": doc, "dataset": "gunviolence", "events": [gold_event(incident_id=inc)]}
            for doc, inc in (("a", "1"), ("b", "1"), ("c", "1"), ("d", "2"))]
    preds = [{"id": doc, "events": [pred_event(cluster=cl)]} for doc, cl in (("a", "X"), ("b", "X"), ("c", "Y"),
                                                                             ("d", "Y"))]
    res = score_records(gold, preds)["gunviolence"]
    assert res["dedup_bcubed_precision"].value == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert res["dedup_bcubed_recall"].value == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert res["dedup_pairwise_precision"] == Figure(0.5, 2)
    assert res["dedup_pairwise_recall"] == Figure(pytest.approx(1 / 3), 3)


def test_compare_clusterings_identical_is_perfect() -> None:
    scores = compare_clusterings({"a": 1, "b": 1, "c": 2}, {"a": 7, "b": 7, "c": 9})
    assert scores.bcubed == (1.0, 1.0, 1.0)
    assert scores.pairwise == (1.0, 1.0, 1.0)


def test_score_records_dedup_absent_without_cluster_field() -> None:
    gold = [{"id": "a", "dataset": "gunviolence", "events": [gold_event(incident_id="1")]}]
    res = score_records(gold, [{"id": "a", "events": [{"confidence": 1}]}])["gunviolence"]
    assert res["dedup (no event_cluster in predictions)"] == Figure(None, 0)


def test_score_records_geoparsing_overlap_ignore_and_resolution() -> None:
    text = "Rain hit Lagos and Abuja near the Niger."
    gold = [{"id": "g", "dataset": "geoparsing", "subset": "S", "text": text, "events": [],
             "places": [{"start": 9, "end": 14, "name": "Lagos", "lat": 6.45, "lon": 3.39, "geonameid": 2332459},
                        {"start": 19, "end": 24, "name": "Abuja", "lat": 9.06, "lon": 7.49, "geonameid": None}],
             "places_ignore": [{"start": 34, "end": 39, "name": "Niger"}]}]
    preds = [{"id": "g", "places": [
        {"span": [9, 14], "lat": 6.45, "lon": 3.39, "geonameid": 2332459},
        {"start": 19, "end": 23, "lat": 10.5, "lon": 7.4},  # overlaps Abuja, resolved ~160 km away
        {"start": 0, "end": 4, "lat": 1, "lon": 1},  # false positive
        {"start": 34, "end": 39, "lat": 1, "lon": 1},  # only overlaps an ignorable span: not counted
        {"start": 5, "end": 5}]}]  # empty span: dropped
    res = score_records(gold, preds)["geoparsing"]
    assert res["toponym_precision"] == Figure(pytest.approx(2 / 3), 3)
    assert res["toponym_recall"] == Figure(1.0, 2)
    assert res["resolved_exact_5km"].value == pytest.approx(0.5)
    assert res["resolved_acc_161km"].value == pytest.approx(1.0)
    assert res["geonameid_exact"] == Figure(1.0, 1)
    assert res["toponym_recall[S]"] == Figure(1.0, 2)


def test_score_records_event_location_by_name_and_by_own_resolution() -> None:
    gold = [
        {"id": "l1", "dataset": "event_location", "events": [gold_event(
            location={"name": "Mosul"}, location_names=["Mosul"], location_spans=[{"start": 0, "end": 5}])]},
        {"id": "l2", "dataset": "event_location", "events": [gold_event(
            location={"name": "Al-Mawsil"}, location_names=["Al-Mawsil"], location_spans=[{"start": 3, "end": 12}])]},
        {"id": "l3", "dataset": "event_location", "events": [gold_event(location=None)]},
    ]
    preds = [
        {"id": "l1", "events": [pred_event(location={"name": "Mosul city"})]},
        {"id": "l2", "events": [pred_event(location={"name": "Mosul", "lat": 36.34, "lon": 43.13})],
         "places": [{"span": [3, 12], "lat": 36.35, "lon": 43.14}]},
        {"id": "l3", "events": [pred_event(location={"name": "Baghdad", "lat": 33.3, "lon": 44.4})]},
    ]
    res = score_records(gold, preds)["event_location"]
    assert res["event_location_top_event"] == Figure(1.0, 2)
    assert res["no_gold_location_top_event_unlocated"] == Figure(0.0, 1)


def test_score_records_india_police_labels() -> None:
    gold = [{"id": "i1", "dataset": "india_police", "events": [], "labels": ["ARREST", "ANY_ACTION"]},
            {"id": "i2", "dataset": "india_police", "events": [], "labels": ["FORCE", "ANY_ACTION", "FAIL"]},
            {"id": "i3", "dataset": "india_police", "events": [], "labels": ["KILL"]}]
    preds = [{"id": "i1", "events": [pred_event(ptype="COERCE", mode="arrest")]},
             {"id": "i2", "events": [pred_event(ptype="ASSAULT", actors=[{"role": "actor", "text": "policemen"}])]},
             {"id": "i3", "events": [pred_event(ptype="ASSAULT", casualties={"killed": 2})]}]
    res = score_records(gold, preds)["india_police"]
    for label in ("KILL", "ARREST", "FORCE", "ANY_ACTION"):
        assert res[f"{label}_f1"].value == 1.0, label
    assert res["FAIL (not derivable from events; gold support)"] == Figure(None, 1)
    assert res["macro_f1 (KILL/ARREST/FORCE/ANY_ACTION)"] == Figure(1.0, 3)


def test_score_records_tolerates_malformed_predictions() -> None:
    gold = [{"id": "x", "dataset": "muc4", "events": [gold_event(plover_type="ASSAULT", date="1990-01-01",
                                                                 killed=2)]}]
    preds = [{"id": "x", "events": [
        "not an event", {"plover": "assault", "date": "yesterday", "confidence": "high",
                         "casualties": {"killed": True}, "location": [], "actors": "police"}]},
             {"no": "id"}, {"id": "stray", "events": None}]
    res = score_records(gold, preds)
    assert res["muc4"]["plover_type_acc"] == Figure(1.0, 1)
    assert res["muc4"]["date_within_1d"].value == 0.0
    assert res["muc4"]["killed_exact"].value == 0.0
    assert res["_global"]["prediction_ids_not_in_gold"] == Figure(None, 1)


def test_render_table_lists_metric_value_n() -> None:
    table = render_table({"plover": {"documents": Figure(None, 3), "accuracy": Figure(0.5, 3)}})
    assert table.splitlines()[0] == "== plover"
    assert "accuracy" in table and "0.5000" in table and " -" in table


def test_scoring_labels_are_consistent() -> None:
    labels = load_scoring_labels()
    assert len(labels.sub_event_types) == 25
    assert len(labels.acled_event_types) == 6
    assert labels.canonical_sub_event("SUIC_BOMB") == "Suicide bomb"
    assert labels.canonical_sub_event("DIPLO") == "DIPLO"
    assert labels.canonical_sub_event("nonsense") == "?nonsense"
    assert labels.canonical_country("xk") == "XKX"
    assert labels.canonical_country("de") == "DEU"


# ---------------------------------------------------------------------------------------------------------------
# agreement with the reference scorer (development workspace only)
# ---------------------------------------------------------------------------------------------------------------
#: lines per set: an even spread over the file (labels are grouped in some files), except gunviolence, whose
#: consecutive articles share incidents (deduplication needs clusters)
GOLD_SLICES: dict[str, int] = {
    "case2021_task2": 60, "plover": 60, "gunviolence": 120, "muc4": 60, "geoparsing": 30, "event_location": 60,
    "india_police": 60,
}
CONTIGUOUS_SLICES: frozenset[str] = frozenset({"gunviolence"})


def gold_slice(lines: list[dict[str, Any]], dataset: str) -> list[dict[str, Any]]:
    """The lines of ``dataset`` used by the agreement test."""
    size = GOLD_SLICES[dataset]
    if dataset in CONTIGUOUS_SLICES:
        return lines[:size]
    return lines[:: max(1, len(lines) // size)][:size]
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
SUBS = ("Armed clash", "Attack", "Peaceful protest", "Arrests", "Air/drone strike", "air strike", "GRENADE",
        "SUIC_BOMB", "DIPLO", "ORG_CRIME", "Mob violence", "Something else", "")
ETYPES = ("Battles", "battle", "Protests", "Riots", "Violence against civilians", "Explosions / Remote violence",
          "Strategic developments", "Unknown", None)
STATUSES = ("claimed", "Accused", "reported", "denied", "suspected", "possible", "admitted", "says", "")


def trivial_baseline(line: dict[str, Any]) -> dict[str, Any]:
    """The README's floor: one ASSAULT / Armed clash event on the publication date, its own cluster."""
    published = line.get("published")
    return {"id": line["id"], "places": [], "events": [{
        "plover": {"type": "ASSAULT", "mode": None},
        "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"}, "actors": [], "claimant": None,
        "date": {"start": published, "end": published, "precision": "day"} if published else None,
        "location": None, "casualties": {"killed": None, "injured": None}, "confidence": 0.5,
        "event_cluster": line["id"]}]}


def _shift_date(rng: random.Random, value: object) -> str | None:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        day = dt.date(2016, 1, 1)
    return (day + dt.timedelta(days=rng.choice((0, 0, 1, -1, 2, -3, 40)))).isoformat()


def _jitter(rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
    km = rng.choice((0.0, 3.0, 10.0, 24.0, 26.0, 100.0, 170.0, 2000.0))
    return lat + km / KM_PER_DEGREE_LAT * rng.choice((1, -1)), lon


def _synthetic_actor(rng: random.Random, gold_names: list[str]) -> dict[str, Any]:
    text = rng.choice([*gold_names, "police", "the army", "unknown gunmen", "Sub-Inspector Rao", ""])
    if text and rng.random() < 0.3:
        words = text.split()
        text = " ".join(words[: max(1, len(words) // 2)])
    actor: dict[str, Any] = {"role": rng.choice(("actor", "recipient", None, "other")),
                             rng.choice(("text", "name")): text}
    if rng.random() < 0.2:
        actor["sector"] = rng.choice(("POL", "cop", "MIL", None))
    return actor


def _synthetic_event(rng: random.Random, line: dict[str, Any], cluster_pool: list[str]) -> dict[str, Any]:
    gold = (line.get("events") or [{}])[0]
    event: dict[str, Any] = {}
    plover_type = rng.choice([*PLOVER[-6:], *str(gold.get("plover_type") or "ASSAULT").split("|"), None, "assault"])
    if rng.random() < 0.1:
        event["plover"] = plover_type
    else:
        event["plover"] = {"type": plover_type, "mode": rng.choice((None, "arrest", "detain", "arrested", "raid",
                                                                    ""))}
    if rng.random() < 0.8:
        event["acled"] = {"event_type": rng.choice(ETYPES),
                          "sub_event_type": rng.choice((*SUBS, gold.get("acled_sub_event_type"),
                                                        gold.get("case_label")))}
    else:
        event["acled"] = rng.choice((None, "Battles"))
    anchor = gold.get("date") or line.get("published")
    form = rng.random()
    if anchor and form < 0.6:
        start = _shift_date(rng, anchor)
        end = _shift_date(rng, start) if rng.random() < 0.2 else start
        event["date"] = {"start": start, "end": end if end and start and end >= start else start}
    elif anchor and form < 0.7:
        event["date"] = _shift_date(rng, anchor)
    elif form < 0.8:
        event["date"] = rng.choice(("yesterday", "2020-13-45", None, ""))
    gloc = gold.get("location") or {}
    lform = rng.random()
    if lform < 0.5 and gloc:
        lat, lon = gloc.get("lat"), gloc.get("lon")
        loc: dict[str, Any] = {"name": rng.choice((gloc.get("name"), str(gloc.get("name") or "").split(",")[0],
                                                   "Springfield", None))}
        if lat is not None and lon is not None:
            loc["lat"], loc["lon"] = _jitter(rng, float(lat), float(lon))
        elif rng.random() < 0.5:
            loc["lat"], loc["lon"] = rng.uniform(-60, 60), rng.uniform(-150, 150)
        loc["country"] = rng.choice((gloc.get("country"), "US", "us", "SV", "COL", None))
        event["location"] = loc
    elif lform < 0.6:
        names = gold.get("location_names") or ["Aleppo"]
        event["location"] = {"name": rng.choice(names), "lat": rng.uniform(30, 40), "lon": rng.uniform(30, 45)}
    elif lform < 0.7:
        event["location"] = rng.choice(({}, {"name": ""}, "Paris"))
    cas: dict[str, Any] = {}
    for key in ("killed", "injured"):
        truth = gold.get(key)
        cas[key] = rng.choice((truth, truth, (truth or 0) + 1, (truth or 0) + 2, 0, None, "2", 1.6, True))
    event["casualties"] = cas if rng.random() < 0.9 else None
    names = [str(x) for x in (gold.get("actor1"), gold.get("actor2"), *(gold.get("perpetrators") or []),
                              *(gold.get("targets") or [])) if x]
    event["actors"] = [_synthetic_actor(rng, names) for _ in range(rng.choice((0, 1, 2, 3)))]
    claim = rng.random()
    if claim < 0.4:
        event["claimant"] = {"text": "someone", "status": rng.choice(STATUSES)}
    elif claim < 0.5:
        event["claim_status"] = rng.choice(STATUSES)
    event["confidence"] = rng.choice((0.5, 0.5, 0.9, round(rng.random(), 3), None, "0.7", "n/a"))
    cform = rng.random()
    incident = gold.get("incident_id")
    if cform < 0.5:
        event["cluster"] = rng.choice((incident, incident, rng.choice(cluster_pool), None))
    elif cform < 0.7:
        event["event_cluster"] = rng.choice((incident, rng.choice(cluster_pool)))
    return event


def _synthetic_places(rng: random.Random, line: dict[str, Any]) -> list[dict[str, Any]]:
    text_len = len(line.get("text") or "")
    spans = [dict(p) for p in line.get("places") or []]
    spans += [dict(p) for p in line.get("places_ignore") or []]
    for event in line.get("events") or []:
        spans += [dict(s) for s in event.get("location_spans") or []]
    out: list[dict[str, Any]] = []
    for span in spans:
        if rng.random() < 0.35:
            continue
        start = max(0, int(span["start"]) + rng.choice((0, 0, 0, -2, 1, 3)))
        end = int(span["end"]) + rng.choice((0, 0, -1, 2))
        place: dict[str, Any] = {"name": "p"}
        if rng.random() < 0.3:
            place["span"] = [start, end]
        else:
            place["start"], place["end"] = start, end
        if span.get("lat") is not None and rng.random() < 0.85:
            place["lat"], place["lon"] = _jitter(rng, float(span["lat"]), float(span["lon"]))
        elif rng.random() < 0.5:
            place["lat"], place["lon"] = rng.uniform(-50, 50), rng.uniform(-100, 100)
        place["geonameid"] = rng.choice((span.get("geonameid"), None, 12345))
        out.append(place)
    for _ in range(rng.choice((0, 1, 2))):
        start = rng.randrange(0, max(1, text_len))
        out.append({"start": start, "end": start + rng.choice((0, 3, 8)), "lat": 1.0, "lon": 2.0})
    rng.shuffle(out)
    return out


def synthetic_prediction(line: dict[str, Any], seed: int) -> dict[str, Any] | None:
    """A deterministic, noisy prediction for one gold line (None: the document is left unpredicted)."""
    rng = random.Random(f"{seed}:{line['id']}")
    if rng.random() < 0.08:
        return None
    pool = ["c1", "c2", "c3", str(line["id"])]
    n_events = rng.choice((0, 1, 1, 1, 2, 3))
    return {"id": line["id"], "events": [_synthetic_event(rng, line, pool) for _ in range(n_events)],
            "places": _synthetic_places(rng, line)}


def _reference_scores(shared: Path, gold: Path, preds: Path) -> dict[str, Any]:
    scorer = shared / "tools" / "score.py"
    done = subprocess.run([sys.executable, str(scorer), str(gold), str(preds), "--json"], capture_output=True,
                          text=True, check=True, timeout=120)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _assert_agree(reference: dict[str, Any], ours: dict[str, Any], where: str) -> None:
    assert list(ours) == list(reference), where
    for dataset, figures in reference.items():
        assert list(ours[dataset]) == list(figures), f"{where}: metric names or order differ for {dataset}"
        for name, fig in figures.items():
            mine = ours[dataset][name]
            assert mine["n"] == fig["n"], f"{where}: {dataset} {name}: n {mine['n']} != {fig['n']}"
            if fig["value"] is None:
                assert mine["value"] is None, f"{where}: {dataset} {name}"
            else:
                assert mine["value"] == pytest.approx(fig["value"], abs=1e-9, rel=0), f"{where}: {dataset} {name}"


@pytest.mark.parametrize("dataset", sorted(GOLD_SLICES))
def test_score_records_agrees_with_reference_scorer(shared_dir: Path, tmp_path: Path, dataset: str) -> None:
    lines = gold_slice(read_jsonl(shared_dir / "gold" / f"{dataset}.dev.jsonl"), dataset)
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    predictors = {
        "baseline": [trivial_baseline(line) for line in lines],
        **{f"synthetic-{seed}": [p for line in lines if (p := synthetic_prediction(line, seed)) is not None]
           + [{"id": "not-in-gold", "events": []}] for seed in (1, 2, 3)},
    }
    for name, preds in predictors.items():
        pred_path = tmp_path / f"{name}.jsonl"
        pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
        reference = _reference_scores(shared_dir, gold_path, pred_path)
        ours = scores_to_json(score_records(read_jsonl(gold_path), read_jsonl(pred_path)))
        _assert_agree(reference, ours, f"{dataset}/{name}")
