"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from eventsift.config import Config


def iso_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD dates."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    """Options that configure the extraction pipeline."""
    parser.add_argument("--model", default=Config().spacy_model,
                        help="spaCy pipeline name or path (default: %(default)s)")
    parser.add_argument("--actors", action="append", type=Path, default=[], metavar="FILE",
                        help="extra actor dictionary (JSON, same schema as the shipped one); repeatable")
    parser.add_argument("--gazetteer", action="append", type=Path, default=[], metavar="FILE",
                        help="extra gazetteer additions (JSON, same schema as the shipped one); repeatable")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per parsing batch")
    parser.add_argument("--max-chars", type=int, default=Config().max_chars,
                        help="code at most this many characters of each text; longer ones are cut and say so "
                             "(default: %(default)s)")


def config_from_args(args: argparse.Namespace) -> Config:
    """A Config from the pipeline options."""
    return Config(spacy_model=args.model, actor_files=tuple(args.actors), gazetteer_files=tuple(args.gazetteer),
                  max_chars=args.max_chars)


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write one JSON object per line; returns how many."""
    n = 0
    for rec in records:
        stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
