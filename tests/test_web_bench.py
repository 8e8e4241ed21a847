"""`dyads bench web`: the generated database is a store like a coded one (summaries included), and every
endpoint answers on it."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from dyads.store import Store, summaries, words  # noqa: E402
from dyads.web.bench import REQUESTS, WebBench, format_report, generate_database, run_bench  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("webbench") / "gen.duckdb"
    told = []
    generate_database(path, 1500, progress=told.append, chunk=500)  # three chunks, as 10M events are ten
    assert told[2].startswith("1,500 of 1,500 events") and told[-1].startswith("merged the mentions of days")
    return path


def test_generated_store_has_what_coding_writes(db):
    with Store(db, read_only=True) as st:
        con = st.con
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 1500
        assert summaries.has_summaries(con)
        # the compound targets got their extra-code column, as Store.write gives it
        n_compound, n_extra = con.execute(
            "SELECT count(*) FILTER (WHERE len(target_codes) > 1), count(target_extra) FROM events").fetchone()
        assert n_compound == n_extra > 0
        assert con.execute("SELECT sum(n) FROM summary_days").fetchone()[0] == 1500
        assert con.execute("SELECT sum(n) FROM summary_mentions").fetchone()[0] == \
            con.execute("SELECT count(*) FROM event_actors").fetchone()[0]
        # every event has its key and its sentence's words in the index
        assert words.has_word_index(con)
        assert con.execute("SELECT count(DISTINCT seq) FROM events").fetchone()[0] == 1500
        assert con.execute("SELECT count(DISTINCT seq) FROM event_words").fetchone()[0] == 1500
        # generated in chunks, the database is the one a single chunk gives
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (300, 300)


def test_chunks_give_the_same_database(db, tmp_path):
    whole = tmp_path / "whole.duckdb"
    generate_database(whole, 1500)
    tables = ("articles", "events", "event_actors", *summaries.SUMMARY_TABLES)
    with Store(db, read_only=True) as a, Store(whole, read_only=True) as b:
        for table in tables:
            cols = ", ".join(f"round({c}, 9)" if t == "DOUBLE" else c for c, t in a.con.execute(  # sums: any order
                f"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' "
                "AND column_name <> 'coded_at' ORDER BY ordinal_position").fetchall())
            q = f"SELECT {cols} FROM {table} ORDER BY ALL"
            assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall(), table
        # the word ids are numbered per chunk; the index itself is the same
        q = "SELECT v.word, w.seq FROM event_words w JOIN sentence_words v ON v.id = w.word_id ORDER BY ALL"
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()
        q = "SELECT word FROM sentence_words ORDER BY ALL"
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()


@pytest.mark.slow
def test_every_endpoint_answers_on_the_generated_store(db):
    timings = run_bench(db, repeats=1, n_events=1500)
    assert [t.endpoint for t in timings] == list(REQUESTS)
    assert all(t.requests >= 1 and t.median_ms > 0 and t.cpu_median_ms >= 0 for t in timings)
    text = format_report(WebBench(str(db), 1500, None, timings))
    assert "overview" in text and "cpu median" in text and "cpu p95" in text
    assert all(t.cpu_p95_ms >= t.cpu_median_ms for t in timings)


def test_only_some_requests_each_reported(db):
    """`--only` times the requests whose URL contains the text; `--per-url` reports each one."""
    from dyads.web.bench import format_urls

    timings = run_bench(db, repeats=2, n_events=1500, only=("overview?actor", "/api/stats"))
    assert [t.endpoint for t in timings] == ["stats", "overview"]
    urls = [u for t in timings for u, _, _ in t.urls]
    assert urls == ["/api/stats", "/api/overview?actor=RUS", "/api/overview?actor=USA&match=exact"]
    assert all(len(cpu) == len(wall) == 2 for t in timings for _, cpu, wall in t.urls)
    text = format_urls(WebBench(str(db), 1500, None, timings))
    assert all(u in text for u in urls) and "cpu best" in text


def test_generated_mentions_are_merged_as_update_events_would(db, tmp_path):
    import shutil

    from dyads.aggregate import pending_articles, rebuild_events

    copy = tmp_path / "merged.duckdb"
    shutil.copyfile(db, copy)
    links = ("SELECT m.merge_key, l.mention_id, l.article_id, l.source_position, l.target_position, l.is_root "
             "FROM event_mentions l JOIN merged_events m ON m.id = l.event_id ORDER BY ALL")
    events = ("SELECT merge_key, base_key, event_date, source_code, target_code, cameo, negated, num_mentions, "
              "num_articles, is_root_event, first_article_id FROM merged_events ORDER BY ALL")
    with Store(copy) as st:
        assert pending_articles(st) == []  # a `dyads code` into it merges only its own batches
        generated = st.con.execute(links).fetchall(), st.con.execute(events).fetchall()
        assert len(generated[0]) >= 1500 and len(generated[1]) > 100
        rebuild_events(st)  # the Python merge of every mention
        assert (st.con.execute(links).fetchall(), st.con.execute(events).fetchall()) == generated


def test_generated_csv_rows_are_the_lines_of_their_records(db):
    """The generator's SQL writes each event's stored CSV line (`events.csv_row`) as `rows.event_row` would: the
    line of its decoded record, after the fingerprint."""
    from dyads.export.records import stored_csv_row

    with Store(db, read_only=True) as st:
        rows = st.con.execute("SELECT record, csv_row FROM events").fetchall()
    assert len(rows) == 1500
    assert [line for _, line in rows] == [stored_csv_row(record) for record, _ in rows]


def test_csv_cell_macros_write_cells_as_csv_writer():
    """The generator's cell macros against `csv.writer` and the formula rule, for every value the generator can
    draw (all place names and coordinates, all CAMEO names and scores) and for hand-made awkward ones."""
    import csv
    import io

    import duckdb

    from dyads.export.records import csv_row
    from dyads.ontology import load_ontology
    from dyads.web.bench import _cities, csv_cell_macros

    def line(values: list) -> str:
        buf = io.StringIO()
        csv.writer(buf).writerow(csv_row(values))
        return buf.getvalue()

    con = duckdb.connect()
    for sql in csv_cell_macros():
        con.execute(sql)
    texts = [c[0] for c in _cities()] + [c.name for c in load_ontology().codes.values()] + [
        None, "", "a,b", 'say "hi"', "line\nbreak", "cr\rhere", "=1+1", "+x", "-y", "@z", "\tt", "\rr", "'q", "Ünï"]
    numbers = [x for c in _cities() for x in c[2:4]] + [c.goldstein for c in load_ontology().codes.values()] + [
        None, -0.1, 1e-07, 10.0, -0.0, 1e16, 123456.789, 12.345678901234567, 0.5]
    got = con.execute(
        "SELECT list_transform(?, lambda t: csv_text(t)), list_transform(?::DOUBLE[], lambda x: csv_number(x)), "
        "csv_number(42), csv_bool(true), csv_bool(false), csv_bool(NULL)", [texts, numbers]).fetchone()
    assert [c + "\r\n" for c in got[0]] == [line([t, "x"])[:-len(",x\r\n")] + "\r\n" for t in texts]
    assert [c + "\r\n" for c in got[1]] == [line([x, "x"])[:-len(",x\r\n")] + "\r\n" for x in numbers]
    assert list(got[2:]) == ["42", "True", "False", ""]
