"""Measure the geo stage on a gold dev set without the rest of the pipeline; writes predictions for score.py.

Documents are built here (clean = text, nlp = spaCy over it, sentences from the parse). Events stand in for the
event stage: event_location uses the gold trigger token as the event head; gunviolence uses one event per article,
headed by the ROOT of the first sentence with a gun-violence word (else the first sentence).

    python scripts/measure_geo.py geoparsing --limit 100 --out /tmp/geo.pred.jsonl
    python ../shared/tools/score.py ../shared/gold/geoparsing.dev.jsonl /tmp/geo.pred.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from eventsift.config import Config
from eventsift.model import Document, Event, Evidence, Place, Plover, Sentence
from eventsift.resolve.geo import create_geo
from eventsift.resources import Resources

GUN = re.compile(r"\b(shot|shoot\w*|gunfire|gunman|gunmen|killed|wounded|fired|homicide|slain)\b", re.I)


def place_json(p: Place) -> dict[str, object]:
    """A place as the scorer reads it."""
    return {"start": p.span[0], "end": p.span[1], "name": p.name, "lat": p.lat, "lon": p.lon,
            "geonameid": p.geonameid, "country": p.country, "precision": p.precision}


def build_doc(rec: dict[str, object], nlp: object) -> Document:
    """A parsed Document over the record's text."""
    text = str(rec["text"])
    doc = Document(id=str(rec["id"]), text=text, clean=text)
    doc.nlp = nlp(text)  # type: ignore[operator]
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.start_char, s.end_char)
                     for i, s in enumerate(doc.nlp.sents)]
    return doc


def stand_in_event(doc: Document, head: int) -> Event:
    """A placeholder event headed by token ``head``."""
    tok = doc.nlp[head]
    sent = tok.sent
    return Event(plover=Plover("ASSAULT"), evidence=Evidence(sent.text, (sent.start_char, sent.end_char)),
                 sentence=0, trigger=(tok.idx, tok.idx + len(tok.text)), head=head)


def main(argv: list[str]) -> int:
    """Run one set and write predictions."""
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=("geoparsing", "event_location", "gunviolence"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--gold-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "gold"))
    args = ap.parse_args(argv)
    lines = [x for x in Path(args.gold_dir, f"{args.set}.dev.jsonl").read_text(encoding="utf-8").split("\n") if x]
    if args.limit:
        lines = lines[:args.limit]
    resources = Resources(Config())
    nlp = resources.nlp
    geo = create_geo(resources)
    started = time.time()
    with open(args.out, "w", encoding="utf-8") as out:
        for line in lines:
            rec = json.loads(line)
            doc = build_doc(rec, nlp)
            if args.set == "event_location":
                trig = rec["events"][0].get("trigger") or {"start": -1}
                heads = [t.i for t in doc.nlp if t.idx <= trig["start"] < t.idx + len(t.text)]
                doc.events = [stand_in_event(doc, heads[0])] if heads else []
            elif args.set == "gunviolence":
                sents = list(doc.nlp.sents)
                pick = next((s for s in sents if GUN.search(s.text)), sents[0] if sents else None)
                doc.events = [stand_in_event(doc, pick.root.i)] if pick is not None else []
            geo(doc)
            events = [{"confidence": 0.5, "location": None if e.location is None else {
                "name": e.location.name, "lat": e.location.lat, "lon": e.location.lon,
                "country": e.location.country}} for e in doc.events]
            row = {"id": doc.id, "places": [place_json(p) for p in doc.places], "events": events}
            out.write(json.dumps(row) + "\n")
    sys.stderr.write(f"{len(lines)} documents in {time.time() - started:.1f}s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
