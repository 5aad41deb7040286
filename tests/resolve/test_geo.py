"""Tests for the geo stage: toponym finding, resolution in context, and event locations (with a fake gazetteer)."""

from __future__ import annotations

from typing import Any

import pytest

from eventsift.model import Document, Event, Evidence, OffsetMap, Plover, Sentence
from eventsift.resolve.gazetteer import GazPlace, MemoryGazetteer
from eventsift.resolve.geo import GeoStage, create_geo
from eventsift.resources import Resources

PLACES: list[tuple[GazPlace, list[str]]] = [
    (GazPlace(1, "Azerbaijan", 40.5, 47.5, "AZE", "country", 10_000_000), []),
    (GazPlace(2, "Armenia", 40.0, 45.0, "ARM", "country", 3_000_000), []),
    (GazPlace(3, "Nagorno-Karabakh", 39.9, 46.75, "AZE", "region", 120_000, curated=True), ["Artsakh"]),
    (GazPlace(4, "Martuni", 40.14, 45.30, "ARM", "place", 12_034, geonameid=616438), []),
    (GazPlace(5, "Khojavend", 39.79, 47.11, "AZE", "place", 3_700, geonameid=146969), ["Martuni"]),
    (GazPlace(6, "Martakert", 40.21, 46.82, "AZE", "place", 4_000, curated=True), ["Aghdara"]),
    (GazPlace(7, "Askyaran", 39.94, 46.83, "AZE", "place", 1_639), ["Askeran"]),
    (GazPlace(8, "Lachin Corridor", 39.62, 46.52, "AZE", "region", 0, curated=True), []),
    (GazPlace(10, "Springfield", 37.2, -93.3, "USA", "place", 170_188, "Missouri", "US.MO"), []),
    (GazPlace(11, "Springfield", 42.1, -72.6, "USA", "place", 154_341, "Massachusetts", "US.MA"), []),
    (GazPlace(12, "Springfield", 39.8, -89.6, "USA", "place", 114_394, "Illinois", "US.IL"), []),
    (GazPlace(13, "Illinois", 40.0, -89.2, "USA", "admin1", 12_000_000, "Illinois", "US.IL"), ["Ill."]),
    (GazPlace(20, "Brussels", 50.85, 4.35, "BEL", "place", 1_019_022), []),
    (GazPlace(21, "Mosul", 36.34, 43.13, "IRQ", "place", 1_739_800), []),
    (GazPlace(22, "Police", 53.56, 14.57, "POL", "place", 34_350), []),
    (GazPlace(23, "Mobile", 30.69, -88.04, "USA", "place", 183_289), []),
]


@pytest.fixture(scope="module")
def stage() -> GeoStage:
    return GeoStage(MemoryGazetteer(PLACES), frozenset({"police", "mobile", "of"}))


def make_doc(nlp: Any, text: str, *, trigger: str | None = None) -> Document:
    doc = Document(id="t", text=text, clean=text)
    doc.nlp = nlp(text)
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.start_char, s.end_char)
                     for i, s in enumerate(doc.nlp.sents)]
    if trigger is not None:
        tok = next(t for t in doc.nlp if t.text == trigger)
        doc.events = [Event(Plover("ASSAULT"), Evidence(tok.sent.text, (tok.sent.start_char, tok.sent.end_char)),
                            0, (tok.idx, tok.idx + len(tok.text)), head=tok.i)]
    return doc


def places_by_text(doc: Document) -> dict[str, Any]:
    return {p.text: p for p in doc.places}


