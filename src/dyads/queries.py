"""Finding events: the one filter model behind `dyads events`, `dyads export` and the web API.

An `EventFilter` turns the options users type (actor code, CAMEO code or root, PLOVER type,
date range and precision, place and its basis, text) into one parameterised WHERE clause, over
either unit an analyst can count: mentions (one coded sentence each, the `events` table) or
events merged across articles (`merged_events`). The CLI, the exports and the web app take the
same field names and select the same rows. `run_sql` runs a user's SQL on a connection that can
neither change the database nor touch other files.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from dyads import records_json
from dyads.store import Store, actor_index, words

__all__ = ["BASES", "DATES", "MATCHES", "UNITS", "EventFilter", "QueryError", "Scope", "code_match", "event_mentions",
           "event_scope", "CsvPage", "iter_mention_records", "mention_csv_page", "mention_records_page", "run_sql",
           "select_events", "stale_articles"]

_CAMEO = re.compile(r"^\d{1,4}$")
MATCHES = ("prefix", "exact")
UNITS = ("mentions", "events")
BASES = ("sentence", "dateline", "none")
"""Location bases a filter can ask for: `sentence` = placed from the event's own clause or sentence,
`dateline` = only from the article's dateline (where the story was filed), `none` = no location."""
PLAUSIBLE_YEARS_BEFORE = 30
"""Event dates more than this many years before the earliest publication date, or more than a year
after the latest, are implausible (a clock time read as a year, "by 1633 GMT"): flagged, kept off
time axes and date ranges, and selectable with `dates="implausible"` (`dates="plausible"`: the
dated events that are not)."""
DATES = ("plausible", "implausible", "undated")


class QueryError(ValueError):
    """A filter value or SQL statement that cannot be run."""


# User text is matched literally with DuckDB's prefix() and contains() on bound parameters, not
# with LIKE patterns: a parameterised `LIKE ? ESCAPE` is not turned into a prefix test when the
# query is planned and costs 3-5 times as much per row (measured on a million events).


def _code(text: str) -> str:
    """Actor codes are upper-case: a code is matched as typed, upper-cased."""
    return text.strip().upper()


def _needle(text: str) -> str:
    """Text matched case-insensitively, as `contains(lower(column), needle)`."""
    return text.strip().lower()


def _icontains(column: str) -> str:
    return f"contains(lower({column}), ?)"


def looks_like_code(text: str) -> bool:
    """An upper-case token (RUS, SYRGOV) is taken for an actor code only, not also a name."""
    t = text.strip()
    return t.isalnum() and t.isupper()


def code_match(alias: str, role: str, code: str, exact: bool = False, compound: bool = True) -> tuple[str, list[Any]]:
    """SQL (and its parameters) for: some `role` actor code of the event starts with (or, `exact`, is) `code`.

    `role` is source, target or both. On the mentions table the flat first-code columns answer for
    almost every event; the codes after the first (compound actors) are in the `source_extra` /
    `target_extra` columns, NULL for most events, so the match never reads the list columns
    (`summaries.EXTRA_CODES`). Merged events have one code per role (`compound=False`).
    """
    c = _code(code)
    test = "{col} = ?" if exact else "prefix({col}, ?)"
    roles = ("source", "target") if role == "both" else (role,)
    conds: list[str] = []
    params: list[Any] = []
    for r in roles:
        conds.append(test.format(col=f"{alias}.{r}_code"))
        params.append(c)
    if compound:  # some code after the first: " " + code (+ " " when exact) in " " + codes (+ " ")
        for r in roles:
            tail = " || ' '" if exact else ""
            conds.append(f"({alias}.{r}_extra IS NOT NULL AND contains(' ' || {alias}.{r}_extra{tail}, ?))")
            params.append(" " + c + (" " if exact else ""))
    return "(" + " OR ".join(conds) + ")", params


