"""The read-only queries behind the web API: one filter, turned into parameterised SQL, and the views.

Every function takes a DuckDB cursor on a store opened read-only and returns plain JSON-ready
values, so the HTTP layer (`dyads.web.app`), the tests and the benchmark share one implementation.
User input only ever reaches SQL as a bound parameter; the few SQL words that vary (the time
bucket, the sort order) come from fixed whitelists in this module.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import duckdb

from dyads import records_json
from dyads.ontology import QUAD_CLASS_NAMES, load_ontology
from dyads.queries import (
    EventFilter,
    QueryError,
    Scope,
    _code,
    _icontains,
    _needle,
    basis_sql,
    code_match,
    event_scope,
    implausible_sql,
    looks_like_code,
    plausible_bounds,
)
from dyads.store import article_search, words
from dyads.store.summaries import (
    actor_counts_sql,
    compound_actors_sql,
    compound_codes_sql,
    compound_pairs_sql,
    has_month_summaries,
    has_summaries,
    pairs_sql,
    single_sql,
)

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
    "e.cameo, e.cameo_root, e.cameo_name, e.plover, e.plover_mode, "
    "e.goldstein, e.quad_class, e.trigger_text, e.trigger_start, e.trigger_end, e.location_name, "
    "e.location_country, e.location_lat, e.location_lon, e.sentence, e.sentence_start, e.sentence_end, "
    "e.negated, e.confidence, e.quote_index, e.location_basis, e.rule, "
    f"{implausible_sql('e')} AS implausible_date, e.record"
)


def _where(cur: duckdb.DuckDBPyConnection, flt: EventFilter) -> tuple[str, list[Any]]:
    """The filter's condition for this store (with its word index where it has one)."""
    return flt.where("e", unit="mentions", word_index=bool(flt.q) and words.has_word_index(cur))


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


