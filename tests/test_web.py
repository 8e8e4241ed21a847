"""API tests of the web app (dyads.web): every endpoint, its filters, pagination, limits and empty results.

The database is built here from hand-made CodedArticle records (written with Store.write), so every
count below is known exactly: 4 articles, 7 events, with locations, an undated event, a quote and
text that looks like HTML.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from dyads.models import (  # noqa: E402
    Actor,
    Article,
    CodedArticle,
    Event,
    Location,
    NoEvent,
    Place,
    Quote,
    Span,
    Speaker,
    TimeExpr,
)
from dyads.ontology import load_ontology  # noqa: E402
from dyads.store import Store  # noqa: E402

MOSCOW = Location(name="Moscow", country="RUS", lat=55.75, lon=37.62, geonameid=524901, basis="dateline")
WASHINGTON = Location(name="Washington", country="USA", lat=38.9, lon=-77.04, geonameid=4140963, basis="sentence")
ALEPPO = Location(name="Aleppo", country="SYR", lat=36.2, lon=37.16, geonameid=170063, basis="clause")
FRANCE_ONLY = Location(name="France", country="FRA", basis="sentence")

HTML_TITLE = "<script>alert('x')</script> Aid & <b>arms</b>"


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _actor(text: str, needle: str, code: str, name: str | None = None, nth: int = 0) -> Actor:
    s, e = _at(text, needle, nth)
    country = code[:3] if code[:3].isalpha() and code[:3] not in {"REB", "GOV", "OPP", "MIL"} else None
    return Actor(text=needle, start=s, end=e, code=code, country=country, sector=code[3:] or None, name=name)


def _event(
    art: Article, idx: int, sentence: str, src: list[Actor], tgt: list[Actor], trigger: str, cameo: str,
    when: str | None, loc: Location | None,
) -> Event:
    onto = load_ontology().get(cameo)
    ss, se = _at(art.text, sentence)
    ts, te = _at(art.text, trigger)
    return Event(
        id=f"{art.id}:s{idx}:e1", article_id=art.id, sentence_index=idx, date=when,
        date_precision="day" if when else None, date_text=None, source=src, target=tgt, cameo=cameo,
        cameo_root=cameo[:2], cameo_name=onto.name, plover=onto.plover, plover_mode=onto.plover_mode,
        goldstein=onto.goldstein, quad_class=onto.quad_class, trigger=Span(trigger, ts, te), location=loc,
        sentence=sentence, sentence_start=ss, sentence_end=se, confidence=0.8,
    )


def build_articles() -> list[CodedArticle]:
    """Four small coded articles; the numbers the tests expect follow from these records."""
    out = []

    s0 = "Foreign Minister Sergei Lavrov urged the Syrian government and the opposition on Monday to talk."
    s1 = "Russia criticised the United States over its plans."
    s2 = '"We will not accept this," Lavrov said.'
    t = f"MOSCOW - {s0} {s1} {s2}"
    a = Article(id="moscow-1", text=t, publication_date=date(2013, 7, 22), title="Lavrov urges talks", source="test")
    lavrov = _actor(t, "Foreign Minister Sergei Lavrov", "RUSGOV", "Sergei Lavrov")
    syrgov = _actor(t, "the Syrian government", "SYRGOV")
    opp = _actor(t, "the opposition", "SYROPP")
    rus = _actor(t, "Russia", "RUS")
    usa = _actor(t, "the United States", "USA")
    qs, qe = _at(t, "We will not accept this,")
    ls, le = _at(t, "Lavrov", 1)
    cs, ce = _at(t, "said")
    ms, me = _at(t, "on Monday")
    ps, pe = _at(t, "MOSCOW")
    out.append(CodedArticle(
        article=a,
        times=[TimeExpr("on Monday", ms, me, "DATE", "2013-07-22")],
        places=[Place("MOSCOW", ps, pe, name="Moscow", country="RUS", lat=55.75, lon=37.62, geonameid=524901)],
        actors=[lavrov, syrgov, opp, rus, usa],
        quotes=[Quote("We will not accept this,", qs, qe, speaker=Speaker("Lavrov", ls, le, "Sergei Lavrov", "RUSGOV"),
                      cue=Span("said", cs, ce))],
        events=[
            _event(a, 0, s0, [lavrov], [syrgov, opp], "urged", "020", "2013-07-22", MOSCOW),
            _event(a, 1, s1, [rus], [usa], "criticised", "111", "2013-07-23", MOSCOW),
        ],
        no_events=[NoEvent(2, *_at(t, s2), reason="quotation without a codable verb")],
        location=Place("MOSCOW", ps, pe, name="Moscow", country="RUS", lat=55.75, lon=37.62),
    ))

    s0 = "The United States accused Russia of shielding Damascus."
    s1 = "Washington said it wanted to meet Russia next month."
    t = f"{s0} {s1}"
    a = Article(id="washington-1", text=t, publication_date=date(2013, 8, 5), title="US accuses Russia")
    out.append(CodedArticle(
        article=a,
        actors=[_actor(t, "The United States", "USA"), _actor(t, "Russia", "RUS"), _actor(t, "Washington", "USA"),
                _actor(t, "Russia", "RUS", nth=1)],
        events=[
            _event(a, 0, s0, [_actor(t, "The United States", "USA")], [_actor(t, "Russia", "RUS")], "accused",
                   "112", "2013-08-05", WASHINGTON),
            _event(a, 1, s1, [_actor(t, "Washington", "USA")], [_actor(t, "Russia", "RUS", nth=1)],
                   "wanted to meet", "036", "2013-09-10", WASHINGTON),
        ],
    ))

    s0 = "Syrian troops attacked rebels near Aleppo."
    s1 = "France gave aid to the rebels."
    s2 = "China praised Russia."
    t = f"{s0} {s1} {s2} Fighters wrote <b>50% off</b> on a wall."
    a = Article(id="aleppo-1", text=t, publication_date=date(2013, 8, 21), title=HTML_TITLE)
    out.append(CodedArticle(
        article=a,
        actors=[_actor(t, "Syrian troops", "SYRMIL"), _actor(t, "rebels", "SYRREB"), _actor(t, "France", "FRA"),
                _actor(t, "the rebels", "SYRREB"), _actor(t, "China", "CHN"), _actor(t, "Russia", "RUS")],
        events=[
            _event(a, 0, s0, [_actor(t, "Syrian troops", "SYRMIL")], [_actor(t, "rebels", "SYRREB")], "attacked",
                   "190", "2013-08-21", ALEPPO),
            _event(a, 1, s1, [_actor(t, "France", "FRA")], [_actor(t, "the rebels", "SYRREB")], "gave aid",
                   "070", "2013-09-02", FRANCE_ONLY),
            _event(a, 2, s2, [_actor(t, "China", "CHN")], [_actor(t, "Russia", "RUS")], "praised", "051", None, None),
        ],
    ))

    t = "Markets were calm on Tuesday."
    a = Article(id="quiet-1", text=t, publication_date=date(2013, 9, 3))
    out.append(CodedArticle(article=a, no_events=[NoEvent(0, 0, len(t), reason="no actor")]))
    return out


def build_db(path: Path) -> Path:
    with Store(path) as st:
        st.write(build_articles(), coder_version="test")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def client(db):
    from dyads.web import create_app

    app = create_app(db, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        yield c


def fetch(client, url: str) -> dict:
    """The JSON of a URL with its query string as written (`get` builds the query from keywords)."""
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()


def get(client, url: str, **params) -> dict:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


# -- meta --------------------------------------------------------------------------------------
def test_stats_and_facets(client):
    s = get(client, "/api/stats")
    assert (s["articles"], s["events"], s["first_date"], s["last_date"]) == (4, 7, "2013-07-22", "2013-09-03")
    assert s["event_dates"] == {"first": "2013-07-22", "last": "2013-09-10", "implausible": 0}
    assert s["database"] == "web.duckdb"  # the file name, never the full path
    f = get(client, "/api/facets")
    assert {r["code"]: r["n"] for r in f["cameo_roots"]} == {"02": 1, "11": 2, "03": 1, "19": 1, "07": 1, "05": 1}
    assert {r["plover"]: r["n"] for r in f["plover"]}["ACCUSE"] == 2
    # actor countries count mentions: SYRGOV and SYROPP in one event are two
    assert {r["country"]: r["n"] for r in f["countries"]} == {"RUS": 5, "USA": 3, "SYR": 5, "FRA": 1, "CHN": 1}


def test_openapi_lists_every_endpoint(client):
    paths = set(get(client, "/openapi.json")["paths"])
    assert {"/api/stats", "/api/facets", "/api/overview", "/api/events", "/api/events.csv", "/api/events/{event_id}",
            "/api/dyad", "/api/network", "/api/map", "/api/actors", "/api/articles",
            "/api/articles/{article_id}"} <= paths


# -- overview ----------------------------------------------------------------------------------
def test_overview_counts_and_timeline(client):
    o = get(client, "/api/overview")
    assert (o["events"], o["articles"], o["undated"]) == (7, 3, 1)
    assert {q["quad_class"]: q["n"] for q in o["by_quad"]} == {1: 3, 2: 1, 3: 2, 4: 1}
    months = {r["period"]: (r["q1"], r["q2"], r["q3"], r["q4"]) for r in o["timeline"]}
    assert months == {"2013-07-01": (1, 0, 1, 0), "2013-08-01": (0, 0, 1, 1), "2013-09-01": (1, 1, 0, 0)}
    top = {a["code"]: a for a in o["top_actors"]}
    assert top["RUS"]["n"] == 4 and top["RUS"]["as_target"] == 3 and top["RUSGOV"]["name"] == "Russia: government"
    assert o["top_dyads"][0] == {"source": "USA", "target": "RUS", "n": 2, "goldstein": 1.0}
    assert {(p["name"], p["n"]) for p in o["top_places"]} == {("Moscow", 2), ("Washington", 2), ("Aleppo", 1),
                                                              ("France", 1)}


def test_overview_week_and_year_buckets(client):
    assert [r["period"] for r in get(client, "/api/overview", interval="year")["timeline"]] == ["2013-01-01"]
    weeks = get(client, "/api/overview", interval="week")["timeline"]
    assert weeks[0]["period"] == "2013-07-22" and sum(r["total"] for r in weeks) == 6


def test_overview_with_filter_and_empty(client):
    o = get(client, "/api/overview", actor="RUS")
    assert o["events"] == 5
    empty = get(client, "/api/overview", actor="ZZZ")
    assert empty["events"] == 0 and empty["timeline"] == [] and empty["top_actors"] == []
    assert all(q["n"] == 0 for q in empty["by_quad"])


@pytest.fixture(scope="module")
def dense_db(tmp_path_factory) -> Path:
    """1,500 events from December 2011 to April 2012, actors drawn with a skew (as `dyads bench web` draws
    them): a few dyads with dozens of events a quarter, most with one or two; some compound and one-sided."""
    import random
    from datetime import timedelta

    from tests.test_aggregate import MOSCOW, PETERSBURG, article, mention

    countries = ("USA RUS SYR CHN IRN ISR FRA GBR TUR EGY UKR DEU JPN IND BRA ZAF MEX NGA PAK AFG IRQ LBY YEM SAU "
                 "QAT JOR LBN KOR PRK VEN").split()
    codes = [c + s for c in countries for s in ("GOV", "")]
    cameos = ["010", "020", "036", "042", "057", "111", "112", "130", "173", "190"]
    rng = random.Random(19)

    def draw(items: list[str], power: int) -> str:
        return items[int(len(items) * rng.random() ** power)]

    arts = []
    for a in range(375):
        day = (date(2011, 12, 1) + timedelta(days=(a * 7) % 152)).isoformat()
        events = []
        for k in range(4):
            i = 4 * a + k
            src, tgt = draw(codes, 3), draw(codes, 3)
            target = None if i % 23 == 0 else [tgt, draw(codes, 2)] if i % 9 == 0 else tgt  # one-sided, compound
            loc = (MOSCOW, PETERSBURG, None)[i % 3]
            events.append(mention(f"d{a}", k, src, draw(cameos, 1), target, day=day, loc=loc))
        arts.append(article(f"d{a}", events))
    path = tmp_path_factory.mktemp("dense") / "dense.duckdb"
    with Store(path) as st:
        st.write(arts, coder_version="test")
    return path


def _without_goldstein(view: dict) -> dict:
    return {**view, "top_dyads": [{k: v for k, v in d.items() if k != "goldstein"} for d in view["top_dyads"]]}


DATE_RANGES = [
    ("2012-01-01", "2012-03-31"), ("2012-01-02", "2012-03-30"), ("2011-11-15", "2012-02-10"),
    ("2012-02-01", "2012-02-29"), ("2011-12-01", "2012-01-31"), ("2011-01-01", None), (None, "2011-06-30"),
    ("2000-01-01", "2030-12-31"),
    ("2012-01-05", "2012-02-27"), ("2012-05-10", "2012-05-10"), ("2030-01-01", "2030-12-31"),
    ("2013-07-01", "2013-09-30"), ("2013-08-01", None), ("2013-07-23", "2013-09-30"),
]


@pytest.mark.parametrize("which", ["dense", "hand-made"])
def test_the_overview_of_a_date_range_is_the_events_grouped(which, dense_db, db):
    """A filter of dates alone is summed from the month tables where it covers whole months (with the events of
    the days outside them, and the top dyads bounded before they are summed): the same overview as grouping its
    events, for every range, interval and number of top rows. The mean Goldstein score of a dyad is summed in
    another order, so it may differ in its last binary digits, not in its two decimals but at a tie of rounding."""
    from dyads.queries import EventFilter
    from dyads.web import queries

    with Store(dense_db if which == "dense" else db, read_only=True) as st:
        whole = 0
        for lo, hi in DATE_RANGES:
            flt = EventFilter(date_from=lo and date.fromisoformat(lo), date_to=hi and date.fromisoformat(hi))
            for interval in ("day", "week", "month", "year"):
                for top in (1, 10):
                    summed = queries._overview_from_events(st.con, flt, interval, top)
                    grouped = queries._overview_from_events(st.con, flt, interval, top, index=False)
                    assert _without_goldstein(summed) == _without_goldstein(grouped), (lo, hi, interval, top)
                    assert all(abs(a["goldstein"] - b["goldstein"]) < 0.011 for a, b in
                               zip(summed["top_dyads"], grouped["top_dyads"], strict=True))
            whole += queries._overview_of_dates(st.con, flt, "month", 10) is not None
        assert whole == (7 if which == "dense" else 5)  # the ranges with a whole month of events took the sums


def test_the_dense_quarter_has_pairs_the_bound_leaves_out(dense_db):
    """What makes the test above check the bound: in a quarter of the dense events most pairs have one or two
    events and the top ones dozens, so the bound (a part with n * k >= L, k = 3 months) leaves most pairs out."""
    with Store(dense_db, read_only=True) as st:
        counts = [n for (n,) in st.con.execute(
            "SELECT count(*) AS n FROM events WHERE event_date BETWEEN DATE '2012-01-01' AND DATE '2012-03-31' "
            "AND source_extra IS NULL AND target_extra IS NULL GROUP BY source_code, target_code "
            "ORDER BY n DESC").fetchall()]
    assert counts[0] > 30 and counts[9] >= 5 and sum(n <= 2 for n in counts) > 0.8 * len(counts)


# -- search and filters ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"actor": "RUS"}, {"moscow-1:s0:e1", "moscow-1:s1:e1", "washington-1:s0:e1", "washington-1:s1:e1",
                            "aleppo-1:s2:e1"}),
        ({"actor": "lavrov"}, {"moscow-1:s0:e1"}),  # by name, any case
        ({"actor": "the united states"}, {"moscow-1:s1:e1", "washington-1:s0:e1"}),  # by text
        ({"source": "USA"}, {"washington-1:s0:e1", "washington-1:s1:e1"}),
        ({"target": "SYR"}, {"moscow-1:s0:e1", "aleppo-1:s0:e1", "aleppo-1:s1:e1"}),
        ({"country": "syr"}, {"moscow-1:s0:e1", "aleppo-1:s0:e1", "aleppo-1:s1:e1"}),
        ({"cameo": "11"}, {"moscow-1:s1:e1", "washington-1:s0:e1"}),
        ({"cameo": "190"}, {"aleppo-1:s0:e1"}),
        ({"quad_class": 2}, {"aleppo-1:s1:e1"}),
        ({"plover": "accuse"}, {"moscow-1:s1:e1", "washington-1:s0:e1"}),
        ({"date_from": "2013-08-01", "date_to": "2013-08-31"}, {"washington-1:s0:e1", "aleppo-1:s0:e1"}),
        ({"date_from": "2013-09-01"}, {"washington-1:s1:e1", "aleppo-1:s1:e1"}),
        ({"place": "moscow"}, {"moscow-1:s0:e1", "moscow-1:s1:e1"}),
        ({"place": "FRA"}, {"aleppo-1:s1:e1"}),
        ({"q": "CRITICISED"}, {"moscow-1:s1:e1"}),
        ({"article": "aleppo-1"}, {"aleppo-1:s0:e1", "aleppo-1:s1:e1", "aleppo-1:s2:e1"}),
        ({"actor": "RUS", "quad_class": 3}, {"moscow-1:s1:e1", "washington-1:s0:e1"}),
        ({"q": "%"}, set()),  # LIKE wildcards in user text are literal
        ({"q": "_"}, set()),
        ({"actor": "' OR 1=1 --"}, set()),  # and SQL is never built from it
        ({"actor": "ZZZ"}, set()),
    ],
)
def test_event_filters(client, params, ids):
    page = get(client, "/api/events", limit=100, **params)
    assert {e["id"] for e in page["items"]} == ids
    assert page["total"] == len(ids)


def test_events_carry_actors_and_sort(client):
    page = get(client, "/api/events", sort="date", limit=3)
    first = page["items"][0]
    assert first["id"] == "moscow-1:s0:e1"
    assert [a["code"] for a in first["target"]] == ["SYRGOV", "SYROPP"]
    assert first["source"][0]["name"] == "Sergei Lavrov" and first["trigger_text"] == "urged"
    assert get(client, "/api/events", sort="-date")["items"][-1]["event_date"] is None  # undated last
    assert get(client, "/api/events", sort="goldstein")["items"][0]["cameo"] == "190"


def test_events_pagination(client):
    seen = []
    for offset in (0, 3, 6):
        page = get(client, "/api/events", limit=3, offset=offset, sort="article")
        assert page["total"] == 7 and (page["limit"], page["offset"]) == (3, offset)
        seen += [e["id"] for e in page["items"]]
    assert len(seen) == 7 == len(set(seen))
    assert get(client, "/api/events", offset=100)["items"] == []


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein"])
def test_pages_of_every_size_follow_the_full_order(client, sort):
    """A page is cut from the rows up to its last key (`_count_and_page`): ties and NULL keys
    (the undated event) must still fall on the same pages as in the full sorted list."""
    full = [e["id"] for e in get(client, "/api/events", sort=sort, limit=50)["items"]]
    assert len(full) == 7
    for limit in (1, 2, 3):
        for offset in range(8):
            page = get(client, "/api/events", sort=sort, limit=limit, offset=offset)
            assert [e["id"] for e in page["items"]] == full[offset:offset + limit], (limit, offset)


KEYED_FILTERS = [
    {}, {"actor": "RUS"}, {"actor": "RUSGOV", "match": "exact"}, {"actor": "SYR"}, {"country": "SYR", "quad_class": 4},
    {"actor": "USA", "basis": "sentence"}, {"quad_class": 1}, {"basis": "none"}, {"basis": "dateline"},
    {"actor": "SYRREB", "quad_class": 4, "basis": "sentence"}, {"actor": "CHN"}, {"actor": "ZZZ"},
    {"source": "RUSGOV", "match": "exact"}, {"target": "SYROPP", "match": "exact"}, {"target": "RUS", "match": "exact"},
    {"source": "USA", "match": "exact"}, {"target": "ZZZ", "match": "exact"},
]
"""Filters whose events list takes its total from summary_map (one actor key, a quad class, a basis)."""


def _check_lists_against_the_rows(con) -> None:
    """Every keyed filter's list (total from summary_map, the page's last key probed) and some others'
    (counted) against the filter's rows counted and sorted directly, for every sort and pages of several
    sizes (by Goldstein a page is read in two parts: the keys before its last, then the ties)."""
    from dyads.queries import EventFilter
    from dyads.web import queries

    unkeyed = [{"cameo": "1"}, {"q": "russia"}, {"source": "RUS"}, {"actor": "RUS", "cameo": "11"},
               {"date_from": "2013-08-01"}]
    for f in [*KEYED_FILTERS, *unkeyed]:
        flt = EventFilter(**f)
        assert (queries._summed_total(con, flt) is not None) == (f in KEYED_FILTERS), f
        where, params = flt.where("e")
        for sort, order in queries.SORTS.items():
            ids = [r[0] for r in con.execute(f"SELECT e.id FROM events e WHERE {where} ORDER BY {order}",
                                             params).fetchall()]
            for limit, offset in ((1, 0), (1, 1), (2, 1), (3, 0), (2, 4), (50, 0), (1, len(ids))):
                page = queries.list_events(con, flt, limit, offset, sort)
                assert page["total"] == len(ids), (f, sort)
                assert [i["id"] for i in page["items"]] == ids[offset:offset + limit], (f, sort, limit, offset)


def test_keyed_event_totals_are_the_rows_of_their_filters(tmp_path):
    """An events list of one actor, country, quad class or basis is counted from summary_map: its
    total and pages are the filter's rows, also right after an article is coded again."""
    import dataclasses

    path = build_db(tmp_path / "keyed.duckdb")
    with Store(path) as st:
        _check_lists_against_the_rows(st.con)
        # aleppo-1 coded again with its first event only (SYRMIL -> SYRREB): CHN, FRA and a RUS go
        aleppo = build_articles()[2]
        st.write([dataclasses.replace(aleppo, events=aleppo.events[:1])], coder_version="test")
        assert st.con.execute("SELECT count(*) FROM events").fetchone()[0] == 5
        _check_lists_against_the_rows(st.con)
        from dyads.queries import EventFilter
        from dyads.web import queries

        assert queries.list_events(st.con, EventFilter(actor="CHN"), 10, 0)["total"] == 0
        # a filter no summary row counts (a role, a date) is counted from the events
        assert queries._summed_total(st.con, EventFilter(source="RUS")) is None
        assert queries._summed_total(st.con, EventFilter(source="RUS", target="USA", match="exact")) is None
        assert queries._summed_total(st.con, EventFilter(source="RUS", quad_class=1, match="exact")) is None
        assert queries._summed_total(st.con, EventFilter(actor="RUS", cameo="11")) is None


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"cameo": "abc"}, {"quad_class": 5}, {"date_from": "July"},
     {"sort": "id; DROP TABLE events"}, {"q": "x" * 201}],
)
def test_bad_parameters_are_refused(client, params):
    assert client.get("/api/events", params=params).status_code == 422


