"""The event coder and our pattern dictionary: roles, negation, intent, coverage of CAMEO."""

from pathlib import Path

import pytest

from dyads.events.codes import intent_code, negated_code
from dyads.events.verbs import NO_EVENT, VerbDictionary, parse_pattern, read_verbs
from dyads.ontology import load_ontology

DEFAULT_VERBS = Path(__file__).resolve().parents[1] / "src/dyads/dictionaries/default/verbs.tsv"


@pytest.fixture(scope="module")
def coder():
    """The coding rules with every one-sided event kept: which of them are events is tests/test_filters.py's."""
    from dyads import Coder
    from dyads.events.filters import EventPolicy

    return Coder(stages=("actors", "events"), policy=EventPolicy(one_sided=True))


@pytest.fixture(scope="module")
def strict_dyads():
    """(code, source codes, target codes) of each event of a text under our default policy (no one-sided acts)."""
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))

    def dyads(text, date):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in strict.code(text, date=date).events]

    return dyads


@pytest.fixture(scope="module")
def strict():
    """The whole coding pipeline (times and places date and place the events) under our default policy."""
    from dyads import Coder

    return Coder(stages=("times", "places", "actors", "events"))


def dyads_of(coder, text):
    out = coder.code(text, date="2013-07-22")
    return [(e.cameo, sorted(a.code for a in e.source), sorted(a.code for a in e.target)) for e in out.events], out


def test_every_cameo_code_has_a_pattern():
    codes = {p.code for p in read_verbs(DEFAULT_VERBS)}
    ontology = load_ontology()
    missing = [c for c in ontology.codes if len(c) > 2 and c not in codes]
    assert not missing
    assert all(c in ontology.codes or c == NO_EVENT for c in codes)


def test_pattern_format_slots_and_sets():
    sets = {"&aid": ["aid", "assistance"]}
    [p] = parse_pattern("call/n for &AID", "023", sets, "x:1")
    assert (p.lemma, p.pos, p.preps, p.prep_obj) == ("call", "NOUN", ("for",), frozenset({"aid", "assistance"}))
    pats = parse_pattern("step_down|quit", "0831", sets, "x:2")
    assert [(p.lemma, p.preps) for p in pats] == [("step", ("down",)), ("quit", ())]
    with pytest.raises(ValueError):
        parse_pattern("call for {x} {y} with", "020", sets, "x:3")


def test_more_specific_pattern_wins():
    vd = VerbDictionary()
    for i, (text, code) in enumerate([("call for", "020"), ("call for {aid}", "023")]):
        for p in parse_pattern(text, code, {}, "x", order=i):
            vd.add(p)
    assert [p.code for p in vd.get("call")] == ["023", "020"]


def test_a_words_patterns_are_remembered_until_a_pattern_is_added():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from dyads.events.dialect import OURS
    from dyads.events.matching import _patterns_for

    vd = VerbDictionary()
    for p in parse_pattern("accuse", "112", {}, "x:1"):
        vd.add(p)
    doc = Doc(Vocab(), words=["accused", "blamed"], pos=["VERB", "VERB"], lemmas=["accuse", "blame"])
    assert [p.code for p in _patterns_for(doc[0], vd, OURS)] == ["112"]
    assert _patterns_for(doc[1], vd, OURS) == [] and len(vd.by_word) == 2
    for p in parse_pattern("blame", "112", {}, "x:2"):  # a new pattern: what was remembered no longer holds
        vd.add(p)
    assert not vd.by_word
    assert [p.lemma for p in _patterns_for(doc[1], vd, OURS)] == ["blame"]


def test_intent_and_negation_codes():
    assert intent_code("040") == "036"
    assert intent_code("0872") == "0356"
    assert intent_code("190") == "1384"
    assert intent_code("111") == "111"
    assert negated_code("057") == "120"
    assert negated_code("190") is None


def test_seed_lead_appeal_with_compound_target(coder):
    got, _ = dyads_of(coder, "Russian Foreign Minister Sergei Lavrov issued a new call on Monday for the Syrian "
                             "government and opposition to work together to expel all terrorists from Syria.")
    assert got == [("020", ["RUSGOV"], ["SYRGOV", "SYROPP"])]


def test_passive_voice_agent_is_source(coder):
    got, _ = dyads_of(coder, "Syria was attacked by Russia.")
    assert got == [("190", ["RUS"], ["SYR"])]


def test_addressee_of_appeal(coder):
    got, _ = dyads_of(coder, "Russia called on Syria to release the prisoners.")
    assert got == [("0253", ["RUS"], ["SYR"])]


def test_negation_is_never_the_positive_event(coder):
    got, out = dyads_of(coder, "Russia did not attack Syria.")
    assert got == []
    assert "negated" in out.no_events[0].reason
    got, out = dyads_of(coder, "Russia did not sign the treaty with Syria.")
    assert [g[0] for g in got] == ["120"] and out.events[0].negated


def test_future_is_intent(coder):
    got, _ = dyads_of(coder, "Russia will meet Syria.")
    assert got == [("036", ["RUS"], ["SYRGOV"])]  # a state met is its government


def test_reported_speech_pronoun_is_speaker_and_compound_source(coder):
    got, _ = dyads_of(coder, "Russia and the United States said they would try to bring Syria and "
                             "Algeria together at a conference.")
    assert got == [("039", ["RUS", "USA"], ["DZA", "SYR"])]


def test_event_noun_with_light_verb_and_relative_clause(coder):
    got, _ = dyads_of(coder, "Russia held talks with Algeria.")
    assert got == [("040", ["RUS"], ["DZAGOV"])]
    got, _ = dyads_of(coder, "Syria, which attacked Algeria, denied it.")
    assert ("190", ["SYR"], ["DZA"]) in got


def test_every_sentence_without_event_explains_itself(coder):
    _, out = dyads_of(coder, "The weather was fine. Russia criticised the United States.")
    assert len(out.events) == 1 and out.events[0].cameo == "111"
    assert [n.sentence_index for n in out.no_events] == [0]
    assert out.no_events[0].reason
    assert 0 <= out.events[0].confidence <= 1 and out.events[0].rule


def test_content_refines_generic_codes():
    from dyads.events.codes import refine_code

    assert refine_code("020", "0841") == "0253"  # appeal for release
    assert refine_code("100", "087") == "1056"  # demand de-escalation
    assert refine_code("030", "0831") == "0341"  # intent to change leadership
    assert refine_code("120", "040") == "125"  # reject talks
    assert refine_code("130", "163") == "1312"  # threaten sanctions
    assert refine_code("020", "190") == "020"  # nothing to refine


def test_reported_must_is_the_speakers_demand(coder):
    got, _ = dyads_of(coder, "Russia said Syria must withdraw its troops.")
    assert got == [("1056", ["RUS"], ["SYR"])]


def test_condition_makes_a_threat_and_is_not_an_act(coder):
    got, out = dyads_of(coder, "Russia will attack Syria unless Algeria withdraws.")
    assert got == [("1384", ["RUS"], ["SYR"])]
    assert "conditional" in out.events[0].rule


def test_reverse_codes_and_extras_in_our_format(tmp_path):
    f = tmp_path / "x.verbs.tsv"
    f.write_text("&AID\taid help\nvisit\t042:043\nabandon {tie} +{&AID}\t1621\n", encoding="utf-8")
    visit, abandon = read_verbs(f)
    assert (visit.code, visit.reverse) == ("042", "043")
    assert abandon.obj == frozenset({"tie"}) and abandon.extra == (frozenset({"aid", "help"}),)


def test_explain_lists_every_candidate(coder):
    from dyads.events.coder import explain, format_explanation
    from dyads.models import Article

    text = "Russia did not attack Syria. The weather was fine."
    doc = coder.nlp(text)
    out = coder.annotate_doc(doc, Article("x", text))
    sentences = explain(doc, out, coder.resources)
    assert [p.dropped is not None for p in sentences[0].predicates] == [True]
    assert "negated" in format_explanation(sentences) and sentences[1].predicates == []