@dataclass(frozen=True)
class EventFilter:
    """Which events to select: the one filter of `dyads events`, `dyads export` and every web page.

    Empty fields do not filter. The same names are used everywhere (CLI options, API parameters).

    - `actor`, `source`, `target`: actor codes, matched by `match`: "prefix" (RUS selects RUS,
      RUSGOV, RUSMIL, since CAMEO codes are hierarchical) or "exact" (RUS selects RUS only). `actor`
      is either role; text that is not an upper-case code also matches an actor's name or its words
      in the article, case-insensitively.
    - `country`: ISO3 of an actor (the codes that start with it).
    - `cameo`: a root ("19"), base ("190") or full code ("0231"), by prefix; `quad_class` 1-4;
      `plover` an event type.
    - `date_from` / `date_to`: the event date range; `precision`: a date precision (day, month,
      year, ...) or "none" for undated events; `dates`: plausible, implausible or undated
      (`PLAUSIBLE_YEARS_BEFORE`).
    - `place`: a GeoNames id, an ISO3 country of the location, or a place name (whole name,
      case-insensitive); `place_country` the location's ISO3 country (with a name: that name in that
      country); `basis`: how the place was found (`BASES`).
    - `q`: text the event's sentence contains; `article`: one article's id; `negated`.
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
    precision: str | None = None
    dates: str | None = None
    place: str | None = None
    place_country: str | None = None
    basis: str | None = None
    q: str | None = None
    article: str | None = None
    negated: bool | None = None
    match: str = "prefix"

    def __post_init__(self) -> None:
        if self.match not in MATCHES:
            raise QueryError(f"match must be one of {', '.join(MATCHES)}: {self.match!r}")
        if self.cameo and not _CAMEO.match(self.cameo.strip()):
            raise QueryError(
                f"CAMEO code must be 1 to 4 digits (a root such as 19, a code such as 0231): {self.cameo!r}")
        if self.basis and self.basis not in BASES:
            raise QueryError(f"basis must be one of {', '.join(BASES)}: {self.basis!r}")
        if self.dates and self.dates not in DATES:
            raise QueryError(f"dates must be one of {', '.join(DATES)}: {self.dates!r}")
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise QueryError(f"quad_class must be 1 to 4: {self.quad_class!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(f"date_from {self.date_from} is after date_to {self.date_to}")

    def is_empty(self) -> bool:
        """True when nothing is filtered (`match` alone changes nothing)."""
        return all(getattr(self, f.name) in (None, "") for f in fields(self) if f.name != "match")

    def actor_key(self) -> tuple[str, str] | None:
        """The actor key of the summary rows keyed by actor (`store.summaries.summary_map`) that count
        exactly the events this filter's actor condition selects: ('', '') when it has none, ('p', RUS)
        for a prefix of 3, 6, 9... letters (`actor` or `country`), ('x', RUS) for an exact code; None
        when no key does (a source or target role, a name, another prefix length, two actor conditions).
        """
        if self.source or self.target or (self.actor and self.country):
            return None
        value, exact = (self.actor, self.match == "exact") if self.actor else (self.country, False)
        if not value:
            return ("", "")
        code = _code(value)
        if self.actor and not looks_like_code(self.actor):  # a name or words too
            return None
        if not (code.isascii() and code.isalnum()):
            return None
        if exact:
            return ("x", code)
        return ("p", code) if len(code) % 3 == 0 else None

    def params(self) -> dict[str, Any]:
        """The non-empty fields as query parameters (the web app's URLs, the CLI's options)."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v in (None, "") or (f.name == "match" and v == "prefix"):
                continue
            out[f.name] = v.isoformat() if isinstance(v, date) else v
        return out

    def where(self, alias: str = "e", unit: str = "mentions", word_index: bool = False) -> tuple[str, list[Any]]:
        """SQL condition and its parameters, in order, over the mentions table `events` (`unit="mentions"`)
        or the merged events `merged_events` (`unit="events"`), as `alias`.

        A merged event has one source, target, date and place of its own; what only its mentions
        have (the sentence, the article, the place's basis, actor names) it matches when one of its
        mentions does. With `word_index` (the store has one: `dyads.store.words`) the text search
        looks the needle's words up instead of reading every sentence; the matches are the same.
        """
        if unit not in UNITS:
            raise QueryError(f"unit must be one of {', '.join(UNITS)}: {unit!r}")
        merged = unit == "events"
        a = alias
        exact = self.match == "exact"
        conds: list[str] = []
        params: list[Any] = []
        mention_conds: list[str] = []  # conditions on the mention (alias x) that a merged event meets through one
        mention_params: list[Any] = []
        m = "x" if merged else a
        if self.actor:
            sql, ps = code_match(a, "both", self.actor, exact, compound=not merged)
            if not looks_like_code(self.actor):
                names = f"{m}.id IN (SELECT n.event_id FROM event_actors n WHERE {_icontains('n.name')} " \
                        f"OR {_icontains('n.text')})"
                if merged:
                    sql = (f"({sql} OR {a}.id IN (SELECT l.event_id FROM event_mentions l JOIN events x "
                           f"ON x.id = l.mention_id WHERE {names}))")
                else:
                    sql = f"({sql} OR {names})"
                ps += [_needle(self.actor), _needle(self.actor)]
            conds.append(sql)
            params += ps
        for role, value, ex in (("source", self.source, exact), ("target", self.target, exact),
                                ("both", self.country, False)):
            # a country's actors are the codes that start with its ISO3 code (SYR, SYRGOV, SYRREB)
            if value:
                sql, ps = code_match(a, role, value, ex, compound=not merged)
                conds.append(sql)
                params += ps
        if self.cameo:
            conds.append(f"prefix({a}.cameo, ?)")
            params.append(self.cameo.strip())
        if self.quad_class is not None:
            conds.append(f"{a}.quad_class = ?")
            params.append(int(self.quad_class))
        if self.plover:
            conds.append(f"upper({a}.plover) = ?")
            params.append(self.plover.strip().upper())
        if self.date_from:
            conds.append(f"{a}.event_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{a}.event_date <= ?")
            params.append(self.date_to)
        if self.precision:
            if self.precision == "none":
                conds.append(f"{a}.event_date IS NULL")
            else:
                conds.append(f"{a}.date_precision = ? AND {a}.event_date IS NOT NULL")
                params.append(self.precision.strip().lower())
        if self.dates == "undated":
            conds.append(f"{a}.event_date IS NULL")
        elif self.dates == "implausible":
            conds.append(implausible_sql(a))
        elif self.dates:
            conds.append(f"{a}.event_date IS NOT NULL AND NOT {implausible_sql(a)}")
        if self.place:
            loc = self.place.strip()
            if loc.isdigit():
                conds.append(f"{a}.location_geonameid = ?")
                params.append(int(loc))
            elif len(loc) == 3 and loc.isalpha() and loc.isupper():
                conds.append(f"{a}.location_country = ?")
                params.append(loc)
            else:
                conds.append(f"lower({a}.location_name) = ?")
                params.append(loc.lower())
        if self.place_country:
            conds.append(f"{a}.location_country = ?")
            params.append(self.place_country.strip().upper())
        if self.basis:
            mention_conds.append(basis_sql(m, self.basis))
        if self.q:
            indexed = words.match_sql(m, _needle(self.q)) if word_index else None
            if indexed is None:
                mention_conds.append(_icontains(f"{m}.sentence"))
                mention_params.append(_needle(self.q))
            else:
                mention_conds.append(indexed[0])
                mention_params += indexed[1]
        if self.article:
            mention_conds.append(f"{m}.article_id = ?")
            mention_params.append(self.article)
        if self.negated is not None:
            conds.append(f"{a}.negated = ?")
            params.append(bool(self.negated))
        if mention_conds and merged:
            conds.append(f"{a}.id IN (SELECT l.event_id FROM event_mentions l JOIN events x ON x.id = l.mention_id "
                         f"WHERE {' AND '.join(mention_conds)})")
            params += mention_params
        else:
            conds += mention_conds
            params += mention_params
        return (" AND ".join(conds) or "TRUE"), params


