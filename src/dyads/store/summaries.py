"""Summary tables of the store: event counts by day, actor, dyad, place and actor mention, kept exact on write.

The web app's unfiltered views (the landing overview, network, map, filter facets, actor suggestions)
would otherwise group every event on each request: seconds on millions of events. These tables hold
those groupings, so a view reads thousands of rows instead of millions. They are additive (every
measure is a count or a sum), so `Store.write` keeps them exact by subtracting what the replaced
articles contributed and adding what the new ones do; `rebuild` recomputes them from scratch.

Every writer goes through `apply_delta` or `rebuild` (coding, migration 4 for databases coded
before them, and `dyads bench web`'s generator), so the tables always agree with `events` and
`event_actors`. A Parquet store (Dask engine) has no summary tables: readers then fall back to
grouping the events (`has_summaries`).

The SQL that counts actors and dyads per event is defined here once and used both to fill the
tables and by the web queries for filtered views, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dyads.store.keys import keyed_in

EXTRA_CODES = {
    "source": "CASE WHEN len(source_codes) > 1 THEN array_to_string(source_codes[2:], ' ') END",
    "target": "CASE WHEN len(target_codes) > 1 THEN array_to_string(target_codes[2:], ' ') END",
}
"""The `events.source_extra` / `target_extra` columns: the codes after the first, space-separated,
NULL for an event with at most one. With them, matching an actor code prefix reads two short string
columns (mostly NULL) instead of the list columns of every event. `rows.event_row` computes the same
values in Python; `FILL_EXTRA_CODES` fills them in SQL for rows inserted otherwise."""

FILL_EXTRA_CODES = (
    f"UPDATE events SET source_extra = {EXTRA_CODES['source']}, target_extra = {EXTRA_CODES['target']} "
    "WHERE len(source_codes) > 1 OR len(target_codes) > 1"
)


def single_sql(alias: str) -> str:
    """True for events with at most one source and one target code: their flat columns say it all."""
    return f"({alias}.source_extra IS NULL AND {alias}.target_extra IS NULL)"


def codes_list_sql(alias: str, role: str) -> str:
    """The event's `role` codes as a list, from the flat first code and the extra codes.

    Equal to the `source_codes` / `target_codes` list column, but read from two short string
    columns: a list column costs far more to scan on millions of events (codes hold no spaces).
    """
    return (f"CASE WHEN {alias}.{role}_code IS NULL THEN []::VARCHAR[] ELSE list_concat([{alias}.{role}_code], "
            f"coalesce(string_split({alias}.{role}_extra, ' '), []::VARCHAR[])) END")


def _by(by: str | None) -> tuple[str, str]:
    """The optional grouping column of the counting SQL below: (`expr AS by_key, `, `by_key, `), or empty
    strings without one (then the SQL is exactly what the shipped migrations ran)."""
    return (f"{by} AS by_key, ", "by_key, ") if by else ("", "")


def compound_actors_sql(events: str, where: str, by: str | None = None) -> str:
    """Rows (code, s, t) for each distinct code of each matching event with a compound actor: s and t
    are 1 where the code is among its sources / targets. With `by` (SQL over the event `e`, e.g. its
    month) the rows start with that value as `by_key`."""
    single = single_sql("e")
    expr, col = _by(by)
    return (
        f"SELECT {col}code, CAST(list_contains(src, code) AS INTEGER) AS s, "
        "CAST(list_contains(tgt, code) AS INTEGER) AS t "
        f"FROM (SELECT {col}src, tgt, unnest(list_distinct(list_concat(src, tgt))) AS code FROM ("
        f"SELECT {expr}{codes_list_sql('e', 'source')} AS src, {codes_list_sql('e', 'target')} AS tgt FROM {events} e "
        f"WHERE ({where}) AND NOT {single}))"
    )


def compound_codes_sql(events: str) -> str:
    """Rows (seq, code, s, t): each distinct code of each `events` row (events with compound actors, with
    their key `seq`), s and t 1 where it is among its sources / targets: the rows `compound_actors_sql`
    gives, per event, and the two sides of `compound_pairs_sql`'s pairs. Written as one unnest per
    column instead of list functions per event: at 10M events the 80,362 compound events of RUS cost
    49 ms so, 90 ms as lists (docs/performance.md)."""
    parts = []
    for role, s, t in (("source", 1, 0), ("target", 0, 1)):
        parts += [f"SELECT e.seq, e.{role}_code AS code, {s} AS s, {t} AS t FROM {events} e "
                  f"WHERE e.{role}_code IS NOT NULL",
                  f"SELECT e.seq, unnest(string_split(e.{role}_extra, ' ')), {s}, {t} FROM {events} e "
                  f"WHERE e.{role}_code IS NOT NULL AND e.{role}_extra IS NOT NULL"]
    return f"SELECT seq, code, max(s) AS s, max(t) AS t FROM ({' UNION ALL '.join(parts)}) GROUP BY seq, code"


def actor_counts_sql(events: str, where: str, by: str | None = None) -> tuple[str, int]:
    """Per actor code: events it is in (`n`), as a source, as a target; over `events` rows matching `where`.

    A compound actor counts once per code. Returns the SQL (columns code, n, as_source, as_target;
    with `by`, first `by_key`, the counts then per value of it) and how many times it uses the
    parameters of `where`.
    """
    single = single_sql("e")
    expr, col = _by(by)
    sql = (
        f"SELECT {col}code, count(*) AS n, CAST(sum(s) AS BIGINT) AS as_source, CAST(sum(t) AS BIGINT) AS as_target "
        f"FROM (SELECT {expr}e.source_code AS code, 1 AS s, "
        "CAST(e.target_code IS NOT DISTINCT FROM e.source_code AS INTEGER) AS t "
        f"FROM {events} e WHERE ({where}) AND {single} AND e.source_code IS NOT NULL "
        f"UNION ALL SELECT {expr}e.target_code, 0, 1 FROM {events} e WHERE ({where}) AND {single} "
        "AND e.target_code IS NOT NULL AND e.target_code IS DISTINCT FROM e.source_code "
        f"UNION ALL {compound_actors_sql(events, where, by)}) GROUP BY {col}code"
    )
    return sql, 3


def compound_pairs_sql(events: str, where: str, level: str = "code", by: str | None = None) -> str:
    """Pairs (src, tgt, quad_class, goldstein) of matching events with a compound actor: every distinct
    source x target code (at `level`, see `pairs_sql`) once per event; with `by`, first `by_key`."""
    single = single_sql("e")
    expr, col = _by(by)

    def codes(role: str) -> str:
        listed = codes_list_sql("e", role)
        return f"list_distinct({listed if level == 'code' else f'list_transform({listed}, lambda c: left(c, 3))'})"

    return (
        f"SELECT {col}src, unnest(tgts) AS tgt, quad_class, goldstein FROM ("
        f"SELECT {expr}unnest({codes('source')}) AS src, {codes('target')} AS tgts, e.quad_class, e.goldstein "
        f"FROM {events} e WHERE ({where}) AND NOT {single})"
    )


def pairs_sql(events: str, where: str, level: str = "code", by: str | None = None) -> tuple[str, int]:
    """Source x target actor pairs of the `events` rows matching `where` (compound actors give every pair).

    At `level="country"` a code stands for its first three letters: the country, or the non-state
    root (IGO, NGO, ...) of actors without one; a pair then counts once per event. Columns: src,
    tgt, quad_class, goldstein (with `by`, first `by_key`). Returns the SQL and how many times it uses the
    parameters.
    """
    key = "{c}" if level == "code" else "left({c}, 3)"
    single = single_sql("e")
    expr, _ = _by(by)
    flat = (
        f"SELECT {expr}{key.format(c='e.source_code')} AS src, {key.format(c='e.target_code')} AS tgt, "
        f"e.quad_class, e.goldstein FROM {events} e WHERE ({where}) AND {single} "
        "AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
    )
    return f"{flat} UNION ALL {compound_pairs_sql(events, where, level, by)}", 2


QUADS = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))


@dataclass(frozen=True)
class Summary:
    """One summary table: its key and measure columns and the SQL of what some events contribute."""

    name: str
    keys: tuple[str, ...]
    measures: tuple[str, ...]
    ddl: str
    # SELECT of keys + measures over `{events}` (events rows) and `{actors}` (event_actors rows)
    contribution: str
    # the columns a rebuild writes its rows in order of, so that DuckDB's zone maps skip the row groups
    # a read of one value of them does not need (summary_map: one actor key's rows)
    order: str | None = None

    def contribution_sql(self, events: str, actors: str) -> str:
        return self.contribution.format(events=events, actors=actors)

    @property
    def key_sql(self) -> str:
        """The row's lookup key (column `k`, indexed): its key columns but the coordinates, as text.

        Only for finding rows: two groups may share a `k` (NULL and '' read alike; a place's
        coordinates are left out, as their text form is not promised to stay the same), and the
        rows found are merged by their real key columns.
        """
        cols = [c for c in self.keys if c not in ("lat", "lon")]
        return "concat_ws(chr(31), " + ", ".join(f"CAST({c} AS VARCHAR)" for c in cols) + ")"

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.keys, *self.measures)


def _pairs_contribution() -> str:
    parts = []
    for level in ("code", "country"):
        sql, _ = pairs_sql("{events}", "TRUE", level)
        parts.append(
            f"SELECT '{level}' AS level, src, tgt, count(*) AS n, {QUADS}, sum(goldstein) AS goldstein_sum, "
            f"count(goldstein) AS goldstein_n FROM ({sql}) GROUP BY ALL"
        )
    return " UNION ALL ".join(parts)


MONTH_OF_EVENT = "CAST(date_trunc('month', e.event_date) AS DATE)"
"""The month of an event `e` (the first day), the key of the month tables."""
DATED = "e.event_date IS NOT NULL"

ACTOR_KINDS = ("p", "x")
"""The actor keys of `summary_map` rows: `p` = a code prefix at a 3-letter boundary (RUS, RUSGOV), `x` = a
whole code; the key `('', '')` counts every event."""


def actor_keys_sql(alias: str) -> tuple[str, str]:
    """SQL lists of an event's actor keys: (prefixes, codes), each distinct within the event.

    The prefixes are every 3-, 6-, 9-... letter start of each of its codes (source and target, compound
    actors included): CAMEO codes are built of 3-letter parts, so the events whose actor matches a prefix
    of 3k letters (`queries.code_match`) are exactly those with that prefix among their keys, and an
    event counts once per key however many of its codes share it.
    """
    codes = f"list_distinct(list_concat({codes_list_sql(alias, 'source')}, {codes_list_sql(alias, 'target')}))"
    prefixes = (f"list_distinct(flatten(list_transform({codes}, lambda c: list_transform("
                "range(1, length(c) // 3 + 1), lambda i: left(c, 3 * CAST(i AS INTEGER))))))")
    return prefixes, codes


def _map_contribution() -> str:
    prefixes, codes = actor_keys_sql("e")
    place = ("e.location_name AS name, e.location_country AS country, e.location_lat AS lat, e.location_lon AS lon, "
             "e.location_basis AS basis, e.quad_class")
    cols = "name, country, lat, lon, basis, quad_class"
    return (
        f"SELECT kind, actor, {cols.replace(', quad_class', '')}, count(*) AS n, {QUADS} FROM ("
        f"SELECT '' AS kind, '' AS actor, {place} FROM {{events}} e "
        f"UNION ALL SELECT 'p', unnest(keys), {cols} FROM (SELECT {prefixes} AS keys, {place} FROM {{events}} e) "
        f"UNION ALL SELECT 'x', unnest(keys), {cols} FROM (SELECT {codes} AS keys, {place} FROM {{events}} e)"
        ") GROUP BY ALL"
    )


SUMMARIES: tuple[Summary, ...] = (
    Summary(
        "summary_days", ("event_date", "quad_class", "cameo_root", "plover"), ("n",),
        "CREATE TABLE summary_days (event_date DATE, quad_class INTEGER, cameo_root VARCHAR, plover VARCHAR, "
        "n BIGINT NOT NULL)",
        "SELECT event_date, quad_class, cameo_root, plover, count(*) AS n FROM {events} GROUP BY ALL",
    ),
    Summary(
        "summary_actors", ("code",), ("n", "as_source", "as_target"),
        "CREATE TABLE summary_actors (code VARCHAR, n BIGINT NOT NULL, as_source BIGINT NOT NULL, "
        "as_target BIGINT NOT NULL)",
        actor_counts_sql("{events}", "TRUE")[0],
    ),
    Summary(
        "summary_pairs", ("level", "src", "tgt"),
        ("n", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_n"),
        "CREATE TABLE summary_pairs (level VARCHAR NOT NULL, src VARCHAR, tgt VARCHAR, n BIGINT NOT NULL, "
        "q1 BIGINT NOT NULL, q2 BIGINT NOT NULL, q3 BIGINT NOT NULL, q4 BIGINT NOT NULL, goldstein_sum DOUBLE, "
        "goldstein_n BIGINT NOT NULL)",
        _pairs_contribution(),
    ),
    Summary(
        "summary_places", ("name", "country", "lat", "lon"), ("n", "q1", "q2", "q3", "q4"),
        "CREATE TABLE summary_places (name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, n BIGINT NOT NULL, "
        "q1 BIGINT NOT NULL, q2 BIGINT NOT NULL, q3 BIGINT NOT NULL, q4 BIGINT NOT NULL)",
        f"SELECT location_name AS name, location_country AS country, location_lat AS lat, location_lon AS lon, "
        f"count(*) AS n, {QUADS} FROM {{events}} GROUP BY ALL",
    ),
    Summary(
        "summary_mentions", ("code", "name", "country"), ("n",),
        "CREATE TABLE summary_mentions (code VARCHAR, name VARCHAR, country VARCHAR, n BIGINT NOT NULL)",
        "SELECT code, name, country, count(*) AS n FROM {actors} GROUP BY ALL",
    ),
    Summary(
        "summary_names", ("code", "name", "text"), ("n",),
        "CREATE TABLE summary_names (code VARCHAR NOT NULL, name VARCHAR, text VARCHAR, n BIGINT NOT NULL)",
        "SELECT code, name, text, count(*) AS n FROM {actors} WHERE code IS NOT NULL GROUP BY ALL",
    ),
    Summary(
        "summary_map", ("kind", "actor", "name", "country", "lat", "lon", "basis"), ("n", "q1", "q2", "q3", "q4"),
        "CREATE TABLE summary_map (kind VARCHAR NOT NULL, actor VARCHAR NOT NULL, name VARCHAR, country VARCHAR, "
        "lat DOUBLE, lon DOUBLE, basis VARCHAR, n BIGINT NOT NULL, q1 BIGINT NOT NULL, q2 BIGINT NOT NULL, "
        "q3 BIGINT NOT NULL, q4 BIGINT NOT NULL)",
        _map_contribution(), order="kind, actor",
    ),
    Summary(
        "summary_month_pairs", ("month", "src", "tgt"), ("n", "goldstein_sum", "goldstein_n"),
        "CREATE TABLE summary_month_pairs (month DATE NOT NULL, src VARCHAR, tgt VARCHAR, n BIGINT NOT NULL, "
        "goldstein_sum DOUBLE, goldstein_n BIGINT NOT NULL)",
        "SELECT by_key AS month, src, tgt, count(*) AS n, sum(goldstein) AS goldstein_sum, count(goldstein) AS "
        f"goldstein_n FROM ({pairs_sql('{events}', DATED, 'code', MONTH_OF_EVENT)[0]}) GROUP BY ALL",
        order="month",
    ),
    Summary(
        "summary_month_actors", ("month", "code"), ("n", "as_source", "as_target"),
        "CREATE TABLE summary_month_actors (month DATE NOT NULL, code VARCHAR, n BIGINT NOT NULL, "
        "as_source BIGINT NOT NULL, as_target BIGINT NOT NULL)",
        "SELECT by_key AS month, code, n, as_source, as_target FROM "
        f"({actor_counts_sql('{events}', DATED, MONTH_OF_EVENT)[0]})",
        order="month",
    ),
    Summary(
        "summary_month_places", ("month", "name", "country"), ("n",),
        "CREATE TABLE summary_month_places (month DATE NOT NULL, name VARCHAR, country VARCHAR, n BIGINT NOT NULL)",
        f"SELECT {MONTH_OF_EVENT} AS month, e.location_name AS name, e.location_country AS country, count(*) AS n "
        f"FROM {{events}} e WHERE {DATED} AND (e.location_name IS NOT NULL OR e.location_country IS NOT NULL) "
        "GROUP BY ALL",
        order="month",
    ),
    Summary(
        "summary_month_articles", ("month", "article_id"), ("n",),
        "CREATE TABLE summary_month_articles (month DATE NOT NULL, article_id VARCHAR NOT NULL, n BIGINT NOT NULL)",
        f"SELECT {MONTH_OF_EVENT} AS month, e.article_id, count(*) AS n FROM {{events}} e WHERE {DATED} GROUP BY ALL",
        order="month",
    ),
)
"""`summary_names` (migration 8): the actor page's names and words of a code, a keyed lookup instead of a
scan of every actor mention (21M rows at 10M events: 0.2-0.3 s of CPU).

