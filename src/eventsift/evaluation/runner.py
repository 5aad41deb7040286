"""Run the pipeline over gold files and score the records: the library side of ``eventsift evaluate``."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventsift.errors import InputError
from eventsift.evaluation.metrics import DatasetScores, score_records
from eventsift.ingest import InputItem, to_document
from eventsift.ingest.jsonl import fill_item
from eventsift.model import Document
from eventsift.record import to_record

log = logging.getLogger(__name__)

#: Gold sets whose records are fused across documents before scoring (their scorer measures deduplication).
CLUSTERED_DATASETS: frozenset[str] = frozenset({"gunviolence"})

#: ``clusterer(records, texts)`` sets ``event["cluster"]`` on every event of ``records`` in place.
Clusterer = Callable[[list[dict[str, Any]], dict[str, str]], object]

#: ``progress(done)`` is called with the number of documents finished since the last call.
Progress = Callable[[int], None]


class DocumentPipeline(Protocol):
    """What the runner needs of a pipeline (``eventsift.pipeline.Pipeline``, or a fake in tests)."""

    def pipe(self, docs: Iterable[Document], batch_size: int = ...) -> Iterator[Document]:
        """Process documents, yielding each one, in input order."""


@dataclass(frozen=True, slots=True)
class GoldSet:
    """The (possibly sampled) lines of one gold file."""

    path: Path
    lines: list[dict[str, Any]]

    @property
    def dataset(self) -> str:
        """The dataset named by the first line (``unknown`` when empty)."""
        return str(self.lines[0].get("dataset") or "unknown") if self.lines else "unknown"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL file of objects, splitting on ``\\n`` only (texts contain U+2028 and other separators).

    Raises:
        InputError: the file cannot be read, or a line is not a JSON object.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the file ({exc}); check the path and that it is UTF-8") from exc
    out: list[dict[str, Any]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
        out.append(obj)
    return out


def sample_key(doc_id: object, seed: int) -> str:
    """The sort key that defines a stable pseudo-random sample: sha256 of the seed and the document id."""
    return hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()


def select_lines(lines: Sequence[dict[str, Any]], *, limit: int | None = None, sample: int | None = None,
                 seed: int = 0) -> list[dict[str, Any]]:
    """The first ``limit`` lines, then (if ``sample``) the ``sample`` lines with the smallest :func:`sample_key`,
    kept in file order. The same file, size and seed always give the same sample."""
    chosen = list(lines[:limit] if limit is not None else lines)
    if sample is not None and sample < len(chosen):
        keep = {id(line) for line in sorted(chosen, key=lambda g: sample_key(g.get("id"), seed))[:sample]}
        chosen = [line for line in chosen if id(line) in keep]
    return chosen


def load_gold_sets(paths: Iterable[Path], *, limit: int | None = None, sample: int | None = None,
                   seed: int = 0) -> list[GoldSet]:
    """Read gold files and apply the limit and sample to each.

    Raises:
        InputError: a file cannot be read or a line has no ``id``.
    """
    sets = []
    for path in paths:
        lines = read_jsonl(path)
        for i, line in enumerate(lines, start=1):
            if line.get("id") in (None, ""):
                raise InputError(f"{path}: object {i} has no \"id\"; gold lines need one to match predictions")
        sets.append(GoldSet(path, select_lines(lines, limit=limit, sample=sample, seed=seed)))
    return sets


def gold_document(line: Mapping[str, Any], *, origin: str, max_chars: int) -> Document:
    """A pipeline Document from a gold line (id, text, published, title, outlet, url), keeping the gold id."""
    item = fill_item(InputItem(id=str(line["id"]), origin=origin), dict(line))
    return to_document(item, max_chars=max_chars)


def _failed_record(line: Mapping[str, Any], *, origin: str, max_chars: int, exc: BaseException) -> dict[str, Any]:
    doc = gold_document(line, origin=origin, max_chars=max_chars)
    doc.add_error("evaluation_failed", f"{origin}: processing failed ({type(exc).__name__}: {exc}); the document "
                                      "is scored as predicting nothing. Please report this with the text.")
    return to_record(doc)


def predict(lines: Sequence[Mapping[str, Any]], pipeline: DocumentPipeline, *, origin: str = "gold",
            batch_size: int = 32, max_chars: int = 1_000_000,
            progress: Progress | None = None) -> list[dict[str, Any]]:
    """One record per gold line, in order; a document that fails gets a record with an error, never an exception.

    Documents go through the pipeline in chunks of ``batch_size``; a chunk that raises is retried document by
    document, so one bad text costs only itself.
    """
    records: list[dict[str, Any]] = []
    for begin in range(0, len(lines), batch_size):
        chunk = lines[begin:begin + batch_size]
        origins = [f"{origin}:{line.get('id')}" for line in chunk]
        try:
            docs = [gold_document(line, origin=o, max_chars=max_chars) for line, o in zip(chunk, origins, strict=True)]
            done = list(pipeline.pipe(docs, batch_size=batch_size))
            if len(done) != len(docs):
                raise RuntimeError(f"the pipeline returned {len(done)} documents for {len(docs)}")
            records.extend(to_record(doc) for doc in done)
        except Exception as exc:  # noqa: BLE001 - isolate the failing document below
            log.warning("a batch failed (%s: %s); retrying its documents one by one", type(exc).__name__, exc)
            records.extend(_predict_one(line, pipeline, origin=o, max_chars=max_chars)
                           for line, o in zip(chunk, origins, strict=True))
        if progress is not None:
            progress(len(chunk))
    return records


def _predict_one(line: Mapping[str, Any], pipeline: DocumentPipeline, *, origin: str,
                 max_chars: int) -> dict[str, Any]:
    try:
        done = list(pipeline.pipe([gold_document(line, origin=origin, max_chars=max_chars)], batch_size=1))
        if len(done) != 1:
            raise RuntimeError(f"the pipeline returned {len(done)} documents for 1")
        return to_record(done[0])
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the evaluation
        log.warning("document %s failed: %s: %s", line.get("id"), type(exc).__name__, exc)
        return _failed_record(line, origin=origin, max_chars=max_chars, exc=exc)


def default_clusterer() -> Clusterer | None:
    """The cross-document fusion of :mod:`eventsift.fuse`, or None when it is not installed."""
    try:
        from eventsift.fuse.cluster import assign_clusters
    except ImportError:
        return None

    def cluster(records: list[dict[str, Any]], texts: dict[str, str]) -> object:
        return assign_clusters(records, texts=texts)

    return cluster


def cluster_records(records: list[dict[str, Any]], lines: Sequence[Mapping[str, Any]],
                    clusterer: Clusterer | None) -> None:
    """Fuse events across the records of one gold set in place; a failing clusterer leaves clusters empty."""
    if clusterer is None:
        return
    texts = {str(line["id"]): str(line.get("text") or "") for line in lines}
    try:
        clusterer(records, texts)
    except Exception as exc:  # noqa: BLE001 - deduplication is one metric; the others still count
        log.warning("cross-document clustering failed (%s: %s); events are left unclustered", type(exc).__name__, exc)
        for record in records:
            for event in record.get("events") or []:
                event["cluster"] = None


def for_scorer(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record as the reference scorer reads it: each event's ``cluster`` also given as ``event_cluster``."""
    out = dict(record)
    out["events"] = [dict(e, event_cluster=e["cluster"]) if e.get("cluster") is not None else dict(e)
                     for e in record.get("events") or []]
    return out


