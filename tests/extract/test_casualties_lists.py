"""Tests for casualty counting of victim lists, role nouns and additions (eventsift.extract.casualties)."""

from __future__ import annotations

from typing import Any

import pytest
from casualty_helpers import counts, named_counts

from eventsift.extract.casualties import CasualtyFinder


@pytest.mark.parametrize(("text", "expected"), [
    # a breakdown between dashes inside the list is not more victims
    ("Four nurses -- three Canadians and one Dutchman -- and two drivers were killed in the ambush.", {"killed": 6}),
    # a role noun ("reporter", "technician") is a person
    ("A FREELANCE REPORTER WAS KILLED IN THE CROSSFIRE.", {"killed": 1}),
    ("Two camera technicians were wounded.", {"injured": 2}),
    # "as well as" joins a list; the one person named by role counts with the others
    ("REBELS KILLED THE JUDGE OF THE LOCAL COURT OF APPEALS, AS WELL AS THREE FARMERS.", {"killed": 4}),
    ("Militants killed the mayor of the village and two guards.", {"killed": 3}),
    ("She and two neighbours were wounded.", {"injured": 3}),
    # a reduced passive after a day name
    ("A guard was killed and three others slightly hurt Thursday near the depot.", {"killed": 1, "injured": 3}),
    # "with N others (...) injured"
    ("The blast killed a vendor, with four others (two of them minors) injured.", {"killed": 1, "injured": 4}),
    # a possessive names one person ("the governor's driver")
    ("IN THE AMBUSH, THE GOVERNOR'S DRIVER WAS KILLED.", {"killed": 1}),
    # "named X" between the person and the verb
    ("A YOUNG FARMER NAMED PABLO ROJAS WAS KILLED BY THE BOMB.", {"killed": 1}),
    ("The riots claimed the lives of four shopkeepers.", {"killed": 4}),
    # an acronym in brackets after the party the victim belongs to
    ("AN OFFICIAL FROM THE ANDEAN DEVELOPMENT FUND [ADF] AND A JUDGE FROM THE REGIONAL COURT WERE MURDERED ON MONDAY.",
     {"killed": 2}),
    ("Gunmen wounded her three brothers.", {"injured": 3}),
    # proper names in a list after the verb count one each, next to the people counted by number
    ("THE TRIBUNAL HEARD OF THE MURDER OF TEACHER ANDRES PAZ, THREE OTHER TEACHERS AND A JANITOR IN THE SCHOOL.",
     {"killed": 5}),
    ("THE UNION CONDEMNED THE ASSASSINATION OF LEADERS MARTA QUIROGA AND ESTEBAN LUNA.", {"killed": 2}),
    # a role between commas right after a name is that person
    ("The gunman killed Rosa Mendez, a retired teacher, and her two grandsons.", {"killed": 3}),
    ("Police arrested Tom Hale and two other men.", {"arrested": 3}),
    # the killing of one person named in full
    ("THE RADIO REPORTED THE MURDER OF ELISEO VARGAS MONTES, A CUSTOMS INSPECTOR.", {"killed": 1}),
    # a reduced relative with a compound killing verb
    ("Detectives are looking into reports of a 9-year-old shot dead near the park, police said.", {"killed": 1}),
    ("The stepmother was found dead on Tuesday.", {"killed": 1}),
    # a number followed by a month is a date, not a count
    ("THE UNION RECALLED THE MASSACRE OF 9 OCTOBER.", {}),
    # a name between commas right after a role is that person
    ("THE KILLING OF THE JUDGE AND HIS SECRETARY, ROSA PAZ, REMAINS UNSOLVED.", {"killed": 2}),
    # truecased wire text keeps some words of a name in lower case
    ("The radio reported the murder of mayor julio cesar Ibarra and two councilmen.", {"killed": 3}),
    # a place or a name inside a counted phrase is not another person
    ("Relatives of a 9-year-old Springfield girl who was shot on Sunday spoke to reporters.", {"injured": 1}),
    ("The killing of protesters outside Parliament was condemned.", {}),
    # a list of people who died
    ("Four miners and a guard died in the ambush.", {"killed": 5}),
    # an age between commas is not a count
    ("Rebels killed the judge, Luis Prado, 52, and two guards.", {"killed": 3}),
    # the people before a participle with an object are the killers, not the dead
    ("Two gunmen killed a farmer near the well.", {"killed": 1}),
    ("Several gunmen killed Rafael Ortiz on Monday.", {}),
    # a repetition is not a count of people
    ("A man walked up to her and shot her four times in the chest.", {"injured": 1}),
])
def test_casualties_lists_and_roles(finder: CasualtyFinder, text: str, expected: dict[str, int]) -> None:
    assert counts(finder, text) == expected


def test_casualties_also_adds_a_victim_in_a_later_sentence(finder: CasualtyFinder) -> None:
    found = counts(finder, "Three farmers were killed in the raid.", "A local engineer was also killed.")
    assert found == {"killed": 4}


def test_casualties_also_without_a_person_noun_is_not_added(finder: CasualtyFinder) -> None:
    assert counts(finder, "Three farmers were killed in the raid.", "He was also killed.") == {"killed": 3}


