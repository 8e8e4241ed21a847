"""Finding events: the filter API behind `dyads events`, `dyads export` and `dyads query`.

An `EventFilter` turns the options users type (actor code, CAMEO code or root, PLOVER type,
date range, location) into one parameterised WHERE clause over the merged events, so the CLI,
the exports and the web app select events the same way. `run_sql` runs a user's SQL on a
connection that can neither change the database nor touch other files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from dyads.store import Store

__all__ = ["EventFilter", "QueryError", "event_mentions", "run_sql", "select_events", "stale_articles"]

_CAMEO = re.compile(r"^\d{2,4}$")


class QueryError(ValueError):
    """A filter value or SQL statement that cannot be run."""


@dataclass
class EventFilter:
    """Which merged events to select. Empty fields do not filter.

    Actor codes match as prefixes (`RUS` selects RUS, RUSGOV, RUSMIL), since CAMEO codes are
    hierarchical; `cameo` is a root ("19"), base ("190") or full code ("0231"), also by prefix;
    `location` is an ISO3 country code, a GeoNames id, or a place name (case-insensitive).
    """

    source: str | None = None
    target: str | None = None
    cameo: str | None = None
    plover: str | None = None
    since: date | None = None
    until: date | None = None
    location: str | None = None
    negated: bool | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition over `merged_events` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("source_code", self.source), ("target_code", self.target)):
            if value:
                clauses.append(f"starts_with({column}, ?)")
                params.append(value.strip().upper())
        if self.cameo:
            code = self.cameo.strip()
            if not _CAMEO.match(code):
                raise QueryError(f"CAMEO code must be 2 to 4 digits (a root such as 19, a code such as 0231): {code!r}")
            clauses.append("starts_with(cameo, ?)")
            params.append(code)
        if self.plover:
            clauses.append("upper(plover) = ?")
            params.append(self.plover.strip().upper())
        if self.since:
            clauses.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("event_date <= ?")
            params.append(self.until)
        if self.location:
            loc = self.location.strip()
            if loc.isdigit():
                clauses.append("location_geonameid = ?")
                params.append(int(loc))
            elif len(loc) == 3 and loc.isalpha() and loc.isupper():
                clauses.append("location_country = ?")
                params.append(loc)
            else:
                clauses.append("lower(location_name) = ?")
                params.append(loc.lower())
        if self.negated is not None:
            clauses.append("negated = ?")
            params.append(self.negated)
        return (" AND ".join(clauses) or "TRUE"), params


def select_events(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Merged events matching `flt`, in date then id order, as column -> value dicts."""
    flt = flt or EventFilter()
    where, params = flt.where()
    sql = f"SELECT * FROM merged_events WHERE {where} ORDER BY event_date NULLS LAST, id"
    if flt.limit is not None:
        if flt.limit < 0:
            raise QueryError("--limit must be 0 or more")
        sql += f" LIMIT {int(flt.limit)}"
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def event_mentions(store: Store, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The mentions of each event: link fields, the mention row and its article, in reading order."""
    if not event_ids:
        return {}
    cur = store.con.execute(
        """
        SELECT l.event_id, l.mention_id, l.article_id, l.source_position, l.target_position, l.is_root,
               l.confidence, e.sentence_index, e.sentence_start, e.sentence_end, e.sentence,
               e.trigger_text, e.trigger_start, e.trigger_end, e.cameo, e.record,
               a.publication_date, a.coded_at, a.source, a.url, a.title,
               f.doc_len, f.tone
        FROM event_mentions l
        JOIN events e ON e.id = l.mention_id
        JOIN articles a ON a.id = l.article_id
        LEFT JOIN article_facts f ON f.article_id = l.article_id
        WHERE l.event_id IN (SELECT unnest(?))
        ORDER BY l.event_id, a.publication_date NULLS LAST, l.article_id, e.sentence_index, l.mention_id
        """,
        [list(event_ids)],
    )
    cols = [d[0] for d in cur.description]
    out: dict[int, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        m = dict(zip(cols, row, strict=True))
        m["record"] = json.loads(m["record"])
        out.setdefault(m["event_id"], []).append(m)
    return out


def stale_articles(store: Store) -> int:
    """How many coded articles are not merged into events yet (0 on an up-to-date store)."""
    from dyads.aggregate import pending_articles

    return len(pending_articles(store))


_READ_STATEMENTS = {"SELECT", "EXPLAIN"}
"""Statement types `run_sql` runs (DuckDB's parser says SELECT for WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE)."""

_STATE_FUNCTIONS = re.compile(
    r"\b(enable_logging|disable_logging|truncate_duckdb_logs|write_log|enable_profiling|disable_profiling|"
    r"checkpoint|force_checkpoint|setseed)\s*\(", re.IGNORECASE)
"""Functions a SELECT can call that change the connection or write (logging could abort the process)."""


def check_read_only_sql(sql: str) -> None:
    """Raise QueryError unless `sql` is one read-only statement.

    Why an allow-list on top of a read-only connection: PRAGMA, CALL and SET change the connection's
    state, and some (`CALL enable_logging(...)`) abort the whole process inside DuckDB instead of
    raising; a clear refusal beats a C++ `terminate`.
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from None
    if len(statements) != 1:
        raise QueryError(f"one SQL statement at a time, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in _READ_STATEMENTS:
        raise QueryError(f"{kind} statements are not allowed: only read-only queries (SELECT, WITH, FROM, VALUES, "
                         "DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)")
    m = _STATE_FUNCTIONS.search(sql)
    if m:
        raise QueryError(f"{m.group(1)}() is not allowed: it changes the connection, and queries here only read")


def run_sql(db_path: str | Path, sql: str, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """Run one SQL statement read-only: the database cannot change and no other file can be read or written."""
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}; run `dyads code` first")
    check_read_only_sql(sql)
    con = duckdb.connect(str(db_path), read_only=True, config={"enable_external_access": False})
    try:
        try:
            cur = con.execute(sql)
            cols = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchmany(limit) if limit is not None else cur.fetchall()
        except duckdb.Error as exc:
            raise QueryError(str(exc).splitlines()[0]) from None
        return cols, rows
    finally:
        con.close()
