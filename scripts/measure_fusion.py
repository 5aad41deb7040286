#!/usr/bin/env python3
"""Measure cross-report fusion on gunviolence.dev: B-cubed and pairwise F1 of article clusters.

Usage:
  python scripts/measure_fusion.py GOLD.jsonl [--pred PRED.jsonl] [--scorer ../shared/tools/score.py]
      [--threshold T] [--sweep] [--folds K]

Without --pred, records are built crudely from the gold file (title, opening, publication date as the event date,
no place, no casualties): a floor for what the real pipeline output should reach. With --pred, the extractor's
records are fused (texts from the gold file give the document openings).
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

from eventsift.fuse import assign_clusters, load_fusion_settings, load_term_weights


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
                                "date": None, "location": None, "casualties": {},
                                "evidence": {"text": first, "span": [0, len(first)]}}]})
    return out


def doc_clusters(records: list[dict[str, Any]], mode: str) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for rec in records:
        events = rec.get("events") or []
        if mode == "main" and events:
            events = [max(events, key=lambda e: (e.get("plover", {}).get("type") == "ASSAULT",
                                                 e.get("confidence") or 0.0))]
        keys[rec["id"]] = {e["cluster"] for e in events if e.get("cluster")}
    return keys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pred", type=Path)
    ap.add_argument("--scorer", type=Path, default=Path(__file__).resolve().parents[2] / "shared/tools/score.py")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--sweep", action="store_true", help="report F1 for a range of thresholds")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate the threshold over K folds of incidents")
    ap.add_argument("--mode", choices=("all", "main"), default="all",
                    help="which events give a document its clusters: all, or only its main (ASSAULT) event")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score", args.scorer)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    gold = read_jsonl(args.gold)
    texts = {g["id"]: g["text"] for g in gold}
    base = read_jsonl(args.pred) if args.pred else crude_records(gold)
    by_id = {r["id"]: r for r in base}
    base = [by_id.get(g["id"], {"id": g["id"], "source": {}, "events": []}) for g in gold]
    weights = load_term_weights()
    settings = load_fusion_settings()
    gk = {g["id"]: {str(e["incident_id"]) for e in g["events"] if e.get("incident_id")} for g in gold}

    def run(threshold: float, ids: set[str] | None = None) -> dict[str, Any]:
        recs = [json.loads(json.dumps(r)) for r in base if ids is None or r["id"] in ids]
        assign_clusters(recs, texts=texts, settings=dataclasses.replace(settings, threshold=threshold),
                        weights=weights)
        pk = doc_clusters(recs, args.mode)
        sub = {d: gk[d] for d in pk}
        return scorer.cluster_scores(scorer.clusters_from_keys(sub), scorer.clusters_from_keys(pk))

    grid = [round(settings.threshold + d / 10, 2) for d in range(-6, 7)]
    if args.sweep:
        for t in grid:
            s = run(t)
            print(f"threshold {t:5.2f}  bcubed P/R/F1 {s['bcubed'][0]:.3f}/{s['bcubed'][1]:.3f}/{s['bcubed'][2]:.4f}"
                  f"  pairwise P/R/F1 {s['pairwise'][0]:.3f}/{s['pairwise'][1]:.3f}/{s['pairwise'][2]:.4f}")
    if args.folds:
        incidents = sorted({k for ks in gk.values() for k in ks})
        random.Random(7).shuffle(incidents)
        fold_of = {inc: i % args.folds for i, inc in enumerate(incidents)}
        for k in range(args.folds):
            test = {d for d, ks in gk.items() if any(fold_of[i] == k for i in ks)}
            train = set(gk) - test
            best = max(grid, key=lambda t: run(t, train)["bcubed"][2] + run(t, train)["pairwise"][2])
            s = run(best, test)
            print(f"fold {k}: threshold {best:.2f} chosen on {len(train)} docs; held-out {len(test)} docs: "
                  f"bcubed F1 {s['bcubed'][2]:.4f}  pairwise F1 {s['pairwise'][2]:.4f}")
    s = run(args.threshold if args.threshold is not None else settings.threshold)
    print(json.dumps({"documents": len(gold), "settings": settings.version, "mode": args.mode,
                      "input": str(args.pred) if args.pred else "crude records from gold (title/opening/published)",
                      "bcubed_p_r_f1": [round(x, 4) for x in s["bcubed"]],
                      "pairwise_p_r_f1": [round(x, 4) for x in s["pairwise"]]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
