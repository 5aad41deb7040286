"""Wire datelines: the source a story names before its text ("SAN SALVADOR, 3 JAN 90 (RADIO X) -- [REPORT] [Y]").

The source in a dateline is who reports the story, never a participant in its events; the claims stage takes it as the
fallback claimant and the actors stage never makes it an actor.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"\A\s*[A-Za-z][^\n,()]{1,40}(?:,\s*\d{1,2}\s+[A-Za-z]{3,9}\s+\d{2,4})?\s*\(([^()\n]{2,60})\)\s*(?:--|-|–|—)"
)
DATELINE_REPORT = re.compile(r"\A[^\n]{0,120}?--\s*\[[A-Z ]+\]\s*\[([^\]\n]{2,80})\]")


def dateline_source(text: str) -> re.Match[str] | None:
    """The dateline match of ``text`` (group 1 is the source), or None when the text starts with no dateline."""
    return DATELINE.match(text) or DATELINE_REPORT.match(text)


def dateline_sources(text: str) -> list[tuple[int, int]]:
    """Character spans of every source a dateline names: the agency in brackets and the bracketed report source."""
    spans = [m.span(1) for m in (DATELINE.match(text), DATELINE_REPORT.match(text)) if m is not None]
    return sorted(set(spans))
