"""Predicates -> CAMEO/PLOVER events with source, target, date, place and evidence."""

from dyads.events.coder import code_events
from dyads.events.verbs import VerbDictionary, load_verb_dictionary

__all__ = ["VerbDictionary", "code_events", "load_verb_dictionary"]
