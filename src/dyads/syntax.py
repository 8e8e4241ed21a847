"""Misreadings of the parser that more than one stage must see through, repaired in one place.

The roles of an event (`dyads.events.roles`) and its date (`dyads.time.dating`) both follow the
parse from a verb to its clause; where spaCy's small model reliably misreads a construction, both
would go wrong the same way, so the repair is written once here and each reader asks it.
"""

from __future__ import annotations

from spacy.tokens import Token

# subordinators of a clause of time, whose -ing verb the parser may read as an adjective ("while battling rebels");
# not "if" or "unless", whose clause is no act that happened
_TIME_MARKS = {"while", "when", "after", "before"}


def misread_progressive(verb: Token) -> tuple[Token, Token] | None:
    """A verb in -ing the parser read as an adjective on its object: "its troops were patrolling fuel
    stations" (`amod` on "stations", the attribute of "were"), "committed crimes while battling rebels"
    (`amod` on "rebels", which heads the "while" clause). Returns the clause the verb heads in truth (the
    "be" of the progressive, or the noun standing for the clause) and its object, or None.

    Why: the object of such a verb is its target and the subject of "be" (or of the clause the "while"
    clause hangs from) its source; read as an adjective, the verb has neither and its event is lost."""
    if verb.tag_ != "VBG" or verb.dep_ != "amod" or verb.head.pos_ not in {"NOUN", "PROPN"} or verb.i > verb.head.i:
        return None
    noun, doc = verb.head, verb.doc
    gov = noun.head
    if noun.dep_ == "attr" and gov.lemma_ == "be" and gov.i < verb.i and any(c.dep_ == "nsubj" for c in gov.children) \
            and all(t.dep_ in {"advmod", "neg"} for t in doc[gov.i + 1 : verb.i]):
        return gov, noun  # "were patrolling", "were still patrolling"
    if noun.dep_ == "advcl" and any(c.dep_ == "mark" and c.i == verb.i - 1 and c.lower_ in _TIME_MARKS
                                    for c in noun.children):
        return noun, noun  # "while battling rebels"
    return None


def lost_subject(verb: Token) -> Token | None:
    """The subject of a clause the parser joined to a list in the clause before it: "further donations were made from
    Bahrain and Kuwait and Germany made a loan" ("Germany" read as a third giver, "made a loan" as a second verb of
    the first clause, with no subject). A finite verb joined to an earlier one, with no subject of its own and no
    conjunction between it and the noun right before it, which closes a list ("Kuwait and Germany") inside the
    earlier clause. Returns that noun, or None.

    Why: the noun is the second clause's subject (its source) and no part of the list (not a third giver), and
    the verb's own phrases date it ("in August"); read as the parser has it, the second act has no one doing it."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == 0 \
            or any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "conj" or noun.pos_ not in {"PROPN", "NOUN"} or noun.head.i >= noun.i \
            or not any(c.dep_ == "cc" and noun.head.i < c.i < noun.i for c in noun.head.children) \
            or verb.head.i not in {a.i for a in noun.ancestors}:
        return None
    return noun


def lost_clause(noun: Token) -> Token | None:
    """The verb whose subject `noun` is, where the parser joined it to a list in the clause before (`lost_subject`)."""
    doc = noun.doc
    if noun.dep_ != "conj" or noun.i + 1 >= len(doc):
        return None
    verb = doc[noun.i + 1]
    lost = lost_subject(verb)
    return verb if lost is not None and lost.i == noun.i else None
