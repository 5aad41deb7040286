"""Tests for the learned claim-status model: the shipped weights load, and predictions follow the weights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from actor_helpers import make_doc

from eventsift.errors import ModelLoadError
from eventsift.extract.actor_dictionary import load_actor_dictionary
from eventsift.extract.actors import create_actors
from eventsift.extract.claim_model import MentionContext, load_claim_model, mention_features, parse_claim_model
from eventsift.extract.claims import ClaimFinder, load_cues
from eventsift.extract.coding import ActorCoder
from eventsift.model import Event
from eventsift.resources import Resources


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


@pytest.fixture(scope="module")
def finder_of(resources: Resources, nlp: Any) -> Callable[[str, str], tuple[ClaimFinder, Event]]:
    """A claim finder over a one-event document whose actors the actors stage has attached."""
    actors = create_actors(resources)
    cues = resources.get("claim_cues", load_cues)
    dictionary = resources.get("actor_dictionary", load_actor_dictionary)

    def build(text: str, trigger: str) -> tuple[ClaimFinder, Event]:
        doc = make_doc(nlp, text, trigger)
        actors(doc)
        return ClaimFinder(doc, cues, ActorCoder(dictionary, doc)), doc.events[0]

    return build


CUE_WORDS = frozenset({"blame", "claim", "responsibility", "say", "bomb", "suspect"})


def test_mention_features_read_an_accusation_of_the_perpetrator(finder_of: Any) -> None:
    finder, event = finder_of("Police officials blamed the Shining Path for the explosion at the power station.",
                              "explosion")
    features = finder.perpetrator_features(event, CUE_WORDS)
    assert "p_found:sentence" in features
    assert {"p_role:accused", "p_gov1:accuse", "p_path:blame"} <= set(features)
    assert not any(f.startswith("p_role:speaker-claim") for f in features)


def test_mention_features_follow_the_perpetrator_into_other_sentences(finder_of: Any) -> None:
    finder, event = finder_of("The Shining Path bombed a bridge near the town on Friday. In a statement sent to a "
                              "radio station, the Shining Path claimed responsibility for the operation.", "bombed")
    features = set(finder.perpetrator_features(event, CUE_WORDS))
    assert {"p_role:agent", "p_role:speaker-claim", "p_gov:claim", "p_statement", "p_n:2-3"} <= features
    assert "p_role:accused" not in features


def test_mention_features_mark_a_quotation_and_the_sources_sector(finder_of: Any) -> None:
    finder, event = finder_of("\"The Shining Path planted the bomb,\" a police spokesman said.", "planted")
    features = set(finder.perpetrator_features(event, CUE_WORDS))
    assert {"p_quote", "p_spk:POL", "p_gov:report"} <= features


def test_mention_features_without_a_perpetrator(finder_of: Any) -> None:
    finder, event = finder_of("A bomb exploded outside the bank on Tuesday.", "exploded")
    assert finder.perpetrator_features(event, CUE_WORDS) == ["p_found:none"]


def test_mention_features_of_a_hand_built_context(nlp: Any) -> None:
    doc = make_doc(nlp, "Police said the alleged rebels burned the mill. Rebels often raid farms.", "burned")
    rebels = next(t.i for t in doc.nlp if t.text == "rebels")
    said = next(t.i for t in doc.nlp if t.text == "said")
    police = next(t.i for t in doc.nlp if t.text == "Police")
    later = next(t.i for t in doc.nlp if t.text == "Rebels")
    ctx = MentionContext(cues={said: "report"}, speakers={police: "report"}, targets=frozenset(),
                         speaker_sectors={0: frozenset({"POL"})}, quotes=(), hedges=frozenset({"alleged"}),
                         document_nouns=frozenset({"statement"}), violent=frozenset({doc.events[0].head or 0}))
    features = mention_features(doc, [rebels, later], "REB", "sentence", ctx, frozenset({"say"}), sentence=0)
    assert features[:2] == ["p_found:sentence", "p_n:2-3"]
    assert {"p_hedge", "p_role:agent", "p_gov1:report", "p_path:say", "p_spk:POL"} <= set(features)
    assert {"pn_hedge", "pn_role:agent"} <= set(features) and "pn_path:say" not in features
    assert mention_features(doc, [], "REB", "document", ctx, frozenset()) == ["p_found:document"]


def test_perpetrator_claiming_far_from_the_act_is_an_explicit_claim(finder_of: Any) -> None:
    text = ("The Shining Path bombed a power pylon near the town on Friday, the police said. The blast cut "
            "electricity to the valley. Repair crews reached the site on Saturday. Shops stayed closed for two days. "
            "In a leaflet, the Shining Path claimed responsibility for the attack.")
    finder, event = finder_of(text, "bombed")
    claim = finder.claim_for(event)
    assert claim is not None and claim.status == "claimed" and claim.name == "Shining Path"
    assert finder.explicit  # the learned model does not overrule it
