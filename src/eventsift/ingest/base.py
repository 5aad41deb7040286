"""What every reader yields: an input item with its text, metadata, origin and any reading problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eventsift.model import DocError

#: Share of control characters (other than whitespace) above which a text is treated as binary.
BINARY_CONTROL_RATIO = 0.05


@dataclass(slots=True)
class InputItem:
    """One document as read from an input, before any processing.

    ``codable`` is False when the text cannot be coded at all (missing file, binary data, malformed line); the item
    still yields a record carrying its ``errors``, so nothing is dropped silently.
    """

    id: str
    origin: str
    text: str = ""
    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    errors: list[DocError] = field(default_factory=list)
    codable: bool = True

    def fail(self, code: str, message: str) -> InputItem:
        """Mark the item as not codable, with a reason."""
        self.errors.append(DocError(code, message))
        self.codable = False
        return self


def decode_bytes(data: bytes, origin: str, errors: list[DocError]) -> str | None:
    """Decode input bytes as UTF-8; invalid bytes are replaced (and reported); binary data gives ``None``."""
    if b"\x00" in data[:65536]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        errors.append(DocError(
            "invalid_utf8",
            f"{origin}: not valid UTF-8 (first bad byte at offset {exc.start}); decoded with {bad} replacement "
            "character(s) U+FFFD. Re-save the file as UTF-8 for exact text.",
        ))
    if looks_binary(text):
        return None
    return text


def looks_binary(text: str) -> bool:
    """True when the text is mostly control characters or replacement characters (an image, a zip, a PDF...)."""
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\ufffd")
    return bad / len(sample) > BINARY_CONTROL_RATIO


def parse_published(value: object, origin: str, errors: list[DocError]) -> dt.date | None:
    """Read a publication date (``YYYY-MM-DD`` or an ISO timestamp); anything else is reported and ignored."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        errors.append(DocError(
            "bad_published",
            f"{origin}: publication date {text!r} is not YYYY-MM-DD; it was ignored, so relative dates "
            "(\"yesterday\", \"on Monday\") are left unresolved",
        ))
        return None
