"""The stored contract records decoded from their JSON text: one function every reader calls.

Why a module: the record of each mention is kept as JSON text (`events.record`, written by
`json.dumps` in `store.rows`), and the web app's CSV download decodes 5,000 of them per page:
`json.loads` was 60-130 ms of a 300-400 ms request at 10M events (docs/performance.md). orjson, a
pinned dependency of the `web` extra, decodes the same text in about half the time. Where orjson is
not installed (a core-only install: `dyads events`, `dyads export`) the standard library decodes.

Why the answer is the same: every record the store holds was written by `json.dumps` with its
defaults, so it is plain JSON except for what orjson refuses and the standard library reads (NaN and
Infinity, escaped lone surrogates): orjson raises on those, and the text is then decoded by
`json.loads`, as before. One difference orjson does not raise on: an integer outside 64 bits comes
back as a float. Such an integer has at least 19 digits in a row, so a text with a run of 19 digits
(found by a byte translation and one substring search: about 1 us a record, against 7-8 us for the
decoding saved) goes to `json.loads` too. For everything else both give the same values: the same
strings, integers, and floats correctly rounded from the same digits (tests/test_records_json.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

try:
    import orjson
except ImportError:  # a core-only install: the standard library decodes
    orjson = None  # type: ignore[assignment]


def loads_stdlib(text: str | bytes) -> Any:
    """The record decoded by the standard library (the fallback, and the reference in the tests)."""
    return json.loads(text)


_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
"""Byte translation: every ASCII digit to '0', anything else to a space (UTF-8 holds digits only as themselves)."""
_LONG_RUN = b"0" * 19
"""19 digits in a row: the shortest integer orjson would read as a float (2**63 and -2**63 - 1 have 19)."""

if orjson is not None:
    _fast_loads, _FastError = orjson.loads, orjson.JSONDecodeError

    def loads(text: str | bytes) -> Any:
        """A stored record (JSON text) as Python values, by orjson, or by `json.loads` where orjson
        refuses the text or might read a long integer as a float (see the module's docstring)."""
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        if _LONG_RUN in raw.translate(_DIGITS):
            return json.loads(text)
        try:
            return _fast_loads(raw)
        except _FastError:  # NaN, Infinity, a lone surrogate (invalid UTF-8 here): the standard library's
            return json.loads(text)
else:
    loads = loads_stdlib


_MARKS = bytes(0x30 if 0x30 <= b <= 0x39 else b if b == 0x22 else 0x3D if b in b"=+-@\\" else 0x20
               for b in range(256))
"""Byte translation for both checks of `loads_each_marked` at once: every ASCII digit to '0' (`_LONG_RUN`),
the quote kept, = + - @ and the backslash to '=' (`_MARKED_START`), anything else to a space."""
_MARKED_START = b'"='
"""A quote followed by = + - @ or a backslash, in the translated text (`_MARKS`)."""
MARKED_STARTS = frozenset("=+-@\\")
"""What the JSON text of a string starts with right after its opening quote for `loads_each_marked` to mark
the text: one of these characters, or a backslash (any escape: \\t, \\r, \\uXXXX, \\")."""


def loads_each_marked(texts: Sequence[str | bytes]) -> Iterator[tuple[Any, bool]]:
    """Each of `texts` decoded as `loads` decodes it, one at a time as the iterator is read, with a mark:
    False only when no JSON string in the text starts with = + - @ or an escape (`MARKED_STARTS`).

    Why one at a time: the web app's CSV download decoded a page of 5,000 records into a list before
    writing any row; the ~20,000 containers held alive at once made Python's cyclic garbage collector run
    ~60 young and ~6 middle collections per page, and a full one every other page (10-67 ms of a
    360-450 ms request at 10M events, docs/performance.md). Decoded as the rows are written, each record
    is freed before the next is made and the collector barely runs.

    Why the mark: the CSV download escapes every cell that starts like a spreadsheet formula
    (`export.records.csv_row`: = + - @ tab CR), a test of each of 27 cells (15-20 ms of a 5,000-row page);
    a string's first character is written right after its opening quote, as itself or (tab, CR, any
    character escaped) as an escape starting with a backslash, so an unmarked record has no string, and
    no cell, to escape.

    Why the texts are joined: encoded to UTF-8 once and split again (by a line break, which JSON text
    writes inside a string only escaped: a text with one of its own makes one piece too many, and then
    every text goes through `loads`), each piece is translated once for both checks, the run of 19
    digits `loads` looks for and the mark. Where the texts cannot be joined (orjson not installed, a
    `bytes` text or a lone surrogate among them) every text goes through `loads`, marked.
    """
    if orjson is None or not texts:
        return ((loads(t), True) for t in texts)
    try:
        raw = "\n".join(texts).encode("utf-8")  # type: ignore[arg-type]
    except (TypeError, UnicodeEncodeError):  # bytes among the texts; a lone surrogate
        return ((loads(t), True) for t in texts)
    pieces = raw.split(b"\n")
    if len(pieces) != len(texts):  # a text with a line break of its own
        return ((loads(t), True) for t in texts)
    return _loads_pieces(pieces, texts)


def _loads_pieces(pieces: list[bytes], texts: Sequence[str | bytes]) -> Iterator[tuple[Any, bool]]:
    """What `loads` gives for each text (orjson's value of its piece, its UTF-8, or `json.loads`' where
    orjson refuses it or the piece has a run of 19 digits), and its mark."""
    for piece, text in zip(pieces, texts, strict=True):
        marks = piece.translate(_MARKS)
        if _LONG_RUN in marks:
            yield json.loads(text), _MARKED_START in marks
            continue
        try:
            rec = _fast_loads(piece)
        except _FastError:
            rec = json.loads(text)
        yield rec, _MARKED_START in marks
