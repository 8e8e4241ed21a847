"""Contract event records as JSON lines or flat CSV rows, for `dyads code -o` and the web app's CSV.

One CSV layout for everything that writes event records row by row, so a download from the web app
and `dyads code --format csv` have the same columns; and one rule for every CSV cell the project
writes (`csv_cell`): text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

EVENT_CSV_COLUMNS = [
    "id", "article_id", "sentence_index", "date", "date_precision", "date_text",
    "source", "source_text", "target", "target_text", "cameo", "cameo_root", "cameo_name", "plover",
    "plover_mode", "goldstein", "quad_class", "trigger", "trigger_start", "trigger_end",
    "location", "location_country", "lat", "lon", "negated", "confidence", "sentence",
]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts that make Excel, LibreOffice or Google Sheets evaluate a cell (OWASP, CSV injection)."""


def csv_cell(value: Any, escape_formulas: bool = True) -> Any:
    """A CSV cell as written: text starting like a formula gets a leading `'` (shown as text, not run).

    Why: news text is attacker-controlled ("=HYPERLINK(...)" in a quoted sentence, an actor name, a
    title), and a CSV opened in a spreadsheet runs such cells. Numbers are left alone (-3.5 is data).
    `escape_formulas=False` writes the text as it is, for programs that read the CSV.
    """
    return csv_row((value,), escape_formulas)[0]


def csv_row(values: Sequence[Any], escape_formulas: bool = True) -> list[Any]:
    """A row's cells as written (`csv_cell`'s rule, applied here in one comprehension: a call per cell was
    a fifth of the Python time of a 5,000-row download, docs/performance.md)."""
    if not escape_formulas:
        return list(values)
    return ["'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in values]


def event_csv_values(rec: dict, escape_formulas: bool = True) -> list[Any]:
    """One flat CSV row of a contract event record, its cells in the order of `EVENT_CSV_COLUMNS`
    (compound actors joined with ';'). A list, not a dict: a 5,000-row download builds and writes
    135,000 cells, and the dict and `csv.DictWriter` cost about a third of that (docs/performance.md)."""
    loc = rec.get("location") or {}
    trigger, source, target = rec["trigger"], rec["source"], rec["target"]
    row = [
        rec["id"], rec["article_id"], rec["sentence_index"], rec["date"], rec["date_precision"], rec["date_text"],
        ";".join([a["code"] or "" for a in source]), ";".join([a["text"] for a in source]),
        ";".join([a["code"] or "" for a in target]), ";".join([a["text"] for a in target]),
        rec["cameo"], rec["cameo_root"], rec["cameo_name"], rec["plover"], rec["plover_mode"], rec["goldstein"],
        rec["quad_class"], trigger["text"], trigger["start"], trigger["end"],
        loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"), rec["negated"], rec["confidence"],
        rec["sentence"],
    ]
    return csv_row(row, escape_formulas)


def event_csv_rows(texts: Sequence[str], escape_formulas: bool = True) -> Iterator[list[Any]]:
    """The CSV rows (`event_csv_values`) of stored records given as their JSON text, each decoded as its row
    is made (`records_json.loads_each_marked`): the web app's CSV download, a page of texts at a time.

    Why not `event_csv_values(records_json.loads(text))` for each: the same rows, but a record whose text
    has no string starting with = + - @ or an escape (most) is given `escape_formulas=False`, skipping the
    test of its 27 cells (15-20 ms of a 5,000-row page, docs/performance.md). The row is the same: a cell
    starts like a formula (`FORMULA_STARTS`) only if it is a string of the record that does, or the join
    of an actor list whose first string does (an empty first code starts the join with ';' or leaves it
    empty); tab and CR are written in JSON text only as escapes (tests/test_export.py).
    """
    from dyads.records_json import loads_each_marked

    for rec, marked in loads_each_marked(texts):
        yield event_csv_values(rec, escape_formulas and marked)


def event_csv_line(rec: dict) -> str:
    """The line `csv.writer` (default dialect, `\\r\\n` line end) writes for `event_csv_values(rec)` with
    formula escaping on, as the web app's CSV download writes it."""
    buf = io.StringIO()
    csv.writer(buf).writerow(event_csv_values(rec))
    return buf.getvalue()


def event_csv_lines(texts: Sequence[str]) -> list[str]:
    """`event_csv_line` of each stored record given as its JSON text, decoded as `event_csv_rows` decodes it:
    the lines of the mentions whose stored line (`events.csv_row`) is missing or stale."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    lines = []
    for row in event_csv_rows(texts):
        writer.writerow(row)
        lines.append(buf.getvalue())
        buf.seek(0)
        buf.truncate()
    return lines


CSV_ROW_PREFIX = hashlib.sha256(
    json.dumps([EVENT_CSV_COLUMNS, list(FORMULA_STARTS), "excel", "\r\n"]).encode("utf-8")
).hexdigest()[:8] + "|"
"""What every stored CSV line (`events.csv_row`) starts with: a fingerprint of the columns, the formula rule
and the CSV dialect it was written with. Why: a line stored by a dyads with other columns or another rule
would be stale; the download (`queries.mention_csv_page`) uses only lines with this code's prefix and
decodes the record of any other, so a change of `EVENT_CSV_COLUMNS` or `FORMULA_STARTS` never serves old
rows (and needs no migration). Per line, not per database: rows written before and after such a change can
sit side by side."""


def stored_csv_row(record_json: str) -> str:
    """The `events.csv_row` of a mention whose record is stored as `record_json`: `CSV_ROW_PREFIX` and its
    CSV line (`event_csv_line`) computed from the record as the download would decode it (the JSON round
    trip: the same cells, whatever Python values the record was built from)."""
    return CSV_ROW_PREFIX + event_csv_line(json.loads(record_json))


def event_csv_row(rec: dict, escape_formulas: bool = True) -> dict:
    """One flat CSV row of a contract event record as a dict (column -> cell; `event_csv_values`)."""
    return dict(zip(EVENT_CSV_COLUMNS, event_csv_values(rec, escape_formulas), strict=True))


class EventWriter:
    """Writes contract event records as JSON lines or CSV to a stream."""

    def __init__(self, stream, fmt: str, escape_formulas: bool = True):
        self.stream, self.fmt, self.escape_formulas = stream, fmt, escape_formulas
        self.csv = None
        if fmt == "csv":
            self.csv = csv.DictWriter(stream, fieldnames=EVENT_CSV_COLUMNS)
            self.csv.writeheader()

    def write(self, records: Iterable[dict]) -> None:
        for rec in records:
            if self.csv is not None:
                self.csv.writerow(event_csv_row(rec, self.escape_formulas))
            else:
                self.stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.stream.flush()
