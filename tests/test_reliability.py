"""Hostile input never crashes a reader; interrupted runs neither lose nor duplicate data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.ingest import read_file, read_inputs
from dyads.ingest.language import not_english_reason
from dyads.ingest.readers import MAX_ARTICLE_CHARS
from dyads.models import Article, Reject

SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".xml", ".tml", ".html"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_random_bytes(tmp_path, payload, suffix):
    p = tmp_path / f"f{suffix}"
    p.write_bytes(payload)
    for item in read_file(p):
        assert isinstance(item, Article | Reject)
        if isinstance(item, Reject):
            assert item.reason and item.origin == str(p)
        else:
            assert item.text.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(
        st.one_of(
            st.dictionaries(st.sampled_from(["id", "date", "text", "title"]),
                            st.one_of(st.text(max_size=80), st.integers(), st.none()), max_size=4),
            st.text(max_size=60),
        ),
        max_size=8,
    )
)
def test_jsonl_records_are_each_read_or_rejected(tmp_path, records):
    p = tmp_path / "gen.jsonl"
    lines = [json.dumps(r) if isinstance(r, dict) else r.replace("\n", " ") for r in records]
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_file(p))
    nonblank = [x for x in lines if x.strip()]
    if not nonblank:
        assert [i.reason.split(" (")[0] for i in items] == ["empty file"]
    else:
        # one article or one reject per non-blank line: nothing silently dropped
        assert len(items) == len(nonblank)


def test_huge_article_and_long_line_are_rejected_with_reason(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("date: 2013-07-22\n" + ("The minister met the envoy. " * 40_000))
    line = tmp_path / "line.jsonl"
    line.write_text(json.dumps({"id": "long", "text": "word " * 2_100_000}) + "\n"
                    + json.dumps({"id": "ok", "text": "Russia met Syria."}) + "\n")
    items = list(read_inputs([str(big), str(line)]))
    assert isinstance(items[0], Reject) and "exceeds" in items[0].reason and f"{MAX_ARTICLE_CHARS:,}" in items[0].reason
    assert isinstance(items[1], Reject) and items[1].record == "line 1"
    assert isinstance(items[2], Article) and items[2].id == "ok"


def test_non_english_text_is_rejected_with_reason(tmp_path):
    fr = (
        "Le gouvernement français a annoncé mardi une nouvelle série de mesures pour soutenir les entreprises "
        "touchées par la crise, selon un communiqué publié par le ministère de l'économie et des finances à Paris. "
        "Les syndicats ont critiqué le plan, jugé insuffisant par plusieurs économistes interrogés."
    )
    assert not_english_reason(fr)
    english = "Russia criticised the United States on Monday, saying the plan was a mistake. " * 3
    assert not_english_reason(english) is None
    p = tmp_path / "fr.txt"
    p.write_text("date: 2013-07-22\n" + fr)
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason.startswith("not English")


def _dump(db: Path) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        arts = con.execute("SELECT id, content_hash FROM articles ORDER BY id").fetchall()
        events = con.execute("SELECT id, record FROM events ORDER BY id").fetchall()
        actors = con.execute("SELECT count(*) FROM event_actors").fetchone()
        return arts, events, actors
    finally:
        con.close()


@pytest.mark.slow
def test_kill_9_then_rerun_equals_uninterrupted_run(tmp_path):
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reuters-2011-2013.jsonl"
    if not corpus.exists():
        pytest.skip("../shared/corpus is not there")
    src = tmp_path / "part.jsonl"
    with open(corpus, encoding="utf-8") as f:
        src.write_text("".join(line for _, line in zip(range(160), f, strict=False)))
    cmd = [sys.executable, "-m", "dyads.cli", "code", str(src), "-q", "--batch-size", "16"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    clean = tmp_path / "clean.duckdb"
    subprocess.run([*cmd, "--db", str(clean)], check=False, env=env, timeout=900)
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([*cmd, "--db", str(killed)], env=env)
    # wait until at least one batch has committed, then kill -9 mid-run
    deadline = time.time() + 600
    while time.time() < deadline:
        time.sleep(1.0)
        try:
            con = duckdb.connect(str(killed), read_only=True)
            n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except duckdb.Error:
            continue
        if n >= 16:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _dump(killed)
    assert 0 < len(partial[0]) < len(_dump(clean)[0])
    subprocess.run([*cmd, "--db", str(killed)], check=False, env=env, timeout=900)
    assert _dump(killed) == _dump(clean)
