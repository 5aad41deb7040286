"""Fusion: blocking, scoring, incremental clustering and claim reconciliation, on hand-built reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest

from eventsift.fuse import (
    Clusterer,
    Report,
    TermWeights,
    assign_clusters,
    event_role,
    load_fusion_settings,
    load_term_weights,
    main_event_id,
    make_claim,
    pair_score,
    reconcile_claims,
)
from eventsift.fuse.score import pair_features


@pytest.fixture(scope="module")
def weights() -> TermWeights:
    return load_term_weights()


def report(weights: TermWeights, doc: str, text: str, *, day: int = 4, lat: float | None = 51.15,
           lon: float | None = 0.87, kind: str = "ASSAULT", killed: int | None = 3, role: str = "anchor",
           page: str | None = None) -> Report:
    """A hand-built report; ``page`` is the document's text (the event's own text by default)."""
    date = dt.date(2021, 3, day)
    return Report(event_id=f"ev-{doc}-{kind}-{role}", document_id=doc, source=f"{doc}.example", plover_type=kind,
                  date_start=date, date_end=date, lat=lat, lon=lon, precise=lat is not None, country="GBR",
                  killed=killed, vector=weights.vectorise(text), doc_vector=weights.vectorise(page or text),
                  role=role)


def test_fuse_settings_file_loads() -> None:
    settings = load_fusion_settings()
    assert settings.version and 0 < settings.date_window_days < 30
    assert settings.types_compatible("ASSAULT", "COERCE") and not settings.types_compatible("ASSAULT", "AGREE")
    assert settings.material_types[0] == "ASSAULT" and "REQUEST" not in settings.material_types
    assert settings.role_threshold("anchor") < settings.role_threshold("material") <= settings.role_threshold("verbal")
    assert settings.pair_threshold("anchor", "verbal") == settings.role_threshold("verbal")


def test_fuse_text_weights_favour_rare_words(weights: TermWeights) -> None:
    vec = weights.vectorise("the gunman shot Zorblatt")
    assert vec["zorblatt"] > vec["gunman"] > vec["the"]


@pytest.mark.parametrize(("change", "blocked"), [
    ({"day": 20}, True), ({"lat": 55.9, "lon": -3.2}, True), ({"kind": "AGREE"}, True), ({"day": 5}, False)])
def test_fuse_blocking(weights: TermWeights, change: dict[str, object], blocked: bool) -> None:
    settings = load_fusion_settings()
    a = report(weights, "a", "Gunmen attack the Ashford market, killing three")
    b = report(weights, "b", "Gunmen attack the Ashford market, killing three", **change)  # type: ignore[arg-type]
    assert (pair_score(a, b, settings) == -math.inf) is blocked


def test_fuse_same_incident_scores_above_other_incident(weights: TermWeights) -> None:
    settings = load_fusion_settings()
    a = report(weights, "a", "Gunmen attack the Ashford market on Elm Street, killing three traders")
    same = report(weights, "b", "Three traders killed as gunmen storm Elm Street market in Ashford")
    other = report(weights, "c", "Police arrest teenager after school fight in Ashford", killed=0, lat=51.3,
                   kind="COERCE", page="Police arrest teenager after school fight in Ashford. The head teacher "
                                       "said lessons would continue as normal and parents had been told by letter.")
    assert pair_score(a, same, settings) >= settings.threshold > pair_score(a, other, settings)


def test_fuse_incremental_join(weights: TermWeights) -> None:
    clusterer = Clusterer()
    first = clusterer.add(report(weights, "a", "Gunmen attack the Ashford market on Elm Street, killing three"))
    other = clusterer.add(report(weights, "c", "Flooding closes Ashford schools", kind="AID", killed=None))
    joined = clusterer.add(report(weights, "b", "Three killed as gunmen storm Elm Street market in Ashford"))
    assert joined == first != other
    assert len(clusterer.members[first]) == 2


def test_fuse_assign_clusters_sets_cluster_and_ignores_order() -> None:
    def rec(doc: str, title: str, published: str) -> dict[str, object]:
        return {"id": doc, "source": {"outlet": doc, "published": published, "title": title},
                "events": [{"id": f"ev-{doc}", "plover": {"type": "ASSAULT"}, "actors": [], "date": None,
                            "location": None, "casualties": {}, "evidence": {"text": title, "span": [0, 1]}}]}
    records = [rec("a", "Gunman kills two at Maple Avenue bakery in Dunmore", "2021-01-02"),
               rec("b", "Dunmore bakery shooting on Maple Avenue: two dead", "2021-01-03"),
               rec("c", "Council approves new budget", "2021-01-02")]
    out = assign_clusters(records)
    assert out["ev-a"] == out["ev-b"] != out["ev-c"]
    again = assign_clusters(list(reversed(records)))
    assert again == out


def claim(source: str, status: str = "reported", killed: int | None = None,
          per_side: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"event_id": f"ev-{source}", "document_id": source, "source": source, "claimant": source,
            "status": status, "killed": killed, "injured": None, "arrested": None, "per_side": per_side}


def test_fuse_claims_best_is_most_conservative_credible_figure() -> None:
    summary = reconcile_claims([claim("a", killed=5), claim("b", killed=3), claim("c", "claimed", killed=1),
                                claim("d", "denied", killed=0)])
    assert summary["killed"] == {"low": 1, "best": 3, "high": 5}
    assert summary["conflict"]
    assert len(summary["claims"]) == 4 and summary["sources"] == ["a", "b", "c", "d"]


def test_fuse_claims_accusation_denied_by_a_named_party_counts_and_conflicts() -> None:
    accused = dict(claim("a", "accused", killed=4), denied_by="Northern Front")
    summary = reconcile_claims([accused])
    assert summary["killed"]["best"] == 4
    assert summary["conflict"] and "Northern Front" in summary["conflicts"][0]


def test_fuse_make_claim_keeps_the_denier() -> None:
    event = {"id": "ev-1", "casualties": {"killed": 2},
             "claimant": {"text": "the governor", "name": "governor", "status": "accused", "span": [0, 12],
                          "denied_by": {"text": "the insurgents", "name": "insurgents", "span": [40, 54]}}}
    made = make_claim({"outlet": "Wire"}, "doc-1", event)
    assert made["status"] == "accused" and made["denied_by"] == "insurgents"


def test_fuse_claims_conflict_by_side() -> None:
    police = [{"side": "police", "killed": 3}]
    soldiers = [{"side": "soldiers", "killed": 2}, {"side": "attackers", "killed": 3}]
    summary = reconcile_claims([claim("a", killed=3, per_side=police), claim("b", killed=5, per_side=soldiers)])
    assert summary["conflict"]
    assert "killed: 3 vs 5" in summary["conflicts"] and any("side" in c for c in summary["conflicts"])


def test_fuse_claims_agreeing_reports_no_conflict() -> None:
    summary = reconcile_claims([claim("a", killed=2), claim("b", killed=2), claim("c")])
    assert not summary["conflict"] and summary["killed"] == {"low": 2, "best": 2, "high": 2}


def event(kind: str, text: str, *, confidence: float = 0.5, aux: str | None = None, n: int = 0,
          killed: int | None = None, lat: float | None = None) -> dict[str, object]:
    """A record event with only what fusion reads."""
    location = {"name": "x", "lat": lat, "lon": 0.87, "country": "GBR", "precision": "place"} if lat else None
    return {"id": f"{kind}-{n}-{text[:12]}", "plover": {"type": kind, "aux": aux}, "actors": [],
            "date": {"start": "2021-03-04", "end": "2021-03-04"}, "location": location,
            "casualties": {"killed": killed}, "confidence": confidence, "evidence": {"text": text, "span": [0, 1]}}


def test_fuse_main_event_is_actual_material_event() -> None:
    settings = load_fusion_settings()
    record = {"id": "d", "source": {}, "events": [
        event("ACCUSE", "Neighbours blamed the landlord", confidence=0.9),
        event("ASSAULT", "A man was shot", confidence=0.8, aux="hypothetical"),
        event("COERCE", "Police arrested a suspect", confidence=0.7),
        event("ASSAULT", "Two men were shot outside a bar", confidence=0.4)]}
    assert main_event_id(record, settings) == record["events"][3]["id"]  # type: ignore[index]
    roles = [event_role(record, e, settings) for e in record["events"]]  # type: ignore[attr-defined]
    assert roles == ["verbal", "verbal", "material", "anchor"]
    assert main_event_id({"id": "v", "events": [event("REQUEST", "Call police")]}, settings) is None


def test_fuse_no_transitive_chaining(weights: TermWeights) -> None:
    """C matches B and B matches A, but C does not match A (the founder): C must not join A's fused event, although
    its average score over the members would pass."""
    a = report(weights, "a", "Gunman shoots two at Maple Avenue bakery in Dunmore", lat=51.15, killed=2)
    b = report(weights, "b", "Maple Avenue bakery shooting in Dunmore; police seek gunman near Quarry Lane",
               lat=51.17, killed=None)
    c = report(weights, "c", "Quarry Lane garage robbery: police seek masked man", lat=51.21, killed=0, day=6)
    base = load_fusion_settings()
    ab, bc, ac = pair_score(a, b, base), pair_score(b, c, base), pair_score(a, c, base)
    assert ab > bc > ac
    threshold = (ac + (ac + bc) / 2) / 2  # above A-C, below the average of A-C and B-C
    clusterer = Clusterer(dataclasses.replace(base, threshold=threshold))
    first = clusterer.add(a)
    assert clusterer.add(b) == first
    assert clusterer.add(c) != first


def test_fuse_verbal_events_do_not_link_incidents(weights: TermWeights) -> None:
    """Two unrelated shootings whose articles end with the same appeal for information stay apart."""
    settings = load_fusion_settings()
    appeal = "Police asked anyone with information to call the Crime Stoppers tip line"
    x = report(weights, "a", appeal, kind="REQUEST", role="verbal", killed=None, page=(
        "A woman was wounded at the Elm Street bakery in Ashford on Thursday. Officers found shell casings."))
    y = report(weights, "b", appeal, kind="REQUEST", role="verbal", killed=None, lat=51.30, page=(
        "Two teenagers were shot outside the Dock Road youth club in Kennington. One is in a critical condition."))
    feats = pair_features(x, y, settings)
    assert feats["text"] == feats["doc"] < 0.2  # the identical sentence counts only as far as the stories agree
    assert pair_score(x, y, settings) < settings.pair_threshold(x.role, y.role)
    shooting = report(weights, "c", appeal, kind="ASSAULT", page=appeal)
    assert pair_score(x, shooting, settings) == -math.inf  # a statement never joins another type's incident


def test_fuse_other_events_need_stronger_evidence_than_main(weights: TermWeights) -> None:
    """The same match lets a document's main incident join a fused event, but not another event of a document."""
    main = report(weights, "a", "Gunman shoots two at Maple Avenue bakery in Dunmore")
    text = "A man was wounded near a Dunmore bakery"
    page = "Council votes on the parking plan. " + text
    as_anchor = report(weights, "b", text, killed=None, page=page)
    as_other = report(weights, "b", text, killed=None, role="material", page=page)
    base = load_fusion_settings()
    score = pair_score(main, as_anchor, base)
    assert score == pair_score(main, as_other, base) > -math.inf
    settings = dataclasses.replace(base, threshold=score - 1, role_thresholds=(("material", score + 1),
                                                                               ("verbal", score + 2)))
    for candidate, joins in ((as_anchor, True), (as_other, False)):
        clusterer = Clusterer(settings)
        founded = clusterer.add(main)
        assert (clusterer.add(candidate) == founded) is joins


def test_fuse_assign_clusters_generic_appeal_does_not_chain_articles() -> None:
    def rec(doc: str, title: str, street: str, lat: float) -> dict[str, object]:
        return {"id": doc, "source": {"outlet": doc, "published": "2021-03-04", "title": title}, "events": [
            event("ASSAULT", f"A man was shot on {street} on Thursday night", confidence=0.6, n=1, lat=lat),
            event("REQUEST", "Police asked anyone with information to call Crime Stoppers", confidence=0.7, n=2),
            event("ACCUSE", "Police said the suspect fled", confidence=0.5, n=3)]}
    records = [rec("a", "Man shot on Elm Street", "Elm Street", 51.15),
               rec("b", "Man shot on Dock Road", "Dock Road", 52.5)]
    for i, r in enumerate(records):
        for e in r["events"]:  # type: ignore[attr-defined]
            e["id"] += str(i)
    assign_clusters(records)
    clusters = [{e["cluster"] for e in r["events"]} for r in records]  # type: ignore[attr-defined]
    assert not clusters[0] & clusters[1]
