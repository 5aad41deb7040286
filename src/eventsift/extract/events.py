"""Event detection and typing: one :class:`~eventsift.model.Event` per event mention.

How it works (measured against the alternatives in ``scripts/train_event_classifier.py``):

1. The trigger lexicon (``data/lexicons/event_triggers.json``) is matched over every sentence of ``doc.nlp`` by lemma,
   lower-cased form and a light inflection fold, so all-caps wire text (MUC) matches as well as mixed case.
2. Each match becomes a candidate with a PLOVER type/mode and an ACLED hint. Casualty words ("killed", "wounded")
   only make an event when nothing else in the sentence does; same-type triggers in one sentence merge into one event
   (the more specific mode wins); a definite nominal mention ("the attack") of an event coded in the same or the
   previous sentence is merged into it.
3. The dependency parse marks ``plover.aux``: negated ("denied shelling", "did not attack"), future ("will deploy",
   "plans to"), hypothetical ("could", "if") and historical ("the 2016 war", anniversaries).
4. ACLED resolvers pick sub-event types from the sentence: attack on civilians vs armed clash, peaceful protest vs
   protest with intervention vs excessive force, who takes territory.
5. A small linear text classifier (shipped weights, ``data/models/event_classifier.json``) types the document; its
   probabilities re-rank the events and may re-type the top event when the lexicon is unsure.

Non-conflict disasters and crime (CASE 2021 NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME) give an event only
when the text has no conflict or political event that carries them, with ``plover.type`` ``None``,
``acled.event_type`` ``None`` and the CASE class in ``acled.sub_event_type``, at low confidence: a user filtering on
PLOVER types never sees them, and a user who wants "what happened here" still gets the earthquake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from eventsift.extract.codebook import Codebooks, TriggerEntry, TriggerLexicon, load_codebooks
from eventsift.extract.event_classifier import EventClassifier, load_event_classifier
from eventsift.model import SNIPPET_SENTENCES, Acled, Document, Event, Evidence, Plover
from eventsift.resources import Resources

#: Candidates per sentence beyond which the rest are ignored (keeps run-on "sentences" of tables linear).
MAX_CANDIDATES_PER_SENTENCE = 12
#: Confidence multiplier for events that did not (or not yet) happen as reported.
AUX_FACTOR = {"negated": 0.35, "hypothetical": 0.45, "future": 0.55, "historical": 0.5}
#: Classifier probability needed to create an event in a text where the lexicon found none (tuned by CV).
CREATE_MIN = 0.25
#: Confidence multiplier for events created by the classifier alone.
CREATED_FACTOR = 0.6
#: Confidence multiplier for modifier-like matches kept because nothing else in their sentence is an event.
WEAK_FACTOR = 0.8
#: Sentences back within which a definite nominal ("the attack") refers to an event already coded.
NOMINAL_WINDOW = 3
DEFINITE = frozenset({"the", "this", "that", "these", "those", "such", "its", "their", "his", "her"})
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", ""), ("e", ""))
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "THREATEN", "SANCTION"})


def fold_forms(word: str, irregular: dict[str, str]) -> set[str]:
    """Candidate base forms of a lower-cased word: itself, its irregular lemma, suffix-stripped variants."""
    forms = {word}
    if word in irregular:
        forms.add(irregular[word])
    for suffix, repl in SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            base = word[: -len(suffix)] + repl
            forms.add(base)
            forms.add(base + "e")
            if len(base) > 2 and base[-1] == base[-2]:
                forms.add(base[:-1])
    return forms


@dataclass(slots=True)
class TriggerIndex:
    """Lexicon terms indexed by their first word, longest first."""

    lexicon: TriggerLexicon
    by_first: dict[str, list[tuple[tuple[str, ...], TriggerEntry]]] = field(default_factory=dict)

    @classmethod
    def build(cls, lexicon: TriggerLexicon) -> TriggerIndex:
        """Index every term of every entry."""
        index = cls(lexicon)
        for entry in lexicon.entries:
            for term in entry.terms:
                index.by_first.setdefault(term[0], []).append((term, entry))
        for items in index.by_first.values():
            items.sort(key=lambda item: -len(item[0]))
        return index


@dataclass(slots=True)
class Candidate:
    """A matched trigger before merging: token range in ``doc.nlp`` and its lexicon entry."""

    sent: int
    start: int
    end: int
    head: int
    entry: TriggerEntry
    type: str | None
    mode: str | None
    acled: str | None
    aux: str | None = None
    confidence: float = 0.5
    nominal_ref: bool = False
    dropped: bool = False
    weak: bool = False
    forced_aux: str | None = None


def token_keys(tok: Any, irregular: dict[str, str]) -> set[str]:
    """Every key under which a token can match a lexicon word."""
    lower = tok.lower_
    keys = fold_forms(lower, irregular)
    keys.add(tok.lemma_.lower())
    return keys


def find_candidates(doc: Document, index: TriggerIndex) -> list[Candidate]:
    """Match the lexicon over every sentence of ``doc.nlp``."""
    nlp_doc = doc.nlp
    irregular = index.lexicon.irregular_forms
    letters = [c for c in doc.clean[:5000] if c.isalpha()]
    all_caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    keys = [token_keys(tok, irregular) for tok in nlp_doc]
    sent_of = [0] * len(nlp_doc)
    for s_i, sent in enumerate(nlp_doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = s_i
    out: list[Candidate] = []
    per_sent: dict[int, int] = {}
    i = 0
    n = len(nlp_doc)
    while i < n:
        tok = nlp_doc[i]
        match: tuple[tuple[str, ...], TriggerEntry] | None = None
        if tok.is_alpha or "-" in tok.text:
            for key in keys[i]:
                for term, entry in index.by_first.get(key, ()):
                    if match is not None and len(term) <= len(match[0]):
                        continue
                    if i + len(term) > n or sent_of[i + len(term) - 1] != sent_of[i]:
                        continue
                    if any(term[k] not in keys[i + k] for k in range(1, len(term))):
                        continue
                    if len(term) == 1 and entry.pos and not all_caps and tok.pos_ not in entry.pos:
                        continue
                    if len(term) == 1 and is_month_or_name(tok, all_caps):
                        continue
                    match = (term, entry)
        if match is None:
            i += 1
            continue
        term, entry = match
        s_i = sent_of[i]
        per_sent[s_i] = per_sent.get(s_i, 0) + 1
        if per_sent[s_i] <= MAX_CANDIDATES_PER_SENTENCE:
            span = nlp_doc[i:i + len(term)]
            head = span.root.i
            out.append(Candidate(s_i, i, i + len(term), head, entry, entry.type, entry.mode, entry.acled,
                                 confidence=entry.weight))
        i += len(term)
    return out


def is_month_or_name(tok: Any, all_caps: bool) -> bool:
    """True for tokens that only look like triggers: the month "March", parts of names ("Hope Street")."""
    if tok.lower_ in ("march", "may") and (tok.text[0].isupper()):
        return any(t.like_num for t in (tok.nbor(-1) if tok.i > 0 else tok, tok.nbor(1) if tok.i + 1 < len(tok.doc)
                                        else tok)) or not all_caps
    name_types = ("PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "LAW")
    return not all_caps and tok.ent_type_ in name_types and tok.pos_ == "PROPN"


#: Dependency labels along which a trigger is the content (object, topic, complement) of the trigger above it.
CONTENT_DEPS = frozenset({"pobj", "prep", "pcomp", "dobj", "compound", "xcomp"})


def is_infinitive(tok: Any) -> bool:
    """Whether a verb is a to-infinitive ("to commit", "to complete")."""
    return any(c.dep_ == "aux" and (c.tag_ == "TO" or c.lower_ == "to") for c in tok.children)


def passive_participle(tok: Any) -> bool:
    """A past participle (the tagger sometimes tags one VBD): "units stationed in", "the ceasefire established by"."""
    return tok.pos_ == "VERB" and tok.tag_ in ("VBN", "VBD")


def eventive(cand: Candidate) -> bool:
    """Whether a participle of this trigger reports an event even as a modifier ("activists arrested on Monday")."""
    return not cand.entry.object_cues and (cand.type == "ASSAULT" or cand.mode in ("arrest", "abduct"))


def arguments(tok: Any) -> list[Any]:
    """The tokens a trigger acts on: direct object, passive subject, attribute, or the noun a participle modifies."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "obj")]
    if tok.dep_ in ("acl", "relcl", "amod") and tok.head.i != tok.i:
        out.append(tok.head)
    return out


