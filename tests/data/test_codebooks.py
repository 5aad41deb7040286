"""Schema tests for the shipped codebooks, crosswalk and trigger lexicon."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventsift.errors import DataFileError
from eventsift.extract.codebook import (
    ACLED_RESOLVERS,
    load_acled,
    load_codebooks,
    load_crosswalk,
    load_plover,
    load_triggers,
)
from eventsift.model import PLOVER_TYPES


def test_codebooks_plover_has_16_types_with_modes() -> None:
    plover = load_plover()
    assert set(plover.types()) == set(PLOVER_TYPES)
    assert {"aerial", "firearms", "explosive", "abduct", "suicide-bomb", "sexual"} <= set(plover.modes["ASSAULT"])
    assert {"arrest", "restrict", "seize", "deport", "censor"} <= set(plover.modes["COERCE"])
    assert {"demonstrate", "riot", "hunger-strike", "obstruct"} <= set(plover.modes["PROTEST"])
    assert {"military", "terrorism", "intrastate conflict"} <= set(plover.contexts)
    assert set(plover.aux) == {"historical", "future", "hypothetical", "negated"}


def test_codebooks_acled_matches_reference_scorer_names(shared_dir: Path) -> None:
    acled = load_acled()
    source = (shared_dir / "tools" / "score.py").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    start = source.index("ACLED_SUB = {")
    exec(source[start:source.index("}", start) + 1], namespace)  # the literal dict only
    assert acled.sub_to_type == namespace["ACLED_SUB"]
    assert set(acled.case_non_acled) == {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def test_codebooks_acled_has_25_sub_types_and_case_codes() -> None:
    acled = load_acled()
    assert len(acled.sub_to_type) == 25
    assert acled.label_of_case("AIR_STRIKE") == "Air/drone strike"
    assert acled.case_code("Arrests") == "ARREST"
    assert acled.event_type("DIPLO") is None
    assert acled.is_compatible("Peaceful protest", "PROTEST")


@pytest.mark.parametrize(("ptype", "mode", "acled", "cameo"), [
    ("ASSAULT", "aerial", None, "195"),
    ("ASSAULT", "firearms", "Armed clash", "193"),
    ("ASSAULT", "firearms", None, "190"),
    ("ASSAULT", "explosive", None, "183"),
    ("ASSAULT", "abduct", None, "181"),
    ("ACCUSE", None, None, "112"),
    ("REQUEST", None, None, "10"),
    ("CONSULT", None, None, "040"),
    ("AGREE", "settle", None, "057"),
    ("COERCE", "restrict", None, "191"),
    ("COERCE", "arrest", None, "173"),
    ("PROTEST", "demonstrate", None, "141"),
])
def test_codebooks_crosswalk_gives_cameo(ptype: str, mode: str | None, acled: str | None, cameo: str) -> None:
    assert load_crosswalk().cameo(ptype, mode, acled) == cameo


def test_codebooks_crosswalk_covers_every_type() -> None:
    crosswalk = load_crosswalk()
    assert all(crosswalk.cameo(t) is not None for t in PLOVER_TYPES)
    assert crosswalk.cameo(None) is None


def test_codebooks_trigger_lexicon_refers_to_known_labels() -> None:
    books = load_codebooks()
    for entry in books.triggers.entries:
        if entry.mode is not None and entry.type is not None:
            assert books.plover.is_mode(entry.type, entry.mode), (entry.type, entry.mode)
        if entry.acled is not None:
            assert entry.acled in ACLED_RESOLVERS or books.acled.is_label(entry.acled), entry.acled
        if entry.case is not None:
            assert entry.case in books.acled.case_non_acled


def test_codebooks_bad_file_raises_data_file_error(tmp_path: Path) -> None:
    bad = tmp_path / "triggers.json"
    bad.write_text(json.dumps({"version": "1", "entries": [{"terms": ["x"], "type": "FIGHT", "weight": 0.5}]}))
    with pytest.raises(DataFileError, match="unknown PLOVER type"):
        load_triggers(bad)
    (tmp_path / "nov.json").write_text("[]")
    with pytest.raises(DataFileError, match="version"):
        load_plover(tmp_path / "nov.json")