def test_verb_is_not_stopped_at_a_noun_only_pattern(coder):
    got, _ = dyads_of(coder, "Syrian rebels resumed shelling Turkish villages.")
    assert ("194", ["SYRREB"], ["TUR"]) in got  # the verb "shelling" reaches `shell/v`, not `shelling/n`


def test_subjects_of_states_gerunds_and_documents(coder):
    got, _ = dyads_of(coder, "Russia is committed to talks with Syria.")
    assert got == [("036", ["RUS"], ["SYRGOV"])]  # "is committed": a state of Russia, not done to it
    got, _ = dyads_of(coder, "The Syrian army was engaged in ethnic cleansing against Kurdish villagers.")
    assert got[0][:2] == ("203", ["SYRMIL"])  # "engaged in" carries the subject to the event noun
    got, _ = dyads_of(coder, "Syrian rebels resorted to shelling Turkish villages.")
    assert got == [("194", ["SYRREB"], ["TUR"])]  # the gerund after a preposition: the governing subject
    got, _ = dyads_of(coder, "Russia issued a statement condemning Syria.")
    assert ("111", ["RUS"], ["SYR"]) in got  # the issuer of the statement condemns


def test_conditional_offer_is_intent_and_coordination_is_not_content(coder):
    got, _ = dyads_of(coder, "Russia would meet Syria if Algeria agreed.")
    assert got == [("036", ["RUS"], ["SYRGOV"])]  # a conditional offer, not a threat
    got, _ = dyads_of(coder, "Russia condemned the Syrian attack and promised economic aid to Algeria.")
    assert ("0331", ["RUS"], ["DZA"]) in got  # the promise is an act of its own, not what was condemned


def test_quantities_protest_purposes_and_force_posture(coder):
    got, _ = dyads_of(coder, "Russia sent 500 tons of food aid to Syria.")
    assert got == [("073", ["RUS"], ["SYR"])]  # "tons of food aid" fills the humanitarian-aid slot
    got, _ = dyads_of(coder, "Students in Syria staged rallies demanding the resignation of President Assad.")
    assert got == [("1411", ["SYREDU"], ["SYRGOV"])]  # a rally for a change of leader
    got, _ = dyads_of(coder, "Russian troops prepared to attack Syria.")
    assert got == [("150", ["RUSMIL"], ["SYR"])]  # readying force is posture (15), not a verbal threat


def test_accusations_and_protests_refined_by_their_content():
    from dyads.events.codes import protest_purpose, refine_code

    assert refine_code("112", "194") == "1123"  # accused of shelling: accuse of aggression
    assert refine_code("112", "1822") == "1122"  # accused of torture: human rights abuse
    assert protest_purpose("143", ["1042"]) == "1432"  # a strike to demand a policy change
    assert protest_purpose("140", ["1041"]) == "140"  # the residual code stays


def test_reported_must_takes_the_first_content_that_says_more(coder):
    got, _ = dyads_of(coder, "Russia said Syria must rethink its plans and free the prisoners.")
    assert got == [("1053", ["RUS"], ["SYR"])]  # a demand for release; the freeing is not an act of its own


def test_an_order_for_a_material_act_is_that_act(coder):
    got, _ = dyads_of(coder, "The Syrian government ordered its troops to shell Turkish villages.")
    assert got == [("194", ["SYRGOV"], ["TUR"])]
    got, _ = dyads_of(coder, "Syria ordered the release of Turkish prisoners.")
    assert got == [("0841", ["SYR"], ["TUR"])]


def test_refused_material_acts_and_accords_on_cooperation(coder):
    got, _ = dyads_of(coder, "Turkey will not accept any more Syrian refugees.")
    assert got == [("1223", ["TUR"], ["SYRREF"])]  # refusing asylum: reject a request for humanitarian aid
    got, _ = dyads_of(coder, "Russia and Turkey agreed that their countries should cooperate on energy.")
    assert [g[:2] for g in got] == [("0311", ["RUS", "TUR"])]  # agreeing to cooperate is intent (03), not 019
    got, _ = dyads_of(coder, "Russia said Turkey needs to release the prisoners.")
    assert got == [("0253", ["RUS"], ["TUR"])]  # "needs to" in reported speech is an appeal


def test_responsibility_and_coordinated_event_nouns(coder):
    got, _ = dyads_of(coder, "The Syrian government is responsible for mass killings in Aleppo.")
    assert got == [("202", ["SYRGOV"], [])]
    got, _ = dyads_of(coder, "Russian forces launched artillery, mortar and rocket fire against Syrian rebels.")
    assert got == [("194", ["RUSMIL"], ["SYRREB"])]


def test_appeals_to_support_and_promises_not_to(coder):
    got, _ = dyads_of(coder, "Russia urged Turkey to support the Syrian opposition.")
    assert got[0][0] == "053"  # asking others to support someone is rallying support (053)
    got, _ = dyads_of(coder, "Turkey is willing to forgive Russia.")
    assert got == [("056", ["TUR"], ["RUS"])]  # willingness to forgive is forgiveness said
    got, _ = dyads_of(coder, "Syria vowed not to return the Golan Heights to Israel.")
    assert got == [("1243", ["SYR"], ["ISR"])]  # a vow not to return property refuses to return it


def test_decisions_objects_of_allowing_and_weapons(coder):
    got, _ = dyads_of(coder, "The Turkish court decided to allow candidate Ahmet Davutoglu to run in the elections.")
    assert got == [("0812", ["TURJUD"], ["TURGOV"])]  # a decision is the act; the candidate is what is allowed
    got, _ = dyads_of(coder, "Syrian gunmen killed three Turkish soldiers.")
    assert got == [("193", ["SYRUAF"], ["TURMIL"])]  # small arms
    got, _ = dyads_of(coder, "Syrian helicopter gunships killed 20 Turkish villagers.")
    assert got == [("195", ["SYRMIL"], ["TURCVL"])]  # aircraft
    got, _ = dyads_of(coder, "Syrian forces killed 20 Turkish villagers.")
    assert got == [("190", ["SYRMIL"], ["TURCVL"])]  # no weapon said: conventional force (190)


def test_protest_purpose_words_and_rejected_appeals():
    from dyads.events.codes import protest_purpose_from_words, refine_code

    assert protest_purpose_from_words("143", ["worker", "stop", "work", "over", "bill"]) == "1432"
    assert protest_purpose_from_words("144", ["press", "demand", "for", "freedom"]) == "1443"
    assert protest_purpose_from_words("140", ["freedom"]) == "140"  # the residual code stays
    assert refine_code("120", "0234") == "1224"  # rejecting a call for peacekeepers refuses peacekeeping
    assert refine_code("120", "1053") == "1243"  # rejecting a demand for release refuses the release


def test_wanting_others_to_act_is_an_appeal(coder):
    got, _ = dyads_of(coder, "Russia wants Turkey to release the journalists.")
    assert got[0][:2] == ("0253", ["RUS"]) and got[0][2][0] == "TUR"  # asking Turkey to release people
    got, _ = dyads_of(coder, "Russia wants to join the talks.")
    assert [g[0] for g in got] == ["036"]  # wanting to act oneself is intent


def test_who_blockades_and_who_arrives(coder):
    got, _ = dyads_of(coder, "Syrian farmers blockaded the highway to Damascus.")
    assert got[0][:2] == ("144", ["SYRAGR"])  # civilians obstructing passage protest (144), not a blockade (191)
    got, _ = dyads_of(coder, "Turkish peacekeeping troops arrived in Cyprus.")
    assert got == [("074", ["TURMIL"], ["CYP"])]  # peacekeepers arriving provide protection


