"""Which sentences of a parsed document can hold an event: where the entity recogniser must run.

Why: the entity recogniser is 40-50% of the parse, and on news most sentences hold no event (2.4%
of the sentences of 100 Reuters articles did). A sentence can hold one only if a word of it has a
pattern in the verb dictionary whose prepositions and slots are in its parse (`matching._match`, the
coder's own first test; it reads tags, lemmas and dependencies, which are there before entities).
The story's lead is always kept (an event's date falls back on it). What the other sentences lose
is their entities (names of people, organisations, places, dates) and with them the actors,
places and times the recogniser finds there; actors from the dictionaries need no entities.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyads.events.dialect import OURS, Dialect
from dyads.events.matching import _match, _patterns_for
from dyads.events.verbs import VerbDictionary

CANDIDATE_POS = frozenset({"VERB", "NOUN", "AUX", "PROPN", "ADJ"})
"""The parts of speech `coder.find_candidates` codes."""

LEAD_SENTENCES = 2
"""The first sentences of a document always get entities (`time.dating` reads the story's lead)."""


def may_hold_event(sent, verbs: VerbDictionary, dialect: Dialect = OURS) -> bool:
    """Whether a word of `sent` has a pattern that matches its parse (the coder's first test)."""
    return any(t.pos_ in CANDIDATE_POS and _patterns_for(t, verbs, dialect) and _match(t, verbs, dialect) is not None
               for t in sent)


def event_spans(doc: Doc, verbs: VerbDictionary, lead: int = LEAD_SENTENCES,
                dialect: Dialect = OURS) -> list[tuple[int, int]]:
    """Token ranges of the sentences that may hold an event, and of the lead (for `nlp.parse_pipe`)."""
    return [(s.start, s.end) for i, s in enumerate(doc.sents) if i < lead or may_hold_event(s, verbs, dialect)]
