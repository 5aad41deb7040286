"""Readers: every input yields items, bad input is reported per document and never stops the batch."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eventsift.ingest import read_inputs, to_document
from eventsift.ingest.jsonl import read_jsonl


def write_jsonl_lines(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n")
    return path


def test_ingest_jsonl_every_line_yields_one_item(tmp_path: Path) -> None:
    corpus = write_jsonl_lines(tmp_path / "c.jsonl", [
        json.dumps({"id": "a", "text": "Troops shelled the town.", "published": "2024-01-02", "outlet": "X"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Police arrested five men.", "published": "2 Jan"}),
    ])
    items = list(read_inputs([str(corpus)]))
    assert [i.id for i in items] == ["a", "c-2", "c-3", "b", "c"]
    assert items[0].published == dt.date(2024, 1, 2) and items[0].outlet == "X" and items[0].codable
    assert [e.code for e in items[1].errors] == ["malformed_json"] and not items[1].codable
    assert "c.jsonl:2" in items[1].errors[0].message
    assert not items[2].codable
    assert [e.code for e in items[3].errors] == ["missing_text"]
    assert items[4].codable and items[4].published is None
    assert [e.code for e in items[4].errors] == ["bad_published"]


def test_ingest_jsonl_splits_on_newline_only() -> None:
    text = "first line\u2028second\u0085third"
    stream = io.BytesIO((json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n").encode("utf-8"))
    items = list(read_jsonl(stream, "s.jsonl"))
    assert len(items) == 1 and items[0].text == text


def test_ingest_missing_file_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [e.code for i in items for e in i.errors] == ["missing_file", "empty_directory"]
    assert all(not i.codable for i in items)


def test_ingest_directory_of_text_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second report.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First report.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)], published=dt.date(2024, 5, 1)))
    assert [(i.id, i.text) for i in items] == [("a", "First report."), ("b", "Second report.")]
    assert all(i.published == dt.date(2024, 5, 1) for i in items)


def test_ingest_invalid_utf8_is_decoded_with_replacement(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Protesters marched in Bogot\xe1 on Monday.".encode("latin-1"))
    (item,) = read_inputs([str(path)])
    assert item.codable and "\ufffd" in item.text
    assert [e.code for e in item.errors] == ["invalid_utf8"]


@pytest.mark.parametrize("payload", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4])
def test_ingest_binary_data_is_not_coded(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(payload)
    (item,) = read_inputs([str(path)])
    assert not item.codable and item.errors[0].code == "binary"


def test_ingest_huge_text_is_truncated_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Gunmen attacked a convoy. " * 2000, encoding="utf-8")
    (item,) = read_inputs([str(path)])
    doc = to_document(item, max_chars=1000)
    assert len(doc.text) == 1000 and [e.code for e in doc.errors] == ["truncated"]