def test_noun_modifiers_and_common_nouns_are_no_events(coder):
    got, _ = dyads_of(coder, "Turkish riot police arrived in Ankara in March.")
    assert all(g[0][:2] != "14" for g in got)  # "riot police" and the month are no protest
    got, _ = dyads_of(coder, "Russia launched a mediation effort between Syria and Turkey.")
    assert got and got[0][:2] == ("045", ["RUS"])  # an effort carries the act its modifier names


def test_withdrawn_and_demobilized_forces_act_themselves(coder):
    got, _ = dyads_of(coder, "Turkish peacekeepers were pulled out of Cyprus on Monday.")
    assert got == [("1661", ["TURMIL"], ["CYP"])]
    got, _ = dyads_of(coder, "Two hundred Syrian rebels were demobilized in Aleppo.")
    assert got == [("0873", ["SYRREB"], [])]


def test_a_participle_coordinated_with_a_finite_verb_has_its_noun_as_subject():
    """The parser's lost clause: "groups donated and delivered goods" parsed as groups <-acl- donated."""
    import spacy
    from spacy.tokens import Doc

    from dyads.events.roles import _is_passive, _subject

    words = ["Doctors", "from", "groups", "donated", "and", "delivered", "goods", "."]
    heads = [0, 0, 1, 2, 3, 3, 5, 0]
    deps = ["ROOT", "prep", "pobj", "acl", "cc", "conj", "dobj", "punct"]
    tags = ["NNS", "IN", "NNS", "VBN", "CC", "VBD", "NNS", "."]
    pos = ["NOUN", "ADP", "NOUN", "VERB", "CCONJ", "VERB", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    donated, delivered = doc[3], doc[5]
    assert not _is_passive(donated)
    assert [t.text for t in _subject(donated)[0]] == ["groups"]
    assert [t.text for t in _subject(delivered)[0]] == ["groups"]
    doc2 = Doc(spacy.blank("en").vocab, words=["goods", "donated", "."], heads=[0, 0, 0],
               deps=["ROOT", "acl", "punct"], tags=["NNS", "VBN", "."], pos=["NOUN", "VERB", "PUNCT"])
    assert _is_passive(doc2[1])  # "goods donated": a true participle stays passive


def test_nouns_between_actors_and_protests_on_the_streets(strict):
    out = strict.code("There were violent clashes between Egyptian security forces and Egyptian protesters.",
                      date="2011-01-26")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] == [
        ("190", ["EGYCOP"], ["EGYCVL"])]
    out = strict.code("Egyptian protesters took to the streets on Wednesday.", date="2011-01-26")
    assert [(e.cameo, [a.code for a in e.source], e.target) for e in out.events] == [("141", ["EGYCVL"], [])]


def test_arrests_in_the_passive_are_the_states_where_they_happen(strict):
    out = strict.code("Four French journalists were arrested in Cairo on Friday.", date="2011-01-28")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] == [
        ("173", ["EGYCOP"], ["FRAMED"])]
    assert strict.code("Four French journalists were arrested on Friday.", date="2011-01-28").events == []
    # a city the parser took for a person is still where it happened
    out = strict.code("Al-Anesi said at least 17 people were arrested in Sanaa on Friday.", date="2011-02-12")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] == [
        ("173", ["YEMCOP"], ["YEMCVL"])]


def test_arrests_with_no_place_are_by_the_state_the_article_is_about(strict):
    text = ("Egyptian protesters marched in Cairo on Tuesday. Egypt's government said it would not resign. "
            "Police in Egypt used tear gas in Cairo. Egypt's opposition said at least 90 people were detained "
            "on Wednesday.")
    out = strict.code(text, date="2011-01-26")
    detained = [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events
                if e.trigger.text == "detained"]
    assert detained == [("173", ["EGYCOP"], ["EGYCVL"])]
    why = next(e for e in out.events if e.trigger.text == "detained").source[0].source
    assert "the state that did 'detained'" in why
    # released from a hospital, or a country released from sanctions: no one held by a state
    out = strict.code(text.replace("were detained", "were released from hospital"), date="2011-01-26")
    assert not [e for e in out.events if e.trigger.text == "released"]
    # one named person may have been held by any state: that needs a place named
    out = strict.code(text.replace("at least 90 people were detained", "activist Ahmed Maher was detained"),
                      date="2011-01-26")
    assert not [e for e in out.events if e.trigger.text == "detained"]


