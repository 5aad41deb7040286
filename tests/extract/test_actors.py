"""Tests for the actors stage: parse-based attachment of actors and recipients, coded with the actor dictionary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from actor_helpers import make_doc

from eventsift.extract.actors import ActorsStage, create_actors
from eventsift.model import Actor
from eventsift.resources import Resources


@pytest.fixture(scope="module")
def stage(resources: Resources) -> ActorsStage:
    return create_actors(resources)


def roles(actors: list[Actor], role: str) -> list[Actor]:
    return [a for a in actors if a.role == role]


def run(stage: ActorsStage, nlp: Any, text: str, trigger: str, **kwargs: Any) -> list[Actor]:
    doc = make_doc(nlp, text, trigger, **kwargs)
    stage(doc)
    for actor in doc.events[0].actors:
        assert doc.text[actor.span[0]:actor.span[1]] == actor.text
    return doc.events[0].actors


def test_actors_stage_declares_its_contract(stage: ActorsStage) -> None:
    assert stage.name == "eventsift.extract.actors.v1"
    assert stage.requires == ("events",) and stage.provides == ("actors",)


def test_actors_unit_of_a_national_army_attacks_police_of_a_de_facto_state(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "A reconnaissance group of the Azerbaijani armed forces ambushed a patrol car of the "
                 "police of Artsakh near the village at dawn.", "ambushed")
    (actor,) = roles(actors, "actor")
    assert (actor.country, actor.sector) == ("AZE", "MIL")
    recipients = roles(actors, "recipient")
    assert [(r.sector, r.country) for r in recipients] == [("POL", None)]
    assert "Artsakh" in recipients[0].name


def test_actors_passive_agent_is_the_actor(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Four shepherds were abducted by al-Shabaab militants outside the town.", "abducted")
    (actor,) = roles(actors, "actor")
    assert actor.name == "al-Shabaab" and actor.sector == "REB" and actor.country == "SOM"
    (victim,) = roles(actors, "recipient")
    assert victim.sector == "CVL"


def test_actors_two_sided_fighting_makes_every_fighter_an_actor(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Colombian soldiers clashed with FARC dissidents along the river on Tuesday.",
                 "clashed", published=dt.date(2019, 5, 2))
    assert not roles(actors, "recipient")
    coded = {(a.country, a.sector) for a in roles(actors, "actor")}
    assert ("COL", "MIL") in coded


def test_actors_unknown_perpetrators_are_sector_unk_without_country(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Masked gunmen opened fire on a minibus carrying market traders.", "fire")
    (actor,) = roles(actors, "actor")
    assert actor.sector == "UNK" and actor.country is None
    assert roles(actors, "recipient")


def test_actors_an_unlisted_liberation_army_is_an_armed_group(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "The Tupiza Liberation Armed Forces bombed a bank in the capital.", "bombed")
    (actor,) = roles(actors, "actor")
    assert actor.sector == "REB"


def test_actors_noun_trigger_takes_by_and_on_arguments(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "The raid by Hezbollah fighters on an Israeli border post lasted an hour.", "raid")
    (actor,) = roles(actors, "actor")
    assert actor.name == "Hezbollah"
    (target,) = roles(actors, "recipient")
    assert target.country == "ISR"


def test_actors_capital_as_metonym_is_the_government(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Moscow recalled its ambassador from the Baltic state.", "recalled", plover="REJECT")
    (actor,) = roles(actors, "actor")
    assert (actor.country, actor.sector) == ("RUS", "GOV")


def test_actors_person_resolves_by_validity_date(stage: ActorsStage, nlp: Any) -> None:
    text = "Aliyev ordered the troops to open a corridor for refugees."
    early = roles(run(stage, nlp, text, "ordered", plover="MOBILIZE", published=dt.date(1998, 3, 1)), "actor")
    late = roles(run(stage, nlp, text, "ordered", plover="MOBILIZE", published=dt.date(2015, 3, 1)), "actor")
    assert early[0].name == "Heydar Aliyev" and late[0].name == "Ilham Aliyev"
    assert early[0].sector == late[0].sector == "GOV"


def test_actors_group_sector_changes_with_its_history(stage: ActorsStage, nlp: Any) -> None:
    text = "The FMLN attacked a power station in the east."
    before = roles(run(stage, nlp, text, "attacked", published=dt.date(1990, 6, 1)), "actor")
    after = roles(run(stage, nlp, text, "attacked", published=dt.date(2005, 6, 1)), "actor")
    assert before[0].sector == "REB" and after[0].sector == "PTY"


def test_actors_all_caps_wire_copy_is_matched_case_insensitively(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "URBAN COMMANDOS OF THE SHINING PATH BURNED TWO BUSES IN THE CITY CENTRE.", "BURNED",
                 published=dt.date(1990, 2, 1))
    names = {a.name for a in roles(actors, "actor")}
    assert "Shining Path" in names


def test_actors_fallback_skips_sources_and_takes_the_sentence_perpetrator(stage: ActorsStage, nlp: Any) -> None:
    text = "Police said a car bomb exploded near the market, and militants were blamed by residents."
    actors = run(stage, nlp, text, "exploded")
    assert all(a.sector != "POL" for a in roles(actors, "actor"))


def test_actors_a_bomb_is_not_an_actor(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "A bomb exploded outside the courthouse late on Friday.", "exploded")
    assert not roles(actors, "actor")


def test_actors_time_words_are_not_recipients(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Insurgents attacked a checkpoint on Sunday.", "attacked")
    assert [r.text for r in roles(actors, "recipient")] == ["a checkpoint"]


def test_actors_generic_rebels_take_the_name_of_the_group_the_report_is_about(stage: ActorsStage,
                                                                               nlp: Any) -> None:
    text = ("The ELN has stepped up its campaign in the north. Last night the rebels dynamited a section of the "
            "oil pipeline. The ELN did not comment.")
    actors = run(stage, nlp, text, "dynamited", published=dt.date(2018, 1, 5))
    (actor,) = roles(actors, "actor")
    assert actor.text == "the rebels" and actor.name == "National Liberation Army (ELN)"


def test_actors_spans_map_back_through_repairs(stage: ActorsStage, nlp: Any) -> None:
    from eventsift.model import OffsetMap

    original = "Turkish jets bombedd villages in the north."
    clean = "Turkish jets bombed villages in the north."
    doc = make_doc(nlp, clean, "bombed")
    doc.text = original
    doc.offsets = OffsetMap([(13, 19, 13, 20)])
    stage(doc)
    recipient = roles(doc.events[0].actors, "recipient")[0]
    assert original[recipient.span[0]:recipient.span[1]] == "villages"


@pytest.mark.parametrize(("text", "trigger", "kind", "junk"), [
    ("Through its actions, Baku openly demonstrates its rejection of negotiations.", "rejection", "REJECT",
     {"its", "negotiations"}),
    ("The war in the region is another flagrant violation of the truce.", "violation", "ACCUSE",
     {"war", "flagrant", "truce"}),
    ("Soldiers violated the ceasefire near the border.", "violated", "ASSAULT", {"the ceasefire"}),
])
def test_actors_are_agentive_parties_not_abstract_nouns(stage: ActorsStage, nlp: Any, text: str, trigger: str,
                                                       kind: str, junk: set[str]) -> None:
    doc = make_doc(nlp, text, trigger, plover=kind, published=dt.date(2023, 3, 5))
    stage(doc)
    texts = {a.text for a in doc.events[0].actors}
    assert not texts & junk, texts


def test_actors_possessive_pronoun_resolves_to_the_named_subject(stage: ActorsStage, nlp: Any) -> None:
    doc = make_doc(nlp, "Through its actions, Baku openly demonstrates its rejection of negotiations.", "rejection",
                   plover="REJECT", published=dt.date(2023, 3, 5))
    stage(doc)
    actors = [a for a in doc.events[0].actors if a.role == "actor"]
    assert [(a.text, a.country, a.sector) for a in actors] == [("Baku", "AZE", "GOV")]


def test_actors_agent_modifying_another_agent_gives_way(stage: ActorsStage, nlp: Any) -> None:
    doc = make_doc(nlp, "A group of government soldiers opened fire on the convoy.", "opened")
    stage(doc)
    actors = [a for a in doc.events[0].actors if a.role == "actor"]
    assert actors and actors[0].sector == "MIL"


def test_actors_talks_have_the_delegations_not_the_topic(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "The strikes came soon after the negotiations on reopening the mountain road held "
                 "between delegates of Armenia and Azerbaijan on 1 March.", "negotiations", plover="CONSULT")
    assert sorted(a.country or "" for a in roles(actors, "actor")) == ["ARM", "AZE"]
    assert not roles(actors, "recipient")


def test_actors_an_agreement_is_never_an_actor(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "The shelling is a gross violation of the Minsk Agreement, the ministry said.",
                 "violation", plover="ACCUSE")
    assert all("Agreement" not in a.text for a in roles(actors, "actor"))


def test_actors_a_dateline_agency_is_never_a_participant(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "LA PAZ, 12 JAN 90 (EFE) -- TWO BOMBS EXPLODED IN LA PAZ LAST NIGHT.", "EXPLODED")
    assert all(a.text != "EFE" for a in actors)


def test_actors_the_agent_of_the_attack_in_a_casualty_sentence(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "A guard was wounded in the attack staged tonight by urban guerrilla commandos on the "
                 "government house, official sources confirmed.", "wounded")
    assert [a.text for a in roles(actors, "actor")] == ["urban guerrilla commandos"]


def test_actors_whoever_plants_the_bomb_is_the_actor(stage: ActorsStage, nlp: Any) -> None:
    actors = run(stage, nlp, "Unknown men planted a bomb under a diplomat's car outside the embassy.", "bomb")
    assert [a.text for a in roles(actors, "actor")] == ["Unknown men"]
