"""Rewrite a text with replacements while keeping an exact map from the new text back to the original.

Every text-changing step (normalise, repair) produces a list of replacements on its input; :func:`rewrite` applies
them and :func:`compose_edits` chains the step's edits with the edits already made, so the final
:class:`~eventsift.model.OffsetMap` always goes from the final clean text straight to the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eventsift.errors import EventsiftError

Edit = tuple[int, int, int, int]  # (clean_start, clean_end, orig_start, orig_end)


@dataclass(frozen=True, slots=True)
class Replacement:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


def rewrite(text: str, replacements: Iterable[Replacement]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping replacements to ``text``.

    Returns:
        The new text and its edits ``(new_start, new_end, old_start, old_end)``, in order; replacements that change
        nothing are dropped.

    Raises:
        EventsiftError: two replacements overlap or one falls outside the text (a bug in the calling step).
    """
    parts: list[str] = []
    edits: list[Edit] = []
    pos = 0
    shift = 0
    for rep in sorted(replacements, key=lambda r: (r.start, r.end)):
        if rep.start < pos or rep.end < rep.start or rep.end > len(text):
            raise EventsiftError(
                f"replacement {rep!r} overlaps an earlier one or falls outside a text of {len(text)} characters; "
                "this is a bug in the text stage that produced it, please report it with the input text"
            )
        if text[rep.start:rep.end] == rep.new:
            continue
        parts.append(text[pos:rep.start])
        new_start = rep.start + shift
        parts.append(rep.new)
        edits.append((new_start, new_start + len(rep.new), rep.start, rep.end))
        shift += len(rep.new) - (rep.end - rep.start)
        pos = rep.end
    parts.append(text[pos:])
    return "".join(parts), edits


def compose_edits(outer: list[Edit], inner: list[Edit]) -> list[Edit]:
    """Chain two edit lists: ``outer`` maps text B to A, ``inner`` maps text C to B; the result maps C to A.

    Edits of the two lists that overlap in B merge into one edit, so every edit of the result is exact: the text of
    C inside it came from the text of A inside it, and text outside edits is unchanged.
    """
    if not inner:
        return list(outer)
    if not outer:
        return list(inner)
    # Everything in B coordinates: (b_start, b_end, kind, index); sorted so zero-width edits come first at a tie.
    items = [(e[0], e[1], 0, i) for i, e in enumerate(outer)] + [(e[2], e[3], 1, i) for i, e in enumerate(inner)]
    items.sort(key=lambda it: (it[0], it[1], it[2]))
    result: list[Edit] = []
    shift_a = 0  # offset in A minus offset in B, for unchanged text after the edits seen so far
    shift_c = 0  # offset in C minus offset in B
    k = 0
    while k < len(items):
        b_start, b_end = items[k][0], items[k][1]
        group = [items[k]]
        k += 1
        while k < len(items) and items[k][0] < b_end:
            b_end = max(b_end, items[k][1])
            group.append(items[k])
            k += 1
        grow_a = sum((outer[i][3] - outer[i][2]) - (outer[i][1] - outer[i][0]) for _, _, kind, i in group if kind == 0)
        grow_c = sum((inner[i][1] - inner[i][0]) - (inner[i][3] - inner[i][2]) for _, _, kind, i in group if kind == 1)
        a_start = b_start + shift_a
        c_start = b_start + shift_c
        a_end = b_end + shift_a + grow_a
        c_end = b_end + shift_c + grow_c
        result.append((c_start, c_end, a_start, a_end))
        shift_a += grow_a
        shift_c += grow_c
    return result


