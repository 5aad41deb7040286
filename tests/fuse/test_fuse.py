"""Fusion: blocking, scoring, incremental clustering and claim reconciliation, on hand-built reports."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from eventsift.fuse import (
    Clusterer,
    Report,
    TermWeights,
    assign_clusters,
    load_fusion_settings,
    load_term_weights,
    pair_score,
    reconcile_claims,
)


@pytest.fixture(scope="module")
def weights() -> TermWeights:
    return load_term_weights()


def report(weights: TermWeights, doc: str, text: str, *, day: int = 4, lat: float | None = 51.15,
           lon: float | None = 0.87, kind: str = "ASSAULT", killed: int | None = 3) -> Report:
    date = dt.date(2021, 3, day)
    return Report(event_id=f"ev-{doc}", document_id=doc, source=f"{doc}.example", plover_type=kind,
                  date_start=date, date_end=date, lat=lat, lon=lon, precise=lat is not None, country="GBR",
                  killed=killed, vector=weights.vectorise(text))


def test_fuse_settings_file_loads() -> None:
    settings = load_fusion_settings()
    assert settings.version and 0 < settings.date_window_days < 30
    assert settings.types_compatible("ASSAULT", "COERCE") and not settings.types_compatible("ASSAULT", "AGREE")


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
    other = report(weights, "c", "Police arrest teenager after school fight in Ashford", killed=0)
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


def test_fuse_claims_conflict_by_side() -> None:
    police = [{"side": "police", "killed": 3}]
    soldiers = [{"side": "soldiers", "killed": 2}, {"side": "attackers", "killed": 3}]
    summary = reconcile_claims([claim("a", killed=3, per_side=police), claim("b", killed=5, per_side=soldiers)])
    assert summary["conflict"]
    assert "killed: 3 vs 5" in summary["conflicts"] and any("side" in c for c in summary["conflicts"])


def test_fuse_claims_agreeing_reports_no_conflict() -> None:
    summary = reconcile_claims([claim("a", killed=2), claim("b", killed=2), claim("c")])
    assert not summary["conflict"] and summary["killed"] == {"low": 2, "best": 2, "high": 2}
