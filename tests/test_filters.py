"""dyads.events.filters: which coded predicates become events, each drop named by its pass."""

from datetime import date

import pytest

from dyads.events.filters import EventPolicy, background_reason
from tests.conftest import coder_pair


@pytest.fixture(scope="module")
def coders():
    return coder_pair(EventPolicy(one_sided=True))  # strict, loose


def events(coder, text):
    out = coder.code(text, date="2013-07-22")
    return [(e.cameo, sorted(a.code for a in e.source), sorted(a.code for a in e.target)) for e in out.events], out


def test_statement_without_target_is_no_event_unless_asked(coders):
    strict, loose = coders
    got, out = events(strict, "Russia said on Monday that the economy was growing.")
    assert got == []
    assert any("one_sided" in n.reason for n in out.no_events)  # the sentence says why
    got, _ = events(loose, "Russia said on Monday that the economy was growing.")
    assert [g[:2] for g in got] == [("010", ["RUS"])]


def test_acts_without_target_by_nature_stay(coders):
    strict, _ = coders
    got, _ = events(strict, "Thousands of Egyptian protesters demonstrated on Monday.")
    assert got and got[0][0].startswith("14") and got[0][2] == []


def test_directed_acts_are_kept(coders):
    strict, _ = coders
    got, _ = events(strict, "Russia criticised the United States on Monday.")
    assert got == [("111", ["RUS"], ["USA"])]


def test_the_press_is_no_target_of_a_statement(coders):
    strict, loose = coders
    text = "Russian Foreign Minister Sergei Lavrov told the newspaper Izvestia on Monday that talks were useful."
    got, _ = events(loose, text)
    assert all(g[2] == [] for g in got)  # the newspaper is the channel
    got, _ = events(strict, text)
    assert got == []
    # a channel named after its country is the channel, not the country
    got, _ = events(strict, "French Finance Minister Francois Baroin told France 2 TV on Friday it was a downgrade.")
    assert got == []
    # a social network written on is the channel too ("added on Twitter"), not the company
    got, _ = events(loose, "The summit achieved too little, Italian Prime Minister Matteo Renzi added on Twitter.")
    assert all(g[2] == [] for g in got)


def test_a_countrys_own_people_naming_it_act_on_its_state(coders):
    strict, _ = coders
    got, _ = events(strict, "Yemeni protesters demanded change in Yemen on Friday.")
    assert got == [("1042", ["YEMCVL"], ["YEMGOV"])]
    got, _ = events(strict, "Egyptian protesters criticized Egypt on Friday.")
    assert got == [("111", ["EGYCVL"], ["EGYGOV"])]


def test_a_fight_with_no_actor_hits_no_country_and_the_statement_stays(coders):
    strict, _ = coders
    got, _ = events(strict, '"I am very grateful for this visit," Lukashenko told Putin near Minsk on Thursday as '
                            'the Russian leader fought irritably with mosquitoes.')
    assert got == [("010", ["BLRGOV"], ["RUSGOV"])]


def test_a_place_where_it_happened_is_no_target(coders):
    strict, _ = coders
    got, _ = events(strict, "Iranian and Iraqi officials held talks in Turkey on Monday.")
    assert all("TUR" not in g[2] for g in got)


def test_a_sector_word_alone_is_no_source(coders):
    strict, _ = coders
    got, out = events(strict, "Investors criticised the European Union on Monday.")
    assert got == []
    assert any("bare_sector" in n.reason for n in out.no_events)


def test_background_is_dated_years_before_publication():
    assert background_reason("2005", "year", date(2011, 12, 7)) is not None
    assert background_reason("2011-11-30", "day", date(2011, 12, 7)) is None
    assert background_reason("2011-01", "month", date(2011, 12, 7)) is None
    assert background_reason("2005", "year", date(2011, 12, 7), EventPolicy(background=True)) is None
    assert background_reason(None, None, date(2011, 12, 7)) is None


def test_sector_words_take_the_country_of_the_events_place(coders):
    strict, _ = coders
    got, _ = events(strict, "Police fired tear gas at protesters in Cairo on Monday.")
    assert got and all(g[1] == ["EGYCOP"] for g in got)  # the sentence says where
    got, out = events(strict, "Police fired tear gas at protesters on Monday.")
    assert got == []  # nothing says whose police
    assert any("bare_sector" in n.reason for n in out.no_events)


