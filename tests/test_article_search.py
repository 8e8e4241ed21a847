"""The article search column (dyads.store.article_search): filled by every write and by migration 12,
and the articles search through it finds exactly the articles whose id or title contains the text."""

from __future__ import annotations

from dataclasses import replace

from dyads.store import Store, article_search
from dyads.web import queries
from tests.test_aggregate import article

TITLES = {
    "Gen-99a": "Generated Article ONE",
    "plain-2": "İstanbul: ÉLAN and straße",
    "plain-3": None,
    "multi-4": "first line\nsecond LINE",
}
NEEDLES = ["gen-99", "article", "élan", "straße", "i̇stanbul", "istanbul", "a\nge", "99a\ngen", "line\nsecond",
           "", "-", "nothing", "plain-3", "one", "3\n"]


def _articles(titles: dict[str, str | None]):
    return [replace(a, article=replace(a.article, title=t)) for a, t in
            ((article(aid, []), t) for aid, t in titles.items())]


def _two_columns(cur, needle: str) -> set[str]:
    """The articles the search found before the column: id or title lower-cased on every read."""
    sql, params = article_search.match_sql(needle, stored=False)
    return {r[0] for r in cur.execute(f"SELECT id FROM articles WHERE {sql}", params).fetchall()}


def _found(cur, needle: str) -> set[str]:
    return {a["id"] for a in queries.list_articles(cur, needle, 100, 0)["items"]}


def _check(cur) -> None:
    assert article_search.has_search_text(cur)
    stored = cur.execute(f"SELECT count(*) FROM articles WHERE search_text IS DISTINCT FROM "
                         f"{article_search.EXPRESSION}").fetchone()[0]
    assert stored == 0
    for needle in NEEDLES:
        assert _found(cur, needle) == _two_columns(cur, queries._needle(needle)), needle


def test_every_write_fills_the_column_and_the_search_finds_what_reading_both_columns_finds(tmp_path):
    with Store(tmp_path / "s.duckdb") as st:
        st.write(_articles(TITLES), "test")
        _check(st.con)
        assert _found(st.con, "gen-99") == {"Gen-99a"}
        assert _found(st.con, "line\nsecond") == {"multi-4"}  # a newline in the needle: the two columns
        # coded again with other titles: the column follows
        st.write(_articles({"Gen-99a": "Renamed", "plain-3": "Now with a GEN-99 title"}), "test")
        _check(st.con)
        assert _found(st.con, "gen-99") == {"Gen-99a", "plain-3"}
        assert _found(st.con, "generated") == set()


def test_an_unfilled_row_is_still_found(tmp_path):
    with Store(tmp_path / "s.duckdb") as st:
        st.write(_articles(TITLES), "test")
        st.con.execute("UPDATE articles SET search_text = NULL WHERE id IN ('Gen-99a', 'plain-3')")
        for needle in NEEDLES:
            assert _found(st.con, needle) == _two_columns(st.con, queries._needle(needle)), needle
        assert _found(st.con, "gen-99") == {"Gen-99a"}


def test_migration_12_fills_the_column_of_an_older_database(tmp_path, monkeypatch):
    from tests.test_store import _as_of_version

    db = tmp_path / "v11.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 11)
        with Store(db) as st:
            st.write(_articles(TITLES), "test")
            assert not article_search.has_search_text(st.con)
            assert _found(st.con, "gen-99") == {"Gen-99a"}  # the old way
    with Store(db) as st:
        _check(st.con)
        assert _found(st.con, "gen-99") == {"Gen-99a"}
