"""The read-only queries behind the web API: one filter, turned into parameterised SQL, and the views.

Every function takes a DuckDB cursor on a store opened read-only and returns plain JSON-ready
values, so the HTTP layer (`dyads.web.app`), the tests and the benchmark share one implementation.
User input only ever reaches SQL as a bound parameter; the few SQL words that vary (the time
bucket, the sort order) come from fixed whitelists in this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import duckdb

from dyads.ontology import QUAD_CLASS_NAMES, load_ontology

INTERVALS = {"day": "day", "week": "week", "month": "month", "year": "year"}
SORTS = {
    "date": "e.event_date ASC NULLS LAST, e.id",
    "-date": "e.event_date DESC NULLS LAST, e.id",
    "goldstein": "e.goldstein ASC, e.id",
    "-goldstein": "e.goldstein DESC, e.id",
    "article": "e.article_id, e.sentence_index, e.id",
}
EVENT_COLUMNS = (
    "e.id, e.article_id, e.sentence_index, e.event_date, e.date, e.date_precision, e.date_text, "
    "e.source_codes, e.target_codes, e.cameo, e.cameo_root, e.cameo_name, e.plover, e.plover_mode, "
    "e.goldstein, e.quad_class, e.trigger_text, e.trigger_start, e.trigger_end, e.location_name, "
    "e.location_country, e.location_lat, e.location_lon, e.sentence, e.sentence_start, e.sentence_end, "
    "e.negated, e.confidence, e.quote_index"
)


def _like_escape(text: str) -> str:
    """Make user text literal inside a LIKE pattern (we use backslash as the ESCAPE character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(text: str) -> str:
    return _like_escape(text.strip().upper()) + "%"


def _contains(text: str) -> str:
    return "%" + _like_escape(text.strip()) + "%"


@dataclass
class EventFilter:
    """What the analyst narrowed the events to; every page and endpoint takes the same one.

    `actor`, `source` and `target` match actor codes by prefix (RUS matches RUS, RUSGOV, RUSMIL);
    `actor` also matches an actor's name or its text in the article, case-insensitively.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    plover: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    q: str | None = None
    article: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """SQL condition over the events table (as `alias`) and its parameters, in order."""
        conds: list[str] = []
        params: list[Any] = []
        ea = f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = {alias}.id AND "
        if self.actor:
            conds.append(
                ea + "(a.code LIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\'))"
            )
            params += [_prefix(self.actor), _contains(self.actor), _contains(self.actor)]
        if self.source:
            conds.append(ea + "a.role = 'source' AND a.code LIKE ? ESCAPE '\\')")
            params.append(_prefix(self.source))
        if self.target:
            conds.append(ea + "a.role = 'target' AND a.code LIKE ? ESCAPE '\\')")
            params.append(_prefix(self.target))
        if self.country:
            conds.append(ea + "a.country = ?)")
            params.append(self.country.strip().upper())
        if self.cameo:
            conds.append(f"{alias}.cameo LIKE ? ESCAPE '\\'")
            params.append(_like_escape(self.cameo.strip()) + "%")
        if self.quad_class is not None:
            conds.append(f"{alias}.quad_class = ?")
            params.append(int(self.quad_class))
        if self.plover:
            conds.append(f"{alias}.plover = ?")
            params.append(self.plover.strip().upper())
        if self.date_from:
            conds.append(f"{alias}.event_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{alias}.event_date <= ?")
            params.append(self.date_to)
        if self.place:
            conds.append(f"({alias}.location_name ILIKE ? ESCAPE '\\' OR {alias}.location_country = ?)")
            params += [_contains(self.place), self.place.strip().upper()]
        if self.q:
            conds.append(f"{alias}.sentence ILIKE ? ESCAPE '\\'")
            params.append(_contains(self.q))
        if self.article:
            conds.append(f"{alias}.article_id = ?")
            params.append(self.article)
        return (" AND ".join(conds) or "TRUE"), params


def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    res = cur.execute(sql, params)
    cols = [d[0] for d in res.description]
    return [dict(zip(cols, row, strict=True)) for row in res.fetchall()]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: _jsonable(v) for k, v in r.items()} for r in rows]


def stats(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Sizes of the database, for the header and health checks."""
    articles, events = cur.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    first, last = cur.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    return {"articles": articles, "events": events, "first_date": _jsonable(first), "last_date": _jsonable(last)}


def facets(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The values filters can take, with their event counts, for the filter form."""
    onto = load_ontology()
    roots = cur.execute("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
    return {
        "cameo_roots": [
            {"code": r, "name": onto.get(r).name if r in onto else None, "n": n} for r, n in roots
        ],
        "plover": _rows(cur, "SELECT plover, count(*) AS n FROM events WHERE plover IS NOT NULL "
                             "GROUP BY 1 ORDER BY n DESC, 1", []),
        "countries": _rows(cur, "SELECT country, count(DISTINCT event_id) AS n FROM event_actors "
                                "WHERE country IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 300", []),
        "quad_classes": [{"quad_class": q, "name": name} for q, name in QUAD_CLASS_NAMES.items()],
    }


def _attach_actors(cur: duckdb.DuckDBPyConnection, items: list[dict[str, Any]]) -> None:
    """Give each listed event its source and target actors (text, name, code, offsets) in order."""
    ids = [it["id"] for it in items]
    for it in items:
        it["source"], it["target"] = [], []
        it.pop("source_codes", None)
        it.pop("target_codes", None)
    if not ids:
        return
    by_id = {it["id"]: it for it in items}
    res = cur.execute(
        "SELECT event_id, role, text, name, code, country, sector, start_char, end_char FROM event_actors "
        "WHERE event_id IN (SELECT unnest(?)) ORDER BY event_id, role, position",
        [ids],
    ).fetchall()
    for event_id, role, text, name, code, country, sector, start, end in res:
        by_id[event_id][role].append(
            {"text": text, "name": name, "code": code, "country": country, "sector": sector,
             "start": start, "end": end}
        )


def list_events(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int, sort: str = "-date",
    extra_where: str = "", extra_params: list[Any] | None = None,
) -> dict[str, Any]:
    """One page of the filtered events (flat fields plus their actors) and the total count."""
    where, params = flt.where()
    if extra_where:
        where = f"({where}) AND ({extra_where})"
        params = params + list(extra_params or [])
    total = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    items = _clean(_rows(
        cur,
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
        params + [limit, offset],
    ))
    _attach_actors(cur, items)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def event_record(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    row = cur.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


def iter_event_records(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, chunk: int = 2000
) -> Iterator[dict[str, Any]]:
    """Full contract records of the filtered events (for CSV export), in article order, at most `limit`."""
    where, params = flt.where()
    res = cur.execute(
        f"SELECT record FROM events e WHERE {where} ORDER BY e.article_id, e.sentence_index, e.id LIMIT ?",
        params + [limit],
    )
    while rows := res.fetchmany(chunk):
        for (rec,) in rows:
            yield json.loads(rec)


NODE_KEYS = {"code": "{t}.code", "country": "coalesce({t}.country, {t}.code)"}


def _pairs_sql(where: str, level: str = "code") -> str:
    """Source x target actor pairs of the filtered events (compound actors give every pair)."""
    s, t = NODE_KEYS[level].format(t="s"), NODE_KEYS[level].format(t="t")
    return (
        f"SELECT {s} AS src, {t} AS tgt, e.id AS event_id, e.quad_class, e.goldstein "
        "FROM events e JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
        "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' "
        f"WHERE {where} AND s.code IS NOT NULL AND t.code IS NOT NULL"
    )


def overview(cur: duckdb.DuckDBPyConnection, flt: EventFilter, interval: str = "month", top: int = 10) -> dict:
    """Totals, events over time by quad class, and the top actors, dyads, places and CAMEO roots."""
    where, params = flt.where()
    bucket = INTERVALS[interval]
    n_events, n_articles, undated = cur.execute(
        f"SELECT count(*), count(DISTINCT e.article_id), count(*) FILTER (WHERE e.event_date IS NULL) "
        f"FROM events e WHERE {where}",
        params,
    ).fetchone()
    timeline = _clean(_rows(
        cur,
        f"SELECT date_trunc('{bucket}', e.event_date)::DATE AS period, "
        "count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4, "
        f"count(*) AS total FROM events e WHERE {where} AND e.event_date IS NOT NULL GROUP BY 1 ORDER BY 1",
        params,
    ))
    top_actors = _rows(
        cur,
        "SELECT a.code, mode(a.name) AS name, count(DISTINCT a.event_id) AS n, "
        "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'source') AS as_source, "
        "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'target') AS as_target "
        f"FROM event_actors a JOIN events e ON e.id = a.event_id WHERE {where} AND a.code IS NOT NULL "
        "GROUP BY a.code ORDER BY n DESC, a.code LIMIT ?",
        params + [top],
    )
    top_dyads = _rows(
        cur,
        "SELECT src AS source, tgt AS target, count(DISTINCT event_id) AS n, round(avg(goldstein), 2) AS goldstein "
        f"FROM ({_pairs_sql(where, 'code')}) GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?",
        params + [top],
    )
    top_places = _rows(
        cur,
        "SELECT e.location_name AS name, e.location_country AS country, count(*) AS n "
        f"FROM events e WHERE {where} AND (e.location_name IS NOT NULL OR e.location_country IS NOT NULL) "
        "GROUP BY 1, 2 ORDER BY n DESC, 1 NULLS LAST, 2 LIMIT ?",
        params + [top],
    )
    onto = load_ontology()
    by_root = [
        {"code": r, "name": onto.get(r).name if r in onto else None, "n": n}
        for r, n in cur.execute(
            f"SELECT e.cameo_root, count(*) FROM events e WHERE {where} GROUP BY 1 ORDER BY 1", params
        ).fetchall()
    ]
    by_quad = {q: 0 for q in QUAD_CLASS_NAMES}
    for q, n in cur.execute(f"SELECT e.quad_class, count(*) FROM events e WHERE {where} GROUP BY 1", params).fetchall():
        if q in by_quad:
            by_quad[q] = n
    return {
        "events": n_events,
        "articles": n_articles,
        "undated": undated,
        "interval": interval,
        "timeline": timeline,
        "by_quad": [{"quad_class": q, "name": QUAD_CLASS_NAMES[q], "n": n} for q, n in by_quad.items()],
        "by_root": by_root,
        "top_actors": top_actors,
        "top_dyads": top_dyads,
        "top_places": top_places,
    }


def _direction_sql(alias: str) -> str:
    """Events with a source actor under one code prefix and a target actor under another."""
    return (
        f"EXISTS (SELECT 1 FROM event_actors s WHERE s.event_id = {alias}.id AND s.role = 'source' "
        "AND s.code LIKE ? ESCAPE '\\') AND "
        f"EXISTS (SELECT 1 FROM event_actors t WHERE t.event_id = {alias}.id AND t.role = 'target' "
        "AND t.code LIKE ? ESCAPE '\\')"
    )


def dyad(
    cur: duckdb.DuckDBPyConnection, a: str, b: str, flt: EventFilter, interval: str = "month",
    limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    """A -> B and B -> A: counts and mean Goldstein per period, and the events of both directions."""
    where, params = flt.where()
    pa, pb = _prefix(a), _prefix(b)
    bucket = INTERVALS[interval]
    fwd, back = _direction_sql("e"), _direction_sql("e")
    series = _clean(_rows(
        cur,
        f"SELECT date_trunc('{bucket}', e.event_date)::DATE AS period, "
        f"count(*) FILTER (WHERE {fwd}) AS ab_n, round(avg(e.goldstein) FILTER (WHERE {fwd}), 2) AS ab_goldstein, "
        f"count(*) FILTER (WHERE {back}) AS ba_n, round(avg(e.goldstein) FILTER (WHERE {back}), 2) AS ba_goldstein "
        f"FROM events e WHERE {where} AND e.event_date IS NOT NULL AND (({fwd}) OR ({back})) GROUP BY 1 ORDER BY 1",
        [pa, pb, pa, pb, pb, pa, pb, pa] + params + [pa, pb, pb, pa],
    ))
    totals = {}
    for key, (x, y) in (("ab", (pa, pb)), ("ba", (pb, pa))):
        n, g, q1, q2, q3, q4 = cur.execute(
            "SELECT count(*), round(avg(e.goldstein), 2), count(*) FILTER (WHERE e.quad_class = 1), "
            "count(*) FILTER (WHERE e.quad_class = 2), count(*) FILTER (WHERE e.quad_class = 3), "
            f"count(*) FILTER (WHERE e.quad_class = 4) FROM events e WHERE {where} AND {fwd}",
            params + [x, y],
        ).fetchone()
        totals[key] = {"n": n, "goldstein": g, "by_quad": {"1": q1, "2": q2, "3": q3, "4": q4}}
    events = list_events(
        cur, flt, limit, offset, sort="date",
        extra_where=f"({fwd}) OR ({back})", extra_params=[pa, pb, pb, pa],
    )
    for it in events["items"]:
        src = [x["code"] or "" for x in it["source"]]
        it["direction"] = "ab" if any(c.startswith(a.strip().upper()) for c in src) else "ba"
    return {"a": a.strip().upper(), "b": b.strip().upper(), "interval": interval, "totals": totals,
            "series": series, "events": events}


def network(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, level: str = "code", limit: int = 60, min_count: int = 1
) -> dict[str, Any]:
    """Actors as nodes and source->target edges weighted by event counts, split cooperation/conflict.

    `level="country"` merges actors into their country (or non-state root where they have none).
    """
    where, params = flt.where()
    pairs = _pairs_sql(where, level)
    edges = _rows(
        cur,
        "SELECT src AS source, tgt AS target, count(DISTINCT event_id) AS n, "
        "count(DISTINCT event_id) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(DISTINCT event_id) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        f"round(avg(goldstein), 2) AS goldstein FROM ({pairs}) WHERE src <> tgt "
        "GROUP BY 1, 2 HAVING count(DISTINCT event_id) >= ? ORDER BY n DESC, 1, 2 LIMIT ?",
        params + [min_count, limit],
    )
    weight: dict[str, int] = {}
    for e in edges:
        e["kind"] = "cooperation" if e["cooperation"] >= e["conflict"] else "conflict"
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["n"]
    names: dict[str, str | None] = {}
    if weight and level == "code":
        names = dict(cur.execute(
            "SELECT code, mode(name) FROM event_actors WHERE code IN (SELECT unnest(?)) GROUP BY code",
            [list(weight)],
        ).fetchall())
    nodes = [{"id": k, "name": names.get(k), "n": n} for k, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes, "edges": edges}


def map_points(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 2000) -> dict[str, Any]:
    """Events by location: points with coordinates, countries for events placed only by country."""
    where, params = flt.where()
    quads = (
        "count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4"
    )
    points = _rows(
        cur,
        "SELECT any_value(e.location_name) AS name, e.location_country AS country, "
        "round(e.location_lat, 2) AS lat, round(e.location_lon, 2) AS lon, count(*) AS n, "
        f"{quads} FROM events e WHERE {where} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
        "GROUP BY 2, 3, 4 ORDER BY n DESC, 2, 3, 4 LIMIT ?",
        params + [limit],
    )
    countries = _rows(
        cur,
        f"SELECT e.location_country AS country, count(*) AS n, {quads} FROM events e WHERE {where} "
        "AND e.location_lat IS NULL AND e.location_country IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
        params + [limit],
    )
    unplaced = cur.execute(
        f"SELECT count(*) FROM events e WHERE {where} AND e.location_lat IS NULL AND e.location_country IS NULL",
        params,
    ).fetchone()[0]
    return {"points": points, "countries": countries, "unplaced": unplaced}


def actors(cur: duckdb.DuckDBPyConnection, q: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """Actor codes matching a code prefix or a name, with their event counts (for suggestions)."""
    cond, params = "a.code IS NOT NULL", []
    if q:
        cond += " AND (a.code LIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\')"
        params += [_prefix(q), _contains(q)]
    return _rows(
        cur,
        "SELECT a.code, mode(a.name) AS name, mode(a.country) AS country, count(DISTINCT a.event_id) AS n "
        f"FROM event_actors a WHERE {cond} GROUP BY a.code ORDER BY n DESC, a.code LIMIT ?",
        params + [limit],
    )


def list_articles(cur: duckdb.DuckDBPyConnection, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Articles, newest first, optionally those whose id or title contains `q`."""
    cond, params = "TRUE", []
    if q:
        cond = "(id ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\')"
        params = [_contains(q), _contains(q)]
    total = cur.execute(f"SELECT count(*) FROM articles WHERE {cond}", params).fetchone()[0]
    items = _clean(_rows(
        cur,
        "SELECT id, title, publication_date, source, url, n_events, location_name, location_country "
        f"FROM articles WHERE {cond} ORDER BY publication_date DESC NULLS LAST, id LIMIT ? OFFSET ?",
        params + [limit, offset],
    ))
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def article(cur: duckdb.DuckDBPyConnection, article_id: str, max_events: int = 1000) -> dict[str, Any] | None:
    """One article with its text, layers (times, places, actors, quotes), events and event-less sentences."""
    rows = _clean(_rows(
        cur,
        "SELECT id, title, publication_date, source, url, origin, coded_at, coder_version, n_events, "
        "location_name, location_country, text, layers FROM articles WHERE id = ?",
        [article_id],
    ))
    if not rows:
        return None
    art = rows[0]
    art["coded_at"] = str(art["coded_at"]) if art["coded_at"] is not None else None
    layers = json.loads(art.pop("layers") or "{}")
    art["layers"] = {k: layers.get(k, []) for k in ("times", "places", "actors", "quotes")}
    art["events"] = list_events(cur, EventFilter(article=article_id), max_events, 0, sort="article")["items"]
    art["no_events"] = _rows(
        cur,
        "SELECT sentence_index, start_char AS start, end_char AS \"end\", reason FROM no_events "
        "WHERE article_id = ? ORDER BY sentence_index",
        [article_id],
    )
    return art