def object_matches(tok: Any, cue_words: frozenset[str]) -> bool:
    """Whether an argument of ``tok`` is a person-like noun from ``cue_words``, a person name or a pronoun."""
    own = {t.i for t in tok.subtree}
    for arg in arguments(tok):
        near = [t for t in arg.subtree if abs(t.i - arg.i) <= 4 and t.i not in own]
        if lemmas(near) & cue_words or arg.ent_type_ == "PERSON" or arg.pos_ == "PRON" or any(
                c.like_num for c in arg.children):
            return True
    return False


def apply_syntax_rules(cands: list[Candidate], doc: Document, lex: TriggerLexicon) -> None:
    """Drop or weaken lexicon matches that the parse shows are not event mentions.

    Dropped: a light verb whose object is itself a trigger ("held talks", "commit atrocities"); an intransitive-only
    trigger with a direct object ("demonstrates its rejection"); a trigger that needs a person object and has none
    ("held between representatives"); a street address ("the 2200 block of Main Street"); an intention verb with an
    infinitive ("seeking to initiate"); a verb whose complement is a cognition verb ("allows to regard"); the object
    or topic of a non-factive trigger ("rejection of negotiations", "talks on unblocking").
    Weakened (kept only when nothing else in the sentence is an event): participles used as modifiers ("occupied
    territories", "units stationed in"), nouns inside such modifiers, nouns used as compound modifiers ("sabotage
    group"), and events named in an infinitive of purpose or intention ("intention to complete the cleansing",
    "carte blanche to commit atrocities"), which are marked hypothetical.
    A nominal ASSAULT used as a predicate ("is a massacre", "regard it as a massacre") is an accusation.
    """
    nlp_doc = doc.nlp
    syn = lex.syntax_cues
    light = syn.get("light_verbs", frozenset())
    cognition = syn.get("cognition_verbs", frozenset())
    intention = syn.get("intention_verbs", frozenset())
    nonfactive = syn.get("nonfactive_types", frozenset())
    characterising = syn.get("characterising_verbs", frozenset())
    event_heads = syn.get("event_heads", frozenset())
    address = syn.get("address_nouns", frozenset())
    by_tok: dict[int, Candidate] = {}
    for c in cands:
        for i in range(c.start, c.end):
            by_tok[i] = c

    def other_trigger(t: Any, c: Candidate) -> Candidate | None:
        found = by_tok.get(t.i)
        return found if found is not None and found is not c and not found.dropped else None

    for c in cands:
        tok = nlp_doc[c.head]
        lemma = tok.lemma_.lower()
        verbal = tok.pos_ in ("VERB", "AUX")
        multiword = c.end - c.start > 1
        if tok.dep_ == "prep" and not multiword:
            # "according to", "following", "regarding": a preposition, not an event
            c.dropped = True
        elif lemma in address and not verbal and any(
                ch.like_num or ch.lower_ == "unit" for ch in tok.children if ch.dep_ in ("nummod", "compound")):
            # "the 2200 block of Main Street": an address
            c.dropped = True
        elif c.entry.intransitive and any(ch.dep_ in ("dobj", "obj") for ch in tok.children):
            c.dropped = True
        elif c.entry.object_cues and not object_matches(
                tok, frozenset().union(*(lex.acled_cues.get(n, frozenset()) for n in c.entry.object_cues))):
            c.dropped = True
        elif verbal and not multiword and lemma in light and any(
                other_trigger(a, c) is not None for a in arguments(tok)):
            c.dropped = True
        elif verbal and lemma in intention and any(ch.dep_ == "xcomp" and is_infinitive(ch) for ch in tok.children):
            c.dropped = True
        elif verbal and any(ch.dep_ in ("xcomp", "ccomp") and ch.lemma_.lower() in cognition for ch in tok.children):
            c.dropped = True
        if c.dropped:
            continue
        # the object or topic of a non-factive trigger is its content, not a separate event
        cur = tok
        for _ in range(5):
            # a conjunct shares its head's role: "to keep the truce and to reopen the roads"
            conj_of_content = cur.dep_ == "conj" and (
                is_infinitive(cur) or (cur.head.dep_ in CONTENT_DEPS and cur.head.i not in by_tok))
            if (cur.dep_ not in CONTENT_DEPS and not conj_of_content) or cur.head.i == cur.i:
                break
            cur = cur.head
            if conj_of_content and cur.i not in by_tok:
                continue
            gov = other_trigger(cur, c)
            if gov is not None:
                if gov.type is not None and gov.type.lower() in nonfactive and gov.type != c.type:
                    c.dropped = True
                break
        if c.dropped:
            continue
        # participles and nouns used as modifiers describe a state or a participant, not an event
        if tok.pos_ == "VERB" and (tok.dep_ == "amod" or (tok.dep_ == "acl" and passive_participle(tok))) and \
                not is_infinitive(tok) and not (tok.dep_ == "acl" and eventive(c)):
            c.weak = True
        elif tok.dep_ in ("compound", "amod") and other_trigger(tok.head, c) is None and not multiword and \
                tok.head.lemma_.lower() not in event_heads:
            c.weak = True
        elif tok.dep_ == "pobj" and tok.head.head.dep_ == "acl" and passive_participle(tok.head.head) and \
                not is_infinitive(tok.head.head):
            c.weak = True
        # an event named in an infinitive of intention ("intention to commit", "seen as licence to commit") did
        # not happen (yet); a purpose clause of a real action ("sent experts to investigate") is left alone
        verb = tok if verbal else (tok.head if tok.dep_ in ("dobj", "nsubjpass") and
                                   tok.head.lemma_.lower() in light else None)
        if verb is not None and is_infinitive(verb) and (
                verb.dep_ in ("acl", "relcl") or (verb.dep_ == "advcl" and (
                    verb.head.lemma_.lower() in cognition or verb.head.lemma_.lower() in characterising))):
            c.weak = True
            c.forced_aux = "hypothetical"
        # "is a massacre" / "regard it as a massacre": a characterisation, i.e. an accusation
        if c.type == "ASSAULT" and tok.pos_ in ("NOUN", "PROPN") and (
                tok.dep_ == "attr" or (tok.dep_ == "pobj" and tok.head.lower_ == "as"
                                       and tok.head.head.lemma_.lower() in characterising)):
            c.type, c.mode, c.acled = "ACCUSE", "disapprove", None


