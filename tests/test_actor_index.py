"""The actor index (`dyads.store.actor_index`): its rows are the events' keys, kept by every write, and
the views that read a key's rows answer exactly as over all events, also right after a re-code."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dyads.queries import EventFilter, code_match, event_scope, mention_records_page
from dyads.store import Store, actor_index
from dyads.web import queries
from tests.test_web import build_articles, build_db

ROW = "key, exact, first, first_exact, " + ", ".join(actor_index.COLUMNS)

FILTERS = [
    EventFilter(actor="RUS"), EventFilter(actor="RUS", match="exact"), EventFilter(actor="USA", match="exact"),
    EventFilter(country="SYR"), EventFilter(actor="RUSGOV"), EventFilter(actor="SYRGOV", match="exact"),
    EventFilter(source="RUS"), EventFilter(target="SYROPP"), EventFilter(actor="SYR", cameo="19"),
    EventFilter(actor="RUS", quad_class=3), EventFilter(actor="USA", date_from=date(2013, 8, 1)),
    EventFilter(source="USA", basis="sentence", match="exact"), EventFilter(actor="RUS", q="moscow"),
    EventFilter(actor="RUS", country="SYR"), EventFilter(actor="CHN"), EventFilter(actor="ZZZ"),
]
ROOT_FILTERS = [  # no actor key: the root's rows
    EventFilter(cameo="19"), EventFilter(cameo="0231"), EventFilter(cameo="11", quad_class=3),
    EventFilter(cameo="19", date_from=date(2013, 8, 1)), EventFilter(cameo="02", q="talk"),
    EventFilter(cameo="04", actor="lavrov", basis="sentence"),
]
FILTERS += ROOT_FILTERS


def _rows(con, sql: str) -> list[tuple]:
    return sorted(con.execute(sql).fetchall(), key=repr)


def _check_index(con) -> None:
    """The stored rows are those a rebuild gives (marks included), each key's rows are the events with a code
    starting with it, and its marks count its distinct articles."""
    assert _rows(con, f"SELECT {ROW} FROM actor_index") == _rows(
        con, f"SELECT {ROW} FROM ({actor_index.rows_sql('events')})") == _rows(
        con, f"SELECT {ROW} FROM ({actor_index.rows_sql('events', window=True)})")  # a rebuild's form
    roots = con.execute(
        "SELECT key, count(*), count(*) FILTER (WHERE first), count(*) FILTER (WHERE first_exact OR exact) "
        "FROM actor_index WHERE prefix(key, ?) GROUP BY key ORDER BY key", [actor_index.ROOT_KEY]).fetchall()
    # every event once under its CAMEO root (a root's events and distinct articles), never `exact`
    assert roots == con.execute(
        f"SELECT '{actor_index.ROOT_KEY}' || left(cameo, 2), count(*), count(DISTINCT article_id), 0 FROM events "
        "GROUP BY 1 ORDER BY 1").fetchall()
    assert roots
    for key, n, first, first_exact in con.execute(
            "SELECT key, count(*), count(*) FILTER (WHERE first), count(*) FILTER (WHERE first_exact) "
            "FROM actor_index WHERE NOT prefix(key, ?) GROUP BY key", [actor_index.ROOT_KEY]).fetchall():
        cond, params = code_match("e", "both", key)
        assert (n, first) == con.execute(
            f"SELECT count(*), count(DISTINCT article_id) FROM events e WHERE {cond}", params).fetchone()
        cond, params = code_match("e", "both", key, exact=True)
        assert first_exact == con.execute(
            f"SELECT count(DISTINCT article_id) FROM events e WHERE {cond}", params).fetchone()[0]


def _views(con, flt: EventFilter) -> dict:
    out = {"overview": queries.overview(con, flt), "network": queries.network(con, flt),
           "articles": queries.list_articles(con, None, 10, 0, flt),
           "csv": mention_records_page(con, flt, None, 3)}
    for sort in ("-date", "goldstein", "article"):
        out[f"events {sort}"] = [queries.list_events(con, flt, limit, offset, sort)
                                 for limit, offset in ((2, 0), (2, 1), (50, 0))]
    for a, b in (("RUS", "SYR"), ("USA", "RUS"), ("SYRMIL", "SYRREB"), ("RU", "SYR")):
        out[f"dyad {a} {b}"] = queries.dyad(con, a, b, flt, limit=2)
    return out


def _check_views(con, monkeypatch, filters: list[EventFilter] = FILTERS) -> None:
    for flt in filters:
        with_index = _views(con, flt)
        with monkeypatch.context() as m:
            m.setattr(actor_index, "has_actor_index", lambda cur: False)
            assert event_scope(con, flt).table == "events"
            without = _views(con, flt)
        assert with_index == without, flt


def test_the_index_is_the_events_keys_after_every_write(tmp_path, monkeypatch):
    path = build_db(tmp_path / "ai.duckdb")
    with Store(path) as st:
        _check_index(st.con)
        _check_views(st.con, monkeypatch)
        # aleppo-1 coded again with its first event only (SYRMIL -> SYRREB): its CHN, FRA and RUS rows go
        aleppo = build_articles()[2]
        st.write([dataclasses.replace(aleppo, events=aleppo.events[:1])], coder_version="test")
        assert st.con.execute("SELECT count(*) FROM actor_index WHERE key IN ('CHN', 'FRA')").fetchone()[0] == 0
        _check_index(st.con)
        _check_views(st.con, monkeypatch)
        # and back, then in key order again
        st.write([aleppo], coder_version="test")
        for sql in actor_index.cluster_sql():
            st.con.execute(sql)
        _check_index(st.con)
        _check_views(st.con, monkeypatch)


@pytest.mark.parametrize(("flt", "implied", "table", "key"), [
    (EventFilter(actor="RUS"), (), "actor_index", ("p", "RUS")),
    (EventFilter(country="SYR"), (), "actor_index", ("p", "SYR")),
    (EventFilter(actor="USA", match="exact"), (), "actor_index", ("x", "USA")),
    (EventFilter(actor="RUS", cameo="19"), (), "actor_index", None),  # the key's rows, filtered
    (EventFilter(actor="RUSGOV"), (), "actor_index", None),
    (EventFilter(source="RUS"), (), "actor_index", None),
    (EventFilter(), ("RUS", "SYR"), "actor_index", None),  # a dyad's sides
    (EventFilter(actor="RU"), (), "events", None),  # shorter than a key
    (EventFilter(actor="putin"), (), "events", None),  # a name: its mentions' words are read
    (EventFilter(cameo="19"), (), "actor_index", ("r", "19")),  # a root: its key's rows
    (EventFilter(cameo="02"), (), "actor_index", ("r", "02")),
    (EventFilter(cameo="190"), (), "actor_index", None),  # a code of the root: its key's rows, filtered
    (EventFilter(cameo="19", quad_class=4), (), "actor_index", None),
    (EventFilter(cameo="02", q="talk"), (), "actor_index", None),
    (EventFilter(cameo="1"), (), "events", None),  # one digit: ten roots
    (EventFilter(cameo="02", actor="lavrov"), (), "actor_index", None),  # a name (tested by event id) and a root
    (EventFilter(actor="RUS", q="force"), (), "actor_index", None),  # the word index gives keys
])
def test_which_filters_the_index_answers(tmp_path, flt, implied, table, key):
    path = build_db(tmp_path / "scope.duckdb")
    with Store(path, read_only=True) as st:
        sc = event_scope(st.con, flt, implied)
        assert (sc.table, sc.key) == (table, key)
        if implied:  # the rows of one side's key: the dyad's own condition is applied to them
            return
        # whatever the scope, it selects the filter's rows
        where, params = flt.where("e", word_index=True)
        assert sorted(r[0] for r in st.con.execute(f"SELECT e.id FROM {sc.table} e WHERE {sc.where}",
                                                   sc.params).fetchall()) == \
            sorted(r[0] for r in st.con.execute(f"SELECT e.id FROM events e WHERE {where}", params).fetchall())


def test_the_overview_of_a_key_is_the_events_grouped(tmp_path):
    """The key's overview (summary rows for the codes that match it, the key's rows for the others) equals
    the overview grouped from the events, by every interval."""
    path = build_db(tmp_path / "ov.duckdb")
    with Store(path, read_only=True) as st:
        for flt in (EventFilter(actor="RUS"), EventFilter(actor="RUS", match="exact"), EventFilter(country="SYR"),
                    EventFilter(actor="USA", match="exact"), EventFilter(cameo="19"), EventFilter(cameo="02")):
            assert event_scope(st.con, flt).key is not None
            for interval in ("day", "week", "month", "year"):
                assert queries._overview_from_events(st.con, flt, interval, 3) == \
                    queries._overview_from_events(st.con, flt, interval, 3, index=False), (flt, interval)


def test_migration_13_adds_the_root_rows_to_an_older_database(tmp_path, monkeypatch):
    from tests.test_store import _as_of_version

    db = tmp_path / "v12.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 12)
        with Store(db) as st:
            st.write(build_articles(), coder_version="test")
            assert not actor_index.has_root_rows(st.con)
            assert st.con.execute("SELECT count(*) FROM actor_index WHERE prefix(key, 'root')").fetchone()[0] == 0
            # read without migrating, a code filter reads the events
            assert event_scope(st.con, EventFilter(cameo="19")).table == "events"
    with Store(db) as st:
        assert actor_index.has_root_rows(st.con)
        assert event_scope(st.con, EventFilter(cameo="19")).key == ("r", "19")
        _check_index(st.con)
        _check_views(st.con, monkeypatch, ROOT_FILTERS)
