"""Schema tests of the scorer vocabulary data file (eventsift/data/scoring_labels.json)."""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from typing import Any

import pytest

from eventsift.errors import DataFileError
from eventsift.evaluation.labels import LABELS_FILE, build_scoring_labels, load_scoring_labels


def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(importlib_resources.files("eventsift.data").joinpath(LABELS_FILE)
                                      .read_text("utf-8"))
    return data


def test_labels_file_has_version_and_documented_schema() -> None:
    data = shipped()
    assert data["version"]
    for key in data:
        if key not in ("version", "description"):
            assert key in data["description"], f"{key} is not described"


def test_labels_every_case_code_and_alias_names_a_sub_event_type() -> None:
    data = shipped()
    subs = set(data["acled_sub_event_types"])
    assert set(data["case_codes"].values()) <= subs
    assert set(data["sub_event_aliases"].values()) <= subs
    assert set(data["event_type_aliases"].values()) <= set(data["acled_sub_event_types"].values())
    assert not set(data["case_codes"]) & set(data["case_non_acled"])


def test_labels_claim_groups_and_police_pattern() -> None:
    labels = load_scoring_labels()
    assert set(labels.muc_claim_status.values()) == {"claimed", "accused", "reported"}
    assert labels.claim_group("Suspected by police") == "accused"
    assert labels.is_police(sector=None, texts=("two Constables", None))
    assert not labels.is_police(sector="CIV", texts=("shopkeepers",))


def test_build_scoring_labels_rejects_missing_keys_and_unknown_aliases() -> None:
    data = shipped()
    with pytest.raises(DataFileError, match="missing keys"):
        build_scoring_labels({k: v for k, v in data.items() if k != "case_codes"})
    with pytest.raises(DataFileError, match="unknown sub-event types"):
        build_scoring_labels({**data, "sub_event_aliases": {"x": "No such type"}})
