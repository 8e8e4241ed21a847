"""Coreference: pronouns with agreement and distance, definite descriptions, and the readers that share it."""

from __future__ import annotations

from datetime import date

import pytest

from dyads.actors import find_actors, load_actor_dictionary
from dyads.actors.recognize import GUESSED_COUNTRY
from dyads.coref import Coreference, resolve_coreference
from dyads.models import Actor, Article
from dyads.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def dictionary():
    return load_actor_dictionary()


def layer(nlp, dictionary, text: str, day: date = date(2013, 7, 22)) -> tuple[object, list[Actor]]:
    doc = nlp(text)
    actors = find_actors(doc, Article(id="t", text=text, publication_date=day), dictionary)
    return doc, resolve_coreference(doc, actors, GUESSED_COUNTRY)


def pronouns(actors: list[Actor]) -> list[tuple[str, str | None]]:
    return [(a.text, a.code) for a in actors if a.kind == "pronoun"]


def test_pronoun_takes_the_persons_code(nlp, dictionary):
    _, got = layer(nlp, dictionary, "Bolivian Deputy Foreign Minister Juan Quispe met the envoy on Monday.\n\n"
                                    "Quispe said the talks went well. He added that more would follow.")
    he = next(a for a in got if a.text == "He")
    assert he.code == "BOLGOV" and he.kind == "pronoun" and he.name == "Juan Quispe"
    assert he.source.startswith("pronoun -> ")


def test_gender_agreement(nlp, dictionary):
    _, got = layer(nlp, dictionary, "Mr. Lavrov met Bolivian Foreign Minister Eva Quispe in La Paz. "
                                    "She criticised Syria.")
    assert pronouns(got) == [("She", "BOLGOV")]  # not the male subject of the sentence before


def test_number_agreement_and_the_nearest_subject(nlp, dictionary):
    _, got = layer(nlp, dictionary, "Syrian rebels attacked an army base. They said Assad must go.")
    assert pronouns(got) == [("They", "SYRREB")]


def test_a_pronoun_for_something_that_is_no_actor_gets_nothing(nlp, dictionary):
    _, got = layer(nlp, dictionary, "The plan was criticised by Russia on Monday. It failed.")
    assert pronouns(got) == []


def test_pronouns_look_back_only_a_few_sentences(nlp, dictionary):
    filler = " ".join(["The weather was cold."] * 6)
    _, got = layer(nlp, dictionary, f"Russian Foreign Minister Sergei Lavrov arrived. {filler} He left.")
    assert pronouns(got) == []


def test_we_in_reported_speech_is_the_speaker(nlp, dictionary):
    _, got = layer(nlp, dictionary, '"We will not allow it," the Syrian government said.')
    assert pronouns(got) == [("We", "SYRGOV")]


def test_obligation_told_to_someone_is_theirs(nlp, dictionary):
    _, got = layer(nlp, dictionary, "Obama told Mubarak that he must act.", day=date(2011, 2, 7))
    assert pronouns(got) == [("he", "EGYGOV")]


def test_possessive_takes_the_nearest_agreeing_mention_but_is_no_actor(nlp, dictionary):
    doc, got = layer(nlp, dictionary, "Russia accused the Western coalition of going beyond its mandate.")
    assert pronouns(got) == []  # "its mandate" is the coalition's thing, not an actor (PETRARCH's reading too)
    its = next(t for t in doc if t.text == "its")
    assert Coreference(doc, got).antecedent(its).head.text == "coalition"


def test_a_persons_possessive_is_the_agent_of_an_event_noun(nlp, dictionary):
    from dyads import Coder

    _, got = layer(nlp, dictionary, "British Prime Minister David Cameron kept up his fight against the EU.")
    assert pronouns(got) == [("his", "GBRGOV")]  # "his fight": the person's act; "its", "their" stay unresolved
    coded = Coder().code("British Prime Minister David Cameron gained allies in his fight against the "
                         "European Union on Friday.", date="2012-11-23")
    assert [(e.cameo[:2], [a.code for a in e.source], [a.code for a in e.target]) for e in coded.events] == \
        [("11", ["GBRGOV"], ["IGOEUREEC"])]  # no weapon and an unarmed body: a fight in words


