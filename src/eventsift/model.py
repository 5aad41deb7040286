"""The typed document model that flows through every pipeline stage.

A :class:`Document` starts as raw text plus source metadata. Stages add to it: the repaired text and its offset map,
sentences, the spaCy parse, resolved places and time expressions, and :class:`Event` objects that later stages fill in
(actors, claimant, date, location, casualties). Every span stored on the model is a ``(start, end)`` pair of character
offsets into the *original* ``Document.text``; :meth:`Document.to_original` maps offsets of the repaired text back.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical", "negated")
CLAIM_STATUSES: tuple[str, ...] = ("claimed", "accused", "reported", "denied")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
GEO_PRECISIONS: tuple[str, ...] = ("place", "admin2", "admin1", "country")
ACTOR_ROLES: tuple[str, ...] = ("actor", "recipient")


@dataclass(slots=True)
class Source:
    """Where a document came from, as given by the input (never guessed)."""

    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None


@dataclass(slots=True)
class Repair:
    """One cautious text repair: ``span`` covers ``from_text`` in the original text."""

    span: Span
    from_text: str
    to_text: str


@dataclass(slots=True)
class DocError:
    """A per-document problem: a stable machine code and a message for the user."""

    code: str
    message: str


@dataclass(slots=True)
class Sentence:
    """A sentence: offsets into the original text and into the repaired (clean) text."""

    index: int
    start: int
    end: int
    clean_start: int
    clean_end: int


@dataclass(slots=True)
class Actor:
    """An event participant: the surface ``text`` at ``span`` and its coded identity."""

    role: str
    text: str
    name: str
    span: Span
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Claim:
    """Who asserts an event, and how (claimed by the perpetrator, accused, reported as fact, denied).

    ``span`` is ``None`` only when nobody in the text asserts the event: the claimant is then the document's outlet, or
    "the report" itself when the outlet is unknown.
    ``denier`` is the party that denies it, when the text names one: an accusation stays ``accused`` by its accuser,
    with the denial beside it; a denial with no accuser in the text is the ``denied`` status itself.
    """

    text: str
    name: str
    span: Span | None
    status: str
    country: str | None = None
    sector: str | None = None
    denier: Actor | None = None


@dataclass(slots=True)
class When:
    """A resolved time expression: an inclusive date range with a precision."""

    start: dt.date
    end: dt.date
    precision: str
    text: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Place:
    """A toponym in the text resolved against the gazetteer (coordinates may be absent when unresolved)."""

    text: str
    span: Span
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    precision: str = "place"


@dataclass(slots=True)
class Casualties:
    """Counts of people killed, injured, arrested; spans say which words each count came from.

    ``injured_if_alive`` is set when the injured count rests only on people said to be shot or struck, whose fate the
    event's sentences do not tell: another mention of the incident that counts them among the dead overrides it.
    """

    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    per_side: list[dict[str, Any]] = field(default_factory=list)
    injured_if_alive: bool = False


@dataclass(slots=True)
class Plover:
    """PLOVER coding of an event: root type (``None`` for a non-conflict CASE class), mode, contexts, aux status."""

    type: str | None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    aux: str | None = None


@dataclass(slots=True)
class Acled:
    """ACLED event type and sub-event type (or a CASE 2021 non-ACLED class in ``sub_event_type``)."""

    event_type: str | None
    sub_event_type: str


@dataclass(slots=True)
class Evidence:
    """The sentence (or clause) that states the event, as a span of the original text."""

    text: str
    span: Span


@dataclass(slots=True)
class Event:
    """One coded event. ``trigger`` is the span of the word(s) that signal it; ``sentence`` its sentence index."""

    plover: Plover
    evidence: Evidence
    sentence: int
    trigger: Span
    acled: Acled | None = None
    cameo: str | None = None
    actors: list[Actor] = field(default_factory=list)
    claimant: Claim | None = None
    date: When | None = None
    location: Place | None = None
    casualties: Casualties = field(default_factory=Casualties)
    confidence: float = 0.5
    head: int | None = None  # index of the trigger token in ``Document.nlp``, for parse-based attachment
    id: str = ""
    cluster: str | None = None


@dataclass(slots=True)
class OffsetMap:
    """Maps offsets in the repaired text back to the original text.

    ``edits`` holds ``(clean_start, clean_end, orig_start, orig_end)`` for every replaced stretch, in order; text
    outside edits is shifted by the accumulated length difference. A zero-width edit (``clean_start == clean_end``)
    is original text that was removed: a start offset there maps after it, an end offset before it.
    """

    edits: list[tuple[int, int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def _edit_starts(self) -> list[int]:
        """Clean start offsets of the edits, cached (rebuilt when the edit list has changed size or ends)."""
        edits = self.edits
        starts = self._starts
        if len(starts) != len(edits) or starts[0] != edits[0][0] or starts[-1] != edits[-1][0]:
            starts = [e[0] for e in edits]
            self._starts = starts
        return starts

    def to_original(self, pos: int, *, is_end: bool = False) -> int:
        """Original offset of clean offset ``pos``; an offset inside an edit maps to the edit's original start (or,
        with ``is_end``, its original end), so a span never cuts an edit in two."""
        if not self.edits:
            return pos
        starts = self._edit_starts()
        # an end offset belongs to the text before it: ignore edits that start exactly at ``pos``
        i = (bisect.bisect_left(starts, pos) if is_end else bisect.bisect_right(starts, pos)) - 1
        if i < 0:
            return pos
        _c_start, c_end, o_start, o_end = self.edits[i]
        if pos >= c_end:
            return o_end + (pos - c_end)
        return o_end if is_end else o_start


#: Longest text, in sentences, like the event classifier's training snippets (CASE 2021 and PLOVER items).
SNIPPET_SENTENCES = 4


@dataclass
class Document:
    """A text moving through the pipeline, with everything the stages have found in it."""

    id: str
    text: str
    source: Source = field(default_factory=Source)
    clean: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    repairs: list[Repair] = field(default_factory=list)
    language: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    nlp: Any = None  # spaCy Doc over ``clean``; typed Any so the model does not import spaCy
    places: list[Place] = field(default_factory=list)
    times: list[When] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[DocError] = field(default_factory=list)
    provided: set[str] = field(default_factory=set)
    skip: bool = False  # set when the text cannot be coded (empty, not English...): later stages pass it through

    def to_original(self, start: int, end: int) -> Span:
        """Map a ``[start, end)`` span of the clean text to the original text."""
        return (self.offsets.to_original(start), self.offsets.to_original(end, is_end=True))

    @property
    def is_snippet(self) -> bool:
        """Whether the parsed text is as short as the snippets the event classifier learned from, so that it reads
        the text whole and ranks its events (longer stories are classified on their lead)."""
        return len(self.sentences) <= SNIPPET_SENTENCES

    def original_text(self, span: Span) -> str:
        """The original text covered by ``span``."""
        return self.text[span[0]:span[1]]

    def add_error(self, code: str, message: str) -> None:
        """Record a problem with this document without stopping the batch."""
        self.errors.append(DocError(code, message))