_PLAUSIBLE_FROM = f"(SELECT min(publication_date) FROM articles) - INTERVAL {PLAUSIBLE_YEARS_BEFORE} YEAR"
_PLAUSIBLE_TO = "(SELECT max(publication_date) FROM articles) + INTERVAL 1 YEAR"

PlausibleBounds = tuple[Any, Any]
"""The two limits `implausible_sql` compares an event's date with, read once (`plausible_bounds`)."""


def plausible_bounds(cur: duckdb.DuckDBPyConnection) -> PlausibleBounds:
    """The limits of a plausible event date in this store, as `implausible_sql` computes them.

    Why read them apart: written into a statement as scalar subqueries over `articles`, they are joined
    to every row the statement tests (a cross product per use: at 10M events the filtered overview
    tests 245,000-831,000 matches in each of its groupings); as constants they are a plain comparison.
    The store does not change within a request (a reader holds the file, `store.sharing`)."""
    return cur.execute(f"SELECT {_PLAUSIBLE_FROM}, {_PLAUSIBLE_TO}").fetchone()


def _timestamp_sql(value: Any) -> str:
    return "CAST(NULL AS TIMESTAMP)" if value is None else f"TIMESTAMP '{value.isoformat(sep=' ')}'"


def implausible_sql(alias: str, bounds: PlausibleBounds | None = None) -> str:
    """True for a dated event whose date is implausible (`PLAUSIBLE_YEARS_BEFORE`); with `bounds` (read by
    `plausible_bounds`) written as constants, else as subqueries of the statement."""
    lo, hi = (_PLAUSIBLE_FROM, _PLAUSIBLE_TO) if bounds is None else map(_timestamp_sql, bounds)
    return f"({alias}.event_date IS NOT NULL AND ({alias}.event_date < {lo} OR {alias}.event_date > {hi}))"


