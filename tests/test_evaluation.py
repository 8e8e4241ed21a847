"""dyads.events.evaluation: statements and namings that judge a named actor are criticism or praise."""

import pytest

from dyads.events.evaluation import judgement, load_evaluation


@pytest.fixture(scope="module")
def coder():
    from dyads import Coder

    return Coder(stages=("actors", "events"))


def events(coder, text):
    out = coder.code(text, date="2012-01-13")
    return [(e.cameo, sorted(a.code for a in e.source), sorted(a.code for a in e.target)) for e in out.events]


def test_words_and_negation(coder):
    words = load_evaluation()
    doc = coder.nlp("He is wrong. She was not fit to run the country. They are honest.")
    sents = list(doc.sents)
    assert [judgement(s, words) for s in sents] == [-1, -1, 1]


def test_statement_judging_an_actor_is_criticism(coder):
    got = events(coder, "French opposition leader Martine Aubry said French President Nicolas Sarkozy was wrong.")
    assert got == [("111", ["FRAOPP"], ["FRAGOV"])]


def test_a_politician_judging_another_of_the_same_code_is_criticism(coder):
    # domestic politics: two named people of one country with no office, coded alike
    out = coder.code("Donald Trump said Hillary Clinton was weak.", date="2016-09-15")
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events] \
        == [("111", ["USA"], ["USA"])]
    assert events(coder, "Donald Trump said Donald Trump was weak.") == []  # one man is no dyad


def test_a_clause_with_its_own_subject_judges_that_subject_only(coder):
    assert events(coder, "French President Nicolas Sarkozy said if the plan is successful, Greece will cut taxes.") \
        == []
    assert events(coder, "French President Nicolas Sarkozy said Greece was reckless.") == [("111", ["FRAGOV"], ["GRC"])]


def test_a_statement_to_someone_that_judges_another_is_criticism_of_the_other(coder):
    # written, and addressed to someone: the criticism is of whom it judges, not of the addressee
    got = events(coder, "Congressman Dennis Kucinich of the United States wrote in a letter to Ban Ki-moon that "
                        "NATO's bombing was inappropriate.")
    assert [(c, t) for c, _, t in got if c[:2] in {"01", "11"}] == [("111", ["IGOWSTNAT"])]


def test_the_words_of_judgement_are_general_vocabulary(coder):
    said = "French opposition leader Martine Aubry said French President Nicolas Sarkozy was {}."
    for word in ("a demagogue", "misguided", "reckless", "untrustworthy"):
        assert events(coder, said.format(word)) == [("111", ["FRAOPP"], ["FRAGOV"])], word
    assert events(coder, said.format("a principled man")) == [("051", ["FRAOPP"], ["FRAGOV"])]
    # being unable or liable is no judgement of character
    assert events(coder, said.format("not able to attend")) == []


def test_where_a_judged_act_happened_is_not_judged(coder):
    said = "Russian envoy Dmitry Rogozin said {} was very dangerous."
    assert events(coder, said.format("the military intervention in Libya")) == []
    assert events(coder, said.format("the government of Libya")) == [("111", ["RUSGOV"], ["LBYGOV"])]


def test_neutral_statement_is_no_event(coder):
    got = events(coder, "French opposition leader Martine Aubry said the economy was growing.")
    assert got == []


def test_naming_judges_its_object(coder):
    got = events(coder, "French opposition leader Martine Aubry called French President Nicolas Sarkozy a failure.")
    assert got == [("111", ["FRAOPP"], ["FRAGOV"])]
    got = events(coder, "Palestinian President Mahmoud Abbas called Egyptian President Hosni Mubarak on Saturday.")
    assert got == [("041", ["PSEGOV"], ["EGYGOV"])]  # a call with no name: the telephone
    assert events(coder, "French opposition leader Martine Aubry described French President Nicolas Sarkozy "
                         "as a lawyer.") == []  # a name that judges nothing


def test_a_sentence_of_a_quotation_that_judges_is_its_speakers_criticism():
    from dyads import Coder

    coded = Coder().code('"Donald Trump is a disgusting fraud. He has lied for years," said Rep. Marcia Fudge, '
                         'an Ohio Democrat.',
                         date="2016-09-16")
    first = [e for e in coded.events if e.sentence_index == 0]
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in first] == \
        [("111", ["USALEG"], ["USA"])]
    assert first[0].rule.startswith("evaluation.tsv")