def test_definite_description_refers_back(nlp, dictionary):
    _, got = layer(nlp, dictionary, "Russian Foreign Minister Sergei Lavrov met Kerry. "
                                    "The ministry warned Syria on Tuesday.")
    ministry = next(a for a in got if a.text == "The ministry")
    assert ministry.code == "RUSGOV" and "refers back to" in ministry.source


def test_quotes_and_events_read_the_same_antecedent():
    from dyads import Coder

    coded = Coder().code("Russian Foreign Minister Sergei Lavrov met John Kerry in Geneva. "
                         "He criticised Syria, he told reporters.", date="2013-07-22")
    event = next(e for e in coded.events if e.cameo.startswith("11"))
    assert [a.code for a in event.source] == ["RUSGOV"]
    quote = next(q for q in coded.quotes if q.speaker is not None and q.speaker.text == "he")
    assert quote.speaker.code == "RUSGOV"


def test_coreference_object_answers_without_a_pipeline(nlp):
    doc = nlp("Kerry met Lavrov. He said the talks were useful.")
    kerry = Actor(text="Kerry", start=0, end=5, code="USAGOV", kind="person", name="John Kerry")
    coref = Coreference(doc, [kerry])
    he = next(t for t in doc if t.text == "He")
    assert coref.antecedent(he).head.text == "Kerry"
    assert coref.actor_of(he) is kerry


def test_a_coreference_like_another_takes_its_mentions_only_when_the_names_agree(nlp):
    doc = nlp("Kerry met Lavrov in Geneva. The ministry said he was wrong.")
    kerry = Actor(text="Kerry", start=0, end=5, code="USAGOV", kind="person", name="John Kerry")
    ministry = Actor(text="The ministry", start=28, end=40, code="RUSGOV", kind="description")
    first = Coreference(doc, [kerry])
    same_names = Coreference(doc, [kerry, ministry], like=first)
    assert same_names.mentions is first.mentions
    assert [(m.head.i, m.agreement) for m in same_names.mentions] == \
        [(m.head.i, m.agreement) for m in Coreference(doc, [kerry, ministry]).mentions]
    first.full_names["lavrov"] = "Sergei Lavrov"  # names that differ: the mentions are worked out again
    assert Coreference(doc, [kerry], like=first).mentions is not first.mentions
    assert Coreference(nlp("Kerry met Lavrov."), [kerry], like=same_names).mentions is not first.mentions


def test_a_person_named_after_a_role_only_speaker_is_that_role(nlp, dictionary):
    _, got = layer(nlp, dictionary, "MOSCOW (Reuters) - NATO is making a mistake in Libya, Russia's ambassador to "
                                    "the alliance said on Wednesday.\nDmitry Rogozin also said the conflict could "
                                    "hurt Europe. Rogozin criticised France.", day=date(2011, 6, 15))
    codes = {(a.text, a.code) for a in got}
    assert ("Dmitry Rogozin", "RUSGOV") in codes and ("Rogozin", "RUSGOV") in codes
    # a name described otherwise in its own phrase is someone else
    _, got = layer(nlp, dictionary, "ATHENS (Reuters) - Talks will go on, a Greek finance ministry official said on "
                                    "Tuesday.\n\"They need a deal,\" said economist Platon Petrou at Alpha Bank.",
                   day=date(2011, 6, 23))
    assert not any(a.text == "Platon Petrou" and a.code == "GRCGOV" for a in got)


def test_he_inside_a_quotation_is_not_its_speaker(nlp, dictionary):
    _, got = layer(nlp, dictionary, "French President Nicolas Sarkozy defended the euro. "
                                    'Asked about it, Giscard said: "He is wrong."')
    assert ("He", "FRAGOV") in pronouns(got)


