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
