"""Dependency-parse helpers shared by the actor and claimant stages: phrase extents, argument slots, spans."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eventsift.model import Document, Span

Token = Any  # spacy.tokens.Token; typed Any so this module does not import spaCy

SUBJECTS: frozenset[str] = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_MARKS: frozenset[str] = frozenset({"nsubjpass", "auxpass", "csubjpass"})
CUT_DEPS: frozenset[str] = frozenset({"relcl", "acl", "conj", "cc", "punct", "advcl", "ccomp", "parataxis", "preconj",
                                      "xcomp", "advmod", "npadvmod", "dep", "mark"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom", "whose"})
MAX_PHRASE_TOKENS = 16
OPEN_BRACKETS = "([{"
CLOSE_BRACKETS = ")]}"


def phrase_extent(tok: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``tok``: modifiers and "of" chains, without
    relative clauses, conjuncts or other prepositional phrases (locations, times)."""
    keep = [tok.i]
    stack = list(tok.children)
    while stack:
        child = stack.pop()
        if child.dep_ in CUT_DEPS and not (child.dep_ == "punct" and child.text in OPEN_BRACKETS + CLOSE_BRACKETS):
            continue
        if child.dep_ == "prep" and (child.lower_ not in ("of", "from")
                                     or any(g.dep_ == "pcomp" for g in child.children)):
            continue
        keep.append(child.i)
        stack.extend(child.children)
    start, end = min(keep), max(keep) + 1
    if end - start > MAX_PHRASE_TOKENS:
        start, end = max(start, tok.i - MAX_PHRASE_TOKENS + 1), tok.i + 1
    doc = tok.doc
    while start < end - 1 and (
            (doc[start].is_punct and doc[start].text not in OPEN_BRACKETS) or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text not in CLOSE_BRACKETS:
        end -= 1
    return start, _balance_brackets(doc, start, end)


def _balance_brackets(doc: Any, start: int, end: int) -> int:
    """Extend ``end`` to a closing bracket that the phrase opened ("FRONT [FMLN"] -> "FRONT [FMLN]")."""
    depth = sum(1 if doc[i].text in OPEN_BRACKETS else -1 if doc[i].text in CLOSE_BRACKETS else 0
                for i in range(start, end))
    while depth > 0 and end < len(doc) and end - start < MAX_PHRASE_TOKENS + 4:
        depth += 1 if doc[end].text in OPEN_BRACKETS else -1 if doc[end].text in CLOSE_BRACKETS else 0
        end += 1
    return end


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """The tokens plus their coordinated siblings ("the army and the police"), in order, without duplicates."""
    out: dict[int, Token] = {}
    for tok in tokens:
        out.setdefault(tok.i, tok)
        for conj in tok.conjuncts:
            out.setdefault(conj.i, conj)
    return [out[i] for i in sorted(out)]


def prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition token (with their conjuncts)."""
    return with_conjuncts(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice."""
    return any(c.dep_ in PASSIVE_MARKS for c in verb.children)


def subject_of(verb: Token) -> list[Token]:
    """The active subject(s) of ``verb``, borrowed from a coordinated or controlling verb when it has none, and
    replaced by the modified noun when it is a relative pronoun."""
    seen = 0
    while verb is not None and seen < 4:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            out = []
            for s in subjects:
                if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    out.append(verb.head)
                else:
                    out.append(s)
            return with_conjuncts(out)
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children)
        if (verb.dep_ in ("conj", "xcomp") or participle) and verb.head.i != verb.i and not is_passive(verb.head):
            # "X broke the truce, shelling homes": the participle shares its governor's subject
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def clean_span(doc: Document, start_token: int, end_token: int) -> tuple[int, int]:
    """Clean-text character offsets of tokens ``[start_token, end_token)`` of ``doc.nlp``."""
    first = doc.nlp[start_token]
    last = doc.nlp[end_token - 1]
    return first.idx, last.idx + len(last.text)


def original_span(doc: Document, start_token: int, end_token: int) -> Span:
    """Original-text span of tokens ``[start_token, end_token)`` of ``doc.nlp``."""
    return doc.to_original(*clean_span(doc, start_token, end_token))


def sentence_tokens(doc: Document, index: int) -> tuple[int, int]:
    """Token range of sentence ``index`` of ``doc`` (the whole parse when the index is unknown)."""
    if 0 <= index < len(doc.sentences):
        sent = doc.sentences[index]
        span = doc.nlp.char_span(sent.clean_start, sent.clean_end, alignment_mode="expand")
        if span is not None:
            return span.start, span.end
    return 0, len(doc.nlp)


def is_all_caps(text: str) -> bool:
    """Whether a text is written in capitals (wire-service style), so case cannot tell names from words."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if len(letters) < 20:
        return False
    return sum(ch.islower() for ch in letters) / len(letters) < 0.05


def head_token(doc: Document, event: Any) -> Token | None:
    """The trigger token of an event: ``event.head`` when set, else the root of its evidence sentence."""
    if event.head is not None and 0 <= event.head < len(doc.nlp):
        return doc.nlp[event.head]
    start, end = sentence_tokens(doc, event.sentence)
    if start >= end:
        return None
    return doc.nlp[start:end].root
