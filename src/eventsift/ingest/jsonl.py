"""Read a JSON Lines corpus: one object per line with ``id``, ``text`` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from eventsift.ingest.base import InputItem, decode_bytes, parse_published


def read_jsonl(stream: IO[bytes], name: str) -> Iterator[InputItem]:
    """Yield one item per non-blank line of ``stream``; a malformed line yields a failed item, never an exception.

    Lines are split on ``\\n`` only: texts may contain U+2028 and other separators inside JSON strings.
    """
    stem = Path(name).stem or "stdin"
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        origin = f"{name}:{lineno}"
        item = InputItem(id=f"{stem}-{lineno}", origin=origin)
        line = decode_bytes(raw, origin, item.errors)
        if line is None:
            yield item.fail("binary", f"{origin}: the line holds binary data, not JSON text; it was not coded")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield item.fail("malformed_json", f"{origin}: not valid JSON ({exc.msg} at column {exc.colno}); "
                                              "fix the line or remove it")
            continue
        if not isinstance(obj, dict):
            yield item.fail("malformed_json", f"{origin}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield fill_item(item, obj)


def fill_item(item: InputItem, obj: dict[str, object]) -> InputItem:
    """Copy the fields of a JSON object into ``item``, reporting missing or mistyped ones."""
    if obj.get("id") not in (None, ""):
        item.id = str(obj["id"])
    text = obj.get("text")
    if not isinstance(text, str):
        return item.fail("missing_text", f"{item.origin}: no \"text\" string in the object (keys: "
                                         f"{', '.join(sorted(obj)) or 'none'}); nothing to code")
    item.text = text
    item.published = parse_published(obj.get("published"), item.origin, item.errors)
    for key in ("title", "outlet", "url"):
        value = obj.get(key)
        if value is not None:
            setattr(item, key, str(value))
    return item