def test_event_record(client):
    rec = get(client, "/api/events/moscow-1:s0:e1")
    assert rec["cameo"] == "020" and rec["location"]["name"] == "Moscow"
    assert client.get("/api/events/nope:s0:e1").status_code == 404


def test_events_csv(client):
    r = client.get("/api/events.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 7
    assert {row["source"] + ">" + row["target"] for row in rows} >= {"RUSGOV>SYRGOV;SYROPP", "USA>RUS"}
    filtered = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"cameo": "11"}).text)))
    assert sorted(row["id"] for row in filtered) == ["moscow-1:s1:e1", "washington-1:s0:e1"]
    limited = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"limit": 2}).text)))
    assert len(limited) == 2
    empty = client.get("/api/events.csv", params={"actor": "ZZZ"}).text.strip().splitlines()
    assert len(empty) == 1 and empty[0].startswith("id,article_id")
    assert client.get("/api/events.csv", params={"limit": 100_001}).status_code == 422


def test_events_csv_read_in_pages_gives_the_same_rows(client, monkeypatch):
    """The CSV download reads a page at a time (giving the file up between pages, for `dyads code`):
    pages of 2 rows give the same CSV as one page, limits included."""
    from dyads.web import app as app_module

    asks = [{}, {"limit": 5}, {"limit": 4}, {"cameo": "11"}, {"actor": "ZZZ"}]
    whole = [client.get("/api/events.csv", params=p).text for p in asks]
    assert len(list(csv.DictReader(io.StringIO(whole[0])))) == 7
    monkeypatch.setattr(app_module, "CSV_PAGE_ROWS", 2)
    assert [client.get("/api/events.csv", params=p).text for p in asks] == whole


