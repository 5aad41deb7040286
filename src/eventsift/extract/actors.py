"""Actor attachment: who did it (actor) and to whom (recipient) for each event, coded with the actor dictionary.

PLOVER convention: in two-sided fighting every fighter is an actor; in one-sided violence the perpetrator is the
actor and the victim the recipient; the agent of a passive ("were killed by X") is the actor. Arguments come from the
dependency parse around the event's trigger token; when the parse names no actor, the nearest perpetrator-like
dictionary actor of the sentence (or, after a pronoun subject, of the previous sentence) is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
DEFINITE: frozenset[str] = frozenset({"the", "this", "that", "these", "those", "its", "their"})
REPORTING_SECTORS: frozenset[str] = frozenset({"MED"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"which", "that", "who", "whom"})
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
        if head.lemma_.lower() in attachment.get("death_verbs", ()):  # "a soldier died": the subject is the victim
            actors, recipients = [], recipients + actors
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
        direct = participle.head.i == head.i
        for grandchild in participle.children:
            if (direct and (grandchild.dep_ == "agent" or (grandchild.dep_ == "prep" and grandchild.lower_ == "by"))) \
                    or (grandchild.dep_ == "prep" and grandchild.lower_ == "between"):
                actors.extend(prep_objects(grandchild))
    governor = head.head
    if governor.i == head.i:
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
    actor_tokens = [t for t in actor_tokens if not (t.head.i == head.i and t.dep_ in ("amod", "compound", "nmod")
                                                    and not coder.hits_in(*phrase_extent(t)))]
    floor = sentence_tokens(doc, max(0, event.sentence - 2))[0]
    abstract = frozenset(attachment["non_target_nouns"]) | instruments
    documents = frozenset(attachment.get("document_nouns", ()))
    violent = event.plover.type in attachment.get("violent_types", ())
    persons = frozenset(attachment.get("person_nouns", ())) if violent else frozenset()

    def is_person(tok: Token) -> bool:
        """Whether ``tok`` names plain people ("two men"), who are perpetrators of the violence they commit."""
        return tok.lemma_.lower() in persons or tok.lower_ in persons

    def party(tok: Token, *, strict: bool) -> Token | None:
        """The token naming the party: a pronoun's antecedent; ``None`` for what cannot act or be targeted."""
        if tok.lower_ in ANAPHORS:
            return coder.antecedent(tok, floor=floor)
        if strict and (tok.lemma_.lower() in documents or tok.lower_ in documents):
            return None
        if strict:  # "two men opened fire": plain people who commit violence are its perpetrators
            return tok if coder.is_agentive(tok) or is_person(tok) else None
        if tok.lemma_.lower() not in abstract and tok.lower_ not in abstract:
            return tok
        return tok if coder.names_party(*phrase_extent(tok)) else None  # "the call of the European Parliament"

    actor_tokens = [p for t in actor_tokens if (p := party(t, strict=True)) is not None and p.i not in sources]
    recipient_tokens = [p for t in slots.recipients if (p := party(t, strict=False)) is not None
                        and p.i not in sources]
    if not recipient_tokens and event.plover.type in attachment.get("violent_types", ()):
        taken = {t.i for t in actor_tokens} | set(sources)
        recipient_tokens = [t for t in _struck_facilities(head, attachment) + _sentence_victims(
            coder, event, head, attachment) if t.i not in taken]
    actors = [_unidentified(coder.actor_for_token("actor", t, verbal=verbal), attachment) if is_person(t)
              else coder.actor_for_token("actor", t, verbal=verbal) for t in actor_tokens]
    recipients = [coder.actor_for_token("recipient", t, verbal=verbal) for t in recipient_tokens]
    if event.plover.type == "ACCUSE" and not recipients:
        accused = _accused_party(coder, event, head, {t.i for t in actor_tokens})
        if accused is not None:
            recipients.append(coder.actor_for_hit("recipient", accused))
    if not verbal:  # whom the sentence blames comes first; a role noun ("the perpetrator of the murder") stays
        actors = [coder.actor("actor", *_extent_before(t, head), t.i)
                  for t in attributed_parties(coder, head, attachment, sentence_tokens(doc, event.sentence))
                  if t.i not in sources and t.i not in {r.i for r in recipient_tokens}] + actors
    if not actors and not verbal:
        agent = _sentence_agent(coder, event, head, attachment, {t.i for t in recipient_tokens} | set(sources))
        if agent is not None:
            actors.append(coder.actor_for_token("actor", agent, verbal=verbal))
    if not actors and not verbal:
        hit = _fallback_perpetrator(coder, event, head, slots, attachment, sources, speakers)
        if isinstance(hit, DictMatch):
            actors.append(coder.actor_for_hit("actor", hit))
        elif hit is not None:
            actors.append(coder.actor_for_token("actor", hit, verbal=verbal))
    if not verbal:  # a news outlet reports an act of violence; it does not commit it
        actors = [a for a in actors if a.sector not in REPORTING_SECTORS]
    return _dedupe(actors + recipients)


