"""Tests for casualty counting (eventsift.extract.casualties)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from casualty_helpers import counts, sentence_document

from eventsift.config import Config
from eventsift.extract.casualties import CasualtyFinder, create_casualties, load_casualty_lexicon, tally
from eventsift.model import Acled, Document, Event, Evidence, OffsetMap, Place, Plover, Sentence, Source, When
from eventsift.resources import Resources


def test_casualties_lexicon_matches_schema() -> None:
    lexicon = load_casualty_lexicon(Config())
    assert "killed" in lexicon.categories["killed"]["verbs"]
    assert len(lexicon.persons) == len(set(lexicon.persons))


@pytest.mark.parametrize(("text", "expected"), [
    ("As a result, three police officers were killed and another was wounded.", {"killed": 3, "injured": 1}),
    ("The blast killed 12 and wounded dozens.", {"killed": 12, "injured": 12}),
    ("The explosion left 5 dead.", {"killed": 5}),
    ("The death toll rose to 14.", {"killed": 14}),
    ("At least 7 people were killed.", {"killed": 7}),
    ("More than 20 protesters were arrested.", {"arrested": 20}),
    ("Hundreds were detained.", {"arrested": 100}),
    ("A policeman was killed.", {"killed": 1}),
    ("Two soldiers and three attackers were killed in the clash.", {"killed": 5}),
    ("Five people were killed, including 2 children.", {"killed": 5}),
    ("THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED.", {"killed": 3, "injured": 7}),
    ("THE CLASH RESULTED IN ONE DEAD TERRORIST.", {"killed": 1}),
    ("A man was shot and killed on Monday.", {"killed": 1}),
    ("No one was injured.", {"injured": 0}),
    ("THE ATTACK RESULTED IN NO CASUALTIES.", {"killed": 0, "injured": 0}),
    ("About 50 peasants have been kidnapped.", {"abducted": 50}),
    ("A 17-year-old boy killed during the shooting was named.", {"killed": 1}),
    ("Five people were shot, one fatally, at the street fair.", {"killed": 1, "injured": 4}),
    ("Two men died and two others were injured in the shooting.", {"killed": 2, "injured": 2}),
    ("Two people were wounded; one later died in hospital.", {"killed": 1, "injured": 1}),
    ("Three of them had non-life-threatening gunshot wounds.", {"injured": 3}),
    ("A shooting at a county home left four people dead.", {"killed": 4}),
    ("In August 2015, two people were shot at the bar.", {"injured": 2}),
    ("TWO U.S. MISSIONARIES -- AGED 19 AND 21 -- WERE SHOT TO DEATH LAST NIGHT.", {"killed": 2}),
    ("Two members of his escort were also killed.", {"killed": 2}),
    ("A man is dead and four others, including a teenage boy, were shot.", {"killed": 1, "injured": 4}),
    ("A driver for the ride-sharing service was shot in the back by a passenger.", {"injured": 1}),
    ("One man was shot in the chest and another in the arm.", {"injured": 2}),
    ("Police found two victims suffering from gunshot wounds.", {"injured": 2}),
    ("Two other women were taken to the hospital with gunshot wounds.", {"injured": 2}),
    ("A 14-year-old girl was hospitalized in critical condition after she was shot.", {"injured": 1}),
    ("Four people were injured and one was left in critical condition.", {"injured": 4}),
    ("Three victims, a 25-year-old man, a 26-year-old man, and a 30-year-old woman, were wounded.", {"injured": 3}),
    ("A shooting that left two men dead and two others wounded.", {"killed": 2, "injured": 2}),
    ("The clashes caused three civilian deaths.", {"killed": 3}),
    ("A shooting that sent four people to the hospital on Saturday.", {"injured": 4}),
    ("THE GOVERNOR OF THE PROVINCE WAS MURDERED ON 4 JULY.", {"killed": 1}),
])
def test_casualties_sentencecounts(finder: CasualtyFinder, text: str, expected: dict[str, int]) -> None:
    assert counts(finder, text) == expected


def test_casualties_shot_people_who_died_are_not_injured(finder: CasualtyFinder) -> None:
    assert counts(finder, "Three men were shot.", "One of them died at the hospital.") == {"killed": 1, "injured": 2}


def test_casualties_restated_numbers_are_not_added(finder: CasualtyFinder) -> None:
    found = counts(finder, "Three soldiers were killed.", "The three soldiers killed were buried.",
                   "The death toll later rose to 5.")
    assert found == {"killed": 5}


def _document() -> tuple[Document, list[str]]:
    """An assault in sentence 0, its casualties in 1, a historical count in 2, an arrest in 3."""
    parts = [
        "Militants attacked a checkpoint this morning.",
        "Four soldiers were killed and two were wounded.",
        "In 1995, 1,000 people were killed in the same province.",
        "Police arrested a suspect.",
    ]
    doc = sentence_document(parts)
    s2 = doc.sentences[2]
    doc.times.append(When(dt.date(1995, 1, 1), dt.date(1995, 12, 31), "year", "In 1995", (s2.start, s2.start + 7)))
    doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(parts[0], (0, len(parts[0]))), sentence=0,
                            trigger=(10, 18)))
    return doc, parts


def test_casualties_stage_counts_continuing_sentences_and_skips_history(resources: Resources) -> None:
    doc, _ = _document()
    create_casualties(resources)(doc)
    cas = doc.events[0].casualties
    assert (cas.killed, cas.injured, cas.arrested) == (4, 2, 1)
    assert doc.original_text(cas.spans["killed"]) == "Four soldiers"
    assert "casualties" in doc.provided


def test_casualties_stage_maps_spans_to_original(resources: Resources) -> None:
    doc, _ = _document()
    original = "  " + doc.text  # the clean text dropped two leading spaces of the original
    doc.offsets = OffsetMap([(0, 0, 0, 2)])
    doc.text = original
    create_casualties(resources)(doc)
    assert doc.original_text(doc.events[0].casualties.spans["killed"]) == "Four soldiers"


def test_casualties_stage_a_threat_killed_nobody(resources: Resources) -> None:
    doc, _ = _document()
    doc.events[0].plover = Plover("THREATEN")
    doc.events[0].acled = None
    create_casualties(resources)(doc)
    cas = doc.events[0].casualties
    assert (cas.killed, cas.injured, cas.spans) == (0, 0, {})


def test_casualties_stage_leaves_non_violent_events_alone(resources: Resources) -> None:
    doc, _ = _document()
    doc.events[0].plover = Plover("CONSULT")
    doc.events[0].acled = Acled(None, "DIPLO")
    create_casualties(resources)(doc)
    cas = doc.events[0].casualties
    assert (cas.killed, cas.injured, cas.spans) == (None, None, {})


def test_casualties_stage_reports_zero_when_none_are_stated(resources: Resources) -> None:
    doc = Document(id="d", text="Rebels attacked the base.", clean="Rebels attacked the base.")
    doc.sentences.append(Sentence(0, 0, 25, 0, 25))
    doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(doc.text, (0, 25)), sentence=0,
                            trigger=(7, 15)))
    create_casualties(resources)(doc)
    assert (doc.events[0].casualties.killed, doc.events[0].casualties.injured) == (0, 0)


@pytest.mark.model
def test_casualties_named_victims_are_counted_from_the_parse(finder: CasualtyFinder, nlp: Any) -> None:
    text = "Jesuit priest Ignacio Ellacuria and Segundo Montes were murdered."
    found = finder.find_named(nlp(text), 0, len(text), finder.find(text))
    assert [(m.field, m.count) for m in found] == [("killed", 2)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "killed"), [
    ("Gunmen killed Maria Lopez and Juan Ortega near the market.", 2),
    ("Officials condemned Perez's assassination.", 1),
    ("Gomez was found dead along with Rosa Diaz on Monday.", 2),
    ("The assassination of Senator Pedro Alvarez by rebels was condemned.", 1),
    ("Police arrested five men suspected of killing Mayor Rafael Ortiz.", 1),
    ("Soldiers killed party leader Tomas Rivas and two other party supporters on Sunday.", 3),
    ("The party replaced the assassinated Carlos Mendez on its list.", 1),
    ("Talks stopped after the assassination of presidential candidate Luis Ortega on Friday.", 1),
    ("Tomas Ruiz, coordinator of the farmers' union in the province, was gunned down today.", 1),
])
def test_casualties_named_victims_of_actives_nouns_and_companions(finder: CasualtyFinder, nlp: Any, text: str,
                                                                  killed: int) -> None:
    found = finder.find(text)
    found += finder.find_named(nlp(text), 0, len(text), found)
    assert tally([found])["killed"].value == killed


@pytest.mark.model
def test_casualties_a_named_group_of_unstated_size_is_not_one_victim(finder: CasualtyFinder, nlp: Any) -> None:
    text = "Soldiers killed the Jesuits."
    assert finder.find_named(nlp(text), 0, len(text), finder.find(text)) == []


@pytest.mark.model
def test_casualties_named_killer_is_not_a_victim(finder: CasualtyFinder, nlp: Any) -> None:
    text = "Carlos Smith killed a neighbour."
    found = finder.find_named(nlp(text), 0, len(text), finder.find(text))
    assert all("Smith" not in (m.who or "") for m in found)


def test_casualties_massacre_of_counts_the_victims(finder: CasualtyFinder) -> None:
    assert counts(finder, "Police said the massacre of six teachers and two guards shocked the town.") == {"killed": 8}


def _incident_document(dates: list[When | None], aux: list[str | None] | None = None) -> Document:
    """An attack with its toll in sentence 0-1, then further mentions of an attack in sentences 2 and 3."""
    parts = [
        "Rebels attacked a bus.",
        "Five passengers were killed.",
        "The army condemned the attack.",
        "Another attack took place in a village.",
    ]
    doc = sentence_document(parts)
    for n, sentence in enumerate((0, 2, 3)):
        sent = doc.sentences[sentence]
        event = Event(plover=Plover("ASSAULT", aux=(aux or [None] * 3)[n]),
                      evidence=Evidence(parts[sentence], (sent.start, sent.end)), sentence=sentence,
                      trigger=(sent.start, sent.start + 6))
        event.date = dates[n]
        doc.events.append(event)
    return doc


def test_casualties_other_mentions_share_the_incident_total(resources: Resources) -> None:
    doc = _incident_document([When(dt.date(2023, 3, 4), dt.date(2023, 3, 4), "day", "yesterday"), None, None])
    create_casualties(resources)(doc)
    assert [(e.casualties.killed, e.casualties.injured) for e in doc.events] == [(5, 0), (5, 0), (5, 0)]


def test_casualties_an_incident_on_another_date_is_not_shared(resources: Resources) -> None:
    doc = _incident_document([When(dt.date(2023, 3, 4), dt.date(2023, 3, 4), "day", "yesterday"), None,
                              When(dt.date(2023, 2, 1), dt.date(2023, 2, 1), "day", "on 1 February")])
    create_casualties(resources)(doc)
    assert [e.casualties.killed for e in doc.events] == [5, 5, 0]


def test_casualties_hypothetical_events_do_not_share(resources: Resources) -> None:
    doc = _incident_document([None, None, None], aux=[None, "hypothetical", None])
    create_casualties(resources)(doc)
    assert [e.casualties.killed for e in doc.events] == [5, 0, 5]


def test_casualties_accusation_about_a_shooting_carries_itscounts(resources: Resources) -> None:
    text = "Police are searching for a man accused of shooting two teens. Officials met the family."
    doc = Document(id="d", text=text, source=Source(published=dt.date(2023, 3, 5)), clean=text)
    doc.sentences.extend([Sentence(0, 0, 61, 0, 61), Sentence(1, 62, len(text), 62, len(text))])
    for sentence, kind, word in ((0, "ACCUSE", "accused"), (1, "CONSULT", "met")):
        start = text.index(word)
        doc.events.append(Event(plover=Plover(kind), evidence=Evidence(text, (0, len(text))), sentence=sentence,
                                trigger=(start, start + len(word))))
    create_casualties(resources)(doc)
    accuse, consult = doc.events
    assert (accuse.casualties.killed, accuse.casualties.injured) == (0, 2)
    assert (consult.casualties.killed, consult.casualties.injured) == (None, None)


def test_casualties_a_period_is_not_the_incident_of_a_day_inside_it(resources: Resources) -> None:
    doc = _incident_document([When(dt.date(2023, 3, 5), dt.date(2023, 3, 5), "day", "this morning"), None,
                              When(dt.date(2022, 12, 15), dt.date(2023, 3, 5), "month", "the 80-day")])
    create_casualties(resources)(doc)
    assert [e.casualties.killed for e in doc.events] == [5, 5, 0]


def test_casualties_a_blockade_assumes_no_toll(resources: Resources) -> None:
    doc = Document(id="d", text="The blockade of the town continues.", clean="The blockade of the town continues.")
    doc.sentences.append(Sentence(0, 0, 35, 0, 35))
    doc.events.append(Event(plover=Plover("COERCE", "restrict"), evidence=Evidence(doc.text, (0, 35)), sentence=0,
                            trigger=(4, 12)))
    create_casualties(resources)(doc)
    assert (doc.events[0].casualties.killed, doc.events[0].casualties.injured) == (None, None)


@pytest.mark.model
def test_casualties_a_dateline_place_is_not_a_victim(resources: Resources, nlp: Any) -> None:
    text = "WILSON, N.C. (WNCN) — A shooting at a county home left four people dead."
    doc = Document(id="d", text=text, clean=text)
    doc.nlp = nlp(text)
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.start_char, s.end_char)
                     for i, s in enumerate(doc.nlp.sents)]
    last = doc.sentences[-1]
    trigger = text.index("shooting")
    doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(text[last.start:last.end],
                                                                       (last.start, last.end)),
                            sentence=last.index, trigger=(trigger, trigger + 8)))
    doc.places.append(Place(text="WILSON", span=(0, 6), name="Wilson", lat=35.7, lon=-77.9, country="USA"))
    create_casualties(resources)(doc)
    assert doc.events[0].casualties.killed == 4


def test_casualties_victims_listed_by_age_add_up(finder: CasualtyFinder) -> None:
    sentences = ["A 23-year-old woman was shot in the calf.", "A 30-year-old man was shot in the foot.",
                 "A 41-year-old man was shot in the arm."]
    assert tally([finder.find(s) for s in sentences])["injured"].value == 3
    restated = ["A man was shot on Sunday.", "A 25-year-old man was shot in the leg."]
    assert tally([finder.find(s) for s in restated])["injured"].value == 1


@pytest.mark.parametrize(("gap", "describes"), [
    (", president of the water board and mayor of the town ", True),
    (', the minister said, "belong to the process begun ', True),
    (" early ", False),
    (", police said on ", False),
])
def test_casualties_date_in_another_phrase(finder: CasualtyFinder, gap: str, describes: bool) -> None:
    assert finder.describes_after(gap) is describes


def test_casualties_stage_an_old_date_describing_the_victim_keeps_the_count(resources: Resources) -> None:
    parts = ["The council met after learning of the killing of Raul Pena Ortiz, director of the water board and mayor "
             "of the town in 1990."]
    doc = sentence_document(parts)
    year = parts[0].index("in 1990")
    doc.times.append(When(dt.date(1990, 1, 1), dt.date(1990, 12, 31), "year", "in 1990", (year, year + 7)))
    doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(parts[0], (0, len(parts[0]))), sentence=0,
                            trigger=(parts[0].index("killing"), parts[0].index("killing") + 7)))
    create_casualties(resources)(doc)
    assert doc.events[0].casualties.killed == 1


@pytest.mark.parametrize(("text", "background"), [
    ("The rebels, who have killed several officials in previous attacks, denied any part in it.", True),
    ("Two officials were killed in the attack on Monday.", False),
])
def test_casualties_background_sentences(finder: CasualtyFinder, text: str, background: bool) -> None:
    assert finder.is_background(text) is background
