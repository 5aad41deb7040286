"""Tests for perpetrators named by attributions, shared across mentions of one report, and for struck targets."""

from __future__ import annotations

from typing import Any

import pytest
from actor_helpers import make_doc

from eventsift.extract.actors import ActorsStage, create_actors, share_perpetrator
from eventsift.model import Actor, Event, Evidence, Plover
from eventsift.resources import Resources


@pytest.fixture(scope="module")
def stage(resources: Resources) -> ActorsStage:
    return create_actors(resources)


def run(stage: ActorsStage, nlp: Any, text: str, trigger: str, plover: str = "ASSAULT") -> list[Actor]:
    doc = make_doc(nlp, text, trigger, plover=plover)
    stage(doc)
    for actor in doc.events[0].actors:
        assert doc.text[actor.span[0]:actor.span[1]] == actor.text
    return doc.events[0].actors


def names(actors: list[Actor], role: str) -> list[str]:
    return [a.text for a in actors if a.role == role]


@pytest.mark.parametrize(("text", "trigger", "perpetrator"), [
    ("Union leaders blamed the ruling party for the killing of two police officers.", "killing", "the ruling party"),
    ("Relatives said the massacre was the handiwork of the Presidential Guard.", "massacre", "the Presidential Guard"),
    ("A rights group said the arson was the work of hired thugs.", "arson", "hired thugs"),
    ("The kidnapping of the engineer was claimed by a group of armed men.", "kidnapping", "a group of armed men"),
    ("Prosecutors said a former police captain was the mastermind of the murder of the priest.", "murder",
     "a former police captain"),
])
def test_actors_attribution_names_the_perpetrator(stage: ActorsStage, nlp: Any, text: str, trigger: str,
                                                  perpetrator: str) -> None:
    assert names(run(stage, nlp, text, trigger), "actor") == [perpetrator]


def test_actors_accused_party_is_cut_before_the_act(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Farmers accused the army of the killing of three students.", "killing")
    assert names(actors, "actor") == ["the army"]


def test_actors_claim_of_responsibility_keeps_the_named_apposition(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, 'A self-styled commando unit, the "Liberty Brigade", claimed responsibility for the '
                 "bombing of the bank.", "bombing")
    assert any("Liberty Brigade" in a.text for a in actors if a.role == "actor")


def test_actors_a_toll_is_not_a_claim_of_responsibility(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "The landslide that claimed nine lives buried the road.", "buried")
    assert not names(actors, "actor")


def test_actors_who_defused_the_bomb_did_not_plant_it(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "A bomb planted near the French embassy in the capital was defused by the police.",
                 "planted")
    assert not names(actors, "actor")
    assert names(actors, "recipient") == ["the French embassy"]


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("A bomb exploded today in a downtown restaurant, causing little damage.", "exploded", "a downtown restaurant"),
    ("One person was killed and three others injured tonight as the result of a bomb explosion in the city centre.",
     "explosion", "One person"),
    ("A peasant woman died when a grenade exploded in the market.", "exploded", "A peasant woman"),
    ("Last week the residence of the mayor was the target of a bomb attack.", "attack", "the residence of the mayor"),
    ("Several vehicles were damaged by the explosion near the square.", "explosion", "Several vehicles"),
    ("The blast wounded two guards and shattered windows.", "blast", "two guards"),
])
def test_actors_struck_facility_or_casualty_is_the_recipient(stage: ActorsStage, nlp: Any, text: str, trigger: str,
                                                             target: str) -> None:
    assert target in names(run(stage, nlp, text, trigger), "recipient")


def test_actors_a_town_is_not_a_struck_target(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "A car bomb exploded in Kirkuk on Sunday.", "exploded")
    assert not names(actors, "recipient")


def test_actors_an_unattributed_mention_shares_the_report_perpetrator() -> None:
    def event(kind: str, actors: list[Actor], aux: str | None = None) -> Event:
        return Event(Plover(kind, aux=aux), Evidence("x", (0, 1)), 0, (0, 1), actors=actors)

    rebels = Actor(role="actor", text="the rebels", name="rebels", span=(0, 10), country=None, sector="REB")
    victim = Actor(role="recipient", text="a farmer", name="farmer", span=(20, 28), country=None, sector="CVL")
    named, bare, talk = event("ASSAULT", [rebels]), event("ASSAULT", [victim]), event("CONSULT", [])
    share_perpetrator([named, bare, talk], frozenset({"ASSAULT", "COERCE"}))
    assert [a.name for a in bare.actors] == ["rebels", "farmer"] and bare.actors[0] is not rebels
    assert not talk.actors


@pytest.mark.parametrize(("text", "trigger", "perpetrator"), [
    ("The minister was shot dead this morning outside his home. The attack was carried out by members of an urban "
     "guerrilla cell, police said.", "shot", "members of an urban guerrilla cell"),
    ("A car bomb exploded outside the town hall on Friday. A little-known separatist front claimed responsibility "
     "for the bombing.", "exploded", "A little-known separatist front"),
    ("A bus carrying sailors was blown up on Monday. Twenty people were hurt. The press believes the bombing was "
     "the work of a leftist armed grouping.", "blown", "a leftist armed grouping"),
])
def test_actors_perpetrator_named_when_the_next_sentence_retells_the_act(stage: ActorsStage, nlp: Any, text: str,
                                                                         trigger: str, perpetrator: str) -> None:
    assert names(run(stage, nlp, text, trigger), "actor") == [perpetrator]


