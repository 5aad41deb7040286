"""Geocoding stage: find toponyms, resolve them against the gazetteer, and give each event its location.

Toponyms come from spaCy GPE/LOC/FAC entities, from curated gazetteer names spaCy mislabels (PERSON, ORG), and from
gazetteer phrase matching over capitalised tokens (common English words are skipped). Each toponym is resolved with
the document as context: countries and first-level units mentioned elsewhere, "City, State" patterns, descriptor
words ("the X region"), population, and distance to the other places. A name with many equally likely places and no
context stays unresolved. Each event then takes the place attached to its trigger in the parse (or, failing that, the
nearest place of its sentence, then the document's main place); one event per distinct location.
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from typing import Any
from urllib.parse import urlsplit

from eventsift.config import Config
from eventsift.errors import DataFileError
from eventsift.model import Document, Event, Place
from eventsift.resolve.gazetteer import Gazetteer, GazPlace, NameMatch, load_gazetteer, shipped_data_dir
from eventsift.resources import Resources

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels spaCy gives place names by mistake ("Martakert" PERSON); curated names override them.
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
ADMIN1_WORDS = frozenset({
    "region", "regions", "province", "provinces", "oblast", "oblasts", "governorate", "governorates", "state",
    "states", "department", "departments", "prefecture", "prefectures", "territory", "territories",
})
ADMIN2_WORDS = frozenset({"district", "districts", "county", "counties", "municipality", "raion", "rayon", "parish"})
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "villages", "towns", "cities", "capital", "neighbourhood",
                              "neighborhood", "suburb", "port"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around", "throughout",
                            "on", "within", "between", "towards", "toward", "off", "over", "along"})
CONNECTORS = frozenset({"of", "de", "del", "la", "al", "el", "du", "des", "upon", "on", "and"})
US_POSTAL = re.compile(r"^[A-Z]{2}$")
#: "X Police (Department)": the name before the words is the city the force serves ("the Raleigh Police Department").
CITY_POLICE = re.compile(
    r"^(?:the\s+)?(?P<name>(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*)\s+Police(?:\s+(?:Department|Dept\.?))?$")
#: Organisations only the United States has: a document naming one is set in the US ("the Sheriff's Office").
US_POLICING = re.compile(r"\b(?:Sheriff['\u2019]s (?:Office|Department)|Police Department|Police Dept\b)")
#: Offices only the United States has, wherever the text names them ("the district attorney", "Highway Patrol").
US_OFFICES = re.compile(r"\b(?:[Dd]istrict [Aa]ttorney|Highway Patrol|[Ss]tate [Tt]roopers?|[Cc]ounty [Ss]heriff|"
                        r"[Ss]heriff['\u2019]s (?:[Oo]ffice|[Dd]epartment|[Dd]eput(?:y|ies)))\b")
#: A county name shared within a country resolves without regional context only when one is this much larger.
COUNTY_DOMINANCE = 10.0
#: A city this large may be named by a common word in a police force's name ("the Mobile Police Department").
LARGE_CITY = 100_000
#: Ambiguous names with no context resolve only when the most populous candidate dominates this much.
DOMINANCE = 3.0
COMMON_WORDS_RANK = 20_000
VERY_COMMON_WORDS_RANK = 1_000
#: Verbs whose direct object is the place acted on ("captured Kabul", "shelled Aleppo"), not a participant.
TAKING_VERBS = frozenset({
    "capture", "seize", "liberate", "retake", "recapture", "take", "storm", "raid", "bomb", "shell", "attack", "hit",
    "strike", "occupy", "invade", "enter", "overrun", "patrol", "besiege", "encircle", "surround", "target", "pound",
    "blockade", "control", "free", "bombard", "infiltrate", "loot", "burn", "destroy", "rocket",
})


@dataclass(slots=True)
class Toponym:
    """A toponym found in the clean text: token range, descriptor hints, candidates and the chosen place."""

    start: int  # token index in doc.nlp
    end: int
    text: str
    source: str  # "ner" | "curated" | "gazetteer"
    candidates: list[NameMatch] = field(default_factory=list)
    precision_hint: str | None = None  # "admin1" / "admin2" / "place" from a descriptor word
    admin1_code: str | None = None  # from a "City, ST" pattern
    country_hint: str | None = None  # from a "City, Country" pattern
    place: GazPlace | None = None
    precision: str = "place"
    reason: str | None = None  # why it stayed unresolved


def load_ranked_words(config: Config) -> tuple[str, ...]:
    """English words, most frequent first (symspellpy's frequency list): the most frequent are not place names by
    default (:data:`COMMON_WORDS_RANK`), and the very most frequent ("mobile", "park", :data:`VERY_COMMON_WORDS_RANK`)
    never name a city even in a police force's name, where a merely common word ("Raleigh", "Jackson") may."""
    del config
    try:
        path = importlib_resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return ()
    rows = []
    for line in text.split("\n"):
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            rows.append((int(parts[1]), parts[0]))
    rows.sort(reverse=True)
    return tuple(w for _, w in rows[:COMMON_WORDS_RANK])


def _capitalised(token: Any) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _strip_span(sdoc: Any, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive from a token range."""
    while start < end and sdoc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and sdoc[end - 1].text in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return start, end


def find_toponyms(sdoc: Any, gaz: Gazetteer, common: frozenset[str], max_words: int = 5,
                  very_common: frozenset[str] | None = None) -> list[Toponym]:
    """Every toponym of a spaCy Doc, as token ranges with their gazetteer candidates (possibly none).

    ``very_common`` words never name a city in a police force's name; other ``common`` words may, for a large city
    (default: all of ``common``).
    """
    very_common = common if very_common is None else very_common
    found: list[Toponym] = []
    taken = [False] * len(sdoc)
    other_ent = [False] * len(sdoc)

    def add(start: int, end: int, source: str, cands: list[NameMatch]) -> None:
        text = sdoc[start:end].text
        found.append(Toponym(start, end, text, source, cands))
        for i in range(start, end):
            taken[i] = True

    dateline = _dateline(sdoc, gaz)
    if dateline is not None:
        add(dateline[0], dateline[1], "dateline", dateline[2])
    for ent in sdoc.ents:
        start, end = _strip_span(sdoc, ent.start, ent.end)
        if start >= end or any(taken[i] for i in range(start, end)):
            continue
        text = sdoc[start:end].text
        if ent.label_ in PLACE_LABELS | MISLABELS and (unit := _unit_after(sdoc, start, end, gaz)) is not None:
            add(start, unit[0], "ner", unit[1])  # "Lucas" + "County": the county, not a town called Lucas
            continue
        if ent.label_ in PLACE_LABELS:
            cands = _lookup(gaz, text)
            if not cands and (county := _county_org(sdoc, start, end, gaz)) is not None:
                add(start, start + county[0], "ner", county[1])  # "Marion County Sheriff's Office" as a FAC
                continue
            if not cands and end - start > 1 and sdoc[end - 1].lower_ in ADMIN1_WORDS | ADMIN2_WORDS:
                end -= 1  # "Sumatra province": the descriptor is picked up again as a precision hint
                cands = _unit_candidates(_lookup(gaz, sdoc[start:end].text), sdoc[end].lower_)
            if not cands and end - start > 1 and sdoc[start].lower_ in PART_PREFIXES:
                cands = _lookup(gaz, sdoc[start + 1:end].text)  # "West Phoenix", "North Philadelphia"
                if cands:
                    start += 1
            add(start, end, "ner", cands)
        elif ent.label_ in MISLABELS:
            cands = _lookup(gaz, text)
            if any(m.place.curated for m in cands) or (cands and (
                _strong(cands) or _governed_by_locative(sdoc[end - 1]) or _names_an_area(sdoc[end - 1])
                or (ent.label_ in ("PERSON", "ORG") and sdoc[end - 1].dep_ == "dobj"
                    and (sdoc[end - 1].head.lemma_.lower() in TAKING_VERBS
                         or any(m.preferred and m.place.population >= 100_000 for m in cands)))
            )):
                add(start, end, "curated", cands)
            elif (police := _police_city(sdoc, start, end, gaz, common, very_common)) is not None:
                add(start, start + police[0], "gazetteer", police[1])
            elif (county := _county_org(sdoc, start, end, gaz)) is not None:
                add(start, start + county[0], "gazetteer", county[1])
            else:
                lead = _leading_country(sdoc, start, end, gaz) if ent.label_ == "ORG" else 0
                if lead:
                    add(start, start + lead, "gazetteer", _lookup(gaz, sdoc[start:start + lead].text))
                # nationality adjectives ("the Malian army") are not places; other labels are often wrong spans over
                # places: scan inside them
                if ent.label_ in ("PERSON", "ORG", "NORP"):
                    for i in range(ent.start, ent.end):
                        other_ent[i] = True
        else:
            for i in range(ent.start, ent.end):
                other_ent[i] = True
    i = 0
    while i < len(sdoc):
        if taken[i] or other_ent[i] or not _capitalised(sdoc[i]) or sdoc[i].lower_ == "the":
            i += 1
            continue
        hit = None
        for n in range(min(max_words, len(sdoc) - i), 0, -1):
            toks = sdoc[i:i + n]
            if any(taken[k] or other_ent[k] for k in range(i, i + n)) or not _capitalised(toks[-1]):
                continue
            if any(not _capitalised(t) and t.lower_ not in CONNECTORS and t.text not in ("-", ".") for t in toks):
                continue
            cands = _lookup(gaz, toks.text)
            if cands and _plausible(toks, cands, common):
                hit = (n, cands)
                break
        if hit is None:
            i += 1
            continue
        add(i, i + hit[0], "gazetteer", hit[1])
        i += hit[0]
    found.sort(key=lambda t: t.start)
    _add_hints(sdoc, found, gaz)
    return found


#: Words that name a part of a city before its name ("West Phoenix"); the city is the place.
PART_PREFIXES = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                           "downtown", "central", "greater", "metro", "suburban", "northern", "southern", "eastern",
                           "western"})
_DATELINE_END = frozenset({"-", "--", "\u2014", "\u2013", "(", ",", ":", "_"})


def _dateline(sdoc: Any, gaz: Gazetteer, window: int = 60) -> tuple[int, int, list[NameMatch]] | None:
    """A wire-style dateline near the top: "PHOENIX -", "LA PORTE, Texas -", "CHICAGO (AP) --" (upper-case words
    starting a line or the text, then a dash, parenthesis or comma)."""
    n = min(len(sdoc), window)
    i = 0
    while i < n:
        tok = sdoc[i]
        at_line_start = i == 0 or "\n" in sdoc[i - 1].text or "\n" in sdoc[i - 1].whitespace_ or (
            sdoc[i - 1].is_space) or sdoc[i - 1].text in (".", "|", ")") or tok.idx - (
            sdoc[i - 1].idx + len(sdoc[i - 1].text)) > 1
        if not (at_line_start and tok.is_upper and tok.is_alpha and len(tok.text) >= 2):
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and (sdoc[j].is_upper and (sdoc[j].is_alpha or sdoc[j].text in (".", "-"))):
            j += 1
        if j > i and j < len(sdoc) and sdoc[j].text in _DATELINE_END:
            cands = _lookup(gaz, sdoc[i:j].text)
            if not cands and j - i > 1 and sdoc[j - 1].lower_ in COUNTY_WORDS:
                cands = _unit_candidates(_lookup(gaz, sdoc[i:j - 1].text), sdoc[j - 1].lower_)
            if cands:
                return i, j, cands
        i = j if j > i else i + 1
    return None


_SUN_LETTERS = ("ad", "an", "ar", "as", "ash", "at", "az", "adh", "al")


def _lookup(gaz: Gazetteer, text: str) -> list[NameMatch]:
    """Gazetteer candidates, also trying the other spellings of an Arabic article ("Al-Dawr" / "Ad Dawr")."""
    cands = gaz.lookup(text)
    if cands:
        return cands
    head, sep, rest = text.replace("-", " ", 1).partition(" ")
    if sep and head.lower() in ("al", "el", *_SUN_LETTERS) and rest:
        for article in ("al", *_SUN_LETTERS[:-1]):
            cands = gaz.lookup(f"{article} {rest}")
            if cands:
                return cands
        return gaz.lookup(rest)
    return cands


def _strong(cands: list[NameMatch]) -> bool:
    """Candidates that include a country, continent, first-level unit or curated region: rarely anything else."""
    return any(m.place.kind in ("country", "continent", "admin1", "region") or m.place.curated for m in cands)


def _leading_country(sdoc: Any, start: int, end: int, gaz: Gazetteer) -> int:
    """Length of a country name opening an organisation name ("U.S. Centers for Disease Control"), else 0."""
    for n in (3, 2, 1):
        if start + n < end and all(_capitalised(t) for t in sdoc[start:start + n]):
            if any(m.place.kind == "country" for m in _lookup(gaz, sdoc[start:start + n].text)):
                return n
    return 0


def _police_city(sdoc: Any, start: int, end: int, gaz: Gazetteer, common: frozenset[str],
                 very_common: frozenset[str]) -> tuple[int, list[NameMatch]] | None:
    """The city of a city police force named by an entity ("Raleigh Police Department", or "Jackson" before "police"):
    its length and candidates; a very common word ("Mobile", "Transit") is no city name here."""
    text = sdoc[start:end].text
    if end < len(sdoc) and sdoc[end].lower_ == "police" and not sdoc[end].is_sent_start:
        text = f"{text} Police"  # "Jackson police said": the entity stops before the lower-case word
    hit = CITY_POLICE.match(text)
    not_city = ADMIN1_WORDS | ADMIN2_WORDS | {"state", "capitol", "university", "campus"}
    if hit is None or any(w.lower() in not_city for w in hit.group("name").split()):
        return None
    # a common word ("Transit Police") names a city only when it is a large one ("Raleigh", "Jackson", "Mobile")
    # and the text never uses the word in lower case ("metro")
    name = hit.group("name")
    common_word = name.lower() in common
    if name.lower() in very_common or (common_word and any(t.text == name.lower() for t in sdoc)):
        return None
    n = 0
    for k in range(start, end):
        if sdoc[k].idx + len(sdoc[k].text) - sdoc[start].idx == hit.end("name"):
            n = k + 1 - start
            break
    if n == 0:
        return None
    cands = [m for m in _lookup(gaz, sdoc[start:start + n].text) if m.place.kind == "place"]
    if common_word:
        cands = [m for m in cands if m.place.population >= LARGE_CITY]
    return (n, cands) if cands else None


#: Unit words of the United States (and Ireland, the UK) written after or before a name: "Wake County", "Orleans
#: Parish". A name with one names the county, never a town of the same name elsewhere ("Lucas County" is not Lucas).
COUNTY_WORDS = frozenset({"county", "parish", "borough"})
#: An organisation named after its county: "the Vanderburgh County Coroner's Office", "Lucas County Sheriff".
COUNTY_ORG = re.compile(r"^(?:the\s+)?(?P<name>(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*\s+(?:County|Parish|Borough))\b")


def _unit_candidates(cands: list[NameMatch], word: str) -> list[NameMatch]:
    """Candidates of a name whose unit word was dropped: for a county word only units, never towns."""
    if word not in COUNTY_WORDS:
        return cands
    return [m for m in cands if m.place.kind != "place"]


def _unit_after(sdoc: Any, start: int, end: int, gaz: Gazetteer) -> tuple[int, list[NameMatch]] | None:
    """A county the entity names together with the unit word right after it ("Lucas" + "County"): end and
    candidates."""
    if end >= len(sdoc) or sdoc[end].text not in ("County", "Parish", "Borough"):
        return None
    cands = [m for m in _lookup(gaz, sdoc[start:end + 1].text) if m.place.kind == "admin2"]
    return (end + 1, cands) if cands else None


def _county_org(sdoc: Any, start: int, end: int, gaz: Gazetteer) -> tuple[int, list[NameMatch]] | None:
    """The county an organisation is named after ("Vanderburgh County Coroner's Office"): its length and the
    county candidates."""
    hit = COUNTY_ORG.match(sdoc[start:end].text)
    if hit is None:
        return None
    for k in range(start, end):
        if sdoc[k].idx + len(sdoc[k].text) - sdoc[start].idx == hit.end("name"):
            cands = [m for m in _lookup(gaz, sdoc[start:k + 1].text) if m.place.kind == "admin2"]
            return (k + 1 - start, cands) if cands and k + 1 < end else None
    return None


def _governed_by_locative(token: Any) -> bool:
    """True for "in X", "near X", "the city of X" / "the province of X" (place nouns naming what X is) and "the edge /
    outskirts / centre of X" (a part of X)."""
    head = token
    while (head.dep_ in ("compound", "flat", "appos") or (head.dep_ == "amod" and head.pos_ == "PROPN")) \
            and head.head.i != head.i:
        head = head.head  # "in a Raleigh parking lot": the proper noun modifying the place noun is the place
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ in LOCATIVE_PREPS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in SETTLEMENT_WORDS | ADMIN1_WORDS | ADMIN2_WORDS | PART_WORDS


def _names_an_area(token: Any) -> bool:
    """True for X in "the X district" and for every name of "the X, Y and Z regions" (the descriptor says what X is)."""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nmod", "compound", "amod") and head.head.lower_ in ADMIN1_WORDS | ADMIN2_WORDS


def _plausible(toks: Any, cands: list[NameMatch], common: frozenset[str]) -> bool:
    """A gazetteer-only match must look like a name, not a capitalised common word ("Of", "Police", "Mobile")."""
    strong = _strong(cands)
    if len(toks) > 1:
        return strong or any(m.preferred for m in cands)
    tok = toks[0]
    if tok.is_upper and len(tok.text) <= 3:
        return any(m.place.kind == "country" for m in cands)
    if tok.pos_ != "PROPN":
        return False
    if tok.lower_ in common and not strong:
        return False
    return strong or any(m.preferred and m.place.population >= 1000 for m in cands)


def _add_hints(sdoc: Any, toponyms: list[Toponym], gaz: Gazetteer) -> None:
    """Descriptor words ("X region", "city of X"), coordinated lists ("A, B and C regions") and "City, ST"."""
    for k, top in enumerate(toponyms):
        # a descriptor after the toponym or after the list it ends: "the Askeran, Martakert and Martuni regions"
        j = top.end
        while j < len(sdoc) and (sdoc[j].text in (",", "and") or _in_toponym(toponyms, j)):
            j += 1
        if j < len(sdoc) and j > top.end - 1:
            word = sdoc[j].lower_
            if word in ADMIN1_WORDS:
                top.precision_hint = "admin1"
            elif word in ADMIN2_WORDS:
                top.precision_hint = "admin2"
        if top.start >= 2 and sdoc[top.start - 1].lower_ == "of" and sdoc[top.start - 2].lower_ in SETTLEMENT_WORDS:
            top.precision_hint = "place"
        # "City, ST" / "City, State" / "City, Country"
        if top.end + 1 < len(sdoc) and sdoc[top.end].text == ",":
            nxt = toponyms[k + 1] if k + 1 < len(toponyms) else None
            if nxt is not None and nxt.start == top.end + 1:
                for m in nxt.candidates:
                    if m.place.kind == "admin1" and m.place.admin1_code:
                        top.admin1_code = top.admin1_code or m.place.admin1_code
                    elif m.place.kind == "country":
                        top.country_hint = top.country_hint or m.place.country
            else:
                code = sdoc[top.end + 1].text
                if US_POSTAL.match(code) and gaz.admin1_by_code(f"US.{code}") is not None:
                    top.admin1_code = f"US.{code}"


def _in_toponym(toponyms: list[Toponym], index: int) -> bool:
    return any(t.start <= index < t.end for t in toponyms)


def _km(a: GazPlace, b: GazPlace) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


KIND_BONUS = {"country": 3.0, "continent": 3.0, "admin1": 2.5, "region": 2.5, "admin2": 1.0, "place": 0.0}


@dataclass(frozen=True, slots=True)
class Context:
    """What the document says about its area besides its toponyms: the outlet's state, states named in
    organisation names ("Kentucky State Police")."""

    admin1_codes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    home_state: str | None = None  # the outlet's state ("US.GA"): the document's own, unlike a state named in a name


def _score(top: Toponym, m: NameMatch, countries: Counter[str], admin1s: Counter[str],
           anchors: list[GazPlace], context: Context = Context()) -> tuple[float, int]:
    """Score a candidate; also say how far the document (not just its prior) supports it: 0 not at all, 1 by its
    country only, 2 by its region (state named, "City, ST", a nearby place)."""
    place = m.place
    score = math.log10(place.population + 10) + (1.0 if m.preferred else 0.0) + KIND_BONUS.get(place.kind, 0.0)
    score += 1.0 if place.curated else 0.0
    support = 0
    local = place.kind in ("place", "admin2")
    if place.admin1_code and place.admin1_code in context.admin1_codes:
        score += 4.0 if local else 1.0
        support = 2
    if place.country and place.country in context.countries:
        score += 1.5
        support = max(support, 1)
    if top.admin1_code:
        if place.admin1_code == top.admin1_code:
            score += 10.0
            support = 2
        else:
            score -= 5.0
    if top.country_hint:
        if place.country == top.country_hint:
            score += 8.0
            support = max(support, 1)
        else:
            score -= 4.0
    if top.precision_hint in ("admin1", "admin2") and place.kind in ("admin1", "admin2", "region"):
        score += 3.0
    if place.country and countries.get(place.country):
        score += 2.0 + min(countries[place.country], 3) * 0.5
        support = max(support, 1)
    if place.admin1_code and admin1s.get(place.admin1_code) and local:
        score += 2.5
        support = 2
    if anchors and local:
        nearest = min(_km(place, a) for a in anchors)
        if nearest < 300:
            score += 1.5
            support = 2
    return score, support


def _home(toponyms: list[Toponym], context: Context) -> tuple[str | None, str | None]:
    """The document's own country and state, when it clearly has one: the outlet's (or a US-only office's) country
    and state, else the dateline's (a state only in the US), else the country of most of its resolved places (three
    at least, two thirds)."""
    country = next(iter(context.countries)) if len(context.countries) == 1 else None
    state = context.home_state
    for top in toponyms:
        if top.source == "dateline" and top.place is not None:
            country = country or top.place.country
            if top.place.kind != "country" and top.place.country == "USA":
                state = state or top.place.admin1_code  # local news has a home state; a foreign dateline does not
    if country is None:
        named = Counter(t.place.country for t in toponyms if t.place is not None and t.place.country)
        if named:
            first, count = named.most_common(1)[0]
            if count >= MAJORITY_MIN and count * 3 >= 2 * sum(named.values()):
                country = first
    return country, state


def resolve_toponyms(toponyms: list[Toponym], context: Context = Context()) -> None:
    """Choose a place for each toponym using the rest of the document as context (two passes)."""
    anchors: list[GazPlace] = []
    for second in (False, True):
        backing: dict[str, set[int]] = {}  # country -> the distinct places resolved in it (repeats back nothing)
        for top in toponyms:
            if top.place is not None and top.place.country:
                backing.setdefault(top.place.country, set()).add(top.place.id)
        countries: Counter[str] = Counter()
        admin1s: Counter[str] = Counter()
        for top in toponyms:
            cands = {m.place.country for m in top.candidates}
            if top.place is not None and top.place.country:
                countries[top.place.country] += 1
                if top.place.kind == "admin1" and top.place.admin1_code:
                    admin1s[top.place.admin1_code] += 1
            elif len(cands) == 1:
                only = next(iter(cands))
                if only is not None:
                    countries[only] += 1
        for top in toponyms:
            own = top.place
            if own is not None and own.country:  # a toponym is no context for itself
                countries[own.country] -= 1
                if own.kind == "admin1" and own.admin1_code:
                    admin1s[own.admin1_code] -= 1
            others = [a for a in anchors if own is None or a.id != own.id]
            # the first pass keeps every candidate so that the places of the second have their neighbours
            _choose(top, countries, admin1s, others, context, _home(toponyms, context) if second else (None, None),
                    backing)
            if own is not None and own.country:
                countries[own.country] += 1
                if own.kind == "admin1" and own.admin1_code:
                    admin1s[own.admin1_code] += 1
        anchors = [t.place for t in toponyms if t.place is not None and t.place.kind in ("place", "admin2")]


#: A place outside the document's country (or state) with no support in the text and fewer people than this is
#: more likely a word that happens to be a foreign place name ("a Honda Accord", "Macy's") than where things happened.
SMALL_FOREIGN = 250_000
SMALL_OUT_OF_STATE = 50_000
#: Resolved places of one country that make it the document's country when nothing else says which it is.
MAJORITY_MIN = 3


def _choose(top: Toponym, countries: Counter[str], admin1s: Counter[str], anchors: list[GazPlace],
            context: Context = Context(), home: tuple[str | None, str | None] = (None, None),
            backing: dict[str, set[int]] | None = None) -> None:
    if not top.candidates:
        top.place, top.reason = None, "not in the gazetteer"
        return
    scored = sorted(
        ((*_score(top, m, countries, admin1s, anchors, context), m) for m in top.candidates),
        key=lambda x: -x[0],
    )
    _, support, best = scored[0]
    if best.place.kind == "admin2" and support < 2:
        # namesake counties ("Washington County" in 30 states): one the text places regionally beats a larger one
        # it does not; none placed and none dominant: unresolved
        local = [x for x in scored if x[2].place.kind == "admin2" and x[1] == 2]
        namesakes = [x[2].place.population for x in scored
                     if x[2].place.kind == "admin2" and x[2].place.country == best.place.country]
        if local:
            _, support, best = local[0]
        elif len(namesakes) >= 2 and sorted(namesakes)[-1] < COUNTY_DOMINANCE * max(sorted(namesakes)[-2], 1):
            top.place, top.reason = None, (
                f"{len(namesakes)} units of {best.place.country} share this name and the text gives no region to "
                "choose"
            )
            return
    same_kind = [m for m in top.candidates if m.place.kind == best.place.kind]
    if best.place.kind in ("place", "admin2") and support == 0 and len(same_kind) >= 3:
        pops = sorted((m.place.population for m in same_kind), reverse=True)
        if pops[0] < DOMINANCE * max(pops[1], 1) and pops[0] < 1_000_000:
            top.place, top.reason = None, (
                f"{len(same_kind)} places share this name and the text gives no country or region to choose"
            )
            return
    country, state = home
    if best.place.kind == "place" and not best.place.curated and top.source != "dateline":
        backed = bool((backing or {}).get(best.place.country or "", set()) - {best.place.id})
        if (country and best.place.country != country and support < 2 and not backed and not top.country_hint
                and best.place.population < SMALL_FOREIGN):
            top.place, top.reason = None, (
                f"the only match is a small place in {best.place.country}, a country the text never points at "
                f"(the document is about {country})"
            )
            return
        if (state and best.place.country == country and best.place.admin1_code != state and support <= 1
                and best.place.population < SMALL_OUT_OF_STATE):
            top.place, top.reason = None, (
                f"the only match is a small place in another state ({best.place.admin1}) than the document's"
            )
            return
    top.place, top.reason = best.place, None
    top.precision = best.place.precision
    if top.precision_hint in ("admin1", "admin2") and best.place.kind == "place":
        top.precision = top.precision_hint


def to_place(doc: Document, top: Toponym) -> Place:
    """The model Place of a resolved toponym, with its span in the ORIGINAL text."""
    sdoc = doc.nlp
    start_char = sdoc[top.start].idx
    last = sdoc[top.end - 1]
    span = doc.to_original(start_char, last.idx + len(last.text))
    assert top.place is not None
    gp = top.place
    admin1 = gp.name if gp.kind == "admin1" else gp.admin1
    return Place(
        text=doc.original_text(span), span=span, name=gp.name, lat=gp.lat, lon=gp.lon, geonameid=gp.geonameid,
        country=gp.country, admin1=admin1, precision=top.precision,
    )


# ---------------------------------------------------------------------------------------------------------------
# Event location

_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}


def _path_length(a: Any, b: Any) -> int:
    """Number of dependency arcs between two tokens of one sentence (large when in different trees)."""
    up_a = [a, *a.ancestors]
    index = {t.i: d for d, t in enumerate(up_a)}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return d + index[t.i]
    return 99


#: Nouns that a toponym may modify and still be a location ("the Homs province", "Afrin countryside", "his Amman
#: home", "the Baghdad headquarters of the UN").
AREA_WORDS = ADMIN1_WORDS | ADMIN2_WORDS | SETTLEMENT_WORDS | frozenset({
    "area", "areas", "countryside", "outskirts", "suburbs", "border", "region", "coast", "island", "valley",
    "camp", "province", "outpost", "base", "streets", "street", "square", "market", "front", "airport", "zone",
    "junction", "checkpoint", "crossing", "bridge", "road", "highway", "station", "headquarters", "home", "house",
    "residence", "restaurant", "hotel", "school", "hospital", "mosque", "church", "prison", "embassy", "compound",
    "office", "offices", "building", "mall", "university", "stadium", "neighbourhood", "neighborhood", "district",
    "vicinity", "hills", "mountains", "port", "harbour", "harbor", "waters", "plant", "factory", "village",
    "villages", "town", "towns", "downtown", "settlement", "settlements", "neighbourhoods", "neighborhoods"})
#: Event nouns a place name may premodify and still be their location ("the Aleppo offensive", "the Mosul operation").
EVENT_NOUNS = frozenset({
    "offensive", "operation", "battle", "siege", "attack", "attacks", "bombing", "bombings", "raid", "raids",
    "clashes", "fighting", "massacre", "assault", "campaign", "shooting", "shootings", "protest", "protests",
    "uprising", "violence", "blast", "explosion", "ambush", "standoff", "riots", "unrest", "war", "front"})
#: Nouns naming a part of a place: "the centre of Kabul", "parts of Homs".
PART_WORDS = frozenset({
    "center", "centre", "heart", "part", "parts", "edge", "side", "rest", "outskirts", "suburb", "suburbs",
    "entrance", "north", "south", "east", "west", "interior", "province", "city", "town", "village", "capital"})
#: Direction words that make "X km north of Y" a reference point rather than the place itself.
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "north-east", "north-west", "south-east", "south-west", "outside"})
_PRECISION_COST = {"place": 0.0, "admin2": 0.5, "admin1": 1.0, "country": 1.5}


