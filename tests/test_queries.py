"""The event filter (actor prefixes, CAMEO roots and codes, PLOVER, dates, places) and read-only SQL."""

from __future__ import annotations

from datetime import date

import pytest

from dyads.aggregate import update_events
from dyads.queries import EventFilter, QueryError, event_mentions, run_sql, select_events, stale_articles
from dyads.store import Store
from tests.test_aggregate import MOSCOW, PETERSBURG, article, mention


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "q.duckdb"
    with Store(path) as st:
        st.write([
            article("q1", [mention("q1", 1, "RUSGOV", "111", "USA", loc=MOSCOW),
                           mention("q1", 2, "RUSMIL", "190", "UKR", day="2015-03-10", loc=PETERSBURG),
                           mention("q1", 3, "USA", "0231", "SYRGOV", day="2015-04-01"),
                           mention("q1", 4, "USA", "040", "RUS", day="2015-05-01", negated=True)]),
        ], "test")
        update_events(st)
    return path


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as st:
        yield st


def cameos(store, limit=None, **kw) -> list[str]:
    return [e["cameo"] for e in select_events(store, EventFilter(**kw), limit)]


def test_filters(store):
    assert cameos(store) == ["111", "190", "0231", "040"]  # date order
    assert cameos(store, source="RUS") == ["111", "190"]  # prefix: RUSGOV, RUSMIL
    assert cameos(store, source="rusgov") == ["111"]
    assert cameos(store, target="SYR") == ["0231"]
    assert cameos(store, cameo="19") == ["190"] and cameos(store, cameo="023") == ["0231"]
    assert cameos(store, cameo="0231") == ["0231"] and cameos(store, cameo="02") == ["0231"]
    assert cameos(store, plover="assault") == ["190"]
    assert cameos(store, date_from=date(2015, 3, 10), date_to=date(2015, 4, 1)) == ["190", "0231"]
    assert cameos(store, place="RUS") == ["111", "190"]
    assert cameos(store, place="524901") == ["111"]
    assert cameos(store, place="saint petersburg") == ["190"]
    assert cameos(store, place="saint", place_country="RUS") == []  # a place name is matched whole
    assert cameos(store, place_country="RUS") == ["111", "190"]
    assert cameos(store, negated=False) == ["111", "190", "0231"]
    assert cameos(store, limit=2) == ["111", "190"]
    assert cameos(store, source="CHN") == []


def test_bad_filter_values(store):
    with pytest.raises(QueryError, match="CAMEO code"):
        select_events(store, EventFilter(cameo="1a"))
    with pytest.raises(QueryError, match="CAMEO code"):
        select_events(store, EventFilter(cameo="12345"))
    with pytest.raises(QueryError, match="limit"):
        select_events(store, EventFilter(), -1)
    with pytest.raises(QueryError, match="match"):
        EventFilter(match="fuzzy")
    with pytest.raises(QueryError, match="basis"):
        EventFilter(basis="anywhere")
    with pytest.raises(QueryError, match="after"):
        EventFilter(date_from=date(2015, 2, 1), date_to=date(2015, 1, 1))


def test_mentions_of_events(store):
    evs = select_events(store, EventFilter(source="RUSGOV"))
    ms = event_mentions(store, [e["id"] for e in evs])
    (m,) = ms[evs[0]["id"]]
    assert m["mention_id"] == "q1:s1:e1" and m["record"]["cameo"] == "111" and m["url"] == "https://example.org/q1"
    assert event_mentions(store, []) == {}
    assert stale_articles(store) == 0


def test_run_sql_reads_but_never_writes(db, tmp_path):
    cols, rows = run_sql(db, "SELECT cameo, num_mentions FROM merged_events ORDER BY cameo")
    assert cols == ["cameo", "num_mentions"] and rows[0] == ("0231", 1)
    assert len(run_sql(db, "SELECT * FROM events", limit=2)[1]) == 2
    for sql in ("DELETE FROM events", "DROP TABLE articles", "CREATE TABLE t (a INTEGER)",
                f"COPY events TO '{tmp_path / 'leak.csv'}'", "SELECT * FROM read_csv('/etc/hostname')",
                f"ATTACH '{tmp_path / 'other.duckdb'}' AS other"):
        with pytest.raises(QueryError):
            run_sql(db, sql)
    assert not (tmp_path / "leak.csv").exists() and not (tmp_path / "other.duckdb").exists()
    with pytest.raises(QueryError, match="Parser"):
        run_sql(db, "SELEC 1")
    with pytest.raises(FileNotFoundError):
        run_sql(tmp_path / "missing.duckdb", "SELECT 1")
    with Store(db) as st:
        assert st.con.execute("SELECT count(*) FROM events").fetchone()[0] == 4