`summary_map` (migration 9): the map's counts by place and how it was found (`basis`), for every event
(`kind` '') and per actor key (`actor_keys_sql`), so that the map of one actor or country (`?actor=CHN`,
`?country=SYR`, with or without a basis) is a read of its rows instead of the places of every matching
event (0.5 s of CPU at 10M events). About six rows' worth of contributions per event (its keys), so it is
the largest summary table: 1.5M rows at 1M generated events."""
MONTH_SUMMARIES = SUMMARIES[7:11]
"""The month tables (migration 14): what the events of each month count by dyad, actor, place and article,
so that the overview of a date range sums the months it covers (`web.queries`) instead of grouping their
events: at 10M generated events a quarter is 831,285 events and 468,649 pairs. Only dated events count."""
SUMMARY_TABLES = tuple(s.name for s in SUMMARIES)
BASE_SUMMARY_TABLES = SUMMARY_TABLES[:7]
"""The tables of schema 9 on, which `has_summaries` asks for: a database read without migrating (the web
app opens it read-only) keeps its summary paths before migration 14 added the month tables."""
SUMMARIES_V4 = SUMMARIES[:5]
"""The tables migrations 4 and 7 made and keyed: a shipped migration's SQL must not change."""


def rebuild_sql(keyed: bool = True, tables: tuple[Summary, ...] = SUMMARIES) -> list[str]:
    """Statements that recompute the summary `tables` (all) from `events` and `event_actors`.

    `keyed=False` is the form of migration 4, whose tables have no lookup key `k` yet (migration 7).
    """
    out = []
    for s in tables:
        out.append(f"DELETE FROM {s.name}")
        contribution = s.contribution_sql("events", "event_actors")
        if keyed:
            cols = ", ".join(s.columns)
            out.append(f"INSERT INTO {s.name} ({cols}, k) SELECT {cols}, {s.key_sql} FROM ({contribution})"
                       + (f" ORDER BY {s.order}" if s.order else ""))
        else:
            out.append(f"INSERT INTO {s.name} SELECT * FROM ({contribution})")
    return out


