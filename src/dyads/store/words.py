"""The sentence word index: which events' sentences hold which words, kept exact on write.

The web app's text search (`q=`) matches a needle anywhere in an event's sentence, case-insensitively
(`contains(lower(sentence), needle)`). Read literally that lowers and scans the sentence of every
event: ~150-200 ms of CPU on a million events, and DuckDB's full-text extension is not in the
wheel. Here each event has an integer key (`events.seq`), the distinct words of the store are in
`sentence_words` (word -> id) and `event_words` holds (word id, event key) for every word of every
sentence. A word is a maximal run of letters and digits of the lower-cased sentence.

Why the index answers exactly what the scan does: every maximal run of ASCII letters and digits
of the needle lies, wherever the needle occurs in a lower-cased sentence, inside one word of that
sentence (its characters are letters or digits, so no word boundary falls between them). So the
events with a word containing the needle's longest such run are a superset of the matches; when the
needle is that run (the common case: a word or its start) they are exactly the matches, otherwise
their sentences are checked too. A needle without such a run is matched by the scan.

`Store.write` adds the words of new events and removes those of replaced ones in the same
transaction (`add_sql`, `remove_sql`); migration 5 and `dyads bench web`'s generator call `rebuild`.
Words are never removed from `sentence_words`: a word without events matches nothing.

Why `event_words` is kept in word order (`cluster_sql`; migration 10, `rebuild`, the generator): a
lookup reads the rows of a few word ids, and DuckDB skips every row group whose min/max word id
rules them out. Written batch by batch, every row group holds every frequent word and a lookup reads
all of them (455 row groups, 55M rows, 170-220 ms of CPU per statement at 10M events; the events
list reads it twice). Rows added by later batches sit unordered at the end, each row group of them
read by every lookup (about 0.4 ms each at 10M), so a store coded after the migration slows down
towards the unordered cost, never past it; `cluster_sql` orders it again.
"""

from __future__ import annotations

import re

import duckdb

WORD_TABLES = ("sentence_words", "event_words")
DDL = (
    "CREATE TABLE sentence_words (word VARCHAR NOT NULL, id INTEGER NOT NULL)",
    "CREATE TABLE event_words (word_id INTEGER NOT NULL, seq BIGINT NOT NULL)",
)
SPLIT = r"[^\pL\pN]+"  # RE2: anything but a letter or a digit (any script) separates words
_RUN = re.compile(r"[a-z0-9]+")


def _words_sql(events: str) -> str:
    """Distinct (seq, word) of the `events` rows' sentences."""
    return (f"SELECT DISTINCT seq, word FROM (SELECT seq, unnest(regexp_split_to_array(lower(sentence), '{SPLIT}')) "
            f"AS word FROM {events} WHERE sentence IS NOT NULL) WHERE word <> ''")


def add_sql(events: str) -> list[str]:
    """Statements indexing the words of the `events` rows (their `seq` set): new words first get ids."""
    return [
        f"CREATE OR REPLACE TEMP TABLE words_delta AS {_words_sql(events)}",
        "INSERT INTO sentence_words SELECT word, CAST((SELECT coalesce(max(id), 0) FROM sentence_words) "
        "+ row_number() OVER (ORDER BY word) AS INTEGER) FROM (SELECT DISTINCT word FROM words_delta) "
        "WHERE word NOT IN (SELECT word FROM sentence_words)",
        "INSERT INTO event_words SELECT v.id, d.seq FROM words_delta d JOIN sentence_words v ON v.word = d.word",
        "DROP TABLE words_delta",
    ]


def cluster_sql() -> list[str]:
    """Statements rewriting `event_words` in (word id, event key) order, so that a word's rows sit in a
    few row groups that DuckDB finds by their min/max statistics (see the module's docstring)."""
    return [
        "CREATE OR REPLACE TEMP TABLE event_words_ordered AS SELECT word_id, seq FROM event_words",
        "DELETE FROM event_words",
        "INSERT INTO event_words SELECT word_id, seq FROM event_words_ordered ORDER BY word_id, seq",
        "DROP TABLE event_words_ordered",
    ]


