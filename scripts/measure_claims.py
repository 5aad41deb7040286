"""Measure claimant status and perpetrator attachment on the MUC-4 dev gold (and actor finding on PLOVER dev).

Two measurements, reported separately so nobody mistakes one for the other:

``incident`` (default): for every non-optional MUC gold event with a claim status or perpetrators, the document is
run through normalise -> repair -> parse (the shipped stages, which restore case in all-caps text); the incident
sentence is the first sentence that mentions one of the gold *targets* (never the perpetrators: that would leak the
answer); an Event is put on the first violence word of that sentence (or its root), and the actors and claims stages
run on it. Claim status accuracy uses the scorer's mapping; perpetrator found uses the scorer's ``actor_hit``.

``pipeline``: the full default pipeline (every registered stage) on the first N records of a gold file, scored by
../shared/tools/score.py: the figures the evaluation gate will see.

``plover``: each PLOVER dev sentence gets one Event on its main verb (root, or the complement of a speech
verb), the actors stage runs, and actor1/recipient
found are computed with the scorer's ``text_match`` (the gold trigger is not given, so this is a floor).

Usage: python scripts/measure_claims.py [--limit N] [--set muc4|plover|pipeline] [--gold PATH] [--errors K] [--out P]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from eventsift.config import Config
from eventsift.extract.actors import create_actors
from eventsift.extract.claims import create_claims
from eventsift.model import Document, Event, Evidence, Plover, Source
from eventsift.registry import create_stage
from eventsift.resources import Resources

SHARED = Path(__file__).resolve().parents[2] / "shared"
VIOLENCE = ("kill", "murder", "assassinate", "kidnap", "abduct", "attack", "bomb", "explode", "blow", "dynamite",
            "shoot", "burn", "destroy", "ambush", "massacre", "wound", "injure", "detonate", "set", "execute",
            "hijack", "raid", "attack", "assault", "slay", "machinegun", "machine-gun", "torture", "damage", "fire")
NOUN_EVENTS = ("attack", "bombing", "explosion", "murder", "assassination", "kidnapping", "massacre", "ambush",
               "killing", "abduction", "sabotage", "arson", "raid", "blast", "bomb", "attempt", "incident")
CLAIM_GROUPS = {"CLAIMED OR ADMITTED": "claimed", "SUSPECTED OR ACCUSED": "accused",
                "SUSPECTED OR ACCUSED BY AUTHORITIES": "accused", "POSSIBLE": "accused", "REPORTED AS FACT": "reported"}


def load_scorer() -> Any:
    """The reference scorer module (../shared/tools/score.py)."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_gold(path: Path, limit: int) -> list[dict[str, Any]]:
    """First ``limit`` records of a gold file (split on newline only: texts hold U+2028)."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            out.append(json.loads(line))
        if len(out) >= limit:
            break
    return out


def preprocess(resources: Resources, records: list[dict[str, Any]]) -> list[Document]:
    """Documents run through the shipped text stages (normalise, repair, parse)."""
    import datetime as dt

    stages = [create_stage(n, resources) for n in
              ("eventsift.text.normalise.v1", "eventsift.text.repair.v1", "eventsift.text.parse.v1")]
    docs = []
    for rec in records:
        pub = dt.date.fromisoformat(rec["published"]) if rec.get("published") else None
        doc = Document(id=rec["id"], text=rec["text"], source=Source(outlet=rec.get("outlet"), published=pub))
        docs.append(doc)
    for stage in stages:
        batch = getattr(stage, "process_batch", None)
        if batch is not None:
            batch(docs)
        else:
            for doc in docs:
                stage(doc)
    return docs


def incident_event(doc: Document, gold: dict[str, Any]) -> Event | None:
    """An Event on the first sentence mentioning a gold target, triggered on its first violence word."""
    targets = [t.lower() for t in gold.get("targets") or [] if t and len(t) > 2]
    for index, sent in enumerate(doc.sentences):
        text = doc.clean[sent.clean_start:sent.clean_end].lower()
        if not any(t in text for t in targets):
            continue
        span = doc.nlp.char_span(sent.clean_start, sent.clean_end, alignment_mode="expand")
        if span is None:
            continue
        trigger = next((t for t in span if t.lemma_.lower() in VIOLENCE and t.pos_ == "VERB"), None)
        trigger = trigger or next((t for t in span if t.lemma_.lower() in NOUN_EVENTS), None) or span.root
        start, end = doc.to_original(trigger.idx, trigger.idx + len(trigger.text))
        return Event(plover=Plover("ASSAULT"), evidence=Evidence(doc.text[sent.start:sent.end], (sent.start, sent.end)),
                     sentence=index, trigger=(start, end), head=trigger.i)
    return None


def measure_muc(args: argparse.Namespace) -> None:
    """Claim status and perpetrator found per MUC gold incident (the ``incident`` measurement)."""
    score = load_scorer()
    resources = Resources(Config())
    actors, claims = create_actors(resources), create_claims(resources)
    records = [r for r in read_gold(Path(args.gold or SHARED / "gold" / "muc4.dev.jsonl"), args.limit)
               if any(not e.get("optional") for e in r["events"])]
    docs = preprocess(resources, records)
    status_hits: collections.Counter[str] = collections.Counter()
    status_n: collections.Counter[str] = collections.Counter()
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    perp_hit = perp_n = located = incidents = 0
    errors: list[str] = []
    for rec, doc in zip(records, docs, strict=True):
        for gold in rec["events"]:
            if gold.get("optional"):
                continue
            status = CLAIM_GROUPS.get(gold.get("claim_status") or "")
            perps = gold.get("perpetrators") or []
            if status is None and not perps:
                continue
            incidents += 1
            event = incident_event(doc, gold)
            predicted_status = None
            found = False
            if event is not None:
                located += 1
                doc.events = [event]
                actors(doc)
                claims(doc)
                record_actors = [{"role": a.role, "text": a.text, "name": a.name} for a in event.actors]
                found = bool(perps) and score.actor_hit(perps, [a for a in record_actors if a["role"] == "actor"])
                predicted_status = event.claimant.status if event.claimant else None
                if perps and not found and len(errors) < args.errors:
                    errors.append(f"PERP {rec['id']} gold={perps[:3]} pred={record_actors} "
                                  f"sent={event.evidence.text[:200]!r}")
            if status is not None:
                status_n[status] += 1
                ok = predicted_status == status
                status_hits[status] += ok
                confusion[(status, str(predicted_status))] += 1
                if not ok and len(errors) < args.errors * 2 and event is not None:
                    who = event.claimant.text if event.claimant else None
                    errors.append(f"STATUS {rec['id']} gold={status} pred={predicted_status} "
                                  f"claimant={who!r} sent={event.evidence.text[:200]!r}")
            if perps:
                perp_n += 1
                perp_hit += found
    total_n = sum(status_n.values())
    print(f"MUC-4 dev, first {args.limit} records: {len(records)} documents with incidents, {incidents} incidents "
          f"(non-optional, with a claim status or perpetrators); incident sentence located for {located}")
    print(f"claim_status_acc {sum(status_hits.values()) / max(total_n, 1):.4f} n={total_n}")
    for key in ("claimed", "accused", "reported"):
        print(f"claim_status_acc[{key}] {status_hits[key] / max(status_n[key], 1):.4f} n={status_n[key]}")
    print(f"perpetrator_found {perp_hit / max(perp_n, 1):.4f} n={perp_n} (unlocated incidents count as misses)")
    print("confusion (gold, predicted):", dict(sorted(confusion.items())))
    for line in errors:
        print(line, file=sys.stderr)


def measure_plover(args: argparse.Namespace) -> None:
    """actor1 / recipient found on PLOVER dev with one root-verb Event per sentence (the ``plover`` measurement)."""
    score = load_scorer()
    resources = Resources(Config())
    actors = create_actors(resources)
    records = read_gold(Path(args.gold or SHARED / "gold" / "plover.dev.jsonl"), args.limit)
    docs = preprocess(resources, records)
    a_hit = a_n = r_hit = r_n = 0
    for rec, doc in zip(records, docs, strict=True):
        gold = rec["events"][0]
        if not doc.sentences:
            continue
        root = _main_verb(next(iter(doc.nlp.sents)))
        sent = doc.sentences[0]
        doc.events = [Event(plover=Plover(_plover_type(gold["plover_type"])),
                            evidence=Evidence(doc.text[sent.start:sent.end], (sent.start, sent.end)), sentence=0,
                            trigger=doc.to_original(root.idx, root.idx + len(root.text)), head=root.i)]
        actors(doc)
        found = doc.events[0].actors
        if gold.get("actor1"):
            a_n += 1
            a_hit += any(a.role == "actor" and (score.text_match(gold["actor1"], a.text)
                                                or score.text_match(gold["actor1"], a.name)) for a in found)
        if gold.get("actor2"):
            r_n += 1
            r_hit += any(a.role == "recipient" and (score.text_match(gold["actor2"], a.text)
                                                    or score.text_match(gold["actor2"], a.name)) for a in found)
    print(f"PLOVER dev, first {args.limit} records, gold type given, trigger = main verb of the first sentence")
    print(f"actor1_found {a_hit / max(a_n, 1):.4f} n={a_n}")
    print(f"recipient_found {r_hit / max(r_n, 1):.4f} n={r_n}")


def measure_pipeline(args: argparse.Namespace) -> None:
    """The full default pipeline on the first N records, scored by the reference scorer (``pipeline``)."""
    import subprocess
    import tempfile

    from eventsift.extraction import extract_records
    from eventsift.ingest import read_inputs
    from eventsift.pipeline import Pipeline

    gold_path = Path(args.gold or SHARED / "gold" / "muc4.dev.jsonl")
    records = read_gold(gold_path, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        gold_subset = Path(tmp) / "gold.jsonl"
        gold_subset.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        pipeline = Pipeline.from_config(Config())
        preds = list(extract_records(read_inputs([str(gold_subset)]), pipeline))
        pred_path = Path(args.out) if args.out else Path(tmp) / "pred.jsonl"
        pred_path.write_text("".join(json.dumps(r) + "\n" for r in preds), encoding="utf-8")
        subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(gold_subset), str(pred_path)],
                       check=True)


def _main_verb(sent: Any) -> Any:
    """The sentence's main event verb: its root, unless the root is a dateline word or a speech verb whose
    complement holds the event ("X said Y attacked Z" -> attacked)."""
    root = sent.root
    if root.pos_ != "VERB":
        root = next((t for t in sent if t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)), root)
    if root.lemma_ in ("say", "tell", "report", "announce", "add", "state"):
        root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), root)
    return root


def _plover_type(label: str) -> str:
    return label.split("|")[0]


def main() -> None:
    """Parse arguments and run one measurement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("muc4", "plover", "pipeline"), default="muc4")
    parser.add_argument("--out", default=None, help="pipeline: keep the predictions in this file")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--gold", default=None)
    parser.add_argument("--errors", type=int, default=0, help="print up to K error examples to stderr")
    args = parser.parse_args()
    {"muc4": measure_muc, "plover": measure_plover, "pipeline": measure_pipeline}[args.set](args)


if __name__ == "__main__":
    main()
