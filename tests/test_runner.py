"""The runner: one process or worker processes give the same database; workers die with the writer."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dyads.ingest import read_inputs
from dyads.runner import PARSE_CHUNK, CoderSpec, code_into_store, default_processes
from dyads.store import Store
from tests.conftest import SHARED, shared_or_skip

CORPUS = SHARED / "corpus" / "reuters-2011-2013.jsonl"


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that record when a row was written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        tables = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                             "ORDER BY 1").fetchall()
        for (table,) in tables:
            cols = [c for c, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
                "AND table_name = ? ORDER BY ordinal_position", [table]).fetchall() if kind != "TIMESTAMP"]
            out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _lines(n: int) -> list[str]:
    with open(shared_or_skip(CORPUS), encoding="utf-8") as f:
        return [line for _, line in zip(range(n), f, strict=False)]


def test_spec_rebuilds_the_coder_and_cpus_are_counted(coder):
    assert CoderSpec.of(coder) == CoderSpec(stages=coder.stages, model=coder.model)
    assert default_processes() >= 1


def test_an_input_of_one_chunk_is_coded_without_workers(tmp_path, coder, seed_article):
    with Store(tmp_path / "one.duckdb") as store:
        report = code_into_store([seed_article], store, coder, processes=2)
    assert report.coded == 1 and report.events > 0
    assert multiprocessing.active_children() == []  # no worker was started for one article


@pytest.mark.slow
def test_two_processes_store_the_same_tables_as_one(tmp_path):
    """Same batches, skips, rejects and rows: the two databases are compared table by table."""
    lines = _lines(2 * PARSE_CHUNK + 7)
    first = tmp_path / "first.jsonl"  # coded before, so that the full run skips these
    first.write_text("".join(lines[:10]))
    src = tmp_path / "all.jsonl"
    src.write_text("".join(lines[:20]) + "{not json\n" + "".join(lines[20:]))
    spec = CoderSpec()
    reports = []
    for n in (1, 2):
        db = tmp_path / f"p{n}.duckdb"
        with Store(db) as store:
            code_into_store(read_inputs([str(first)]), store, spec, processes=n, batch_size=16)
            batches: list[list[str]] = []
            report = code_into_store(read_inputs([str(src)]), store, spec, processes=n, batch_size=16,
                                     rejects_path=tmp_path / f"p{n}.rejects.jsonl",
                                     on_batch=lambda b, seen=batches: seen.append([c.article.id for c in b]))
        reports.append((report, batches, (tmp_path / f"p{n}.rejects.jsonl").read_text()))
    (r1, b1, rej1), (r2, b2, rej2) = reports
    assert (r1.read, r1.coded, r1.skipped, r1.rejected, r1.events) == (r2.read, r2.coded, r2.skipped, r2.rejected,
                                                                       r2.events)
    assert r1.skipped == 10 and r1.rejected == 1 and r1.coded == len(lines) - 10
    assert b1 == b2 and rej1 == rej2 and json.loads(rej1)["reason"]
    one, two = _tables(tmp_path / "p1.duckdb"), _tables(tmp_path / "p2.duckdb")
    assert one.keys() == two.keys()
    for table in one:
        assert one[table] == two[table], table


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_writer(tmp_path):
    src = tmp_path / "part.jsonl"
    src.write_text("".join(_lines(4 * PARSE_CHUNK)))
    proc = subprocess.Popen([sys.executable, "-m", "dyads.cli", "code", str(src), "-q", "-p", "2",
                             "--db", str(tmp_path / "k.duckdb")], env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.5)
        workers = [c for c in _children(proc.pid) if "dyads" in Path(f"/proc/{c}/cmdline").read_text()
                   or "multiprocessing" in Path(f"/proc/{c}/cmdline").read_text()]
    assert proc.poll() is None, "the run ended before its workers could be seen"
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers)
