"""The ingest / events / show / export commands, with the extraction pipeline replaced by a hand-built stand-in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventsift.cli.main import main


def fake_records(items: Iterable[Any], pipeline: object, **_: object) -> Iterator[dict[str, Any]]:
    """One ASSAULT event per item, located in Ashford, dated on publication."""
    for item in items:
        day = item.published.isoformat() if item.published else "2021-03-04"
        errors = [{"code": e.code, "message": e.message} for e in item.errors]
        yield {"id": item.id, "source": {"outlet": item.outlet, "url": item.url, "published": day,
                                         "title": item.title},
               "repairs": [], "places": [], "errors": errors,
               "events": [] if not item.codable else [{
                   "id": f"ev-{item.id}", "plover": {"type": "ASSAULT", "mode": None, "context": [], "aux": None},
                   "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
                   "cameo": "180", "actors": [{"role": "actor", "text": "gunmen", "name": "gunmen", "country": None,
                                               "sector": None, "span": [0, 6]}],
                   "claimant": None, "date": {"start": day, "end": day, "precision": "day", "text": None,
                                              "span": None},
                   "location": {"text": "Ashford", "name": "Ashford", "geonameid": None, "lat": 51.15, "lon": 0.87,
                                "country": "GBR", "admin1": None, "precision": "place", "span": None},
                   "casualties": {"killed": 2, "injured": None, "arrested": None, "spans": {}},
                   "evidence": {"text": item.text[:60], "span": [0, min(60, len(item.text))]}, "confidence": 0.9,
                   "cluster": None}]}


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import eventsift.pipeline
    import eventsift.workflows

    monkeypatch.setattr(eventsift.workflows, "extract_records", fake_records)
    monkeypatch.setattr(eventsift.pipeline.Pipeline, "from_config", classmethod(lambda cls, *a, **k: object()))
    lines = [{"id": "a", "text": "Gunmen attacked the Elm Street market in Ashford, killing two.",
              "published": "2021-03-04", "title": "Two killed in Ashford market attack", "outlet": "one.example"},
             {"id": "b", "text": "Two people died when gunmen attacked Ashford's Elm Street market.",
              "published": "2021-03-04", "title": "Ashford market attack kills two", "outlet": "two.example"}]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines) + "{not json\n", encoding="utf-8")
    return path


def test_cli_ingest_twice_then_query(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "e.db")
    assert main(["ingest", str(corpus), "--db", db]) == 1  # the malformed line is a listed document error
    err = capsys.readouterr().err
    assert "2 new" in err or "3 new" in err
    assert "document error" in err
    assert main(["ingest", str(corpus), "--db", db]) == 0
    assert "0 new" in capsys.readouterr().err
    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    events = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(events) == 1 and events[0]["n_reports"] == 2
    assert main(["events", "--db", db, "--near", "51.1,0.9,30", "--text", "market \"'; DROP", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,")
    assert main(["show", events[0]["id"], "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "one.example" in shown and "two.example" in shown and "evidence" in shown
    assert main(["show", "missing", "--db", db]) == 1


def test_cli_events_bad_bbox_is_an_error(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "e.db")
    main(["ingest", str(corpus), "--db", db])
    capsys.readouterr()
    assert main(["events", "--db", db, "--bbox", "0,0,500,10"]) == 2
    assert "out of range" in capsys.readouterr().err


def test_cli_export_formats(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "e.db")
    main(["ingest", str(corpus), "--db", db])
    for fmt in ("acled-csv", "plover-jsonl", "cameo-tsv", "geojson", "records-jsonl"):
        out = tmp_path / f"x.{fmt}"
        assert main(["export", "--db", db, "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
    assert main(["export", "--db", str(tmp_path / "absent.db"), "--format", "geojson"]) == 2
    assert "no database at" in capsys.readouterr().err
