"""Assemble registered stages into a checked pipeline and run documents through it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from eventsift.config import Config
from eventsift.errors import PipelineError
from eventsift.model import Document
from eventsift.registry import Stage, create_stage
from eventsift.resources import Resources

log = logging.getLogger(__name__)

#: What a fresh document provides before any stage runs.
INITIAL_PROVIDES: frozenset[str] = frozenset({"text", "source"})


def check_stages(stages: list[Stage]) -> None:
    """Fail early when a stage requires something no earlier stage provides.

    Raises:
        PipelineError: naming the stage and the missing requirement.
    """
    available = set(INITIAL_PROVIDES)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage provides; "
                f"available at that point: {', '.join(sorted(available))}. Reorder or add stages in the config."
            )
        available.update(stage.provides)


@dataclass
class Pipeline:
    """An ordered, checked list of stages sharing one :class:`Resources`."""

    stages: list[Stage]
    resources: Resources

    @classmethod
    def from_config(cls, config: Config | None = None, resources: Resources | None = None) -> Pipeline:
        """Build and check the pipeline named by ``config``."""
        config = config or Config()
        resources = resources or Resources(config)
        stages: list[Stage] = [create_stage(name, resources) for name in config.stages]
        check_stages(stages)
        return cls(stages, resources)

    def __call__(self, doc: Document) -> Document:
        """Run every stage over one document."""
        for _ in self.pipe([doc]):
            pass
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Run documents through the stages in batches; a failing stage marks the document, never the batch."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for stage in self.stages:
            live = [d for d in batch if not d.skip or getattr(stage, "always_run", False)]
            run_batch = getattr(stage, "process_batch", None)
            if run_batch is not None and len(live) > 1:
                try:
                    run_batch(live)
                except Exception:  # noqa: BLE001 - isolate documents: the batch is retried one by one below
                    log.warning("stage %s failed on a batch; retrying document by document", stage.name)
                else:
                    for doc in live:
                        doc.provided.update(stage.provides)
                    continue
            for doc in live:
                self._run_one(stage, doc)
        return batch

    @staticmethod
    def _run_one(stage: Stage, doc: Document) -> None:
        try:
            stage(doc)
        except Exception as exc:  # one bad document must not stop a batch
            log.exception("stage %s failed on document %s", stage.name, doc.id)
            doc.add_error(
                "stage_failed",
                f"stage {stage.name} failed on document {doc.id!r}: {type(exc).__name__}: {exc}. "
                "The document was kept with what earlier stages found; please report this with the text.",
            )
            doc.skip = True
        else:
            doc.provided.update(stage.provides)