def _toponym_root(sdoc: Any, top: Toponym) -> Any:
    root = sdoc[top.end - 1]
    while root.head.i != root.i and top.start <= root.head.i < top.end:
        root = root.head
    return root


def _role_token(token: Any) -> Any:
    """The first conjunct of a coordination: "B" in "A and B" plays the role of "A"."""
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ in ("PROPN", "NOUN"):
        token = token.head
    return token


def _attachment_cost(sdoc: Any, top: Toponym, head: Any) -> float | None:
    """How unlikely the toponym is the location of the event headed by ``head`` (lower is better).

    None when its role rules it out: a subject ("Iran captured..."), a modifier of an ordinary noun ("U.S. forces",
    "Syria's conflict") or an origin ("a driver from Abidjan").
    """
    root = _role_token(_toponym_root(sdoc, top))
    governor = root.head
    if root.dep_ in ("nsubj", "csubj", "agent"):
        return None
    area_word = governor.lower_ in AREA_WORDS or (governor.i == head.i and governor.lower_ in EVENT_NOUNS)
    if root.dep_ in ("compound", "amod", "poss", "nmod") and not area_word:
        return None
    if root.dep_ == "pobj" and governor.lower_ in ("from", "for", "by", "against", "with", "to") and (
        governor.head.pos_ in ("NOUN", "PROPN", "PRON") or governor.lower_ != "from"
    ):
        return None
    named_by = root.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lower_ in AREA_WORDS
    if root.dep_ == "pobj" and governor.lower_ == "of" and governor.head.pos_ == "NOUN" and not (
        named_by or governor.head.i == head.i or governor.head.lower_ in EVENT_NOUNS | DIRECTIONS | PART_WORDS
    ):
        return None  # "representatives of Artsakh", "the policy of Azerbaijan": whose, not where
    locative = (root.dep_ == "pobj" and governor.lower_ in LOCATIVE_PREPS) or area_word or named_by
    taking = head.lemma_.lower() in TAKING_VERBS and head.pos_ == "VERB"
    if root.dep_ in ("dobj", "dative") and not taking and (top.place is None or top.place.kind != "place"):
        return None  # "accused Iraq": a country as object is a participant; "captured Jaffna": a town is a place
    if top.place is None and not locative and not (taking and root.dep_ in ("dobj", "nsubjpass")):
        return None
    cost = float(_path_length(root, head))
    if (root.dep_ == "pobj" and governor.lower_ in LOCATIVE_PREPS) or named_by:
        cost -= 0.5
    if taking and root.dep_ in ("dobj", "nsubjpass") and root.head.i == head.i:
        cost -= 0.5
    if root.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lower_ in DIRECTIONS:
        cost += 2.0  # "100 km west of Mosul": a reference point
    cost += _PRECISION_COST.get(top.precision, 0.0) if top.place is not None else 0.0
    cost += abs(int(root.i) - int(head.i)) * 0.05
    return cost


