"""Cautious typo repair before parsing: fix clear misspellings and OCR digit/letter swaps, never names.

A word is repaired only when the English dictionary does not know it and one correction clearly wins: a digit
inside an alphabetic word read for a letter ("Min8stry" -> "Ministry"), a listed misspelling ("teh"), or a single
edit whose best dictionary suggestion is far more frequent than the next ("aftet" -> "after"). Left alone:
capitalised words that do not start a sentence (names) except digit-in-word fixes, acronyms, protected words,
words the gazetteer lexicon knows, numbers, URLs, e-mail addresses, hashtags and mentions. Every repair is kept on
``doc.repairs`` with its original span and recorded as an edit of ``doc.offsets``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventsift.model import Document, OffsetMap, Repair
from eventsift.resources import Resources
from eventsift.text.lexicon import LEXICON_KEY, TextLexicon, load_text_lexicon
from eventsift.text.offsets import Replacement, compose_edits, rewrite

CHUNK = re.compile(r"\S+")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
NOT_PROSE = re.compile(r"://|^www\.|@|^#|\.[a-z]{2,4}/|^[\w.-]+\.(?:com|org|net|gov|int|edu|info|io|am|az|ru|ua)\b",
                       re.IGNORECASE)
UNIT_SUFFIX = re.compile(r"^\d+(?:st|nd|rd|th|s|km|kg|mm|cm|m|g|h|k|x\d+|bn|mn|pm|am|d)$", re.IGNORECASE)
MIN_RATIO = 10.0  # the best suggestion must be this many times more frequent than the runner-up
MIN_COUNT = 1_000_000  # and at least this frequent in the dictionary's corpus counts
MIN_PART_COUNT = 500_000  # both halves of a compound ("cease|fire") must be common words
MIN_LENGTH = 5  # shorter unknown words are too ambiguous to fix by edit distance


@dataclass(frozen=True, slots=True)
class Fix:
    """One repair on the text it was found in (clean text coordinates)."""

    start: int
    end: int
    from_text: str
    to_text: str


class RepairStage:
    """Finds cautious repairs in ``doc.clean`` and folds them into ``doc.clean``, ``doc.offsets``, ``doc.repairs``."""

    name = "eventsift.text.repair.v1"
    requires = ("clean",)
    provides = ("repairs",)

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def __call__(self, doc: Document) -> None:
        """Repair one document."""
        lexicon = self.resources.get(LEXICON_KEY, load_text_lexicon)
        fixes = find_repairs(doc.clean, lexicon)
        if not fixes:
            return
        new_clean, step = rewrite(doc.clean, [Replacement(f.start, f.end, f.to_text) for f in fixes])
        for fix in fixes:
            span = doc.to_original(fix.start, fix.end)
            doc.repairs.append(Repair(span=span, from_text=doc.text[span[0]:span[1]], to_text=fix.to_text))
        doc.offsets = OffsetMap(compose_edits(doc.offsets.edits, step))
        doc.clean = new_clean


def find_repairs(text: str, lexicon: TextLexicon) -> list[Fix]:
    """Every repair the cautious rules allow in ``text``, in order."""
    fixes: list[Fix] = []
    for chunk in CHUNK.finditer(text):
        if NOT_PROSE.search(chunk.group()):
            continue
        for m in WORD.finditer(chunk.group()):
            start = chunk.start() + m.start()
            word = m.group()
            if _glued(text, start, start + len(word)):
                continue
            fixed = repair_word(word, lexicon, sentence_start=_sentence_start(text, start))
            if fixed is not None and fixed != word:
                fixes.append(Fix(start, start + len(word), word, fixed))
    return fixes


def repair_word(word: str, lexicon: TextLexicon, *, sentence_start: bool) -> str | None:
    """The repaired form of ``word``, or None when it must be left alone."""
    key = word.lower()
    has_digit = any(c.isdigit() for c in word)
    letters = sum(c.isalpha() for c in word)
    if key in lexicon.freq or key in lexicon.protected or key.rstrip("s") in lexicon.protected:
        return None
    if has_digit:
        return _fix_digits(word, lexicon) if letters >= 3 else None
    if word.isupper() and len(word) > 1:
        return None  # acronym
    base = key[:-2] if key.endswith(("'s", "’s")) else key
    if base in lexicon.freq or base in lexicon.forms or base in lexicon.protected or "'" in base or "’" in base:
        return None
    capitalised = word[0].isupper()
    if capitalised and (not sentence_start or base in lexicon.forms or not word[1:].islower()):
        return None  # a name, or a word written in an unusual case
    if capitalised and base not in lexicon.misspellings:
        return None  # a sentence-initial unknown word is as likely a name ("Ranil", "Sisi") as a typo
    if _known_compound(base, lexicon):
        return None
    suggestion = lexicon.misspellings.get(base) or _best_suggestion(base, lexicon)
    if suggestion is None:
        return None
    fixed = suggestion + key[len(base):]
    return _match_case(fixed, word)


def _fix_digits(word: str, lexicon: TextLexicon) -> str | None:
    """Read OCR/keyboard digits inside an alphabetic word as letters when exactly one reading is a known word."""
    if UNIT_SUFFIX.match(word) or sum(c.isdigit() for c in word) > 2 or (word[0].isdigit() and word[-1].isdigit()):
        return None
    if not (word[0].isalpha() or word[0] in "015") or not (word[-1].isalpha() or word[-1] in "015"):
        return None  # "F16", "MH17", "3D": digits at the edge are part of a model name or number
    options = [""]
    for char in word.lower():
        letters = lexicon.ocr_digits.get(char, ()) if char.isdigit() else (char,)
        if not letters:
            return None
        options = [o + letter for o in options for letter in letters]
    known = sorted({o for o in options if o in lexicon.freq}, key=lambda o: -lexicon.freq[o])
    if not known or (len(known) > 1 and lexicon.freq[known[0]] < MIN_RATIO * lexicon.freq[known[1]]):
        return None
    return _match_case(known[0], word)


def _best_suggestion(word: str, lexicon: TextLexicon) -> str | None:
    if len(word) < MIN_LENGTH or not word.isalpha():
        return None
    from symspellpy import Verbosity

    suggestions = lexicon.symspell.lookup(word, Verbosity.CLOSEST, max_edit_distance=1)
    suggestions = [s for s in suggestions if s.distance == 1]
    if not suggestions:
        return None
    best = suggestions[0]
    runner_up = suggestions[1].count if len(suggestions) > 1 else 0
    if best.count < MIN_COUNT or best.count < MIN_RATIO * runner_up:
        return None
    if best.term.startswith(word) or word.startswith(best.term) or best.term[0] != word[0]:
        return None  # "telecom" -> "telecoms" is an inflection, "nbach" -> "bach" more likely a name than a typo
    return str(best.term)


US_UK = (("or", "our"), ("ize", "ise"), ("izing", "ising"), ("ized", "ised"), ("ization", "isation"),
         ("er", "re"), ("ense", "ence"), ("og", "ogue"), ("eled", "elled"), ("eling", "elling"), ("yze", "yse"))


def _known_compound(word: str, lexicon: TextLexicon) -> bool:
    """True for words built from dictionary words ("counterstrike", "retweeted") or US spellings of them ("labor")."""
    for us, uk in US_UK:
        for m in re.finditer(us + r"(?=(?:s|ed|ing|hood|ly|ful|able|ation|al|ers|ite|ites)?$)", word):
            if word[:m.start()] + uk + word[m.end():] in lexicon.freq:
                return True
    for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ist", "ists", "ism", "ization", "ise", "ize"):
        if word.endswith(suffix) and word[: -len(suffix)] in lexicon.freq and len(word) - len(suffix) >= 4:
            return True
    for prefix in ("re", "un", "pre", "post", "anti", "counter", "non", "co", "de", "ex", "over", "under", "mis"):
        if word.startswith(prefix) and word[len(prefix):] in lexicon.freq and len(word) - len(prefix) >= 4:
            return True
    return any(
        lexicon.freq.get(word[:i], 0) >= MIN_PART_COUNT and lexicon.freq.get(word[i:], 0) >= MIN_PART_COUNT
        for i in range(4, len(word) - 3)
    )


def _match_case(fixed: str, original: str) -> str:
    if original.isupper():
        return fixed.upper()
    if original[0].isupper():
        return fixed[0].upper() + fixed[1:]
    return fixed


def _glued(text: str, start: int, end: int) -> bool:
    """True when the word is glued to other word characters by "_", "/", "." (identifiers, file names, codes)."""
    before = text[start - 1:start]
    after = text[end:end + 2]
    return before in ("_", "/", ".", "-") or after[:1] in ("_", "/") or (after[:1] == "." and after[1:2].isalnum()) \
        or after[:1] == "-"


def _sentence_start(text: str, start: int) -> bool:
    prefix = text[max(0, start - 4):start].rstrip(" \"'([")
    return start == 0 or not prefix or prefix[-1] in ".!?\n:"


def create_repair(resources: Resources) -> RepairStage:
    """Factory registered as ``eventsift.text.repair.v1``."""
    return RepairStage(resources)
