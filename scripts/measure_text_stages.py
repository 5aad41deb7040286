"""Measure the text stages on the dev gold sets: false repairs on clean text, injected-typo precision/recall,
and how much truecasing ALL-CAPS MUC-4 wire copy helps spaCy's NER.

Usage: /work/venv/bin/python scripts/measure_text_stages.py [--shared ../shared] [--kb 200] [--muc 40]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from eventsift.config import Config
from eventsift.resources import Resources
from eventsift.text.lexicon import LEXICON_KEY, load_text_lexicon
from eventsift.text.repair import find_repairs
from eventsift.text.truecase import truecase

ROOT = Path(__file__).resolve().parents[1]


def read_texts(path: Path, limit_chars: int) -> list[str]:
    texts: list[str] = []
    total = 0
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        texts.append(text)
        total += len(text)
        if total >= limit_chars:
            break
    return texts


def inject(text: str, rng: random.Random, lexicon: object) -> tuple[str, list[tuple[int, str, str]]]:
    """Put a typo into about one in ten lower-case dictionary words of length >= 5; returns the gold fixes."""
    out: list[str] = []
    gold: list[tuple[int, str, str]] = []
    pos = 0
    for m in re.finditer(r"(?<![\w'’.-])[a-z]{5,}(?![\w'’-])", text):
        word = m.group()
        if rng.random() > 0.1 or word not in lexicon.freq:  # type: ignore[attr-defined]
            continue
        i = rng.randrange(1, len(word) - 1)
        kind = rng.choice(["sub", "del", "ins", "swap", "ocr"])
        if kind == "sub":
            bad = word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1:]
        elif kind == "del":
            bad = word[:i] + word[i + 1:]
        elif kind == "ins":
            bad = word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i:]
        elif kind == "swap":
            bad = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:
            swaps = {"o": "0", "l": "1", "i": "1", "s": "5", "e": "3", "b": "8"}
            idx = [k for k in range(1, len(word) - 1) if word[k] in swaps]
            if not idx:
                continue
            k = rng.choice(idx)
            bad = word[:k] + swaps[word[k]] + word[k + 1:]
        if bad == word or bad in lexicon.freq:  # type: ignore[attr-defined]
            continue
        out.append(text[pos:m.start()])
        gold.append((sum(len(p) for p in out), bad, word))
        out.append(bad)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--kb", type=int, default=200)
    parser.add_argument("--muc", type=int, default=40)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    resources = Resources(Config())
    lexicon = resources.get(LEXICON_KEY, load_text_lexicon)
    gold_dir = args.shared / "gold"

    texts: list[str] = []
    for name in ("plover", "case2021_task2"):
        texts += read_texts(gold_dir / f"{name}.dev.jsonl", args.kb * 1000)
    chars = sum(len(t) for t in texts)
    changes = [(f.from_text, f.to_text) for t in texts for f in find_repairs(t, lexicon)]
    print(f"false-fix check: {len(texts)} texts, {chars:,} chars, {len(changes)} changes")
    for change in changes:
        print("   ", change)

    rng = random.Random(20240501)
    tp = fp = fn = 0
    for text in texts:
        bad_text, gold = inject(text, rng, lexicon)
        gold_at = {(start, bad): good for start, bad, good in gold}
        found = {(f.start, f.from_text): f.to_text for f in find_repairs(bad_text, lexicon)}
        for key, good in gold_at.items():
            if found.get(key) == good:
                tp += 1
            else:
                fn += 1
                if args.verbose and fn < 40:
                    print("    missed", key[1], "->", good, "got", found.get(key))
        fp += sum(1 for key, fixed in found.items() if gold_at.get(key) != fixed)
    print(f"injected typos: {tp + fn}; fixed correctly {tp}; wrong or spurious changes {fp}; "
          f"precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}")

    nlp = resources.nlp
    muc = [json.loads(line) for line in (gold_dir / "muc4.dev.jsonl").read_text(encoding="utf-8").split("\n")
           if line.strip()][: args.muc]
    wanted = {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC"}
    for label, transform in (("all caps", lambda t: t), ("truecased", lambda t: truecase(t, lexicon))):
        hit = total = found_ents = typed_hit = 0
        for record in muc:
            text = transform(record["text"])
            doc = nlp(text)
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in wanted]
            found_ents += len(ents)
            upper = record["text"].upper()
            for event in record["events"]:
                if event.get("optional"):
                    continue
                loc = event.get("location") or {}
                place = loc.get("name", "").split(":")[-1].split("(")[0].strip() or None
                names = [
                    (event.get("actor1"), ("ORG", "PERSON", "NORP")),
                    (event.get("actor2"), ("ORG", "PERSON", "NORP", "FAC")),
                    (place, ("GPE", "LOC", "FAC")),
                ]
                for name, labels in names:
                    if not name or not isinstance(name, str):
                        continue
                    key = name.upper().split(" (")[0].strip()
                    where = upper.find(key)
                    if where < 0:
                        continue
                    total += 1
                    if any(s < where + len(key) and where < e for s, e, _ in ents):
                        hit += 1
                    if any(s < where + len(key) and where < e and lab in labels for s, e, lab in ents):
                        typed_hit += 1
        print(f"MUC-4 first {len(muc)} docs, {label}: {found_ents} PERSON/GPE/LOC/ORG/NORP/FAC entities; "
              f"gold actor/target/location strings covered by an entity: {hit}/{total} = {hit / max(1, total):.3f}; "
              f"by an entity of the right kind: {typed_hit}/{total} = {typed_hit / max(1, total):.3f}")


if __name__ == "__main__":
    main()
