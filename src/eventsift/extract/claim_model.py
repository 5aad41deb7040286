"""Learned claim status for acts of violence whose report carries no explicit claim or denial.

A multinomial logistic regression over sparse binary features (the rule status, who is said to have done it and who says
it, the cue words of the event's sentence and of the document, the dateline source and the report's kind tag, and how
every mention of the perpetrator's name in the document is tied to acts: :func:`mention_features`) predicts ``claimed``
/ ``accused`` / ``reported``. Weights are plain JSON (``data/models/claim_status.json``) written by
``scripts/train_claim_status.py`` from MUC-4 dev gold (cross-validated by document); no scikit-learn at run time.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Any

from eventsift.errors import ModelLoadError
from eventsift.extract.arguments import head_token, sentence_tokens
from eventsift.model import Claim, Document, Event

MODEL_FILE = ("data", "models", "claim_status.json")
#: Report kind tags of wire headers: "CITY, 3 JAN 90 (RADIO X) -- [COMMUNIQUE] [TEXT]".
REPORT_TAG = re.compile(r"--\s*\[([A-Za-z ]{2,30})\]")
WINDOW = 8  # tokens each side of the trigger whose cue lemmas are features


@dataclass(frozen=True)
class ClaimModel:
    """Linear scores per class over named binary features, plus the cue vocabulary the features draw on."""

    version: str
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    cue_words: frozenset[str]

    def predict(self, features: list[str]) -> tuple[str, float]:
        """The most likely status and its probability."""
        scores = list(self.intercept)
        for name in set(features):
            row = self.weights.get(name)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = max(range(len(scores)), key=lambda k: scores[k])
        return self.classes[best], exps[best] / sum(exps)


def parse_claim_model(data: dict[str, Any], origin: str) -> ClaimModel:
    """Check and build a model from its JSON form.

    Raises:
        ModelLoadError: naming the missing or malformed key.
    """
    for key in ("version", "classes", "features", "coef", "intercept", "cue_words"):
        if key not in data:
            raise ModelLoadError(f"{origin}: no {key!r} key; retrain with scripts/train_claim_status.py")
    classes = tuple(str(c) for c in data["classes"])
    features, coef, intercept = data["features"], data["coef"], data["intercept"]
    if len(coef) != len(features) or any(len(row) != len(classes) for row in coef) or len(intercept) != len(classes):
        raise ModelLoadError(f"{origin}: 'coef' must have one row of {len(classes)} weights per feature and "
                             "'intercept' one weight per class; retrain with scripts/train_claim_status.py")
    weights = {str(f): tuple(float(w) for w in row) for f, row in zip(features, coef, strict=True)}
    return ClaimModel(str(data["version"]), classes, weights, tuple(float(b) for b in intercept),
                      frozenset(str(w) for w in data["cue_words"]))


def load_claim_model(config: Any = None) -> ClaimModel:
    """Resource loader: the shipped claim-status weights.

    Raises:
        ModelLoadError: the file is missing or malformed.
    """
    del config  # the model file is not configurable yet; the loader signature is the resources contract
    path = importlib_resources.files("eventsift").joinpath(*MODEL_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{path}: cannot read the claim-status model ({exc}); reinstall eventsift or retrain "
                             "with scripts/train_claim_status.py") from exc
    return parse_claim_model(data, str(path))


def document_cue_words(doc: Document, cue_words: frozenset[str]) -> frozenset[str]:
    """The cue lemmas a document uses anywhere (computed once per document, shared by its events' features)."""
    if doc.nlp is None:
        return frozenset()
    return frozenset(lemma for t in doc.nlp if (lemma := t.lemma_.lower()) in cue_words)


def claim_features(doc: Document, event: Event, rule: Claim | None, cue_kinds: dict[int, list[str]],
                   dateline: Claim | None, cue_words: frozenset[str],
                   doc_words: frozenset[str] | None = None) -> list[str]:
    """Binary feature names of ``event`` for the claim-status model.

    ``rule`` is the claimant the rules chose, ``cue_kinds`` the speech-act kinds found per sentence (report, claim,
    accuse, deny; "-neg" appended when negated), ``dateline`` the wire source, ``cue_words`` the lemma vocabulary,
    ``doc_words`` the document's cue lemmas when already computed (:func:`document_cue_words`).
    """
    out = [f"rule:{rule.status if rule is not None else 'none'}", f"type:{event.plover.type}"]
    perpetrators = [a for a in event.actors if a.role == "actor"]
    out += [f"perp:{a.sector or 'none'}" for a in perpetrators] or ["perp:absent"]
    out += sorted({f"d_perp:{a.sector or 'none'}" for e in doc.events for a in e.actors if a.role == "actor"})
    if rule is not None:
        origin = "outlet" if rule.span is None else "dateline" if dateline is not None and (
            rule.span == dateline.span) else "text"
        out += [f"src:{rule.sector or 'none'}", f"src_at:{origin}"]
        out += [f"perp_src:{a.sector or 'none'}>{rule.sector or 'none'}" for a in perpetrators]
    if dateline is not None:
        out.append(f"dl:{dateline.sector or 'none'}")
    tag = REPORT_TAG.search(doc.clean[:300])
    if tag is not None:
        out.append(f"tag:{tag.group(1).strip().lower()}")
    s = event.sentence
    for kind in cue_kinds.get(s, []):
        out.append(f"s_cue:{kind}")
    for k in (s - 1, s + 1):
        out += [f"n_cue:{kind}" for kind in cue_kinds.get(k, [])]
    out += [f"d_cue:{kind}" for kind in sorted({kind for kinds in cue_kinds.values() for kind in kinds})]
    if doc.nlp is not None and doc.sentences and 0 <= s < len(doc.sentences):
        start, end = sentence_tokens(doc, s)
        head = head_token(doc, event)
        for tok in doc.nlp[start:end]:
            lemma = tok.lemma_.lower()
            if lemma in cue_words:
                out.append(f"s_w:{lemma}")
                if head is not None and abs(tok.i - head.i) <= WINDOW:
                    out.append(f"t_w:{lemma}")
        seen = document_cue_words(doc, cue_words) if doc_words is None else doc_words
        out += [f"d_w:{w}" for w in sorted(seen)]
    return out


#: Dependency labels by which a mention is the doer of the act it hangs from ("the FMLN attacked", "attacked by the
#: FMLN", "the FMLN's attack", "an FMLN attack").
AGENT_DEPS: frozenset[str] = frozenset({"nsubj", "agent", "poss", "compound", "nmod", "amod"})
MAX_PATH = 8  # governing tokens read above a mention


@dataclass(frozen=True)
class MentionContext:
    """The speech acts of a document as the perpetrator-mention features read them.

    ``cues`` maps the token index of a speech-act verb to its kind (claim, accuse, deny, report; "-neg" appended
    when negated); ``speakers`` the token index of each speech act's speaker to that kind; ``targets`` holds the
    tokens of the parties an accusation points at; ``speaker_sectors`` the coded sectors of the sources of each
    sentence; ``quotes`` the quotation ranges (clean offsets); ``hedges`` the hedge words; ``document_nouns`` the
    nouns naming a statement ("communique"); ``violent`` the trigger tokens of acts of violence.
    """

    cues: Mapping[int, str]
    speakers: Mapping[int, str]
    targets: frozenset[int]
    speaker_sectors: Mapping[int, frozenset[str]]
    quotes: tuple[tuple[int, int], ...]
    hedges: frozenset[str]
    document_nouns: frozenset[str]
    violent: frozenset[int]


def mention_features(doc: Document, mentions: Sequence[int], sector: str | None, found: str,
                     ctx: MentionContext, cue_words: frozenset[str], sentence: int | None = None) -> list[str]:
    """Binary features of how the text ties the event's perpetrator to acts across the document.

    ``mentions`` are the head tokens of every mention of the perpetrator (its own phrase and the other mentions of
    the same name), ``sector`` its coded sector, ``found`` where the actors stage found it ("sentence": in the
    event's sentence; "document": elsewhere; "none"). Per mention: the speech acts and cue lemmas governing it up to
    its clause heads, its role (speaker of a claim, accused party, doer of an act of violence), a hedge on a
    governing word, a quotation, the sector of the sentence's sources and a statement noun in the sentence. Mentions
    in or next to the event's sentence ``sentence`` repeat their features (but the lemmas) under the prefix "pn_".
    """
    out = [f"p_found:{found}"]
    if doc.nlp is None or not mentions:
        return out
    count = len(set(mentions))
    out.append("p_n:1" if count == 1 else "p_n:2-3" if count <= 3 else "p_n:4+")
    starts = [s.clean_start for s in doc.sentences]
    seen: set[str] = set()
    for index in sorted(set(mentions)):
        tok = doc.nlp[index]
        at = max(0, bisect.bisect_right(starts, tok.idx) - 1)
        found_here = _one_mention(doc, tok, at, sector, ctx, cue_words)
        seen.update(found_here)
        if sentence is not None and abs(at - sentence) <= 1:  # a mention in or next to the event's sentence
            seen.update("pn" + f[1:] for f in found_here if not f.startswith("p_path"))
    return out + sorted(seen)


def _one_mention(doc: Document, tok: Any, sentence: int, sector: str | None, ctx: MentionContext,
                 cue_words: frozenset[str]) -> set[str]:
    """The features of one mention (see :func:`mention_features`)."""
    out: set[str] = set()
    if tok.i in ctx.speakers:
        out.add(f"p_role:speaker-{ctx.speakers[tok.i]}")
    if tok.i in ctx.targets:
        out.add("p_role:accused")
    child, node, first = tok, tok, True
    for _ in range(MAX_PATH):
        if node.head.i == node.i:
            break
        child, node = node, node.head
        kind = ctx.cues.get(node.i)
        if kind is not None:
            out.add(f"p_gov:{kind}")
            if first:
                out.add(f"p_gov1:{kind}")
                first = False
        lemma = node.lemma_.lower()
        if lemma in cue_words:
            out.add(f"p_path:{lemma}")
        if node.i in ctx.violent:
            out.add("p_role:agent" if child.dep_ in AGENT_DEPS else "p_role:in-act")  # "by X": child is "by"
        if any(c.lower_ in ctx.hedges or c.lemma_.lower() in ctx.hedges for c in node.children
               if c.dep_ in ("advmod", "aux", "amod", "acomp", "auxpass")):
            out.add("p_hedge")
    if any(c.lower_ in ctx.hedges for c in tok.children if c.dep_ in ("amod", "advmod")):
        out.add("p_hedge")  # "the alleged FMLN commando"
    if any(q_start <= tok.idx < q_end for q_start, q_end in ctx.quotes):
        out.add("p_quote")
    for speaker_sector in ctx.speaker_sectors.get(sentence, frozenset()):
        out.add(f"p_spk:{speaker_sector}")
        if sector is not None and speaker_sector == sector:
            out.add("p_spk:same")
    if 0 <= sentence < len(doc.sentences):
        sent = doc.sentences[sentence]
        span = doc.nlp.char_span(sent.clean_start, sent.clean_end, alignment_mode="expand")
        if span is not None and any(t.lemma_.lower() in ctx.document_nouns for t in span):
            out.add("p_statement")
    return out
