"""Exports: ACLED CSV readable by pandas with ACLED's columns, valid GeoJSON, records with clusters, Parquet."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import add, make_record
from eventsift.errors import ConfigError
from eventsift.store import SqlStore, open_store
from eventsift.store.export import ACLED_COLUMNS, FORMATS, export_store


@pytest.fixture()
def filled(tmp_path: Path) -> SqlStore:
    st = open_store(tmp_path / "x.db")
    add(st, make_record("a", title="Gunmen attack market in Ashford", killed=3))
    add(st, make_record("b", title="Gunmen attack market in Ashford", killed=4))
    add(st, make_record("c", title="Talks in Carlow", plover="CONSULT", lat=52.84, lon=-6.93, country="IRL",
                        killed=None, date="2021-05-01"))
    return st


def test_export_acled_csv_reads_in_pandas(filled: SqlStore) -> None:
    pd = pytest.importorskip("pandas")
    buf = io.StringIO()
    assert export_store(filled, "acled-csv", buf) == 2
    frame = pd.read_csv(io.StringIO(buf.getvalue()))
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert {"event_id_cnty", "event_date", "fatalities", "latitude", "longitude"} <= set(frame.columns)
    assert sorted(frame["country"]) == ["Ireland", "United Kingdom"]
    assert frame.loc[frame["country"] == "United Kingdom", "fatalities"].item() == 3


def test_export_geojson_is_valid(filled: SqlStore) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    buf = io.StringIO()
    export_store(filled, "geojson", buf)
    data = json.loads(buf.getvalue())
    point = {"type": "object", "required": ["type", "coordinates"],
             "properties": {"type": {"const": "Point"},
                            "coordinates": {"type": "array", "minItems": 2, "maxItems": 3,
                                            "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180},
                                                            {"type": "number", "minimum": -90, "maximum": 90}]}}}
    schema = {"type": "object", "required": ["type", "features"],
              "properties": {"type": {"const": "FeatureCollection"},
                             "features": {"type": "array", "items": {
                                 "type": "object", "required": ["type", "geometry", "properties"],
                                 "properties": {"type": {"const": "Feature"}, "geometry": point,
                                                "properties": {"type": ["object", "null"]}}}}}}
    jsonschema.validate(data, schema)
    assert len(data["features"]) == 2


def test_export_records_carry_cluster(filled: SqlStore) -> None:
    buf = io.StringIO()
    assert export_store(filled, "records-jsonl", buf) == 3
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert records[0]["events"][0]["cluster"] == records[1]["events"][0]["cluster"]
    assert records[2]["events"][0]["cluster"] != records[0]["events"][0]["cluster"]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_export_every_text_format_writes(filled: SqlStore, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"out.{fmt}"
    assert export_store(filled, fmt, path) >= 2
    assert path.stat().st_size > 0


def test_export_parquet(filled: SqlStore, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "out.parquet"
    assert export_store(filled, "parquet", path) == 2
    assert pq.read_table(str(path)).num_rows == 2
    with pytest.raises(ConfigError, match="binary"):
        export_store(filled, "parquet", io.StringIO())


def test_export_unknown_format(filled: SqlStore) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        export_store(filled, "xml", io.StringIO())