def test_partners_named_and_own_state(coders):
    strict, _ = coders
    got, _ = events(strict, "Customers from Europe, India and South Korea signed supply deals with Cheniere.")
    assert got == []  # the partner is named (not an actor we know): no reciprocal deal among the customers
    got, _ = events(strict, "Russia and Turkey signed a trade agreement on Monday.")
    assert [g[0] for g in got] == ["057"]
    got, out = events(strict, "Japan hoped Tokyo's contribution would help.")
    assert got == []
    # a minister speaking of his own country speaks for it; of another country, to it
    assert events(strict, "British finance minister George Osborne said Britain should not be involved.")[0] == []
    got, _ = events(strict, "British finance minister George Osborne said Greece should not be involved.")
    assert got == [("020", ["GBRGOV"], ["GRC"])]


def test_things_added_and_questions_declined(coders):
    strict, _ = coders
    assert events(strict, "Ford will add the Kuga, the Chinese version of the Escape, in China.")[0] == []
    assert events(strict, "The Chinese minister declined to say when he would visit Japan.")[0] == []


def test_same_actor_is_word_for_word(coders):
    from dyads.events.filters import _same_actor
    from dyads.models import Actor

    it = Actor(text="it", start=0, end=2, code="HUN", country="HUN", name="Hungary", kind="pronoun")
    council = Actor(text="U.N. Security Council", start=10, end=31, code="IGOUNOGOV", kind="igo")
    oram = Actor(text="Jual Oram", start=0, end=9, code="INDELI", country="IND", kind="person")
    oram2 = Actor(text="Jual Oram, a former minister", start=0, end=28, code="INDOPP", country="IND", kind="person")
    assert not _same_actor([it], [council])  # "it" is no part of "security"
    assert _same_actor([oram], [oram2])


def test_force_hits_the_country_of_its_place():
    from dyads import Coder

    strict = Coder(stages=("times", "places", "actors", "events"))
    out = strict.code("British aircraft carried out airstrikes on military sites in Zlitan on Thursday.",
                      date="2011-08-11")
    got = [(e.cameo[:2], [a.code for a in e.source], [(a.code, a.kind) for a in e.target]) for e in out.events]
    assert got and got[0][1] == ["GBRMIL"] and got[0][2] == [("LBY", "implied")]
    out = strict.code("British aircraft carried out airstrikes on Thursday.", date="2011-08-11")
    assert out.events == []  # no place, no one named: no target


def test_a_poll_share_is_a_finding_not_an_act(coders):
    strict, _ = coders
    got, out = events(strict, "Only 52 percent of registered voters agreed that Clinton was honest.")
    assert got == [] and any("poll:" in n.reason for n in out.no_events)
    got, _ = events(strict, "Registered voters in Ohio agreed with Clinton on Monday.")
    assert got  # a public that is no share of itself still acts


def test_a_gerund_that_is_a_topic_did_not_happen(coders):
    strict, _ = coders
    got, out = events(strict, "The Syrian government justified shelling Lebanese villages.")
    assert not any(g[0].startswith(("18", "19")) for g in got)
    assert any("topic:" in n.reason for n in out.no_events)
    got, _ = events(strict, "Syrian troops began shelling Lebanese villages on Monday.")
    assert any(g[0].startswith("19") for g in got)  # after a verb of phase the act happened


def test_rebels_backed_from_abroad_belong_to_the_country_of_the_story():
    from dyads import Coder

    text = ("Libyan rebels fought Gaddafi's forces near Tripoli on Monday. Libya's rebels took Zawiyah. "
            "France has acknowledged arming the rebels.")
    got = [(e.cameo[:2], [a.code for a in e.source], [a.code for a in e.target])
           for e in Coder().code(text, date="2011-07-08").events]
    assert ("07", ["FRA"], ["LBYREB"]) in got


def test_a_country_visited_or_protested_against_is_its_government(coders):
    strict, _ = coders
    got, _ = events(strict, "Treasury Secretary Jack Lew will travel to China next week.")
    assert got == [("036", ["USAGOV"], ["CHNGOV"])]
    got, _ = events(strict, "Russia criticised China on Monday.")
    assert got == [("111", ["RUS"], ["CHN"])]  # a state as an actor stays the state


def test_a_company_in_court_is_litigation_but_a_regulator_fining_it_is_an_event(coders):
    strict, _ = coders
    got, out = events(strict, "Goldman Sachs asked a New York judge on Monday to dismiss the claims.")
    assert got == []
    assert any("business" in n.reason for n in out.no_events)
    got, _ = events(strict, "The Securities and Exchange Commission fined Goldman Sachs on Monday.")
    assert [(g[1], g[2]) for g in got] == [(["USAGOV"], ["USABUS"])]


