"""The casualty finder over the shipped lexicons, and the counts it gives, shared by the casualty tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventsift.config import Config
from eventsift.extract.casualties import CasualtyFinder, load_casualty_lexicon, tally
from eventsift.extract.quantities import load_number_lexicon
from eventsift.model import Document, Sentence, Source


def shipped_finder() -> CasualtyFinder:
    """A finder over the shipped casualty and number lexicons."""
    return CasualtyFinder(load_casualty_lexicon(Config()), load_number_lexicon(Config()))


def counts(finder: CasualtyFinder, *sentences: str) -> dict[str, int]:
    """The stated counts of a run of sentences, per field."""
    tallies = tally([finder.find(s) for s in sentences])
    return {name: t.value for name, t in tallies.items() if t.value is not None}


def named_counts(finder: CasualtyFinder, nlp: Any, text: str) -> dict[str, int]:
    """The counts of one sentence from its patterns and from the named victims its parse gives, per field."""
    found = finder.with_named(nlp(text), 0, len(text), finder.find(text))
    return {name: t.value for name, t in tally([found]).items() if t.value is not None}


def sentence_document(parts: list[str]) -> Document:
    """A document of ``parts`` joined by spaces, one Sentence per part, published 2023-03-05."""
    text = " ".join(parts)
    doc = Document(id="d", text=text, source=Source(published=dt.date(2023, 3, 5)), clean=text)
    start = 0
    for i, part in enumerate(parts):
        doc.sentences.append(Sentence(i, start, start + len(part), start, start + len(part)))
        start += len(part) + 1
    return doc
