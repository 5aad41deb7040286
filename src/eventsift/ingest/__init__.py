"""Readers that turn files, directories and standard input into :class:`InputItem` objects, then Documents."""

from __future__ import annotations

import datetime as dt
import io
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventsift.ingest.base import InputItem
from eventsift.ingest.jsonl import read_jsonl
from eventsift.ingest.text import read_text_bytes, read_text_file
from eventsift.model import Document, Source

__all__ = ["InputItem", "read_inputs", "to_document"]

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", ".text")


def read_inputs(paths: Iterable[str], *, published: dt.date | None = None) -> Iterator[InputItem]:
    """Yield an item per document of every input: JSONL lines, a text file, each .txt in a directory, or ``-``.

    A missing or unreadable input yields one failed item naming it, so the batch goes on and nothing is dropped.
    ``published`` fills in the publication date of items that have none.
    """
    for raw in paths:
        for item in _read_one(raw):
            if item.published is None and published is not None:
                item.published = published
            yield item


def _read_one(raw: str) -> Iterator[InputItem]:
    if raw == "-":
        yield from _read_stdin()
        return
    path = Path(raw)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
        if not files:
            yield InputItem(id=path.name or raw, origin=raw).fail(
                "empty_directory", f"{raw}: the directory holds no .txt or .jsonl files")
        for file in files:
            yield from _read_one(str(file))
        return
    if not path.exists():
        yield InputItem(id=path.stem or raw, origin=raw).fail(
            "missing_file", f"{raw}: no such file or directory; check the path")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, raw)
        except OSError as exc:
            yield InputItem(id=path.stem, origin=raw).fail(
                "unreadable_file", f"{raw}: cannot read the file ({exc.strerror or exc})")
        return
    yield read_text_file(path)


def _read_stdin() -> Iterator[InputItem]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(data), "stdin")
    else:
        yield read_text_bytes(data, doc_id="stdin", origin="stdin")


def to_document(item: InputItem, *, max_chars: int) -> Document:
    """A pipeline Document from an input item; texts over ``max_chars`` are cut (and say so)."""
    text = item.text
    doc = Document(id=item.id, text=text,
                   source=Source(outlet=item.outlet, url=item.url, published=item.published, title=item.title))
    doc.errors.extend(item.errors)
    if not item.codable:
        doc.skip = True
        return doc
    if len(text) > max_chars:
        doc.text = text[:max_chars]
        doc.add_error("truncated", f"{item.origin}: the text has {len(text):,} characters; only the first "
                                   f"{max_chars:,} were coded (split the document or raise max_chars)")
    return doc
