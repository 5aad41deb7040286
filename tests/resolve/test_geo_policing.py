"""Tests for US local-news cues in the geo stage: city police forces name their city, sheriffs imply the US."""

from __future__ import annotations

from typing import Any

import pytest

from eventsift.model import Document, Sentence
from eventsift.resolve.gazetteer import GazPlace, MemoryGazetteer
from eventsift.resolve.geo import GeoStage

PLACES: list[tuple[GazPlace, list[str]]] = [
    (GazPlace(1, "Beaumont", 30.09, -94.10, "USA", "place", 118_296, "Texas", "US.TX"), []),
    (GazPlace(2, "Beaumont", 33.93, -116.98, "USA", "place", 43_811, "California", "US.CA"), []),
    (GazPlace(3, "Beaumont", 49.81, -5.17, "FRA", "place", 9_000), []),
    (GazPlace(4, "Beaumont", 50.24, 4.24, "BEL", "place", 7_000), []),
    (GazPlace(5, "Evansville", 37.97, -87.56, "USA", "place", 117_429, "Indiana", "US.IN"), []),
    (GazPlace(6, "Evansville", 42.78, -89.30, "USA", "place", 5_000, "Wisconsin", "US.WI"), []),
]


@pytest.fixture(scope="module")
def stage() -> GeoStage:
    return GeoStage(MemoryGazetteer(PLACES), frozenset({"police"}))


def make_doc(nlp: Any, text: str) -> Document:
    doc = Document(id="t", text=text, clean=text)
    doc.nlp = nlp(text)
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.start_char, s.end_char)
                     for i, s in enumerate(doc.nlp.sents)]
    return doc


def test_geo_city_police_force_names_its_city(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "Officers of the Evansville Police Department found the teenager behind the school on Tuesday.")
    stage(doc)
    assert [(p.text, p.admin1) for p in doc.places] == [("Evansville", "Indiana")]


def test_geo_sheriffs_office_sets_an_ambiguous_town_in_the_us(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "A man was shot in Beaumont late Saturday, the Jefferson County Sheriff's Office said.")
    stage(doc)
    beaumont = [p for p in doc.places if p.text == "Beaumont"]
    assert beaumont and beaumont[0].country == "USA" and beaumont[0].admin1 == "Texas"


def test_geo_ambiguous_town_without_any_cue_stays_unresolved(nlp: Any, stage: GeoStage) -> None:
    doc = make_doc(nlp, "A man was shot in Beaumont late Saturday, officials said.")
    stage(doc)
    assert not [p for p in doc.places if p.text == "Beaumont"]