def _unidentified(actor: Actor, attachment: dict[str, Any]) -> Actor:
    """A perpetrator named only as people ("several men in a car") is of unknown affiliation, unless the phrase
    itself says more ("two men in police uniform" keeps its coding)."""
    coded = attachment.get("person_perpetrator")
    if actor.sector is not None or not isinstance(coded, dict):
        return actor
    return replace(actor, name=str(coded["name"]), sector=str(coded["sector"]))


def attributed_parties(coder: ActorCoder, head: Token, attachment: dict[str, Any],
                       bounds: tuple[int, int]) -> list[Token]:
    """The parties an attribution governing the trigger names as its perpetrators: "blamed X for the attack",
    "attributed the attack to X", "the attack was blamed on X", "X claimed responsibility for the attack", "X is
    responsible for the attack", "the attack was the work of X", "the attack was claimed by X"."""
    frames: dict[str, list[str]] = attachment.get("attribution_frames", {})
    claim_objects = frozenset(attachment.get("claim_objects", ()))
    start, end = bounds
    acts = frozenset(attachment["instrument_nouns"])
    nodes = [head] + [o for c in head.children if c.dep_ == "prep" for o in prep_objects(c)  # "in an action
                      if o.lemma_.lower() in acts or o.lower_ in acts]  # attributed to X, a bomb destroyed..."
    nodes += [t for t in head.subtree if start <= t.i < end and t.i != head.i  # a relative clause the parse hung
              and any(c.dep_ == "relcl" for c in t.children)]  # on a later word of the act's phrase
    for node in nodes:
        found = _agentive(coder, _modifier_parties(node, frames, claim_objects), attachment)
        if found:
            return found
    tok = head
    for _ in range(6):
        gov = tok.head
        if gov.i == tok.i or not start <= gov.i < end:
            return []
        for child in gov.children:  # "the attack was the work of X": the author hangs off the copula's attribute
            if child.i != tok.i and child.dep_ == "attr" and tok.dep_ in ("nsubj", "nsubjpass") \
                    and "of" in frames.get(child.lemma_.lower(), frames.get(child.lower_, [])):
                found = _agentive(coder, _prep_parties(child, "of"), attachment)
                if found:
                    return found
        slots = frames.get(gov.lemma_.lower()) or frames.get(gov.lower_)
        if slots:
            found = _agentive(coder, _frame_parties(gov, tok, slots, claim_objects, head), attachment)
            if found:
                return found
        tok = gov
    return []


def _modifier_parties(node: Token, frames: dict[str, list[str]], claim_objects: frozenset[str]) -> list[Token]:
    """Parties named by an attribution that modifies the act's word: a relative clause ("the attack, which the
    front blamed on the army") or a participle ("an action attributed to the cartel", "a bombing claimed by X")."""
    for child in node.children:
        slots = frames.get(child.lemma_.lower()) or frames.get(child.lower_)
        if not slots or child.dep_ not in ("relcl", "acl"):
            continue
        relative = [c for c in child.children if c.lower_ in RELATIVE_PRONOUNS and c.dep_ in (
            "dobj", "obj", "nsubjpass", "pobj")]
        if child.dep_ == "relcl" and relative:
            found = _frame_parties(child, relative[0], slots, claim_objects)
        elif child.tag_ == "VBN":
            found = [p for c in child.children if (c.dep_ == "agent" and "agent" in slots) or (
                c.dep_ in ("prep", "dative") and c.lower_ in slots and c.lower_ in ("to", "on", "of"))
                for p in prep_objects(c)]
        else:
            found = []
        if found:
            return with_conjuncts(found)
    return []


