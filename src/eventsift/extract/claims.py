"""Claimant and claim status: who asserts each event, and whether it is claimed, accused, reported or denied.

Sources come from reported speech in the event's sentence or its neighbours ("X said", "according to X",
"X claimed responsibility", "X accused Y of", "X denied"), from the attribution of a quotation the event sits in
(a quote spanning several sentences is attributed to the speaker named after the closing quote), then from a wire
dateline ("CITY, 3 JAN 90 (RADIO X) --", "CITY (Reuters) -"), then from the document's outlet (span null).

Status precedence (docs/actors.md): a non-negated claim of responsibility -> ``claimed``; else a denial by the
accused party -> ``denied`` (the event is kept; the claimant stays the accuser, or the reporting source, and the
status stays ``accused`` when the text accuses without naming the accuser: "X was blamed ... X denied it", or when
the denial answers an accusation: "X denied responsibility", "X rejected the charges"); else an
accusation or a hedge on the perpetrator ("suspected", "presumably") -> ``accused``; else ``reported``.
When the perpetrator claims the act and the event has no actor yet, the claimant is added as its actor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Any

from eventsift.config import Config
from eventsift.errors import DataFileError
from eventsift.extract.actor_dictionary import ActorDictionary, load_actor_dictionary
from eventsift.extract.arguments import (
    RELATIVE_PRONOUNS,
    Token,
    head_token,
    is_passive,
    phrase_extent,
    prep_objects,
    sentence_tokens,
    subject_of,
    with_conjuncts,
)
from eventsift.extract.claim_model import (
    ClaimModel,
    MentionContext,
    claim_features,
    document_cue_words,
    load_claim_model,
    mention_features,
)
from eventsift.extract.coding import PRONOUNS, ActorCoder
from eventsift.model import Actor, Claim, Document, Event
from eventsift.resources import Resources
from eventsift.text.dateline import dateline_source

CUE_KEYS: tuple[str, ...] = ("report_verbs", "claim_verbs", "claim_objects", "admit_verbs", "accuse_verbs",
                             "accuse_requires", "hedges", "deny_verbs", "deny_objects", "answer_objects",
                             "source_nouns", "negators", "statement_verbs", "speaker_acts", "document_nouns",
                             "own_act_verbs", "own_act_subjects", "responsibility_words", "answered_reports")
VERBAL_TYPES: frozenset[str] = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                          "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST"})
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "POL", "JUD"})
STATE_FORCES: frozenset[str] = frozenset({"MIL", "POL"})
NON_STATE_ARMED: frozenset[str] = frozenset({"REB", "CRM"})
MODALS: frozenset[str] = frozenset({"may", "might", "could"})
QUOTES_OPEN = "“\"«"
QUOTES_CLOSE = "”\"»"
#: The claimant of a report that names no source, outlet or dateline: the report itself states the event.
UNNAMED_SOURCE = "the report"


@dataclass(frozen=True)
class Cues:
    """The claim cue lexicon (data/claims/cues.json)."""

    sets: dict[str, frozenset[str]]
    accuse_requires: dict[str, frozenset[str]]

    def has(self, key: str, word: str) -> bool:
        """Whether ``word`` (lower-case) is in cue list ``key``."""
        return word in self.sets[key]


def load_cues(config: Config) -> Cues:
    """Resource loader: read and check the claim cue lexicon.

    Raises:
        DataFileError: a list is missing or malformed.
    """
    del config  # the lexicon is not configurable yet; the loader signature is the resources contract
    path = importlib_resources.files("eventsift").joinpath("data", "claims", "cues.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return parse_cues(data, str(path))


def parse_cues(data: dict[str, Any], origin: str) -> Cues:
    """Validate a cue lexicon dict.

    Raises:
        DataFileError: naming the missing or malformed key.
    """
    if "version" not in data:
        raise DataFileError(f"{origin}: no 'version' key; add one")
    sets: dict[str, frozenset[str]] = {}
    for key in CUE_KEYS:
        if key == "accuse_requires":
            continue
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataFileError(f"{origin}: {key!r} must be a list of strings")
        sets[key] = frozenset(v.lower() for v in value)
    requires = data.get("accuse_requires", {})
    if not isinstance(requires, dict):
        raise DataFileError(f"{origin}: 'accuse_requires' must map a verb to a list of words")
    return Cues(sets, {k: frozenset(v) for k, v in requires.items()})


@dataclass
class Cue:
    """A speech act in a sentence: ``kind`` is report/claim/accuse/deny; ``speaker`` the token naming who."""

    kind: str
    verb: Token
    speaker: Token | None
    negated: bool
    sentence: int
    target: Token | None = None  # the accused party of an accusation
    answers: bool = False  # a denial of responsibility, charges or links: it answers an accusation


class ClaimFinder:
    """Finds the claimant of each event of one document."""

    def __init__(self, doc: Document, cues: Cues, coder: ActorCoder) -> None:
        self.doc = doc
        self.cues = cues
        self.coder = coder
        self.by_sentence: dict[int, list[Cue]] = {}
        self.quotes = _quote_regions(doc.clean)
        self.dateline = self._dateline_claim()
        for index in range(max(len(doc.sentences), 1)):
            self.by_sentence[index] = self._sentence_cues(index)
        # named sources in text order (index of the speaker token, claim, words naming it): what a later generic
        # mention ("the Ministry said") refers to
        self.named: list[tuple[int, Claim, frozenset[str]]] = []
        for index in sorted(self.by_sentence):
            for cue in self.by_sentence[index]:
                if cue.kind == "report" and cue.speaker is not None and cue.speaker.lower_ not in PRONOUNS:
                    self._remember(cue.speaker)
        self.author = self._author()
        self.explicit = False  # whether the last claim_for rested on an explicit claim or denial
        self._original_starts: list[int] | None = None
        self._names: list[tuple[int, str]] | None = None
        self._context: MentionContext | None = None

    def cue_kinds(self) -> dict[int, list[str]]:
        """Speech-act kinds per sentence ("-neg" appended when negated), for the claim-status model."""
        return {index: [c.kind + ("-neg" if c.negated else "") for c in cues]
                for index, cues in self.by_sentence.items()}

    def claim_for(self, event: Event) -> Claim | None:
        """The claimant of ``event`` with its status (``None`` when nobody asserts it and there is no outlet)."""
        s = event.sentence
        head = head_token(self.doc, event)
        own = self.by_sentence.get(s, [])
        near = [c for k in (s - 1, s + 1, s + 2) for c in self.by_sentence.get(k, [])]
        claims = [c for c in own + near if c.kind == "claim" and not c.negated]
        for cue in claims:
            claimer = self._claim(cue, "claimed")
            if claimer is not None:
                self.explicit = True
                return claimer
        accusations = [c for c in own + near if c.kind == "accuse" and not c.negated]
        # (cue, denier) of the denials by a party that can have done the act or answers an accusation next to it
        denials = [(c, d) for c in own + near if c.kind == "deny" and not c.negated
                   for d in [self._claim(c, "denied")] if self._denies_own(event, d, accusations)]
        reports = [c for c in own if c.kind == "report" and not c.negated] or self._quote_reports(event)
        source = self._source(reports, s)
        self.explicit = bool(denials and (accusations or source is not None))
        if denials and (accusations or source is not None):
            denier = denials[0][1]
            # a denial of responsibility answers an accusation, made nearby or elsewhere in the report
            answered = bool(accusations) or any(c.answers for c, _ in denials)
            accuser = (self._claim(accusations[0], "accused") if accusations
                       else self._document_claim(event, "accuse", "accused") if answered else None)
            # an accusation whose accuser the text leaves unnamed ("the rebels were blamed") is still an accusation
            claim = accuser or self._with_status(source, "accused" if answered else "denied")
            if claim is not None and denier is not None and denier.span is not None:
                claim.denier = Actor(role="denier", text=denier.text, name=denier.name, span=denier.span,
                                     country=denier.country, sector=denier.sector)
            return claim
        if event.plover.type in VERBAL_TYPES:
            # an accusation nearby is about acts, not about a demand or a meeting
            return self._with_status(source, self._source_status(source, event, explicit=False))
        # an accusation in the event's own sentence, or a hedge on its perpetrator, is an explicit cue
        self.explicit = any(c.kind == "accuse" and not c.negated for c in own)
        if accusations:
            return self._claim(accusations[0], "accused") or self._with_status(source, "accused")
        if self._hedged(s, head):
            self.explicit = True
            return self._with_status(source, "accused")
        if event.plover.type not in VERBAL_TYPES:
            # a claim or accusation elsewhere in the report covers its acts of violence that name no other party
            for kind, status in (("claim", "claimed"), ("accuse", "accused")):
                claim = self._document_claim(event, kind, status)
                if claim is not None:
                    # the event's own perpetrator, by name, claims responsibility elsewhere in the report: as
                    # explicit as a claim next to the act
                    self.explicit = kind == "claim" and any(a.role == "actor" and a.name == claim.name
                                                            for a in event.actors)
                    return claim
        explicit = any(c.kind == "report" and not c.negated for c in own)
        return self._with_status(source, self._source_status(source, event, explicit=explicit))

    def perpetrator_features(self, event: Event, cue_words: frozenset[str]) -> list[str]:
        """Features of how the document ties ``event``'s first perpetrator to acts, over every mention of its name
        (:func:`eventsift.extract.claim_model.mention_features`)."""
        perpetrators = [a for a in event.actors if a.role == "actor"]
        if self.doc.nlp is None or not perpetrators:
            return ["p_found:none"]
        perp = perpetrators[0]
        own = self._tokens_of(perp.span)
        s_start, s_end = sentence_tokens(self.doc, event.sentence)
        found = "sentence" if own and all(s_start <= i < s_end for i in own) else "document"
        mentions = [i for i, name in self._mention_names() if name == perp.name]
        if own:
            inside = set(own)
            mentions.append(next((i for i in own if self.doc.nlp[i].head.i not in inside), own[-1]))
        return mention_features(self.doc, mentions, perp.sector, found, self._mention_context(), cue_words,
                                event.sentence)

    def _tokens_of(self, span: tuple[int, int]) -> list[int]:
        """Token indices whose original start lies in ``span``."""
        if self._original_starts is None:
            self._original_starts = [self.doc.offsets.to_original(t.idx) for t in self.doc.nlp]
        return [i for i, at in enumerate(self._original_starts) if span[0] <= at < span[1]]

    def _mention_names(self) -> list[tuple[int, str]]:
        """(head token, coded name) of every dictionary mention in the document (computed once)."""
        if self._names is None:
            self._names = [(hit.end - 1, self.coder.actor_for_hit("actor", hit).name) for hit in
                           self.coder.heads_of(self.coder.hits)]
        return self._names

    def _mention_context(self) -> MentionContext:
        """The document's speech acts as the mention features read them (built once per document)."""
        if self._context is None:
            cues: dict[int, str] = {}
            speakers: dict[int, str] = {}
            targets: set[int] = set()
            sectors: dict[int, set[str]] = {}
            for index, found in self.by_sentence.items():
                for cue in found:
                    kind = cue.kind + ("-neg" if cue.negated else "")
                    cues[cue.verb.i] = kind
                    if cue.speaker is not None:
                        speakers[cue.speaker.i] = kind
                        if cue.kind == "report" and not cue.negated:
                            claim = self._claim(cue, "reported")
                            if claim is not None:
                                sectors.setdefault(index, set()).add(claim.sector or "none")
                    if cue.target is not None:
                        targets.update(range(*phrase_extent(cue.target)))
            violent = frozenset(e.head for e in self.doc.events
                                if e.head is not None and e.plover.type not in VERBAL_TYPES)
            self._context = MentionContext(cues, speakers, frozenset(targets),
                                           {k: frozenset(v) for k, v in sectors.items()}, tuple(self.quotes),
                                           self.cues.sets["hedges"], self.cues.sets["document_nouns"], violent)
        return self._context

    def _about_self(self, objects: list[Token]) -> bool:
        """A denied report about the denier's own deeds ("denied reports that they are holding him")."""
        return any(o.lower_ in self.cues.sets["answered_reports"] and any(
            s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in self.cues.sets["own_act_subjects"] for c in o.children
            if c.dep_ in ("acl", "ccomp", "relcl") for s in c.children) for o in objects)

    def _denies_own(self, event: Event, denier: Claim | None, accusations: list[Cue]) -> bool:
        """Whether the denying party can be the perpetrator of ``event``, or answers an accusation made next to it:
        the army denying an arrest told next to a rebel kidnapping denies another act."""
        if denier is None or self._compatible(event, denier):
            return True
        accused = [self._code(a.target, "accused") for a in accusations if a.target is not None]
        return any(party is not None and party.name == denier.name for party in accused)

    def _document_claim(self, event: Event, kind: str, status: str) -> Claim | None:
        """The first claim (``kind`` "claim") or accusation ("accuse") anywhere in the report whose claimer, or
        whose accused, can be the perpetrator of ``event``."""
        for cue in self._document_cues(kind):
            claim = self._claim(cue, status)
            if claim is not None and self._compatible(event, claim if kind == "claim" else cue.target):
                return claim
        return None

    def _document_cues(self, kind: str) -> list[Cue]:
        return [c for index in sorted(self.by_sentence) for c in self.by_sentence[index]
                if c.kind == kind and not c.negated]

    def _compatible(self, event: Event, party: Claim | Token | None) -> bool:
        """Whether ``party`` (the claimer, or the accused) can be the perpetrator of ``event``: the event names no
        perpetrator, an unidentified one, or one with the same name or the same sector and country."""
        if party is None:
            return False
        if not isinstance(party, Claim):
            start, end = phrase_extent(party)
            actor = self.coder.actor("actor", start, end, party.i)
            party = Claim(text=actor.text, name=actor.name, span=actor.span, status="accused", country=actor.country,
                          sector=actor.sector)
        perpetrators = [a for a in event.actors if a.role == "actor"]
        if not perpetrators:
            return True
        for actor in perpetrators:
            if actor.sector in (None, "UNK") or actor.name == party.name:
                return True
            if actor.sector == party.sector and actor.country in (None, party.country):
                return True
            if party.sector is None and actor.sector == "REB" and actor.country is None:
                return True  # an unlisted group claiming what the text calls "the rebels"
        return False

    def _source_status(self, source: Claim | None, event: Event, *, explicit: bool) -> str:
        """Status of an event stated by ``source`` without a speech-act cue, from who tells of whose act: a party
        telling of its own side's violence claims it; a state body attributing an act to an armed group or
        criminals in the sentence itself ("the army said rebels attacked"), a state blaming another state's forces,
        or anyone else attributing an act to state forces, accuses them (statements across the conflict line are
        allegations); otherwise the source reports it."""
        perpetrators = [a for a in event.actors if a.role == "actor"]
        if source is None or not perpetrators:
            return "reported"
        for actor in perpetrators:
            if event.plover.type in VERBAL_TYPES:
                break  # a party telling of its own demand or accusation reports it
            if actor.name == source.name or _same_side(actor.sector, actor.country, source.sector, source.country):
                return "claimed"
        if explicit and source.sector in STATE_SECTORS and any(a.sector in NON_STATE_ARMED for a in perpetrators):
            return "accused"  # "the army said rebels attacked": attributed in the sentence itself
        if source.sector not in STATE_SECTORS and any(a.sector in STATE_FORCES for a in perpetrators):
            return "accused"
        if source.sector in STATE_SECTORS and any(a.sector in STATE_FORCES and a.country is not None
                                                  and a.country != source.country for a in perpetrators):
            return "accused"  # a state blaming another state's forces
        return "reported"

    def _source(self, reports: list[Cue], s: int) -> Claim | None:
        """Who states the event: the sentence's own source, the source of the previous sentence, the dateline or
        the outlet."""
        for cue in reports:
            claim = self._claim(cue, "reported")
            if claim is not None:
                return claim
        for cue in self.by_sentence.get(s - 1, []):
            if cue.kind == "report" and not cue.negated:
                claim = self._claim(cue, "reported")
                if claim is not None:
                    return claim
        if self.dateline is not None:
            return self.dateline
        if self.author is not None:
            return self.author
        outlet = self.doc.source.outlet
        if outlet:
            return Claim(text=outlet, name=outlet, span=None, status="reported", sector="MED")
        for index in sorted(self.by_sentence):  # the first source the document names
            for cue in self.by_sentence[index]:
                if cue.kind == "report" and not cue.negated:
                    claim = self._claim(cue, "reported")
                    if claim is not None:
                        return claim
        return None

    def _with_status(self, claim: Claim | None, status: str) -> Claim | None:
        if claim is None:
            return None
        return Claim(text=claim.text, name=claim.name, span=claim.span, status=status, country=claim.country,
                     sector=claim.sector)

    def _claim(self, cue: Cue, status: str) -> Claim | None:
        speaker = cue.speaker
        if speaker is None:
            return None
        if speaker.lower_ in PRONOUNS:
            speaker = self._antecedent(cue)
            if speaker is None:
                return None
        author = getattr(self, "author", None)
        if author is not None and self._bare_document(speaker):
            return self._with_status(author, status)  # "the statement said": the author's statement
        claim = self._code(speaker, status)
        if claim is None:
            return None
        return self._corefer(claim, speaker)

    def _bare_document(self, speaker: Token) -> bool:
        """Whether the speaker is a document noun without an owner ("the statement", not "the army's statement")."""
        if not self.cues.has("document_nouns", speaker.lemma_.lower()) and not self.cues.has(
                "document_nouns", speaker.lower_):
            return False
        start, end = phrase_extent(speaker)
        return not self.coder.names_party(start, end)

    def _is_source(self, speaker: Token) -> bool:
        """Whether a speaker token can make a statement: a party, or a source noun ("sources", "the report");
        not an abstract subject ("another violation, which indicates ...")."""
        return (self.coder.is_agentive(speaker) or self.cues.has("source_nouns", speaker.lower_)
                or self.cues.has("source_nouns", speaker.lemma_.lower()))

    def _code(self, speaker: Token, status: str) -> Claim | None:
        if not self._is_source(speaker):
            return None
        start, end = phrase_extent(speaker)
        actor = self.coder.actor("actor", start, end, speaker.i)
        return Claim(text=actor.text, name=actor.name, span=actor.span, status=status, country=actor.country,
                     sector=actor.sector)

    def _remember(self, speaker: Token) -> None:
        """Record a source named with a place or a name ("Artsakh's Foreign Ministry") for later generic mentions."""
        start, end = phrase_extent(speaker)
        hits = self.coder.hits_in(start, end)
        words = {t.lower_ for t in self.doc.nlp[start:end] if not t.is_punct} - {"the", "a", "an"}
        if not hits or all(h.kind == "agent" for h in hits):
            return  # unnamed ("the ministry"): nothing to refer back to
        claim = self._code(speaker, "reported")
        if claim is None:
            return
        for hit in hits:
            if hit.candidate.entry is not None:
                words.update(hit.candidate.entry.name.lower().split())
        self.named.append((speaker.i, claim, frozenset(words)))

    def _corefer(self, claim: Claim, speaker: Token) -> Claim:
        """A generic source ("the Ministry", "the army") takes the identity of the last source named before it
        whose words contain the generic head ("Artsakh's Foreign Ministry"): same text and span, fuller name."""
        start, end = phrase_extent(speaker)
        hits = self.coder.hits_in(start, end)
        if not hits or any(h.kind != "agent" for h in hits):
            return claim
        heads = {h.candidate.alias.lower().split()[-1] for h in hits}
        for index, named, words in reversed(self.named):
            if index < speaker.i and heads & words:
                return Claim(text=claim.text, name=named.name, span=claim.span, status=claim.status,
                             country=named.country, sector=named.sector)
        return claim

    def _author(self) -> Claim | None:
        """Who issues the statement: the source of the first speech or statement verb of the headline or lead."""
        for index in range(min(3, len(self.doc.sentences))):
            for cue in self.by_sentence.get(index, []):
                if cue.kind == "report" and not cue.negated and cue.speaker is not None:
                    claim = self._claim(cue, "reported")
                    if claim is not None:
                        return claim
        return None

    def _antecedent(self, cue: Cue) -> Token | None:
        """The last named speaker before a pronoun speaker ("..., he said")."""
        for index in range(cue.sentence, max(-1, cue.sentence - 4), -1):
            for earlier in reversed(self.by_sentence.get(index, [])):
                tok = earlier.speaker
                if tok is not None and tok.i < cue.verb.i and tok.lower_ not in PRONOUNS and self._is_source(tok):
                    return tok
        return None

    def _hedged(self, s: int, head: Token | None) -> bool:
        """Whether the sentence presents the perpetrator as suspected or possible."""
        start, end = sentence_tokens(self.doc, s)
        for tok in self.doc.nlp[start:end]:
            word = tok.lower_
            if word in MODALS:
                if head is not None and (tok.head.i == head.i or tok.head.i == head.head.i):
                    return True
            elif self.cues.has("hedges", word) or self.cues.has("hedges", tok.lemma_.lower()):
                return True
        return False

    def _quote_reports(self, event: Event) -> list[Cue]:
        """Report cues attributing the quotation the event's trigger sits in (outside the quote itself)."""
        if not self.quotes or not (0 <= event.sentence < len(self.doc.sentences)):
            return []
        head = head_token(self.doc, event)
        if head is None:
            return []
        pos = head.idx
        for q_start, q_end in self.quotes:
            if not q_start <= pos < q_end:
                continue
            out = []
            for cues in self.by_sentence.values():
                for cue in cues:
                    if cue.kind != "report" or cue.negated:
                        continue
                    at = cue.verb.idx
                    if q_end <= at <= q_end + 200 or q_start - 200 <= at < q_start:
                        out.append(cue)
            out.sort(key=lambda c: (0 if c.verb.idx >= q_end else 1, abs(c.verb.idx - q_end)))
            return out
        return []

    def _sentence_cues(self, index: int) -> list[Cue]:
        if self.doc.nlp is None:
            return []
        start, end = sentence_tokens(self.doc, index) if self.doc.sentences else (0, len(self.doc.nlp))
        out: list[Cue] = []
        for tok in self.doc.nlp[start:end]:
            cue = self._cue(tok, index)
            if cue is not None:
                out.append(cue)
        return out

    def _cue(self, tok: Token, index: int) -> Cue | None:
        lemma = tok.lemma_.lower()
        word = tok.lower_
        if word == "according" and any(c.lower_ == "to" for c in tok.children):
            objs = [o for c in tok.children if c.lower_ == "to" for o in prep_objects(c)]
            return Cue("report", tok, objs[0] if objs else None, False, index)
        if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBN", "VBZ", "VBP", "VBG", "VB"):
            return None
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        object_words = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
        child_words = {c.lower_ for c in tok.subtree if c.i > tok.i}
        speaker = self._speaker(tok)
        negated = self._negated(tok, speaker)
        if lemma in self.cues.sets["claim_verbs"] and object_words & self.cues.sets["claim_objects"]:
            return Cue("claim", tok, speaker, negated, index)
        if lemma in self.cues.sets["admit_verbs"] and (object_words & self.cues.sets["claim_objects"] or any(
                c.dep_ in ("xcomp", "pcomp") or (c.dep_ == "dobj" and c.pos_ == "VERB") for c in tok.children)):
            # "admitted responsibility", "admitted carrying out the attack"; not "admitted that the war failed"
            return Cue("claim", tok, speaker, negated, index)
        if self._tells_own_act(tok, lemma):
            return Cue("claim", tok, speaker, negated, index)
        if lemma in self.cues.sets["deny_verbs"] and (
                lemma in ("deny", "disclaim", "refute") or object_words & self.cues.sets["deny_objects"]):
            return Cue("deny", tok, speaker, negated, index,
                       answers=bool(object_words & self.cues.sets["answer_objects"]) or self._about_self(objects))
        if lemma in self.cues.sets["accuse_verbs"]:
            required = self.cues.accuse_requires.get(lemma)
            if required is None or child_words & required:
                return Cue("accuse", tok, speaker, negated, index, target=self._accused(tok))
        if lemma in self.cues.sets["report_verbs"] or lemma in self.cues.sets["statement_verbs"]:
            return Cue("report", tok, speaker, negated, index)
        return None

    def _tells_own_act(self, verb: Token, lemma: str) -> bool:
        """Whether a party tells of its own act: "the rebels claim to have destroyed six pylons", "the front claims
        it seized the estate", "the caller said they were responsible for the bombing"."""
        sets = self.cues.sets
        for child in verb.children:
            if lemma in sets["own_act_verbs"] and child.dep_ == "xcomp" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return True
            if child.dep_ != "ccomp":
                continue
            subjects = [c for c in child.children if c.dep_ == "nsubj"]
            if not subjects or subjects[0].lower_ not in sets["own_act_subjects"]:
                continue
            if lemma in sets["own_act_verbs"] and child.pos_ in ("VERB", "AUX") and child.lemma_.lower() != "be":
                return True
            if (lemma in sets["report_verbs"] or lemma in sets["own_act_verbs"]) and any(
                    c.dep_ == "acomp" and c.lemma_.lower() in sets["responsibility_words"] for c in child.children):
                return True
        return False

    def _accused(self, verb: Token) -> Token | None:
        """Who an accusation points at: "blamed X", "attributed it to X", "blamed it on X", "X was suspected"."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "on"):
                objs = prep_objects(child)
                if objs:
                    return objs[0]
        for child in verb.children:
            if child.dep_ in ("dobj", "obj", "nsubjpass") and child.lower_ not in PRONOUNS:
                return child
        return None

    def _speaker(self, verb: Token) -> Token | None:
        """Who performs a speech act: the active subject, or the agent of a passive ("was reported by X")."""
        if is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                    objs = prep_objects(child)
                    if objs:
                        return objs[0]
            return None
        subjects = with_conjuncts(c for c in verb.children if c.dep_ in ("nsubj",))
        if subjects:
            if subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head  # "guerrillas, which have claimed ...": the modified noun
            return subjects[0]
        governor = verb.head
        if verb.dep_ in ("conj", "xcomp", "advcl") and governor.i != verb.i:
            return self._speaker(governor)
        if verb.dep_ == "acl" and governor.dep_ in ("dobj", "obj") and governor.head.i != governor.i:
            # "X distributed leaflets claiming responsibility": the one who issued the leaflets
            return self._speaker(governor.head)
        return None

    def _negated(self, verb: Token, speaker: Token | None) -> bool:
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        if speaker is not None and any(c.lower_ in self.cues.sets["negators"] for c in speaker.children
                                       if c.dep_ in ("det", "neg", "advmod")):
            return True
        return speaker is not None and speaker.lower_ in ("nobody", "none", "no-one")

    def _dateline_claim(self) -> Claim | None:
        """The source named by a wire dateline, if the text starts with one."""
        text = self.doc.clean
        match = dateline_source(text)
        if match is None:
            return None
        c_start, c_end = match.span(1)
        span = self.doc.to_original(c_start, c_end)
        surface = self.doc.original_text(span)
        hits = [h for h in self.coder.hits if self.doc.nlp[h.start].idx >= c_start and
                self.doc.nlp[h.end - 1].idx < c_end]
        coding = self.coder.dictionary.code(hits, head=hits[-1].end - 1 if hits else 0, fallback=match.group(1))
        return Claim(text=surface, name=coding.name, span=span, status="reported", country=coding.country,
                     sector=coding.sector or "MED")


FIRST_PERSON_PLURAL: frozenset[str] = frozenset({"we", "us", "our", "ourselves"})


def _told_in_first_person(doc: Document, event: Event) -> bool:
    """Whether the act's agent is "we" or "our ..." ("we killed three soldiers", "our units attacked the post")."""
    head = head_token(doc, event)
    if head is None:
        return False
    agents = subject_of(head) if head.pos_ in ("VERB", "AUX") and not is_passive(head) else []
    agents += [c for c in head.children if c.dep_ == "poss"]
    agents += [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(a.lower_ in FIRST_PERSON_PLURAL or any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON_PLURAL
                                                      for c in a.children) for a in agents)


