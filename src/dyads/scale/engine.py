"""The Dask engine: code partitions of the input on a Dask cluster into Parquet shards, then merge them.

`run_dask` plans partitions on the client (`partitions.plan_partitions`), skips those whose shard is
already written, and maps `code_partition` over the rest. Each worker process builds the Coder once,
in a worker plugin, and keeps it for every task it runs. A task reads its records with the ordinary
readers, codes them and writes its shard atomically (`shards.write_shard`); a task Dask retries after
losing a worker finds the shard written or writes it whole. Once every partition has its shard the
client merges them (`shards.merge_shards`) into a Parquet store `open_parquet_store` can read.

The output directory must be visible under the same path to the client and every worker (a shared
file system on a cluster; any local directory on a `LocalCluster`).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_client

from dyads import __version__
from dyads.models import Article, Reject
from dyads.pipeline import Coder
from dyads.runner import code_safely
from dyads.scale.partitions import Partition, plan_partitions, read_partition
from dyads.scale.shards import ShardMeta, clear_temporary, merge_shards, read_shard_meta, write_shard

_CODERS: dict[tuple[tuple[str, ...], bool], Coder] = {}


def get_coder(dict_dirs: Sequence[str] = (), default_dict: bool = True) -> Coder:
    """The Coder of this process for these dictionaries, built on first use (spaCy and dictionaries load once)."""
    key = (tuple(str(d) for d in dict_dirs), bool(default_dict))
    if key not in _CODERS:
        _CODERS[key] = Coder(dict_dirs=key[0], default_dict=key[1])
    return _CODERS[key]


class CoderPlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (or restarts), so that no task pays for it."""

    def __init__(self, dict_dirs: Sequence[str] = (), default_dict: bool = True):
        self.dict_dirs = tuple(str(d) for d in dict_dirs)
        self.default_dict = default_dict
        key = json.dumps([self.dict_dirs, default_dict]).encode()
        self.name = f"dyads-coder-{hashlib.sha1(key).hexdigest()[:12]}"  # same config, same plugin

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        get_coder(self.dict_dirs, self.default_dict)


def code_partition(
    part: Partition,
    out_dir: str,
    dict_dirs: Sequence[str] = (),
    default_dict: bool = True,
    default_date: date | None = None,
    coder_version: str = __version__,
) -> ShardMeta:
    """Code one partition into its shard; a partition with a shard already is not coded again."""
    done = read_shard_meta(out_dir, part.id)
    if done is not None:
        done.skipped = True
        return done
    started, cpu_started = time.perf_counter(), time.process_time()
    coder = get_coder(dict_dirs, default_dict)
    items = list(read_partition(part, default_date))
    articles = [x for x in items if isinstance(x, Article)]
    rejects = [x for x in items if isinstance(x, Reject)]
    coded = list(code_safely(coder, articles, rejects.append))  # an article the coder fails on: a reject
    meta = ShardMeta(partition=part.id, read=len(articles), coded=len(coded), rejected=len(rejects),
                     worker=f"{socket.gethostname()}:{os.getpid()}")
    meta.seconds = round(time.perf_counter() - started, 3)
    meta.cpu_seconds = round(time.process_time() - cpu_started, 3)
    return write_shard(out_dir, part.id, coded, rejects, coder_version, meta)


@dataclass
class ScaleReport:
    """What a Dask run did: partitions coded and skipped, articles, events, time."""

    out_dir: str
    partitions: int = 0
    partitions_coded: int = 0
    partitions_skipped: int = 0
    read: int = 0  # articles read by the partitions coded in this run
    coded: int = 0
    rejected: int = 0  # rejected input records in all partitions of the plan
    articles: int = 0  # articles in the merged store
    events: int = 0  # event mentions in the merged store
    merged_events: int = 0  # events merged across articles (`dyads.aggregate`), when merged
    duplicate_articles: int = 0
    workers: int = 0
    setup_seconds: float = 0.0  # cluster start and pipeline load on the workers
    coding_seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the partitions coded in this run, summed over workers
    merge_seconds: float = 0.0
    failed: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.coded / self.coding_seconds if self.coding_seconds else 0.0

    @property
    def hours_per_million_per_core(self) -> float:
        """CPU hours one core spends on a million articles like these (from task CPU time, so load-independent)."""
        return self.cpu_seconds / self.coded * 1e6 / 3600 if self.coded else 0.0


