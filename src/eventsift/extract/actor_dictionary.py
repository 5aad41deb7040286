"""The actor dictionary: countries, sectors, named organisations and people, generic agents; loading and matching.

Data lives in ``eventsift/data/actors/`` (schemas in docs/actors.md). :func:`load_actor_dictionary` reads the shipped
files plus ``Config.actor_files`` and validates every row, naming the file and line that is wrong. The dictionary
matches aliases case-insensitively over spaCy tokens (case is used only to reject common words in mixed-case text)
and codes a noun phrase into a canonical name, an ISO3 country and a sector.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from eventsift.config import Config
from eventsift.errors import DataFileError

ACTOR_COLUMNS: tuple[str, ...] = ("name", "aliases", "country", "sector", "type", "start", "end")
COUNTRY_COLUMNS: tuple[str, ...] = ("iso3", "short_name", "names", "adjectives", "demonyms", "metonyms")
ENTRY_TYPES: tuple[str, ...] = ("agent", "group", "party", "igo", "ngo", "media", "organisation", "person", "state")
SHIPPED_ACTOR_FILES: tuple[str, ...] = ("agents.tsv", "organisations.tsv", "people.tsv")
MAX_ALIAS_TOKENS = 10

Tokenize = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of an actor file: a named or generic actor, valid from ``start`` to ``end`` (inclusive, open if None)."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    type: str
    start: dt.date | None
    end: dt.date | None
    origin: str

    def valid_on(self, day: dt.date) -> bool:
        """Whether the row applies on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country with the words that point to it."""

    iso3: str
    short_name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[tuple[str, str], ...]  # (alias, sector)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What an alias may refer to: ``kind`` is country/adjective/demonym/metonym/entry."""

    kind: str
    alias: str
    country: CountryEntry | None = None
    entry: ActorEntry | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class DictMatch:
    """Dictionary hit over tokens ``[start, end)`` of a spaCy Doc, resolved to one candidate."""

    start: int
    end: int
    candidate: Candidate

    @property
    def kind(self) -> str:
        """The candidate kind, with entries split into "agent", "state" and "entity"."""
        entry = self.candidate.entry
        if entry is None:
            return self.candidate.kind
        if entry.type in ("agent", "state"):
            return entry.type
        return "entity"

    @property
    def sector(self) -> str | None:
        """The sector this hit gives on its own."""
        if self.candidate.entry is not None:
            return self.candidate.entry.sector
        return self.candidate.sector

    @property
    def country(self) -> str | None:
        """The ISO3 country this hit gives on its own."""
        if self.candidate.entry is not None:
            return self.candidate.entry.country
        return self.candidate.country.iso3 if self.candidate.country else None


@dataclass(frozen=True, slots=True)
class Coding:
    """The coded identity of a phrase."""

    name: str
    country: str | None
    sector: str | None
    matched: bool  # whether any dictionary entry contributed
    kind: str | None = None  # kind of the main hit (entity, agent, metonym, country, state, demonym, adjective)


@dataclass
class Sectors:
    """The sector vocabulary: code -> label."""

    labels: dict[str, str]

    def __contains__(self, code: object) -> bool:
        return code in self.labels


