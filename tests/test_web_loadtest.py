"""The bounded load test against `dyads serve` on 127.0.0.1 finds no errors (the full 50 x 60 s run is in docs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.web.loadtest import run_load


@pytest.mark.slow
def test_short_load_run_has_no_errors(tmp_path, coder):
    from dyads.ingest import read_inputs
    from dyads.runner import code_into_store
    from dyads.store import Store

    db = tmp_path / "ex.duckdb"
    examples = Path(__file__).resolve().parent.parent / "examples"
    with Store(db) as st:
        code_into_store(read_inputs([str(examples)]), st, coder)
    report = run_load(str(db), clients=8, seconds=4)
    assert report.requests > 50
    assert report.errors == 0, report.error_samples
    assert report.refused_as_expected > 0
    assert report.percentile(95) > 0
