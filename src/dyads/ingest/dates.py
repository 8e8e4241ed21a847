"""Publication dates from the many shapes they come in, with a clear reason when they fail."""

from __future__ import annotations

import re
from datetime import date, datetime

MIN_YEAR = 1800
MAX_YEAR = 2100


class DateError(ValueError):
    """A date that cannot be read or is absurd; the message says which and why."""


_FORMATS = (
    "%Y-%m-%d",
    "%Y%m%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%a, %d %b %Y %H:%M:%S %z",
)


def parse_date(value: object) -> date | None:
    """Read a publication date (ISO date or datetime, compact 20130722, RFC 2822, 'July 22, 2013').

    Returns None for empty values; raises DateError for unreadable or out-of-range ones.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _check(value.date(), str(value))
    if isinstance(value, date):
        return _check(value, str(value))
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", text)
    if m:
        try:
            parsed = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise DateError(f"invalid date {text!r}: {exc}") from None
        return _check(parsed, text)
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return _check(parsed, text)
    raise DateError(f"unreadable date {text!r} (expected YYYY-MM-DD)")


def _check(d: date, text: str) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise DateError(f"absurd date {text!r}: year outside {MIN_YEAR}-{MAX_YEAR}")
    return d
