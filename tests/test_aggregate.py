"""Merging mentions into events: the merge rules, the counts, and incremental updates without duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyads.aggregate import (
    MergePolicy,
    date_bucket,
    lead_span,
    merge_stats,
    pending_articles,
    rebuild_events,
    text_tone,
    update_events,
)
from dyads.models import Actor, Article, CodedArticle, Event, Location, Span
from dyads.ontology import load_ontology
from dyads.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

MOSCOW = Location(name="Moscow", country="RUS", lat=55.75, lon=37.62, geonameid=524901, admin1="48", feature="city")
PETERSBURG = Location(name="Saint Petersburg", country="RUS", lat=59.94, lon=30.31, geonameid=498817, admin1="66",
                      feature="city")
RUSSIA = Location(name="Russia", country="RUS", geonameid=2017370, feature="country")

CAPTION = "Officials at a meeting in Moscow, March 3, 2015. REUTERS/Some Photographer"


def actor(code: str, text: str | None = None, start: int = 0, kind: str = "country") -> Actor:
    return Actor(text=text or code, start=start, end=start + len(text or code), code=code, country=code[:3],
                 sector=code[3:6] or None, name=text or code, kind=kind)


def mention(
    article_id: str,
    s_i: int,
    src: str | list[str],
    cameo: str,
    tgt: str | list[str] | None,
    *,
    day: str = "2015-03-03",
    precision: str = "day",
    loc: Location | None = None,
    negated: bool = False,
    sentence_start: int = 0,
    confidence: float = 0.8,
    n: int = 1,
) -> Event:
    """A contract event record as the coder would give it (codes, names, offsets)."""
    c = load_ontology().get(cameo)
    srcs = [actor(s, start=sentence_start) for s in ([src] if isinstance(src, str) else src)]
    tgt_codes = [] if tgt is None else [tgt] if isinstance(tgt, str) else tgt
    tgts = [actor(t, start=sentence_start + 20) for t in tgt_codes]
    return Event(
        id=f"{article_id}:s{s_i}:e{n}", article_id=article_id, sentence_index=s_i, date=day, date_precision=precision,
        date_text=None, source=srcs, target=tgts, cameo=cameo, cameo_root=cameo[:2], cameo_name=c.name,
        plover=c.plover, plover_mode=c.plover_mode, goldstein=c.goldstein, quad_class=c.quad_class,
        trigger=Span("criticised", sentence_start + 10, sentence_start + 20), location=loc,
        sentence=f"sentence {s_i}", negated=negated, confidence=confidence, sentence_start=sentence_start,
        sentence_end=sentence_start + 40,
    )


def article(
    aid: str, events: list[Event], *, source: str | None = "Wire A", url: str | None = None,
    pub: date = date(2015, 3, 4), text: str | None = None,
) -> CodedArticle:
    """A coded article whose text has a caption, a lead paragraph (offset 100..) and a body (offset 300..)."""
    if text is None:
        text = CAPTION.ljust(98) + "\n\n" + "Lead paragraph. ".ljust(198) + "\n\n" + "Body text. " * 20
    return CodedArticle(
        article=Article(id=aid, text=text, publication_date=pub, source=source,
                        url=url or f"https://example.org/{aid}"),
        events=events,
    )


def events_by_key(store: Store) -> dict[tuple, dict]:
    cur = store.con.execute("SELECT * FROM merged_events ORDER BY id")
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    return {(r["source_code"], r["target_code"], r["cameo_base"], str(r["event_date"]), r["location_name"]): r
            for r in rows}


def links(store: Store) -> set[tuple[int, str, int | None, int | None]]:
    return set(store.con.execute(
        "SELECT event_id, mention_id, source_position, target_position FROM event_mentions").fetchall())


def consistent(store: Store) -> None:
    """Invariants after any update: no duplicate link, counts equal links, every mention linked."""
    c = store.con
    total = c.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    distinct = c.execute(
        "SELECT count(*) FROM (SELECT DISTINCT mention_id, source_position, target_position FROM event_mentions)"
    ).fetchone()[0]
    assert total == distinct
    assert c.execute("SELECT coalesce(sum(num_mentions), 0) FROM merged_events").fetchone()[0] == total
    unlinked = c.execute(
        "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions l WHERE l.mention_id = e.id)"
    ).fetchone()[0]
    assert unlinked == 0
    dangling = c.execute(
        "SELECT count(*) FROM event_mentions l WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = l.mention_id) "
        "OR NOT EXISTS (SELECT 1 FROM merged_events m WHERE m.id = l.event_id)"
    ).fetchone()[0]
    assert dangling == 0
    empty = c.execute("SELECT count(*) FROM merged_events WHERE num_mentions = 0").fetchone()[0]
    assert empty == 0


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "agg.duckdb") as st:
        yield st


def write(store: Store, *coded: CodedArticle):
    store.write(list(coded), "test")
    return update_events(store, [c.article.id for c in coded])


# -- merge rules ------------------------------------------------------------------------------


def test_three_reports_of_one_event_merge_with_counts(store):
    write(
        store,
        article("a1", [mention("a1", 1, "RUS", "111", "USA", loc=MOSCOW, sentence_start=120)], source="Wire A",
                pub=date(2015, 3, 3)),
        article("a2", [mention("a2", 3, "RUS", "111", "USA", sentence_start=320)], source="Wire B"),
        article("a3", [mention("a3", 1, "RUS", "111", "USA", loc=RUSSIA, sentence_start=120),
                       mention("a3", 5, "RUS", "111", "USA", sentence_start=330)], source="Wire A",
                pub=date(2015, 3, 5)),
    )
    (ev,) = events_by_key(store).values()
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (4, 3, 2)
    stats = merge_stats(store)
    assert (stats.articles, stats.mentions, stats.dyads, stats.events, stats.multi_article_events) == (3, 4, 4, 1, 1)
    assert stats.ratio == 4.0 and stats.pending_articles == 0 and "4.000 mentions per event" in stats.format()
    assert ev["first_seen"] == date(2015, 3, 3) and ev["last_seen"] == date(2015, 3, 5)
    assert ev["event_date"] == date(2015, 3, 3) and ev["cameo"] == "111" and ev["plover"] == "ACCUSE"
    assert ev["location_name"] == "Moscow" and ev["location_country"] == "RUS"  # the specific place wins
    assert ev["is_root_event"] is True
    assert ev["first_article_id"] == "a1" and ev["source_url"] == "https://example.org/a1"
    got = {(m, root) for m, root in store.con.execute("SELECT mention_id, is_root FROM event_mentions").fetchall()}
    assert got == {("a1:s1:e1", True), ("a2:s3:e1", False), ("a3:s1:e1", True), ("a3:s5:e1", False)}
    consistent(store)


def test_dates_codes_and_negation_keep_events_apart(store):
    write(
        store,
        article("b1", [
            mention("b1", 1, "RUS", "111", "USA"),
            mention("b1", 2, "RUS", "111", "USA", day="2015-03-02"),  # another day
            mention("b1", 3, "RUS", "111", "USA", day="2015-03", precision="month"),  # month precision
            mention("b1", 4, "RUS", "112", "USA"),  # another base code
            mention("b1", 5, "USA", "111", "RUS"),  # reversed dyad
            mention("b1", 6, "RUS", "111", "USA", negated=True),  # "did not criticise"
        ]),
    )
    assert store.con.execute("SELECT count(*), count(*) FILTER (negated) FROM merged_events").fetchone() == (6, 1)
    write(store, article("b2", [mention("b2", 1, "RUS", "111", "USA", day="2015-W10", precision="week"),
                                mention("b2", 2, "RUS", "111", "USA", day=None, precision=None)]))
    week = store.con.execute("SELECT event_date FROM merged_events WHERE date_value = 'week:2015-W10'").fetchone()
    assert week == (date(2015, 3, 2),)  # the Monday of ISO week 10
    undated = store.con.execute("SELECT event_date FROM merged_events WHERE date_value LIKE 'published:%'").fetchone()
    assert undated == (date(2015, 3, 4),)  # the publication date
    consistent(store)


def test_sub_codes_merge_on_the_base_code_and_the_commonest_code_wins(store):
    write(store, article("c1", [mention("c1", 1, "RUS", "0231", "SYR"), mention("c1", 2, "RUS", "0234", "SYR")]),
          article("c2", [mention("c2", 1, "RUS", "0234", "SYR")]))
    (ev,) = events_by_key(store).values()
    assert ev["cameo_base"] == "023" and ev["cameo"] == "0234" and ev["num_mentions"] == 3


def test_locations_must_be_compatible(store):
    write(
        store,
        article("d1", [mention("d1", 1, "RUS", "040", "USA", loc=MOSCOW)]),
        article("d2", [mention("d2", 1, "RUS", "040", "USA", loc=MOSCOW)]),
        article("d3", [mention("d3", 1, "RUS", "040", "USA", loc=PETERSBURG)]),
        article("d4", [mention("d4", 1, "RUS", "040", "USA", loc=RUSSIA)]),  # country level: joins Moscow (larger)
        article("d5", [mention("d5", 1, "RUS", "040", "USA")]),  # unplaced: joins the largest
    )
    evs = events_by_key(store)
    assert {k[4]: v["num_mentions"] for k, v in evs.items()} == {"Moscow": 4, "Saint Petersburg": 1}
    consistent(store)


def test_compound_actors_split_into_dyads(store):
    write(store, article("e1", [mention("e1", 1, ["USA", "GBR"], "020", ["SYRGOV", "SYROPP"])]))
    evs = events_by_key(store)
    assert {(k[0], k[1]) for k in evs} == {("USA", "SYRGOV"), ("USA", "SYROPP"), ("GBR", "SYRGOV"), ("GBR", "SYROPP")}
    assert {(m, s, t) for _, m, s, t in links(store)} == {
        ("e1:s1:e1", 0, 0), ("e1:s1:e1", 0, 1), ("e1:s1:e1", 1, 0), ("e1:s1:e1", 1, 1)}
    consistent(store)


def test_compound_actors_are_not_paired_with_themselves(store):
    # "the ministry and the company said ..." coded against both: two dyads, not four
    write(store, article("e1", [mention("e1", 1, ["GRCGOV", "GRCBUS"], "0831", ["GRCGOV", "GRCBUS"])]),
          article("e2", [mention("e2", 1, ["USAGOV"], "020", ["USAGOV"])]))
    assert {(k[0], k[1]) for k in events_by_key(store)} == {
        ("GRCGOV", "GRCBUS"), ("GRCBUS", "GRCGOV"), ("USAGOV", "USAGOV")}  # a lone self pair is what was coded
    consistent(store)


def test_plover_policy_merges_on_the_plover_type(store):
    write(store, article("f1", [mention("f1", 1, "RUS", "111", "USA"), mention("f1", 2, "RUS", "112", "USA")]))
    assert len(events_by_key(store)) == 2  # criticise and accuse are different CAMEO base codes
    report = update_events(store, policy=MergePolicy(action="plover"))
    assert report.rebuilt
    (ev,) = events_by_key(store).values()  # both are PLOVER ACCUSE
    assert ev["num_mentions"] == 2
    write(store, article("f2", [mention("f2", 1, "RUS", "111", "USA")]))  # the stored policy stays in force
    (ev,) = events_by_key(store).values()
    assert ev["num_mentions"] == 3


# -- incremental updates ----------------------------------------------------------------------


def test_new_articles_update_only_the_events_they_touch(store):
    write(store, article("g1", [mention("g1", 1, "RUS", "111", "USA"), mention("g1", 2, "CHN", "040", "JPN")]))
    before = events_by_key(store)
    report = write(store, article("g2", [mention("g2", 1, "RUS", "111", "USA")]))
    assert report.keys == 1 and report.events_written == 1
    after = events_by_key(store)
    crit, meet = ("RUS", "USA", "111", "2015-03-03", None), ("CHN", "JPN", "040", "2015-03-03", None)
    assert after[crit]["id"] == before[crit]["id"] and after[crit]["num_articles"] == 2
    assert after[meet] == before[meet]  # untouched, down to updated_at
    consistent(store)


def test_recoding_moves_mentions_without_duplicates(store):
    write(store, article("h1", [mention("h1", 1, "RUS", "111", "USA")]),
          article("h2", [mention("h2", 1, "RUS", "111", "USA")]))
    (ev,) = events_by_key(store).values()
    # h2 re-coded: its sentence is now a meeting, not a criticism
    write(store, article("h2", [mention("h2", 1, "RUS", "040", "USA")]))
    evs = events_by_key(store)
    crit = evs[("RUS", "USA", "111", "2015-03-03", None)]
    assert crit["id"] == ev["id"] and crit["num_mentions"] == 1 and crit["num_articles"] == 1
    assert evs[("RUS", "USA", "040", "2015-03-03", None)]["num_mentions"] == 1
    # the same article coded again, unchanged: nothing moves, nothing doubles
    snapshot = links(store)
    write(store, article("h2", [mention("h2", 1, "RUS", "040", "USA")]))
    assert links(store) == snapshot
    # h1 re-coded without events: its event goes, and its id is never given out again
    write(store, article("h1", []))
    assert set(events_by_key(store)) == {("RUS", "USA", "040", "2015-03-03", None)}
    write(store, article("h3", [mention("h3", 1, "RUS", "111", "USA")]))
    new = events_by_key(store)[("RUS", "USA", "111", "2015-03-03", None)]
    assert new["id"] > max(ev["id"], crit["id"])
    consistent(store)


def test_pending_articles_are_found_without_ids(store):
    store.write([article("i1", [mention("i1", 1, "RUS", "111", "USA")]),
                 article("i2", [mention("i2", 1, "RUS", "111", "USA")])], "test")
    assert pending_articles(store) == ["i1", "i2"]
    update_events(store)
    assert pending_articles(store) == []
    assert update_events(store).articles == 0
    store.write([article("i2", [mention("i2", 1, "USA", "111", "RUS")])], "test")  # re-coded, not merged yet
    assert pending_articles(store) == ["i2"]
    update_events(store)
    assert len(events_by_key(store)) == 2
    consistent(store)


def test_incremental_equals_rebuild(store):
    batches = [
        [article("j1", [mention("j1", 1, "RUS", "111", "USA", loc=MOSCOW), mention("j1", 2, "CHN", "040", "JPN")])],
        [article("j2", [mention("j2", 1, "RUS", "111", "USA"), mention("j2", 2, "RUS", "111", "USA", loc=PETERSBURG)])],
        [article("j1", [mention("j1", 1, "RUS", "111", "USA", loc=PETERSBURG)]),
         article("j3", [mention("j3", 4, ["USA", "GBR"], "111", "RUS", loc=RUSSIA)])],
    ]
    for batch in batches:
        write(store, *batch)

    def groups():
        rows = store.con.execute(
            "SELECT list(mention_id || '/' || coalesce(source_position, -1) || '/' || coalesce(target_position, -1) "
            "ORDER BY mention_id, source_position, target_position) FROM event_mentions GROUP BY event_id"
        ).fetchall()
        return sorted(tuple(r[0]) for r in rows)

    incremental = groups()
    rebuild_events(store)
    assert groups() == incremental
    consistent(store)


# -- article facts ----------------------------------------------------------------------------


def test_lead_paragraph_skips_the_photo_caption():
    text = CAPTION + "\n\nMOSCOW (Wire) - Russia criticised the United States.\n\nMore text."
    start, end = lead_span(text)
    assert text[start:end] == "MOSCOW (Wire) - Russia criticised the United States."
    assert lead_span("One paragraph only. Two sentences.") == (None, None)
    wire = "Delegates take their seats in Geneva. DYADS WIRE/Staff photo\n\nGENEVA (Dyads Wire) - Talks began."
    s, e = lead_span(wire)
    assert wire[s:e] == "GENEVA (Dyads Wire) - Talks began."
    ap = "A man walks by. (AP Photo/Jane Roe)\n\nPARIS (AP) - Lead.\n\nBody."
    s, e = lead_span(ap)
    assert ap[s:e] == "PARIS (AP) - Lead."
    single = "NEW YORK - Lead.\nSecond paragraph."
    s, e = lead_span(single)
    assert single[s:e] == "NEW YORK - Lead."


def test_date_bucket_follows_precision():
    assert date_bucket("2015-03-03", "day") == "2015-03-03"
    assert date_bucket("2015-03-03", "month") == "2015-03"
    assert date_bucket("2015-03", "month") == "2015-03"
    assert date_bucket("2015", "year") == "2015"
    assert date_bucket("2015-W10", "week") == "week:2015-W10"
    assert date_bucket(None, None) is None


def test_tone_is_negative_for_bad_news_and_averaged_per_article(store):
    pytest.importorskip("vaderSentiment")
    bad = text_tone("The brutal attack killed dozens and wounded hundreds; leaders condemned the horrific massacre.")
    good = text_tone("The leaders welcomed the peaceful agreement and praised the successful, friendly talks.")
    assert bad[0] < -10 < 10 < good[0]
    assert bad[4].startswith("vaderSentiment-3.3.2")
    write(store, article("k1", [mention("k1", 1, "RUS", "111", "USA")], text="Peace deal welcomed, great success."),
          article("k2", [mention("k2", 1, "RUS", "111", "USA"), mention("k2", 2, "RUS", "111", "USA")],
                  text="Terrible, deadly attack condemned."))
    tones = dict(store.con.execute("SELECT article_id, tone FROM article_facts").fetchall())
    (ev,) = events_by_key(store).values()
    assert ev["avg_tone"] == pytest.approx((tones["k1"] + tones["k2"]) / 2, abs=1e-3)  # per article, not mention


# -- the examples corpus through the real coder -------------------------------------------------


def test_examples_merge_corpus(tmp_path, coder):
    from dyads.ingest import read_inputs
    from dyads.runner import code_into_store

    with Store(tmp_path / "ex.duckdb") as st:
        # merged after every batch write, through the runner's on_batch hook (one article per batch)
        code_into_store(read_inputs([str(EXAMPLES / "merge")]), st, coder, batch_size=1,
                        on_batch=lambda batch: update_events(st, [c.article.id for c in batch]))
        mentions = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert pending_articles(st) == []
        evs = events_by_key(st)
        crit = [v for k, v in evs.items() if k[:3] == ("RUS", "USA", "111")]
        assert len(crit) == 1
        assert (crit[0]["num_mentions"], crit[0]["num_articles"], crit[0]["num_sources"]) == (3, 3, 1)
        assert crit[0]["is_root_event"] is True
        accuse = [v for k, v in evs.items() if k[:3] == ("USA", "RUS", "112")]
        assert len(accuse) == 1 and accuse[0]["num_articles"] == 2
        assert len(evs) < mentions + 1  # fewer events than mention dyads
        consistent(st)