def _frame_parties(gov: Token, came_from: Token, slots: list[str], claim_objects: frozenset[str],
                   trigger: Token | None = None) -> list[Token]:
    """Party tokens in the ``slots`` of attribution word ``gov`` reached from the ``trigger`` through ``came_from``."""
    out: list[Token] = []
    claim = gov.lemma_.lower() == "claim" or gov.lower_ == "claimed"
    objects = [c for c in gov.children if c.dep_ in ("dobj", "obj")]
    if claim and not (came_from.dep_ in ("nsubjpass",) or any(o.lemma_.lower() in claim_objects for o in objects)):
        return []  # "the blast claimed ten lives" is a result, not an attribution
    for slot in slots:
        if slot == "object":
            out += [o for o in objects if o.i != came_from.i]
            if trigger is not None and came_from.dep_ in ("dobj", "obj") and any(  # "accused the air force of
                    c.dep_ == "prep" and c.lower_ in ("of", "for") and trigger in c.subtree  # bombing": the act
                    for c in came_from.children):  # hangs off the accused in the parse
                out.append(came_from)
            if is_passive(gov) and came_from.dep_ != "nsubjpass":  # "X was blamed for the attack"
                out += [c for c in gov.children if c.dep_ == "nsubjpass"]
        elif slot in ("to", "on", "of"):
            out += [p for c in gov.children if c.dep_ in ("prep", "dative") and c.lower_ == slot and c.i != came_from.i
                    for p in prep_objects(c)]
        elif slot == "agent" and came_from.dep_ == "nsubjpass":
            out += [p for c in gov.children if c.dep_ == "agent" for p in prep_objects(c)]
        elif slot == "subject" and came_from.dep_ not in ("nsubj", "nsubjpass"):
            if claim and not any(o.lemma_.lower() in claim_objects for o in objects) and came_from.dep_ != "prep":
                continue
            own = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
            if own:  # "held X responsible": a small clause with its own subject
                out += own
            elif gov.dep_ in ("acomp", "attr", "prep") and gov.head.i != gov.i:  # "X is responsible", "X was behind"
                governor = gov.head
                held = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
                out += held or subject_of(governor)
            elif gov.dep_ in ("oprd", "ccomp", "xcomp") and gov.head.i != gov.i:
                out += [c for c in gov.head.children if c.dep_ in ("dobj", "obj")]
            else:
                out += subject_of(gov)
    out = with_conjuncts(out)
    return out + [a for t in out for a in t.children if a.dep_ == "appos"]  # "a commando unit, the X Force,"


def _extent_before(tok: Token, trigger: Token) -> tuple[int, int]:
    """The phrase of ``tok`` without the prepositional phrase that holds the trigger ("the army | of the killing")."""
    start, end = phrase_extent(tok)
    if not start <= trigger.i < end:
        return start, end
    node = trigger
    while node.head.i != node.i and node.head.i != tok.i:
        node = node.head
    if node.head.i == tok.i and node.i > tok.i:
        end = min(end, node.i)
    return start, max(end, tok.i + 1)


def _prep_parties(tok: Token, prep: str) -> list[Token]:
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for p in prep_objects(c)]


def _agentive(coder: ActorCoder, tokens: list[Token], attachment: dict[str, Any]) -> list[Token]:
    """The tokens that can name the perpetrator an attribution points at: a party, or any common noun that is not
    an abstraction or an instrument ("the work of professionals"); pronouns are not resolved here."""
    abstract = frozenset(attachment["non_target_nouns"]) | frozenset(attachment["instrument_nouns"])
    return [t for t in tokens if coder.is_agentive(t) or (
        t.pos_ in ("NOUN", "PROPN") and t.lower_ not in PRONOUNS and t.lemma_.lower() not in abstract
        and t.lower_ not in abstract and t.ent_type_ not in NON_ACTOR_ENTITIES)]


def _struck_facilities(head: Token, attachment: dict[str, Any]) -> list[Token]:
    """Buildings and vehicles a blast or attack hit, named by a place preposition ("a bomb exploded in a restaurant",
    "at the offices of a newspaper"): a facility noun, never a town (that is the location)."""
    facilities = frozenset(attachment.get("facility_nouns", ()))
    preps = frozenset(attachment.get("facility_preps", ()))
    out = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out += [t for t in prep_objects(child) if t.lemma_.lower() in facilities or t.lower_ in facilities]
    return out


def _target_nouns_of(head: Token, attachment: dict[str, Any]) -> list[Token]:
    """The "target"/"victim" noun whose "of" phrase holds the trigger ("the target of a bomb attack")."""
    nouns = frozenset(attachment.get("target_nouns", ()))
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in nouns:
        return [head.head.head]
    return []


