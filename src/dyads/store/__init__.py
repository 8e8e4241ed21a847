"""The DuckDB store: one file holding articles, events, their actors, quotes and layers.

Writes are batched and atomic: one transaction replaces everything of the articles in a batch,
so re-coding an article never duplicates its events and an interrupted run leaves whole batches
only. Reading (`events`, `query`, the web app) opens the file read-only.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from dyads import records_json
from dyads.models import CodedArticle
from dyads.store import actor_index, article_search, summaries, words
from dyads.store.keys import keyed_in
from dyads.store.migrations import SCHEMA_VERSION, SchemaError, current_version, migrate
from dyads.store.rows import build_rows
from dyads.store.sharing import (
    POLL_SECONDS,
    WRITER_WAIT_SECONDS,
    FileLock,
    is_lock_conflict,
    lock_path,
    writer_wants,
)

__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreFull", "StoreLocked", "Summary", "content_hash",
           "default_db_path", "keyed_in", "out_of_space", "rollback"]


WRITER_MEMORY_LIMIT = 256 * 2**20
"""The floor of DuckDB's memory limit for a writing connection (reads by the web app keep DuckDB's default)."""

INDEX_BYTES_PER_ROW = 128
"""Memory to allow per indexed row (rows times indexes) on top of WRITER_MEMORY_LIMIT.

Measured: 2M rows with two VARCHAR indexes (keys shaped like event ids) grew RSS by 294 MB, about
75 bytes an index entry; 128 leaves room for longer keys.

DuckDB's ART indexes (primary keys, the article-id indexes) must fit in memory whole, and they
grow with the database: under a fixed 256 MB limit, 10M events could not even be inserted. The
limit therefore grows with the indexed rows (see writer_memory_limit and docs/performance.md).
"""


def writer_memory_limit(con: duckdb.DuckDBPyConnection, extra_rows: int = 0) -> int | None:
    """The memory limit for a writer of this database, or None for DuckDB's default (80% of RAM).

    A fixed limit keeps a coding run's page cache from growing with the database, but the indexes
    must be held whole: so the limit is a floor plus what the indexes of the rows already stored
    (and `extra_rows` about to be) need, recomputed as the database grows, and never above DuckDB's
    own default.
    """
    indexed = con.execute(
        "SELECT coalesce(sum(estimated_size * index_count), 0) FROM duckdb_tables() "
        "WHERE database_name = current_database() AND NOT temporary"
    ).fetchone()[0]
    limit = WRITER_MEMORY_LIMIT + (int(indexed) + extra_rows) * INDEX_BYTES_PER_ROW
    try:
        default = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 8 // 10
    except (ValueError, OSError, AttributeError):
        return limit
    return None if limit >= default else limit


class StoreLocked(RuntimeError):
    """Another process holds the database for writing."""


class StoreFull(RuntimeError):
    """The disk (or a quota, or the file-size limit) ran out while a batch was being written."""


_OUT_OF_SPACE = ("No space left on device", "Disk quota exceeded", "File too large")


def out_of_space(exc: BaseException) -> bool:
    """Whether a write failed for want of space (DuckDB reports it inside a commit error's text)."""
    return isinstance(exc, OSError) and exc.errno in (28, 27, 122) or any(m in str(exc) for m in _OUT_OF_SPACE)


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if there still is one.

    Why: a failed COMMIT (disk full) has already ended the transaction, and a ROLLBACK then raises
    "cannot rollback - no transaction is active", hiding the error that matters.
    """
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts keyed by column; the first row's keys are the columns) into `table` by name.

    Each column goes to DuckDB as one list parameter, unnested side by side. Why not an Arrow table
    through `con.register` (as before): pyarrow imports pandas on its first array (half a second of
    `dyads code`'s cold start, docs/performance.md), and these batches are small (about 2,000 rows
    for 64 articles), where the lists cost the same (tests/test_store.py compares the two).
    """
    if not rows:
        return
    columns = list(rows[0])
    select = ", ".join(f'unnest(${i + 1}) AS "{c}"' for i, c in enumerate(columns))
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select}", [[r.get(c) for r in rows] for c in columns])