def governing_verb(tok: Any) -> Any:
    """The verb a trigger belongs to: itself when a verb, else its nearest verbal ancestor (or itself)."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return tok


def mark_aux(cand: Candidate, doc: Document, cues: dict[str, frozenset[str]], pub_year: int | None,
             max_year: int | None) -> str | None:
    """Negated, future, hypothetical or historical status of a trigger, from the parse around it."""
    nlp_doc = doc.nlp
    tok = nlp_doc[cand.head]
    verb = governing_verb(tok)
    chain = [tok, verb]
    cur = verb
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "acl"):
            break
        cur = cur.head
        chain.append(cur)
    neg_gov = cues.get("negation_governors", frozenset())
    fut_gov = cues.get("future_governors", frozenset())
    fut_words = cues.get("future_words", frozenset())
    hyp_words = cues.get("hypothetical_words", frozenset())
    hist_words = cues.get("historical_words", frozenset())
    event_nouns = cues.get("event_nouns", frozenset())
    for t in (tok, verb):
        if any(c.dep_ == "neg" for c in t.children) or any(c.lower_ in ("no", "never") and c.dep_ == "det"
                                                             for c in t.children):
            return "negated"
    for t in chain[2:]:
        if t.lemma_.lower() in neg_gov:
            return "negated"
    for t in (tok, verb):
        for c in t.children:
            lower = c.lower_
            if c.dep_ == "aux" and lower in hyp_words:
                return "hypothetical"
            if c.dep_ == "mark" and lower in ("if", "unless", "whether"):
                return "hypothetical"
    # "will investigate the attack that killed ten": a clause in the past says the act named by the noun happened
    told_past = tok.pos_ == "NOUN" and any(c.dep_ in ("relcl", "acl") and c.tag_ in ("VBD", "VBN")
                                           for c in tok.children)
    for t in (tok,) if told_past else (tok, verb):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in fut_words for c in t.children):
            return "future"
    for t in [] if told_past else chain[2:]:
        if t.lemma_.lower() in fut_gov and t.i != tok.i:
            return "future"
        if any(c.dep_ == "aux" and c.lower_ in fut_words for c in t.children):
            return "future"
    if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("upcoming", "planned", "forthcoming", "next", "future",
                                                           "possible", "potential") for c in tok.children):
        return "future" if not any(c.lower_ in ("possible", "potential") for c in tok.children) else "hypothetical"
    # historical: a past year or anniversary attached to the trigger (not merely somewhere in the sentence)
    sent = nlp_doc[cand.start].sent
    if any(t.lemma_.lower() == "anniversary" for t in sent):
        return "historical"
    ago_units = cues.get("ago_units", frozenset())
    if any(c.lower_ == "ago" and any(t.lemma_.lower() in ago_units or t.lower_ in ago_units for t in c.subtree)
           for c in verb.subtree if abs(c.i - tok.i) <= 12):
        return "historical"  # "three weeks ago", "a year ago" (not "nine days ago": a recent act told again)
    if _over_a_period(tok, verb, chain, cues):
        return "historical"
    ref_year = pub_year or max_year
    if ref_year is not None:
        for t in sent:
            if YEAR.fullmatch(t.text) and int(t.text) < ref_year and abs(t.i - tok.i) <= 12 and \
                    dates_trigger(t, tok, verb, event_nouns):
                return "historical"
    if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in hist_words and c.dep_ in ("amod", "compound")
                                             for c in tok.children):
        return "historical"
    return None


def _over_a_period(tok: Any, verb: Any, chain: list[Any], cues: dict[str, frozenset[str]]) -> bool:
    """Whether the trigger totals acts over years ("died during ten years of war", "in the past two years rebels
    killed 300") or tells a past story ("three years later a bomb exploded"): an aggregate, not a new event."""
    units = cues.get("period_units", frozenset())
    preps = cues.get("period_preps", frozenset())
    relative = cues.get("period_relative", frozenset())
    anchors = {t.i for t in chain} | {tok.i, verb.i}
    for t in tok.sent:
        if (t.lemma_.lower() not in units and t.lower_ not in units) or abs(t.i - tok.i) > 12:
            continue
        counted = any(c.dep_ == "nummod" or c.lower_ in ("past", "last", "previous") for c in t.children)
        if not counted:
            continue
        if t.dep_ == "pobj" and t.head.lower_ in preps and (t.head.head.i in anchors or t in tok.ancestors):
            return True
        if t.head.i in anchors and any(p.lower_ in preps for p in t.doc[max(t.sent.start, t.i - 4):t.i]):
            return True  # all-caps parses attach "IN THE PAST THREE YEARS" to the verb directly
        if any(c.lower_ in relative for c in t.children) or (t.head.lower_ in relative and t.head.head.i in anchors):
            return True
    return False


def dates_trigger(year: Any, tok: Any, verb: Any, event_nouns: frozenset[str]) -> bool:
    """Whether a year token dates the trigger itself ("the 2016 war", "attacked in April 2016").

    Walking up from the year, only date words, prepositions and the trigger's own verb may lie between; a year inside
    another noun phrase ("violated the ceasefire established by the Statement of 9 November 2020") dates that noun.
    """
    cur = year
    for _ in range(8):
        if cur.i in (tok.i, verb.i):
            return True
        if cur is not year and cur.pos_ in ("NOUN", "PROPN", "VERB") and cur.ent_type_ != "DATE" and \
                cur.lemma_.lower() not in event_nouns:
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def lemmas(span: Any) -> set[str]:
    """Lower-cased lemmas and forms of a span or token list."""
    out: set[str] = set()
    for t in span:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def has_cue(words: set[str], cues: frozenset[str], text: str) -> bool:
    """Whether any single-word cue is among ``words`` or any multi-word cue occurs in ``text``."""
    for cue in cues:
        if " " in cue or "-" in cue:
            if cue in text:
                return True
        elif cue in words:
            return True
    return False


def argument_words(tok: Any, deps: tuple[str, ...], limit: int = 12) -> set[str]:
    """Lemmas of the subtrees of ``tok``'s children with the given dependency labels (near the trigger)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in deps:
            out |= lemmas(t for t in c.subtree if abs(t.i - tok.i) <= limit)
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "of", "in") and "pobj" in deps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out |= lemmas(t for t in g.subtree if abs(t.i - tok.i) <= limit)
    return out


def resolve_acled(cand: Candidate, doc: Document, lex: TriggerLexicon) -> str | None:
    """Turn a symbolic ACLED hint into a sub-event type using the sentence around the trigger."""
    hint = cand.acled
    if hint is None or not hint.startswith("@"):
        return hint
    cues = lex.acled_cues
    nlp_doc = doc.nlp
    tok = nlp_doc[cand.head]
    sent = tok.sent
    sent_words = lemmas(sent)
    sent_text = sent.text.lower()
    verb = governing_verb(tok)
    if hint == "@protest":
        following = nlp_doc[sent.end:min(len(nlp_doc), sent.end + 60)]
        words = sent_words | lemmas(following)
        text = sent_text + " " + following.text.lower()
        police = bool(words & {"police", "security", "force", "troop", "soldier", "authority", "officer"})
        if police and has_cue(words, cues.get("protest_excessive", frozenset()), text):
            return "Excessive force against protesters"
        if has_cue(words, cues.get("protest_intervention", frozenset()), text):
            return "Protest with intervention"
        if has_cue(sent_words, cues.get("protest_violent", frozenset()), sent_text):
            cand.mode = "riot"
            return "Violent demonstration"
        return "Peaceful protest"
    objects = argument_words(tok, ("dobj", "nsubjpass", "pobj", "attr", "compound", "poss"))
    if verb.i != tok.i:
        objects |= argument_words(verb, ("dobj", "nsubjpass", "pobj"))
    subjects = argument_words(verb, ("nsubj", "agent"))
    if hint in ("@territory", "@seize"):
        if has_cue(objects, cues.get("weapons", frozenset()), " ".join(objects)):
            cand.type, cand.mode = "COERCE", "seize"
            return "Disrupted weapons use"
        if hint == "@seize":
            return None
        if has_cue(objects, cues.get("territory", frozenset()), " ".join(objects)) or any(
                t.ent_type_ in ("GPE", "LOC", "FAC") for t in sent if t.head.i == tok.i or t.head.head.i == tok.i):
            if has_cue(subjects, cues.get("nonstate_forces", frozenset()), " ".join(subjects)):
                return "Non-state actor overtakes territory"
            if has_cue(subjects, cues.get("government_forces", frozenset()), " ".join(subjects)):
                return "Government regains territory"
            return "Non-state actor overtakes territory"
        if has_cue(objects, cues.get("armed", frozenset()) | cues.get("civilian", frozenset()), " ".join(objects)):
            cand.type, cand.mode = "COERCE", "arrest"
            return "Arrests"
        return None
    # @violence: attack on civilians vs armed clash
    armed = cues.get("armed", frozenset())
    civilian = cues.get("civilian", frozenset())
    obj_text = " ".join(objects)
    if has_cue(objects, armed, obj_text):
        return "Armed clash"
    if has_cue(objects, civilian, obj_text):
        return "Attack"
    rest = sent_words - subjects
    if has_cue(rest, armed, sent_text) and has_cue(subjects | rest, armed, sent_text) and not has_cue(
            rest, civilian, sent_text):
        return "Armed clash"
    return "Attack"


def merge_sentence(cands: list[Candidate]) -> None:
    """Drop casualty-only triggers next to real ones and merge same-type triggers of one sentence."""
    strong = [c for c in cands if not c.dropped and not c.weak and c.type is not None and c.entry.role == "event"]
    for c in cands:
        if c.weak and strong:
            c.dropped = True
    cands = [c for c in cands if not c.dropped]
    types_with_event = {c.type for c in cands if c.entry.role == "event" and c.type is not None}
    for c in cands:
        if c.entry.role in ("casualty", "participant") and c.type in types_with_event:
            c.dropped = True
    live = [c for c in cands if not c.dropped]
    if any(c.type is not None for c in live):
        # a sentence with a conflict or political event does not also carry a disaster or crime event
        for c in live:
            if c.type is None:
                c.dropped = True
    live = [c for c in live if not c.dropped]
    by_key: dict[tuple[str | None, str | None], Candidate] = {}
    for c in live:
        same = [k for k in by_key if k[0] == c.type and (k[1] is None or c.mode is None or k[1] == c.mode)]
        if not same:
            by_key[(c.type, c.mode)] = c
            continue
        keep = by_key[same[0]]
        c.dropped = True
        if keep.mode is None and c.mode is not None:
            keep.mode = c.mode
            if c.acled is not None:
                keep.acled = c.acled
            del by_key[same[0]]
            by_key[(keep.type, keep.mode)] = keep
        if c.acled is not None and (keep.acled is None or (keep.acled.startswith("@") and not c.acled.startswith("@"))):
            keep.acled = c.acled
        keep.confidence = max(keep.confidence, c.confidence)


def merge_nominal_references(cands: list[Candidate], doc: Document) -> None:
    """Merge "the attack" / "this attack" (and bare "casualties") into an event of the same type coded shortly before.

    The window counts from the event's latest mention, so a chain of references ("the attack" ... "the killing" ...
    "the infiltration") stays one event.
    """
    seen: list[Candidate] = []
    last_mention: dict[int, int] = {}
    for c in cands:
        if c.dropped:
            continue
        tok = doc.nlp[c.head]
        nominal = tok.pos_ in ("NOUN", "PROPN")
        definite = nominal and any(ch.lower_ in DEFINITE and ch.dep_ in ("det", "poss") for ch in tok.children)
        bare_casualty = nominal and c.entry.role == "casualty" and not any(
            ch.dep_ == "nummod" or ch.like_num for ch in tok.children)
        if definite or bare_casualty:
            for prev in reversed(seen):
                latest = last_mention.get(id(prev), prev.sent)
                if prev.type == c.type and 0 <= c.sent - latest <= NOMINAL_WINDOW and (
                        not prev.mode or not c.mode or prev.mode == c.mode):
                    if c.mode and not prev.mode:
                        prev.mode = c.mode
                    if c.acled and (not prev.acled or prev.acled.startswith("@")) and not c.acled.startswith("@"):
                        prev.acled = c.acled
                    c.dropped = True
                    c.nominal_ref = True
                    last_mention[id(prev)] = c.sent
                    break
        if not c.dropped:
            seen.append(c)


def context_of(cand: Candidate, words: set[str], lex: TriggerLexicon) -> list[str]:
    """PLOVER contexts suggested by the sentence's words."""
    ctx: list[str] = []
    if words & {"terrorist", "terrorism", "terror", "jihadist", "isis", "isil", "al-qaeda", "al-shabaab", "boko"}:
        ctx.append("terrorism")
    if cand.type in ("ASSAULT", "MOBILIZE", "THREATEN") and words & lex.acled_cues.get("armed", frozenset()):
        ctx.append("military")
    if words & {"election", "vote", "ballot", "poll", "candidate", "campaign"}:
        ctx.append("election")
    if words & {"minister", "ministry", "embassy", "ambassador", "diplomat", "diplomatic", "foreign"}:
        ctx.append("diplomatic")
    if words & {"court", "judge", "lawsuit", "prosecutor", "verdict", "trial"}:
        ctx.append("legal")
    if words & {"drug", "cartel", "gang", "smuggling", "trafficking", "robbery", "fraud", "corruption"}:
        ctx.append("crime")
    if words & {"refugee", "migrant", "asylum", "border"}:
        ctx.append("migration")
    if words & {"aid", "humanitarian", "relief", "food"}:
        ctx.append("humanitarian")
    return ctx