def test_the_group_or_the_alliance_refers_back_to_an_organisation(nlp, dictionary):
    text = ("A report was issued on Tuesday by Physicians for Human Rights. The group says Libya must now "
            "prosecute the suspects.\n\nRussia's envoy criticised NATO. He said the alliance was sliding into "
            "a ground war. A group of protesters gathered.")
    _, got = layer(nlp, dictionary, text, date(2011, 8, 30))
    described = {a.text: a.code for a in got if a.kind == "description"}
    assert described == {"The group": "NGOHLH", "the alliance": "IGOWSTNAT"}  # "A group of protesters" is none


def test_the_bloc_of_a_euro_zone_story_is_the_union(nlp, dictionary):
    """"The bloc" with no organisation before it, after "euro zone", is the euro's union (coref.CURRENCY_UNION);
    "euro zone" itself stays no actor (a market as often as not), and "the bloc" with nothing to go back to none."""
    _, got = layer(nlp, dictionary, "Moody's downgraded several euro zone countries on Friday, blaming the policies "
                                    "of the bloc's governments.")
    described = {a.text: a.code for a in got if a.kind == "description"}
    assert described == {"the bloc": "IGOEUREEC"}
    assert not any("euro" in a.text for a in got)
    _, got = layer(nlp, dictionary, "Moody's blamed the policies of the bloc's governments.")
    assert not any(a.kind == "description" for a in got)



def test_the_four_is_the_group_counted_before_and_they_may_be_it(nlp, dictionary):
    """Rule 15: "Four Reuters journalists ... the four"; a "they" after "if the four had been detained by
    the police" is the four, not the police."""
    _, got = layer(nlp, dictionary, "Four Reuters journalists have been missing in Syria since Monday. The "
                                    "government said that if the four had been detained by the Syrian police, "
                                    "they would be released.")
    described = {a.text: a.code for a in got if a.kind == "description"}
    assert described == {"the four": "GBRMED"}
    assert ("they", "GBRMED") in pronouns(got)
    _, got = layer(nlp, dictionary, "Syrian police arrested two Reuters journalists on Monday. The two were "
                                    "released.")
    assert not any(a.kind == "description" for a in got)  # only a subject counted: the police's object may not be

@pytest.mark.parametrize(("text", "empty"), [
    ("After that it's up to the companies to continue their talks.", True),
    ("It is clear that Russia will act.", True),
    ("It was reported that the army attacked.", True),
    ("It remains to be seen whether they agree.", True),
    ("It would be disastrous if one country were to leave the euro.", True),
    ("It criticised Russia.", False),
    ("It is willing to talk to Iran.", False),
    ("It is expected to announce sanctions.", False),
])
def test_a_pleonastic_it_refers_to_nothing(nlp, dictionary, text, empty):
    from dyads.coref import pleonastic

    it = next(t for t in nlp(text) if t.lower_ == "it")
    assert pleonastic(it) is empty
    _, actors = layer(nlp, dictionary, "France made an offer. " + text)
    assert any(a.kind == "pronoun" and a.text.lower() == "it" for a in actors) is (not empty)


def test_a_possessive_says_whose_a_sector_word_is_and_dates_are_no_antecedents(nlp, dictionary):
    _, actors = layer(nlp, dictionary, "Tunisia said on Thursday that its troops attacked Libya.")
    troops = next(a for a in actors if a.text == "troops")
    assert troops.code == "TUNMIL" and "'its' -> 'Tunisia'" in troops.source


def test_the_role_before_a_closing_speech_verb_is_the_speaker_whatever_the_parse(nlp, dictionary):
    # the parser hangs "Russia's ambassador" on "Muammar Gaddafi" and makes "risks" the subject of "said"
    _, got = layer(nlp, dictionary, "NATO risks sliding into a ground war in Libya and is trying to kill its leader, "
                                    "Muammar Gaddafi, Russia's ambassador to the alliance said on Wednesday.\n"
                                    "Dmitry Rogozin also said the conflict could have dire consequences for Europe.",
                   day=date(2011, 6, 15))
    assert ("Dmitry Rogozin", "RUSGOV") in {(a.text, a.code) for a in got}


