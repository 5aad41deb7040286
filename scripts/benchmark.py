#!/usr/bin/env python3
"""Measure extraction throughput (documents, sentences and MB per second) on a corpus of about N MB.

Usage: python scripts/benchmark.py [CORPUS.jsonl] [--mb 1.0] [--batch-size 32]
Without a corpus, the bundled demo corpus is repeated (with fresh ids) until it reaches the size.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from eventsift.config import Config
from eventsift.extraction import ExtractionSummary, process_items
from eventsift.ingest import InputItem, read_inputs
from eventsift.model import Document
from eventsift.pipeline import Pipeline


def load_corpus(path: Path, mb: float) -> list[InputItem]:
    """Items from ``path`` (repeated with new ids when shorter) until their texts total ``mb`` megabytes."""
    base = [i for i in read_inputs([str(path)]) if i.codable]
    items: list[InputItem] = []
    size, rnd = 0, 0
    while size < mb * 1_000_000 and base:
        for item in base:
            copy = InputItem(id=f"{item.id}-{rnd}", origin=item.origin, text=item.text, published=item.published,
                             title=item.title, outlet=item.outlet, url=item.url)
            items.append(copy)
            size += len(item.text.encode("utf-8"))
            if size >= mb * 1_000_000:
                break
        rnd += 1
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[1] / "src/eventsift/data/demo/corpus.jsonl")
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    items = load_corpus(args.corpus, args.mb)
    megabytes = sum(len(i.text.encode("utf-8")) for i in items) / 1e6
    t0 = time.perf_counter()
    pipeline = Pipeline.from_config(Config())
    pipeline(Document("warmup", "Warm up: troops shelled the town of Avdiivka on Monday."))
    load_s = time.perf_counter() - t0
    summary = ExtractionSummary()
    t1 = time.perf_counter()
    for _ in process_items(items, pipeline, batch_size=args.batch_size, summary=summary):
        pass
    run_s = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "corpus": str(args.corpus), "megabytes": round(megabytes, 3), "documents": summary.documents,
        "sentences": summary.sentences, "events": summary.events, "load_seconds": round(load_s, 2),
        "seconds": round(run_s, 2), "sentences_per_second": round(summary.sentences / run_s, 1),
        "documents_per_second": round(summary.documents / run_s, 2), "mb_per_second": round(megabytes / run_s, 4),
        "max_rss_mb": round(rss_mb),
    }, indent=1))


if __name__ == "__main__":
    main()