def predict_gold_set(gold: GoldSet, pipeline: DocumentPipeline, *, batch_size: int = 32,
                     max_chars: int = 1_000_000, clusterer: Clusterer | None = None,
                     progress: Progress | None = None) -> list[dict[str, Any]]:
    """Records for every line of a gold set, fused across documents when the set measures deduplication."""
    records = predict(gold.lines, pipeline, origin=str(gold.path), batch_size=batch_size, max_chars=max_chars,
                      progress=progress)
    if gold.dataset in CLUSTERED_DATASETS:
        cluster_records(records, gold.lines, clusterer)
    return [for_scorer(r) for r in records]


def score_gold_sets(gold_sets: Sequence[GoldSet], predictions: Sequence[Mapping[str, Any]]) -> dict[str, DatasetScores]:
    """Scores of each gold set against the predictions (any records, matched by id), merged by dataset name.

    Predictions of ids outside a set are ignored for that set; a dataset name that recurs gets the file name added.
    """
    by_id = {str(p.get("id")): p for p in predictions}
    results: dict[str, DatasetScores] = {}
    for gold in gold_sets:
        mine = [by_id[str(line["id"])] for line in gold.lines if str(line["id"]) in by_id]
        for dataset, figures in score_records(gold.lines, mine).items():
            key = dataset if dataset not in results else f"{dataset} ({gold.path.name})"
            results[key] = figures
    return results
