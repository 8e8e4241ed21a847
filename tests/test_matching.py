"""dyads.events.matching: which pattern of a word the parse fills."""

from __future__ import annotations


def test_a_pronoun_fills_a_slot_of_people(coder):
    out = coder.code("Four American journalists are free weeks after they were captured by the Libyan military.",
                     date="2011-06-01")
    assert ("181", ["LBYMIL"], ["USAMED"]) in [
        (e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in out.events]
    # a pronoun for a thing fills no slot of people
    out = coder.code("The Libyan military captured the town and held it.", date="2011-06-01")
    assert not any(e.cameo == "181" for e in out.events)


def test_the_to_of_according_to_is_no_patterns_preposition(coder):
    out = coder.code("The Syrian army committed abuses in Homs, according to Amnesty International.", date="2011-08-30")
    assert not any(e.cameo.startswith("03") for e in out.events)



def test_a_phrase_set_before_the_verb_and_its_subject_is_no_patterns_preposition(coder):
    def codes(text):
        return [e.cameo for e in coder.code(text, date="2011-01-31").events]

    # "For its part, Russia called ...": not "call for" (020); "By ..., soldiers stand guard": not "stand by"
    assert "020" not in codes("For its part, Russia called the Syrian offer a good first step.")
    assert "052" not in codes("By nightfall Army soldiers stand guard outside the Egyptian Museum.")
    # after the verb the preposition is the pattern's
    assert "052" in codes("With Russia, China stood by Syria.")


def test_a_later_verbs_particle_is_not_the_hosts(coder):
    def codes(text):
        return [e.cameo for e in coder.code(text, date="2011-03-24").events]

    # "down" is "step"'s: "backing" is support (051), not "back down" (080)
    got = codes("Yemeni army units are backing opposition groups demanding he step down.")
    assert "051" in got and "080" not in got