def _locative_role(sdoc: Any, top: Toponym, head: Any) -> bool:
    """True when the toponym says where the event happened: "in X", "the X region", "shelled X" (a taking verb)."""
    root = _role_token(_toponym_root(sdoc, top))
    governor = root.head
    if root.dep_ == "pobj" and governor.lower_ in LOCATIVE_PREPS:
        return True
    if governor.lower_ in AREA_WORDS:
        return True
    return root.dep_ in ("dobj", "nsubjpass", "conj") and head.lemma_.lower() in TAKING_VERBS


def _enclosing(sdoc: Any, top: Toponym, resolved: list[Toponym]) -> Toponym | None:
    """The resolved toponym of the same sentence closest in the parse to an unresolved one ("X in central Y")."""
    root = _toponym_root(sdoc, top)
    best = [(_path_length(root, _toponym_root(sdoc, t)), t) for t in resolved if t is not top]
    best = [b for b in best if b[0] <= 4]
    return min(best, key=lambda b: b[0])[1] if best else None


def _conjuncts(toponyms: list[Toponym], chosen: Toponym, sdoc: Any) -> list[Toponym]:
    """The chosen toponym and those coordinated with it ("in A, B and C")."""
    group = [chosen]
    k = next(i for i, t in enumerate(toponyms) if t is chosen)
    for step in (1, -1):
        j = k
        while 0 <= j + step < len(toponyms):
            a, b = (toponyms[j], toponyms[j + step]) if step == 1 else (toponyms[j + step], toponyms[j])
            between = [t.text for t in sdoc[a.end:b.start]]
            if between and all(x in (",", "and", "or", "as", "well") for x in between) and a.end < b.start:
                group.append(toponyms[j + step])
                j += step
            else:
                break
    group.sort(key=lambda t: t.start)
    return [t for t in group if t.place is not None]


