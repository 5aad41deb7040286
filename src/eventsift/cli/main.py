"""The ``eventsift`` command: one sub-command per module in this package."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from eventsift import __version__
from eventsift.errors import EventsiftError

#: Sub-command modules; each has ``add_parser(subparsers)`` and ``run(args) -> int``.
COMMANDS: tuple[str, ...] = (
    "extract",
    "demo",
    "evaluate",
    "gazetteer",
    "ingest",
    "events",
    "show",
    "export",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command attached."""
    parser = argparse.ArgumentParser(prog="eventsift", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventsift {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"eventsift.cli.{name}")
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code (0 ok, 1 some input failed, 2 usage or fatal error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except EventsiftError as exc:
        print(f"eventsift {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"eventsift {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
