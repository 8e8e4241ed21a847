"""The sentence word index (dyads.store.words): kept exact by Store.write, filled by migration 5, and
answering the web app's text search exactly as reading every sentence does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dyads.store import Store, words
from dyads.web import queries
from dyads.web.queries import EventFilter
from tests.conftest import rolled_back
from tests.test_aggregate import article, mention

SENTENCES = {
    "w1": ["Russian forces ATTACKED the rebels near Aleppo, officials said.",
           "Moscow's envoy met Syria's foreign minister on Tuesday."],
    "w2": ["The U.S. said it would send 2,000 troops to Iraq.",
           "Protesters attacked-the embassy in São Paulo after the vote."],
}


def _batch(sentences: dict[str, list[str]]):
    out = []
    for aid, texts in sentences.items():
        events = [replace(mention(aid, i, "RUSGOV", "190", "SYR"), sentence=s) for i, s in enumerate(texts)]
        out.append(article(aid, events))
    return out


def _index(con) -> set[tuple[str, str]]:
    """(event id, word) pairs as the index holds them."""
    return set(con.execute(
        "SELECT e.id, v.word FROM event_words w JOIN sentence_words v ON v.id = w.word_id "
        "JOIN events e ON e.seq = w.seq"
    ).fetchall())


def _rebuilt(con) -> set[tuple[str, str]]:
    return rolled_back(con, words.rebuild, _index)


def test_writes_keep_the_index_equal_to_a_rebuild(tmp_path):
    with Store(tmp_path / "w.duckdb") as st:
        st.write(_batch(SENTENCES), "test")
        index = _index(st.con)
        assert index == _rebuilt(st.con)
        assert ("w1:s0:e1", "attacked") in index and ("w2:s1:e1", "são") in index and ("w2:s0:e1", "2") in index
        seqs = [r[0] for r in st.con.execute("SELECT seq FROM events").fetchall()]
        assert None not in seqs and len(set(seqs)) == len(seqs) == 4
        # re-coding w1 with another sentence: its old words leave the index
        st.write(_batch({"w1": ["Beijing praised the agreement."]}), "test")
        index = _index(st.con)
        assert index == _rebuilt(st.con)
        assert not any(w == "aleppo" for _, w in index) and ("w1:s0:e1", "beijing") in index
        st.write([article("w2", [])], "test")
        assert {e for e, _ in _index(st.con)} == {"w1:s0:e1"}


@pytest.mark.parametrize("q", ["attacked", "ATTACK", "tacked", "s", "attacked the", "attacked-the", "são",
                               "são paulo", "2,000", "u.s.", "'s", ",", "  said  ", "rebels near", "zzz", "e."])
def test_text_search_matches_the_sentence_scan(tmp_path, q):
    with Store(tmp_path / "q.duckdb") as st:
        st.write(_batch(SENTENCES), "test")
        cur = st.con.cursor()
        flt = EventFilter(q=q)
        indexed = flt.where(word_index=True)
        scanned = flt.where(word_index=False)

        def ids(where):
            return sorted(r[0] for r in cur.execute(f"SELECT e.id FROM events e WHERE {where[0]}", where[1]).fetchall())

        assert ids(indexed) == ids(scanned)
        assert queries.list_events(cur, flt, 50, 0)["total"] == len(ids(scanned))
        page = queries.list_events(cur, flt, 50, 0, sort="article")  # no sort-key bound: the count alone
        assert page["total"] == len(ids(scanned)) and sorted(i["id"] for i in page["items"]) == ids(scanned)
    if any(c.isascii() and c.isalnum() for c in q):
        assert "event_words" in indexed[0]


def test_migration_5_indexes_an_older_database(tmp_path, monkeypatch):
    from tests.test_store import _as_of_version

    db = tmp_path / "v4.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 4)
        with Store(db) as st:
            st.write(_batch(SENTENCES), "test")
            assert not words.has_word_index(st.con)
    with Store(db) as st:
        assert words.has_word_index(st.con)
        assert _index(st.con) == _rebuilt(st.con)
        assert len(_index(st.con)) > 20
        st.write(_batch({"w3": ["Kyiv said nothing."]}), "test")  # keys go on after the migrated ones
        assert st.con.execute("SELECT count(DISTINCT seq), count(*) FROM events").fetchone() == (5, 5)


def test_event_keys_stay_unique_when_rows_come_from_elsewhere(tmp_path):
    with Store(tmp_path / "k.duckdb") as st:
        st.write(_batch({"w1": SENTENCES["w1"]}), "test")
        assert words.next_seq(st.con) == words.next_seq(st.con, 2) == 3
        assert words.next_seq(st.con, 10) == 10  # a hint above every key is itself free
        # a key written by another writer above this writer's hint is still seen
        st.con.execute("UPDATE events SET seq = 40 WHERE seq = 2")
        assert words.next_seq(st.con, 3) == 41
        st.write(_batch({"w2": SENTENCES["w2"]}), "test")
        seqs = [r[0] for r in st.con.execute("SELECT seq FROM events ORDER BY seq").fetchall()]
        assert seqs == [1, 40, 41, 42]


def _stored_order(con) -> list[tuple[int, int]]:
    return con.execute("SELECT word_id, seq FROM event_words ORDER BY rowid").fetchall()


def test_migration_10_puts_the_index_in_word_order_and_search_still_finds_later_rows(tmp_path, monkeypatch):
    from tests.test_store import _as_of_version

    db = tmp_path / "v9.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 9)
        with Store(db) as st:
            for aid, texts in SENTENCES.items():  # two batches: the rows of a word in two places
                st.write(_batch({aid: texts}), "test")
            before = _index(st.con)
            assert _stored_order(st.con) != sorted(_stored_order(st.con))
    with Store(db) as st:
        assert _index(st.con) == before
        assert _stored_order(st.con) == sorted(_stored_order(st.con))
        st.write(_batch({"w3": ["Rebels attacked Kyiv."]}), "test")  # appended after the ordered rows
        assert _index(st.con) == _rebuilt(st.con)
        cur = st.con.cursor()
        for q in ("attacked", "rebels", "kyiv"):
            flt = EventFilter(q=q)
            scanned = flt.where(word_index=False)
            n = cur.execute(f"SELECT count(*) FROM events e WHERE {scanned[0]}", scanned[1]).fetchone()[0]
            assert queries.list_events(cur, flt, 50, 0)["total"] == n > 0
        assert rolled_back(st.con, words.rebuild, lambda c: _stored_order(c) == sorted(_stored_order(c)))
