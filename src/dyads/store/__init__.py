"""The DuckDB store: one file holding articles, events, their actors, quotes and layers.

Writes are batched and atomic: one transaction replaces everything of the articles in a batch,
so re-coding an article never duplicates its events and an interrupted run leaves whole batches
only. Reading (`events`, `query`, the web app) opens the file read-only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dyads.models import CodedArticle, Event
from dyads.store.migrations import SCHEMA_VERSION, SchemaError, current_version, migrate

__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreLocked", "Summary", "content_hash", "default_db_path"]


class StoreLocked(RuntimeError):
    """Another process holds the database for writing."""


def default_db_path() -> str:
    import os

    return os.environ.get("DYADS_DB") or "dyads.duckdb"


def content_hash(text: str, publication_date: object = None) -> str:
    """What decides whether an article must be coded again: its text and date."""
    h = hashlib.sha256()
    h.update(text.encode("utf-8", "surrogatepass"))
    h.update(b"\x00" + str(publication_date).encode())
    return h.hexdigest()


def _event_day(event: Event) -> str | None:
    d = event.date
    if not d:
        return None
    if len(d) == 4 and d.isdigit():
        return f"{d}-01-01"
    if len(d) == 7:
        return f"{d}-01"
    return d[:10] if len(d) >= 10 else None


def _codes(actors) -> list[str]:
    return [a.code for a in actors if a.code]


@dataclass
class Summary:
    articles: int
    events: int
    by_root: list[tuple[str, str, int]] = field(default_factory=list)
    by_quad: list[tuple[int, int]] = field(default_factory=list)
    top_dyads: list[tuple[str, str, int]] = field(default_factory=list)
    no_event_sentences: int = 0


class Store:
    """A DuckDB database of coded articles. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path}; run `dyads code` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"database {self.path} is in use by another dyads process; wait for it to finish "
                    "or use another --db"
                ) from None
            raise
        if read_only:
            version = current_version(self.con)
            if version > SCHEMA_VERSION:
                raise SchemaError(f"database schema version {version} is newer than this dyads ({SCHEMA_VERSION})")
        else:
            migrate(self.con)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @property
    def schema_version(self) -> int:
        return current_version(self.con)

    # -- writing ---------------------------------------------------------------------------
    def coded_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """content_hash of the articles among `ids` that are already stored."""
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]
        ).fetchall()
        return dict(rows)

    def write(self, batch: Iterable[CodedArticle], coder_version: str) -> int:
        """Replace the stored rows of every article in `batch` in one transaction; return events written."""
        # one id twice in a batch: the later record wins, as a re-code would
        batch = list({coded.article.id: coded for coded in batch}.values())
        if not batch:
            return 0
        now = datetime.now(UTC).replace(tzinfo=None)
        articles, events, actors, quotes, no_events = [], [], [], [], []
        for coded in batch:
            a = coded.article
            articles.append(
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
                loc = e.location
                events.append(
                    {
                        "id": e.id,
                        "article_id": e.article_id,
                        "sentence_index": e.sentence_index,
                        "date": e.date,
                        "date_precision": e.date_precision,
                        "date_text": e.date_text,
                        "event_date": _event_day(e),
                        "source_codes": _codes(e.source),
                        "target_codes": _codes(e.target),
                        "source_code": (_codes(e.source) or [None])[0],
                        "target_code": (_codes(e.target) or [None])[0],
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
                        "sentence": e.sentence,
                        "sentence_start": e.sentence_start,
                        "sentence_end": e.sentence_end,
                        "negated": e.negated,
                        "confidence": e.confidence,
                        "quote_index": e.quote_index,
                        "rule": e.rule,
                        "record": json.dumps(e.to_dict()),
                    }
                )
                for role, group in (("source", e.source), ("target", e.target)):
                    for pos, actor in enumerate(group):
                        actors.append(
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
                quotes.append(
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
                no_events.append(
                    {
                        "article_id": a.id,
                        "sentence_index": ne.sentence_index,
                        "start_char": ne.start,
                        "end_char": ne.end,
                        "reason": ne.reason,
                    }
                )
        ids = [row["id"] for row in articles]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE batch_ids AS SELECT unnest(?) AS id", [ids])
            for table in ("events", "event_actors", "quotes", "no_events"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM batch_ids)")
            con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM batch_ids)")
            for table, rows in (
                ("articles", articles),
                ("events", events),
                ("event_actors", actors),
                ("quotes", quotes),
                ("no_events", no_events),
            ):
                if rows:
                    con.register("batch_rows", pa.Table.from_pylist(rows))
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
                    con.unregister("batch_rows")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(events)

    # -- reading ---------------------------------------------------------------------------
    def summary(self, top: int = 10) -> Summary:
        c = self.con
        s = Summary(
            articles=c.execute("SELECT count(*) FROM articles").fetchone()[0],
            events=c.execute("SELECT count(*) FROM events").fetchone()[0],
        )
        s.by_root = c.execute(
            "SELECT cameo_root, any_value(cameo_name), count(*) FROM events GROUP BY cameo_root ORDER BY cameo_root"
        ).fetchall()
        # the root's own name, not a sub-code's
        from dyads.ontology import load_ontology

        onto = load_ontology()
        s.by_root = [(r, onto.get(r).name if r in onto else n, k) for r, n, k in s.by_root]
        s.by_quad = c.execute("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        s.top_dyads = c.execute(
            "SELECT source_code, target_code, count(*) AS n FROM events WHERE target_code IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?",
            [top],
        ).fetchall()
        s.no_event_sentences = c.execute("SELECT count(*) FROM no_events").fetchone()[0]
        return s

    def event_records(self, where: str = "", params: Sequence[Any] = (), limit: int | None = None) -> list[dict]:
        """Full contract records of stored events, in article and sentence order."""
        sql = "SELECT record FROM events " + (f"WHERE {where} " if where else "")
        sql += "ORDER BY article_id, sentence_index, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(r[0]) for r in self.con.execute(sql, list(params)).fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()