def test_what_a_clause_says_of_the_things_it_names_judges_not_its_subject(coder):
    text = ("French opposition leader Martine Aubry said French President Nicolas Sarkozy had talks with "
            "increasingly dangerous rivals.")
    assert events(coder, text) == []


def test_too_before_an_adjective_or_adverb_is_a_fault(coder):
    assert ("111", ["GRCGOV"], ["DEU"]) in events(
        coder, "Greek Prime Minister George Papandreou said Germany had acted too slowly to stem the crisis.")
    assert events(coder, "Greek Prime Minister George Papandreou said Germany had acted quickly to stem the crisis.") \
        == []


@pytest.fixture(scope="module")
def full():
    from dyads import Coder

    return Coder()  # with the coreference stage, which says whom "they" stands for


def test_a_clause_whose_subject_is_the_same_actor_still_judges_it(full):
    coder = full
    # "they" is the Europeans: showing they are weak says it of the Europeans
    assert events(coder, "French Socialist leader Martine Aubry said the Europeans were showing they are weak.") \
        == [("111", ["FRAGOV"], ["EUR"])]
    quoted = coder.code('"It is shocking," said French Socialist leader Martine Aubry. "By turning to the Chinese '
                        'the Europeans are showing they are weak."', date="2011-10-30")
    assert [(e.cameo, [a.code for a in e.target]) for e in quoted.events if e.sentence_index == 1] \
        == [("111", ["EUR"])]
    # another actor's clause still judges only that actor
    assert events(coder, "French Socialist leader Martine Aubry said Germany knows Britain is weak.") \
        == [("111", ["FRAGOV"], ["GBR"])]


def test_a_negated_question_of_what_someone_did_is_a_reproach(coder):
    assert events(coder, "Russian envoy Dmitry Rogozin asked if Britain had not had enough war in Iraq.") \
        == [("111", ["RUSGOV"], ["GBR"])]
    assert events(coder, "Russian envoy Dmitry Rogozin asked why NATO had not stopped the bombing.") \
        == [("111", ["RUSGOV"], ["IGOWSTNAT"])]
    # a plain question, or one of what someone will do, seeks an answer: no event
    assert events(coder, "Russian envoy Dmitry Rogozin asked if Britain had sent more troops.") == []
    assert events(coder, "Russian envoy Dmitry Rogozin asked whether Britain would not send more troops.") == []
    # a reproach of no one else
    assert events(coder, "Russian envoy Dmitry Rogozin asked if he had not been clear.") == []


def test_a_naming_judges_whose_thing_is_named_not_whom_it_acts_on(coder):
    said = "Senate Democrats called the subpoena{} a ploy designed to embarrass Hillary Clinton."
    assert events(coder, said.format(" from the House panel")) == [("111", ["USAPTY"], ["USALEG"])]
    assert events(coder, said.format("")) == []  # the ploy's authors are not named: Clinton is not judged


def test_never_achieving_is_a_failure_and_achieving_judges_no_one(coder):
    assert events(coder, "Republican Senator Lindsey Graham called Hillary Clinton a politician who never "
                         "accomplished anything.") == [("111", ["USAPTY"], ["USAGOV"])]
    assert events(coder, "Republican Senator Lindsey Graham said Hillary Clinton achieved a breakthrough.") == []


def test_what_is_claimed_of_someone_may_judge_him(coder):
    out = coder.code("Donald Trump claimed that a federal judge was unfit to serve.", date="2016-06-03")
    assert [(e.cameo, [a.code for a in e.target]) for e in out.events] == [("111", ["USAJUD"])]
    assert events(coder, "Libyan rebels claimed control of the town of Brega.") == []  # said of no one


def test_a_vendetta_or_persecution_judges_who_wages_it(coder):
    assert events(coder, "Russian tycoon Mikhail Khodorkovsky said the Russian government was waging a vendetta "
                         "against him.") == [("111", ["RUSBUS"], ["RUSGOV"])]


def test_letting_others_believe_is_deceit(coder):
    said = "Republican Senator Lindsey Graham said {}."
    assert events(coder, said.format("Hillary Clinton allowed her staff and the public to think that she had a "
                                     "pulled muscle")) == [("111", ["USAPTY"], ["USAGOV"])]
    assert events(coder, said.format("Hillary Clinton led voters to believe she was healthy")) \
        == [("111", ["USAPTY"], ["USAGOV"])]
    assert events(coder, said.format("Hillary Clinton allowed her staff to leave early")) == []


