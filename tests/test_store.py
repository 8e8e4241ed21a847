"""DuckDB store: versioned schema, atomic replacement (no duplicates ever), read-only opening."""

from __future__ import annotations

import duckdb
import pytest

from dyads.models import Event
from dyads.store import SCHEMA_VERSION, Store, StoreLocked
from dyads.store.migrations import SchemaError


def _as_of_version(m: pytest.MonkeyPatch, version: int) -> None:
    """Make this dyads write as it did at schema `version` (before 4: no compound-code columns, no summaries;
    before 5: no event keys, no word index; before 6: no location basis column; before 7: no summary lookup keys;
    before 8: no summary of actor names; before 9: no map summary by actor; before 10: word index in batch order;
    before 11: no actor index; before 12: no article search column; before 13: no root rows in the actor index;
    before 14: no month tables; before 15: no stored CSV line)."""
    from dyads.store import actor_index, article_search, migrations, rows, summaries, words

    m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
    m.setattr(migrations, "SCHEMA_VERSION", version)
    if version < 4:
        event_row = rows.event_row
        m.setattr(rows, "event_row", lambda e: {k: v for k, v in event_row(e).items()
                                                 if k not in ("source_extra", "target_extra")})
        m.setattr(summaries, "apply_delta", lambda *a, **k: None)
    elif version < 7:  # summaries without their lookup key: kept equal to the events by recomputing them
        m.setattr(summaries, "apply_delta",
                  lambda con, *a: [con.execute(sql) for sql in summaries.rebuild_sql(
                      keyed=False, tables=summaries.SUMMARIES_V4)])
    elif version < 8:  # the tables of migrations 4 and 7 only
        apply_delta = summaries.apply_delta
        m.setattr(summaries, "apply_delta", lambda con, *a: apply_delta(con, *a, tables=summaries.SUMMARIES_V4))
    elif version < 9:  # ... and the actor names of migration 8
        apply_delta_v8 = summaries.apply_delta
        m.setattr(summaries, "apply_delta", lambda con, *a: apply_delta_v8(con, *a, tables=summaries.SUMMARIES[:6]))
    elif version < 14:  # ... and the map of migration 9, not the month tables of 14
        apply_delta_v13 = summaries.apply_delta
        m.setattr(summaries, "apply_delta", lambda con, *a: apply_delta_v13(con, *a, tables=summaries.SUMMARIES[:7]))
    if version < 15:  # no stored CSV line
        event_row_v15 = rows.event_row
        m.setattr(rows, "event_row", lambda e: {k: v for k, v in event_row_v15(e).items() if k != "csv_row"})
    if version < 6:  # no location basis column
        event_row_v6 = rows.event_row
        m.setattr(rows, "event_row", lambda e: {k: v for k, v in event_row_v6(e).items() if k != "location_basis"})
    if version < 12:  # no article search column
        m.setattr(article_search, "fill_sql", lambda where: "SELECT count(*) FROM articles WHERE " + where)
    if 11 <= version < 13:  # the actor keys' rows only
        m.setattr(actor_index, "add_sql",
                  lambda events: [f"INSERT INTO actor_index {actor_index.actor_rows_sql(events)}"])
    if version < 11:  # no actor index
        m.setattr(actor_index, "add_sql", lambda events: [])
        m.setattr(actor_index, "remove_sql", lambda events: [])
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


def test_a_store_that_created_its_database_answers_the_first_lookups_without_opening_it(tmp_path, seed_coded,
                                                                                      monkeypatch):
    """`Store.empty`: a writer that created the database knows nothing is stored until someone has had
    its connection; a database that existed before, or one written to since, is asked."""
    db = tmp_path / "e.duckdb"
    article_id = seed_coded.article.id
    st = Store(db, shared=True)
    assert st.empty
    opened: list[bool] = []
    real_connect = Store._connect_reading

    def connect_reading(self, *args, **kwargs):
        opened.append(True)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_connect_reading", connect_reading)
    assert st.coded_hashes([article_id]) == {} and not opened
    with st.held():
        st.write([seed_coded], "test")
    assert not st.empty
    assert article_id in st.coded_hashes([article_id]) and opened
    st.close()
    with Store(db, shared=True) as again:  # the file existed: never empty, whatever it holds
        assert not again.empty and article_id in again.coded_hashes([article_id])
    with Store(tmp_path / "f.duckdb") as other:
        assert other.empty
        other.con.execute("SELECT 1")  # whoever had the connection may have written
        assert not other.empty


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


