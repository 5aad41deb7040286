"""Within-document coreference of events: several mentions of one incident in a text become one event.

A statement often names an incident twice ("condemns today's attack on a convoy ... soldiers opened fire on the
convoy this morning, killing two"). The event stage codes each mention; this stage merges mentions of the same type
and auxiliary status that are close in the text and compatible in date, place and casualty figures, keeping the
most specific value of every field and an evidence span that covers all merged mentions. Mentions chain: each may be
close to the latest mention already merged, and mentions of the same stated day may be further apart. As ACLED codes
one event per type, location and day, asserted mentions dated the same day at the same town or district are one event
however far apart they are in a long story, unless they give different counts or name different targets. An
incident a story names several times is better attested: its confidence rises with each merged mention (not in
snippets, where the event classifier ranks the events). Copies made by the geo stage for distinct locations (same
trigger) are never merged back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from eventsift.model import Actor, Casualties, Document, Event, Evidence, Place, When
from eventsift.resources import Resources

#: Each further mention merged into an event (up to :data:`MAX_BOOSTED_MENTIONS`) moves its confidence this share of
#: the way to 1: an incident a story names several times is better attested than a single mention. Not in snippets
#: (``Document.is_snippet``), where the event classifier, which reads the whole text, ranks the events.
MENTION_BOOST = 0.2
MAX_BOOSTED_MENTIONS = 3
GEO_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class MergeSettings:
    """How far apart two mentions may be and still be one incident."""

    max_sentence_gap: int = 2
    #: mentions that state the same day may be further apart ("kidnapped on 5 January ... on 5 January, the ELN")
    max_sentence_gap_same_day: int = 8
    max_km: float = 25.0
    #: one event per type, day and town, as ACLED codes (mentions far apart in a long story included)
    per_day_and_place: bool = True


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two resolved places, or None when either lacks coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: Place | None, b: Place | None, max_km: float) -> bool:
    """Same place, one place inside the other's region, or either unknown."""
    if a is None or b is None:
        return True
    if a.name == b.name:
        return True
    coarse = GEO_RANK.get(a.precision, 0) >= 2 or GEO_RANK.get(b.precision, 0) >= 2
    if coarse:
        return a.country is not None and a.country == b.country
    km = distance_km(a, b)
    return km is not None and km <= max_km


def dates_compatible(a: When | None, b: When | None) -> bool:
    """Overlapping ranges, or either unknown or only defaulted to the publication date."""
    if a is None or b is None or a.span is None or b.span is None:
        return True
    return a.start <= b.end and b.start <= a.end


def same_day(a: When | None, b: When | None) -> bool:
    """Both dates the same single day (stated or defaulted)."""
    return (a is not None and b is not None and a.precision == b.precision == "day"
            and a.start == a.end == b.start == b.end)


def same_stated_day(a: When | None, b: When | None) -> bool:
    """Both dates stated in the text (not defaulted) and the same single day."""
    return same_day(a, b) and a is not None and b is not None and a.span is not None and b.span is not None


def counts_compatible(a: Casualties, b: Casualties) -> bool:
    """Two different non-zero counts of the same kind mean two incidents (people only said to be shot in one mention
    may be among the dead and wounded of the other: "two men were shot" and "one died, the other was wounded" agree,
    and so do "he was shot" and "one killed, two wounded")."""
    for key in ("killed", "injured", "arrested"):
        x, y = getattr(a, key), getattr(b, key)
        if x and y and x != y:
            if key == "injured" and a.injured_if_alive != b.injured_if_alive:
                shot, other = (a, b) if a.injured_if_alive else (b, a)
                if shot.injured is not None and (other.killed or 0) + (other.injured or 0) >= shot.injured:
                    continue
            return False
    return True


def same_day_and_place(a: Event, b: Event, settings: MergeSettings) -> bool:
    """Both mentions dated the same single day and located at the same town or district (ACLED's unit: one event per
    type, location and day), whatever their distance in the text."""
    pa, pb = a.location, b.location
    if pa is None or pb is None or not same_day(a.date, b.date):
        return False
    if GEO_RANK.get(pa.precision, 0) > 1 or GEO_RANK.get(pb.precision, 0) > 1:
        return False
    if pa.name == pb.name:
        return True
    km = distance_km(pa, pb)
    return km is not None and km <= settings.max_km


def targets_compatible(a: Event, b: Event) -> bool:
    """Two mentions that name different targets ("the embassy", "a police post") are different incidents."""
    ta = {x.name.lower() for x in a.actors if x.role == "recipient"}
    tb = {x.name.lower() for x in b.actors if x.role == "recipient"}
    return not ta or not tb or bool(ta & tb)


def same_incident(a: Event, b: Event, settings: MergeSettings, last_sentence: int | None = None) -> bool:
    """True when ``b`` is another mention of the incident ``a`` describes; ``last_sentence`` is the sentence of the
    latest mention already merged into ``a`` (a chain of mentions, each near the previous one, is one incident)."""
    if a.plover.type is None or a.plover.type != b.plover.type or a.plover.aux != b.plover.aux:
        return False
    if settings.per_day_and_place and a.plover.aux is None and a.trigger != b.trigger and \
            same_day_and_place(a, b, settings) and counts_compatible(a.casualties, b.casualties) and \
            targets_compatible(a, b):
        return True
    last = a.sentence if last_sentence is None else last_sentence
    gap = settings.max_sentence_gap_same_day if same_stated_day(a.date, b.date) else settings.max_sentence_gap
    if a.trigger == b.trigger or abs(b.sentence - last) > gap:
        return False
    if a.plover.mode and b.plover.mode and a.plover.mode != b.plover.mode and a.sentence == b.sentence:
        return False
    return (places_compatible(a.location, b.location, settings.max_km) and dates_compatible(a.date, b.date)
            and counts_compatible(a.casualties, b.casualties))