def test_a_guessed_country_does_not_replace_another_guess(nlp, dictionary):
    text = ("CAIRO (Reuters) - Egypt's army deployed in Cairo. Egyptian protesters cheered Egypt's soldiers. "
            "Egypt's military was praised. At the U.S. Institute of Peace, military officials watched. "
            "Analysts said the military stayed neutral.")
    _, got = layer(nlp, dictionary, text, day=date(2011, 1, 29))
    last = [a for a in got if a.text == "the military"][-1]
    assert last.code == "EGYMIL"


def test_a_sector_word_in_a_described_state_is_that_states(nlp, dictionary):
    text = ("AMMAN (Reuters) - Jordanian protesters marched in Amman. Jordan's government met unions. Jordanian "
            "police watched. Chanting, \"Egyptian nation, your redemption is near,\" the Jordanian demonstrators "
            "spoke to the thousands of protesters in that north African country, who hit the streets Friday.")
    _, got = layer(nlp, dictionary, text, day=date(2011, 1, 28))
    last = [a for a in got if a.text == "protesters"][-1]
    assert last.code == "EGYCVL" and "refers back to 'Egyptian nation'" in last.source


def test_a_given_name_says_the_gender(nlp, dictionary):
    text = ('New Jersey Gov. Chris Christie described Democratic presidential nominee Hillary Clinton as a '
            '"disgrace" after she attacked law enforcement officers.')
    _, got = layer(nlp, dictionary, text, date(2016, 9, 21))
    she = next(a for a in got if a.text == "she")
    assert she.name == "Hillary Clinton"  # not the subject of her sentence, a man by his given name
    # a name not listed (or a family name written first) says nothing: the subject rule stays, and a listed
    # woman's name does not win over it
    _, got = layer(nlp, dictionary, "Governor Quorth Vallin described Mary Amrani as a disgrace after she left.")
    assert next(a for a in got if a.text == "she").source.endswith("'Governor Quorth Vallin' at 0")


def test_first_name_gender_reads_the_data_file():
    from dyads.coref import name_gender

    assert name_gender("Hillary Clinton") == "f" and name_gender("Barack Obama") == "m"
    assert name_gender("Clinton") is None and name_gender("Jean Asselborn") is None  # one word; a name of both


def test_a_he_in_a_quotation_is_not_its_speaker_named_before(nlp, dictionary):
    text = ("The euro will survive, former French President Valery Giscard d'Estaing said on Wednesday. Giscard is a "
            "friend of Greece. He pressed its candidacy. Asked about French President Nicolas Sarkozy's repeated "
            "assertion that the euro could fail, Giscard said: \"He is wrong.\"")
    _, got = layer(nlp, dictionary, text, date(2011, 12, 7))
    he = [a for a in got if a.text == "He"]
    assert he[0].name == "Valery Giscard d'Estaing"  # outside the quotation: the subject of the sentence before
    assert he[1].name == "Nicolas Sarkozy" and he[1].code == "FRAGOV"  # inside: not Giscard, who says it


def test_a_name_takes_the_actor_of_its_apposition_not_one_deeper_in_it(nlp, dictionary):
    text = ("Susanna Camusso, head of the CGIL, Italy's largest union federation, demanded that Berlusconi declare "
            "the conditions. She said the text should be published.")
    _, got = layer(nlp, dictionary, text, date(2011, 8, 8))
    assert all(a.code != "ITA" for a in got if a.text == "She")  # the union's head is not the state of Italy


def test_a_persons_allies_and_aides_are_on_the_persons_side(nlp, dictionary):
    text = ("Italian Prime Minister Silvio Berlusconi is resisting intense pressure to resign. Even his closest allies "
            "are telling him publicly to go. His aides denied it.")
    _, got = layer(nlp, dictionary, text, date(2011, 11, 8))
    found = {a.text: a.code for a in got if a.kind == "description"}
    assert found == {"his closest allies": "ITA", "His aides": "ITAGOV"}  # allies: the country; aides: the office


