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
    "e.negated, e.confidence, e.quote_index, e.record"
)


LIKE = "LIKE ? ESCAPE '\\'"  # every user pattern is a parameter, with backslash as its escape


def _like_escape(text: str) -> str:
    """Make user text literal inside a LIKE pattern (we use backslash as the ESCAPE character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(text: str) -> str:
    return _like_escape(text.strip().upper()) + "%"


def codes_sql(alias: str, role: str) -> str:
    """The event's actor codes of one role ('source', 'target', 'both') as one string, each after a space.

    Matching `code_pattern(p)` against it finds events with a code starting with p, reading only the
    events table (no join), which keeps filters fast on millions of events.
    """
    lists = {"source": f"{alias}.source_codes", "target": f"{alias}.target_codes",
             "both": f"list_concat({alias}.source_codes, {alias}.target_codes)"}[role]
    return f"(' ' || array_to_string({lists}, ' '))"


def code_pattern(prefix: str) -> str:
    """LIKE pattern for `codes_sql`: some code starts with `prefix` (upper-cased, wildcards literal)."""
    return "% " + _prefix(prefix)


def single_sql(alias: str) -> str:
    """True for events with at most one source and one target code: their flat columns say it all."""
    return f"(len({alias}.source_codes) <= 1 AND len({alias}.target_codes) <= 1)"


def code_match(alias: str, role: str, prefix: str) -> tuple[str, list[Any]]:
    """SQL (and its parameters) for: some `role` actor code of the event starts with `prefix`.

    The flat first-code columns answer for almost every event; only events with compound actors
    fall back to the slower scan of the code lists.
    """
    pre, pat = _prefix(prefix), code_pattern(prefix)
    if role == "source":
        return (f"({alias}.source_code {LIKE} OR (len({alias}.source_codes) > 1 "
                f"AND {codes_sql(alias, 'source')} {LIKE}))", [pre, pat])
    if role == "target":
        return (f"({alias}.target_code {LIKE} OR (len({alias}.target_codes) > 1 "
                f"AND {codes_sql(alias, 'target')} {LIKE}))", [pre, pat])
    return (f"({alias}.source_code {LIKE} OR {alias}.target_code {LIKE} OR (NOT {single_sql(alias)} "
            f"AND {codes_sql(alias, 'both')} {LIKE}))", [pre, pre, pat])


def looks_like_code(text: str) -> bool:
    """An upper-case token (RUS, SYRGOV) is taken for a code prefix only, not also a name."""
    t = text.strip()
    return t.isalnum() and t.isupper()


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
        if self.actor:
            sql, ps = code_match(alias, "both", self.actor)
            if not looks_like_code(self.actor):
                sql = (f"({sql} OR {alias}.id IN (SELECT a.event_id FROM event_actors a "
                       "WHERE a.name ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\'))")
                ps += [_contains(self.actor), _contains(self.actor)]
            conds.append(sql)
            params += ps
        for role, value in (("source", self.source), ("target", self.target), ("both", self.country)):
            # a country's actors are the codes that start with its ISO3 code (SYR, SYRGOV, SYRREB)
            if value:
                sql, ps = code_match(alias, role, value)
                conds.append(sql)
                params += ps
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
        # mentions as source or target (not distinct events: that costs seconds on millions of events)
        "countries": _rows(cur, "SELECT country, count(*) AS n FROM event_actors "
                                "WHERE country IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 300", []),
        "quad_classes": [{"quad_class": q, "name": name} for q, name in QUAD_CLASS_NAMES.items()],
    }


ACTOR_FIELDS = ("text", "name", "code", "country", "sector", "start", "end")


def _attach_actors(items: list[dict[str, Any]]) -> None:
    """Give each listed event its source and target actors (text, name, code, offsets) in order.

    They come from the event's own contract record, fetched with the row: no second query.
    """
    for it in items:
        rec = json.loads(it.pop("record"))
        it.pop("source_codes", None)
        it.pop("target_codes", None)
        for role in ("source", "target"):
            it[role] = [{k: a.get(k) for k in ACTOR_FIELDS} for a in rec.get(role) or []]


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
    _attach_actors(items)
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


def _pairs_sql(where: str, level: str = "code") -> tuple[str, int]:
    """Source x target actor pairs of the filtered events (compound actors give every pair).

    At `level="country"` a code stands for its first three letters: the country, or the non-state
    root (IGO, NGO, ...) of actors without one. Returns the SQL and how many times it uses the
    filter's parameters.
    """
    key = "{c}" if level == "code" else "left({c}, 3)"
    single = single_sql("e")
    flat = (
        f"SELECT {key.format(c='e.source_code')} AS src, {key.format(c='e.target_code')} AS tgt, e.id AS event_id, "
        f"e.quad_class, e.goldstein FROM events e WHERE ({where}) AND {single} "
        "AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
    )
    compound = (
        f"SELECT DISTINCT {key.format(c='p.src_code')} AS src, {key.format(c='p.tgt_code')} AS tgt, p.event_id, "
        "p.quad_class, p.goldstein FROM ("
        "SELECT src_code, unnest(tgts) AS tgt_code, event_id, quad_class, goldstein FROM ("
        "SELECT unnest(e.source_codes) AS src_code, e.target_codes AS tgts, e.id AS event_id, e.quad_class, "
        f"e.goldstein FROM events e WHERE ({where}) AND NOT {single})) p"
    )
    return f"{flat} UNION ALL {compound}", 2


def _actor_names(cur: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, str | None]:
    """The most frequent canonical name of each code (where the dictionary gave one)."""
    if not codes:
        return {}
    return dict(cur.execute(
        "SELECT code, mode(name) FROM event_actors WHERE code IN (SELECT unnest(?)) AND name IS NOT NULL "
        "GROUP BY code",
        [codes],
    ).fetchall())


def overview(cur: duckdb.DuckDBPyConnection, flt: EventFilter, interval: str = "month", top: int = 10) -> dict:
    """Totals, events over time by quad class, and the top actors, dyads, places and CAMEO roots."""
    where, params = flt.where()
    bucket = INTERVALS[interval]
    n_events, n_articles, undated, *quads = cur.execute(
        "SELECT count(*), count(DISTINCT e.article_id), count(*) FILTER (WHERE e.event_date IS NULL), "
        + ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q})" for q in QUAD_CLASS_NAMES)
        + f" FROM events e WHERE {where}",
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
    single = single_sql("e")
    top_actors = _rows(
        cur,
        "SELECT code, count(*) AS n, CAST(sum(s) AS BIGINT) AS as_source, CAST(sum(t) AS BIGINT) AS as_target FROM ("
        "SELECT e.source_code AS code, 1 AS s, CAST(e.target_code IS NOT DISTINCT FROM e.source_code AS INTEGER) AS t "
        f"FROM events e WHERE ({where}) AND {single} AND e.source_code IS NOT NULL "
        "UNION ALL SELECT e.target_code, 0, 1 "
        f"FROM events e WHERE ({where}) AND {single} AND e.target_code IS NOT NULL "
        "AND e.target_code IS DISTINCT FROM e.source_code "
        "UNION ALL SELECT code, CAST(list_contains(src, code) AS INTEGER), CAST(list_contains(tgt, code) AS INTEGER) "
        "FROM (SELECT e.source_codes AS src, e.target_codes AS tgt, "
        f"unnest(list_distinct(list_concat(e.source_codes, e.target_codes))) AS code FROM events e "
        f"WHERE ({where}) AND NOT {single})) GROUP BY code ORDER BY n DESC, code LIMIT ?",
        params * 3 + [top],
    )
    names = _actor_names(cur, [a["code"] for a in top_actors])
    for a in top_actors:
        a["name"] = names.get(a["code"])
    pairs, uses = _pairs_sql(where, "code")
    top_dyads = _rows(
        cur,
        "SELECT src AS source, tgt AS target, count(*) AS n, round(avg(goldstein), 2) AS goldstein "
        f"FROM ({pairs}) GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?",
        params * uses + [top],
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
    by_quad = dict(zip(QUAD_CLASS_NAMES, quads, strict=True))
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


def dyad(
    cur: duckdb.DuckDBPyConnection, a: str, b: str, flt: EventFilter, interval: str = "month",
    limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    """A -> B and B -> A: counts and mean Goldstein per period, and the events of both directions.

    A and B are code prefixes (RUS covers RUSGOV); an event is A -> B when one of its sources starts
    with A and one of its targets with B.
    """
    where, params = flt.where()
    bucket = INTERVALS[interval]
    src_a, p_src_a = code_match("e", "source", a)
    tgt_b, p_tgt_b = code_match("e", "target", b)
    src_b, p_src_b = code_match("e", "source", b)
    tgt_a, p_tgt_a = code_match("e", "target", a)
    ab_sql, ab_params = f"({src_a} AND {tgt_b})", p_src_a + p_tgt_b
    ba_sql, ba_params = f"({src_b} AND {tgt_a})", p_src_b + p_tgt_a
    flagged = (
        f"SELECT e.event_date, e.goldstein, e.quad_class, {ab_sql} AS ab, {ba_sql} AS ba "
        f"FROM events e WHERE ({where}) AND ({ab_sql} OR {ba_sql})"
    )
    flag_params = ab_params + ba_params + params + ab_params + ba_params
    series = _clean(_rows(
        cur,
        f"SELECT date_trunc('{bucket}', event_date)::DATE AS period, "
        "count(*) FILTER (WHERE ab) AS ab_n, round(avg(goldstein) FILTER (WHERE ab), 2) AS ab_goldstein, "
        "count(*) FILTER (WHERE ba) AS ba_n, round(avg(goldstein) FILTER (WHERE ba), 2) AS ba_goldstein "
        f"FROM ({flagged}) WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1",
        flag_params,
    ))
    row = cur.execute(
        "SELECT " + ", ".join(
            f"count(*) FILTER (WHERE {d}), round(avg(goldstein) FILTER (WHERE {d}), 2), "
            + ", ".join(f"count(*) FILTER (WHERE {d} AND quad_class = {q})" for q in QUAD_CLASS_NAMES)
            for d in ("ab", "ba")
        ) + f" FROM ({flagged})",
        flag_params,
    ).fetchone()
    totals = {}
    for i, key in enumerate(("ab", "ba")):
        n, g, *qs = row[i * 6:(i + 1) * 6]
        by_quad = {str(q): c for q, c in zip(QUAD_CLASS_NAMES, qs, strict=True)}
        totals[key] = {"n": n, "goldstein": g, "by_quad": by_quad}
    events = list_events(cur, flt, limit, offset, sort="date", extra_where=f"{ab_sql} OR {ba_sql}",
                         extra_params=ab_params + ba_params)
    a_up, b_up = a.strip().upper(), b.strip().upper()
    for it in events["items"]:
        src_codes = [x["code"] or "" for x in it["source"]]
        tgt_codes = [x["code"] or "" for x in it["target"]]
        ab = any(c.startswith(a_up) for c in src_codes) and any(c.startswith(b_up) for c in tgt_codes)
        it["direction"] = "ab" if ab else "ba"
    return {"a": a_up, "b": b_up, "interval": interval, "totals": totals, "series": series, "events": events}


def network(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, level: str = "code", limit: int = 60, min_count: int = 1
) -> dict[str, Any]:
    """Actors as nodes and source->target edges weighted by event counts, split cooperation/conflict.

    `level="country"` merges actors into their country (or non-state root where they have none).
    """
    where, params = flt.where()
    pairs, uses = _pairs_sql(where, level)
    edges = _rows(
        cur,
        "SELECT src AS source, tgt AS target, count(*) AS n, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        f"round(avg(goldstein), 2) AS goldstein FROM ({pairs}) WHERE src <> tgt "
        "GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY n DESC, 1, 2 LIMIT ?",
        params * uses + [min_count, limit],
    )
    weight: dict[str, int] = {}
    for e in edges:
        e["kind"] = "cooperation" if e["cooperation"] >= e["conflict"] else "conflict"
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["n"]
    names = _actor_names(cur, list(weight)) if level == "code" else {}
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
    """Actor codes matching a code prefix or a name, with their mentions as source or target (for suggestions)."""
    cond, params = "a.code IS NOT NULL", []
    if q:
        cond += " AND (a.code LIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\')"
        params += [_prefix(q), _contains(q)]
    return _rows(
        cur,
        "SELECT a.code, mode(a.name) AS name, mode(a.country) AS country, count(*) AS n "
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