def test_a_harm_in_the_passive_takes_its_agent_from_how_it_happened():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))
    out = strict.code("One civilian was killed when a rocket fired by Gaddafi's forces hit a house.", date="2011-08-12")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] == [
        ("194", ["LBYMIL"], ["LBYCVL"])]
    out = strict.code("Two protesters were killed as police dispersed the crowd in Cairo.", date="2011-01-28")
    assert ("190", ["EGYCOP"], ["EGYCVL"]) in [
        (e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]
    # "after" tells of another act, and a car is no one
    assert strict.code("A soldier was killed when his car hit a mine.", date="2011-08-12").events == []


def test_a_stance_on_an_act_is_aimed_at_who_acts_not_whom_it_hits(strict_dyads):
    def dyads(text):
        return strict_dyads(text, "2012-01-04")

    assert dyads("Russia voiced criticism of sanctions on Iran.") == []
    # the attack's doer is not named: a condemnation with no target, not one of whom the attack hit
    assert dyads("Turkey condemned the attack on its embassy in Damascus.") == [("111", ["TUR"], [])]
    assert ("111", ["RUS"], ["USA"]) in dyads("Russia condemned the U.S. attacks on Syria.")
    # someone's opposition to something is a stance (110), not the political opposition
    assert dyads("Russia's opposition to the United States is growing.") == [("110", ["RUS"], ["USA"])]
    # partners of talks are kept
    assert dyads("Mubarak opened the door to talks with rival political parties on Sunday.")


def test_not_yet_and_receiving_things(coder):
    got, out = dyads_of(coder, "Turkey has yet to ratify the agreement with Armenia.")
    assert got == []
    assert "yet to" in out.no_events[0].reason
    got, _ = dyads_of(coder, "Libyan rebels received new arms from Qatar.")
    assert all(g[0] != "043" for g in got)  # receiving arms is no hosted visit
    got, _ = dyads_of(coder, "Egyptian President Hosni Mubarak received the Jordanian foreign minister.")
    assert [g[0] for g in got] == ["043"]


def test_statements_that_appeal_blame_and_doors_opened(coder):
    got, _ = dyads_of(coder, "Britain and France issued a joint statement calling on Egyptian President Hosni Mubarak "
                             "to begin a transition.")
    assert [g[0] for g in got] == ["020"]  # the statement is the appeal, not a second event
    got, _ = dyads_of(coder, '"The Prime Minister should never have given him the job," said British opposition '
                             'leader Harriet Harman.')
    assert [g[0] for g in got] == ["111"]  # blame for what was done
    got, _ = dyads_of(coder, "Egyptian President Hosni Mubarak opened the door to talks with Egyptian opposition "
                             "parties.")
    assert [g[0] for g in got] == ["036"]
    got, _ = dyads_of(coder, "U.S. President Barack Obama signed new sanctions against Iran into law.")
    assert [g[0] for g in got] == ["163"]


def test_prevented_acts_did_not_happen(coder):
    got, _ = dyads_of(coder, "Yemeni police thwarted an attack by al Qaeda militants on the U.S. embassy.")
    assert all(g[0][:2] != "19" for g in got)
    got, _ = dyads_of(coder, "An attack by al Qaeda militants on the U.S. embassy was averted.")
    assert got == []


def test_who_refers_to_people_not_to_the_place_it_follows(coder):
    got, _ = dyads_of(coder, "Jordanian activists spoke to Egyptian protesters in that country, who criticised "
                             "President Hosni Mubarak on Friday.")
    assert ("111", ["EGYCVL"], ["EGYGOV"]) in got


def test_the_first_state_to_act_is_the_subject_of_the_copula(coder):
    got, _ = dyads_of(coder, "Qatar was the first Arab state to recognize the Libyan opposition.")
    assert got == [("054", ["QAT"], ["LBYOPP"])]


def test_a_purpose_is_no_act_and_a_message_is_said(coder):
    got, out = dyads_of(coder, "NATO is trying to implement the U.N. mandate to protect civilians from Gaddafi.")
    assert not any(g[0].startswith("07") for g in got)
    assert any("mandate" in n.reason for n in out.no_events)
    got, _ = dyads_of(coder, "U.S. officials met Libyan officials to deliver a message that Gaddafi must go.")
    assert not any(g[0].startswith("07") for g in got)  # a message delivered is no aid


@pytest.mark.parametrize("text,want", [
    ("Merkel told Assad to resign.", ("0241", ["DEUGOV"], ["SYRGOV"])),
    ("The Liberal Democrats warned Cameron to tone down his talk.", ("020", ["GBRPTY"], ["GBRGOV"])),
    ("Police turned water cannons and tear gas on Egyptian protesters.", ("175", ["EGYCOP"], ["EGYCVL"])),
    ("Washington has stepped up drone strikes on Yemeni militants.", ("195", ["USAGOV"], ["YEMREB"])),
    ("The International Criminal Court issued indictments against Gaddafi.", ("173", ["IGOJUD"], ["LBY"])),
    ("Yemenis gathered to give their support to the Egyptian people.", ("051", ["YEM"], ["EGYCVL"])),
])
def test_appeals_repression_airstrikes_charges_and_support_in_other_words(coder, text, want):
    got, _ = dyads_of(coder, text)
    assert want in got


def test_to_after_a_verb_of_saying_is_its_to_clause_only(coder):
    got, _ = dyads_of(coder, "Hammond told Reuters that his opposition to France was firm.")
    assert not any(g[0].startswith("02") for g in got)


def test_hoping_to_act_oneself_and_conjuncts_sharing_a_modal(coder):
    got, out = dyads_of(coder, "The rebels hoping to topple the Syrian government are using the old base.")
    assert not any(g[0].startswith("01") for g in got)
    got, _ = dyads_of(coder, "The fund can make loans, rescue banks and help Greece.")
    assert not any(g[0].startswith("07") for g in got)  # "can" covers every conjunct without its own
    got, _ = dyads_of(coder, "Russia sent troops and attacked Georgia.")
    assert ("190", ["RUS"], ["GEO"]) in got


def test_word_senses_of_commit_sign_up_and_strike(coder):
    got, _ = dyads_of(coder, "Syrian troops commit crimes against Lebanese civilians.")
    assert not any(g[0].startswith("03") for g in got)  # a crime committed is no pledge
    got, _ = dyads_of(coder, "Syria's oil minister signed up with the Syrian opposition.")
    assert not any(g[0].startswith("05") for g in got)  # joining a side is no agreement
    got, _ = dyads_of(coder, "A NATO strike hit Libyan forces near Brega on Monday.")
    assert not any(g[0] == "143" for g in got)  # a strike by armed forces is no labour strike


def test_the_means_by_which_a_subject_acts_are_its_own(coder):
    got, _ = dyads_of(coder, "By shelling Lebanese villages, the Syrian army weakened the rebels' grip.")
    assert ("194", ["SYRMIL"], ["LBN"]) in got  # not the object of "weakened" ("accused X of ..." is)


def test_a_participle_clause_is_passive(coder):
    got, _ = dyads_of(coder, "Backed by NATO, the Syrian rebels attacked government forces.")
    assert ("051", ["IGOWSTNAT"], ["SYRREB"]) in got


def test_a_joined_cooperative_act_shares_the_recipient(coder):
    got, _ = dyads_of(coder, "Qatar recognized the Libyan opposition and donated 100 million dollars.")
    assert ("071", ["QAT"], ["LBYOPP"]) in got
    got, _ = dyads_of(coder, "Mahmoud Abbas called Mubarak and affirmed his solidarity with Egypt.")
    assert any(g[0] == "051" and g[2] == ["EGY"] for g in got)


def test_joined_participles_share_the_passive(coder):
    got, _ = dyads_of(coder, "Two Egyptian protesters were beaten and arrested by Egyptian police.")
    assert ("173", ["EGYCOP"], ["EGYCVL"]) in got and ("182", ["EGYCOP"], ["EGYCVL"]) in got


def test_an_event_noun_takes_its_agent_from_a_participle_of_doing_and_its_target_from_the_dead(coder):
    got, _ = dyads_of(coder, "Three civilians died in rocket attacks launched by Syrian troops.")
    assert ("194", ["SYRMIL"], ["SYRCVL"]) in got
    got, _ = dyads_of(coder, "The protest, organised by the Muslim Brotherhood, blocked the road.")
    assert [g[:2] for g in got] == [("141", ["EGYOPP"])]
    got, _ = dyads_of(coder, "The attack, condemned by the United Nations, was a shock.")  # not the attacker
    assert all(g[0][:2] != "19" for g in got)


def test_the_one_accused_is_the_target_not_whom_the_charge_names(coder):
    got, _ = dyads_of(coder, "Hollande has accused Sarkozy of playing second fiddle to Germany.")
    assert got == [("112", ["FRAGOV"], ["FRA"])]  # in 2013 Hollande governs, Sarkozy no longer


def test_arguing_that_someone_did_wrong_is_an_accusation(coder):
    got, _ = dyads_of(coder, "Russia argued that France had violated the resolution on Libya.")
    assert got == [("112", ["RUS"], ["FRA"])]  # the violation is argued, not reported as done
    got, _ = dyads_of(coder, "The rebels contended that Gaddafi's forces shelled Misrata.")
    assert got == [("1123", ["LBYREB"], ["LBYMIL"])]  # an accusation of aggression
    got, _ = dyads_of(coder, "Russia argued with France about the plan.")  # argued with someone: no charge
    assert all(g[0] != "112" for g in got)


def test_a_negation_behind_a_dash_belongs_to_another_phrase(coder):
    got, _ = dyads_of(coder, "Russia promised to help Syria -- probably not what Washington had in mind.")
    assert [g[0][:2] for g in got] == ["03"]
    got, _ = dyads_of(coder, "Russia did not promise to help Syria.")
    assert [g[0][:2] for g in got] == ["12"]


def test_an_allegation_is_aimed_at_whom_it_says_did_it(coder):
    got, _ = dyads_of(coder, "Libya's government made allegations that a NATO airstrike killed 85 civilians.")
    assert ("1123", ["LBYGOV"], ["IGOWSTNAT"]) in got


def test_what_is_received_or_won_from_someone_is_given_by_them(coder):
    got, _ = dyads_of(coder, "Egypt received aid from Saudi Arabia.")
    assert got == [("070", ["SAU"], ["EGY"])]
    got, _ = dyads_of(coder, "Cameron won the support of German Chancellor Angela Merkel.")
    assert got == [("051", ["DEUGOV"], ["GBRGOV"])]
    got, _ = dyads_of(coder, "Egypt did not receive aid from Saudi Arabia.")  # negated: nobody acted
    assert got == []
    got, _ = dyads_of(coder, "It would be good if Egypt could get the support of Saudi Arabia.")
    assert got == []


def test_only_forces_and_their_commanders_retreat(coder):
    got, _ = dyads_of(coder, "CNN's Ben Wedeman retreats to a rebel field hospital in Libya.")
    assert all(g[0][:3] != "087" for g in got)
    got, _ = dyads_of(coder, "Libyan troops retreated to Tripoli.")
    assert [g[0] for g in got] == ["0874"]


def test_property_set_on_fire_hits_its_owner_and_reminders_are_said_to_someone(strict_dyads):
    def dyads(text):
        return strict_dyads(text, "2011-01-29")

    assert dyads("Angry demonstrators in Cairo burned and ransacked police stations.") == [
        ("1712", ["EGYCVL"], ["EGYCOP"])]
    assert dyads("The fire burned the house.") == []  # a fire is no one
    assert dyads("The ICRC reminded Libyan forces that it is prohibited to target civilians.") == [
        ("010", ["NGOHLHIRC"], ["LBYMIL"])]


def test_what_is_announced_is_no_addressee_and_a_deal_with_a_company_is_not_mutual():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))
    assert strict.code("Germany and Spain on Monday announced a government-led SME financing program.",
                       date="2013-04-29").events == []
    assert strict.code("Customers from Europe, India and South Korea have signed long-term supply deals with "
                       "Cheniere.", date="2012-04-16").events == []
    out = strict.code("Lavrov told Kerry on Monday that the talks were useful.", date="2013-07-22")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("010", ["USAGOV"])]


