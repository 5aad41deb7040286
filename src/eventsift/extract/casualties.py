"""Count people killed, injured, arrested (and abducted or missing) in the sentences that report a violent event.

Mentions are found per sentence with patterns built from the versioned lexicons ``data/casualties.json`` and
``data/numbers.json`` (case-insensitive, so all-caps wire text works): passives ("three police officers were killed",
"two soldiers and three attackers were killed"), actives and gerunds ("killing 12", "wounded two others"), results
("left 5 dead"), nominal counts ("one dead terrorist", "14 deaths"), tolls ("the death toll rose to 14", which replaces
the running count), additions ("another was wounded" adds one), zeros ("no one was hurt") and deaths of people already
counted ("the man later died" moves one from injured to killed). Vague quantities follow ACLED ("dozens" = 12).
People "shot" or "struck" (and a lone victim "hurt" in a sentence naming no dead) count as injured only beyond the
dead, since news reports often describe the victim who died as shot first, unless the clause says they live ("were
shot and are in stable condition", "recovering") or they are told apart from the dead ("a man was killed and his son
was shot", "her boyfriend was also shot" after the deaths, "the other three victims"); "fatally shot" and "the fatal
shooting of" are killings. With a parse, named victims are counted
too ("Castellar was found dead", "the murder of X", "the murder on 5 May of X", "the body of X" - one per conjoined
proper name; killed, abducted, arrested only), companions count with the victims ("X was killed along with two aides"
is three),
and lists of victims are counted item by item, a description between commas being the person it follows ("X, a local
judge, and his two bodyguards" are three; "the murder of rector X, five other priests and two women" eight; but "X,
his wife, and two others" four), unless the items tell apart the people counted first ("three reporters, two locals
and a foreigner" are three). A person
"also" killed in a later sentence is one more victim; some of the people shot who "died" are killed, the rest injured.

An event takes the counts of its own sentence and of the following sentences that continue it (up to
:data:`CONTINUATION_SENTENCES`, stopping at the sentence of the next event that takes counts: a statement or a
condemnation in between does not end the report of the incident); a count restated in a later sentence is not
added again (the larger figure wins). Background is skipped: a count whose nearest time expression is over a year
before publication, a count next to a non-day period ("the eighth child this year") in a later sentence, and later
sentences with a historical marker ("last year").
Extension beyond ``Casualties.killed/injured/arrested``: abducted and missing counts, and every count by side, are kept
in ``Casualties.per_side`` as ``{"field", "count", "who", "span"}`` and their spans under ``spans["abducted"]`` etc.

Incidents: a count belongs to one incident. Events in the same sentence share its counts (same scope). A violent event
whose own sentences state no count is taken as another mention of the report's incident ("the attack", "the massacre",
"condemned the assassination") and shares that incident's totals: the counts of the first violent event in the
document that states any, provided their dates are compatible (overlapping with the same precision, or either one not
stated in the text). Then ACLED's convention applies: a violent event whose report states no deaths (injuries) gets
killed (injured) = 0. Future, hypothetical and negated events never share another event's counts (an attempt or a
threat harmed no one unless its own sentences say so). An accusation, charge or investigation (PLOVER ACCUSE) or a
condemnation (REJECT) whose sentence reports a violent act ("police are searching for a man accused of shooting two
teens", "the union condemned the murder of two teachers") is about that incident and carries its counts the same way;
other non-violent events carry none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from eventsift.config import Config
from eventsift.datafiles import read_shipped_json
from eventsift.extract.quantities import NumberLexicon, load_number_lexicon
from eventsift.model import Casualties, Document, Event, Sentence, When
from eventsift.resources import Resources

CASUALTIES_FILE = "casualties.json"
CONTINUATION_SENTENCES = 20
HISTORICAL_DAYS = 365
FIELDS: tuple[str, ...] = ("killed", "injured", "arrested", "abducted", "missing")
TALLIED: tuple[str, ...] = (*FIELDS, "hurt")  # "hurt": shot or struck, not said to be wounded or killed
VIOLENT_PLOVER = frozenset({"ASSAULT", "COERCE"})
#: Coercion that lays no hand on anyone (a blockade, a curfew, a ban, censorship): no toll is assumed, only counted.
NO_TOLL_MODES = frozenset({"restrict", "ban", "censor", "cyber"})
# accusations, charges, investigations and condemnations: about a violent act, they carry the counts of the incident
# they are about ("the government condemned the murder of two judges")
ACCUSING_PLOVER = frozenset({"ACCUSE", "REJECT"})
THREAT_PLOVER = frozenset({"THREATEN"})
INTRANSITIVE_DEATHS = frozenset({"died", "perished"})
ALMOST = frozenset({"almost", "nearly"})  # "was almost killed": not killed
SUPERSEDED = frozenset({"died", "set", "add"})  # pattern counts a parse naming more people replaces (not "aged": exact)
HARMED = frozenset({"killed", "injured", "hurt"})
GENERIC_VICTIMS = frozenset({"victim", "people", "person", "dead", "casualty"})
QUOTES = ('"', "“", "”")
DESCRIPTION = re.compile(r"\s*,\s*(?:(?:the|a|an|former|then)\s+)?(?P<word>[\w'’-]+)", re.IGNORECASE)
RELATIVES = frozenset({"who", "whom", "that"})  # a relative pronoun stands for the people named before it
ALSO = re.compile(r"\balso\b", re.IGNORECASE)
#: a fatal adverb or adjective right before a verb of hurting ("was fatally shot", "the fatal shooting of")
#: the rest of a clause says the people shot will live ("were shot and are expected to survive", "in stable
#: condition"; not "in critical condition": such victims often die later in the story)
ALIVE = re.compile(r"\b(?:non[\s-]?life[\s-]threatening|not\s+life[\s-]threatening"
                   r"|expected\s+to\s+(?:survive|recover|live|be\s+(?:ok|okay|fine))|recovering"
                   r"|(?:stable|fair|good)\s+condition|survived|released\s+from)\b", re.IGNORECASE)
#: how far after a count of the dead a count of people shot is taken for other people ("a man was killed and his son
#: was shot"), in characters
OTHERS_SHOT_GAP = 60
#: "to death", "dead" right after a verb of hurting ("shot to death", "shot dead")
DEAD_AFTER = re.compile(r"\s*(?:to\s+death|dead)\b", re.IGNORECASE)
#: a sentence that sums several incidents ("six people were shot in three separate shootings", "20 people wounded
#: across the city"): its counts are no one incident's
AGGREGATE = re.compile(r"\b(?:separate|unrelated|different|multiple)\s+(?:shootings|incidents|attacks|stabbings)\b"
                       r"|\bacross\s+the\s+city\b|\bcity-?wide\b", re.IGNORECASE)
GUNSHOT = re.compile(r"\bgunshot\b", re.IGNORECASE)
#: wounds that do not kill ("non-life-threatening gunshot wounds", "a graze wound")
MILD = re.compile(r"\b(?:non-?|not\s+)life[\s-]threatening|\bminor\b|\bgraze\b|\bsuperficial\b", re.IGNORECASE)
OTHER_BEFORE = re.compile(r"\bother\s+$", re.IGNORECASE)
FATAL_BEFORE = re.compile(r"\b(?:fatally|mortally|fatal|deadly)\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)

PRONOUN = re.compile(r"he|she|him|her", re.IGNORECASE)
#: one capitalised name (with an optional description between commas) as the subject of "was" right before a verb
LONE_SUBJECT = re.compile(r"(?<![\w'’.-])(?P<name>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,3})"
                          r"(?:\s*,[^,.;]{1,60},)?\s+was\s+(?:[\w'’-]+\s+){0,2}$")
#: a person named by a relation to someone just named ("his wife", "her two sons")
KIN = re.compile(r"(?:his|her|their)\s", re.IGNORECASE)
OTHERS = re.compile(r"\bothers?\b", re.IGNORECASE)
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
AGE = re.compile(r"\b(?:\d+|[a-z]+)[\s-]years?[\s-]old\b", re.IGNORECASE)
VIOLENT_ACLED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
HURT_VERBS = frozenset({"shot", "stabbed", "struck", "hit", "beaten", "grazed", "shooting", "stabbing", "hitting",
                        "striking"})
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH_NAMES = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
                r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTHS = rf"(?:{_MONTH_NAMES})\b"
#: what joins the items of a list of victims ("X, Y and Z", "X as well as two aides", "X, along with his driver")
_LIST_JOINER = r"(?:,\s*(?:and|as\s+well\s+as|plus|along\s+with|together\s+with)|,|and|as\s+well\s+as|plus)"
_PLURALS = frozenset({"men", "women", "children", "people", "police", "staff", "crew", "army", "kids"})

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_CATEGORY = {
    "type": "object",
    "required": ["verbs", "gerunds", "adjectives", "nouns", "toll_nouns"],
    "properties": {k: _WORDS for k in ("verbs", "gerunds", "adjectives", "nouns", "toll_nouns")},
    "additionalProperties": False,
}
CASUALTIES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "categories", "persons", "subset_markers", "additive_markers", "negations",
                 "death_verbs", "fatal_words", "historical_markers", "name_stop_words", "multiples", "body_nouns"],
    "properties": {
        "version": {"type": "string"},
        "description": {"type": "string"},
        "categories": {"type": "object", "required": list(FIELDS),
                       "properties": {f: _CATEGORY for f in FIELDS}, "additionalProperties": False},
        **{k: _WORDS for k in ("persons", "subset_markers", "additive_markers", "negations", "death_verbs",
                               "fatal_words", "historical_markers", "name_stop_words", "body_nouns")},
        "multiples": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 2}},
    },
    "additionalProperties": False,
}


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """The casualty words, as loaded from ``data/casualties.json``."""

    categories: dict[str, dict[str, list[str]]]
    persons: tuple[str, ...]
    subset_markers: tuple[str, ...]
    additive_markers: frozenset[str]
    negations: tuple[str, ...]
    death_verbs: tuple[str, ...]
    fatal_words: tuple[str, ...]
    historical_markers: tuple[str, ...]
    name_stop_words: tuple[str, ...]
    multiples: dict[str, int]
    body_nouns: tuple[str, ...]


def load_casualty_lexicon(config: Config) -> CasualtyLexicon:
    """Load and check ``data/casualties.json`` (``config`` is unused: the lexicon is not user-configurable)."""
    del config
    data = read_shipped_json(CASUALTIES_FILE, schema=CASUALTIES_SCHEMA)
    return CasualtyLexicon(
        categories=data["categories"], persons=tuple(dict.fromkeys(data["persons"])),
        subset_markers=tuple(data["subset_markers"]), additive_markers=frozenset(data["additive_markers"]),
        negations=tuple(data["negations"]), death_verbs=tuple(data["death_verbs"]),
        fatal_words=tuple(data["fatal_words"]), historical_markers=tuple(data["historical_markers"]),
        name_stop_words=tuple(data["name_stop_words"]), multiples={k.lower(): v for k, v in data["multiples"].items()},
        body_nouns=tuple(data["body_nouns"]),
    )


@dataclass(slots=True)
class Mention:
    """One count in one sentence: ``mode`` is "set" (a count), "aged" (one person told apart by age), "add" (more
    people), "total" (a toll), "zero", "ref" (a reference to one victim), "died" (people counted as hurt died) or "with"
    (companions of the victims: "X was killed along with two aides", counted like "set")."""

    field: str
    count: int
    start: int
    end: int
    mode: str = "set"
    who: str | None = None


@dataclass(slots=True)
class _Tally:
    value: int | None = None
    span: tuple[int, int] | None = None
    sides: list[Mention] = field(default_factory=list)
    if_alive: bool = False  # the count is of people shot or struck whose fate is not told


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class CasualtyFinder:
    """Finds casualty mentions in a sentence."""

    def __init__(self, lexicon: CasualtyLexicon, numbers: NumberLexicon) -> None:
        self.lexicon = lexicon
        self.numbers = numbers
        self._person_words = frozenset(p.lower().split()[-1] for p in lexicon.persons)
        flags = re.IGNORECASE
        qual = (r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|as\s+many\s+as"
                r"|an\s+estimated|approximately|roughly|another|a\s+further|an\s+additional|a\s+total\s+of|all|the"
                r"|his|her|their|its)\s+)*")
        num = rf"(?:{numbers.pattern}|an?|one|another|his|her|a\s+couple\s+of|a\s+dozen)"
        persons = rf"(?:{_alt(lexicon.persons)}|(?:\d+|[a-z]+)[\s-]years?[\s-]old)"
        singular = _alt(p for p in lexicon.persons if not p.endswith("s") and p not in _PLURALS)
        # a word inside a victim phrase: never a verb of the clause or a number ("a home left four people dead")
        modifier = (r"(?:(?!(?:was|were|is|are|have|has|had|and|or|but|who|which|that|by|in|on|at|left|leaving|leaves"
                    rf"|after|when|killing|wounding)\b)(?!(?:{numbers.pattern})\s)(?!\d+\s)[\w'’-]+(?:\.[\w'’-]+)*\.?\s+)")
        # not an age, a time, a day of a month ("the massacre of 16 November") or a repetition ("shot her three times")
        not_age = (rf"(?![\w'’-])(?!\s*(?:years?|yrs?|[ap]\.?m|{_MONTH_NAMES}|times|rounds|shots|bullets"
                   r"|days|hours|weeks|months|minutes)\b)")
        # "two members of his escort", "a driver for the ride-sharing service": who the people are
        # (greedy, but never across a list joiner or a verb: "the mayor of the small town of X, as well as two ...")
        party_word = (r"(?!(?:and|or|as|plus|but|who|whom|which|that|were|was|is|are|had|has|have|in|on|at|by|with"
                      r"|after|when|during|while)\b)[(\[]?[\w'’-]+[)\]]?")  # (an acronym: "(IDB)", "[IDB]")
        of_party = (rf"(?:\s+(?:of|for|from|at)\s+(?:the|his|her|their|its|a|an)\s+(?:{party_word}\s+){{0,3}}"
                    rf"{party_word})?")
        # "a man in his 40s", "two women in their 20s": an age range belongs to the people counted
        in_age = r"(?:\s+in\s+(?:his|her|their)\s+(?:early\s+|mid[\s-]|late\s+)?(?:teens|\d0['’]?s))?"
        group = (rf"(?<![\w'’-])(?<!no\s)(?:(?P<q>{qual})(?P<n>{num}){not_age}(?:\s+(?P<who>{modifier}{{0,4}}?"
                 rf"(?:{persons})(?![\s-]+(?:{persons})\b){of_party}{in_age}|others?"
                 rf"|more))?|(?P<ref>(?:the|this|that|(?!(?:it|that|there|here|what|who|he|she)['’]s)[\w-]+['’]s)\s+"
                 rf"{modifier}{{0,3}}?(?:{singular})(?!['’]s\b){of_party}|he|she|him|her|"
                 rf"(?:\d+|[a-z]+)-year-old(?:\s+{modifier}{{0,3}}?(?:{singular}))?))(?:\b|(?<=[)\]]))")
        self._group = re.compile(group, flags)
        # a breakdown set off by dashes or brackets inside a victim list ("six priests -- five Spaniards and one
        # Salvadoran -- and two women"): read without it, the list is whole and nobody is counted twice
        self._breakdown = re.compile(
            rf"(?<=[a-z])\s*(?P<open>--|—|–|\()\s*(?:{numbers.pattern})\s+[^-—–()\n.;]{{1,60}}?\s*(?:--|—|–|\))"
            rf"(?=\s+(?:and|or|as\s+well\s+as|were|was|are|is|had|have|died)\b)", flags)
        group_nc = re.sub(r"\?P<\w+>", "?:", group)
        aux = (r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|get|been|being|"
               r"(?:may|might|could|must|would)\s+have\s+been)\s+)"
               r"(?:(?:reportedly|also|allegedly|critically|seriously|fatally|slightly|badly|later|all|both|each|"
               r"reported|confirmed|believed|said|to\s+have\s+been|to\s+be|initially|apparently|eventually|then|"
               r"subsequently|mortally|gravely|severely|lightly|found|left|listed|later|accidentally)\s+)*")
        self._verbs: dict[str, str] = {}
        passive_alts, active_alts, adjective_alts, noun_alts, toll_alts = [], [], [], [], []
        for name, words in lexicon.categories.items():
            for verb in words["verbs"]:
                self._verbs.setdefault(" ".join(verb.lower().split()), name)
            for word in words["gerunds"] + words["adjectives"]:
                self._verbs.setdefault(" ".join(word.lower().split()), name)
            passive_alts.extend(words["verbs"] + words["adjectives"])
            active_alts.extend(words["verbs"] + words["gerunds"])
            adjective_alts.extend(words["adjectives"])
            noun_alts.extend(words["nouns"])
            toll_alts.extend(words["toll_nouns"])
        self._adjective_field = {a.lower(): n for n, w in lexicon.categories.items() for a in w["adjectives"]}
        self._noun_field = {a.lower(): n for n, w in lexicon.categories.items() for a in w["nouns"]}
        self._toll_field = {a.lower(): n for n, w in lexicon.categories.items() for a in w["toll_nouns"]}
        groups = rf"(?P<groups>{group_nc}(?:\s*{_LIST_JOINER}\s+{group_nc})*)"
        self._passive = re.compile(
            rf"{groups}(?:\s+(?:named|identified\s+as)\s+(?:[\w'’.-]+\s+){{0,3}}?[\w'’.-]+)?"
            rf"(?:\s*(?:,|--|—|–)[^,.;]{{0,60}}?(?:,|--|—|–))?\s+(?:who\s+)?(?:(?:also|later|reportedly)\s+)?"
            rf"(?:(?:is|was|are|were)\s+(?:[\w'’-]+\s+){{0,8}}?(?:after|from|following)\s+being\s+|{aux})"
            rf"(?P<verb>{_alt(passive_alts)})\b", flags)
        self._reduced = re.compile(
            rf"{groups}\s+(?:(?:reportedly|allegedly|fatally|critically|seriously|also|badly|slightly|gravely|severely"
            rf"|mortally|lightly)\s+)?(?P<verb>killed|slain|shot\s+dead|shot\s+and\s+killed|shot\s+to\s+death|gunned\s+down|"
            rf"stabbed\s+to\s+death|beaten\s+to\s+death|found\s+dead|"
            rf"murdered|wounded|injured|hurt|dead|shot(?=\s+and\s+(?:are|is|was|were|remains?|died)\b))"
            rf"(?=\s*[,.;:]|\s+(?:in|during|at|on|after|when|while|and|near|outside|inside|by|today|tonight|"
            rf"as|early|late|last|this|yesterday|overnight|since|following|{_WEEKDAYS})\b)", flags)
        # a proper name in a list after the verb ("the murder of rector X Y, five other priests and two women"): up
        # to seven capitalised words, none a function, time, number or casualty word, the last not a person noun
        stop = _alt([*lexicon.name_stop_words, *numbers.units, *numbers.tens, *numbers.scales, *numbers.vague,
                     *self._verbs,
                     *(w for words in lexicon.categories.values() for w in words["verbs"] + words["adjectives"])])
        word = rf"(?!(?:{stop})\b)(?-i:[A-Z][\w'’-]*(?:\.[\w'’-]+)*)"
        # (truecased wire text keeps some names lower case: "the murder of roberto armando Rivera")
        lower = rf"(?!(?:{stop})\b)(?-i:[a-z][\w'’-]*)"
        name_item = (rf"(?<![\w'’.-])(?:(?:{lower}|{word})\s+){{0,7}}(?!(?:{_alt(lexicon.persons)})\b){word}"
                     rf"(?![\w'’-])")
        self._item = re.compile(rf"{group}|(?P<name>{name_item})", flags)
        item = rf"(?:{group_nc}|{name_item})"
        named = rf"(?P<groups>{item}(?:\s*{_LIST_JOINER}\s+{item})*)"
        # "X was killed near his home, along with two of his bodyguards": the companions are victims too
        self._along = re.compile(
            rf"\b(?P<verb>{_alt(passive_alts)})\b[^.;:]{{0,80}}?\b(?:along|together)\s+with\s+{named}", flags)
        # "three soldiers and two civilians died": a list of people who died (one count alone may be of people
        # already counted as hurt, see _deaths)
        self._died_list = re.compile(
            rf"(?P<groups>{group_nc}(?:\s*(?:,\s*and|,|and)\s+{group_nc})+)\s+(?:(?:later|also|all)\s+)?"
            rf"(?P<verb>died|perished)\b", flags)
        # "the murder on 12 March of X", "the killing on the evening of 3 May of X": a day between noun and victim
        on_day = (rf"(?:on\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:(?:{_WEEKDAYS}),?\s+)?"
                  rf"(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}}|(?:{_WEEKDAYS}))"
                  r"|(?:during|over|in)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:hours|days|weeks)"
                  r"|yesterday|today|last\s+(?:night|week)|this\s+(?:morning|week))")
        self._of = re.compile(
            rf"\b(?P<verb>deaths?|killings?|murders?|slayings?|assassinations?|massacres?|executions?|shooting\s+deaths?|"
            rf"shooting|stabbing|"
            rf"wounding|injuring|arrests?|"
            rf"detention|abduction|kidnapping)(?:\s+{on_day})?\s+of\s+{named}", flags)
        # "the assassinations in July at San Pedro Sula: X, Y and Z": the victims listed after a colon; "condemn the
        # murders in the country, especially that of senator X": the victim of the killing "that" stands for
        self._colon = re.compile(
            rf"\b(?P<verb>deaths|killings|murders|slayings|assassinations|massacres|executions)\b[^.:;]{{0,80}}?"
            rf"(?::\s*|\b(?:that|those)\s+of\s+){named}", flags)
        # "the bodies of two farmers", "the body of X": the dead
        # (after a determiner: not "a body of troops")
        self._bodies = re.compile(
            rf"\b(?:the|his|her|their)\s+(?P<verb>{_alt(lexicon.body_nouns)})\s+of\s+{named}", flags)
        self._active = re.compile(
            # (not a relative clause after a gerund: "a shooting that killed a boy" is the boy's killing)
            # (nor across a line break: "Girl, 4, shot\n\nHer mother and sister were home")
            rf"\b(?P<verb>{_alt(active_alts)})(?![^\S\n]*\n)\s+(?!(?:that|which|who)\s){named}", flags)
        self._bare_active = re.compile(
            rf"\b(?P<verb>{_alt(active_alts)})\s+(?P<q>{qual})(?P<n>\d+|{numbers.pattern})(?=\s*(?:[,.;:)]|and\b|$))",
            flags)
        self._left = re.compile(
            rf"\b(?:(?:left|leaving|leaves|leave|with)\s+(?:[^.;]{{0,40}}?\b(?:dead|killed|injured|wounded|hurt)\s+and\s+)?)"
            rf"(?<=\s)(?P<q>{qual})(?P<n>{num})\s+(?:(?:other\s+)?(?P<who>{persons})\s+|others\s+)?"
            r"(?:\([^()]{0,60}\)\s+)?"
            rf"(?P<adj>{_alt(adjective_alts)})\b(?<=\S)", flags)
        # "left a 16-year-old boy in serious condition", "two women were taken to hospital": alive and hurt
        self._hospital = re.compile(
            rf"(?:\b(?:left|leaving|leaves)\s+(?P<q>{qual})(?P<n>{num})\s+(?:{modifier}{{0,3}}?(?:{persons})\s+)?"
            rf"in\s+(?:the\s+)?(?:hospital|(?:\w+\s+){{0,2}}condition)"
            rf"|\b(?:sent|sending|sends)\s+(?P<q2>{qual})(?P<n2>{num})\s+(?:{modifier}{{0,3}}?(?:{persons})\s+)?"
            rf"to\s+(?:the\s+|a\s+|an\s+|area\s+|local\s+|nearby\s+)*hospitals?"
            rf"|{groups}\s+(?:were|was|have\s+been|has\s+been)\s+(?:(?:also|later|all|both)\s+)?"
            rf"(?:taken|transported|rushed|airlifted|flown|hospitali[sz]ed)\b"
            # (not "was taken out of the house", "taken away", "taken hostage": no one hurt)
            rf"(?!\s+(?:out|away|from|back|home|off|hostage|prisoner|captive|aside)\b)"
            rf"(?!\s+(?:(?:in)?to|in)\s+(?:police\s+|federal\s+)?(?:custody|jail|prison|police\s+headquarters|(?:police\s+)?station)))",
            flags)
        self._nominal = re.compile(
            rf"(?<![\w-])(?P<q>{qual})(?P<n>{numbers.pattern}|one|another)\s+(?:(?P<who>{persons})\s+)?"
            rf"(?P<adj>{_alt(adjective_alts)})"
            rf"\b(?!\s+(?:by|in\s+the|with))(?!\s+{aux})", flags)
        # "two gunmen killed a farmer": the participle takes an object, the people before it are the killers
        self._takes_object = re.compile(
            rf"\s+(?:(?i:a|an|the|his|her|their|its|him|them|several|some|{numbers.pattern})\b"
            rf"|(?!(?i:{_WEEKDAYS}|{_MONTH_NAMES})\b)[A-Z][a-z]+)")
        self._noun = re.compile(
            rf"(?<![\w-])(?<!no\s)(?P<q>{qual})(?P<n>{numbers.pattern})\s+"
            rf"(?:(?!(?:{numbers.pattern}|and|or|but|was|were|is|are|has|have|had|been|being|of|the|a|an|to|in|on|at"
            rf"|by|for|with|who|which|that)\b)[a-z]+\s+){{0,2}}?"
            rf"(?P<noun>{_alt(noun_alts)})\b", flags)
        self._toll = re.compile(
            rf"\b(?P<noun>{_alt(toll_alts)})\s+(?:[\w'’]+\s+){{0,4}}?(?:to|at|of|is|was|reached|hit|stood\s+at|"
            rf"stands\s+at|climbed\s+to|rose\s+to)\s+(?P<q>{qual})(?P<n>{numbers.pattern})\b", flags)
        self._death = re.compile(
            rf"\b(?:(?P<n>{num})\s+(?:{modifier}{{0,4}}?(?:{persons})|of\s+(?:them|those|(?:the|his|her|their)\s+\w+)|"
            rf"(?:later|subsequently|eventually|afterwards)(?=\s))|he|she|the\s+(?:{modifier}{{0,3}}?)(?:{persons})"
            # (not across another subject: "three people were hurt and a teenager died" is one death)
            rf"|victim)\s+(?:(?!and\s+(?:a|an|the|his|her|their|another|{numbers.pattern})\s)[\w'’-]+\s+){{0,8}}?"
            rf"(?:{_alt(lexicon.death_verbs)})\b", flags)
        # "one of the five people hurt in the shooting on Sunday night has died": of people counted as hurt
        self._one_of_died = re.compile(
            rf"\b(?P<n>{num})\s+of\s+(?:the\s+|those\s+)?(?:{numbers.pattern})\s+(?:{modifier}{{0,2}}?)(?:{persons})"
            rf"\s+(?:[\w'’-]+\s+){{0,14}}?(?:{_alt(lexicon.death_verbs)})\b", flags)
        # "a double shooting", "the triple stabbing": that many people hurt
        self._multiple = re.compile(rf"\b(?P<mult>{_alt(lexicon.multiples)})[\s-]+(?:shooting|stabbing)s?\b", flags)
        self._zero = re.compile(
            rf"\b(?:no\s+one|nobody|none|no\s+(?:other\s+)?(?:{persons}))\s+(?:else\s+)?(?:of\s+[\w\s]{{0,20}}?)?"
            rf"(?:{aux})(?:immediately\s+)?(?:reported\s+)?(?P<verb>{_alt(passive_alts)})\b"
            rf"|\b(?:no|without|neither|nor)\s+(?:immediate\s+|serious\s+|other\s+|reported\s+)?"
            rf"(?P<noun>casualties|injuries|deaths|fatalities|arrests|one\s+(?:was\s+)?(?:hurt|injured|killed))\b",
            flags)
        self._subset = re.compile(rf"(?:{_alt(lexicon.subset_markers)})\s*(?::\s*)?$", flags)
        self._reflexive = re.compile(rf"\b(?P<verb>{_alt(active_alts)})\s+(?:him|her)self\b", flags)
        self._suffered = re.compile(
            rf"(?:(?<![\w'’-])(?P<n>{numbers.pattern})\s+(?:of\s+(?:them|those|the\s+\w+)|others?|{persons}){in_age}"
            r"(?:\s*\([^()]{0,40}\))?\s+(?:(?:also|each|all|both|is|are|was|were|still|now)\s+)*)?"
            r"\b(?:suffered|sustained|sustaining|suffering|received|receiving|treated\s+for|with|had|has|have|"
            r"recovering\s+from)\s+"
            r"(?:from\s+)?"
            r"(?:(?:a|an|what|multiple|several|non-?|life[\s-]|"
            r"threatening|serious|critical|minor|graze|self-inflicted|apparent|fatal|gunshot|stab|single|\w+ly)[\s-]*)*"
            r"(?P<what>gunshot\s+wounds?|wounds?|injur(?:y|ies))\b", flags)
        # "a teen is recovering after the shooting", "two men are expected to survive": alive and hurt
        self._recovering = re.compile(
            rf"{groups}\s+(?:is|are|was|were)\s+(?:(?:still|now|both|all)\s+)*"
            rf"(?P<verb>recovering|expected\s+to\s+(?:survive|recover|live))\b", flags)
        self._ordinal = re.compile(
            rf"\ba\s+(?P<ord>{_alt(numbers.ordinals)})\s+(?:{persons})\s+(?:[\w'’-]+\s+){{0,8}}?"
            rf"(?:{_alt(lexicon.death_verbs)}|(?:was\s+)?(?:confirmed\s+|pronounced\s+|declared\s+)?dead|killed)\b",
            flags)
        self._elliptic = re.compile(r"\b(?:and|,)\s+(?P<n>another)\s+(?:was\s+)?(?:in|to)\s+the\s+\w+", flags)
        self._partly_fatal = re.compile(
            rf"(?:\s+(?!and\b)[\w'’-]+){{0,5}}?\s*,?\s*(?:and\s+)?(?P<k>{num})\s+(?:of\s+(?:them|whom)\s+)?(?:fatally|mortally"
            rf"|(?:(?:later|subsequently|eventually)\s+)?(?:died|succumbed|was\s+killed|is\s+dead|was\s+pronounced\s+dead))"
            rf"\b", flags)
        self._and_died = re.compile(
            r"\band\s+(?:(?:later|eventually|subsequently|then|soon|afterwards)\s+)?(?:died|succumbed|passed\s+away)\b",
            flags)
        # where the clause of a verb of hurting ends: a sentence break, a contrast, or another subject with its own
        # count or a source ("four were shot, police say X and Y were killed"; "..., and three people are dead")
        self._clause_end = re.compile(
            rf"[.;]|\bbut\b|\bwhile\b|\bwhereas\b|\bwhen\b|,\s*(?=(?:police|officers|authorities|officials|"
            rf"investigators|witnesses)\b)|(?:,\s*|\s)and\s+(?=(?:{numbers.pattern}|several|both|another)\s)", flags)
        self._fatal = re.compile(rf"\b(?:{_alt(lexicon.fatal_words)})\b", flags)
        self._historical = re.compile(rf"\b(?:{_alt(lexicon.historical_markers)})", flags)

    def is_background(self, text: str) -> bool:
        """Whether a sentence reads as historical background (its counts are not the current event's)."""
        return self._historical.search(text) is not None

    def _without_breakdown(self, m: re.Match[str], text: str) -> str:
        """Blank a breakdown that follows a counted group ("six priests -- five Spaniards and one Salvadoran --");
        after an uncounted one ("the Jesuits -- five Spaniards and one Salvadoran --") it is the only count."""
        before = text[:m.start()].split()[-4:]
        counted = any(self.numbers.parse(word) is not None for word in before)
        return " " * len(m.group()) if counted else m.group()

    def describes_after(self, gap: str) -> bool:
        """Whether words between a casualty mention and a later date put the date in another phrase: a quotation, or
        a description of a person after a comma ("X, president of the company and mayor in 1984")."""
        if any(q in gap for q in QUOTES):
            return True
        role = DESCRIPTION.match(gap)
        return role is not None and role.group("word").lower() in self._person_words

    def find(self, text: str) -> list[Mention]:
        """Casualty mentions in one sentence (offsets into ``text``), overlapping finds resolved longest first."""
        if AGGREGATE.search(text):
            return []  # a tally of several incidents
        text = self._breakdown.sub(lambda m: self._without_breakdown(m, text), text)
        found: list[Mention] = []
        found.extend(self._find_groups(self._passive, text, passive=True))
        found.extend(self._find_groups(self._active, text, passive=False))
        found.extend(self._find_groups(self._reduced, text, passive=True))
        found.extend(self._find_groups(self._of, text, passive=False))
        found.extend(self._find_groups(self._bodies, text, passive=False))
        found.extend(self._find_groups(self._colon, text, passive=False))
        for m in self._along.finditer(text):
            verb = _norm(m.group("verb"))
            name = self._verbs.get(verb)
            if name is not None and verb.split()[-1] not in HURT_VERBS:
                companions = self._list_mentions(m.group("groups"), text, name, m.start("groups"), lone=True)
                for victim in found if companions else ():
                    if victim.field == name and victim.mode == "ref" and victim.end <= m.start():
                        victim.mode = "set"  # "the mayor was killed along with his son": two
                for companion in companions:
                    companion.mode = "with"
                subject = LONE_SUBJECT.search(text, 0, m.start())
                if companions and subject is not None and \
                        not any(f.field == name and f.end <= m.start() for f in found):
                    # "Rivera was shot to death along with two aides": one named person besides the companions
                    found.append(Mention(name, 1, subject.start("name"), subject.end("name"), "set",
                                         subject.group("name")))
                found.extend(companions)
        found.extend(self._find_groups(self._died_list, text, passive=True))
        for m in self._bare_active.finditer(text):
            found.extend(self._from_match(m, text, self._verbs.get(_norm(m.group("verb")))))
        for m in self._left.finditer(text):
            found.extend(self._from_match(m, text, self._adjective_field.get(_norm(m.group("adj")))))
        hospital: list[Mention] = []
        for m in self._hospital.finditer(text):
            if m.group("n2") is not None:
                count = self._count(m.group("n2"), m.group("q2"))
                if count:
                    hospital.append(Mention("hurt", count, m.start("n2"), m.end()))
            elif m.group("n") is not None:
                hospital.extend(self._from_match(m, text, "hurt"))
            else:
                gstart = m.start("groups")
                for g in self._group.finditer(m.group("groups")):
                    mention = self._group_mention(g, text, "hurt", gstart)
                    if mention is not None:
                        hospital.append(mention)
        for m in self._nominal.finditer(text):
            if self._takes_object.match(text, m.end()):
                continue
            found.extend(self._from_match(m, text, self._adjective_field.get(_norm(m.group("adj")))))
        for m in self._noun.finditer(text):
            found.extend(self._from_match(m, text, self._noun_field.get(_norm(m.group("noun")))))
        for m in self._toll.finditer(text):
            found.extend(self._from_match(m, text, self._toll_field.get(_norm(m.group("noun"))), mode="total"))
        for m in self._reflexive.finditer(text):
            name = self._verbs.get(_norm(m.group("verb")))
            if name is not None:
                found.append(self._hurt(Mention(name, 1, m.start(), m.end(), "ref"), _norm(m.group("verb")), text))
        for m in self._suffered.finditer(text):
            name = "killed" if self._fatal.search(m.group()) else "injured"
            if name == "injured" and GUNSHOT.search(m.group()) and not MILD.search(m.group()) and \
                    not ALIVE.search(text[m.end():]):
                name = "hurt"  # "two men suffering from gunshot wounds": shot, maybe among the dead
            count = self._count(m.group("n"), "") if m.group("n") else None
            found.append(Mention(name, count, m.start(), m.end(), "set") if count else
                         Mention(name, 1, m.start(), m.end(), "ref"))
        for m in self._recovering.finditer(text) if not any(f.field in ("injured", "hurt") for f in found) else ():
            # (after a count of the wounded, "both are expected to survive" restates it)
            gstart = m.start("groups")
            for g in self._group.finditer(m.group("groups")):
                mention = self._group_mention(g, text, "injured", gstart)
                if mention is not None and not any(f.start < mention.end and mention.start < f.end for f in found):
                    found.append(mention)
        for m in self._elliptic.finditer(text):
            # "one man was shot in the chest and another in the arm"
            before = [f for f in found if f.end <= m.start()]
            if before:
                found.append(Mention(before[-1].field, 1, m.start("n"), m.end(), "add"))
        for m in self._multiple.finditer(text):
            found.append(Mention("hurt", self.lexicon.multiples[m.group("mult").lower()], m.start(), m.end()))
        for m in self._ordinal.finditer(text):
            found.append(Mention("killed", self.numbers.ordinals[m.group("ord").lower()], m.start(), m.end()))
        for m in self._zero.finditer(text):
            found.extend(self._zeros(m))
        for mention in hospital:
            if OTHERS.search(mention.who or ""):
                mention.field = "injured"  # "the other three victims were taken to hospitals": not the dead
        hurt = [f for f in found if f.field in ("injured", "hurt")]
        if hospital and all(f.mode == "ref" for f in hurt):
            # people taken to hospital are the wounded unless the sentence counts them otherwise ("a girl was
            # hospitalized after she was shot" is one person; "two women were taken to hospital with gunshot
            # wounds" are two)
            found = [f for f in found if f not in hurt] + hospital
        found = _drop_overlaps(found)
        for mention in found:
            if mention.field == "hurt" and mention.mode in ("set", "aged", "add") and mention.who and \
                    not PRONOUN.fullmatch(mention.who) and \
                    any(k.field == "killed" and k.count and 0 <= mention.start - k.end <= OTHERS_SHOT_GAP
                        and re.search(r"\band\b|,", text[k.end:mention.start]) for k in found):
                # "a man was killed and his son was shot": others than the dead
                mention.field = "injured"
        found.extend(self._deaths(text, found))
        if not any(f.field == "killed" and f.count for f in found):
            # one person said to be hurt, in a sentence that names no dead, may be a victim who later died:
            # counted as injured only beyond the dead (see tally)
            injured = [m for m in found if m.field == "injured"]
            for mention in injured:
                if len(injured) > 1 and (mention.mode == "aged" or mention.who):
                    continue  # one of several listed wounded ("a girl and four other people were wounded")
                if mention.count == 1 and mention.mode in ("set", "ref", "aged"):
                    mention.field = "hurt"
        return found

    def with_named(self, parsed: Any, start: int, end: int, found: list[Mention],
                   places: frozenset[int] = frozenset()) -> list[Mention]:
        """The pattern mentions ``found`` of clean ``[start, end)`` with the named victims of its parse (see
        :meth:`find_named`); a parse that counts more of the people some patterns read in part ("his wife and
        comrades X and Y also died", "murdered brothers X and Y and their mother Z") replaces those patterns' counts."""
        named = self.find_named(parsed, start, end, found, places)
        return [m for m in found if not (m.mode in SUPERSEDED and m.count == 1 and any(
            n.start < m.end and m.start < n.end and (n.field == m.field or {n.field, m.field} <= HARMED)
            for n in named))] + named

    def find_named(self, parsed: Any, start: int, end: int, found: list[Mention],
                   places: frozenset[int] = frozenset()) -> list[Mention]:
        """Named victims in the parse of clean ``[start, end)``: "Castellar was found dead", "the murder of X".

        Counts the proper names (and their conjuncts) that are the subject of a passive casualty verb or of "died",
        the object of an active one ("gunmen killed X and Y"), under "of" after a casualty noun or its possessor
        ("X's assassination"), and the companions "along with" / "together with" them, where no counted mention
        already covers them. A name at a clean offset in ``places`` is a resolved place ("WILSON, N.C. -- A shooting
        left four dead"), not a victim.
        """
        if parsed is None:
            return []
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        out: list[Mention] = []
        companions = [m for m in found if m.mode == "with"]  # counted already: "X was killed along with two aides"
        for tok in span:
            name = self._verbs.get(tok.lower_) or next(  # "gunned down", "stabbed to death"
                (self._verbs[k] for k in (" ".join(t.lower_ for t in parsed[tok.i:tok.i + n]) for n in (3, 2))
                 if k in self._verbs), None)
            if name == "injured" and tok.lower_ in HURT_VERBS and (
                    any(c.lower_ in ("fatally", "mortally") for c in tok.children)
                    or DEAD_AFTER.match(parsed.doc.text, tok.idx + len(tok))):
                name = "killed"  # "X and Y were shot to death", "X was fatally shot"
            if name is None or (name == "injured" and tok.lower_ in HURT_VERBS):
                continue  # "Smith was shot": too often the victim who died (measured)
            heads = [tok] + ([tok.head] if tok.dep_ in ("acomp", "oprd", "xcomp") else [])
            if tok.dep_ == "conj" and tok.head.lower_ in self._verbs and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                heads.append(tok.head)  # "X was shot and killed": the subject of "shot" was killed
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for h in heads for c in h.children)
            if any(c.dep_ == "neg" or c.lower_ in ALMOST for h in heads for c in h.children) and \
                    not any(c.lower_ in ("would", "could") for h in heads for c in h.children):
                continue  # "his children were not injured", "X was almost killed" (but "X would not be dead if ...")
            counted = None
            if (passive or tok.lower_ in INTRANSITIVE_DEATHS) and not AGGREGATE.search(span.text) and \
                    not any(m.field == name for m in found + out):
                counted = self._counted_subject(parsed, heads, name, found + out)
            if counted is not None:
                out.append(counted)
                continue
            if name == "injured":  # named people "wounded": left to the sentence patterns
                continue
            if tok.dep_ == "amod" and tok.tag_ == "VBN" and _is_name(tok.head):
                victims = [tok.head]  # "replaced the assassinated Carlos Pizarro"
            elif tok.pos_ == "NOUN" or tok.lower_.endswith("ing"):
                victims = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"]
                victims += [c for c in tok.children if c.dep_ == "poss"]
                if tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "aux") for c in tok.children):
                    victims += [c for c in tok.children if c.dep_ == "dobj"]  # "suspected of killing X"
            elif passive or tok.pos_ != "VERB" or tok.lower_ in ("died", "dead", "perished"):
                victims = [c for h in heads for c in h.children if c.dep_ in ("nsubjpass", "nsubj")]
            else:  # active voice: the subject is the killer, the object the victim
                victims = [c for c in tok.children if c.dep_ == "dobj"]
            if victims:
                victims += [g for h in heads for c in h.children if c.lower_ in ("along", "together")
                            for w in c.children if w.lower_ == "with" for g in w.children if g.dep_ == "pobj"]
                victims += [g for h in heads for w in h.children if w.lower_ == "with"
                            and any(a.lower_ in ("along", "together") for a in w.children)
                            for g in w.children if g.dep_ == "pobj"]
            # "Otto Sorto, son-in-law of the chief, who died yesterday": the relative pronoun stands for the name
            victims = [self._antecedent(v) for v in victims]
            subjects = [v for v in victims if v.dep_ in ("nsubjpass", "nsubj")]
            groups = [[t for v in subjects for t in v.subtree]] if len(subjects) > 1 else []  # a list parsed apart
            groups += [list(v.subtree) for v in victims if len(subjects) < 2 or v not in subjects]
            for tokens in groups:
                tokens = sorted(set(tokens), key=lambda t: t.i)
                close = next((k for k, t in enumerate(tokens[:3]) if t.text == "]"), None)
                tokens = tokens[close + 1:] if close is not None and close + 1 < len(tokens) else tokens  # "[Text]"
                first, last = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
                people = [t for v in victims if v in tokens for t in (v, *(c for c in v.subtree if c.dep_ == "conj"))
                          if _is_name(t) and t.idx not in places and t.lower_ not in self._person_words
                          and not any(c.start <= t.idx < c.end for c in companions)]
                split = sum(self._told_apart(v) for v in victims if v in tokens)
                if not people and split and not any(m.start < last and first < m.end for m in found + out):
                    # a group told apart in an apposition: "the Jesuits, five Spaniards and one Salvadoran, were"
                    out.append(Mention(name, split, first, last, "set", parsed[tokens[0].i:tokens[-1].i + 1].text))
                    continue
                if not people:
                    # one person named by a singular role noun, however long the phrase: "the assassination of
                    # presidential candidate X", "the bodyguard of the paper's chief in Medellin, X, was killed",
                    # "banker Ramiro Castillo love was murdered" (a surname read as a word)
                    people = [v for v in victims if v in tokens and v.tag_ == "NN" and (
                        v.lemma_.lower() in self._person_words
                        or any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in v.children)
                        or any(a.dep_ == "appos" and _is_name(a) and a.idx not in places for a in v.children))][:1]
                # (people abducted or arrested in the same words may also have been killed: "abducted and killed")
                covered = [m for m in found if m.mode != "with" and m.start < last and first < m.end
                           and (m.field == name or {m.field, name} <= HARMED)]
                if not people or any(m.mode not in SUPERSEDED for m in covered) or \
                        any(m.start < last and first < m.end and m.field == name for m in out):
                    continue
                # a list with commas, or joined by "and" more than once ("his wife and comrades X and Y")
                listed = self._list_count(tokens, places) if any(t.text in (",", ";") for t in tokens) or (
                    sum(t.lower_ == "and" for t in tokens) > 1 and not any(t.lower_ in _PREPOSITIONS for t in tokens)
                ) else 0
                # people named by a singular role noun in the same list: "a police colonel, a judge, and senator X"
                # (a role with a determiner, or joined to one: not a title, "former minister and envoy X")
                roles = [t for v in victims if v in tokens for t in (v, *v.conjuncts)
                         if t.tag_ == "NN" and t.lemma_.lower() in self._person_words and t not in people
                         and any(c.dep_ in ("det", "poss") for r in (t, v) for c in r.children)]
                # and counted groups joined to a name: "party leader X and two other supporters"
                joined = [n for v in victims if v in tokens for _, n in self._joined_groups(v, {*people, *roles})]
                count = listed or len(people) + len(roles) + sum(joined)
                opener = tokens[0]
                if any(v in tokens for v in subjects):  # a list the parse split off: "a colonel, a judge, and X were"
                    before, opener = self._roles_before(parsed, tokens[0])
                    count, first = count + before, opener.idx
                # (not over a number the patterns read, nor across a clause or a colon the parse joined to the
                # victims: "killed three journalists: X, a photographer, Y, ...", "the murder of X: A and B")
                if covered and (sum(m.count for m in covered) >= count or any(m.count != 1 for m in covered)
                                or any(t.pos_ in ("VERB", "AUX") or t.text == ":" for t in tokens)):
                    continue  # "the man later died": one death, told by the sentence patterns
                also = any(c.lower_ == "also" for h in heads for c in h.children)
                out.append(Mention(name, count, first, last, "add" if also else "set",
                                   parsed[opener.i:tokens[-1].i + 1].text))
        return out

    def _told_apart(self, group: Any) -> int:
        """How many people a plural noun stands for when an apposition counts them by kind ("the Jesuits, five
        Spaniards and one Salvadoran": 6); 0 when it does not count every kind."""
        if group.tag_ not in ("NNS", "NNPS"):
            return 0
        heads = [c for c in group.children if c.dep_ == "appos"]
        if not heads and group.lemma_.lower() in GENERIC_VICTIMS:  # "the victims, two men and a woman," (as a list)
            heads = [c for c in group.children if c.dep_ == "conj" and c.i > 1 and (
                c.doc[c.i - 1].text == "," or (c.doc[c.i - 2].text == "," and c.doc[c.i - 1].like_num))][:1]
        for appos in heads:
            counts = [next((self._count(n.text, None) for n in kind.children if (
                n.dep_ == "nummod" and n.like_num) or (n.dep_ == "det" and n.lower_ in ("a", "an"))), None)
                for kind in (appos, *(c for c in appos.conjuncts if c.i > appos.i))]
            if len(counts) > 1 and all(counts):
                return sum(c or 0 for c in counts)
        return 0

    def _roles_before(self, parsed: Any, subject: Any) -> tuple[int, Any]:
        """People named by a role with a determiner in a list that ends with "and" right before ``subject`` ("a
        police colonel, a judge, and X"), which the parse left out of the subject: (how many, the first token)."""
        i = subject.i - 1
        if i < 1 or parsed[i].lower_ != "and":
            return 0, subject
        i -= 2 if parsed[i - 1].text == "," else 1
        count, first = 0, subject
        while i >= 1 and parsed[i].tag_ == "NN" and parsed[i].lemma_.lower() in self._person_words:
            j = i - 1
            while j > 0 and i - j <= 2 and parsed[j].tag_ in ("NN", "NNS", "NNP", "JJ"):
                j -= 1  # "a police colonel", "a local judge"
            if parsed[j].lower_ not in ("a", "an", "the", "his", "her", "their", "another"):
                break
            count, first = count + 1, parsed[j]
            if j < 2 or parsed[j - 1].text != ",":
                break
            i = j - 2
        return count, first

    def _antecedent(self, tok: Any) -> Any:
        """The person a relative pronoun stands for (any other token stands for itself): the noun the clause hangs
        on, or, when that noun only describes a named person ("Judge X, third judge of public order, who was
        murdered"), the name it describes."""
        if tok.lower_ not in RELATIVES or tok.head.dep_ != "relcl":
            return tok
        noun = tok.head.head
        while not _is_name(noun) and noun.lemma_.lower() not in self._person_words and noun.dep_ == "pobj" \
                and noun.head.dep_ == "prep":
            noun = noun.head.head  # "judge of public order, who": the judge
        if noun.dep_ == "appos" and _is_name(noun.head) and noun.lemma_.lower() in self._person_words:
            noun = noun.head  # "X, third judge, who": X
        return noun

    def _counted_subject(self, parsed: Any, heads: list[Any], name: str, found: list[Mention]) -> Mention | None:
        """A counted group of people that is the passive subject of a casualty verb or the subject of "died", however
        long the phrase between them ("seven guards travelling aboard a military bus were killed", "five policemen
        guarding the bridge were wounded", "16 members of the patrol (the local militia) died"), in a sentence whose
        patterns counted nobody for that field and that sums no several incidents."""
        for subject in (c for h in heads for c in h.children if c.dep_ == "nsubjpass"
                        or (c.dep_ == "nsubj" and h.lower_ in INTRANSITIVE_DEATHS)):
            subject = self._antecedent(subject)  # "the six priests who were murdered on 16 November"
            if subject.lemma_.lower() not in self._person_words and subject.lower_ not in self._person_words:
                continue
            numbers = [c for c in subject.children if c.dep_ == "nummod" and c.like_num and c.i < subject.i
                       and not any(t.is_punct for t in parsed[c.i:subject.i])]  # not an age: "brothers, 17,"
            if not numbers:
                continue
            first = min([subject, *numbers], key=lambda t: t.i)
            count = self._count(numbers[0].text, None)
            last = subject
            # the counted groups joined to it: "six priests and two women who worked with them were murdered"
            for other, n in self._joined_groups(subject, set()):
                count = (count or 0) + n
                last = max(last, other, key=lambda t: t.i)
            start, end = first.idx, last.idx + len(last)
            if any(m.start < end and start < m.end for m in found):
                return None
            if count:
                return Mention(name, count, start, end, "set", parsed[first.i:last.i + 1].text)
        return None

    def _joined_groups(self, head: Any, skip: set[Any]) -> list[tuple[Any, int]]:
        """Counted groups of people coordinated with ``head`` ("X and two other supporters"): (noun, count)."""
        out: list[tuple[Any, int]] = []
        for other in head.conjuncts:
            if other in skip or (other.lemma_.lower() not in self._person_words
                                 and other.lower_ not in self._person_words):
                continue
            numbers = [n for n in other.children if n.dep_ == "nummod" and n.like_num and n.i < other.i]
            if numbers:
                out.append((other, self._count(numbers[0].text, None) or 0))
        return out

    def _list_count(self, tokens: list[Any], places: frozenset[int]) -> int:
        """People in a list of victims: "X, Y and Z" (3), "X, a local judge, and his two bodyguards" (3), "the
        mayor's son, W; Y, the secretary; and bodyguard Z" (3). Items are split at semicolons, else at commas and at
        "and" (not inside a description: "X, leader of the party and the front,"). A description after a bare comma
        ("X, mayor of Y,"; "X, a local judge") is the same person; relative clauses and ages are skipped; a name after a
        bare comma counts only in a list that ends with "and"."""
        semi = any(t.text == ";" for t in tokens)
        items: list[tuple[str, list[Any]]] = []  # (separator before the item, its tokens)
        sep, current = "", list[Any]()
        for tok in tokens:
            described = any(t.lower_ in _PREPOSITIONS for t in current)
            if tok.text == ";" or (not semi and (tok.text == "," or (tok.lower_ == "and" and not described))):
                if current:
                    items.append((sep, current))
                    sep, current = "", []
                sep = (sep + " " + tok.lower_).strip()
            else:
                current.append(tok)
        if current:
            items.append((sep, current))
        kinds: list[tuple[bool, str, int]] = []  # (joined by "and" or ";", kind, count)
        goes_on: list[bool] = []  # joined by a bare "and" and naming a role: may continue an apposition
        for sep, part in items:
            words = [t for t in part if t.is_alpha or t.like_num]
            if not words or words[0].lower_ in _CLAUSE_STARTS or any(t.pos_ == "AUX" for t in part) \
                    or all(t.like_num for t in words):
                continue  # "who was kidnapped on 5 January", an age
            joined = semi or "and" in sep.split() or not kinds
            group = self._group.search("".join(t.text_with_ws for t in part))  # (ages keep their hyphens)
            count = self._count(group.group("n"), "") if group and group.group("n") and group.group("who") else None
            before = len(kinds)
            if count and count > 1:
                kinds.append((joined, "count", count))
            elif any(t.lower_ in _PREPOSITIONS for t in words):
                kinds.append((joined, "described", 1))
            elif words[-1].lower_ in self._person_words:
                kinds.append((joined, "role", 1))
            elif any(_is_name(t) and t.idx not in places for t in part):
                kinds.append((joined, "name", 1))
            if len(kinds) > before:
                goes_on.append(sep == "and" and any(t.lower_ in self._person_words for t in words))
        serial = any(joined for joined, _, _ in kinds[1:])
        total = 0
        apposition = False
        for n, (joined, kind, count) in enumerate(kinds):
            if not joined and (kind == "described" or (kind == "role" and kinds[n - 1][1] == "name")
                               or (kind == "name" and (not serial or kinds[n - 1][1] == "role"))):
                apposition = True
                continue  # an apposition: the same person again
            if apposition and goes_on[n]:
                continue  # the apposition goes on: "X, party leader and former ambassador to Spain,"
            apposition = False
            total += count
        return total

    def _find_groups(self, pattern: re.Pattern[str], text: str, *, passive: bool) -> list[Mention]:
        out: list[Mention] = []
        for m in pattern.finditer(text):
            verb = _norm(m.group("verb"))
            name = "killed" if pattern is self._bodies else self._verbs.get(verb)
            if name is None:
                continue
            gstart = m.start("groups")
            mentions = self._list_mentions(m.group("groups"), text, name, gstart,
                                           lone=pattern in (self._of, self._bodies, self._colon))
            if len(mentions) > 1 and mentions[0].count > 1 and \
                    all(x.count == 1 and x.mode in ("aged", "ref") for x in mentions[1:]) and \
                    len(mentions) - 1 <= mentions[0].count:
                mentions = mentions[:1]  # "three victims, a 25-year-old man, a 26-year-old man and ...": one count
            elif len(mentions) > 1 and mentions[0].count > 1 and \
                    text[mentions[0].end:mentions[1].start].strip() in (",", ":", "--", "(") and \
                    (sum(x.count for x in mentions[1:]) == mentions[0].count > 2 or (
                        sum(x.count for x in mentions[1:]) < mentions[0].count
                        and any(x.who is None for x in mentions[1:]))):
                # "three reporters, two locals and a foreigner", "four victims, two Chileans and ...": the people
                # counted first, told apart (a bare number is of people of a kind the lexicon does not name)
                mentions = mentions[:1]
            elif len(mentions) > 1:
                for x in mentions:  # "the mayor as well as two peasants": the one named person counts in the list
                    x.mode = "set" if x.mode == "ref" else x.mode
            if ALSO.search(text[m.end("groups"):m.start("verb")]):
                for x in mentions:  # "a sound technician was also killed": one more victim than counted so far
                    if x.who and not OTHERS.search(x.who) and not PRONOUN.fullmatch(x.who):
                        x.mode = "add"
            for mention in mentions:
                partly = self._partly_fatal.match(text[m.end():]) if verb.split()[-1] in HURT_VERBS else None
                if partly is not None and (dead := self._count(partly.group("k"), "")):
                    # "five people were shot, one fatally": one killed among five hurt
                    out.append(Mention("hurt", mention.count, mention.start, mention.end, mention.mode, mention.who))
                    out.append(Mention("killed", dead, m.end() + partly.start("k"), m.end() + partly.end()))
                else:
                    before = text[max(0, m.start("verb") - 30):m.start("verb")]
                    out.append(self._hurt(mention, verb, text[m.end():], before))
        return out

    def _list_mentions(self, groups: str, text: str, name: str, offset: int, *, lone: bool = False) -> list[Mention]:
        """The counts of a list of victims; proper names count one each where the list also counts people by number
        or role or names two or more (or, with ``lone``, is one name of two words or more: "the murder of X Y"), and a
        role between commas right after a name is that person ("X, a judge,")."""
        items: list[tuple[re.Match[str], Mention]] = []
        for g in self._item.finditer(groups):
            if g.group("name"):
                if items and not groups[items[-1][0].end():g.start()].strip():
                    continue  # the rest of a counted phrase ("a 12-year-old Springfield boy"), not another person
                items.append((g, Mention(name, 1, offset + g.start(), offset + g.end(), "name", g.group("name"))))
            elif items and g.group("n") and g.group("n").isdigit() and not g.group("who") and \
                    groups[items[-1][0].end():g.start()].strip() == ",":
                continue  # "Pedro Ruiz, 34, and ...": an age
            elif (x := self._group_mention(g, text, name, offset)) is not None:
                items.append((g, x))
        while len(items) > 1 and items[-1][1].mode == "name" and \
                groups[items[-2][0].end():items[-1][0].start()].strip() == ",":
            items.pop()  # "X and Y, remains unsolved": a list ends with "and"; a capitalised phrase after a comma
        names = [x for _, x in items if x.mode == "name"]
        if names and (len(names) == len(items) == 1) and not (lone and len((names[0].who or "").split()) > 1):
            return []  # a lone capitalised phrase: left to the parse (find_named)
        out: list[Mention] = []
        for n, (g, x) in enumerate(items):
            previous = items[n - 1] if n else None
            if previous is not None and x.count == 1 and previous[1].count == 1 and \
                    bool(previous[0].group("name")) != bool(g.group("name")) and \
                    groups[previous[0].end():g.start()].strip() == "," and \
                    (n + 1 == len(items) or groups[g.end():items[n + 1][0].start()].strip().startswith(",")) and \
                    not (previous[0].group("name") and KIN.match(g.group())):
                # (but "X, his wife, and two others": the named man's wife is another victim)
                continue  # "X, a local judge, and ...", "his companion, X, and ...": the same person
            x.mode = "set" if x.mode == "name" else x.mode
            out.append(x)
        return out

    def _hurt(self, mention: Mention, verb: str, rest: str, before: str = "") -> Mention:
        """"Shot", "struck": killed when the clause says so ("was fatally shot", "the fatal shooting of", "shot ...
        and killed"), else hurt (injured unless the same people died)."""
        if mention.field != "injured" or verb.split()[-1] not in HURT_VERBS:
            return mention
        clause = self._clause_end.split(rest, maxsplit=1)[0]
        if self._fatal.search(clause) or FATAL_BEFORE.search(before):
            mention.field = "killed"
        elif not OTHERS.search(mention.who or "") and not ALIVE.search(clause):
            # not "one is dead and four others were shot" (the four survived), nor "two men were shot and are being
            # treated"
            mention.field = "hurt"
        return mention

    def _group_mention(self, g: re.Match[str], text: str, name: str, offset: int) -> Mention | None:
        start, end = offset + g.start(), offset + g.end()
        if self._subset.search(text[max(0, start - 30):start]):
            return None
        if g.group("ref"):
            return Mention(name, 1, start, end, "ref", g.group("ref"))
        count = self._count(g.group("n"), g.group("q"))
        if count is None:
            return None
        who = g.group("who") or ""
        if who and OTHER_BEFORE.search(text[max(0, start - 12):start]):
            who = "other " + who  # "the other three victims": not the people counted before
        if not who and YEAR_LIKE.fullmatch(g.group("n").strip()):
            return None  # "in August 2015, two people were shot": a year, not a count
        # "another", "two more": people not yet counted; "two others" usually restates the rest of a sentence's count
        words = set((g.group("n") + " " + who).lower().split()) - {"other", "others"}
        mode = "add" if words & self.lexicon.additive_markers else "set"
        if mode == "set" and count == 1 and g.group("n").lower() in ("a", "an") and AGE.search(who):
            mode = "aged"  # "a 23-year-old woman": one person told apart by age
        return Mention(name, count, start, end, mode, who.strip() or None)

    def _from_match(self, m: re.Match[str], text: str, name: str | None, mode: str = "set") -> list[Mention]:
        if name is None:
            return []
        if self._subset.search(text[max(0, m.start() - 30):m.start()]):
            return []
        count = self._count(m.group("n"), m.group("q"))
        if count is None:
            return []
        who = m.groupdict().get("who")
        if mode == "set" and "another" in (m.group("q") or "").lower():
            mode = "add"
        return [Mention(name, count, m.start(), m.end(), mode, who)]

    def _zeros(self, m: re.Match[str]) -> list[Mention]:
        verb = m.group("verb")
        if verb is not None:
            name = self._verbs.get(_norm(verb))
            return [Mention(name, 0, m.start(), m.end(), "zero")] if name else []
        noun = _norm(m.group("noun"))
        if noun == "casualties":
            return [Mention("killed", 0, m.start(), m.end(), "zero"), Mention("injured", 0, m.start(), m.end(), "zero")]
        name = {"injuries": "injured", "deaths": "killed", "fatalities": "killed", "arrests": "arrested"}.get(noun)
        if name is None:
            name = "killed" if noun.endswith("killed") else "injured"
        return [Mention(name, 0, m.start(), m.end(), "zero")]

    def _deaths(self, text: str, found: list[Mention]) -> list[Mention]:
        """"The man later died": deaths of people the sentence did not already count as killed."""
        out: list[Mention] = []
        for m in [*self._death.finditer(text), *self._one_of_died.finditer(text)]:
            if any(f.start < m.end() and m.start() < f.end and f.field == "killed" for f in [*found, *out]):
                continue
            count = self._count(m.group("n"), "") if m.group("n") else 1
            if count:
                # "another person died": one more dead; "the man later died": a death of someone counted as hurt
                another = (m.group("n") or "").lower().startswith("another")
                # "three people were hurt and a teenager died": someone else, not one of the people hurt
                other = (m.group("n") or "").lower() in ("a", "an") and any(
                    f.field in ("hurt", "injured") and f.end <= m.start()
                    and re.fullmatch(r"[^.;]*\band\s+", text[f.end:m.start()]) for f in found)
                mode = "add" if another else "set" if other else "died"
                out.append(Mention("killed", count, m.start(), m.end(), mode))
        hurt = [f for f in found if f.field in ("hurt", "injured")]
        if not out and len(hurt) == 1 and hurt[0].count == 1 and not any(f.field == "killed" for f in found):
            # "the passenger ... shot himself while handling a revolver and died": the one person hurt died
            for m in self._and_died.finditer(text, hurt[0].end):
                out.append(Mention("killed", 1, m.start(), m.end(), "died"))
                break
        return out

    def _count(self, number: str, qualifier: str | None) -> int | None:
        """The count a number phrase stands for ("more than 20" is 20, as ACLED codes it: the qualifier is ignored)."""
        del qualifier
        text = " ".join(number.lower().split())
        if text in ("another", "his", "her", ""):
            return 1
        if text in ("a couple of",):
            return 2
        if text == "a dozen":
            return 12
        return self.numbers.parse(text)


