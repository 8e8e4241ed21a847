"""Parquet shards of coded partitions, written atomically, and their merge into one Parquet store.

Layout of an output directory:

    OUT/shards/pid=<partition id>/{articles,events,event_actors,quotes,no_events,rejects}.parquet, _meta.json
    OUT/<table>/data_*.parquet      the merged tables (one directory per table)
    OUT/_dyads.json                 what the merge wrote: schema version, partitions, counts

A partition's files are written into a temporary directory that is renamed to `pid=<id>` only when
all of them are complete: a partition directory either exists whole or not at all, so a task that
dies half-way leaves nothing a rerun could read twice, and a task Dask runs twice (a retry after a
lost worker) finds the directory and writes nothing. The merge reads the shards of the current plan
only and keeps, for an article id coded in several partitions, the rows of the last partition in
input order, as a re-code on one machine would.

Every shard is written from tables created by the store's own migrations in an in-memory DuckDB,
so shard columns and types are those of the DuckDB store tables.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dyads.models import CodedArticle, Reject
from dyads.scale.partitions import Partition
from dyads.store import article_search
from dyads.store.rows import REJECTS_DDL, REJECTS_TABLE, STORE_TABLES, build_rows, reject_rows

SHARDS = "shards"
META = "_dyads.json"
SHARD_META = "_meta.json"
SHARD_TABLES: tuple[str, ...] = (*STORE_TABLES, REJECTS_TABLE)
MERGED_FILE_SIZE = "256MB"  # merged tables are split into files of about this size


@dataclass
class ShardMeta:
    """What one partition produced (kept in its `_meta.json`, so a skipped partition still counts)."""

    partition: str
    read: int = 0
    coded: int = 0
    rejected: int = 0
    events: int = 0
    seconds: float = 0.0  # wall time of the task
    cpu_seconds: float = 0.0  # CPU time of the task: the cost per article whatever else runs on the node
    worker: str = ""
    skipped: bool = False


def shard_dir(out_dir: str | Path, pid: str) -> Path:
    return Path(out_dir) / SHARDS / f"pid={pid}"


def read_shard_meta(out_dir: str | Path, pid: str) -> ShardMeta | None:
    """The meta of a finished partition, or None when it has not been written."""
    path = shard_dir(out_dir, pid) / SHARD_META
    if not path.exists():
        return None
    return ShardMeta(**json.loads(path.read_text(encoding="utf-8")))


def clear_temporary(out_dir: str | Path) -> int:
    """Remove what tasks that died half-way left behind; call before a run, never during one."""
    root = Path(out_dir) / SHARDS
    n = 0
    if root.exists():
        for tmp in root.glob(".tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)
            n += 1
    return n


def _store_tables(con: duckdb.DuckDBPyConnection) -> None:
    from dyads.store.migrations import migrate

    migrate(con)
    con.execute(REJECTS_DDL)


def write_shard(
    out_dir: str | Path,
    pid: str,
    coded: Sequence[CodedArticle],
    rejects: Sequence[Reject],
    coder_version: str,
    meta: ShardMeta,
) -> ShardMeta:
    """Write one partition's rows as Parquet files, all or nothing; a partition already written is kept."""
    final = shard_dir(out_dir, pid)
    if final.exists():
        return read_shard_meta(out_dir, pid) or meta
    rows = build_rows(coded, coder_version)
    tmp = final.parent / f".tmp-{pid}-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    try:
        con = duckdb.connect(":memory:")
        try:
            _store_tables(con)
            tables: list[tuple[str, list[dict[str, Any]]]] = [*rows.tables(), (REJECTS_TABLE, reject_rows(rejects))]
            for table, table_rows in tables:
                if table_rows:
                    con.register("batch_rows", pa.Table.from_pylist(table_rows))
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
                    con.unregister("batch_rows")
                    if table == "articles":  # the search column, as Store.write fills it
                        con.execute(article_search.fill_sql("TRUE"))
                target = _sql_path(tmp / f"{table}.parquet")
                con.execute(f"COPY {table} TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        finally:
            con.close()
        meta.events = len(rows.events)
        (tmp / SHARD_META).write_text(json.dumps(asdict(meta)), encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:
            if not final.exists():
                raise
            # the same partition finished elsewhere first (a retried task): keep that one
            shutil.rmtree(tmp, ignore_errors=True)
            return read_shard_meta(out_dir, pid) or meta
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta


def swap_in(out: Path, staging: Path, tables: Sequence[str]) -> list[Path]:
    """Rename staging/<table> to out/<table> for each table; the old directories are renamed aside.

    Returns the set-aside directories: the caller deletes them once everything new is in place, so a
    reader never finds a table missing.
    """
    old: list[Path] = []
    for table in tables:
        target = out / table
        if target.exists():
            aside = out / f".old-{table}-{uuid.uuid4().hex}"
            os.rename(target, aside)
            old.append(aside)
        os.rename(staging / table, target)
    return old


def _sql_path(path: str | Path) -> str:
    return str(path).replace("'", "''")


@dataclass
class MergeStats:
    articles: int
    events: int
    rejects: int
    duplicate_articles: int  # article ids coded in more than one partition (the later one kept)
    tables: list[str]


def merge_shards(
    out_dir: str | Path,
    parts: Sequence[Partition],
    coder_version: str,
    after_merge: Callable[[Path], None] | None = None,
) -> MergeStats:
    """Merge the shards of `parts` into OUT/<table>/ (last partition wins per article id) and write OUT/_dyads.json.

    `after_merge(out_dir)` runs once the merged tables are in place; it may add tables of its own as
    OUT/<name>/*.parquet (for instance events aggregated across articles), which `open_parquet_store`
    then shows as views like the others.
    """
    from dyads.store.migrations import SCHEMA_VERSION

    out = Path(out_dir)
    missing = [p.id for p in parts if not (shard_dir(out, p.id) / SHARD_META).exists()]
    if missing:
        raise RuntimeError(f"{len(missing)} partition(s) have no output yet (first: {missing[0]}); run again")
    staging = out / f".merge-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    con = duckdb.connect(":memory:")
    try:
        con.register("plan_rows", pa.table({"pid": [p.id for p in parts], "ord": [p.order for p in parts]}))
        con.execute("CREATE TEMP TABLE plan AS SELECT * FROM plan_rows")
        glob = _sql_path(out / SHARDS / "pid=*")
        for table in SHARD_TABLES:
            con.execute(
                f"CREATE TEMP VIEW raw_{table} AS SELECT t.*, plan.ord AS _ord FROM "
                f"read_parquet('{glob}/{table}.parquet', hive_partitioning = true, hive_types_autocast = false) t "
                f"JOIN plan USING (pid)"
            )
        con.execute("CREATE TEMP TABLE winners AS SELECT id, arg_max(pid, _ord) AS pid, count(*) AS n "
                    "FROM raw_articles GROUP BY id")
        duplicates = con.execute("SELECT count(*) FROM winners WHERE n > 1").fetchone()[0]
        queries = {"articles": "SELECT t.* EXCLUDE (pid, _ord) FROM raw_articles t SEMI JOIN winners w "
                               "ON t.id = w.id AND t.pid = w.pid"}
        for table in STORE_TABLES[1:]:
            queries[table] = (f"SELECT t.* EXCLUDE (pid, _ord) FROM raw_{table} t SEMI JOIN winners w "
                              "ON t.article_id = w.id AND t.pid = w.pid")
        queries[REJECTS_TABLE] = f"SELECT t.* EXCLUDE (pid, _ord) FROM raw_{REJECTS_TABLE} t ORDER BY _ord"
        counts: dict[str, int] = {}
        for table, sql in queries.items():
            con.execute(f"COPY ({sql}) TO '{_sql_path(staging / table)}' "
                        f"(FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES '{MERGED_FILE_SIZE}')")
            counts[table] = con.execute(
                f"SELECT count(*) FROM read_parquet('{_sql_path(staging / table)}/*.parquet')").fetchone()[0]
    finally:
        con.close()
    # swap the new tables in; the old ones are removed only once all new ones are in place
    old = swap_in(out, staging, SHARD_TABLES)
    meta = {
        "format": "dyads-parquet",
        "schema_version": SCHEMA_VERSION,
        "coder_version": coder_version,
        "merged_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "partitions": len(parts),
        "tables": list(SHARD_TABLES),
        "rows": counts,
        "duplicate_articles": duplicates,
    }
    tmp_meta = out / f".{META}.{uuid.uuid4().hex}"
    tmp_meta.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    os.replace(tmp_meta, out / META)
    for path in [*old, staging]:
        shutil.rmtree(path, ignore_errors=True)
    if after_merge is not None:
        after_merge(out)
    return MergeStats(counts["articles"], counts["events"], counts[REJECTS_TABLE], duplicates, list(SHARD_TABLES))