@dataclass(frozen=True)
class Scope:
    """Where a filtered read of the mentions finds them: `FROM {table} e WHERE {where}` (parameters
    `params`) selects exactly the filter's matches, with the columns of `actor_index.COLUMNS` at least.
    `key`: ('p', K) when the rows are exactly the events with an actor code starting with K (the index's
    key, nothing else filtered), ('x', K) when they are those with the code K (`match=exact`), ('r', R)
    when they are those of the CAMEO root R (a root key's rows, `cameo=R` and nothing else), else None.
    Then `articles` is an aggregate over the rows giving their distinct articles cheaper than
    `count(DISTINCT e.article_id)` (`actor_index`: one row per article and key is marked)."""

    table: str
    where: str
    params: list[Any]
    key: tuple[str, str] | None = None

    @property
    def articles(self) -> str | None:
        if self.key is None:
            return None
        return f"count(*) FILTER (WHERE e.{'first_exact' if self.key[0] == 'x' else 'first'})"


def event_scope(cur: duckdb.DuckDBPyConnection, flt: EventFilter, implied: tuple[str, ...] = ()) -> Scope:
    """The mentions `flt` selects, read from the actor index (`store.actor_index`) where it holds them.

    The index holds every event once per first three letters of its actor codes, in key order, so the
    rows of one key are a few row groups where the events of one actor are spread over all of them. It
    answers a filter with an actor code of three letters or more (`actor` typed as a code, `source`,
    `target`, `country`; or one of `implied`, codes every match has as an actor, e.g. the sides of a dyad)
    whose other conditions test only columns it carries (a text search through the word index's keys,
    not the sentence). The filter's whole condition is applied to the key's rows, so the answer is the
    same rows; the part the key says already (the key itself, or the whole 3-letter code: `exact`) is
    left out. A filter without such a code but with a CAMEO code of two digits or more reads its root's
    rows of the index (`_root_scope`). Anything else reads `events`.
    """
    word_index = bool(flt.q) and words.has_word_index(cur)
    where, params = flt.where("e", unit="mentions", word_index=word_index)
    plain = Scope("events", where, params)
    if flt.q and (not word_index or words.match_sql("e", _needle(flt.q)) is None):
        return plain  # the sentence itself is read
    exact = flt.match == "exact"
    candidates = [(f, getattr(flt, f)) for f in ("actor", "country", "source", "target")
                  if getattr(flt, f) and (f != "actor" or looks_like_code(flt.actor))]
    candidates += [("", c) for c in implied]
    candidates = [(f, _code(v)) for f, v in candidates
                  if len(_code(v)) >= actor_index.KEY_LENGTH and _code(v).isascii() and _code(v).isalnum()]
    if not candidates:
        return _root_scope(cur, flt, word_index) or plain
    if not actor_index.has_actor_index(cur):
        return plain
    # a field that is the key itself (or its whole code) is left out of the condition
    whole = next(((f, v) for f, v in candidates
                  if f in ("actor", "country") and len(v) == actor_index.KEY_LENGTH), None)
    field, code = whole or min(candidates, key=lambda fc: _key_size(cur, fc[1][:actor_index.KEY_LENGTH]))
    key = code[:actor_index.KEY_LENGTH]
    conds, whole_key = ["e.key = ?"], None
    if whole:
        rest = dataclasses.replace(flt, **{field: None})
        kind = "x" if field == "actor" and exact else "p"
        if kind == "x":
            conds.append("e.exact")
        if rest.is_empty() and not implied:
            whole_key = (kind, key)
        where, params = rest.where("e", unit="mentions", word_index=word_index)
    return Scope("actor_index", " AND ".join([*conds, f"({where})"]), [key, *params], whole_key)