def test_events_csv_is_the_csv_dyads_code_writes(client, db):
    """The download builds its rows as lists (`event_csv_values`); `dyads code --format csv` writes dicts
    (`EventWriter`): the same records give the same bytes."""
    import duckdb

    from dyads.export.records import EventWriter
    from dyads.queries import EventFilter, iter_mention_records

    for params, flt in (({}, EventFilter()), ({"actor": "SYR"}, EventFilter(actor="SYR"))):
        con = duckdb.connect(str(db), read_only=True)
        out = io.StringIO(newline="")
        EventWriter(out, "csv").write(iter_mention_records(con, flt))
        con.close()
        assert client.get("/api/events.csv", params=params).text == out.getvalue(), params


# -- dyad, network, map --------------------------------------------------------------------------
def test_dyad_both_directions(client):
    d = get(client, "/api/dyad", a="rus", b="USA")
    assert (d["a"], d["b"]) == ("RUS", "USA")
    assert d["totals"]["ab"]["n"] == 1 and d["totals"]["ab"]["goldstein"] == -2.0
    assert d["totals"]["ba"]["n"] == 2 and d["totals"]["ba"]["goldstein"] == 1.0
    assert d["totals"]["ba"]["by_quad"] == {"1": 1, "2": 0, "3": 1, "4": 0}
    assert d["series"] == [
        {"period": "2013-07-01", "ab_n": 1, "ab_goldstein": -2.0, "ba_n": 0, "ba_goldstein": None},
        {"period": "2013-08-01", "ab_n": 0, "ab_goldstein": None, "ba_n": 1, "ba_goldstein": -2.0},
        {"period": "2013-09-01", "ab_n": 0, "ab_goldstein": None, "ba_n": 1, "ba_goldstein": 4.0},
    ]
    assert [(e["id"], e["direction"]) for e in d["events"]["items"]] == [
        ("moscow-1:s1:e1", "ab"), ("washington-1:s0:e1", "ba"), ("washington-1:s1:e1", "ba")]


