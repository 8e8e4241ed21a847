"""Readers: every input format of the contract -> Article records, or Reject records with a reason.

A reader never raises on bad input: what it cannot read becomes a `Reject` (file, record, reason,
raw content) and reading goes on. Formats: .txt (dated header), .jsonl/.ndjson/.json, .csv,
.parquet/.pq (a `text` column, other columns as in JSON records), .xml (PETRARCH sentence files),
.tml (TimeML), .html/.htm, a directory of those, `-` for JSON lines on standard input.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import sys
import traceback
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
    """Every article (or reject) of every input path, in order; directories are walked sorted.

    Files named here are read wherever they are (the user chose them); inside a directory, a
    symbolic link that leads out of it is a reject with nothing of its target kept, so that
    `dyads code dir` never copies /etc/passwd or /proc/self/environ into the rejects file.
    """
    for p in paths:
        if p == "-":
            yield from _guarded(read_jsonl_stream(sys.stdin, "<stdin>", default_date), "<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            for f, why in _walk(path):
                if why:
                    yield Reject(str(f), "file", why)
                else:
                    yield from _guarded(read_file(f, default_date), f)
        elif path.exists():
            yield from _guarded(read_file(path, default_date), path)
        else:
            yield Reject(str(path), "file", "no such file or directory")


def _walk(folder: Path) -> list[tuple[Path, str | None]]:
    """(file, None) for every input file inside `folder`, or (path, reason) for one not to read; sorted.

    Symbolic links are followed only while they stay inside the folder; special files (FIFOs,
    devices) with an input suffix are refused rather than read (a FIFO would block the run).
    """
    root = folder.resolve()
    out: list[tuple[Path, str | None]] = []

    def unreadable(exc: OSError) -> None:
        out.append((Path(exc.filename or folder), f"cannot read directory: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        for d in dirnames:  # os.walk does not descend into linked directories: say so if one leads out
            link = here / d
            if link.is_symlink() and not _inside(link, root):
                out.append((link, "symbolic link to a directory outside the input folder: not read"))
        for name in filenames:
            f = here / name
            if f.suffix.lower() not in SUFFIXES:
                continue
            if f.is_symlink() and not _inside(f, root):
                out.append((f, "symbolic link to a file outside the input folder: not read"))
            elif not f.is_file():
                out.append((f, "not a regular file: not read"))
            else:
                out.append((f, None))
    return sorted(out)


def _inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return False


def describe_error(exc: BaseException) -> str:
    """`Type: message` plus a traceback digest (the last frames and a short hash of all of them).

    Why: an unexpected failure on one record becomes that record's reject, and the digest lets a
    maintainer group and place the failures without the rejects file holding whole tracebacks.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames[-3:]))
    digest = hashlib.blake2b("|".join(f"{f.filename}:{f.lineno}" for f in frames).encode(), digest_size=4).hexdigest()
    message = str(exc)[:300]
    return f"{type(exc).__name__}: {message} (at {where or '?'}; traceback {digest})"


def _guarded(items: Iterable[Item], path: str | Path) -> Iterator[Item]:
    """A reader's items; should the reader itself fail, a reject for the rest of that file, and on."""
    n = 0
    try:
        for item in items:
            n += 1
            yield item
    except Exception as exc:  # noqa: BLE001 -- any failure of one input is that input's reject
        yield Reject(str(path), "file" if n == 0 else f"after record {n}", f"reader failed: {describe_error(exc)}")


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
    whole = {"offset": 0, "length": len(raw)}
    if not raw.strip():
        yield Reject(str(path), "file", "empty file", **whole)
        return
    text, why = decode_bytes(raw)
    if text is None:
        yield Reject(str(path), "file", why or "undecodable bytes", raw[:2000].decode("latin-1"), **whole)
        return
    if not text.strip():
        yield Reject(str(path), "file", "empty file (only white space)", **whole)
        return
    if suffix == ".txt":
        yield from _located(_finish([_read_txt(path, text, default_date)], default_date), 0, len(raw))
    elif suffix == ".json":
        yield from _read_json(path, text, default_date)
    elif suffix == ".csv":
        yield from _finish(_read_csv(path, text, raw), default_date)
    elif suffix == ".xml":
        from dyads.ingest.xmlformats import read_petrarch_xml

        yield from _finish(read_petrarch_xml(path, text), default_date)
    elif suffix == ".tml":
        from dyads.ingest.xmlformats import read_timeml

        yield from _finish(read_timeml(path, text), default_date)
    elif suffix in {".html", ".htm"}:
        yield from _located(_finish([_read_html(path, text)], default_date), 0, len(raw))
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
    if codec in _ASCII_COMPATIBLE:  # bytes line by line: each record's byte offset and length are exact
        f = open(path, "rb")  # noqa: SIM115
    else:
        f = open(path, encoding=codec, errors="replace", newline="\n")  # noqa: SIM115
    with f:
        for item in read_jsonl_stream(f, str(path), default_date, codec=codec):
            n += 1
            yield item
    if n == 0:  # nothing but blank lines
        with open(path, "rb") as f:
            blank_bytes = all(not chunk.strip() for chunk in iter(lambda: f.read(1 << 20), b""))
        yield Reject(str(path), "file", "empty file" if blank_bytes else "empty file (only white space)")


