"""Repair stage: cautious typo fixes, never names or numbers, recorded with original spans and offsets."""

from __future__ import annotations

import re

import pytest

from eventsift.model import Document
from eventsift.resources import Resources
from eventsift.text.lexicon import LEXICON_KEY, load_text_lexicon
from eventsift.text.normalise import create_normalise
from eventsift.text.repair import create_repair, find_repairs


def _run(resources: Resources, text: str) -> Document:
    doc = Document("r", text)
    create_normalise(resources)(doc)
    create_repair(resources)(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("The Foreign Min8stry said so.", "The Foreign Ministry said so."),
        ("It came aftet the attack.", "It came after the attack."),
        ("They said teh convoy was hit.", "They said the convoy was hit."),
        ("Police cl0sed the road.", "Police closed the road."),
        ("The goverment denied it.", "The government denied it."),
        ("Two so1diers died.", "Two soldiers died."),
    ],
)
def test_repair_fixes_typos(resources: Resources, text: str, fixed: str) -> None:
    assert _run(resources, text).clean == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Artsakh and Stepanakert were mentioned by Ranil Wickremesinghe.",
        "Sisi met Erdogan in Ankara.",
        "The F16 and MH17 and COVID19 and 3rd and 10km and 2023 stay.",
        "Write to press@example.org or see https://examplle.com/aftet and #aftet",
        "The FMLN and UNHCR are acronyms; NATO too.",
        "Labor unions in the neighborhood protested against the telecom firm.",
        "Jihadists and ceasefires and counterterrorism and airstrikes are words.",
    ],
)
def test_repair_leaves_names_numbers_and_links(resources: Resources, text: str) -> None:
    doc = _run(resources, text)
    assert doc.repairs == []
    assert doc.clean == text


def test_repair_records_original_spans_and_composes_offsets(resources: Resources) -> None:
    text = "&quot;The  Min8stry&quot; said\u00a0teh  convoy came aftet a raid."
    doc = _run(resources, text)
    assert doc.clean == '"The Ministry" said the convoy came after a raid.'
    assert [(r.from_text, r.to_text) for r in doc.repairs] == [("Min8stry", "Ministry"), ("teh", "the"),
                                                                 ("aftet", "after")]
    for repair in doc.repairs:
        assert doc.text[repair.span[0]:repair.span[1]] == repair.from_text
    for m in re.finditer(r"\w+", doc.clean):
        start, end = doc.to_original(m.start(), m.end())
        original = doc.text[start:end]
        repaired = {r.to_text: r.from_text for r in doc.repairs}
        assert original == repaired.get(m.group(), m.group())


def test_repair_keeps_sentence_initial_unknown_words(resources: Resources) -> None:
    lexicon = resources.get(LEXICON_KEY, load_text_lexicon)
    assert find_repairs("Disha said it. Pervez agreed.", lexicon) == []
