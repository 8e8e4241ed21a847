"""The named passes over a sentence (dyads.events.passes): their order, their dialects, and that every dropped
candidate names the stage or pass that dropped it, as `dyads explain` prints."""

from __future__ import annotations

from dyads.events.dialect import OURS, PETRARCH1, PETRARCH2
from dyads.events.filters import PASSES
from dyads.events.passes import SENTENCE_PASSES, pass_named


def test_passes_are_named_once_and_run_by_dialect():
    names = [name for name, _, _, _ in SENTENCE_PASSES]
    assert names == ["slot", "speech", "statement", "said", "content", "petrarch1_clause", "table", "duplicate"]
    assert not set(names) & {name for name, _ in PASSES}  # the filters' passes keep their own names
    runs = {name: (ours(OURS), ours(PETRARCH2)) for name, _, _, ours in SENTENCE_PASSES}
    assert runs["speech"] == runs["table"] == (True, False)  # our meaning and table conventions only
    assert runs["slot"] == runs["content"] == runs["duplicate"] == (True, True)
    petrarch1 = dict((name, runs_in) for name, _, _, runs_in in SENTENCE_PASSES)["petrarch1_clause"]
    assert not petrarch1(PETRARCH1)  # PETRARCH-1 codes dyads only unless a suite switches require_dyad off
    assert petrarch1(PETRARCH1.__class__(**{**PETRARCH1.__dict__, "require_target": False}))


def test_a_filters_reason_names_its_own_pass():
    assert pass_named("poll: a share of a public answering a poll is a finding", "table") == "poll"
    assert pass_named("one_sided: no target", "placing") == "one_sided"
    assert pass_named("statement verb: the reported content was coded instead", "statement") == "statement"


def _dropped_by(coder, text: str) -> dict[str, tuple[str | None, str | None]]:
    from dyads.models import Article

    _, sentences = next(coder.explain([Article(id="t", text=text)]))
    return {p.trigger: (p.dropped_by, p.dropped) for s in sentences for p in s.predicates}


def test_explain_names_the_pass_that_dropped_each_candidate(coder):
    from dyads.events.coder import format_explanation
    from dyads.models import Article

    got = _dropped_by(coder, "Russia said on Monday it would not meet Turkey, and urged Iran to release the prisoners.")
    assert got["said"][0] == "statement" and got["release"][0] == "slot"
    assert got["meet"] == (None, None) and got["urged"] == (None, None)  # kept: coded 120 and 0253
    got = _dropped_by(coder, "Russia could attack Turkey. Officials met on Monday.")
    assert got["attack"][0] == "meaning" and got["met"][0] in {"roles", "one_sided", "bare_sector"}
    _, sentences = next(coder.explain([Article(id="t", text="Russia could attack Turkey.")]))
    assert "dropped by meaning: hypothetical ('could')" in format_explanation(sentences)


def test_a_since_clause_is_background_and_a_statement_inside_a_meeting_is_the_meeting():
    from dyads import Coder

    strict = Coder()
    out = strict.code("Russia criticized NATO on Monday, since the alliance bombed Tripoli.", date="2011-08-12")
    assert [e.cameo for e in out.events] == ["111"]  # the bombing is what the criticism runs from, not news
    out = strict.code("U.S. officials met Gaddafi representatives on Monday to deliver a message that he must go.",
                      date="2011-08-12")
    assert [e.cameo for e in out.events] == ["040"]


def test_hopes_and_allegations_aim_at_who_acts():
    from dyads import Coder

    strict = Coder(stages=("actors", "events"))

    def dyads(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in strict.code(text, date="2011-07-18").events]

    assert dyads("Russia hopes that Iran will comply with the resolution.") == [("013", ["RUS"], ["IRN"])]
    assert dyads("U.S. officials said her visit underscored Washington's hope to work with Libya's new leaders.") \
        == []  # hoping to act oneself is intent, no comment on the partner
    # the victims of what is alleged are not the accused
    assert dyads("NATO said a building was targeted on Monday in an airstrike that the Libyan government alleges "
                 "killed 15 people.") == []


