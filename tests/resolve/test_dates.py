"""Tests for time expression resolution and event dating (eventsift.resolve.dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventsift.config import Config
from eventsift.extract.quantities import load_number_lexicon
from eventsift.model import Document, Event, Evidence, Plover, Sentence, Source
from eventsift.resolve.dates import DateResolver, DatesStage, create_dates, load_time_lexicon
from eventsift.resources import Resources

PUBLISHED = dt.date(2023, 3, 5)  # a Sunday
D = dt.date


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    """A resolver over the shipped lexicons (no spaCy needed)."""
    return DateResolver(load_time_lexicon(Config()), load_number_lexicon(Config()))


def test_dates_time_lexicon_matches_schema() -> None:
    lexicon = load_time_lexicon(Config())
    assert lexicon.months["march"] == 3 and lexicon.weekdays["sunday"] == 6


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("this morning", D(2023, 3, 5), D(2023, 3, 5), "day"),
    ("today", D(2023, 3, 5), D(2023, 3, 5), "day"),
    ("tonight", D(2023, 3, 5), D(2023, 3, 5), "day"),
    ("yesterday", D(2023, 3, 4), D(2023, 3, 4), "day"),
    ("on Monday", D(2023, 2, 27), D(2023, 2, 27), "day"),
    ("on Sunday", D(2023, 3, 5), D(2023, 3, 5), "day"),
    ("next Monday", D(2023, 3, 6), D(2023, 3, 6), "day"),
    ("late on Saturday", D(2023, 3, 4), D(2023, 3, 4), "day"),
    ("overnight", D(2023, 3, 4), D(2023, 3, 5), "day"),
    ("last week", D(2023, 2, 20), D(2023, 2, 26), "week"),
    ("the night of 2 to 3 March", D(2023, 3, 2), D(2023, 3, 3), "day"),
    ("on 2 and 3 March", D(2023, 3, 2), D(2023, 3, 3), "day"),
    ("between 1 and 4 March", D(2023, 3, 1), D(2023, 3, 4), "day"),
    ("from 28 February to 3 March", D(2023, 2, 28), D(2023, 3, 3), "day"),
    ("since 12 December", D(2022, 12, 12), D(2023, 3, 5), "day"),
    ("the more than 80-day blockade", D(2022, 12, 15), D(2023, 3, 5), "month"),
    ("in March", D(2023, 3, 1), D(2023, 3, 31), "month"),
    ("in 2020", D(2020, 1, 1), D(2020, 12, 31), "year"),
    ("earlier this month", D(2023, 3, 1), D(2023, 3, 5), "month"),
    ("last year", D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("two days ago", D(2023, 3, 3), D(2023, 3, 3), "day"),
    ("March 3, 2016", D(2016, 3, 3), D(2016, 3, 3), "day"),
    ("ON 30 DECEMBER", D(2022, 12, 30), D(2022, 12, 30), "day"),
    ("3 JAN 90 --", D(1990, 1, 3), D(1990, 1, 3), "day"),
    ("on 6 March", D(2023, 3, 6), D(2023, 3, 6), "day"),  # within the slack for scheduled events
    ("on 20 March", D(2022, 3, 20), D(2022, 3, 20), "day"),  # too far ahead: last year's
])
def test_dates_resolve_relative_to_publication(resolver: DateResolver, text: str, start: dt.date, end: dt.date,
                                               precision: str) -> None:
    found = resolver.find(text, PUBLISHED)
    assert len(found) == 1
    assert (found[0].when.start, found[0].when.end, found[0].when.precision) == (start, end, precision)


@pytest.mark.parametrize(("text", "published", "day"), [
    ("a Christmas Eve shooting", D(2016, 12, 26), D(2016, 12, 24)),
    ("on New Year’s Eve", D(2017, 1, 1), D(2016, 12, 31)),
    ("over Thanksgiving", D(2016, 11, 28), D(2016, 11, 24)),
    ("on Memorial Day", D(2016, 6, 1), D(2016, 5, 30)),
    ("the Fourth of July weekend", D(2015, 3, 1), D(2014, 7, 4)),
    ("next Labor Day", D(2016, 6, 1), D(2016, 9, 5)),
])
def test_dates_holidays_resolve_to_their_latest_occurrence(resolver: DateResolver, text: str, published: dt.date,
                                                           day: dt.date) -> None:
    found = resolver.find(text, published)
    assert [(f.when.start, f.when.end, f.when.precision) for f in found] == [(day, day, "day")]


@pytest.mark.parametrize("text", ["32 March", "a 25-year-old man", "He sat in the sun", "a 20-year sentence"])
def test_dates_ignore_invalid_and_non_dates(resolver: DateResolver, text: str) -> None:
    assert resolver.find(text, PUBLISHED) == []


def test_dates_seed_like_sentence_keeps_the_range(resolver: DateResolver) -> None:
    text = "Earlier, on 2 and on the night of 2 to 3 March, the ceasefire was violated."
    (match,) = resolver.find(text, PUBLISHED)
    assert text[match.start:match.end] == "on 2 and on the night of 2 to 3 March"
    assert (match.when.start, match.when.end) == (D(2023, 3, 2), D(2023, 3, 3))


def test_dates_without_publication_resolve_only_absolute(resolver: DateResolver) -> None:
    found = resolver.find("on Monday and on 9 November 2020 and 3 March", None)
    assert [(m.when.text, m.when.start) for m in found] == [("9 November 2020", D(2020, 11, 9))]


def _document(text: str, nlp: Any, published: dt.date | None, trigger: str) -> Document:
    doc = Document(id="d", text=text, source=Source(published=published), clean=text)
    doc.nlp = nlp(text)
    for i, sent in enumerate(doc.nlp.sents):
        doc.sentences.append(Sentence(i, sent.start_char, sent.end_char, sent.start_char, sent.end_char))
    token = next(t for t in doc.nlp if t.text == trigger)
    sent_index = next(s.index for s in doc.sentences if s.start <= token.idx < s.end)
    doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(text, (0, len(text))), sentence=sent_index,
                            trigger=(token.idx, token.idx + len(token)), head=token.i))
    return doc


@pytest.mark.model
def test_dates_stage_prefers_the_clause_of_the_trigger(nlp: Any, resources: Resources) -> None:
    text = ("Gunmen attacked a police vehicle this morning, breaking the ceasefire agreed on 9 November 2020. "
            "Talks were held on 1 March.")
    doc = _document(text, nlp, PUBLISHED, "attacked")
    stage = create_dates(resources)
    stage(doc)
    date = doc.events[0].date
    assert date is not None and date.start == PUBLISHED and date.text == "this morning"
    assert date.span is not None and text[date.span[0]:date.span[1]] == "this morning"
    assert len(doc.times) == 3


@pytest.mark.model
def test_dates_stage_never_takes_a_historical_date(nlp: Any, resources: Resources) -> None:
    text = "The war of 2020 ended, but soldiers attacked the village again."
    doc = _document(text, nlp, PUBLISHED, "attacked")
    create_dates(resources)(doc)
    date = doc.events[0].date
    assert date is not None and (date.start, date.precision, date.text, date.span) == (PUBLISHED, "day", None, None)


@pytest.mark.model
def test_dates_stage_without_publication_date_reports_it(nlp: Any, resources: Resources) -> None:
    doc = _document("Rebels attacked the town yesterday.", nlp, None, "attacked")
    stage: DatesStage = create_dates(resources)
    stage(doc)
    assert doc.events[0].date is None
    assert [e.code for e in doc.errors] == ["no_publication_date"]
    assert "dates" in doc.provided


def _events_document(text: str, nlp: Any, triggers: list[tuple[str, str, str | None]]) -> Document:
    """A parsed document with one event per (trigger word, PLOVER type, aux) in order of the text."""
    doc = Document(id="d", text=text, source=Source(published=PUBLISHED), clean=text)
    doc.nlp = nlp(text)
    for i, sent in enumerate(doc.nlp.sents):
        doc.sentences.append(Sentence(i, sent.start_char, sent.end_char, sent.start_char, sent.end_char))
    for word, kind, aux in triggers:
        token = next(t for t in doc.nlp if t.text == word)
        sent_index = next(s.index for s in doc.sentences if s.start <= token.idx < s.end)
        doc.events.append(Event(plover=Plover(kind, aux=aux), evidence=Evidence(text, (0, len(text))),
                                sentence=sent_index, trigger=(token.idx, token.idx + len(token)), head=token.i))
    return doc


def _dates_of(doc: Document) -> list[tuple[dt.date, dt.date, str | None]]:
    return [(e.date.start, e.date.end, e.date.text) for e in doc.events if e.date is not None]


@pytest.mark.model
def test_dates_past_tense_continuation_carries_the_date(nlp: Any, resources: Resources) -> None:
    text = "Rebels shelled the border town on 1 March. The garrison withdrew after heavy losses."
    doc = _events_document(text, nlp, [("shelled", "ASSAULT", None), ("withdrew", "RETREAT", None)])
    create_dates(resources)(doc)
    assert _dates_of(doc)[1] == (D(2023, 3, 1), D(2023, 3, 1), "1 March")


@pytest.mark.model
@pytest.mark.parametrize("sentence", [
    "The council accuses the rebels of breaking the truce.",
    "The council calls on both sides to stop the fighting.",
    "The council has rejected any new talks.",
])
def test_dates_present_tense_statement_is_dated_by_publication(nlp: Any, resources: Resources,
                                                                sentence: str) -> None:
    text = "Rebels shelled the border town on 1 March. " + sentence
    trigger = next(w for w in ("accuses", "calls", "rejected") if w in sentence.split())
    kind = {"accuses": "ACCUSE", "calls": "REQUEST", "rejected": "REJECT"}[trigger]
    doc = _events_document(text, nlp, [("shelled", "ASSAULT", None), (trigger, kind, None)])
    create_dates(resources)(doc)
    assert _dates_of(doc)[1] == (PUBLISHED, PUBLISHED, None)


@pytest.mark.model
def test_dates_duration_is_never_carried(nlp: Any, resources: Resources) -> None:
    text = "The 40-day siege of the port starved its people. Gunmen later raided a clinic."
    doc = _events_document(text, nlp, [("siege", "COERCE", None), ("raided", "ASSAULT", None)])
    create_dates(resources)(doc)
    first, second = _dates_of(doc)
    assert first[2] is not None and first[0] == PUBLISHED - dt.timedelta(days=40)
    assert second == (PUBLISHED, PUBLISHED, None)


@pytest.mark.model
def test_dates_hypothetical_event_is_not_carried(nlp: Any, resources: Resources) -> None:
    text = "Troops stormed the village on 2 March. Such raids could spread to the whole valley."
    doc = _events_document(text, nlp, [("stormed", "ASSAULT", None), ("raids", "ASSAULT", "hypothetical")])
    create_dates(resources)(doc)
    assert _dates_of(doc)[1] == (PUBLISHED, PUBLISHED, None)
