"""Summary tables of the store (dyads.store.summaries): kept exact by Store.write, filled by migration 4."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyads.queries import EventFilter
from dyads.store import Store, summaries
from tests.conftest import rolled_back
from tests.test_aggregate import MOSCOW, PETERSBURG, article, mention


def _tables(con) -> dict[str, list[tuple]]:
    """Every summary table's rows, grouped by key (a float sum rounded: it is summed in another order)."""
    out = {}
    for s in summaries.SUMMARIES:
        cols = ", ".join(s.keys + tuple(f"round(sum({m}), 9)" for m in s.measures))
        out[s.name] = sorted(
            con.execute(f"SELECT {cols} FROM {s.name} GROUP BY ALL").fetchall(), key=repr
        )
    return out


def _rebuilt(con) -> dict[str, list[tuple]]:
    return rolled_back(con, summaries.rebuild, _tables)


def batch_one():
    return [
        article("s1", [mention("s1", 1, "RUSGOV", "111", "USA", loc=MOSCOW),
                       mention("s1", 2, ["RUSMIL", "RUSGOV"], "190", ["UKR", "UKRMIL"], day="2015-03-10",
                               loc=PETERSBURG)]),
        article("s2", [mention("s2", 1, "USA", "0231", "SYRGOV", day="2015-04-01"),
                       mention("s2", 2, "USA", "040", "USA", day="2015-05-01", negated=True)]),
    ]


def test_writes_keep_the_summaries_equal_to_a_rebuild(tmp_path):
    with Store(tmp_path / "s.duckdb") as st:
        st.write(batch_one(), "test")
        assert _tables(st.con) == _rebuilt(st.con)
        days = st.con.execute("SELECT sum(n) FROM summary_days").fetchone()[0]
        assert days == 4
        # re-coding s1 with other events and adding s3: the old s1 counts are taken out
        st.write([
            article("s1", [mention("s1", 1, "CHN", "057", "RUSGOV", day="2015-03-11")]),
            article("s3", [mention("s3", 1, ["IRN", "IRNGOV"], "172", "USA", day=None)]),
        ], "test")
        assert _tables(st.con) == _rebuilt(st.con)
        assert st.con.execute("SELECT sum(n) FROM summary_days").fetchone()[0] == 4
        assert st.con.execute("SELECT count(*) FROM summary_pairs WHERE src = 'RUSMIL'").fetchone()[0] == 0
        # re-coding an article to no events at all leaves no zero rows behind
        st.write([article("s3", [])], "test")
        assert _tables(st.con) == _rebuilt(st.con)
        assert st.con.execute("SELECT count(*) FROM summary_actors WHERE code LIKE 'IRN%'").fetchone()[0] == 0
        assert st.con.execute("SELECT min(n) FROM summary_days").fetchone()[0] > 0
        _one_row_per_key(st.con)


def test_extra_code_columns_match_the_sql_that_fills_them(tmp_path):
    with Store(tmp_path / "x.duckdb") as st:
        st.write(batch_one(), "test")
        written = st.con.execute("SELECT id, source_extra, target_extra FROM events ORDER BY id").fetchall()
        st.con.execute("UPDATE events SET source_extra = NULL, target_extra = NULL")
        st.con.execute(summaries.FILL_EXTRA_CODES)
        assert st.con.execute("SELECT id, source_extra, target_extra FROM events ORDER BY id").fetchall() == written
    assert [(s, t) for _, s, t in written if s or t] == [("RUSGOV", "UKRMIL")]
    assert sum(1 for _, s, t in written if s is None and t is None) == 3


def test_migration_4_fills_the_summaries_of_an_older_database(tmp_path, monkeypatch):
    from tests.test_store import _as_of_version

    db = tmp_path / "v3.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 3)
        with Store(db) as st:
            st.write(batch_one(), "test")
            assert not summaries.has_summaries(st.con)
    with Store(db) as st:
        assert summaries.has_summaries(st.con)
        assert st.con.execute("SELECT count(*) FROM events WHERE source_extra = 'RUSGOV'").fetchone()[0] == 1
        assert _tables(st.con) == _rebuilt(st.con)
        assert st.con.execute("SELECT sum(n) FROM summary_days").fetchone()[0] == 4