def test_a_company_acts_politically_only_on_those_who_govern(coders):
    strict, _ = coders
    got, out = events(strict, "ZTE agreed on Monday to ship telecom equipment to the United States.")
    assert got == [] and any("business" in n.reason for n in out.no_events)  # a bare country: trade
    got, _ = events(strict, "Boeing held talks with the Indian government on Monday.")
    assert got and got[0][2] == ["INDGOV"]
    got, out = events(strict, "Goldman Sachs lawyers accused Morgan Stanley of fraud on Monday.")
    assert got == [] and any("business" in n.reason for n in out.no_events)  # a company's own lawyers
    # a lawsuit against a state named as itself is against its government
    got, _ = events(strict, "A Saudi businessman is suing the United States for damages to his plant.")
    assert [(g[0], g[2]) for g in got] == [("115", ["USA"])]


def test_two_named_actors_with_one_code_are_a_dyad(coders):
    strict, _ = coders
    got, _ = events(strict, "Democrats criticized Republicans on Monday.")  # domestic politics: USAPTY -> USAPTY
    assert got == [("111", ["USAPTY"], ["USAPTY"])]
    got, out = events(strict, "Obama met the president on Monday.")  # a title may be the source himself
    assert got == [] and any("one_sided" in n.reason for n in out.no_events)
    # a politician and another party coded alike are two; a governor and the bank he heads are one
    got, _ = events(strict, "Bela Bugar, head of the party Most-Hid, accused SaS of seeking popularity on Monday.")
    assert got == [("112", ["SVKPTY"], ["SVKPTY"])]
    # one named man and many unnamed others of his state are two; one of them ("the president") may be him
    got, _ = events(strict, "Obama urged government officials on Monday to cut spending.")
    assert [(c[:2], s, t) for c, s, t in got] == [("02", ["USAGOV"], ["USAGOV"])]


def test_story_highlights_are_a_summary_not_events(coders):
    strict, _ = coders
    text = ("Protesters demonstrate in Amman and six other Jordanian cities Protesters express solidarity with "
            "Egypt Amman, Jordan (CNN) -- Jordanian protesters expressed solidarity with Egypt on Friday.")
    out = strict.code(text, date="2011-01-28")
    assert [e.sentence_index for e in out.events] == [1]  # the story's own sentence, once
    assert any("highlights" in n.reason for n in out.no_events), out.no_events


def test_a_pronoun_for_rebels_guessed_from_a_foreign_state_is_of_the_storys_country(coders):
    strict, _ = coders
    text = ("Fighting continued in Libya on Monday. Libya's army shelled Misrata in Libya. "
            "The rebels say they have received arms from Qatar but have long been calling for NATO to give more.")
    from dyads import Coder

    got = [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
           for e in Coder(resources=strict.resources).code(text, date="2011-05-06").events]
    assert ("020", ["LBYREB"], ["IGOWSTNAT"]) in got


def test_travelling_to_ones_own_country_is_going_home(coders):
    strict, _ = coders
    got, out = events(strict, "Israeli soldiers flew back to Israel on Monday. "
                              "Obama travelled to Israel on Monday.")
    assert [g[0] for g in got] == ["042"] and got[0][1] == ["USAGOV"]
    assert any("going home" in n.reason for n in out.no_events)


def test_a_sector_word_acting_on_a_state_is_not_that_states(coders):
    strict, _ = coders
    text = ("Libya's government met in Tripoli. Gaddafi's forces fought in Libya. "
            "Coalition forces continue to attack Libya.")
    _, out = events(strict, text)
    assert any("'attack'" in n.reason and "acts on LBY itself" in n.reason for n in out.no_events)
    got, _ = events(strict, "The U.S. government met in Washington. The United States sued the traders.")
    assert ("115", ["USA"], ["USABUS"]) in got  # a state acting on a sector word: the sector may be its own


def test_talks_of_two_sides_in_a_third_country_are_with_each_other(coders):
    strict, _ = coders
    got, _ = events(strict, "Libyan and American officials engaged in direct talks in Tunisia on Saturday.")
    assert got == [("040", ["LBYGOV", "USAGOV"], ["LBYGOV", "USAGOV"])]


