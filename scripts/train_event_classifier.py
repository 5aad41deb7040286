"""Train the event classifier (CASE 2021 labels + PLOVER types), report 5-fold CV figures, write .npz weights.

Features (see ``eventsift/extract/event_classifier.py``): blocks of TF-IDF word 1-2-grams, character 3-5-grams of
each word, and pseudo-tokens for the lexicon's findings, each L2-normalised and scaled. Compares, by 5-fold
stratified CV with a fixed seed (only dev items are scored; the hand-written examples in
``scripts/data/event_training_examples.jsonl`` are added to the training folds only):

- ``lexicon``: the rules alone;
- ``word+lex`` (the 1.0 classifier's features), ``word+char+lex``, ``word+char+lex+hand``: the classifier alone;
- ``hybrid``: the shipped combination, the classifier re-ranking / re-typing the lexicon's events and creating one
  when the lexicon found none, read the way the reference scorer reads a prediction.

Writes src/eventsift/data/models/event_classifier.npz (plain arrays, no pickle).

Usage: python scripts/train_event_classifier.py [--shared ../shared] [--no-cv] [--runs hybrid]
"""

from __future__ import annotations

import argparse
import copy
import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from eventsift.config import Config
from eventsift.datafiles import data_path
from eventsift.extract.codebook import load_codebooks
from eventsift.extract.event_classifier import EventClassifier, LinearHead, block_of, lexicon_features, ngrams
from eventsift.extract.events import TriggerIndex, apply_classifier, lexicon_candidates
from eventsift.model import Document
from eventsift.resources import Resources
from eventsift.text.parse import ParseStage

SEED = 13
TEMPERATURE = 3.0
C = 0.5
#: The CASE head fits best with a weaker penalty than the PLOVER head (CV of the classifier alone: 0.762 vs 0.756).
C_CASE = 1.0
NGRAM_MAX = 2
CHAR_RANGE = (3, 5)
BLOCK_WEIGHTS = {"word": 1.0, "char": 1.2, "lex": 0.4}
HAND = Path(__file__).resolve().parent / "data" / "event_training_examples.jsonl"
VARIANTS: dict[str, dict[str, Any]] = {
    "word+lex": {"char": (0, 0), "weights": {"word": 1.0, "lex": 1.0}, "hand": False},
    "word+char+lex": {"char": CHAR_RANGE, "weights": BLOCK_WEIGHTS, "hand": False},
    "word+char+lex+hand": {"char": CHAR_RANGE, "weights": BLOCK_WEIGHTS, "hand": True},
}
SHIPPED = "word+char+lex+hand"


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSON-lines file (split on "\\n" only: gold texts hold U+2028)."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


class BlockVectoriser:
    """scikit-learn TF-IDF over the run-time feature strings, normalised and scaled per block like the run time."""

    def __init__(self, char_range: tuple[int, int], weights: dict[str, float]) -> None:
        self.char_range = char_range
        self.weights = weights
        self.tfidf = TfidfVectorizer(analyzer=self.analyse, sublinear_tf=True, min_df=2, norm=None)

    def analyse(self, item: tuple[str, list[str]]) -> list[str]:
        """The run-time feature analyser; blocks with weight 0 (or absent) are left out."""
        return [g for g in ngrams(item[0], item[1], NGRAM_MAX, self.char_range)
                if self.weights.get(block_of(g), 0.0) > 0]

    def fit(self, items: list) -> BlockVectoriser:
        """Learn vocabulary and IDF."""
        self.tfidf.fit(items)
        names = self.tfidf.get_feature_names_out()
        self.blocks = np.array([block_of(str(n)) for n in names])
        return self

    def transform(self, items: list) -> Any:
        """Block-normalised, scaled TF-IDF matrix (the same numbers the run-time vectoriser computes)."""
        x = self.tfidf.transform(items).tocsr().astype(np.float64)
        out = None
        for block, w in self.weights.items():
            mask = (self.blocks == block).astype(np.float64)
            if not mask.any():
                continue
            xb = x @ sparse.diags(mask)
            norms = np.sqrt(np.asarray(xb.multiply(xb).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            part = sparse.diags(w / norms) @ xb
            out = part if out is None else out + part
        return sparse.csr_matrix(out)


def fit_head(x: Any, labels: list[str], c: float = C) -> LinearSVC:
    """Fit a linear SVM."""
    return LinearSVC(C=c, random_state=SEED).fit(x, labels)


def export_head(clf: LinearSVC) -> LinearHead:
    """A fitted SVM as a run-time head (float32 weights)."""
    coef = clf.coef_
    labels = tuple(str(c) for c in clf.classes_)
    intercept = np.asarray(clf.intercept_, dtype=np.float64)
    if len(labels) == 2:
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]])
    return LinearHead(labels, np.ascontiguousarray(coef.T, dtype=np.float32), intercept, TEMPERATURE)