@dataclass(slots=True)
class EventsStage:
    """Detects and types every event mention of a parsed document."""

    codebooks: Codebooks
    index: TriggerIndex
    classifier: EventClassifier | None
    name: str = "eventsift.extract.events.v1"
    requires: tuple[str, ...] = ("parse",)
    provides: tuple[str, ...] = ("events",)

    def __call__(self, doc: Document) -> None:
        """Replace ``doc.events`` with the events found in the text."""
        doc.events = detect_events(doc, self.codebooks, self.index, self.classifier)


def detect_events(doc: Document, codebooks: Codebooks, index: TriggerIndex,
                  classifier: EventClassifier | None) -> list[Event]:
    """Find, type, mark and rank every event mention of ``doc`` (which must be parsed)."""
    if doc.nlp is None or not doc.clean.strip():
        return []
    live = lexicon_candidates(doc, codebooks, index)
    if classifier is not None:
        live = apply_classifier(doc, live, codebooks, classifier)
    sents = list(doc.nlp.sents)
    return [to_event(c, doc, codebooks, sents) for c in live]


def apply_classifier(doc: Document, live: list[Candidate], codebooks: Codebooks,
                     classifier: EventClassifier) -> list[Candidate]:
    """Let the classifier re-rank and re-type the lexicon's events, or create one when the lexicon found none.

    Texts longer than :data:`SNIPPET_SENTENCES` are classified on their lead, and only snippets may be re-typed.

    A created event sits on the root of the first sentence, carries the classifier's PLOVER type and CASE label
    (``plover.type`` ``None`` for a disaster or crime label that out-scores every PLOVER type) and a confidence
    scaled down by :data:`CREATED_FACTOR`; below :data:`CREATE_MIN` nothing is created.
    """
    # a whole news story is not the snippet the classifier learned from: it reads the lead and re-types nothing
    sents = list(doc.nlp.sents) if doc.nlp is not None else []
    snippet = len(sents) <= SNIPPET_SENTENCES
    text = doc.clean if snippet else doc.clean[:sents[SNIPPET_SENTENCES - 1].end_char]
    lead = live if snippet else [c for c in live if c.sent < SNIPPET_SENTENCES]
    if not live and doc.nlp is not None and len(doc.nlp):
        p_case, p_plover = classifier.predict(text, [])
        best = max(p_plover, key=lambda k: p_plover[k])
        label = max(p_case, key=lambda k: p_case[k])
        if max(p_plover[best], p_case[label]) < CREATE_MIN:
            return live
        non_political = label in codebooks.acled.case_non_acled and not codebooks.acled.compatible.get(label)
        ptype = None if non_political and p_case[label] >= p_plover[best] else best
        first = next(iter(doc.nlp.sents))
        root = first.root
        entry = TriggerEntry(terms=(), type=ptype, mode=None, acled=None, case=label if non_political else None,
                             weight=max(p_plover[best], p_case[label]), role="event", pos=frozenset())
        live = [Candidate(0, root.i, root.i + 1, root.i, entry, ptype, None, None if non_political else label,
                          confidence=CREATED_FACTOR * entry.weight)]
    if live:
        classifier.rerank(text, live, codebooks, features=lead, retype=snippet)
    return live


