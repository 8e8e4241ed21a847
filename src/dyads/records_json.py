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
