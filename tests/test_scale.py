"""Dask engine: partitions read like `read_inputs`, shards match the DuckDB store, merge keeps the last
record of an article, and a LocalCluster run (also one that loses a worker mid-run) gives exactly the
rows of a single-machine run of examples/; a rerun codes nothing.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyads.ingest import read_inputs
from dyads.models import Article, Reject
from dyads.scale import build_rows, is_parquet_store, open_parquet_store, open_store, plan_partitions, read_partition
from dyads.scale.shards import SHARD_TABLES, ShardMeta, clear_temporary, merge_shards, shard_dir, write_shard
from dyads.store import Store
from dyads.store.rows import STORE_TABLES

EXAMPLES = (Path(__file__).resolve().parent.parent / "examples").resolve()
DUP_ID = "geneva-talks-2014-02-11"  # an examples/ article that extra.jsonl codes again with other text


def _dicts(items) -> list[dict]:
    return [x.to_dict() for x in items]


def _rows(store: Store, table: str) -> list[tuple]:
    """Every row of a table but the coding time, sorted: what must match between two runs.

    The events' integer key `seq` is a DuckDB store's own (for its word index, `dyads.store.words`):
    Parquet shards written apart leave it NULL."""
    exclude = {"articles": " EXCLUDE (coded_at)", "events": " EXCLUDE (seq)"}.get(table, "")
    return store.con.execute(f"SELECT *{exclude} FROM {table} ORDER BY ALL").fetchall()


def write_extra(path: Path) -> Path:
    """A second input: a new article, a malformed line, a blank line, a record without id, a re-coded examples/ id."""
    lines = [
        json.dumps({"id": "extra-1", "date": "2015-03-02",
                    "text": "Kenya accused Somalia of harbouring militants on Monday."}),
        "{not json",
        "",
        json.dumps({"date": "2016-04-05", "text": "Germany praised France for its help on Tuesday."}),
        json.dumps({"id": DUP_ID, "date": "2014-02-11",
                    "text": "GENEVA - Iran met European Union negotiators in Geneva on Tuesday."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def extra_jsonl(tmp_path: Path) -> Path:
    return write_extra(tmp_path / "extra.jsonl")


# -- partitions ----------------------------------------------------------------------------------


def test_partitions_read_exactly_what_read_inputs_reads(extra_jsonl: Path) -> None:
    inputs = [str(EXAMPLES), str(extra_jsonl)]
    for size in (1, 2, 200):
        parts = plan_partitions(inputs, size)
        assert [p.order for p in parts] == list(range(len(parts)))
        got = [x for p in parts for x in read_partition(p)]
        assert _dicts(got) == _dicts(read_inputs(inputs))
    rejects = [x for x in got if isinstance(x, Reject)]
    assert [(r.record, r.reason.split(":")[0]) for r in rejects] == [("line 2", "malformed JSON")]
    assert "extra:4" in {x.id for x in got if isinstance(x, Article)}  # line numbers survive the split


def test_partition_ids_are_stable_and_follow_file_changes(tmp_path: Path, extra_jsonl: Path) -> None:
    first = plan_partitions([str(EXAMPLES), str(extra_jsonl)], 2)
    assert [p.id for p in first] == [p.id for p in plan_partitions([str(EXAMPLES), str(extra_jsonl)], 2)]
    assert len({p.id for p in first}) == len(first)
    extra_jsonl.write_text(extra_jsonl.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = plan_partitions([str(EXAMPLES), str(extra_jsonl)], 2)
    changed = {p.paths[0] for p, q in zip(first, second, strict=True) if p.id != q.id}
    assert changed == {str(extra_jsonl)}


def test_parquet_input_rows_become_articles(tmp_path: Path) -> None:
    p = tmp_path / "news.parquet"
    table = pa.table({
        "id": ["a", None, "c", "d", "e"],
        "date": ["2013-07-22", "2013-07-23", "bad date", "2013-07-25", "2013-07-26"],
        "Text": ["Russia criticised the United States.", "Iran met Iraq.", "x", "", "China warned Japan."],
    })
    pq.write_table(table, p, row_group_size=2)  # partitions cross row groups
    parts = plan_partitions([str(p)], 3)
    assert [(q.start, q.stop) for q in parts] == [(0, 3), (3, 5)]
    items = [x for q in parts for x in read_partition(q)]
    assert [x.id for x in items if isinstance(x, Article)] == ["a", "news:2", "e"]
    assert [(x.record, x.reason.split(" ")[0]) for x in items if isinstance(x, Reject)] == [
        ("row 3", "unreadable"), ("row 4", "missing")]
    no_text = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"body": ["Russia criticised the United States."]}), no_text)
    (reject,) = [x for q in plan_partitions([str(no_text)], 3) for x in read_partition(q)]
    assert isinstance(reject, Reject) and "no 'text' column" in reject.reason
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 truncated")
    (reject,) = [x for q in plan_partitions([str(broken)], 3) for x in read_partition(q)]
    assert reject.reason.startswith("not a readable Parquet file")


# -- shards, merge, reading ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def coded_pair(coder):
    texts = {
        "one": "Russia criticised the United States on Monday.",
        "two": "Iran met Iraq in Baghdad on Tuesday. China warned Japan. The weather was mild.",
    }
    return [coder.code(t, date="2013-07-22", id=i) for i, t in texts.items()]


def test_shard_rows_equal_store_rows(tmp_path: Path, coded_pair) -> None:
    with Store(tmp_path / "s.duckdb") as st:
        st.write(coded_pair, "test")
        expected = {t: _rows(st, t) for t in STORE_TABLES}
    assert expected["events"] and expected["event_actors"] and expected["no_events"]
    out = tmp_path / "pq"
    parts = plan_partitions([str(EXAMPLES / "athens-strike-2012-10-19.txt")], 5)
    write_shard(out, parts[0].id, coded_pair, [], "test", ShardMeta(partition=parts[0].id))
    merge_shards(out, parts[:1], "test")
    with open_parquet_store(out) as pst:
        assert {t: _rows(pst, t) for t in STORE_TABLES} == expected
        with Store(tmp_path / "s.duckdb", read_only=True) as st:
            for t in STORE_TABLES:  # same column names and types as the store tables (keys are DuckDB's own)
                columns = f"SELECT column_name, column_type FROM (DESCRIBE {t})"
                assert pst.query(columns) == st.query(columns)
            assert pst.event_records() == st.event_records()
            assert pst.summary() == st.summary()
            assert pst.query("SELECT count(*) FROM events") == st.query("SELECT count(*) FROM events")
            assert pst.schema_version == st.schema_version
        with pytest.raises(PermissionError):
            pst.write(coded_pair, "test")


def test_events_merged_across_articles_in_a_parquet_store(tmp_path: Path, coder, coded_pair) -> None:
    from dyads.aggregate import update_events
    from dyads.scale import merge_parquet_events

    stamps = "* EXCLUDE (added_at, updated_at)"
    with Store(tmp_path / "s.duckdb") as st:
        st.write(coded_pair, "test")
        update_events(st)
        expected = {t: st.query(f"SELECT {stamps if t == 'merged_events' else '*'} FROM {t} ORDER BY ALL")[1]
                    for t in ("merged_events", "event_mentions")}
    assert expected["merged_events"]
    out = tmp_path / "pq"
    parts = plan_partitions([str(EXAMPLES / "athens-strike-2012-10-19.txt")], 5)
    write_shard(out, parts[0].id, coded_pair, [], "test", ShardMeta(partition=parts[0].id))
    merge_shards(out, parts[:1], "test")
    report = merge_parquet_events(out)
    assert report.articles == 2 and report.events == len(expected["merged_events"])
    with open_parquet_store(out) as pst:
        assert {"merged_events", "event_mentions", "article_facts"} <= set(pst.tables)
        assert not [t for t in pst.tables if t.startswith("summary_") or t.endswith("_words")]  # readers group events
        got = {t: pst.query(f"SELECT {stamps if t == 'merged_events' else '*'} FROM {t} ORDER BY ALL")[1]
               for t in expected}
        assert got == expected
        ids_two = pst.query("SELECT event_id FROM event_mentions WHERE article_id = 'two' ORDER BY 1")[1]
    # a rerun with one article re-coded re-merges that article only; the other's events keep their ids
    recoded = coder.code("The United States criticised Russia on Friday.", date="2014-01-03", id="one")
    write_shard(out, parts[0].id + "b", [recoded], [], "test", ShardMeta(partition=parts[0].id + "b"))
    again = [parts[0], type(parts[0])(parts[0].id + "b", 1, "files", parts[0].paths)]
    merge_shards(out, again, "test")
    assert merge_parquet_events(out).articles == 1
    with open_parquet_store(out) as pst:
        assert pst.query("SELECT event_id FROM event_mentions WHERE article_id = 'two' ORDER BY 1")[1] == ids_two
        rows = pst.query("SELECT source_code, target_code FROM merged_events m JOIN event_mentions l "
                         "ON l.event_id = m.id WHERE l.article_id = 'one'")[1]
        assert rows == [("USA", "RUS")]
        n_events = pst.query("SELECT count(*) FROM merged_events")[1][0][0]
    # the read commands take the Parquet directory as they take a DuckDB file
    from click.testing import CliRunner

    from dyads.cli import main

    listed = CliRunner().invoke(main, ["events", "--db", str(out), "--format", "jsonl"], catch_exceptions=False)
    assert listed.exit_code == 0 and len(listed.output.splitlines()) == n_events
    gdelt = CliRunner().invoke(main, ["export", "--db", str(out), "--format", "gdelt-events", "-o", "-"],
                               catch_exceptions=False)
    assert gdelt.exit_code == 0 and "USA" in gdelt.output


def test_build_rows_keeps_the_later_record_of_an_id(coded_pair) -> None:
    rows = build_rows([coded_pair[0], coded_pair[1], coded_pair[0]], "test")
    assert rows.article_ids == ["one", "two"]
    assert len(rows.events) == sum(len(c.events) for c in coded_pair)


def test_shards_are_all_or_nothing_and_merge_keeps_the_last(tmp_path: Path, coder, coded_pair) -> None:
    out = tmp_path / "pq"
    parts = plan_partitions([str(EXAMPLES)], 2)[:3]
    recoded = coder.code("The United States criticised Russia on Friday.", date="2014-01-03", id="one")
    assert [e.id for e in recoded.events] == [e.id for e in coded_pair[0].events]  # same event id, other event
    write_shard(out, parts[0].id, coded_pair, [Reject("f.jsonl", "line 1", "malformed JSON")], "t", ShardMeta("p0"))
    write_shard(out, parts[2].id, [recoded], [], "t", ShardMeta("p2"))
    # writing a partition again (a retried task) changes nothing
    before = sorted((f.name, f.stat().st_mtime_ns) for f in shard_dir(out, parts[0].id).iterdir())
    write_shard(out, parts[0].id, [recoded], [], "t", ShardMeta("p0 again"))
    assert sorted((f.name, f.stat().st_mtime_ns) for f in shard_dir(out, parts[0].id).iterdir()) == before
    # a task that died half-way leaves a temporary directory: never read, removed before the next run
    (out / "shards" / f".tmp-{parts[1].id}-dead").mkdir()
    (out / "shards" / f".tmp-{parts[1].id}-dead" / "events.parquet").write_bytes(b"half")
    with pytest.raises(RuntimeError, match="no output"):
        merge_shards(out, parts, "t")
    assert clear_temporary(out) == 1

    def count_dyads(out_dir: Path) -> None:  # a cross-article step after the merge, adding a table of its own
        (out_dir / "dyad_counts").mkdir()
        with open_parquet_store(out_dir) as st:
            st.con.execute(f"COPY (SELECT source_code, target_code, count(*) AS n FROM events GROUP BY ALL) "
                           f"TO '{out_dir}/dyad_counts/data_0.parquet' (FORMAT parquet)")

    stats = merge_shards(out, [parts[0], parts[2]], "t", after_merge=count_dyads)
    assert stats.duplicate_articles == 1 and stats.rejects == 1
    with open_store(out) as st:
        assert sorted(st.query("SELECT id, title FROM articles")[1]) == [("one", None), ("two", None)]
        texts = dict(st.query("SELECT id, text FROM articles")[1])
        assert texts["one"] == recoded.article.text
        ids = [r[0] for r in st.query("SELECT id FROM events")[1]]
        assert sorted(ids) == sorted(e.id for e in [*recoded.events, *coded_pair[1].events])
        assert st.query("SELECT DISTINCT article_id FROM event_actors WHERE article_id = 'one'")[1] == [("one",)]
        n_actors = st.query("SELECT count(*) FROM event_actors WHERE article_id = 'one'")[1][0][0]
        assert n_actors == sum(len(e.source) + len(e.target) for e in recoded.events)
        dyads = {(src, tgt): n for src, tgt, n in st.query("SELECT * FROM dyad_counts")[1]}
        assert dyads[("USA", "RUS")] == 1 and ("RUS", "USA") not in dyads  # the re-coded article's event only
        assert sum(dyads.values()) == len(ids)
    assert is_parquet_store(out) and not is_parquet_store(tmp_path)
    with Store(tmp_path / "x.duckdb"):
        pass
    with open_store(tmp_path / "x.duckdb") as st:
        assert type(st) is Store and st.read_only
    assert set(SHARD_TABLES) <= {d.name for d in out.iterdir()}


# -- on a LocalCluster -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def single_machine(tmp_path_factory, coder):
    """The reference: examples/ plus a second input coded on one machine into DuckDB."""
    from dyads.runner import code_into_store

    root = tmp_path_factory.mktemp("single")
    extra = write_extra(root / "extra.jsonl")
    db = root / "single.duckdb"
    rejects = []
    with Store(db) as st:
        code_into_store(read_inputs([str(EXAMPLES), str(extra)]), st, coder, on_reject=rejects.append)
        tables = {t: _rows(st, t) for t in STORE_TABLES}
        tables["merged_events"] = st.query(MERGED_EVENTS)[1]
    return extra, tables, [r.to_dict() for r in rejects]


# events merged across articles, without what depends on the order of merging (ids, time stamps)
MERGED_EVENTS = "SELECT * EXCLUDE (id, added_at, updated_at) FROM merged_events ORDER BY ALL"


def _same_as_single_machine(out: Path, single_machine) -> None:
    _, tables, rejects = single_machine
    with open_parquet_store(out) as st:
        got = {t: _rows(st, t) for t in STORE_TABLES}
        got["merged_events"] = st.query(MERGED_EVENTS)[1]
        got_rejects = [dict(zip(("origin", "record", "reason", "raw", "offset", "length"), r, strict=True))
                       for r in st.query("SELECT * FROM rejects")[1]]
        ids = [r[0] for r in st.query("SELECT id FROM events")[1]]
    assert len(ids) == len(set(ids))  # no event twice
    n_examples = len({a.id for a in read_inputs([str(EXAMPLES)]) if not isinstance(a, Reject)})
    assert len(tables["events"]) > 10 and len(tables["articles"]) == n_examples + 2  # extra adds two new ids
    for t in [*STORE_TABLES, "merged_events"]:
        assert got[t] == tables[t], t
    assert got_rejects == rejects


@pytest.mark.slow
def test_dask_run_matches_single_machine_and_rerun_skips(tmp_path: Path, cluster, single_machine) -> None:
    from dyads.scale import run_dask

    extra = single_machine[0]
    out = tmp_path / "out"
    seen = []
    report = run_dask([str(EXAMPLES), str(extra)], str(out), scheduler=cluster.scheduler_address,
                      partition_size=3, on_reject=seen.append)
    planned = len(plan_partitions([str(EXAMPLES), str(extra)], 3))
    n_articles = len(single_machine[1]["articles"])
    assert report.partitions == report.partitions_coded == planned and report.workers == 2
    assert report.coded == n_articles + 1 and report.articles == n_articles and report.duplicate_articles == 1
    assert [r.record for r in seen] == ["line 2"]
    _same_as_single_machine(out, single_machine)
    again = run_dask([str(EXAMPLES), str(extra)], str(out), scheduler=cluster.scheduler_address, partition_size=3)
    assert (again.partitions_coded, again.partitions_skipped, again.coded) == (0, planned, 0)
    _same_as_single_machine(out, single_machine)


@pytest.mark.slow
def test_dask_run_survives_a_killed_worker(tmp_path: Path, cluster, single_machine) -> None:
    from distributed import Client, WorkerPlugin

    from dyads.scale import run_dask

    class KillOnce(WorkerPlugin):
        """Kill this worker's process when a given partition starts, the first time only (pickled by value)."""

        name = "test-kill-once"

        def __init__(self, key: str, marker: str):
            self.key, self.marker = key, marker

        def transition(self, key, start, finish, **kwargs) -> None:
            if key == self.key and finish == "executing" and not os.path.exists(self.marker):
                Path(self.marker).write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)

    extra = single_machine[0]
    parts = plan_partitions([str(EXAMPLES), str(extra)], 3)
    marker = tmp_path / "killed"
    with Client(cluster.scheduler_address) as client:
        client.register_plugin(KillOnce(f"dyads-partition-{parts[4].id}", str(marker)))
        try:
            report = run_dask([str(EXAMPLES), str(extra)], str(tmp_path / "out"),
                              scheduler=cluster.scheduler_address, partition_size=3)
        finally:
            client.unregister_worker_plugin(KillOnce.name)
    assert marker.exists()  # a worker did die in the middle of the run
    # the killed task ran again elsewhere; if the dead worker had already written its shard, the retry skipped it
    assert report.partitions_coded + report.partitions_skipped == len(parts) and not report.failed
    _same_as_single_machine(tmp_path / "out", single_machine)


def test_an_article_the_coder_fails_on_is_a_reject_of_its_partition(tmp_path: Path, extra_jsonl: Path, coder,
                                                                     monkeypatch) -> None:
    from dyads.scale import engine

    monkeypatch.setitem(engine._CODERS, ((), True), coder)  # the session's Coder, not a second load
    good = Article(id="a", text="Russia criticised the United States on Monday.", origin="f.jsonl:line 1")
    bad = Article(id="bad", text="Russia criticised the United States. \ud800", origin="f.jsonl:line 2")
    monkeypatch.setattr(engine, "read_partition", lambda part, default_date=None: iter([good, bad]))
    (part,) = plan_partitions([str(extra_jsonl)], 100)
    meta = engine.code_partition(part, str(tmp_path / "out"))
    assert (meta.read, meta.coded, meta.rejected) == (2, 1, 1)
