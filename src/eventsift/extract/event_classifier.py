"""A small linear document classifier (TF-IDF word n-grams + lexicon features) that re-ranks and re-types events.

Weights are plain JSON (``data/models/event_classifier.json``) written by ``scripts/train_event_classifier.py``:
no pickle, no scikit-learn at run time. Two heads: CASE 2021 labels (25 ACLED sub-event types + 5 non-ACLED
classes) and PLOVER root types.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventsift.errors import DataFileError
from eventsift.extract.codebook import data_path, read_json

if TYPE_CHECKING:
    from eventsift.extract.codebook import Codebooks
    from eventsift.extract.events import Candidate

TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: Minimum probabilities for the classifier to re-type an event the lexicon typed differently (tuned by CV).
RETYPE_PLOVER = 0.0
RETYPE_CASE = 0.0


def lexicon_features(cands: list[Candidate]) -> list[str]:
    """Pseudo-tokens describing the lexicon's findings (type, mode, ACLED hint, aux), for the classifier."""
    feats: list[str] = []
    for c in cands:
        t = c.type or "NONE"
        feats.append(f"zzt{t}")
        if c.mode:
            feats.append(f"zzm{t}{re.sub(r'[^a-z]', '', c.mode)}")
        label = c.acled or c.entry.case
        if label:
            feats.append("zza" + re.sub(r"[^a-z]", "", label.lower()))
        if c.aux:
            feats.append(f"zzx{c.aux}")
    if cands:
        first = cands[0]
        feats.append(f"zzfirst{first.type or 'NONE'}")
    return feats


def ngrams(text: str, extra: list[str], n_max: int) -> list[str]:
    """Lower-cased word 1..n-grams of ``text`` plus the extra feature tokens."""
    words = TOKEN.findall(text.lower())
    out = list(words)
    for n in range(2, n_max + 1):
        out.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    out.extend(f.lower() for f in extra)
    return out


def softmax(scores: list[float]) -> list[float]:
    """Numerically safe softmax."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One linear classifier head: labels, per-feature weights and intercepts."""

    labels: tuple[str, ...]
    weights: dict[str, list[float]]
    intercept: tuple[float, ...]
    temperature: float

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        """Label probabilities (softmax of the decision scores) for a TF-IDF feature vector."""
        scores = list(self.intercept)
        for feat, value in features.items():
            w = self.weights.get(feat)
            if w is not None:
                for k, wk in enumerate(w):
                    scores[k] += wk * value
        probs = softmax([s * self.temperature for s in scores])
        return dict(zip(self.labels, probs, strict=True))


@dataclass(frozen=True, slots=True)
class EventClassifier:
    """TF-IDF vectoriser plus the CASE and PLOVER heads."""

    version: str
    idf: dict[str, float]
    n_max: int
    case: LinearHead
    plover: LinearHead

    def vectorise(self, text: str, extra: list[str]) -> dict[str, float]:
        """Sublinear TF-IDF, L2-normalised, over the known vocabulary."""
        counts = Counter(g for g in ngrams(text, extra, self.n_max) if g in self.idf)
        vec = {g: (1.0 + math.log(c)) * self.idf[g] for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def predict(self, text: str, cands: list[Candidate]) -> tuple[dict[str, float], dict[str, float]]:
        """CASE label and PLOVER type probabilities for a document and its lexicon candidates."""
        vec = self.vectorise(text, lexicon_features(cands))
        return self.case.proba(vec), self.plover.proba(vec)

    def rerank(self, text: str, cands: list[Candidate], codebooks: Codebooks) -> None:
        """Make the top event carry the classifier's PLOVER type and the top ACLED-bearing event its CASE label.

        The lexicon finds the mentions; the classifier (which sees the lexicon's findings as features) decides which
        mention is the main one and, when no mention has its type, re-types the lexicon's best mention.
        """
        p_case, p_plover = self.predict(text, cands)
        typed = [c for c in cands if c.type is not None]
        for c in typed:
            c.confidence = 0.5 * c.confidence + 0.5 * p_plover.get(c.type or "", 0.0)
        best_type = max(p_plover, key=lambda k: p_plover[k])
        if typed:
            top_conf = max(c.confidence for c in typed)
            match = [c for c in typed if c.type == best_type]
            if match:
                chosen = max(match, key=lambda c: c.confidence)
            elif p_plover[best_type] >= RETYPE_PLOVER and p_plover[best_type] >= 2 * max(
                    p_plover.get(c.type or "", 0.0) for c in typed):
                chosen = max(typed, key=lambda c: (c.aux is None, c.confidence))
                chosen.type, chosen.mode = best_type, None
                if chosen.acled and not codebooks.acled.is_compatible(chosen.acled, best_type):
                    chosen.acled = None
            else:
                chosen = None
            if chosen is not None and chosen.confidence < top_conf:
                chosen.confidence = min(1.0, top_conf + 0.01)
        label = max(p_case, key=lambda k: p_case[k])
        if p_case[label] < RETYPE_CASE:
            return
        ordered = sorted(cands, key=lambda c: -c.confidence)
        target = next((c for c in ordered if c.acled == label), None)
        if target is None:
            target = next((c for c in ordered if codebooks.acled.is_compatible(label, c.type)), None)
        if target is None and p_case[label] >= RETYPE_CASE:
            target = ordered[0]
        if target is None:
            return
        target.acled = label
        others = [c.confidence for c in cands if c is not target and (c.acled is not None or c.entry.case)]
        if others and max(others) >= target.confidence:
            target.confidence = min(1.0, max(others) + 0.001)


def load_head(data: dict[str, Any], path: Path, name: str) -> LinearHead:
    """Read one classifier head from the weights file.

    Raises:
        DataFileError: the head is missing or malformed.
    """
    head = data.get(name)
    if not isinstance(head, dict) or not isinstance(head.get("labels"), list):
        raise DataFileError(f"model file {path} has no valid head {name!r}; retrain with "
                            "scripts/train_event_classifier.py")
    labels = tuple(str(x) for x in head["labels"])
    weights = {str(k): [float(x) for x in v] for k, v in head["weights"].items()}
    if any(len(w) != len(labels) for w in weights.values()):
        raise DataFileError(f"model file {path}: head {name!r} has weight rows of the wrong length; retrain")
    return LinearHead(labels, weights, tuple(float(x) for x in head["intercept"]), float(head.get("temperature", 1.0)))


def load_event_classifier(config: Any = None, path: Path | None = None) -> EventClassifier | None:
    """Resources loader: the shipped classifier, or ``None`` when no weights are shipped (lexicon only).

    Raises:
        DataFileError: the weights file exists but is malformed.
    """
    path = path or data_path("models", "event_classifier.json")
    if not path.is_file():
        return None
    data = read_json(path)
    idf = {str(k): float(v) for k, v in data["idf"].items()}
    return EventClassifier(data["version"], idf, int(data.get("ngram_max", 2)), load_head(data, path, "case"),
                           load_head(data, path, "plover"))
