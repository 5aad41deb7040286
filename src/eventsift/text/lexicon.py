"""The word lists the text stages share: English frequencies (symspellpy), truecasing forms, languages, confusions.

Loaded once per process through :class:`~eventsift.resources.Resources` under :data:`LEXICON_KEY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventsift.config import Config
from eventsift.datafiles import data_path, read_json_file
from eventsift.errors import DataFileError

LEXICON_KEY = "text.lexicon"

#: Required top-level keys of each shipped data file under data/text/ (the schema checked at load).
SCHEMAS: dict[str, dict[str, type]] = {
    "languages.json": {"version": str, "languages": dict, "scripts": dict},
    "truecase.json": {"version": str, "forms": dict, "phrases": dict, "lower": list},
    "truecase_curated.json": {"version": str, "acronyms": list, "proper": list, "given_names": list},
    "protected_words.json": {"version": str, "words": list},
    "confusions.json": {"version": str, "ocr_digits": dict, "misspellings": dict},
}


@dataclass(frozen=True, slots=True)
class Language:
    """A language the stopword test knows: its display name and function words."""

    code: str
    name: str
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class TextLexicon:
    """Everything the normalise and repair stages look words up in."""

    symspell: Any  # symspellpy.SymSpell with the 82k-word English dictionary (distance 1)
    freq: dict[str, int]  # lower-case English word -> corpus count (the symspell dictionary itself)
    languages: tuple[Language, ...]
    scripts: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...]  # (script, language, ranges)
    forms: dict[str, str]
    phrases: dict[str, str]
    lower: frozenset[str]
    acronyms: frozenset[str]
    proper: dict[str, str]
    given_names: frozenset[str]  # lower case: a name starting with one is capitalised with its surname
    protected: frozenset[str]
    ocr_digits: dict[str, tuple[str, ...]]
    misspellings: dict[str, str]


def read_data_file(name: str, path: Path | None = None) -> dict[str, Any]:
    """Read a data/text JSON file and check its top-level schema.

    Raises:
        DataFileError: the file is missing, is not JSON, or lacks a required key of the right type.
    """
    where = path or data_path("text", name)
    data = read_json_file(where)
    for key, kind in SCHEMAS.get(name, {"version": str}).items():
        if not isinstance(data.get(key), kind):
            raise DataFileError(f"{where} needs a {kind.__name__} under {key!r}; fix the file or reinstall eventsift")
    return data


def load_symspell() -> Any:
    """Build a SymSpell (max edit distance 1) over symspellpy's shipped English frequency dictionary."""
    import symspellpy

    path = Path(symspellpy.__file__).parent / "frequency_dictionary_en_82_765.txt"
    sym = symspellpy.SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    if not sym.load_dictionary(str(path), term_index=0, count_index=1, encoding="utf-8"):
        raise DataFileError(f"symspellpy's dictionary {path} could not be loaded; reinstall symspellpy")
    return sym


def load_text_lexicon(config: Config) -> TextLexicon:
    """Loader for :data:`LEXICON_KEY`: read every text data file once."""
    del config  # the text lexicon has no options yet
    sym = load_symspell()
    langs = read_data_file("languages.json")
    truecase = read_data_file("truecase.json")
    curated = read_data_file("truecase_curated.json")
    protected = read_data_file("protected_words.json")
    confusions = read_data_file("confusions.json")
    return TextLexicon(
        symspell=sym,
        freq=sym.words,
        languages=tuple(
            Language(code, str(spec["name"]), frozenset(spec["words"])) for code, spec in langs["languages"].items()
        ),
        scripts=tuple(
            (script, str(spec["language"]), tuple((int(a), int(b)) for a, b in spec["ranges"]))
            for script, spec in langs["scripts"].items()
        ),
        forms=dict(truecase["forms"]),
        phrases=dict(truecase["phrases"]),
        lower=frozenset(truecase["lower"]),
        acronyms=frozenset(str(a).upper() for a in curated["acronyms"]),
        proper={str(p).lower(): str(p) for p in curated["proper"]},
        given_names=frozenset(str(n).lower() for n in curated["given_names"]),
        protected=frozenset(str(w).lower() for w in protected["words"]),
        ocr_digits={str(d): tuple(letters) for d, letters in confusions["ocr_digits"].items()},
        misspellings={str(k).lower(): str(v) for k, v in confusions["misspellings"].items()},
    )