def test_a_shared_writer_and_a_reader_take_turns(tmp_path):
    """`Store(shared=True)` holds the file only inside `held()`; a `SharedReader` gives it up when the writer
    asks (after the request in flight, or at once when idle) and opens it again with the new rows."""
    import threading
    import time

    from dyads.store.sharing import SharedReader, writer_wants
    from tests.test_aggregate import article, mention

    db = tmp_path / "s.duckdb"
    changes: list[int] = []
    count = "SELECT count(*) FROM articles"
    with Store(db, shared=True) as writer:
        with writer.held():
            writer.write([article("a1", [mention("a1", 1, "RUS", "111", "USA")])], "test")
        assert not writer_wants(db)
        reader = SharedReader(db, lambda p: Store(p, read_only=True), on_change=lambda: changes.append(1))
        try:
            with reader.cursor() as cur:
                assert cur.execute(count).fetchone()[0] == 1
            with pytest.raises(StoreLocked, match="in use by another dyads process"):
                Store(db)  # a second writer stops at once, though the first holds no file between batches
            wrote = threading.Event()

            def store_a2() -> None:
                with writer.held():
                    writer.write([article("a2", [mention("a2", 1, "USA", "042", "RUS")])], "test")
                wrote.set()

            with reader.cursor() as cur:  # a request in flight: the writer waits for its end
                t = threading.Thread(target=store_a2)
                t.start()
                time.sleep(0.5)
                assert writer_wants(db) and not wrote.is_set()
                assert cur.execute(count).fetchone()[0] == 1
            t.join(timeout=30)
            assert wrote.is_set()
            with reader.cursor() as cur:  # opened again: the new article, and the app told of the change
                assert cur.execute(count).fetchone()[0] == 2
            assert reader.reopened == 1 and changes == [1]
            t0 = time.monotonic()  # an idle reader gives the file up by itself
            with writer.held():
                writer.write([article("a3", [mention("a3", 1, "USA", "042", "RUS")])], "test")
            assert time.monotonic() - t0 < 10
            with reader.cursor() as cur:
                assert cur.execute(count).fetchone()[0] == 3
        finally:
            reader.close()


def test_a_shared_writer_stops_with_a_clear_message_when_a_reader_never_lets_go(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "t.duckdb"
    Store(db).close()
    hold = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                             f"c = duckdb.connect({str(db)!r}, read_only=True); print('open', flush=True); "
                             "time.sleep(120)"], stdout=subprocess.PIPE, text=True)
    try:
        assert hold.stdout.readline().strip() == "open"  # a reader that knows nothing of the turns
        with pytest.raises(StoreLocked, match="stayed open in another program for 1 s.*rerun to go on"):
            Store(db, shared=True, wait_seconds=1)
    finally:
        hold.kill()
        hold.wait()


def test_a_read_only_store_waits_for_a_shared_writers_batch(tmp_path):
    """`dyads events`, `export` and `query` open the store read-only during a coding run: while the run
    stores a batch they wait for it, instead of stopping with "in use"."""
    import threading
    import time

    from tests.test_aggregate import article, mention

    db = tmp_path / "w.duckdb"
    with Store(db, shared=True) as writer:
        inside = threading.Event()

        def store_slowly() -> None:
            with writer.held():
                inside.set()
                time.sleep(1.0)
                writer.write([article("a1", [mention("a1", 1, "RUS", "111", "USA")])], "test")

        t = threading.Thread(target=store_slowly)
        t.start()
        assert inside.wait(30)
        with Store(db, read_only=True) as reader:  # opened once the batch is stored
            assert reader.query("SELECT count(*) FROM articles")[1][0][0] == 1
        t.join()


def test_insert_rows_stores_what_an_arrow_table_stored(tmp_path, seed_coded):
    """`insert_rows` (one list parameter per column) against the Arrow route it replaced, table by table,
    on the rows of a coded article and on the awkward values: NULL-only columns, empty lists, NaN."""
    import datetime
    import math

    import pyarrow as pa

    from dyads.store import insert_rows
    from dyads.store.rows import build_rows

    tables = list(build_rows([seed_coded], "test").tables())
    assert sum(len(rows) for _, rows in tables) > 10
    odd = [{"a": None, "b": [], "c": 1, "d": datetime.date(2011, 1, 1), "e": None},
           {"a": "x\x00y", "b": ["A", None], "c": math.nan, "d": None, "e": None}]
    with Store(tmp_path / "s.duckdb") as st:
        con = st.con
        con.execute("CREATE TABLE odd (a VARCHAR, b VARCHAR[], c DOUBLE, d DATE, e BIGINT)")
        tables.append(("odd", odd))
        for table, rows in tables:
            con.execute(f"CREATE TABLE arrow_{table} AS SELECT * FROM {table} LIMIT 0")
            con.register("batch_rows", pa.Table.from_pylist(rows))
            con.execute(f"INSERT INTO arrow_{table} BY NAME SELECT * FROM batch_rows")
            con.unregister("batch_rows")
            insert_rows(con, table, rows)
            insert_rows(con, table, [])  # nothing to insert is no statement
            for a, b in ((table, f"arrow_{table}"), (f"arrow_{table}", table)):
                assert con.execute(f"SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})").fetchone()[0] == 0, table
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(rows)


