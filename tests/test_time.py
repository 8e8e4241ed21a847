"""Tests for dyads.time: TIMEX3 normalisation, recognition over the parse, and event dating."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyads.models import Article, TimeExpr
from dyads.nlp import load_nlp
from dyads.time import find_times
from dyads.time.dating import EventDate, calendar_date, resolve_event_date
from dyads.time.normalize import FUTURE, PAST, Context, normalize, spelled_years

DCT = date(2013, 7, 22)  # a Monday
ROOT = Path(__file__).resolve().parents[1]
SEED = next(
    (p / "shared" / "seed" for p in ROOT.parents if (p / "shared" / "seed").is_dir()), ROOT.parent / "shared" / "seed"
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def times_of(nlp, text: str, dct: date | None = DCT) -> tuple[list[TimeExpr], Article]:
    article = Article(id="t", text=text, publication_date=dct)
    return find_times(nlp(text), article), article


@pytest.mark.parametrize(
    ("text", "tense", "type_", "value"),
    [
        ("Monday", PAST, "DATE", "2013-07-22"),
        ("Friday", PAST, "DATE", "2013-07-19"),
        ("Friday", FUTURE, "DATE", "2013-07-26"),
        # the day after the publication date, told in the past: a wire story dated by another clock's day
        ("Tuesday", PAST, "DATE", "2013-07-23"),
        ("last Tuesday", None, "DATE", "2013-07-16"),
        ("Wednesday", PAST, "DATE", "2013-07-17"),
        ("last Friday", None, "DATE", "2013-07-19"),
        ("next month", None, "DATE", "2013-08"),
        ("last month", None, "DATE", "2013-06"),
        ("May 7", PAST, "DATE", "2013-05-07"),
        ("March 2011", None, "DATE", "2011-03"),
        ("June 25, 2013", None, "DATE", "2013-06-25"),
        ("the end of the year", FUTURE, "DATE", "2013"),
        ("earlier this week", None, "DATE", "2013-W30"),
        ("two days ago", None, "DATE", "2013-07-20"),
        ("this year", None, "DATE", "2013"),
        ("last year", None, "DATE", "2012"),
        ("the 1990s", None, "DATE", "199"),
        ("1990s", None, "DATE", "199X"),
        ("the nineties", None, "DATE", "199"),
        ("the third quarter", PAST, "DATE", "2013-Q3"),
        ("December", PAST, "DATE", "2012-12"),
        ("April", FUTURE, "DATE", "2014-04"),
        ("yesterday", None, "DATE", "2013-07-21"),
        ("this morning", None, "TIME", "2013-07-22TMO"),
        ("10 p.m. Wednesday", PAST, "TIME", "2013-07-17T22:00"),
        ("nineteen ninety-six", None, "DATE", "1996"),
        ("Thanksgiving", PAST, "DATE", "2012-11-22"),
        ("a month", None, "DURATION", "P1M"),
        ("three days", None, "DURATION", "P3D"),
        ("the past two months", None, "DURATION", "P2M"),
        ("2 1/2 years", None, "DURATION", "P2Y6M"),
        ("the next three quarters", None, "DURATION", "P9M"),
        ("every week", None, "SET", "P1W"),
        ("daily", None, "SET", "P1D"),
        ("now", None, "DATE", "PRESENT_REF"),
        ("recently", None, "DATE", "PAST_REF"),
        ("the future", None, "DATE", "FUTURE_REF"),
    ],
)
def test_normalize_values(text: str, tense: str | None, type_: str, value: str) -> None:
    v = normalize(text, Context(dct=DCT), tense)
    assert v is not None, text
    assert (v.type, v.value) == (type_, value)


def test_normalize_without_dct_leaves_placeholders() -> None:
    assert normalize("Friday", Context(dct=None)).value == "XXXX-XX-XX"
    assert normalize("March 2011", Context(dct=None)).value == "2011-03"


def test_normalize_rejects_non_times() -> None:
    assert normalize("the government", Context(dct=DCT)) is None
    assert normalize("three", Context(dct=DCT)) is None


def test_quarter_context_dates_a_year_earlier() -> None:
    ctx = Context(dct=date(1989, 10, 30))
    assert normalize("the third quarter", ctx, PAST).value == "1989-Q3"
    assert normalize("a year earlier", ctx).value == "1988-Q3"


def test_spelled_years() -> None:
    assert spelled_years("january nineteen ninety-seven") == "january 1997"
    assert spelled_years("two thousand and one") == "2001"


def test_find_times_offsets_and_tense_direction(nlp) -> None:
    text = "The minister said on Friday that he will travel to Paris on Friday for two days."
    times, article = times_of(nlp, text)
    assert [(t.text, t.type, t.value) for t in times] == [
        ("Friday", "DATE", "2013-07-19"),
        ("Friday", "DATE", "2013-07-26"),
        ("two days", "DURATION", "P2D"),
    ]
    for t in times:
        assert article.text[t.start : t.end] == t.text


def test_find_times_vetoes_ages_and_counts(nlp) -> None:
    times, _ = times_of(nlp, "A 52-year-old man and 1990 troops arrived in May 2012.")
    assert [(t.text, t.value) for t in times] == [("May 2012", "2012-05")]


def test_clock_times_and_wire_headers(nlp) -> None:
    # "by 1633 GMT" is a clock time, not the year 1633; a wire header's abbreviated date is a whole date
    times, _ = times_of(nlp, "The dollar rose by 1633 GMT.")
    assert [t.value for t in times if t.type == "DATE"] == []
    times, _ = times_of(nlp, "TRIPOLI | Tue Oct 18, 2011 7:39 pm EDT TRIPOLI (Reuters) - Clinton arrived.")
    assert ("Tue Oct 18, 2011", "2011-10-18") in [(t.text, t.value) for t in times]


def test_a_year_modifying_a_noun_does_not_date_the_clause(nlp) -> None:
    text = "China criticised Obama's 2012 budget on Tuesday."
    doc = nlp(text)
    article = Article(id="t", text=text, publication_date=date(2011, 2, 17))
    times = find_times(doc, article)
    i = text.index("criticised")
    assert resolve_event_date(doc, i, i + len("criticised"), times, article).date == "2011-02-15"


def _seed() -> tuple[str, dict]:
    import json

    txt, gold = SEED / "lavrov-2013-07-22.txt", SEED / "lavrov-2013-07-22.gold.json"
    if not txt.exists() or not gold.exists():
        pytest.skip("../shared/seed is not present")
    return txt.read_text(encoding="utf-8")[17:], json.loads(gold.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(nlp):
    text, gold = _seed()
    article = Article(id="lavrov-2013-07-22", text=text, publication_date=date(2013, 7, 22))
    doc = nlp(text)
    return doc, article, find_times(doc, article), gold


def test_seed_gold_times(seed) -> None:
    doc, article, times, gold = seed
    assert len(gold["times"]) == 7
    for g in gold["times"]:
        start = article.text.index(g["text"])
        end = start + len(g["text"])
        hits = [t for t in times if t.start < end and start < t.end]
        assert hits, f"no time found for {g['text']!r}"
        assert hits[0].value == g["value"], g["text"]


def _date(seed, trigger: str) -> EventDate:
    doc, article, times, _ = seed
    i = article.text.index(trigger)
    return resolve_event_date(doc, i, i + len(trigger), times, article)


def test_dating_by_governing_time(seed) -> None:
    assert _date(seed, "issued a new call") == EventDate("2013-07-22", "day", "on Monday")
    assert _date(seed, "said on May 7") == EventDate("2013-05-07", "day", "on May 7")
    assert _date(seed, "try to bring") == EventDate("2013-05-07", "day", "on May 7")  # reported in the May 7 statement
    assert _date(seed, "told Reuters") == EventDate("2013-07-19", "day", "on Friday")


def test_dating_ignores_times_of_other_clauses(seed) -> None:
    # "last month" belongs to the G8 agreement, "by the end of the year" to the loan: not to the statements
    assert _date(seed, "Lavrov said") == EventDate("2013-07-22", "day", None)
    assert _date(seed, "Jamil blamed") == EventDate("2013-07-22", "day", None)
    assert _date(seed, "has killed").date == "2013-07-22"  # "since March 2011" starts a stretch


def test_dating_caption(seed) -> None:
    assert _date(seed, "speaks") == EventDate("2013-06-25", "day", "June 25, 2013")
    assert _date(seed, "meeting with his").date == "2013-06-25"


def test_dating_every_gold_event_date(seed) -> None:
    """Every dated gold event whose evidence is a sentence of the article gets that date."""
    doc, article, times, gold = seed
    checked = 0
    for ev in gold["events"]:
        evidence = ev.get("evidence", "")
        if not ev.get("date") or evidence not in article.text:
            continue
        i = article.text.index(evidence)
        j = i + len(evidence.split()[0])  # the evidence's first word is its actor; date by its clause verb
        sent = doc.char_span(i, j, alignment_mode="expand").sent
        verb = next(t for t in sent if t.pos_ == "VERB" and t.idx >= i)
        got = resolve_event_date(doc, verb.idx, verb.idx + len(verb.text), times, article)
        assert got.date == ev["date"], evidence
        checked += 1
    assert checked >= 3


def test_durations_and_sets_never_date(nlp) -> None:
    text = "The rebels attacked the town for three days and shelled it every week."
    times, article = times_of(nlp, text)
    assert {t.type for t in times} == {"DURATION", "SET"}
    i = text.index("attacked")
    assert resolve_event_date(nlp(text), i, i + 8, times, article) == EventDate("2013-07-22", "day", None)


def test_dating_without_publication_date(nlp) -> None:
    text = "The rebels attacked the town."
    doc = nlp(text)
    article = Article(id="t", text=text)
    assert resolve_event_date(doc, 11, 19, [], article) == EventDate(None, None, None)


def test_calendar_date() -> None:
    assert calendar_date("2013-07-22T10:00") == ("2013-07-22", "day")
    assert calendar_date("2013-06") == ("2013-06", "month")
    assert calendar_date("2013") == ("2013", "year")
    assert calendar_date("2013-W30") is None
    assert calendar_date("P3D") is None


def test_dating_dateline_is_only_a_fallback(nlp) -> None:
    text = "MOSCOW, July 22 (Reuters) - Russia criticised the plan on Sunday. Russia welcomed the talks."
    doc = nlp(text)
    article = Article(id="t", text=text, publication_date=date(2013, 7, 23))
    times = find_times(doc, article)
    i = text.index("criticised")
    assert resolve_event_date(doc, i, i + 10, times, article).date == "2013-07-21"
    i = text.index("welcomed")  # no time of its own: the day the story's lead reports (not the dateline's)
    assert resolve_event_date(doc, i, i + 8, times, article).date == "2013-07-21"
    text2 = "MOSCOW, July 22 (Reuters) - Russia criticised the plan. Russia welcomed the talks."
    doc2 = nlp(text2)
    times2 = find_times(doc2, Article(id="t", text=text2, publication_date=date(2013, 7, 23)))
    i = text2.index("welcomed")  # a lead without a day of its own: the publication date
    assert resolve_event_date(doc2, i, i + 8, times2, Article(id="t", text=text2,
                                                             publication_date=date(2013, 7, 23))).date == "2013-07-23"


def test_dating_coordinated_and_nominal_triggers(nlp) -> None:
    text = "On Friday the army shelled the town and killed ten people. Friday's attack drew protests on Sunday."
    doc = nlp(text)
    article = Article(id="t", text=text, publication_date=DCT)
    times = find_times(doc, article)
    cases = (("shelled", "2013-07-19"), ("killed", "2013-07-19"), ("drew protests", "2013-07-21"))
    cases += (("attack", "2013-07-19"),)
    for trigger, day in cases:
        i = text.index(trigger)
        assert resolve_event_date(doc, i, i + len(trigger), times, article).date == day, trigger


def test_anchor_windows_find_what_a_full_search_finds() -> None:
    """The speed-up (patterns run only near anchor words) must not lose matches."""
    from dyads.time.recognize import PATTERNS, _matches

    text = (
        "At 5 p.m. EST Nov. 9, 1989, and again at noon Thursday, the board met; the third-quarter results for the "
        "year-ago period, the past three years, every Monday night, in the mid-1990s and the nineties, since "
        "March 2011, the year two thousand, Christmas, two weeks ago, 12/31/1999 and 2013-07-22 were discussed "
        "now, recently and in the future, daily and twice a year, for the year, in the quarter, 3-4 months."
    )
    windowed = set(_matches(text))
    for name, pat in PATTERNS:
        for m in pat.finditer(text):
            assert (name, *m.span()) in windowed, (name, m.group(0))


def test_clock_with_day(nlp) -> None:
    times, _ = times_of(nlp, "The offer expires at 5 p.m. EST Nov. 9, the company said on Friday.")
    assert [(t.text, t.type, t.value) for t in times][0] == ("5 p.m. EST Nov. 9", "TIME", "2013-11-09T17:00")


# --- earnings copy, halves, seasons, horizons: our own example phrases ---


@pytest.mark.parametrize(
    ("text", "ctx_kw", "after", "type_", "value"),
    [
        # the quarter compared with, a year back (DCT 2013-07-22: the last quarter reported is 2013-Q2)
        ("the year-ago third quarter", {}, "", "DATE", "2012-Q3"),
        ("the comparable year-earlier period", {}, "", "DATE", "2012-Q2"),
        ("the quarter a year earlier", {}, "", "DATE", "2012-Q2"),
        ("last year's second quarter", {}, "", "DATE", "2012-Q2"),
        ("the corresponding period last year", {"quarter": (2013, 1)}, "", "DATE", "2012-Q1"),
        # "for the year" is this year, "the year ended June 30" twelve months
        ("the year", {}, ", sales of the unit rose", "DATE", "2013"),
        ("the year", {}, " ended June 30, the mill", "DURATION", "P1Y"),
        # a quarter known by the day it closed: most of it lies in the calendar quarter before
        ("the quarter", {"dct": date(2013, 10, 20)}, " ended July 31, the chain", "DATE", "2013-Q2"),
        ("the quarter", {"dct": date(2013, 10, 20)}, " ended Sept. 30, the chain", "DATE", "2013-Q3"),
        ("a minute and a half", {}, "", "DURATION", "PT1M30S"),
        ("an hour and a half", {}, "", "DURATION", "PT1H30M"),
        ("an additional year", {}, "", "DURATION", "P1Y"),
        ("eight trading days", {}, "", "DURATION", "P8D"),
        ("weeks or months", {}, "", "DURATION", "PXW"),
        ("the winter of 1994", {}, "", "DATE", "1994-WI"),
        ("the winter of nineteen ninety-four", {}, "", "DATE", "1994-WI"),
        ("the first half of 2012", {}, "", "DATE", "2012-H1"),
        ("the last half of 2012", {}, "", "DATE", "2012-H2"),
        ("the first two quarters of 2014", {}, "", "DATE", "2014-H1"),
        ("year-end", {}, "", "DATE", "2013"),
        ("later that year", {"last": "2009-06"}, "", "DATE", "2009"),
        ("earlier that day", {"last": "2013-07-17"}, "", "DATE", "2013-07-17"),
        ("later in the day", {}, "", "DATE", "2013-07-22"),
        ("earlier yesterday", {}, "", "DATE", "2013-07-21"),
        ("the near term", {}, "", "DATE", "FUTURE_REF"),
        ("future quarters", {}, "", "DATE", "FUTURE_REF"),
        ("the weeks ahead", {}, "", "DURATION", "PXW"),
        ("months ago", {}, "", "DURATION", "PXM"),
        ("the previous Friday", {"last": "2013-07-17"}, "", "DATE", "2013-07-12"),
        ("the following Monday", {"last": "2013-07-17"}, "", "DATE", "2013-07-22"),
        ("Tuesday nights", {}, "", "SET", "XXXX-WXX-2TNI"),
    ],
)
def test_normalize_in_context(text: str, ctx_kw: dict, after: str, type_: str, value: str) -> None:
    ctx = Context(dct=ctx_kw.get("dct", DCT), quarter=ctx_kw.get("quarter"), last=ctx_kw.get("last"))
    v = normalize(text, ctx, PAST, after=after)
    assert v is not None, text
    assert (v.type, v.value) == (type_, value)


def test_week_of_a_day() -> None:
    assert normalize("the week of March 6", Context(dct=DCT), PAST).value == "2013-W10"


def _values(nlp, text: str, dct: date = DCT) -> list[tuple[str, str]]:
    times, _ = times_of(nlp, text, dct)
    return [(t.text, t.value) for t in times]


def test_arranging_verbs_point_forward(nlp) -> None:
    # DCT Monday 2013-07-22: what was planned for Saturday is still to come ...
    assert ("Saturday", "2013-07-27") in _values(nlp, "Farmers planned a protest march in the capital on Saturday.")
    assert ("Thursday", "2013-07-25") in _values(nlp, "The mayor has scheduled a news conference Thursday.")
    # ... unless the day dates the planning itself
    assert ("Friday", "2013-07-19") in _values(nlp, "On Friday, the ministry planned to cut fuel subsidies.")


def test_intention_nouns_and_present_passives_point_forward(nlp) -> None:
    assert ("January", "2014-01") in _values(nlp, "The bank announced an agreement to buy the insurer in January.")
    assert ("May", "2014-05") in _values(nlp, "The peace talks are supposed to conclude by May.")


def test_since_points_back(nlp) -> None:
    assert ("November", "2012-11") in _values(nlp, "The index is up 4 percent since November.")


def test_year_ago_phrases_are_one_span(nlp) -> None:
    text = "Profit rose in the third quarter. In the year-ago third quarter, the firm lost money."
    assert _values(nlp, text, date(2013, 10, 25)) == [
        ("the third quarter", "2013-Q3"),
        ("the year-ago third quarter", "2012-Q3"),
    ]  # noqa: E501


def test_first_quarter_named_is_the_one_reported(nlp) -> None:
    text = "Profit rose in the third quarter from the second quarter. A year earlier, the firm lost money."
    assert ("A year earlier", "2012-Q3") in _values(nlp, text, date(2013, 10, 25))


def test_for_the_year_and_the_year_ended(nlp) -> None:
    text = "For the year, sales rose 5%. In the year ended June 30, the unit lost money."
    assert _values(nlp, text, date(2013, 10, 25)) == [
        ("the year", "2013"),
        ("the year", "P1Y"),
        ("June 30", "2013-06-30"),
    ]  # noqa: E501


def test_years_before_names_are_years(nlp) -> None:
    values = _values(nlp, "Analysts cut their 2014 Acme earnings forecasts and the group's 2012 operating results.")
    assert ("2014", "2014") in values and ("2012", "2012") in values


def test_quarters_of_time_and_of_a_whole(nlp) -> None:
    assert ("several quarters", "PXQ") in _values(nlp, "It returned to profit after several quarters of losses.")
    assert _values(nlp, "The party won three quarters of the vote.") == []


def test_capitalised_time_words_in_names_are_not_times(nlp) -> None:
    assert _values(nlp, 'The senator said on ABC\'s "This Week" program that talks would resume.') == []
    assert _values(nlp, "The cinema showed High Noon to a full house.") == []
    assert ("Today", "2013-07-22") in _values(nlp, "``Today, we start again,'' the coach said.")


def test_year_end_and_horizons(nlp) -> None:
    assert ("year-end", "2013") in _values(nlp, "The company expects to close the sale by year-end.")
    assert ("the near term", "FUTURE_REF") in _values(nlp, "Margins will stay thin in the near term, he said.")


def test_could_is_not_the_future_and_as_early_as_is(nlp) -> None:
    # DCT Monday 2013-07-22
    assert ("Wednesday", "2013-07-17") in _values(nlp, "The spokesman could not be reached Wednesday for comment.")
    assert ("Tuesday", "2013-07-23") in _values(nlp, "The envoy could arrive in Cairo as early as Tuesday.")


def test_until_in_the_past_perfect_points_back(nlp) -> None:
    # DCT Monday 2013-07-22
    assert ("Thursday", "2013-07-18") in _values(nlp, "Until Thursday, the police had not named a suspect.")
    assert ("Thursday", "2013-07-25") in _values(nlp, "The court gave the family until Thursday to appeal.")


def test_bare_clock_time_falls_on_the_day_last_named(nlp) -> None:
    text = "The bomb went off on July 17 at 9:40 a.m., police said."
    assert ("9:40 a.m.", "2013-07-17T09:40") in _values(nlp, text)
    assert ("10 p.m.", "2013-07-22T22:00") in _values(nlp, "The polls close at 10 p.m.")


def test_named_days_stay_times(nlp) -> None:
    # US holidays by rule (sources: 36 U.S.C. 117 and 5 U.S.C. 6103); DCT Monday 2013-07-22
    values = _values(nlp, "Florists sold fewer roses on Valentine's Day and will stock more before Mother's Day.")
    assert ("Valentine's Day", "2013-02-14") in values and ("Mother's Day", "2014-05-11") in values


def test_bare_past_participles_point_back(nlp) -> None:
    dct = date(2013, 2, 6)
    assert ("Aug. 6", "2012-08-06") in _values(
        nlp, "The index fell 70 points below the record high reached on Aug. 6.", dct
    )
    assert ("October", "2012-10") in _values(nlp, "The accord signed in October lifted the sanctions.", dct)


def test_a_participle_clause_dates_its_subjects_act():
    from dyads import Coder

    coded = Coder().code("Speaking to journalists in Majer on Tuesday, Libyan government spokesman Moussa "
                         "Ibrahim accused NATO of bombing the village.", date="2011-08-11")
    assert [(e.date, e.date_text) for e in coded.events] == [("2011-08-09", "on Tuesday")]


def test_joined_verbs_share_a_closing_time():
    from dyads import Coder

    coded = Coder(stages=("times", "actors", "events")).code(
        "The photographer was kidnapped by the Taliban and freed by British commandos in 2009.", date="2011-03-18")
    assert [(e.cameo, e.date) for e in coded.events if e.cameo.startswith("18")] == []  # 2009: background now
    assert any("'kidnapped' [kidnap -> 181]: background: dated 2009" in n.reason for n in coded.no_events)


def test_a_compilations_sections_are_dated_by_their_stamps(nlp) -> None:
    text = ("Rebels attacked the town on Saturday.\n"
            "Burials held in Tripoli updated: Sat May 14 2011 18:10:00 A few hundred people gathered on Saturday. "
            "The crowd marched to the cemetery.\n")
    article = Article(id="t", text=text, publication_date=date(2011, 8, 13))
    doc = nlp(text)
    times = find_times(doc, article)
    for trigger, day in (("attacked", "2011-08-13"), ("held", "2011-05-14"), ("gathered", "2011-05-14"),
                         ("marched", "2011-05-14")):
        i = text.index(trigger)
        assert resolve_event_date(doc, i, i + len(trigger), times, article).date == day, trigger
    # a stamp after the publication date is not believed
    late = Article(id="t", text=text, publication_date=date(2011, 5, 1))
    i = text.index("gathered")
    assert resolve_event_date(doc, i, i + 8, find_times(doc, late), late).date == "2011-04-30"


def _event_date(nlp, text: str, trigger: str, dct: date = DCT, **kw) -> EventDate:
    article = Article(id="t", text=text, publication_date=dct)
    doc = nlp(text)
    i = text.index(trigger)
    return resolve_event_date(doc, i, i + len(trigger), find_times(doc, article), article, **kw)


def test_week_month() -> None:
    from dyads.time.dating import week_month

    assert week_month("2011-W39", date(2011, 10, 2)) == ("2011-09", "month")  # Sep 26 - Oct 1: mostly September
    assert week_month("2013-W29", DCT) == ("2013-07", "month")
    assert week_month("2011-W39-WE", date(2011, 10, 2)) == ("2011-10", "month")  # Oct 1-2
    assert week_month("2013-W31", DCT) is None  # a week still to come
    assert week_month("2013-W30", DCT) == ("2013-07", "month")  # this week, up to the DCT
    assert week_month("2013-W30", None) is None
    assert week_month("2013-07", DCT) is None


def test_a_past_week_dates_by_its_month_a_coming_one_never(nlp) -> None:
    got = _event_date(nlp, "The envoy met rebel leaders in Cairo last week.", "met")
    assert (got.date, got.precision, got.text) == ("2013-07", "month", "last week")
    for text, trigger in (("The minister will visit Cairo next week.", "visit"),
                          ("He said his government would not be rushed into signing the accord this week.", "signing"),
                          ("A deal sealed in 2010 and supposed to come into force this week would help.", "come")):
        assert _event_date(nlp, text, trigger) == EventDate("2013-07-22", "day", None), text


def test_joined_clauses_of_other_tenses_do_not_share_a_time(nlp) -> None:
    text = "The envoy met rebel leaders on Friday and plans to visit the capital soon."
    assert _event_date(nlp, text, "met").date == "2013-07-19"
    assert _event_date(nlp, text, "plans").date == "2013-07-22"


def test_a_lead_naming_the_publication_day_gives_no_earlier_story_day(nlp) -> None:
    text = ("Brief clashes broke out on Monday in the capital between rival marchers. "
            "The clashes followed a rally on Saturday. It was unclear how many were hurt. Police stayed away. "
            "The protesters also demanded reforms.")
    assert _event_date(nlp, text, "demanded").date == "2013-07-22"


def test_a_relative_clause_on_a_time_or_its_noun_takes_it(nlp) -> None:
    text = "The clashes followed a rally Sunday night in which police beat the marchers."
    assert _event_date(nlp, text, "beat").date == "2013-07-21"
    text = "The raid on Saturday in which troops captured the rebel commander was praised."
    assert _event_date(nlp, text, "captured").date == "2013-07-20"


def test_an_order_is_dated_by_the_state_it_brings_about(nlp) -> None:
    got = _event_date(nlp, "The ministry had ordered the consulate closed in May.", "ordered")
    assert (got.date, got.precision) == ("2013-05", "month")
    # a report is not dated by its content's time
    assert _event_date(nlp, "Officials said the consulate closed in May.", "said").date == "2013-07-22"


def test_a_day_parsed_into_the_name_after_on_dates_the_verb(nlp) -> None:
    assert _event_date(nlp, "The commissioner said on Friday Italy should act faster.", "said").date == "2013-07-19"


def test_a_report_followed_by_its_speakers_quotation_takes_the_cue_day(nlp) -> None:
    from dyads.models import Actor, Quote, Speaker
    from dyads.models import Span as TextSpan

    text = ('Novak has accused the prime minister of weakness. "We are dependent on others," '
            'he said in a radio interview on Friday.')
    q0 = text.index('"We')
    he = text.index("he said")
    quote = Quote(text="We are dependent on others", start=q0 + 1, end=q0 + 27,
                  speaker=Speaker(text="he", start=he, end=he + 2, name="Jan Novak"),
                  cue=TextSpan(text="said", start=he + 3, end=he + 7))
    novak = Actor(text="Novak", start=0, end=5, code="CZE", name="Jan Novak", kind="person")
    got = _event_date(nlp, text, "accused", quotes=[quote], actors=[novak])
    assert (got.date, got.text) == ("2013-07-19", "on Friday")
    other = Actor(text="Novak", start=0, end=5, code="CZE", name="Petr Novak", kind="person")
    assert _event_date(nlp, text, "accused", quotes=[quote], actors=[other]).date == "2013-07-22"


def test_a_narration_goes_on_in_the_day_it_is_at(nlp) -> None:
    lead = "Officials described the talks as difficult. Aid groups asked for access. "  # a lead with no day
    text = lead + ("Rebels claimed advances on Wednesday. Fighting engulfed the port. "
                   "Three civilians died in the shelling. France has acknowledged arming the rebels.")
    assert _event_date(nlp, text, "died").date == "2013-07-17"  # Wednesday, two sentences back
    assert _event_date(nlp, text, "acknowledged").date == "2013-07-22"  # a perfect is no step of the narration
    # an adverbial clause's day, or one inside a quotation, is not the narration's
    text = lead + "As he did on Friday, the minister praised the army. He called on the rebels to stop."
    assert _event_date(nlp, text, "called").date == "2013-07-22"
    text = lead + 'Asked about a deal, the minister replied: "We meet again on Friday." The rebels rejected the offer.'
    assert _event_date(nlp, text, "rejected").date == "2013-07-22"
    # a lead that names a day makes it the story's: the narration of an aside does not carry
    text = ("The minister opened talks on Monday. Aid groups asked for access. Sources said on Friday the plan had "
            "stalled. The minister blamed the rebels.")
    assert _event_date(nlp, text, "blamed").date == "2013-07-22"


def test_a_participle_or_purpose_clause_takes_the_tense_above_it(nlp) -> None:
    text = ("Thousands marched on Friday in the capital. The marches were the third in a row, "
            "with protesters gathering outside the mosque to decry the new taxes.")
    assert _event_date(nlp, text, "decry").date == "2013-07-19"
    # an infinitive under a participle clause takes the tense of the finite clause above both
    text = ("The president spoke on Friday in the capital. He called on the government to stop the violence, "
            "while appearing to criticize the opposition.")
    assert _event_date(nlp, text, "criticize").date == "2013-07-19"


def test_dating_a_progressive_the_parser_read_as_an_adjective(nlp) -> None:
    # "were patrolling fuel depots" parsed as an adjective on "depots": still the clause of "were", which
    # "said on Friday" dates (2013-07-19), not the publication date
    text = ("Algeria said on Friday its troops were patrolling fuel depots to halt the flow of smuggled diesel "
            "into Mali.")
    assert _event_date(nlp, text, "patrolling").date == "2013-07-19"


def test_story_highlights_above_the_agency_tag_are_not_the_lead(nlp) -> None:
    # the highlights name a day of the background; the story's lead starts after "(CNN) --"
    text = ("The agency says the two aid workers will be freed The group last heard from them on Friday "
            "Geneva (CNN) -- Two aid workers held in the north will be freed, the agency said. "
            "Officials also said the militia allowed the workers to phone their office.")
    assert _event_date(nlp, text, "allowed").date == "2013-07-22"
    # a dateline that opens with its place in capitals and names a day is still the lead
    text = ("AJDABIYAH, Libya | Sat Jul 20, 2013 6:11 pm EDT AJDABIYAH, Libya (Reuters) - Rebels lost "
            "11 men in the fighting. Officials said the rebels shelled the port.")
    assert _event_date(nlp, text, "shelled").date == "2013-07-20"


def test_a_name_the_parser_reads_as_a_verb_after_to_gives_no_tense(nlp) -> None:
    from dyads.models import Actor

    # "to SaS" parsed as an infinitive: "earlier this week" is the proposal's week, not a plan's
    text = "Radicova made a proposal to SaS earlier this week that SaS said created room for compromise."
    i = text.index("SaS")
    party = Actor(text="SaS", start=i, end=i + 3, code="SVKPTY", country="SVK", sector="PTY", name="SaS",
                  kind="group", source="test")
    got = _event_date(nlp, text, "made", dct=date(2011, 10, 2), actors=[party])
    assert (got.date, got.precision) == ("2011-09", "month")


def test_a_sentence_going_into_a_document_takes_the_document_s_date(nlp) -> None:
    """"In the report, ..." / "In it, ...": what a report or interview says dates from when it was made."""
    text = ("The ministry, in a report on trade last week, declined to name Brazil. In the report, it accused "
            "Argentina of dumping steel. The paper cited an interview given by the minister late Friday, a "
            "transcript of which was posted online. In it, the minister says the talks will resume.")
    doc = nlp(text)
    article = Article(id="t", text=text, publication_date=DCT)
    times = find_times(doc, article)
    for trigger, when in (("accused", "2013-07"), ("resume", "2013-07-19")):
        i = text.index(trigger)
        assert resolve_event_date(doc, i, i + len(trigger), times, article).date == when, trigger
    text2 = "The ministry published a report last week. The minister accused Argentina of dumping steel."
    doc2 = nlp(text2)
    article2 = Article(id="t", text=text2, publication_date=DCT)
    i = text2.index("accused")  # not framed by the report: the publication date
    assert resolve_event_date(doc2, i, i + 7, find_times(doc2, article2), article2).date == "2013-07-22"


def test_leave_given_is_dated_by_the_act_it_lets_happen(nlp) -> None:
    for text, when in (("The government allowed the journalists to call their families on Saturday evening.",
                        "2013-07-20"),
                       ("The government planned to free the journalists on Saturday.", "2013-07-22")):
        doc = nlp(text)  # (a plan is made before the day it names)
        article = Article(id="t", text=text, publication_date=DCT)
        i = text.index("government") + 11
        assert resolve_event_date(doc, i, i + 7, find_times(doc, article), article).date == when, text


def test_a_time_between_a_verb_and_its_complement_s_subject_is_the_verb_s(nlp) -> None:
    """"Russia said on Monday it would send troops": the saying's Monday (last Monday), whichever clause the
    parser hung "on Monday" from; after the complement's subject or its "that" the time is the complement's."""
    dct = date(2013, 7, 24)  # a Wednesday
    for text, value in (("Russia said on Monday it would send troops.", "2013-07-22"),
                        ("The bank said in March it would cut jobs.", "2013-03"),
                        ("Russia said it would send troops on Monday.", "2013-07-29"),
                        ("Russia said that on Monday it would send troops.", "2013-07-29")):
        times, article = times_of(nlp, text, dct)
        assert [t.value for t in times] == [value], text
    text = "Russia said on Monday it would send troops."
    doc = nlp(text)
    article = Article(id="t", text=text, publication_date=dct)
    assert resolve_event_date(doc, 7, 11, find_times(doc, article), article).date == "2013-07-22"
