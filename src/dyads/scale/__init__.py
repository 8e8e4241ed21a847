"""Scale out: code millions of articles on a Dask cluster into Parquet, read it back like the store.

- `run_dask(inputs, out_dir, ...)` codes input shards on Dask into a Parquet directory (`engine`).
- `open_parquet_store(dir)` / `open_store(path)` (from `dyads.store.parquet`) open such a directory read-only.
- `merge_parquet_events(out_dir)` merges mentions into events across articles, as in a DuckDB store (`events`).
- `build_rows(batch, coder_version)` (from `dyads.store.rows`) makes the rows both engines write.

Names are loaded on first use: Dask is an optional
extra (`dyads[dask]`) that only `run_dask` needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES = {
    "run_dask": "engine",
    "ScaleReport": "engine",
    "format_scale_report": "engine",
    "CoderPlugin": "engine",
    "code_partition": "engine",
    "open_parquet_store": "dyads.store.parquet",
    "open_store": "dyads.store.parquet",
    "is_parquet_store": "dyads.store.parquet",
    "ParquetStore": "dyads.store.parquet",
    "build_rows": "dyads.store.rows",
    "StoreRows": "dyads.store.rows",
    "plan_partitions": "partitions",
    "read_partition": "partitions",
    "Partition": "partitions",
    "merge_shards": "shards",
    "merge_parquet_events": "events",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        module = _NAMES[name]
        return getattr(import_module(module if "." in module else f"dyads.scale.{module}"), name)
    raise AttributeError(f"module 'dyads.scale' has no attribute {name!r}")
