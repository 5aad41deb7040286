"""The shared data-file loader: every broken file fails the same clear way."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventsift.datafiles import data_path, read_json_file
from eventsift.errors import DataFileError

SCHEMA = {"type": "object", "required": ["version", "words"], "properties": {"words": {"type": "array"}}}


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "string 'version'"),
    ('{"words": []}', "string 'version'"),
    ('{"version": "1", "words": "oops"}', "at words"),
])
def test_datafiles_broken_files_name_file_and_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        read_json_file(path, schema=SCHEMA)
    assert str(path) in str(info.value)


def test_datafiles_missing_file_and_a_good_one(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        read_json_file(tmp_path / "absent.json")
    good = tmp_path / "good.json"
    good.write_text('{"version": "2", "words": ["a"]}', encoding="utf-8")
    assert read_json_file(good, schema=SCHEMA)["words"] == ["a"]


def test_datafiles_shipped_files_are_versioned() -> None:
    for path in sorted(data_path().rglob("*.json")):
        if path.name == "record.schema.json":
            continue
        assert isinstance(read_json_file(path)["version"], str), path