def make_classifier(case_items: list, case_y: list[str], plv_items: list, plv_y: list[str],
                    variant: dict[str, Any]) -> EventClassifier:
    """Fit the vectoriser on both sets and one head per set."""
    vec = BlockVectoriser(variant["char"], variant["weights"]).fit(list(case_items) + list(plv_items))
    case_clf = fit_head(vec.transform(case_items), case_y, C_CASE)
    plv_clf = fit_head(vec.transform(plv_items), plv_y)
    vocab = {str(f): j for j, f in enumerate(vec.tfidf.get_feature_names_out())}
    return EventClassifier("2.0", vocab, vec.tfidf.idf_.astype(np.float32), dict(variant["weights"]), NGRAM_MAX,
                           variant["char"], export_head(case_clf), export_head(plv_clf))


def top(probs: dict[str, float]) -> str:
    """The most probable label."""
    return max(probs, key=lambda k: probs[k])


def hybrid_labels(docs: list[Document], cands_list: list, clf: EventClassifier | None, codebooks: Any) -> tuple:
    """Top CASE label and top PLOVER type as the reference scorer reads them from the events."""
    case_out, plv_out = [], []
    for doc, cands in zip(docs, cands_list, strict=True):
        live = copy.deepcopy(cands)
        if clf is not None:
            live = apply_classifier(doc, live, codebooks, clf)
        ordered = sorted(live, key=lambda c: -c.confidence)
        labelled = [c for c in ordered if (c.acled or c.entry.case)]
        case_out.append((labelled[0].acled or labelled[0].entry.case) if labelled else "none")
        plv_out.append(ordered[0].type if ordered and ordered[0].type else "none")
    return case_out, plv_out


def scores(c_y: list[str], c_pred: list[str], p_y: list[str], p_pred: list[str]) -> dict[str, float]:
    """CASE weighted F1 / accuracy over the 30 gold labels and PLOVER micro F1 (either-or gold accepted)."""
    p_true = [p if p in t.split("|") else t for p, t in zip(p_pred, p_y, strict=True)]
    return {"case_weighted_f1_30": round(f1_score(c_y, c_pred, average="weighted", labels=sorted(set(c_y))), 4),
            "case_accuracy_30": round(accuracy_score(c_y, c_pred), 4),
            "plover_micro_f1": round(accuracy_score(p_true, p_pred), 4)}


