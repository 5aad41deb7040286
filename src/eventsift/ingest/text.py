"""Read plain-text documents: a file, every .txt file in a directory, or standard input."""

from __future__ import annotations

from pathlib import Path

from eventsift.ingest.base import InputItem, decode_bytes


def read_text_bytes(data: bytes, *, doc_id: str, origin: str) -> InputItem:
    """One item from the bytes of a whole text document."""
    item = InputItem(id=doc_id, origin=origin)
    text = decode_bytes(data, origin, item.errors)
    if text is None:
        return item.fail("binary", f"{origin}: binary data (not text); nothing was coded. Give a .txt or .jsonl file")
    item.text = text
    return item


def read_text_file(path: Path) -> InputItem:
    """One item from a text file; its id is the file name without extension."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputItem(id=path.stem or str(path), origin=str(path)).fail(
            "unreadable_file", f"{path}: cannot read the file ({exc.strerror or exc}); check the path and permissions")
    return read_text_bytes(data, doc_id=path.stem or str(path), origin=str(path))
