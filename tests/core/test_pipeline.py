"""Pipeline assembly: requirements are checked at build time, and a failing stage marks only its document."""

from __future__ import annotations

import pytest

from eventsift.config import Config
from eventsift.errors import ConfigError, PipelineError
from eventsift.model import Document
from eventsift.pipeline import Pipeline, check_stages
from eventsift.registry import STAGES, create_stage
from eventsift.resources import Resources


class FakeStage:
    def __init__(self, name: str, requires: tuple[str, ...], provides: tuple[str, ...], fail_on: str = "") -> None:
        self.name, self.requires, self.provides, self.fail_on = name, requires, provides, fail_on

    def __call__(self, doc: Document) -> None:
        if doc.id == self.fail_on:
            raise ValueError("boom")
        doc.clean = doc.text


def test_pipeline_check_reports_the_missing_requirement() -> None:
    stages = [FakeStage("a", ("text",), ("clean",)), FakeStage("b", ("parse",), ("events",))]
    with pytest.raises(PipelineError, match=r"'b' requires parse"):
        check_stages(stages)  # type: ignore[arg-type]


def test_pipeline_default_config_is_consistent() -> None:
    assert set(Config().stages) <= set(STAGES)


def test_pipeline_unknown_stage_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown pipeline stage 'nope\.v1'"):
        create_stage("nope.v1", Resources())


def test_pipeline_failing_stage_marks_the_document_and_the_batch_goes_on() -> None:
    stages = [FakeStage("a", ("text",), ("clean",), fail_on="bad")]
    pipeline = Pipeline(stages, Resources())  # type: ignore[arg-type]
    docs = list(pipeline.pipe([Document("ok", "text one"), Document("bad", "text two"), Document("ok2", "x")]))
    assert [d.id for d in docs] == ["ok", "bad", "ok2"]
    assert docs[0].clean == "text one" and "clean" in docs[0].provided
    assert docs[1].skip and docs[1].errors[0].code == "stage_failed" and "'bad'" in docs[1].errors[0].message