def _is_name(tok: Any) -> bool:
    """A proper name that can be a person (spaCy often labels all-caps or foreign names ORG, and a person's name of
    three words or more, "Roberto Armando Rivera", GPE: such a name counts unless the geoparser resolved it)."""
    if tok.tag_ not in ("NNP", "NNPS"):
        return False
    if tok.ent_type_ in _PLACE_LABELS:
        return sum(1 for c in tok.children if c.dep_ in ("compound", "amod") and c.tag_ == "NNP") >= 2
    return tok.ent_type_ not in _NOT_PEOPLE


_PREPOSITIONS = frozenset({"of", "for", "from", "in", "at", "with", "on"})
_CLAUSE_STARTS = frozenset({"who", "whom", "whose", "which", "that", "where", "when", "of", "from", "in", "at", "on",
                            "aged", "age"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _drop_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions of the same field; zeros never override a count."""
    kept: list[Mention] = []
    def same(a: str, b: str) -> bool:  # people shot ("hurt") are the wounded of the same words
        return a == b or {a, b} == {"hurt", "injured"}

    for mention in sorted(found, key=lambda m: (m.mode == "zero", -(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end or not same(mention.field, k.field) for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def is_violent(event: Event) -> bool:
    """Whether casualties belong to this event type (assaults, coercion, ACLED violent types and riots)."""
    if event.plover.type in VIOLENT_PLOVER:
        return True
    return event.acled is not None and event.acled.event_type in VIOLENT_ACLED


def tally(mentions_by_sentence: list[list[Mention]]) -> dict[str, _Tally]:
    """Combine mentions of consecutive sentences: sum within a sentence, restatements later do not add, except a
    list of victims told apart by age ("a 23-year-old woman was shot in the leg. A 30-year-old man was shot ...")."""
    tallies = {name: _Tally() for name in TALLIED}
    aged: dict[str, set[str]] = {}  # per field, the people counted so far when every count was one aged person
    for mentions in mentions_by_sentence:
        sums: dict[str, int] = {}
        first: dict[str, Mention] = {}
        adds: list[Mention] = []
        for mention in mentions:
            t = tallies[mention.field]
            if mention.mode == "total":
                t.value, t.span = mention.count, (mention.start, mention.end)
                continue
            if mention.mode == "zero":
                if t.value is None:
                    t.value, t.span = 0, (mention.start, mention.end)
                continue
            if mention.mode == "add":
                adds.append(mention)  # counted on top of the sentence's own figures, below
                continue
            if mention.mode in ("died", "ref"):
                continue
            sums[mention.field] = sums.get(mention.field, 0) + mention.count
            first.setdefault(mention.field, mention)
            t.sides.append(mention)
        for name, value in sums.items():
            t = tallies[name]
            people = {_norm(m.who or "") for m in mentions if m.field == name and m.mode == "aged"}
            only_aged = len(people) == sum(1 for m in mentions if m.field == name and m.mode not in ("died", "ref"))
            if only_aged and name in aged and t.value and not people & aged[name]:
                t.value += value  # more victims of the list
                aged[name] |= people
                continue
            if t.value is None or value > t.value:
                t.value, t.span = value, (first[name].start, first[name].end)
            if only_aged and (name in aged or t.value == value):
                aged.setdefault(name, set()).update(people)
            else:
                aged.pop(name, None)
        for mention in mentions:
            t = tallies[mention.field]
            if mention.mode == "ref" and not t.value:
                t.value, t.span = 1, (mention.start, mention.end)
                t.sides.append(mention)
        for mention in adds:
            if mention.field == "hurt" and tallies["killed"].value and not tallies["hurt"].value:
                mention.field = "injured"  # "X was killed. Her boyfriend was also shot": one more, not the dead
            t = tallies[mention.field]
            t.value = (t.value or 0) + mention.count
            t.span = t.span or (mention.start, mention.end)
            t.sides.append(mention)
        for mention in mentions:
            if mention.mode != "died":
                continue
            killed, injured = tallies["killed"], tallies["injured"]
            if killed.value is None or killed.value == 0:
                killed.value, killed.span = mention.count, (mention.start, mention.end)
                # the dead were among the injured only when the injured were counted first ("two were hurt; one
                # later died"), not in "two women died and two others were injured"
                if injured.value and injured.span is not None and injured.span[0] < mention.end:
                    injured.value = max(0, injured.value - mention.count)
    hurt, killed, injured = tallies.pop("hurt"), tallies["killed"], tallies["injured"]
    if hurt.value and hurt.value - (killed.value or 0) > (injured.value or 0):
        # people shot or struck who are not among the dead were wounded
        injured.if_alive = not injured.value and not killed.value
        injured.value, injured.span = hurt.value - (killed.value or 0), hurt.span
        injured.sides.extend(hurt.sides)
    return tallies


#: Share of the remaining confidence an event gains when the text states its killed or injured figures.
STATED_TOLL_BOOST = 0.5


class CasualtiesStage:
    """Fill ``event.casualties`` of violent events from their sentences and the ones that continue them."""

    name = "eventsift.extract.casualties.v1"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("casualties",)

    def __init__(self, finder: CasualtyFinder, *, assume_zero: bool = True,
                 continuation: int = CONTINUATION_SENTENCES) -> None:
        self.finder = finder
        self.assume_zero = assume_zero
        self.continuation = continuation

    def __call__(self, doc: Document) -> None:
        """Count casualties for each violent event of ``doc``."""
        text = doc.clean or doc.text
        sentences = sorted(doc.sentences, key=lambda s: s.index)
        position = {sent.index: n for n, sent in enumerate(sentences)}
        marked_past = {sent.index for sent in sentences
                       if self.finder.is_background(text[sent.clean_start:sent.clean_end])}
        cache: dict[int, list[Mention]] = {}
        violent_sentences = {event.sentence for event in doc.events if is_violent(event)}
        counting = [event for event in doc.events if event.sentence in position and (
            is_violent(event) or (event.plover.type in ACCUSING_PLOVER and self._reports_violence(
                doc, sentences[position[event.sentence]], violent_sentences, cache)))]
        # a count belongs to the event before it, up to the next event that takes counts: a statement, a demand or a
        # condemnation in between ("the government condemned the murder ... two bodyguards were also killed") does
        # not end the report of the incident
        event_sentences = sorted({event.sentence for event in counting})
        counted: list[tuple[Event, Casualties]] = []
        for event in counting:
            historical_event = event.plover.aux == "historical"
            later = [s for s in event_sentences if s > event.sentence]
            stop = later[0] if later else None
            first = position[event.sentence]
            scope = [sentences[first]]
            for sent in sentences[first + 1:first + 1 + self.continuation]:
                if stop is not None and sent.index >= stop:
                    break
                scope.append(sent)
            per_sentence: list[list[Mention]] = []
            for sent in scope:
                # a marker ("last year") rules out a sentence after the event's own; an old date the counts next to it
                if sent.index in marked_past and sent.index != event.sentence and not historical_event:
                    continue
                kept = [m for m in self._mentions(doc, sent, cache)
                        if not self._dated_elsewhere(doc, m, sent.start, sent.end, event, sent.index != event.sentence)]
                per_sentence.append(kept)
            event.casualties = self._casualties(doc, tally(per_sentence))
            counted.append((event, event.casualties))
        self._share_incident_counts(counted)
        for event, cas in counted:
            if ("killed" in cas.spans or "injured" in cas.spans) and event.plover.type not in ACCUSING_PLOVER:
                # an act of violence whose toll the text states is better attested than a bare mention: rank it
                # higher (an accusation only repeats the toll of the act it is about)
                event.confidence += (1.0 - event.confidence) * STATED_TOLL_BOOST
        if self.assume_zero:
            for event in doc.events:
                if event.plover.type in THREAT_PLOVER and event not in counting:
                    event.casualties = Casualties(killed=0, injured=0)  # a threat harms nobody: ACLED's zero
        doc.provided.add("casualties")

    def _mentions(self, doc: Document, sent: Sentence, cache: dict[int, list[Mention]]) -> list[Mention]:
        """Casualty mentions of one sentence (clean offsets), computed once per document."""
        if sent.index not in cache:
            text = doc.clean or doc.text
            found = self.finder.find(text[sent.clean_start:sent.clean_end])
            for mention in found:
                mention.start += sent.clean_start
                mention.end += sent.clean_start
            cache[sent.index] = self.finder.with_named(doc.nlp, sent.clean_start, sent.clean_end, found,
                                                       _place_starts(doc, sent))
        return cache[sent.index]

    def _reports_violence(self, doc: Document, sent: Sentence, violent_sentences: set[int],
                          cache: dict[int, list[Mention]]) -> bool:
        """Whether a sentence reports a violent act: a violent event or a count of killed or injured people in it."""
        return sent.index in violent_sentences or any(
            m.field in ("killed", "injured", "hurt") and m.count for m in self._mentions(doc, sent, cache))

    def _share_incident_counts(self, counted: list[tuple[Event, Casualties]]) -> None:
        """Give events without a stated count the counts of the incident they mention, else ACLED's assumed zero."""
        in_text = sorted(counted, key=lambda pair: (pair[0].sentence, pair[0].trigger[0]))
        incidents = [(ev, cas) for ev, cas in in_text
                     if _asserted(ev) and (cas.killed is not None or cas.injured is not None)]
        for event, cas in in_text:
            # an event that counts people of its own (the hostages taken, the people arrested) is its own incident
            if cas.killed is None and cas.injured is None and not cas.spans and _asserted(event):
                source = next((c for ev, c in incidents if _same_incident_dates(ev, event)), None)
                if source is not None:
                    cas.killed, cas.injured = source.killed, source.injured
                    cas.spans.update({k: v for k, v in source.spans.items() if k in ("killed", "injured")})
            if self.assume_zero and event.plover.mode not in NO_TOLL_MODES:
                cas.killed = 0 if cas.killed is None else cas.killed
                cas.injured = 0 if cas.injured is None else cas.injured

    def _casualties(self, doc: Document, tallies: dict[str, _Tally]) -> Casualties:
        out = Casualties()
        killed, injured = tallies["killed"], tallies["injured"]
        for name, t in tallies.items():
            if t.span is not None and t.value is not None:
                out.spans[name] = doc.to_original(*t.span)
            for mention in t.sides:
                out.per_side.append({"field": name, "count": mention.count, "who": mention.who,
                                     "span": doc.to_original(mention.start, mention.end)})
        out.killed = killed.value
        out.injured = injured.value
        out.injured_if_alive = injured.if_alive
        out.arrested = tallies["arrested"].value
        for name in ("abducted", "missing"):
            if tallies[name].value is not None:
                out.per_side.append({"field": name, "count": tallies[name].value, "who": None,
                                     "span": out.spans.get(name)})
        return out

    def _dated_elsewhere(self, doc: Document, mention: Mention, start: int, end: int, event: Event,
                         later: bool) -> bool:
        """Whether the time expression nearest ``mention`` (sentence at original ``[start, end)``) places it elsewhere.

        Historical dates rule a count out for a current event; in a later sentence, so does any date that does not
        fit the event's stated date (another incident, or a yearly tally such as "the eighth child this year").
        """
        published = doc.source.published
        times = [w for w in doc.times if w.span is not None and start <= w.span[0] < end]
        if not times:
            return False
        m_start, m_end = doc.to_original(mention.start, mention.end)

        def gap(w: When) -> int:
            assert w.span is not None
            return max(w.span[0] - m_end, m_start - w.span[1], 0)

        nearest = min(times, key=gap)
        if published is not None and event.plover.aux != "historical" and \
                nearest.end < published - dt.timedelta(days=HISTORICAL_DAYS):
            # (not a date that describes someone or something after the victim: "the killing of X, mayor of the city
            # in 1984", "those who killed X 'want to undo the process begun in 1986'")
            return not self.finder.describes_after(doc.text[m_end:nearest.span[0]] if nearest.span else "")
        own = event.date
        if not later or own is None or own.text is None:
            return False
        if nearest.precision != "day" and own.precision == "day":
            return True
        return False


def _place_starts(doc: Document, sent: Sentence) -> frozenset[int]:
    """Clean offsets of the tokens of ``sent`` that start a resolved place name."""
    if doc.nlp is None or not doc.places:
        return frozenset()
    starts = {place.span[0] for place in doc.places}
    span = doc.nlp.char_span(sent.clean_start, sent.clean_end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(tok.idx for tok in span if doc.to_original(tok.idx, tok.idx + len(tok))[0] in starts)


def _asserted(event: Event) -> bool:
    """Whether an event is said to have happened (not future, hypothetical or negated)."""
    return event.plover.aux in (None, "historical")


def _same_incident_dates(a: Event, b: Event) -> bool:
    """Whether two events may be one incident by their dates: overlapping, or either date not stated in the text."""
    if a.plover.aux != b.plover.aux and "historical" in (a.plover.aux, b.plover.aux):
        return False
    if a.date is None or b.date is None or a.date.text is None or b.date.text is None:
        return True
    if a.date.precision != b.date.precision and "day" in (a.date.precision, b.date.precision):
        return False  # a period ("the 80-day blockade", "this month") is not the incident of one day inside it
    return a.date.start <= b.date.end and b.date.start <= a.date.end


def create_casualties(resources: Resources) -> CasualtiesStage:
    """Factory for the registered stage ``eventsift.extract.casualties.v1``."""
    lexicon = resources.get("casualty_lexicon", load_casualty_lexicon)
    numbers = resources.get("number_lexicon", load_number_lexicon)
    return CasualtiesStage(CasualtyFinder(lexicon, numbers))


__all__ = ["CasualtiesStage", "CasualtyFinder", "CasualtyLexicon", "Mention", "create_casualties",
           "is_violent", "load_casualty_lexicon", "tally"]