def test_other_senses_and_feared_acts():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))

    def codes(text):
        return [e.cameo for e in strict.code(text, date="2013-09-03").events]

    assert codes("Pena Nieto also backed off from imposing higher income tax rates on Mexico's richest.") == []
    assert codes("The U.S. Treasury Department seized on Fitch's downgrade threat to press Congress.") == []
    assert codes("The Abe administration has looked to mobilize Japan's massive pool of savings.") == []
    assert codes("Oil prices rose due to fears of a U.S. military strike on Syria.") == []  # feared, not done
    assert codes("The United States launched a military strike on Syria on Friday.") == ["190"]  # not a walkout
    assert codes("Despite tough talk from Bundestag backbenchers, Merkel retains broad support.") == []
    assert codes("The State Department cable was signed by former Ambassador Stephen Seche.") == []
    assert codes("The ECB agreed on Sunday to buy Italian and Spanish bonds.") == []  # bonds are no one


def test_a_participle_of_speech_is_said_to_whom_its_clause_speaks():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))
    out = strict.code("Trump spoke to a gathering of American industry leaders on Thursday, promising to lift "
                      "regulations, probably not what Graham had in mind.", date="2016-09-22")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("030", ["USABUS"])]


def test_a_purpose_clause_of_a_trip_acts_on_its_destination():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))
    out = strict.code("French President Francois Hollande flew to Beijing on Monday to sign an agreement.",
                      date="2013-04-25")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("042", ["CHN"]), ("057", ["CHN"])]


def test_a_protest_with_no_one_named_is_by_the_people_of_its_places(strict_dyads):
    def dyads(text):
        return strict_dyads(text, "2011-01-29")

    assert dyads("Protests in Cairo against the government continued on Friday.") == [
        ("141", ["EGYCVL"], ["EGYGOV"])]
    assert dyads("Many are on edge after protests in Algeria, Jordan and Yemen.") == [
        ("141", ["DZACVL", "JORCVL", "YEMCVL"], [])]
    assert dyads("Protests against the government continued on Friday.") == []  # no one, nowhere


def test_a_lemma_cut_short_and_a_relative_pronoun_in_the_passive():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))
    out = strict.code("The Libyan woman was raped by Gadhafi's militia men.", date="2011-04-03")
    assert [e.cameo for e in out.events] == ["1821"]  # rape, not "rap" (which would be "rapped")
    out = strict.code("Egyptian protesters who were arrested by police in Cairo were freed.", date="2011-01-29")
    assert ("173", ["EGYCOP"], ["EGYCVL"]) in [
        (e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]


def test_whom_a_death_befell_is_no_target_of_a_comment_on_it():
    from dyads import Coder

    strict = Coder()
    out = strict.code("Obama commented on Medvedev's death on Tuesday.", date="2016-09-21")
    assert out.events == []
    out = strict.code("Russia condemned the killing of the ambassador by the rebels.", date="2016-09-21")
    assert ("111", ["RUS"]) in [(e.cameo, [a.code for a in e.source]) for e in out.events]
    assert all(a.sector != "GOV" for e in out.events if e.cameo == "111" for a in e.target)


def test_an_advance_is_a_fight_only_when_armed_actors_advance():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))
    out = strict.code("Libyan rebels pushed on Thursday toward Tripoli.", date="2011-08-11")
    assert [(e.cameo, [a.code for a in e.source]) for e in out.events] == [("190", ["LBYREB"])]
    assert strict.code("Obama pushed toward a deal with Congress.", date="2011-08-11").events == []


def test_a_sentence_to_jail_is_detention():
    from dyads import Coder

    coder = Coder(stages=("actors", "events"))
    out = coder.code("A Libyan court sentenced four American journalists to a year in jail.", date="2011-06-01")
    assert [e.cameo for e in out.events] == ["173"]


def test_what_a_subject_did_before_after_or_while_is_its_own_act(strict):
    out = strict.code("Finnish Prime Minister Jyrki Katainen told reporters after meeting French President "
                      "Francois Hollande on Tuesday that they agreed.", date="2012-10-02")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events
            if e.trigger.text == "meeting"] == [("040", ["FINGOV"], ["FRAGOV"])]


def test_forcing_a_thing_is_no_coercion_but_forcing_an_actor_is(strict):
    out = strict.code("Greece will have to restructure, forcing losses on Greek banks.", date="2011-05-13")
    assert out.events == []
    out = strict.code("Egyptian protesters forced the Egyptian government to resign.", date="2011-05-13")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("170", ["EGYGOV"])]


def test_what_is_set_due_or_scheduled_to_happen_is_an_intent(strict):
    for text in ("President Obama is due to travel to Japan on Friday.",
                 "President Obama is scheduled to travel to Japan on Friday.",
                 "President Obama is set to travel to Japan on Friday."):
        out = strict.code(text, date="2011-05-13")
        assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("036", ["JPNGOV"])], text


def test_whoever_speaks_to_a_meeting_takes_part_in_it(strict):
    out = strict.code("Japanese Prime Minister Shinzo Abe told a meeting with Chinese officials that he would "
                      "visit Beijing.", date="2012-12-25")
    assert ("040", ["JPNGOV"], ["CHNGOV"]) in [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                                              for e in out.events]


def test_a_statement_named_by_a_noun_is_not_aimed_at_whom_its_content_names(strict):
    out = strict.code("French statements that the Libyan government will fall soon are premature, he said.",
                      date="2011-07-08")
    assert out.events == []


def test_fighting_between_two_sides_is_between_them(strict):
    out = strict.code("Fighting between Libyan rebels and Gaddafi's forces continued on Friday.", date="2011-03-04")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] == [
        ("190", ["LBYREB"], ["LBYMIL"])]


def test_a_clause_that_says_when_or_why_has_its_own_actors(strict):
    out = strict.code("On Tuesday, the Greek government approved another round of austerity measures as Greek "
                      "protesters clashed with police outside parliament.", date="2011-12-07")
    assert "approved" not in [e.trigger.text for e in out.events]
    assert [e.cameo[:2] for e in out.events] == ["14"]  # the clash is an event of its own


def test_a_journey_by_civilians_is_no_visit_but_one_by_officials_or_bodies_is(strict):
    text = "Wounded Libyan civilians arrived in Tunisia on Thursday."
    assert strict.code(text, date="2011-03-10").events == []
    for text in ("Libyan Foreign Minister Moussa Koussa arrived in Tunisia on Thursday.",
                 "International Monetary Fund inspectors arrived in Tunisia on Thursday."):
        assert [e.cameo for e in strict.code(text, date="2011-03-10").events] == ["042"], text


def test_forces_deployed_with_no_one_deploying_them_take_the_posture_themselves(strict):
    out = strict.code("Egyptians cheered the Egyptian military, which were deployed Friday to patrol the streets.",
                      date="2011-01-30")
    assert ("154", ["EGYMIL"], []) in [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                                       for e in out.events]


def test_a_politician_attacks_in_words_even_armed_targets(strict):
    out = strict.code("Democratic presidential nominee Hillary Clinton attacked the police in her speech after "
                      "the shootings.", date="2016-09-21")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("111", ["USACOP"])]
    out = strict.code("Libyan rebels attacked the police in Tripoli on Tuesday.", date="2011-09-21")
    assert [e.cameo for e in out.events] == ["190"]


