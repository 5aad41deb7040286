#!/usr/bin/env python3
"""Kill an ingest with SIGKILL at random points, resume it, and count lost and duplicated documents and events.

Usage:
  python scripts/kill_resume.py [--docs 2000] [--kills 5] [--db FILE|URL] [--seed 1] [--corpus FILE.jsonl]
      [--delay SECONDS]

By default the corpus is synthetic (incidents reported by 1-4 outlets each) and extraction is a fast deterministic
stand-in, so the run measures the store's transactions, not the NLP. With --corpus, the real pipeline codes the
first --docs lines of a JSONL corpus. Prints one JSON line of figures; exit code 1 when anything was lost or
duplicated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventsift.ingest.base import InputItem
from eventsift.store import open_store
from eventsift.store.loader import ingest_items

TOWNS = [("Ashford", 51.15, 0.87), ("Bexley", 51.44, 0.15), ("Carlow", 52.84, -6.93), ("Dunmore", 53.62, -8.74),
         ("Elgin", 57.65, -3.32), ("Fermoy", 52.14, -8.28), ("Gorey", 52.67, -6.29), ("Hythe", 51.07, 1.08)]


def synthetic_items(n: int) -> list[InputItem]:
    """``n`` documents; consecutive groups report the same incident in different words."""
    items = []
    incident, left = 0, 0
    rng = random.Random(42)
    for i in range(n):
        if left == 0:
            incident += 1
            left = rng.randint(1, 4)
        left -= 1
        town = TOWNS[incident % len(TOWNS)][0]
        day = dt.date(2020, 1, 1) + dt.timedelta(days=incident)
        killed = incident % 5 + (i % 2 if incident % 7 == 0 else 0)
        text = (f"Incident {incident} report {i}. Gunmen attacked the market in {town} on {day:%d %B %Y}, "
                f"killing {killed} people, officials said. Witness{incident} described the attack in street "
                f"{incident * 13 % 97}.")
        items.append(InputItem(id=f"syn-{i:05d}", origin="synthetic", text=text, published=day,
                               title=f"Attack in {town} ({incident})", outlet=f"outlet{i % 9}.example"))
    return items


def fake_extract(items: Iterable[Any], delay: float = 0.0) -> Iterator[dict[str, Any]]:
    """A deterministic stand-in for the pipeline: one ASSAULT event per document, fields read from the text."""
    for item in items:
        time.sleep(delay)
        words = item.text.split()
        incident = int(words[1])
        town, lat, lon = TOWNS[incident % len(TOWNS)]
        killed = int(item.text.split("killing ")[1].split()[0])
        day = item.published.isoformat()
        start = item.text.index("Gunmen")
        yield {"id": item.id, "source": {"outlet": item.outlet, "url": None, "published": day, "title": item.title},
               "repairs": [], "places": [], "errors": [],
               "events": [{"id": f"ev-{item.id}", "plover": {"type": "ASSAULT", "mode": None, "context": [],
                                                             "aux": None},
                           "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
                           "cameo": "180", "actors": [{"role": "actor", "text": "Gunmen", "name": "gunmen",
                                                       "country": None, "sector": None,
                                                       "span": [start, start + 6]}],
                           "claimant": None,
                           "date": {"start": day, "end": day, "precision": "day", "text": None, "span": None},
                           "location": {"text": town, "name": town, "geonameid": None, "lat": lat, "lon": lon,
                                        "country": "GBR", "admin1": None, "precision": "place", "span": None},
                           "casualties": {"killed": killed, "injured": None, "arrested": None, "spans": {}},
                           "evidence": {"text": item.text, "span": [0, len(item.text)]}, "confidence": 0.9,
                           "cluster": None}]}


def corpus_items(path: Path, n: int) -> list[InputItem]:
    """The first ``n`` items of a JSONL corpus."""
    from eventsift.ingest import read_inputs

    items = []
    for item in read_inputs([str(path)]):
        items.append(item)
        if len(items) >= n:
            break
    return items


def worker(db: str, docs: int, corpus: str | None, delay: float) -> int:
    """Ingest the corpus into ``db`` (the process the parent kills)."""
    store = open_store(db)
    if corpus:
        from eventsift.extraction import extract_records
        from eventsift.pipeline import Pipeline

        pipeline = Pipeline.from_config()
        items = corpus_items(Path(corpus), docs)
        summary = ingest_items(store, items, lambda xs: extract_records(xs, pipeline))
    else:
        summary = ingest_items(store, synthetic_items(docs), lambda xs: fake_extract(xs, delay))
    store.close()
    print(json.dumps({"new": summary.new, "skipped": summary.skipped}))
    return 0


def expected_ids(docs: int, corpus: str | None) -> set[str]:
    """Document ids the full run must store."""
    items = corpus_items(Path(corpus), docs) if corpus else synthetic_items(docs)
    return {str(i.id) for i in items}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--db")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds of simulated extraction per document")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.db, args.docs, args.corpus, args.delay)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or os.path.join(tmp.name, "kill.db")
    cmd = [sys.executable, __file__, "--worker", "--db", db, "--docs", str(args.docs), "--delay", str(args.delay)]
    if args.corpus:
        cmd += ["--corpus", args.corpus]
    rng = random.Random(args.seed)
    kills = []
    for _ in range(args.kills):
        before = _count(db)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # wait until this run has stored something new, then a random extra moment, then SIGKILL
        deadline = time.monotonic() + 120
        while _count(db) <= before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills.append(_count(db))
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 2
    store = open_store(db, create=False)
    counts = store.counts()
    stored = {r["id"] for r in store._rows("SELECT id FROM documents")}
    events = store._rows("SELECT id, document_id, fused_id FROM events")
    orphans = store._rows("SELECT COUNT(*) AS n FROM events e LEFT JOIN fused_events f ON f.id = e.fused_id "
                          "WHERE f.id IS NULL")[0]["n"]
    reports = store._rows("SELECT COALESCE(SUM(n_reports), 0) AS n FROM fused_events")[0]["n"]
    per_doc = store._rows("SELECT document_id, COUNT(*) AS n FROM events GROUP BY document_id HAVING COUNT(*) > 1")
    store.close()
    want = expected_ids(args.docs, args.corpus)
    figures = {
        "documents_expected": len(want), "documents_stored": counts["documents"],
        "documents_lost": len(want - stored), "documents_unexpected": len(stored - want),
        "events_stored": len(events), "events_duplicated": len(events) - len({e["id"] for e in events}),
        "documents_with_extra_events": len(per_doc) if not args.corpus else None,
        "events_without_fused_event": int(orphans), "fused_reports_total": int(reports),
        "fused_events": counts["fused_events"], "documents_stored_at_each_kill": kills,
        "final_run": json.loads(done.stdout.strip().splitlines()[-1]),
    }
    print(json.dumps(figures))
    bad = figures["documents_lost"] or figures["documents_unexpected"] or figures["events_duplicated"] \
        or orphans or int(reports) != len(events) or (figures["documents_with_extra_events"] or 0)
    return 1 if bad else 0


def _count(db: str) -> int:
    try:
        store = open_store(db, create=False)
    except Exception:  # noqa: BLE001 - the file may not exist yet or be mid-creation; treat as empty
        return 0
    try:
        return int(store._rows("SELECT COUNT(*) AS n FROM documents")[0]["n"])
    except Exception:  # noqa: BLE001 - a table may not exist yet
        return 0
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
