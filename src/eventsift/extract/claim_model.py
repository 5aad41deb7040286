"""Learned claim status for acts of violence whose report carries no explicit claim or denial.

A multinomial logistic regression over sparse binary features (the rule status, who is said to have done it and who
says it, the cue words of the event's sentence and of the document, the dateline source and the report's kind tag)
predicts ``claimed`` / ``accused`` / ``reported``. Weights are plain JSON (``data/models/claim_status.json``) written
by ``scripts/train_claim_status.py`` from MUC-4 dev gold (cross-validated by document); no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import re
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
