"""Exports read back with the readers users use (DuckDB, pyarrow, csv, json): columns, codes, round trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.aggregate import update_events
from dyads.export import EVENT_TABLE_COLUMNS, FORMATS, export_events
from dyads.export.codes import fips_for_iso3, split_actor_code
from dyads.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, fraction_date, geo_block
from dyads.queries import EventFilter
from dyads.store import Store
from tests.test_aggregate import MOSCOW, RUSSIA, actor, article, mention


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "ex.duckdb"
    coded = [
        article("x1", [mention("x1", 1, "RUSGOV", "111", "USA", loc=MOSCOW, sentence_start=120),
                       mention("x1", 4, "RUS", "020", ["SYRGOV", "SYROPP"], sentence_start=320)], source="Wire A"),
        article("x2", [mention("x2", 2, "RUSGOV", "111", "USA", loc=MOSCOW, sentence_start=330)], source="Wire B"),
        article("x3", [mention("x3", 1, "IGOUNO", "0231", "SYR", day="2015-04-01", loc=RUSSIA, sentence_start=110),
                       mention("x3", 2, "USA", "010", "RUS", day="2015-04-01"),  # statement: no PLOVER type
                       mention("x3", 3, "USA", "190", "RUS", day="2015-04-01", negated=True)],
                pub=date(2015, 4, 2)),
    ]
    coded[0].events[0].source[0] = actor("RUSGOV", "Sergei Lavrov", start=120)
    coded[1].events[0].source[0] = actor("RUSGOV", "Sergei Lavrov", start=330)
    with Store(path) as st:
        st.write(coded, "test")
        update_events(st)
    return path


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as st:
        yield st


def all_events(store):
    cur = store.con.execute("SELECT * FROM merged_events ORDER BY id")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


class Table:
    """A file read with DuckDB's CSV reader, as a user would: column names and rows."""

    def __init__(self, path, header: bool = False):
        con = duckdb.connect()
        cur = con.execute(
            "SELECT * FROM read_csv(?, delim = '\t', header = ?, all_varchar = true, quote = '', escape = '')",
            [str(path), header],
        )
        self.columns = [d[0] for d in cur.description]
        self.rows = cur.fetchall()
        con.close()


def read_tsv(path, header: bool = False) -> Table:
    return Table(path, header)


def test_gdelt_events_have_61_columns_in_gdelt_order(store, tmp_path):
    out = tmp_path / "events.tsv"
    rep = export_events(store, "gdelt-events", out)
    rel = read_tsv(out)
    assert len(rel.columns) == 61
    events = all_events(store)
    kept = [e for e in events if not e["negated"]]
    assert rep.rows == len(kept) and rep.skipped == 1
    rows = {r[0]: r for r in rel.rows}
    assert set(rows) == {str(e["id"]) for e in kept}  # every event round-trips, by GlobalEventID
    col = {name: i for i, name in enumerate(EVENT_COLUMNS)}
    for e in kept:
        r = rows[str(e["id"])]
        assert r[col["EventCode"]] == e["cameo"] and r[col["EventBaseCode"]] == e["cameo"][:3]
        assert r[col["EventRootCode"]] == e["cameo"][:2] and len(r[col["EventRootCode"]]) == 2
        assert int(r[col["NumMentions"]]) == e["num_mentions"] and int(r[col["NumArticles"]]) == e["num_articles"]
        assert r[col["Day"]] == e["event_date"].strftime("%Y%m%d")
        assert r[col["GoldsteinScale"]] == f"{e['goldstein']:.1f}"
    crit = next(r for r in rows.values() if r[col["EventCode"]] == "111")
    assert crit[col["Actor1Code"]] == "RUSGOV" and crit[col["Actor1CountryCode"]] == "RUS"
    assert crit[col["Actor1Type1Code"]] == "GOV" and crit[col["Actor1Name"]] == "SERGEI LAVROV"
    assert (crit[col["NumMentions"]], crit[col["NumSources"]], crit[col["IsRootEvent"]]) == ("2", "2", "1")
    assert crit[col["ActionGeo_Type"]] == "4" and crit[col["ActionGeo_CountryCode"]] == "RS"
    assert crit[col["ActionGeo_ADM1Code"]] == "RS48" and crit[col["ActionGeo_FeatureID"]] == "524901"
    assert crit[col["ActionGeo_FullName"]] == "Moscow, Russia"
    assert crit[col["Actor1Geo_CountryCode"]] == "RS"  # Russian actor at a Russian place
    assert crit[col["Actor2Geo_Type"]] == "0" and crit[col["Actor2Geo_CountryCode"]] is None  # US actor: not there
    assert crit[col["SOURCEURL"]].startswith("https://example.org/")
    assert len(crit[col["DATEADDED"]]) == 14
    un = next(r for r in rows.values() if r[col["EventCode"]] == "0231")
    assert un[col["Actor1KnownGroupCode"]] == "UNO" and un[col["Actor1Type1Code"]] == "IGO"
    assert un[col["Actor1CountryCode"]] is None and un[col["EventBaseCode"]] == "023"
    assert un[col["ActionGeo_Type"]] == "1" and un[col["ActionGeo_FeatureID"]] == "RS"