def format_scale_report(r: ScaleReport) -> str:
    return (
        f"{r.partitions} partitions: coded {r.partitions_coded}, skipped {r.partitions_skipped} already done; "
        f"{r.coded} articles coded on {r.workers} worker(s) in {r.coding_seconds:.1f} s "
        f"({r.articles_per_second:.1f} articles/s; setup {r.setup_seconds:.1f} s, merge {r.merge_seconds:.1f} s); "
        f"rejected {r.rejected} records; {r.hours_per_million_per_core:.0f} core-hours per million articles\n"
        f"Parquet store {r.out_dir}: {r.articles} articles, {r.events} event mentions"
        + (f" merged into {r.merged_events} events" if r.merged_events else "")
        + (f" ({r.duplicate_articles} article ids coded twice, the later kept)" if r.duplicate_articles else "")
    )


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    if scheduler == "local":
        # one thread per worker process: spaCy parsing holds the GIL, so threads would only queue
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
    elif scheduler is None:
        yield get_client()  # the caller's own client (e.g. on a dask-jobqueue cluster): left open
    else:
        with Client(scheduler) as client:
            yield client


def run_dask(
    inputs: list[str],
    out_dir: str,
    scheduler: str | None = "local",
    workers: int = 2,
    partition_size: int = 200,
    dict_dirs: Sequence[str] = (),
    default_dict: bool = True,
    on_reject: Callable[[Reject], None] | None = None,
    *,
    default_date: date | None = None,
    retries: int = 2,
    after_merge: Callable[[Path], None] | None = None,
    on_partition: Callable[[ShardMeta], None] | None = None,
    merge_events: bool = True,
) -> ScaleReport:
    """Code `inputs` on Dask into the Parquet store `out_dir`; rerunning skips the partitions already coded.

    scheduler: "local" starts a LocalCluster of `workers` processes; an address ("tcp://host:8786")
    connects to a running scheduler; None uses the Client already created in this process.
    `on_reject` gets every rejected input record, `on_partition` every finished partition (progress).
    `after_merge(out_dir)` runs after the merge (see `merge_shards`); then, with `merge_events`, mentions
    are merged into events across articles as `dyads code` does in a DuckDB file (`scale.events`).
    Raises RuntimeError when some partitions still fail after `retries`, once all the others are
    written: a rerun codes only those.
    """
    t0 = time.perf_counter()
    out = Path(out_dir).absolute()
    out.mkdir(parents=True, exist_ok=True)
    parts = plan_partitions(inputs, partition_size)
    clear_temporary(out)
    report = ScaleReport(out_dir=str(out), partitions=len(parts))
    metas: dict[str, ShardMeta] = {}
    todo: list[Partition] = []
    for p in parts:
        m = read_shard_meta(out, p.id)
        if m is None:
            todo.append(p)
        else:
            metas[p.id] = m
    report.partitions_skipped = len(metas)
    if todo:
        with _client(scheduler, workers) as client:
            client.register_plugin(CoderPlugin(dict_dirs, default_dict))
            report.workers = len(client.scheduler_info(n_workers=-1)["workers"])
            t1 = time.perf_counter()
            report.setup_seconds = t1 - t0
            futures = client.map(
                code_partition, todo, key=[f"dyads-partition-{p.id}" for p in todo], retries=retries,
                out_dir=str(out), dict_dirs=tuple(str(d) for d in dict_dirs), default_dict=default_dict,
                default_date=default_date, coder_version=__version__,
            )
            pid_of = {f.key: p.id for f, p in zip(futures, todo, strict=True)}
            for fut in as_completed(futures):
                try:
                    meta = fut.result()
                except Exception as exc:  # noqa: BLE001 - reported with its partition, the rest go on
                    report.failed.append(f"{pid_of[fut.key]}: {type(exc).__name__}: {exc}")
                    continue
                if meta.skipped:
                    report.partitions_skipped += 1
                else:
                    report.partitions_coded += 1
                    report.read += meta.read
                    report.coded += meta.coded
                    report.cpu_seconds += meta.cpu_seconds
                metas[meta.partition] = meta
                if on_partition:
                    on_partition(meta)
            report.coding_seconds = time.perf_counter() - t1
    if report.failed:
        raise RuntimeError(f"{len(report.failed)} partition(s) failed; rerun to retry them: {report.failed[:5]}")
    t2 = time.perf_counter()
    stats = merge_shards(out, parts, __version__, after_merge=after_merge)
    if merge_events:
        from dyads.scale.events import merge_parquet_events

        report.merged_events = merge_parquet_events(out).events
    report.merge_seconds = time.perf_counter() - t2
    report.articles, report.events, report.rejected = stats.articles, stats.events, stats.rejects
    report.duplicate_articles = stats.duplicate_articles
    if on_reject and stats.rejects:
        from dyads.store.parquet import open_parquet_store

        with open_parquet_store(out) as st:
            for row in st.con.execute("SELECT origin, record, reason, raw, \"offset\", length FROM rejects").fetchall():
                on_reject(Reject(*row))
    return report
