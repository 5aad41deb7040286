"""What the SQLite and PostgreSQL stores share: writing records, incremental fusion, queries and reads.

SQL is written once with ``?`` placeholders (the PostgreSQL store rewrites them); user input only ever travels as
parameters. Each document is written, and its events fused, in one transaction: a crash or a lost server leaves
either the whole document or none of it.
"""

from __future__ import annotations

import abc
import collections
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from eventsift.fuse.claims import make_claim, reconcile_claims
from eventsift.fuse.cluster import choose_cluster, new_fused_id
from eventsift.fuse.report import Report, fusion_text, reports_from_record
from eventsift.fuse.settings import FusionSettings, load_fusion_settings
from eventsift.fuse.text import TermWeights, load_term_weights
from eventsift.store.base import AddResult, EventQuery

GEO_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
TABLES: tuple[str, ...] = ("documents", "events", "actors", "places", "claims", "evidence_spans", "fused_events",
                           "document_errors", "audit")
FUSED_COLUMNS = ("id, plover_type, acled_event_type, acled_sub_event_type, cameo, date_start, date_end, "
                 "location_name, lat, lon, country, admin1, geo_precision, killed_low, killed_best, killed_high, "
                 "injured_low, injured_best, injured_high, conflict, n_reports, n_sources, summary")
PAGE = 500