def test_an_object_pronoun_is_not_its_verbs_subject_nor_that_subjects_actor(nlp, dictionary):
    text = ("Turkish police detained two Greek journalists near the border on Sunday.\n\n"
            "The police said they had entered illegally. A lawyer said the police threatened to beat them.")
    _, got = layer(nlp, dictionary, text, date(2012, 5, 3))
    them = next(a for a in got if a.text == "them")
    assert them.code == "GRCMED"  # the journalists, not the police who threatened (they would say "themselves")


def test_a_plural_pronoun_for_two_people_of_one_code_is_that_code(nlp, dictionary):
    text = ("Greek correspondent Nikos Vlahos said he and Greek photographer Maria Kostas were stopped at the "
            "border.\n\nTurkish police took their cameras. Police later released them.")
    _, got = layer(nlp, dictionary, text, date(2012, 5, 3))
    assert ("them", "GRCMED") in pronouns(got)
    _, got = layer(nlp, dictionary, "Standard & Poor's cut Spain's rating as European leaders met. "
                                    "The agency said they must act.")
    assert ("they", "USABUS") not in pronouns(got)  # one company's name the parser splits is no pair


def test_a_spokesman_speaks_for_the_one_his_possessive_names(nlp, dictionary):
    text = ("Joint Chiefs of Staff Adm. Mike Mullen met Egyptian Lt. Gen. Sami Enan in Cairo on Sunday.\n\n"
            "Mullen thanked Enan and \"praised the professionalism of the Egyptian military,\" said Capt. Tom Reyes, "
            "his spokesman. Reyes added that the two would stay in touch.")
    _, got = layer(nlp, dictionary, text, date(2011, 1, 30))
    spokesman = next(a for a in got if a.text.startswith("Capt. Tom Reyes") or a.text.startswith("Tom Reyes"))
    assert spokesman.code == "USAMIL"  # Mullen's, not the Egypt the sentence is set in
    assert "'his spokesman' -> 'Mullen'" in spokesman.source
    assert next(a for a in got if a.text == "Reyes").code == "USAMIL"  # named again later


def test_an_epithet_of_wealth_is_the_person_just_named(nlp, dictionary):
    text = ("The senator urged Republicans to drop Donald Trump after the billionaire estate mogul criticized a "
            "federal judge.")
    _, got = layer(nlp, dictionary, text, date(2016, 9, 22))
    mogul = next(a for a in got if a.text == "the billionaire estate mogul")
    assert mogul.code == "USA" and mogul.name == "Donald Trump" and mogul.kind == "description"
    # one that introduces someone, or that has a name of its own, is no reference back
    _, got = layer(nlp, dictionary, "Donald Trump spoke. A shipping tycoon bought the port.", date(2016, 9, 22))
    assert not [a for a in got if "tycoon" in a.text and a.name == "Donald Trump"]
    # two people named there: it could be either, or a third named before them
    text = ("Editor Jane Brooks is a friend of Prime Minister David Cameron. The move shows a tendency of the media "
            "mogul to protect his own.")
    _, got = layer(nlp, dictionary, text, date(2011, 7, 15))
    assert not [a for a in got if "mogul" in a.text and a.name]


def test_the_coalition_is_an_earlier_coalition_and_only_that(nlp, dictionary):
    text = "Estonia's ruling coalition lost a vote on Monday. The opposition party refused to help the coalition."
    _, got = layer(nlp, dictionary, text, date(2011, 10, 2))
    assert next(a for a in got if a.text == "the coalition").code == "ESTGOV"
    # not the nearest organisation of another head word: coalitions of armies or states say whose they are
    _, got = layer(nlp, dictionary, "The Estonian party Centre met on Monday. It said the coalition would fall.",
                   date(2011, 10, 2))
    assert not [a for a in got if a.text == "the coalition"]


def test_his_client_is_whom_the_lawyer_represents(nlp, dictionary):
    text = ("Prosecutors charged Hosni Mubarak on Monday. Farid Habib, a lawyer for Hosni Mubarak, said his client "
            "would appeal to the court.")
    _, got = layer(nlp, dictionary, text, date(2011, 8, 3))
    client = next(a for a in got if a.text == "his client")
    assert client.name == "Hosni Mubarak" and client.kind == "description"
