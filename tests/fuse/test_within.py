"""Within-document merging of event mentions that describe one incident."""

from __future__ import annotations

import datetime as dt

import pytest

from eventsift.fuse.within import WithinDocumentMerge
from eventsift.model import Actor, Casualties, Claim, Document, Event, Evidence, Place, Plover, Sentence, When

TEXT = "Gunmen attacked a convoy near Kadugli today. They opened fire on the trucks, killing two drivers."


def make_event(sentence: int, trigger: tuple[int, int], *, type_: str = "ASSAULT", mode: str | None = None,
               killed: int | None = None, place: Place | None = None, date: When | None = None,
               actors: list[Actor] | None = None, aux: str | None = None) -> Event:
    span = (0, 44) if sentence == 0 else (45, len(TEXT))
    return Event(plover=Plover(type_, mode, aux=aux), evidence=Evidence(TEXT[span[0]:span[1]], span),
                 sentence=sentence, trigger=trigger, casualties=Casualties(killed=killed), location=place,
                 date=date, actors=actors or [])


KADUGLI = Place("Kadugli", (30, 37), "Kadugli", 11.01, 29.72, None, "SDN", None, "place")
JUBA = Place("Juba", (0, 4), "Juba", 4.85, 31.58, None, "SSD", None, "place")


def test_within_merges_two_mentions_of_one_attack() -> None:
    doc = Document("d", TEXT)
    first = make_event(0, (7, 15), place=KADUGLI, actors=[Actor("actor", "Gunmen", "gunmen", (0, 6), None, "UNK")])
    second = make_event(1, (50, 60), mode="firearms", killed=2)
    doc.events = [first, second]
    WithinDocumentMerge()(doc)
    (event,) = doc.events
    assert event.casualties.killed == 2 and event.plover.mode == "firearms"
    assert event.location is KADUGLI and event.evidence.span == (0, len(TEXT))
    assert event.evidence.text == TEXT


def test_within_keeps_different_places_counts_types_and_aux_apart() -> None:
    doc = Document("d", TEXT)
    juba = make_event(1, (50, 60), place=JUBA)
    doc.events = [make_event(0, (7, 15), place=KADUGLI), juba]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2
    doc.events = [make_event(0, (7, 15), killed=3), make_event(1, (50, 60), killed=2)]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2
    doc.events = [make_event(0, (7, 15)), make_event(1, (50, 60), type_="COERCE")]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2
    doc.events = [make_event(0, (7, 15)), make_event(1, (50, 60), aux="historical")]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2


def test_within_never_merges_location_copies_of_one_trigger() -> None:
    doc = Document("d", TEXT)
    near = Place("Kadugli East", (30, 37), "Kadugli East", 11.02, 29.73, None, "SDN", None, "place")
    doc.events = [make_event(0, (7, 15), place=KADUGLI), make_event(0, (7, 15), place=near)]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2


def test_within_stated_dates_must_overlap() -> None:
    doc = Document("d", TEXT)
    monday = When(dt.date(2024, 2, 19), dt.date(2024, 2, 19), "day", "Monday", (0, 6))
    friday = When(dt.date(2024, 2, 16), dt.date(2024, 2, 16), "day", "Friday", (50, 56))
    doc.events = [make_event(0, (7, 15), date=monday), make_event(1, (50, 60), date=friday)]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2


def test_within_a_chain_of_mentions_is_one_incident_and_better_attested() -> None:
    doc = Document("d", TEXT)
    doc.sentences = [Sentence(n, n, n + 1, n, n + 1) for n in range(6)]  # a story, not a snippet
    chain = [make_event(n, (n * 3, n * 3 + 2)) for n in (0, 2, 4)]
    for event in chain:
        event.confidence = 0.5
    doc.events = chain
    WithinDocumentMerge()(doc)
    (event,) = doc.events
    assert event.confidence > 0.5


def test_within_mentions_of_the_same_stated_day_merge_further_apart() -> None:
    doc = Document("d", TEXT)
    day = When(dt.date(1990, 1, 5), dt.date(1990, 1, 5), "day", "5 January", (0, 9))
    doc.events = [make_event(0, (7, 15), date=day), make_event(6, (50, 60), date=day)]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 1
    doc.events = [make_event(0, (7, 15)), make_event(6, (50, 60))]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2


def test_within_a_claim_of_responsibility_in_any_mention_makes_the_incident_claimed() -> None:
    doc = Document("d", TEXT)
    first, second = make_event(0, (7, 15)), make_event(1, (50, 60))
    first.claimant = Claim("police", "police", (0, 6), "reported")
    second.claimant = Claim("the group", "the group", (45, 54), "claimed")
    doc.events = [first, second]
    WithinDocumentMerge()(doc)
    (event,) = doc.events
    assert event.claimant is not None and event.claimant.status == "claimed"


def test_within_people_shot_in_one_mention_and_dead_in_another_are_not_injured() -> None:
    doc = Document("d", TEXT)
    died, shot = make_event(0, (7, 15), killed=1), make_event(1, (50, 60))
    shot.casualties = Casualties(killed=None, injured=1, injured_if_alive=True)
    doc.events = [died, shot]
    WithinDocumentMerge()(doc)
    (event,) = doc.events
    assert (event.casualties.killed, event.casualties.injured) == (1, None)


def test_within_one_event_per_type_day_and_town_however_far_apart() -> None:
    doc = Document("d", TEXT)
    day = When(dt.date(2016, 7, 24), dt.date(2016, 7, 24), "day", None, None)
    first, later = make_event(0, (7, 15), date=day, place=KADUGLI), make_event(9, (50, 60), date=day, place=KADUGLI)
    doc.events = [first, later]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 1
    other_day = When(dt.date(2016, 7, 23), dt.date(2016, 7, 23), "day", None, None)
    doc.events = [make_event(0, (7, 15), date=day, place=KADUGLI),
                  make_event(9, (50, 60), date=other_day, place=KADUGLI)]
    WithinDocumentMerge()(doc)
    assert len(doc.events) == 2


@pytest.mark.parametrize(("shot_first", "shot", "told", "expected"), [
    # "five people were shot ... a woman was killed": four wounded
    (True, 5, (1, 0), (1, 4)),
    # "two men were shot ... one died, the other was wounded": the same two people
    (True, 2, (1, 1), (1, 1)),
    # "one killed, two wounded ... he was shot": one of them
    (False, 1, (1, 2), (1, 2)),
])
def test_within_people_shot_in_one_mention_are_injured_beyond_the_dead_of_another(
        shot_first: bool, shot: int, told: tuple[int, int], expected: tuple[int, int]) -> None:
    doc = Document("d", TEXT)
    first, second = make_event(0, (7, 15)), make_event(1, (50, 60))
    shot_event, told_event = (first, second) if shot_first else (second, first)
    shot_event.casualties = Casualties(killed=0, injured=shot, injured_if_alive=True)
    told_event.casualties = Casualties(killed=told[0], injured=told[1])
    doc.events = [first, second]
    WithinDocumentMerge()(doc)
    (event,) = doc.events
    assert (event.casualties.killed, event.casualties.injured) == expected
