"""Schema tests for the actor data files (data/actors/) and for user actor files given in Config.actor_files."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

from eventsift.errors import DataFileError
from eventsift.extract.actor_dictionary import (
    ACTOR_COLUMNS,
    SHIPPED_ACTOR_FILES,
    build_actor_dictionary,
    display_name,
    plural_forms,
)

DATA = Path(str(importlib_resources.files("eventsift").joinpath("data", "actors")))
HEADER = "# version: 1\n" + "\t".join(ACTOR_COLUMNS) + "\n"


def tokenize(text: str) -> list[str]:
    return text.replace("-", " - ").split()


def test_actors_data_shipped_files_load_and_validate() -> None:
    dictionary = build_actor_dictionary(tokenize=tokenize)
    assert {"GOV", "MIL", "POL", "REB", "PTY", "CVL", "MED", "IGO", "NGO", "JUD", "UNK"} <= set(
        dictionary.sectors.labels)
    assert len(dictionary.countries) >= 240  # every pycountry country, listed in countries.tsv or not
    assert dictionary.countries["AZE"].metonyms[0] == ("Baku", "GOV")
    assert ("Pentagon", "MIL") in dictionary.countries["USA"].metonyms
    types = {e.type for e in dictionary.entries}
    assert {"agent", "group", "igo", "person", "state", "media"} <= types


@pytest.mark.parametrize("name", [*SHIPPED_ACTOR_FILES, "countries.tsv", "sectors.tsv"])
def test_actors_data_files_are_versioned_tab_separated(name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")
    assert any(line.startswith("# version:") for line in lines if line.startswith("#"))
    rows = [line for line in lines if line and not line.startswith("#")]
    width = len(rows[0].split("\t"))
    assert all(len(row.split("\t")) == width for row in rows), name


def test_actors_data_matching_rules_are_versioned() -> None:
    data = json.loads((DATA / "matching.json").read_text(encoding="utf-8"))
    assert data["version"] and data["ambiguous_words"]
    assert {"reciprocal_triggers", "perpetrator_sectors", "instrument_nouns"} <= set(data["attachment"])


def test_actors_data_people_have_dated_offices() -> None:
    dictionary = build_actor_dictionary(tokenize=tokenize)
    people = [e for e in dictionary.entries if e.type == "person"]
    assert len(people) >= 40
    assert all(e.start is not None for e in people)
    assert len({e.country for e in people}) >= 12


def test_actors_data_user_file_adds_entries(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "River Brigade\tRiver Brigade|RB\tCOL\tREB\tgroup\t2001-01-01\t\n", encoding="utf-8")
    dictionary = build_actor_dictionary([path], tokenize=tokenize)
    (entry,) = [e for e in dictionary.entries if e.name == "River Brigade (RB)"]
    assert entry.start == dt.date(2001, 1, 1) and entry.origin.endswith("mine.tsv:3")


@pytest.mark.parametrize(("name", "aliases", "kind", "shown"), [
    ("River Brigade", ("River Brigade", "RB"), "group", "River Brigade (RB)"),
    ("River Brigade", ("RB", "RB-North"), "group", "River Brigade (RB)"),
    ("UN agencies", ("UNHCR", "WFP"), "igo", "UN agencies"),  # an umbrella entry has no acronym of its own
    ("NATO", ("NATO",), "igo", "NATO"),
    ("Maria Lopez", ("ML",), "person", "Maria Lopez"),
])
def test_actors_data_organisations_are_shown_with_their_acronym(name: str, aliases: tuple[str, ...], kind: str,
                                                                 shown: str) -> None:
    assert display_name(name, aliases, kind) == shown


@pytest.mark.parametrize(("row", "message"), [
    ("Name\tA\tXXX\tREB\tgroup\t\t", "country 'XXX'"),
    ("Name\tA\tCOL\tREBELS\tgroup\t\t", "sector 'REBELS'"),
    ("Name\tA\tCOL\tREB\tgang\t\t", "type 'gang'"),
    ("Name\tA\tCOL\tREB\tgroup\t2001-13-01\t", "start '2001-13-01'"),
    ("Name\tA\tCOL\tREB\tgroup\t2005-01-01\t2001-01-01", "before start"),
    ("\tA\tCOL\tREB\tgroup\t\t", "name column is empty"),
    ("Name\tA\tCOL\tREB\tgroup\t\t\textra", "8 tab-separated cells"),
])
def test_actors_data_user_file_errors_name_the_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + "Good\tGood\tCOL\tREB\tgroup\t\t\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"bad\.tsv:4: .*{message}"):
        build_actor_dictionary([path], tokenize=tokenize)


def test_actors_data_user_file_needs_version_and_header(tmp_path: Path) -> None:
    path = tmp_path / "noversion.tsv"
    path.write_text("\t".join(ACTOR_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="version"):
        build_actor_dictionary([path], tokenize=tokenize)
    path.write_text("# version: 1\nname\talias\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="header"):
        build_actor_dictionary([path], tokenize=tokenize)


def test_actors_data_missing_user_file_says_which(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"nowhere\.tsv"):
        build_actor_dictionary([tmp_path / "nowhere.tsv"], tokenize=tokenize)


@pytest.mark.parametrize(("alias", "plural"), [
    ("soldier", ["soldiers"]), ("militia", ["militias"]), ("gunman", ["gunmen"]), ("army", ["armies"]),
    ("death squad", ["death squads"]), ("police", []), ("armed men", []),
])
def test_actors_data_agent_plurals(alias: str, plural: list[str]) -> None:
    assert plural_forms(alias) == plural
