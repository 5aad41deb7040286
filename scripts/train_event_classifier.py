"""Train the event classifier (CASE 2021 labels + PLOVER types), report 5-fold CV figures, write JSON weights.

Features: TF-IDF word 1-2-grams of the text plus pseudo-tokens for the lexicon's findings (hybrid). Compares, by
5-fold stratified CV with a fixed seed: lexicon only, classifier on text only, classifier on text + lexicon features,
and the full hybrid (classifier re-ranking and re-typing the lexicon's events, scored the way the reference scorer
reads a prediction). Writes src/eventsift/data/models/event_classifier.json.

Usage: python scripts/train_event_classifier.py [--shared ../shared] [--no-cv]
"""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from eventsift.config import Config
from eventsift.extract.codebook import data_path, load_codebooks
from eventsift.extract.event_classifier import EventClassifier, LinearHead, lexicon_features, ngrams
from eventsift.extract.events import TriggerIndex, lexicon_candidates
from eventsift.model import Document
from eventsift.resources import Resources
from eventsift.text.parse import ParseStage

SEED = 13
TEMPERATURE = 3.0
C = 0.5
VARIANTS = ("lexicon", "text", "text+lexicon", "hybrid")


def read_gold(path: Path) -> list[dict]:
    """Gold rows (split on "\\n" only)."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def analyse(item: tuple[str, list[str]]) -> list[str]:
    """The run-time feature analyser, shared with scikit-learn so training and inference agree."""
    return ngrams(item[0], item[1], 2)


def fit_head(items: list, labels: list[str], vec: TfidfVectorizer) -> tuple[LinearSVC, np.ndarray]:
    """Fit a linear SVM on the vectorised items."""
    x = vec.transform(items)
    clf = LinearSVC(C=C, random_state=SEED)
    clf.fit(x, labels)
    return clf, x


def to_head(clf: LinearSVC, vocab: dict[str, int], prune: float = 0.0) -> LinearHead:
    """Export a fitted SVM as a LinearHead (weights per feature, rounded; near-zero rows pruned)."""
    coef = clf.coef_
    labels = tuple(str(c) for c in clf.classes_)
    if len(labels) == 2:
        coef = np.vstack([-coef[0], coef[0]])
        intercept = [-float(clf.intercept_[0]), float(clf.intercept_[0])]
    else:
        intercept = [float(x) for x in clf.intercept_]
    weights = {}
    for feat, j in vocab.items():
        col = coef[:, j]
        if np.abs(col).max() > prune:
            weights[feat] = [round(float(w), 4) for w in col]
    return LinearHead(labels, weights, tuple(round(x, 4) for x in intercept), TEMPERATURE)


def make_classifier(case_items, case_y, plv_items, plv_y) -> EventClassifier:
    """Fit the vectoriser on both sets and one head per set."""
    vec = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=2)
    vec.fit(list(case_items) + list(plv_items))
    vocab = vec.vocabulary_
    case_clf, _ = fit_head(case_items, case_y, vec)
    plv_clf, _ = fit_head(plv_items, plv_y, vec)
    idf = {f: round(float(vec.idf_[j]), 4) for f, j in vocab.items()}
    return EventClassifier("1.0", idf, 2, to_head(case_clf, vocab, 0.002), to_head(plv_clf, vocab, 0.002))


def scorer_labels(docs, cands_list, clf, codebooks, acled_map):
    """Top CASE label and top PLOVER type as the reference scorer reads them from the events."""
    import copy
    case_out, plv_out = [], []
    for doc, cands in zip(docs, cands_list, strict=True):
        cands = copy.deepcopy(cands)
        if clf is not None and cands:
            clf.rerank(doc.clean, cands, codebooks)
        ordered = sorted(cands, key=lambda c: -c.confidence)
        labelled = [c for c in ordered if (c.acled or c.entry.case)]
        lab = (labelled[0].acled or labelled[0].entry.case) if labelled else "none"
        case_out.append(acled_map.get(lab, lab))
        plv_out.append(ordered[0].type if ordered and ordered[0].type else "none")
    return case_out, plv_out


def main() -> int:
    """Train, cross-validate, export."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    resources = Resources(Config())
    codebooks = load_codebooks()
    index = TriggerIndex.build(codebooks.triggers)
    parser = ParseStage(resources)
    sets = {}
    for name in ("case2021_task2", "plover"):
        rows = read_gold(args.shared / "gold" / f"{name}.dev.jsonl")
        docs = [Document(id=r["id"], text=r["text"], clean=r["text"]) for r in rows]
        parser.process_batch(docs)
        cands = [lexicon_candidates(d, codebooks, index) for d in docs]
        if name == "plover":
            y = [r["events"][0]["plover_type"] for r in rows]
        else:
            y = [codebooks.acled.label_of_case(r["events"][0]["case_label"]) for r in rows]
        sets[name] = (docs, cands, y)
    acled_map: dict[str, str] = {}
    c_docs, c_cands, c_y = sets["case2021_task2"]
    p_docs, p_cands, p_y = sets["plover"]
    p_y_train = [y.split("|")[0] for y in p_y]
    c_items = [(d.clean, lexicon_features(c)) for d, c in zip(c_docs, c_cands, strict=True)]
    p_items = [(d.clean, lexicon_features(c)) for d, c in zip(p_docs, p_cands, strict=True)]
    if not args.no_cv:
        skf = StratifiedKFold(5, shuffle=True, random_state=SEED)
        c_folds = list(skf.split(c_items, c_y))
        p_folds = list(skf.split(p_items, p_y_train))
        results = {}
        for variant in VARIANTS:
            c_pred = [""] * len(c_items)
            p_pred = [""] * len(p_items)
            for (c_tr, c_te), (p_tr, p_te) in zip(c_folds, p_folds, strict=True):
                def pick(items, idx, lex=(variant != "text")):
                    return [(items[i][0], items[i][1] if lex else []) for i in idx]
                if variant == "lexicon":
                    clf = None
                else:
                    clf = make_classifier(pick(c_items, c_tr), [c_y[i] for i in c_tr],
                                          pick(p_items, p_tr), [p_y_train[i] for i in p_tr])
                if variant in ("lexicon", "hybrid"):
                    cl, _ = scorer_labels([c_docs[i] for i in c_te], [c_cands[i] for i in c_te], clf, codebooks,
                                          acled_map)
                    _, pl = scorer_labels([p_docs[i] for i in p_te], [p_cands[i] for i in p_te], clf, codebooks,
                                          acled_map)
                else:
                    cl = [max((pr := clf.case.proba(clf.vectorise(*c_items[i] if variant != "text" else
                                                                   (c_items[i][0], [])))), key=pr.get)
                          for i in c_te]
                    pl = [max((pr := clf.plover.proba(clf.vectorise(*p_items[i] if variant != "text" else
                                                                     (p_items[i][0], [])))), key=pr.get)
                          for i in p_te]
                for i, lab in zip(c_te, cl, strict=True):
                    c_pred[i] = lab
                for i, lab in zip(p_te, pl, strict=True):
                    p_pred[i] = lab
            p_true = [p_y[i] if p_pred[i] not in p_y[i].split("|") else p_pred[i] for i in range(len(p_y))]
            results[variant] = {
                "case_weighted_f1_30": round(f1_score(c_y, c_pred, average="weighted", labels=sorted(set(c_y))), 4),
                "case_accuracy_30": round(accuracy_score(c_y, c_pred), 4),
                "plover_micro_f1": round(accuracy_score(p_true, p_pred), 4),
            }
            print(variant, results[variant], flush=True)
    clf = make_classifier(c_items, c_y, p_items, p_y_train)
    out = data_path("models", "event_classifier.json")
    payload = {
        "version": "1.0",
        "schema": "idf: {feature: idf}; case/plover: {labels, intercept, temperature, weights: "
                  "{feature: [w per label]}}; features are lower-cased word 1-2-grams plus lexicon "
                  "pseudo-tokens (see event_classifier.py)",
        "trained_on": f"CASE 2021 task 2 dev (507) + PLOVER dev (1114), LinearSVC C={C}, seed {SEED}",
        "ngram_max": 2,
        "idf": clf.idf,
        "case": {"labels": list(clf.case.labels), "intercept": list(clf.case.intercept),
                 "temperature": TEMPERATURE, "weights": clf.case.weights},
        "plover": {"labels": list(clf.plover.labels), "intercept": list(clf.plover.intercept),
                   "temperature": TEMPERATURE, "weights": clf.plover.weights},
    }
    out.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(clf.idf)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