@dataclass
class ActorDictionary:
    """Countries, entries and the alias index used to find actors in parsed text."""

    sectors: Sectors
    countries: dict[str, CountryEntry]
    entries: list[ActorEntry]
    ambiguous_words: frozenset[str]
    attachment: dict[str, Any]
    index: dict[tuple[str, ...], list[Candidate]] = field(default_factory=dict)
    max_len: int = 1

    def build_index(self, tokenize: Tokenize) -> None:
        """Index every alias by its lower-cased tokens (``tokenize`` must split like the parser's tokenizer)."""

        def add(alias: str, cand: Candidate) -> None:
            toks = tuple(t.lower() for t in tokenize(alias))
            if not toks or len(toks) > MAX_ALIAS_TOKENS:
                return
            self.index.setdefault(toks, []).append(cand)
            self.max_len = max(self.max_len, len(toks))

        for country in self.countries.values():
            for name in country.names:
                add(name, Candidate("country", name, country=country))
            for adj in country.adjectives:
                add(adj, Candidate("adjective", adj, country=country))
            for dem in country.demonyms:
                add(dem, Candidate("demonym", dem, country=country, sector="CVL"))
            for alias, sector in country.metonyms:
                add(alias, Candidate("metonym", alias, country=country, sector=sector))
        for entry in self.entries:
            for alias in entry.aliases:
                forms = [alias] + (plural_forms(alias) if entry.type == "agent" else [])
                for form in forms:
                    add(form, Candidate("entry", form, entry=entry))

    def match(self, tokens: Sequence[Any], *, all_caps: bool, day: dt.date | None) -> list[DictMatch]:
        """Longest non-overlapping alias hits over spaCy ``tokens``, each resolved for ``day``."""
        lower = [t.lower_ for t in tokens]
        texts = [t.text for t in tokens]
        hits: list[DictMatch] = []
        i = 0
        while i < len(lower):
            found = False
            for n in range(min(self.max_len, len(lower) - i), 0, -1):
                cands = self.index.get(tuple(lower[i:i + n]))
                if not cands:
                    continue
                usable = [c for c in cands if self._case_ok(c.alias, texts[i:i + n], all_caps=all_caps)]
                if not usable:
                    continue
                hits.append(DictMatch(tokens[i].i, tokens[i].i + n, resolve_candidates(usable, day)))
                i += n
                found = True
                break
            if not found:
                i += 1
        return hits

    def _case_ok(self, alias: str, texts: Sequence[str], *, all_caps: bool) -> bool:
        """Reject hits that only match because case was ignored (\"turkey\", \"us\")."""
        lowered = alias.lower()
        if all_caps:
            return lowered not in self.ambiguous_words
        if lowered in self.ambiguous_words or is_acronym(alias):
            return "".join(texts).replace(" ", "") == alias.replace(" ", "")
        if alias[:1].isupper():
            first = texts[0]
            return first[:1].isupper() or first[:1].isdigit() or (first.lower() in ("al", "the") and len(texts) > 1)
        return True

    def code(self, hits: Sequence[DictMatch], *, head: int, fallback: str) -> Coding:
        """Code a phrase from the dictionary hits inside it; ``head`` is the phrase head token index."""
        if not hits:
            return Coding(name=fallback, country=None, sector=None, matched=False)

        def nearest(kinds: tuple[str, ...]) -> DictMatch | None:
            pool = [h for h in hits if h.kind in kinds]
            if not pool:
                return None
            return min(pool, key=lambda h: 0 if h.start <= head < h.end
                       else min(abs(h.start - head), abs(h.end - 1 - head)))

        entity = nearest(("entity",))
        agent = nearest(("agent",))
        weak = {w.lower() for w in self.attachment.get("weak_agents", ())}
        if agent is not None and agent.candidate.alias.lower() in weak:
            strong = [h for h in hits if h.kind == "agent" and h.candidate.alias.lower() not in weak]
            agent = strong[0] if len(strong) == 1 else agent
        place = nearest(("country", "adjective", "state", "metonym", "demonym"))
        country = None
        place_name = None
        if place is not None:
            country = place.country
            place_name = self.place_name(place)
        if entity is not None and entity.candidate.entry is not None:
            ent = entity.candidate.entry
            sector = ent.sector or (agent.sector if agent else None)
            return Coding(name=ent.name, country=ent.country or country, sector=sector, matched=True, kind="entity")
        if agent is not None and agent.candidate.entry is not None:
            name = " ".join(p for p in (place_name, agent.candidate.entry.name) if p)
            return Coding(name=name, country=country, sector=agent.sector, matched=True, kind="agent")
        assert place is not None  # hits is non-empty and every hit is an entity, an agent or a place
        if place.kind == "metonym":
            return Coding(name=f"{place_name} {self.sector_label(place.sector)}", country=country, sector=place.sector,
                          matched=True, kind="metonym")
        if place.kind == "demonym":
            return Coding(name=f"{place_name} civilians", country=country, sector="CVL", matched=True, kind="demonym")
        return Coding(name=place_name or fallback, country=country, sector=None, matched=True, kind=place.kind)

    def place_name(self, hit: DictMatch) -> str | None:
        """Display name of the country or de facto state a hit points to."""
        if hit.candidate.country is not None:
            return hit.candidate.country.short_name
        if hit.candidate.entry is not None:
            return hit.candidate.entry.name
        return None

    def sector_label(self, code: str | None) -> str:
        """Readable label of a sector code (\"GOV\" -> \"government\")."""
        return self.sectors.labels.get(code or "", "")


def resolve_candidates(cands: Sequence[Candidate], day: dt.date | None) -> Candidate:
    """Pick the candidate an alias means on ``day``: named entries before country words, then by validity date."""
    entries = [c for c in cands if c.entry is not None and c.entry.type != "agent"]
    pool = entries or list(cands)
    dated = [c for c in pool if c.entry is not None]
    if not dated:
        return pool[0]
    if day is not None:
        valid = [c for c in dated if c.entry is not None and c.entry.valid_on(day)]
        if valid:
            return valid[0]

        def distance(c: Candidate) -> int:
            e = c.entry
            assert e is not None
            if e.start is not None and day < e.start:
                return (e.start - day).days
            if e.end is not None and day > e.end:
                return (day - e.end).days
            return 0

        best = min(dated, key=distance)
        entry = best.entry
        assert entry is not None
        if entry.type == "person":  # out of office on that day: keep who it is, not the office
            return Candidate(best.kind, best.alias, entry=_replace_sector(entry, None))
        return best
    return max(dated, key=lambda c: c.entry.start or dt.date.min if c.entry else dt.date.min)