def test_asking_a_question_is_no_appeal_but_asking_someone_to_act_is(strict_dyads):
    for text in ("Russia asked Britain whether it would stop the bombing.",
                 "Russia asked Britain why it had bombed Tripoli.",
                 "Lavrov asked if Britain had not had enough war in Iraq."):
        assert [c for c, _, _ in strict_dyads(text, "2011-06-15") if c[:2] == "02"] == [], text
    assert [c[:2] for c, _, _ in strict_dyads("Russia asked Britain to stop the bombing.", "2011-06-15")] == ["02"]


def test_neither_nor_negates_both_verbs(strict_dyads):
    assert strict_dyads("Russia neither condemned nor criticized Syria on Monday.", "2011-06-15") == []
    assert [c for c, _, _ in strict_dyads("Russia condemned and criticized Syria on Monday.", "2011-06-15")] \
        == ["111"]  # one event (the duplicate pass keeps one of a code and dyad)


def test_codebook_words_for_contacts_appreciation_and_military_targets(strict_dyads):
    assert strict_dyads("There were contacts on Monday between U.S. envoys and Libyan officials.", "2011-08-12") \
        == [("040", ["USAGOV"], ["LBYGOV"])]
    assert strict_dyads("The Pentagon expressed its appreciation for the Egyptian military on Monday.",
                        "2011-01-30") == [("051", ["USAMIL"], ["EGYMIL"])]
    assert [c for c, _, _ in strict_dyads("French jets targeted Libyan tanks near Benghazi.", "2011-03-20")] == ["190"]
    assert strict_dyads("The campaign targeted voters in Ohio.", "2016-09-12") == []  # no weapon, no target of force


def test_signed_into_law_makes_the_signer_the_agent_of_what_the_law_does(strict_dyads):
    assert strict_dyads("President Barack Obama on Saturday signed into law new sanctions against Iran's central "
                        "bank.", "2011-12-31") == [("163", ["USAGOV"], ["IRNGOV"])]


def test_a_reporter_at_a_protest_covers_it_and_journalists_holding_one_protest(strict_dyads):
    assert strict_dyads("This reporter was at a protest in Cairo on Tuesday.", "2011-01-26") \
        == [("141", ["EGYCVL"], [])]
    assert strict_dyads("Egyptian journalists held a protest against censorship in Cairo on Friday.", "2011-01-28") \
        == [("141", ["EGYMED"], ["EGY"])]


def test_a_place_below_a_role_word_with_its_own_country_does_not_make_it_that_places(strict_dyads):
    got = strict_dyads("There were contacts last week between U.S. envoys and Gaddafi representatives on Tunisian "
                       "soil.", "2011-08-12")
    assert [(c, s) for c, s, _ in got] == [("040", ["USAGOV"])] and "LBYGOV" in got[0][2]
    # an "of" phrase still says whose the role word is
    got = strict_dyads("The leaders of Germany and France met Papandreou in Cannes on Wednesday.", "2011-11-02")
    assert got and set(got[0][1]) >= {"DEUGOV", "FRAGOV"}


def test_one_side_names_each_code_once(strict_dyads):
    assert strict_dyads("NATO is trying to kill Gaddafi, the leader of Libya.", "2011-06-15") \
        == [("190", ["IGOWSTNAT"], ["LBYGOV"])]


def test_a_clause_opened_by_when_gives_no_target_even_hung_on_a_noun(strict_dyads):
    assert strict_dyads("Clinton keeps saying she opposed the Iraq War, when there are radio clips of her "
                        "supporting it.", "2016-09-29") == []


def test_tear_gas_fired_at_people_is_repression_not_gunfire(strict_dyads):
    for text in ("Greek police fired teargas at protesters outside parliament on Tuesday.",
                 "Greek police fired tear gas on protesters outside parliament on Tuesday."):
        assert [c for c, _, _ in strict_dyads(text, "2011-09-29")] == ["175"], text
    assert [c for c, _, _ in strict_dyads("Syrian troops fired at protesters on Tuesday.", "2011-09-29")] == ["193"]


def test_whose_demand_it_is_makes_it_where_the_light_verbs_subject_is_no_actor(strict_dyads):
    got = strict_dyads("Washington says the sole point of the meeting was to repeat its demand that Libyan leader "
                       "Moammar Gadhafi must go.", "2011-07-19")
    assert ("100", ["USAGOV"], ["LBYGOV"]) in got


