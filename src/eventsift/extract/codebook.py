"""Load and check the shipped codebooks (PLOVER, ACLED, CASE 2021, CAMEO crosswalk) and the trigger lexicon.

Every file is versioned JSON under ``eventsift/data``; each loader checks the schema and raises
:class:`~eventsift.errors.DataFileError` naming the file and the problem, so a broken user file fails early.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventsift.datafiles import data_path, read_json_file
from eventsift.errors import DataFileError
from eventsift.model import PLOVER_TYPES

#: Symbolic ACLED hints in the trigger lexicon, resolved from the sentence context by the event stage.
ACLED_RESOLVERS: tuple[str, ...] = ("@violence", "@protest", "@territory", "@seize", "@arrest")
TRIGGER_ROLES: tuple[str, ...] = ("event", "casualty", "participant")


def _need(cond: bool, path: Path, what: str) -> None:
    if not cond:
        raise DataFileError(f"data file {path}: {what}; fix the file so it matches its documented schema")


@dataclass(frozen=True, slots=True)
class PloverCodebook:
    """PLOVER root types with their modes, the contexts and the auxiliary markers."""

    version: str
    modes: dict[str, dict[str, str]]
    definitions: dict[str, str]
    contexts: dict[str, str]
    aux: dict[str, str]
    categories: dict[str, str] = field(default_factory=dict)

    def types(self) -> tuple[str, ...]:
        """The 16 root types, in codebook order."""
        return tuple(self.modes)

    def is_mode(self, plover_type: str, mode: str) -> bool:
        """Whether ``mode`` is a mode of ``plover_type``."""
        return mode in self.modes.get(plover_type, {})

    def same_side(self, a: str | None, b: str | None) -> bool:
        """Whether two types are both cooperative or both conflictual (PLOVER's quad categories)."""
        if a not in self.categories or b not in self.categories:
            return False
        return self.categories[a].rsplit(" ", 1)[-1] == self.categories[b].rsplit(" ", 1)[-1]


@dataclass(frozen=True, slots=True)
class AcledCodebook:
    """ACLED event types and sub-event types, with the CASE 2021 codes and the non-ACLED CASE classes."""

    version: str
    sub_to_type: dict[str, str]
    sub_to_case: dict[str, str]
    definitions: dict[str, str]
    case_non_acled: dict[str, str]
    compatible: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_compatible(self, label: str, plover_type: str | None) -> bool:
        """Whether an event of ``plover_type`` can carry the ACLED / CASE ``label``."""
        return plover_type in self.compatible.get(label, frozenset())

    def event_type(self, sub_event_type: str) -> str | None:
        """ACLED event type of a sub-event type (``None`` for a CASE non-ACLED class)."""
        return self.sub_to_type.get(sub_event_type)

    def case_code(self, label: str) -> str:
        """CASE 2021 code of an ACLED sub-event type or non-ACLED class."""
        return self.sub_to_case.get(label, label)

    def label_of_case(self, code: str) -> str:
        """ACLED sub-event type (or the non-ACLED class itself) for a CASE 2021 code."""
        for sub, case in self.sub_to_case.items():
            if case == code:
                return sub
        return code

    def is_label(self, label: str) -> bool:
        """Whether ``label`` is an ACLED sub-event type or a CASE non-ACLED class."""
        return label in self.sub_to_type or label in self.case_non_acled


@dataclass(frozen=True, slots=True)
class CameoRule:
    """One crosswalk rule: the fields it needs and the CAMEO code it gives."""

    type: str
    mode: str | None
    acled: str | None
    cameo: str


@dataclass(frozen=True, slots=True)
class CameoCrosswalk:
    """PLOVER type/mode (and ACLED sub-type) to CAMEO code; the most specific matching rule wins."""

    version: str
    rules: tuple[CameoRule, ...]

    def cameo(self, plover_type: str | None, mode: str | None = None, acled: str | None = None) -> str | None:
        """CAMEO code for an event, or ``None`` when the type is unknown."""
        best: tuple[int, str] | None = None
        for rule in self.rules:
            if rule.type != plover_type:
                continue
            if rule.mode is not None and rule.mode != mode:
                continue
            if rule.acled is not None and rule.acled != acled:
                continue
            score = (2 if rule.mode is not None else 0) + (1 if rule.acled is not None else 0)
            if best is None or score > best[0]:
                best = (score, rule.cameo)
        return best[1] if best else None


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """A lexicon entry: one or more lemma sequences that signal an event of a type, mode and ACLED hint."""

    terms: tuple[tuple[str, ...], ...]
    type: str | None
    mode: str | None
    acled: str | None
    case: str | None
    weight: float
    role: str
    pos: frozenset[str]
    intransitive: bool = False
    object_cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """The trigger lexicon plus the cue word lists used for aux marking and ACLED sub-typing."""

    version: str
    entries: tuple[TriggerEntry, ...]
    aux_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    acled_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    irregular_forms: dict[str, str] = field(default_factory=dict)
    syntax_cues: dict[str, frozenset[str]] = field(default_factory=dict)


def load_plover(path: Path | None = None) -> PloverCodebook:
    """Load the PLOVER codebook (the shipped one by default).

    Raises:
        DataFileError: the file fails its schema.
    """
    path = path or data_path("codebooks", "plover.json")
    data = read_json_file(path)
    types: Any = data.get("types")
    _need(isinstance(types, dict), path, "'types' must be an object")
    _need(set(types) == set(PLOVER_TYPES), path, f"'types' must be exactly the 16 PLOVER types {PLOVER_TYPES}")
    modes: dict[str, dict[str, str]] = {}
    definitions: dict[str, str] = {}
    categories: dict[str, str] = {}
    for name in PLOVER_TYPES:
        entry = types[name]
        _need(isinstance(entry, dict) and isinstance(entry.get("definition"), str), path, f"{name} needs a definition")
        _need(isinstance(entry.get("modes"), dict), path, f"{name} needs a 'modes' object")
        modes[name] = {str(k): str(v) for k, v in entry["modes"].items()}
        definitions[name] = entry["definition"]
        _need(isinstance(entry.get("category"), str), path, f"{name} needs a 'category' (e.g. 'verbal conflict')")
        categories[name] = entry["category"]
    contexts: Any = data.get("contexts")
    aux: Any = data.get("aux")
    _need(isinstance(contexts, dict) and bool(contexts), path, "'contexts' must be a non-empty object")
    _need(isinstance(aux, dict), path, "'aux' must be an object")
    return PloverCodebook(data["version"], modes, definitions, dict(contexts), dict(aux), categories)


def load_acled(path: Path | None = None) -> AcledCodebook:
    """Load the ACLED / CASE 2021 codebook.

    Raises:
        DataFileError: the file fails its schema.
    """
    path = path or data_path("codebooks", "acled.json")
    data = read_json_file(path)
    event_types: Any = data.get("event_types")
    _need(isinstance(event_types, dict) and len(event_types) == 6, path, "'event_types' must hold the 6 ACLED types")
    sub_to_type: dict[str, str] = {}
    sub_to_case: dict[str, str] = {}
    compatible: dict[str, frozenset[str]] = {}
    definitions: dict[str, str] = {}
    for etype, entry in event_types.items():
        subs: Any = entry.get("sub_event_types") if isinstance(entry, dict) else None
        _need(isinstance(subs, dict) and bool(subs), path, f"{etype} needs 'sub_event_types'")
        for sub, sub_entry in subs.items():
            _need(isinstance(sub_entry.get("case_code"), str), path, f"{sub} needs a 'case_code'")
            _need(isinstance(sub_entry.get("definition"), str), path, f"{sub} needs a 'definition'")
            sub_to_type[sub] = etype
            sub_to_case[sub] = sub_entry["case_code"]
            definitions[sub] = sub_entry["definition"]
            compatible[sub] = frozenset(sub_entry.get("plover") or ())
    _need(len(sub_to_type) == 25, path, f"expected 25 sub-event types, found {len(sub_to_type)}")
    non_acled: Any = data.get("case_non_acled")
    _need(isinstance(non_acled, dict), path, "'case_non_acled' must be an object")
    case_non_acled: dict[str, str] = {}
    for code, entry in non_acled.items():
        _need(isinstance(entry, dict) and isinstance(entry.get("definition"), str), path, f"{code} needs a definition")
        case_non_acled[code] = definitions[code] = entry["definition"]
        compatible[code] = frozenset(entry.get("plover") or ())
    return AcledCodebook(data["version"], sub_to_type, sub_to_case, definitions, case_non_acled, compatible)


def load_crosswalk(path: Path | None = None) -> CameoCrosswalk:
    """Load the PLOVER/ACLED -> CAMEO crosswalk.

    Raises:
        DataFileError: the file fails its schema.
    """
    path = path or data_path("codebooks", "cameo_crosswalk.json")
    data = read_json_file(path)
    rules_data: Any = data.get("rules")
    _need(isinstance(rules_data, list) and bool(rules_data), path, "'rules' must be a non-empty list")
    rules = []
    for i, rule in enumerate(rules_data):
        _need(rule.get("type") in PLOVER_TYPES, path, f"rule {i} has an unknown PLOVER type {rule.get('type')!r}")
        cameo = rule.get("cameo")
        _need(isinstance(cameo, str) and cameo.isdigit(), path, f"rule {i} needs a numeric string 'cameo'")
        rules.append(CameoRule(rule["type"], rule.get("mode"), rule.get("acled"), cameo))
    return CameoCrosswalk(data["version"], tuple(rules))


def load_triggers(path: Path | None = None) -> TriggerLexicon:
    """Load the event trigger lexicon.

    Raises:
        DataFileError: the file fails its schema.
    """
    path = path or data_path("lexicons", "event_triggers.json")
    data = read_json_file(path)
    raw: Any = data.get("entries")
    _need(isinstance(raw, list) and bool(raw), path, "'entries' must be a non-empty list")
    entries = []
    for i, entry in enumerate(raw):
        terms: Any = entry.get("terms")
        _need(isinstance(terms, list) and bool(terms), path, f"entry {i} needs a non-empty 'terms' list")
        etype = entry.get("type")
        _need(etype is None or etype in PLOVER_TYPES, path, f"entry {i} has an unknown PLOVER type {etype!r}")
        _need(etype is not None or bool(entry.get("case") or entry.get("acled")), path,
              f"entry {i} has no PLOVER type and no 'case' or 'acled' class")
        weight = entry.get("weight")
        _need(isinstance(weight, (int, float)) and 0 < weight <= 1, path, f"entry {i} needs a weight in (0, 1]")
        role = entry.get("role", "event")
        _need(role in TRIGGER_ROLES, path, f"entry {i} has an unknown role {role!r}")
        object_cues: Any = entry.get("object_cues") or []
        _need(isinstance(object_cues, list) and all(c in (data.get("acled_cues") or {}) for c in object_cues), path,
              f"entry {i} has 'object_cues' that are not names of acled_cues lists")
        entries.append(TriggerEntry(
            terms=tuple(tuple(str(t).lower().split()) for t in terms),
            type=etype, mode=entry.get("mode"), acled=entry.get("acled"), case=entry.get("case"),
            weight=float(weight), role=role, pos=frozenset(entry.get("pos") or ()),
            intransitive=bool(entry.get("intransitive", False)), object_cues=tuple(str(c) for c in object_cues),
        ))
    aux_cues = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("aux_cues") or {}).items()}
    acled_cues = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("acled_cues") or {}).items()}
    irregular = {str(k).lower(): str(v).lower() for k, v in (data.get("irregular_forms") or {}).items()}
    syntax_raw: Any = data.get("syntax_cues") or {}
    _need(isinstance(syntax_raw, dict), path, "'syntax_cues' must be an object of word lists")
    syntax_cues = {k: frozenset(str(w).lower() for w in v) for k, v in syntax_raw.items()}
    bad_types = {t.upper() for t in syntax_cues.get("nonfactive_types", frozenset())} - set(PLOVER_TYPES)
    _need(not bad_types, path, f"'syntax_cues.nonfactive_types' has unknown PLOVER types {sorted(bad_types)}")
    return TriggerLexicon(data["version"], tuple(entries), aux_cues, acled_cues, irregular, syntax_cues)


@dataclass(frozen=True, slots=True)
class Codebooks:
    """All codebooks together, as one resource."""

    plover: PloverCodebook
    acled: AcledCodebook
    crosswalk: CameoCrosswalk
    triggers: TriggerLexicon


def load_codebooks(config: Any = None) -> Codebooks:
    """Load every shipped codebook (the ``config`` argument makes this a :class:`Resources` loader)."""
    return Codebooks(load_plover(), load_acled(), load_crosswalk(), load_triggers())
