"""Event detection and typing on invented sentences: every type family, aux marking, several events per text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventsift.config import Config
from eventsift.errors import DataFileError
from eventsift.extract.event_classifier import load_event_classifier
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


def run(stage: EventsStage, resources: Resources, text: str, published: dt.date | None = None) -> list[Event]:
    """Parse ``text`` and detect its events."""
    doc = Document(id="t", text=text, clean=text)
    doc.source.published = published
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
    ("Some 9,000 people have died during twelve years of fighting in the valley.", "historical"),
    ("IN THE PAST THREE YEARS THE INSURGENTS HAVE KILLED 85 VILLAGE OFFICIALS.", "historical"),
    ("Two years later a grenade was thrown at the same checkpoint.", "historical"),
    ("The chapel was set on fire three years ago by the militia.", "historical"),
    ("Exactly a month ago the same police post had been destroyed.", "historical"),
    ("During the last six months, five judges have been killed in the city.", "historical"),
])
def test_events_marks_aux(lexicon_stage: EventsStage, resources: Resources, text: str, aux: str) -> None:
    events = run(lexicon_stage, resources, text)
    assert aux in {e.plover.aux for e in events}


@pytest.mark.parametrize("text", [
    "Gunmen killed two farmers in the past 24 hours.",
    "The court jailed the former commander for twelve years.",
    "A 19-year-old student was stabbed outside the station on Friday.",
    # a recent act told again is not history
    "The two nurses were murdered nine days ago by men in uniform.",
    "Rebels killed five soldiers last week.",
])
def test_events_recent_or_sentence_length_is_not_a_period_total(lexicon_stage: EventsStage, resources: Resources,
                                                                 text: str) -> None:
    assert {e.plover.aux for e in run(lexicon_stage, resources, text)} == {None}


def test_events_an_act_told_in_the_past_is_not_future_under_a_future_verb(lexicon_stage: EventsStage,
                                                                         resources: Resources) -> None:
    events = run(lexicon_stage, resources, "Officials will investigate the attack that killed five farmers.")
    assert {e.plover.aux for e in events if e.plover.type == "ASSAULT"} == {None}


def test_events_committing_a_crime_is_not_an_agreement(lexicon_stage: EventsStage, resources: Resources) -> None:
    assert "AGREE" not in {e.plover.type for e in run(lexicon_stage, resources, "The gang committed the robbery.")}
    assert "AGREE" in {e.plover.type for e in run(lexicon_stage, resources, "Both sides committed to a truce.")}


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


def test_events_classifier_never_retypes_a_mention_of_a_long_story(full_stage: EventsStage,
                                                                    resources: Resources) -> None:
    lead = "A late-night shooting at an apartment complex left two men dead."
    chatter = " ".join(f"Neighbour number {n} said she did not want to talk and asked what could have happened."
                       for n in range(8))
    events = run(full_stage, resources, f"{lead} {chatter}", dt.date(2016, 5, 2))
    shooting = next(e for e in events if e.sentence == 0)
    assert shooting.plover.type == "ASSAULT"


def test_events_a_release_story_keeps_the_kidnapping_it_tells(full_stage: EventsStage, resources: Resources) -> None:
    text = ("Officials said the mayor of the river town was released today by a drug gang. The mayor was kidnapped "
            "on 3 May near his home by the gang.")
    events = run(full_stage, resources, text, dt.date(2016, 5, 20))
    assert "ASSAULT" in types_of(events)


def test_events_water_cannon_is_crowd_control_not_artillery(lexicon_stage: EventsStage, resources: Resources) -> None:
    events = run(lexicon_stage, resources, "Police fired tear gas and water cannon at protesters outside parliament.")
    assert ("ASSAULT", "heavy-weapons") not in [(e.plover.type, e.plover.mode) for e in events]
    assert "PROTEST" in types_of(events)


def test_events_a_street_block_is_an_address(lexicon_stage: EventsStage, resources: Resources) -> None:
    events = run(lexicon_stage, resources, "Officers found the victim in the 2200 block of Banks Lane East.")
    assert "PROTEST" not in types_of(events)


def test_events_fold_forms_handles_inflections() -> None:
    assert "shell" in fold_forms("shelled", {})
    assert "kidnap" in fold_forms("kidnapped", {})
    assert "shoot" in fold_forms("shot", {"shot": "shoot"})


def types_of(events: list[Event]) -> list[str | None]:
    """PLOVER types of the events, in text order."""
    return [e.plover.type for e in events]


@pytest.mark.parametrize("text", [
    "Militia units stationed in the disputed valley also violated the truce on Sunday.",
    "Fighters based in the occupied hills violated the ceasefire overnight.",
])
def test_events_participial_modifiers_do_not_trigger(lexicon_stage: EventsStage, resources: Resources,
                                                    text: str) -> None:
    events = run(lexicon_stage, resources, text)
    assert types_of(events) == ["ASSAULT"]
    assert events[0].acled is not None and events[0].acled.sub_event_type == "Armed clash"


def test_events_year_of_a_modifier_does_not_make_event_historical(lexicon_stage: EventsStage,
                                                                 resources: Resources) -> None:
    text = "Rebel units violated the ceasefire established by the accord of 4 June 2019."
    events = run(lexicon_stage, resources, text, dt.date(2024, 5, 2))
    assert [(e.plover.type, e.plover.aux) for e in events] == [("ASSAULT", None)]


def test_events_light_verb_hold_is_not_an_arrest(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = "Talks on reopening the highway were held between envoys of the two provinces on Friday."
    assert types_of(run(lexicon_stage, resources, text)) == ["CONSULT"]
    arrest = run(lexicon_stage, resources, "Police held three suspects overnight in the border town.")
    assert kinds(arrest)[0][:2] == ("COERCE", "arrest")


def test_events_light_verb_commit_takes_the_noun_event(lexicon_stage: EventsStage, resources: Resources) -> None:
    events = run(lexicon_stage, resources, "Soldiers committed atrocities in three villages last week.")
    assert types_of(events) == ["ASSAULT"]


def test_events_demonstrate_with_object_is_not_a_protest(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = "The decision clearly demonstrates the council's refusal of any compromise."
    assert "PROTEST" not in types_of(run(lexicon_stage, resources, text))
    assert types_of(run(lexicon_stage, resources, "Thousands demonstrated outside parliament on Monday.")) == [
        "PROTEST"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The governor announced his rejection of any negotiations with the rebels.", ["REJECT"]),
    ("The envoys met for talks on the withdrawal of foreign troops.", ["CONSULT"]),
    ("The council called for the release of the detained journalists.", ["REQUEST"]),
])
def test_events_object_of_nonfactive_trigger_is_content(lexicon_stage: EventsStage, resources: Resources,
                                                        text: str, expected: list[str]) -> None:
    assert types_of(run(lexicon_stage, resources, text)) == expected


def test_events_condemned_attack_is_still_an_event(lexicon_stage: EventsStage, resources: Resources) -> None:
    types = types_of(run(lexicon_stage, resources, "The minister condemned the attack on the border post."))
    assert set(types) == {"ACCUSE", "ASSAULT"}


def test_events_infinitive_of_intention_is_not_an_event(lexicon_stage: EventsStage, resources: Resources) -> None:
    text = "The siege of the valley shows their intention to complete the slaughter of its people."
    events = run(lexicon_stage, resources, text)
    assert "ASSAULT" not in types_of(events)
    alone = run(lexicon_stage, resources, "Their silence was read as licence to commit new massacres.")
    assert all(e.plover.aux == "hypothetical" for e in alone if e.plover.type == "ASSAULT")


@pytest.mark.parametrize(("text", "acled"), [
    ("Gunmen of the northern army crossed the border and attacked a patrol car of the traffic police.",
     "Armed clash"),
    ("Gunmen attacked a bus carrying pilgrims near the shrine.", "Attack"),
])
def test_events_attack_target_decides_clash_or_attack(lexicon_stage: EventsStage, resources: Resources, text: str,
                                                      acled: str) -> None:
    events = run(lexicon_stage, resources, text)
    assert [(e.plover.type, e.acled.sub_event_type if e.acled else None) for e in events] == [("ASSAULT", acled)]


@pytest.mark.parametrize("text", [
    "The ministry regards the shelling of the hospital as a war crime.",
    "The raid on the camp is another gross violation of the peace accord.",
])
def test_events_characterisation_is_an_accusation(lexicon_stage: EventsStage, resources: Resources,
                                                  text: str) -> None:
    assert "ACCUSE" in types_of(run(lexicon_stage, resources, text))


def test_events_blockade_is_coercion(lexicon_stage: EventsStage, resources: Resources) -> None:
    events = run(lexicon_stage, resources, "The army has kept up a 40-day blockade of the port city.")
    assert kinds(events)[0][:2] == ("COERCE", "restrict")


@pytest.mark.parametrize(("text", "absent"), [
    ("According to the agency, the convoy was shelled near the bridge.", "AGREE"),
    ("The evidence allows us to conclude that the army was behind the raid.", "CONCEDE"),
    ("The militia is seeking to provoke a wider war in the region.", "REQUEST"),
])
def test_events_non_event_uses_of_trigger_words(lexicon_stage: EventsStage, resources: Resources, text: str,
                                                absent: str) -> None:
    assert absent not in types_of(run(lexicon_stage, resources, text))


def test_events_multi_event_statement_fixture(lexicon_stage: EventsStage, resources: Resources) -> None:
    path = Path(__file__).resolve().parents[1] / "fixtures" / "statement_multi_event.txt"
    events = run(lexicon_stage, resources, path.read_text(encoding="utf-8"), dt.date(2024, 2, 20))
    got = kinds(events)
    types = {k[0] for k in got}
    assert {"ACCUSE", "ASSAULT", "CONSULT", "COERCE", "REQUEST"} <= types
    assert "PROTEST" not in types and "RETREAT" not in types
    assert ("COERCE", "restrict") in {k[:2] for k in got}
    assert not any(k[:2] == ("COERCE", "arrest") for k in got)
    assert all(k[2] is None for k in got if k[0] == "ASSAULT")


def test_events_classifier_weights_load_and_give_probabilities() -> None:
    clf = load_event_classifier()
    assert clf is not None
    p_case, p_plover = clf.predict("Police fired tear gas at protesters outside the parliament.", [])
    assert abs(sum(p_case.values()) - 1.0) < 1e-6 and abs(sum(p_plover.values()) - 1.0) < 1e-6
    assert set(p_plover) <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                             "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_events_classifier_rejects_malformed_weights(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    np.savez(bad, vocab=np.array(["a"]))
    with pytest.raises(DataFileError, match="lacks arrays"):
        load_event_classifier(path=bad)
