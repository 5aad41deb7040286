"""Hand-built parsed documents with one event on a chosen trigger, shared by the actor and claim tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventsift.model import Document, Event, Evidence, Plover, Sentence, Source


def make_doc(nlp: Any, text: str, trigger: str, *, plover: str = "ASSAULT", outlet: str | None = None,
             published: dt.date | None = None, occurrence: int = 0) -> Document:
    """A parsed Document (clean == text) with one Event on the ``occurrence``-th token equal to ``trigger``."""
    doc = Document(id="t", text=text, clean=text, source=Source(outlet=outlet, published=published))
    doc.nlp = nlp(text)
    sents = list(doc.nlp.sents)
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.start_char, s.end_char) for i, s in enumerate(sents)]
    tok = [t for t in doc.nlp if t.text == trigger][occurrence]
    index = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
    sent = doc.sentences[index]
    doc.events = [Event(Plover(plover), Evidence(text[sent.start:sent.end], (sent.start, sent.end)), index,
                        (tok.idx, tok.idx + len(tok.text)), head=tok.i)]
    return doc
