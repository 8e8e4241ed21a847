"""Coded articles -> the rows of the store tables (articles, events, event_actors, quotes, no_events).

One function builds the rows both for the DuckDB store (`Store.write`) and for the Parquet shards the
Dask engine writes, so that a Parquet directory and a DuckDB file hold the same columns with the same
values. The column names are those of the store schema (`dyads.store.migrations`, migration 1); the
types come from that schema too, because rows are always inserted into tables it created.

This module imports nothing from `dyads.store` at import time (the store imports it), and nothing
from Dask: it is safe to use without the `dask` extra.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dyads.models import Actor, CodedArticle, Event, Reject

STORE_TABLES: tuple[str, ...] = ("articles", "events", "event_actors", "quotes", "no_events")
"""The per-article tables of the store, in the order they are written."""

REJECTS_TABLE = "rejects"
REJECTS_DDL = """
CREATE TABLE IF NOT EXISTS rejects (
    origin VARCHAR NOT NULL,
    record VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    raw VARCHAR,
    "offset" BIGINT,
    length BIGINT
)
"""
"""Rejected input records. The DuckDB store keeps them beside the database as JSON lines
(`runner.rejects_path_for`); a Parquet directory keeps them as one more table with the fields of
`Reject`."""


def event_day(event: Event) -> str | None:
    """The event's date as a day for the DATE column: a year or month is widened to its first day."""
    d = event.date
    if not d:
        return None
    if len(d) == 4 and d.isdigit():
        return f"{d}-01-01"
    if len(d) == 7:
        return f"{d}-01"
    return d[:10] if len(d) >= 10 else None


def actor_codes(actors: Iterable[Actor]) -> list[str]:
    return [a.code for a in actors if a.code]


@dataclass
class StoreRows:
    """The rows of one batch of coded articles, one list of column dicts per store table."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    no_events: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(table name, rows) for every store table, articles first."""
        for name in STORE_TABLES:
            yield name, getattr(self, name)

    @property
    def article_ids(self) -> list[str]:
        return [row["id"] for row in self.articles]


def build_rows(
    batch: Iterable[CodedArticle], coder_version: str, coded_at: datetime | None = None
) -> StoreRows:
    """The store rows of `batch`; an article id given twice keeps its later record, as a re-code would."""
    from dyads.store import content_hash  # the store imports this module: import it when called

    coded_articles = list({coded.article.id: coded for coded in batch}.values())
    now = coded_at or datetime.now(UTC).replace(tzinfo=None)
    rows = StoreRows()
    for coded in coded_articles:
        a = coded.article
        rows.articles.append(
            {
                "id": a.id,
                "publication_date": a.publication_date,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "text": a.text,
                "content_hash": content_hash(a.text, a.publication_date),
                "coded_at": now,
                "coder_version": coder_version,
                "origin": a.origin,
                "location_name": coded.location.name if coded.location else None,
                "location_country": coded.location.country if coded.location else None,
                "n_events": len(coded.events),
                "layers": json.dumps({k: v for k, v in coded.annotations().items() if k not in {"text"}}),
            }
        )
        for e in coded.events:
            rows.events.append(event_row(e))
            for role, group in (("source", e.source), ("target", e.target)):
                for pos, actor in enumerate(group):
                    rows.event_actors.append(
                        {
                            "event_id": e.id,
                            "article_id": e.article_id,
                            "role": role,
                            "position": pos,
                            "text": actor.text,
                            "name": actor.name,
                            "code": actor.code,
                            "country": actor.country,
                            "sector": actor.sector,
                            "start_char": actor.start,
                            "end_char": actor.end,
                        }
                    )
        for pos, q in enumerate(coded.quotes):
            rows.quotes.append(
                {
                    "article_id": a.id,
                    "position": pos,
                    "text": q.text,
                    "start_char": q.start,
                    "end_char": q.end,
                    "kind": q.kind,
                    "speaker_text": q.speaker.text if q.speaker else None,
                    "speaker_name": q.speaker.name if q.speaker else None,
                    "speaker_code": q.speaker.code if q.speaker else None,
                    "cue_text": q.cue.text if q.cue else None,
                }
            )
        for ne in coded.no_events:
            rows.no_events.append(
                {
                    "article_id": a.id,
                    "sentence_index": ne.sentence_index,
                    "start_char": ne.start,
                    "end_char": ne.end,
                    "reason": ne.reason,
                }
            )
    return rows


def event_row(e: Event) -> dict[str, Any]:
    """One row of the `events` table: the flat columns for SQL, the full contract record as JSON, and the
    mention's finished line of the web app's CSV download (`csv_row`, schema 15: the download reads it and
    decodes no JSON; `export.records.stored_csv_row`, computed from the JSON text as the download decodes it).
    """
    from dyads.export.records import stored_csv_row  # dyads.export imports the store: import it when called

    loc = e.location
    record = json.dumps(e.to_dict())
    sources, targets = actor_codes(e.source), actor_codes(e.target)
    return {
        "id": e.id,
        "article_id": e.article_id,
        "sentence_index": e.sentence_index,
        "date": e.date,
        "date_precision": e.date_precision,
        "date_text": e.date_text,
        "event_date": event_day(e),
        "source_codes": sources,
        "target_codes": targets,
        "source_code": sources[0] if sources else None,
        "target_code": targets[0] if targets else None,
        # the codes after the first (summaries.EXTRA_CODES): NULL for the usual single-actor event
        "source_extra": " ".join(sources[1:]) or None,
        "target_extra": " ".join(targets[1:]) or None,
        "cameo": e.cameo,
        "cameo_root": e.cameo_root,
        "cameo_name": e.cameo_name,
        "plover": e.plover,
        "plover_mode": e.plover_mode,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "trigger_text": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
        "location_basis": loc.basis if loc else None,
        "sentence": e.sentence,
        "sentence_start": e.sentence_start,
        "sentence_end": e.sentence_end,
        "negated": e.negated,
        "confidence": e.confidence,
        "quote_index": e.quote_index,
        "rule": e.rule,
        "record": record,
        "csv_row": stored_csv_row(record),
    }


def reject_rows(rejects: Iterable[Reject]) -> list[dict[str, Any]]:
    """Rows of the Parquet `rejects` table: the `Reject` fields as they are."""
    return [r.to_dict() for r in rejects]