def default_db_path() -> str:
    import os

    return os.environ.get("DYADS_DB") or "dyads.duckdb"


def content_hash(text: str, publication_date: object = None) -> str:
    """What decides whether an article must be coded again: its text and date."""
    h = hashlib.sha256()
    h.update(text.encode("utf-8", "surrogatepass"))
    h.update(b"\x00" + str(publication_date).encode())
    return h.hexdigest()


@dataclass
class Summary:
    articles: int
    events: int
    by_root: list[tuple[str, str, int]] = field(default_factory=list)
    by_quad: list[tuple[int, int]] = field(default_factory=list)
    top_dyads: list[tuple[str, str, int]] = field(default_factory=list)
    no_event_sentences: int = 0


class Store:
    """A DuckDB database of coded articles. Use as a context manager."""

    _con: duckdb.DuckDBPyConnection | None = None
    _coding: FileLock | None = None
    _writing: FileLock | None = None
    _empty = False  # see `empty`
    shared = False

    def __init__(self, path: str | Path, read_only: bool = False, shared: bool = False,
                 wait_seconds: float = WRITER_WAIT_SECONDS):
        """Open `path` read-only, or for writing (creating it and applying pending migrations).

        `shared` (a writer only; what `dyads code` opens): hold the file only inside `held()` blocks
        (one batch's write and merge), so that readers such as `dyads serve` use it in between
        (`dyads.store.sharing`); waiting at most `wait_seconds` for them to give it up. Otherwise a
        writer holds the file until `close()`.
        """
        self.path = str(path)
        self.read_only = read_only
        self.shared = shared and not read_only
        self.wait_seconds = wait_seconds
        self._con: duckdb.DuckDBPyConnection | None = None
        self._coding: FileLock | None = None
        self._writing: FileLock | None = None
        self._seq = 1  # the first free event key, as far as this writer knows (words.next_seq)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path}; run `dyads code` first")
        if read_only:
            self._con = self._connect_reading()
            version = current_version(self._con)
            if version > SCHEMA_VERSION:
                self._con.close()
                raise SchemaError(f"database schema version {version} is newer than this dyads ({SCHEMA_VERSION})")
            return
        # one writer at a time, for its whole run: a second one stops at once rather than interleave
        # its batches with the first one's while the first has let go of the file between batches
        if self.path != ":memory:":  # an in-memory database is this process's own
            self._coding = FileLock(lock_path(self.path, "coding"))
            if not self._coding.acquire(blocking=False):
                self._coding.release()
                raise StoreLocked(self._in_use())
            self._coding.note(f"{os.getpid()}\n")
        try:
            if self.shared:
                self._writing = FileLock(lock_path(self.path, "writing"))
                with self.held():
                    created = current_version(self._con) == 0
                    migrate(self._con)
            else:
                self._open_writer(wait=False)
                created = current_version(self._con) == 0
                migrate(self._con)
        except BaseException:
            self.close()
            raise
        self._empty = created

    def _in_use(self) -> str:
        return f"database {self.path} is in use by another dyads process; wait for it to finish or use another --db"

    def _connect(self, read_only: bool | None = None) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(self.path, read_only=self.read_only if read_only is None else read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if is_lock_conflict(exc):
                raise StoreLocked(self._in_use()) from None
            raise

    def _connect_reading(self, any_writer: bool = False) -> duckdb.DuckDBPyConnection:
        """A read-only connection; while a shared writer (`dyads code`) stores a batch, wait for its end
        (with `any_writer`, for the end of any writer's turn, up to `wait_seconds`).

        So `dyads events`, `export` and `query` work during a coding run, as `dyads serve` does.
        """
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                return self._connect(read_only=True)
            except StoreLocked:
                if not (any_writer or writer_wants(self.path)) or time.monotonic() > deadline:
                    raise
                time.sleep(POLL_SECONDS)

    def _open_writer(self, wait: bool) -> None:
        """Open the writing connection; with `wait`, retry while readers are giving the file up."""
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                self._con = self._connect()
                break
            except StoreLocked:
                if not wait or time.monotonic() > deadline:
                    if not wait:
                        raise
                    raise StoreLocked(
                        f"database {self.path} stayed open in another program for {self.wait_seconds:.0f} s "
                        "(a reader that does not give it up between batches, such as `dyads query` or the DuckDB "
                        "command line; `dyads serve` does); what was stored so far stays: rerun to go on"
                    ) from None
                time.sleep(POLL_SECONDS)
        # DuckDB caches pages up to 80% of RAM by default: a coding run's memory would then grow
        # with the database. Writes go in small batches, so a bounded cache costs nothing; the
        # bound grows with the indexes, which DuckDB must hold whole.
        self._limit: int | None = -1
        self.fit_memory_limit()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection; a shared writer has one only inside `held()`."""
        if self._con is None:
            raise RuntimeError(f"{self.path}: this shared store holds the file only inside `with store.held():`")
        self._empty = False  # whoever has the connection may write
        return self._con

    @con.setter
    def con(self, value: duckdb.DuckDBPyConnection) -> None:
        self._con = value

    @property
    def empty(self) -> bool:
        """Whether this writer created the database and nobody has had its connection since: then no article
        is stored, and a coding run's first look-ups (`coded_hashes`, `aggregate.pending_articles`) need not
        open the file (two connections, about 0.05 s of a cold `dyads code` of one article)."""
        return self._empty

    @contextmanager
    def held(self) -> Iterator[Store]:
        """The file held for writing for the block (a no-op unless shared, or when already held).

        A shared writer announces that it wants the file (`DB.writing.lock`), waits for readers to
        give it up, writes, and closes its connection (DuckDB checkpoints on close) before it lets go.
        """
        if self._con is not None or not self.shared:
            yield self
            return
        assert self._writing is not None
        self._writing.acquire(blocking=True)
        try:
            self._open_writer(wait=True)
            try:
                yield self
            except BaseException:
                with suppress(Exception):  # the error that matters is the one in flight
                    self._close_con()
                raise
            self._close_con()
        finally:
            self._writing.release()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to read from: the open one, or (a shared writer between batches) a short read-only one.

        Read-only connections do not keep other readers out, so a shared writer can look up what is
        stored without asking `dyads serve` to give the file up.
        """
        if self._con is not None:
            yield self._con
            return
        con = self._connect_reading(any_writer=True)  # a `dyads events` merging holds it a moment
        try:
            yield con
        finally:
            con.close()

    def _close_con(self) -> None:
        """Close the writing connection; DuckDB checkpoints the write-ahead log into the file here."""
        con, self._con = self._con, None
        if con is None:
            return
        try:
            con.close()
        except Exception as exc:
            if out_of_space(exc):  # what was committed is in the write-ahead log: the next open replays it
                raise StoreFull(f"no space left on device: {self.path}; the batches stored so far are kept; "
                                "rerun to go on") from exc
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        for lock in (self._writing, self._coding):
            if lock is not None:
                lock.release()

    def fit_memory_limit(self, extra_rows: int = 0) -> None:
        """Set this writer's DuckDB memory limit for the database's size (writer_memory_limit).

        `extra_rows`: indexed rows a bulk load is about to insert in one statement.
        """
        limit = writer_memory_limit(self.con, extra_rows)
        if limit != self._limit:
            self.con.execute("RESET memory_limit" if limit is None else f"SET memory_limit = '{limit}B'")
            self._limit = limit

    @property
    def schema_version(self) -> int:
        return current_version(self.con)

    # -- writing ---------------------------------------------------------------------------
    def coded_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """content_hash of the articles among `ids` that are already stored."""
        if not ids or self._empty:
            return {}
        where, params = keyed_in("id", ids)
        with self.reading() as con:
            rows = con.execute(f"SELECT id, content_hash FROM articles WHERE {where}", params).fetchall()
        return dict(rows)

    def write(self, batch: Iterable[CodedArticle], coder_version: str) -> int:
        """Replace the stored rows of every article in `batch` in one transaction; return events written."""
        # one id twice in a batch: the later record wins, as a re-code would
        batch = list({coded.article.id: coded for coded in batch}.values())
        if not batch:
            return 0
        rows = build_rows(batch, coder_version)
        ids = rows.article_ids
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            # what the batch replaces, looked up by key (keyed_in: index lookups, not scans)
            where, params = keyed_in("id", ids)
            recoded = [r[0] for r in con.execute(f"SELECT id FROM articles WHERE {where}", params).fetchall()]
            if recoded:  # what the replaced articles counted, to take out of the summary tables
                where, params = keyed_in("article_id", recoded)
                for table in ("events", "event_actors"):
                    con.execute(f"CREATE OR REPLACE TEMP TABLE old_{table} AS SELECT * FROM {table} WHERE {where}",
                                params)
                # their words, from the word index, and their rows of the actor index
                for sql in [*words.remove_sql("old_events"), *actor_index.remove_sql("old_events")]:
                    con.execute(sql)
                # quotes and no_events have no index: scanned, but only when articles are coded again
                for table in ("events", "event_actors", "quotes", "no_events"):
                    con.execute(f"DELETE FROM {table} WHERE {where}", params)
                where, params = keyed_in("id", recoded)
                con.execute(f"DELETE FROM articles WHERE {where}", params)
            seq = words.next_seq(con, self._seq)
            self._seq = seq + len(rows.events)  # the next batch's hint (a rolled-back batch leaves a gap)
            for table, table_rows in rows.tables():
                if table == "events":  # each event's integer key, for the word index
                    table_rows = words.keyed(table_rows, seq)
                if table in ("events", "event_actors"):  # kept apart first: the summaries count them
                    con.execute(f"CREATE OR REPLACE TEMP TABLE new_{table} AS SELECT * FROM {table} LIMIT 0")
                into = f"new_{table}" if table in ("events", "event_actors") else table
                insert_rows(con, into, table_rows)
            for table in ("events", "event_actors"):
                con.execute(f"INSERT INTO {table} SELECT * FROM new_{table}")
            where, params = keyed_in("id", ids)  # the new articles' search text, lower-cased by DuckDB
            con.execute(article_search.fill_sql(where), params)
            summaries.apply_delta(con, ("old_events", "old_event_actors") if recoded else None,
                                  ("new_events", "new_event_actors"))
            for sql in [*words.add_sql("new_events"), *actor_index.add_sql("new_events")]:
                con.execute(sql)
            for table in ("old_events", "old_event_actors", "new_events", "new_event_actors"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute("COMMIT")
        except Exception as exc:
            rollback(con)
            if out_of_space(exc):
                raise StoreFull(f"no space left on device: {self.path}; nothing of the current batch was stored; "
                                "rerun to go on") from exc
            raise
        self.fit_memory_limit()  # for the indexes of the rows just written
        return len(rows.events)

    # -- reading ---------------------------------------------------------------------------
    def summary(self, top: int = 10) -> Summary:
        with self.reading() as c:
            return self._summary(c, top)

    def _summary(self, c: duckdb.DuckDBPyConnection, top: int) -> Summary:
        s = Summary(
            articles=c.execute("SELECT count(*) FROM articles").fetchone()[0],
            events=c.execute("SELECT count(*) FROM events").fetchone()[0],
        )
        s.by_root = c.execute(
            "SELECT cameo_root, any_value(cameo_name), count(*) FROM events GROUP BY cameo_root ORDER BY cameo_root"
        ).fetchall()
        # the root's own name, not a sub-code's
        from dyads.ontology import load_ontology

        onto = load_ontology()
        s.by_root = [(r, onto.get(r).name if r in onto else n, k) for r, n, k in s.by_root]
        s.by_quad = c.execute("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        s.top_dyads = c.execute(
            "SELECT source_code, target_code, count(*) AS n FROM events WHERE target_code IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?",
            [top],
        ).fetchall()
        s.no_event_sentences = c.execute("SELECT count(*) FROM no_events").fetchone()[0]
        return s

    def event_records(self, where: str = "", params: Sequence[Any] = (), limit: int | None = None) -> list[dict]:
        """Full contract records of stored events, in article and sentence order."""
        sql = "SELECT record FROM events " + (f"WHERE {where} " if where else "")
        sql += "ORDER BY article_id, sentence_index, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self.reading() as con:
            return [records_json.loads(r[0]) for r in con.execute(sql, list(params)).fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()