def test_exact_codes_and_the_two_units_share_one_filter(store):
    """`match="exact"` selects a code only, not its children; the same filter selects mentions
    (the `events` table) or merged events, and conditions only mentions have (article, sentence
    text) select the merged events one of whose mentions meets them."""
    from dyads.queries import iter_mention_records

    assert cameos(store, source="RUS") == ["111", "190"]
    assert cameos(store, source="RUS", match="exact") == []
    assert cameos(store, actor="RUS", match="exact") == ["040"]  # as target
    assert cameos(store, source="RUSGOV", match="exact") == ["111"]
    flt = EventFilter(actor="USA", match="exact")
    mentions = [r["cameo"] for r in iter_mention_records(store.con, flt)]
    assert sorted(mentions) == sorted(cameos(store, actor="USA", match="exact")) == ["0231", "040", "111"]
    assert cameos(store, article="q1", precision="day") == ["111", "190", "0231", "040"]
    assert cameos(store, precision="none") == [] and cameos(store, dates="undated") == []
    assert cameos(store, dates="implausible") == []
    assert cameos(store, basis="none") == ["0231", "040"]
    assert [r["cameo"] for r in iter_mention_records(store.con, EventFilter(basis="none"))] == ["0231", "040"]
    assert EventFilter(match="exact").is_empty() and not EventFilter(q="x").is_empty()
    assert EventFilter(actor="USA", match="exact", date_from=date(2015, 1, 1)).params() == {
        "actor": "USA", "date_from": "2015-01-01", "match": "exact"}


@pytest.mark.parametrize("fields, key", [
    ({}, ("", "")), ({"basis": "sentence", "cameo": "19"}, ("", "")),
    ({"actor": "RUS"}, ("p", "RUS")), ({"actor": "rusgov"}, None),  # lower case: also a name
    ({"actor": "RUSGOV"}, ("p", "RUSGOV")), ({"actor": "RU"}, None), ({"actor": "RUSG"}, None),
    ({"actor": "RU", "match": "exact"}, ("x", "RU")), ({"actor": "RUSGOV", "match": "exact"}, ("x", "RUSGOV")),
    ({"country": "syr"}, ("p", "SYR")), ({"country": "SYR", "match": "exact"}, ("p", "SYR")),
    ({"country": "SY"}, None), ({"actor": "RUS", "country": "SYR"}, None),
    ({"source": "RUS"}, None), ({"actor": "RUS", "target": "USA"}, None),
])
def test_actor_key_of_a_filter(fields, key):
    """The summary key that counts exactly the events of a filter's actor condition (summary_map), or None:
    a country is matched by prefix whatever `match` says, a prefix only at a 3-letter boundary."""
    assert EventFilter(**fields).actor_key() == key


def test_the_plausible_bounds_read_apart_select_what_the_subqueries_select(tmp_path):
    """`implausible_sql` with the bounds read once (`plausible_bounds`, constants in the statement) marks the
    same events as with them as subqueries, at both limits (a leap day's 30 years back included), and
    with no articles at all."""
    from dyads.queries import implausible_sql, plausible_bounds

    days = ["1982-02-27", "1982-02-28", "1982-03-01", "2000-01-01", "2016-03-04", "2016-03-05", "2040-01-01"]
    leap = article("p1", [mention("p1", i, "RUS", "111", "USA", day=d) for i, d in enumerate(days)],
                   pub=date(2012, 2, 29))
    with Store(tmp_path / "p.duckdb") as st:
        st.write([leap, article("p2", [mention("p2", 1, "USA", "111", "RUS")], pub=date(2015, 3, 4))], "test")
        bounds = plausible_bounds(st.con)
        marked = {}
        for form in (implausible_sql("e"), implausible_sql("e", bounds)):
            marked[form] = st.con.execute(
                f"SELECT list(CAST(event_date AS VARCHAR) ORDER BY event_date) FROM events e WHERE {form}"
            ).fetchone()[0]
        assert list(marked.values()) == [["1982-02-27", "2016-03-05", "2040-01-01"]] * 2
        st.con.execute("CREATE TEMP TABLE articles AS SELECT * FROM main.articles LIMIT 0")  # no articles
        empty = plausible_bounds(st.con)
        assert empty == (None, None)
        assert st.con.execute(f"SELECT count(*) FROM events e WHERE {implausible_sql('e', empty)}").fetchone()[0] == 0


def test_mention_csv_page_is_the_csv_of_the_page_records_with_and_without_seq(tmp_path):
    """`mention_csv_page` (the CSV download's read) gives the CSV lines of the mentions `mention_records_page`
    gives, in the same order, with the last key to start the next page from; the same on a store whose
    `events` has no `seq` and no stored lines (a Parquet store of an older schema: one read)."""
    import csv
    import io

    import duckdb

    from dyads.export.records import event_csv_values
    from dyads.queries import mention_csv_page, mention_records_page
    from tests.test_web import build_db

    db = build_db(tmp_path / "w.duckdb")
    old = duckdb.connect()
    old.execute(f"ATTACH '{db}' AS src (READ_ONLY)")
    old.execute("CREATE TABLE events AS SELECT * EXCLUDE (seq, csv_row) FROM src.events")
    new = duckdb.connect(str(db), read_only=True)
    for con in (new, old):
        for flt in (EventFilter(), EventFilter(cameo="11"), EventFilter(actor="ZZZ")):
            after, n = None, 0
            while True:
                lines = mention_csv_page(con, flt, after, 3)
                page = mention_records_page(con, flt, after, 3)
                buf = io.StringIO()
                csv.writer(buf).writerows(event_csv_values(rec) for _, rec in page)
                assert (lines.text, lines.count) == (buf.getvalue(), len(page))
                assert lines.last == (page[-1][0] if page else None)
                n += lines.count
                if lines.count < 3:
                    break
                after = lines.last
            where, params = flt.where("e")
            assert n == new.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0], flt
