"""The records that travel between pipeline stages and out to users.

Every stage reads the parsed document and returns a list of one of these; nothing else travels
between stages (no dicts of dicts). `to_dict()` gives exactly the field names of the record
contract (`spec/records.md`): add fields freely, never rename.

Offsets (`start`, `end`) are character offsets into `Article.text`, so that
`article.text[start:end] == record.text` always holds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def _plain(value: Any) -> Any:
    if value is None or type(value) in _SCALARS:  # most fields: nothing to convert, so no dataclass test
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_dict() if hasattr(value, "to_dict") else dataclasses.asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


_SCALARS = frozenset({str, int, float, bool})

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""A record class's field names in order, read once: `dataclasses.fields` rebuilds the tuple on every call,
and the store calls `to_dict` for every record of every article."""


class Record:
    """Mixin: `to_dict()` in contract order, dates as ISO strings, nested records flattened."""

    def to_dict(self) -> dict[str, Any]:
        names = _FIELD_NAMES.get(type(self))
        if names is None:
            names = _FIELD_NAMES[type(self)] = tuple(f.name for f in dataclasses.fields(self))  # type: ignore[arg-type]
        return {name: _plain(getattr(self, name)) for name in names}


@dataclass
class Article(Record):
    """One news article as read from an input file or record."""

    id: str
    text: str
    publication_date: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # "file.jsonl:12": where it was read, for messages


@dataclass
class Reject(Record):
    """An input record that could not be read, kept with its raw content and the reason."""

    origin: str  # file name
    record: str  # "line 12", "record 3", "row 4", or "file"
    reason: str
    raw: str = ""  # an excerpt: at most REJECT_RAW_CHARS characters of the record
    offset: int | None = None  # byte offset of the record in its file, where the reader knows it
    length: int | None = None  # its length in bytes: with `offset`, where to find the whole record

    def __post_init__(self) -> None:
        # one bound for every reject path: a 50 MB malformed line must not make a 50 MB rejects file
        self.raw = self.raw or ""
        if len(self.raw) > REJECT_RAW_CHARS:
            self.raw = self.raw[:REJECT_RAW_CHARS]
        if not self.raw.isascii():  # a lone surrogate is kept as the text \ud800: UTF-8 files and Parquet refuse it
            self.raw = self.raw.encode("utf-8", "backslashreplace").decode("utf-8")


REJECT_RAW_CHARS = 2000
"""How much of a rejected record is kept; `offset` and `length` point at the rest in the input file."""


@dataclass
class Span(Record):
    """A bare stretch of article text (triggers, cues)."""

    text: str
    start: int
    end: int


@dataclass
class TimeExpr(Record):
    """A TIMEX3 time expression: `value` is its TimeML value resolved against the publication date."""

    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str  # 2013-06-25, 2013-06, 2013-W30, 2013, PRESENT_REF, P3D, ...


@dataclass
class Place(Record):
    """A place mention resolved to the gazetteer."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, admin1, city, region


@dataclass
class Actor(Record):
    """An actor mention with its CAMEO-style code (country/root + sector)."""

    text: str
    start: int
    end: int
    code: str | None
    country: str | None = None
    sector: str | None = None
    name: str | None = None  # canonical name where known ("Sergei Lavrov")
    kind: str | None = None  # country, person, igo, ngo, group, sector, pronoun
    source: str | None = None  # why this code: dictionary entry or rule that gave it


@dataclass
class Speaker(Record):
    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None


@dataclass
class Quote(Record):
    """A direct or indirect quotation with its cue and speaker."""

    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: Span | None = None
    kind: str = "direct"  # direct, partial, indirect


@dataclass
class Location(Record):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None
    feature: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    basis: str | None = None  # clause (the event's own clause), sentence, or dateline: how sure the place is


@dataclass
class Event(Record):
    """One coded event mention, in contract field order."""

    id: str
    article_id: str
    sentence_index: int
    date: str | None
    date_precision: str | None
    date_text: str | None
    source: list[Actor]
    target: list[Actor]
    cameo: str
    cameo_root: str
    cameo_name: str
    plover: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    trigger: Span
    location: Location | None
    sentence: str
    negated: bool = False
    confidence: float = 0.5
    sentence_start: int = 0
    sentence_end: int = 0
    quote_index: int | None = None  # index into the article's quotes when coded from a quotation
    rule: str | None = None  # the dictionary pattern that fired, for traceability


@dataclass
class NoEvent(Record):
    """Why a sentence yielded no event: every such sentence can explain itself."""

    sentence_index: int
    start: int
    end: int
    reason: str


@dataclass
class CodedArticle(Record):
    """Everything the pipeline found in one article: the layers and the events."""

    article: Article
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    no_events: list[NoEvent] = field(default_factory=list)
    location: Place | None = None  # the dateline's place, where there is one

    def annotations(self) -> dict[str, Any]:
        """The `dyads annotate` object of the contract."""
        a = self.article
        return {
            "article_id": a.id,
            "publication_date": a.publication_date.isoformat() if a.publication_date else None,
            "title": a.title,
            "text": a.text,
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
            "actors": [x.to_dict() for x in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
        }