def key_sql(tables: tuple[Summary, ...] = SUMMARIES_V4) -> list[str]:
    """Migration 7: the lookup key `k` of every summary row, and its index."""
    out = []
    for s in tables:
        cols = ", ".join(s.columns)
        # rewritten rather than UPDATEd: DuckDB creates no index over a table with updates in the transaction
        out += [f"ALTER TABLE {s.name} ADD COLUMN IF NOT EXISTS k VARCHAR",
                f"CREATE OR REPLACE TEMP TABLE summary_keyed AS SELECT {cols}, {s.key_sql} AS k FROM {s.name}",
                f"DELETE FROM {s.name}",
                f"INSERT INTO {s.name} ({cols}, k) SELECT {cols}, k FROM summary_keyed",
                "DROP TABLE summary_keyed",
                f"CREATE INDEX IF NOT EXISTS {s.name}_k ON {s.name}(k)"]
    return out


def create_sql(s: Summary) -> list[str]:
    """A summary table added after migration 7: created with its lookup key, filled (in `s.order`), and indexed."""
    cols = ", ".join(s.columns)
    return [s.ddl, f"ALTER TABLE {s.name} ADD COLUMN k VARCHAR",
            f"INSERT INTO {s.name} ({cols}, k) SELECT {cols}, {s.key_sql} FROM "
            f"({s.contribution_sql('events', 'event_actors')})" + (f" ORDER BY {s.order}" if s.order else ""),
            f"CREATE INDEX {s.name}_k ON {s.name}(k)"]


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every summary table from the events (after rows were written other than by `Store.write`)."""
    for sql in rebuild_sql():
        con.execute(sql)


def apply_delta(
    con: duckdb.DuckDBPyConnection, removed: tuple[str, str] | None, added: tuple[str, str] | None,
    tables: tuple[Summary, ...] = SUMMARIES,
) -> None:
    """Subtract what the `removed` (events, event_actors) relations counted and add the `added` ones.

    Only the summary rows whose keys occur in the change are read and rewritten, found through
    their indexed lookup key `k` (`keyed_in`: index lookups), so a batch costs the same however
    large the store is: a join on the key columns would read the whole table (418,000 rows of
    summary_pairs at 500,000 generated events). Rows that fall to zero events are dropped: a table
    holds exactly the groups `rebuild` would give.
    """
    if removed is None and added is None:
        return
    for s in tables:
        cols = ", ".join(s.columns)
        sums = ", ".join(f"sum({m}) AS {m}" for m in s.measures)
        keys = ", ".join(s.keys)
        parts = []
        if removed is not None:
            neg = ", ".join([*s.keys, *(f"-{m} AS {m}" for m in s.measures)])
            parts.append(f"SELECT {neg} FROM ({s.contribution_sql(*removed)})")
        if added is not None:
            parts.append(f"SELECT {cols} FROM ({s.contribution_sql(*added)})")
        con.execute(f"CREATE OR REPLACE TEMP TABLE summary_delta AS SELECT {cols}, {s.key_sql} AS k FROM ("
                    f"SELECT {keys}, {sums} FROM ({' UNION ALL '.join(parts)}) GROUP BY ALL)")
        where, params = keyed_in("k", [r[0] for r in con.execute("SELECT DISTINCT k FROM summary_delta").fetchall()])
        # every row sharing a k is taken out and put back summed by its real key columns
        con.execute(f"CREATE OR REPLACE TEMP TABLE summary_old AS SELECT {cols}, k FROM {s.name} WHERE {where}",
                    params)
        con.execute(f"DELETE FROM {s.name} WHERE {where}", params)
        con.execute(
            f"INSERT INTO {s.name} ({cols}, k) SELECT {keys}, {sums}, any_value(k) FROM ("
            f"SELECT {cols}, k FROM summary_old UNION ALL SELECT {cols}, k FROM summary_delta) "
            "GROUP BY ALL HAVING sum(n) <> 0"
        )
    con.execute("DROP TABLE IF EXISTS summary_delta")
    con.execute("DROP TABLE IF EXISTS summary_old")


def has_summaries(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has the summary tables (a DuckDB store at schema version 4 or later).

    Asked on every web request: binding a query that reads none of their rows costs well under a
    millisecond, a scan of the catalog several.
    """
    try:
        cur.execute(f"SELECT 1 FROM {', '.join(BASE_SUMMARY_TABLES)} LIMIT 0")
    except duckdb.CatalogException:
        return False
    return True


def has_month_summaries(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has the month tables (`MONTH_SUMMARIES`, schema 14 on)."""
    try:
        cur.execute(f"SELECT 1 FROM {', '.join(s.name for s in MONTH_SUMMARIES)} LIMIT 0")
    except duckdb.CatalogException:
        return False
    return True
