"""Measure the dates and casualties stages on a gold dev set, without the events stage.

Builds Documents by hand (clean = text, nlp = the spaCy parse, sentences from its sents), creates stand-in ASSAULT
events on violent verbs (the first one in the document, or the first one of each sentence with --per-sentence), runs
``eventsift.resolve.time.v1`` and ``eventsift.extract.casualties.v1`` and writes predictions the reference scorer reads:

    python scripts/measure_dates_casualties.py ../shared/gold/gunviolence.dev.jsonl /tmp/pred.jsonl --limit 300
    python ../shared/tools/score.py ../shared/gold/gunviolence.dev.jsonl /tmp/pred.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from eventsift.config import Config
from eventsift.model import Document, Event, Evidence, Plover, Sentence, Source
from eventsift.registry import create_stage
from eventsift.resources import Resources

VIOLENT_FORMS = frozenset(
    "shot shoot shoots shooting shootings killed kill kills killing murdered murder attacked attack attacks "
    "wounded injured stabbed stabbing bombed bombing exploded explosion blast fired opened gunfire slain died dead "
    "kidnapped kidnapping abducted assassinated assassination massacre clash clashes clashed ambushed ambush "
    "dynamited destroyed arson robbed robbery fatally struck grazed gunshot gunfire wounds homicide".split()
)


def read_gold(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """Gold records (split on "\\n" only: texts hold U+2028)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return rows[:limit] if limit else rows


def parse_all(nlp: Any, rows: list[dict[str, Any]], cache: Path) -> list[Any]:
    """spaCy docs of all texts, cached in a DocBin keyed by the gold file and limit."""
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["text"] for r in rows), batch_size=32))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def new_document(row: dict[str, Any]) -> Document:
    """A Document with the gold record's text and publication date."""
    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
    return Document(id=row["id"], text=row["text"], source=Source(published=published))


def build_document(row: dict[str, Any], parsed: Any, *, per_sentence: bool) -> Document:
    """A Document with parse, sentences (clean = text) and stand-in violent events."""
    doc = new_document(row)
    doc.clean = doc.text
    doc.nlp = parsed
    for i, sent in enumerate(parsed.sents):
        doc.sentences.append(Sentence(i, sent.start_char, sent.end_char, sent.start_char, sent.end_char))
    add_standin_events(doc, per_sentence=per_sentence)
    return doc


def add_standin_events(doc: Document, *, per_sentence: bool) -> None:
    """An ASSAULT event on the first violent word of the document (or of each sentence)."""
    for sent in doc.sentences:
        span = doc.nlp.char_span(sent.clean_start, sent.clean_end, alignment_mode="expand")
        for tok in span if span is not None else []:
            if tok.lower_ in VIOLENT_FORMS:
                trigger = doc.to_original(tok.idx, tok.idx + len(tok))
                doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(
                    doc.text[sent.start:sent.end], (sent.start, sent.end)), sentence=sent.index, trigger=trigger,
                    head=tok.i))
                break
        if doc.events and not per_sentence:
            break
    doc.provided.update({"events"})


def to_prediction(doc: Document) -> dict[str, Any]:
    """The parts of the record the scorer reads."""
    events = []
    for event in doc.events:
        date = None if event.date is None else {"start": event.date.start.isoformat(),
                                                "end": event.date.end.isoformat(), "precision": event.date.precision}
        events.append({"plover": {"type": event.plover.type}, "date": date, "confidence": 0.5,
                       "casualties": {"killed": event.casualties.killed, "injured": event.casualties.injured,
                                      "arrested": event.casualties.arrested}})
    return {"id": doc.id, "events": events}


def main(argv: list[str]) -> int:
    """Run the measurement and write the prediction file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--per-sentence", action="store_true")
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--continuation", type=int, default=None, help="sentences after the event sentence")
    parser.add_argument("--text-stages", action="store_true",
                        help="run the normalise, repair and parse stages (truecasing all-caps text) instead of a bare "
                             "spaCy parse of the original text")
    args = parser.parse_args(argv)
    resources = Resources(Config())
    rows = read_gold(args.gold, args.limit)
    if args.text_stages:
        names = ("normalise", "repair", "parse")
        text_stages = [create_stage(f"eventsift.text.{name}.v1", resources) for name in names]
        parsed: list[Any] = [None] * len(rows)
    else:
        cache = args.cache_dir / f"measure_{args.gold.stem}_{args.limit or 'all'}.spacy"
        parsed = parse_all(resources.nlp, rows, cache)
    dates = create_stage("eventsift.resolve.time.v1", resources)
    casualties = create_stage("eventsift.extract.casualties.v1", resources)
    if args.continuation is not None:
        casualties.continuation = args.continuation
    with args.out.open("w", encoding="utf-8") as out:
        for row, spacy_doc in zip(rows, parsed, strict=True):
            if args.text_stages:
                doc = new_document(row)
                for stage in text_stages:
                    stage(doc)
                add_standin_events(doc, per_sentence=args.per_sentence)
            else:
                doc = build_document(row, spacy_doc, per_sentence=args.per_sentence)
            dates(doc)
            casualties(doc)
            out.write(json.dumps(to_prediction(doc)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
