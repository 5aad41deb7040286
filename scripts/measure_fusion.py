#!/usr/bin/env python3
"""Measure (and fit) cross-report fusion on gunviolence.dev: B-cubed and pairwise F1 of article clusters.

Usage:
  python scripts/measure_fusion.py GOLD.jsonl [--pred PRED.jsonl] [--scorer ../shared/tools/score.py]
      [--folds K] [--fit] [--write FUSION.json]

Without --pred, records are built crudely from the gold file (title, opening, publication date as the event date,
no place, no casualties): a floor for what the real pipeline output should reach. With --pred, the extractor's
records (``eventsift evaluate ... --predictions-out``) are fused; texts from the gold file give document openings.

--fit learns the pair-score weights (logistic regression over pairs of documents' main events that pass blocking,
label = same gold incident) and picks the anchor and material join thresholds on a grid (best B-cubed F1 +
pairwise F1). --folds K does both on K-1 folds of incidents and reports the held-out fold, for every fold; the
figures after the folds are fitted on everything (what --write stores in the settings file).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import random
import sys
from pathlib import Path
from typing import Any

from eventsift.fuse import Clusterer, FusionSettings, Report, load_fusion_settings, load_term_weights
from eventsift.fuse.cluster import _order_key
from eventsift.fuse.report import reports_from_record
from eventsift.fuse.score import compatible, pair_features

ANCHOR_GRID = (-1.0, 0.0, 1.0)
MATERIAL_GRID = (-0.5, 0.0, 0.5)
FEATURES = ("text", "doc", "date", "place", "casualties", "actors", "type")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]


def crude_records(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for g in gold:
        text = g["text"]
        first = text.split("\n", 1)[0][:300]
        out.append({"id": g["id"], "source": {"outlet": g.get("outlet"), "url": g.get("url"),
                                              "published": g.get("published"), "title": g.get("title")},
                    "events": [{"id": "ev-" + g["id"], "plover": {"type": "ASSAULT"}, "actors": [],
                                "date": None, "location": None, "casualties": {}, "confidence": 1.0,
                                "evidence": {"text": first, "span": [0, len(first)]}}]})
    return out


class FeatureMemo:
    """Pair features computed once per pair (they do not depend on weights or thresholds), scored per settings."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str], dict[str, float] | None] = {}

    def features(self, a: Report, b: Report, settings: FusionSettings) -> dict[str, float] | None:
        key = (a.event_id, b.event_id)
        if key not in self.memo:
            self.memo[key] = pair_features(a, b, settings) if compatible(a, b, settings) else None
        return self.memo[key]

    def score(self, a: Report, b: Report, settings: FusionSettings) -> float:
        feats = self.features(a, b, settings)
        if feats is None:
            return float("-inf")
        return settings.weights["bias"] + sum(settings.weights[n] * v for n, v in feats.items())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pred", type=Path)
    ap.add_argument("--scorer", type=Path, default=Path(__file__).resolve().parents[2] / "shared/tools/score.py")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate weights and thresholds over K incident folds")
    ap.add_argument("--fit", action="store_true", help="fit weights and thresholds on all documents")
    ap.add_argument("--write", type=Path, help="write the fitted settings into this fusion.json")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score", args.scorer)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    gold = read_jsonl(args.gold)
    texts = {g["id"]: g["text"] for g in gold}
    base = read_jsonl(args.pred) if args.pred else crude_records(gold)
    by_id = {r["id"]: r for r in base}
    records = [by_id.get(g["id"], {"id": g["id"], "source": {}, "events": []}) for g in gold]
    settings = load_fusion_settings()
    weights = load_term_weights()
    docs = [(str(r["id"]), reports_from_record(r, weights, settings, lead=texts.get(str(r["id"]))))
            for r in sorted(records, key=_order_key)]
    gk = {g["id"]: {str(e["incident_id"]) for e in g["events"] if e.get("incident_id")} for g in gold}
    memo = FeatureMemo()

    def run(s: FusionSettings, ids: set[str] | None = None) -> tuple[list[float], list[float]]:
        clusterer = Clusterer(s, score=memo.score)
        keys = {d: {clusterer.add(r) for r in reps} for d, reps in docs if ids is None or d in ids}
        out = scorer.cluster_scores(scorer.clusters_from_keys({d: gk[d] for d in keys}),
                                    scorer.clusters_from_keys(keys))
        return out["bcubed"], out["pairwise"]

    def fmt(b: list[float], p: list[float]) -> str:
        return f"B-cubed P/R/F1 {b[0]:.3f}/{b[1]:.3f}/{b[2]:.4f}  pairwise P/R/F1 {p[0]:.3f}/{p[1]:.3f}/{p[2]:.4f}"

    anchors = [(d, r) for d, reps in docs for r in reps if r.role == "anchor"]
    pairs: list[tuple[str, str, list[float], bool]] = []
    if args.fit or args.folds:
        for i, (d1, a) in enumerate(anchors):
            for d2, b in anchors[i + 1:]:
                feats = memo.features(a, b, settings)
                if feats is not None:
                    pairs.append((d1, d2, [feats[n] for n in FEATURES], bool(gk[d1] & gk[d2])))

    def fit(ids: set[str] | None) -> FusionSettings:
        from sklearn.linear_model import LogisticRegression

        rows = [p for p in pairs if ids is None or (p[0] in ids and p[1] in ids)]
        model = LogisticRegression(max_iter=2000).fit([p[2] for p in rows], [p[3] for p in rows])
        w = {n: round(float(c), 3) for n, c in zip(FEATURES, model.coef_[0], strict=True)}
        w["bias"] = round(float(model.intercept_[0]), 3)
        verbal = settings.role_threshold("verbal")
        best: tuple[float, FusionSettings] | None = None
        for ta in ANCHOR_GRID:
            for tm in MATERIAL_GRID:
                s = dataclasses.replace(settings, weights=w, threshold=ta,
                                        role_thresholds=(("material", tm), ("verbal", max(verbal, tm))))
                b, p = run(s, ids)
                if best is None or b[2] + p[2] > best[0]:
                    best = (b[2] + p[2], s)
        assert best is not None
        return best[1]

    def describe(s: FusionSettings) -> str:
        return f"weights {s.weights} thresholds anchor {s.threshold} {dict(s.role_thresholds)}"

    if args.folds:
        incidents = sorted({k for ks in gk.values() for k in ks})
        random.Random(7).shuffle(incidents)
        fold_of = {inc: i % args.folds for i, inc in enumerate(incidents)}
        for k in range(args.folds):
            test = {d for d, ks in gk.items() if any(fold_of[i] == k for i in ks)}
            chosen = fit(set(gk) - test)
            print(f"fold {k}: fitted on {len(gk) - len(test)} docs: {describe(chosen)}")
            print(f"fold {k}: held-out {len(test)} docs: {fmt(*run(chosen, test))}", flush=True)
    if args.fit or args.write:
        settings = fit(None)
        print(f"fitted on all: {describe(settings)}")
        if args.write:
            data = json.loads(args.write.read_text("utf-8"))
            data["weights"] = {"bias": settings.weights["bias"], **{n: settings.weights[n] for n in FEATURES}}
            data["thresholds"] = {"anchor": settings.threshold, **dict(settings.role_thresholds)}
            args.write.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    b, p = run(settings)
    print(json.dumps({"documents": len(gold), "settings": settings.version,
                      "input": str(args.pred) if args.pred else "crude records from gold (title/opening/published)",
                      "bcubed_p_r_f1": [round(x, 4) for x in b], "pairwise_p_r_f1": [round(x, 4) for x in p]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
