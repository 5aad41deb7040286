"""Exports of the store: ACLED-style CSV, PLOVER JSONL, CAMEO TSV, GeoJSON, Parquet, and the records themselves."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventsift.errors import ConfigError
from eventsift.store.sql import SqlStore, fused_details

FORMATS: tuple[str, ...] = ("acled-csv", "plover-jsonl", "cameo-tsv", "geojson", "parquet", "records-jsonl")
#: ACLED's export columns, in ACLED's order, so existing ACLED tooling reads the file.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
DISORDER = {"Battles": "Political violence", "Violence against civilians": "Political violence",
            "Explosions/Remote violence": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
GEO_PRECISION = {"place": 1, "admin2": 2, "admin1": 3, "country": 3}


def _country(iso3: str | None) -> tuple[str, str]:
    """(country name, ISO numeric code) of an ISO3 code, empty strings when unknown."""
    if not iso3:
        return "", ""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper())
    return (country.name, str(int(country.numeric))) if country else (iso3, "")


def _time_precision(start: str | None, end: str | None) -> int:
    if not start or not end or start == end:
        return 1
    days = (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days
    return 2 if days <= 7 else 3


def _fused_rows(store: SqlStore) -> Iterator[dict[str, Any]]:
    details = fused_details(store)
    for fused in store.iter_fused():
        extra = details.get(fused["id"], {"actors": {}, "evidence": None})
        fused["actor1"] = (extra["actors"].get("actor") or [""])[0]
        fused["actor2"] = (extra["actors"].get("recipient") or [""])[0]
        fused["assoc_actor_1"] = "; ".join((extra["actors"].get("actor") or [])[1:])
        fused["assoc_actor_2"] = "; ".join((extra["actors"].get("recipient") or [])[1:])
        fused["notes"] = extra["evidence"] or ""
        yield fused


def acled_row(fused: dict[str, Any]) -> dict[str, Any]:
    """One fused event as an ACLED CSV row (fatalities = the conservative best figure, 0 when unknown)."""
    name, numeric = _country(fused.get("country"))
    start = fused.get("date_start") or ""
    return {
        "event_id_cnty": fused["id"], "event_date": start, "year": start[:4],
        "time_precision": _time_precision(fused.get("date_start"), fused.get("date_end")),
        "disorder_type": DISORDER.get(fused.get("acled_event_type") or "", ""),
        "event_type": fused.get("acled_event_type") or "", "sub_event_type": fused.get("acled_sub_event_type") or "",
        "actor1": fused["actor1"], "assoc_actor_1": fused["assoc_actor_1"], "inter1": "",
        "actor2": fused["actor2"], "assoc_actor_2": fused["assoc_actor_2"], "inter2": "", "interaction": "",
        "civilian_targeting": "Civilian targeting" if fused.get("acled_event_type") == "Violence against civilians"
        else "",
        "iso": numeric, "region": "", "country": name, "admin1": fused.get("admin1") or "", "admin2": "",
        "admin3": "", "location": fused.get("location_name") or "", "latitude": fused.get("lat"),
        "longitude": fused.get("lon"), "geo_precision": GEO_PRECISION.get(fused.get("geo_precision") or "", ""),
        "source": "; ".join(fused["sources"]), "source_scale": "", "notes": fused["notes"],
        "fatalities": fused.get("killed_best") or 0, "tags": "conflicting claims" if fused["conflict"] else "",
        "timestamp": "",
    }


def plover_row(fused: dict[str, Any]) -> dict[str, Any]:
    """One fused event in PLOVER's event-data layout, with every claim kept."""
    return {
        "id": fused["id"], "date": fused.get("date_start"), "date_end": fused.get("date_end"),
        "event_type": fused.get("plover_type"), "source_actor": fused["actor1"] or None,
        "target_actor": fused["actor2"] or None, "country": fused.get("country"), "admin1": fused.get("admin1"),
        "geo_location": fused.get("location_name"), "latitude": fused.get("lat"), "longitude": fused.get("lon"),
        "geo_precision": fused.get("geo_precision"),
        "fatalities": {"low": fused.get("killed_low"), "best": fused.get("killed_best"),
                       "high": fused.get("killed_high")},
        "injuries": {"low": fused.get("injured_low"), "best": fused.get("injured_best"),
                     "high": fused.get("injured_high")},
        "conflicting_claims": fused["conflict"], "conflicts": fused["conflicts"], "claims": fused["claims"],
        "sources": fused["sources"], "n_reports": fused["n_reports"], "event_text": fused["notes"],
    }


CAMEO_COLUMNS: tuple[str, ...] = ("id", "date", "source", "target", "cameo", "plover_type", "country", "location",
                                  "latitude", "longitude", "fatalities", "sources")


def cameo_row(fused: dict[str, Any]) -> list[str]:
    """One fused event as a Phoenix/CAMEO-style TSV row."""
    values = [fused["id"], fused.get("date_start"), fused["actor1"], fused["actor2"], fused.get("cameo"),
              fused.get("plover_type"), fused.get("country"), fused.get("location_name"), fused.get("lat"),
              fused.get("lon"), fused.get("killed_best"), "; ".join(fused["sources"])]
    return ["" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in values]


def geojson_feature(fused: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Point feature of a located fused event (``None`` when it has no coordinates)."""
    if fused.get("lat") is None or fused.get("lon") is None:
        return None
    props = plover_row(fused)
    props.pop("latitude")
    props.pop("longitude")
    return {"type": "Feature", "id": fused["id"],
            "geometry": {"type": "Point", "coordinates": [float(fused["lon"]), float(fused["lat"])]},
            "properties": props}


def export_store(store: SqlStore, fmt: str, out: IO[str] | Path) -> int:
    """Write every fused event (or every record, for ``records-jsonl``) of ``store`` in ``fmt``; returns the count.

    ``parquet`` needs a file path; the text formats accept a path or an open text stream.

    Raises:
        ConfigError: an unknown format, or parquet to a stream.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("parquet is binary: give an output file with -o FILE.parquet")
        return _write_parquet(store, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return export_store(store, fmt, stream)
    n = 0
    if fmt == "records-jsonl":
        for record in store.iter_records():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "acled-csv":
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for fused in _fused_rows(store):
            writer.writerow(acled_row(fused))
            n += 1
    elif fmt == "plover-jsonl":
        for fused in _fused_rows(store):
            out.write(json.dumps(plover_row(fused), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "cameo-tsv":
        out.write("\t".join(CAMEO_COLUMNS) + "\n")
        for fused in _fused_rows(store):
            out.write("\t".join(cameo_row(fused)) + "\n")
            n += 1
    else:
        features = [f for f in (geojson_feature(x) for x in _fused_rows(store)) if f is not None]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
        n = len(features)
    return n


def _write_parquet(store: SqlStore, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError("parquet export needs pyarrow: pip install 'eventsift[export]'") from exc
    rows = []
    for fused in _fused_rows(store):
        row = plover_row(fused)
        for key in ("fatalities", "injuries"):
            for bound in ("low", "best", "high"):
                row[f"{key}_{bound}"] = row[key][bound]
            del row[key]
        row["claims"] = json.dumps(row["claims"], ensure_ascii=False)
        row["conflicts"] = "; ".join(row["conflicts"])
        row["sources"] = "; ".join(row["sources"])
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows), str(path))
    return len(rows)
