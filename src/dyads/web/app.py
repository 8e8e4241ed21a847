"""The JSON HTTP API and the bundled pages of `dyads serve` (FastAPI).

The app opens the store read-only and answers only GET requests; every list is paginated and
capped, every query is parameterised (see `dyads.web.queries`). The pages in `static/` are plain
HTML, CSS and hand-written JavaScript that read nothing but this API, so what a page shows can be
fetched, checked and scripted by anyone. docs/api.md documents each endpoint.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as Path_
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dyads import __version__
from dyads.queries import EventFilter, QueryError
from dyads.store import SCHEMA_VERSION, SchemaError, Store, StoreLocked
from dyads.store.parquet import is_parquet_store, open_store
from dyads.store.sharing import POLL_SECONDS, Busy, SharedReader
from dyads.web import queries

STATIC_DIR = Path(__file__).parent / "static"
MAX_PAGE = 500  # events or articles per page
MAX_CSV_ROWS = 100_000  # rows of one CSV download
CSV_PAGE_ROWS = 20_000  # rows of a CSV download read at once (the file is given up between pages)
MAX_TOP = 100
MAX_EDGES = 500
MAX_POINTS = 5000
LOCAL_HOSTS = ("127.0.0.1", "localhost")
CACHE_ENTRIES = 256  # answers of the aggregate endpoints kept per process


class ResponseCache:
    """Recent answers by endpoint and validated arguments, least recently used dropped first.

    Correct because the database cannot change while the app holds it read-only, and the app
    empties the cache when it opens the file again after a `dyads code` batch changed it (the
    `SharedReader` reopens only once every request on the old connection is done, so no answer
    from before the change is put back). It makes going back and forth between views instant, not
    a first visit (see `dyads bench web`).
    """

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, args: tuple, compute: Callable[[], Any]) -> Any:
        """The answer for `args` (endpoint name and its validated arguments), computed if not kept."""
        key = repr(args)
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                self.hits += 1
                return self.items[key]
            self.misses += 1
        value = compute()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.items.clear()

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

Interval = Literal["day", "week", "month", "year"]
Unit = Literal["mentions", "events"]
MatchLit = Literal["prefix", "exact"]
BasisLit = Literal["sentence", "dateline", "none"]
DatesLit = Literal["plausible", "implausible", "undated"]
Text = Annotated[str | None, Query(max_length=200)]


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="actor code (see match), name or text")] = None,
    source: Annotated[str | None, Query(max_length=50, description="source actor code (see match)")] = None,
    target: Annotated[str | None, Query(max_length=50, description="target actor code (see match)")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO 3166-1 alpha-3 of an actor")] = None,
    cameo: Annotated[str | None, Query(max_length=4, pattern=r"^\d{1,4}$", description="CAMEO root or code")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    plover: Annotated[str | None, Query(max_length=40, description="PLOVER event type")] = None,
    date_from: Annotated[date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    date_to: Annotated[date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    precision: Annotated[str | None, Query(max_length=20, description="date precision (day, month, ...), none")] = None,
    dates: Annotated[DatesLit | None, Query(description="plausible, implausible or undated event dates")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name, ISO3 country or GeoNames id")] = None,
    place_country: Annotated[str | None, Query(max_length=3, description="ISO3 country of the place")] = None,
    basis: Annotated[BasisLit | None, Query(description="how the place was found: sentence, dateline, none")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text the sentence contains")] = None,
    article: Annotated[str | None, Query(max_length=500, description="article id")] = None,
    negated: Annotated[bool | None, Query(description="negated events only (true) or none (false)")] = None,
    match: Annotated[MatchLit, Query(description="actor codes: prefix (RUS = RUS, RUSGOV, ...) or exact")] = "prefix",
) -> EventFilter:
    """The filter every event endpoint shares (`dyads.queries.EventFilter`), from query parameters."""
    return EventFilter(actor=actor, source=source, target=target, country=country, cameo=cameo,
                       quad_class=quad_class, plover=plover, date_from=date_from, date_to=date_to,
                       precision=precision, dates=dates, place=place, place_country=place_country, basis=basis,
                       q=q, article=article, negated=negated, match=match)


Format = Literal["json", "csv"]
TableName = Annotated[str | None, Query(max_length=40, description="with format=csv: the list to download")]


def table_csv(rows: list[dict[str, Any]]) -> str:
    """A list of flat JSON objects as CSV: the union of their keys as columns, nested values as JSON."""
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r.get(c) is None else json.dumps(r[c], ensure_ascii=False)
                    if isinstance(r.get(c), dict | list) else r[c] for c in cols])
    return buf.getvalue()


def as_format(answer: Any, fmt: str, table: str | None, view: str, default: str) -> Any:
    """The JSON answer as it is, or (`fmt="csv"`) its list `table` (else `default`) as a CSV download."""
    if fmt == "json":
        return answer
    name = table or default
    rows = answer if isinstance(answer, list) else answer.get(name)
    if isinstance(rows, dict) and "items" in rows:
        rows = rows["items"]
    if not isinstance(rows, list):
        raise HTTPException(400, f"{view} has no list called {name!r}")
    return Response(table_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="dyads-{view}-{name}.csv"'})


def _csv_response(rows: Iterator[str], filename: str) -> StreamingResponse:
    return StreamingResponse(rows, media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _merged_csv_rows(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int) -> Iterator[str]:
    """The merged events as `dyads export --format csv` writes them (its columns and mention ids)."""
    from dyads.export import EVENT_TABLE_COLUMNS
    from dyads.queries import event_mentions, select_events

    if not queries.has_table(cur, "merged_events"):
        raise QueryError("this database has no merged events; run `dyads events` once to merge them")
    events = select_events(cur, flt, limit)
    mentions = event_mentions(cur, [ev["id"] for ev in events])
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(EVENT_TABLE_COLUMNS)
    for ev in events:
        values = [ev.get(k) for k in EVENT_TABLE_COLUMNS[:-1]]
        values = ["" if v is None else (v.isoformat() if isinstance(v, date | datetime) else v) for v in values]
        w.writerow([*values, ";".join(m["mention_id"] for m in mentions.get(ev["id"], []))])
    return iter([buf.getvalue()])


def _warm_up(reader: SharedReader, cache: ResponseCache) -> None:
    """Compute the views a first visit asks for (with the pages' defaults) into the cache."""
    flt = EventFilter()
    try:
        with reader.cursor() as cur:
            cache.get(("stats",), lambda: queries.stats(cur))
            cache.get(("facets",), lambda: queries.facets(cur))
            cache.get(("overview", flt, "month", 10), lambda: queries.overview(cur, flt, "month", 10))
            cache.get(("events", flt, 50, 0, "-date"), lambda: queries.list_events(cur, flt, 50, 0, "-date"))
            cache.get(("network", flt, "code", 60, 1), lambda: queries.network(cur, flt, "code", 60, 1))
            cache.get(("map", flt, 2000), lambda: queries.map_points(cur, flt, 2000))
    except (duckdb.Error, Busy):  # closed under us at shutdown, or a writer's turn: warming is an optimisation
        pass


def _upgrade(db_path: str | Path) -> None:
    """Apply pending migrations to a DuckDB file written by an older dyads, before it is opened read-only.

    The queries rely on what the migrations add (the summary tables, the compound-code columns);
    upgrading takes the write lock once, briefly. A Parquet store is left as it is.
    """
    if is_parquet_store(db_path) or not Path(db_path).exists():
        return
    version = _read_version(db_path)
    if version < SCHEMA_VERSION:
        try:
            Store(db_path).close()
        except (StoreLocked, duckdb.IOException) as exc:
            raise SchemaError(
                f"{db_path} was written by an older dyads (schema version {version}, this one reads {SCHEMA_VERSION}) "
                f"and could not be upgraded now: {exc}"
            ) from None


def _read_version(db_path: str | Path, wait_seconds: float = 60.0) -> int:
    """The schema version of a DuckDB file, waiting while a `dyads code` run stores a batch."""
    import time

    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            with Store(db_path, read_only=True) as st:
                return st.schema_version
        except StoreLocked:
            if time.monotonic() > deadline:
                raise
            time.sleep(POLL_SECONDS)


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """One cursor per request (a DuckDB connection must not be shared between threads), closed after
    it, so that a `dyads code` run waiting to store a batch gets the file (dyads.store.sharing)."""
    with request.app.state.reader.cursor() as cur:
        yield cur


Filter = Annotated[EventFilter, Depends(event_filter)]
Cur = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def create_app(db_path: str | Path, allowed_hosts: Sequence[str] = LOCAL_HOSTS, warm_up: bool = False,
               coder: Any = None) -> FastAPI:
    """The app over one database, opened read-only; a `dyads code` run may add to it meanwhile.

    The file is read through a `SharedReader`: while a coding run stores a batch, the app lets go
    of the file and holds new requests back, then opens it again and answers from the new data.

    `allowed_hosts` guards against DNS rebinding: a page on another site cannot reach the
    local server through a host name of its own. `warm_up` computes the unfiltered views in a
    background thread at start-up, so that the first visit to a large database is quick too.
    `coder`: the `dyads.Coder` that explains events (`/api/explain`); by default one is loaded on the
    first explanation asked for (the app never imports spaCy before).
    """
    _upgrade(db_path)
    cache = ResponseCache(CACHE_ENTRIES)
    reader = SharedReader(db_path, open_store, on_change=cache.clear)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if warm_up:
            threading.Thread(target=_warm_up, args=(reader, cache), name="dyads-warm-up", daemon=True).start()
        yield
        reader.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: the schema stays at /openapi.json
        redoc_url=None,
        title="dyads",
        version=__version__,
        description="Read-only API over a dyads event database: events, dyads, network, map, articles.",
    )
    app.state.reader = reader
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(QueryError)
    async def query_error(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "message": str(exc)}, status_code=400)

    @app.exception_handler(Busy)
    async def busy(_request: Request, exc: Busy) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "message": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        """A bad parameter: the machine-readable errors, and one sentence a person can read."""
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')} (got {e.get('input')!r})")
        return JSONResponse({"detail": jsonable_encoder(exc.errors()), "message": "; ".join(parts)}, status_code=422)

    # An answer can be kept and given again for the same request until a writer changes the file
    # (ResponseCache).
    app.state.cache = cache

    @app.get("/api/stats", tags=["meta"])
    def get_stats(cur: Cur) -> dict:
        """Numbers of articles and events, and the date range of the events."""
        return {"version": __version__, "database": Path(reader.path).name,
                **cache.get(("stats",), lambda: queries.stats(cur))}

    @app.get("/api/facets", tags=["meta"])
    def get_facets(cur: Cur) -> dict:
        """The CAMEO roots, PLOVER types, actor countries and quad classes present, with counts."""
        return cache.get(("facets",), lambda: queries.facets(cur))

    @app.get("/api/overview", tags=["events"])
    def get_overview(
        cur: Cur, flt: Filter, interval: Interval = "month",
        top: Annotated[int, Query(ge=1, le=MAX_TOP)] = 10, format: Format = "json", table: TableName = None,
    ) -> Any:
        """Totals, mentions per period by quad class (every period from the first to the last, empty ones
        as zero), top actors, dyads, places and CAMEO roots. `format=csv` downloads the list `table`."""
        answer = cache.get(("overview", flt, interval, top), lambda: queries.overview(cur, flt, interval, top))
        return as_format(answer, format, table, "overview", "timeline")

    @app.get("/api/events", tags=["events"])
    def get_events(
        cur: Cur, flt: Filter, limit: Limit = 50, offset: Offset = 0,
        sort: Literal["date", "-date", "goldstein", "-goldstein", "article"] = "-date", unit: Unit = "mentions",
    ) -> dict:
        """One page of the filtered mentions (`unit=mentions`: one coded sentence each, with their actors)
        or of the events merged across articles (`unit=events`), and the total."""
        if unit == "events":
            return cache.get(("merged", flt, limit, offset, sort),
                             lambda: queries.list_merged(cur, flt, limit, offset, sort))
        return cache.get(("events", flt, limit, offset, sort),
                         lambda: queries.list_events(cur, flt, limit, offset, sort))

    @app.get("/api/events.csv", tags=["events"])
    def get_events_csv(
        cur: Cur, flt: Filter, limit: Annotated[int, Query(ge=1, le=MAX_CSV_ROWS)] = MAX_CSV_ROWS,
        unit: Unit = "mentions",
    ) -> StreamingResponse:
        """The filtered mentions as CSV (the columns of `dyads code --format csv`), or with `unit=events` the
        merged events (the columns of `dyads export --format csv`), at most `limit` rows."""
        if unit == "events":
            return _csv_response(_merged_csv_rows(cur, flt, limit), "dyads-merged-events.csv")
        from dyads.export.records import EVENT_CSV_COLUMNS
        from dyads.queries import mention_csv_page

        def rows() -> Iterator[str]:
            # a page at a time, each read with a cursor of its own that is given back before the page
            # is sent: a client that reads slowly never keeps a `dyads code` run from storing a batch.
            # Each page is the mentions' stored CSV lines, or lines made from their records where a
            # line is not stored (`mention_csv_page`).
            buf = io.StringIO()
            csv.writer(buf).writerow(EVENT_CSV_COLUMNS)
            header = buf.getvalue()
            after, left = None, limit
            while left > 0:
                with reader.cursor() as page_cur:
                    page = mention_csv_page(page_cur, flt, after, min(left, CSV_PAGE_ROWS))
                yield header + page.text
                header = ""
                if page.count < min(left, CSV_PAGE_ROWS):
                    break
                after, left = page.last, left - page.count

        return _csv_response(rows(), "dyads-events.csv")

    @app.get("/api/event/{event_id:path}", tags=["events"])
    def get_event_page(cur: Cur, event_id: str) -> dict:
        """One mention with its rule, location basis, quote, and the merged event with its other mentions."""
        out = queries.event_page(cur, event_id)
        if out is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return out

    explainer: dict[str, Any] = {"coder": coder} if coder is not None else {}
    explainer_lock = threading.Lock()

    @app.get("/api/explain/{event_id:path}", tags=["events"])
    def get_explanation(cur: Cur, event_id: str) -> dict:
        """Why the event was coded (the Python API of `dyads explain`): its article is coded again with
        dyads' default dictionaries, and its sentence's actors, candidate predicates (pattern file:line or
        why dropped) and the passes that kept it are returned. Not a database query: the first call loads
        the language model (seconds), later ones re-code one article (tens of milliseconds)."""
        with explainer_lock:  # one Coder, loaded on first use, used by one request at a time
            if "coder" not in explainer:
                from dyads import Coder

                explainer["coder"] = Coder()
            out = queries.event_explanation(cur, event_id, explainer["coder"])
        if out is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return out

    @app.get("/api/events/{event_id:path}", tags=["events"])
    def get_event(cur: Cur, event_id: str) -> dict:
        """The full contract record of one event."""
        rec = queries.event_record(cur, event_id)
        if rec is None:
            raise HTTPException(404, "no such event")
        return rec

    @app.get("/api/dyad", tags=["events"])
    def get_dyad(
        cur: Cur, flt: Filter,
        a: Annotated[str, Query(min_length=1, max_length=50, description="actor code prefix A")],
        b: Annotated[str, Query(min_length=1, max_length=50, description="actor code prefix B")],
        interval: Interval = "month", limit: Limit = 50, offset: Offset = 0,
        format: Format = "json", table: TableName = None,
    ) -> Any:
        """A -> B and B -> A per period (counts, mean Goldstein), totals and the events of both."""
        answer = cache.get(("dyad", a.strip().upper(), b.strip().upper(), flt, interval, limit, offset),
                           lambda: queries.dyad(cur, a, b, flt, interval, limit, offset))
        return as_format(answer, format, table, "dyad", "series")

    @app.get("/api/network", tags=["events"])
    def get_network(
        cur: Cur, flt: Filter, level: Literal["code", "country"] = "code",
        limit: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 60,
        min_count: Annotated[int, Query(ge=1)] = 1, format: Format = "json", table: TableName = None,
    ) -> Any:
        """Actors and the heaviest source -> target edges, with cooperation and conflict counts."""
        answer = cache.get(("network", flt, level, limit, min_count),
                           lambda: queries.network(cur, flt, level, limit, min_count))
        return as_format(answer, format, table, "network", "edges")

    @app.get("/api/map", tags=["events"])
    def get_map(
        cur: Cur, flt: Filter, limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = 2000,
        format: Format = "json", table: TableName = None,
    ) -> Any:
        """Events per location (with coordinates) and per country (where only the country is known)."""
        answer = cache.get(("map", flt, limit), lambda: queries.map_points(cur, flt, limit))
        return as_format(answer, format, table, "map", "points")

    @app.get("/api/actors", tags=["articles"])
    def get_actors(
        cur: Cur, q: Text = None, limit: Annotated[int, Query(ge=1, le=MAX_TOP)] = 20, format: Format = "json",
    ) -> Any:
        """Actor codes whose code starts with, or whose name contains, `q`, by mentions in events."""
        return as_format(cache.get(("actors", q, limit), lambda: queries.actors(cur, q, limit)), format, None,
                         "actors", "actors")

    @app.get("/api/actor/{code}", tags=["articles"])
    def get_actor(
        cur: Cur, code: Annotated[str, Path_(min_length=1, max_length=50, pattern=r"^[A-Za-z0-9]+$")]
    ) -> dict:
        """One actor code: its meaning in the dictionaries (country, sector, names and people with their
        periods), the names it had in this database, and its mentions as either actor, source and target."""
        return cache.get(("actor", code.upper()), lambda: queries.actor_page(cur, code))

    @app.get("/api/quotes", tags=["articles"])
    def get_quotes(
        cur: Cur, q: Text = None, speaker: Text = None,
        article: Annotated[str | None, Query(max_length=500)] = None, limit: Limit = 50, offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Quotations: speaker, the words, the events coded inside them; `q` in the words, `speaker` a code
        prefix or a name."""
        answer = cache.get(("quotes", q, speaker, article, limit, offset),
                           lambda: queries.list_quotes(cur, q, speaker, article, limit, offset))
        return as_format(answer, format, None, "quotes", "items")

    @app.get("/api/articles", tags=["articles"])
    def get_articles(
        cur: Cur, flt: Filter, title: Text = None, limit: Limit = 50, offset: Offset = 0, has_events: bool = False,
        format: Format = "json",
    ) -> Any:
        """Articles, newest first; `title` matches id or title; with event filters (the same as every
        view's, `q` included) or `has_events`, only the articles with a matching mention: the articles the
        overview counts."""
        answer = cache.get(("articles", title, limit, offset, flt, has_events),
                           lambda: queries.list_articles(cur, title, limit, offset, flt, has_events))
        return as_format(answer, format, None, "articles", "items")

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def get_article(cur: Cur, article_id: str) -> dict:
        """One article: text, layers with offsets, its events and the sentences without one."""
        art = queries.article(cur, article_id)
        if art is None:
            raise HTTPException(404, "no such article")
        return art

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
