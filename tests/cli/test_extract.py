"""``eventsift extract`` end to end: one record per input, bad input reported, exit code says if anything failed."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from eventsift.cli.main import main
from eventsift.record import load_record_schema

ATTACK = "Gunmen attacked a police post near Gao on Monday, killing two officers, the army said."


def read_records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line]


def test_extract_corpus_with_bad_lines_keeps_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "good", "text": ATTACK, "published": "2024-03-13", "outlet": "Sahel Wire"}).encode(),
        b'{"id": "broken", "text": ',
        json.dumps({"id": "empty", "text": "   "}).encode(),
        json.dumps({"id": "latin", "text": "x"}).encode().replace(b'"x"', b'"Protest in Bogot\xe1"'),
        json.dumps({"id": "notext", "title": "only a title"}).encode(),
    ]
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "events.jsonl"
    code = main(["extract", str(corpus), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert code == 1
    records = read_records(out)
    assert [r["id"] for r in records] == ["good", "corpus-2", "empty", "latin", "notext", "missing"]
    schema = load_record_schema()
    for rec in records:
        jsonschema.validate(rec, schema)
    codes = {r["id"]: [e["code"] for e in r["errors"]] for r in records}  # type: ignore[index]
    assert codes["good"] == [] and records[0]["events"]
    assert codes["corpus-2"] == ["malformed_json"]
    assert "empty_text" in codes["empty"]
    assert "invalid_utf8" in codes["latin"]
    assert codes["notext"] == ["missing_text"]
    assert codes["missing"] == ["missing_file"]
    err = capsys.readouterr().err
    assert "missing.txt" in err and "not coded" in err


def test_extract_binary_and_huge_files(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    huge = tmp_path / "huge.txt"
    huge.write_text((ATTACK + " ") * 600_000, encoding="utf-8")  # about 50 MB
    out = tmp_path / "events.jsonl"
    assert main(["extract", str(binary), str(huge), "-o", str(out), "--max-chars", "5000"]) == 1
    photo, big = read_records(out)
    assert [e["code"] for e in photo["errors"]] == ["binary"]  # type: ignore[index]
    assert "truncated" in [e["code"] for e in big["errors"]]  # type: ignore[index]
    assert big["events"]


def test_extract_stdin_text_prints_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ATTACK.encode("utf-8"))))
    assert main(["extract", "-", "--published", "2024-03-13", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == "stdin" and record["source"]["published"] == "2024-03-13"
    types = [e["plover"]["type"] for e in record["events"]]
    assert "ASSAULT" in types


def test_extract_summary_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_text(ATTACK, encoding="utf-8")
    assert main(["extract", str(path), "--published", "2024-03-13"]) == 0
    out = capsys.readouterr().out
    assert "1 documents" in out and "ASSAULT" in out and "2024-03-11" in out