def test_dyad_prefix_filter_pagination_and_empty(client):
    d = get(client, "/api/dyad", a="RUS", b="SYR")  # RUS covers RUSGOV, SYR covers SYRGOV and SYROPP
    assert d["totals"]["ab"]["n"] == 1 and d["totals"]["ba"]["n"] == 0
    page = get(client, "/api/dyad", a="RUS", b="USA", limit=1, offset=1)
    assert page["events"]["total"] == 3 and [e["id"] for e in page["events"]["items"]] == ["washington-1:s0:e1"]
    filtered = get(client, "/api/dyad", a="RUS", b="USA", quad_class=1)
    assert filtered["totals"]["ab"]["n"] == 0 and filtered["totals"]["ba"]["n"] == 1
    none = get(client, "/api/dyad", a="FRA", b="CHN")
    assert none["series"] == [] and none["events"]["total"] == 0 and none["totals"]["ab"]["goldstein"] is None
    assert client.get("/api/dyad", params={"a": "RUS"}).status_code == 422


def test_network_codes_and_countries(client):
    net = get(client, "/api/network")
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert set(edges) == {("RUSGOV", "SYRGOV"), ("RUSGOV", "SYROPP"), ("RUS", "USA"), ("USA", "RUS"),
                          ("SYRMIL", "SYRREB"), ("FRA", "SYRREB"), ("CHN", "RUS")}
    assert edges[("USA", "RUS")]["n"] == 2 and edges[("USA", "RUS")]["kind"] == "cooperation"  # one each: tie
    assert edges[("SYRMIL", "SYRREB")]["kind"] == "conflict"
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["RUS"]["n"] == 4 and nodes["RUSGOV"]["name"] == "Russia: government"
    by_country = {(e["source"], e["target"]): e["n"] for e in get(client, "/api/network", level="country")["edges"]}
    # RUSGOV -> SYRGOV + SYROPP is one event; SYRMIL -> SYRREB is a loop, left out
    assert by_country == {("RUS", "SYR"): 1, ("RUS", "USA"): 1, ("USA", "RUS"): 2, ("FRA", "SYR"): 1, ("CHN", "RUS"): 1}
    assert len(get(client, "/api/network", limit=2)["edges"]) == 2
    assert [(e["source"], e["target"]) for e in get(client, "/api/network", min_count=2)["edges"]] == [("USA", "RUS")]
    assert get(client, "/api/network", actor="ZZZ") == {"level": "code", "nodes": [], "edges": []}


def test_map(client):
    m = get(client, "/api/map")
    assert {(p["name"], p["n"], p["q3"]) for p in m["points"]} == {("Moscow", 2, 1), ("Washington", 2, 1),
                                                                   ("Aleppo", 1, 0)}
    assert m["countries"] == [{"name": "France", "country": "FRA", "n": 1, "q1": 0, "q2": 1, "q3": 0, "q4": 0}]
    assert m["unplaced"] == 1
    assert get(client, "/api/map", actor="ZZZ") == {"unit": "mentions", "basis": None, "points": [], "countries": [],
                                                    "unplaced": 0}
    # placed from their own sentence or clause: Washington and Aleppo and France, not Moscow (the dateline)
    m = get(client, "/api/map", basis="sentence")
    assert {p["name"] for p in m["points"]} == {"Washington", "Aleppo"} and m["basis"] == "sentence"
    assert {p["name"] for p in get(client, "/api/map", basis="dateline")["points"]} == {"Moscow"}
    assert get(client, "/api/events", basis="none")["total"] == 1
    assert len(get(client, "/api/map", limit=1)["points"]) == 1


def test_map_counts_are_the_rows_of_their_filters(client):
    """A point's count is the mentions its link selects (the filter, that place name and its country), the
    unplaced count those placed nowhere: read from summary_map for one actor or basis, as from the events."""
    total = lambda **f: get(client, "/api/events", limit=1, **f)["total"]  # noqa: E731
    for flt in ({"actor": "RUS"}, {"actor": "RUSGOV", "match": "exact"}, {"country": "USA"}, {"basis": "sentence"},
                {"actor": "SYR", "basis": "sentence"}, {"actor": "USA", "match": "exact", "basis": "dateline"}):
        m = get(client, "/api/map", **flt)
        for p in m["points"]:
            assert p["n"] == total(**flt, place=p["name"], place_country=p["country"]), (flt, p)
        if "basis" not in flt:
            assert m["unplaced"] == total(**flt, basis="none"), flt
        assert sum(p["n"] for p in m["points"] + m["countries"]) + m["unplaced"] == total(**flt), flt