def has_table(cur: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when the store has the table or view (a Parquet store may lack the merged events)."""
    return words.has_tables(cur, name)


def stats(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Sizes of the database, for the header and health checks.

    The range in the header is the articles' publication dates: event dates can be wrong (a clock
    time read as a year), and those flagged implausible are counted apart, not in `event_dates`.
    """
    articles, mentions, first, last = cur.execute(
        "SELECT count(*), (SELECT count(*) FROM events), min(publication_date), max(publication_date) FROM articles"
    ).fetchone()
    # from the events by day where the store keeps them (thousands of rows, not millions)
    days, n = ("summary_days", "n") if has_summaries(cur) else ("events", "1")
    ev_first, ev_last, implausible = cur.execute(
        f"SELECT min(event_date) FILTER (WHERE NOT {implausible_sql('e')}), "
        f"max(event_date) FILTER (WHERE NOT {implausible_sql('e')}), "
        f"coalesce(sum({n}) FILTER (WHERE {implausible_sql('e')}), 0) FROM {days} e"
    ).fetchone()
    merged = None
    if has_table(cur, "merged_events"):
        merged = cur.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    return {"articles": articles, "events": mentions, "mentions": mentions, "merged_events": merged,
            "first_date": _jsonable(first), "last_date": _jsonable(last),
            "event_dates": {"first": _jsonable(ev_first), "last": _jsonable(ev_last), "implausible": implausible}}


def facets(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The values filters can take, with their event counts, for the filter form."""
    onto = load_ontology()
    if has_summaries(cur):
        roots = cur.execute("SELECT cameo_root, sum(n) FROM summary_days GROUP BY 1 ORDER BY 1").fetchall()
        plover = "SELECT plover, sum(n) AS n FROM summary_days WHERE plover IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1"
        countries = ("SELECT country, sum(n) AS n FROM summary_mentions WHERE country IS NOT NULL "
                     "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 300")
    else:
        roots = cur.execute("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        plover = "SELECT plover, count(*) AS n FROM events WHERE plover IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1"
        countries = ("SELECT country, count(*) AS n FROM event_actors WHERE country IS NOT NULL "
                     "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 300")
    return {
        "cameo_roots": [
            {"code": r, "name": onto.get(r).name if r in onto else None, "n": n} for r, n in roots
        ],
        "plover": _rows(cur, plover, []),
        # mentions as source or target (not distinct events: that costs seconds on millions of events)
        "countries": [{**r, "name": code_label(r["country"])} for r in _rows(cur, countries, [])],
        "quad_classes": [{"quad_class": q, "name": name} for q, name in QUAD_CLASS_NAMES.items()],
    }


ACTOR_FIELDS = ("text", "name", "code", "country", "sector", "start", "end")


def _attach_actors(items: list[dict[str, Any]]) -> None:
    """Give each listed event its source and target actors (text, name, code, offsets) in order.

    They come from the event's own contract record, fetched with the row: no second query.
    """
    for it in items:
        rec = records_json.loads(it.pop("record"))
        it.pop("source_codes", None)
        it.pop("target_codes", None)
        for role in ("source", "target"):
            it[role] = [{k: a.get(k) for k in ACTOR_FIELDS} for a in rec.get(role) or []]


SORT_KEYS = {"date": ("e.event_date", "ASC"), "-date": ("e.event_date", "DESC"),
             "goldstein": ("e.goldstein", "ASC"), "-goldstein": ("e.goldstein", "DESC")}
MAX_BOUNDED_PAGE_END = 10_000  # deeper pages sort every match: keeping that many keys costs as much


def _bounds_sql(sort: str, end: int, alias: str = "e") -> str | None:
    """An aggregate keeping the first `end` sort keys of the matches (DuckDB's `max(x, n)`), or None."""
    if sort not in SORT_KEYS or end > MAX_BOUNDED_PAGE_END:
        return None
    col, direction = SORT_KEYS[sort]
    col = col.replace("e.", f"{alias}." if alias else "", 1)
    return f"{'max' if direction == 'DESC' else 'min'}({col}, {int(end)})"


def _last_key(sort: str, first: list[Any] | None, end: int) -> Any:
    """The last sort key a page ending at `end` needs, from the matches' first keys (`_bounds_sql`),
    or None when the page reaches the NULL keys or the end of the matches."""
    if first is None or len(first) < end:
        return None
    return min(first) if SORT_KEYS[sort][1] == "DESC" else max(first)


def _page_ids(
    cur: duckdb.DuckDBPyConnection, where: str, params: list[Any], sort: str, limit: int, offset: int,
    total: int, last: Any, table: str = "events",
) -> list[str]:
    """Ids of one page of the `total` matching events in `sort` order, given the last key it needs (or None).

    Sorting every match by its key and id costs ~100 ms on a million events: the page is sorted only
    among the rows up to the last key it can hold. By Goldstein score (about twenty values, one per
    group of CAMEO codes) a page ends among many ties, and it is read in two parts: the rows whose key
    comes before `last` (fewer than the page's end, all on it, in order), then the rows tied at `last`
    in id order, a top-N over one column, whose worst id DuckDB pushes into the scan as it goes. At 10M
    events `country=SYR&quad_class=4` has 15,912 events tied at -10: sorted by key and id together,
    every one was read and compared (191 ms of CPU), by id alone 49 ms. A date has fewer ties, and
    a second read of a day's row groups cost a rare dyad more (60 ms) than it saved.
    """
    if offset >= total:
        return []
    col, direction = SORT_KEYS.get(sort, (None, None))
    if last is None or col != "e.goldstein":
        bound, bound_params = "", []
        if last is not None:
            bound, bound_params = f" AND {col} {'>=' if direction == 'DESC' else '<='} ?", [last]
        return [r[0] for r in cur.execute(
            f"SELECT e.id FROM {table} e WHERE ({where}){bound} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
            params + bound_params + [limit, offset],
        ).fetchall()]
    end = offset + limit
    before = [r[0] for r in cur.execute(
        f"SELECT e.id FROM {table} e WHERE ({where}) AND {col} {'>' if direction == 'DESC' else '<'} ? "
        f"ORDER BY {SORTS[sort]} LIMIT ?", params + [last, end],
    ).fetchall()]
    tied = [r[0] for r in cur.execute(
        f"SELECT e.id FROM {table} e WHERE ({where}) AND {col} = ? ORDER BY e.id LIMIT ?",
        params + [last, end - len(before)],
    ).fetchall()] if len(before) < end else []
    return (before + tied)[offset:end]


def _count_and_page(
    cur: duckdb.DuckDBPyConnection, where: str, params: list[Any], sort: str, limit: int, offset: int,
    table: str = "events",
) -> tuple[int, list[str]]:
    """How many events match, and the ids of one page of them in `sort` order (one pass counts and
    keeps the first keys, a second sorts only the rows up to the page's last key)."""
    bounds = _bounds_sql(sort, offset + limit)
    total, first = cur.execute(
        f"SELECT count(*), {bounds or 'NULL'} FROM {table} e WHERE {where}", params
    ).fetchone()
    last = _last_key(sort, first, offset + limit) if bounds else None
    return total, _page_ids(cur, where, params, sort, limit, offset, total, last, table)


def _events_by_id(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    """The listed events' flat fields and actors, in the order of `ids` (looked up by primary key)."""
    if not ids:
        return []
    rows = _clean(_rows(
        cur, f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN ({', '.join('?' * len(ids))})", list(ids)
    ))
    by_id = {r["id"]: r for r in rows}
    items = [by_id[i] for i in ids if i in by_id]
    _attach_actors(items)
    return items


def _keyed_map_rows(flt: EventFilter, quad_class: bool = False) -> tuple[str, list[Any]] | None:
    """The `summary_map` rows (as a relation with the events' column names, and its parameters) whose
    counts are exactly the events `flt` selects: one actor key (`EventFilter.actor_key`: a code, a prefix
    of 3, 6, 9... letters, a country, or none) and at most a place basis besides (and, with `quad_class`,
    a quad class: its column `q1`..`q4`); None for any other filter. The caller checks `has_summaries`.
    """
    key = flt.actor_key()
    rest = dataclasses.replace(flt, actor=None, country=None, basis=None, match="prefix",
                               quad_class=None if quad_class else flt.quad_class)
    if key is None or not rest.is_empty():
        return None
    basis = f" AND {basis_sql('s', flt.basis)}" if flt.basis else ""
    return ("(SELECT s.location_name, s.location_country, s.location_lat, s.location_lon, s.n, s.q1, s.q2, "
            "s.q3, s.q4 FROM (SELECT kind, actor, name AS location_name, country AS location_country, "
            "lat AS location_lat, lon AS location_lon, basis AS location_basis, n, q1, q2, q3, q4 "
            "FROM summary_map) s "
            f"WHERE s.kind = ? AND s.actor = ?{basis})"), list(key)


def _summed_total(cur: duckdb.DuckDBPyConnection, flt: EventFilter) -> int | None:
    """How many events `flt` selects, read from `summary_map` where its rows count them exactly
    (`_keyed_map_rows`) or from `summary_actors` (one exact source or target code); a few milliseconds
    where the count of the events costs 100-300 ms at 10M. None: no summary row counts them."""
    if not has_summaries(cur):
        return None
    role = "source" if flt.source else "target"
    code = flt.source or flt.target
    if (code and flt.match == "exact" and looks_like_code(code)
            and dataclasses.replace(flt, **{role: None}, match="prefix").is_empty()):
        # one exact source or target code (the actor page's links): its row of summary_actors, whose
        # as_source / as_target count an event once among its sources / targets, as the filter does
        row = cur.execute(f"SELECT as_{role} FROM summary_actors WHERE k = ? AND code = ?",
                          [_code(code), _code(code)]).fetchone()
        return int(row[0]) if row else 0
    rows = _keyed_map_rows(flt, quad_class=True)
    if rows is None:
        return None
    rel, params = rows
    col = "n" if flt.quad_class is None else f"q{int(flt.quad_class)}"
    return int(cur.execute(f"SELECT coalesce(sum({col}), 0) FROM {rel}", params).fetchone()[0])


def _probe_last_key(
    cur: duckdb.DuckDBPyConnection, where: str, params: list[Any], sort: str, end: int, table: str = "events"
) -> Any:
    """The last sort key a page ending at `end` needs (as `_last_key` gives it), read as the `end`-th
    key of the matches: ordered by one column, DuckDB keeps the best `end` keys and pushes the worst of
    them into the scan as it goes (a dynamic filter), so a date order reads little more than the row
    groups of the newest (or oldest) matches; used where the count comes from a summary table and no
    pass over the matches is made anyway. None: the page reaches the NULL keys or the end."""
    col, direction = SORT_KEYS[sort]
    row = cur.execute(
        f"SELECT {col} FROM {table} e WHERE {where} ORDER BY {col} {direction} NULLS LAST LIMIT 1 OFFSET ?",
        params + [end - 1],
    ).fetchone()
    return row[0] if row else None


def list_events(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int, sort: str = "-date"
                ) -> dict[str, Any]:
    """One page of the filtered events (flat fields plus their actors) and the total count.

    Where a summary table counts the filter's events (one actor or country, a quad class, a basis), the
    total is read from it and the page's last key probed (`_probe_last_key`) instead of counting the
    matches: at 10M events the actor condition alone costs 100-250 ms of CPU per pass.
    """
    sc = event_scope(cur, flt)
    total = _summed_total(cur, flt)
    if total is None:
        total, ids = _count_and_page(cur, sc.where, sc.params, sort, limit, offset, sc.table)
    else:
        end = offset + limit
        last = (_probe_last_key(cur, sc.where, sc.params, sort, end, sc.table)
                if offset < total and _bounds_sql(sort, end) is not None else None)
        ids = _page_ids(cur, sc.where, sc.params, sort, limit, offset, total, last, sc.table)
    return {"unit": "mentions", "total": total, "limit": limit, "offset": offset, "items": _events_by_id(cur, ids)}


MERGED_COLUMNS = (
    "m.id, m.event_date, m.date_value, m.date_precision, m.source_code, m.source_name, m.target_code, m.target_name, "
    "m.cameo, m.cameo_root, m.cameo_name, m.plover, m.goldstein, m.quad_class, m.negated, m.location_name, "
    "m.location_country, m.location_lat, m.location_lon, m.num_mentions, m.num_articles, m.num_sources, "
    "m.is_root_event, m.avg_tone, m.confidence, m.first_article_id"
)
MERGED_SORTS = {
    "date": "m.event_date ASC NULLS LAST, m.id", "-date": "m.event_date DESC NULLS LAST, m.id",
    "goldstein": "m.goldstein ASC, m.id", "-goldstein": "m.goldstein DESC, m.id", "article": "m.first_article_id, m.id",
}


def list_merged(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int, sort: str = "-date"
                ) -> dict[str, Any]:
    """One page of the filtered events merged across articles (`unit=events`), each with its first
    mention (the sentence that links to the evidence), and the total count."""
    if not has_table(cur, "merged_events"):
        raise QueryError("this database has no merged events; run `dyads events` once to merge them")
    where, params = flt.where("m", unit="events", word_index=bool(flt.q) and words.has_word_index(cur))
    total = cur.execute(f"SELECT count(*) FROM merged_events m WHERE {where}", params).fetchone()[0]
    rows = _clean(_rows(
        cur,
        f"SELECT {MERGED_COLUMNS} FROM merged_events m WHERE {where} ORDER BY {MERGED_SORTS[sort]} LIMIT ? OFFSET ?",
        params + [limit, offset],
    ))
    if rows:
        firsts = dict(cur.execute(
            "SELECT l.event_id, arg_min(l.mention_id, (NOT l.is_root, l.article_id, l.mention_id)) "
            "FROM event_mentions l "
            "WHERE l.event_id IN (SELECT unnest(?)) GROUP BY 1", [[r["id"] for r in rows]]
        ).fetchall())
        mentions = {r["id"]: r for r in _events_by_id(cur, list(set(firsts.values())))}
        for r in rows:
            r["mention"] = mentions.get(firsts.get(r["id"]))
    return {"unit": "events", "total": total, "limit": limit, "offset": offset, "items": rows}


def event_record(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    row = cur.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    return records_json.loads(row[0]) if row else None


def event_page(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One mention for its page: the contract record, its rule and location basis, its article's
    title, the quote it sits in, and the merged event it belongs to with that event's other mentions."""
    row = cur.execute(
        "SELECT e.record, e.rule, e.location_basis, a.title, a.publication_date, a.source FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.id = ?", [event_id]
    ).fetchone()
    if row is None:
        return None
    rec = records_json.loads(row[0])
    out: dict[str, Any] = {"record": rec, "rule": row[1], "location_basis": row[2],
                           "article": {"id": rec["article_id"], "title": row[3], "publication_date": _jsonable(row[4]),
                                       "source": row[5]},
                           "quote": None, "merged": None, "mentions": []}
    if rec.get("quote_index") is not None:
        out["quote"] = (_clean(_rows(
            cur, "SELECT position, text, kind, speaker_text, speaker_name, speaker_code, cue_text FROM quotes "
            "WHERE article_id = ? AND position = ?", [rec["article_id"], rec["quote_index"]])) or [None])[0]
    if has_table(cur, "merged_events") and has_table(cur, "event_mentions"):
        merged = _clean(_rows(
            cur, f"SELECT {MERGED_COLUMNS} FROM merged_events m WHERE m.id = "
            "(SELECT event_id FROM event_mentions WHERE mention_id = ? LIMIT 1)", [event_id]))
        if merged:
            out["merged"] = merged[0]
            ids = [r[0] for r in cur.execute(
                "SELECT mention_id FROM event_mentions WHERE event_id = ? ORDER BY article_id, mention_id",
                [merged[0]["id"]]).fetchall()]
            out["mentions"] = _events_by_id(cur, ids)
    return out


def event_explanation(cur: duckdb.DuckDBPyConnection, event_id: str, coder: Any) -> dict[str, Any] | None:
    """Why the event was coded: its article coded again by `coder` and explained, as `dyads explain` does
    (`Coder.explain_event`): the sentence's actors, every candidate predicate with the pattern (file:line)
    it matched or why it was dropped, and the named passes that kept this one. None: no such event."""

    from dyads.events.filters import PASSES
    from dyads.models import Article

    row = cur.execute(
        "SELECT e.sentence_index, e.trigger_start, e.cameo, a.id, a.text, a.publication_date, a.title, a.source, "
        "a.url FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?", [event_id]).fetchone()
    if row is None:
        return None
    sentence_index, trigger_start, cameo, aid, text, published, title, source, url = row
    article = Article(id=aid, text=text, publication_date=published, title=title, source=source, url=url)
    ex = coder.explain_event(article, sentence_index, trigger_start)
    if ex.found and ex.predicate is not None and ex.predicate.code != cameo:
        note: str | None = (f"the coder as it is now codes this predicate {ex.predicate.code}, the database holds "
                            f"{cameo}: it was coded by another version of dyads or its dictionaries")
    elif not ex.found:
        note = ("the coder as it is now (its dictionaries and default options) does not code this event from "
                "this sentence: the database was coded with other dictionaries or options (--one-sided, --dict)")
    else:
        note = None
    return {"event_id": event_id, "found": ex.found, "stored_cameo": cameo, "note": note,
            "sentence": dataclasses.asdict(ex.sentence) if ex.sentence else None,
            "predicate": dataclasses.asdict(ex.predicate) if ex.predicate else None,
            "passes": {name: why for name, why in PASSES}}


def _actor_names(cur: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, str | None]:
    """What each code means, from the dictionaries (`code_label`), not the name of one person in it."""
    return {c: code_label(c) for c in codes}


IMPLAUSIBLE = "0001-01-01"  # the period the events grouping gives implausible dates (kept off the axis)


def _step(day: date, interval: str) -> date:
    """The start of the period after the one starting on `day`."""
    if interval == "day":
        return day + timedelta(days=1)
    if interval == "week":
        return day + timedelta(days=7)
    if interval == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


MAX_PERIODS = 5000  # a continuous axis longer than this keeps only the periods with events


def fill_periods(rows: list[dict[str, Any]], interval: str, zero: dict[str, Any]) -> list[dict[str, Any]]:
    """The periods from the first to the last of `rows` (sorted, ISO `period`), with `zero` for the empty
    ones: a time axis where a gap shows as a gap, and a line through counts drops to zero in it."""
    if not rows:
        return rows
    have = {r["period"]: r for r in rows}
    first, last = date.fromisoformat(rows[0]["period"]), date.fromisoformat(rows[-1]["period"])
    out, day = [], first
    while day <= last:
        key = day.isoformat()
        out.append(have.get(key) or {"period": key, **zero})
        if len(out) > MAX_PERIODS:
            return rows
        day = _step(day, interval)
    return out


def _quad_sums(prefix: str = "") -> str:
    return ", ".join(f"coalesce(sum(n) FILTER (WHERE quad_class = {q}), 0) AS {prefix}q{q}" for q in QUAD_CLASS_NAMES)


def _overview_from_summaries(cur: duckdb.DuckDBPyConnection, bucket: str, top: int) -> dict[str, Any]:
    """The unfiltered overview from the summary tables (`dyads.store.summaries`), without grouping events."""
    n_events, undated, implausible, *quads = cur.execute(
        "SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE event_date IS NULL), 0), "
        f"coalesce(sum(n) FILTER (WHERE {implausible_sql('s')}), 0), {_quad_sums()} FROM summary_days s"
    ).fetchone()
    # every event belongs to an article whose n_events counts it (Store.write writes both)
    n_articles = cur.execute("SELECT count(*) FROM articles WHERE n_events > 0").fetchone()[0]
    timeline = _clean(_rows(
        cur,
        f"SELECT date_trunc('{bucket}', event_date)::DATE AS period, {_quad_sums()}, sum(n) AS total "
        f"FROM summary_days s WHERE event_date IS NOT NULL AND NOT {implausible_sql('s')} GROUP BY 1 ORDER BY 1",
        [],
    ))
    top_actors = _rows(
        cur, "SELECT code, n, as_source, as_target FROM summary_actors ORDER BY n DESC, code LIMIT ?", [top]
    )
    top_dyads = _rows(
        cur,
        "SELECT src AS source, tgt AS target, n, round(goldstein_sum / goldstein_n, 2) AS goldstein "
        "FROM summary_pairs WHERE level = 'code' ORDER BY n DESC, 1, 2 LIMIT ?",
        [top],
    )
    top_places = _rows(
        cur,
        "SELECT name, country, sum(n) AS n FROM summary_places WHERE name IS NOT NULL OR country IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY n DESC, 1 NULLS LAST, 2 LIMIT ?",
        [top],
    )
    roots = cur.execute("SELECT cameo_root, sum(n) FROM summary_days GROUP BY 1 ORDER BY 1").fetchall()
    return {"events": n_events, "articles": n_articles, "undated": undated, "implausible": implausible,
            "quads": quads, "timeline": timeline,
            "roots": roots, "top_actors": top_actors, "top_dyads": top_dyads, "top_places": top_places}


def _overview_from_events(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, bucket: str, top: int, keep: bool | None = None,
    index: bool = True,
) -> dict[str, Any]:
    """The overview of the filtered events, in one statement over the matches `m`.

    The matches are read where `queries.event_scope` finds them (a key's rows of the actor index, or
    `events`; `index=False`: `events`, for the tests); the events of one key, nothing else filtered, are
    counted from the summary tables as far as they can be (`_overview_of_key`).

    With an actor condition (actor, source, target, country) read from `events`, `m` is materialised
    (on a key's rows of the index the condition is cheap and `m` is inlined): the filter is evaluated
    once and the eleven columns the groupings need are kept, where it used to be evaluated four times
    (at 10M events each evaluation costs 100-250 ms of CPU, the cost of these filters;
    docs/performance.md). Any other filter is cheap to evaluate (a code or date range) and `m` is
    inlined into each grouping, which then reads only the columns it needs: kept, it would cost more
    than it saves. Single-actor events are grouped by their (source, target) pair once (`flat`), and
    both the top actors and the top dyads are summed from that, plus the few events with compound
    actors counted code by code.
    """
    if index and _dates_only(flt) and has_summaries(cur) and has_month_summaries(cur):
        parts = _overview_of_dates(cur, flt, bucket, top)
        if parts is not None:
            return _overview_values(*parts)
    sc = event_scope(cur, flt) if index else Scope("events", *_where(cur, flt))
    if keep is None:  # the tests ask for both forms
        keep = sc.table == "events" and bool(flt.actor or flt.source or flt.target or flt.country)
    articles = sc.articles or "count(DISTINCT e.article_id)"
    if sc.key is not None and sc.key[0] != "r" and has_summaries(cur):
        parts = _overview_of_key(cur, sc, bucket, top)
    else:
        parts = _overview_parts(cur, sc, bucket, top, keep, articles)
    return _overview_values(*parts)


# the overview's last two columns, from the `actor_rows` (code, n, s, t) and `pair_rows` (src, tgt, n, g_sum,
# g_n) of its statement: the top actors with their roles and the top dyads with their mean Goldstein score
_TOP_ACTORS_AND_DYADS = (
    "(SELECT list({'code': code, 'n': n, 'as_source': as_source, 'as_target': as_target} "
    "ORDER BY n DESC, code) FROM (SELECT code, CAST(sum(n) AS BIGINT) AS n, CAST(sum(s) AS BIGINT) AS as_source, "
    "CAST(sum(t) AS BIGINT) AS as_target FROM actor_rows GROUP BY code ORDER BY n DESC, code LIMIT ?)), "
    "(SELECT list({'source': src, 'target': tgt, 'n': n, 'goldstein': goldstein} ORDER BY n DESC, src, tgt) "
    "FROM (SELECT src, tgt, CAST(sum(n) AS BIGINT) AS n, round(sum(g_sum) / sum(g_n), 2) AS goldstein "
    "FROM pair_rows GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?))"
)


def _overview_of_key(cur: duckdb.DuckDBPyConnection, sc: Scope, bucket: str, top: int) -> tuple:
    """The overview's parts for the events of one actor key (`Scope.key`: an actor or country of three
    letters, or a whole code of three), from the key's rows of the actor index and the summary tables.

    Every event with a code that matches the key is one of its events, so the rows of `summary_actors`
    and `summary_pairs` with such a code (a side of the pair) count exactly the key's events that have
    it: they are the top actors' and dyads' counts for those codes, read instead of grouping the key's
    events by pair (805,403 events of RUS at 10M: most of their overview's 370 ms of CPU). The rows read
    are the codes that do not match: the other side of single-actor events, and the codes and pairs of
    events with compound actors. The places are the key's rows of `summary_map`; the days and roots are
    grouped from the key's rows, and the distinct articles counted by their marks. tests/test_web.py
    checks every part against the events grouped.
    """
    kind, key = sc.key
    single = single_sql("e")

    def match(col: str) -> str:
        return f"{'prefix(' + col + ', ?)' if kind == 'p' else col + ' = ?'}"

    n_articles, by_period_quad, roots, top_actors, top_dyads = cur.execute(
        "WITH m AS NOT MATERIALIZED (SELECT e.seq, e.event_date, e.quad_class, e.cameo_root, e.source_code, "
        "e.target_code, e.source_extra, e.target_extra, e.goldstein, e.first, e.first_exact "
        f"FROM {sc.table} e WHERE {sc.where}), "
        "days AS (SELECT event_date, quad_class, count(*) AS n FROM m GROUP BY ALL), "
        "comp AS MATERIALIZED (SELECT e.seq, e.source_code, e.target_code, e.source_extra, e.target_extra, "
        f"e.goldstein FROM m e WHERE NOT {single}), "
        # the compound events' codes that do not match the key, once per event with their roles
        f"codes AS MATERIALIZED (SELECT * FROM ({compound_codes_sql('comp')}) WHERE NOT {match('code')}), "
        "actor_rows AS (SELECT code, n, as_source AS s, as_target AS t FROM summary_actors "
        f"WHERE {match('code')} "
        # a single-actor event of the key has at most one side that does not match it
        "UNION ALL SELECT code, count(*), count(*) FILTER (WHERE src), count(*) FILTER (WHERE NOT src) FROM "
        f"(SELECT CASE WHEN NOT {match('e.source_code')} THEN e.source_code ELSE e.target_code END AS code, "
        f"NOT {match('e.source_code')} AS src FROM m e WHERE {single} "
        f"AND (NOT {match('e.source_code')} OR NOT {match('e.target_code')})) GROUP BY code "
        "UNION ALL SELECT code, 1, s, t FROM codes), "
        "pair_rows AS (SELECT src, tgt, n, goldstein_sum AS g_sum, goldstein_n AS g_n FROM summary_pairs "
        f"WHERE level = 'code' AND ({match('src')} OR {match('tgt')}) "
        "UNION ALL SELECT a.code, b.code, 1, c.goldstein, CAST(c.goldstein IS NOT NULL AS INTEGER) "
        "FROM codes a JOIN codes b ON a.seq = b.seq AND a.s = 1 AND b.t = 1 JOIN comp c ON c.seq = a.seq) "
        f"SELECT (SELECT {sc.articles} FROM m e), "
        "(SELECT list({'period': period, 'quad_class': quad_class, 'n': n}) FROM (SELECT period, quad_class, "
        "CAST(sum(n) AS BIGINT) AS n FROM (SELECT CASE WHEN "
        f"{implausible_sql('d')} THEN DATE '{IMPLAUSIBLE}' ELSE date_trunc('{bucket}', d.event_date)::DATE END "
        "AS period, d.quad_class, d.n FROM days d) GROUP BY ALL)), "
        "(SELECT list({'root': cameo_root, 'n': n} ORDER BY cameo_root) FROM "
        "(SELECT cameo_root, count(*) AS n FROM m GROUP BY 1)), "
        + _TOP_ACTORS_AND_DYADS,
        sc.params + [key] * 8 + [top, top],
    ).fetchone()
    top_places = _rows(
        cur,
        "SELECT name, country, CAST(sum(n) AS BIGINT) AS n FROM summary_map WHERE kind = ? AND actor = ? "
        "AND (name IS NOT NULL OR country IS NOT NULL) GROUP BY 1, 2 ORDER BY n DESC, 1 NULLS LAST, 2 LIMIT ?",
        [kind, key, top],
    )
    return n_articles, by_period_quad, roots, top_places, top_actors, top_dyads


def _dates_only(flt: EventFilter) -> bool:
    """True for a filter of a date range and nothing else (the timeline's brush, `?date_from=...&date_to=...`)."""
    return bool(flt.date_from or flt.date_to) and dataclasses.replace(flt, date_from=None, date_to=None).is_empty()


def _whole_months(lo: date, hi: date) -> tuple[date, date] | None:
    """The first days of the first and last whole calendar months within lo..hi, or None if there is none."""
    first = lo if lo.day == 1 else _step(lo, "month")
    month_of_hi = hi.replace(day=1)
    last = month_of_hi if (hi + timedelta(days=1)).day == 1 else (month_of_hi - timedelta(days=1)).replace(day=1)
    return (first, last) if first <= last else None


def _edge_sql(a: date, b: date, first: date, after: date) -> tuple[str, list[date]]:
    """The condition on an event `e` of the days a..b outside the whole months first..after (excluded)."""
    before, behind = a < first, after <= b
    if before and behind:
        return "(e.event_date >= ? AND e.event_date <= ? AND (e.event_date < ? OR e.event_date >= ?))", \
            [a, b, first, after]
    if before or behind:
        return "(e.event_date >= ? AND e.event_date <= ?)", [a, first - timedelta(days=1)] if before else [after, b]
    return "FALSE", []


def _overview_of_dates(cur: duckdb.DuckDBPyConnection, flt: EventFilter, bucket: str, top: int) -> tuple | None:
    """The overview's parts for a filter of dates alone, summed from the summary tables where it covers whole
    months; None when it covers none (the events are then grouped, `_overview_parts`).

    Why: the overview of a quarter groups every event of it (831,285 at 10M generated events, with 468,649
    distinct pairs: 0.5-0.6 s on two idle cores, docs/performance.md). The days, quad classes and roots are
    `summary_days`' rows of the range; the places, actors and articles are the month tables' rows of its
    whole months (`summaries.MONTH_SUMMARIES`) plus what the events of the days outside them count (the
    "edge": a range need not start or end on a month's bounds). The articles are counted distinct over both.

    The top dyads are found without summing every pair (exact, as `_overview_parts` gives them): each whole
    month and the edge is a part, k parts in all. The pairs with the most events in any one part or over all
    dates (seeds) are summed over all parts; the `top`-th largest of their sums, L, is at most the `top`-th
    largest sum of any pair. A pair with a sum of L or more has at least L / k in some part and at least L
    events over all dates (`summary_pairs`), so only the pairs with both can be among the top ones; only they
    are summed.
    """
    lo, hi = cur.execute("SELECT min(event_date), max(event_date) FROM summary_days").fetchone()
    if lo is None:
        return None
    a, b = max(flt.date_from or lo, lo), min(flt.date_to or hi, hi)
    months = _whole_months(a, b) if a <= b else None
    if months is None:
        return None
    first, last = months
    after = _step(last, "month")
    n_months = (last.year - first.year) * 12 + last.month - first.month + 1
    # the events of the range outside its whole months, as one date range where they can be (an OR of two
    # ranges, or a range that holds no day, reads the date of every event: 20 ms a read at 10M events)
    edge, edge_params = _edge_sql(a, b, first, after)
    in_months = "month >= ? AND month <= ?"
    actors_sql, n_actors = actor_counts_sql("events", edge)
    pairs, n_pairs = pairs_sql("events", edge)
    implausible = implausible_sql("d", plausible_bounds(cur))
    sql = (
        "WITH days AS (SELECT d.event_date, d.quad_class, d.cameo_root, d.n FROM summary_days d "
        "WHERE d.event_date >= ? AND d.event_date <= ?), "
        "actor_rows AS (SELECT code, n, as_source AS s, as_target AS t FROM summary_month_actors "
        f"WHERE {in_months} UNION ALL SELECT code, n, as_source, as_target FROM ({actors_sql})), "
        "edge_pairs AS MATERIALIZED (SELECT src, tgt, count(*) AS n, sum(goldstein) AS g_sum, "
        f"count(goldstein) AS g_n FROM ({pairs}) GROUP BY ALL), "
        "p AS (SELECT src, tgt, n, goldstein_sum AS g_sum, goldstein_n AS g_n FROM summary_month_pairs "
        f"WHERE {in_months} UNION ALL SELECT src, tgt, n, g_sum, g_n FROM edge_pairs), "
        # the seeds: the pairs of the largest parts, and those with the most events over all dates (over many
        # months the largest parts are a few pairs' months)
        "seeds AS (SELECT src, tgt FROM (SELECT src, tgt FROM p ORDER BY n DESC LIMIT ?) UNION SELECT src, tgt "
        "FROM (SELECT src, tgt FROM summary_pairs WHERE level = 'code' ORDER BY n DESC LIMIT ?)), "
        "seed_sums AS (SELECT sum(p.n) AS n FROM p SEMI JOIN seeds s ON s.src = p.src AND s.tgt = p.tgt "
        "GROUP BY p.src, p.tgt ORDER BY n DESC LIMIT ?), "
        "bound AS (SELECT CASE WHEN count(*) >= ? THEN min(n) ELSE 0 END AS l FROM seed_sums), "
        "parts AS (SELECT ? + (SELECT CAST(count(*) > 0 AS INTEGER) FROM edge_pairs) AS k), "
        # a pair's sum is at most its count over all dates (`summary_pairs`): over many months the parts'
        # bound is weak and this one strong
        "big AS (SELECT src, tgt FROM summary_pairs WHERE level = 'code' AND n >= (SELECT l FROM bound)), "
        "candidates AS (SELECT DISTINCT p.src, p.tgt FROM p SEMI JOIN big b ON b.src = p.src AND b.tgt = p.tgt "
        "WHERE p.n * (SELECT k FROM parts) >= (SELECT l FROM bound)), "
        "pair_rows AS (SELECT p.src, p.tgt, p.n, p.g_sum, p.g_n FROM p "
        "SEMI JOIN candidates c ON c.src = p.src AND c.tgt = p.tgt) "
        "SELECT (SELECT count(DISTINCT article_id) FROM (SELECT article_id FROM summary_month_articles "
        f"WHERE {in_months} UNION ALL SELECT e.article_id FROM events e WHERE {edge})), "
        "(SELECT list({'period': period, 'quad_class': quad_class, 'n': n}) FROM (SELECT CASE WHEN "
        f"{implausible} THEN DATE '{IMPLAUSIBLE}' ELSE date_trunc('{bucket}', d.event_date)::DATE END AS period, "
        "d.quad_class, CAST(sum(d.n) AS BIGINT) AS n FROM days d GROUP BY ALL)), "
        "(SELECT list({'root': cameo_root, 'n': n} ORDER BY cameo_root) FROM (SELECT cameo_root, "
        "CAST(sum(n) AS BIGINT) AS n FROM days GROUP BY 1)), "
        "(SELECT list({'name': name, 'country': country, 'n': n} ORDER BY n DESC, name NULLS LAST, country) "
        "FROM (SELECT name, country, CAST(sum(n) AS BIGINT) AS n FROM (SELECT name, country, n FROM "
        f"summary_month_places WHERE {in_months} UNION ALL SELECT e.location_name, e.location_country, 1 "
        f"FROM events e WHERE {edge} AND (e.location_name IS NOT NULL OR e.location_country IS NOT NULL)) "
        "GROUP BY 1, 2 ORDER BY n DESC, 1 NULLS LAST, 2 LIMIT ?)), "
        + _TOP_ACTORS_AND_DYADS
    )
    params = [a, b, first, last, *edge_params * n_actors, *edge_params * n_pairs, first, last, 3 * top, 3 * top,
              top, top,
              n_months, first, last, *edge_params, first, last, *edge_params, top, top, top]
    return cur.execute(sql, params).fetchone()


def _overview_parts(
    cur: duckdb.DuckDBPyConnection, sc: Scope, bucket: str, top: int, keep: bool, articles: str
) -> tuple:
    """The overview's parts grouped from the matches (see `_overview_from_events`)."""
    where, params = sc.where, sc.params
    single = single_sql("e")
    # the plausible dates as constants: as subqueries they were joined to every match of each grouping
    # (at 10M events cameo=19 by week 984-1,474 -> 831-1,006 ms of CPU; docs/performance.md)
    implausible = implausible_sql("e", plausible_bounds(cur))
    return cur.execute(
        f"WITH m AS {'MATERIALIZED' if keep else 'NOT MATERIALIZED'} (SELECT CASE WHEN "
        f"{implausible} THEN DATE '{IMPLAUSIBLE}' ELSE date_trunc('{bucket}', e.event_date)::DATE END "
        "AS period, e.quad_class, e.cameo_root, e.location_name, e.location_country, e.article_id, "
        "e.source_code, e.target_code, e.source_extra, e.target_extra, e.goldstein"
        + (", e.first, e.exact, e.first_exact" if sc.articles else "") + " "
        f"FROM {sc.table} e WHERE {where}), "
        # the counts by period x quad class, by CAMEO root and by place
        "g AS MATERIALIZED (SELECT grouping(period, quad_class) AS g_pq, grouping(cameo_root) AS g_r, "
        "grouping(location_name, location_country) AS g_l, period, quad_class, cameo_root, location_name, "
        "location_country, count(*) AS n FROM m GROUP BY GROUPING SETS ((period, quad_class), (cameo_root), "
        "(location_name, location_country))), "
        "flat AS MATERIALIZED (SELECT e.source_code, e.target_code, count(*) AS n, "
        f"sum(e.goldstein) AS g_sum, count(e.goldstein) AS g_n FROM m e WHERE {single} GROUP BY ALL), "
        # the few events with compound actors, read once for both their actors and their pairs
        "comp AS MATERIALIZED (SELECT e.source_code, e.target_code, e.source_extra, e.target_extra, e.quad_class, "
        f"e.goldstein FROM m e WHERE NOT {single}), "
        "actor_rows AS (SELECT source_code AS code, n, n AS s, "
        "CASE WHEN target_code IS NOT DISTINCT FROM source_code THEN n ELSE 0 END AS t FROM flat "
        "WHERE source_code IS NOT NULL "
        "UNION ALL SELECT target_code, n, 0, n FROM flat WHERE target_code IS NOT NULL "
        "AND target_code IS DISTINCT FROM source_code "
        f"UNION ALL SELECT code, 1, s, t FROM ({compound_actors_sql('comp', 'TRUE')})), "
        "pair_rows AS (SELECT source_code AS src, target_code AS tgt, n, g_sum, g_n FROM flat "
        "WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
        "UNION ALL SELECT src, tgt, 1, goldstein, CAST(goldstein IS NOT NULL AS INTEGER) "
        f"FROM ({compound_pairs_sql('comp', 'TRUE', 'code')})) "
        f"SELECT (SELECT {articles} FROM m e), "
        "(SELECT list({'period': period, 'quad_class': quad_class, 'n': n}) FROM g WHERE g_pq = 0), "
        "(SELECT list({'root': cameo_root, 'n': n} ORDER BY cameo_root) FROM g WHERE g_r = 0), "
        "(SELECT list({'name': location_name, 'country': location_country, 'n': n} "
        "ORDER BY n DESC, location_name NULLS LAST, location_country) FROM (SELECT * FROM g WHERE g_l = 0 "
        "AND (location_name IS NOT NULL OR location_country IS NOT NULL) "
        "ORDER BY n DESC, location_name NULLS LAST, location_country LIMIT ?)), "
        + _TOP_ACTORS_AND_DYADS,
        params + [top, top, top],
    ).fetchone()


def _overview_values(
    n_articles: int, by_period_quad: list | None, roots: list | None, top_places: list | None,
    top_actors: list | None, top_dyads: list | None,
) -> dict[str, Any]:
    """The overview's totals and timeline from its parts (counts by period and quad class, ...)."""
    by_period_quad = by_period_quad or []
    n_events = sum(r["n"] for r in by_period_quad)
    undated = sum(r["n"] for r in by_period_quad if r["period"] is None)
    implausible = sum(r["n"] for r in by_period_quad if r["period"] == date.fromisoformat(IMPLAUSIBLE))
    quads_row = [sum(r["n"] for r in by_period_quad if r["quad_class"] == q) for q in QUAD_CLASS_NAMES]
    periods: dict[Any, dict[str, Any]] = {}
    for r in by_period_quad:
        if r["period"] is None or r["period"] == date.fromisoformat(IMPLAUSIBLE):
            continue
        row = periods.setdefault(r["period"], {"period": r["period"], **{f"q{q}": 0 for q in QUAD_CLASS_NAMES},
                                               "total": 0})
        if r["quad_class"] in QUAD_CLASS_NAMES:
            row[f"q{r['quad_class']}"] += r["n"]
        row["total"] += r["n"]
    timeline = _clean([periods[k] for k in sorted(periods)])
    roots = [(r["root"], r["n"]) for r in roots or []]
    return {"events": n_events, "articles": n_articles, "undated": undated, "implausible": implausible,
            "quads": quads_row,
            "timeline": timeline, "roots": roots, "top_actors": top_actors or [], "top_dyads": top_dyads or [],
            "top_places": top_places or []}


def overview(cur: duckdb.DuckDBPyConnection, flt: EventFilter, interval: str = "month", top: int = 10) -> dict:
    """Totals, events over time by quad class, and the top actors, dyads, places and CAMEO roots."""
    bucket = INTERVALS[interval]
    if flt.is_empty() and has_summaries(cur):
        v = _overview_from_summaries(cur, bucket, top)
    else:
        v = _overview_from_events(cur, flt, bucket, top)
    names = _actor_names(cur, [a["code"] for a in v["top_actors"]])
    for a in v["top_actors"]:
        a["name"] = names.get(a["code"])
    onto = load_ontology()
    by_root = [{"code": r, "name": onto.get(r).name if r in onto else None, "n": n} for r, n in v["roots"]]
    by_quad = dict(zip(QUAD_CLASS_NAMES, v["quads"], strict=True))
    return {
        "events": v["events"],
        "articles": v["articles"],
        "undated": v["undated"],
        "implausible": v["implausible"],
        "unit": "mentions",
        "interval": interval,
        "timeline": fill_periods(v["timeline"], interval, {**{f"q{q}": 0 for q in QUAD_CLASS_NAMES}, "total": 0}),
        "by_quad": [{"quad_class": q, "name": QUAD_CLASS_NAMES[q], "n": n} for q, n in by_quad.items()],
        "by_root": by_root,
        "top_actors": v["top_actors"],
        "top_dyads": v["top_dyads"],
        "top_places": v["top_places"],
    }


def dyad(
    cur: duckdb.DuckDBPyConnection, a: str, b: str, flt: EventFilter, interval: str = "month",
    limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    """A -> B and B -> A: counts and mean Goldstein per period, and the events of both directions.

    A and B are code prefixes (RUS covers RUSGOV) or, with the filter's `match="exact"`, whole codes;
    an event is A -> B when one of its sources matches A and one of its targets B. Every such event has
    both A and B among its actors, so the events are read from the rows of the rarer side's key in the
    actor index (`queries.event_scope`) where it has one: a few row groups instead of every event.
    """
    sc = event_scope(cur, flt, implied=(a, b))
    where, params = sc.where, sc.params
    bucket = INTERVALS[interval]
    exact = flt.match == "exact"
    src_a, p_src_a = code_match("e", "source", a, exact)
    tgt_b, p_tgt_b = code_match("e", "target", b, exact)
    src_b, p_src_b = code_match("e", "source", b, exact)
    tgt_a, p_tgt_a = code_match("e", "target", a, exact)
    ab_sql, ab_params = f"({src_a} AND {tgt_b})", p_src_a + p_tgt_b
    ba_sql, ba_params = f"({src_b} AND {tgt_a})", p_src_b + p_tgt_a
    flagged = (
        f"SELECT e.event_date, e.goldstein, e.quad_class, {ab_sql} AS ab, {ba_sql} AS ba FROM {sc.table} e "
        f"WHERE ({where}) AND ({ab_sql} OR {ba_sql})"
    )
    flag_params = ab_params + ba_params + params + ab_params + ba_params
    # one pass groups the events by day, direction and quad class (a few thousand rows); the series
    # (per period), the totals (undated events included) and the page's bound are summed from that
    # instead of aggregating every event twelve ways
    measures = ", ".join(
        f"coalesce(sum(n) FILTER (WHERE {d}), 0) AS {d}_n, "
        f"round(sum(g_sum) FILTER (WHERE {d}) / nullif(sum(g_n) FILTER (WHERE {d}), 0), 2) AS {d}_goldstein, "
        + ", ".join(f"coalesce(sum(n) FILTER (WHERE {d} AND quad_class = {q}), 0) AS {d}_q{q}"
                    for q in QUAD_CLASS_NAMES)
        for d in ("ab", "ba")
    )
    grouped_sql = (
        "WITH days AS MATERIALIZED (SELECT event_date, ab, ba, quad_class, count(*) AS n, sum(goldstein) AS g_sum, "
        f"count(goldstein) AS g_n FROM ({flagged}) GROUP BY ALL) "
        f"SELECT grouping(period) AS overall, period, CAST(coalesce(sum(n), 0) AS BIGINT) AS total, {measures}, "
        "CASE WHEN grouping(period) = 1 THEN (SELECT list({'d': event_date, 'n': n} ORDER BY event_date NULLS LAST) "
        "FROM "
        "(SELECT event_date, CAST(sum(n) AS BIGINT) AS n FROM days GROUP BY 1)) END AS by_day "
        f"FROM (SELECT *, CASE WHEN NOT {implausible_sql('days')} THEN date_trunc('{bucket}', event_date)::DATE END "
        "AS period FROM days) "
        "GROUP BY GROUPING SETS ((period), ()) ORDER BY overall, period"
    )
    grouped = _rows(cur, grouped_sql, flag_params)
    total = next(r for r in grouped if r["overall"])
    for r in grouped:
        for d in ("ab", "ba"):
            for k in [f"{d}_n", *(f"{d}_q{q}" for q in QUAD_CLASS_NAMES)]:
                r[k] = int(r[k])
    # the last date the page needs (oldest first): the rows up to it are sorted, not all matches
    last, seen, end = None, 0, offset + limit
    for day in total["by_day"] or []:
        seen += day["n"]
        if seen >= end:
            last = day["d"]
            break
    page = _page_ids(cur, f"({where}) AND ({ab_sql} OR {ba_sql})", params + ab_params + ba_params, "date",
                     limit, offset, total["total"], last, sc.table)
    # every period from the first to the last (empty ones zero, their Goldstein none: the line breaks);
    # implausible dates are in the totals, not on the axis
    series = fill_periods(_clean([
        {k: r[k] for k in ("period", "ab_n", "ab_goldstein", "ba_n", "ba_goldstein")}
        for r in grouped if not r["overall"] and r["period"] is not None
    ]), interval, {"ab_n": 0, "ab_goldstein": None, "ba_n": 0, "ba_goldstein": None})
    totals = {d: {"n": total[f"{d}_n"], "goldstein": total[f"{d}_goldstein"],
                  "by_quad": {str(q): total[f"{d}_q{q}"] for q in QUAD_CLASS_NAMES}} for d in ("ab", "ba")}
    events = {"total": total["total"], "limit": limit, "offset": offset, "items": _events_by_id(cur, page)}
    a_up, b_up = a.strip().upper(), b.strip().upper()
    for it in events["items"]:
        src_codes = [x["code"] or "" for x in it["source"]]
        tgt_codes = [x["code"] or "" for x in it["target"]]
        def has(codes: list[str], code: str) -> bool:
            return code in codes if exact else any(c.startswith(code) for c in codes)

        ab = has(src_codes, a_up) and has(tgt_codes, b_up)
        it["direction"] = "ab" if ab else "ba"
    return {"a": a_up, "b": b_up, "interval": interval, "totals": totals, "series": series, "events": events}


def network(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, level: str = "code", limit: int = 60, min_count: int = 1
) -> dict[str, Any]:
    """Actors as nodes and source->target edges weighted by event counts, split cooperation/conflict.

    `level="country"` merges actors into their country and keeps only countries (the dictionaries'
    country codes): sectors without a country (GOV, BUS, MED) and organisations are not countries.
    A node's `n` is the sum of its edges' counts (its size), not a count of events.
    """
    only, only_params = "", []
    if level == "country":
        only, only_params = " AND src IN (SELECT unnest(?)) AND tgt IN (SELECT unnest(?))", [country_codes()] * 2
    if flt.is_empty() and has_summaries(cur):
        edges = _rows(
            cur,
            "SELECT src AS source, tgt AS target, n, q1 + q2 AS cooperation, q3 + q4 AS conflict, "
            "round(goldstein_sum / goldstein_n, 2) AS goldstein FROM summary_pairs "
            f"WHERE level = ? AND src <> tgt{only} AND n >= ? ORDER BY n DESC, 1, 2 LIMIT ?",
            [level, *only_params, min_count, limit],
        )
    else:
        sc = event_scope(cur, flt)
        where, params = sc.where, sc.params
        pairs, uses = pairs_sql(sc.table, where, level)
        edges = _rows(
            cur,
            "SELECT src AS source, tgt AS target, count(*) AS n, "
            "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
            f"round(avg(goldstein), 2) AS goldstein FROM ({pairs}) WHERE src <> tgt{only} "
            "GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY n DESC, 1, 2 LIMIT ?",
            params * uses + only_params + [min_count, limit],
        )
    weight: dict[str, int] = {}
    for e in edges:
        e["kind"] = "cooperation" if e["cooperation"] >= e["conflict"] else "conflict"
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["n"]
    names = _actor_names(cur, list(weight))
    nodes = [{"id": k, "name": names.get(k), "n": n} for k, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes, "edges": edges}


def map_points(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 2000) -> dict[str, Any]:
    """Mentions by place: points (a place name and country with coordinates), countries (events placed
    only by country) and the unplaced, each with its quad-class mix.

    A point is one place name in one country, so that its count is exactly the mentions the filter
    `place=<name>&place_country=<country>` selects (two towns of one name in one country are one point,
    at the first one's coordinates).
    """
    summed = has_summaries(cur)
    count, quads = "sum(n)", ", ".join(f"sum(q{q}) AS q{q}" for q in QUAD_CLASS_NAMES)
    params: list[Any] = []
    if flt.is_empty() and summed:
        # the places' counts, grouped as the events would be
        rel = ("(SELECT name AS location_name, country AS location_country, lat AS location_lat, "
               "lon AS location_lon, n, q1, q2, q3, q4 FROM summary_places)")
    elif summed and (keyed := _keyed_map_rows(flt)) is not None:
        # one actor (code or prefix) and / or a basis: the rows of its key in summary_map, which counts an
        # event once per key, exactly as the filter selects it (tests/test_web.py compares the two)
        rel, params = keyed
    else:
        where, params = _where(cur, flt)
        rel = ("(SELECT e.location_name, e.location_country, e.location_lat, e.location_lon, e.quad_class "
               f"FROM events e WHERE {where})")
        count = "count(*)"
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in QUAD_CLASS_NAMES)
    # one pass: each mention is a point (coordinates), a country (no coordinates) or unplaced
    kind = ("CASE WHEN location_lat IS NOT NULL AND location_lon IS NOT NULL THEN 'point' "
            "WHEN location_country IS NOT NULL OR location_name IS NOT NULL THEN 'country' ELSE 'unplaced' END")
    cols = ", ".join(f"'q{q}': q{q}" for q in QUAD_CLASS_NAMES)
    points, countries, unplaced = cur.execute(
        "WITH g AS MATERIALIZED (SELECT kind, name, country, round(min(location_lat), 2) AS lat, "
        f"round(min(location_lon), 2) AS lon, {count} AS n, {quads} FROM (SELECT *, {kind} AS kind, "
        f"location_country AS country, location_name AS name FROM {rel}) GROUP BY kind, name, country) "
        "SELECT (SELECT list({'name': name, 'country': country, 'lat': lat, 'lon': lon, 'n': n, "
        f"{cols}}} ORDER BY n DESC, country, name) FROM (SELECT * FROM g WHERE kind = 'point' "
        "ORDER BY n DESC, country, name LIMIT ?)), "
        f"(SELECT list({{'name': name, 'country': country, 'n': n, {cols}}} ORDER BY n DESC, country, name) "
        "FROM (SELECT * FROM g WHERE kind = 'country' ORDER BY n DESC, country, name LIMIT ?)), "
        "(SELECT coalesce(sum(n), 0) FROM g WHERE kind = 'unplaced')",
        params + [limit, limit],
    ).fetchone()
    return {"unit": "mentions", "basis": flt.basis, "points": points or [], "countries": countries or [],
            "unplaced": unplaced}


def actors(cur: duckdb.DuckDBPyConnection, q: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """Actor codes matching a code prefix or a name, with their mentions as source or target (for suggestions)."""
    cond, params = "a.code IS NOT NULL", []
    if q:
        cond += f" AND (prefix(a.code, ?) OR {_icontains('a.name')})"
        params += [_code(q), _needle(q)]
    if has_summaries(cur):
        # mentions grouped by code, name and country: the most frequent name and country are weighted
        return _rows(
            cur,
            f"WITH m AS (SELECT a.code, a.name, a.country, a.n FROM summary_mentions a WHERE {cond}), "
            "tot AS (SELECT code, sum(n) AS n FROM m GROUP BY code HAVING sum(n) > 0), "
            "nm AS (SELECT code, arg_max(name, k) AS name FROM (SELECT code, name, sum(n) AS k FROM m "
            "WHERE name IS NOT NULL GROUP BY 1, 2 HAVING sum(n) > 0) GROUP BY code), "
            "ct AS (SELECT code, arg_max(country, k) AS country FROM (SELECT code, country, sum(n) AS k FROM m "
            "WHERE country IS NOT NULL GROUP BY 1, 2 HAVING sum(n) > 0) GROUP BY code) "
            "SELECT tot.code, nm.name, ct.country, tot.n FROM tot LEFT JOIN nm USING (code) LEFT JOIN ct USING (code) "
            "ORDER BY tot.n DESC, tot.code LIMIT ?",
            params + [limit],
        )
    return _rows(
        cur,
        "SELECT a.code, mode(a.name) AS name, mode(a.country) AS country, count(*) AS n "
        f"FROM event_actors a WHERE {cond} GROUP BY a.code ORDER BY n DESC, a.code LIMIT ?",
        params + [limit],
    )


def list_articles(
    cur: duckdb.DuckDBPyConnection, q: str | None, limit: int, offset: int, flt: EventFilter | None = None,
    has_events: bool = False,
) -> dict[str, Any]:
    """Articles, newest first, optionally those whose id or title contains `q`, and (with a non-empty
    filter, or `has_events`) only those with a matching mention: the articles the overview counts."""
    conds, params = [], []
    if q:
        # one stored lower-cased column (migration 12) instead of lower() of two columns of every article
        cond, cond_params = article_search.match_sql(_needle(q), article_search.has_search_text(cur))
        conds.append(cond)
        params += cond_params
    if flt is not None and not flt.is_empty():
        sc = event_scope(cur, flt)
        conds.append(f"id IN (SELECT e.article_id FROM {sc.table} e WHERE {sc.where})")
        params += sc.params
    elif has_events:
        conds.append("n_events > 0")
    if not conds:
        total = cur.execute("SELECT count(*) FROM articles").fetchone()[0]
        ids = [r[0] for r in cur.execute(
            "SELECT id FROM articles ORDER BY publication_date DESC NULLS LAST, id LIMIT ? OFFSET ?", [limit, offset]
        ).fetchall()]
    else:
        # one pass for the matches (the text match is the cost), then count and page them
        total, ids = cur.execute(
            f"WITH m AS MATERIALIZED (SELECT id, publication_date FROM articles WHERE {' AND '.join(conds)}) "
            "SELECT (SELECT count(*) FROM m), (SELECT list(id ORDER BY publication_date DESC NULLS LAST, id) "
            "FROM (SELECT id, publication_date FROM m ORDER BY publication_date DESC NULLS LAST, id LIMIT ? OFFSET ?))",
            params + [limit, offset],
        ).fetchone()
        ids = ids or []
    items: list[dict[str, Any]] = []
    if ids:
        rows = _clean(_rows(
            cur,
            "SELECT id, title, publication_date, source, url, n_events, location_name, location_country "
            f"FROM articles WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        ))
        by_id = {r["id"]: r for r in rows}
        items = [by_id[i] for i in ids if i in by_id]
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


SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "OPP": "opposition", "REB": "rebels",
    "INS": "insurgents", "JUD": "judiciary", "LEG": "legislature", "PTY": "party", "BUS": "business",
    "MED": "media", "JRN": "journalists", "REF": "refugees", "CVL": "civilians", "REL": "religious",
    "EDU": "education", "HLH": "health", "LAB": "labour", "NGO": "non-governmental organisation",
    "IGO": "intergovernmental organisation", "SPY": "intelligence", "UAF": "unaffiliated armed forces",
    "CRM": "criminals", "AGR": "agriculture", "ELI": "elites", "PRE": "presidency", "PRM": "prime minister",
    "SOC": "social", "UNK": "unknown", "HRI": "human rights", "ENV": "environment", "DEV": "development",
    "SEP": "separatists", "MNC": "multinational corporation",
}
"""Plain words for the CAMEO/PLOVER sector codes of `dyads.actors.dictionary.SECTORS`, for labels."""


@lru_cache(maxsize=1)
def _dictionary() -> tuple[Any, dict[str, list[Any]]]:
    """The default actor dictionary (read once per process) and its entries by code."""
    from dyads.actors.dictionary import load_actor_dictionary

    d = load_actor_dictionary()
    by_code: dict[str, list[Any]] = {}
    for e in d.actors:
        by_code.setdefault(e.code, []).append(e)
    return d, by_code


@lru_cache(maxsize=1)
def country_codes() -> list[str]:
    """The three-letter codes the dictionaries give countries (ISO 3166-1 alpha-3, and KOS)."""
    return sorted({e.code for e in _dictionary()[0].actors if e.kind == "country" and len(e.code) == 3})


def _most_common(names: list[str]) -> str | None:
    return Counter(names).most_common(1)[0][0] if names else None


def _root_names(root: str) -> list[str]:
    """What the dictionary calls the root code: its country (the most frequent name among its country
    entries), then the regions it also names (RUS: Chechnya; NAM: North America, a second meaning),
    else the most frequent name of its own entries (an organisation)."""
    entries = _dictionary()[1].get(root, [])
    country = _most_common([e.name for e in entries if e.kind == "country" and e.name])
    others = [e.name for e in entries if e.kind == "region" and e.name and e.name != country]
    if country:
        return [country, *dict.fromkeys(others)]
    own = _most_common([e.name for e in entries if e.name and e.kind not in ("person", "demonym", "capital", "seat")])
    return [own] if own else list(dict.fromkeys(others))


def code_label(code: str | None) -> str | None:
    """What a code means, from the dictionaries: "United States: government" for USAGOV, the name of an
    organisation for its own code; never one person's name for a whole country's code. The actor page
    lists every name a code has (`actor_page`), so a code with two meanings (NAM) shows both there."""
    if not code:
        return None
    from dyads.actors.dictionary import split_code

    if code in SECTOR_NAMES:  # a sector without a country (GOV, BUS)
        return SECTOR_NAMES[code]
    root, sector = split_code(code)
    if not sector:
        names = _root_names(code) if len(code) > 3 else []
        return (names or _root_names(root or code) or [None])[0]
    head = code[: code.index(sector, 3)]  # RUS of RUSGOV, IGOUNO of IGOUNOREF
    base = (_root_names(head) or _root_names(root or head) or [""])[0]
    return f"{base}: {SECTOR_NAMES.get(sector, sector)}" if base else SECTOR_NAMES.get(sector, sector)


def actor_page(cur: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any]:
    """One actor code: its meaning from the dictionaries (country or organisation, sector, the names and
    people that map to it with their periods), the names it had in this database with their date ranges,
    and its mentions as either actor, source and target (each a filter: the counts are the rows)."""
    from dyads.actors.dictionary import split_code

    code = _code(code)
    root, sector = split_code(code)
    entries = _dictionary()[1].get(code, [])
    filters = {"either": EventFilter(actor=code, match="exact"), "source": EventFilter(source=code, match="exact"),
               "target": EventFilter(target=code, match="exact")}
    summed = has_summaries(cur)
    if summed and looks_like_code(code):
        # an exact code is a row of the summaries: `n` counts an event once whichever of its actors has
        # the code, as_source / as_target once among its sources / targets, exactly the filters' rows
        # (tests/test_web.py compares them); a code no event has has no row. (A code that is not an
        # upper-case word also matches actors' names and words: counted from the events.)
        row = cur.execute("SELECT n, as_source, as_target FROM summary_actors WHERE k = ? AND code = ?",
                          [code, code]).fetchone() or (0, 0, 0)
        ns = dict(zip(filters, row, strict=True))
    else:
        ns = {}
        for role, flt in filters.items():
            where, params = flt.where("e")
            ns[role] = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    counts = {role: {"n": ns[role], "filter": flt.params()} for role, flt in filters.items()}
    # the names and words the code was found as: its summary rows, or (a Parquet store) the actor mentions
    # alone (a join with the events for their dates costs ~140 ms CPU on a million events; the periods
    # that matter, the dictionary's, are in `dictionary`)
    names = ("SELECT a.name, a.text, CAST(sum(a.n) AS BIGINT) AS n FROM summary_names a WHERE a.code = ?"
             if summed else "SELECT a.name, a.text, count(*) AS n FROM event_actors a WHERE a.code = ?")
    seen = _rows(cur, f"{names} GROUP BY 1, 2 ORDER BY n DESC, 1 NULLS LAST, 2 LIMIT 50", [code])
    return {
        "code": code, "label": code_label(code), "root": root, "root_names": _root_names(root or code),
        "sector": sector, "sector_name": SECTOR_NAMES.get(sector) if sector else None,
        "dictionary": [{"phrase": e.phrase, "kind": e.kind, "name": e.name,
                        "from": _jsonable(e.valid_from), "until": _jsonable(e.valid_until), "file": e.source}
                       for e in entries[:300]],
        "dictionary_entries": len(entries),
        "counts": counts, "unit": "mentions", "names_in_database": seen,
    }


def list_quotes(
    cur: duckdb.DuckDBPyConnection, q: str | None, speaker: str | None, article: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Quotations, newest article first: speaker (text, name, code), the words, and the events coded in them."""
    conds, params = [], []
    if q:
        conds.append(_icontains("qu.text"))
        params.append(_needle(q))
    if speaker:
        conds.append(f"(prefix(qu.speaker_code, ?) OR {_icontains('qu.speaker_name')} OR "
                     f"{_icontains('qu.speaker_text')})")
        params += [_code(speaker), _needle(speaker), _needle(speaker)]
    if article:
        conds.append("qu.article_id = ?")
        params.append(article)
    where = " AND ".join(conds) or "TRUE"
    total = cur.execute(f"SELECT count(*) FROM quotes qu WHERE {where}", params).fetchone()[0]
    items = _clean(_rows(
        cur,
        "SELECT qu.article_id, qu.position, qu.text, qu.kind, qu.speaker_text, qu.speaker_name, qu.speaker_code, "
        "qu.cue_text, a.title, a.publication_date, "
        "(SELECT list(e.id ORDER BY e.sentence_index, e.id) FROM events e WHERE e.article_id = qu.article_id "
        "AND e.quote_index = qu.position) AS events "
        f"FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {where} "
        "ORDER BY a.publication_date DESC NULLS LAST, qu.article_id, qu.position LIMIT ? OFFSET ?",
        params + [limit, offset],
    ))
    for it in items:
        it["events"] = it["events"] or []
    return {"total": total, "limit": limit, "offset": offset, "items": items}
