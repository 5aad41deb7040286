"""Event detection and typing on invented sentences: every type family, aux marking, several events per text."""

from __future__ import annotations

from typing import Any

import pytest

from eventsift.config import Config
from eventsift.extract.events import EventsStage, create_events, fold_forms
from eventsift.model import Document, Event
from eventsift.resources import Resources
from eventsift.text.parse import ParseStage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def lexicon_stage(resources: Resources) -> EventsStage:
    """The stage without the classifier: the rules alone, deterministic and independent of trained weights."""
    local = Resources(Config())
    local.put("nlp", resources.nlp)
    local.put("event_classifier", None)
    return create_events(local)


@pytest.fixture(scope="module")
def full_stage(resources: Resources) -> EventsStage:
    """The shipped stage, with the classifier."""
    return create_events(resources)


def run(stage: EventsStage, resources: Resources, text: str) -> list[Event]:
    """Parse ``text`` and detect its events."""
    doc = Document(id="t", text=text, clean=text)
    ParseStage(resources)(doc)
    stage(doc)
    return doc.events


def kinds(events: list[Event]) -> list[tuple[Any, ...]]:
    """(type, mode, aux, ACLED sub-type) of each event."""
    return [(e.plover.type, e.plover.mode, e.plover.aux, e.acled.sub_event_type if e.acled else None) for e in events]


@pytest.mark.parametrize(("text", "ptype", "mode", "acled"), [
    ("Rebel fighters shelled the village of Dornak on Tuesday, killing four farmers.", "ASSAULT", "heavy-weapons",
     "Shelling/artillery/missile attack"),
    ("Government warplanes carried out air strikes on the town of Veshki.", "ASSAULT", "aerial", "Air/drone strike"),
    ("A roadside bomb exploded near a convoy in Talmar province.", "ASSAULT", "explosive",
     "Remote explosive/landmine/IED"),
    ("Police said the gunmen kidnapped two engineers.", "ASSAULT", "abduct", "Abduction/forced disappearance"),
    ("Police arrested twelve activists in the capital on Monday.", "COERCE", "arrest", "Arrests"),
    ("Police fired tear gas to disperse protesters who had gathered outside parliament.", "PROTEST", "demonstrate",
     "Protest with intervention"),
    ("The two foreign ministers met in Geneva for talks on the border dispute.", "CONSULT", None, None),
    ("The general threatened to retaliate against any incursion.", "THREATEN", None, None),
    ("The opposition rejected the proposal.", "REJECT", None, None),
    ("The army deployed additional troops to the border region.", "MOBILIZE", "troops", None),
    ("The president praised the mediators.", "SUPPORT", None, None),
    ("The ministry called on the international community to take urgent measures.", "REQUEST", None, None),
])
def test_events_types_each_family(lexicon_stage: EventsStage, resources: Resources, text: str, ptype: str,
                                  mode: str | None, acled: str | None) -> None:
    events = run(lexicon_stage, resources, text)
    top = max(events, key=lambda e: e.confidence)
    assert top.plover.type == ptype
    assert top.plover.mode == mode
    assert (top.acled.sub_event_type if top.acled else None) == acled
    assert top.cameo is not None
    assert 0.0 <= top.confidence <= 1.0


def test_events_statement_with_several_events(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = ("The foreign ministry condemned the attack on a border post and accused the neighbouring army of "
            "violating the ceasefire. It called on mediators to act. Talks on reopening the road were held on Monday, "
            "but the army continues its blockade of the corridor.")
    types = {e.plover.type for e in run(lexicon_stage, resources, text)}
    assert {"ACCUSE", "ASSAULT", "REQUEST", "CONSULT", "COERCE"} <= types


@pytest.mark.parametrize(("text", "aux"), [
    ("The defence ministry denied shelling the village.", "negated"),
    ("Soldiers did not attack the convoy.", "negated"),
    ("The government will deploy troops to the north next week.", "future"),
    ("The militants could attack the city if the talks fail.", "hypothetical"),
    ("The war of April 2016 killed 200 soldiers, the 2023 report said.", "historical"),
])
def test_events_marks_aux(lexicon_stage: EventsStage, resources: Resources, text: str, aux: str) -> None:
    events = run(lexicon_stage, resources, text)
    assert aux in {e.plover.aux for e in events}


def test_events_merges_nominal_reference(lexicon_stage: EventsStage, resources: Resources) -> None:
    events = run(lexicon_stage, resources, "Militants attacked a checkpoint. The attack killed three soldiers.")
    assert [e.plover.type for e in events] == ["ASSAULT"]
    assert events[0].acled is not None and events[0].acled.sub_event_type == "Armed clash"


def test_events_none_for_weather_report(full_stage: EventsStage, resources: Resources) -> None:
    assert run(full_stage, resources, "Light rain is expected on Tuesday with temperatures around 12 degrees.") == []


def test_events_disaster_carries_case_class_without_plover_type(lexicon_stage: EventsStage,
                                                                resources: Resources) -> None:
    events = run(lexicon_stage, resources, "Heavy flooding swept through the coastal region on Sunday.")
    assert kinds(events) == [(None, None, None, "NATURAL_DISASTER")]
    assert events[0].acled is not None and events[0].acled.event_type is None


def test_events_all_caps_text_matches(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = "GUERRILLAS ATTACKED A POLICE STATION IN THE TOWN AND KILLED THREE OFFICERS."
    events = run(lexicon_stage, resources, text)
    assert [e.plover.type for e in events] == ["ASSAULT"]


def test_events_spans_point_into_original_text(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = "Police arrested twelve activists. Hundreds of students marched through the city."
    for event in run(lexicon_stage, resources, text):
        assert text[event.evidence.span[0]:event.evidence.span[1]] == event.evidence.text
        assert text[event.trigger[0]:event.trigger[1]] in ("arrested", "marched")
        assert event.head is not None


def test_events_long_sentence_does_not_crash(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = ", ".join(["troops shelled the village and police arrested protesters"] * 150) + "."
    events = run(lexicon_stage, resources, text)
    assert 0 < len(events) <= 40


def test_events_full_stage_ranks_main_event_first(full_stage: EventsStage, resources: Resources) -> None:
    events = run(full_stage, resources, "Government warplanes carried out air strikes on the town of Veshki.")
    top = max(events, key=lambda e: e.confidence)
    assert top.plover.type == "ASSAULT"


def test_events_fold_forms_handles_inflections() -> None:
    assert "shell" in fold_forms("shelled", {})
    assert "kidnap" in fold_forms("kidnapped", {})
    assert "shoot" in fold_forms("shot", {"shot": "shoot"})
