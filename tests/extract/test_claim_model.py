"""Tests for the learned claim-status model: the shipped weights load, and predictions follow the weights."""

from __future__ import annotations

import pytest

from eventsift.errors import ModelLoadError
from eventsift.extract.claim_model import load_claim_model, parse_claim_model


def test_shipped_claim_model_loads_with_the_three_statuses() -> None:
    model = load_claim_model()
    assert model.classes == ("accused", "claimed", "reported")
    assert model.weights and model.cue_words


def test_claim_model_prediction_follows_the_weights() -> None:
    model = parse_claim_model({"version": "t", "classes": ["accused", "claimed", "reported"], "cue_words": ["blame"],
                               "features": ["s_w:blame"], "coef": [[3.0, 0.0, 0.0]], "intercept": [0.0, 0.0, 1.0]},
                              "test")
    assert model.predict([])[0] == "reported"
    status, prob = model.predict(["s_w:blame", "unknown:feature"])
    assert status == "accused" and 0.5 < prob < 1.0


def test_claim_model_rejects_mismatched_weights() -> None:
    with pytest.raises(ModelLoadError, match="one row"):
        parse_claim_model({"version": "t", "classes": ["a", "b"], "cue_words": [], "features": ["x"],
                           "coef": [[1.0]], "intercept": [0.0, 0.0]}, "test")