def test_a_rejection_aims_at_who_offered_not_at_what_a_clause_describes(coder):
    def dyads(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2012-01-01").events]

    assert ("120", ["DEUGOV"], ["GRCGOV"]) in dyads(
        "German Chancellor Angela Merkel on Monday rejected the offer that Greek Prime Minister George Papandreou "
        "made.")
    assert [t for _, _, t in dyads("Russian Foreign Minister Sergei Lavrov dismissed as unlikely any scenario in "
                                   "which Syria would descend into civil war.") if t] == []


def test_what_is_announced_names_no_one_it_is_said_to(coder):
    out = coder.code("The Jordanian government has announced several measures intended to ease citizens' economic "
                     "hardships.", date="2011-01-28")
    assert [e.cameo for e in out.events if e.target] == []


def test_acts_no_one_did_expected_struggled_for_or_conditional_are_not_done(coder):
    def codes(text):
        return [c for c, _, _ in dyads_of(coder, text)[0]]

    # a subject that says no one did it
    assert "033" not in codes("No European government has offered aid to Greece.")
    assert "033" in codes("The German government has offered aid to Greece.")
    # nor did anyone refuse: "no one was willing to oppose aid" is no rejection of it
    assert codes("None of the German parties have been willing to oppose more aid for Greece.") == []
    assert codes("The German parties have not been willing to give more aid to Greece.")[0][:2] == "12"
    # what others expect to happen, and what was struggled for, are not done
    assert codes("Officials from the European Union are expected to meet Greek Prime Minister George Papandreou "
                 "on Monday.") == []
    assert codes("The Japanese government has been struggling to gain support from the opposition Liberal "
                 "Democratic Party.") == []
    # an act to be done on a condition
    assert codes("Greek refinery workers have already granted authority to their union leaders to call a walkout if "
                 "an agreement cannot be reached.") == []
    assert "143" in codes("The Greek union called a strike on Monday.")


def test_calling_a_vote_is_no_appeal_and_joined_acts_are_not_each_others_content(strict_dyads):
    assert strict_dyads("Greek Prime Minister George Papandreou called a referendum on the European Union bailout.",
                        "2011-11-01") == []
    codes = [c for c, _, _ in strict_dyads("Greek labor unions have called new walkouts and protests against the "
                                           "government.", "2011-09-29")]
    assert "141" in codes and any(c.startswith("143") for c in codes)


def test_an_event_noun_of_the_circumstances_is_not_done_by_the_clause_subject(coder):
    events, _ = dyads_of(coder, "The Greek government is racing to approve the package despite daily protests.")
    assert not any(c.startswith("14") and "GRCGOV" in s for c, s, _ in events)


def test_market_demand_conference_calls_and_it_for_a_speaking_person(strict_dyads):
    # the premium investors demand is a price, not a demand on anyone
    assert strict_dyads("The premium investors demand to hold Italian bonds rather than German debt rose on Friday, "
                        "the highest since the European Central Bank started buying.", "2011-09-04") == []
    # a conference call is a meeting of its parties, not a call on what it is about
    assert strict_dyads("The leaders of Germany, France and Greece held a crucial conference call on efforts to "
                        "avert a Greek default.", "2011-09-14") \
        == [("040", ["DEUGOV", "FRAGOV", "GRCGOV"], ["DEUGOV", "FRAGOV", "GRCGOV"])]
    # "it" in what a person said is not that person
    assert strict_dyads("German Chancellor Angela Merkel said on Sunday default was not an option because it would "
                        "destroy the confidence of Greek investors.", "2011-09-04") == []


def test_what_would_have_happened_and_what_was_not_wanted_are_not_done(coder):
    def codes(text):
        return [c for c, _, _ in dyads_of(coder, text)[0]]

    def acts(text):
        return [c for c in codes(text) if c[:2] in {"03", "07"}]

    assert acts("The House Republican proposal would have funded the U.S. government through January 15.") == []
    assert "071" in acts("The House Republican proposal funded the U.S. government through January 15.")
    assert acts("The Federal Reserve did not want to give aid to Greece.") == []
    assert acts("The Federal Reserve wanted to give aid to Greece.")


def test_what_is_hoped_or_feared_is_not_done(strict_dyads):
    assert strict_dyads("Investors hope that G20 officials would agree on a plan with the European Union.",
                        "2011-10-14") == []
    assert not any(c[:2] in {"13", "19"} for c, _, _ in strict_dyads(
        "Germany fears that Russia will attack Ukraine.", "2011-10-14"))
    assert strict_dyads("G20 officials agreed on a plan with the European Union.", "2011-10-14")


def test_signs_carried_by_demonstrators_are_placards(strict_dyads):
    assert not any(c == "057" for c, _, _ in strict_dyads(
        "Spanish demonstrators carried signs against the Spanish government.", "2012-05-15"))
    assert not any(c == "057" for c, _, _ in strict_dyads(
        "Spanish officials waited for the sign of Spain's approval from France.", "2012-05-15"))  # a token
    assert [c for c, _, _ in strict_dyads("Spain signed a treaty with France.", "2012-05-15")] == ["057"]


def test_defying_expectations_defies_no_one_and_a_participle_keeps_no_modal_of_a_base_form(strict_dyads):
    assert strict_dyads("British Prime Minister David Cameron defied expectations on Friday.", "2012-11-23") == []
    assert [c for c, _, _ in strict_dyads("British Prime Minister David Cameron defied the European Union on "
                                          "Friday.", "2012-11-23")] == ["128"]
    # "he would be the bad guy, and winning the support of X": the participle is no thing he would do
    codes = [c for c, _, _ in strict_dyads("Everyone said British Prime Minister David Cameron would be the bad guy, "
                                           "and winning the support of German Chancellor Angela Merkel.",
                                           "2012-11-23")]
    assert "032" not in codes


def test_who_is_left_out_is_no_party(strict_dyads):
    got = strict_dyads("British and French officials held discussions without the German government on Monday.",
                       "2012-10-08")
    assert got and not any("DEU" in "".join(t) for _, _, t in got)
    assert strict_dyads("British and French officials held discussions with the German government on Monday.",
                        "2012-10-08")[0][2] == ["DEUGOV"]


def test_a_state_named_as_where_a_thing_is_is_a_place(strict_dyads):
    assert strict_dyads("The Taiwanese government denied reports that a plant in China was crippled by a strike.",
                        "2012-10-06") == []
    assert strict_dyads("The Taiwanese government denied reports that China had crippled its plant.",
                        "2012-10-06")[0][2] == ["CHN"]


def test_an_act_tried_or_served_under_a_modal_verb_is_only_possible(strict_dyads):
    # "could try to X", "might use Y to X": the modal of the governing verb reaches the act
    assert strict_dyads("Iran could try to attack Israel.", "2012-04-17") == []
    assert strict_dyads("Germany might use the new fund to help Greece.", "2012-04-17") == []
    assert strict_dyads("Iran tried to attack Israel.", "2012-04-17") == [("190", ["IRN"], ["ISR"])]
    assert strict_dyads("Germany used the new fund to help Greece.", "2012-04-17") == [("070", ["DEU"], ["GRC"])]


def test_a_losing_battle_and_who_did_what_a_phrase_describes(strict_dyads):
    assert strict_dyads("The companies have been fighting an uphill battle to overcome U.S. lawmakers' suspicions.",
                        "2012-10-08") == []
    assert strict_dyads("Syrian troops fought a fierce battle with rebels in Aleppo.", "2012-10-08") \
        == [("190", ["SYRMIL"], ["SYRREB"])]
    assert not any("CHN" in "".join(t) for _, _, t in strict_dyads(
        "Last year, United Technologies Corp, a large U.S. exporter, agreed to pay $75 million in fines for export "
        "violations, including the sale of software later used by China to develop a military helicopter.",
        "2013-04-30"))


def test_hopes_that_it_happens_and_events_of_the_backdrop_are_not_done_by_the_subject(coder):
    events, _ = dyads_of(coder, "Hopes that G20 officials would agree with the European Union on a plan buoyed the "
                                "euro.")
    assert not any(c.startswith("01") or c.startswith("03") for c, _, _ in events)
    events, _ = dyads_of(coder, "Against a backdrop of nationwide strikes, the Italian government scrambled to "
                                "secure support in parliament.")
    assert not any(c.startswith("14") and "ITAGOV" in s for c, s, _ in events)


def test_backing_in_the_polls_is_no_ones_support(strict_dyads):
    assert strict_dyads("The Romanian opposition leader has backing of up to 18 percent in opinion polls against the "
                        "Romanian government.", "2012-05-04") == []


def test_a_hoped_act_judges_no_one(strict_dyads):
    assert strict_dyads("The Libyan rebels hope that capturing the port 750 km east of the capital Tripoli will be a "
                        "tipping point.", "2011-08-12") == []
    assert ("013", ["USAGOV"], ["EGYGOV"]) in strict_dyads(
        "U.S. President Barack Obama hopes that the Egyptian government will respect the rights of protesters.",
        "2011-01-28")


def test_more_words_of_the_news_for_criticism(coder):
    said = "Russian Foreign Minister Sergei Lavrov {} the United States on Monday."
    for words in ("chastised", "railed against", "sniped at", "taunted", "insulted", "took a swipe at",
                  "poured scorn on"):
        assert dyads_of(coder, said.format(words))[0] == [("111", ["RUSGOV"], ["USA"])], words
    assert dyads_of(coder, said.format("took issue with"))[0] == [("110", ["RUSGOV"], ["USA"])]
    # "took aim at" is also shooting: not a word of criticism
    assert dyads_of(coder, "The Russian army took aim at rebel positions.")[0] == []


def test_holding_or_finding_someone_in_contempt_is_a_finding_against_them(strict_dyads):
    assert ("116", ["USALEG"], ["USAJUD"]) in strict_dyads(
        "A U.S. House panel voted on Thursday to hold Attorney General Eric Holder in contempt of Congress.",
        "2012-06-21")
    assert ("116", ["PAKJUD"], ["PAKGOV"]) in strict_dyads(
        "Pakistan's Supreme Court found Prime Minister Yousuf Raza Gilani in contempt on Thursday.", "2012-04-26")


def test_a_states_freeze_of_someones_assets_is_a_sanction_on_them(strict_dyads):
    assert ("163", ["GBR"], ["LBYGOV"]) in strict_dyads("Britain froze the assets of Gaddafi's family on Monday.",
                                                     "2011-03-01")
    assert ("163", ["IGOEUREEC"], ["BLRGOV"]) in strict_dyads(
        "The EU has frozen the assets of 12 Belarusian officials.", "2012-03-01")


def test_wrath_felt_is_its_holders_act_on_whoever_felt_it(coder):
    def coded(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-01-28").events]

    # the forces act on the protesters (175), not the protesters on anyone
    got = coded("Protesters in Cairo felt the wrath of the Egyptian police on Friday.")
    assert ("175", ["EGYCOP"], ["EGYCVL"]) in got
    # anger drawn is its holder's disapproval of whoever drew it
    assert ("110", ["JPN"], ["CHNGOV"]) in coded("Beijing's move drew the ire of Japan.")


def test_banning_a_countrys_goods_is_an_embargo_not_a_ban_of_parties(coder):
    def coded(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2012-01-23").events]

    assert ("163", ["IGOEUREEC"], ["IRN"]) in coded("The European Union banned imports of Iranian crude on Monday.")
    assert [c for c, _, _ in coded("Israel banned Hamas on Monday.")] == ["1722"]


def test_an_act_kept_from_being_done_or_an_object_of_no_is_not_done(strict_dyads):
    # "refrained from", "steering clear of", "shied away from": the act was kept from being done
    for words in ("refrained from criticizing", "is steering clear of criticizing", "shied away from criticizing"):
        assert strict_dyads(f"The French president {words} Germany on Monday.", "2012-05-14") == [], words
    assert strict_dyads("The French president criticized Germany on Monday.", "2012-05-14") \
        == [("111", ["FRAGOV"], ["DEU"])]
    # "offered no proof", "offered no new pledges": nothing was offered, and nothing refused either
    assert strict_dyads("The French president offered no new pledges to Greece on Monday.", "2012-05-14") == []
    # "has no intention of seeking aid" is still a refusal
    assert strict_dyads("Spain's prime minister said he had no intention of seeking aid from the European Union.",
                        "2012-05-14")[0][0].startswith("12")
    # "how it would impose sanctions": a question of what may be done
    assert strict_dyads("Obama explained how the United States would impose sanctions on Russia.", "2016-09-08") == []
    assert strict_dyads("Obama said the United States would impose sanctions on Russia.", "2016-09-08") \
        == [("1312", ["USA"], ["RUS"])]
    # "is capable of delivering": could, not did
    assert strict_dyads("North Korea is capable of delivering warheads to Japan.", "2016-09-10") == []
    assert strict_dyads("The French president offered new pledges to Greece on Monday.", "2012-05-14") \
        == [("030", ["FRAGOV"], ["GRC"])]


def test_an_attack_given_a_reason_or_a_name_is_in_words_whatever_the_reason_mentions(strict_dyads):
    # the force words of what the target is attacked for ("military action") make no attack material
    assert strict_dyads("U.S. Senator Harry Reid attacked President Barack Obama for his support of military action in "
                        "Yemen.", "2012-05-14") == [("111", ["USALEG"], ["USAGOV"])]
    # "pounding X as a con artist": the verb of shelling used of words
    assert strict_dyads("U.S. Senator Harry Reid has been pounding President Barack Obama as a weak leader.",
                        "2012-05-14") == [("111", ["USALEG"], ["USAGOV"])]
    assert strict_dyads("Syrian troops pounded rebel positions in Homs.", "2012-05-14")[0][0] == "194"
    # "dealing a blow to" a politician, by a court: in words
    assert strict_dyads("A U.S. federal court dealt a blow to President Barack Obama on Friday.", "2012-05-14") \
        == [("111", ["USAJUD"], ["USAGOV"])]


def test_a_rally_named_as_where_someone_spoke_is_no_protest(strict):
    def codes(text, date="2012-05-14"):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in strict.code(text, date=date).events]

    for text in ("Speaking at a rally in Ohio, the senator said taxes were too high.",
                 "The senator said during a rally in Ohio that taxes were too high.",
                 "Romney told his supporters at an Ohio rally to vote early.",
                 "At a rally in Ohio, Romney likened the president to a snake."):
        assert not any(c.startswith("14") for c, _, _ in codes(text)), text
    # a rally with a side of its own is still one
    assert ("141", ["EGYOPP"], ["EGYGOV"]) in codes(
        "Opposition leader Mohamed ElBaradei told thousands at a rally against Mubarak in Cairo that he must go.",
        "2011-02-04")


def test_releasing_a_letter_or_a_poll_and_offering_advice_are_no_events(strict_dyads):
    assert strict_dyads("Syria released a letter from its foreign minister to Turkey on Monday.", "2012-05-14") == []
    assert strict_dyads("Syria released two Turkish journalists on Monday.", "2012-05-14")[0][0].startswith("084")
    assert strict_dyads("Russia offered some pointed advice to Syria on Monday.", "2012-05-14") == []
    # mobilizing voters is campaigning, no mobilization of forces
    assert strict_dyads("The Egyptian party mobilized voters in Cairo on Monday.", "2012-05-14") == []


def test_a_sign_and_a_tone_struck_are_no_events(strict_dyads):
    assert strict_dyads("Data from the U.S. government added to signs that Saudi Arabia raised output.",
                        "2011-03-08") == []
    assert strict_dyads("U.S. House Speaker John Boehner struck a conciliatory tone toward President Barack Obama.",
                        "2012-11-07") == []
    assert strict_dyads("The United States and Russia signed a new arms treaty on Monday.", "2011-03-08")[0][0] == "057"


def test_a_fights_other_side_coded_like_its_first_is_still_a_side(strict_dyads):
    # two forces of one state, each in words of its own
    assert ("190", ["YEMMIL"], ["YEMMIL"]) in strict_dyads(
        "In Yemen, troops loyal to President Ali Abdullah Saleh fought with army units that back the opposition.",
        "2011-03-24")


def test_forces_enforcing_a_curfew_show_their_power(strict_dyads):
    # a show of force in the streets, one-sided as a patrol is (whom the curfew binds is not named)
    assert ("150", ["TUNMIL"], []) in strict_dyads("Tunisian soldiers moved into the capital's streets on Friday "
                                                  "to enforce a curfew.", "2011-01-14")
    assert strict_dyads("Tunisian judges enforced the new law on Friday.", "2011-01-14") == []


def test_a_danger_to_something_abstract_is_no_threat():
    """CAMEO 13 is a threat someone makes to someone: "a super-state that threatens British sovereignty", "a
    crisis that threatens Europe's stability" describe a danger to a state of affairs, not an act."""
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))

    def dyads(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in strict.code(text, date="2012-11-23").events]

    assert dyads("Critics see the European Union as a super-state that threatens British sovereignty.") == []
    assert dyads("Ankara said Syria threatened the stability of Turkey.") == []
    assert dyads("A Chinese official said the Japanese move threatened regional security.") == []
    assert dyads("Russia threatened Ukraine on Friday.") == [("130", ["RUS"], ["UKR"])]  # a threat to someone


