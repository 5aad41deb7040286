"""Tests for the claims stage: who asserts each event (claimant) and how (claimed, accused, reported, denied)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from actor_helpers import make_doc

from eventsift.errors import DataFileError
from eventsift.extract.actors import ActorsStage, create_actors
from eventsift.extract.claims import ClaimsStage, create_claims, parse_cues
from eventsift.extraction import extract_records
from eventsift.ingest.base import InputItem
from eventsift.model import Claim, Document
from eventsift.pipeline import Pipeline
from eventsift.resources import Resources


@pytest.fixture(scope="module")
def stages(resources: Resources) -> tuple[ActorsStage, ClaimsStage]:
    return create_actors(resources), create_claims(resources)


@pytest.fixture(scope="module")
def rule_stages(resources: Resources, stages: tuple[ActorsStage, ClaimsStage]) -> tuple[ActorsStage, ClaimsStage]:
    """The claim rules alone, without the learned model that may override their side-based guesses."""
    claims = stages[1]
    return stages[0], ClaimsStage(claims.dictionary, claims.cues, None)


def claim_of(stages: tuple[ActorsStage, ClaimsStage], nlp: Any, text: str, trigger: str,
             **kwargs: Any) -> tuple[Claim | None, Document]:
    doc = make_doc(nlp, text, trigger, **kwargs)
    for stage in stages:
        stage(doc)
    claim = doc.events[0].claimant
    if claim is not None and claim.span is not None:
        assert doc.text[claim.span[0]:claim.span[1]] == claim.text
    return claim, doc


def test_claims_stage_declares_its_contract(stages: tuple[ActorsStage, ClaimsStage]) -> None:
    claims = stages[1]
    assert claims.name == "eventsift.extract.claims.v1"
    assert claims.requires == ("events",) and claims.provides == ("claims",)


def test_claims_said_makes_the_speaker_the_claimant(stages: tuple[ActorsStage, ClaimsStage],
                                                    rule_stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    text = "Gunmen killed two traders at a checkpoint, the provincial police chief said."
    claim, _ = claim_of(stages, nlp, text, "killed")
    assert claim is not None and claim.text == "the provincial police chief" and claim.sector == "POL"
    # the status of an act told without a claim, accusation or hedge is the learned model's; the rules report it
    ruled, _ = claim_of(rule_stages, nlp, text, "killed")
    assert ruled is not None and ruled.status == "reported" and ruled.text == claim.text


def test_claims_according_to_names_the_source(stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    claim, _ = claim_of(stages, nlp, "According to hospital officials, a mortar round wounded six children.", "wounded")
    assert claim is not None and claim.status == "reported" and "hospital officials" in claim.text


def test_claims_responsibility_claim_is_claimed_and_supplies_the_actor(stages: tuple[ActorsStage, ClaimsStage],
                                                                        nlp: Any) -> None:
    text = "A roadside bomb destroyed an army truck near the pass. Boko Haram claimed responsibility in a video."
    claim, doc = claim_of(stages, nlp, text, "destroyed")
    assert claim is not None and claim.status == "claimed" and claim.name == "Boko Haram"
    actors = [a for a in doc.events[0].actors if a.role == "actor"]
    assert actors and actors[0].name == "Boko Haram"


@pytest.mark.parametrize(("text", "trigger"), [
    ("The insurgents claim to have destroyed four fuel tankers on the highway.", "destroyed"),
    ("The Northern Front claims it ambushed an army patrol near the border.", "ambushed"),
    ("A caller speaking for the militia said they were responsible for the bombing of the depot.", "bombing"),
])
def test_claims_party_telling_of_its_own_act_claims_it(stages: tuple[ActorsStage, ClaimsStage], nlp: Any,
                                                        text: str, trigger: str) -> None:
    claim, _ = claim_of(stages, nlp, text, trigger)
    assert claim is not None and claim.status == "claimed"


def test_claims_claiming_what_another_party_did_is_not_a_claim_of_responsibility(
        stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    claim, _ = claim_of(stages, nlp, "The army claimed the rebels had attacked the convoy.", "attacked")
    assert claim is not None and claim.status != "claimed"


def test_claims_nobody_claiming_is_not_a_claim(stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    text = "A bomb tore through a bus station on Monday. No group has claimed responsibility, officials said."
    claim, _ = claim_of(stages, nlp, text, "tore")
    assert claim is None or claim.status != "claimed"


def test_claims_accusation_names_the_accuser(stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    text = "Artillery fire hit a school in the border district. The defence ministry blamed separatist forces."
    claim, _ = claim_of(stages, nlp, text, "hit")
    assert claim is not None and claim.status == "accused"
    assert "defence ministry" in claim.text and claim.sector == "GOV"


def test_claims_hedge_on_the_perpetrator_is_an_accusation(stages: tuple[ActorsStage, ClaimsStage],
                                                          nlp: Any) -> None:
    claim, _ = claim_of(stages, nlp, "Suspected cartel members shot dead a local journalist, the prosecutor said.",
                        "shot")
    assert claim is not None and claim.status == "accused" and claim.sector == "JUD"


def test_claims_denial_keeps_the_event_and_the_accuser(stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    text = ("Drone strikes destroyed a fuel depot overnight. The regional governor accused the insurgents of the "
            "attack. The insurgents denied any involvement.")
    claim, doc = claim_of(stages, nlp, text, "destroyed")
    assert len(doc.events) == 1
    assert claim is not None and claim.status == "accused" and "governor" in claim.text
    assert claim.denier is not None and "insurgents" in claim.denier.text


def test_claims_denial_after_an_accusation_with_no_named_accuser_stays_accused(
        stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    text = "The insurgents were blamed for the raid on the fuel depot. The insurgents denied any involvement."
    claim, _ = claim_of(stages, nlp, text, "raid", outlet="The Daily Courier")
    assert claim is not None and claim.status == "accused"
    assert claim.denier is not None and "insurgents" in claim.denier.text


def test_claims_denial_without_an_accuser_is_the_status(stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    text = "The army denied shelling the market on Sunday, the news agency reported."
    claim, _ = claim_of(stages, nlp, text, "shelling")
    assert claim is not None and claim.status == "denied"


def test_claims_denial_of_responsibility_answers_an_accusation(stages: tuple[ActorsStage, ClaimsStage],
                                                               nlp: Any) -> None:
    text = ("Gunmen killed a provincial judge in the capital on Friday, the news agency reported. The rebel front "
            "denied any responsibility for the killing.")
    claim, doc = claim_of(stages, nlp, text, "killed")
    assert len(doc.events) >= 1
    assert claim is not None and claim.status == "accused"
    assert claim.denier is not None and "front" in claim.denier.text


def test_claims_denial_by_another_party_is_about_another_act(stages: tuple[ActorsStage, ClaimsStage],
                                                             nlp: Any) -> None:
    text = ("The rebels kidnapped a senator near the border on Friday, the news agency reported. The army denied "
            "any involvement in the disappearance of a student the same day.")
    claim, _ = claim_of(stages, nlp, text, "kidnapped")
    assert claim is not None and claim.status != "denied" and claim.denier is None


def test_claims_quote_over_several_sentences_goes_to_the_speaker_after_it(stages: tuple[ActorsStage, ClaimsStage],
                                                                         nlp: Any) -> None:
    text = ("“Our positions were shelled twice before midnight. Two conscripts were wounded,” the Ministry of "
            "Defence of Armenia said in a statement.")
    claim, _ = claim_of(stages, nlp, text, "shelled")
    assert claim is not None and claim.country == "ARM"
    assert claim.text.startswith("the Ministry of Defence")


def test_claims_outlet_is_the_fallback_claimant_with_a_null_span(stages: tuple[ActorsStage, ClaimsStage],
                                                                 nlp: Any) -> None:
    claim, _ = claim_of(stages, nlp, "Protesters set fire to tyres outside the parliament.", "set",
                        outlet="Daily Courier")
    assert claim is not None and claim.span is None
    assert (claim.name, claim.status) == ("Daily Courier", "reported")


def test_claims_wire_dateline_names_the_source(stages: tuple[ActorsStage, ClaimsStage], nlp: Any) -> None:
    claim, _ = claim_of(stages, nlp, "KANDAHAR (Reuters) - Insurgents stormed a police post before dawn.", "stormed",
                        published=dt.date(2015, 4, 2))
    assert claim is not None and claim.name == "Reuters" and claim.sector == "MED" and claim.span is not None


def test_claims_state_attributing_violence_to_rebels_is_an_accusation(rule_stages: tuple[ActorsStage, ClaimsStage],
                                                                      nlp: Any) -> None:
    claim, _ = claim_of(rule_stages, nlp, "The army said Tupac Amaru rebels blew up two electricity pylons.", "blew",
                        published=dt.date(1990, 3, 3))
    assert claim is not None and claim.status == "accused" and claim.sector == "MIL"


def test_claims_rebel_radio_reporting_rebel_attack_is_a_claim(rule_stages: tuple[ActorsStage, ClaimsStage],
                                                              nlp: Any) -> None:
    claim, _ = claim_of(rule_stages, nlp, "Radio Venceremos reported that FMLN units overran an army outpost.",
                        "overran", published=dt.date(1989, 11, 20))
    assert claim is not None and claim.status == "claimed"


def test_claims_no_source_and_no_outlet_leaves_the_report_as_claimant(stages: tuple[ActorsStage, ClaimsStage],
                                                                     nlp: Any) -> None:
    claim, _ = claim_of(stages, nlp, "Rioters looted three shops downtown.", "looted")
    assert claim is not None and (claim.name, claim.span) == ("the report", None)


@pytest.mark.parametrize("bad", [{"report_verbs": ["say"]}, {"version": "1", "report_verbs": "say"}])
def test_claims_cue_file_is_validated(bad: dict[str, Any]) -> None:
    with pytest.raises(DataFileError):
        parse_cues(bad, "cues.json")


@pytest.fixture(scope="module")
def statement_events(resources: Resources) -> list[Any]:
    """The invented foreign-ministry statement (tests/fixtures/statement_quotes_pronouns.txt) through the text,
    event, actor and claim stages."""
    from pathlib import Path

    from eventsift.config import Config
    from eventsift.model import Source
    from eventsift.pipeline import Pipeline

    text = (Path(__file__).resolve().parents[1] / "fixtures" / "statement_quotes_pronouns.txt").read_text("utf-8")
    doc = Document(id="statement", text=text, source=Source(published=dt.date(2024, 5, 6)))
    Pipeline.from_config(Config(stages=Config().stages[:6]), resources)(doc)
    return list(doc.events)


def _of_type(events: list[Any], kind: str) -> list[Any]:
    found = [e for e in events if e.plover.type == kind]
    assert found, f"no {kind} event"
    return found


def test_claims_statement_author_is_the_source_of_what_follows(statement_events: list[Any]) -> None:
    (attack,) = _of_type(statement_events, "ASSAULT")
    assert attack.claimant is not None and attack.claimant.name == "Chad foreign ministry"
    assert attack.claimant.country == "TCD"


def test_claims_state_blaming_another_states_forces_accuses_them(statement_events: list[Any]) -> None:
    (attack,) = _of_type(statement_events, "ASSAULT")
    assert attack.claimant is not None and attack.claimant.status == "accused"


def test_claims_generic_and_pronoun_speakers_refer_back_to_the_named_one(statement_events: list[Any]) -> None:
    claimants = [e.claimant for e in statement_events if e.sentence >= 2]
    assert claimants and all(c is not None and c.name == "Chad foreign ministry" for c in claimants)
    assert {c.text for c in claimants if c is not None} >= {"the Ministry", "the Foreign Ministry"}


def test_claims_speaker_is_the_actor_of_a_subjectless_speech_act(statement_events: list[Any]) -> None:
    requests = _of_type(statement_events, "REQUEST")
    for event in requests:  # "X calls on ...", and "'We call on ...,' it said"
        actors = [a for a in event.actors if a.role == "actor"]
        assert actors and actors[0].name == "Chad foreign ministry", event.actors
        assert any(a.role == "recipient" for a in event.actors)
    (accusation,) = _of_type(statement_events, "ACCUSE")
    assert [a.name for a in accusation.actors if a.role == "actor"] == ["Chad foreign ministry"]
    assert any(a.role == "recipient" and a.country == "SDN" for a in accusation.actors)


def test_claims_verbal_event_told_by_its_own_actor_is_reported(statement_events: list[Any]) -> None:
    for event in _of_type(statement_events, "REQUEST"):
        assert event.claimant is not None and event.claimant.status == "reported"


def test_claims_an_act_told_in_the_first_person_is_claimed(resources: Resources) -> None:
    text = ("SAN SALVADOR, 5 JAN 90 (RADIO VENCEREMOS) -- [COMMUNIQUE] OUR GUERRILLAS ATTACKED THE BATTALION "
            "POSITIONS NEAR THE BRIDGE YESTERDAY.")
    item = InputItem(id="c", origin="test", text=text, published=dt.date(1990, 1, 5))
    records = list(extract_records([item], Pipeline.from_config(resources.config, resources)))
    attacks = [e for e in records[0]["events"] if e["plover"]["type"] == "ASSAULT"]
    assert attacks and attacks[0]["claimant"]["status"] == "claimed"