# -- actors and articles ----------------------------------------------------------------------------
def test_actor_suggestions(client):
    assert [a["code"] for a in get(client, "/api/actors", q="rus")] == ["RUS", "RUSGOV"]
    assert get(client, "/api/actors", q="lavrov")[0]["code"] == "RUSGOV"
    assert get(client, "/api/actors", q="zzz") == []


def test_articles_list(client):
    page = get(client, "/api/articles")
    assert page["total"] == 4 and [a["id"] for a in page["items"]][0] == "quiet-1"
    assert get(client, "/api/articles", title="script")["items"][0]["id"] == "aleppo-1"
    assert [a["id"] for a in get(client, "/api/articles", limit=1, offset=3)["items"]] == ["moscow-1"]
    assert get(client, "/api/articles", title="nothing like it")["items"] == []
    # with an event filter (the same as every view's): the articles with a matching mention
    assert get(client, "/api/articles", has_events=True)["total"] == 3
    assert [a["id"] for a in get(client, "/api/articles", q="troops")["items"]] == ["aleppo-1"]
    assert get(client, "/api/articles", actor="USA", match="exact")["total"] == 2


def test_article_view(client):
    art = get(client, "/api/articles/moscow-1")
    text = art["text"]
    assert [e["id"] for e in art["events"]] == ["moscow-1:s0:e1", "moscow-1:s1:e1"]
    for layer in ("times", "places", "actors", "quotes"):
        assert art["layers"][layer], layer
        for item in art["layers"][layer]:
            assert text[item["start"]:item["end"]] == item["text"]
    for e in art["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger_text"]
        assert text[e["sentence_start"]:e["sentence_end"]] == e["sentence"]
    assert art["layers"]["quotes"][0]["speaker"]["code"] == "RUSGOV"
    assert art["no_events"][0]["reason"] == "quotation without a codable verb"
    quiet = get(client, "/api/articles/quiet-1")
    assert quiet["events"] == [] and quiet["layers"]["actors"] == [] and quiet["no_events"][0]["reason"] == "no actor"
    assert get(client, "/api/articles/aleppo-1")["title"] == HTML_TITLE  # JSON carries it as text; pages escape
    assert client.get("/api/articles/nope").status_code == 404


# -- pages and safety --------------------------------------------------------------------------------
def test_pages_and_assets_are_served(client):
    r = client.get("/")
    assert r.status_code == 200 and '<script src="/static/app.js"' in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
    world = client.get("/static/world.json").json()
    iso = {c["iso3"] for c in world["countries"]}
    assert {"RUS", "USA", "SYR", "FRA", "CHN"} <= iso and "Natural Earth" in world["source"]
    assert "http://" not in r.text and "https://" not in r.text  # nothing from a CDN


def test_foreign_host_header_is_refused(client):
    assert client.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


def test_only_reads(client, db):
    assert client.post("/api/events").status_code == 405
    with pytest.raises(Exception, match="read-only"):
        client.app.state.reader.store.con.cursor().execute("DELETE FROM events")
    with Store(db, read_only=True) as st:  # a second reader is fine while the app runs
        assert st.query("SELECT count(*) FROM events")[1][0][0] == 7


def test_missing_database_is_an_error(tmp_path):
    from dyads.web import create_app

    with pytest.raises(FileNotFoundError):
        create_app(tmp_path / "none.duckdb")


def test_repeated_requests_are_answered_from_the_cache(client):
    cache = client.app.state.cache
    cache.clear()
    first = get(client, "/api/network", level="country", limit=3)
    hits = cache.hits
    assert get(client, "/api/network", limit=3, level="country") == first  # same query, other order
    assert cache.hits == hits + 1
    assert get(client, "/api/network", level="country", limit=4) != first  # another query is computed


@pytest.fixture(scope="module")
def coded_client(tmp_path_factory):
    """The app over articles coded by the real pipeline (Coder -> code_into_store), not hand-made records."""
    from dyads import Coder
    from dyads.runner import code_into_store
    from dyads.web import create_app

    texts = [
        ("c1", "Russia criticised the United States on Monday. China praised Russia on Tuesday."),
        ("c2", "Syrian troops attacked rebels near Aleppo."),
    ]
    path = tmp_path_factory.mktemp("coded") / "coded.duckdb"
    with Store(path) as st:
        code_into_store([Article(id=i, text=t, publication_date=date(2013, 7, 22)) for i, t in texts], st, Coder())
        summary = st.summary()
    with TestClient(create_app(path, allowed_hosts=["testserver"])) as c:
        yield c, summary


def test_pipeline_output_traces_to_the_text(coded_client):
    client, summary = coded_client
    assert summary.events > 0
    o = get(client, "/api/overview")
    assert o["events"] == summary.events
    assert [(d["source"], d["target"], d["n"]) for d in o["top_dyads"]] == [tuple(x) for x in summary.top_dyads]
    for article_id in ("c1", "c2"):
        art = get(client, f"/api/articles/{article_id}")
        for e in art["events"]:
            assert art["text"][e["trigger_start"]:e["trigger_end"]] == e["trigger_text"]
            for actor in e["source"] + e["target"]:
                assert art["text"][actor["start"]:actor["end"]] == actor["text"]
        for actor in art["layers"]["actors"]:
            assert art["text"][actor["start"]:actor["end"]] == actor["text"]


def test_serve_command_refuses_a_missing_database(tmp_path):
    from click.testing import CliRunner

    from dyads.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no database" in result.output


def test_warm_up_fills_the_cache_with_the_landing_views(db):
    import time

    from dyads.web import create_app

    with TestClient(create_app(db, allowed_hosts=["testserver"], warm_up=True)) as c:
        cache = c.app.state.cache
        deadline = time.monotonic() + 20
        while len(cache.items) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(cache.items) == 6
        hits = cache.hits
        for url in ("/api/stats", "/api/facets", "/api/overview?interval=month&top=10",
                    "/api/events?limit=50&offset=0&sort=-date", "/api/network?level=code&limit=60&min_count=1",
                    "/api/map?limit=2000"):
            assert c.get(url).status_code == 200
        assert cache.hits == hits + 6


def test_summary_tables_answer_as_the_events_do(db, tmp_path):
    """The unfiltered views read the summary tables; without them (a Parquet store) the events are
    grouped instead: both must give the same answers."""
    import shutil

    from dyads.store import summaries
    from dyads.web import create_app

    plain = tmp_path / "no-summaries.duckdb"
    shutil.copy(db, plain)
    with Store(plain) as st:
        for name in summaries.SUMMARY_TABLES:
            st.con.execute(f"DROP TABLE {name}")
    urls = ["/api/overview", "/api/overview?interval=day&top=3", "/api/facets", "/api/network",
            "/api/network?level=country&min_count=2", "/api/map", "/api/map?limit=1", "/api/actors",
            "/api/actors?q=syr", "/api/actors?q=lavrov"]
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as fast, \
            TestClient(create_app(plain, allowed_hosts=["testserver"])) as slow:
        con = fast.app.state.reader.store.con
        assert summaries.has_summaries(con)
        assert not summaries.has_summaries(slow.app.state.reader.store.con)
        # every actor page (its counts and names from the summaries: exact codes only), one of a prefix
        # and of a code no event has
        codes = [c for (c,) in con.execute("SELECT DISTINCT code FROM event_actors WHERE code IS NOT NULL").fetchall()]
        assert len(codes) > 5
        urls += [f"/api/actor/{c}" for c in [*codes, "RUS", "ZZZ"]]
        # the map of every code, exact and as a prefix, and of every country (summary_map), with a basis
        # or without; and filters it cannot answer (a role, another prefix length: the events grouped)
        roots = sorted({c[:3] for c in codes})
        urls += [f"/api/map?actor={c}" for c in [*codes, *roots]]
        urls += [f"/api/map?actor={c}&match=exact" for c in [*codes, *roots]]
        urls += [f"/api/map?country={c}&basis={b}" for c in roots for b in ("sentence", "dateline", "none")]
        urls += ["/api/map?basis=sentence", "/api/map?basis=dateline", "/api/map?basis=none",
                 "/api/map?actor=SYR&basis=dateline", "/api/map?actor=ZZZ", "/api/map?actor=RU",
                 "/api/map?source=RUS", "/api/map?actor=RUS&cameo=19", "/api/map?country=syr&limit=1"]
        for url in urls:
            assert fetch(fast, url) == fetch(slow, url), url


