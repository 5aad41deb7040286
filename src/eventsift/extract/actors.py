"""Actor attachment: who did it (actor) and to whom (recipient) for each event, coded with the actor dictionary.

PLOVER convention: in two-sided fighting every fighter is an actor; in one-sided violence the perpetrator is the
actor and the victim the recipient; the agent of a passive ("were killed by X") is the actor. Arguments come from the
dependency parse around the event's trigger token; when the parse names no actor, the nearest perpetrator-like
dictionary actor of the sentence (or, after a pronoun subject, of the previous sentence) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsift.extract.actor_dictionary import ActorDictionary, DictMatch, load_actor_dictionary
from eventsift.extract.arguments import (
    Token,
    head_token,
    is_passive,
    phrase_extent,
    prep_objects,
    sentence_tokens,
    subject_of,
    with_conjuncts,
)
from eventsift.extract.coding import ANAPHORS, PRONOUNS, ActorCoder
from eventsift.model import Actor, Document, Event
from eventsift.resources import Resources
from eventsift.text.dateline import dateline_sources

NON_ACTOR_ENTITIES: frozenset[str] = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})


MIN_DOC_MENTIONS = 2
REPORTING_SECTORS: frozenset[str] = frozenset({"MED"})
TARGET_PREPS: frozenset[str] = frozenset({"on", "against", "upon", "at", "into", "toward", "towards"})


@dataclass
class Slots:
    """Argument head tokens found for one trigger."""

    actors: list[Token]
    recipients: list[Token]
    pronoun_subject: bool = False


def find_slots(head: Token, attachment: dict[str, Any], *, verbal: bool, topical: bool = False) -> Slots:
    """Actor and recipient head tokens of the trigger ``head`` from the dependency parse; with ``topical`` (talks,
    agreements) the topic prepositions ("talks on X") name no participant."""
    reciprocal = head.lemma_.lower() in attachment["reciprocal_triggers"] or head.lower_ in attachment[
        "reciprocal_triggers"]
    preps_to_recipient = set(attachment["verbal_recipient_preps"] if verbal else attachment["recipient_preps"])
    if topical:
        preps_to_recipient -= set(attachment.get("topic_preps", ()))
    actors: list[Token] = []
    recipients: list[Token] = []
    victims: list[Token] = []  # victims of a verb the trigger noun hangs off: never turned into fighters
    if head.pos_ in ("NOUN", "PROPN"):
        _noun_slots(head, attachment, actors, recipients, victims, preps_to_recipient)
    else:
        _verb_slots(head, actors, recipients, preps_to_recipient, reciprocal=reciprocal, verbal=verbal)
    pronoun = any(t.lower_ in PRONOUNS for t in actors)
    skip = (PRONOUNS - ANAPHORS) | set(attachment["non_actor_words"])  # anaphors are resolved later

    def keep(tok: Token) -> bool:
        # a clause ("on unblocking the corridor") is a topic, not a party
        return (tok.lower_ not in skip and tok.ent_type_ not in NON_ACTOR_ENTITIES and not tok.like_num
                and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("pcomp", "pobj")))

    actors = [t for t in _split_members(with_conjuncts(actors), attachment) if keep(t)]
    recipients = [t for t in with_conjuncts(recipients) if keep(t)]
    if reciprocal:
        actors, recipients = actors + [t for t in recipients if t.i not in {a.i for a in actors}], []
    if not verbal:  # "killed in the attack": victims of a violent act only ("attacks came after the talks")
        recipients += [t for t in with_conjuncts(victims) if keep(t)]
    actor_ids = {t.i for t in actors}
    recipients = [t for t in recipients if t.i not in actor_ids and t.i != head.i]
    return Slots([t for t in actors if t.i != head.i], recipients, pronoun_subject=pronoun and not actors)


def _verb_slots(head: Token, actors: list[Token], recipients: list[Token], preps: set[str], *,
                reciprocal: bool, verbal: bool) -> None:
    passive = is_passive(head)
    objects: list[Token] = []
    prep_recipients: list[Token] = []
    for child in head.children:
        dep = child.dep_
        if dep == "nsubjpass":
            recipients.append(child)
        elif dep in ("dobj", "dative", "obj"):
            objects.append(child)
        elif dep == "agent" or (dep == "prep" and child.lower_ == "by" and passive):
            actors.extend(prep_objects(child))
        elif dep == "prep" and child.lower_ == "between":
            actors.extend(prep_objects(child))
        elif dep == "prep" and child.lower_ == "with" and reciprocal:
            actors.extend(prep_objects(child))
        elif dep == "prep" and child.lower_ in preps:
            prep_recipients.extend(prep_objects(child))
    for obj in list(objects):
        # "opened fire on X", "imposed sanctions on X": the object is the act; its target is the recipient
        targets = [g for c in obj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for g in prep_objects(c)]
        if targets and not (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
            objects.remove(obj)
            prep_recipients.extend(targets)
    prep_recipients = [t for t in prep_recipients if t.ent_type_ not in NON_ACTOR_ENTITIES and not t.like_num]
    if verbal and prep_recipients:
        # "imposed sanctions on X", "called on X": the object is the act, not a participant, unless it names someone
        objects = [o for o in objects if o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    recipients.extend(objects + prep_recipients)
    if not passive:
        actors.extend(subject_of(head))
    if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
        # "peasants kidnapped by ..." (participle: the noun is the victim); "gunmen firing on ..." (the doer)
        (recipients if head.tag_ == "VBN" else actors).append(head.head)
    if head.dep_ == "relcl" and passive and any(c.lower_ in ("who", "which", "that") for c in head.children):
        recipients.append(head.head)


def _noun_slots(head: Token, attachment: dict[str, Any], actors: list[Token], recipients: list[Token],
                victims: list[Token], preps: set[str]) -> None:
    victim_noun = head.lemma_.lower() in attachment["victim_nouns"] or head.lower_ in attachment["victim_nouns"]
    for child in head.children:
        dep = child.dep_
        if dep == "poss":
            (recipients if victim_noun else actors).append(child)
        elif dep in ("compound", "amod", "nmod") and not victim_noun and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            actors.append(child)
        elif dep == "prep" and child.lower_ in ("by", "between"):
            actors.extend(prep_objects(child))
        elif dep == "prep" and child.lower_ == "of":
            (recipients if victim_noun else actors).extend(prep_objects(child))
        elif dep == "prep" and child.lower_ in preps:
            recipients.extend(prep_objects(child))
    for participle in _participles(head):
        # "the talks held between X and Y", "the attack carried out by X"; "between" also when the parser hangs
        # the participle on a noun of a topic phrase ("talks on the corridor held between X and Y"), but not "by"
        # ("an attack on a convoy escorted by soldiers")
        direct = participle.head is head
        for grandchild in participle.children:
            if (direct and (grandchild.dep_ == "agent" or (grandchild.dep_ == "prep" and grandchild.lower_ == "by"))) \
                    or (grandchild.dep_ == "prep" and grandchild.lower_ == "between"):
                actors.extend(prep_objects(grandchild))
    governor = head.head
    if governor is head:
        return
    if head.dep_ in ("dobj", "obj") and governor.lemma_.lower() in attachment["perpetration_verbs"]:
        actors.extend(subject_of(governor))
        for child in governor.children:  # "opened fire on X": the target hangs off the verb
            if child.dep_ == "prep" and child.lower_ in preps:
                recipients.extend(prep_objects(child))
    elif head.dep_ == "nsubjpass":
        for child in governor.children:
            if child.dep_ == "agent":
                actors.extend(prep_objects(child))
    elif head.dep_ == "nsubj" and governor.lemma_.lower() in attachment["result_verbs"]:
        victims.extend(c for c in governor.children if c.dep_ in ("dobj", "obj"))
    elif head.dep_ == "pobj" and governor.lower_ in ("in", "during", "after") and governor.head.pos_ == "VERB":
        verb = governor.head
        victims.extend(c for c in verb.children if c.dep_ == "nsubjpass")


def _split_members(tokens: list[Token], attachment: dict[str, Any]) -> list[Token]:
    """"Representatives of X and Y" are two parties: a member noun whose "of" phrase is coordinated gives way to the
    coordinated names."""
    members = set(attachment.get("member_nouns", ()))
    out: list[Token] = []
    for tok in tokens:
        objects = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"] if tok.lower_ in members or tok.lemma_.lower() in members else []
        named = with_conjuncts(objects[:1])  # "of X and Y", not "Ministry of Foreign Affairs of the Administration"
        out.extend(named if len(named) > 1 else [tok])
    return out


def _participles(head: Token) -> list[Token]:
    """Past participles modifying the trigger noun or a noun of its prepositional phrases (a few levels deep)."""
    out: list[Token] = []
    frontier = [head]
    for _ in range(4):
        nxt: list[Token] = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ == "acl" and child.tag_ in ("VBN", "VBD"):  # the tagger often calls "held" VBD
                    out.append(child)
                elif child.dep_ in ("prep", "pobj", "pcomp", "dobj"):
                    nxt.append(child)
        frontier = nxt
    return out


def attach_actors(coder: ActorCoder, event: Event, attachment: dict[str, Any],
                  sources: frozenset[int] = frozenset(), speakers: frozenset[int] | None = None) -> list[Actor]:
    """Actors and recipients of one event; tokens in ``sources`` (a dateline's agency) are never participants, nor
    the ``speakers`` of reported speech (:func:`speech_phrases`, computed here when not given) fallback actors."""
    doc = coder.doc
    head = head_token(doc, event)
    if head is None:
        return []
    verbal = event.plover.type in attachment["verbal_types"]
    slots = find_slots(head, attachment, verbal=verbal, topical=event.plover.type in attachment.get("topic_types", ()))
    instruments = set(attachment["instrument_nouns"])
    actor_tokens = [t for t in slots.actors if t.lower_ not in instruments and t.lemma_.lower() not in instruments]
    # a modifier of a trigger noun is an actor only when it names one ("FMLN attack", not "latest attack")
    actor_tokens = [t for t in actor_tokens if not (t.head is head and t.dep_ in ("amod", "compound", "nmod")
                                                    and not coder.hits_in(*phrase_extent(t)))]
    floor = sentence_tokens(doc, max(0, event.sentence - 2))[0]
    abstract = frozenset(attachment["non_target_nouns"]) | instruments
    documents = frozenset(attachment.get("document_nouns", ()))

    def party(tok: Token, *, strict: bool) -> Token | None:
        """The token naming the party: a pronoun's antecedent; ``None`` for what cannot act or be targeted."""
        if tok.lower_ in ANAPHORS:
            return coder.antecedent(tok, floor=floor)
        if strict and (tok.lemma_.lower() in documents or tok.lower_ in documents):
            return None
        if strict:
            return tok if coder.is_agentive(tok) else None
        if tok.lemma_.lower() not in abstract and tok.lower_ not in abstract:
            return tok
        return tok if coder.names_party(*phrase_extent(tok)) else None  # "the call of the European Parliament"

    actor_tokens = [p for t in actor_tokens if (p := party(t, strict=True)) is not None and p.i not in sources]
    recipient_tokens = [p for t in slots.recipients if (p := party(t, strict=False)) is not None
                        and p.i not in sources]
    actors = [coder.actor_for_token("actor", t, verbal=verbal) for t in actor_tokens]
    recipients = [coder.actor_for_token("recipient", t, verbal=verbal) for t in recipient_tokens]
    if event.plover.type == "ACCUSE" and not recipients:
        accused = _accused_party(coder, event, head, {t.i for t in actor_tokens})
        if accused is not None:
            recipients.append(coder.actor_for_hit("recipient", accused))
    if not actors and not verbal:
        agent = _sentence_agent(coder, event, head, attachment, {t.i for t in recipient_tokens} | set(sources))
        if agent is not None:
            actors.append(coder.actor_for_token("actor", agent, verbal=verbal))
    if not actors and not verbal:
        hit = _fallback_perpetrator(coder, event, head, slots, attachment, sources, speakers)
        if hit is not None:
            actors.append(coder.actor_for_hit("actor", hit))
    if not verbal:  # a news outlet reports an act of violence; it does not commit it
        actors = [a for a in actors if a.sector not in REPORTING_SECTORS]
    return _dedupe(actors + recipients)


def _sentence_agent(coder: ActorCoder, event: Event, head: Token, attachment: dict[str, Any],
                    taken: set[int]) -> Token | None:
    """The agent of another act of the event's sentence when its own trigger has none: "a guard was wounded in the
    attack staged by urban commandos" (the trigger is "wounded"); never the agent of a speech verb."""
    doc = coder.doc
    start, end = sentence_tokens(doc, event.sentence)
    speech = set(attachment["speech_verbs"])
    for tok in sorted(doc.nlp[start:end], key=lambda t: abs(t.i - head.i)):
        if tok.dep_ != "agent" or tok.head.lemma_.lower() in speech or tok.head.lower_ in speech:
            continue
        for obj in with_conjuncts(prep_objects(tok)):
            if obj.i not in taken and coder.is_agentive(obj):
                return obj
    return None


def _accused_party(coder: ActorCoder, event: Event, head: Token, actor_ids: set[int]) -> DictMatch | None:
    """Whom an accusation without an object is about ("the infiltration of the X group is a violation"): the
    dictionary party with a country nearest to the trigger in its sentence, not the accuser."""
    s_start, s_end = sentence_tokens(coder.doc, event.sentence)
    pool = []
    for hit in coder.hits_in(s_start, s_end):
        if hit.country is None or any(i in actor_ids for i in range(hit.start, hit.end)):
            continue
        if coder.doc.nlp[hit.end - 1].head.i in actor_ids:
            continue
        pool.append(hit)
    if not pool:
        return None
    return min(pool, key=lambda h: abs(h.start - head.i))


def speech_phrases(doc: Document, attachment: dict[str, Any]) -> frozenset[int]:
    """Tokens of the sources of reported speech ("X said", "according to X"): never a perpetrator."""
    speech = set(attachment["speech_verbs"])
    taken: set[int] = set()
    for tok in doc.nlp:
        if tok.lemma_.lower() in speech or tok.lower_ in speech:
            for child in tok.children:
                if child.dep_ in ("nsubj", "agent", "prep") and child.i not in taken:
                    taken.update(range(*phrase_extent(child)))
                    if child.dep_ in ("agent", "prep"):
                        for obj in prep_objects(child):
                            taken.update(range(*phrase_extent(obj)))
    return frozenset(taken)


def _fallback_perpetrator(coder: ActorCoder, event: Event, head: Token, slots: Slots,
                          attachment: dict[str, Any], sources: frozenset[int],
                          speakers: frozenset[int] | None = None) -> DictMatch | None:
    """When the parse names no actor: the nearest perpetrator-like mention in the event's sentence, then a named
    armed group or a rebel/unknown/criminal agent in the sentences around it; never a source of reported speech."""
    doc = coder.doc
    taken: set[int] = set(sources) | (speech_phrases(doc, attachment) if speakers is None else speakers)
    for tok in slots.recipients:
        start, end = phrase_extent(tok)
        taken.update(range(start, end))
    s_start, s_end = sentence_tokens(doc, event.sentence)
    hit = coder.nearest_perpetrator(s_start, s_end, head.i, taken, frozenset(attachment["perpetrator_sectors"]))
    if hit is not None:
        return hit
    window = frozenset(attachment["window_sectors"])
    for offset in (-1, 1, -2, 2):
        index = event.sentence + offset
        if not 0 <= index < len(doc.sentences):
            continue
        w_start, w_end = sentence_tokens(doc, index)
        anchor = w_end if offset < 0 else w_start
        hit = coder.nearest_perpetrator(w_start, w_end, anchor, taken, window)
        if hit is not None:
            return hit
    # last resort: the armed group the whole report is about (named at least twice, not as a source)
    counts: dict[str, int] = {}
    first: dict[str, DictMatch] = {}
    for hit in coder.hits:
        entry = hit.candidate.entry
        if entry is None or entry.type != "group" or any(i in taken for i in range(hit.start, hit.end)):
            continue
        counts[entry.name] = counts.get(entry.name, 0) + 1
        first.setdefault(entry.name, hit)
    if not counts:
        return None
    name = max(counts, key=lambda n: counts[n])  # first mentioned wins a tie (dicts keep insertion order)
    return first[name] if counts[name] >= MIN_DOC_MENTIONS else None


def _source_tokens(doc: Document) -> frozenset[int]:
    """Token indices of the sources a wire dateline names ("LA PAZ, 12 JAN 90 (EFE) --")."""
    if doc.nlp is None:
        return frozenset()
    out: set[int] = set()
    for start, end in dateline_sources(doc.clean):
        span = doc.nlp.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return frozenset(out)


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, tuple[int, int]]] = set()
    out = []
    for actor in actors:
        key = (actor.role, actor.span)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


class ActorsStage:
    """Attach coded actors and recipients to every event of a document."""

    name = "eventsift.extract.actors.v1"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("actors",)

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary

    def __call__(self, doc: Document) -> None:
        """Fill ``event.actors`` for every event of ``doc``."""
        if doc.nlp is None or not doc.events:
            return
        coder = ActorCoder(self.dictionary, doc)
        sources = _source_tokens(doc)
        speakers = speech_phrases(doc, self.dictionary.attachment)
        for event in doc.events:
            event.actors = attach_actors(coder, event, self.dictionary.attachment, sources, speakers)


def create_actors(resources: Resources) -> ActorsStage:
    """Factory for ``eventsift.extract.actors.v1``."""
    return ActorsStage(resources.get("actor_dictionary", load_actor_dictionary))