def _root_scope(cur: duckdb.DuckDBPyConnection, flt: EventFilter, word_index: bool) -> Scope | None:
    """A filter with a CAMEO code of two digits or more and no actor key: the rows of its root's key, the
    events of that root, contiguous where the matches of a code are spread over every row group of
    `events` (at 10M events the overview of `cameo=19` 927 -> 292 ms of CPU, docs/performance.md). A
    code of two digits is the key itself and is left out of the condition; its rows are then exactly the
    root's events (`Scope.key` ('r', root): their distinct articles are a count of marks)."""
    key = actor_index.root_key(flt.cameo) if flt.cameo else None
    if key is None or not actor_index.has_actor_index(cur) or not actor_index.has_root_rows(cur):
        return None
    whole = len(flt.cameo.strip()) == actor_index.ROOT_LENGTH
    rest = dataclasses.replace(flt, cameo=None) if whole else flt
    where, params = rest.where("e", unit="mentions", word_index=word_index)
    root = key[len(actor_index.ROOT_KEY):]
    return Scope("actor_index", f"e.key = ? AND ({where})", [key, *params],
                 ("r", root) if whole and rest.is_empty() else None)


def _key_size(cur: duckdb.DuckDBPyConnection, key: str) -> int:
    """About how many rows of the actor index a key has (its codes' events, from `summary_actors`), so that
    a filter with two keys reads the smaller (a dyad USA/RUS: 0.8M rows of RUS, not 2.9M of USA)."""
    try:
        return int(cur.execute("SELECT coalesce(sum(n), 0) FROM summary_actors WHERE prefix(code, ?)",
                               [key]).fetchone()[0])
    except duckdb.CatalogException:
        return 0


def basis_sql(alias: str, basis: str) -> str:
    """The mention's place was found as `basis` says (`BASES`); the basis is in its contract record."""
    col = f"{alias}.location_basis"
    if basis == "none":
        return f"{alias}.location_name IS NULL AND {alias}.location_country IS NULL"
    if basis == "sentence":
        return f"{col} IN ('clause', 'sentence')"
    return f"{col} = 'dateline'"