def _main_place(resolved: list[Toponym], sdoc: Any = None) -> Toponym | None:
    """The document's main place: its dateline ("CHICAGO (AP) --"), else the most mentioned, finest, earliest."""
    if not resolved:
        return None
    for top in resolved:
        if top.source == "dateline":
            return top
    first = resolved[0]
    if sdoc is not None and first.start <= 3 and first.text.isupper() and first.end < len(sdoc):
        if sdoc[first.end].text in ("(", "-", "--", "\u2014", "\u2013", ",", ":"):
            return first
    counts = Counter(t.place.id for t in resolved if t.place is not None)
    return min(resolved, key=lambda t: (
        -counts[t.place.id] if t.place else 0, _PRECISION_RANK.get(t.precision, 3), t.start))


def _unique_places(doc: Document, group: list[Toponym]) -> list[Place]:
    places: list[Place] = []
    seen: set[int] = set()
    for top in group:
        if top.place is not None and top.place.id not in seen:
            seen.add(top.place.id)
            places.append(to_place(doc, top))
    return places


def locate_events(doc: Document, toponyms: list[Toponym]) -> None:
    """Set each event's location; copy an event once per further distinct location."""
    sdoc = doc.nlp
    resolved = [t for t in toponyms if t.place is not None]
    if not doc.events:
        return
    main = _main_place(resolved, sdoc)
    out: list[Event] = []
    for event in doc.events:
        head = sdoc[event.head] if event.head is not None and 0 <= event.head < len(sdoc) else None
        if head is None:
            out.append(event)
            continue
        sent = head.sent
        in_sent = [t for t in toponyms if sent.start <= t.start < sent.end]
        resolved_here = [t for t in in_sent if t.place is not None]
        costs = [(c, t) for t in in_sent if (c := _attachment_cost(sdoc, t, head)) is not None]
        places: list[Place] = []
        if costs:
            chosen = min(costs, key=lambda x: x[0])[1]
            if chosen.place is None:
                # a place the gazetteer lacks ("al-Tijara neighbourhood in central Damascus"): the event is located
                # at the enclosing place the sentence names, honestly: its name, coordinates, id and precision; the
                # text and span stay those of the words that say where it happened
                outer = _enclosing(sdoc, chosen, resolved_here)
                if outer is not None:
                    place = to_place(doc, outer)
                    span = doc.to_original(sdoc[chosen.start].idx, sdoc[chosen.end - 1].idx + len(sdoc[chosen.end - 1]))
                    place.text, place.span = doc.original_text(span), span
                    places.append(place)
            elif _locative_role(sdoc, chosen, head):
                places = _unique_places(doc, _conjuncts(in_sent, chosen, sdoc))
            else:
                places = _unique_places(doc, [chosen])  # "talks between A and B": no split over participants
        elif main is not None and len(list(sdoc.sents)) > 1:
            places = _unique_places(doc, [main])  # no place of this sentence can be where it happened
        if not places:
            out.append(event)
            continue
        event.location = places[0]
        out.append(event)
        for place in places[1:]:
            twin = copy.deepcopy(event)
            twin.location = place
            out.append(twin)
    doc.events = out