def remove_sql(events: str) -> list[str]:
    """Statements dropping the index rows of the `events` rows (replaced by a re-code)."""
    return [f"DELETE FROM event_words WHERE seq IN (SELECT seq FROM {events})"]


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Index every event's sentence from scratch (after events were written other than by `Store.write`)."""
    con.execute("DELETE FROM event_words")
    con.execute("DELETE FROM sentence_words")
    for sql in [*add_sql("events"), *cluster_sql()]:
        con.execute(sql)


def next_seq(con: duckdb.DuckDBPyConnection, at_least: int = 1) -> int:
    """The first free event key; `at_least`: a key known to be free or taken last (the writer's last `next_seq`).

    Keys are handed out in increasing order and rows are appended, so with the hint DuckDB reads only
    the last row groups (the others' min/max statistics rule them out): `max(seq)` over the whole
    column reads 10M keys in a 10M-event store. Any row at or above the hint is still counted.
    """
    at_least = max(1, int(at_least))
    return con.execute("SELECT coalesce(max(seq) + 1, ?) FROM events WHERE seq >= ?",
                       [at_least, at_least]).fetchall()[0][0]


def keyed(event_rows: list[dict], first: int) -> list[dict]:
    """The events' rows with their keys `seq`, numbered from `first` (`next_seq`)."""
    return [{**r, "seq": first + k} for k, r in enumerate(event_rows)]


def has_tables(cur: duckdb.DuckDBPyConnection, *tables: str) -> bool:
    """True when the database has every one of `tables` (an index an older schema version lacks)."""
    try:
        cur.execute(f"SELECT 1 FROM {', '.join(tables)} LIMIT 0")
    except duckdb.CatalogException:
        return False
    return True


def has_column(cur: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """True when `table` has `column` (one an older schema version lacks; a Parquet store may lack it too)."""
    try:
        cur.execute(f"SELECT {column} FROM {table} LIMIT 0")
    except (duckdb.BinderException, duckdb.CatalogException):
        return False
    return True


def has_word_index(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has the word index (a DuckDB store at schema version 5 or later)."""
    return has_tables(cur, "sentence_words", "event_words")


def match_sql(alias: str, needle: str) -> tuple[str, list[str]] | None:
    """SQL (and parameters) for: the `alias` event's lower-cased sentence contains `needle` (lower-cased),
    answered from the index; None when the needle has no run of ASCII letters or digits to look up.

    The events whose words contain the needle's longest run are the candidates. When the needle is
    more than that run, their sentences are checked too, in a join on the candidates' keys: written
    as a plain condition on the events, DuckDB would check every sentence before the lookup.

    The candidates' keys are gathered into one list and unnested: DuckDB then expects few of them
    and builds its hash table on them. Read from `event_words` directly they are estimated from its
    55M rows at 10M events, more than the events, so DuckDB built on the keys of all events and
    probed with the candidates: at 10M events 1.1 s of CPU for the count of `q=force` (0.1 s so),
    2.3 s for its network (0.4 s), 2.2 s for its overview (0.8 s) (docs/performance.md).
    """
    runs = sorted(set(_RUN.findall(needle)), key=lambda r: (-len(r), r))
    if not runs:
        return None
    lookup = ("(SELECT unnest(list(w.seq)) AS seq FROM event_words w WHERE w.word_id IN "
              "(SELECT v.id FROM sentence_words v WHERE contains(v.word, ?)))")
    if _RUN.fullmatch(needle):  # one run: the candidates are the matches
        return f"{alias}.seq IN {lookup}", [runs[0]]
    return (f"{alias}.seq IN (SELECT c.seq FROM (SELECT seq, CAST(? AS VARCHAR) AS needle FROM {lookup}) c "
            "JOIN events s ON s.seq = c.seq WHERE contains(lower(s.sentence), c.needle))"), [needle, runs[0]]
