"""Normalise raw input text into ``Document.clean`` with an exact map back to the original text.

Passes, each recorded in the :class:`~eventsift.model.OffsetMap`: cut texts past ``Config.max_chars``; repair
mojibake (UTF-8 read as cp1252); drop HTML tags; decode HTML entities; drop control and zero-width characters;
turn non-breaking and other Unicode spaces into spaces and Unicode line separators into newlines; straighten quotes
(one character for one, so quotes stay balanced for the parser); join words hyphenated across line breaks; collapse
runs of whitespace and unwrap hard-wrapped lines. ALL-CAPS text is then case-restored (same length: no edit needed).
Empty and non-English texts are marked ``skip``; tables and lists get a ``table_like`` note.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from eventsift.model import Document, OffsetMap
from eventsift.resources import Resources
from eventsift.text.language import detect_language, looks_like_table
from eventsift.text.lexicon import LEXICON_KEY, TextLexicon, load_text_lexicon
from eventsift.text.offsets import Edit, Replacement, compose_edits, rewrite
from eventsift.text.truecase import is_all_caps, truecase

MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)
TAG = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>", re.DOTALL | re.IGNORECASE
)
BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|section|article)\b", re.IGNORECASE)
ENTITY = re.compile(r"&(?:amp;)*(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
CHAR_MAP: dict[str, str] = {
    **{c: '"' for c in "“”„‟«»″〃＂"},
    **{c: "'" for c in "‘’‚‛′‹›＇"},
    **{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"},
    **{c: " " for c in "\u202f\u205f\u3000"},
    **{c: "\n" for c in "\u2028\u2029\u0085\u000b\u000c"},
    **{c: "" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
    "\r": "\n",
}
SPECIAL = re.compile(
    "\r\n|``|''|[" + "".join(re.escape(c) for c in CHAR_MAP) + "\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]"
)
HYPHEN_BREAK = re.compile(r"([A-Za-z]{2,})-[ \t]*\n[ \t]*([A-Za-z]{2,})")
SPACE_RUN = re.compile(r"[ \t]{2,}|[ \t]+(?=\n)|(?<=\n)[ \t]+|\n{3,}")
WRAPPED = re.compile(r"(?<=[^\n.!?:;\"'])\n(?=[^\n])")
LONG_SPLIT = re.compile(r"[;:]\s|,\s|\s[-–—]\s")


class NormaliseStage:
    """Builds ``doc.clean`` and ``doc.offsets`` from ``doc.text``; skips empty and non-English texts."""

    name = "eventsift.text.normalise.v1"
    requires = ("text",)
    provides = ("clean",)

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.max_chars = resources.config.max_chars

    def __call__(self, doc: Document) -> None:
        """Normalise one document."""
        lexicon = self.resources.get(LEXICON_KEY, load_text_lexicon)
        text = doc.text
        if not text.strip():
            doc.clean = text
            doc.offsets = OffsetMap()
            doc.skip = True
            doc.add_error("empty_text", "the text is empty or only whitespace; nothing was coded")
            return
        clean, edits = normalise_text(text, lexicon, max_chars=self.max_chars)
        if len(text) > self.max_chars:
            coded = edits[-1][2] if edits and edits[-1][0] == edits[-1][1] == len(clean) else len(text)
            doc.add_error(
                "truncated",
                f"the text has {len(text):,} characters; only the first {coded:,} were coded "
                f"(Config.max_chars is {self.max_chars:,}: raise it or split the document)",
            )
        doc.clean = clean
        doc.offsets = OffsetMap(edits)
        guess = detect_language(clean, lexicon)
        doc.language = guess.code
        if guess.code != "en":
            doc.skip = True
            doc.add_error(
                "not_english",
                f"the detected language looks like {guess.name} ({guess.evidence}); eventsift codes English only; "
                "nothing was coded",
            )
            return
        if is_all_caps(clean):
            doc.clean = truecase(clean, lexicon)
        if looks_like_table(doc.text):
            doc.add_error(
                "table_like",
                "the text looks like a table or list (short, numeric or separated lines, no full sentence); "
                "events were coded where possible but may be missed",
            )


def normalise_text(text: str, lexicon: TextLexicon, *, max_chars: int) -> tuple[str, list[Edit]]:
    """Run every normalising pass over ``text``; returns the clean text and its edits back to ``text``."""
    passes: list[Callable[[str], list[Replacement]]] = [
        lambda t: _truncate(t, max_chars),
        _mojibake,
        _tags,
        _entities,
        _special_chars,
        lambda t: _hyphen_breaks(t, lexicon),
        _space_runs,
        _space_runs,  # again: stripping line ends can leave new runs of newlines
        _unwrap,
        _strip_ends,
    ]
    edits: list[Edit] = []
    for make in passes:
        replacements = make(text)
        if replacements:
            text, step = rewrite(text, replacements)
            edits = compose_edits(edits, step)
    return text, edits


def _truncate(text: str, max_chars: int) -> list[Replacement]:
    if len(text) <= max_chars:
        return []
    cut = max(text.rfind("\n", 0, max_chars), text.rfind(". ", 0, max_chars) + 1)
    if cut < max_chars * 0.9:
        cut = max_chars
    return [Replacement(cut, len(text), "")]


def _mojibake(text: str) -> list[Replacement]:
    out: list[Replacement] = []
    for m in MOJIBAKE.finditer(text):
        raw = bytearray()
        for char in m.group():
            try:
                raw += char.encode("cp1252")
            except UnicodeEncodeError:
                if ord(char) > 0xFF:
                    break
                raw.append(ord(char))  # C1 control left raw by a lenient decoder
        else:
            try:
                fixed = bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if fixed and all(ord(c) >= 0x80 for c in fixed):
                out.append(Replacement(m.start(), m.end(), fixed))
    return out


def _tags(text: str) -> list[Replacement]:
    if "<" not in text:
        return []
    out: list[Replacement] = []
    for m in TAG.finditer(text):
        if BLOCK_TAG.match(m.group()):
            new = "\n"
        else:
            before = text[m.start() - 1:m.start()]
            after = text[m.end():m.end() + 1]
            new = " " if before.isalnum() and after.isalnum() and m.group()[1:3].lower() in ("im", "hr") else ""
        out.append(Replacement(m.start(), m.end(), new))
    return out


def _entities(text: str) -> list[Replacement]:
    if "&" not in text:
        return []
    out: list[Replacement] = []
    for m in ENTITY.finditer(text):
        decoded = html.unescape(f"&{m.group(1)};")
        if decoded != f"&{m.group(1)};":
            out.append(Replacement(m.start(), m.end(), decoded))
    return out


def _special_chars(text: str) -> list[Replacement]:
    out: list[Replacement] = []
    for m in SPECIAL.finditer(text):
        found = m.group()
        if found in ("``", "''"):
            new = '"'
        elif found == "\r\n":
            new = "\n"
        else:
            new = CHAR_MAP.get(found, "")
        out.append(Replacement(m.start(), m.end(), new))
    return out


def _hyphen_breaks(text: str, lexicon: TextLexicon) -> list[Replacement]:
    out: list[Replacement] = []
    for m in HYPHEN_BREAK.finditer(text):
        joined = (m.group(1) + m.group(2)).lower()
        hyphen_at = m.end(1)
        new = "" if joined in lexicon.freq else "-"
        out.append(Replacement(hyphen_at, m.start(2), new))
    return out


def _space_runs(text: str) -> list[Replacement]:
    out: list[Replacement] = []
    for m in SPACE_RUN.finditer(text):
        found = m.group()
        if found.startswith("\n"):
            new = "\n\n"
        elif (m.end() < len(text) and text[m.end()] == "\n") or (m.start() > 0 and text[m.start() - 1] == "\n"):
            new = ""
        else:
            new = " "
        out.append(Replacement(m.start(), m.end(), new))
    return out


def _unwrap(text: str) -> list[Replacement]:
    """Join hard-wrapped lines: a single newline after a long line that does not end a sentence becomes a space."""
    out: list[Replacement] = []
    for m in WRAPPED.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start >= 40:
            out.append(Replacement(m.start(), m.end(), " "))
    return out


def _strip_ends(text: str) -> list[Replacement]:
    out: list[Replacement] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append(Replacement(0, lead, ""))
    trail = len(text) - len(text.rstrip())
    if trail and trail < len(text):
        out.append(Replacement(len(text) - trail, len(text), ""))
    return out


def split_overlong(text: str, start: int, end: int, *, max_words: int = 120) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into pieces of at most about ``max_words`` words, for the parse stage.

    Cuts after semicolons, colons, commas or dashes where possible, else between words; spans are in the
    coordinates of ``text`` and cover it without gaps.
    """
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= max_words:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    count = 0
    best_cut: int | None = None
    for m in words:
        count += 1
        word_end = start + m.end()
        if LONG_SPLIT.match(text, word_end - 1) and count >= max_words // 4:
            best_cut = word_end
        if count >= max_words:
            cut = best_cut if best_cut is not None and best_cut > piece_start else word_end
            pieces.append((piece_start, cut))
            piece_start = cut
            count = len(re.findall(r"\S+", text[cut:word_end]))
            best_cut = None
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def create_normalise(resources: Resources) -> NormaliseStage:
    """Factory registered as ``eventsift.text.normalise.v1``."""
    return NormaliseStage(resources)