# ---------------------------------------------------------------------------------------------------------------
# Document context: the outlet's home state and states named inside organisation names

_OUTLETS = "us_outlets.tsv"


def load_outlets(config: Config) -> dict[str, tuple[str, str]]:
    """The shipped table of US news outlet domains -> (home city or "", USPS state code).

    Raises:
        DataFileError: the table is missing or a row breaks the schema (domain, city, state).
    """
    del config
    path = shipped_data_dir() / _OUTLETS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read the outlet table {path}: {exc}. Reinstall eventsift.") from exc
    out: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#") or line.startswith("domain\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or not re.fullmatch(r"[a-z0-9.-]+\.[a-z]+", cols[0]) or not US_POSTAL.match(cols[2]):
            raise DataFileError(
                f"outlet table {path}: line {n}: expected 'domain<TAB>city<TAB>state' with a lower-case domain and "
                f"a two-letter state code, got {line!r}. Fix the row."
            )
        out[cols[0]] = (cols[1], cols[2])
    return out


def outlet_state(outlets: dict[str, tuple[str, str]], outlet: str | None, url: str | None) -> str | None:
    """The USPS code of the state an outlet (domain or URL) covers, if the table knows it."""
    hosts = [outlet or ""]
    if url:
        hosts.append(urlsplit(url if "//" in url else f"//{url}").hostname or "")
    for host in hosts:
        host = host.lower().strip().removeprefix("www.")
        labels = host.split(".")
        for i in range(len(labels) - 1):
            hit = outlets.get(".".join(labels[i:]))
            if hit is not None:
                return hit[1]
    return None