def test_actor_page_counts_are_the_rows_of_their_filters(client):
    """The actor page's counts come from the summary tables: each is the total of the filter it links."""
    total = lambda **f: get(client, "/api/events", limit=1, **f)["total"]  # noqa: E731
    for code in ("RUSGOV", "USA", "SYROPP", "UKRMIL", "ZZZ"):
        counts = get(client, f"/api/actor/{code}")["counts"]
        for role in ("either", "source", "target"):
            assert counts[role]["n"] == total(**counts[role]["filter"]), (code, role)
    assert get(client, "/api/actor/RUSGOV")["counts"]["either"]["n"] == 1


def test_an_older_database_is_upgraded_before_it_is_served(tmp_path, monkeypatch):
    from dyads.store import SCHEMA_VERSION, summaries
    from dyads.web import create_app
    from tests.test_store import _as_of_version

    path = tmp_path / "v3.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 3)
        build_db(path)
    with TestClient(create_app(path, allowed_hosts=["testserver"])) as c:
        assert c.app.state.reader.store.schema_version == SCHEMA_VERSION
        assert summaries.has_summaries(c.app.state.reader.store.con)
        assert get(c, "/api/overview")["events"] == 7
        assert get(c, "/api/events", actor="SYROPP")["total"] == 1


def test_a_parquet_store_answers_as_the_duckdb_file(db, tmp_path):
    """A Parquet directory (Dask engine), here one written before schema 4 (no compound-code columns,
    no summary tables), gives the same answers: its views group the events."""
    import json

    import duckdb

    from dyads.store.rows import STORE_TABLES
    from dyads.web import create_app

    out = tmp_path / "pq"
    con = duckdb.connect(str(db), read_only=True)
    for table in STORE_TABLES:
        (out / table).mkdir(parents=True)
        cols = "* EXCLUDE (source_extra, target_extra)" if table == "events" else "*"
        con.execute(f"COPY (SELECT {cols} FROM {table}) TO '{out / table / 'part-0.parquet'}' (FORMAT parquet)")
    con.close()
    (out / "_dyads.json").write_text(json.dumps({"schema_version": 3}), encoding="utf-8")
    urls = ["/api/overview", "/api/overview?actor=SYR", "/api/overview?cameo=19&interval=year", "/api/facets",
            "/api/events?actor=SYROPP", "/api/events?q=aleppo&sort=goldstein", "/api/events?place=moscow",
            "/api/dyad?a=RUS&b=SYR", "/api/network?level=country", "/api/network?country=SYR", "/api/map",
            "/api/map?actor=RUS", "/api/actors?q=s", "/api/articles?q=moscow", "/api/articles/moscow-1"]
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as duck, \
            TestClient(create_app(out, allowed_hosts=["testserver"])) as pq:
        for url in urls:
            assert fetch(duck, url) == fetch(pq, url), url


# -- one filter, exact counts, new pages --------------------------------------------------------------
def test_each_overview_count_is_the_rows_its_filter_selects(client):
    """The numbers the pages link (tests/test_web_browser.py clicks them): each is the total of the
    filter its link carries."""
    o = get(client, "/api/overview")
    total = lambda **f: get(client, "/api/events", limit=1, **f)["total"]  # noqa: E731
    assert o["unit"] == "mentions" and total() == o["events"]
    for a in o["top_actors"]:
        assert total(actor=a["code"], match="exact") == a["n"], a
    for d in o["top_dyads"]:
        assert total(source=d["source"], target=d["target"], match="exact") == d["n"], d
    for p in o["top_places"]:
        assert total(place=p["name"], place_country=p["country"]) == p["n"], p
    for q in o["by_quad"]:
        assert total(quad_class=q["quad_class"]) == q["n"]
    assert total(dates="undated") == o["undated"] == 1
    assert get(client, "/api/articles", has_events=True)["total"] == o["articles"]
    # prefix matching (the default) takes in the codes under a code; exact does not
    assert total(actor="RUS") == 5 and total(actor="RUS", match="exact") == 4
    d = get(client, "/api/dyad", a="RUS", b="USA", match="exact")
    assert d["totals"]["ab"]["n"] == total(source="RUS", target="USA", match="exact") == 1


def test_filtered_overview_kept_or_inlined_gives_the_filters_rows(db):
    """The filtered overview keeps its matches (actor filters) or inlines them (the others): both forms
    give the same answer for every filter, and its totals are the rows the filter selects."""
    from datetime import date

    import duckdb

    from dyads.queries import EventFilter
    from dyads.web import queries

    con = duckdb.connect(str(db), read_only=True)
    filters = [EventFilter(actor="RUS"), EventFilter(actor="USA", match="exact"),
               EventFilter(country="SYR", quad_class=4), EventFilter(source="RUS", target="USA"),
               EventFilter(cameo="19"), EventFilter(q="russia"),
               EventFilter(date_from=date(2013, 8, 1), date_to=date(2013, 8, 31)), EventFilter(actor="ZZZ")]
    for flt in filters:
        kept, inlined = (queries._overview_from_events(con, flt, "month", 10, keep=k) for k in (True, False))
        assert kept == inlined, flt
        where, params = flt.where("e")
        n, articles = con.execute(f"SELECT count(*), count(DISTINCT e.article_id) FROM events e WHERE {where}",
                                  params).fetchone()
        assert (kept["events"], kept["articles"]) == (n, articles), flt
        assert sum(t["total"] for t in kept["timeline"]) + kept["undated"] + kept["implausible"] == n
    assert queries._overview_from_events(con, EventFilter(actor="RUS"), "month", 10)["events"] == 5
    con.close()


def test_time_axis_is_continuous(client):
    weeks = get(client, "/api/overview", interval="week")["timeline"]
    starts = [date.fromisoformat(w["period"]) for w in weeks]
    assert all((b - a).days == 7 for a, b in zip(starts, starts[1:], strict=False))
    assert len(weeks) == 8 and sum(w["total"] == 0 for w in weeks) == 3
    series = get(client, "/api/dyad", a="USA", b="RUS", interval="week")["series"]
    empty = [r for r in series if r["ab_n"] == 0 and r["ba_n"] == 0]
    assert empty and all(r["ab_goldstein"] is None for r in empty)


def test_precision_dates_and_basis_filters(client):
    assert get(client, "/api/events", precision="day")["total"] == 6
    assert get(client, "/api/events", precision="none")["total"] == 1
    assert get(client, "/api/events", dates="implausible")["total"] == 0
    assert get(client, "/api/events", dates="plausible")["total"] == 6
    by_basis = {b: get(client, "/api/events", basis=b)["total"] for b in ("sentence", "dateline", "none")}
    assert by_basis == {"sentence": 4, "dateline": 2, "none": 1}
    item = get(client, "/api/events", place="Moscow")["items"][0]
    assert item["location_basis"] == "dateline" and item["implausible_date"] is False


