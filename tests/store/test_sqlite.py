"""SQLite-only behaviour: bad files, read-only files, schema versions, and kill -9 during ingest."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import add, make_record
from eventsift.errors import StoreError
from eventsift.store import open_store
from eventsift.store.schema import LATEST

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def test_sqlite_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a readable SQLite database"):
        open_store(bad)


def test_sqlite_missing_file_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "none.db", create=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_sqlite_read_only_file_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    st = open_store(path)
    add(st, make_record("a"))
    st.close()
    path.chmod(stat.S_IRUSR)
    st = open_store(path, create=False)
    assert len(st.query_events(__import__("eventsift.store", fromlist=["EventQuery"]).EventQuery())) == 1
    with pytest.raises(StoreError, match="read-only"):
        add(st, make_record("b"))
    st.close()


def test_sqlite_read_only_connection_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_store(path).close()
    st = open_store(path)
    st.conn.execute("PRAGMA query_only = ON")  # what a read-only file does, also when running as root
    with pytest.raises(StoreError, match="cannot store document 'a'"):
        add(st, make_record("a"))
    st.conn.execute("PRAGMA query_only = OFF")
    assert st.counts()["documents"] == 0


def test_sqlite_schema_is_versioned(tmp_path: Path) -> None:
    st = open_store(tmp_path / "v.db")
    assert st.schema_version() == LATEST["sqlite"]  # type: ignore[attr-defined]
    st.conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'x')")  # type: ignore[attr-defined]
    st.close()
    with pytest.raises(StoreError, match="newer than this eventsift"):
        open_store(tmp_path / "v.db")


def test_sqlite_kill_during_ingest_then_resume_loses_nothing(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(SCRIPTS / "kill_resume.py"), "--docs", "150", "--kills", "5",
                          "--delay", "0.01", "--db", str(tmp_path / "kill.db")],
                         capture_output=True, text=True, timeout=600, check=False)
    assert out.returncode == 0, out.stderr + out.stdout
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["documents_lost"] == 0 and figures["events_duplicated"] == 0
    assert figures["documents_stored"] == 150 and figures["events_stored"] == 150
    assert figures["fused_reports_total"] == 150


def test_sqlite_fusion_after_reopen_matches_in_memory_fusion(tmp_path: Path) -> None:
    """Reports rebuilt from the database after a restart fuse as the in-memory clusterer does."""
    from eventsift.fuse import assign_clusters

    records = [make_record("a", title="Gunmen attack market in Ashford, killing three"),
               make_record("b", title="Flood in Elgin", plover="AID", lat=57.65, lon=-3.32, killed=None),
               make_record("c", title="Ashford market attack by gunmen leaves three dead")]
    store = open_store(tmp_path / "f.db")
    for record in records[:2]:
        add(store, record)
    store.close()
    store = open_store(tmp_path / "f.db")
    add(store, records[2])
    stored = {e["id"]: e["cluster"] for r in store.iter_records() for e in r["events"]}
    store.close()
    memory = assign_clusters([{k: v for k, v in r.items() if k != "_text"} for r in records],
                             texts={r["id"]: r["_text"] for r in records})
    assert stored == memory
    assert stored["ev-a-0"] == stored["ev-c-0"] != stored["ev-b-0"]


def test_sqlite_statements_do_not_link_stories(tmp_path: Path) -> None:
    """The same appeal for witnesses in two stories about different shootings leaves the stories apart."""
    store = open_store(tmp_path / "v.db")
    for doc, lat, title in (("a", 51.15, "Man shot on Elm Street in Ashford"),
                            ("b", 52.6, "Teenager shot at Dock Road youth club in Kennington")):
        record = make_record(doc, title=title, lat=lat, events=1)
        appeal = dict(record["events"][0], id=f"ev-{doc}-appeal", plover={"type": "REQUEST", "aux": None},
                      evidence={"text": "Police asked anyone with information to call them", "span": [0, 5]},
                      casualties={}, location=None)
        record["events"].append(appeal)
        add(store, record)
    clusters = {e["id"]: e["cluster"] for r in store.iter_records() for e in r["events"]}
    store.close()
    assert clusters["ev-a-appeal"] != clusters["ev-b-appeal"]
    assert clusters["ev-a-0"] != clusters["ev-b-0"]
