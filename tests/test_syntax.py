"""dyads.syntax: the parser's misreadings that roles and dating both see through."""

import pytest

from dyads.nlp import load_nlp
from dyads.syntax import lost_clause, lost_subject, misread_progressive


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _token(doc, word):
    return next(t for t in doc if t.text == word)


def test_a_progressive_read_as_an_adjective_heads_its_clause(nlp):
    doc = nlp("Algeria said on Friday its troops were patrolling fuel depots to halt the flow of smuggled diesel "
              "into Mali.")
    verb = _token(doc, "patrolling")
    assert verb.dep_ == "amod"  # the misreading this repairs (if the model stops making it, this test says so)
    clause, obj = misread_progressive(verb)
    assert (clause.text, obj.text) == ("were", "depots")


def test_a_while_clause_read_as_a_noun_phrase(nlp):
    doc = nlp("Militias loyal to the former president committed possible war crimes while battling rebels in Gao, "
              "a report said.")
    verb = _token(doc, "battling")
    assert verb.dep_ == "amod"
    clause, obj = misread_progressive(verb)
    assert clause is obj and obj.text == "rebels"


def test_real_adjectives_in_ing_are_left_alone(nlp):
    doc = nlp("The problems were growing concerns for the government. Rising prices worried the ministers.")
    assert all(misread_progressive(t) is None for t in doc)


def test_a_clause_subject_read_as_the_last_of_a_list(nlp):
    doc = nlp("Further donations were made from Qatar and Oman and Kuwait made a loan in August.")
    made = [t for t in doc if t.text == "made"][1]
    kuwait = _token(doc, "Kuwait")
    assert (made.dep_, kuwait.dep_) == ("conj", "conj")  # the misreading (if the model stops making it, this says so)
    assert lost_subject(made).text == "Kuwait"
    assert lost_clause(kuwait).i == made.i
    assert lost_clause(_token(doc, "Oman")) is None
    # a second verb after "and" has the first one's subject; the list before it is its object
    doc = nlp("Rebels attacked towns and villages and killed dozens of civilians.")
    assert lost_subject(_token(doc, "killed")) is None
