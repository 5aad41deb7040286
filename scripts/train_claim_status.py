"""Train the claim-status model (data/models/claim_status.json) on MUC-4 dev gold, cross-validated by document.

Each gold incident with a claim status is aligned to the predicted event the scorer matches it to (same type, nearest
date, nearest place, confidence); that event's features (eventsift.extract.claim_model.claim_features plus
ClaimFinder.perpetrator_features, computed with the rules only) are paired with the gold status. A multinomial logistic
regression is fitted; the 5-fold grouped-by-document CV accuracy is printed as the stage runs it (incidents with an
explicit claim, accusation, hedge or denial keep the rule status, the others get the model's), next to the model
everywhere and the rules alone.

    python scripts/train_claim_status.py /work/shared/gold/muc4.dev.jsonl --cache /tmp/muc_parsed.pkl \
        --out src/eventsift/data/models/claim_status.json [--exclude-sample 300]

``--cache`` keeps the documents after the events stage (a pickle the script itself writes; delete it when the
early stages change). ``--exclude-sample N`` leaves out the documents of ``eventsift evaluate --sample N`` so that
the sample figures of the shipped model are not training-set figures.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from eventsift.config import Config
from eventsift.evaluation.labels import load_scoring_labels
from eventsift.evaluation.metrics import match_events
from eventsift.evaluation.records import read_gold_document, read_prediction
from eventsift.evaluation.runner import gold_document, read_jsonl, select_lines
from eventsift.extract.actor_dictionary import load_actor_dictionary
from eventsift.extract.claim_model import claim_features
from eventsift.extract.claims import VERBAL_TYPES, ClaimFinder, ClaimsStage, blames_foreign_forces, load_cues
from eventsift.extract.coding import ActorCoder
from eventsift.model import Document
from eventsift.record import to_record
from eventsift.registry import create_stage
from eventsift.resources import Resources

CLASSES = ("accused", "claimed", "reported")
#: Lemmas besides the cue lexicon whose presence tells who is said to have done it and how sure the report is.
EXTRA_WORDS = ("unidentified", "unknown", "individual", "gunman", "armed", "heavily", "responsibility", "according",
               "communique", "source", "spokesman", "official", "authority", "police", "army", "soldier", "troop",
               "guerrilla", "rebel", "terrorist", "subversive", "urban", "commando", "death", "squad", "paramilitary",
               "trafficker", "cartel", "narcoterrorist", "clash", "ambush", "victim", "condemn", "repudiate",
               "investigation", "investigate", "identify", "arrest", "capture", "detain", "responsible",
               "perpetrate", "carry", "attack", "bomb", "murder", "assassinate", "kidnap", "claim", "admit",
               "witness", "resident", "presume", "presumably", "possibly", "apparently", "alleged", "allegedly",
               "reportedly", "suspect", "suspected", "accuse", "blame", "attribute", "said", "say", "report")


def parsed_documents(lines: list[dict[str, Any]], resources: Resources, cache: Path | None) -> list[Document]:
    """Documents after the events stage, read from ``cache`` when it holds the same ids."""
    if cache is not None and cache.exists():
        ids, docs = pickle.loads(cache.read_bytes())
        if ids == [line["id"] for line in lines]:
            return list(docs)
    stages = [create_stage(name, resources) for name in Config().stages[:4]]
    docs = []
    for line in lines:
        doc = gold_document(line, origin="train", max_chars=1_000_000)
        for stage in stages:
            if not doc.skip:
                stage(doc)
                doc.provided.update(stage.provides)
        docs.append(doc)
    if cache is not None:
        cache.write_bytes(pickle.dumps(([line["id"] for line in lines], docs)))
    return docs


def examples(lines: list[dict[str, Any]], docs: list[Document], resources: Resources,
             cue_words: frozenset[str]) -> list[tuple[str, list[str], str, str | None, bool]]:
    """(document id, features, gold status, rule status, whether the rule rests on an explicit cue) of every gold
    incident with a claim status."""
    labels = load_scoring_labels()
    dictionary = resources.get("actor_dictionary", load_actor_dictionary)
    cues = resources.get("claim_cues", load_cues)
    post = []
    for name in Config().stages[4:]:
        post.append(ClaimsStage(dictionary, cues, None) if name.startswith("eventsift.extract.claims")
                    else create_stage(name, resources))
    out = []
    for line, doc in zip(lines, docs, strict=True):
        gold = read_gold_document(line, labels)
        required = [e for e in gold.events if not e.optional]
        if not any(e.claim_status for e in required) or doc.skip:
            continue
        for stage in post:
            stage(doc)
            doc.provided.update(stage.provides)
        pred = read_prediction(to_record(doc), labels)
        by_event = {id(p): k for k, p in enumerate(pred.events)}
        finder = ClaimFinder(doc, cues, ActorCoder(dictionary, doc))
        kinds = finder.cue_kinds()
        for i, predicted in match_events(required, list(pred.events)).items():
            truth = required[i]
            if not truth.claim_status:
                continue
            event = doc.events[by_event[id(predicted)]]
            feats = claim_features(doc, event, event.claimant, kinds, finder.dateline, cue_words)
            feats += finder.perpetrator_features(event, cue_words)
            rule = event.claimant.status if event.claimant is not None else None
            finder.claim_for(event)
            explicit = (finder.explicit or event.plover.type in VERBAL_TYPES or event.claimant is None
                        or blames_foreign_forces(event.claimant, event))
            out.append((doc.id, feats, truth.claim_status, rule, explicit))
        unmatched = sum(1 for i, e in enumerate(required) if e.claim_status and i not in
                        match_events(required, list(pred.events)))
        out += [(doc.id, [], "unmatched", None, True)] * unmatched
    return out


def fit(rows: list[list[str]], y: list[str], c: float) -> tuple[LogisticRegression, list[str]]:
    """A logistic regression over the binary features of ``rows``."""
    vocab = sorted({f for r in rows for f in r})
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(matrix(rows, vocab), y)
    return model, vocab


def matrix(rows: list[list[str]], vocab: list[str]) -> np.ndarray:
    """Dense 0/1 matrix of ``rows`` over ``vocab``."""
    index = {f: k for k, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for r, feats in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    return x


def main(argv: list[str] | None = None) -> int:
    """Train, cross-validate and write the model."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=0.03, help="regularisation (default: the best by grouped CV)")
    ap.add_argument("--exclude-sample", type=int)
    ap.add_argument("--train-on", choices=("all", "implicit"), default="all",
                    help="train on every incident, or only on those without an explicit cue (where the model is used)")
    args = ap.parse_args(argv)
    lines = [line for line in read_jsonl(args.gold)
             if any(e.get("claim_status") and not e.get("optional") for e in line.get("events") or [])]
    resources = Resources(Config())
    cues_data = json.loads((Path(__file__).resolve().parents[1] / "src/eventsift/data/claims/cues.json").read_text())
    cue_words = frozenset(w.lower() for key in ("claim_verbs", "claim_objects", "admit_verbs", "accuse_verbs", "hedges",
                                                 "deny_verbs", "deny_objects", "report_verbs", "source_nouns")
                          for w in cues_data[key] if " " not in w) | frozenset(EXTRA_WORDS)
    docs = parsed_documents(lines, resources, args.cache)
    data = examples(lines, docs, resources, cue_words)
    held_out = set()
    if args.exclude_sample:
        held_out = {line["id"] for line in select_lines(read_jsonl(args.gold), sample=args.exclude_sample)}
    matched = [d for d in data if d[2] != "unmatched" and d[0] not in held_out]
    print(f"{len(matched)} matched incidents in {len({d[0] for d in matched})} documents; "
          f"{sum(d[2] == 'unmatched' for d in data)} unmatched; gold {Counter(d[2] for d in matched)}", file=sys.stderr)
    rows, y, groups = [d[1] for d in matched], [d[2] for d in matched], [d[0] for d in matched]
    explicit = [d[4] for d in matched]
    trainable = [k for k in range(len(y)) if args.train_on == "all" or not explicit[k]]
    rule_acc = np.mean([d[3] == d[2] for d in matched])
    rule_explicit = np.mean([d[3] == d[2] for d in matched if d[4]])
    rule_implicit = np.mean([d[3] == d[2] for d in matched if not d[4]])
    print(f"{sum(explicit)} incidents rest on an explicit cue (rules {rule_explicit:.3f}); "
          f"{len(y) - sum(explicit)} go to the model (rules {rule_implicit:.3f})", file=sys.stderr)
    for c in (0.01, 0.03, 0.1, 0.3, 1.0):
        hits = np.zeros(len(y), dtype=bool)
        everywhere = np.zeros(len(y), dtype=bool)
        for train, test in GroupKFold(n_splits=args.folds).split(rows, y, groups):
            fold = [k for k in train if k in set(trainable)]
            model, vocab = fit([rows[k] for k in fold], [y[k] for k in fold], c)
            pred = model.predict(matrix([rows[k] for k in test], vocab))
            for k, p in zip(test, pred, strict=True):
                hits[k] = (matched[k][3] if explicit[k] else str(p)) == y[k]
                everywhere[k] = p == y[k]
        per = {cls: f"{np.mean([hits[k] for k in range(len(y)) if y[k] == cls]):.3f}" for cls in CLASSES}
        implicit = np.mean([hits[k] for k in range(len(y)) if not explicit[k]])
        print(f"C={c}: {args.folds}-fold by-document CV accuracy of rules+model as run {hits.mean():.3f} {per} "
              f"(model part {implicit:.3f}); model everywhere {everywhere.mean():.3f}; rules alone {rule_acc:.3f}",
              file=sys.stderr)
    model, vocab = fit([rows[k] for k in trainable], [y[k] for k in trainable], args.c)
    if args.out:
        order = [list(model.classes_).index(cls) for cls in CLASSES]
        coef = model.coef_.T[:, order]
        keep = [k for k in range(len(vocab)) if np.abs(coef[k]).max() > 1e-4]
        out = {"version": "2", "description": "Claim status of an act of violence stated without an explicit claim "
               "or denial: multinomial logistic regression over binary features "
               "(eventsift.extract.claim_model.claim_features and mention_features); trained by "
               "scripts/train_claim_status.py on MUC-4 "
               f"dev gold ({len(trainable)} incidents, C={args.c}, trained on {args.train_on}).",
               "classes": list(CLASSES),
               "cue_words": sorted(cue_words), "features": [vocab[k] for k in keep],
               "coef": [[round(float(w), 5) for w in coef[k]] for k in keep],
               "intercept": [round(float(model.intercept_[k]), 5) for k in order]}
        args.out.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