def test_merged_events_unit(client, tmp_path):
    from dyads.aggregate import update_events
    from dyads.web import create_app

    assert get(client, "/api/events", unit="events")["total"] == 0  # nothing merged yet
    db = build_db(tmp_path / "merged.duckdb")
    with Store(db) as st:
        update_events(st)
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as c:
        merged = get(c, "/api/events", unit="events")
        assert merged["unit"] == "events" and merged["total"] == len(merged["items"]) > 0
        assert all(m["mention"]["id"] for m in merged["items"])
        assert get(c, "/api/stats")["merged_events"] == merged["total"]
        text = c.get("/api/events.csv", params={"unit": "events"}).text
        assert text.splitlines()[0].startswith("id,merge_key,event_date")
        assert len(text.strip().splitlines()) == merged["total"] + 1
        page = get(c, "/api/event/washington-1:s0:e1")
        assert page["rule"] is None or isinstance(page["rule"], str)
        assert page["location_basis"] == "sentence" and page["merged"]["num_mentions"] == len(page["mentions"])


def test_explain_says_why_an_event_was_coded(db, coder):
    """`/api/explain/ID` re-codes the event's article with the Python API of `dyads explain`: the pattern
    (file:line), the passes that kept it, and a note when today's coder codes the sentence otherwise."""
    from dyads.web import create_app

    with TestClient(create_app(db, allowed_hosts=["testserver"], coder=coder)) as c:
        x = get(c, "/api/explain/washington-1:s0:e1")
        assert x["found"] and x["note"] is None and x["stored_cameo"] == "112"
        p = x["predicate"]
        assert p["trigger"] == "accused" and p["code"] == "112" and p["pattern"].startswith("verbs.tsv:")
        assert p["source"] == ["USA"] and p["target"] == ["RUS"]
        assert "one_sided" in p["passes"] and set(p["passes"]) <= set(x["passes"])
        assert x["sentence"]["text"] == "The United States accused Russia of shielding Damascus."
        # the fixture stores 020 for "urged ... to talk"; the coder codes it 026 today: said, not hidden
        assert "026" in get(c, "/api/explain/moscow-1:s0:e1")["note"]
        assert c.get("/api/explain/nope").status_code == 404


def test_actor_quotes_and_csv_downloads(client):
    a = get(client, "/api/actor/RUSGOV")
    assert a["label"] == "Russia: government" and a["sector"] == "GOV" and a["root_names"][0] == "Russia"
    assert a["counts"]["either"]["n"] == 1 and a["counts"]["either"]["filter"] == {"actor": "RUSGOV", "match": "exact"}
    assert a["names_in_database"][0]["name"] == "Sergei Lavrov"
    assert get(client, "/api/actor/USA")["dictionary_entries"] > 0
    q = get(client, "/api/quotes")
    assert q["total"] == 1 and q["items"][0]["speaker_code"] == "RUSGOV"
    assert get(client, "/api/quotes", speaker="lavrov")["total"] == 1
    assert get(client, "/api/quotes", q="zzz")["total"] == 0
    for url, table, header in (("/api/overview", "top_actors", "code,n,as_source,as_target,name"),
                               ("/api/overview", None, "period,q1,q2,q3,q4,total"),
                               ("/api/network", "edges", "source,target,n,cooperation,conflict,goldstein,kind"),
                               ("/api/map", "points", "name,country,lat,lon,n,q1,q2,q3,q4"),
                               ("/api/dyad", "series", "period,ab_n,ab_goldstein,ba_n,ba_goldstein")):
        extra = {"a": "USA", "b": "RUS"} if url == "/api/dyad" else {}
        r = client.get(url, params={"format": "csv", **extra, **({"table": table} if table else {})})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), (url, r.text)
        assert r.text.splitlines()[0] == header, (url, r.text[:200])
    assert client.get("/api/overview", params={"format": "csv", "table": "nothing"}).status_code == 400


def test_bad_parameters_get_a_sentence(client):
    r = client.get("/api/events", params={"date_from": "2013-13-45"})
    assert r.status_code == 422 and "date_from" in r.json()["message"] and "2013-13-45" in r.json()["message"]
    r = client.get("/api/events", params={"date_from": "2013-09-01", "date_to": "2013-08-01"})
    assert r.status_code == 400 and "after" in r.json()["message"]
    assert client.get("/api/events", params={"match": "fuzzy"}).status_code == 422


# -- the CSV download, the same bytes as each record decoded and its cells written -------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _edge_articles() -> list[CodedArticle]:
    """Events whose cells are hard to write: formula starts, quotes, commas, line breaks, non-ASCII,
    compound actors with codes missing, floats with many digits, no place."""
    out = []
    sentences = [
        '=SUM(A1:A9) was painted on the ministry wall, "twice", by the protesters.',
        "-40 degrees did not stop the convoy;\nthe drivers went on, said the Élysée.",
        "+ the council and the guild, @ noon, agreed to share the well.",
        "\tThe mayor met the fishermen's union and the harbour board.",
    ]
    for i, s in enumerate(sentences):
        art = Article(id=f"edge-{i}", text=s, publication_date=date(2020, 5, 1 + i), title=f"Edge {i}")
        first, second = s.split()[1], s.split()[-1]
        src = [Actor(text=s[:7], start=0, end=7, code=None if i % 2 else "=XYZ"),
               Actor(text=first, start=8, end=8 + len(first), code="-ABC" if i == 1 else "ABCGOV")]
        tgt = [Actor(text=second, start=len(s) - len(second), end=len(s), code=None)]
        loc = None if i == 3 else Location(name=["Ünïon Town", "=Cell", "Port, \"Quoted\"", ""][i], country="XYZ",
                                            lat=[-0.1, 1e-07, 12.345678901234567, 0.0][i],
                                            lon=[123.45678901234568, -0.0, 1e-05, 180.0][i], basis="sentence")
        out.append(CodedArticle(article=art, events=[Event(
            id=f"edge-{i}:s0:e1", article_id=art.id, sentence_index=0, date=["2020-05-01", None, "2020", "-1"][i],
            date_precision=["day", None, "year", "day"][i], date_text=[None, "=then", "in 2020", "\rnow"][i],
            source=src, target=tgt, cameo=["145", "0311", "057", "190"][i], cameo_root=["14", "03", "05", "19"][i],
            cameo_name=["Protest violently, riot", "-Intend", "@Sign", "Use force"][i], plover=[None, "X", "Y", "Z"][i],
            plover_mode=None, goldstein=[-6.5, 0.0, 1e-7, -10.0][i], quad_class=[3, 1, 1, 4][i],
            trigger=Span(s[:3], 0, 3), location=loc, sentence=s, negated=bool(i % 2),
            confidence=[0.85, 1.0, 0.05, 0.333333333333][i], sentence_start=0, sentence_end=len(s),
        )]))
    return out


def _download_as_before(db: Path, flt, limit: int | None = None) -> bytes:
    """The download as it was made before `event_csv_rows` (e8e3473): each match in article order, its
    record decoded by `records_json.loads`, its cells by `event_csv_values`, one `csv.writer`."""
    import duckdb

    from dyads.export.records import EVENT_CSV_COLUMNS, event_csv_values
    from dyads.queries import iter_mention_records

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(EVENT_CSV_COLUMNS)
    con = duckdb.connect(str(db), read_only=True)
    try:
        w.writerows(event_csv_values(rec) for rec in iter_mention_records(con, flt, limit))
    finally:
        con.close()
    return out.getvalue().encode("utf-8")


def _csv_stores(tmp_path: Path, coder, n_generated: int) -> tuple[Path, Path, Path]:
    """The stores the CSV download is checked on: six of the repo's example articles coded by the real coder,
    `n_generated` generated events (`dyads bench web`'s generator), and hand-made edge events."""
    from dyads.ingest import read_inputs
    from dyads.runner import code_into_store
    from dyads.web.bench import generate_database

    coded = tmp_path / "coded.duckdb"
    with Store(coded) as st:
        code_into_store(read_inputs(sorted(str(p) for p in EXAMPLES.glob("*.txt"))[:6]), st, coder)
    generated = tmp_path / "gen.duckdb"
    generate_database(generated, n_generated)
    edge = tmp_path / "edge.duckdb"
    with Store(edge) as st:
        st.write(_edge_articles(), coder_version="test")
    return coded, generated, edge