def test_gdelt_header_names_the_columns(store, tmp_path):
    out = tmp_path / "events-h.tsv"
    export_events(store, "gdelt-events", out, header=True)
    assert read_tsv(out, header=True).columns == EVENT_COLUMNS
    out = tmp_path / "mentions-h.tsv"
    export_events(store, "gdelt-mentions", out, header=True)
    assert read_tsv(out, header=True).columns == MENTION_COLUMNS


def test_gdelt_mentions_have_16_columns_and_link_every_mention(store, tmp_path):
    out = tmp_path / "mentions.tsv"
    rep = export_events(store, "gdelt-mentions", out)
    rel = read_tsv(out)
    assert len(rel.columns) == 16
    rows = rel.rows
    expected = store.con.execute(
        "SELECT count(*) FROM event_mentions l JOIN merged_events m ON m.id = l.event_id WHERE NOT m.negated"
    ).fetchone()[0]
    assert len(rows) == rep.rows == expected
    col = {name: i for i, name in enumerate(MENTION_COLUMNS)}
    by_mention = {r[col["Extras"]]: r for r in rows}
    r = by_mention["<DyadsMention>x1:s1:e1</DyadsMention>"]
    assert r[col["SentenceID"]] == "2" and r[col["Actor1CharOffset"]] == "120"
    assert r[col["Actor2CharOffset"]] == "140"
    assert r[col["ActionCharOffset"]] == "130" and r[col["Confidence"]] == "80" and r[col["InRawText"]] == "1"
    assert r[col["MentionIdentifier"]] == "https://example.org/x1" and r[col["MentionSourceName"]] == "Wire A"
    assert r[col["MentionTimeDate"]] == "20150304000000" and r[col["MentionType"]] == "1"
    assert int(r[col["MentionDocLen"]]) > 300
    event_ids = {str(e["id"]) for e in all_events(store)}
    assert {r[0] for r in rows} <= event_ids


def test_plover_records_carry_the_manual_fields(store, tmp_path):
    out = tmp_path / "plover.jsonl"
    rep = export_events(store, "plover", out)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == rep.rows and rep.skipped == 2  # the statement (no PLOVER type) and the negated event
    for rec in recs:
        for name in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "text",
                     "text_info", "cite_info", "coder"):
            assert name in rec
        assert rec["event"] and isinstance(rec["event"], list)
        date.fromisoformat(rec["date"])
    crit = next(r for r in recs if r["cameo"] == "111")
    assert crit["event"] == ["ACCUSE"] and crit["quad_code"] == 3
    assert crit["actor"][0]["code"] == "RUS" and crit["actor"][0]["sector"] == "GOV"
    assert crit["actor"][0]["entity_text"] == "Sergei Lavrov"
    assert crit["recipient"][0]["code"] == "USA"
    assert crit["event_loc"]["geonameid"] == 524901 and crit["event_loc"]["country_code"] == "RUS"
    assert crit["num_mentions"] == 2 and set(crit["mentions"]) == {"x1:s1:e1", "x2:s2:e1"}
    assert crit["text_info"]["sequence"] in (1, 2)