def better_place(a: Place | None, b: Place | None) -> Place | None:
    """The finer of two places (ties keep the first)."""
    if a is None or b is None:
        return a or b
    return b if GEO_RANK.get(b.precision, 0) < GEO_RANK.get(a.precision, 0) else a


def better_date(a: When | None, b: When | None) -> When | None:
    """A date stated in the text beats a default; then the finer precision."""
    if a is None or b is None:
        return a or b
    if (a.span is None) != (b.span is None):
        return a if a.span is not None else b
    return b if DATE_RANK.get(b.precision, 0) < DATE_RANK.get(a.precision, 0) else a


def merge_casualties(a: Casualties, b: Casualties) -> Casualties:
    """Per field, the stated count (the larger when both state one), with its span; people one mention only says were
    shot are injured only beyond the dead another mention counts ("a man was shot ... he died at the scene": none;
    "five people were shot ... a woman was killed": four)."""
    out = Casualties(spans=dict(a.spans), per_side=list(a.per_side) or list(b.per_side))
    for key in ("killed", "injured", "arrested"):
        x, y = getattr(a, key), getattr(b, key)
        if key == "injured" and a.injured_if_alive != b.injured_if_alive:
            shot, other = (a, b) if a.injured_if_alive else (b, a)
            if other.killed and shot.injured is not None:
                # "five people were shot ... a woman was killed": four wounded (at least as many as stated)
                x = y = other.injured if other.killed >= shot.injured else \
                    max(shot.injured - other.killed, other.injured or 0)
        take_b = x is None or (y is not None and y > x)
        setattr(out, key, y if take_b else x)
        if take_b and key in b.spans:
            out.spans[key] = b.spans[key]
    out.injured_if_alive = a.injured_if_alive and b.injured_if_alive
    for key, span in b.spans.items():
        out.spans.setdefault(key, span)
    return out


def merge_actors(a: list[Actor], b: list[Actor]) -> list[Actor]:
    """Union of participants, one per role and name."""
    seen = {(x.role, x.name) for x in a}
    return a + [x for x in b if (x.role, x.name) not in seen]


def merge_into(doc: Document, a: Event, b: Event) -> None:
    """Fold mention ``b`` into event ``a``."""
    a.actors = merge_actors(a.actors, b.actors)
    if a.claimant is None or (a.claimant.span is None and b.claimant is not None and b.claimant.span is not None):
        a.claimant = b.claimant or a.claimant
    elif b.claimant is not None and b.claimant.status == "claimed" and a.claimant.status != "claimed":
        a.claimant = b.claimant  # a claim of responsibility in any mention makes the incident claimed
    a.date = better_date(a.date, b.date)
    a.location = better_place(a.location, b.location)
    a.casualties = merge_casualties(a.casualties, b.casualties)
    a.plover.mode = a.plover.mode or b.plover.mode
    for ctx in b.plover.context:
        if ctx not in a.plover.context:
            a.plover.context.append(ctx)
    if b.plover.mode and a.plover.mode == b.plover.mode and b.acled is not None:
        a.acled = a.acled or b.acled
    a.cameo = a.cameo or b.cameo
    a.confidence = max(a.confidence, b.confidence)
    start = min(a.evidence.span[0], b.evidence.span[0])
    end = max(a.evidence.span[1], b.evidence.span[1])
    a.evidence = Evidence(doc.text[start:end], (start, end))


class WithinDocumentMerge:
    """Merges mentions of one incident inside a document (see the module docstring)."""

    name = "eventsift.fuse.within.v1"
    requires = ("events", "actors", "claims", "dates", "locations", "casualties")
    provides = ("merged",)

    def __init__(self, settings: MergeSettings | None = None) -> None:
        self.settings = settings or MergeSettings()

    def __call__(self, doc: Document) -> None:
        """Merge coreferent event mentions in place, keeping text order."""
        kept: list[Event] = []
        last: list[int] = []  # sentence of the latest mention merged into each kept event
        merged: list[int] = []  # mentions merged into each kept event
        for event in sorted(doc.events, key=lambda e: (e.sentence, e.trigger[0])):
            target = next((n for n in reversed(range(len(kept)))
                           if same_incident(kept[n], event, self.settings, last[n])), None)
            if target is None:
                kept.append(event)
                last.append(event.sentence)
                merged.append(0)
            else:
                merge_into(doc, kept[target], event)
                last[target] = max(last[target], event.sentence)
                merged[target] += 1
                if merged[target] <= MAX_BOOSTED_MENTIONS and not doc.is_snippet:
                    kept[target].confidence += (1.0 - kept[target].confidence) * MENTION_BOOST
        doc.events = kept


def create_within(resources: Resources) -> WithinDocumentMerge:
    """Factory registered as ``eventsift.fuse.within.v1``."""
    del resources
    return WithinDocumentMerge()
