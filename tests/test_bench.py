"""`dyads bench` runs both sides on the same articles and reports every figure (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.bench import bench, format_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.slow
def test_bench_reports_both_runs_on_the_same_articles():
    report = bench([str(EXAMPLES)], n_articles=4, cold=True, rounds=2)
    d = report.to_dict()
    assert d["bare_spacy"]["articles"] == d["dyads"]["articles"] == 4
    assert d["bare_spacy"]["words"] == d["dyads"]["words"] > 0
    assert {"parse", "times", "places", "actors", "quotes", "events", "store+io"} <= set(d["dyads"]["stage_seconds"])
    assert d["dyads"]["peak_rss_mb"] > 50 and d["ratio"] > 0
    assert d["cold_single_article_s"] > 0
    assert len(d["round_ratios"]) == 2 and len(d["bare_spacy"]["stage_seconds"]) == 2  # interleaved slices
    text = format_report(report)
    assert "ratio dyads / bare spaCy" in text and "peak RSS" in text


@pytest.mark.slow
def test_bench_store_times_batches_into_a_generated_database(tmp_path):
    from dyads.bench import bench_store, format_store_report

    db = tmp_path / "gen.duckdb"
    timings = bench_store(db, [str(EXAMPLES)], n_events=1000, batches=2, batch_size=3)
    assert [t.events_before for t in timings][0] == 1000 and len(timings) == 2
    assert timings[1].events_before == 1000 + timings[0].events
    assert all(t.articles == 3 and t.write_seconds > 0 and t.cpu_seconds > 0 for t in timings)
    assert db.exists() and not (tmp_path / "gen.work.duckdb").exists()  # the timed writes went into a copy
    assert "events before" in format_store_report(timings)
