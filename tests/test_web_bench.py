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
