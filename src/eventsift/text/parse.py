"""Sentence splitting, tagging, dependency parse and NER with spaCy, over the repaired text."""

from __future__ import annotations

from typing import Any

from eventsift.model import Document, Sentence
from eventsift.resources import Resources


class ParseStage:
    """Runs the configured spaCy pipeline over ``doc.clean`` and records sentences with original offsets."""

    name = "eventsift.text.parse.v1"
    requires = ("clean",)
    provides = ("sentences", "parse")

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def __call__(self, doc: Document) -> None:
        """Parse one document."""
        self._attach(doc, self.resources.nlp(doc.clean))

    def process_batch(self, docs: list[Document]) -> None:
        """Parse many documents with ``nlp.pipe`` (several times faster than one by one)."""
        nlp = self.resources.nlp
        for doc, parsed in zip(docs, nlp.pipe(d.clean for d in docs), strict=True):
            self._attach(doc, parsed)

    @staticmethod
    def _attach(doc: Document, parsed: Any) -> None:
        doc.nlp = parsed
        doc.sentences = []
        for i, sent in enumerate(parsed.sents):
            start, end = doc.to_original(sent.start_char, sent.end_char)
            doc.sentences.append(Sentence(i, start, end, sent.start_char, sent.end_char))


def create_parse(resources: Resources) -> ParseStage:
    """Factory registered as ``eventsift.text.parse.v1``."""
    return ParseStage(resources)
