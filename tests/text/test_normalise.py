"""Normalise stage: clean text, offsets back to the original, language/empty/table/truncation notes, truecasing."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from eventsift.config import Config
from eventsift.model import Document
from eventsift.resources import Resources
from eventsift.text.lexicon import LEXICON_KEY, SCHEMAS, load_text_lexicon, read_data_file
from eventsift.text.normalise import create_normalise, split_overlong
from eventsift.text.truecase import is_all_caps, truecase

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _normalise(resources: Resources, text: str) -> Document:
    doc = Document("t", text)
    create_normalise(resources)(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Tom &amp; Jerry &quot;met&quot; &#8217;here&#x2019;", 'Tom & Jerry "met" \'here\''),
        ("The mediatorâ€™s office said â€œyesâ€\x9d.", "The mediator's office said \"yes\"."),
        ("A <b>bold</b> claim<br>and more", "A bold claim\nand more"),
        ("one\u00a0two\u2028three\u0085four", "one two\nthree\nfour"),
        ("zero\u200bwidth\x07 bell", "zerowidth bell"),
        ("“Curly” and ‘single’ and ``latex''", "\"Curly\" and 'single' and \"latex\""),
        ("The govern-\nment said", "The government said"),
        ("a   lot\t\tof    space  ", "a lot of space"),
        ("line one\r\nline two", "line one\nline two"),
        ("Para one.\n\n\n\nPara two.", "Para one.\n\nPara two."),
    ],
)
def test_normalise_cleans_text(resources: Resources, text: str, clean: str) -> None:
    doc = _normalise(resources, text)
    assert doc.clean == clean
    assert not doc.skip


def test_normalise_tokens_map_to_original(resources: Resources) -> None:
    text = "  Officials&nbsp;said &quot;two\u00a0soldiers&quot; died in <i>Gao</i> â€” on Tuesday.\r\n"
    doc = _normalise(resources, text)
    for m in re.finditer(r"\w+", doc.clean):
        start, end = doc.to_original(m.start(), m.end())
        assert doc.text[start:end] == m.group()


def test_normalise_empty_text_is_skipped(resources: Resources) -> None:
    doc = _normalise(resources, " \n\t ")
    assert doc.skip and [e.code for e in doc.errors] == ["empty_text"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Al menos cuatro soldados murieron el miércoles durante un ataque contra una base militar en el "
         "departamento del Cauca, informó el Ejército.", "Spanish"),
        ("Au moins trois personnes ont été tuées mardi dans une attaque contre un poste de police dans le nord "
         "du pays, selon les autorités.", "French"),
        ("Три человека погибли в результате обстрела города во вторник, сообщили местные власти.", "Russian"),
        ("قتل ثلاثة أشخاص في قصف على المدينة يوم الثلاثاء بحسب السلطات المحلية", "Arabic"),
    ],
)
def test_normalise_non_english_is_skipped(resources: Resources, text: str, language: str) -> None:
    doc = _normalise(resources, text)
    assert doc.skip
    assert doc.errors[0].code == "not_english"
    assert language in doc.errors[0].message and "nothing was coded" in doc.errors[0].message


def test_normalise_english_with_foreign_names_is_kept(resources: Resources) -> None:
    doc = _normalise(resources, "Troops of the Fuerzas Armadas de Colombia clashed with rebels near San José del "
                                "Guaviare on Monday, the army said in a statement.")
    assert not doc.skip and doc.language == "en"


def test_normalise_table_is_noted(resources: Resources) -> None:
    doc = _normalise(resources, "Rice | 52 | 54\nLentils | 110 | 118\nOnions | 60 | 75\nSalt | 10 | 11")
    assert "table_like" in [e.code for e in doc.errors] and not doc.skip


def test_normalise_truncates_long_text(resources: Resources) -> None:
    small = Resources(Config(max_chars=200))
    small.put(LEXICON_KEY, resources.get(LEXICON_KEY, load_text_lexicon))
    text = "Soldiers clashed with rebels near the town. " * 20
    doc = _normalise(small, text)
    assert len(doc.clean) <= 200
    errors = {e.code: e.message for e in doc.errors}
    assert "truncated" in errors and "880" in errors["truncated"]
    end = doc.to_original(0, len(doc.clean))[1]
    assert doc.text[:end].rstrip() == doc.clean


def test_normalise_all_caps_is_truecased_same_length(resources: Resources) -> None:
    text = ("SAN SALVADOR, 3 JAN 90 -- TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] "
            "KILLED TWO SOLDIERS IN USULUTAN DEPARTMENT, PRESIDENT ALFREDO CRISTIANI SAID. I WAS THERE.")
    doc = _normalise(resources, text)
    assert len(doc.clean) == len(text)
    assert doc.clean.startswith("San Salvador, 3 Jan 90")
    assert "[FMLN]" in doc.clean and "Farabundo Marti National Liberation Front" in doc.clean
    assert "killed two soldiers in Usulutan" in doc.clean
    assert "Alfredo Cristiani said. I was there." in doc.clean


def test_truecase_keeps_mixed_case_alone(resources: Resources) -> None:
    assert not is_all_caps("The army said on Monday that THREE soldiers died.")
    lexicon = resources.get(LEXICON_KEY, load_text_lexicon)
    assert truecase("THE US EMBASSY SAID THE UN TEAM TOLD US.", lexicon) == "The US embassy said the UN team told us."


@pytest.mark.parametrize(
    ("text", "cased"),
    [
        ("REPORTS SAY ANIBAL SERRANO WAS SHOT.", "Anibal Serrano was shot"),
        ("THE TREASURER, OSCAR CORTES, SAID SO.", "Oscar Cortes, said so"),
        ("ROSA GUZMAN SAID THE POLICE CAME.", "Rosa Guzman said the police came"),
        ("WEST GERMAN MERCENARIES ARRIVED.", "West German mercenaries arrived"),
        ("AFTER LUIS ALBERTO PRADO'S ASSASSINATION, TALKS ENDED.", "Prado's assassination"),
        ("PRESIDENT DANIEL ROJAS DECREED MOURNING.", "Daniel Rojas decreed"),
    ],
)
def test_truecase_names_after_a_given_name(resources: Resources, text: str, cased: str) -> None:
    lexicon = resources.get(LEXICON_KEY, load_text_lexicon)
    assert cased in truecase(text, lexicon)


def test_split_overlong_cuts_at_commas() -> None:
    text = ", ".join(f"word{i} more text here" for i in range(200))
    pieces = split_overlong(text, 0, len(text), max_words=100)
    assert len(pieces) > 1
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(len(text[s:e].split()) <= 100 for s, e in pieces)
    assert split_overlong("short text", 0, 10) == [(0, 10)]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_text_data_files_match_schema(name: str) -> None:
    data = read_data_file(name)
    assert data["version"]


def test_demo_fixtures_are_valid_jsonl() -> None:
    lines = (FIXTURES / "text_demo.jsonl").read_text(encoding="utf-8").split("\n")
    records = [json.loads(line) for line in lines if line.strip()]
    assert {r["fixture"] for r in records} >= {"statement_multi_event", "typos_ocr", "allcaps_wire", "not_english"}
    assert all(set(r) >= {"id", "text", "published", "title", "outlet", "url"} for r in records)