def test_a_refusal_or_denial_answers_whoever_put_forward_what_it_answers(coder):
    def dyads(text):
        return [(e.cameo[:2], [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-02-12").events]

    # in its sentence: an offer, then "declined"; a charge, then "denied that"
    assert ("12", ["GBRGOV"], ["FRAGOV"]) in dyads(
        "French Prime Minister Francois Fillon offered to host the talks in Paris, but British Prime Minister "
        "David Cameron declined.")
    assert ("01", ["RUSGOV"], ["USAGOV"]) in dyads(
        "U.S. Secretary of State Hillary Clinton said Russia had armed the Syrian army, but Russian Foreign "
        "Minister Sergei Lavrov denied that.")
    # in the sentence before: the request, then "declined to do so"
    assert ("12", ["IRNGOV"], ["GBRGOV"]) in dyads(
        "British Foreign Secretary William Hague said he had urged Iran to free the sailors. He said the Iranian "
        "government declined to do so.")
    # a denial of claims named in the same sentence answers whoever made them
    assert ("12", ["SYRGOV"], ["SYRREB"]) in dyads(
        "Syrian rebels said on Sunday that they had taken two army bases near Aleppo -- claims that the Syrian "
        "government quickly disputed.")
    # who reports the refusal is not answered by it, and a refusal of one's own act answers no one
    assert dyads("Russian Foreign Minister Sergei Lavrov said Iran rejected the plan.") == []
    assert dyads("French Prime Minister Francois Fillon spoke on Monday. Germany refused to join the mission.") == []


def test_a_visit_framing_an_act_is_to_whom_the_act_is_aimed(coder):
    out = coder.code("Russian President Vladimir Putin pledged support for Belarus on Thursday in his first foreign "
                     "visit since taking office.", date="2012-05-31")
    assert ("042", ["BLRGOV"]) in [(e.cameo, [a.code for a in e.target]) for e in out.events]
    out = coder.code("Russian President Vladimir Putin spoke on Thursday in his first foreign visit since taking "
                     "office.", date="2012-05-31")
    assert [e.cameo for e in out.events] == []  # nowhere named, no act aimed at anyone: no visit to code


def test_what_happened_while_an_appeal_was_made_is_no_content_of_it(coder):
    out = coder.code("Egyptian President Hosni Mubarak called on the government to stop the violence, while "
                     "appearing to criticize the Muslim Brotherhood.", date="2011-01-30")
    assert ("111", ["EGYOPP"]) in [(e.cameo, [a.code for a in e.target]) for e in out.events]


def test_a_message_that_someone_must_act_is_a_demand(coder):
    out = coder.code("U.S. officials delivered a message on Monday that Libyan leader Muammar Gaddafi must go.",
                     date="2011-07-18")
    assert ("100", ["USAGOV"], ["LBYGOV"]) in [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                                              for e in out.events]


def test_an_appeal_joined_to_a_demand_of_the_same_sides_is_that_demand(coder):
    out = coder.code("Yemeni protesters demanded change in Yemen and called for the fall of President Ali Abdullah "
                     "Saleh's regime on Friday.", date="2011-02-12")
    assert [e.cameo[:2] for e in out.events] == ["10"]
    out = coder.code("Yemeni protesters called for the fall of President Ali Abdullah Saleh's regime on Friday.",
                     date="2011-02-12")
    assert [e.cameo[:2] for e in out.events] == ["02"]


def test_a_clause_of_its_own_before_a_threat_is_no_content_of_it(coder):
    text = ("Italian Prime Minister Silvio Berlusconi is losing support. Even his closest allies are telling him "
            "publicly to go, Italy's bond yields threaten to spiral out of control and the number of party rebels "
            "is increasing.")
    assert "02" in [e.cameo[:2] for e in coder.code(text, date="2011-11-08").events]
    # a quotation before the verb is what was demanded
    out = coder.code('"Syria must stop the killing," U.S. Secretary of State Hillary Clinton demanded.',
                     date="2011-11-08")
    assert [e.cameo for e in out.events] == ["100"]


def test_reported_have_to_is_a_demand_and_a_ruling_coalition_is_the_government(coder):
    out = coder.code("Slovakia's ruling coalition will have to reallocate cabinet posts, the opposition party Smer "
                     "said on Sunday.", date="2011-10-02")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("100", ["SVKGOV"])]
    out = coder.code("German Chancellor Angela Merkel said Greece does not have to leave the euro.", date="2011-10-02")
    assert [e.cameo for e in out.events] == []


def test_a_neuter_pronoun_whose_clause_names_a_thing_is_not_judged(coder):
    out = coder.code('Moody\'s cut France\'s rating on Friday. "This is not a disaster," French Finance Minister '
                     'Francois Baroin said. "No, it\'s an excellent grade."', date="2012-01-13")
    assert [e for e in out.events if e.cameo in {"051", "111"}] == []


def test_an_offer_of_nothing_is_no_offer(coder):
    out = coder.code("Italian Finance Minister Giulio Tremonti offered no new pledges on the austerity package, "
                     "which has been disputed by Prime Minister Silvio Berlusconi's coalition.", date="2011-09-04")
    assert [e.cameo for e in out.events if e.cameo[:2] in {"03", "12"}] == []


def test_what_a_report_says_according_to_its_author_judges_the_subject(coder):
    def dyads(text):
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-08-30").events]

    assert ("111", ["NGOHRIAMN"], ["SYRMIL"]) in dyads(
        "The Syrian army committed war crimes in Homs, according to Amnesty International.")
    assert ("111", ["NGOHRI"], ["SYRMIL"]) in dyads(
        "The Syrian army committed a vast array of abuses in Homs, according to a report issued on Tuesday by "
        "Human Rights Watch.")
    # "according to" gives no pattern its "to", and committing troops charges no one
    assert dyads("The Syrian army committed troops to Homs, according to Amnesty International.") == []


def test_acts_joined_to_a_visit_go_to_whom_it_visits(coder):
    out = coder.code("U.S. Secretary of State Hillary Clinton made an unannounced visit to Libya on Tuesday to cement "
                     "relations, offer aid and encourage swift elections.", date="2011-10-18")
    got = [(e.cameo[:2], [a.code[:3] for a in e.target]) for e in out.events]
    assert ("03", ["LBY"]) in got and ("02", ["LBY"]) in got


def test_an_act_of_force_suspected_of_someone_is_the_speakers_accusation():
    from dyads import Coder

    coder = Coder(stages=("actors", "events"))

    def events(text):
        out = coder.code(text, date="2011-06-15")
        return [(e.cameo[:3], [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]

    # an aim imputed in the present, a supposition, an impression: the speaker accuses the agent
    assert events("NATO is trying to kill Libyan leader Muammar Gaddafi, Russian ambassador Dmitry Rogozin "
                  "said.") == [("112", ["RUSGOV"], ["IGOWSTNAT"])]
    assert events("Russian ambassador Dmitry Rogozin said NATO may have attacked Syrian troops.") \
        == [("112", ["RUSGOV"], ["IGOWSTNAT"])]
    assert events("Russian ambassador Dmitry Rogozin said NATO appeared to have attacked Syrian troops.") \
        == [("112", ["RUSGOV"], ["IGOWSTNAT"])]
    # an act told as done is news, a prediction is no accusation
    assert events("Russian ambassador Dmitry Rogozin said NATO attacked Syrian troops on Monday.") \
        == [("190", ["IGOWSTNAT"], ["SYRMIL"])]
    assert events("Russian ambassador Dmitry Rogozin said NATO could attack Syrian troops.") == []
    # the event names the pass that made it, as `dyads explain` prints
    out = coder.code("Russian ambassador Dmitry Rogozin said NATO may have attacked Syrian troops.", date="2011-06-15")
    assert "speech: suspects 'NATO'" in out.events[0].rule


def test_putting_a_violent_act_down_to_a_named_actor_is_an_accusation():
    from dyads import Coder

    coder = Coder(stages=("actors", "events"))

    def events(text):
        out = coder.code(text, date="2012-10-11")
        return [(e.cameo[:3], [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]

    assert events("A Yemeni security official said the bombing appeared to be the work of al Qaeda.") \
        == [("112", ["YEMCOP"], ["IMGREB"])]
    assert events("A Yemeni security official said al Qaeda was behind the shooting.") \
        == [("112", ["YEMCOP"], ["IMGREB"])]
    # the relative clause of the attack: "an attack a source said appeared to be the work of"
    got = events("Gunmen shot dead a Yemeni man on Thursday, in an attack a Yemeni security source said appeared to "
                 "be the work of al Qaeda.")
    assert ("112", ["YEMCOP"], ["IMGREB"]) in got
    assert events("Syrian Information Minister Omran al-Zoubi said armed groups were responsible for the "
                  "killings.")[0][::2] == ("112", ["SYRREB"])
    # no actor named, or no violent act: no accusation
    assert events("A Yemeni security official said the attack appeared to be the work of professionals.") == []
    assert events("A Yemeni security official said the reform was the work of the Yemeni parliament.") == []
    # what none of them said accuses no one
    assert events("Neither Google nor the U.S. government has said the Chinese government was behind the "
                  "attacks.") == []


def test_what_is_blamed_on_someone_is_blamed_on_him():
    from dyads import Coder

    coder = Coder(stages=("actors", "events"))

    def events(text):
        out = coder.code(text, date="2012-10-11")
        return [(e.cameo[:3], [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]

    # the parser hangs "on al Qaeda" on the attack
    assert events("The Syrian government blamed the attack on al Qaeda.") == [("112", ["SYRGOV"], ["IMGREB"])]
    assert events("The Syrian government blamed the attack on the Turkish embassy on al Qaeda.") \
        == [("112", ["SYRGOV"], ["IMGREB"])]
    assert events("The Syrian government blamed al Qaeda for the attack on the Turkish embassy.") \
        == [("112", ["SYRGOV"], ["IMGREB"])]


def test_a_demand_made_while_marching_is_the_marchers_act_of_its_own(coder):
    def coded(text):
        return [(e.cameo[:2], [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-01-31").events]

    got = coded("Thousands of Egyptian protesters marched in Cairo on Friday, demanding democratic reforms.")
    assert ("14", ["EGYCVL"], ["EGYGOV"]) in got or ("14", ["EGYCVL"], ["EGY"]) in got  # the march
    assert any(root == "10" and src == ["EGYCVL"] for root, src, _ in got)  # and the demand beside it
    # an appeal stays what the protest is for: one event
    got = coded("Thousands of Egyptian protesters hit the streets of Cairo calling for the president's ouster.")
    assert [root for root, _, _ in got] == ["14"]


def test_refusing_what_was_put_forward_before_rejects_whoever_put_it_forward(coder):
    def coded(text):
        return [(e.cameo[:3], [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-11-08").events]

    # "this" is the plan of the sentence before: its subject put it forward
    assert ("120", ["NLDOPP"], ["NLDGOV"]) in coded(
        "Prime Minister Mark Rutte offered to form a minority cabinet. The Dutch opposition said on Tuesday it would "
        "not accept that.")
    assert ("120", ["GRCGOV"], ["IGOEUREEC"]) in coded(
        "The EU demanded deeper cuts from Athens. The Greek government said it would never agree to that.")
    # nothing put forward by an actor, or a refusal of something named that names no one: no event
    assert coded("Prices rose sharply on Monday. Italy's opposition said it will not accept this.") == []
    assert coded("Berlusconi proposed a new cabinet. Italy's opposition said it will not accept any delays.") == []


def test_a_participle_aside_does_not_take_the_subject_of_what_must_be_done(coder):
    def coded(text):
        return [(e.cameo[:2], [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-07-07").events]

    # the parser gives "commanders" to "expected", the aside; "must stop" is Juppe's demand on them, and what the
    # aside or the subject's phrase names ("their talks") does not refine it
    got = coded("Juppe said that NATO commanders at their talks in Naples next week, widely expected to review the "
                "campaign, must stop the shelling of Tripoli.")
    assert got == [("10", ["FRAGOV"], ["IGOWSTNATMIL"])]
    assert [e.cameo for e in coder.code("Juppe said NATO commanders at their talks in Naples must stop the shelling "
                                         "of Tripoli.", date="2011-07-07").events] == ["1056"]  # not 106 ('talks')


def test_a_demand_joined_to_what_was_said_is_said_too(coder):
    def coded(text):
        return [(e.cameo[:2], [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2012-01-04").events]

    assert coded("Lavrov said the talks had failed and Iran must now accept the inspectors.") \
        == [("10", ["RUSGOV"], ["IRN"])]
    # a clause joined to what was said with no "must" in it is no demand
    assert coded("Lavrov said the talks had failed and Iran would now accept the inspectors.") == []


def test_a_demand_by_a_verb_of_saying_is_made_of_whom_what_was_said_names(coder):
    def coded(text):
        return [(e.cameo[:3], [a.code for a in e.source], [a.code for a in e.target])
                for e in coder.code(text, date="2011-09-20").events]

    assert coded("The EU insisted that Greece must cut its deficit.") == [("100", ["IGOEUREEC"], ["GRC"])]
    assert coded("The EU insisted that Greece reduce its deficit.") == [("100", ["IGOEUREEC"], ["GRC"])]
    # what is insisted on as a fact demands nothing of anyone
    assert coded("The EU insisted that Greece reduces its deficit every year.") == []
    # what the speaker's own side must do is its stance, not a demand: its capital, its pronoun
    assert coded("An Italian government source insisted Rome must keep a veto over the merger.") == []
    assert coded("A German government source said Berlin must have a say.") == []
    out = coder.code("Donald Trump said Hillary Clinton must be held accountable.", date="2016-09-20")  # two named
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] \
        == [("100", ["USA"], ["USA"])]