def test_geo_martuni_resolves_to_karabakh_in_an_azerbaijan_text(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Azerbaijani troops shelled Martuni in Nagorno-Karabakh, officials in Azerbaijan said.")
    stage(doc)
    place = places_by_text(doc)["Martuni"]
    assert place.country == "AZE" and place.name == "Khojavend"


def test_geo_martakert_person_label_is_fixed(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Martakert came under fire again, and the Lachin Corridor stayed closed.")
    stage(doc)
    got = places_by_text(doc)
    assert got["Martakert"].name == "Martakert"
    assert got["Lachin Corridor"].precision == "admin1"


def test_geo_springfield_alone_stays_unresolved_but_others_survive(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "A man was arrested in Springfield after a visit to Brussels.")
    stage(doc)
    got = places_by_text(doc)
    assert "Springfield" not in got
    assert got["Brussels"].country == "BEL"


@pytest.mark.parametrize("text", [
    "Two people were shot in Springfield, Illinois, on Sunday.",
    "Two people were shot in Springfield, Ill., on Sunday.",
    "Two people were shot in Springfield, IL on Sunday.",
])
def test_geo_city_state_pattern_picks_the_state(nlp: Any, stage: GeoStage, text: str) -> None:
    doc = make_doc(nlp, text)
    stage(doc)
    assert places_by_text(doc)["Springfield"].admin1 == "Illinois"


def test_geo_common_words_are_not_places(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Police said Mobile Police Department officers of the unit left.")
    stage(doc)
    assert doc.places == []


def test_geo_spans_are_original_offsets(nlp: Any, stage: GeoStage) -> None:
    original = "Fightng broke out in Mosul."
    doc = make_doc(nlp, "Fighting broke out in Mosul.")
    doc.text = original
    doc.offsets = OffsetMap([(0, 8, 0, 7)])  # "Fighting" in the clean text was "Fightng" in the original
    stage(doc)
    place = doc.places[0]
    assert place.span == (21, 26) and original[21:26] == "Mosul"


def test_geo_event_takes_the_place_it_happened_not_where_announced(nlp: Any, stage: GeoStage) -> None:
    text = "Speaking in Brussels, the minister accused Iraq of a deadly attack in Mosul."
    doc = make_doc(nlp, text, trigger="attack")
    stage(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Mosul"
    doc = make_doc(nlp, text, trigger="accused")
    stage(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Brussels"


def test_geo_event_is_copied_once_per_coordinated_location(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Troops violated the ceasefire in the Askeran, Martakert and Martuni regions of Artsakh.",
                   trigger="violated")
    stage(doc)
    locations = [e.location for e in doc.events]
    assert [loc.text for loc in locations if loc] == ["Askeran", "Martakert", "Martuni"]
    assert all(loc and loc.precision == "admin1" and loc.country == "AZE" for loc in locations)
    assert doc.events[0] is not doc.events[1] and doc.events[0].evidence == doc.events[1].evidence


def test_geo_event_without_a_town_takes_the_region(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "A sabotage group attacked a police vehicle in Artsakh this morning.", trigger="attacked")
    stage(doc)
    loc = doc.events[0].location
    assert loc is not None and loc.name == "Nagorno-Karabakh" and loc.precision == "admin1"


def test_geo_event_sentence_without_place_uses_the_main_place(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Clashes went on in Mosul on Monday. Three people were killed.", trigger="killed")
    stage(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Mosul"


def test_geo_factory_uses_resources(nlp: Any) -> None:
    resources = Resources()
    resources.put("gazetteer", MemoryGazetteer(PLACES))
    geo = create_geo(resources)
    assert geo.name == "eventsift.resolve.geo.v1" and "events" in geo.requires
    doc = make_doc(nlp, "Shelling hit Mosul.")
    geo(doc)
    assert [p.name for p in doc.places] == ["Mosul"]


def test_geo_toponym_that_is_the_sentence_root_terminates(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Mosul. Shots were fired there.", trigger="fired")
    stage(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Mosul"


# --- event-location rules (invented sentences) -------------------------------------------------------------------

MORE_PLACES: list[tuple[GazPlace, list[str]]] = [
    *PLACES,
    (GazPlace(30, "Homs", 34.72, 36.72, "SYR", "place", 775_404), []),
    (GazPlace(31, "Syria", 35.0, 38.0, "SYR", "country", 18_000_000), []),
    (GazPlace(32, "Qusayr", 34.51, 36.58, "SYR", "place", 29_000), []),
    (GazPlace(33, "Columbus", 39.96, -83.0, "USA", "place", 850_000, "Ohio", "US.OH"), []),
    (GazPlace(34, "Columbus", 32.46, -84.99, "USA", "place", 194_000, "Georgia", "US.GA"), []),
    (GazPlace(35, "Columbus", 39.2, -85.9, "USA", "place", 46_000, "Indiana", "US.IN"), []),
    (GazPlace(36, "Georgia", 32.6, -83.4, "USA", "admin1", 10_000_000, "Georgia", "US.GA"), []),
    (GazPlace(37, "Phoenix", 33.45, -112.07, "USA", "place", 1_650_000, "Arizona", "US.AZ"), []),
]


@pytest.fixture(scope="module")
def stage2() -> GeoStage:
    return GeoStage(MemoryGazetteer(MORE_PLACES), frozenset({"police", "mobile", "of"}),
                    {"wtvm.com": ("Columbus", "GA")})


def test_geo_place_named_after_a_place_noun_is_the_location(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "Four farmers were killed in the town of Qusayr by a shell.", trigger="killed")
    stage2(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Qusayr"


def test_geo_object_of_a_taking_verb_is_the_location(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "Rebel fighters captured Qusayr after a week of clashes.", trigger="captured")
    stage2(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Qusayr"


def test_geo_reference_point_loses_to_the_place_itself(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "A bomb exploded in Qusayr town, some 30 km southwest of Homs.", trigger="exploded")
    stage2(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Qusayr"


def test_geo_participants_of_talks_are_not_split_locations(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "The talks held between envoys of Armenia and Azerbaijan ended without a deal.",
                   trigger="talks")
    stage(doc)
    assert len(doc.events) == 1
    loc = doc.events[0].location
    assert loc is None or loc.name not in ("Armenia", "Azerbaijan")


def test_geo_unresolved_place_takes_the_enclosing_place_honestly(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "A mortar killed two men in the Zawiyat Khudra neighbourhood of Homs on Friday.",
                   trigger="killed")
    stage2(doc)
    loc = doc.events[0].location
    assert loc is not None and loc.name == "Homs" and loc.lat == 34.72 and loc.precision == "place"


def test_geo_outlet_state_resolves_an_ambiguous_city(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "A man was shot in Columbus on Friday night, police said.", trigger="shot")
    doc.source.outlet = "wtvm.com"
    stage2(doc)
    assert places_by_text(doc)["Columbus"].admin1 == "Georgia"


def test_geo_state_inside_an_organisation_name_is_context(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "The Georgia Bureau of Investigation said a teen was shot in Columbus.", trigger="shot")
    stage2(doc)
    assert places_by_text(doc)["Columbus"].admin1 == "Georgia"


def test_geo_dateline_is_the_main_place(nlp: Any, stage2: GeoStage) -> None:
    doc = make_doc(nlp, "PHOENIX - A West Phoenix teen was charged. He had shot a neighbour during a robbery.",
                   trigger="shot")
    stage2(doc)
    assert doc.events[0].location is not None and doc.events[0].location.name == "Phoenix"
    assert doc.events[0].location.text == "PHOENIX"


def test_geo_outlet_table_loads_and_matches_hosts() -> None:
    from eventsift.config import Config
    from eventsift.resolve.geo import load_outlets, outlet_state

    table = load_outlets(Config())
    assert len(table) > 100 and all(len(state) == 2 for _, state in table.values())
    assert outlet_state(table, None, "https://www.chicagotribune.com/news/local/x.html") == "IL"
    assert outlet_state(table, "miami.cbslocal.com", None) == "FL"
    assert outlet_state(table, "example.org", None) is None


# --- US counties and false toponyms in US local news (invented sentences) ----------------------------------------

COUNTY_PLACES: list[tuple[GazPlace, list[str]]] = [
    *MORE_PLACES,
    (GazPlace(40, "Washington County", 45.52, -122.99, "USA", "admin2", 493_505, "Oregon", "US.OR"), []),
    (GazPlace(41, "Washington County", 36.06, -94.16, "USA", "admin2", 192_065, "Arkansas", "US.AR"), []),
    (GazPlace(42, "Arkansas", 34.9, -92.4, "USA", "admin1", 3_000_000, "Arkansas", "US.AR"), []),
    (GazPlace(43, "Lucas", -13.07, -55.91, "BRA", "place", 45_000), []),
    (GazPlace(44, "Lucas County", 41.66, -83.56, "USA", "admin2", 420_000, "Ohio", "US.OH"), []),
    (GazPlace(45, "Honda", 5.21, -74.74, "COL", "place", 25_000), []),
    (GazPlace(46, "Raleigh", 35.77, -78.64, "USA", "place", 482_295, "North Carolina", "US.NC"), []),
    (GazPlace(47, "Oildale", 35.42, -119.02, "USA", "place", 32_684, "California", "US.CA"), []),
    (GazPlace(48, "Jackson", 32.30, -90.18, "USA", "place", 153_701, "Mississippi", "US.MS"), []),
]


@pytest.fixture(scope="module")
def stage3() -> GeoStage:
    common = frozenset({"police", "mobile", "of", "honda", "raleigh", "jackson"})
    return GeoStage(MemoryGazetteer(COUNTY_PLACES), common, {"kfsm.com": ("Fort Smith", "AR")},
                    frozenset({"police", "mobile", "of"}))


def test_geo_county_name_resolves_to_the_county_not_a_town(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "A man was shot dead in Lucas County on Sunday, the sheriff said.", trigger="shot")
    stage3(doc)
    loc = doc.events[0].location
    assert loc is not None and loc.name == "Lucas County" and loc.precision == "admin2" and loc.country == "USA"


def test_geo_namesake_county_follows_the_outlet_state(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "Deputies said a woman was shot in Washington County late Friday.", trigger="shot")
    doc.source.outlet = "kfsm.com"
    stage3(doc)
    assert places_by_text(doc)["Washington County"].admin1 == "Arkansas"


def test_geo_namesake_county_follows_the_state_named_in_the_text(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "A teen was shot in Washington County, Arkansas, on Monday.", trigger="shot")
    stage3(doc)
    assert places_by_text(doc)["Washington County"].admin1 == "Arkansas"


def test_geo_namesake_county_without_context_stays_unresolved(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "A teen was shot in Washington County on Monday.", trigger="shot")
    stage3(doc)
    assert "Washington County" not in places_by_text(doc)


def test_geo_small_foreign_place_is_no_location_in_a_us_story(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "The Sheriff's Office said the victim was shot while sitting in a Honda Accord.",
                   trigger="shot")
    stage3(doc)
    assert all(p.country != "COL" for p in doc.places)
    assert doc.events[0].location is None


def test_geo_police_force_named_by_a_common_word_city(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "The Raleigh Police Department says a man died after he was shot on Creedmoor Road.",
                   trigger="shot")
    stage3(doc)
    assert "Raleigh" in places_by_text(doc)


def test_geo_city_before_lower_case_police_is_the_city(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "Jackson police are investigating a shootout that killed three people.", trigger="killed")
    stage3(doc)
    assert places_by_text(doc)["Jackson"].admin1 == "Mississippi"


def test_geo_small_place_far_from_the_outlet_state_is_dropped(nlp: Any, stage3: GeoStage) -> None:
    doc = make_doc(nlp, "The man, who grew up in Oildale, was shot in Washington County on Friday.", trigger="shot")
    doc.source.outlet = "kfsm.com"
    stage3(doc)
    assert "Oildale" not in places_by_text(doc)
    assert places_by_text(doc)["Washington County"].admin1 == "Arkansas"