def test_events_csv_is_the_csv_of_each_decoded_record(tmp_path, coder, monkeypatch):
    """The download gives the bytes the old path gave, for every mention of a store coded from the repo's
    example articles by the real coder, of a generated store (`dyads bench web`: records by DuckDB's
    `json_object`), of hand-made edge events, and of stored texts another writer might leave (NaN, integers
    beyond 64 bits, line breaks between tokens, non-ASCII as itself); in one page and in pages of 3."""
    import json

    from dyads.queries import EventFilter
    from dyads.web import app as app_module
    from dyads.web import create_app

    coded, generated, edge = _csv_stores(tmp_path, coder, 200)
    with Store(edge) as st:
        rec = json.loads(st.con.execute("SELECT record FROM events WHERE id = 'edge-0:s0:e1'").fetchone()[0])
        for i, text in enumerate([
            json.dumps({**rec, "goldstein": float("nan"), "sentence": "-NaN here"}),
            json.dumps({**rec, "confidence": 2**70, "trigger": {**rec["trigger"], "start": -(2**65)}}),
            json.dumps({**rec, "sentence": "=Über, \"indented\"\nand on"}, indent=2, ensure_ascii=False),
        ]):
            # a writer that does not know the stored CSV line (`events.csv_row`) leaves it NULL
            st.con.execute("UPDATE events SET record = ?, csv_row = NULL WHERE id = ?", [text, f"edge-{i + 1}:s0:e1"])
    for db in (coded, generated, edge, build_db(tmp_path / "web.duckdb")):
        with Store(db, read_only=True) as st:
            n = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert n >= 4, db
        with TestClient(create_app(db, allowed_hosts=["testserver"])) as c:
            for params in ({}, {"cameo": "1"}, {"limit": 3}):
                flt = EventFilter(**{k: v for k, v in params.items() if k != "limit"})
                expected = _download_as_before(db, flt, params.get("limit"))
                monkeypatch.setattr(app_module, "CSV_PAGE_ROWS", 20_000)
                assert c.get("/api/events.csv", params=params).content == expected, (db.name, params)
                monkeypatch.setattr(app_module, "CSV_PAGE_ROWS", 3)
                assert c.get("/api/events.csv", params=params).content == expected, (db.name, params)


def _csv_downloads(db: Path, monkeypatch, params_list=({}, {"cameo": "1"}, {"actor": "IRN"}, {"limit": 3})):
    """For each of `params_list`: (params, the download as before, the download in one page, in pages of 3)."""
    from dyads.queries import EventFilter
    from dyads.web import app as app_module
    from dyads.web import create_app

    out = []
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as c:
        for params in params_list:
            flt = EventFilter(**{k: v for k, v in params.items() if k != "limit"})
            expected = _download_as_before(db, flt, params.get("limit"))
            monkeypatch.setattr(app_module, "CSV_PAGE_ROWS", 20_000)
            whole = c.get("/api/events.csv", params=params).content
            monkeypatch.setattr(app_module, "CSV_PAGE_ROWS", 3)
            out.append((params, expected, whole, c.get("/api/events.csv", params=params).content))
    return out


def _count_decoded(monkeypatch) -> list[int]:
    """Patch the CSV rows made from records (`event_csv_rows`, which `event_csv_lines` calls too) to count the
    records they are given; returns the list the counts go to."""
    from dyads.export import records

    decoded: list[int] = []
    event_csv_rows = records.event_csv_rows

    def counted(texts, *a, **k):
        decoded.append(len(texts))
        return event_csv_rows(texts, *a, **k)

    monkeypatch.setattr(records, "event_csv_rows", counted)
    return decoded


def test_events_csv_of_stored_lines_is_the_csv_of_each_decoded_record(tmp_path, coder, monkeypatch):
    """With every mention's CSV line stored (`events.csv_row`, schema 15) the download decodes no record and gives
    the bytes of the old path: a store coded from the repo's examples by the real coder, a generated store (its
    lines written by the generator's SQL) and hand-made edge events; in one page and in pages of 3."""
    coded, generated, edge = _csv_stores(tmp_path, coder, 3000)
    decoded = _count_decoded(monkeypatch)
    for db in (coded, generated, edge):
        with Store(db, read_only=True) as st:
            n, stored = st.con.execute("SELECT count(*), count(csv_row) FROM events").fetchone()
        assert n == stored >= 4, db
        for params, expected, whole, paged in _csv_downloads(db, monkeypatch):
            assert whole == expected and paged == expected, (db.name, params)
            assert expected.count(b"\n") > 1 or params, (db.name, params)
    assert decoded == []


def test_events_csv_decodes_the_records_without_stored_lines(tmp_path, monkeypatch):
    """A store written as schema 14 (no `csv_row`; then migrated, its lines NULL), and the same store with mentions
    stored afterwards (a mix): the download gives the bytes of the old path, decoding only the records whose
    line is NULL; with no `csv_row` column (the app of a schema-14 dyads) it reads the records as before."""
    import duckdb

    from tests.test_store import _as_of_version

    db = tmp_path / "old.duckdb"
    with monkeypatch.context() as m:
        _as_of_version(m, 14)
        with Store(db) as st:
            st.write(_edge_articles()[:2], coder_version="test")
        build_db(db)
        decoded = _count_decoded(m)
        for params, expected, whole, paged in _csv_downloads(db, m):  # schema 14: no csv_row column
            assert whole == expected and paged == expected, params
        assert sum(decoded) > 0
    with Store(db) as st:
        assert st.con.execute("SELECT count(*) > 0, count(csv_row) FROM events").fetchone() == (True, 0)
    decoded = _count_decoded(monkeypatch)
    for params, expected, whole, paged in _csv_downloads(db, monkeypatch):  # migrated, every line NULL
        assert whole == expected and paged == expected, params
    n_all = sum(decoded)
    with Store(db) as st:
        st.write(_edge_articles()[2:], coder_version="test")
        n_new = st.con.execute("SELECT count(csv_row) FROM events").fetchone()[0]
    assert n_new == 2
    decoded.clear()
    for params, expected, whole, paged in _csv_downloads(db, monkeypatch, ({},)):  # a mix
        assert whole == expected and paged == expected, params
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    assert sum(decoded) == 2 * (n - n_new) and n_all > 0  # one page and pages of 3: the NULL lines only


def test_events_csv_ignores_lines_of_another_fingerprint(tmp_path, monkeypatch):
    """Stored lines whose fingerprint is not the code's (`CSV_ROW_PREFIX`: other columns, another formula rule)
    are not served: their records are decoded, and the bytes are those of the old path."""
    from dyads.export import records

    db = tmp_path / "fp.duckdb"
    with Store(db) as st:
        st.write(_edge_articles(), coder_version="test")
        # a line a dyads with other columns would have stored, under its own fingerprint
        st.con.execute("UPDATE events SET csv_row = '0badc0de|stale,row\r\n' WHERE id = 'edge-1:s0:e1'")
        n = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
    decoded = _count_decoded(monkeypatch)
    for params, expected, whole, paged in _csv_downloads(db, monkeypatch, ({},)):
        assert whole == expected and paged == expected and b"stale" not in whole, params
    assert sum(decoded) == 2  # the stale line, in one page and in pages of 3
    decoded.clear()
    monkeypatch.setattr(records, "CSV_ROW_PREFIX", "feedf00d|")  # the code's columns changed: no line is served
    for params, expected, whole, paged in _csv_downloads(db, monkeypatch, ({},)):
        assert whole == expected and paged == expected, params
    assert sum(decoded) == 2 * n
