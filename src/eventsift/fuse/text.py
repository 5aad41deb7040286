"""Text similarity for fusion: TF-IDF cosine with IDF taken from a general English word-frequency list.

A corpus IDF would change as documents arrive and make fusion order-dependent; a fixed list (symspellpy's 82,765-word
frequency dictionary, already a dependency) keeps scores stable, and words it lacks (names of streets, people,
towns) get the highest weight, which is what identifies an incident.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eventsift.errors import DataFileError

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
MIN_IDF = 1.0
Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class TermWeights:
    """IDF-like weights per lower-cased word; unknown words get ``unknown``."""

    idf: dict[str, float]
    unknown: float

    def vectorise(self, text: str) -> Vector:
        """An L2-normalised TF-IDF vector of ``text`` (sublinear term frequency; stopwords weigh almost nothing)."""
        counts = Counter(t.lower() for t in TOKEN.findall(text) if len(t) > 1 or t.isdigit())
        vec = {t: (1.0 + math.log(n)) * self.idf.get(t, self.unknown) for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two normalised vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def load_term_weights(path: Path | None = None) -> TermWeights:
    """Build IDF weights from a ``word count`` frequency list (symspellpy's English dictionary by default).

    Raises:
        DataFileError: the list cannot be read.
    """
    if path is None:
        import symspellpy

        path = Path(symspellpy.__file__).with_name("frequency_dictionary_en_82_765.txt")
    counts: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    counts[parts[0].lower()] = int(parts[1])
    except OSError as exc:
        raise DataFileError(f"word-frequency list {path} cannot be read ({exc}); reinstall symspellpy") from exc
    if not counts:
        raise DataFileError(f"word-frequency list {path} holds no 'word count' lines")
    top = max(counts.values())
    idf = {w: max(MIN_IDF, math.log(top / n)) for w, n in counts.items()}
    return TermWeights(idf=idf, unknown=math.log(top / min(counts.values())) + 1.0)
