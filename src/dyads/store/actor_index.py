"""The actor index: the events' filter and view columns once per country-level actor key, in key order.

Why: at 10M events a web view filtered by an actor (`actor=RUS`, `country=SYR`, a dyad, `source=USA`)
read the columns it needs for every one of the events, because its condition tests four columns (source
and target code, the extra codes of compound actors) and DuckDB pushes no such OR into its scan: each
matching event sits in another row group, so every row group of every column read is decompressed
(100-250 ms of CPU per pass, two to four passes per view; docs/performance.md). Here each event has one
row per distinct *key*, the first three letters of each of its actor codes (source and target,
compound actors included), with the columns the views group, sort and filter by. The rows are kept in
key order (`cluster_sql`), so one key's rows sit in a few row groups that DuckDB finds by their min/max
statistics, and a view reads only those.

Why the rows of a key answer a filter exactly: CAMEO codes are built of 3-letter parts, so every
event whose actor code starts with (or is) a code of three letters or more has that code's first
three letters among its keys. The rows of that key are therefore a superset of the filter's matches,
each event once, and the filter's own condition applied to them (the same SQL as on `events`,
`queries.EventFilter.where`) leaves exactly its matches. Where the filter is the key itself (actor or
country of three letters, by prefix) the condition is true of every row; for the whole code of three
letters (`actor=USA&match=exact`) it is `exact`, the event has the key as one of its codes.

`first` / `first_exact` mark one row per article and key (among all its rows / its `exact` rows), so the
distinct articles of a key are a sum, not a hash of every article id: an article's events are always
written and removed together (`Store.write` replaces an article whole), so the mark computed over a
batch stays right in the store.

The root rows (migration 13): every event once more, under the key of its CAMEO root (`root19`), with the
same columns and marks. A filter with a CAMEO code and no actor key (`cameo=19`, `cameo=190&quad_class=4`)
reads its root's rows (`queries.event_scope`): the events of one root are spread over every row group of
`events` as an actor's are, and the views without an actor (the overview and network of `cameo=19`) read
them in a few (docs/performance.md). Exact for the same reason: every event whose code starts with a code
of two digits or more has that code's first two digits as its root key, once.

`Store.write` adds the rows of a batch's events and removes those of replaced ones in the same
transaction (`add_sql`, `remove_sql`), migration 11 and `dyads bench web`'s generator call `rebuild`.
Rows added after the last `rebuild` sit unordered at the end, each row group of them read by every
keyed read (as with the word index, `store.words`): the reads slow towards a scan of those rows only.
"""

from __future__ import annotations

import duckdb

from dyads.store.summaries import codes_list_sql
from dyads.store.words import has_tables

COLUMNS = (
    "seq", "id", "article_id", "sentence_index", "event_date", "date_precision", "cameo", "cameo_root",
    "plover", "quad_class", "goldstein", "negated", "source_code", "target_code", "source_extra", "target_extra",
    "location_name", "location_country", "location_geonameid", "location_basis",
)
"""The columns of `events` the index carries: those `EventFilter.where` tests (but the sentence, which the
word index answers by `seq`) and those the filtered views group and sort by."""

DDL = (
    "CREATE TABLE actor_index (key VARCHAR NOT NULL, exact BOOLEAN NOT NULL, first BOOLEAN NOT NULL, "
    "first_exact BOOLEAN NOT NULL, seq BIGINT NOT NULL, id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, "
    "sentence_index INTEGER NOT NULL, event_date DATE, date_precision VARCHAR, cameo VARCHAR NOT NULL, "
    "cameo_root VARCHAR NOT NULL, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE, negated BOOLEAN, "
    "source_code VARCHAR, target_code VARCHAR, source_extra VARCHAR, target_extra VARCHAR, location_name VARCHAR, "
    "location_country VARCHAR, location_geonameid BIGINT, location_basis VARCHAR)"
)
KEY_LENGTH = 3
ORDER = "key, exact, seq"
"""The order a rebuild writes the rows in: a key's rows together, and within them those with the key as a
whole code (`actor=USA&match=exact`: 313,456 of USA's 2,915,025 rows at 10M generated events) together
too, so that DuckDB skips the others by their min/max of `exact` (that overview 305 -> 185 ms of CPU)."""


ROOT_KEY = "root"
"""The root rows' keys: `root` and the first two digits of the CAMEO code (`root19`). Longer than any
actor key (`KEY_LENGTH` letters at most), so the two kinds never share a key."""
ROOT_LENGTH = 2


def root_key(cameo: str) -> str | None:
    """The key of the root rows that hold every event whose CAMEO code starts with `cameo` (a filter's
    code of two digits or more), or None (a single digit spans ten roots)."""
    code = cameo.strip()
    return ROOT_KEY + code[:ROOT_LENGTH] if len(code) >= ROOT_LENGTH else None


