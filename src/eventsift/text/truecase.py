"""Case restoration for ALL-CAPS wire copy, keeping the text's length so every offset still holds.

A lexicon-based truecaser: lower-case everything, then capitalise sentence starts, "I", known names (multi-word
gazetteer phrases first, then single words), words the English dictionary does not know (mostly names), words
after a title ("PRESIDENT ALFREDO CRISTIANI"), and keep known acronyms and vowel-less abbreviations upper case.
"""

from __future__ import annotations

import itertools
import re

from eventsift.text.lexicon import TextLexicon

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9][A-Za-z0-9'’]*)*")
TITLES = frozenset(
    "president gen general col colonel maj major capt captain lt lieutenant sgt sergeant mr mrs ms dr father bishop "
    "archbishop monsignor senator sen deputy mayor judge minister ambassador commander cmdr adm admiral comrade "
    "governor gov prof professor rev reverend msgr vice-president king queen prince sheikh".split()
)
MONTH_VERBS = frozenset({"may", "march"})
SHORT_TITLES = {"mr": "Mr", "mrs": "Mrs", "ms": "Ms", "dr": "Dr", "st": "St", "jr": "Jr", "sr": "Sr", "lt": "Lt"}
SENTENCE_END = re.compile(r"(?:[.!?:]|--|\n\s*\n|\[(?:TEXT|EXCERPT|EXCERPTS|REPORT|COMMUNIQUE|QUOTE)\])[\"'“‘(\[\s]*$",
                          re.IGNORECASE)
FUNCTION_WORDS = frozenset("the of by in on at to and for from with a an de del la las los el y".split())
COMMON_FREQ = 20_000_000  # an acronym spelled like a word this frequent (WHO, US, IS) needs context to stay upper
OPENERS = " \t\n\"'“‘(["
VOWELS = frozenset("aeiouy")
SURNAME_FREQ = 3_000_000  # a word after a given name is read as a surname only when rarer than this


def is_all_caps(text: str, *, min_letters: int = 40, share: float = 0.8) -> bool:
    """True when at least ``share`` of the cased letters are upper case (and there are enough letters to judge)."""
    upper = lower = 0
    for char in text:
        if char.isupper():
            upper += 1
        elif char.islower():
            lower += 1
    return upper + lower >= min_letters and upper >= share * (upper + lower)


def _lower_same_length(text: str) -> list[str]:
    return [c.lower() if len(c.lower()) == 1 else c for c in text]


def truecase(text: str, lexicon: TextLexicon) -> str:
    """Return ``text`` with its case restored; the result has exactly the length of ``text``."""
    chars = _lower_same_length(text)
    tokens = list(TOKEN.finditer(text))
    done: set[int] = set()
    _apply_phrases(text, tokens, chars, lexicon, done)
    after_title = 0
    for i, match in enumerate(tokens):
        word = match.group()
        key = word.lower()
        start = match.start()
        if i not in done:
            form = _word_form(text, match, lexicon, next_is_number=_next_is_number(tokens, i))
            if form is None and after_title and key not in lexicon.lower and len(key) > 2 and not _inflected(
                    key, lexicon):
                form = word[0].upper() + key[1:]
            if form is not None and len(form) == len(word):
                chars[start:match.end()] = list(form)
        if _starts_sentence(text, start):
            _capitalise_first(chars, start, match.end())
        after_title = 3 if key.rstrip(".") in TITLES else max(0, after_title - 1)
    _capitalise_expansions(text, tokens, chars)
    _capitalise_names(text, tokens, chars, lexicon)
    return "".join(chars)


def _capitalise_names(text: str, tokens: list[re.Match[str]], chars: list[str], lexicon: TextLexicon) -> None:
    """Capitalise a person's name that starts with a given name: "GUSTAVO GUERRA" and "TREASURER OSCAR MERINO" are
    names although "guerra" and "oscar" are also words; up to three words after the given name that are rarer than
    common English words (not "said", "police") and not inflected English ("decreed", "mercenaries")."""
    for i, match in enumerate(tokens):
        if match.group().lower() not in lexicon.given_names:
            continue
        run = [i]
        for j in range(i + 1, min(i + 4, len(tokens))):
            if text[tokens[j - 1].end():tokens[j].start()] != " " or tokens[j - 1].group().lower().endswith(
                    ("'s", "’s")):
                break  # a name ends at a gap other than a space, or at its possessive ("GALAN'S ASSASSINATION")
            word = tokens[j].group()
            key = word.lower()
            named = key in lexicon.given_names or (chars[tokens[j].start()].isupper() and key not in lexicon.lower)
            if not named and not _surname_like(key, lexicon):
                break
            run.append(j)
        if len(run) < 2:
            continue
        for j in run:
            _capitalise_first(chars, tokens[j].start(), tokens[j].end())


def _surname_like(word: str, lexicon: TextLexicon) -> bool:
    """Whether a word after a given name reads as a surname: letters only, not a word usually lower case, rarer than
    the common words a name is followed by, and not an inflected English word."""
    if not word.isalpha() or len(word) < 3 or word in lexicon.lower or word in FUNCTION_WORDS:
        return False
    if lexicon.freq.get(word, 0) >= SURNAME_FREQ or _inflected(word, lexicon):
        return False
    stem = (word[:-3] + "y" if word.endswith("ies") else word[:-2] if word.endswith("es")
            else word[:-1] if word.endswith("s") else "")
    return not stem or lexicon.freq.get(stem, 0) < SURNAME_FREQ // 10


def _capitalise_expansions(text: str, tokens: list[re.Match[str]], chars: list[str]) -> None:
    """Capitalise a name spelled out before its bracketed abbreviation: "NATIONAL LIBERATION FRONT [FMLN]"."""
    for i, match in enumerate(tokens):
        if not _bracketed(text, match) or not match.group().isalpha():
            continue
        run: list[re.Match[str]] = []
        j = i - 1
        while j >= 0 and len(run) < 6 and tokens[j].group().lower() not in FUNCTION_WORDS:
            gap = text[tokens[j].end():(run[-1].start() if run else match.start() - 1)]
            if gap.strip():
                break
            run.append(tokens[j])
            j -= 1
        if run and run[-1].group()[0].lower() == match.group()[0].lower():
            for word in run:
                _capitalise_first(chars, word.start(), word.end())


def _starts_sentence(text: str, start: int) -> bool:
    prefix = text[max(0, start - 16):start]
    if start - len(prefix) == 0 and not prefix.strip(OPENERS):
        return True
    return SENTENCE_END.search(prefix) is not None


def _next_is_number(tokens: list[re.Match[str]], i: int) -> bool:
    near = [tokens[j].group() for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    return any(t.isdigit() for t in near)


def _capitalise_first(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k].isalpha():
            upper = chars[k].upper()
            if len(upper) == 1:
                chars[k] = upper
            return


def _apply_phrases(text: str, tokens: list[re.Match[str]], chars: list[str], lexicon: TextLexicon,
                   done: set[int]) -> None:
    """Case multi-word names (longest first, up to four words) found in the gazetteer phrase list."""
    i = 0
    while i < len(tokens):
        for n in (4, 3, 2):
            if i + n > len(tokens):
                continue
            span = tokens[i:i + n]
            gaps = [text[a.end():b.start()] for a, b in itertools.pairwise(span)]
            if any(g not in (" ", "\n") for g in gaps):
                continue
            key = " ".join(t.group().lower() for t in span)
            form = lexicon.phrases.get(key)
            if form is not None and len(form) == span[-1].end() - span[0].start():
                start = span[0].start()
                for k, char in enumerate(form):
                    if not text[start + k].isspace():
                        chars[start + k] = char
                done.update(range(i, i + n))
                i += n
                break
        else:
            i += 1


def _word_form(text: str, match: re.Match[str], lexicon: TextLexicon, *, next_is_number: bool) -> str | None:
    """The cased form of one word, or None to leave it lower case."""
    word = match.group()
    key = word.lower()
    if any(c.isdigit() for c in word):
        return word  # M-16, AK-47, 3RD: leave as written
    if word.upper() in lexicon.acronyms and (
        _bracketed(text, match) or (lexicon.freq.get(key, 0) < COMMON_FREQ and len(word) > 1)
        or text[max(0, match.start() - 4):match.start()].lower() == "the "
    ):
        return word.upper()
    if key == "i":
        return "I"
    if key in SHORT_TITLES:
        return SHORT_TITLES[key]
    if key in MONTH_VERBS:
        return word.capitalize() if next_is_number else None
    if len(key) >= 2 and not (set(key) & VOWELS) and key.isalpha():
        return word.upper()  # FMLN, PCN: vowel-less letter groups are abbreviations
    if _bracketed(text, match) and len(key) <= 6 and key not in lexicon.freq:
        return word.upper()  # "[FMLN]", "(UCA)": an abbreviation given after a name
    if key in lexicon.proper:
        return lexicon.proper[key]
    base = key[:-2] if key.endswith(("'s", "’s")) else key
    if base in lexicon.forms:
        return lexicon.forms[base] + key[len(base):]
    if key in lexicon.lower:
        return None
    parts = base.split("-")
    if all(p and p not in lexicon.freq and len(p) >= 3 for p in parts):
        return "-".join(p.capitalize() for p in parts) + key[len(base):]
    return None


def _inflected(word: str, lexicon: TextLexicon) -> bool:
    """An English verb or adverb form ("decreed", "hypocritically", "leading"): not part of a name."""
    return word.endswith(("ed", "ly", "ing")) and word in lexicon.freq


def _bracketed(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1:match.start()]
    after = text[match.end():match.end() + 1]
    return before in ("(", "[") and after in (")", "]")