def lexicon_candidates(doc: Document, codebooks: Codebooks, index: TriggerIndex) -> list[Candidate]:
    """The lexicon's event mentions of a parsed document: merged, aux-marked, ACLED-resolved, with confidences."""
    lex = codebooks.triggers
    cands = find_candidates(doc, index)
    apply_syntax_rules(cands, doc, lex)
    cands = [c for c in cands if not c.dropped]
    by_sent: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    for group in by_sent.values():
        merge_sentence(group)
    merge_nominal_references(cands, doc)
    live = [c for c in cands if not c.dropped]
    if any(c.type is not None for c in live):
        live = [c for c in live if c.type is not None]
    else:
        # a text that is only about a disaster or crime: keep one event, the first
        live = live[:1]
    pub_year = doc.source.published.year if doc.source.published else None
    years = [int(y) for y in YEAR.findall(doc.clean)]
    max_year = max(years) if years else None
    for c in live:
        c.aux = mark_aux(c, doc, lex.aux_cues, pub_year, max_year) or c.forced_aux
        c.acled = resolve_acled(c, doc, lex)
        position = 1.0 - 0.15 * min(c.sent, 10) / 10
        c.confidence = c.entry.weight * position * AUX_FACTOR.get(c.aux or "", 1.0) * (WEAK_FACTOR if c.weak else 1.0)
    return live