def test_being_to_blame_is_a_fault(coder):
    assert events(coder, "Russian Foreign Minister Sergei Lavrov said the West was to blame for the crisis.") \
        == [("111", ["RUSGOV"], ["WST"])]
    # only partly to blame half excuses
    assert events(coder, "Bank of England Deputy Governor Charlie Bean said British banks were only partly to "
                         "blame.") == []


def test_holding_someone_responsible_is_blaming_him(coder):
    assert events(coder, "Russian Foreign Minister Sergei Lavrov held the West responsible for the crisis.") \
        == [("112", ["RUSGOV"], ["WST"])]
    # holding a meeting is still a meeting
    assert events(coder, "Russian Foreign Minister Sergei Lavrov held a meeting with British Foreign Secretary "
                         "William Hague.")[0][0] == "040"


def test_an_extraposed_it_judges_whom_its_to_clause_names(coder):
    assert events(coder, "Palestinian President Mahmoud Abbas said it was unacceptable for Israel to build more "
                         "settlements.") == [("111", ["PSEGOV"], ["ISR"])]
    assert events(coder, "Retired U.S. Army general Carter Ham said it was demoralizing to work for President "
                         "Barack Obama.") == [("111", ["USAMIL"], ["USAGOV"])]
    # a partner of what is judged is not judged
    assert events(coder, "Palestinian President Mahmoud Abbas said it was a mistake to negotiate with Israel.") == []


def test_what_a_relative_clause_of_the_subjects_attribute_says_is_said_of_the_subject(coder):
    # "the one who ...": the relative pronoun stands for the subject, so the clause is what is said of it
    def events(coder, text):  # in the 2016 campaign, Clinton holds no office
        out = coder.code(text, date="2016-09-16")
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]

    assert events(coder, "Donald Trump claimed that Barack Obama was the one who started the deficit "
                         "controversy.") == [("111", ["USA"], ["USAGOV"])]
    assert events(coder, "Donald Trump said Hillary Clinton was a candidate who had lied to the families.") \
        == [("111", ["USA"], ["USA"])]
    # a relative clause with a subject of its own judges that subject, not the one named before
    assert events(coder, "Donald Trump said Hillary Clinton was the candidate whom the press had lied to.") == []


def test_a_reason_for_a_fault_puts_it_on_the_actor_the_reason_names(coder):
    assert ("111", ["RUSGOV"], ["IGOWSTNAT"]) in events(
        coder, "Lavrov said the resolution was a mistake because NATO had used it to bomb Libya.")
    # the parser hangs the reason on the statement verb
    assert events(coder, "Rep. Paul Ryan said the bill smacked of hypocrisy, because Democrats had blocked the "
                         "same plan last year.") == [("111", ["USALEG"], ["USAPTY"])]
    # a reason for approval praises no one; a fault whose reason names only the speaker blames no one else
    assert events(coder, "Lavrov said the resolution was good because Russia had drafted it.") == []
    assert events(coder, "Lavrov said the plan was a mistake because he had never seen it.") == []


def test_measures_or_efforts_said_to_fall_short_judge_whose_they_are(coder):
    assert events(coder, "Austria's Social Democrats said on Monday the government's new pension plans were vague.") \
        == [("111", ["AUTPTY"], ["AUTGOV"])]
    assert events(coder, "German lawmakers said Greece's efforts were insufficient.") == [("111", ["DEULEG"], ["GRC"])]
    assert events(coder, "German lawmakers said Greece's efforts were inadequate.") == [("111", ["DEULEG"], ["GRC"])]
    assert events(coder, "German officials said rainfall was insufficient.") == []  # no one's


def test_an_extraposed_it_judges_whose_doing_its_to_clause_is(coder):
    # "wrong of X to ...", "irresponsible on the part of X to ...": the judgement is of X, who does it
    assert ("111", ["RUSGOV"], ["WST"]) in events(coder, "Lavrov said it was irresponsible of the West to arm the "
                                                         "rebels.")
    assert ("111", ["RUSGOV"], ["GRCGOV"]) in events(coder, "Lavrov said it was irresponsible on the part of the "
                                                            "Greek government to open such issues.")
    assert events(coder, "Lavrov said it was typical of the season to see such storms.") == []