def now() -> str:
    """The current UTC time, ISO 8601."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's wildcards in ``text`` escaped (ESCAPE '\\')."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _mode(values: Sequence[str | None]) -> str | None:
    counts = collections.Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _span(value: object) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return int(value[0]), int(value[1])
    return None


class SqlStore(abc.ABC):
    """Shared logic of the SQL stores; subclasses supply the connection, transactions and dialect hooks."""

    dialect = "sql"
    url = ""

    def __init__(self, *, settings: FusionSettings | None = None, weights: TermWeights | None = None) -> None:
        self.settings = settings or load_fusion_settings()
        self._weights = weights
        self._reports: dict[str, Report] = {}

    # -- dialect hooks -------------------------------------------------------------------------------------------
    @abc.abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""

    @abc.abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement that returns no rows."""

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """A context in which every write commits together or not at all."""

    @abc.abstractmethod
    def _guard(self, action: str) -> AbstractContextManager[None]:
        """A context that turns driver errors during ``action`` into StoreError / StoreUnavailable."""

    def _index_text(self, doc_id: str, title: str | None, text: str) -> None:
        """Add a document to the full-text index (PostgreSQL indexes a generated column instead)."""

    def _unindex_text(self, doc_id: str) -> None:
        """Remove a document from the full-text index."""

    def _index_location(self, fused_id: str, lat: float | None, lon: float | None) -> None:
        """Index (or un-index, when ``lat`` is None) a fused event's location for spatial filters."""

    @abc.abstractmethod
    def _spatial_filters(self, query: EventQuery) -> list[tuple[str, list[Any]]]:
        """SQL conditions (with parameters) for the bbox and near filters of ``query``."""

    @abc.abstractmethod
    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        """SQL condition (with parameters) for a full-text search over the reporting documents."""

    def close(self) -> None:
        """Release the connection."""

    # -- helpers -------------------------------------------------------------------------------------------------
    @property
    def weights(self) -> TermWeights:
        """Term weights for text similarity, loaded on first use."""
        if self._weights is None:
            self._weights = load_term_weights()
        return self._weights

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _audit(self, action: str, object_id: str, detail: dict[str, Any]) -> None:
        self._run("INSERT INTO audit (at, action, object_id, detail) VALUES (?, ?, ?, ?)",
                  (now(), action, object_id, json.dumps(detail, ensure_ascii=False, sort_keys=True)))

    # -- writing -------------------------------------------------------------------------------------------------
    def has_document(self, document_id: str, content_hash: str) -> bool:
        """True when this exact document (id and content) is already stored."""
        with self._guard(f"look up document {document_id!r}"):
            row = self._one("SELECT content_hash FROM documents WHERE id = ?", (document_id,))
        return row is not None and row["content_hash"] == content_hash

    def add_record(self, record: dict[str, Any], *, text: str, content_hash: str) -> AddResult:
        """Store one document's record with its events, claims and evidence, and fuse its events.

        Everything happens in one transaction. The same document (id and content hash) again changes nothing; the
        same id with other content replaces the old version (its events leave their fused events first).
        """
        doc_id = str(record["id"])
        with self._guard(f"store document {doc_id!r}"), self._transaction():
            row = self._one("SELECT content_hash FROM documents WHERE id = ?", (doc_id,))
            if row is not None and row["content_hash"] == content_hash:
                return AddResult(doc_id, "unchanged")
            touched: set[str] = set()
            status = "new"
            if row is not None:
                touched |= self._delete_document(doc_id)
                status = "replaced"
            self._insert_document(record, text=text, content_hash=content_hash)
            result = AddResult(doc_id, status)
            reports = {r.event_id: r for r in reports_from_record(record, self.weights, self.settings, lead=text)}
            events = list(enumerate(record.get("events") or []))
            # the document's main incident is fused first, as in eventsift.fuse.assign_clusters
            for ord_, event in sorted(events, key=lambda oe: reports[str(oe[1]["id"])].role != "anchor"):
                fused_id = self._insert_event(record, event, ord_, text, reports[str(event["id"])])
                touched.add(fused_id)
                result.events += 1
                result.fused.append(fused_id)
            for fused_id in sorted(touched):
                self._refresh_fused(fused_id)
            self._audit("ingest" if status == "new" else "replace", doc_id,
                        {"content_hash": content_hash, "events": result.events})
        return result

    def _insert_document(self, record: dict[str, Any], *, text: str, content_hash: str) -> None:
        doc_id = str(record["id"])
        src = record.get("source") or {}
        stored = dict(record)
        stored["events"] = [dict(e, cluster=None) for e in record.get("events") or []]
        self._run("INSERT INTO documents (id, content_hash, text, outlet, url, published, title, ingested_at, record) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (doc_id, content_hash, text, src.get("outlet"), src.get("url"), src.get("published"),
                   src.get("title"), now(), json.dumps(stored, ensure_ascii=False)))
        self._index_text(doc_id, src.get("title"), text)
        for place in record.get("places") or []:
            span = _span(place.get("span"))
            if span is None:
                continue
            self._run("INSERT INTO places (document_id, span_start, span_end, text, name, geonameid, lat, lon, "
                      "country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      (doc_id, span[0], span[1], place.get("text") or "", place.get("name"), place.get("geonameid"),
                       place.get("lat"), place.get("lon"), place.get("country")))
        for i, err in enumerate(record.get("errors") or []):
            self._run("INSERT INTO document_errors (document_id, ord, code, message) VALUES (?, ?, ?, ?)",
                      (doc_id, i, str(err.get("code")), str(err.get("message"))))

    def _insert_event(self, record: dict[str, Any], event: dict[str, Any], ord_: int, text: str,
                      report: Report) -> str:
        doc_id = str(record["id"])
        ftext = fusion_text(record, event)
        self._reports[report.event_id] = report
        plover = event.get("plover") or {}
        acled = event.get("acled") or {}
        date = event.get("date") or {}
        loc = event.get("location") or {}
        cas = event.get("casualties") or {}
        self._run(
            "INSERT INTO events (id, document_id, ord, plover_type, plover_mode, aux, acled_event_type, "
            "acled_sub_event_type, cameo, date_start, date_end, date_precision, fuse_start, fuse_end, location_name, "
            "lat, lon, country, admin1, geo_precision, killed, injured, arrested, evidence, confidence, fuse_text, "
            "data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (report.event_id, doc_id, ord_, plover.get("type"), plover.get("mode"), plover.get("aux"),
             acled.get("event_type"), acled.get("sub_event_type"), event.get("cameo"), date.get("start"),
             date.get("end"), date.get("precision"),
             report.date_start.isoformat() if report.date_start else None,
             report.date_end.isoformat() if report.date_end else None,
             loc.get("name"), loc.get("lat"), loc.get("lon"), loc.get("country"), loc.get("admin1"),
             loc.get("precision"), cas.get("killed"), cas.get("injured"), cas.get("arrested"),
             (event.get("evidence") or {}).get("text"), event.get("confidence"), ftext,
             json.dumps(dict(event, cluster=None), ensure_ascii=False)))
        for actor in event.get("actors") or []:
            span = _span(actor.get("span")) or (-1, -1)
            self._run("INSERT INTO actors (event_id, role, text, name, country, sector, span_start, span_end) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      (report.event_id, actor.get("role") or "actor", actor.get("text") or "",
                       actor.get("name") or actor.get("text") or "", actor.get("country"), actor.get("sector"),
                       span[0], span[1]))
        claim = make_claim(record.get("source") or {}, doc_id, event)
        self._run("INSERT INTO claims (event_id, document_id, source, claimant, status, claimant_country, "
                  "claimant_sector, killed, injured, arrested, per_side, denied_by) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (report.event_id, doc_id, claim["source"], claim["claimant"], claim["status"],
                   claim["claimant_country"], claim["claimant_sector"], claim["killed"], claim["injured"],
                   claim["arrested"], json.dumps(claim["per_side"]) if claim["per_side"] else None,
                   claim["denied_by"]))
        for name, span in self._evidence_spans(event):
            self._run("INSERT INTO evidence_spans (event_id, field, span_start, span_end, text) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT DO NOTHING", (report.event_id, name, span[0], span[1], text[span[0]:span[1]]))
        spans: dict[str, tuple[dt.date, dt.date]] = {}
        candidates = list(self._candidates(report, spans))
        fused_id, score = choose_cluster(report, candidates, self.settings, spans=spans)
        action = "fuse_join"
        if fused_id is None:
            fused_id, action = new_fused_id(report), "fuse_new"
        self._run("UPDATE events SET fused_id = ? WHERE id = ?", (fused_id, report.event_id))
        self._audit(action, report.event_id, {"fused_id": fused_id,
                                              "score": round(score, 4) if score > -1e9 else None})
        return fused_id

    @staticmethod
    def _evidence_spans(event: dict[str, Any]) -> list[tuple[str, tuple[int, int]]]:
        spans: list[tuple[str, tuple[int, int] | None]] = []
        spans.append(("evidence", _span((event.get("evidence") or {}).get("span"))))
        spans.append(("date", _span((event.get("date") or {}).get("span"))))
        spans.append(("location", _span((event.get("location") or {}).get("span"))))
        spans.append(("claimant", _span((event.get("claimant") or {}).get("span"))))
        for key, span in sorted(((event.get("casualties") or {}).get("spans") or {}).items()):
            spans.append((f"casualties.{key}", _span(span)))
        for actor in event.get("actors") or []:
            spans.append((f"actor.{actor.get('role') or 'actor'}", _span(actor.get("span"))))
        return [(name, span) for name, span in spans if span is not None]

    def _candidates(self, report: Report, spans: dict[str, tuple[dt.date, dt.date]]) -> Iterator[tuple[str, Report]]:
        """Reports in ``report``'s date window with their fused ids; fills ``spans`` with those events' dates."""
        if report.date_start is None or report.date_end is None:
            return
        window = dt.timedelta(days=self.settings.date_window_days)
        rows = self._rows(
            "SELECT e.id, e.document_id, e.fused_id, f.date_start AS f_start, f.date_end AS f_end FROM events e "
            "LEFT JOIN fused_events f ON f.id = e.fused_id WHERE e.fused_id IS NOT NULL AND e.fuse_start <= ? "
            "AND e.fuse_end >= ? ORDER BY e.num DESC LIMIT ?",
            ((report.date_end + window).isoformat(), (report.date_start - window).isoformat(),
             self.settings.max_candidates))
        for row in rows:
            if row["f_start"] and row["f_end"]:
                spans[row["fused_id"]] = (dt.date.fromisoformat(row["f_start"][:10]),
                                          dt.date.fromisoformat(row["f_end"][:10]))
            if row["id"] not in self._reports:
                self._load_reports(row["document_id"])
            member = self._reports.get(row["id"])
            if member is not None:
                yield row["fused_id"], member

    def _load_reports(self, doc_id: str) -> None:
        """Rebuild (after a restart) the fusion reports of every event of a stored document."""
        row = self._one("SELECT record, text FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            return
        record = row["record"] if isinstance(row["record"], dict) else json.loads(row["record"])
        for member in reports_from_record(record, self.weights, self.settings, lead=row["text"]):
            self._reports[member.event_id] = member

    def _delete_document(self, doc_id: str) -> set[str]:
        """Remove a document and everything hanging off it; returns the fused events it took part in."""
        events = self._rows("SELECT id, fused_id FROM events WHERE document_id = ?", (doc_id,))
        for table in ("actors", "claims", "evidence_spans"):
            self._run(f"DELETE FROM {table} WHERE event_id IN (SELECT id FROM events WHERE document_id = ?)",
                      (doc_id,))
        for table in ("events", "places", "document_errors"):
            self._run(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
        self._unindex_text(doc_id)
        self._run("DELETE FROM documents WHERE id = ?", (doc_id,))
        for row in events:
            self._reports.pop(row["id"], None)
        return {row["fused_id"] for row in events if row["fused_id"]}

    def _refresh_fused(self, fused_id: str) -> None:
        """Recompute a fused event's summary from its member reports (or delete it when none is left)."""
        members = self._rows(
            "SELECT e.*, d.outlet, d.published, c.claimant, c.status, c.claimant_country, c.claimant_sector, "
            "c.per_side, c.denied_by FROM events e JOIN documents d ON d.id = e.document_id "
            "JOIN claims c ON c.event_id = e.id WHERE e.fused_id = ? ORDER BY e.num", (fused_id,))
        if not members:
            self._index_location(fused_id, None, None)
            self._run("DELETE FROM fused_events WHERE id = ?", (fused_id,))
            return
        claims = [{"event_id": m["id"], "document_id": m["document_id"], "source": m["outlet"],
                   "claimant": m["claimant"], "claimant_country": m["claimant_country"],
                   "claimant_sector": m["claimant_sector"], "status": m["status"], "killed": m["killed"],
                   "injured": m["injured"], "arrested": m["arrested"],
                   "per_side": json.loads(m["per_side"]) if m["per_side"] else None,
                   "denied_by": m["denied_by"]} for m in members]
        summary = reconcile_claims(claims)
        located = [m for m in members if m["lat"] is not None and m["lon"] is not None]
        place = min(located, key=lambda m: (GEO_RANK.get(m["geo_precision"] or "country", 3), m["num"]), default=None)
        starts = [m["date_start"] or m["fuse_start"] for m in members if m["date_start"] or m["fuse_start"]]
        ends = [m["date_end"] or m["fuse_end"] for m in members if m["date_end"] or m["fuse_end"]]
        types = _mode([m["plover_type"] for m in members])
        acled_sub = _mode([m["acled_sub_event_type"] for m in members])
        acled_type = _mode([m["acled_event_type"] for m in members if m["acled_sub_event_type"] == acled_sub])
        stamp = now()
        values = (
            fused_id, types, acled_type, acled_sub, _mode([m["cameo"] for m in members]),
            min(starts) if starts else None, max(ends) if ends else None,
            place["location_name"] if place else None, place["lat"] if place else None,
            place["lon"] if place else None,
            place["country"] if place else _mode([m["country"] for m in members]),
            place["admin1"] if place else None, place["geo_precision"] if place else None,
            summary["killed"]["low"], summary["killed"]["best"], summary["killed"]["high"],
            summary["injured"]["low"], summary["injured"]["best"], summary["injured"]["high"],
            int(summary["conflict"]), len(members), len(summary["sources"]),
            json.dumps(summary, ensure_ascii=False), stamp, stamp)
        self._run(
            f"INSERT INTO fused_events ({FUSED_COLUMNS}, created_at, updated_at) VALUES "
            f"({', '.join('?' * 25)}) ON CONFLICT (id) DO UPDATE SET "
            "plover_type = excluded.plover_type, acled_event_type = excluded.acled_event_type, "
            "acled_sub_event_type = excluded.acled_sub_event_type, cameo = excluded.cameo, "
            "date_start = excluded.date_start, date_end = excluded.date_end, location_name = excluded.location_name, "
            "lat = excluded.lat, lon = excluded.lon, country = excluded.country, admin1 = excluded.admin1, "
            "geo_precision = excluded.geo_precision, killed_low = excluded.killed_low, "
            "killed_best = excluded.killed_best, killed_high = excluded.killed_high, "
            "injured_low = excluded.injured_low, injured_best = excluded.injured_best, "
            "injured_high = excluded.injured_high, conflict = excluded.conflict, n_reports = excluded.n_reports, "
            "n_sources = excluded.n_sources, summary = excluded.summary, updated_at = excluded.updated_at",
            values)
        self._index_location(fused_id, place["lat"] if place else None, place["lon"] if place else None)

    # -- reading -------------------------------------------------------------------------------------------------
    def query_events(self, query: EventQuery) -> list[dict[str, Any]]:
        """Fused events matching ``query``, ordered by date then id."""
        query.check()
        where: list[str] = []
        params: list[Any] = []
        if query.date_from:
            where.append("f.date_end >= ?")
            params.append(query.date_from)
        if query.date_to:
            where.append("f.date_start <= ?")
            params.append(query.date_to)
        if query.type:
            where.append("(UPPER(f.plover_type) = UPPER(?) OR LOWER(f.acled_event_type) = LOWER(?) "
                         "OR LOWER(f.acled_sub_event_type) = LOWER(?))")
            params += [query.type] * 3
        if query.country:
            where.append("UPPER(f.country) = UPPER(?)")
            params.append(query.country)
        for clause, values in self._spatial_filters(query):
            where.append(clause)
            params += values
        if query.actor:
            where.append("EXISTS (SELECT 1 FROM events e JOIN actors a ON a.event_id = e.id WHERE e.fused_id = f.id "
                         "AND (LOWER(a.name) LIKE ? ESCAPE '\\' OR LOWER(a.text) LIKE ? ESCAPE '\\'))")
            params += [like_pattern(query.actor)] * 2
        if query.text:
            clause, values = self._text_filter(query.text)
            where.append(clause)
            params += values
        sql = f"SELECT {FUSED_COLUMNS} FROM fused_events f"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY f.date_start, f.id"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit)
        with self._guard("query events"):
            rows = self._rows(sql, params)
        return [self._fused_row(r) for r in rows]

    @staticmethod
    def _fused_row(row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        summary = json.loads(out.pop("summary"))
        out["conflict"] = bool(out["conflict"])
        out["sources"] = summary["sources"]
        out["conflicts"] = summary["conflicts"]
        out["claims"] = summary["claims"]
        return out

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """A fused event (by its id or one of its reports' ids) with its reports, claims and evidence."""
        with self._guard(f"read event {event_id!r}"):
            row = self._one(f"SELECT {FUSED_COLUMNS} FROM fused_events WHERE id = ?", (event_id,))
            if row is None:
                member = self._one("SELECT fused_id FROM events WHERE id = ?", (event_id,))
                if member is None or member["fused_id"] is None:
                    return None
                row = self._one(f"SELECT {FUSED_COLUMNS} FROM fused_events WHERE id = ?", (member["fused_id"],))
                if row is None:
                    return None
            fused = self._fused_row(row)
            reports = []
            for ev in self._rows("SELECT e.id, e.data, d.id AS document_id, d.title, d.outlet, d.url, d.published "
                                 "FROM events e JOIN documents d ON d.id = e.document_id WHERE e.fused_id = ? "
                                 "ORDER BY e.num", (fused["id"],)):
                spans = self._rows("SELECT field, span_start, span_end, text FROM evidence_spans WHERE event_id = ? "
                                   "ORDER BY span_start, field", (ev["id"],))
                reports.append({
                    "event": json.loads(ev["data"]) | {"cluster": fused["id"]},
                    "document": {"id": ev["document_id"], "title": ev["title"], "outlet": ev["outlet"],
                                 "url": ev["url"], "published": ev["published"]},
                    "evidence": [{"field": s["field"], "span": [s["span_start"], s["span_end"]], "text": s["text"]}
                                 for s in spans],
                })
        fused["reports"] = reports
        return fused

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record (ordered by id), each event's ``cluster`` set to its fused event id."""
        last = ""
        while True:
            with self._guard("read records"):
                docs = self._rows("SELECT id, record FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE))
                if not docs:
                    return
                ids = [d["id"] for d in docs]
                marks = ", ".join("?" for _ in ids)
                clusters = {r["id"]: r["fused_id"] for r in
                            self._rows(f"SELECT id, fused_id FROM events WHERE document_id IN ({marks})", ids)}
            for doc in docs:
                record: dict[str, Any] = json.loads(doc["record"])
                for event in record.get("events") or []:
                    event["cluster"] = clusters.get(event.get("id"))
                yield record
            last = docs[-1]["id"]

    def iter_fused(self) -> Iterator[dict[str, Any]]:
        """Every fused event with its claims, ordered by date then id."""
        yield from self.query_events(EventQuery())

    def document_errors(self) -> list[dict[str, str]]:
        """Per-document problems recorded during ingest, by document."""
        with self._guard("read document errors"):
            rows = self._rows("SELECT document_id, code, message FROM document_errors ORDER BY document_id, ord")
        return [{"document_id": r["document_id"], "code": r["code"], "message": r["message"]} for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        with self._guard("count rows"):
            return {t: int(self._rows(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]) for t in TABLES}


def fused_details(store: SqlStore) -> dict[str, dict[str, Any]]:
    """Per fused event: its actor names by role (most reported first) and the evidence of its first report."""
    out: dict[str, dict[str, Any]] = collections.defaultdict(lambda: {"actors": {}, "evidence": None})
    with store._guard("read event details"):
        rows = store._rows("SELECT e.fused_id, a.role, a.name FROM actors a JOIN events e ON e.id = a.event_id "
                           "WHERE e.fused_id IS NOT NULL")
        counts: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for r in rows:
            counts[(r["fused_id"], r["role"])][r["name"]] += 1
        for (fused_id, role), names in counts.items():
            out[fused_id]["actors"][role] = [n for n, _ in sorted(names.items(), key=lambda x: (-x[1], x[0]))]
        for r in store._rows("SELECT fused_id, evidence FROM events WHERE fused_id IS NOT NULL ORDER BY num DESC"):
            out[r["fused_id"]]["evidence"] = r["evidence"]
    return dict(out)
