"""A merged Parquet directory (from the Dask engine) opened like the DuckDB store, read-only.

`open_parquet_store(dir)` gives a `Store` whose connection is an in-memory DuckDB with one view per
table directory (`articles`, `events`, `event_actors`, `quotes`, `no_events`, `rejects`, and any
table a merge hook added) over its Parquet files. DuckDB reads the files in place, so `summary`,
`event_records`, `query` and every read command work on a Parquet directory as on a DuckDB file,
without loading it. `open_store(path)` picks the right one for a `--db` argument.

Needs DuckDB only, not Dask.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import duckdb

from dyads.models import CodedArticle
from dyads.store import Store
from dyads.store.migrations import SCHEMA_VERSION, SchemaError
from dyads.store.summaries import EXTRA_CODES

META = "_dyads.json"  # written by dyads.scale.shards.merge_shards


def is_parquet_store(path: str | Path) -> bool:
    """True for a directory holding a merged dyads Parquet store."""
    p = Path(path)
    return p.is_dir() and (p / META).is_file()


def _sql(s: str) -> str:
    return s.replace("'", "''")


class ParquetStore(Store):
    """The read side of `Store` over a Parquet directory; writing raises."""

    def __init__(self, path: str | Path):  # Store.__init__ opens a DuckDB file: not called on purpose
        p = Path(path)
        if not is_parquet_store(p):
            raise FileNotFoundError(
                f"no dyads Parquet store at {p} (no {META}); run `dyads code --engine dask --out {p}` first"
            )
        meta = json.loads((p / META).read_text(encoding="utf-8"))
        version = int(meta.get("schema_version", 0))
        if version > SCHEMA_VERSION:
            raise SchemaError(f"Parquet store schema version {version} is newer than this dyads ({SCHEMA_VERSION})")
        self.path = str(p)
        self.read_only = True
        self.meta = meta
        self.con = duckdb.connect(":memory:")
        self.tables: list[str] = []
        for table_dir in sorted(d for d in p.iterdir() if d.is_dir() and d.name.isidentifier()):
            if table_dir.name == "shards" or not any(table_dir.glob("*.parquet")):
                continue
            files = f"read_parquet('{_sql(str(table_dir))}/*.parquet')"
            self.con.execute(f'CREATE VIEW "{table_dir.name}" AS SELECT * FROM {files}')
            if table_dir.name == "events":
                sel = f"SELECT * FROM {files}"
                if not self._has_column("events", "source_extra"):
                    # written before schema 4: the compound codes' columns, computed as migration 4 fills them
                    sel = (f"SELECT *, {EXTRA_CODES['source']} AS source_extra, "
                           f"{EXTRA_CODES['target']} AS target_extra FROM {files}")
                if not self._has_column("events", "location_basis"):
                    # written before schema 6: the place's basis, read from the contract record
                    sel = f"SELECT *, json_extract_string(record, '$.location.basis') AS location_basis FROM ({sel})"
                self.con.execute(f"CREATE OR REPLACE VIEW events AS {sel}")
            self.tables.append(table_dir.name)
        # the version the data was written with, where `current_version` looks for it
        self.con.execute("CREATE TABLE schema_migrations (version INTEGER, description VARCHAR)")
        self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [version, f"parquet store {p}"])

    def _has_column(self, table: str, column: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [table, column]
        ).fetchone()[0])

    def write(self, batch: Iterable[CodedArticle], coder_version: str) -> int:
        raise PermissionError(f"{self.path} is a Parquet store: read-only (code into it with the Dask engine)")


def open_parquet_store(path: str | Path) -> ParquetStore:
    """Open a merged Parquet directory read-only, with the read methods of `Store`."""
    return ParquetStore(path)


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """A `--db` argument opened for reading: a Parquet directory or a DuckDB file."""
    if is_parquet_store(path):
        if not read_only:
            raise PermissionError(f"{path} is a Parquet store: read-only")
        return ParquetStore(path)
    return Store(path, read_only=read_only)
