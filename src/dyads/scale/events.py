"""Events merged across articles for a Parquet store: the same `dyads.aggregate` merge as in a DuckDB file.

After `merge_shards`, the mentions of the whole corpus sit in OUT/events, OUT/articles, ... The
cross-article merge (mentions -> events, with GDELT's GlobalEventID semantics: an event keeps its id
while it has mentions, ids are never reused) is incremental, so it needs state that outlives a run.
It lives in OUT/_aggregate.duckdb, an ordinary dyads store: each run refreshes its coded tables from
the merged Parquet tables, `update_events` re-merges only the articles that are new, re-coded or
gone (in batches, so memory does not grow with the corpus), and the tables the merge writes for readers
(`merged_events`, `event_mentions`, `article_facts`) are copied to OUT/<table>/data_0.parquet,
where `open_parquet_store` shows it as a view like the coded tables. `dyads events`, `dyads export`
and `dyads serve` then read a Parquet directory as they read a DuckDB file.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from dyads.scale.shards import _sql_path, swap_in
from dyads.store import Store

AGGREGATE_DB = "_aggregate.duckdb"
MERGE_INPUT_TABLES = ("articles", "events", "event_actors")
"""The coded tables the merge reads (`dyads.aggregate._MENTION_SQL`, article facts)."""
MERGE_OUTPUT_TABLES = ("merged_events", "event_mentions", "article_facts")
"""What readers need of the merge. Not the state store's other tables: its summary and word-index tables
are empty there (rows are copied in, not written by `Store.write`), and a reader that found them would
answer from them instead of grouping the events (`store.summaries.has_summaries`)."""
BATCH_ARTICLES = 2_000
"""Articles merged per `update_events` call: bounds the mentions held in Python at once."""


@dataclass
class ParquetMergeReport:
    articles: int = 0  # articles (re-)merged in this run
    events: int = 0  # merged events in the store after the run


def merge_parquet_events(out_dir: str | Path, batch_articles: int = BATCH_ARTICLES) -> ParquetMergeReport:
    """Merge the mentions of the Parquet store `out_dir` into events; write the merge's tables as Parquet."""
    from dyads.aggregate import pending_articles, update_events

    out = Path(out_dir)
    report = ParquetMergeReport()
    with Store(out / AGGREGATE_DB) as store:
        con = store.con
        con.execute("BEGIN TRANSACTION")
        for table in MERGE_INPUT_TABLES:
            con.execute(f"DELETE FROM {table}")
            if any((out / table).glob("*.parquet")):
                files = f"{_sql_path(out / table)}/*.parquet"
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{files}')")
        con.execute("COMMIT")
        pending = pending_articles(store)
        for i in range(0, len(pending), batch_articles):
            update_events(store, pending[i:i + batch_articles])
        report.articles = len(pending)
        report.events = con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
        staging = out / f".aggregate-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            for table in MERGE_OUTPUT_TABLES:
                (staging / table).mkdir()
                # one file per table, written even when empty, so the view exists with its columns
                con.execute(f"COPY {table} TO '{_sql_path(staging / table / 'data_0.parquet')}' "
                            "(FORMAT parquet, COMPRESSION zstd)")
            old = swap_in(out, staging, MERGE_OUTPUT_TABLES)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for path in old:
            shutil.rmtree(path, ignore_errors=True)
    return report
