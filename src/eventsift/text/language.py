"""Cheap checks on what a text is: its language (script and stopword ratios) and whether it is a table or list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventsift.text.lexicon import TextLexicon

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 8  # below this the stopword test is not trusted and the text is taken as English
MIN_FOREIGN_SCRIPT = 0.5  # share of letters in another script that makes a text foreign


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The detected language (ISO 639-1-like code or a script name) and the evidence for it."""

    code: str
    name: str
    evidence: str


def detect_language(text: str, lexicon: TextLexicon) -> LanguageGuess:
    """Guess the language of ``text``: a non-Latin script wins, else the language whose function words are commonest."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        code = ord(char)
        if code < 0x0250:
            continue  # Latin
        for script, _, ranges in lexicon.scripts:
            if any(first <= code <= last for first, last in ranges):
                counts[script] = counts.get(script, 0) + 1
                break
    if letters and counts:
        script, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= MIN_FOREIGN_SCRIPT * letters:
            name = next(lang for s, lang, _ in lexicon.scripts if s == script)
            return LanguageGuess(script.lower(), name, f"{n / letters:.0%} of the letters are {script} script")
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return LanguageGuess("en", "English", f"only {len(words)} words: too short to judge, taken as English")
    ratios = {lang.code: sum(w in lang.words for w in words) / len(words) for lang in lexicon.languages}
    best = max(ratios, key=lambda c: ratios[c])
    english = ratios.get("en", 0.0)
    lang = next(lang for lang in lexicon.languages if lang.code == best)
    if best != "en" and ratios[best] >= 0.12 and ratios[best] > 1.5 * english:
        return LanguageGuess(best, lang.name, f"{ratios[best]:.0%} {lang.name} function words vs {english:.0%} English")
    return LanguageGuess("en", "English", f"{english:.0%} English function words")


def looks_like_table(text: str) -> bool:
    """True when ``text`` is mostly a table or list: nothing sentence-like, many short, numeric or separated lines."""
    lines = [line.strip() for line in re.split(r"[\n\u2028\u2029\u0085]", text) if line.strip()]
    if not lines:
        return False
    sentence_like = sum(
        1 for line in lines if len(line.split()) >= 6 and re.search(r"[.!?][\"'”’)]?$", line) and "|" not in line
    )
    if sentence_like:
        return False
    separated = sum(1 for line in lines if "|" in line or "\t" in line or re.search(r"\S {3,}\S", line))
    short = sum(1 for line in lines if len(line.split()) <= 5)
    chars = "".join(lines)
    digits = sum(c.isdigit() for c in chars) / max(1, len(chars))
    many = len(lines) >= 3
    return many and (separated >= 0.5 * len(lines) or short >= 0.6 * len(lines) or digits >= 0.3)