def test_condemning_an_act_whose_doer_is_unknown_is_an_event_without_a_target(coder):
    def dyads(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2012-10-11").events]

    assert ("111", ["FRAGOV"], []) in dyads("French Foreign Minister Laurent Fabius condemned the bombing on Sunday.")
    # a condemnation of a thing that is no act of violence, with no one named, stays no event
    assert dyads("French Foreign Minister Laurent Fabius condemned the decision on Sunday.") == []


def test_a_continent_is_where_it_happened_not_a_target(coder):
    def dyads(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2012-01-04").events]

    assert dyads("U.S. Treasury Secretary Timothy Geithner began a trip to Asia on Tuesday.") == []
    # Europe also names a political body, and stays a target
    assert ("042", ["USAGOV"], ["EUR"]) in dyads("U.S. Treasury Secretary Timothy Geithner toured Europe on Tuesday.")


def test_what_a_company_examines_is_research(coder):
    out = coder.code("Bank of America-Merrill Lynch examined 17 U.S. government shutdowns since 1976.",
                     date="2013-10-01")
    assert out.events == []
    out = coder.code("The U.S. Securities and Exchange Commission examined Bank of America's accounts.",
                     date="2013-10-01")
    assert [e.cameo[:2] for e in out.events] == ["09"]


def test_a_place_where_a_statement_was_made_is_no_target(coder):
    out = coder.code("Japanese Finance Minister Jun Azumi voiced concern in Washington on Friday about the strong yen.",
                     date="2012-04-20")
    assert [e.cameo for e in out.events if e.target] == []


def test_what_investors_worry_about_is_market_comment(coder):
    assert coder.code("French investors worry that French political leaders will disappoint markets again.",
                      date="2011-10-14").events == []
    assert [e.cameo for e in coder.code("French unions worry that French political leaders will cut pensions.",
                                        date="2011-10-14").events] == ["012"]


def test_roles_of_several_states_are_not_of_the_place_where_they_act(coder):
    def sources(text):
        return [[a.code for a in e.source] for e in coder.code(text, date="2011-10-14").events]

    assert sources("Finance ministers from the world's 20 biggest economies criticized China in Paris on "
                   "Friday.") == []
    assert sources("Finance ministers criticized China in Paris on Friday.") == [["FRAGOV"]]


def test_an_embassy_with_no_state_named_is_not_of_the_country_it_stands_in(coder):
    out = coder.code("Libyan government forces pounded rebel-held cities and crowds ransacked empty embassies in "
                     "Tripoli on Sunday.", date="2011-05-01")
    assert not any(e.cameo.startswith("17") and any(a.code.startswith("LBY") for a in e.target) for e in out.events)
    out = coder.code("Crowds ransacked the British embassy in Tripoli on Sunday.", date="2011-05-01")
    assert [[a.code for a in e.target] for e in out.events if e.cameo.startswith("17")] == [["GBRGOV"]]


def test_rebels_fight_the_forces_of_their_own_state_when_no_other_side_is_named(coder):
    def got(text):
        return [(e.cameo, [a.code for a in e.source], [(a.code, a.kind) for a in e.target])
                for e in coder.code(text, date="2011-06-01").events]

    assert ("190", ["LBYREB"], [("LBYMIL", "implied")]) in got(
        "Zawiya was retaken by Libyan rebels in June after a bloody two-week battle.")
    assert ("190", ["LBYREB"], [("LBYMIL", "implied")]) in got("Libyan rebels fought near Brega on Sunday.")
    # a denial tells of no fight; the armed forces fighting have no side implied; a named other side is the target
    assert not [e for e in got("NATO strikes have not enabled the Libyan rebels to deliver a decisive blow.")
                if e[0].startswith("19")]
    assert not [e for e in got("Libyan troops fought near Brega on Sunday.") if e[0].startswith("19")]
    # whom it hit is named, though by no actor ("guards"): no other side implied
    assert not [e for e in got("Libyan rebels killed 17 guards at the refinery last week.") if e[0].startswith("19")]
    assert not [e for e in got("Syrian rebels clashed with Islamist fighters near Aleppo.")
                if ("SYRMIL", "implied") in e[2]]


def test_aid_by_other_states_goes_to_the_country_of_the_story(coder):
    def got(text):
        return [(e.cameo, sorted(a.code for a in e.source), [(a.code, a.kind) for a in e.target])
                for e in coder.code(text, date="2011-09-01").events]

    story = "Yemen's central bank is running out of cash. Yemen's government needs $2 billion this year. "
    assert ("071", ["OMN", "QAT"], [("YEM", "implied")]) in got(
        story + "Further donations were made from Qatar and Oman in August, the bank said.")
    assert ("071", ["OMN"], [("YEM", "implied")]) in got(story + "Oman made a loan in August, the bank said.")
    # the parser reads Kuwait as a third giver of the donations: it made a loan of its own
    both = got(story + "Further donations were made from Qatar and Oman and Kuwait made a loan in August.")
    assert ("071", ["OMN", "QAT"], [("YEM", "implied")]) in both and ("071", ["KWT"], [("YEM", "implied")]) in both
    # a giver taken from another clause, or a noun of help, is not said to give to the story's country
    assert not [e for e in got(story + "Oman would be far too poor to rescue.") if e[0].startswith("07")]
    assert not [e for e in got(story + "Analysts said Riyadh's help with the crisis was welcome.")
                if e[0].startswith("07")]
    # the story's own state funding its own is no aid between two
    assert not [e for e in got(story + "Yemen made a loan to its banks in August.") if e[2] == [("YEM", "implied")]]