@pytest.mark.model
@pytest.mark.parametrize(("text", "killed"), [
    ("Ana Ruiz, Tomas Vega and Luis Mora were murdered by the gunmen.", 3),
    ("Ana Ruiz, 41, and Tomas Vega, 38, were killed on Sunday.", 2),
    ("Gunmen killed Ana Ruiz, the director of the clinic, on Friday.", 1),
    ("Ana Ruiz, leader of the teachers union and the farmers league, was murdered.", 1),
])
def test_casualties_named_victim_lists(finder: CasualtyFinder, nlp: Any, text: str, killed: int) -> None:
    assert named_counts(finder, nlp, text)["killed"] == killed


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("At least six border guards travelling aboard an armoured truck were killed in the ambush.", {"killed": 6}),
    ("Four nurses returning from the night shift were wounded by the blast.", {"injured": 4}),
    # counted groups joined in the subject
    ("Six nurses and two drivers who worked with them were murdered.", {"killed": 8}),
    # a relative clause after the counted group
    ("The paper wrote about the six nurses that were murdered on 16 May.", {"killed": 6}),
])
def test_casualties_counted_subject_far_from_its_verb(finder: CasualtyFinder, nlp: Any, text: str,
                                                      expected: dict[str, int]) -> None:
    assert named_counts(finder, nlp, text) == expected


@pytest.mark.model
def test_casualties_two_roles_of_one_named_victim(finder: CasualtyFinder, nlp: Any) -> None:
    text = ("Tomas Ruiz, Liberal Union leader and former Guatemalan ambassador to Peru, was shot to death "
            "on Monday.")
    assert named_counts(finder, nlp, text)["killed"] == 1


@pytest.mark.model
def test_casualties_semicolon_list_of_named_victims(finder: CasualtyFinder, nlp: Any) -> None:
    text = ("THE JUDGE'S NEPHEW, MARCO; ELENA SOTO RIVAS, THE TOWN TREASURER; AND DRIVER PABLO ARCE, WERE "
            "KILLED.")
    assert named_counts(finder, nlp, text)["killed"] == 3


def test_casualties_a_lone_capitalised_word_after_a_verb_is_not_a_victim(finder: CasualtyFinder) -> None:
    assert counts(finder, "Gunmen killed Tuesday near the Old Market.") == {}


@pytest.mark.parametrize(("text", "expected"), [
    # some of the people shot died: the rest are injured
    ("Two men were shot and one died.", {"killed": 1, "injured": 1}),
    ("Three teenagers were shot Saturday, and one of them later died.", {"killed": 1, "injured": 2}),
    # the one person hurt "... and died": killed, not injured
    ("A 30-year-old guard on the night shift at the warehouse accidentally shot himself while cleaning a pistol "
     "and died at the scene.", {"killed": 1}),
])
def test_casualties_some_of_the_hurt_died(finder: CasualtyFinder, text: str, expected: dict[str, int]) -> None:
    assert counts(finder, text) == expected


@pytest.mark.model
def test_casualties_negated_named_victims_are_not_counted(finder: CasualtyFinder, nlp: Any) -> None:
    text = "Ana Ruiz and Tomas Vega were not injured."
    assert finder.find_named(nlp(text), 0, len(text), finder.find(text)) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "killed"), [
    # a relative clause on the description of a named victim stands for the victim
    ("The cartel claimed the attack on Judge Lucia Ferro Campos, second judge of the civil court, who was murdered "
     "on Friday in the capital.", 1),
    # a death the patterns read as one ("his wife ... died") counts everyone the parse names
    ("Her husband and colleagues Arturo Benitez and Silvio Mora also died in the blast.", 3),
    # roles in a list the parse splits off the named subject
    ("The inquiry opened a week after a customs officer, a judge, and councillor Ramon Ibarra Soto were murdered.",
     3),
    # a group told apart by kind in an apposition
    ("The Franciscans, four Italians and one Peruvian, were murdered in the mission.", 5),
    ("The victims, two men and a woman, were killed on Sunday.", 3),
    # a counted subject of "died" however long the phrase between them
    ('At least 16 members of the "Village Defence Guard" (the unpaid militia that protects the valley) died in the '
     "raid.", 16),
    # the parse counts everyone a pattern read in part
    ("On 3 May armed men murdered sisters Lucia and Ana Belen Prado Rojas and their father Manuel Prado in the "
     "village.", 3),
    # people counted as abducted were also killed
    ("Tomas Ruiz, leader of the teachers union, and Marta Gil, a retired nurse, were abducted and killed in May.", 2),
])
def test_casualties_named_victims_the_parse_splits(finder: CasualtyFinder, nlp: Any, text: str,
                                                    killed: int) -> None:
    assert named_counts(finder, nlp, text)["killed"] == killed


@pytest.mark.parametrize(("text", "killed"), [
    ("The bishop recalled the murders that took place in May in the port: Elena Vidal, Tomas Prado, and Dr Julio "
     "Cano.", 3),
    # "that of": the killing the pronoun stands for
    ("The union condemned the murders in the region, especially that of councillor Rosa Ibanez Prado.", 1),
])
def test_casualties_victims_named_after_a_killing_noun(finder: CasualtyFinder, text: str, killed: int) -> None:
    assert counts(finder, text) == {"killed": killed}


@pytest.mark.model
@pytest.mark.parametrize(("text", "killed"), [
    ("The daughter of the envoy, Nadia Kalil Haddad, was almost killed.", None),
    # a number the patterns read is not replaced by the people the parse lists after it
    ("Patrols killed three reporters: Tomas Vera, a photographer, Luis Mena, a correspondent, and Ana Gil, a "
     "technician.", 3),
])
def test_casualties_named_victims_not_counted_again(finder: CasualtyFinder, nlp: Any, text: str,
                                                    killed: int | None) -> None:
    assert named_counts(finder, nlp, text).get("killed") == killed
