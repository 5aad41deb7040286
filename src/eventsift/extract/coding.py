"""Code noun phrases of a parsed document as actors (name, ISO3 country, sector) with the actor dictionary.

Shared by the actor and claimant stages (a stage module never imports another stage module).
"""

from __future__ import annotations

import datetime as dt

from eventsift.extract.actor_dictionary import ActorDictionary, ActorEntry, DictMatch
from eventsift.extract.arguments import Token, is_all_caps, original_span, phrase_extent
from eventsift.model import Actor, Document

PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "them",
                                      "him", "her", "us", "this", "these", "those", "one", "someone", "somebody"})
DETERMINERS: frozenset[str] = frozenset({"the", "a", "an", "this", "that", "these", "those"})


class ActorCoder:
    """Turns argument tokens into coded :class:`Actor` objects for one document."""

    def __init__(self, dictionary: ActorDictionary, doc: Document) -> None:
        self.dictionary = dictionary
        self.doc = doc
        day = doc.source.published
        self.day: dt.date | None = day
        self.hits: list[DictMatch] = dictionary.match(doc.nlp, all_caps=is_all_caps(doc.text), day=day)
        self.coreferent_sectors = frozenset(dictionary.attachment.get("coreferent_sectors", ()))
        self.event_nouns = frozenset(dictionary.attachment.get("instrument_nouns", ()))
        self._hit_tokens = {i for h in self.hits for i in range(h.start, h.end)}

    def _in_hit(self, index: int) -> bool:
        return index in self._hit_tokens

    def hits_in(self, start: int, end: int) -> list[DictMatch]:
        """Dictionary hits inside tokens ``[start, end)``."""
        return [h for h in self.hits if h.start >= start and h.end <= end]

    def actor(self, role: str, start: int, end: int, head: int) -> Actor:
        """Code the phrase over tokens ``[start, end)`` with head ``head``."""
        nlp = self.doc.nlp
        words = [t.text for t in nlp[start:end]]
        while len(words) > 1 and words[0].lower() in DETERMINERS:
            words = words[1:]
        fallback = nlp[start:end].text if len(words) == end - start else " ".join(words)
        coding = self.dictionary.code(self.hits_in(start, end), head=head, fallback=fallback)
        name, country = coding.name, coding.country
        if coding.kind == "agent" and coding.sector in self.coreferent_sectors:
            group = self.dominant_group(coding.sector)
            if group is not None and (country is None or group.country in (None, country)):
                name, country = group.name, group.country or country
        span = original_span(self.doc, start, end)
        return Actor(role=role, text=self.doc.original_text(span), name=name, span=span, country=country,
                     sector=coding.sector)

    def dominant_group(self, sector: str | None) -> ActorEntry | None:
        """The named group of ``sector`` the document mentions most (first mentioned on a tie): what a generic
        "the rebels" most likely refers to."""
        counts: dict[str, int] = {}
        first: dict[str, ActorEntry] = {}
        for hit in self.hits:
            entry = hit.candidate.entry
            if entry is not None and entry.type == "group" and entry.sector == sector:
                counts[entry.name] = counts.get(entry.name, 0) + 1
                first.setdefault(entry.name, entry)
        if not counts:
            return None
        best = max(counts, key=lambda n: counts[n])
        return first[best]

    def actor_for_token(self, role: str, tok: Token, *, verbal: bool) -> Actor:
        """Code the noun phrase headed by ``tok``; a capital named as a target of violence is a place, not a state."""
        start, end = phrase_extent(tok)
        actor = self.actor(role, start, end, tok.i)
        hits = self.hits_in(start, end)
        if role == "recipient" and not verbal and hits and all(h.kind == "metonym" for h in hits):
            actor.sector = None
        return actor

    def nearest_perpetrator(self, start: int, end: int, trigger: int, taken: set[int],
                            sectors: frozenset[str], *, groups_only: bool = False) -> DictMatch | None:
        """The dictionary hit in ``[start, end)`` most likely to be the perpetrator: a perpetrator-sector agent or a
        named armed group, not inside a recipient phrase, nearest to the trigger (before it preferred)."""
        pool = []
        for hit in self.hits_in(start, end):
            if any(i in taken for i in range(hit.start, hit.end)) or hit.start <= trigger < hit.end:
                continue
            entry = hit.candidate.entry
            is_group = entry is not None and entry.type == "group"
            if groups_only and not is_group:
                continue
            root = self.doc.nlp[hit.end - 1]
            if (root.dep_ in ("compound", "amod", "nmod") and hit.sector in ("MIL", "POL", "GOV")
                    and not self._in_hit(root.head.i) and root.head.lemma_.lower() not in self.event_nouns):
                continue  # "the military hospital", "Army Boulevard": a place named after an actor
            if is_group or (hit.kind in ("agent", "entity") and hit.sector in sectors):
                pool.append(hit)
        if not pool:
            return None
        return min(pool, key=lambda h: (abs(h.start - trigger) + (0 if h.start < trigger else 3)))

    def actor_for_hit(self, role: str, hit: DictMatch) -> Actor:
        """An actor for a bare dictionary hit, widened to its noun chunk when there is one."""
        start, end = hit.start, hit.end
        for chunk in self.doc.nlp[max(0, hit.start - 8):min(len(self.doc.nlp), hit.end + 8)].noun_chunks:
            if chunk.start <= hit.start and hit.end <= chunk.end:
                start, end = chunk.start, chunk.end
                break
        return self.actor(role, start, end, hit.end - 1)
