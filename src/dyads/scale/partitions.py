"""Input shards -> partitions: record ranges of input files with ids that stay the same across runs.

A partition is what one Dask task codes: a range of lines of a JSON lines file, a range of rows of a
Parquet file or of the records of a CSV / JSON file, or a group of one-article files (.txt, .html,
.xml, .tml) from a directory. Its id is a hash of the file paths, their size and modification time,
and the record range, so a rerun over the same inputs finds the partitions it already coded, and a
changed file gets new ids (and is coded again) instead of being served from stale output.

Planning runs on the client and reads only what it must to count records: JSON lines files are
scanned for line offsets (no JSON parsing), Parquet files give their row counts from the footer,
CSV and JSON files are parsed once (their records can span lines). Reading a partition on a worker
goes through the same readers as `dyads.ingest.read_inputs`, so articles, ids and rejects are the
same as on one machine.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from dyads.ingest import SUFFIXES, read_file, read_jsonl_stream, read_parquet_rows
from dyads.ingest.readers import PARQUET_SUFFIXES
from dyads.ingest.text import decode_bytes
from dyads.models import Article, Reject

LINE_SUFFIXES = {".jsonl", ".ndjson"}
RECORD_SUFFIXES = {".csv", ".json"}  # several records, parsed whole: records may span lines
PLAN_VERSION = 1  # part of every partition id: bump it when the reading of a partition changes

Item = Article | Reject


@dataclass(frozen=True)
class Partition:
    """One unit of work: records [start, stop) of `paths` (kind says how they are read).

    kind: "lines" (JSON lines by line number, with byte offsets), "rows" (Parquet rows), "records"
    (the items `read_file` yields for a CSV or JSON file) or "files" (every item of each of `paths`).
    `order` is the position in the input order; of two records with one article id, the later wins.
    """

    id: str
    order: int
    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int = 0
    byte_start: int = 0
    byte_stop: int = 0

    def describe(self) -> str:
        if self.kind == "files":
            return f"{len(self.paths)} file(s) from {self.paths[0]}"
        unit = {"lines": "lines", "rows": "rows", "records": "records"}[self.kind]
        return f"{self.paths[0]} {unit} {self.start + 1}-{self.stop}"


def _fingerprint(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _partition(order: int, kind: str, paths: Sequence[Path], start: int = 0, stop: int = 0,
               byte_start: int = 0, byte_stop: int = 0) -> Partition:
    key = json.dumps([PLAN_VERSION, kind, [str(p) for p in paths], [_fingerprint(p) for p in paths], start, stop])
    pid = hashlib.sha1(key.encode()).hexdigest()[:20]
    return Partition(pid, order, kind, tuple(str(p) for p in paths), start, stop, byte_start, byte_stop)


def _line_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int, int]]:
    """(first line, end line, first byte, end byte) of every `size` physical lines of a file."""
    line = start_line = 0
    offset = start_byte = 0
    with path.open("rb") as f:
        for raw in f:
            line += 1
            offset += len(raw)
            if line - start_line == size:
                yield start_line, line, start_byte, offset
                start_line, start_byte = line, offset
    if line > start_line:
        yield start_line, line, start_byte, offset


def _lines_are_splittable(path: Path) -> bool:
    """Byte ranges at line ends can be decoded on their own unless the file is UTF-16 or empty."""
    with path.open("rb") as f:
        head = f.read(8192)
    return bool(head.strip()) and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head


def _parquet_rows(path: Path) -> int:
    """Row count from the footer; an unreadable file counts as one row so its partition reports the reject."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException):
        return 1


def _input_files(paths: Sequence[str]) -> Iterator[Path]:
    """Every input file in the order `read_inputs` reads them (directories walked sorted)."""
    for p in paths:
        if p == "-":
            raise ValueError("standard input cannot be partitioned; write it to a JSON lines file first")
        path = Path(p).absolute()
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"no such file or directory: {p}")


def plan_partitions(inputs: Sequence[str], partition_size: int = 200) -> list[Partition]:
    """Cut `inputs` (files and directories) into partitions of about `partition_size` records, in input order."""
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    parts: list[Partition] = []
    group: list[Path] = []  # consecutive one-article files, coded together

    def flush() -> None:
        if group:
            parts.append(_partition(len(parts), "files", group))
            group.clear()

    for path in _input_files(inputs):
        suffix = path.suffix.lower()
        if suffix in LINE_SUFFIXES and _lines_are_splittable(path):
            flush()
            for start, stop, b0, b1 in _line_ranges(path, partition_size):
                parts.append(_partition(len(parts), "lines", [path], start, stop, b0, b1))
        elif suffix in PARQUET_SUFFIXES:
            flush()
            n = _parquet_rows(path)
            for start in range(0, n, partition_size):
                parts.append(_partition(len(parts), "rows", [path], start, min(n, start + partition_size)))
        elif suffix in RECORD_SUFFIXES:
            flush()
            n = sum(1 for _ in read_file(path))
            for start in range(0, n, partition_size):
                parts.append(_partition(len(parts), "records", [path], start, min(n, start + partition_size)))
        else:  # one article per file (.txt, .html, .xml, .tml; an unreadable JSON lines file becomes a reject)
            group.append(path)
            if len(group) >= partition_size:
                flush()
    flush()
    return parts


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_partition(part: Partition, default_date: date | None = None) -> Iterator[Item]:
    """The articles and rejects of one partition, exactly as `read_inputs` gives them for these records."""
    if part.kind == "files":
        for p in part.paths:
            yield from read_file(Path(p), default_date)
    elif part.kind == "lines":
        path = part.paths[0]
        with open(path, "rb") as f:
            f.seek(part.byte_start)
            raw = f.read(part.byte_stop - part.byte_start)
        text, why = decode_bytes(raw)
        if text is None:
            yield Reject(path, f"lines {part.start + 1}-{part.stop}", why or "undecodable bytes",
                         raw[:2000].decode("latin-1"))
            return
        if _is_utf8(raw):  # bytes lines: the rejects get their byte offsets, as read_inputs gives them
            codec = "utf-8-sig" if part.byte_start == 0 and raw.startswith(codecs.BOM_UTF8) else "utf-8"
            yield from read_jsonl_stream(io.BytesIO(raw), path, default_date, first_line=part.start + 1, codec=codec,
                                         first_offset=part.byte_start)
            return
        yield from read_jsonl_stream(io.StringIO(text), path, default_date, first_line=part.start + 1)
    elif part.kind == "records":
        yield from islice(read_file(Path(part.paths[0]), default_date), part.start, part.stop)
    elif part.kind == "rows":
        yield from read_parquet_rows(Path(part.paths[0]), part.start, part.stop, default_date)
    else:
        raise ValueError(f"unknown partition kind {part.kind!r}")
