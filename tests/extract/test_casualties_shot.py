"""Tests for people shot, killed or wounded in one report (eventsift.extract.casualties): which of them died."""

from __future__ import annotations

from typing import Any

import pytest
from casualty_helpers import counts, named_counts

from eventsift.extract.casualties import CasualtyFinder


@pytest.mark.parametrize(("sentences", "expected"), [
    # a fatal adverb or adjective before the verb of hurting makes it a killing
    (("A cyclist was fatally shot near the bridge on Tuesday.",), {"killed": 1}),
    (("Detectives arrested a man in the fatal shooting of a 19-year-old clerk.",), {"killed": 1, "arrested": 1}),
    # the victim of "a shooting that killed ..." is the relative clause's, once
    (("Officers are looking into a shooting that killed a 30-year-old woman Friday.",), {"killed": 1}),
    # people shot after the dead are counted are others: wounded
    (("A driver was killed and his teenage passenger was shot in the arm.",), {"killed": 1, "injured": 1}),
    (("Two guards were killed.", "The guard's brother was also shot in the shoulder."), {"killed": 2, "injured": 1}),
    (("A man was shot. He died at the scene.", "A neighbour was also shot in the leg."), {"killed": 1, "injured": 1}),
    # people recovering are alive and hurt
    (("Three men are recovering from injuries after the fight.",), {"injured": 3}),
    (("Two women were shot outside the bar and both are expected to survive.",), {"injured": 2}),
    (("Two men were shot near the park and are in stable condition.", "Another man was killed."),
     {"killed": 1, "injured": 2}),
    (("A woman was killed.", "The other two victims were taken to hospitals."), {"killed": 1, "injured": 2}),
    # a death told of other people in the same sentence does not make the people shot dead
    (("Six people were shot at the party, and two people are dead.",), {"killed": 2, "injured": 4}),
    (("Three were shot in the store, officers said one clerk was killed.",), {"killed": 1, "injured": 2}),
    # people with gunshot wounds may be among the dead; non-life-threatening wounds are not fatal
    (("Officers found three men suffering from gunshot wounds.", "One of them died at the scene."),
     {"killed": 1, "injured": 2}),
    (("Two women were treated for non-life-threatening gunshot wounds.", "A man was also killed."),
     {"killed": 1, "injured": 2}),
    # the dead of another subject are not the people counted
    (("Two men were hurt and a woman died in the crash of the getaway car.",), {"killed": 1, "injured": 2}),
    # one of the people counted as hurt died
    (("One of the six people wounded at the market on Friday evening has died.",), {"killed": 1, "injured": 5}),
    # "a double shooting": two people shot
    (("One man died in a double shooting on Elm Street.",), {"killed": 1, "injured": 1}),
    (("Police are investigating a triple shooting near the stadium.",), {"injured": 3}),
    # a sum over several incidents is no incident's count
    (("Nine people were wounded in four separate shootings overnight.",), {}),
    (("Gunfire across the city left 14 people hurt over the weekend.",), {}),
    # an age range belongs to the people counted
    (("Deputies found two men in their 30s suffering from gunshot wounds.",), {"injured": 2}),
    (("A woman in her 50s was shot in the arm.",), {"injured": 1}),
    # "the shooting of" a person who "was wounded" is one person
    (("Police are investigating the shooting of a 15-year-old girl who was wounded near a school.",), {"injured": 1}),
    # a headline's verb does not take the next paragraph's people as its victims
    (("Boy, 6, shot\n\nHis father and an uncle were at home when it happened.",), {}),
    # people taken into custody are not hurt
    (("Two men were taken into custody after the shooting.",), {"arrested": 2}),
    # a possessive is one person ("the clerk's 20-year-old son")
    (("The clerk's 20-year-old son was also stabbed.",), {"injured": 1}),
])
def test_casualties_who_of_the_people_shot_died(finder: CasualtyFinder, sentences: tuple[str, ...],
                                                expected: dict[str, int]) -> None:
    assert counts(finder, *sentences) == expected


@pytest.mark.parametrize(("text", "killed"), [
    ("Jordan Pell, 22, was shot and killed Sunday night outside a bakery.", 1),
    ("Rosa Mendel and Carl Mendel were shot to death in their garage.", 2),
    ("Officers said Dana Whitfield was fatally shot during the robbery.", 1),
])
def test_casualties_a_named_victim_shot_and_killed_is_killed(finder: CasualtyFinder, nlp: Any, text: str,
                                                             killed: int) -> None:
    assert named_counts(finder, nlp, text) == {"killed": killed}
