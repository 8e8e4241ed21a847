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


def loads_each(texts: Sequence[str | bytes]) -> Iterator[Any]:
    """Each of `texts` decoded as `loads` decodes it, one at a time, as the iterator is read.

    Why one at a time: the web app's CSV download decoded a page of 5,000 records into a list before
    writing any row; the ~20,000 containers held alive at once made Python's cyclic garbage collector run
    ~60 young and ~6 older collections per page, and a full one every other page (55-65 ms; with the
    young ones 10-65 ms of a 350-450 ms request at 10M events, docs/performance.md). Decoded as the
    rows are written, each record is freed before the next is made and the collector barely runs.

    Why one check for the page: `loads` looks for a run of 19 digits in each text (encode, translate,
    search: ~2 us a record); here the texts are joined by a line break (not a digit, so no run spans two
    texts), encoded and searched once, and split again into the UTF-8 of each text for orjson. Where
    that cannot be done exactly (orjson not installed, a `bytes` text or a lone surrogate among them, a
    text with a line break of its own, or a run of 19 digits somewhere) every text goes through `loads`.
    """
    if orjson is None or not texts:
        return map(loads, texts)
    try:
        raw = "\n".join(texts).encode("utf-8")  # type: ignore[arg-type]
    except (TypeError, UnicodeEncodeError):  # bytes among the texts; a lone surrogate
        return map(loads, texts)
    if _LONG_RUN in raw.translate(_DIGITS):
        return map(loads, texts)
    pieces = raw.split(b"\n")
    if len(pieces) != len(texts):  # a text with a line break of its own
        return map(loads, texts)
    return _loads_pieces(pieces, texts)


def _loads_pieces(pieces: list[bytes], texts: Sequence[str | bytes]) -> Iterator[Any]:
    """orjson's value of each piece (the UTF-8 of the text beside it, with no run of 19 digits), or
    `json.loads`' where orjson refuses it: what `loads` gives for that text."""
    for piece, text in zip(pieces, texts, strict=True):
        try:
            yield _fast_loads(piece)
        except _FastError:
            yield json.loads(text)
