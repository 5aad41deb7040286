"""Tests of the evaluation runner with a fake pipeline (no model, no stages)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventsift.errors import InputError
from eventsift.evaluation.runner import (
    GoldSet,
    load_gold_sets,
    predict,
    predict_gold_set,
    read_jsonl,
    score_gold_sets,
    select_lines,
)
from eventsift.model import Casualties, Document, Event, Evidence, Plover


class FakePipeline:
    """Codes one ASSAULT event per document, killing the number of words "shot"; raises on texts with "boom"."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        docs = list(docs)
        self.batches.append(len(docs))
        for doc in docs:
            if "boom" in doc.text:
                raise RuntimeError("stage exploded")
            doc.events.append(Event(plover=Plover("ASSAULT"), evidence=Evidence(doc.text, (0, len(doc.text))),
                                    sentence=0, trigger=(0, 1),
                                    casualties=Casualties(killed=doc.text.count("shot"))))
        yield from docs


def gold_line(doc_id: str, text: str, dataset: str = "gunviolence", **fields: Any) -> dict[str, Any]:
    return {"id": doc_id, "dataset": dataset, "text": text, "published": "2020-02-02", "title": None,
            "outlet": "example.org", "url": None, "events": [], **fields}


def test_read_jsonl_splits_on_newline_only(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    lines = [gold_line("a", "one\u2028two\u0085three\rfour"), gold_line("b", "five")]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    assert [x["text"] for x in read_jsonl(path)] == ["one\u2028two\u0085three\rfour", "five"]


def test_read_jsonl_reports_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:2"):
        read_jsonl(path)


def test_load_gold_sets_requires_ids(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no \"id\""):
        load_gold_sets([path])


def test_select_lines_sample_is_stable_and_keeps_file_order() -> None:
    lines = [gold_line(f"d{i}", "x") for i in range(50)]
    first = select_lines(lines, sample=10, seed=3)
    assert first == select_lines(list(lines), sample=10, seed=3)
    assert len(first) == 10
    assert [lines.index(x) for x in first] == sorted(lines.index(x) for x in first)
    assert select_lines(lines, sample=10, seed=4) != first
    assert select_lines(lines, limit=5) == lines[:5]
    assert len(select_lines(lines, limit=5, sample=10)) == 5


def test_predict_keeps_gold_ids_and_order_and_survives_a_failing_document() -> None:
    lines = [gold_line("a", "two were shot, one shot dead"), gold_line("b", "boom"), gold_line("c", "calm day")]
    pipeline = FakePipeline()
    done: list[int] = []
    records = predict(lines, pipeline, batch_size=2, progress=done.append)
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert records[0]["events"][0]["casualties"]["killed"] == 2
    assert records[0]["source"]["published"] == "2020-02-02"
    assert records[1]["events"] == []
    assert records[1]["errors"][0]["code"] == "evaluation_failed"
    assert "stage exploded" in records[1]["errors"][0]["message"]
    assert len(records[2]["events"]) == 1
    assert sum(done) == 3


def test_predict_gold_set_clusters_gunviolence_and_exposes_event_cluster() -> None:
    gold = GoldSet(Path("gv.jsonl"), [gold_line("a", "shot"), gold_line("b", "shot again")])
    seen: dict[str, Any] = {}

    def clusterer(records: list[dict[str, Any]], texts: dict[str, str]) -> None:
        seen.update(texts)
        for record in records:
            for event in record["events"]:
                event["cluster"] = "incident-1"

    records = predict_gold_set(gold, FakePipeline(), clusterer=clusterer)
    assert seen == {"a": "shot", "b": "shot again"}
    assert [e["event_cluster"] for r in records for e in r["events"]] == ["incident-1", "incident-1"]


def test_predict_gold_set_other_sets_are_not_clustered() -> None:
    gold = GoldSet(Path("m.jsonl"), [gold_line("a", "shot", dataset="muc4")])

    def clusterer(records: list[dict[str, Any]], texts: dict[str, str]) -> None:
        raise AssertionError("must not be called")

    records = predict_gold_set(gold, FakePipeline(), clusterer=clusterer)
    assert "event_cluster" not in records[0]["events"][0]


def test_predict_gold_set_survives_a_failing_clusterer() -> None:
    gold = GoldSet(Path("gv.jsonl"), [gold_line("a", "shot")])

    def clusterer(records: list[dict[str, Any]], texts: dict[str, str]) -> None:
        raise ValueError("index broken")

    records = predict_gold_set(gold, FakePipeline(), clusterer=clusterer)
    assert records[0]["events"][0]["cluster"] is None


def test_score_gold_sets_end_to_end_with_fake_pipeline() -> None:
    incident = {"date": "2020-02-01", "killed": 1, "injured": None, "incident_id": "7", "location": None}
    gold = GoldSet(Path("gv.jsonl"), [gold_line("a", "one shot", events=[incident]),
                                      gold_line("b", "nobody shot, shot", events=[dict(incident, killed=0)])])
    predictions = predict_gold_set(gold, FakePipeline(), clusterer=None)
    scores = score_gold_sets([gold], predictions)["gunviolence"]
    assert scores["killed_exact"].value == pytest.approx(0.5)
    assert scores["event_recall (matched 1:1)"].value == 1.0
    assert scores["dedup_bcubed_precision"].value == 1.0  # records carry "cluster": null, so each is alone