def _replace_sector(entry: ActorEntry, sector: str | None) -> ActorEntry:
    return ActorEntry(entry.name, entry.aliases, entry.country, sector, entry.type, entry.start, entry.end,
                      entry.origin)


#: Entry types whose display name carries the acronym an alias gives.
ACRONYM_TYPES = frozenset({"group", "party", "igo", "ngo", "organisation", "media"})


def is_acronym(alias: str) -> bool:
    """Short aliases written with several capitals ("UN", "LeT", "UC-ELN") are case-sensitive in mixed-case text."""
    return " " not in alias and len(alias) <= 6 and sum(ch.isupper() for ch in alias) >= 2


def plural_forms(alias: str) -> list[str]:
    """Regular plurals of an agent noun phrase (its last word): soldier -> soldiers, militia -> militias."""
    head, _, last = alias.rpartition(" ")
    low = last.lower()
    if not low.isalpha() or low.endswith(("s", "people", "men", "children", "police", "military", "media")):
        forms: list[str] = []
    elif low.endswith("man"):
        forms = [last[:-3] + "men"]
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif low.endswith(("ch", "sh", "x")):
        forms = [last + "es"]
    else:
        forms = [last + "s"]
    return [f"{head} {f}".strip() for f in forms]


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _read_tsv(path: Path, text: str, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a versioned TSV file as (line number, column -> cell), checking the version line and header."""
    version: str | None = None
    header_seen = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if body.lower().startswith("version:"):
                version = body.split(":", 1)[1].strip()
            continue
        cells = line.split("\t")
        if not header_seen:
            if version is None:
                raise DataFileError(f"{path}:{lineno}: no '# version: N' comment before the header; add one at the top")
            if tuple(c.strip() for c in cells) != columns:
                raise DataFileError(
                    f"{path}:{lineno}: header is {cells!r}; expected the tab-separated columns {', '.join(columns)}"
                )
            header_seen = True
            continue
        if len(cells) < len(columns):
            cells += [""] * (len(columns) - len(cells))
        if len(cells) != len(columns):
            raise DataFileError(
                f"{path}:{lineno}: {len(cells)} tab-separated cells, expected {len(columns)} ({', '.join(columns)})"
            )
        yield lineno, dict(zip(columns, (c.strip() for c in cells), strict=True))
    if not header_seen:
        raise DataFileError(f"{path}: no header line; expected the columns {', '.join(columns)}")


def _parse_date(path: Path, lineno: int, column: str, cell: str) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError as exc:
        raise DataFileError(
            f"{path}:{lineno}: {column} {cell!r} is not a YYYY-MM-DD date; fix it or leave it empty"
        ) from exc


def read_sectors(path: Path, text: str) -> Sectors:
    """Parse the sector vocabulary file."""
    labels: dict[str, str] = {}
    for lineno, row in _read_tsv(path, text, ("code", "label", "description")):
        code = row["code"]
        if len(code) != 3 or not code.isupper():
            raise DataFileError(f"{path}:{lineno}: sector code {code!r} must be three upper-case letters")
        labels[code] = row["label"]
    return Sectors(labels)


def _known_iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def read_actor_file(path: Path, text: str, *, sectors: Sectors, iso3: frozenset[str]) -> list[ActorEntry]:
    """Parse and validate one actor file (the shipped ones or a user's).

    Raises:
        DataFileError: naming the file, the line and the column that is wrong.
    """
    entries: list[ActorEntry] = []
    for lineno, row in _read_tsv(path, text, ACTOR_COLUMNS):
        if not row["name"]:
            raise DataFileError(f"{path}:{lineno}: the name column is empty; every row needs a canonical name")
        aliases = _split_list(row["aliases"]) or (row["name"],)
        country = row["country"] or None
        if country is not None and country not in iso3:
            raise DataFileError(
                f"{path}:{lineno}: country {country!r} is not an ISO 3166-1 alpha-3 code; use e.g. AZE, USA, or leave "
                "it empty"
            )
        sector = row["sector"] or None
        if sector is not None and sector not in sectors:
            raise DataFileError(
                f"{path}:{lineno}: sector {sector!r} is not in the sector vocabulary "
                f"({', '.join(sorted(sectors.labels))}); fix it or leave it empty"
            )
        if row["type"] not in ENTRY_TYPES:
            raise DataFileError(
                f"{path}:{lineno}: type {row['type']!r} is not one of {', '.join(ENTRY_TYPES)}"
            )
        start = _parse_date(path, lineno, "start", row["start"])
        end = _parse_date(path, lineno, "end", row["end"])
        if start and end and end < start:
            raise DataFileError(f"{path}:{lineno}: end {end} is before start {start}; swap them")
        name = display_name(row["name"], aliases, row["type"])
        entries.append(ActorEntry(name, aliases, country, sector, row["type"], start, end, f"{path}:{lineno}"))
    return entries


def display_name(name: str, aliases: Sequence[str], entry_type: str) -> str:
    """An organisation's name with its acronym, as analysts know it and reports name it ("Farabundo Marti
    National Liberation Front (FMLN)"); people, states and generic agents keep their name."""
    if entry_type not in ACRONYM_TYPES:
        return name
    words = set(name.replace("(", " ").replace(")", " ").split())
    acronyms = [a for a in aliases if is_acronym(a) and a.replace("-", "").isalnum()]
    if not acronyms or any(a in words for a in acronyms):
        return name
    first = acronyms[0]  # an umbrella entry ("UN agencies": UNHCR, WFP...) has no acronym of its own
    return f"{name} ({first})" if all(first in a for a in acronyms) else name


def read_country_file(path: Path, text: str, *, sectors: Sectors, iso3: frozenset[str]) -> dict[str, CountryEntry]:
    """Parse the country file and add pycountry's names for every country (listed or not)."""
    import pycountry

    extra: dict[str, dict[str, str]] = {}
    for lineno, row in _read_tsv(path, text, COUNTRY_COLUMNS):
        if row["iso3"] not in iso3:
            raise DataFileError(
                f"{path}:{lineno}: {row['iso3']!r} is not an ISO 3166-1 alpha-3 code known to pycountry"
            )
        for alias, _, sector in (m.partition("=") for m in _split_list(row["metonyms"])):
            if sector and sector not in sectors:
                raise DataFileError(f"{path}:{lineno}: metonym {alias!r} has unknown sector {sector!r}")
        extra[row["iso3"]] = row
    countries: dict[str, CountryEntry] = {}
    for c in pycountry.countries:
        names = [n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
                 if n and "," not in n and "(" not in n]
        row = extra.get(c.alpha_3, {})
        short = row.get("short_name") or getattr(c, "common_name", None) or c.name
        names += [short, *_split_list(row.get("names", ""))]
        parts = (m.partition("=") for m in _split_list(row.get("metonyms", "")))
        metonyms = tuple((alias.strip(), sector or "GOV") for alias, _, sector in parts)
        countries[c.alpha_3] = CountryEntry(
            iso3=c.alpha_3, short_name=short, names=tuple(dict.fromkeys(names)),
            adjectives=_split_list(row.get("adjectives", "")), demonyms=_split_list(row.get("demonyms", "")),
            metonyms=metonyms,
        )
    return countries


def _shipped(name: str) -> tuple[Path, str]:
    ref = importlib_resources.files("eventsift").joinpath("data", "actors", name)
    return Path(str(ref)), ref.read_text(encoding="utf-8")


def _read_user_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read the actor file {path}: {exc}; check Config.actor_files") from exc


def build_actor_dictionary(user_files: Sequence[Path] = (), *, tokenize: Tokenize | None = None) -> ActorDictionary:
    """Read, validate and index the shipped actor data plus ``user_files`` (rows appended after the shipped ones).

    Raises:
        DataFileError: a file is missing or a row fails the schema.
    """
    sectors = read_sectors(*_shipped("sectors.tsv"))
    iso3 = _known_iso3()
    countries = read_country_file(*_shipped("countries.tsv"), sectors=sectors, iso3=iso3)
    entries: list[ActorEntry] = []
    for name in SHIPPED_ACTOR_FILES:
        entries += read_actor_file(*_shipped(name), sectors=sectors, iso3=iso3)
    for path in user_files:
        entries += read_actor_file(Path(path), _read_user_file(Path(path)), sectors=sectors, iso3=iso3)
    _, matching_text = _shipped("matching.json")
    matching = json.loads(matching_text)
    dictionary = ActorDictionary(
        sectors=sectors, countries=countries, entries=entries,
        ambiguous_words=frozenset(w.lower() for w in matching["ambiguous_words"]), attachment=matching["attachment"],
    )
    dictionary.build_index(tokenize or _spacy_tokenize())
    return dictionary


def _spacy_tokenize() -> Tokenize:
    """spaCy's English tokenizer (the rules the parsing model uses), without loading a model."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return lambda text: [t.text for t in tokenizer(text)]


def load_actor_dictionary(config: Config) -> ActorDictionary:
    """Resource loader: the actor dictionary with the user's ``config.actor_files``."""
    return build_actor_dictionary(config.actor_files)