def _marked(keyed: str, window: bool = False) -> str:
    """The index rows of `keyed` (key, exact and the columns), with their `first` / `first_exact` marks:
    the row of the article's first `seq` under the key (among its `exact` rows).

    Why a join with each (key, article)'s first keys, not `row_number()` windows: on a batch's few dozen
    events DuckDB's windows cost 8-10 ms of CPU per statement where the grouping and join cost 3-5 (at
    10M events, docs/performance.md), and `Store.write` runs this for every batch. `window=True`: the
    form migration 11 shipped with (the same rows)."""
    if window:
        return (
            "SELECT key, exact, row_number() OVER (PARTITION BY key, article_id ORDER BY seq) = 1 AS first, "
            "exact AND row_number() OVER (PARTITION BY key, article_id, exact ORDER BY seq) = 1 AS first_exact, "
            f"{', '.join(COLUMNS)} FROM ({keyed})"
        )
    return (
        f"SELECT * FROM (WITH ai_keyed AS MATERIALIZED ({keyed}) "
        "SELECT k.key, k.exact, k.seq = f.s AS first, k.exact AND k.seq = f.sx AS first_exact, "
        f"{', '.join('k.' + c for c in COLUMNS)} FROM ai_keyed k JOIN (SELECT key, article_id, min(seq) AS s, "
        "min(seq) FILTER (WHERE exact) AS sx FROM ai_keyed GROUP BY ALL) f "
        "ON f.key = k.key AND f.article_id = k.article_id)"
    )


def actor_rows_sql(events: str, window: bool = False) -> str:
    """SELECT of the actor keys' rows of the `events` rows (whole articles: the marks are counted among them)."""
    codes = f"list_concat({codes_list_sql('e', 'source')}, {codes_list_sql('e', 'target')})"
    cols = ", ".join(f"e.{c}" for c in COLUMNS)
    plain = ", ".join(COLUMNS)
    return _marked(
        f"SELECT key, list_contains(codes, key) AS exact, * EXCLUDE (key, codes) FROM ("
        f"SELECT unnest(list_distinct(list_transform(codes, lambda c: left(c, {KEY_LENGTH})))) AS key, codes, "
        f"{plain} FROM (SELECT {codes} AS codes, {cols} FROM {events} e))",
        window,
    )


def root_rows_sql(events: str, window: bool = False) -> str:
    """SELECT of the root rows of the `events` rows: each event once, under the key of its CAMEO root."""
    cols = ", ".join(f"e.{c}" for c in COLUMNS)
    key = f"'{ROOT_KEY}' || left(e.cameo, {ROOT_LENGTH})"
    return _marked(f"SELECT {key} AS key, FALSE AS exact, {cols} FROM {events} e", window)


def rows_sql(events: str, window: bool = False) -> str:
    """SELECT of all the index rows of the `events` rows: their actor keys' and their root's (`window`: the
    marks by windows, for a whole table, where the join's materialised rows would be all of them)."""
    return f"{actor_rows_sql(events, window)} UNION ALL {root_rows_sql(events, window)}"


def add_sql(events: str) -> list[str]:
    """Statements adding the index rows of the `events` rows (a batch's new events)."""
    return [f"INSERT INTO actor_index {rows_sql(events)}"]


def remove_sql(events: str) -> list[str]:
    """Statements dropping the index rows of the `events` rows (replaced by a re-code)."""
    return [f"DELETE FROM actor_index WHERE seq IN (SELECT seq FROM {events})"]


def cluster_sql() -> list[str]:
    """Statements rewriting `actor_index` in `ORDER` (see the module's docstring)."""
    return [
        "CREATE OR REPLACE TEMP TABLE actor_index_ordered AS SELECT * FROM actor_index",
        "DELETE FROM actor_index",
        f"INSERT INTO actor_index SELECT * FROM actor_index_ordered ORDER BY {ORDER}",
        "DROP TABLE actor_index_ordered",
    ]


def build_sql() -> list[str]:
    """Statements filling an empty `actor_index` from every event, in key order."""
    return [f"INSERT INTO actor_index SELECT * FROM ({rows_sql('events', window=True)}) ORDER BY {ORDER}"]


def build_actor_keys_sql() -> list[str]:
    """Migration 11 as it shipped: the actor keys' rows of every event, in key order (migration 13 adds the
    root rows)."""
    return [f"INSERT INTO actor_index SELECT * FROM ({actor_rows_sql('events', window=True)}) ORDER BY {ORDER}"]


def add_roots_sql() -> list[str]:
    """Migration 13: the root rows of every event, appended in key order after the actor keys' rows (each
    root's rows together: a root's reads find them as a rebuild would have placed them)."""
    return [f"INSERT INTO actor_index SELECT * FROM ({root_rows_sql('events', window=True)}) ORDER BY {ORDER}"]


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Index every event from scratch (after events were written other than by `Store.write`)."""
    con.execute("DELETE FROM actor_index")
    for sql in build_sql():
        con.execute(sql)


def has_actor_index(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has the actor index (a DuckDB store at schema version 11 or later)."""
    return has_tables(cur, "actor_index")


ROOTS_VERSION = 13
"""The schema version that added the root rows (an older database, read without migrating, lacks them)."""


def has_root_rows(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the actor index holds the root rows too (schema version 13 or later)."""
    try:
        return cur.execute("SELECT count(*) FROM schema_migrations WHERE version = ?",
                           [ROOTS_VERSION]).fetchone()[0] > 0
    except duckdb.CatalogException:
        return False