def main() -> int:
    """Train, cross-validate, export."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--runs", default="", help="comma-separated runs to cross-validate (default: all of lexicon, "
                    f"{', '.join(VARIANTS)}, hybrid); e.g. --runs hybrid for a quick check")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    resources = Resources(Config())
    codebooks = load_codebooks()
    index = TriggerIndex.build(codebooks.triggers)
    parser = ParseStage(resources)

    def prepare(texts: list[str], ids: list[str]) -> tuple[list[Document], list, list]:
        docs = [Document(id=i, text=t, clean=t) for i, t in zip(ids, texts, strict=True)]
        parser.process_batch(docs)
        cands = [lexicon_candidates(d, codebooks, index) for d in docs]
        return docs, cands, [(d.clean, lexicon_features(c)) for d, c in zip(docs, cands, strict=True)]

    rows = read_jsonl(args.shared / "gold" / "case2021_task2.dev.jsonl")
    c_docs, c_cands, c_items = prepare([r["text"] for r in rows], [r["id"] for r in rows])
    c_y = [codebooks.acled.label_of_case(r["events"][0]["case_label"]) for r in rows]
    rows = read_jsonl(args.shared / "gold" / "plover.dev.jsonl")
    p_docs, p_cands, p_items = prepare([r["text"] for r in rows], [r["id"] for r in rows])
    p_y = [r["events"][0]["plover_type"] for r in rows]
    p_y_train = [y.split("|")[0] for y in p_y]
    hand = read_jsonl(HAND)
    _, _, h_items = prepare([h["text"] for h in hand], [f"hand-{i}" for i in range(len(hand))])
    hc = [(it, codebooks.acled.label_of_case(h["case"])) for it, h in zip(h_items, hand, strict=True) if "case" in h]
    hp = [(it, h["plover"]) for it, h in zip(h_items, hand, strict=True) if "plover" in h]

    def train(c_idx: Any, p_idx: Any, variant: dict[str, Any]) -> EventClassifier:
        ci = [c_items[i] for i in c_idx]
        cy = [c_y[i] for i in c_idx]
        pi = [p_items[i] for i in p_idx]
        py = [p_y_train[i] for i in p_idx]
        if variant["hand"]:
            ci, cy = ci + [x for x, _ in hc], cy + [y for _, y in hc]
            pi, py = pi + [x for x, _ in hp], py + [y for _, y in hp]
        return make_classifier(ci, cy, pi, py, variant)

    if not args.no_cv:
        skf = StratifiedKFold(5, shuffle=True, random_state=SEED)
        folds = list(zip(skf.split(c_items, c_y), skf.split(p_items, p_y_train), strict=True))
        runs = [r for r in args.runs.split(",") if r] or ["lexicon", *VARIANTS, "hybrid"]
        for name in runs:
            c_pred = [""] * len(c_items)
            p_pred = [""] * len(p_items)
            for (c_tr, c_te), (p_tr, p_te) in folds:
                clf = None if name == "lexicon" else train(c_tr, p_tr, VARIANTS.get(name, VARIANTS[SHIPPED]))
                if name in ("lexicon", "hybrid"):
                    cl, _ = hybrid_labels([c_docs[i] for i in c_te], [c_cands[i] for i in c_te], clf, codebooks)
                    _, pl = hybrid_labels([p_docs[i] for i in p_te], [p_cands[i] for i in p_te], clf, codebooks)
                else:
                    assert clf is not None
                    cl = [top(clf.case.proba(clf.vectorise(*c_items[i]))) for i in c_te]
                    pl = [top(clf.plover.proba(clf.vectorise(*p_items[i]))) for i in p_te]
                for i, lab in zip(c_te, cl, strict=True):
                    c_pred[i] = lab
                for i, lab in zip(p_te, pl, strict=True):
                    p_pred[i] = lab
            print(name, scores(c_y, c_pred, p_y, p_pred), flush=True)
    clf = train(range(len(c_items)), range(len(p_items)), VARIANTS[SHIPPED])
    out = data_path("models", "event_classifier.npz")
    vocab = sorted(clf.vocab, key=lambda f: clf.vocab[f])
    meta = {"version": clf.version, "temperature": TEMPERATURE, "ngram_max": NGRAM_MAX, "char_range": list(CHAR_RANGE),
            "block_weights": BLOCK_WEIGHTS,
            "schema": "vocab[i] = feature string (word n-gram; '#'+char n-gram; 'zz' lexicon pseudo-token), idf[i]; "
                      "<head>_coef[i, k] = weight of feature i for <head>_labels[k]; <head>_intercept[k]",
            "trained_on": f"CASE 2021 task 2 dev (507) + PLOVER dev (1114) + {len(hand)} hand-written examples, "
                          f"LinearSVC C={C_CASE} (CASE) / {C} (PLOVER), seed {SEED}"}
    np.savez_compressed(
        out, meta=np.array(json.dumps(meta)), vocab=np.array(vocab), idf=np.asarray(clf.idf, dtype=np.float32),
        case_labels=np.array(clf.case.labels), case_coef=clf.case.coef.astype(np.float16),
        case_intercept=np.asarray(clf.case.intercept, dtype=np.float32), plover_labels=np.array(clf.plover.labels),
        plover_coef=clf.plover.coef.astype(np.float16),
        plover_intercept=np.asarray(clf.plover.intercept, dtype=np.float32))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(vocab)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
