"""Tests for casualty counting of victims named around a killing noun, companions, breakdowns and the sentences an
incident's counts come from (eventsift.extract.casualties)."""

from __future__ import annotations

from typing import Any

import pytest
from casualty_helpers import counts, named_counts, sentence_document

from eventsift.extract.casualties import CasualtyFinder, create_casualties
from eventsift.model import Document, Event, Evidence, Plover
from eventsift.resources import Resources


@pytest.mark.parametrize(("text", "expected"), [
    # the remains of the dead
    ("THE BODIES OF TWO OF THE SIX MISSING FISHERMEN WERE RECOVERED ON MONDAY.", {"killed": 2, "missing": 6}),
    ("The corpses of three slain shopkeepers were left by the road.", {"killed": 3}),
    ("A body of volunteers arrived to help.", {}),
    # a day or a period between the killing noun and its victims
    ("THE PARTY DENOUNCED THE MURDER ON 3 APRIL OF TWO LOCAL ORGANIZERS.", {"killed": 2}),
    ("The killing on the night of 9 June of four farmhands went unpunished.", {"killed": 4}),
    ("The curfew followed the killings during the past 48 hours of a teacher and two nurses.", {"killed": 3}),
    # the items after a count tell its people apart
    ("THE INQUIRY COVERS THE MURDERS OF THREE ENGINEERS, TWO BRAZILIANS AND A PERUVIAN.", {"killed": 3}),
    ("Four hikers, two men and two women, were found dead.", {"killed": 4}),
    ("Two guards, one driver and a cook were killed.", {"killed": 4}),
    # companions of the victim
    ("The magistrate was killed on the highway along with two of his escorts.", {"killed": 3}),
    ("THE TREASURER WAS FOUND DEAD TOGETHER WITH HIS DRIVER.", {"killed": 2}),
    ("Soto, 48, was shot to death near the market along with three other vendors.", {"killed": 4}),
    # domestic staff are people
    ("Two maids and a cook were killed in the raid.", {"killed": 3}),
    # carried out of a house is not taken to hospital
    ("The boy was taken out of the burning house by a neighbour.", {}),
])
def test_casualties_incident_sentences(finder: CasualtyFinder, text: str, expected: dict[str, int]) -> None:
    assert counts(finder, text) == expected


@pytest.mark.parametrize(("text", "killed"), [
    # a relative of the person just named is another victim
    ("THE PROSECUTOR LINKED THEM TO THE MURDER OF DR ALBERTO QUIROGA, HIS WIFE, AND TWO OTHER PEOPLE.", 4),
    # a description between commas is still the person it follows
    ("The gunmen killed Ana Beltran, a retired nurse, and her neighbour.", 2),
    ("THE RADIO REPORTED THE BODY OF COUNCILMAN HUGO ARANGO MEJIA.", 1),
])
def test_casualties_named_victims_around_killing_nouns(finder: CasualtyFinder, nlp: Any, text: str,
                                                       killed: int) -> None:
    assert named_counts(finder, nlp, text)["killed"] == killed


def _document(parts: list[str], events: list[tuple[str, int]]) -> Document:
    """A document of ``parts`` (one Sentence each) with an event of the given PLOVER type in the given sentences."""
    doc = sentence_document(parts)
    for plover, index in events:
        sent = doc.sentences[index]
        doc.events.append(Event(plover=Plover(plover), evidence=Evidence(parts[index], (sent.start, sent.end)),
                                sentence=index, trigger=(sent.start, sent.start + 4)))
    return doc


def test_casualties_a_condemnation_does_not_end_the_incident(resources: Resources) -> None:
    parts = [
        "Gunmen ambushed the convoy of the provincial treasurer this morning.",
        "The treasurer was killed.",
        "The bishop condemned the ambush and called for calm.",
        "Two of his escorts were also killed in the attack.",
    ]
    doc = _document(parts, [("ASSAULT", 0), ("REJECT", 2)])
    create_casualties(resources)(doc)
    assert doc.events[0].casualties.killed == 3


def test_casualties_a_condemnation_carries_the_counts_it_reports(resources: Resources) -> None:
    parts = ["The union condemned the murder of two teachers in the north.", "It called a strike for Monday."]
    doc = _document(parts, [("REJECT", 0), ("PROTEST", 1)])
    create_casualties(resources)(doc)
    assert doc.events[0].casualties.killed == 2
    assert doc.events[1].casualties.killed is None