_ASCII_COMPATIBLE = {"utf-8", "utf-8-sig", "cp1252", "latin-1"}
"""Codecs in which b"\n" is always a line end, so a file can be split into lines as bytes."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _located(items: Iterable[Item], offset: int | None, length: int | None) -> Iterator[Item]:
    """The items of one record of known place in its file, rejects marked with that place."""
    for item in items:
        if isinstance(item, Reject) and item.offset is None:
            item.offset, item.length = offset, length
        yield item


def _bad_unicode(article: Article) -> str | None:
    """A lone surrogate (from a JSON escape such as \\ud800) is not text: spaCy and DuckDB fail on it."""
    for name in ("text", "title", "source", "url", "id"):
        value = getattr(article, name)
        m = _SURROGATE.search(value) if value else None
        if m:
            return f"invalid Unicode: lone surrogate U+{ord(m.group()):04X} in {name} at character {m.start()}"
    return None


def _finish(items: Iterable[Item], default_date: date | None) -> Iterator[Item]:
    """Checks every reader shares: non-empty text, sane length, valid Unicode, a date."""
    for item in items:
        if isinstance(item, Reject):
            yield item
            continue
        if not item.text.strip():
            yield Reject(*_origin(item), "no text", "")
            continue
        bad = _bad_unicode(item)
        if bad:
            yield Reject(*_origin(item), bad, item.text[:2000])
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
    stream: Iterable[str] | Iterable[bytes], name: str, default_date: date | None = None, first_line: int = 1,
    codec: str = "utf-8", first_offset: int = 0,
) -> Iterator[Item]:
    """JSON lines -> items; `first_line` numbers a stream that starts inside a file (a Dask partition).

    Lines given as bytes (decoded here with `codec`) give each reject the byte offset and length of
    its line, counted from `first_offset`; lines given as text leave them unknown. Any failure on
    one line is that line's reject: a record can never stop the run.
    """
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    offset = first_offset
    for n, line in enumerate(stream, first_line):
        where: tuple[int | None, int | None] = (None, None)
        if isinstance(line, bytes):
            body = line.rstrip(b"\r\n")
            where = (offset, len(body))
            offset += len(line)
            if codec == "utf-8-sig" and where[0] == 0 and body.startswith(codecs.BOM_UTF8):
                body = body[3:]
            line = body.decode("utf-8" if codec == "utf-8-sig" else codec, errors="replace")
        if not line.strip():
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject(name, f"line {n}", f"malformed JSON: {exc.msg} at column {exc.colno}",
                             line.rstrip("\n"), *where)
                continue
            except RecursionError:
                yield Reject(name, f"line {n}", "malformed JSON: nested too deeply", line.rstrip("\n"), *where)
                continue
            items = _finish([_from_mapping(obj, name, f"line {n}", f"{stem}:{n}", line)], default_date)
            yield from _located(list(items), *where)
        except Exception as exc:  # noqa: BLE001 -- this line's reject, and the next line
            yield Reject(name, f"line {n}", f"unreadable record: {describe_error(exc)}", line.rstrip("\n"), *where)


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
    except RecursionError:
        yield Reject(str(path), "file", "malformed JSON: nested too deeply", text[:2000])
        return
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


def _csv_lines(text: str, raw: bytes | None) -> list[tuple[str, int | None, int | None]]:
    """The physical lines of a CSV text, each ending in "\\n", with its byte offset and length in the file.

    Line ends are made "\\n" here and the rest is left to the csv module (a bare "\\r" otherwise raises).
    Byte places are known when the text encodes back to the file's bytes exactly (UTF-8, Windows-1252,
    Latin-1, with or without a UTF-8 BOM); otherwise they are left unknown.
    """
    parts = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    codec, offset = None, 0
    if raw is not None:
        offset = 3 if raw.startswith(codecs.BOM_UTF8) else 0
        for c in ("utf-8", "cp1252", "latin-1"):
            try:
                if text.encode(c) == raw[offset:]:
                    codec = c
                    break
            except UnicodeEncodeError:
                continue
    out = []
    for part in parts:
        body = part.rstrip("\r\n")
        if codec is None:
            out.append((body + "\n", None, None))
            continue
        n = len(body.encode(codec))
        out.append((body + "\n", offset, n))
        offset += len(part.encode(codec))
    return out


def _read_csv(path: Path, text: str, raw: bytes | None = None) -> Iterator[Item]:
    """CSV records -> items, read strictly, so that one damaged row cannot swallow the rows after it.

    An unbalanced quote makes a lenient reader run a quoted field on over the next lines: 7 rows in,
    6 articles out and no word. Read strictly, the damage raises; the row where the bad record began
    is rejected (that line only) and reading starts again at the next line, so every other row is read.
    """
    lines = _csv_lines(text, raw)
    pos = 0  # index of the next physical line to hand to the csv module

    def feed() -> Iterator[str]:
        nonlocal pos
        while pos < len(lines):
            pos += 1
            yield lines[pos - 1][0]

    def records() -> Iterator[tuple[list[str] | None, int, int, str | None]]:
        """(cells or None, first line index, last line index, csv error) for each record, resyncing on errors."""
        nonlocal pos
        while pos < len(lines):
            first = pos
            reader = csv.reader(feed(), strict=True)
            try:
                for row in reader:
                    yield row, first, pos - 1, None
                    first = pos
                return
            except csv.Error as exc:
                yield None, first, max(first, pos - 1), str(exc)
                pos = first + 1  # start again on the line after the one the damaged record began on

    def where(first: int, last: int) -> tuple[int | None, int | None]:
        a, b = lines[first], lines[last]
        if a[1] is None or b[1] is None:
            return None, None
        return a[1], b[1] + b[2] - a[1]

    recs = records()
    fields: list[str] | None = None
    for row, first, last, error in recs:
        if error is not None:
            yield Reject(str(path), "header", f"malformed CSV: {error}", lines[first][0], *where(first, first))
            continue
        if not row:
            continue
        fields = [f.strip().lower() for f in row]
        header_line, header_at = lines[first][0], where(first, last)
        break
    if fields is None:
        return
    if "text" not in fields:
        yield Reject(str(path), "header", f"no 'text' column (columns: {', '.join(fields) or 'none'})",
                     header_line.rstrip("\n"), *header_at)
        return
    n = 0
    for row, first, last, error in recs:
        if row is not None and not row:
            continue  # a blank line
        n += 1
        lines_of = f"line {first + 1}" if first == last else f"lines {first + 1}-{last + 1}"
        if error is not None:
            yield Reject(str(path), f"row {n}", f"malformed CSV at {lines_of}: {error} (an unbalanced quote?); "
                         f"reading goes on at line {first + 2}", lines[first][0].rstrip("\n"), *where(first, first))
            continue
        if len(row) > len(fields):  # more cells than header columns
            yield Reject(str(path), f"row {n}", "more cells than header columns", json.dumps(row, default=str),
                         *where(first, last))
            continue
        rec = dict(zip(fields, row, strict=False))
        yield from _located([_from_mapping(rec, str(path), f"row {n}", f"{path.stem}:{n}", json.dumps(rec)[:2000])],
                            *where(first, last))


def _read_html(path: Path, text: str) -> Item:
    body, title, when = html_to_text(text)
    try:
        pub = parse_date(when)
    except DateError:
        pub = None
    return Article(id=path.stem, text=body, publication_date=pub, title=title, origin=str(path))