def test_actors_who_died_is_a_victim_not_an_actor(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "An army corporal died and another soldier was wounded in the ambush.", "died")
    assert names(actors, "recipient")[:1] == ["An army corporal"]
    assert "An army corporal" not in names(actors, "actor")


@pytest.mark.parametrize(("text", "trigger", "perpetrator"), [
    ("Two men shot the mayor outside the market as he left his office.", "shot", "Two men"),
    ("Several individuals opened fire on the offices of a weekly newspaper.", "opened", "Several individuals"),
    ("Three nuns were killed in the capital by a group of men in uniform.", "killed", "a group of men"),
])
def test_actors_plain_people_who_commit_violence_are_unidentified_perpetrators(
        stage: ActorsStage, nlp: Any, text: str, trigger: str, perpetrator: str) -> None:
    (actor,) = [a for a in run(stage, nlp, text, trigger) if a.role == "actor"]
    assert (actor.text, actor.sector, actor.name) == (perpetrator, "UNK", "unidentified perpetrators")


def test_actors_plain_people_are_not_perpetrators_of_talks(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Two men met the governor on Friday.", "met", plover="CONSULT")
    assert all(a.sector != "UNK" for a in actors)


def assault(actors: list[Actor]) -> Event:
    """A bare act of violence with the given actors, for the document-level perpetrator rules."""
    return Event(Plover("ASSAULT"), Evidence("x", (0, 1)), 0, (0, 1), actors=actors)


def test_actors_a_generic_perpetrator_also_gets_the_group_the_report_names() -> None:
    group = Actor(role="actor", text="the Hill Front", name="Hill Front (HF)", span=(0, 14), sector="REB")
    gunmen = Actor(role="actor", text="gunmen", name="unidentified perpetrators", span=(30, 36), sector="UNK")
    army = Actor(role="actor", text="the army", name="military", span=(50, 58), sector="MIL")
    named, generic, state = assault([group]), assault([gunmen]), assault([army])
    share_perpetrator([named, generic, state], frozenset({"ASSAULT"}), frozenset({"Hill Front (HF)"}),
                      frozenset({"UNK", "REB", "CRM", ""}))
    assert [a.name for a in generic.actors] == ["unidentified perpetrators", "Hill Front (HF)"]
    assert [a.name for a in state.actors] == ["military"]  # soldiers are not the rebels' men


def test_actors_unknown_killers_also_get_the_armed_perpetrator_the_report_names() -> None:
    rebels = Actor(role="actor", text="the guerrillas", name="armed group", span=(0, 14), sector="REB")
    killers = Actor(role="actor", text="the killers", name="unidentified perpetrators", span=(30, 41), sector="UNK")
    army = Actor(role="actor", text="the army", name="military", span=(50, 58), sector="MIL")
    named, unknown, state = assault([rebels]), assault([killers]), assault([army])
    share_perpetrator([named, unknown, state], frozenset({"ASSAULT"}), frozenset(), frozenset({"UNK", "REB", ""}),
                      frozenset({"REB", "CRM"}))
    assert [a.name for a in unknown.actors] == ["unidentified perpetrators", "armed group"]
    assert [a.name for a in state.actors] == ["military"]


@pytest.mark.parametrize(("text", "trigger", "perpetrator"), [
    ("Officials will investigate the attack that killed five farmers on Sunday, which the ruling party has blamed on "
     "a rival militia.", "attack", "a rival militia"),
    ("In a new action attributed to the smuggling rings of the port, a bomb wrecked a clinic on Tuesday.", "wrecked",
     "the smuggling rings of the port"),
    ("Police are searching for the authors of a bombing claimed by a student commando.", "bombing",
     "a student commando"),
])
def test_actors_an_attribution_modifying_the_act_names_the_perpetrator(stage: ActorsStage, nlp: Any, text: str,
                                                                      trigger: str, perpetrator: str) -> None:
    assert perpetrator in names(run(stage, nlp, text, trigger), "actor")


@pytest.mark.parametrize("text", [
    "Two explosions were heard near the offices of the army on Friday night.",
    "A blast shook the army's barracks in the capital before dawn.",
])
def test_actors_the_owner_of_a_place_hit_is_not_the_perpetrator(stage: ActorsStage, nlp: Any, text: str) -> None:
    trigger = "explosions" if "explosions" in text else "blast"
    assert not [n for n in names(run(stage, nlp, text, trigger), "actor") if "army" in n]


def test_actors_the_accused_is_the_perpetrator_when_the_act_hangs_off_it(stage: ActorsStage, nlp: Any) -> None:
    text = ("Referring to the sermon given by the bishop of the port city, who accused the air force of bombing a "
            "chapel in the hills, the colonel said some sectors want to discredit the army.")
    assert names(run(stage, nlp, text, "bombing"), "actor") == ["the air force"]


@pytest.mark.parametrize(("text", "trigger"), [
    ("What do the armed forces think about the six bombs that were detonated yesterday and killed four soldiers?",
     "bombs"),
    ("The engineer said he had been kidnapped to protest the coming visit by the prime minister.", "kidnapped"),
])
def test_actors_who_thinks_about_an_act_or_is_its_victim_is_not_its_perpetrator(stage: ActorsStage, nlp: Any,
                                                                                text: str, trigger: str) -> None:
    assert not names(run(stage, nlp, text, trigger), "actor")


def test_actors_an_abstract_noun_of_a_party_is_not_the_party(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "The army's strategy destroyed the village.", "destroyed")
    assert names(actors, "actor") == ["army"]
