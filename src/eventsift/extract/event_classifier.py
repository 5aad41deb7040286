"""A small linear document classifier (TF-IDF word n-grams, character n-grams, lexicon features) that types events.

Weights are a NumPy ``.npz`` archive of plain arrays (``data/models/event_classifier.npz``, loaded with
``allow_pickle=False``) written by ``scripts/train_event_classifier.py``: no pickle, no scikit-learn at run time.
Three feature blocks, each TF-IDF weighted, L2-normalised and scaled on its own: lower-cased word 1..n-grams, character
n-grams of each word (with a space either side, as scikit-learn's ``char_wb``) and pseudo-tokens for the lexicon's
findings. Two heads: CASE 2021 labels (25 ACLED sub-event types + 5 non-ACLED classes) and PLOVER root types.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventsift.datafiles import data_path
from eventsift.errors import DataFileError

if TYPE_CHECKING:
    from eventsift.extract.codebook import Codebooks
    from eventsift.extract.events import Candidate

TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: Minimum probabilities for the classifier to re-type an event the lexicon typed differently (tuned by CV).
RETYPE_PLOVER = 0.0
RETYPE_CASE = 0.0
#: How many times likelier than every lexicon type the classifier's PLOVER type must be to re-type the top event.
RETYPE_RATIO = 1.0
#: Prefixes that tell the feature blocks apart (word n-grams have none).
CHAR_PREFIX = "#"
LEX_PREFIX = "zz"
BLOCKS = ("word", "char", "lex")


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
    return [f.lower() for f in feats]


def word_ngrams(text: str, n_max: int) -> list[str]:
    """Lower-cased word 1..n-grams of ``text``."""
    words = TOKEN.findall(text.lower())
    out = list(words)
    for n in range(2, n_max + 1):
        out.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character lo..hi-grams of each lower-cased, space-padded word, prefixed with :data:`CHAR_PREFIX`."""
    out: list[str] = []
    if hi <= 0:
        return out
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(lo, hi + 1):
            out.extend(CHAR_PREFIX + padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
    return out


def block_of(feature: str) -> str:
    """Which feature block a feature string belongs to."""
    if feature.startswith(CHAR_PREFIX):
        return "char"
    if feature.startswith(LEX_PREFIX):
        return "lex"
    return "word"


def ngrams(text: str, extra: list[str], n_max: int, char_range: tuple[int, int] = (0, 0)) -> list[str]:
    """Every feature string of a document: word n-grams, character n-grams and the extra (lexicon) tokens."""
    return word_ngrams(text, n_max) + char_ngrams(text, *char_range) + [f.lower() for f in extra]


def softmax(scores: list[float]) -> list[float]:
    """Numerically safe softmax."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One linear classifier head: labels, a (features x labels) weight matrix and intercepts."""

    labels: tuple[str, ...]
    coef: Any
    intercept: Any
    temperature: float

    def proba(self, features: tuple[Any, Any]) -> dict[str, float]:
        """Label probabilities (softmax of the tempered decision scores) for a sparse (indices, values) vector."""
        idx, vals = features
        scores = np.asarray(self.intercept, dtype=np.float64).copy()
        if len(idx):
            scores += vals @ np.asarray(self.coef[idx], dtype=np.float64)
        probs = softmax([float(s) * self.temperature for s in scores])
        return dict(zip(self.labels, probs, strict=True))


@dataclass(frozen=True, slots=True)
class EventClassifier:
    """Block-wise TF-IDF vectoriser plus the CASE and PLOVER heads."""

    version: str
    vocab: dict[str, int]
    idf: Any
    block_weights: dict[str, float]
    n_max: int
    char_range: tuple[int, int]
    case: LinearHead
    plover: LinearHead

    def vectorise(self, text: str, extra: list[str]) -> tuple[Any, Any]:
        """Sublinear TF-IDF, L2-normalised and scaled per block, as sparse (indices, values) over the vocabulary."""
        counts = Counter(g for g in ngrams(text, extra, self.n_max, self.char_range) if g in self.vocab)
        by_block: dict[str, list[tuple[int, float]]] = {}
        for g, c in counts.items():
            j = self.vocab[g]
            by_block.setdefault(block_of(g), []).append((j, (1.0 + math.log(c)) * float(self.idf[j])))
        idx: list[int] = []
        vals: list[float] = []
        for block, items in by_block.items():
            norm = math.sqrt(sum(v * v for _, v in items)) or 1.0
            scale = self.block_weights.get(block, 1.0) / norm
            for j, v in items:
                idx.append(j)
                vals.append(v * scale)
        return np.asarray(idx, dtype=np.int64), np.asarray(vals, dtype=np.float64)

    def predict(self, text: str, cands: list[Candidate]) -> tuple[dict[str, float], dict[str, float]]:
        """CASE label and PLOVER type probabilities for a document and its lexicon candidates."""
        vec = self.vectorise(text, lexicon_features(cands))
        return self.case.proba(vec), self.plover.proba(vec)

    def rerank(self, text: str, cands: list[Candidate], codebooks: Codebooks, *,
               features: list[Candidate] | None = None, retype: bool = True) -> None:
        """Make the top event carry the classifier's PLOVER type and the top ACLED-bearing event its CASE label.

        The lexicon finds the mentions; the classifier (which sees the lexicon's findings in ``text``, by default all
        of ``cands``, as features) decides which mention is the main one and, when ``retype`` and no mention has its
        type, re-types the lexicon's best mention.
        """
        p_case, p_plover = self.predict(text, cands if features is None else features)
        typed = [c for c in cands if c.type is not None]
        for c in typed:
            c.confidence = 0.5 * c.confidence + 0.5 * p_plover.get(c.type or "", 0.0)
        best_type = max(p_plover, key=lambda k: p_plover[k])
        if typed:
            top_conf = max(c.confidence for c in typed)
            match = [c for c in typed if c.type == best_type]
            if match:
                chosen = max(match, key=lambda c: c.confidence)
            elif retype and p_plover[best_type] >= RETYPE_PLOVER and p_plover[best_type] >= RETYPE_RATIO * max(
                    p_plover.get(c.type or "", 0.0) for c in typed):
                chosen = max(typed, key=lambda c: (  # a release story re-types the release, not the kidnapping
                    codebooks.plover.same_side(c.type, best_type), c.aux is None, c.confidence))
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
        if target is None and retype and p_case[label] >= RETYPE_CASE:
            target = ordered[0]
        if target is None:
            return
        target.acled = label
        others = [c.confidence for c in cands if c is not target and (c.acled is not None or c.entry.case)]
        if others and max(others) >= target.confidence:
            target.confidence = min(1.0, max(others) + 0.001)


def load_event_classifier(config: Any = None, path: Path | None = None) -> EventClassifier | None:
    """Resources loader: the shipped classifier, or ``None`` when no weights are shipped (lexicon only).

    Raises:
        DataFileError: the weights file exists but is malformed.
    """
    path = path or data_path("models", "event_classifier.npz")
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise DataFileError(f"model file {path} cannot be read as a NumPy archive ({exc}); retrain with "
                            "scripts/train_event_classifier.py") from exc
    needed = {"meta", "vocab", "idf", "case_labels", "case_coef", "case_intercept", "plover_labels", "plover_coef",
              "plover_intercept"}
    if not needed <= set(arrays):
        raise DataFileError(f"model file {path} lacks arrays {sorted(needed - set(arrays))}; retrain with "
                            "scripts/train_event_classifier.py")
    meta = json.loads(str(arrays["meta"]))
    vocab = {str(f): j for j, f in enumerate(arrays["vocab"].tolist())}
    heads = {}
    for name in ("case", "plover"):
        labels = tuple(str(x) for x in arrays[f"{name}_labels"].tolist())
        coef = arrays[f"{name}_coef"]
        if coef.shape != (len(vocab), len(labels)):
            raise DataFileError(f"model file {path}: head {name!r} has a weight matrix of shape {coef.shape}, "
                                f"expected {(len(vocab), len(labels))}; retrain")
        heads[name] = LinearHead(labels, coef, arrays[f"{name}_intercept"], float(meta["temperature"]))
    return EventClassifier(str(meta["version"]), vocab, arrays["idf"], dict(meta["block_weights"]),
                           int(meta["ngram_max"]), (int(meta["char_range"][0]), int(meta["char_range"][1])),
                           heads["case"], heads["plover"])