def blames_foreign_forces(claim: Claim, event: Event) -> bool:
    """A state body telling of another state's forces' act: an allegation across the conflict line, which the learned
    model (trained on reports of domestic insurgencies) must not turn into a report of fact."""
    return claim.status == "accused" and claim.sector in STATE_SECTORS and any(
        a.role == "actor" and a.sector in STATE_FORCES and a.country is not None and a.country != claim.country
        for a in event.actors)


def _same_side(sector: str | None, country: str | None, other_sector: str | None, other_country: str | None) -> bool:
    """Whether two coded parties are on the same side: both rebels, or both organs of the same state."""
    if sector is None or other_sector is None or (country and other_country and country != other_country):
        return False
    if sector == "REB" and other_sector == "REB":
        return country == other_country
    return sector in STATE_FORCES and other_sector in STATE_FORCES and bool(country) and country == other_country


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations (typographic pairs, or straight quotes paired in order)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if open_at is None and ch in QUOTES_OPEN:
            open_at = i
        elif open_at is not None and ch in QUOTES_CLOSE and (ch != "\"" or text[open_at] == "\""):
            regions.append((open_at, i + 1))
            open_at = None
    return regions


class ClaimsStage:
    """Set ``event.claimant`` (who asserts it, and how) for every event of a document."""

    name = "eventsift.extract.claims.v1"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("claims",)

    def __init__(self, dictionary: ActorDictionary, cues: Cues, model: ClaimModel | None = None) -> None:
        self.dictionary = dictionary
        self.cues = cues
        self.model = model

    def __call__(self, doc: Document) -> None:
        """Fill ``event.claimant`` for every event of ``doc``."""
        if doc.nlp is None or not doc.events:
            return
        finder = ClaimFinder(doc, self.cues, ActorCoder(self.dictionary, doc))
        kinds = finder.cue_kinds() if self.model is not None else {}
        doc_words: frozenset[str] | None = None
        for event in doc.events:
            # a report that names no source, no outlet and no dateline still states the event as fact itself
            event.claimant = finder.claim_for(event) or Claim(text=UNNAMED_SOURCE, name=UNNAMED_SOURCE, span=None,
                                                              status="reported")
            if (self.model is not None and not finder.explicit and event.plover.type not in VERBAL_TYPES
                    and event.claimant is not None and not blames_foreign_forces(event.claimant, event)):
                # no explicit cue (claimed, accused, denied, a hedge): the side-based rule is only a guess, and the
                # model learned from annotated reports beats it on held-out documents (0.62 vs 0.53 by grouped CV)
                if doc_words is None:
                    doc_words = document_cue_words(doc, self.model.cue_words)
                event.claimant = self._learned(doc, event, finder, kinds, self.model, doc_words)
            claimant = event.claimant
            if claimant is not None and claimant.status != "claimed" and event.plover.type not in VERBAL_TYPES \
                    and claimant.span is not None and claimant.sector != "MED" and _told_in_first_person(doc, event):
                # "we attacked", "our guerrillas shelled": the source tells of its own side's act
                claimant = event.claimant = Claim(text=claimant.text, name=claimant.name, span=claimant.span,
                                                  status="claimed", country=claimant.country, sector=claimant.sector)
            if claimant is None or claimant.span is None:
                continue
            if claimant.status == "claimed" and claimant.sector != "MED" and \
                    not any(a.span == claimant.span for a in event.actors):
                # whoever claims responsibility is named as a perpetrator, next to any the parse found
                event.actors.insert(0, Actor(role="actor", text=claimant.text, name=claimant.name,
                                             span=claimant.span, country=claimant.country, sector=claimant.sector))
                continue
            if any(a.role == "actor" for a in event.actors):
                continue
            speaking = self.cues.has("speaker_acts", (event.plover.type or "").lower()) and (
                finder.dateline is None or claimant.span != finder.dateline.span)
            if claimant.status == "claimed" or speaking:
                # the perpetrator who claims the act; the speaker who makes a demand or an accusation
                event.actors.insert(0, Actor(role="actor", text=claimant.text, name=claimant.name,
                                             span=claimant.span, country=claimant.country, sector=claimant.sector))
                event.actors = [a for a in event.actors if a.role == "actor" or a.span != claimant.span]

    @staticmethod
    def _learned(doc: Document, event: Event, finder: ClaimFinder, kinds: dict[int, list[str]],
                 model: ClaimModel, doc_words: frozenset[str]) -> Claim | None:
        """The rule claimant with the status the learned model gives an act of violence stated without an
        explicit claim or denial."""
        rule = event.claimant
        if rule is None:
            return None
        features = claim_features(doc, event, rule, kinds, finder.dateline, model.cue_words, doc_words)
        status, _ = model.predict(features + finder.perpetrator_features(event, model.cue_words))
        return Claim(text=rule.text, name=rule.name, span=rule.span, status=status, country=rule.country,
                     sector=rule.sector)


def create_claims(resources: Resources) -> ClaimsStage:
    """Factory for ``eventsift.extract.claims.v1``."""
    return ClaimsStage(resources.get("actor_dictionary", load_actor_dictionary), resources.get("claim_cues", load_cues),
                       resources.get("claim_model", load_claim_model))
