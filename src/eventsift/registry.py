"""The one place where pipeline stages are registered, under versioned names.

Stages are imported lazily from the dotted path given here, so importing eventsift loads no model and no stage
module; a stage module never imports another stage module.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from eventsift.errors import ConfigError

if TYPE_CHECKING:
    from eventsift.model import Document
    from eventsift.resources import Resources


class Stage(Protocol):
    """A pipeline stage: declares what it needs and adds, then acts on one document in place."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> None:
        """Add this stage's findings to ``doc``."""


STAGES: Mapping[str, str] = MappingProxyType({
    "eventsift.text.normalise.v1": "eventsift.text.normalise:create_normalise",
    "eventsift.text.repair.v1": "eventsift.text.repair:create_repair",
    "eventsift.text.parse.v1": "eventsift.text.parse:create_parse",
    "eventsift.extract.events.v1": "eventsift.extract.events:create_events",
    "eventsift.extract.actors.v1": "eventsift.extract.actors:create_actors",
    "eventsift.extract.claims.v1": "eventsift.extract.claims:create_claims",
    "eventsift.resolve.time.v1": "eventsift.resolve.dates:create_dates",
    "eventsift.resolve.geo.v1": "eventsift.resolve.geo:create_geo",
    "eventsift.extract.casualties.v1": "eventsift.extract.casualties:create_casualties",
    "eventsift.fuse.within.v1": "eventsift.fuse.within:create_within",
    "eventsift.record.v1": "eventsift.record:create_record",
})


def create_stage(name: str, resources: Resources) -> Any:
    """Build the registered stage ``name`` with shared ``resources``.

    Raises:
        ConfigError: the name is not registered.
    """
    try:
        target = STAGES[name]
    except KeyError:
        known = ", ".join(sorted(STAGES))
        raise ConfigError(f"unknown pipeline stage {name!r}; registered stages: {known}") from None
    module_name, _, factory_name = target.partition(":")
    factory = getattr(importlib.import_module(module_name), factory_name)
    return factory(resources)
