"""``eventsift gazetteer``: build the local gazetteer index, or look a name up in it."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from eventsift.config import Config


def add_parser(subparsers: Any) -> None:
    """Attach ``gazetteer build`` and ``gazetteer lookup NAME``."""
    parser = subparsers.add_parser("gazetteer", help="build the gazetteer index or look a place name up in it",
                                   description=__doc__)
    parser.add_argument("--gazetteer-file", action="append", default=[], type=Path, metavar="FILE",
                        help="extra gazetteer additions (JSON, same schema as the shipped file); repeatable")
    parser.add_argument("--index", type=Path, default=None, help="index file (default: the user cache directory)")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("build", help="(re)build the index now and print its size and timing")
    lookup = sub.add_parser("lookup", help="list the places a name can refer to, most likely first")
    lookup.add_argument("name", help="a place name, e.g. Stepanakert")
    lookup.add_argument("--limit", type=int, default=10, help="show at most this many places (default 10)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the index or print lookup results; returns the exit code."""
    from eventsift.resolve.gazetteer import build_index, load_gazetteer

    config = Config(gazetteer_files=tuple(args.gazetteer_file), gazetteer_index=args.index)
    if args.action == "build":
        started = time.perf_counter()
        path = build_index(config)
        built = time.perf_counter() - started
        started = time.perf_counter()
        gaz = load_gazetteer(config)
        places, names = gaz.count()
        print(f"built {path} in {built:.1f}s: {places} places, {names} names, "
              f"{path.stat().st_size / 1e6:.1f} MB; opens in {(time.perf_counter() - started) * 1000:.1f} ms")
        return 0
    gaz = load_gazetteer(config)
    matches = gaz.lookup(args.name)
    if not matches:
        print(f"no place named {args.name!r}")
        return 1
    for m in matches[:args.limit]:
        p = m.place
        note = "" if m.preferred else "\t(alternate name)"
        print(f"{p.name}\t{p.kind}\t{p.country or '-'}\t{p.admin1 or '-'}\t{p.lat:.4f},{p.lon:.4f}\t"
              f"pop {p.population}\tgeonameid {p.geonameid if p.geonameid is not None else '-'}"
              f"{note}")
    return 0
