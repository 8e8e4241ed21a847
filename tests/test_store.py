"""DuckDB store: versioned schema, atomic replacement (no duplicates ever), read-only opening."""

from __future__ import annotations

import duckdb
import pytest

from dyads.store import SCHEMA_VERSION, Store, StoreLocked
from dyads.store.migrations import SchemaError


def _as_of_version(m: pytest.MonkeyPatch, version: int) -> None:
    """Make this dyads write as it did at schema `version` (before 4: no compound-code columns, no summaries;
    before 5: no event keys, no word index; before 6: no location basis column; before 7: no summary lookup keys)."""
    from dyads.store import migrations, rows, summaries, words

    m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
    m.setattr(migrations, "SCHEMA_VERSION", version)
    if version < 4:
        event_row = rows.event_row
        m.setattr(rows, "event_row", lambda e: {k: v for k, v in event_row(e).items()
                                                 if k not in ("source_extra", "target_extra")})
        m.setattr(summaries, "apply_delta", lambda *a, **k: None)
    elif version < 7:  # summaries without their lookup key: kept equal to the events by recomputing them
        m.setattr(summaries, "apply_delta",
                  lambda con, *a: [con.execute(sql) for sql in summaries.rebuild_sql(keyed=False)])
    if version < 6:  # no location basis column
        event_row_v6 = rows.event_row
        m.setattr(rows, "event_row", lambda e: {k: v for k, v in event_row_v6(e).items() if k != "location_basis"})
    if version < 5:  # no event keys, no word index
        m.setattr(words, "next_seq", lambda con, at_least=1: 0)
        m.setattr(words, "keyed", lambda event_rows, first: event_rows)
        m.setattr(words, "add_sql", lambda events: [])
        m.setattr(words, "remove_sql", lambda events: [])


def test_migrations_are_recorded_once(tmp_path):
    db = tmp_path / "a.duckdb"
    with Store(db) as st:
        assert st.schema_version == SCHEMA_VERSION
    with Store(db) as st:  # re-opening applies nothing twice
        n = st.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert n == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "b.duckdb"
    with Store(db) as st:
        st.con.execute("INSERT INTO schema_migrations (version, description) VALUES (999, 'future')")
    with pytest.raises(SchemaError, match="newer"):
        Store(db)


def test_recoding_replaces_events(tmp_path, seed_coded):
    db = tmp_path / "c.duckdb"
    with Store(db) as st:
        n1 = st.write([seed_coded], "test")
        st.write([seed_coded], "test")
        st.write([seed_coded, seed_coded], "test")  # the same id twice in one batch
        assert st.con.execute("SELECT count(*) FROM events").fetchone()[0] == n1 > 0
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        actors = st.con.execute("SELECT count(*) FROM event_actors").fetchone()[0]
        assert actors == sum(len(e.source) + len(e.target) for e in seed_coded.events)
        recs = st.event_records()
        assert recs == [e.to_dict() for e in sorted(seed_coded.events, key=lambda e: (e.sentence_index, e.id))]
        s = st.summary()
        assert s.articles == 1 and s.events == n1
        assert ("RUSGOV", "SYRGOV", 2) in s.top_dyads  # the appeal and the talks


def test_read_only_store(tmp_path, seed_coded):
    db = tmp_path / "d.duckdb"
    with Store(db) as st:
        st.write([seed_coded], "test")
    with Store(db, read_only=True) as ro:
        assert ro.query("SELECT count(*) FROM articles")[1] == [(1,)]
        with pytest.raises(duckdb.Error):
            ro.query("DELETE FROM events")
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_second_writer_gets_clear_message(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "e.duckdb"
    with Store(db):
        code = (
            "import sys\nfrom dyads.store import Store, StoreLocked\n"
            f"try:\n    Store({str(db)!r})\nexcept StoreLocked as e:\n    print(e); sys.exit(7)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 7, proc.stderr
    assert "in use by another dyads process" in proc.stdout
    assert StoreLocked


def test_version_1_database_is_upgraded_in_place(tmp_path, monkeypatch):
    """A database coded before migration 2 gains the merged-event tables and keeps its rows."""
    from dyads.aggregate import pending_articles, update_events
    from tests.test_aggregate import article, mention

    db = tmp_path / "v1.duckdb"
    with monkeypatch.context() as m:  # this dyads as it was at schema version 1
        _as_of_version(m, 1)
        with Store(db) as st:
            assert st.schema_version == 1
            st.write([article("v1", [mention("v1", 1, "RUS", "111", "USA")])], "test")
    with Store(db) as st:
        assert st.schema_version == SCHEMA_VERSION >= 2
        tables = {r[0] for r in st.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"merged_events", "event_mentions", "article_facts", "aggregated_articles"} <= tables
        assert st.con.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert pending_articles(st) == ["v1"]
        assert update_events(st).events_written == 1


def test_version_2_article_facts_are_recomputed_after_upgrade(tmp_path, monkeypatch):
    """Facts stored before migration 3 carry version 0 and are computed again by the next merge."""
    from dyads.aggregate import FACTS_VERSION, rebuild_events, update_events
    from tests.test_aggregate import article, mention

    db = tmp_path / "v2.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 2)
        with Store(db) as st:
            st.write([article("w1", [mention("w1", 1, "RUS", "111", "USA")])], "test")
            st.con.execute(  # what a version-2 merge stored: facts without a version column
                "INSERT INTO article_facts (article_id, content_hash, doc_len) "
                "SELECT id, content_hash, length(text) FROM articles"
            )
    with Store(db) as st:
        assert st.schema_version == SCHEMA_VERSION >= 3
        assert st.con.execute("SELECT facts_version, lead_start FROM article_facts").fetchone() == (0, None)
        update_events(st)
        rebuild_events(st)
        version, lead = st.con.execute("SELECT facts_version, lead_start FROM article_facts").fetchone()
        assert version == FACTS_VERSION and lead is not None