@pytest.mark.parametrize("level", ["code", "country"])
def test_pairs_count_a_compound_event_once_per_pair(tmp_path, level):
    with Store(tmp_path / "p.duckdb") as st:
        st.write(batch_one(), "test")
        rows = dict(((s, t), n) for s, t, n in st.con.execute(
            "SELECT src, tgt, n FROM summary_pairs WHERE level = ?", [level]).fetchall())
    if level == "code":  # RUSMIL+RUSGOV -> UKR+UKRMIL: four pairs
        assert rows[("RUSMIL", "UKR")] == rows[("RUSGOV", "UKRMIL")] == 1
        assert rows[("RUSGOV", "USA")] == 1 and rows[("USA", "USA")] == 1
    else:  # ... and one RUS -> UKR pair, with the single RUSGOV -> USA event as RUS -> USA
        assert rows[("RUS", "UKR")] == 1 and rows[("RUS", "USA")] == 1


def _one_row_per_key(con) -> None:
    """Every summary row has its lookup key, and no two rows have the same key columns."""
    for s in summaries.SUMMARIES:
        keys = ", ".join(s.keys)
        n, distinct, wrong_k = con.execute(
            f"SELECT count(*), count(DISTINCT ({keys})), count(*) FILTER (WHERE k IS DISTINCT FROM {s.key_sql}) "
            f"FROM {s.name}").fetchone()
        assert (n, wrong_k) == (distinct, 0), s.name


def test_rows_sharing_a_lookup_key_stay_apart(tmp_path):
    import dataclasses

    from tests.test_aggregate import MOSCOW

    # another Moscow (same name and country, other coordinates): the same lookup key, another summary row
    other = dataclasses.replace(MOSCOW, lat=56.0, lon=38.0, geonameid=1)
    with Store(tmp_path / "k.duckdb") as st:
        st.write([article("m1", [mention("m1", 1, "RUSGOV", "111", "USA", loc=MOSCOW)])], "test")
        st.write([article("m2", [mention("m2", 1, "RUSGOV", "111", "USA", loc=other),
                                 mention("m2", 2, "RUSGOV", "111", "USA", loc=MOSCOW)])], "test")
        places = st.con.execute("SELECT lat, n, k FROM summary_places WHERE name = 'Moscow' ORDER BY lat").fetchall()
        assert [(lat, n) for lat, n, _ in places] == [(55.75, 2), (56.0, 1)] and places[0][2] == places[1][2]
        _one_row_per_key(st.con)
        assert _tables(st.con) == _rebuilt(st.con)
        st.write([article("m1", [])], "test")  # re-coded to nothing: one Moscow event fewer
        assert st.con.execute("SELECT lat, n FROM summary_places WHERE name = 'Moscow' ORDER BY lat").fetchall() == \
            [(55.75, 1), (56.0, 1)]
        _one_row_per_key(st.con)
        assert _tables(st.con) == _rebuilt(st.con)


def _written_as_of(tmp_path, monkeypatch, version: int, before) -> Path:
    """A database written by the schema of `version`, where `before(con)` holds, for the next migration to
    bring up to date when the database is opened again."""
    from tests.test_store import _as_of_version

    db = tmp_path / f"v{version}.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, version)
        with Store(db) as st:
            st.write(batch_one(), "test")
            assert before(st.con)
    return db


def _indexes(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}


def _recoded_still_rebuilt(st) -> None:
    """s1 coded again (now a CHN -> RUSGOV event): the summary tables still equal a rebuild from the events."""
    st.write([article("s1", [mention("s1", 1, "CHN", "057", "RUSGOV", day="2015-03-11")])], "test")
    _one_row_per_key(st.con)
    assert _tables(st.con) == _rebuilt(st.con)


