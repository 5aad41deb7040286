"""Score the event stage alone on a gold dev set: parse, detect events, write predictions, run the reference scorer.

Usage: python scripts/eval_events.py GOLD.jsonl [--limit N] [--no-classifier] [--out PRED.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from eventsift.config import Config
from eventsift.extract.events import create_events
from eventsift.model import Document
from eventsift.resources import Resources
from eventsift.text.parse import ParseStage


def read_gold(path: Path, limit: int | None) -> list[dict]:
    """Gold records (split on "\\n" only: texts hold U+2028)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return rows[:limit] if limit else rows


def event_json(event) -> dict:
    """The fields of an event the scorer reads."""
    acled = None if event.acled is None else {"event_type": event.acled.event_type,
                                              "sub_event_type": event.acled.sub_event_type}
    return {"plover": {"type": event.plover.type, "mode": event.plover.mode, "aux": event.plover.aux},
            "acled": acled, "cameo": event.cameo, "confidence": event.confidence}


def main() -> int:
    """Run the evaluation."""
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-classifier", action="store_true")
    ap.add_argument("--out", type=Path, default=Path("/tmp/eventsift_events_pred.jsonl"))
    args = ap.parse_args()
    resources = Resources(Config())
    if args.no_classifier:
        resources.put("event_classifier", None)
    stage = create_events(resources)
    rows = read_gold(args.gold, args.limit)
    docs = [Document(id=r["id"], text=r["text"], clean=r["text"]) for r in rows]
    t0 = time.perf_counter()
    ParseStage(resources).process_batch(docs)
    t1 = time.perf_counter()
    for doc in docs:
        stage(doc)
    t2 = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps({"id": doc.id, "events": [event_json(e) for e in doc.events]}) + "\n")
    words = sum(len(d.text.split()) for d in docs)
    sys.stderr.write(f"parse {t1 - t0:.1f}s, events {t2 - t1:.2f}s for {len(docs)} docs / {words} words "
                     f"({words / max(t2 - t1, 1e-9):.0f} words/s in the event stage)\n")
    scorer = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"
    return subprocess.call([sys.executable, str(scorer), str(args.gold), str(args.out)])


if __name__ == "__main__":
    raise SystemExit(main())