def test_the_options_of_a_choice_are_not_done():
    """"A choice between agreeing to X or allowing Y": neither option is an act (meaning.CHOICE_NOUNS)."""
    from dyads import Coder

    full = Coder()  # (with coreference: "it" is Germany)

    def codes(text):
        return [(e.cameo, [a.code for a in e.source]) for e in full.code(text, date="2011-09-06").events]

    assert codes("Germany may face a choice between accepting the measures it has resisted or "
                 "allowing Greece to default.") == []  # ("it", Germany, would otherwise allow)
    assert codes("Germany has accepted the measures it resisted, allowing Greece to default.") == [("080", ["DEU"])]


def test_a_mission_to_act_is_no_act_however_it_is_parsed():
    """"As part of NATO's mission to protect civilians", with "to protect" parsed as a clause of the main verb
    rather than of "mission": what a mission is for is not done (meaning.PURPOSE_NOUNS, by the words)."""
    from dyads import Coder

    full = Coder()

    def dyads(text):
        return [(e.cameo, [a.code for a in e.source]) for e in full.code(text, date="2011-08-11").events]

    assert dyads("A spokesman said French warplanes had been active lately \"as part of NATO's mission "
                 "to protect civilians in danger from the Syrian army.\"") == []
    assert dyads("French troops protected civilians from Gadhafi's forces on Monday.") == [("074", ["FRAMIL"])]


def test_an_admitted_state_of_affairs_is_no_admission_of_responsibility(strict):
    def codes(text):
        return [(e.cameo, [x.code for x in e.source], [x.code for x in e.target])
                for e in strict.code(text, date="2012-05-14").events]

    for text in ("The French minister acknowledged that there are still some people in Germany who oppose the plan.",
                 "The French minister acknowledged it was unlikely to work with Germany."):
        assert not any(c == "015" for c, _, _ in codes(text)), text
    # the speaker's own deed is one
    assert any(c == "015" for c, _, _ in codes("Syria admitted that its forces had shelled the Turkish village."))
