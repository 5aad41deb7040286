"""Claim reconciliation: a fused event keeps every source's claim and summarises the casualty figures.

Each report contributes one claim: who asserts it (the claimant named in the text, else the outlet itself, status
"reported"), its status and its numbers. The summary gives low / best / high for killed and injured:

* low and high are the smallest and largest figure any non-denied claim gives;
* best is the most conservative credible figure, as ACLED codes fatalities: the smallest figure among claims that
  are not denials and not a party's own "claimed" figure (perpetrators inflate, and a denial is no count), falling
  back to the smallest non-denied figure when only such claims exist.

The event is flagged ``conflict`` when credible claims disagree on a figure, on the breakdown by side (3 police
killed vs 2 soldiers and 3 attackers), or when one party claims or accuses what another denies (a denial status, or
an accusation whose report names the party denying it in ``denied_by``).
"""

from __future__ import annotations

from typing import Any

COUNT_FIELDS: tuple[str, ...] = ("killed", "injured", "arrested")


def make_claim(record_source: dict[str, Any], document_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """The claim one report makes about its event."""
    cas = event.get("casualties") or {}
    claimant = event.get("claimant") or {}
    denier = claimant.get("denied_by") or {}
    outlet = record_source.get("outlet")
    return {
        "event_id": event.get("id"), "document_id": document_id, "source": outlet,
        "claimant": claimant.get("name") or claimant.get("text") or outlet,
        "claimant_country": claimant.get("country"), "claimant_sector": claimant.get("sector"),
        "status": claimant.get("status") or "reported",
        "killed": cas.get("killed"), "injured": cas.get("injured"), "arrested": cas.get("arrested"),
        "per_side": cas.get("per_side") or None,
        "denied_by": denier.get("name") or denier.get("text") or None,
    }


def _figures(claims: list[dict[str, Any]], key: str) -> dict[str, int | None]:
    valid = [c for c in claims if c["status"] != "denied" and isinstance(c.get(key), int)]
    credible = [c[key] for c in valid if c["status"] != "claimed"] or [c[key] for c in valid]
    values = [c[key] for c in valid]
    if not values:
        return {"low": None, "best": None, "high": None}
    return {"low": min(values), "best": min(credible), "high": max(values)}


def _side_key(per_side: list[dict[str, Any]] | None) -> tuple[tuple[str, int], ...] | None:
    if not per_side:
        return None
    return tuple(sorted((str(s.get("side") or s.get("name") or ""), int(s.get("killed") or 0)) for s in per_side))


def reconcile_claims(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """Summarise the claims of one fused event: figures, sources, and any conflict between claims.

    Args:
        claims: one dict per report, as made by :func:`make_claim`.

    Returns:
        ``{"claims", "killed": {low, best, high}, "injured": {...}, "sources", "conflict", "conflicts"}``.
    """
    conflicts: list[str] = []
    for key in ("killed", "injured"):
        values = sorted({c[key] for c in claims if c["status"] != "denied" and isinstance(c.get(key), int)})
        if len(values) > 1:
            conflicts.append(f"{key}: " + " vs ".join(str(v) for v in values))
    sides = {_side_key(c.get("per_side")) for c in claims if c["status"] != "denied"} - {None}
    if len(sides) > 1:
        conflicts.append("casualties by side differ between claims")
    statuses = {c["status"] for c in claims}
    deniers = sorted({str(c["denied_by"]) for c in claims if c.get("denied_by")})
    if ("denied" in statuses and statuses & {"claimed", "accused"}) or deniers:
        conflicts.append("one party claims or accuses, another denies" +
                         (f" ({', '.join(deniers)})" if deniers else ""))
    return {
        "claims": claims,
        "killed": _figures(claims, "killed"),
        "injured": _figures(claims, "injured"),
        "sources": sorted({str(c["source"]) for c in claims if c.get("source")}),
        "conflict": bool(conflicts),
        "conflicts": conflicts,
    }