def test_parquet_round_trips_every_event(store, tmp_path):
    out = tmp_path / "events.parquet"
    export_events(store, "parquet", out)
    table = pq.read_table(out)
    assert table.column_names == EVENT_TABLE_COLUMNS
    assert str(table.schema.field("cameo").type) == "string"
    rows = {r["id"]: r for r in table.to_pylist()}
    events = all_events(store)
    assert set(rows) == {e["id"] for e in events}
    for e in events:
        r = rows[e["id"]]
        for k in EVENT_TABLE_COLUMNS[:-1]:
            assert r[k] == e[k], k
        linked = store.con.execute("SELECT list(mention_id ORDER BY mention_id) FROM event_mentions WHERE event_id = ?",
                                   [e["id"]]).fetchone()[0]
        assert sorted(r["mention_ids"]) == linked
    # DuckDB reads it too, codes as strings
    con = duckdb.connect()
    assert con.execute("SELECT min(cameo) FROM read_parquet(?)", [str(out)]).fetchone()[0] == "010"
    con.close()


def test_csv_and_jsonl_keep_codes_as_strings(store, tmp_path):
    out = tmp_path / "events.csv"
    export_events(store, "csv", out)
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == EVENT_TABLE_COLUMNS
    assert {r["cameo"] for r in rows} == {e["cameo"] for e in all_events(store)}
    assert "010" in {r["cameo"] for r in rows} and "02" in {r["cameo_root"] for r in rows}
    out = tmp_path / "events.jsonl"
    export_events(store, "jsonl", out)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == len(rows)
    crit = next(r for r in recs if r["cameo"] == "111")
    assert {m["mention_id"] for m in crit["mentions"]} == {"x1:s1:e1", "x2:s2:e1"}
    assert all(m["trigger"]["start"] is not None for m in crit["mentions"])


def test_since_and_until_select_by_event_date(store, tmp_path):
    out = tmp_path / "april.csv"
    rep = export_events(store, "csv", out, EventFilter(date_from=date(2015, 4, 1)))
    assert rep.events == 3
    rep = export_events(store, "csv", out, EventFilter(date_to=date(2015, 3, 31)))
    assert rep.events == 3  # RUSGOV-USA and the two RUS-SYR dyads


def test_formats_and_errors(store, tmp_path):
    assert set(FORMATS) == {"gdelt-events", "gdelt-mentions", "plover", "jsonl", "csv", "parquet"}
    with pytest.raises(ValueError, match="unknown export format"):
        export_events(store, "xml", tmp_path / "x")
    with pytest.raises(ValueError, match="parquet needs a file"):
        export_events(store, "parquet", "-")


def test_code_helpers():
    assert fraction_date(date(2019, 3, 20)) == "2019.2192" and fraction_date(date(2020, 2, 18)) == "2020.1315"
    assert fips_for_iso3("DEU") == "GM" and fips_for_iso3("GBR") == "UK" and fips_for_iso3("XXX") is None
    p = split_actor_code("SYRREBMOS")
    assert (p.country, p.types, p.religions) == ("SYR", ["REB"], ["MOS"])
    assert split_actor_code("WSTGOV").country == "WST"
    assert geo_block(None) == ["0", "", "", "", "", "", "", ""]
    us = geo_block({"name": "Texas", "country": "USA", "admin1": "TX", "feature": "admin1", "geonameid": 4736286})
    assert us[:4] == ["2", "Texas, United States", "US", "USTX"]
    city = geo_block({"name": "Barcelona", "country": "ESP", "admin1": "Catalonia", "feature": "city", "lat": 41.38,
                      "lon": 2.18, "geonameid": 3128760})
    assert city == ["4", "Barcelona, Catalonia, Spain", "SP", "SP", "", "41.38", "2.18", "3128760"]