def _sentence_victims(coder: ActorCoder, event: Event, head: Token, attachment: dict[str, Any]) -> list[Token]:
    """Who an act without a named victim hurt, from a result clause of its sentence: "one person was killed in the
    explosion", "a woman died when a bomb exploded"; the patients of harm verbs, not their agents."""
    start, end = sentence_tokens(coder.doc, event.sentence)
    harm = frozenset(attachment.get("harm_verbs", ()))
    instruments = frozenset(attachment["instrument_nouns"])
    facilities = frozenset(attachment.get("facility_nouns", ()))  # "a car was damaged": a vehicle can be hit
    out: list[Token] = []
    for noun in _target_nouns_of(head, attachment):  # "the embassy was the target of the attack"
        out += subject_of(noun.head) if noun.dep_ == "attr" else []
    for tok in coder.doc.nlp[start:end]:
        if tok.pos_ not in ("VERB", "AUX") or (tok.lemma_.lower() not in harm and tok.lower_ not in harm):
            continue
        if is_passive(tok):
            out += [c for c in tok.children if c.dep_ == "nsubjpass"]
        elif tok.lemma_.lower() in attachment.get("death_verbs", ()):
            out += [c for c in tok.children if c.dep_ == "nsubj"]
        elif any(c.dep_ == "nsubj" and (c.i == head.i or c.lemma_.lower() in instruments) for c in tok.children):
            out += [c for c in tok.children if c.dep_ in ("dobj", "obj")]  # "the blast wounded two guards"
    victims = [t for t in with_conjuncts(out) if t.i != head.i and t.lower_ not in PRONOUNS
               and (t.lemma_.lower() not in instruments or t.lemma_.lower() in facilities)
               and t.ent_type_ not in NON_ACTOR_ENTITIES
               and t.pos_ in ("NOUN", "PROPN", "NUM")]
    return victims


def _sentence_agent(coder: ActorCoder, event: Event, head: Token, attachment: dict[str, Any],
                    taken: set[int]) -> Token | None:
    """The agent of another act of the event's sentence when its own trigger has none: "a guard was wounded in the
    attack staged by urban commandos" (the trigger is "wounded"); never the agent of a speech verb."""
    doc = coder.doc
    start, end = sentence_tokens(doc, event.sentence)
    speech = set(attachment["speech_verbs"])
    counter = frozenset(attachment.get("counter_verbs", ()))
    acts = frozenset(attachment["instrument_nouns"]) | frozenset(attachment["victim_nouns"])
    for tok in sorted(doc.nlp[start:end], key=lambda t: abs(t.i - head.i)):
        if tok.dep_ != "agent" or tok.head.lemma_.lower() in speech or tok.head.lower_ in speech \
                or tok.head.lemma_.lower() in counter:  # "a second bomb was defused by the police"
            continue
        if tok.head.lemma_.lower() not in acts and tok.head.lower_ not in acts and not (
                tok.head.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("dobj", "obj") for c in tok.head.children)):
            continue  # "to protest the visit by the president": a misread "by", not the agent of a passive act
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


def _counter_agents(doc: Document, start: int, end: int, attachment: dict[str, Any]) -> set[int]:
    """Tokens of who acted against an attack in tokens ``[start, end)`` ("the bomb was defused by the police",
    "troops arrested two suspects"): not its perpetrators."""
    counter = frozenset(attachment.get("counter_verbs", ()))
    out: set[int] = set()
    for tok in doc.nlp[start:end]:
        if tok.lemma_.lower() not in counter:
            continue
        agents = [o for c in tok.children if c.dep_ == "agent" for o in prep_objects(c)]
        if not is_passive(tok):
            agents += subject_of(tok)
        for agent in with_conjuncts(agents):
            out.update(range(*phrase_extent(agent)))
    return out


def _retold_perpetrators(coder: ActorCoder, bounds: tuple[int, int], attachment: dict[str, Any]) -> list[Token]:
    """Perpetrators a sentence names for an act it mentions again by a definite event noun: "the attack was
    perpetrated by X", "X claimed responsibility for the bombing", "the crime was the work of X"."""
    start, end = bounds
    events = frozenset(attachment["instrument_nouns"]) | frozenset(attachment["victim_nouns"])
    out: list[Token] = []
    for tok in coder.doc.nlp[start:end]:
        if tok.pos_ != "NOUN" or (tok.lemma_.lower() not in events and tok.lower_ not in events):
            continue
        if not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in tok.children):
            continue
        if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in attachment["perpetration_verbs"]:
            out += _agentive(coder, [o for c in tok.head.children if c.dep_ == "agent" for o in prep_objects(c)],
                             attachment)
        out += attributed_parties(coder, tok, attachment, bounds)
    return out