def select_events(
    store: Store | duckdb.DuckDBPyConnection, flt: EventFilter | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Merged events matching `flt`, in date then id order, at most `limit`, as column -> value dicts
    (`store` a Store or a cursor on one)."""
    flt = flt or EventFilter()
    where, params = flt.where("m", unit="events")
    sql = f"SELECT * FROM merged_events m WHERE {where} ORDER BY m.event_date NULLS LAST, m.id"
    if limit is not None:
        if limit < 0:
            raise QueryError("--limit must be 0 or more")
        sql += f" LIMIT {int(limit)}"
    cur = getattr(store, "con", store).execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def iter_mention_records(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, limit: int | None = None, chunk: int = 2000
) -> Iterator[dict[str, Any]]:
    """Contract records of the mentions matching `flt`, in article order, at most `limit`."""
    flt = flt or EventFilter()
    where, params = flt.where("e", unit="mentions", word_index=bool(flt.q) and words.has_word_index(cur))
    if limit is not None and limit < 0:
        raise QueryError("--limit must be 0 or more")
    res = cur.execute(
        f"SELECT record FROM events e WHERE {where} ORDER BY e.article_id, e.sentence_index, e.id"
        + (" LIMIT ?" if limit is not None else ""),
        params + ([limit] if limit is not None else []),
    )
    while rows := res.fetchmany(chunk):
        for (rec,) in rows:
            yield records_json.loads(rec)


MentionKey = tuple[str, int, str]
"""Where a mention stands in article order: (article id, sentence index, event id)."""


def mention_records_page(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, after: MentionKey | None, n: int
) -> list[tuple[MentionKey, dict[str, Any]]]:
    """The next `n` mentions matching `flt` after `after` in article order, with their keys.

    Why pages: a long CSV download then reads the store a page at a time and gives the file up in
    between, so a `dyads code` run can store a batch while a slow client is still reading.

    Why two reads: sorting the matches with their contract records carried along reads the record
    (the widest column) of every match; the page's keys are sorted first, and then only its `n`
    records are read, by the integer key `seq` (a semi-join on one integer column). At 10M events,
    5,000 records of one filter: 0.74 s of CPU in one read, 0.31 s in two (docs/performance.md).
    """
    rows, texts = _mention_page(cur, flt, after, n)
    return [((r[0], r[1], r[2]), records_json.loads(t)) for r, t in zip(rows, texts, strict=True)]


@dataclass(frozen=True)
class CsvPage:
    """A page of mentions as the text of their CSV lines (`mention_csv_page`), in article order."""

    text: str
    """The page's lines (`export.records.event_csv_line` of each record), joined, without the header."""
    count: int
    last: MentionKey | None
    """The key of the page's last mention, where the next page starts (None for an empty page)."""


def mention_csv_page(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, after: MentionKey | None, n: int
) -> CsvPage:
    """The next `n` mentions after `after` (`mention_records_page`'s) as the CSV lines of the web download.

    Why: decoding 5,000 JSON records and writing their cells was 120-160 ms of a 240-270 ms download at
    10M events (docs/performance.md). Each mention's line is stored when it is written (`events.csv_row`,
    schema 15), so the page is its keys, one keyed read of their lines and a join. A line that is NULL
    (a mention stored before schema 15) or has another fingerprint (`CSV_ROW_PREFIX`: written by a dyads
    with other columns or another formula rule) is made from its record, read by one more keyed read, as
    before: the bytes are the same either way (tests/test_web.py).
    """
    from dyads.export.records import CSV_ROW_PREFIX, event_csv_lines, event_csv_rows

    if not has_event_seq(cur) or not words.has_column(cur, "events", "csv_row"):  # an older schema
        rows, texts = _mention_page(cur, flt, after, n)
        return CsvPage(_csv_text(event_csv_rows(texts)), len(rows), _last_key(rows))
    keys = _mention_keys(cur, flt, after, n)
    if not keys:
        return CsvPage("", 0, None)
    seqs = [k[3] for k in keys]
    stored = dict(cur.execute(
        "SELECT seq, CASE WHEN starts_with(csv_row, $2) THEN substr(csv_row, $3) END FROM events "
        "WHERE seq IN (SELECT unnest($1))", [seqs, CSV_ROW_PREFIX, len(CSV_ROW_PREFIX) + 1]
    ).fetchall())
    lines = [stored[s] for s in seqs]
    missing = [s for s, line in zip(seqs, lines, strict=True) if line is None]
    if missing:
        records = dict(cur.execute(
            "SELECT seq, record FROM events WHERE seq IN (SELECT unnest(?))", [missing]
        ).fetchall())
        if len(missing) == len(seqs):  # no stored line (a store of an older schema): as before schema 15
            return CsvPage(_csv_text(event_csv_rows([records[s] for s in seqs])), len(keys), _last_key(keys))
        made = dict(zip(missing, event_csv_lines([records[s] for s in missing]), strict=True))
        lines = [made[s] if line is None else line for s, line in zip(seqs, lines, strict=True)]
    return CsvPage("".join(lines), len(keys), _last_key(keys))


def _csv_text(rows: Iterator[list[Any]]) -> str:
    """`rows` as `csv.writer` writes them (default dialect), in one text."""
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue()


def _last_key(rows: list[tuple]) -> MentionKey | None:
    return (rows[-1][0], rows[-1][1], rows[-1][2]) if rows else None


def _mention_keys(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, after: MentionKey | None, n: int, column: str = "e.seq"
) -> list[tuple]:
    """(article id, sentence index, event id, `column`) of the next `n` mentions after `after`, in article
    order: read where `event_scope` says (the actor index for most filters), or from `events` for the
    record (a store of an older schema, without `seq` or an actor index)."""
    sc = event_scope(cur, flt)
    table = sc.table if column == "e.seq" else "events"
    where, params = sc.where, sc.params
    if after is not None:
        where = f"({where}) AND (e.article_id, e.sentence_index, e.id) > (?, ?, ?)"
        params = [*params, *after]
    order = "ORDER BY e.article_id, e.sentence_index, e.id LIMIT ?"
    return cur.execute(
        f"SELECT e.article_id, e.sentence_index, e.id, {column} FROM {table} e WHERE {where} {order}", [*params, n]
    ).fetchall()


def _mention_page(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, after: MentionKey | None, n: int
) -> tuple[list[tuple], list[str]]:
    """The rows (article id, sentence index, event id, then `seq` or the record) and the record texts of the
    next `n` mentions after `after` (`mention_records_page`)."""
    if not has_event_seq(cur):  # a Parquet store of an older schema: one read
        rows = _mention_keys(cur, flt, after, n, column="record")
        return rows, [r[3] for r in rows]
    keys = _mention_keys(cur, flt, after, n)
    if not keys:
        return [], []
    records = dict(cur.execute(
        "SELECT seq, record FROM events WHERE seq IN (SELECT unnest(?))", [[k[3] for k in keys]]
    ).fetchall())
    return keys, [records[k[3]] for k in keys]


def has_event_seq(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the mentions have their integer key `seq` (schema 5 on; a Parquet store may lack it)."""
    return words.has_column(cur, "events", "seq")


def event_mentions(store: Store | duckdb.DuckDBPyConnection, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The mentions of each event: link fields, the mention row and its article, in reading order."""
    if not event_ids:
        return {}
    cur = getattr(store, "con", store).execute(
        """
        SELECT l.event_id, l.mention_id, l.article_id, l.source_position, l.target_position, l.is_root,
               l.confidence, e.sentence_index, e.sentence_start, e.sentence_end, e.sentence,
               e.trigger_text, e.trigger_start, e.trigger_end, e.cameo, e.record,
               a.publication_date, a.coded_at, a.source, a.url, a.title,
               f.doc_len, f.tone
        FROM event_mentions l
        JOIN events e ON e.id = l.mention_id
        JOIN articles a ON a.id = l.article_id
        LEFT JOIN article_facts f ON f.article_id = l.article_id
        WHERE l.event_id IN (SELECT unnest(?))
        ORDER BY l.event_id, a.publication_date NULLS LAST, l.article_id, e.sentence_index, l.mention_id
        """,
        [list(event_ids)],
    )
    cols = [d[0] for d in cur.description]
    out: dict[int, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        m = dict(zip(cols, row, strict=True))
        m["record"] = records_json.loads(m["record"])
        out.setdefault(m["event_id"], []).append(m)
    return out


def stale_articles(store: Store) -> int:
    """How many coded articles are not merged into events yet (0 on an up-to-date store)."""
    from dyads.aggregate import pending_articles

    return len(pending_articles(store))


_READ_STATEMENTS = {"SELECT", "EXPLAIN"}
"""Statement types `run_sql` runs (DuckDB's parser says SELECT for WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE)."""

_STATE_FUNCTIONS = re.compile(
    r"\b(enable_logging|disable_logging|truncate_duckdb_logs|write_log|enable_profiling|disable_profiling|"
    r"checkpoint|force_checkpoint|setseed)\s*\(", re.IGNORECASE)
"""Functions a SELECT can call that change the connection or write (logging could abort the process)."""


def check_read_only_sql(sql: str) -> None:
    """Raise QueryError unless `sql` is one read-only statement.

    Why an allow-list on top of a read-only connection: PRAGMA, CALL and SET change the connection's
    state, and some (`CALL enable_logging(...)`) abort the whole process inside DuckDB instead of
    raising; a clear refusal beats a C++ `terminate`.
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from None
    if len(statements) != 1:
        raise QueryError(f"one SQL statement at a time, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in _READ_STATEMENTS:
        raise QueryError(f"{kind} statements are not allowed: only read-only queries (SELECT, WITH, FROM, VALUES, "
                         "DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)")
    m = _STATE_FUNCTIONS.search(sql)
    if m:
        raise QueryError(f"{m.group(1)}() is not allowed: it changes the connection, and queries here only read")


def run_sql(db_path: str | Path, sql: str, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """Run one SQL statement read-only: the database cannot change and no other file can be read or written."""
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}; run `dyads code` first")
    check_read_only_sql(sql)
    con = duckdb.connect(str(db_path), read_only=True, config={"enable_external_access": False})
    try:
        try:
            cur = con.execute(sql)
            cols = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchmany(limit) if limit is not None else cur.fetchall()
        except duckdb.Error as exc:
            raise QueryError(str(exc).splitlines()[0]) from None
        return cols, rows
    finally:
        con.close()
