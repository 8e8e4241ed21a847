"""Readers: every input format of the contract -> Article records, or Reject records with a reason.

A reader never raises on bad input: what it cannot read becomes a `Reject` (file, record, reason,
raw content) and reading goes on. Formats: .txt (dated header), .jsonl/.ndjson/.json, .csv,
.parquet/.pq (a `text` column, other columns as in JSON records), .xml (PETRARCH sentence files),
.tml (TimeML), .html/.htm, a directory of those, `-` for JSON lines on standard input.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from dyads.ingest.dates import DateError, parse_date
from dyads.ingest.language import not_english_reason
from dyads.ingest.text import decode_bytes, file_encoding, html_to_text
from dyads.models import Article, Reject

PARQUET_SUFFIXES = {".parquet", ".pq"}
SUFFIXES = {".txt", ".jsonl", ".ndjson", ".json", ".csv", ".xml", ".tml", ".html", ".htm"} | PARQUET_SUFFIXES

MAX_ARTICLE_CHARS = 1_000_000
"""Longer texts are rejected with the reason (spaCy's own limit); split such files first."""

_TXT_DATE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

Item = Article | Reject


def read_inputs(paths: Iterable[str], default_date: date | None = None) -> Iterator[Item]:
    """Every article (or reject) of every input path, in order; directories are walked sorted."""
    for p in paths:
        if p == "-":
            yield from read_jsonl_stream(sys.stdin, "<stdin>", default_date)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            for f in files:
                yield from read_file(f, default_date)
        elif path.exists():
            yield from read_file(path, default_date)
        else:
            yield Reject(str(path), "file", "no such file or directory")


def read_file(path: Path, default_date: date | None = None) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:  # columnar: read row group by row group, never the whole file's bytes
        yield from read_parquet_rows(path, default_date=default_date)
        return
    if suffix in {".jsonl", ".ndjson"}:
        yield from _read_jsonl_file(path, default_date)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Reject(str(path), "file", f"cannot read: {exc.strerror or exc}")
        return
    if not raw.strip():
        yield Reject(str(path), "file", "empty file")
        return
    text, why = decode_bytes(raw)
    if text is None:
        yield Reject(str(path), "file", why or "undecodable bytes", raw[:2000].decode("latin-1"))
        return
    if not text.strip():
        yield Reject(str(path), "file", "empty file (only white space)")
        return
    if suffix == ".txt":
        yield from _finish([_read_txt(path, text, default_date)], default_date)
    elif suffix == ".json":
        yield from _read_json(path, text, default_date)
    elif suffix == ".csv":
        yield from _finish(_read_csv(path, text), default_date)
    elif suffix == ".xml":
        from dyads.ingest.xmlformats import read_petrarch_xml

        yield from _finish(read_petrarch_xml(path, text), default_date)
    elif suffix == ".tml":
        from dyads.ingest.xmlformats import read_timeml

        yield from _finish(read_timeml(path, text), default_date)
    elif suffix in {".html", ".htm"}:
        yield from _finish([_read_html(path, text)], default_date)
    else:
        yield Reject(str(path), "file", f"unknown input format {suffix!r} (known: {', '.join(sorted(SUFFIXES))})")


def _read_jsonl_file(path: Path, default_date: date | None) -> Iterator[Item]:
    """A JSON-lines file, one line in memory at a time, with the same decoding and rejects as other files.

    Reading the whole file first held it three times over (bytes, text, and the 4-bytes-a-character
    buffer of io.StringIO): 120 MB for a 17.5 MB corpus, for the whole run, so a coding run's peak
    RSS grew with the size of its input (docs/performance.md, "Memory over corpus size").
    """
    try:
        codec, why = file_encoding(path)
    except OSError as exc:
        yield Reject(str(path), "file", f"cannot read: {exc.strerror or exc}")
        return
    if codec is None:
        with open(path, "rb") as f:
            sample = f.read(2000)
        yield Reject(str(path), "file", why or "undecodable bytes", sample.decode("latin-1"))
        return
    n = 0
    with open(path, encoding=codec, errors="replace", newline="\n") as f:
        for item in read_jsonl_stream(f, str(path), default_date):
            n += 1
            yield item
    if n == 0:  # nothing but blank lines
        with open(path, "rb") as f:
            blank_bytes = all(not chunk.strip() for chunk in iter(lambda: f.read(1 << 20), b""))
        yield Reject(str(path), "file", "empty file" if blank_bytes else "empty file (only white space)")


def _finish(items: Iterable[Item], default_date: date | None) -> Iterator[Item]:
    """Checks every reader shares: non-empty text, sane length, a date."""
    for item in items:
        if isinstance(item, Reject):
            yield item
            continue
        if not item.text.strip():
            yield Reject(*_origin(item), "no text", "")
            continue
        if len(item.text) > MAX_ARTICLE_CHARS:
            yield Reject(*_origin(item), f"text of {len(item.text):,} characters exceeds {MAX_ARTICLE_CHARS:,}",
                         item.text[:2000])
            continue
        why = not_english_reason(item.text)
        if why:
            yield Reject(*_origin(item), why, item.text[:2000])
            continue
        if item.publication_date is None:
            item.publication_date = default_date
        yield item


def _origin(article: Article) -> tuple[str, str]:
    origin = article.origin or article.id
    if ":" in origin:
        f, rec = origin.rsplit(":", 1)
        return f, rec
    return origin, "file"


def _read_txt(path: Path, text: str, default_date: date | None) -> Item:
    first, sep, rest = text.partition("\n")
    m = _TXT_DATE.match(first)
    pub = default_date
    if m:
        try:
            pub = parse_date(m.group(1))
        except DateError as exc:
            return Reject(str(path), "line 1", str(exc), first)
        text = first[m.end():] + sep + rest
    return Article(id=path.stem, text=text, publication_date=pub, origin=str(path))


def read_jsonl_stream(
    stream: Iterable[str], name: str, default_date: date | None = None, first_line: int = 1
) -> Iterator[Item]:
    """JSON lines -> items; `first_line` numbers a stream that starts inside a file (a Dask partition)."""
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    for n, line in enumerate(stream, first_line):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(name, f"line {n}", f"malformed JSON: {exc.msg} at column {exc.colno}", line.rstrip("\n"))
            continue
        yield from _finish([_from_mapping(obj, name, f"line {n}", f"{stem}:{n}", line)], default_date)


def read_parquet_rows(
    path: Path, start: int = 0, stop: int | None = None, default_date: date | None = None
) -> Iterator[Item]:
    """Rows [start, stop) of a Parquet file with a `text` column, read like JSON records.

    Rows are numbered from 1 in rejects and fallback ids (`row N`, `<stem>:N`), counting from the start
    of the file, so a Dask partition that reads rows 1000-1999 names them as a whole-file read would.
    Column names are matched case-insensitively. Only the row groups that overlap the range are read.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        if start == 0:
            yield Reject(str(path), "file", f"not a readable Parquet file: {exc}")
        return
    names = [n.lower() for n in pf.schema_arrow.names]
    if "text" not in names:
        if start == 0:
            yield Reject(str(path), "schema", f"no 'text' column (columns: {', '.join(names) or 'none'})")
        return
    stop = pf.metadata.num_rows if stop is None else stop
    first = 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if first + n > start and first < stop:
            table = pf.read_row_group(g)
            table = table.rename_columns([c.lower() for c in table.column_names])
            lo, hi = max(start, first) - first, min(stop, first + n) - first
            for i, row in enumerate(table.slice(lo, hi - lo).to_pylist(), first + lo + 1):
                raw = json.dumps(row, default=str, ensure_ascii=False)[:2000]
                yield from _finish([_from_mapping(row, str(path), f"row {i}", f"{path.stem}:{i}", raw)], default_date)
        first += n
        if first >= stop:
            break


def _read_json(path: Path, text: str, default_date: date | None) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        # many ".json" files are really JSON lines
        yield from read_jsonl_stream(io.StringIO(text), str(path), default_date)
        return
    records = obj if isinstance(obj, list) else [obj]
    many = len(records) > 1
    for n, rec in enumerate(records, 1):
        fallback = f"{path.stem}:{n}" if many else path.stem
        yield from _finish([_from_mapping(rec, str(path), f"record {n}", fallback, json.dumps(rec)[:2000])],
                           default_date)


def _from_mapping(obj: object, name: str, where: str, fallback_id: str, raw: str) -> Item:
    if not isinstance(obj, dict):
        return Reject(name, where, f"expected a JSON object, got {type(obj).__name__}", raw)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Reject(name, where, "missing or empty 'text' field", raw)
    try:
        pub = parse_date(obj.get("date") or obj.get("publication_date"))
    except DateError as exc:
        return Reject(name, where, str(exc), raw)
    rid = obj.get("id")
    return Article(
        id=str(rid) if rid not in (None, "") else fallback_id,
        text=text,
        publication_date=pub,
        title=_opt_str(obj.get("title")),
        source=_opt_str(obj.get("source") or obj.get("byline")),
        url=_opt_str(obj.get("url")),
        origin=f"{name}:{where}",
    )


def _opt_str(v: object) -> str | None:
    return None if v is None or v == "" else str(v)


def _read_csv(path: Path, text: str) -> Iterator[Item]:
    # line ends made "\n" here, then left to the csv module (newline=""): a bare "\r" otherwise raises
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fields = [f.strip().lower() for f in reader.fieldnames or []]
    except csv.Error as exc:
        yield Reject(str(path), "header", f"malformed CSV: {exc}", text[:2000])
        return
    if "text" not in fields:
        yield Reject(str(path), "header", f"no 'text' column (columns: {', '.join(fields) or 'none'})",
                     text.splitlines()[0][:2000] if text else "")
        return
    reader.fieldnames = fields
    n = 0
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Reject(str(path), f"row {n}", f"malformed CSV: {exc}", "")
            continue
        if None in row:  # more cells than header columns
            yield Reject(str(path), f"row {n}", "more cells than header columns", json.dumps(row, default=str))
            continue
        yield _from_mapping(row, str(path), f"row {n}", f"{path.stem}:{n}", json.dumps(row)[:2000])


def _read_html(path: Path, text: str) -> Item:
    body, title, when = html_to_text(text)
    try:
        pub = parse_date(when)
    except DateError:
        pub = None
    return Article(id=path.stem, text=body, publication_date=pub, title=title, origin=str(path))