def _fallback_perpetrator(coder: ActorCoder, event: Event, head: Token, slots: Slots,
                          attachment: dict[str, Any], sources: frozenset[int],
                          speakers: frozenset[int] | None = None) -> DictMatch | Token | None:
    """When the parse names no actor: the nearest perpetrator-like mention in the event's sentence, then the
    perpetrator a neighbouring sentence attributes "the attack" to (a token), then a named armed group or a
    rebel/unknown/criminal agent in the sentences around it; never a source of reported speech."""
    doc = coder.doc
    taken: set[int] = set(sources) | (speech_phrases(doc, attachment) if speakers is None else speakers)
    recipients: set[int] = set()
    for tok in slots.recipients:
        recipients.update(range(*phrase_extent(tok)))
    s_start, s_end = sentence_tokens(doc, event.sentence)
    harm = frozenset(attachment.get("harm_verbs", ()))
    victims = _sentence_victims(coder, event, head, attachment) + [  # "another soldier was wounded", "the bombs
        o for t in doc.nlp[s_start:s_end] if t.lemma_.lower() in harm and t.pos_ == "VERB"  # that killed six
        for o in with_conjuncts([c for c in t.children if c.dep_ in ("dobj", "obj")])]  # soldiers"
    for victim in victims:
        recipients.update(range(*phrase_extent(victim)))
    taken.update(recipients)
    taken.update(_counter_agents(doc, s_start, s_end, attachment))
    hit = coder.nearest_perpetrator(s_start, s_end, head.i, taken, frozenset(attachment["perpetrator_sectors"]))
    if hit is not None:
        return hit
    for offset in (1, -1, 2, -2, 3, -3):
        if 0 <= event.sentence + offset < len(doc.sentences):
            bounds = sentence_tokens(doc, event.sentence + offset)
            found = [t for t in _retold_perpetrators(coder, bounds, attachment)  # a claimant may be the doer
                     if not any(i in sources or i in recipients for i in range(*phrase_extent(t)))]
            if found:
                return found[0]
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
        self.groups = frozenset(e.name for e in dictionary.entries if e.type == "group")

    def __call__(self, doc: Document) -> None:
        """Fill ``event.actors`` for every event of ``doc``."""
        if doc.nlp is None or not doc.events:
            return
        coder = ActorCoder(self.dictionary, doc)
        sources = _source_tokens(doc)
        speakers = speech_phrases(doc, self.dictionary.attachment)
        for event in doc.events:
            event.actors = attach_actors(coder, event, self.dictionary.attachment, sources, speakers)
        attachment = self.dictionary.attachment
        share_perpetrator(doc.events, frozenset(attachment.get("violent_types", ())), self.groups,
                          frozenset(attachment.get("unnamed_perpetrator_sectors", ())),
                          frozenset(attachment.get("shared_perpetrator_sectors", ())))


def share_perpetrator(events: list[Event], violent: frozenset[str], groups: frozenset[str] = frozenset(),
                      unnamed: frozenset[str] = frozenset(), armed: frozenset[str] = frozenset()) -> None:
    """Give a violent event whose mention names no perpetrator the one the document names most often for its
    violent events (first named on a tie; a named armed group in ``groups`` before generic agents): reports retell
    one incident in several mentions ("the attack", "the victims were found"), and only some of them say who did
    it. A mention naming its perpetrators only by generic words also gets, beside its own words, the armed group the
    report names most for its violent mentions (when its words are of a sector in ``unnamed``: "the kidnappers",
    "the rebels"), or else the most named perpetrator of an ``armed`` sector (when its words say nothing of the
    affiliation: "two men", "the killers"). The added actor's span is that perpetrator's mention."""
    counts: dict[str, int] = {}
    first: dict[str, Actor] = {}
    for event in events:
        if event.plover.type not in violent or event.plover.aux is not None:
            continue
        for actor in event.actors:
            if actor.role == "actor":
                counts[actor.name] = counts.get(actor.name, 0) + 1
                first.setdefault(actor.name, actor)
    if not counts:
        return
    named = [n for n in counts if n in groups]
    best = first[max(named or counts, key=lambda n: counts[n])]
    known = named or [n for n in counts if first[n].sector in armed]
    helper = first[max(known, key=lambda n: counts[n])] if known else None
    for event in events:
        if event.plover.type not in violent or any(a.name == best.name for a in event.actors):
            continue  # never the victim of the mention itself
        own = [a for a in event.actors if a.role == "actor"]
        if not own:
            event.actors = [replace(best), *event.actors]
            continue
        if helper is None or any(a.name == helper.name for a in event.actors):
            continue
        allowed = unnamed if helper.name in groups else frozenset({"UNK", ""})
        if all(a.name not in groups and (a.sector or "") in allowed for a in own):
            event.actors = [*own, replace(helper), *[a for a in event.actors if a.role != "actor"]]


def create_actors(resources: Resources) -> ActorsStage:
    """Factory for ``eventsift.extract.actors.v1``."""
    return ActorsStage(resources.get("actor_dictionary", load_actor_dictionary))
