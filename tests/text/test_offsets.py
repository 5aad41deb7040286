"""OffsetMap and edit composition: every clean span maps back to the original text it came from."""

from __future__ import annotations

import random

import pytest

from eventsift.model import Document, OffsetMap
from eventsift.text.offsets import Replacement, compose_edits, rewrite


def _random_replacements(rng: random.Random, text: str) -> list[Replacement]:
    reps: list[Replacement] = []
    pos = 0
    while pos < len(text):
        pos += rng.randint(0, 6)
        if pos > len(text):
            break
        end = min(len(text), pos + rng.choice([0, 0, 1, 1, 2, 3]))
        new = "".join(rng.choice("XYZ") for _ in range(rng.choice([0, 1, 1, 2, 4])))
        if end > pos or new:
            reps.append(Replacement(pos, end, new))
        pos = end + 1
    return reps


def _provenance(text: str, reps: list[Replacement], origin: list[set[int]]) -> list[set[int]]:
    """Brute force: for each character of the rewritten text, the set of original offsets it came from."""
    out: list[set[int]] = []
    pos = 0
    for rep in reps:
        out.extend(origin[pos:rep.start])
        group: set[int] = set().union(*origin[rep.start:rep.end]) if rep.end > rep.start else set()
        out.extend(set(group) for _ in rep.new)
        pos = rep.end
    out.extend(origin[pos:])
    return out


@pytest.mark.parametrize("seed", range(40))
def test_offsets_compose_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    original = "".join(rng.choice("abcd ") for _ in range(rng.randint(0, 60)))
    text, edits = original, []
    origin = [{i} for i in range(len(original))]
    for _ in range(3):
        reps = _random_replacements(rng, text)
        origin = _provenance(text, [r for r in reps if text[r.start:r.end] != r.new], origin)
        text, step = rewrite(text, reps)
        edits = compose_edits(edits, step)
    offsets = OffsetMap(edits)
    assert len(origin) == len(text)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 6) + 1):
            o_start, o_end = offsets.to_original(start), offsets.to_original(end, is_end=True)
            covered = set().union(*origin[start:end])
            assert 0 <= o_start <= o_end <= len(original)
            assert all(o_start <= i < o_end for i in covered)  # the span covers everything it came from
            singles = [next(iter(o)) for o in origin[start:end] if len(o) == 1]
            unchanged = len(singles) == end - start and singles == list(range(singles[0], singles[0] + len(singles)))
            if unchanged and original[singles[0]:singles[-1] + 1] == text[start:end]:
                assert original[o_start:o_end] == text[start:end]


def test_offsets_identity_without_edits() -> None:
    assert OffsetMap().to_original(7) == 7


def test_offsets_deletion_end_maps_before_removed_text() -> None:
    doc = Document("d", "ab<i>cd")
    clean, edits = rewrite(doc.text, [Replacement(2, 5, "")])
    doc.clean, doc.offsets = clean, OffsetMap(edits)
    assert clean == "abcd"
    assert doc.to_original(0, 2) == (0, 2)  # "ab" ends before the tag
    assert doc.to_original(2, 4) == (5, 7)  # "cd" starts after it
    assert doc.to_original(0, 4) == (0, 7)


def test_offsets_inside_edit_maps_to_whole_edit() -> None:
    offsets = OffsetMap([(3, 11, 3, 11)])
    assert offsets.to_original(5) == 3
    assert offsets.to_original(6, is_end=True) == 11
    assert offsets.to_original(12) == 12


def test_offsets_rewrite_rejects_overlap() -> None:
    from eventsift.errors import EventsiftError

    with pytest.raises(EventsiftError, match="overlaps"):
        rewrite("abcdef", [Replacement(0, 3, "x"), Replacement(2, 4, "y")])
