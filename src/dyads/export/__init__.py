"""Exports of the merged events: GDELT 2.0 Events and Mentions, PLOVER JSON, JSON lines, CSV, Parquet.

`export_events(store, fmt, path, flt)` is the API behind `dyads export`: it selects the merged
events with an `EventFilter` (dates, actors, codes), loads their mentions and writes one file in
the asked format. Column meanings for every format are in docs/formats.md.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from dyads.export import gdelt
from dyads.export.plover import plover_records
from dyads.export.records import csv_row
from dyads.queries import EventFilter, event_mentions, select_events
from dyads.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["EVENT_TABLE_COLUMNS", "FORMATS", "ExportReport", "event_table", "export_events"]

FORMATS: tuple[str, ...] = ("gdelt-events", "gdelt-mentions", "plover", "jsonl", "csv", "parquet")

#: The flat event table of the jsonl, csv and parquet exports: column -> Arrow type (pyarrow's
#: function of that name, with its arguments). Names, not pyarrow objects, so that importing this
#: package (every read command does) does not import pyarrow and numpy (a quarter of a second).
EVENT_TABLE_TYPES: dict[str, tuple] = {
    "id": ("int64",), "merge_key": ("string",), "event_date": ("date32",), "date_value": ("string",),
    "date_precision": ("string",), "source_code": ("string",), "source_name": ("string",),
    "target_code": ("string",), "target_name": ("string",), "cameo": ("string",),
    "cameo_base": ("string",), "cameo_root": ("string",), "cameo_name": ("string",),
    "plover": ("string",), "plover_mode": ("string",), "plover_context": ("string",),
    "goldstein": ("float64",), "quad_class": ("int32",), "negated": ("bool_",),
    "location_name": ("string",), "location_country": ("string",), "location_admin1": ("string",),
    "location_feature": ("string",), "location_lat": ("float64",), "location_lon": ("float64",),
    "location_geonameid": ("int64",), "num_mentions": ("int32",), "num_sources": ("int32",),
    "num_articles": ("int32",), "first_seen": ("date32",), "last_seen": ("date32",),
    "is_root_event": ("bool_",), "avg_tone": ("float64",), "confidence": ("float64",),
    "first_article_id": ("string",), "source_url": ("string",), "added_at": ("timestamp", "us"),
    "updated_at": ("timestamp", "us"), "mention_ids": ("list_", "string"),
}
EVENT_TABLE_COLUMNS: list[str] = list(EVENT_TABLE_TYPES)


def event_table_schema() -> pa.Schema:
    """The Arrow schema of the flat event table (EVENT_TABLE_TYPES)."""
    import pyarrow as pa

    def arrow_type(name: str, *args: str) -> pa.DataType:
        if name == "list_":  # a list of the named item type
            return pa.list_(arrow_type(*args))
        return getattr(pa, name)(*args)

    return pa.schema([(col, arrow_type(*t)) for col, t in EVENT_TABLE_TYPES.items()])


@dataclass
class ExportReport:
    """What an export wrote: `events` selected, `rows` written, `skipped` events the format cannot hold."""

    format: str
    path: str
    events: int
    rows: int
    skipped: int = 0


def event_table(events: list[dict[str, Any]], mentions: dict[int, list[dict[str, Any]]]) -> pa.Table:
    """The flat event table (one row per merged event, mention ids as a list) as an Arrow table."""
    rows = [
        {
            **{k: ev.get(k) for k in EVENT_TABLE_COLUMNS[:-1]},
            "mention_ids": [m["mention_id"] for m in mentions.get(ev["id"], [])],
        }
        for ev in events
    ]
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=event_table_schema())


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _jsonl_record(ev: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    rec = {k: ev.get(k) for k in EVENT_TABLE_COLUMNS[:-1]}
    rec["mentions"] = [
        {
            "mention_id": m["mention_id"], "article_id": m["article_id"], "sentence_index": m["sentence_index"],
            "sentence_start": m["sentence_start"], "sentence_end": m["sentence_end"],
            "trigger": {"text": m["trigger_text"], "start": m["trigger_start"], "end": m["trigger_end"]},
            "source_position": m["source_position"], "target_position": m["target_position"],
            "cameo": m["cameo"], "confidence": m["confidence"], "is_root": m["is_root"],
            "publication_date": m["publication_date"], "outlet": m["source"], "url": m["url"], "tone": m["tone"],
        }
        for m in mentions
    ]
    return rec


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it only once the writing has finished.

    Why: an export killed or failing half-way must leave the previous complete file, not 10 of its
    1,045 lines (nor a 4-byte Parquet file); a rename within one directory is atomic.
    """
    final = Path(path)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def _text_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        yield fh


def export_events(
    store: Store, fmt: str, path: str | Path, flt: EventFilter | None = None, header: bool = False,
    escape_formulas: bool = True, limit: int | None = None,
) -> ExportReport:
    """Write the merged events selected by `flt` to `path` ('-' = stdout, not for parquet) as `fmt`.

    `header` adds a line of column names to the GDELT tables (GDELT's own files have none); `limit`
    caps the events selected. A file is written beside `path` and renamed onto it when complete. CSV
    cells that a spreadsheet would run as formulas get a leading `'` unless `escape_formulas` is False
    (records.csv_cell).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    path = str(path)
    events = select_events(store, flt, limit)
    mentions = event_mentions(store, [ev["id"] for ev in events])
    report = ExportReport(format=fmt, path=path, events=len(events), rows=0)
    if fmt == "parquet":
        if path == "-":
            raise ValueError("parquet needs a file path (-o FILE.parquet), not standard output")
        table = event_table(events, mentions)
        with atomic_path(path) as tmp:
            import pyarrow.parquet as pq

            pq.write_table(table, tmp)
        report.rows = table.num_rows
        return report
    with _text_out(path) as out:
        if fmt == "gdelt-events":
            for line in gdelt.event_lines(events, header=header):
                out.write(line)
                report.rows += 1
            report.rows -= 1 if header else 0
            report.skipped = sum(1 for ev in events if ev.get("negated"))
        elif fmt == "gdelt-mentions":
            for line in gdelt.mention_lines(events, mentions, header=header):
                out.write(line)
                report.rows += 1
            report.rows -= 1 if header else 0
            report.skipped = sum(1 for ev in events if ev.get("negated"))
        elif fmt == "plover":
            for rec in plover_records(events, mentions):
                out.write(json.dumps(rec, ensure_ascii=False, default=_json_default) + "\n")
                report.rows += 1
            report.skipped = len(events) - report.rows
        elif fmt == "jsonl":
            for ev in events:
                rec = _jsonl_record(ev, mentions.get(ev["id"], []))
                out.write(json.dumps(rec, ensure_ascii=False, default=_json_default) + "\n")
                report.rows += 1
        elif fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(EVENT_TABLE_COLUMNS)
            for ev in events:
                values = [ev.get(k) for k in EVENT_TABLE_COLUMNS[:-1]]
                values = ["" if v is None else (v.isoformat() if isinstance(v, datetime | date) else v) for v in values]
                values.append(";".join(m["mention_id"] for m in mentions.get(ev["id"], [])))
                writer.writerow(csv_row(values, escape_formulas))
                report.rows += 1
    return report
