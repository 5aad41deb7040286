"""Code noun phrases of a parsed document as actors (name, ISO3 country, sector) with the actor dictionary.

Shared by the actor and claimant stages (a stage module never imports another stage module).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from eventsift.extract.actor_dictionary import ActorDictionary, ActorEntry, DictMatch
from eventsift.extract.arguments import Token, is_all_caps, original_span, phrase_extent
from eventsift.model import Actor, Document

PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "them",
                                      "him", "her", "us", "this", "these", "those", "one", "someone", "somebody",
                                      "its", "their", "his", "our", "my", "your", "theirs", "ours"})
#: Pronouns that can point back to a named party ("it said", "its rejection", "they attacked").
ANAPHORS: frozenset[str] = frozenset({"he", "she", "they", "it", "him", "her", "them", "its", "their", "his"})
AGENTIVE_ENTITIES: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE"})
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
        self.facility_nouns = frozenset(dictionary.attachment.get("facility_nouns", ()))
        self.abstract_nouns = frozenset(dictionary.attachment.get("non_target_nouns", ()))
        self._hit_tokens = {i for h in self.hits for i in range(h.start, h.end)}
        self._by_start = sorted(range(len(self.hits)), key=lambda k: self.hits[k].start)
        self._starts = [self.hits[k].start for k in self._by_start]
        self._groups: dict[str | None, ActorEntry | None] = {}
        self._chunks: list[tuple[int, int]] | None = None
        self.member_nouns = frozenset(dictionary.attachment.get("member_nouns", ()))

    def _in_hit(self, index: int) -> bool:
        return index in self._hit_tokens

    def heads_of(self, hits: list[DictMatch]) -> list[DictMatch]:
        """Hits without the agents that only modify another agent ("government" in "government soldiers")."""
        agents = [h for h in hits if h.kind == "agent"]
        out = []
        for hit in hits:
            root = self.doc.nlp[hit.end - 1]
            if hit.kind == "agent" and root.dep_ in ("compound", "amod", "nmod") and any(
                    other is not hit and other.start <= root.head.i < other.end for other in agents):
                continue
            out.append(hit)
        return out

    def hits_in(self, start: int, end: int) -> list[DictMatch]:
        """Dictionary hits inside tokens ``[start, end)``, in document order (a binary search: coding every mention
        of a long report must not be quadratic)."""
        first, last = bisect_left(self._starts, start), bisect_left(self._starts, end)
        found = sorted(k for k in self._by_start[first:last] if self.hits[k].end <= end)
        return [self.hits[k] for k in found]

    def actor(self, role: str, start: int, end: int, head: int) -> Actor:
        """Code the phrase over tokens ``[start, end)`` with head ``head``."""
        nlp = self.doc.nlp
        words = [t.text for t in nlp[start:end]]
        while len(words) > 1 and words[0].lower() in DETERMINERS:
            words = words[1:]
        fallback = nlp[start:end].text if len(words) == end - start else " ".join(words)
        coding = self.dictionary.code(self.heads_of(self.hits_in(start, end)), head=head, fallback=fallback)
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
        "the rebels" most likely refers to (counted once per sector and document)."""
        if sector not in self._groups:
            self._groups[sector] = self._count_groups(sector)
        return self._groups[sector]

    def _count_groups(self, sector: str | None) -> ActorEntry | None:
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

    def is_agentive(self, tok: Token) -> bool:
        """Whether the phrase headed by ``tok`` names a party that can act: a dictionary actor (heading the phrase
        or modifying its head: "the Azerbaijani side"), a member noun of one ("units of the army"), or a person,
        organisation, nationality or place named by the parser. Abstract nouns ("negotiations", "war") are not."""
        if tok.lower_ in PRONOUNS:
            return False
        start, end = phrase_extent(tok)
        members = self.member_nouns
        for hit in self.hits_in(start, end):
            if hit.start <= tok.i < hit.end:
                return True
            last = self.doc.nlp[hit.end - 1]
            if last.head.i == tok.i and last.dep_ in ("compound", "amod", "nmod", "poss") and \
                    tok.lemma_.lower() not in self.abstract_nouns:  # "the army's strategy" cannot act
                return True
            while last.dep_ == "conj" and last.head.i != last.i:  # "representatives of X and Y"
                last = last.head
            if (tok.lemma_.lower() in members or tok.lower_ in members) and last.head.dep_ == "prep" \
                    and last.head.head.i == tok.i:
                return True
        if tok.ent_type_ in AGENTIVE_ENTITIES:
            return True
        return False

    def names_party(self, start: int, end: int) -> bool:
        """Whether tokens ``[start, end)`` mention a party anywhere (a dictionary actor or a named entity)."""
        return bool(self.hits_in(start, end)) or any(t.ent_type_ in AGENTIVE_ENTITIES for t in self.doc.nlp[start:end])

    def antecedent(self, tok: Token, *, floor: int) -> Token | None:
        """The named party a third-person pronoun refers to: the nearest earlier agentive subject (from token
        ``floor`` on) that agrees in number, else the nearest agentive subject; ``None`` when there is none."""
        if tok.lower_ not in ANAPHORS:
            return None
        plural = tok.lower_ in ("they", "them", "their")
        fallback = None
        for i in range(tok.i - 1, max(0, floor) - 1, -1):
            cand = self.doc.nlp[i]
            if cand.dep_ not in ("nsubj", "nsubjpass") or cand.lower_ in PRONOUNS or not self.is_agentive(cand):
                continue
            collective = cand.ent_type_ in ("ORG", "GPE", "NORP")
            if collective or (cand.tag_ in ("NNS", "NNPS")) == plural:
                return cand
            fallback = fallback or cand
        return fallback

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
            if (root.dep_ in ("compound", "amod", "nmod") and not self._in_hit(root.head.i)
                    and root.head.lemma_.lower() not in self.event_nouns):
                continue  # "the military hospital", "terrorist policy": a thing named after an actor
            if self._owns_facility(root):
                continue  # "near the facilities of the armed forces": whose place was hit, not who hit it
            if is_group or (hit.kind in ("agent", "entity") and hit.sector in sectors):
                pool.append(hit)
        if not pool:
            return None
        return min(pool, key=lambda h: (abs(h.start - trigger) + (0 if h.start < trigger else 3)))

    def _owns_facility(self, root: Token) -> bool:
        """Whether ``root`` names the owner of a building or vehicle ("the offices of the army", "the army's base")."""
        owned = root.head
        if root.dep_ == "pobj" and owned.lower_ == "of" and owned.head.i != owned.i:
            owned = owned.head
        elif root.dep_ != "poss":
            return False
        return owned.lemma_.lower() in self.facility_nouns or owned.lower_ in self.facility_nouns

    def actor_for_hit(self, role: str, hit: DictMatch) -> Actor:
        """An actor for a bare dictionary hit, widened to its noun chunk when there is one."""
        start, end = hit.start, hit.end
        root = self.doc.nlp[hit.end - 1]
        if root.dep_ in ("compound", "amod", "nmod", "poss") and not hit.start <= root.head.i < hit.end:
            return self.actor(role, start, end, hit.end - 1)  # "FMLN" of "the FMLN attack", not the attack
        low, high = max(0, hit.start - 8), min(len(self.doc.nlp), hit.end + 8)
        for c_start, c_end in self._noun_chunks():
            if c_start >= low and c_end <= high and c_start <= hit.start and hit.end <= c_end:
                start, end = c_start, c_end
                break
        return self.actor(role, start, end, hit.end - 1)

    def _noun_chunks(self) -> list[tuple[int, int]]:
        """The document's noun chunks as token ranges, computed once (spaCy walks the whole document for each
        span's chunks)."""
        if self._chunks is None:
            self._chunks = [(c.start, c.end) for c in self.doc.nlp.noun_chunks]
        return self._chunks