# -- the stored CSV line of each mention (schema 15) ------------------------------------------------------


def _odd_events() -> list[Event]:
    """Mentions whose CSV cells are awkward: formula starts, quotes, commas, line breaks, missing codes,
    compound actors, floats that print in exponent form, an integer Goldstein score."""
    from dataclasses import replace

    from dyads.models import Actor, Location
    from tests.test_aggregate import mention

    base = mention("odd", 0, ["RUSGOV", "=CMD"], "111", "USA")
    return [
        base,
        replace(base, id="odd:s1:e1", sentence_index=1, sentence='+1 said "no", then\r\nleft, @once',
                date_text="-yesterday", goldstein=10.0, confidence=1e-07,
                source=[Actor(text="@them", start=0, end=5, code=None), Actor(text="x,y", start=6, end=9, code="IRN")],
                location=Location(name='Port "A", B', country="IRN", lat=-0.1, lon=123.45678901234568, basis="clause")),
        replace(base, id="odd:s2:e1", sentence_index=2, goldstein=3, confidence=0.333333333333, plover=None,
                location=Location(name="\tTab", country=None, lat=1e-07, lon=-0.0, basis="dateline")),
    ]


def test_event_row_csv_row_is_the_line_of_the_decoded_record():
    """`rows.event_row` stores the line `csv.writer` writes for `event_csv_values` of its record's JSON round trip,
    after the fingerprint of the columns and the formula rule."""
    import csv
    import io
    import json

    from dyads.export.records import CSV_ROW_PREFIX, event_csv_values
    from dyads.store.rows import event_row

    for e in _odd_events():
        row = event_row(e)
        buf = io.StringIO()
        csv.writer(buf).writerow(event_csv_values(json.loads(row["record"])))
        assert row["csv_row"] == CSV_ROW_PREFIX + buf.getvalue(), e.id
    # the integer Goldstein score of the record is written as the decoded record has it
    assert ",3," in event_row(_odd_events()[2])["csv_row"]


def test_version_14_database_gets_an_empty_csv_row_column(tmp_path, monkeypatch):
    """Migration 15 adds `events.csv_row` and fills nothing: the mentions stored before keep NULL (the download
    decodes their records); a mention stored afterwards has its line."""
    from dataclasses import replace

    from dyads.export.records import CSV_ROW_PREFIX
    from tests.test_aggregate import article

    db = tmp_path / "v14.duckdb"
    odd = _odd_events()
    with monkeypatch.context() as m:
        _as_of_version(m, 14)
        with Store(db) as st:
            assert st.schema_version == 14
            st.write([article("odd", odd[:2])], "test")
            cols = {r[0] for r in st.con.execute("DESCRIBE events").fetchall()}
            assert "csv_row" not in cols
    with Store(db) as st:
        assert st.schema_version == SCHEMA_VERSION == 15
        assert st.con.execute("SELECT count(*), count(csv_row) FROM events").fetchone() == (2, 0)
        st.write([article("odd2", [replace(odd[2], id="odd2:s2:e1", article_id="odd2")])], "test")
        rows = dict(st.con.execute("SELECT id, csv_row FROM events").fetchall())
    assert rows["odd:s0:e1"] is None and rows["odd:s1:e1"] is None
    assert rows["odd2:s2:e1"].startswith(CSV_ROW_PREFIX + "odd2:s2:e1,odd2,2,")


def test_recoded_article_replaces_its_csv_rows(tmp_path):
    """A re-coded article's mentions are written again with their new lines."""
    from dataclasses import replace

    from tests.test_aggregate import article

    db = tmp_path / "recode.duckdb"
    odd = _odd_events()
    with Store(db) as st:
        st.write([article("odd", odd)], "test")
        st.write([article("odd", [replace(odd[0], sentence="changed, now")])], "test")
        rows = st.con.execute("SELECT csv_row FROM events").fetchall()
    assert len(rows) == 1 and rows[0][0].endswith(',"changed, now"\r\n')