def to_event(cand: Candidate, doc: Document, codebooks: Codebooks, sents: list[Any]) -> Event:
    """Build the model :class:`Event` for a candidate, with original-text spans."""
    nlp_doc = doc.nlp
    sent = sents[cand.sent]
    s_start, s_end = doc.to_original(sent.start_char, sent.end_char)
    span = nlp_doc[cand.start:cand.end]
    t_start, t_end = doc.to_original(span.start_char, span.end_char)
    acled: Acled | None = None
    label = cand.acled
    if label is None and cand.entry.case is not None:
        label = cand.entry.case
    if label is not None and codebooks.acled.is_label(label):
        acled = Acled(codebooks.acled.event_type(label), label)
    words = lemmas(sent)
    cameo = codebooks.crosswalk.cameo(cand.type, cand.mode, acled.sub_event_type if acled else None)
    plover = Plover(cand.type, cand.mode, context_of(cand, words, codebooks.triggers), cand.aux)
    return Event(
        plover=plover,
        evidence=Evidence(doc.text[s_start:s_end], (s_start, s_end)),
        sentence=cand.sent,
        trigger=(t_start, t_end),
        acled=acled,
        cameo=cameo,
        confidence=round(min(1.0, max(0.0, cand.confidence)), 4),
        head=cand.head,
    )


def load_trigger_index(config: Any) -> TriggerIndex:
    """Resources loader: the indexed trigger lexicon."""
    return TriggerIndex.build(load_codebooks(config).triggers)


def create_events(resources: Resources) -> EventsStage:
    """Factory registered as ``eventsift.extract.events.v1``."""
    codebooks = resources.get("codebooks", load_codebooks)
    index = resources.get("event_trigger_index", lambda config: TriggerIndex.build(codebooks.triggers))
    classifier = resources.get("event_classifier", load_event_classifier)
    return EventsStage(codebooks, index, classifier)