def test_migration_7_keys_the_summaries_of_an_older_database(tmp_path, monkeypatch):
    db = _written_as_of(tmp_path, monkeypatch, 6, lambda con: "k" not in [c for (c,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'summary_pairs'").fetchall()])
    with Store(db) as st:
        _one_row_per_key(st.con)
        assert _indexes(st.con) >= {f"{s.name}_k" for s in summaries.SUMMARIES}
        assert _tables(st.con) == _rebuilt(st.con)
        _recoded_still_rebuilt(st)


def test_migration_8_adds_the_names_summary_to_an_older_database(tmp_path, monkeypatch):
    db = _written_as_of(tmp_path, monkeypatch, 7, lambda con: not summaries.has_summaries(con))  # no summary_names
    with Store(db) as st:
        assert "summary_names_k" in _indexes(st.con)
        names = st.con.execute("SELECT code, text, n FROM summary_names ORDER BY ALL").fetchall()
        direct = st.con.execute("SELECT code, text, count(*) FROM event_actors WHERE code IS NOT NULL "
                                "GROUP BY ALL ORDER BY ALL").fetchall()
        assert names == direct and names
        _one_row_per_key(st.con)
        assert _tables(st.con) == _rebuilt(st.con)
        _recoded_still_rebuilt(st)


def test_map_summary_counts_an_event_once_per_actor_key(tmp_path):
    """summary_map: every event under ('', ''), once under each prefix of 3k letters of its codes and once
    under each of its codes, however many of its codes share the key (RUSMIL + RUSGOV: RUS once)."""
    with Store(tmp_path / "m.duckdb") as st:
        st.write(batch_one(), "test")
        keys = dict(((k, a), n) for k, a, n in st.con.execute(
            "SELECT kind, actor, sum(n) FROM summary_map GROUP BY 1, 2").fetchall())
        assert keys[("", "")] == 4
        assert keys[("p", "RUS")] == 2 and keys[("p", "RUSGOV")] == 2 and keys[("p", "RUSMIL")] == 1
        assert keys[("p", "USA")] == 3 and keys[("x", "USA")] == 3 and keys[("p", "UKR")] == 1
        assert ("x", "RUS") not in keys and keys[("x", "RUSGOV")] == 2
        # each key's count is the events the filter selects (prefix or exact, compound actors included)
        for (kind, actor), n in keys.items():
            if kind:
                match = "exact" if kind == "x" else "prefix"
                where, params = EventFilter(actor=actor, match=match).where("e")
                assert st.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0] == n
        # re-coded: s1's events (the only RUS ones) are replaced by a CHN -> RUSGOV event
        st.write([article("s1", [mention("s1", 1, "CHN", "057", "RUSGOV", day="2015-03-11")])], "test")
        assert st.con.execute("SELECT sum(n) FROM summary_map WHERE kind = 'p' AND actor = 'RUS'").fetchone()[0] == 1
        assert st.con.execute("SELECT count(*) FROM summary_map WHERE actor = 'RUSMIL'").fetchone()[0] == 0
        assert _tables(st.con) == _rebuilt(st.con)
        _one_row_per_key(st.con)


def test_migration_9_adds_the_map_summary_to_an_older_database(tmp_path, monkeypatch):
    db = _written_as_of(tmp_path, monkeypatch, 8, lambda con: not summaries.has_summaries(con))  # no summary_map
    with Store(db) as st:
        assert summaries.has_summaries(st.con)
        assert "summary_map_k" in _indexes(st.con)
        assert st.con.execute("SELECT sum(n) FROM summary_map WHERE kind = ''").fetchone()[0] == 4
        _one_row_per_key(st.con)
        assert _tables(st.con) == _rebuilt(st.con)
        _recoded_still_rebuilt(st)


def test_migration_14_adds_the_month_tables_to_an_older_database(tmp_path, monkeypatch):
    db = _written_as_of(tmp_path, monkeypatch, 13, lambda con: summaries.has_summaries(con)
                        and not summaries.has_month_summaries(con))
    with Store(db) as st:
        assert summaries.has_month_summaries(st.con)
        assert _indexes(st.con) >= {f"{s.name}_k" for s in summaries.MONTH_SUMMARIES}
        # every dated event once under its article and month: s1's two in March 2015, s2's in April and May
        assert st.con.execute("SELECT month, sum(n) FROM summary_month_articles GROUP BY 1 ORDER BY 1").fetchall() \
            == [(date(2015, 3, 1), 2), (date(2015, 4, 1), 1), (date(2015, 5, 1), 1)]
        _one_row_per_key(st.con)
        assert _tables(st.con) == _rebuilt(st.con)
        _recoded_still_rebuilt(st)


def test_the_month_tables_count_each_month_as_the_whole_tables_count_all(tmp_path):
    """Summed over the months, the month tables are the summaries over all dates of the dated events."""
    with Store(tmp_path / "m.duckdb") as st:
        st.write(batch_one(), "test")
        pairs = st.con.execute("SELECT src, tgt, sum(n) FROM summary_month_pairs GROUP BY 1, 2 ORDER BY ALL").fetchall()
        assert pairs == st.con.execute("SELECT src, tgt, n FROM summary_pairs WHERE level = 'code' ORDER BY ALL"
                                       ).fetchall()
        assert ("RUSMIL", "UKRMIL", 1) in pairs  # a compound event: each of its pairs
        actors = st.con.execute("SELECT code, sum(n), sum(as_source), sum(as_target) FROM summary_month_actors "
                                "GROUP BY 1 ORDER BY 1").fetchall()
        assert actors == st.con.execute("SELECT code, n, as_source, as_target FROM summary_actors ORDER BY 1"
                                        ).fetchall()