def test_cli_export_events_and_query(db, tmp_path):
    from dyads.cli import main

    runner = CliRunner()
    out = tmp_path / "cli.tsv"
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "gdelt-events", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert len(out.read_text().splitlines()) == 5  # six events, one negated
    res = runner.invoke(main, ["events", "--db", str(db), "--source", "RUS", "--cameo", "11"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert lines[0].split()[:3] == ["id", "date", "source"] and len(lines) == 3 and "RUSGOV" in lines[2]
    res = runner.invoke(main, ["events", "--db", str(db), "--target", "RUS"])
    assert "NOT Use conventional military" in res.stdout  # the negated event says so
    res = runner.invoke(main, ["events", "--db", str(db), "--plover", "accuse", "--format", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["cameo"] for x in res.stdout.splitlines()] == ["111"]
    res = runner.invoke(main, ["events", "--db", str(db), "--cameo", "abc"])
    assert res.exit_code == 2
    res = runner.invoke(main, ["query", "--db", str(db), "SELECT count(*) AS n FROM merged_events"])
    assert res.exit_code == 0 and res.stdout.splitlines()[2].strip() == str(len(all_events_of(db)))
    res = runner.invoke(main, ["query", "--db", str(db), "DELETE FROM merged_events"])
    assert res.exit_code == 1 and "read-only" in res.output
    res = runner.invoke(main, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv", "-o", "-"])
    assert res.exit_code == 2


def all_events_of(db):
    with Store(db, read_only=True) as st:
        return all_events(st)


def test_cli_merges_a_store_coded_without_merging(tmp_path):
    from dyads.cli import main

    db = tmp_path / "unmerged.duckdb"
    with Store(db) as st:
        st.write([article("y1", [mention("y1", 1, "RUS", "111", "USA")]),
                  article("y2", [mention("y2", 1, "RUS", "111", "USA")])], "test")
    res = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0
    (row,) = list(csv.DictReader(res.stdout.splitlines()))
    assert row["num_mentions"] == "2" and row["num_articles"] == "2"


def test_cli_events_and_export_take_the_web_filter_and_either_unit(db, tmp_path):
    """The web API's filter names, `--match exact`, and `--unit mentions` (the web app's unit) next to
    the merged events; the old names `--since`/`--until` still work."""
    from dyads.cli import main

    runner = CliRunner()
    merged = runner.invoke(main, ["events", "--db", str(db), "--source", "RUS", "--format", "jsonl"])
    exact = runner.invoke(main, ["events", "--db", str(db), "--source", "RUS", "--match", "exact", "--format", "jsonl"])
    assert merged.exit_code == 0 and exact.exit_code == 0, merged.output + exact.output
    codes = [json.loads(x)["source_code"] for x in merged.stdout.splitlines()]
    assert "RUSGOV" in codes and all(c.startswith("RUS") for c in codes)
    assert all(json.loads(x)["source_code"] == "RUS" for x in exact.stdout.splitlines())
    mentions = runner.invoke(main, ["events", "--db", str(db), "--source", "RUS", "--unit", "mentions",
                                    "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(mentions.stdout)))
    assert rows and all(r["source"].startswith("RUS") for r in rows) and "sentence" in rows[0]
    # the mentions of those merged events (a mention with a compound actor can be in two merged events)
    ids = {m["mention_id"] for x in merged.stdout.splitlines() for m in json.loads(x)["mentions"]}
    assert {r["id"] for r in rows} == ids
    table = runner.invoke(main, ["events", "--db", str(db), "--unit", "mentions", "--actor", "RUS"])
    assert "mentions (coded sentences" in table.stderr
    out = tmp_path / "m.jsonl"
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl", "--unit", "mentions", "--since",
                               "2015-04-01", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert all(json.loads(x)["date"] >= "2015-04-01" for x in out.read_text().splitlines())
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "plover", "--unit", "mentions", "-o", "-"])
    assert res.exit_code == 2
    res = runner.invoke(main, ["events", "--db", str(db), "--date-from", "2015-05-01", "--date-to", "2015-01-01"])
    assert res.exit_code == 2 and "after" in res.output


# -- CSV rows of stored record texts (`event_csv_rows`, the web app's download) ----------------------------

def _edge_record(**changes) -> dict:
    """A contract record as `store.rows` stores it (json.dumps of `Event.to_dict`), with `changes` made."""
    from dyads.models import Actor, Event, Location, Span

    sentence = "Officials from the port town said on Tuesday they would send grain to the valley."
    ev = Event(
        id="edge-1:s0:e1", article_id="edge-1", sentence_index=0, date="2019-03-05", date_precision="day",
        date_text="on Tuesday",
        source=[Actor("Officials from the port town", 0, 28, "XYZGOV", "XYZ", "GOV")],
        target=[Actor("the valley", 71, 81, None)], cameo="071", cameo_root="07",
        cameo_name="Provide economic aid", plover="AID", plover_mode="economic", goldstein=7.4, quad_class=2,
        trigger=Span("send", 53, 57),
        location=Location("Port Town", "XYZ", lat=-12.345678901234567, lon=123.45678901234568, basis="sentence"),
        sentence=sentence, negated=False, confidence=0.85,
    )
    rec = json.loads(json.dumps(ev.to_dict()))
    for path, value in changes.items():
        *up, last = path.split("__")
        d = rec
        for k in up:
            d = d[int(k)] if isinstance(d, list) else d[k]
        d[int(last) if isinstance(d, list) else last] = value
    return rec


def _actor_dict(text: str, code: str | None) -> dict:
    return {"text": text, "start": 0, "end": len(text), "code": code, "country": None, "sector": None,
            "name": None, "kind": None, "source": None}


EDGE_RECORDS = [
    _edge_record(),
    _edge_record(sentence="=HYPERLINK(\"http://example.org\", \"click\") was written on the wall."),
    _edge_record(sentence="+ and - signs", date_text="-3 days", cameo_name="@mention"),
    _edge_record(sentence="\tindented, with a tab", trigger__text="\rcarriage"),
    _edge_record(sentence="\"Quoted\" opening, a comma, and a\nline break", location__name="Ünïcode Town"),
    _edge_record(sentence="Élan, then more", source__0__text="-minus first", source__0__code="=XYZ"),
    _edge_record(source=[_actor_dict("the first side", None), _actor_dict("=second side", "-ABC")],
                 target=[_actor_dict("one", "AAA"), _actor_dict("two", None), _actor_dict("three", "CCC")]),
    _edge_record(source=[], target=[_actor_dict("", None)]),
    _edge_record(goldstein=-0.1, confidence=1e-07, location__lat=0.0, location__lon=-0.0),
    _edge_record(goldstein=10, confidence=1, quad_class=4, negated=True),  # integers where floats are usual
    _edge_record(goldstein="-5", plover=None, plover_mode=None, date=None, date_precision=None, date_text=None),
    _edge_record(location=None),
    _edge_record(location={"name": "Somewhere", "country": None}),
    _edge_record(id="+id", article_id="@article", cameo="=07", cameo_root="-0"),
]


def _texts(records: list) -> list[str]:
    """Each record as json.dumps writes it, and three ways other writers might: non-ASCII as itself,
    indented (line breaks between tokens), every character escaped."""
    def escaped(v) -> str:  # every character of every string as \\uXXXX
        if isinstance(v, str):
            return '"' + "".join(json.dumps(c)[1:-1] if ord(c) > 0xFFFF else f"\\u{ord(c):04x}" for c in v) + '"'
        if isinstance(v, dict):
            return "{" + ", ".join(f"{escaped(k)}: {escaped(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(map(escaped, v)) + "]"
        return json.dumps(v)
    return ([json.dumps(r) for r in records] + [json.dumps(r, ensure_ascii=False) for r in records]
            + [json.dumps(r, indent=1) for r in records] + [escaped(r) for r in records])


def _old_rows(texts, escape_formulas=True):
    """The rows as the download made them before `event_csv_rows`: each text decoded, then its cells."""
    from dyads import records_json
    from dyads.export.records import event_csv_values

    return [event_csv_values(records_json.loads(t), escape_formulas) for t in texts]


def _csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def test_formula_starts_are_marked_or_escaped_in_json():
    """Every character a cell may start with to be escaped is either marked where a JSON string starts with
    it (`records_json.MARKED_STARTS`) or one JSON text writes only as an escape (a control character)."""
    from dyads.export.records import FORMULA_STARTS
    from dyads.records_json import MARKED_STARTS

    for c in FORMULA_STARTS:
        assert c in MARKED_STARTS or (ord(c) < 0x20 and json.dumps(c, ensure_ascii=False) != f'"{c}"'), repr(c)
        if ord(c) < 0x20:
            with pytest.raises(json.JSONDecodeError):
                json.loads(f'"{c}"')


@pytest.mark.parametrize("escape_formulas", [True, False])
def test_event_csv_rows_are_the_rows_of_each_decoded_record(escape_formulas):
    from dyads.export.records import event_csv_rows

    texts = _texts(EDGE_RECORDS)
    for page in (texts, texts[:1], texts[3:9], [t for t in texts if "\n" not in t]):
        got = list(event_csv_rows(page, escape_formulas))
        assert got == _old_rows(page, escape_formulas)
        assert _csv_bytes(got) == _csv_bytes(_old_rows(page, escape_formulas))
    assert list(event_csv_rows([])) == []
    # the edge records do hold cells to escape, and those are escaped
    cells = [c for row in event_csv_rows(texts) for c in row if isinstance(c, str)]
    assert {c[:2] for c in cells if c.startswith("'")} >= {"'=", "'+", "'-", "'@", "'\t", "'\r"}


def test_event_csv_rows_of_odd_texts():
    """Texts orjson refuses (NaN), with integers beyond 64 bits, and a bad one: as before, or the same error."""
    from dyads.export.records import event_csv_rows

    odd = [json.dumps(_edge_record(goldstein=float("nan"), sentence="-nan")),
           json.dumps(_edge_record(trigger__start=2**70, confidence=-(2**65), sentence="=sum of digits")),
           json.dumps(_edge_record(sentence="=lone \ud800 half")),
           json.dumps(_edge_record(sentence="=lone \ud800 half"), ensure_ascii=False)]  # the character itself
    assert list(event_csv_rows(odd)) == _old_rows(odd)
    assert _csv_bytes(event_csv_rows(odd)) == _csv_bytes(_old_rows(odd))
    with pytest.raises(json.JSONDecodeError):
        list(event_csv_rows([odd[0], '{"id": ']))


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from("=+-@\t\r\n\"\\,;' aZé\u2028\U0001f600"), max_size=6),
                      min_size=4, max_size=4),
       codes=st.lists(st.none() | st.text(alphabet="=+-@AZ", max_size=4), min_size=2, max_size=2),
       ascii_only=st.booleans())
def test_event_csv_rows_of_any_texts_are_the_rows_of_each_decoded_record(texts, codes, ascii_only):
    from dyads.export.records import event_csv_rows

    rec = _edge_record(sentence=texts[0], date_text=texts[1], location__name=texts[2],
                       source=[_actor_dict(texts[3], codes[0]), _actor_dict(texts[0], codes[1])])
    page = [json.dumps(rec, ensure_ascii=ascii_only), json.dumps(_edge_record(), ensure_ascii=ascii_only)]
    assert list(event_csv_rows(page)) == _old_rows(page)