def document_context(doc: Document, gaz: Gazetteer, outlets: dict[str, tuple[str, str]]) -> Context:
    """States and countries the document points at outside its toponyms (outlet, "Kentucky State Police")."""
    codes: set[str] = set()
    state = outlet_state(outlets, doc.source.outlet, doc.source.url)
    if state is not None:
        codes.add(f"US.{state}")
    for ent in doc.nlp.ents:
        if ent.label_ not in ("ORG", "FAC", "PERSON", "NORP"):
            continue
        for n in (2, 1):
            toks = ent[:n]
            if len(toks) < n or len(ent) <= n or not all(_capitalised(t) for t in toks):
                continue
            hit = [m.place for m in _lookup(gaz, toks.text) if m.place.kind == "admin1" and m.place.admin1_code]
            if hit:
                codes.add(str(hit[0].admin1_code))
                break
    countries = {"USA"} if any(c.startswith("US.") for c in codes) else set()
    if any(ent.label_ == "ORG" and US_POLICING.search(ent.text) for ent in doc.nlp.ents) or US_OFFICES.search(
            doc.nlp.text):
        countries.add("USA")
    return Context(frozenset(codes), frozenset(countries), None if state is None else f"US.{state}")


class GeoStage:
    """Pipeline stage: doc.places (resolved toponyms) and event.location."""

    name = "eventsift.resolve.geo.v1"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("places", "locations")

    def __init__(self, gazetteer: Gazetteer, common_words: frozenset[str],
                 outlets: dict[str, tuple[str, str]] | None = None,
                 very_common_words: frozenset[str] | None = None) -> None:
        self.gazetteer = gazetteer
        self.common_words = common_words
        self.outlets = outlets or {}
        self.very_common_words = very_common_words

    def toponyms(self, doc: Document) -> list[Toponym]:
        """Find and resolve the toponyms of a parsed document."""
        toponyms = find_toponyms(doc.nlp, self.gazetteer, self.common_words, very_common=self.very_common_words)
        resolve_toponyms(toponyms, document_context(doc, self.gazetteer, self.outlets))
        return toponyms

    def __call__(self, doc: Document) -> None:
        """Fill doc.places and each event's location."""
        if doc.nlp is None:
            return
        toponyms = self.toponyms(doc)
        doc.places = [to_place(doc, t) for t in toponyms if t.place is not None]
        locate_events(doc, toponyms)

    def process_batch(self, docs: Iterable[Document]) -> None:
        """Run over several documents (no batching gain: the work is per document)."""
        for doc in docs:
            self(doc)


def create_geo(resources: Resources) -> GeoStage:
    """Factory registered as ``eventsift.resolve.geo.v1``."""
    ranked = resources.get("geo.ranked_words", load_ranked_words)
    return GeoStage(
        resources.get("gazetteer", load_gazetteer),
        frozenset(ranked),
        resources.get("geo.us_outlets", load_outlets),
        frozenset(ranked[:VERY_COMMON_WORDS_RANK]),
    )
